"""Reading catalogs strictly: 1-based lines and columns in every error, nothing guessed.

The parser keeps, for each entry, the line of its msgid and of its msgstr, which is where a
translator edits and where diagnostics point.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Location, PipelineError, error
from .model import Catalog, Message, content_key
from .poscan import scan
from .postring import SPACE as _SPACE
from .postring import PoSyntaxError as _SyntaxError
from .postring import decode as _decode
from .postring import read_string as _string

_KEYWORD = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*(?=")')
# A file name with spaces is written between FSI and PDI (GNU gettext 0.22+): one reference.
_REFERENCE = re.compile("\u2068[^\u2069]*\u2069\\S*|\\S+")


@dataclass
class _Entry:
    """An entry while it is being read."""

    # Each field's strings as read, joined once at the end (adding to a str is quadratic).
    fields: dict[str, list[str]] = field(default_factory=dict)
    plural: dict[int, list[str]] = field(default_factory=dict)
    previous: dict[str, list[str]] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    translator: list[str] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    obsolete: bool = False
    line: int = 0
    msgstr_line: int = 0
    has_comments: bool = False
    first_line: int = 0
    last_line: int = 0

    @property
    def started(self) -> bool:
        return bool(self.fields or self.plural or self.has_comments)

    @property
    def has_msgstr(self) -> bool:
        return "msgstr" in self.fields or bool(self.plural)


MAX_CATALOG_BYTES = 64 * 1024 * 1024


def read_catalog(path: Path, display: str, root: Path | None = None) -> Catalog:
    """Read a .po/.pot file strictly; a problem raises PipelineError naming display:line:col.

    With root, the file must be a regular file inside it (a link may not lead out of the project).
    """
    return parse_catalog(read_catalog_bytes(path, display, root), display)


def read_catalog_bytes(path: Path, display: str, root: Path | None = None) -> bytes:
    """The bytes of a catalog file that may be read (see unreadable)."""
    problem = unreadable(path, root)
    if problem is not None:
        raise PipelineError([error(Location(display), "po-syntax", problem)])
    try:
        return path.read_bytes()
    except OSError as exc:
        raise PipelineError([error(Location(display), "po-syntax", f"cannot read the catalog: {exc.strerror}")]) from exc


def unreadable(path: Path, root: Path | None) -> str | None:
    """Why a catalog path must not be read, or None."""
    if root is not None and not path.resolve().is_relative_to(root.resolve()):
        return "is a link that leads outside the project: replace it with the catalog file itself"
    if path.is_dir():
        return "is a folder, not a catalog file: remove it or move the .po file here"
    if path.exists() and not path.is_file():
        return "is not a regular file: replace it with the catalog file"
    if path.is_file() and path.stat().st_size > MAX_CATALOG_BYTES:
        return f"is {path.stat().st_size // 1048576} MiB, over the {MAX_CATALOG_BYTES // 1048576} MiB limit for a catalog: is it really a catalog?"
    return None


def parse_catalog(data: bytes, display: str, keep_layout: bool = True) -> Catalog:
    """Parse the bytes of a catalog (UTF-8, LF or CRLF line ends).

    Lines end at LF only, as GNU's reader has it: U+2028, U+2029, U+0085, VT and FF are text.
    With keep_layout, the file's own line ends and the text after the last entry (blank lines,
    comments) are kept, so writing it back changes nothing that did not change.
    """
    try:
        text = _decode(data)
        scanned = scan(text, keep_layout)  # the common, canonical layout in bulk
        if scanned is not None:
            messages, tail = scanned
            return _catalog(messages, display, keep_layout, "\n", tail)
        lines = text.split("\n")
        trailer: list[str] = []
        messages = list(_parse(lines, keep_layout, trailer))
    except _SyntaxError as exc:
        location = Location(display, exc.line, exc.column)
        raise PipelineError([error(location, exc.check_id, exc.message)]) from exc
    crlf = sum(line.endswith("\r") for line in lines) * 2 > len(lines)
    return _catalog(messages, display, keep_layout, "\r\n" if crlf else "\n", "\n".join(trailer))


def _catalog(messages: list[Message], display: str, keep_layout: bool, newline: str, trailer: str) -> Catalog:
    header = next((m for m in messages if m.msgid == "" and m.msgctxt is None and not m.obsolete), None)
    if header is None:
        # The file exists, so 'init' would refuse it: say how to get the header (or the file) back.
        advice = ("no header entry (msgid \"\"): put it back above the first entry (from git, or another catalog's)" if messages
                  else "the catalog is empty: restore it from git, or delete it and run 'policy-pipeline init'")
        raise PipelineError([error(Location(display, 1), "po-syntax", advice)])
    if not keep_layout:
        return Catalog(header, tuple(m for m in messages if m is not header), display)
    return Catalog(header, tuple(m for m in messages if m is not header), display, newline=newline, trailer=trailer)


def _parse(lines: list[str], keep_layout: bool, trailer: list[str]) -> Iterator[Message]:
    """The entries of the lines; trailer receives the lines after the last one (GNU ignores
    comments there)."""
    entry = _Entry()
    last: tuple[str, int | None] | None = None  # the field a continuation line extends
    last_previous = False  # whether that field is a '#|' one: a continuation must match it
    end = 0  # the last line of the previous entry: the lines between belong to the next one
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            last = None
            continue
        obsolete, previous, body = _classify(line)
        starts_entry = body.startswith(("msgctxt", "msgid")) and not body.startswith("msgid_plural")
        if entry.has_msgstr and (previous or starts_entry or body.startswith("#")):
            yield _finish(entry, number, lines[end:entry.last_line] if keep_layout else None)
            end, entry = entry.last_line, _Entry()
        entry.first_line = entry.first_line or number
        entry.last_line = number
        if body.startswith("#"):
            _comment(entry, body)
            last = None
            continue
        if (entry.fields or entry.previous) and entry.obsolete != obsolete:
            raise _SyntaxError(number, 1, "an entry mixes obsolete (#~) and current lines")
        entry.obsolete = obsolete
        last = _field_line(entry, body, number, raw, previous, last if last_previous == previous else None)
        last_previous = previous
    if entry.fields or entry.previous:
        yield _finish(entry, len(lines) + 1, lines[end:entry.last_line] if keep_layout else None)
        end = entry.last_line
    trailer.extend(lines[end:])


def _classify(line: str) -> tuple[bool, bool, str]:
    """(obsolete, previous, body) of a non-blank line: '#~| msgid' is both."""
    obsolete = line.startswith("#~")
    rest = line[2:] if obsolete else line
    previous = rest.startswith("|") if obsolete else rest.startswith("#|")
    if previous:
        rest = rest[1:] if obsolete else rest[2:]
    return obsolete, previous, rest.lstrip() if (obsolete or previous) else rest


def _comment(entry: _Entry, body: str) -> None:
    entry.has_comments = True
    kind, text = body[:2], body[2:]
    if kind == "#.":
        entry.extracted.append(text[1:] if text.startswith(" ") else text)
    elif kind == "#:":
        entry.references.extend(_REFERENCE.findall(text))
    elif kind == "#,":
        entry.flags.extend(f.strip() for f in text.split(",") if f.strip())
    else:
        comment = body[1:]
        entry.translator.append(comment[1:] if comment.startswith(" ") else comment)


_CONFLICT_MARKERS = ("<<<<<<<", "=======", ">>>>>>>", "|||||||")


def _unexpected(body: str, position: int) -> str:
    """What a line the reader cannot place is, and what to do: git's conflict markers are named."""
    if position == 0 and body.startswith(_CONFLICT_MARKERS):
        return (f"unresolved merge conflict (git's {body[:7]!r} marker): keep one side of each conflict and delete the "
                "marker lines, or merge catalogs with 'policy-pipeline merge-driver' (docs/translators.md)")
    return f"unexpected text {body[position:position + 20]!r}: expected msgctxt, msgid, msgstr or a quoted string"


def _field_line(
    entry: _Entry, body: str, number: int, raw: str, previous: bool,
    last: tuple[str, int | None] | None,
) -> tuple[str, int | None] | None:
    base = raw.find(body[:1]) + 1 if body else 1  # the column of body[0]
    position = 0
    # GNU reads tokens, not lines: 'msgid "a" msgstr "b"' and '"a" "b"' are legal on one line.
    # Positions, never slices, keep a line of many strings linear.
    while position < len(body):
        if body[position] != '"':
            match = _KEYWORD.match(body, position)
            if match is None:
                raise _SyntaxError(number, base + position, _unexpected(body, position))
            keyword, index = match.group(1), match.group(2)
            last = ("msgstr", int(index)) if index is not None else (keyword, None)
            _start_field(entry, last, number, previous)
            position = match.end()
        elif last is None:
            raise _SyntaxError(number, base + position, "a string continues nothing: put it after msgid or msgstr")
        value, position = _string(body, position, number, base)
        _append(entry, last, value, previous)
        position = _SPACE.match(body, position).end()  # type: ignore[union-attr]
    return last


def _start_field(entry: _Entry, target: tuple[str, int | None], number: int, previous: bool) -> None:
    name, index = target
    if previous:
        if name in entry.previous:
            raise _SyntaxError(number, 1, f"#| {name} appears twice in one entry")
        entry.previous[name] = []
        return
    if name != "msgctxt" and name != "msgid" and "msgid" not in entry.fields:
        raise _SyntaxError(number, 1, f"{name} before msgid")
    if name == "msgid" and "msgid" in entry.fields and not entry.has_msgstr:
        raise _SyntaxError(entry.line, 1, 'msgid without msgstr: add msgstr "" after it')
    if (name in entry.fields and index is None) or (index is not None and index in entry.plural):
        raise _SyntaxError(number, 1, f"{name if index is None else f'msgstr[{index}]'} appears twice in one entry: a missing blank line or msgid?")
    if name == "msgctxt" and "msgid" in entry.fields:
        raise _SyntaxError(number, 1, "msgctxt after msgid: msgctxt comes first")
    if name == "msgid":
        entry.line = number
    if name == "msgstr" and not entry.msgstr_line:
        entry.msgstr_line = number
    if index is not None:
        entry.plural[index] = []
    else:
        entry.fields[name] = []


def _append(entry: _Entry, target: tuple[str, int | None], value: str, previous: bool) -> None:
    name, index = target
    if previous:
        entry.previous[name].append(value)
    elif index is not None:
        entry.plural[index].append(value)
    else:
        entry.fields[name].append(value)


def _finish(entry: _Entry, number: int, lines: list[str] | None) -> Message:
    if "msgid" not in entry.fields:
        raise _SyntaxError(number - 1 if number > 1 else 1, 1, "comments without an entry: add msgid and msgstr or remove them")
    if not entry.has_msgstr:
        raise _SyntaxError(entry.line, 1, "msgid without msgstr")
    plural = "msgid_plural" in entry.fields
    if plural != bool(entry.plural) or (plural and "msgstr" in entry.fields):
        raise _SyntaxError(entry.msgstr_line or entry.line, 1, "msgid_plural needs msgstr[0], msgstr[1]…, and plain msgid needs msgstr")
    if plural and sorted(entry.plural) != list(range(len(entry.plural))):
        raise _SyntaxError(entry.line, 1, "msgstr[N] indexes must run 0, 1, 2… without gaps")
    if not entry.msgstr_line:
        entry.msgstr_line = entry.line
    strings = {name: "".join(parts) for name, parts in entry.fields.items()}
    previous = {name: "".join(parts) for name, parts in entry.previous.items()}
    fields = dict(
        # Every catalog repeats the same msgids: one shared string each keeps big projects small.
        msgid=sys.intern(strings["msgid"]),
        msgstr=strings.get("msgstr", ""),
        msgctxt=strings.get("msgctxt"),
        msgid_plural=strings.get("msgid_plural"),
        msgstr_plural=tuple("".join(entry.plural[i]) for i in sorted(entry.plural)),
        flags=tuple(dict.fromkeys(entry.flags)),
        translator_comments=tuple(entry.translator),
        extracted_comments=tuple(entry.extracted),
        references=tuple(entry.references),
        previous_msgctxt=previous.get("msgctxt"),
        previous_msgid=previous.get("msgid"),
        previous_msgid_plural=previous.get("msgid_plural"),
        obsolete=entry.obsolete,
        line=entry.line,
        msgstr_line=entry.msgstr_line,
    )
    if lines is None:  # read only to check or render: no writing back, no layout to keep
        return Message(**fields)  # type: ignore[arg-type]
    # The entry's lines as read, with the blank lines before it and their own line ends: an
    # unchanged entry is written back exactly as it was.
    text = "\n".join(lines) + "\n"
    return Message(**fields, layout=(content_key(Message(**fields)), text))  # type: ignore[arg-type]
