"""Diagnostics as data: a location, a severity, a check id and a message, and their formats."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

JSON_FORMAT_VERSION = 1


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
    """One finding of a stage, GNU style when printed."""

    location: Location
    severity: Severity
    check_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message} [{self.check_id}]"


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


def summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    """One closing line: '2 errors, 1 warning in 4 catalogs'."""
    errors = count(diagnostics, Severity.ERROR)
    warnings = count(diagnostics, Severity.WARNING)
    return (
        f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} "
        f"in {_plural(files, 'catalog')}"
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def format_text(diagnostics: Sequence[Diagnostic]) -> list[str]:
    """GNU style lines: path:line:col: severity: message [id]."""
    return [str(d) for d in diagnostics]


def format_github(diagnostics: Sequence[Diagnostic]) -> list[str]:
    """GitHub Actions workflow commands that annotate the pull request."""
    return [_github_line(d) for d in diagnostics]


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


def format_json(diagnostics: Sequence[Diagnostic], files: int) -> str:
    """A versioned JSON document of every finding and the counts."""
    document = {
        "version": JSON_FORMAT_VERSION,
        "files": files,
        "errors": count(diagnostics, Severity.ERROR),
        "warnings": count(diagnostics, Severity.WARNING),
        "diagnostics": [
            {
                "path": d.location.path,
                "line": d.location.line,
                "column": d.location.column,
                "severity": d.severity.value,
                "check": d.check_id,
                "message": d.message,
            }
            for d in diagnostics
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
