"""Defects found by driving the installed CLI as a translator, a reviewer and a CI job would."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

KO = Path("locales/ko/LC_MESSAGES/messages.po")


def _break_placeholder(root: Path) -> None:
    """A translator's typo: %(url)s became %(ur)s in one Korean entry (an error finding)."""
    path = root / KO
    text = path.read_text(encoding="utf-8")
    broken = text.replace('<a href=\\"%(url)s\\" hreflang=\\"ja\\">일본어판</a>', '<a href=\\"%(ur)s\\" hreflang=\\"ja\\">일본어판</a>', 1)
    assert broken != text
    path.write_text(broken, encoding="utf-8")


def test_failed_build_status_counts_agree_with_stats(real_site: Path) -> None:
    """The status page of a failed build counted an entry with an error as translated (100 %,
    "Complete for the current Japanese source") while stats counted it untranslated."""
    _break_placeholder(real_site)
    assert run_cli(real_site, "build", "--review").code == 1
    figures = {row["locale"]: row for row in json.loads(run_cli(real_site, "stats", "--format", "json").out)["locales"]}
    report = json.loads((real_site / "_reports/build-report.json").read_text(encoding="utf-8"))
    ko = next(entry for entry in report["locales"] if entry["locale"] == "ko")
    assert ko["messages"]["translated"] == figures["ko"]["translated"] == figures["ko"]["total"] - 1
    assert ko["percent"] == round(figures["ko"]["percent"], 1) < 100
    assert ko["outdated"] and ko["follows_revision"] is None
    status = (real_site / "_reports/status.html").read_text(encoding="utf-8")
    assert status.count("Complete for the current Japanese source") == 3
