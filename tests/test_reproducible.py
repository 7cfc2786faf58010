"""Reproducibility: the same inputs give byte-identical catalogs and sites in any environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, copy_project, snapshot


def run(root: Path, cwd: Path, env: dict[str, str], *args: str) -> None:
    full = {**os.environ, "PYTHONPATH": str(REPO), **env}
    subprocess.run([sys.executable, "-m", "pipeline", "--root", str(root), *args], cwd=cwd, env=full,
                   check=True, capture_output=True)


def test_sites_and_catalogs_are_identical_across_environments(tmp_path: Path) -> None:
    results = []
    settings = [
        ({"TZ": "UTC", "PYTHONHASHSEED": "0", "LANG": "C.UTF-8"}, "a"),
        ({"TZ": "Asia/Tokyo", "PYTHONHASHSEED": "12345", "LANG": "ja_JP.UTF-8"}, "b"),
        ({"TZ": "America/Los_Angeles", "PYTHONHASHSEED": "random", "LC_ALL": "C"}, "c"),
    ]
    for env, name in settings:
        root = copy_project(REPO, tmp_path / name / "site")
        elsewhere = tmp_path / name / "cwd"
        elsewhere.mkdir()
        run(root, elsewhere, env, "extract")
        run(root, elsewhere, env, "update")
        run(root, elsewhere, env, "build")
        reports = {name: data for name, data in snapshot(root / "_reports").items() if name not in ("build-record.json", "check-record.json")}
        results.append((snapshot(root / "_site"), snapshot(root / "locales"), reports))
    assert results[0] == results[1] == results[2]
    shipped = {name: data for name, data in snapshot(REPO / "locales").items() if not name.endswith(".mo")}
    assert results[0][1] == shipped
