"""A build replaces only what it made; full disks and failures change nothing; modes follow the umask."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import pipeline

from conftest import REPO, run_cli, snapshot

CATALOG = "locales/ko/LC_MESSAGES/messages.po"


def sources(root: Path) -> dict[str, bytes]:
    """Every source file of a project: config, templates and catalogs."""
    found = {"pyproject.toml": (root / "pyproject.toml").read_bytes()}
    for folder in ("templates", "locales"):
        found.update({f"{folder}/{k}": v for k, v in snapshot(root / folder).items() if not k.endswith(".mo")})
    return found


def refused(root: Path, *args: str) -> str:
    """Run a build that must be refused: exit 2, one line, the project's sources untouched."""
    before = sources(root)
    result = run_cli(root, "build", *args)
    assert result.code == 2, result.err
    assert len(result.err.splitlines()) == 1 and "Traceback" not in result.err, result.err
    assert sources(root) == before
    return result.err


@pytest.mark.parametrize(("args", "named"), [
    (("--out", "locales"), "output folder locales: is the project's catalogs folder"),
    (("--out", "locales/en"), "output folder locales/en: is inside the project's catalogs folder"),
    (("--out", "locales/fr"), "output folder locales/fr: is inside the project's catalogs folder"),  # new, still refused
    (("--out", "templates"), "output folder templates: is the project's templates folder"),
    (("--out", "templates/assets"), "is inside the project's templates folder"),
    (("--out", "pyproject.toml"), "output folder pyproject.toml: is the project's config pyproject.toml"),
    (("--reports", "locales"), "reports folder locales: is the project's catalogs folder"),
    (("--reports", "_site"), "reports folder _site: must be apart from the output folder _site"),
    (("--reports", "_site/reports"), "must be apart from the output folder _site"),
    (("--out", "_reports/site"), "must be apart from the output folder _reports/site"),
])
def test_build_never_targets_a_source_or_the_other_output(mini: Path, monkeypatch: pytest.MonkeyPatch,
                                                          args: tuple[str, ...], named: str) -> None:
    monkeypatch.chdir(mini)
    assert run_cli(mini, "build").code == 0
    site = snapshot(mini / "_site")
    assert named in refused(mini, *args)
    assert snapshot(mini / "_site") == site


def test_the_pipeline_package_and_a_folder_holding_the_project_are_refused(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(mini)
    # The package as imported: under nox it is the installed copy in site-packages, not REPO/pipeline.
    package = Path(pipeline.__file__).resolve().parent
    assert "is the project's pipeline package folder" in refused(mini, "--out", str(package))
    assert "not the project root or above it" in refused(mini, "--out", str(mini.parent))


def test_a_link_named_as_the_output_is_refused_and_its_target_kept(mini: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("precious")
    (mini / "_site").symlink_to(elsewhere)
    err = refused(mini)
    assert err.startswith("error: output folder _site: is a link to ") and "never replaces what a link points to" in err
    assert snapshot(elsewhere) == {"keep.txt": b"precious"}
    (mini / "_site").unlink()
    (mini / "_reports").symlink_to(elsewhere)  # the reports folder too, even though it is "empty" of ours
    assert "reports folder _reports: is a link" in refused(mini)
    assert snapshot(elsewhere) == {"keep.txt": b"precious"}


def test_a_configured_output_outside_the_project_is_replaced_only_when_new_empty_or_ours(mini: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "notes.md").write_text("mine")
    config = mini / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("[tool.policy-pipeline]", '[tool.policy-pipeline]\noutput = "../elsewhere"'), encoding="utf-8")
    err = refused(mini)
    assert f"output folder {outside.as_posix()}: was not made by a policy-pipeline build" in err
    assert snapshot(outside) == {"notes.md": b"mine"}
    (outside / "notes.md").unlink()  # emptied by its owner: now the build may use it, and again later
    assert run_cli(mini, "build").code == 0
    assert (outside / "index.html").is_file()
    (mini / "templates/assets/extra.css").write_text("p{}")
    assert run_cli(mini, "build").code == 0 and (outside / "assets/extra.css").is_file()


def test_folders_with_content_not_made_by_a_build_are_refused(mini: Path) -> None:
    (mini / "docs").mkdir()
    (mini / "docs/guide.md").write_text("guide")
    assert "output folder docs: was not made by a policy-pipeline build" in refused(mini, "--out", str(mini / "docs"))
    assert "reports folder docs: was not made by a policy-pipeline build" in refused(mini, "--reports", str(mini / "docs"))
    (mini / "notes.txt").write_text("x")
    assert "is a file, not a folder" in refused(mini, "--out", str(mini / "notes.txt"))
    assert (mini / "docs/guide.md").read_text() == "guide" and (mini / "notes.txt").read_text() == "x"


def test_a_build_replaces_its_own_sites_and_empty_folders(mini: Path) -> None:
    (mini / "_site").mkdir()  # empty: fine
    assert run_cli(mini, "build").code == 0
    assert run_cli(mini, "build", "--out", str(mini / "preview")).code == 0
    (mini / "templates/assets/extra.css").write_text("p{}")
    assert run_cli(mini, "build").code == 0, "building elsewhere once does not disown the usual site"
    assert (mini / "_site/assets/extra.css").is_file()


def test_a_shard_the_build_reads_is_never_its_output(mini: Path) -> None:
    shard = mini / "shards/ko"
    assert run_cli(mini, "build", "--locale", "ko", "--out", str(shard / "site"), "--reports", str(shard / "reports")).code == 0
    assert "holds the shard shards/ko this build reads" in refused(mini, "--merge", str(shard), "--out", str(mini / "shards"))
    assert (shard / "site/index.html").is_file()


def break_catalog(root: Path) -> None:
    catalog = root / CATALOG
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgstr "', 'msgstr "\\q', 1), encoding="utf-8")


def test_a_failed_build_writes_review_and_status_pages_and_says_the_site_is_unchanged(mini: Path) -> None:
    assert run_cli(mini, "build").code == 0
    site = snapshot(mini / "_site")
    break_catalog(mini)
    result = run_cli(mini, "build", "--review")
    assert result.code == 1
    lines = result.err.splitlines()
    assert lines[0].startswith(f"{CATALOG}:") and ": error: " in lines[0]
    assert lines[-1] == "build failed: _site/ was left unchanged; status page _reports/status.html, review pages in _reports/review/"
    assert snapshot(mini / "_site") == site
    status = (mini / "_reports/status.html").read_text(encoding="utf-8")
    assert "The build failed: nothing new was published" in status and CATALOG in status
    assert (mini / "_reports/review/en.html").is_file()
    report = (mini / "_reports/build-report.json").read_text(encoding="utf-8")
    assert '"outcome": "failed"' in report
    # The failed build keeps the record that names the site: fixing the catalog builds into it again.
    shutil.copyfile(Path(__file__).parent / "sites/mini" / CATALOG, mini / CATALOG)
    again = run_cli(mini, "build")
    assert again.code == 0, again.err
    assert '"outcome": "published"' in (mini / "_reports/build-report.json").read_text(encoding="utf-8")


def test_a_failed_first_build_still_writes_its_status_page(mini: Path) -> None:
    break_catalog(mini)
    result = run_cli(mini, "build")
    assert result.code == 1 and result.err.splitlines()[-1].startswith("build failed: nothing was written to _site/;")
    assert not (mini / "_site").exists() and (mini / "_reports/status.html").is_file()
    assert run_cli(mini, "build").code == 1, "the reports folder it wrote is its own: no refusal the second time"


# -- full disks: a real file system limit, not a mock -------------------------------------------

@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1.5 MB tmpfs (needs root); skipped where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1536k", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def fill(disk: Path, leave: int) -> None:
    """Fill the disk until only about `leave` bytes are free."""
    free = shutil.disk_usage(disk).free
    with (disk / "filler").open("wb") as stream:
        stream.write(b"\0" * max(free - leave, 0))


def test_a_full_disk_changes_neither_site_nor_reports(small_disk: Path) -> None:
    root = small_disk / "site"
    shutil.copytree(Path(__file__).parent / "sites/mini", root)
    assert run_cli(root, "build").code == 0
    catalog = root / CATALOG
    outcomes = set()
    for leave in range(0, 160_000, 8_192):  # every fill level from full to enough, one block apart
        (small_disk / "filler").unlink(missing_ok=True)
        catalog.write_text(catalog.read_text(encoding="utf-8").replace('msgstr "적용', f'msgstr "{leave} 적용'), encoding="utf-8")
        site, reports = snapshot(root / "_site"), snapshot(root / "_reports")
        fill(small_disk, leave)
        result = run_cli(root, "build")
        leftovers = [p.name for p in root.iterdir() if p.name.startswith("._")]
        assert leftovers == [] and "internal error" not in result.err
        if result.code == 0:
            outcomes.add("built")
            assert snapshot(root / "_site") != site and snapshot(root / "_reports") != reports
            break
        outcomes.add("full")
        assert result.code == 1
        first, last = result.err.splitlines()
        assert ": error: could not write " in first and "No space left on device (about " in first
        assert " needed, " in first and first.endswith("free): free some space and run again [write-failed]")
        assert last == "build failed: _site/ and _reports/ were left unchanged"
        assert snapshot(root / "_site") == site and snapshot(root / "_reports") == reports
    assert outcomes == {"full", "built"}


def test_a_full_disk_while_writing_catalogs_is_one_line(small_disk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = small_disk / "site"
    shutil.copytree(Path(__file__).parent / "sites/mini", root)
    monkeypatch.chdir(root)
    fill(small_disk, 0)
    result = run_cli(root, "compile")
    assert result.code == 1 and len(result.err.splitlines()) == 1, result.err
    assert "error: could not write locales/" in result.err and "No space left on device" in result.err
    assert not [p for p in root.rglob(".messages*")], "no temporary file left behind"


def test_a_file_size_limit_is_one_line_without_root(mini: Path) -> None:
    """RLIMIT_FSIZE: the kernel refuses writes past a size (EFBIG) on any machine, no root needed."""
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000)); "
            "from pipeline.cli.main import main; sys.exit(main(sys.argv[1:]))")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", code, "--root", str(mini), "build"], env=env, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    first, last = result.stderr.splitlines()
    assert ": error: could not write _site/" in first or ": error: could not write " in first
    assert "File too large" in first and "[write-failed]" in first and "internal error" not in result.stderr
    assert last == "build failed: nothing was written to _site/ or _reports/"  # neither existed before
    assert not (mini / "_site").exists() and not (mini / "_reports").exists()


# -- file modes follow the umask and survive rewrites -------------------------------------------

def modes(root: Path, names: list[str]) -> dict[str, int]:
    return {name: (root / name).stat().st_mode & 0o777 for name in names}


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_written_files_keep_their_mode_and_new_ones_follow_the_umask(mini: Path, umask: int) -> None:
    (mini / "locales/messages.pot").chmod(0o640)
    (mini / "locales/en/LC_MESSAGES/messages.po").chmod(0o604)
    page = mini / "templates/page.html.j2"
    page.write_text(page.read_text(encoding="utf-8").replace("</section>", "<p>{% trans %}新しい文{% endtrans %}</p></section>", 1),
                    encoding="utf-8")
    existing = set(mini.rglob("*"))
    old = os.umask(umask)
    try:
        for command in (["extract"], ["update"], ["compile"], ["build", "--review", "--pseudo"]):
            result = run_cli(mini, *command)
            assert result.code == 0, result.err
    finally:
        os.umask(old)
    assert "新しい文" in (mini / "locales/en/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    assert modes(mini, ["locales/messages.pot", "locales/en/LC_MESSAGES/messages.po"]) == {
        "locales/messages.pot": 0o640, "locales/en/LC_MESSAGES/messages.po": 0o604}
    file, folder = 0o666 & ~umask, 0o777 & ~umask
    new = [p for p in {*mini.rglob("*"), *(mini / ".cache").rglob("*")} - existing if not p.is_symlink()]
    assert any(p.name == "messages.mo" for p in new) and any(p.parent.name == "review" for p in new)
    assert any(".cache" in p.parts for p in new) and any("pseudo" in p.parts for p in new)
    wrong = {p.relative_to(mini).as_posix(): oct(p.stat().st_mode & 0o777) for p in new
             if p.stat().st_mode & 0o777 != (folder if p.is_dir() else file)}
    assert wrong == {}
    assert modes(mini, ["_site", "_reports"]) == {"_site": folder, "_reports": folder}


def test_a_check_report_never_replaces_a_catalog_or_the_config(mini: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(mini)  # paths on the command line are relative to the current folder
    before = sources(mini)
    for target in (CATALOG, "pyproject.toml", "templates"):
        result = run_cli(mini, "check", "--format", "json", "--output", target)
        assert result.code == 2 and result.err.startswith(f"error: --output {target}: "), result.err
        assert "which this command must never replace" in result.err or "is a folder: name a file" in result.err
    assert sources(mini) == before
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    (mini / "report.json").symlink_to(victim)  # a link is refused: neither it nor what it points to is replaced
    result = run_cli(mini, "check", "--format", "json", "--output", "report.json")
    assert result.code == 2 and "is a link to" in result.err
    assert victim.read_text() == "keep" and (mini / "report.json").is_symlink()


def test_review_pages_of_a_failed_build_show_the_error_in_context(mini: Path) -> None:
    assert run_cli(mini, "build").code == 0
    site = snapshot(mini / "_site")
    catalog = mini / CATALOG
    catalog.write_text(catalog.read_text(encoding="utf-8").replace('은 <a href=\\"%(url)s\\"', '은 <a href=\\"%(ur)s\\"'),
                       encoding="utf-8")
    result = run_cli(mini, "build", "--review")
    assert result.code == 1 and "%(ur)s" in result.err
    assert result.err.splitlines()[-1].endswith("review pages in _reports/review/")
    findings = (mini / "_reports/review/ko-findings.html").read_text(encoding="utf-8")
    assert "%(ur)s" in findings and "일본어판" in findings
    assert snapshot(mini / "_site") == site


def test_a_strict_build_that_fails_says_the_site_was_left_unchanged(mini: Path) -> None:
    assert run_cli(mini, "build").code == 0
    site = snapshot(mini / "_site")
    catalog = mini / CATALOG
    catalog.write_text(catalog.read_text(encoding="utf-8").replace('msgstr "적용 범위"', 'msgstr ""'), encoding="utf-8")
    result = run_cli(mini, "build", "--strict")
    assert result.code == 1 and "[fallback]" in result.err
    assert result.err.splitlines()[-1] == "build failed: _site/ was left unchanged; status page _reports/status.html"
    assert snapshot(mini / "_site") == site
    assert "適用範囲" in (mini / "_reports/status.html").read_text(encoding="utf-8")
