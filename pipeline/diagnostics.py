"""Diagnostics as data: a location, a severity, a check id and a message, and their formats."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

JSON_FORMAT_VERSION = 1
GITHUB_ANNOTATION_LIMIT = 10  # GitHub shows 10 error and 10 warning annotations per step


class Severity(StrEnum):
    """How bad a finding is: errors block a build, warnings only with --strict."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file: path relative to the project root, 1-based line and column."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True)
class Diagnostic:
    """One finding of a stage, GNU style when printed.

    The optional fields say which entry a catalog finding is about; they make the fingerprint
    that baselines use, which survives line shifts because it holds no line number.
    """

    location: Location
    severity: Severity
    check_id: str
    message: str
    language: str | None = None
    msgctxt: str | None = None
    msgid: str | None = None
    plural_index: int | None = None
    msgstr: str | None = None
    length: int | None = None

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message} [{self.check_id}]"

    @property
    def fingerprint(self) -> str:
        """check + file + msgctxt + msgid + plural index (the message text for file findings)."""
        subject = self.message if self.msgid is None else f"{self.msgctxt}\x04{self.msgid}\x04{self.plural_index}"
        raw = "\x00".join((self.check_id, self.location.path, subject))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


class PipelineError(Exception):
    """A stage could not finish; carries the diagnostics that say why (exit 1)."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = tuple(diagnostics)


class ConfigError(Exception):
    """The configuration or the command line is wrong (exit 2)."""

    def __init__(self, messages: Sequence[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = tuple(messages)


def error(location: Location, check_id: str, message: str) -> Diagnostic:
    """An error diagnostic."""
    return Diagnostic(location, Severity.ERROR, check_id, message)


def warning(location: Location, check_id: str, message: str) -> Diagnostic:
    """A warning diagnostic."""
    return Diagnostic(location, Severity.WARNING, check_id, message)


def count(diagnostics: Iterable[Diagnostic], severity: Severity) -> int:
    """How many diagnostics have this severity."""
    return sum(1 for d in diagnostics if d.severity is severity)


def summary(diagnostics: Sequence[Diagnostic], files: int, noun: str = "catalog") -> str:
    """One closing line: '2 errors, 1 warning in 4 catalogs'."""
    errors = count(diagnostics, Severity.ERROR)
    warnings = count(diagnostics, Severity.WARNING)
    return (
        f"{plural(errors, 'error')}, {plural(warnings, 'warning')} "
        f"in {plural(files, noun)}"
    )


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 fallback', '2 fallbacks' (words for an irregular plural: 'entry', 'entries')."""
    return f"{n} {word}" if n == 1 else f"{n} {words or word + 's'}"


def format_text(diagnostics: Sequence[Diagnostic]) -> list[str]:
    """GNU style lines: path:line:col: severity: message [id]."""
    return [str(d) for d in diagnostics]


def format_github(diagnostics: Sequence[Diagnostic], limit: int | None = None) -> list[str]:
    """GitHub Actions workflow commands that annotate the pull request.

    With a limit, at most that many errors and that many warnings are annotated (GitHub drops
    the rest silently), and one closing notice counts what was left out.
    """
    shown: list[Diagnostic] = []
    left_out = 0
    for diagnostic in diagnostics:
        if limit is None or count(shown, diagnostic.severity) < limit:
            shown.append(diagnostic)
        else:
            left_out += 1
    lines = [_github_line(d) for d in shown]
    if left_out:
        lines.append(f"::notice title=policy-pipeline::{left_out} more findings are not annotated: see the job summary for the full list")
    return lines


def _github_line(diagnostic: Diagnostic) -> str:
    loc = diagnostic.location
    props = [f"file={_github_escape(loc.path, True)}"]
    if loc.line is not None:
        props.append(f"line={loc.line}")
    if loc.column is not None:
        props.append(f"col={loc.column}")
    props.append(f"title={diagnostic.check_id}")
    message = _github_escape(f"{diagnostic.message} [{diagnostic.check_id}]", False)
    return f"::{diagnostic.severity.value} {','.join(props)}::{message}"


def _github_escape(text: str, is_property: bool) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if is_property:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_json(diagnostics: Sequence[Diagnostic], files: int, tool: str = "check") -> str:
    """A versioned JSON document of every finding and the counts (schema in docs/checks.md)."""
    document = {
        "version": JSON_FORMAT_VERSION,
        "tool": tool,
        "summary": {
            "errors": count(diagnostics, Severity.ERROR),
            "warnings": count(diagnostics, Severity.WARNING),
            "files": files,
        },
        "findings": [finding_record(d) for d in diagnostics],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def finding_record(diagnostic: Diagnostic) -> dict[str, Any]:
    """One finding as the JSON report writes it."""
    loc = diagnostic.location
    end_column = loc.column + diagnostic.length if loc.column is not None and diagnostic.length else loc.column
    return {
        "file": loc.path,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.line,
        "end_column": end_column,
        "severity": diagnostic.severity.value,
        "check": diagnostic.check_id,
        "message": diagnostic.message,
        "language": diagnostic.language,
        "msgctxt": diagnostic.msgctxt,
        "msgid": diagnostic.msgid,
        "plural_index": diagnostic.plural_index,
        "msgstr": _excerpt(diagnostic.msgstr),
        "fingerprint": diagnostic.fingerprint,
    }


def _excerpt(text: str | None, limit: int = 200) -> str | None:
    if text is None or len(text) <= limit:
        return text
    return text[:limit] + "…"
