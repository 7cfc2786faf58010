"""Diagnostics as data, rendered as GNU lines, GitHub annotations, JSON and SARIF."""

from __future__ import annotations

import json

from pipeline.diagnostics import Diagnostic, Location, Severity, error, format_github, format_json, summary, warning
from pipeline.reports.check_report import format_sarif, markdown_summary


def test_gnu_line_and_summary() -> None:
    found = [error(Location("a.po", 3, 5), "html-tags", "bad"), warning(Location("b.po"), "completeness", "review")]
    assert [str(d) for d in found] == ["a.po:3:5: error: bad [html-tags]", "b.po: warning: review [completeness]"]
    assert summary(found, 2) == "1 error, 1 warning in 2 catalogs"
    assert summary([], 1) == "0 errors, 0 warnings in 1 catalog"
    assert summary([], 3, "file") == "0 errors, 0 warnings in 3 files"


def test_github_annotations_escape_their_properties() -> None:
    found = [error(Location("a,b:c.po", 7), "html-tags", "50% of\nit")]
    assert format_github(found) == ["::error file=a%2Cb%3Ac.po,line=7,title=html-tags::50%25 of%0Ait [html-tags]"]


def test_github_annotations_are_capped_per_severity_with_a_notice() -> None:
    found = [warning(Location("a.po", i), "numbers", "x") for i in range(12)] + [error(Location("a.po", 99), "url", "y")]
    lines = format_github(found, limit=10)
    assert len(lines) == 12 and lines[-2].startswith("::error ") and "2 more findings" in lines[-1]


def test_json_document_is_versioned_and_carries_the_entry() -> None:
    finding = Diagnostic(Location("a.po", 4, 2), Severity.WARNING, "numbers", "x", language="ko", msgid="本文", msgstr="본문", length=3)
    document = json.loads(format_json([finding], 1))
    assert document["version"] == 1 and document["tool"] == "check"
    assert document["summary"] == {"errors": 0, "warnings": 1, "files": 1}
    record = document["findings"][0]
    assert (record["line"], record["column"], record["end_column"], record["language"], record["msgid"]) == (4, 2, 5, "ko", "本文")
    assert record["fingerprint"] == finding.fingerprint


def test_fingerprint_ignores_the_line_but_not_the_entry() -> None:
    first = Diagnostic(Location("a.po", 4), Severity.WARNING, "numbers", "x", msgid="本文")
    moved = Diagnostic(Location("a.po", 40), Severity.WARNING, "numbers", "x", msgid="本文")
    other = Diagnostic(Location("a.po", 4), Severity.WARNING, "numbers", "x", msgid="別文")
    assert first.fingerprint == moved.fingerprint != other.fingerprint


def test_sarif_and_markdown() -> None:
    found = [error(Location("a.po", 3, 5), "html-tags", "a | b")]
    log = json.loads(format_sarif(found, {"html-tags": (Severity.ERROR, "tags differ")}, "1.0"))
    assert log["version"] == "2.1.0" and log["runs"][0]["results"][0]["ruleId"] == "html-tags"
    assert "| `a.po` | 3 | error | `html-tags` | a \\| b |" in markdown_summary(found, "1 error")
