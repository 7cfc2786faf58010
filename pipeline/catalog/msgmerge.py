"""What GNU msgmerge does: messages.pot merged into a catalog without ever losing a translation.

The merge follows Babel's algorithm: a message whose (msgctxt, msgid) is still in the template
keeps its translation; a new message takes the translation of the closest unmatched old one
(similarity on characters, which suits Japanese, with Babel's cutoff; see fuzzy_pairs), marked
fuzzy with the old msgid kept as #| msgid; old messages nobody took become obsolete (#~). Obsolete translations are
candidates too, so a message that comes back gets its translation back. A new message that no
old one matches gets a suggestion from the catalog's translation memory: a copy of the
translation of its most similar msgid (current, fuzzy or obsolete), fuzzy, with that msgid as #|.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from rapidfuzz import fuzz, process

from .model import Catalog, Key, Message

FUZZY_CUTOFF = 0.6


def merge(template: Catalog, catalog: Catalog, nplurals: int = 2) -> Catalog:
    """The catalog brought up to date with the template's messages.

    Plural entries get the catalog's own number of forms (its Plural-Forms header; nplurals when
    it has none), not the template's two: one for Chinese and Korean, three for Russian.
    """
    forms = catalog_nplurals(catalog) or nplurals
    old = _old_by_key(catalog)
    merged: dict[Key, Message] = {}
    for message in template.messages:
        previous = old.pop(message.key, None)
        if previous is not None:
            merged[message.key] = _keep(message, previous, forms)
    restorable = _made_for(catalog)
    for message in template.messages:
        if message.key not in merged and message.key in restorable:
            merged[message.key] = _restored(message, restorable[message.key], forms)
    candidates = {m.msgid: m for m in old.values() if any(m.translations)}
    unmatched = tuple(m.msgid for m in template.messages if m.key not in merged)
    pairs = fuzzy_pairs(unmatched, tuple(candidates))
    memory = translation_memory(catalog)
    for message in template.messages:
        if message.key not in merged:
            previous = candidates.get(pairs.get(message.msgid, ""))
            merged[message.key] = _fuzzy(message, previous, old, forms) if previous is not None else _suggested(message, memory, forms)
    ordered = [merged[m.key] for m in template.messages]
    obsolete = [_obsolete(m) for m in old.values() if any(m.translations)]
    header = catalog
    pot_date = template.header_field("POT-Creation-Date")
    if pot_date and catalog.header_field("POT-Creation-Date") is not None:
        header = catalog.with_header_field("POT-Creation-Date", pot_date)
    # No bookkeeping header: which version a translation follows is derived from its content
    # (publishing.follows), so a catalog completed in any editor is up to date as it is.
    return replace(catalog, header=header.header, messages=tuple(ordered + obsolete))


_NPLURALS = re.compile(r"nplurals\s*=\s*(\d{1,2})\b")


def catalog_nplurals(catalog: Catalog) -> int | None:
    """The number of plural forms the catalog's Plural-Forms header states, or None."""
    found = _NPLURALS.search(catalog.header_field("Plural-Forms") or "")
    return int(found.group(1)) if found and int(found.group(1)) > 0 else None


def _untranslated(message: Message, forms: int) -> Message:
    """A template message new to the catalog: empty, with the catalog's number of forms."""
    return replace(message, msgstr_plural=("",) * forms) if message.msgid_plural is not None else message


def _made_for(catalog: Catalog) -> dict[Key, Message]:
    """Fuzzy translations by the msgid they were made for (their #| msgid)."""
    return {(m.previous_msgctxt if m.previous_msgctxt is not None else m.msgctxt, m.previous_msgid): m
            for m in catalog.messages if m.fuzzy and m.previous_msgid is not None and any(m.translations)}


def _restored(message: Message, fuzzy: Message, forms: int) -> Message:
    """A message that came back takes the translation made for it, current again."""
    return replace(message, msgstr=_singular(fuzzy), msgstr_plural=_plural_forms(message, fuzzy, forms),
                   translator_comments=fuzzy.translator_comments)


def _old_by_key(catalog: Catalog) -> dict[Key, Message]:
    """Old messages by key; a current one wins over an obsolete one with the same key."""
    old: dict[Key, Message] = {}
    for message in catalog.messages:
        if message.key not in old or old[message.key].obsolete:
            old[message.key] = message
    return old


def _keep(new: Message, old: Message, forms: int) -> Message:
    """The template's message with the catalog's translation, comments and fuzzy state.

    A message whose msgid_plural changed, or that became singular or plural, keeps its
    translation, fuzzy with the old msgid and msgid_plural as #| lines, as msgmerge does (GNU's
    msgmerge-plural-3 case).
    """
    reshaped = new.msgid_plural != old.msgid_plural and any(old.translations)
    previous = old if old.fuzzy else None
    if reshaped and previous is None:
        previous = replace(old, previous_msgctxt=None, previous_msgid=old.msgid, previous_msgid_plural=old.msgid_plural)
    return Message(
        msgid=new.msgid, msgstr=_singular(old) if new.msgid_plural is None else "", msgctxt=new.msgctxt,
        msgid_plural=new.msgid_plural, msgstr_plural=_plural_forms(new, old, forms),
        flags=(("fuzzy",) if previous is not None else ()) + new.flags,
        translator_comments=old.translator_comments, extracted_comments=new.extracted_comments,
        references=new.references, previous_msgctxt=previous.previous_msgctxt if previous else None,
        previous_msgid=previous.previous_msgid if previous else None,
        previous_msgid_plural=previous.previous_msgid_plural if previous else None,
        # Unchanged, it is written exactly as it was laid out (the writer checks the content key).
        layout=old.layout,
    )


def _singular(old: Message) -> str:
    """The translation a singular message keeps: the msgstr, or the first plural form."""
    return old.msgstr if old.msgid_plural is None else (old.msgstr_plural[:1] or ("",))[0]


def _plural_forms(new: Message, old: Message, forms: int) -> tuple[str, ...]:
    if new.msgid_plural is None:
        return ()
    if old.msgid_plural is not None:
        return old.msgstr_plural
    return (old.msgstr,) + ("",) * (forms - 1)


@functools.lru_cache(maxsize=8)
def fuzzy_pairs(new: tuple[str, ...], old: tuple[str, ...]) -> dict[str, str]:
    """One-to-one matches of new msgids to old ones, the most similar pairs first.

    Similarity is rapidfuzz's ratio (Babel's measure: 2·matches/total, on characters, which suits
    Japanese), with Babel's cutoff. Taking the best pairs overall, instead of letting each new
    message take the first close one, keeps an added message from taking the translation of a
    changed one. Every catalog shares the same source, so the answer is remembered for the next.
    """
    scored = []
    for i, msgid in enumerate(new):
        for _, score, j in process.extract(msgid, old, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF * 100, limit=8):
            scored.append((-score, i, j))
    pairs: dict[str, str] = {}
    taken: set[int] = set()
    for _, i, j in sorted(scored):
        if new[i] not in pairs and j not in taken:
            pairs[new[i]] = old[j]
            taken.add(j)
    return pairs


def _fuzzy(message: Message, previous: Message, old: dict[Key, Message], forms: int) -> Message:
    """The new message with the old one's translation, marked fuzzy, the old msgid kept as #|."""
    old.pop(previous.key, None)
    kept = _keep(message, previous, forms)
    was_fuzzy_of = previous.previous_msgid if previous.fuzzy and previous.previous_msgid else previous.msgid
    return replace(
        kept,
        flags=tuple(dict.fromkeys(("fuzzy", *message.flags))),
        previous_msgctxt=previous.msgctxt if previous.msgctxt != message.msgctxt else None,
        previous_msgid=was_fuzzy_of,
        previous_msgid_plural=previous.msgid_plural,
    )


def translation_memory(catalog: Catalog) -> dict[str, Message]:
    """Every translation the catalog holds, by msgid: current first, then fuzzy, then obsolete."""
    ranked = sorted((m for m in catalog.messages if m.msgid and any(m.translations)), key=lambda m: (m.obsolete, m.fuzzy))
    memory: dict[str, Message] = {}
    for message in ranked:
        memory.setdefault(message.msgid, message)
    return memory


def _suggested(message: Message, memory: dict[str, Message], forms: int) -> Message:
    """A message new to the catalog, with the translation of the most similar msgid the catalog
    translates (copied: the message that uses it keeps it), fuzzy, and that msgid as #| msgid so
    the translator sees where the suggestion came from; untranslated when nothing is close."""
    source = memory.get(suggestion(message.msgid, tuple(memory)) or "")
    if source is None:
        return _untranslated(message, forms)
    kept = _keep(message, source, forms)
    return replace(kept, flags=tuple(dict.fromkeys(("fuzzy", *message.flags))), translator_comments=(),
                   previous_msgctxt=source.msgctxt if source.msgctxt != message.msgctxt else None,
                   previous_msgid=source.msgid, previous_msgid_plural=source.msgid_plural, layout=None)


@functools.lru_cache(maxsize=1 << 12)
def suggestion(msgid: str, known: tuple[str, ...]) -> str | None:
    """The known msgid most similar to msgid (rapidfuzz's ratio, Babel's cutoff), or None.
    Remembered: every catalog of a project asks about the same new msgids."""
    best = process.extractOne(msgid, known, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF * 100)
    return None if best is None else str(best[0])


def _obsolete(message: Message) -> Message:
    return replace(message, obsolete=True, references=(), extracted_comments=())
