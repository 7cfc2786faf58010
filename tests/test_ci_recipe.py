"""The publishing recipe: the workflow runs nox sessions that exist, and those steps work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, run_cli


def test_workflow_runs_what_ci_runs_browser_included_and_uploads_the_site() -> None:
    workflow = (REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    noxfile = (REPO / "noxfile.py").read_text(encoding="utf-8")
    ci = (REPO / ".ci/run").read_text(encoding="utf-8")
    # A Debian image, so .ci/run's apt-get installs chromium, the CJK fonts and Java as on CI.
    assert re.search(r"container: python:3\.\d+-bookworm", workflow)
    assert "run: bash .ci/run" in workflow
    assert "packages+=(chromium)" in ci and "POLICY_PIPELINE_REQUIRE_BROWSER=1" in ci
    sessions = re.findall(r"run: python3? -m nox -s (\w+)", workflow)
    assert sessions == ["publish"]
    assert all(re.search(rf"^def {name}\(session", noxfile, re.M) for name in sessions)
    assert "upload-pages-artifact" in workflow and "path: _site" in workflow and "path: _reports" in workflow


def publish_commands() -> list[list[str]]:
    """The policy-pipeline commands of the noxfile's publish session, in order."""
    noxfile = (REPO / "noxfile.py").read_text(encoding="utf-8")
    body = noxfile[noxfile.index("def publish("):].split("\n@nox.session", 1)[0]
    calls = re.findall(r'session\.run\("policy-pipeline", ([^)]*)\)', body)
    return [re.findall(r'"([^"]+)"', call) for call in calls]


def test_publish_session_gates_on_update_check_and_the_built_pages(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(mini)  # nox runs in the project root; paths on the command line are relative to it
    commands = publish_commands()
    assert ["update", "--check"] in commands and ["check", "--site", "_site"] in commands
    for command in commands:
        assert run_cli(mini, *command).code == 0, command
    catalog = mini / "locales/ko/LC_MESSAGES/messages.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace('msgid "利用規約"', 'msgid "利用規約（旧）"', 1),
                       encoding="utf-8")
    assert run_cli(mini, "update", "--check").code == 1  # a catalog behind the template fails the job


def test_publish_steps_write_site_and_summary(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert run_cli(mini, "check", "--format", "github").code == 0
    assert run_cli(mini, "build").code == 0
    summary.write_text(run_cli(mini, "stats", "--format", "markdown").out, encoding="utf-8")
    assert (mini / "_site/ja/terms/index.html").is_file() and (mini / "_reports/status.html").is_file()
    assert "| en | 37/37 (100.0%) | 0 | 0 | 0 |" in summary.read_text(encoding="utf-8")
