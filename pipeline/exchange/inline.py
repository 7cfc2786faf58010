"""Placeholders and markup as protected inline codes, and back.

A packet shows a CAT tool each `%(url)s` or `<a href="...">` as a code it must keep as it is, so
a vendor moves it but cannot break it. Codes are numbered 1..n in the order of the msgid; the
target refers to them by number, and import puts back the msgid's own text for each, so what the
vendor's tool did to the code's text never reaches the catalog.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

# Markup (as markup.TAG) and Python %-placeholders, including %% (a literal percent in
# python-format text that a vendor must not halve).
CODE = re.compile(r"<(?:[A-Za-z/!?])[^<>]*>?|%\(\w*\)[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa]|%[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs%]")
# What XML 1.0 cannot carry at all.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Segment:
    """A run of text, or an inline code (code > 0: its number in the msgid)."""

    text: str
    code: int = 0


class InlineError(Exception):
    """A target whose inline codes cannot be read back; the message says why."""


def segments(text: str, codes: tuple[str, ...] | None = None) -> list[Segment]:
    """Split text into text runs and codes; with codes given (the msgid's), number by them."""
    known = list(codes) if codes is not None else []
    found: list[Segment] = []
    position = 0
    for match in CODE.finditer(text):
        if match.start() > position:
            found.append(Segment(text[position:match.start()]))
        token = match.group()
        if codes is None:
            known.append(token)
            found.append(Segment(token, len(known)))
        else:
            found.append(Segment(token, known.index(token) + 1) if token in known else Segment(token))
        position = match.end()
    if position < len(text):
        found.append(Segment(text[position:]))
    return found


def code_list(text: str) -> tuple[str, ...]:
    """The msgid's codes in order: their numbers are what the packet refers to."""
    return tuple(s.text for s in segments(text) if s.code)


def fill(element: etree._Element, text: str, codes: tuple[str, ...], make_code: CodeMaker) -> None:
    """Put text into element as text nodes and code elements (made by the format's make_code)."""
    last: etree._Element | None = None
    for segment in segments(text, codes):
        if segment.code:
            last = make_code(element, segment.code, segment.text)
            continue
        if last is None:
            element.text = (element.text or "") + segment.text
        else:
            last.tail = (last.tail or "") + segment.text


class CodeMaker:
    """How one format writes a code: a protocol-like base (see the formats module)."""

    def __call__(self, parent: etree._Element, number: int, native: str) -> etree._Element:
        raise NotImplementedError


def read_back(element: etree._Element, codes: tuple[str, ...], code_of: CodeReader) -> str:
    """The text of a target element with each code replaced by the msgid's own text for it."""
    parts = [element.text or ""]
    for child in element:
        parts.append(_child_text(child, codes, code_of))
        parts.append(child.tail or "")
    return "".join(parts)


class CodeReader:
    """How one format reads a code element: its number, or None for a wrapper to read into."""

    def __call__(self, child: etree._Element) -> tuple[int | None, str | None]:
        raise NotImplementedError


def _child_text(child: etree._Element, codes: tuple[str, ...], code_of: CodeReader) -> str:
    number, native = code_of(child)
    if number is None:  # a marker (mrk, hi): its content is text and codes of the target
        return read_back(child, codes, code_of)
    if not 1 <= number <= len(codes):
        raise InlineError(f"inline code {number} is not in the source (it has {len(codes)})")
    if native is not None and native != codes[number - 1]:
        raise InlineError(f"inline code {number} was edited: keep it as {codes[number - 1]!r}")
    return codes[number - 1]
