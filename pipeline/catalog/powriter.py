"""Writing catalogs: unchanged entries exactly as read, changed ones exactly as GNU msgcat writes.

A file keeps its own conventions (CRLF line ends, blank lines before an entry or at the end,
comments after the last entry, another tool's wrapping of an untouched entry). What we write
follows msgcat 0.21: its flag order, `no-wrap` entries left unwrapped, a reference written once,
no `fuzzy` on an entry without a translation.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

from ..atomic import write_if_changed
from .linebreak import PAGE_WIDTH, format_string
from .model import Catalog, Message, content_key

# GNU gettext's format languages in the order msgcat writes their flags (format.c); names added
# after 0.21 (c++, rust, go, modula2, d) sit where current GNU releases put them.
_FORMATS = (
    "c", "objc", "c++", "python", "python-brace", "java", "java-printf", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "rust", "go", "ruby", "sh", "awk", "lua", "object-pascal",
    "modula2", "d", "smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl",
    "perl-brace", "php", "gcc-internal", "gfc-internal", "ycp",
)
_FORMAT_RANK = {name: rank for rank, name in enumerate(_FORMATS)}


def _flag_rank(flag: str) -> tuple[int, int]:
    """Where msgcat puts a flag: fuzzy, the format flags in GNU's order, range, no-wrap; flags
    GNU does not know (it would drop them) are kept, last, in their own order."""
    if flag == "fuzzy":
        return (0, 0)
    name = flag.removeprefix("no-").removeprefix("possible-").removesuffix("-format")
    if flag.endswith("-format") and name in _FORMAT_RANK:
        return (1, _FORMAT_RANK[name])
    if flag.startswith("range:"):
        return (2, 0)
    return (3, 0) if flag == "no-wrap" else (4, 0)


def ordered_flags(message: Message) -> list[str]:
    """The entry's flags as msgcat writes them (no fuzzy on an untranslated entry)."""
    untranslated = message.msgid != "" and not any(message.translations)
    kept = [f for f in message.flags if not (f == "fuzzy" and untranslated)]
    return sorted(kept, key=_flag_rank)


def _references(references: tuple[str, ...]) -> Iterator[str]:
    line, column = "#:", 2
    for reference in dict.fromkeys(references):  # msgcat writes a repeated reference once
        length = len(reference) + 1
        if column > 2 and column + length > PAGE_WIDTH:
            yield line
            line, column = "#:", 2
        line += " " + reference
        column += length
    yield line


def entry_text(message: Message, first: bool = False, newline: str = "\n") -> str:
    """One entry as text with the blank lines before it: as read when it is unchanged (any
    tool's layout and line ends stay), else GNU's layout after one blank line."""
    separator = "" if first else newline
    if message.layout is not None:
        if message.layout[0] == content_key(message):
            return message.layout[1]
        old = message.layout[1]
        separator = old[:len(old) - len(old.lstrip("\r\n"))]  # the blank lines it had before it
    return separator + newline.join(format_message(message)) + newline


def format_message(message: Message) -> list[str]:
    """The lines of one entry in GNU order: comments, flags, previous, then the strings."""
    lines = [f"# {c}" if c else "#" for c in message.translator_comments]
    lines += [f"#. {c}" if c else "#." for c in message.extracted_comments]
    if message.references:
        lines += _references(message.references)
    flags = ordered_flags(message)
    if flags:
        lines.append("#, " + ", ".join(flags))
    wrap = "no-wrap" not in message.flags
    prefix = "#~ " if message.obsolete else ""
    previous = "#~| " if message.obsolete else "#| "
    for keyword, value in (("msgctxt", message.previous_msgctxt), ("msgid", message.previous_msgid),
                           ("msgid_plural", message.previous_msgid_plural)):
        if value is not None:
            lines += format_string(keyword, value, previous, wrap)
    if message.msgctxt is not None:
        lines += format_string("msgctxt", message.msgctxt, prefix, wrap)
    lines += format_string("msgid", message.msgid, prefix, wrap)
    if message.msgid_plural is not None:
        lines += format_string("msgid_plural", message.msgid_plural, prefix, wrap)
        for i, text in enumerate(message.msgstr_plural):
            lines += format_string(f"msgstr[{i}]", text, prefix, wrap)
    else:
        lines += format_string("msgstr", message.msgstr, prefix, wrap)
    return lines


def format_catalog(catalog: Catalog) -> str:
    """A whole catalog: as msgcat would write it, but what did not change stays as it was."""
    entries = [catalog.header, *(m for m in catalog.messages if not m.obsolete), *(m for m in catalog.messages if m.obsolete)]
    # Newly written lines take the file's own line end (CRLF stays CRLF).
    return "".join(entry_text(m, i == 0, catalog.newline) for i, m in enumerate(entries)) + catalog.trailer


def save_catalog(catalog: Catalog, path: Path) -> bool:
    """Write a catalog in GNU gettext's layout when its text changed."""
    return write_if_changed(path, format_catalog(catalog))


def creation_date() -> str:
    """Now, or SOURCE_DATE_EPOCH for reproducible builds, in gettext's date format."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch and epoch.isdigit() \
        else dt.datetime.now(dt.UTC)
    return moment.strftime("%Y-%m-%d %H:%M+0000")
