"""The fast path of the catalog reader: whole entries tokenized by one regular expression.

Catalogs written by msgfmt, msgmerge, Babel or this project are laid out canonically: an entry
is its comment lines, then `keyword "string"` lines with their `"continuation"` lines, entries
apart by blank lines. `scan` reads exactly that shape with one `finditer` over the whole text (a
few Python steps per entry, none per line) and returns None for anything else — obsolete or
previous-msgid lines, CR line ends, stray spaces, an unknown escape, any syntax error — so the
line-by-line reader in `pofile` reads those files, with its exact diagnostics. For a catalog it
accepts, `scan` gives the same messages as that reader (checked on the real-world corpus).
"""

from __future__ import annotations

import re
import sys

from .model import Message, comment_words

_STRING = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'  # unrolled: no alternation per character
_FIELD = rf"{_STRING}\n(?:{_STRING}\n)*"
# A field of one string without escapes (most of them) is captured as its value, any other as its strings.
_ENTRY = re.compile(
    rf"""(?P<blank>\n*)
    (?P<comments>(?:\#(?![~|])[^\n]*\n)*)
    (?:msgctxt\ (?P<msgctxt>{_FIELD}))?
    msgid\ (?:"(?P<msgid1>[^"\\\n]*)"\n(?!")|(?P<msgid>{_FIELD}))
    (?:
        msgid_plural\ (?P<plural>{_FIELD})(?P<forms>(?:msgstr\[[0-9]+\]\ {_FIELD})+)
      | msgstr\ (?:"(?P<msgstr1>[^"\\\n]*)"\n(?!")|(?P<msgstr>{_FIELD}))
    )""",
    re.VERBOSE,
)
_PIECE = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')
_FORM = re.compile(rf"msgstr\[([0-9]+)\] ((?:{_STRING}\n)+)")
_ESCAPE = re.compile(r"\\(?:([ntr\"\\abfv])|([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))")
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_REFERENCE = re.compile("\u2068[^\u2069]*\u2069\\S*|\\S+")


class _Unusual(Exception):
    """Something the fast path leaves to the line reader (which may accept it or report it)."""


def scan(text: str, keep_layout: bool) -> tuple[list[Message], str] | None:
    """The messages of a canonically laid out catalog and the text after the last one, or None."""
    if "\r" in text:
        return None
    messages: list[Message] = []
    position, line = 0, 1
    try:
        for match in _ENTRY.finditer(text):
            if match.start() != position:
                return None
            messages.append(_message(match, line, text, keep_layout, position))
            line += text.count("\n", position, match.end())
            position = match.end()
    except _Unusual:
        return None
    trailer = text[position:]
    if trailer.strip("\n") or not messages:
        return None
    # The line reader gives the last entry a newline of its own even when the file has none.
    if keep_layout and not text.endswith("\n"):
        return None
    return messages, trailer


def _message(match: re.Match[str], line: int, text: str, keep_layout: bool, end: int) -> Message:
    """One entry; line is the line number at match.start(), end where its lines as read begin."""
    comments, ctxt, msgid1, msgid, msgid_plural, forms, msgstr1, msgstr = match.group(
        "comments", "msgctxt", "msgid1", "msgid", "plural", "forms", "msgstr1", "msgstr")
    start = match.start("msgid1" if msgid is None else "msgid")
    msgid_line = line + text.count("\n", match.start(), start)
    if forms is None:
        msgstr_line = msgid_line + text.count("\n", start, match.start("msgstr1" if msgstr is None else "msgstr"))
        plural: tuple[str, ...] = ()
        msgstr = msgstr1 if msgstr is None else _join(msgstr)
    else:
        msgstr_line = msgid_line + text.count("\n", start, match.start("forms"))
        msgstr, plural = "", _forms(forms)
    translator, extracted, references, flags = _comments(comments)
    # In the order of catalogs.content_fields: the key of the layout is computed without a second Message.
    fields = (sys.intern(msgid1 if msgid is None else _join(msgid)), msgstr, None if ctxt is None else _join(ctxt),
              None if msgid_plural is None else _join(msgid_plural), plural, flags,
              translator, extracted, references, None, None, None, False)
    key = (*fields[:7], comment_words(extracted), *fields[8:])  # as content_fields compares them
    layout = (hash(key), text[end:match.end()]) if keep_layout else None
    return Message(*fields, line=msgid_line, msgstr_line=msgstr_line, layout=layout)


def _forms(block: str) -> tuple[str, ...]:
    """msgstr[0], msgstr[1]… in order; indexes that do not run 0, 1, 2… are the line reader's to report."""
    found = _FORM.findall(block)
    if [int(index) for index, _ in found] != list(range(len(found))):
        raise _Unusual
    return tuple(_join(strings) for _, strings in found)


def _join(field: str) -> str:
    """The value of a field's quoted strings, unescaped one by one (an octal escape never spans two)."""
    pieces = _PIECE.findall(field)
    if "\\" not in field:
        return pieces[0] if len(pieces) == 1 else "".join(pieces)
    return "".join(_ESCAPE.sub(_unescape, piece) for piece in pieces)


def _unescape(match: re.Match[str]) -> str:
    simple, octal, hexa = match.group(1), match.group(2), match.group(3)
    if simple is not None:
        return _SIMPLE[simple]
    if octal is not None:
        return chr(int(octal, 8))
    if hexa is not None:
        return chr(int(hexa, 16))
    raise _Unusual  # an unknown escape: the line reader says where


_NO_COMMENTS: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]] = ((), (), (), ())


def _comments(block: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Translator comments, extracted comments, references and flags, as the line reader reads them."""
    if not block:
        return _NO_COMMENTS
    translator: list[str] = []
    extracted: list[str] = []
    references: list[str] = []
    flags: list[str] = []
    for raw in block.split("\n")[:-1]:
        body = raw.strip()
        kind, rest = body[:2], body[2:]
        if kind == "#:":
            references += _REFERENCE.findall(rest)
        elif kind == "#,":
            flags += [f.strip() for f in rest.split(",") if f.strip()]
        elif kind == "#.":
            extracted.append(rest[1:] if rest.startswith(" ") else rest)
        else:
            comment = body[1:]
            translator.append(comment[1:] if comment.startswith(" ") else comment)
    return tuple(translator), tuple(extracted), tuple(references), tuple(dict.fromkeys(flags))
