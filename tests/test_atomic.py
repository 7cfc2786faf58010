"""Killed and concurrent runs: the site is always the whole old one or the whole new one."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.atomic import exchange, project_lock, publish_folder, recover
from pipeline.diagnostics import PipelineError

from conftest import REPO, run_cli, snapshot
from synthetic import synthetic_site


def test_publish_replaces_the_folder_whole(tmp_path: Path) -> None:
    out = tmp_path / "site"
    publish_folder({"a.html": b"1", "x/b.html": b"2"}, out)
    publish_folder({"a.html": b"3"}, out)
    assert snapshot(out) == {"a.html": b"3"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a/one").write_text("a")
    if not exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("no renameat2 on this system")
    assert (tmp_path / "b/one").read_text() == "a" and not (tmp_path / "a/one").exists()


def test_recover_puts_a_retired_site_back(tmp_path: Path) -> None:
    retired = tmp_path / ".site.old-x"
    retired.mkdir()
    (retired / "index.html").write_text("old")
    (tmp_path / ".site.new-y").mkdir()
    recover(tmp_path / "site")
    assert (tmp_path / "site/index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_second_run_is_refused_with_one_line(mini: Path) -> None:
    with project_lock(mini):
        result = run_cli(mini, "build")
    assert result.code == 1
    assert result.err == ".policy-pipeline.lock: error: another policy-pipeline run is writing in this project: wait for it to finish [locked]\n"
    assert run_cli(mini, "build").code == 0
    with project_lock(mini), pytest.raises(PipelineError), project_lock(mini):
        pass


def test_build_killed_at_random_moments_leaves_a_whole_site(tmp_path: Path) -> None:
    root = synthetic_site(tmp_path / "big", 1500)
    assert run_cli(root, "build").code == 0
    old = snapshot(root / "_site")
    catalog = root / "locales/en/LC_MESSAGES/messages.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace('"Article 1: ', '"Article 1 (amended): '), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "pipeline", "--root", str(root), "build"]
    started = time.monotonic()
    subprocess.run(command, env=env, check=True, capture_output=True)
    duration = time.monotonic() - started
    new = snapshot(root / "_site")
    assert new != old
    random.seed(7)
    outcomes = set()
    for _ in range(12):
        publish_folder(old, root / "_site")
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(random.uniform(0, duration * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = snapshot(root / "_site")
        assert now in (old, new)
        outcomes.add("new" if now == new else "old")
        recover(root / "_site")
    assert "old" in outcomes
