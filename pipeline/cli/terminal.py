"""The terminal side of the CLI: colours, a progress line and how much to say.

Colour and progress only when the stream is a terminal, so logs, pipes and CI stay plain
text; NO_COLOR (https://no-color.org) turns colour off, TERM=dumb both.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

_RESET = "\033[0m"
_STYLES = {"error": "\033[1;31m", "warning": "\033[1;33m", "path": "\033[1m", "check": "\033[2m", "ok": "\033[32m"}
# path[:line[:col]]: severity: message [check-id]
_DIAGNOSTIC = re.compile(r"^(?P<path>\S.*?): (?P<severity>error|warning): (?P<message>.*?)(?P<check> \[[\w-]+\])?$")


def is_terminal(stream: TextIO) -> bool:
    """True for an interactive terminal (not a pipe, a file or a test's StringIO)."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def wants_colour(stream: TextIO) -> bool:
    """Colour for terminals, unless NO_COLOR is set (to anything non-empty)."""
    return is_terminal(stream) and not os.environ.get("NO_COLOR")


def paint(text: str, style: str, colour: bool) -> str:
    """The text in one style when colour is on."""
    return f"{_STYLES[style]}{text}{_RESET}" if colour else text


def colour_diagnostic(line: str, colour: bool) -> str:
    """A GNU-style diagnostic line with its path, severity and check id highlighted."""
    match = _DIAGNOSTIC.match(line)
    if not colour or match is None:
        return line
    severity = match["severity"]
    return (f"{paint(match['path'], 'path', True)}: {paint(severity, severity, True)}: {match['message']}"
            f"{paint(match['check'], 'check', True) if match['check'] else ''}")


@dataclass
class Terminal:
    """Where the CLI writes, and how much: quiet drops status lines, verbose adds detail."""

    out: TextIO
    err: TextIO
    quiet: bool = False
    verbose: bool = False
    _progress_shown: bool = False

    def status(self, line: str) -> None:
        """A line about what happened (suppressed by --quiet)."""
        if not self.quiet:
            print(line, file=self.out)

    def detail(self, line: str) -> None:
        """A line only --verbose shows, on stderr."""
        if self.verbose:
            self.clear_progress()
            print(line, file=self.err)

    def diagnostics(self, lines: Iterable[str], stream: TextIO | None = None) -> None:
        """Diagnostic lines, coloured on a terminal."""
        target = stream or self.err
        colour = wants_colour(target)
        self.clear_progress()
        for line in lines:
            print(colour_diagnostic(line, colour), file=target)

    def progress(self, what: str) -> None:
        """Overwrite one line on stderr with what is being done (terminals only, not --quiet)."""
        if self.quiet or not is_terminal(self.err):
            return
        self.err.write(f"\r\033[K{what}")
        self.err.flush()
        self._progress_shown = True

    def clear_progress(self) -> None:
        """Remove the progress line before anything else is printed."""
        if self._progress_shown:
            self.err.write("\r\033[K")
            self.err.flush()
            self._progress_shown = False
