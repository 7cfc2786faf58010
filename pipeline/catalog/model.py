"""The catalog model: messages with where they came from, and catalogs; it imports none of our modules.

Reading is in pofile.py, writing in powriter.py, .mo files in mofile.py (Babel's catalog.py <- pofile.py shape)."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

Key = tuple[str | None, str]


@dataclass(frozen=True)
class Message:
    """One catalog entry, with where it came from (its .po lines and template locations)."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    translator_comments: tuple[str, ...] = ()
    extracted_comments: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    line: int = 0
    msgstr_line: int = 0
    # (content_key, the entry's lines as read): lets the writer keep an unchanged entry's layout.
    layout: tuple[int, str] | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> Key:
        """What identifies a message in a catalog: its context and msgid."""
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        """Marked for review: never published."""
        return "fuzzy" in self.flags

    @property
    def translations(self) -> tuple[str, ...]:
        """Every msgstr of the entry (one, or one per plural form)."""
        return self.msgstr_plural if self.msgid_plural is not None else (self.msgstr,)

    def written_forms(self) -> Iterator[tuple[int, str]]:
        """Each translation that is not empty, with the index of its plural form."""
        return ((index, text) for index, text in enumerate(self.translations) if text)

    @property
    def translated(self) -> bool:
        """Every form has a translation (fuzzy or not)."""
        return all(self.translations)

    @property
    def publishable(self) -> bool:
        """Translated, current, and not marked fuzzy."""
        return self.translated and not self.fuzzy and not self.obsolete


@dataclass(frozen=True)
class Catalog:
    """A .po or .pot file: its header entry and its messages in file order."""

    header: Message
    messages: tuple[Message, ...] = ()
    path: str = ""
    # The file's own conventions, kept when it is written back: its line end, and the text after
    # its last entry (blank lines, comments), which GNU's reader ignores.
    newline: str = "\n"
    trailer: str = ""

    def header_fields(self) -> list[tuple[str, str]]:
        """The header's 'Name: value' fields in order."""
        fields = []
        for line in self.header.msgstr.split("\n"):
            name, sep, value = line.partition(":")
            if sep:
                fields.append((name.strip(), value.strip()))
        return fields

    def header_field(self, name: str) -> str | None:
        """One header field's value, or None."""
        return next((v for n, v in self.header_fields() if n.lower() == name.lower()), None)

    def with_header_field(self, name: str, value: str) -> Catalog:
        """The same catalog with one header field set, in place if present, else appended."""
        lines = self.header.msgstr.split("\n")
        wanted = f"{name}: {value}"
        for i, line in enumerate(lines):
            if line.partition(":")[0].strip().lower() == name.lower():
                lines[i] = wanted
                break
        else:
            lines.insert(len(lines) - 1 if lines and lines[-1] == "" else len(lines), wanted)
        return replace(self, header=replace(self.header, msgstr="\n".join(lines)))

    @property
    def current(self) -> tuple[Message, ...]:
        """The messages that are not obsolete."""
        return tuple(m for m in self.messages if not m.obsolete)

    def by_key(self) -> Mapping[Key, Message]:
        """Current messages by (msgctxt, msgid); the first wins when a key is duplicated.

        Built once per catalog (rendering, publishing rules and reports all ask for it)."""
        return self._by_key

    @functools.cached_property
    def _by_key(self) -> Mapping[Key, Message]:
        found: dict[Key, Message] = {}
        for message in self.current:
            found.setdefault(message.key, message)
        return found


def comment_words(comments: tuple[str, ...]) -> str:
    """Extracted comments as their words: how a writer wraps them says nothing."""
    return " ".join(" ".join(comments).split())


def content_fields(message: Message) -> tuple[object, ...]:
    """What a message says, line numbers and layout aside.

    Extracted comments are compared as words: polib and Babel wrap a long `#.` line that msgcat
    and the template keep whole, and a catalog saved that way says the same thing.
    """
    return (message.msgid, message.msgstr, message.msgctxt, message.msgid_plural, message.msgstr_plural,
            message.flags, message.translator_comments, comment_words(message.extracted_comments), message.references,
            message.previous_msgctxt, message.previous_msgid, message.previous_msgid_plural, message.obsolete)


def content_key(message: Message) -> int:
    """A key of what a message says (see content_fields), cheap to keep beside its layout."""
    return hash(content_fields(message))
