"""Every command that takes a path, against the paths a hostile or careless user gives it: each is
refused with exit 2 and one `error:` line naming it, no traceback, and nothing in the project or
outside it changes (the acceptance replay of issue 17's classes, driven through the real CLI)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import SITES, copy_project, run_cli

VICTIM_TEXT = "precious"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The mini site with every hazard beside it: links (to a folder, a file, nowhere, itself), a
    git folder, a read-only folder, and a folder outside the project that must survive."""
    base = tmp_path_factory.mktemp("hostile")
    root = copy_project(SITES / "mini", base / "site")
    victim = base / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text(VICTIM_TEXT)
    (root / "link_dir").symlink_to(victim)
    (root / "link_file").symlink_to(victim / "keep.txt")
    (root / "dangling").symlink_to(root / "nowhere")
    (root / "loop").symlink_to(root / "loop")
    (root / ".git" / "hooks").mkdir(parents=True)
    (root / "ro").mkdir()
    (root / "ro").chmod(0o555)
    yield root
    (root / "ro").chmod(0o755)
    shutil.rmtree(base)


def state(root: Path) -> dict[str, object]:
    """Every entry of the project and of the folder outside it (links as their targets), without
    the run's own bookkeeping (the findings cache, the lock file)."""
    found: dict[str, object] = {}
    for folder in (root, root.parent / "victim"):
        for dirpath, dirnames, filenames in os.walk(folder):
            for name in [*filenames, *dirnames]:
                path = Path(dirpath) / name
                key = path.relative_to(root.parent).as_posix()
                if ".cache" in path.parts or name == ".policy-pipeline.lock":
                    continue
                found[key] = (os.readlink(path) if path.is_symlink() else path.read_bytes() if path.is_file() else oct(path.stat().st_mode))
    return found


WRITTEN = ["~", "~/out", "link_dir", "link_file", "dangling", "loop", "loop/x", "new\nline", "n" * 300, "pyproject.toml/x",
           ".git/hooks", "ro/out", "pyproject.toml", "locales/ko/LC_MESSAGES/messages.po"]
WRITERS = {
    "build --out": ("build", "--out"), "build --reports": ("build", "--reports"),
    "check --output": ("check", "--format", "json", "--output"), "check --write-baseline": ("check", "--write-baseline", "--baseline"),
    "export --out": ("export", "--locale", "ko", "--format", "xliff12", "--out"), "changes --packet": ("changes", "--since", "HEAD", "--packet"),
}
READ = ["loop", "loop/x", "new\nline", "n" * 300, "pyproject.toml/x", "locales", "dangling"]
READERS = {
    "import": ("import",), "release --summary-from": ("release", "--effective", "2099-01-01", "--summary-from"),
    "check --pot": ("check", "--pot"), "check PATH": ("check",), "check --baseline": ("check", "--baseline"), "--root": ("--root",),
}


def refused(root: Path, *args: str) -> str:
    before = state(root)
    result = run_cli(root, *args) if args[0] != "--root" else run_cli(root, *args, "build")
    errors = [line for line in result.err.splitlines() if line.startswith("error:")]
    assert result.code == 2, (args, result.out, result.err)
    assert "Traceback" not in result.err and "internal error" not in result.err
    assert len(errors) == 1 and len(result.err.splitlines()) == 1, result.err
    assert state(root) == before
    return errors[0]


@pytest.mark.parametrize("target", WRITTEN, ids=lambda t: repr(t[:20]))
@pytest.mark.parametrize("command", WRITERS)
def test_a_written_path_is_refused_with_one_line(project: Path, monkeypatch: pytest.MonkeyPatch, command: str, target: str) -> None:
    monkeypatch.chdir(project)
    line = refused(project, *WRITERS[command], target)
    assert WRITERS[command][-1] in line or "folder" in line


@pytest.mark.parametrize("target", READ, ids=lambda t: repr(t[:20]))
@pytest.mark.parametrize("command", READERS)
def test_a_read_path_is_refused_with_one_line(project: Path, monkeypatch: pytest.MonkeyPatch, command: str, target: str) -> None:
    monkeypatch.chdir(project)
    refused(project, *READERS[command], target)


def test_the_tilde_is_never_a_folder_name(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    assert "write the path out" in refused(project, "build", "--out", "~/site")
    assert not (project / "~").exists()


def test_a_read_only_folder_is_respected_even_by_root(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    assert "is read-only" in refused(project, "build", "--out", "ro")
    assert list((project / "ro").iterdir()) == []


def test_two_builds_at_once_one_waits_its_turn(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.atomic import project_lock

    monkeypatch.chdir(project)
    with project_lock(project):  # another run holds the project
        result = run_cli(project, "build", "--out", "_other")
    assert result.code == 1 and "another policy-pipeline run is writing" in result.err
    assert not (project / "_other").exists()


@pytest.mark.parametrize("key", ["catalogs", "templates", "glossary", "baseline", "output", "reports"])
@pytest.mark.parametrize("value", ["a\\u0000b", "new\\nline", "~/site", "loop", "loop/x", "n" * 300], ids=lambda v: v[:12])
def test_a_hostile_path_in_the_config_is_one_error_per_key(mini: Path, key: str, value: str) -> None:
    (mini / "loop").symlink_to(mini / "loop")
    config = mini / "pyproject.toml"
    text = config.read_text(encoding="utf-8")
    line = f'{key} = "{value}"'
    lines = [line if existing.startswith(f"{key} = ") else existing for existing in text.splitlines()]
    if line not in lines:
        lines.insert(lines.index("[tool.policy-pipeline]") + 1, line)
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = state(mini)
    result = run_cli(mini, "build")
    assert result.code == 2 and "Traceback" not in result.err and "internal error" not in result.err, result.err
    assert f"tool.policy-pipeline.{key}" in result.err or "output folder" in result.err or "reports folder" in result.err, result.err
    assert all(line.startswith("error: ") for line in result.err.splitlines())
    assert state(mini) == before


@pytest.mark.parametrize("args", [
    ("changes", "--since=--output=pwned"), ("changes", "--since=-p"),
    ("export", "--locale", "ko", "--format", "xliff12", "--out", "x.xlf", "--since=--output=pwned"),
    ("signoff", "--locale", "ko", "--by", "Eve\nversion = 1"), ("signoff", "--locale", "ko", "--by", "\x1b[31mred"),
])
def test_options_are_never_read_as_something_else(project: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]) -> None:
    """A revision is never an option of git (--output would make git write a file); a name in a
    sign-off record is never a control character."""
    monkeypatch.chdir(project)
    refused(project, *args)
    assert not list(project.parent.rglob("pwned*"))
