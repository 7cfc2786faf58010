"""The units of a packet: one per message form, with its id, state, notes and glossary terms."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..catalog.model import Catalog, Key, Message
from ..diagnostics import Location, PipelineError, error
from ..glossary import Glossary
from .inline import NOT_XML

STATES = ("new", "needs-review", "translated", "final")
ONLY = ("untranslated", "fuzzy", "translated")


@dataclass(frozen=True)
class Unit:
    """One translatable string of a packet (a plural message gives one unit per form)."""

    uid: str
    key: Key
    form: int | None
    source: str
    target: str
    state: str
    notes: tuple[tuple[str, str], ...]
    msgid: str  # the msgid: its codes are the ones every form may use


def message_id(key: Key) -> str:
    """A stable unit id from msgctxt and msgid: the same message has the same id in every packet."""
    raw = f"{key[0] or ''}\x04{key[1]}" if key[0] is not None else key[1]
    return "m" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def state_of(message: Message) -> str:
    """A message's exchange state: new, needs-review or translated (final is for the vendor to set)."""
    if message.fuzzy and any(message.translations):
        return "needs-review"
    return "translated" if message.translated else "new"


def kind_of(message: Message) -> str:
    """untranslated, fuzzy or translated: what --only selects."""
    return "fuzzy" if message.fuzzy else "translated" if message.translated else "untranslated"


def glossary_notes(message: Message, terms: Glossary, locale: str) -> list[tuple[str, str]]:
    """The glossary terms of the msgid, as the translation must render them."""
    notes = []
    for term in terms.terms:
        wanted = term.targets.get(locale)
        if wanted and term.source in message.msgid:
            note = f" ({term.note})" if term.note else ""
            notes.append(("glossary", f"{term.source} = {' / '.join(wanted)}{note}"))
    notes += [("glossary", f"{name}: keep as it is") for name in terms.keep if name in message.msgid]
    return notes


def message_notes(message: Message, extra: Sequence[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    """msgctxt, the developers' and translators' comments, then what the caller adds."""
    notes = [("context", f"msgctxt: {message.msgctxt}")] if message.msgctxt is not None else []
    notes += [("developer", c) for c in message.extracted_comments if c]
    notes += [("translator", c) for c in message.translator_comments if c]
    return notes + list(extra)


def units_of(catalog: Catalog, terms: Glossary, locale: str, only: Iterable[str] = ONLY,
             keys: set[Key] | None = None, extra: Mapping[Key, Sequence[tuple[str, str]]] | None = None) -> list[Unit]:
    """The packet's units in catalog order, for the selected kinds (and keys) of message."""
    wanted = set(only)
    found: list[Unit] = []
    for message in catalog.current:
        if kind_of(message) not in wanted or (keys is not None and message.key not in keys):
            continue
        _writable(catalog, message)
        notes = tuple(message_notes(message, (extra or {}).get(message.key, ())) + glossary_notes(message, terms, locale))
        found += _forms(message, notes)
    return found


def _forms(message: Message, notes: tuple[tuple[str, str], ...]) -> list[Unit]:
    uid, state = message_id(message.key), state_of(message)
    if message.msgid_plural is None:
        return [Unit(uid, message.key, None, message.msgid, message.msgstr, state, notes, message.msgid)]
    return [Unit(f"{uid}-{i}", message.key, i, message.msgid if i == 0 else message.msgid_plural, text, state, notes, message.msgid)
            for i, text in enumerate(message.msgstr_plural)]


def _writable(catalog: Catalog, message: Message) -> None:
    """XML cannot carry control characters: say where, rather than write a broken packet."""
    texts = (message.msgid, message.msgid_plural or "", *message.translations, message.msgctxt or "")
    if any(NOT_XML.search(t) for t in texts):
        raise PipelineError([error(Location(catalog.path, message.line), "export",
                                   "contains a control character that XLIFF and TMX cannot carry: remove it ('check' reports it as control-chars)")])
