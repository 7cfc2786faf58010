"""Stage update: merge messages.pot into every catalog without ever losing a translation.

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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz, process

from .catalogs import Catalog, Key, Message, content_fields, parse_catalog, read_catalog_bytes
from .config import Config
from .diagnostics import Location, PipelineError, error
from .extract import creation_date, load_template
from .locales import LocaleInfo
from .powriter import format_catalog
from .saving import ChangedMeanwhile, create_new, replace_unless_changed
from .stats import catalog_stats

FUZZY_CUTOFF = 0.6


@dataclass(frozen=True)
class Counts:
    """What a catalog holds after the merge: entries new to it, fuzzy, untranslated, obsolete."""

    new: int
    fuzzy: int
    untranslated: int
    obsolete: int

    def __str__(self) -> str:
        return f"{self.new} new, {self.fuzzy} fuzzy, {self.untranslated} untranslated, {self.obsolete} obsolete"


@dataclass(frozen=True)
class UpdateResult:
    """Which catalogs changed (or would change, with --check)."""

    changed: tuple[str, ...]
    unchanged: tuple[str, ...]
    counts: Mapping[str, Counts] = field(default_factory=dict)


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


def _read(config: Config, locale: LocaleInfo) -> tuple[bytes, Catalog]:
    """The catalog's bytes as read (to detect a save made meanwhile) and what they say."""
    path = config.catalog_path(locale)
    display = config.relative(path)
    if not path.is_file():
        raise PipelineError([error(Location(display), "missing",
                                   f"no catalog for configured locale {locale.identifier}: run 'policy-pipeline init --locale {locale.identifier}'")])
    data = read_catalog_bytes(path, display, config.root)
    return data, parse_catalog(data, display)


def count(existing: Catalog, merged: Catalog) -> Counts:
    """The figures update prints for one catalog: `stats`'s own counts, plus what is new."""
    figures = catalog_stats("", merged)
    known = existing.by_key()
    return Counts(new=sum(m.key not in known for m in merged.current), fuzzy=figures.fuzzy,
                  untranslated=figures.untranslated, obsolete=figures.obsolete)


def update(config: Config, check: bool = False, progress: Callable[[str], None] | None = None) -> UpdateResult:
    """Merge messages.pot into every configured catalog (with check, only report); progress,
    when given, is told each catalog's locale before it is merged."""
    template = load_template(config)
    changed: list[str] = []
    unchanged: list[str] = []
    counts: dict[str, Counts] = {}
    for locale in config.targets:
        if progress is not None:
            progress(f"merging {locale.tag}")
        display = config.relative(config.catalog_path(locale))
        differs, counts[display] = _update_one(config, template, locale, check)
        (changed if differs else unchanged).append(display)
    return UpdateResult(tuple(changed), tuple(unchanged), counts)


def _update_one(config: Config, template: Catalog, locale: LocaleInfo, check: bool) -> tuple[bool, Counts]:
    """Merge one catalog; a save made by an editor meanwhile is merged again once, never lost."""
    path = config.catalog_path(locale)
    for attempt in (1, 2):
        data, existing = _read(config, locale)
        merged = merge(template, existing, locale.nplurals)
        # Compare content, not bytes: a file laid out by another tool (msgcat --no-wrap, an
        # editor's own wrapping) is left exactly as it is when the merge changes nothing.
        differs = _content(merged) != _content(existing)
        try:
            if differs and not check:
                replace_unless_changed(path, format_catalog(merged).encode("utf-8"), data)
            return differs, count(existing, merged)
        except ChangedMeanwhile:
            if attempt == 2:
                raise PipelineError([error(Location(config.relative(path)), "changed-meanwhile",
                                           "was saved by another program twice while update merged it; the saved file is kept as it is: run update again")]) from None
    raise AssertionError("unreachable")


def _content(catalog: Catalog) -> list[tuple[object, ...]]:
    return [content_fields(m) for m in (catalog.header, *catalog.messages)]


def new_catalog(config: Config, template: Catalog, locale: LocaleInfo) -> Catalog:
    """A catalog for a new locale: every message untranslated, headers from CLDR."""
    now = creation_date()
    header = Message(
        msgid="",
        msgstr=(
            f"Project-Id-Version: {config.project_name}\n"
            f"POT-Creation-Date: {template.header_field('POT-Creation-Date') or now}\n"
            f"PO-Revision-Date: {now}\n"
            "Last-Translator: \n"
            f"Language-Team: {locale.autonym}\n"
            f"Language: {locale.identifier}\n"
            "MIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=UTF-8\n"
            "Content-Transfer-Encoding: 8bit\n"
            f"Plural-Forms: {locale.plural_forms}\n"
        ),
        translator_comments=(f"{locale.autonym} translation of the site's messages.",),
    )
    messages = tuple(
        replace(m, msgstr_plural=("",) * locale.nplurals if m.msgid_plural else ())
        for m in template.messages
    )
    return Catalog(header, messages, config.relative(config.catalog_path(locale)))


def init(config: Config, locale: LocaleInfo) -> Path:
    """Create the catalog of a new locale from messages.pot (never over one made meanwhile)."""
    path = config.catalog_path(locale)
    exists = PipelineError([error(Location(config.relative(path)), "exists",
                                  "the catalog exists already: use 'policy-pipeline update' to merge new messages")])
    if path.exists():
        raise exists
    try:
        create_new(path, format_catalog(new_catalog(config, load_template(config), locale)).encode("utf-8"))
    except FileExistsError:
        raise exists from None
    return path
