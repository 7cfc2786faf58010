"""Shared fixtures: miniature sites copied into tmp_path, the real site, and a CLI runner."""

from __future__ import annotations

import io
import shutil
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.cli import main

REPO = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Run:
    """What one CLI invocation did."""

    code: int
    out: str
    err: str


def run_cli(root: Path, *args: str) -> Run:
    """Run the real CLI in-process on a project folder."""
    out, err = io.StringIO(), io.StringIO()
    code = main(["--root", str(root), *args], out=out, err=err)
    return Run(code, out.getvalue(), err.getvalue())


def copy_project(source: Path, target: Path) -> Path:
    """A fresh copy of a project (no build output, no compiled catalogs)."""
    ignore = shutil.ignore_patterns("_site", "_reports", "*.mo", "__pycache__")
    target.mkdir(parents=True)
    shutil.copy2(source / "pyproject.toml", target / "pyproject.toml")
    for folder in ("templates", "locales"):
        shutil.copytree(source / folder, target / folder, ignore=ignore)
    return target


def per_message_fallback(root: Path) -> Path:
    """Make every locale of a project with releases publish the newest release with per-message
    fallback (versions = "fallback"), the rule of a project without releases."""
    config = root / "pyproject.toml"
    text = config.read_text(encoding="utf-8")
    for locale in tomllib.loads(text)["tool"]["policy-pipeline"]["locales"]:
        header = f"[tool.policy-pipeline.locale.{locale}]\n"
        text = text.replace(header, header + 'versions = "fallback"\n') if header in text else text + f'\n{header}versions = "fallback"\n'
    config.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """The miniature site: one page, ja source, en and ko complete."""
    return copy_project(SITES / "mini", tmp_path / "mini")


@pytest.fixture
def real_site(tmp_path: Path) -> Path:
    """A copy of the shipped project: templates, catalogs and config."""
    return copy_project(REPO, tmp_path / "site")


@pytest.fixture
def with_catalog(mini: Path) -> Callable[[str, str], Path]:
    """Replace one catalog of the mini site with a named fixture file."""

    def install(locale: str, fixture: str) -> Path:
        target = mini / "locales" / locale / "LC_MESSAGES" / "messages.po"
        shutil.copyfile(FIXTURES / "catalogs" / f"{fixture}.po", target)
        return mini

    return install


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped site built once for the end-to-end tests; returns the output folder."""
    root = copy_project(REPO, tmp_path_factory.mktemp("built") / "site")
    result = run_cli(root, "build")
    assert result.code == 0, result.err
    return root / "_site"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below a folder with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One visible line when the browser tests were skipped for want of their tools, and how to
    get them (the -ra list of skips is easy to miss)."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "test_browser" in r.nodeid]
    if skipped:
        reasons = sorted({str(r.longrepr[2]).removeprefix("Skipped: ") for r in skipped if isinstance(r.longrepr, tuple)})
        terminalreporter.write_line(
            f"BROWSER TESTS SKIPPED: {len(skipped)} tests ({'; '.join(reasons)}). Install them as .ci/run does "
            "(apt-get install chromium fonts-noto-cjk default-jre-headless poppler-utils; npm ci --ignore-scripts), "
            "or set POLICY_PIPELINE_REQUIRE_BROWSER=1 to make a missing tool fail the run.",
            yellow=True, bold=True)
