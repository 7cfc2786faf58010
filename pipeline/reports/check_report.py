"""Report formats beyond GNU lines: SARIF 2.1.0 for code scanning, Markdown for a job summary."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ..diagnostics import Diagnostic, Severity
from .markdown import markdown_cell

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def format_sarif(diagnostics: Sequence[Diagnostic], rules: Mapping[str, tuple[Severity, str]], version: str) -> str:
    """One SARIF 2.1.0 log with one run; rules are (default severity, summary) by check id."""
    used = sorted({d.check_id for d in diagnostics} | set(rules))
    run = {
        "tool": {"driver": {
            "name": "policy-pipeline check", "version": version,
            "rules": [_rule(check_id, rules.get(check_id)) for check_id in used],
        }},
        "columnKind": "unicodeCodePoints",
        "results": [_result(d, used.index(d.check_id)) for d in diagnostics],
    }
    return json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2)


def _rule(check_id: str, info: tuple[Severity, str] | None) -> dict[str, Any]:
    severity, summary = info or (Severity.ERROR, check_id)
    return {"id": check_id, "shortDescription": {"text": summary},
            "defaultConfiguration": {"level": _LEVELS[severity]},
            "helpUri": f"docs/checks.md#{check_id}"}


def _result(diagnostic: Diagnostic, rule_index: int) -> dict[str, Any]:
    region: dict[str, int] = {}
    if diagnostic.location.line is not None:
        region["startLine"] = diagnostic.location.line
        if diagnostic.location.column is not None:
            region["startColumn"] = diagnostic.location.column
            region["endColumn"] = diagnostic.location.column + (diagnostic.length or 1)
    physical: dict[str, Any] = {"artifactLocation": {"uri": diagnostic.location.path}}
    if region:
        physical["region"] = region
    return {
        "ruleId": diagnostic.check_id, "ruleIndex": rule_index, "level": _LEVELS[diagnostic.severity],
        "message": {"text": diagnostic.message},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {"policyPipelineFinding/v1": diagnostic.fingerprint},
    }


def markdown_summary(diagnostics: Sequence[Diagnostic], closing: str) -> str:
    """The full list as a Markdown table, for $GITHUB_STEP_SUMMARY (annotations are capped)."""
    lines = ["### policy-pipeline check", "", closing, ""]
    if diagnostics:
        lines += ["| file | line | severity | check | message |", "|---|---|---|---|---|"]
        lines += [f"| `{d.location.path}` | {d.location.line or ''} | {d.severity.value} | `{d.check_id}` | {markdown_cell(d.message)} |" for d in diagnostics]
    return "\n".join(lines) + "\n\n"
