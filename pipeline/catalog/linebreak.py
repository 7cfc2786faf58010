"""GNU gettext's .po layout: the same line wrapping as msgcat, so its files stay byte-identical.

GNU wraps strings at 79 columns with the Unicode line breaking algorithm (UAX #14, through
libunistring), counting East Asian wide characters as two columns. Japanese has no spaces, so
a word-wrapping writer (Babel's, polib's) lays long Japanese lines out differently from msgcat
and Poedit, and every save by either would churn the whole file. This module follows the UAX #14
rules for the character classes that legal text in our languages uses; tests compare it with
GNU msgcat on generated text.
"""

from __future__ import annotations

import functools
import itertools
import sys
import unicodedata
from functools import lru_cache

PAGE_WIDTH = 79
_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v", '"': '"', "\\": "\\"}

_ASCII_CLASSES = {
    "!": "EX", '"': "QU", "$": "PR", "%": "PO", "'": "QU", "(": "OP", ")": "CP", "+": "PR",
    ",": "IS", "-": "HY", ".": "IS", "/": "SY", ":": "IS", ";": "IS", "?": "EX", "[": "OP",
    "\\": "PR", "]": "CP", "{": "OP", "|": "BA", "}": "CL", " ": "SP", "\t": "BA",
}
_OTHER_CLASSES = {
    "\u00a0": "GL", "\u00ad": "BA", "\u00ab": "QU", "\u00bb": "QU", "\u2010": "BA", "\u2011": "GL",
    "\u2012": "BA", "\u2013": "BA", "\u2014": "B2", "\u2018": "QU", "\u2019": "QU", "\u201c": "QU",
    "\u201d": "QU", "\u2026": "IN", "\u2025": "IN", "\u2030": "PO", "\u2032": "PO", "\u2033": "PO",
    "\u20ac": "PR", "\u00a3": "PR", "\u00a5": "PR", "\u00b0": "PO", "\u200b": "ZW", "\u2060": "WJ",
    "\ufeff": "WJ", "\u3000": "BA", "\u3001": "CL", "\u3002": "CL", "\u3005": "NS", "\u301c": "NS",
    "\u303b": "NS", "\u309b": "NS", "\u309c": "NS", "\u309d": "NS", "\u309e": "NS", "\u30a0": "NS",
    "\u30fb": "NS", "\u30fc": "NS", "\u30fd": "NS", "\u30fe": "NS", "\uff01": "EX", "\uff04": "PR",
    "\uff05": "PO", "\uff08": "OPW", "\uff09": "CL", "\uff0c": "CL", "\uff0e": "CL",
    "\uff1a": "NS", "\uff1b": "NS", "\uff1f": "EX", "\uff3b": "OPW", "\uff3d": "CL", "\uff5b": "OPW",
    "\uff5d": "CL", "\uff5f": "OPW", "\uff60": "CL", "\uff61": "CL", "\uff62": "OPW", "\uff63": "CL",
    "\uff64": "CL", "\uff65": "NS", "\uffe0": "PO", "\uffe1": "PR", "\uffe5": "PR", "\uffe6": "PR",
    "\u301d": "OPW", "\u301e": "CL", "\u301f": "CL",
}
# Small kana (class CJ, which libunistring resolves to NS: no break before them).
_SMALL_KANA = set("ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ")
_CJK_BRACKETS = {0x3008: "OPW", 0x300A: "OPW", 0x300C: "OPW", 0x300E: "OPW", 0x3010: "OPW",
                 0x3014: "OPW", 0x3016: "OPW", 0x3018: "OPW", 0x301A: "OPW"}


@lru_cache(maxsize=4096)
def line_break_class(char: str) -> str:
    """The UAX #14 line breaking class of one character, as libunistring resolves it.

    OPW marks East Asian wide opening punctuation, which rule LB30 treats apart.
    """
    if char in _ASCII_CLASSES:
        return _ASCII_CLASSES[char]
    if char.isascii():
        return "NU" if char.isdigit() else "AL"
    if char in _OTHER_CLASSES:
        return _OTHER_CLASSES[char]
    if char in _SMALL_KANA:
        return "NS"
    code = ord(char)
    if 0x3008 <= code <= 0x301B:
        return _CJK_BRACKETS.get(code, "CL")
    if 0xAC00 <= code <= 0xD7A3:
        return "H2" if (code - 0xAC00) % 28 == 0 else "H3"
    if unicodedata.category(char) in ("Mn", "Me"):
        return "CM"
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return "ID"
    return "NU" if unicodedata.category(char) == "Nd" else "AL"


_NO_BREAK_BEFORE = {"CL", "CP", "EX", "IS", "SY"}  # LB13, even after spaces
_NUMERIC_PAIRS = {  # LB25, as pairs
    ("CL", "PO"), ("CP", "PO"), ("CL", "PR"), ("CP", "PR"), ("NU", "PO"), ("NU", "PR"),
    ("PO", "OP"), ("PO", "NU"), ("PR", "OP"), ("PR", "NU"), ("HY", "NU"), ("IS", "NU"),
    ("NU", "NU"), ("SY", "NU"),
}
_HANGUL = {"JL", "JV", "JT", "H2", "H3"}
_LETTERS = {"AL", "HL"}


@functools.cache
def break_allowed(before: str, after: str, spaces: bool) -> bool:
    """UAX #14 rules LB11-LB31: may a line break go between these classes?

    OPW is an East Asian wide OP: LB30 keeps letters and digits only with narrow ones.
    """
    before = "OP" if before == "OPW" else before
    if after == "OPW":
        return break_allowed(before, "OP", spaces) or (
            not spaces and before in ("AL", "HL", "NU") and break_allowed(before, "ID", spaces))
    if after in ("WJ", "ZW") or before == "WJ" or after in _NO_BREAK_BEFORE:
        return False
    if before == "ZW":
        return True
    if before == "OP" or (before == "QU" and after == "OP") or (before == "B2" and after == "B2"):
        return False
    if before in ("CL", "CP") and after == "NS":
        return False
    if before == "GL":
        return spaces
    if spaces:
        return True
    return not _joined_without_space(before, after)


def _joined_without_space(before: str, after: str) -> bool:
    """Rules LB12a-LB30 that keep two adjacent classes together."""
    return (
        (after == "GL" and before not in ("BA", "HY"))
        or "QU" in (before, after)
        or after in ("BA", "HY", "NS", "IN")
        or before == "BB"
        or (before in _LETTERS and after == "NU") or (before == "NU" and after in _LETTERS)
        or (before == "PR" and after == "ID") or (before == "ID" and after == "PO")
        or (before in ("PR", "PO") and after in _LETTERS)
        or (before in _LETTERS and after in ("PR", "PO"))
        or (before, after) in _NUMERIC_PAIRS
        or _hangul_joined(before, after)
        or (before in _LETTERS and after in _LETTERS)
        or (before in ("AL", "HL", "NU") and after == "OP")
        or (before == "CP" and after in ("AL", "HL", "NU"))
    )


def _hangul_joined(before: str, after: str) -> bool:
    return (
        (before == "JL" and after in ("JL", "JV", "H2", "H3"))
        or (before in ("JV", "H2") and after in ("JV", "JT"))
        or (before in ("JT", "H3") and after == "JT")
        or (before in _HANGUL and after == "PO")
        or (before == "PR" and after in _HANGUL)
    )


@functools.cache
def char_width(char: str) -> int:
    """Columns a character takes in a UTF-8 terminal, as GNU counts them."""
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _break_opportunities(chars: list[str], glued: list[bool]) -> list[bool]:
    """For each position, may the line break just before it (UAX #14 without a width)?"""
    result = [False] * len(chars)
    before: str | None = None
    spaces = False
    for i, char in enumerate(chars):
        cls = line_break_class(char)
        if cls == "SP":
            spaces = True
            continue
        if cls == "CM" and before is not None:
            continue
        cls = "AL" if cls == "CM" else cls
        if before is not None and not glued[i]:
            result[i] = break_allowed(before, cls, spaces)
        before, spaces = cls, False
    return result


def _wrap_portion(chars: list[str], possible: list[bool], width: int, start_column: int) -> list[int]:
    """Greedy fill like libunistring's width line breaking: the indexes where lines start."""
    starts: list[int] = []
    last_start: int | None = None
    column, piece = start_column, 0
    for i, char in enumerate(chars):
        if possible[i]:
            if last_start is not None and column + piece > width:
                starts.append(last_start)
                column = 0
            last_start = i
            column += piece
            piece = 0
        piece += char_width(char)
    if last_start is not None and column + piece > width:
        starts.append(last_start)
    return starts


def _escaped(portion: str) -> tuple[list[str], list[bool]]:
    """The portion as written between quotes; glued marks an escape's second character."""
    chars: list[str] = []
    glued: list[bool] = []
    for char in portion:
        if char in _ESCAPES:
            chars += ["\\", _ESCAPES[char]]
            glued += [False, True]
        else:
            chars.append(char)
            glued.append(False)
    if portion.endswith("\n") and len(glued) >= 2:
        glued[-2] = True  # GNU never breaks just before the final \n
    return chars, glued


@functools.lru_cache(maxsize=1 << 16)
def format_string(keyword: str, value: str, prefix: str = "", wrap: bool = True) -> tuple[str, ...]:
    """The lines of `keyword "value"` exactly as GNU msgcat wraps them (a `no-wrap` entry's
    strings break only after newlines, as GNU writes them)."""
    portions = _portions(value)
    after_break = len(prefix) + 1
    width = PAGE_WIDTH - 1 - after_break if wrap else sys.maxsize
    lines: list[str] = []
    first = True
    for index, portion in enumerate(portions):
        chars, glued = _escaped(portion)
        possible = _break_opportunities(chars, glued)
        column = len(prefix) + len(keyword) + 2 - after_break if first else len(prefix) + 1 - after_break
        starts = _wrap_portion(chars, possible, width, column)
        if first and (index < len(portions) - 1 or column > width or starts):
            lines.append(f'{prefix}{keyword} ""')
            first = False
            column = len(prefix) + 1 - after_break
            starts = _wrap_portion(chars, possible, width, column)
        bounds = [0, *starts, len(chars)]
        for start, end in itertools.pairwise(bounds):
            text = "".join(chars[start:end])
            lines.append(f'{prefix}{keyword} "{text}"' if first else f'{prefix}"{text}"')
            first = False
    return tuple(lines)


def _portions(value: str) -> list[str]:
    """Split after each newline, as GNU does before wrapping; an empty string is one portion."""
    portions: list[str] = []
    start = 0
    for i, char in enumerate(value):
        if char == "\n":
            portions.append(value[start:i + 1])
            start = i + 1
    if start < len(value) or not portions:
        portions.append(value[start:])
    return portions
