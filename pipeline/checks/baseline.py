"""A baseline: fingerprints of known warnings, frozen so that only new ones are reported.

A fingerprint is check + file + msgctxt + msgid + plural index (see Diagnostic.fingerprint):
no line numbers, so the baseline survives edits elsewhere in the catalog. Errors are never
baselined: they block publishing whatever the history.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ..atomic import write_if_changed
from ..diagnostics import ConfigError, Diagnostic, Severity

BASELINE_VERSION = 1
BASELINE_FILE = "check-baseline.json"  # in the catalogs folder, when the config names none


def read_baseline(path: Path | None) -> Counter[str]:
    """The fingerprints of a baseline file with their counts; none when there is no file."""
    if path is None or not path.is_file():
        return Counter()
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return Counter({entry["fingerprint"]: int(entry.get("count", 1)) for entry in document["findings"]})
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError([f"{path.name}: not a baseline file ({exc}): write it with 'policy-pipeline check --write-baseline'"]) from exc


def apply_baseline(diagnostics: Sequence[Diagnostic], known: Counter[str]) -> tuple[list[Diagnostic], int]:
    """The diagnostics not frozen by the baseline, and how many were."""
    remaining = Counter(known)
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        if diagnostic.severity is Severity.WARNING and remaining[diagnostic.fingerprint] > 0:
            remaining[diagnostic.fingerprint] -= 1
        else:
            kept.append(diagnostic)
    return kept, len(diagnostics) - len(kept)


def write_baseline(path: Path, diagnostics: Sequence[Diagnostic]) -> int:
    """Freeze the current warnings; returns how many. Sorted and line-free, so diffs stay small."""
    counts: Counter[str] = Counter()
    described: dict[str, dict[str, object]] = {}
    for d in diagnostics:
        if d.severity is Severity.WARNING:
            counts[d.fingerprint] += 1
            described[d.fingerprint] = {"check": d.check_id, "file": d.location.path, "msgctxt": d.msgctxt, "msgid": d.msgid}
    findings = [{"fingerprint": fp, "count": counts[fp], **described[fp]} for fp in sorted(counts)]
    document = {"version": BASELINE_VERSION, "findings": findings}
    write_if_changed(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return sum(counts.values())
