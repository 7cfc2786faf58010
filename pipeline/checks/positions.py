"""Where a character of a msgstr sits in the .po file: the physical line and column to report.

A translator fixes the line an editor jumps to, so a finding about one character of a
multi-line msgstr points at the continuation line that holds it, with a 1-based column
counted in characters (not bytes), as GNU's error format and editors' problem matchers expect.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence

from ..catalog.postring import escape_length


def string_position(
    lines: Sequence[str], first_line: int, keyword: str, offset: int
) -> tuple[int, int] | None:
    """(line, column) of character `offset` of the string that starts at or after first_line with keyword."""
    start = field_line(lines, first_line, keyword)
    if start is None:
        return None
    end = start
    while end < len(lines) and lines[end].lstrip().startswith('"'):
        end += 1
    positions = _positions(tuple(lines[start - 1:end]), start)
    if not positions:
        return None
    if offset < len(positions):
        return positions[offset]
    line, column = positions[-1]
    return line, column + 1


@functools.lru_cache(maxsize=64)  # many findings in one long string: its map is made once, not per finding
def _positions(raw_lines: tuple[str, ...], start: int) -> tuple[tuple[int, int], ...]:
    """(line, column) of every character the string's quoted lines decode to, in order."""
    return tuple((number, column) for number, raw in enumerate(raw_lines, start) for column in _decoded_columns(raw))


def field_line(lines: Sequence[str], first_line: int, keyword: str) -> int | None:
    """The line of `keyword "…"`, looking from first_line to the end of the entry."""
    for number in range(max(first_line, 1), min(len(lines), first_line + 2000) + 1):
        stripped = lines[number - 1].lstrip()
        if stripped.startswith(keyword) and stripped[len(keyword):].lstrip().startswith('"'):
            return number
        if number > first_line and not stripped:
            return None
    return None


def _decoded_columns(raw: str) -> Iterator[int]:
    """The 1-based column of each character a quoted PO string line decodes to."""
    i = raw.find('"') + 1
    if i == 0:
        return
    while i < len(raw) and raw[i] != '"':
        yield i + 1
        i += escape_length(raw, i) if raw[i] == "\\" else 1
