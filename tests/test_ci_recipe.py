"""The publishing recipe: the workflow runs nox sessions that exist, and those steps work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, run_cli


def test_workflow_uses_existing_sessions_and_uploads_the_site() -> None:
    workflow = (REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    noxfile = (REPO / "noxfile.py").read_text(encoding="utf-8")
    sessions = re.findall(r"run: python -m nox -s (\w+)", workflow)
    assert sessions == ["tests", "publish"]
    assert all(re.search(rf"^def {name}\(session", noxfile, re.M) for name in sessions)
    assert "upload-pages-artifact" in workflow and "path: _site" in workflow and "path: _reports" in workflow


def test_publish_steps_write_site_and_summary(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert run_cli(mini, "check", "--format", "github").code == 0
    assert run_cli(mini, "build").code == 0
    summary.write_text(run_cli(mini, "stats", "--format", "markdown").out, encoding="utf-8")
    assert (mini / "_site/ja/terms/index.html").is_file() and (mini / "_reports/status.html").is_file()
    assert "| en | 37/37 (100.0%) | 0 | 0 | 0 |" in summary.read_text(encoding="utf-8")
