"""PO text: a catalog's bytes as UTF-8 (a BOM or another charset named), and its string
literals: the escapes GNU gettext reads, decoded once, and how long each is as written (so a
finding can point at the column of one character of a msgstr).
"""

from __future__ import annotations

import re

_DECLARED_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]{1,40})")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


class PoSyntaxError(Exception):
    """A line of a catalog the reader cannot read: where (1-based) and why."""

    def __init__(self, line: int, column: int, message: str, check_id: str = "po-syntax") -> None:
        super().__init__(message)
        self.line, self.column, self.message, self.check_id = line, column, message, check_id


_SIMPLE_STRING = re.compile(r'"([^"\\]*)"')
_NEXT_TOKEN = re.compile(r'\s*(?:"|msgctxt|msgid|msgstr|$)')
SPACE = re.compile(r"\s*")
_OCTAL = re.compile(r"[0-7]{1,3}")
_HEX = re.compile(r"x[0-9a-fA-F]{1,2}")


def read_string(text: str, start: int, number: int, base: int) -> tuple[str, int]:
    """Unescape the quoted PO string at text[start] (a quote); returns it and where it ends.
    Only another string or keyword may follow it; base is the column of text[0]."""
    simple = _SIMPLE_STRING.match(text, start)
    if simple is not None:  # no escapes: most strings of a catalog
        return simple.group(1), _after_string(text, simple.end(), number, base)
    out: list[str] = []
    i = start + 1
    while i < len(text):
        char = text[i]
        if char == '"':
            return "".join(out), _after_string(text, i + 1, number, base)
        if char == "\\":
            i, decoded = _escape(text, i, number, base)
            out.append(decoded)
            continue
        out.append(char)
        i += 1
    raise PoSyntaxError(number, base + start, "unterminated string: add the closing quote")


def _after_string(text: str, end: int, number: int, base: int) -> int:
    """end, once checked that what follows a closing quote is nothing, a string or a keyword."""
    if _NEXT_TOKEN.match(text, end) is None:
        offset = SPACE.match(text, end).end()  # type: ignore[union-attr]
        raise PoSyntaxError(number, base + offset, "text after the closing quote: escape inner quotes as \\\"")
    return end


def _escape(text: str, i: int, number: int, base: int) -> tuple[int, str]:
    nxt = text[i + 1:i + 2]
    if nxt in ESCAPES:
        return i + 2, ESCAPES[nxt]
    octal = _OCTAL.match(text, i + 1)
    if octal:
        return octal.end(), chr(int(octal.group(), 8))
    hexa = _HEX.match(text, i + 1)
    if hexa:
        return hexa.end(), chr(int(hexa.group()[1:], 16))
    raise PoSyntaxError(number, base + i, f"unknown escape sequence \\{nxt}: write a backslash as \\\\")


def escape_length(raw: str, i: int) -> int:
    """How many characters the escape at raw[i] (a backslash) takes as written."""
    following = raw[i + 1:i + 2]
    if following in ESCAPES:
        return 2
    match = _OCTAL.match(raw, i + 1) or _HEX.match(raw, i + 1)
    return 1 + len(match.group()) if match else 2


def decode(data: bytes) -> str:
    """The text of a catalog file, which must be UTF-8 without a byte-order mark."""
    if data.startswith(b"\xef\xbb\xbf"):
        raise PoSyntaxError(1, 1, "byte-order mark at the start: save the file as UTF-8 without BOM", "encoding")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        declared = _DECLARED_CHARSET.search(data[:4096])
        if declared is not None and declared.group(1).decode("ascii").upper().replace("_", "-") not in ("UTF-8", "UTF8"):
            # A legacy catalog (GNU reads it in its declared charset): say how to convert it.
            charset = declared.group(1).decode("ascii")
            raise PoSyntaxError(line, column, f"the catalog is in {charset} (its Content-Type says so), not UTF-8: "
                                             "convert it with 'msgconv -t UTF-8 -o FILE FILE'", "encoding") from exc
        raise PoSyntaxError(line, column, "not valid UTF-8: save the file as UTF-8", "encoding") from exc
