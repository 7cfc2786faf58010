"""Checks of a whole catalog: its header and duplicate entries."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..diagnostics import Diagnostic, error
from .context import CheckContext

FileCheck = Callable[[CheckContext], Iterator[Diagnostic]]
_SPACES = re.compile(r"\s+")


def header_language(context: CheckContext) -> Iterator[Diagnostic]:
    """The Language header names the locale of the catalog's folder."""
    language = context.catalog.header_field("Language")
    line = context.catalog.header.msgstr_line or 1
    if language != context.locale.identifier:
        shown = "missing" if language is None else repr(language)
        yield error(context.at(line), "header-language",
                    f"Language header is {shown}, but the catalog is for {context.locale.identifier!r}: set 'Language: {context.locale.identifier}'")


def header_charset(context: CheckContext) -> Iterator[Diagnostic]:
    """Catalogs are UTF-8 and say so."""
    content_type = context.catalog.header_field("Content-Type") or ""
    if "charset=utf-8" not in content_type.lower().replace(" ", ""):
        yield error(context.at(context.catalog.header.msgstr_line or 1), "encoding",
                    "Content-Type must declare charset=UTF-8 (the file is read as UTF-8)")


def plural_forms(context: CheckContext) -> Iterator[Diagnostic]:
    """The Plural-Forms header is CLDR's rule for the locale (compared without evaluating it)."""
    value = context.catalog.header_field("Plural-Forms")
    expected = context.locale.plural_forms
    if value is None or _normal(value) != _normal(expected):
        shown = "missing" if value is None else repr(value)
        yield error(context.at(context.catalog.header.msgstr_line or 1), "plural-forms",
                    f"Plural-Forms is {shown}; CLDR's rule for {context.locale.identifier} is '{expected}'")


def _normal(value: str) -> str:
    return _SPACES.sub("", value).rstrip(";")


def duplicates(context: CheckContext) -> Iterator[Diagnostic]:
    """Each (msgctxt, msgid) appears once; gettext tools reject duplicates."""
    first: dict[tuple[str | None, str], int] = {}
    for message in context.catalog.current:
        if message.key in first:
            yield error(context.at(message.line), "duplicates",
                        f"duplicate message {message.msgid[:40]!r}, first defined at line {first[message.key]}: merge the two entries")
        else:
            first[message.key] = message.line


FILE_CHECKS: tuple[FileCheck, ...] = (header_language, header_charset, plural_forms, duplicates)
