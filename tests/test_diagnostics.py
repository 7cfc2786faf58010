"""Diagnostics as data, rendered as GNU lines, GitHub annotations and JSON."""

from __future__ import annotations

import json

from pipeline.diagnostics import Location, error, format_github, format_json, summary, warning


def test_gnu_line_and_summary() -> None:
    found = [error(Location("a.po", 3, 5), "markup", "bad"), warning(Location("b.po"), "fuzzy", "review")]
    assert [str(d) for d in found] == ["a.po:3:5: error: bad [markup]", "b.po: warning: review [fuzzy]"]
    assert summary(found, 2) == "1 error, 1 warning in 2 catalogs"
    assert summary([], 1) == "0 errors, 0 warnings in 1 catalog"


def test_github_annotations_escape_their_properties() -> None:
    found = [error(Location("a,b:c.po", 7), "markup", "50% of\nit")]
    assert format_github(found) == ["::error file=a%2Cb%3Ac.po,line=7,title=markup::50%25 of%0Ait [markup]"]


def test_json_document_is_versioned() -> None:
    document = json.loads(format_json([warning(Location("a.po", 1), "fuzzy", "x")], 1))
    assert document["version"] == 1 and document["warnings"] == 1 and document["diagnostics"][0]["line"] == 1
