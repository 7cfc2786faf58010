"""Every shell command the README and docs/ show works as written, on a copy of the shipped project.

The commands are read from the ```sh blocks themselves, so a doc edit is tested by the next run.
`policy-pipeline` is this checkout's CLI (a shim on PATH); msgfmt is GNU gettext's."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, copy_project

DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
# Commands left to other tests, each with why: they install from PyPI or run until Ctrl-C.
NOT_RUN_HERE = {
    "python3 -m pip install nox && python3 -m nox -s build": ".ci/run installs nox and runs the sessions",
    "python3 -m pip install nox && python3 -m nox -s tests": ".ci/run runs exactly this command",
    "policy-pipeline serve": "runs until Ctrl-C; tests/test_serve.py drives the same server",
    "policy-pipeline serve --port 0": "runs until Ctrl-C; tests/test_serve.py drives the same server",
}


def documented_commands(path: Path) -> list[str]:
    """The command lines of a Markdown file's ```sh blocks, comments dropped."""
    text = path.read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"```(?:sh|bash|shell)\n(.*?)```", text, re.S):
        for line in block.splitlines():
            command = re.sub(r"\s+#\s.*$", "", line).strip()
            if command and not command.startswith("#"):
                lines.append(command)
    return lines


def test_every_documented_command_is_run_or_excused() -> None:
    found = {command for doc in DOCS for command in documented_commands(doc)}
    assert found, "no ```sh blocks found: the extraction is broken"
    assert set(NOT_RUN_HERE) <= found, f"excused commands no longer documented: {set(NOT_RUN_HERE) - found}"


def shell(project: Path, shim: Path, command: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(REPO)}
    return subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def shim(tmp_path: Path) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / "policy-pipeline"
    program.write_text(f"#!/bin/sh\nexec {sys.executable} -m pipeline \"$@\"\n", encoding="utf-8")
    program.chmod(0o755)
    return folder


def prepare(doc: Path, project: Path, shim: Path) -> None:
    """What a doc's reader has done before its commands: legal.md starts from a changed source."""
    if doc.name == "legal.md":
        template = project / "templates/sitepolicy.html.j2"
        text = template.read_text(encoding="utf-8")
        template.write_text(text.replace("不正な手段により個人情報を取得しない", "不正な手段により個人情報を取得することはない"),
                            encoding="utf-8")
        (project / "summary.txt").write_text("個人情報の取得の文言を改めました。\n", encoding="utf-8")


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")
@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_documented_commands_work_as_written(doc: Path, tmp_path: Path, shim: Path) -> None:
    commands = [c for c in documented_commands(doc) if c not in NOT_RUN_HERE]
    if not commands:
        pytest.skip(f"{doc.name} shows no runnable commands")
    project = copy_project(REPO, tmp_path / "site")
    prepare(doc, project, shim)
    for command in commands:
        done = shell(project, shim, command)
        assert done.returncode == 0, f"{doc.name}: `{command}` exited {done.returncode}:\n{done.stdout}{done.stderr}"
