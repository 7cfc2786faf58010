"""Stage update: merge messages.pot into every catalog without ever losing a translation.

The merge follows Babel's algorithm: a message whose (msgctxt, msgid) is still in the template
keeps its translation; a new message takes the translation of the closest unmatched old one
(similarity on characters, which suits Japanese, with Babel's cutoff; see fuzzy_pairs), marked
fuzzy with the old msgid kept as #| msgid; old messages nobody took become obsolete (#~). Obsolete translations are
candidates too, so a message that comes back gets its translation back.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from rapidfuzz import fuzz, process

from .catalogs import Catalog, Key, Message, content_fields, read_catalog, save_catalog, write_if_changed
from .config import Config
from .diagnostics import Location, PipelineError, error
from .extract import creation_date, load_template
from .locales import LocaleInfo
from .wrapping import format_catalog

FUZZY_CUTOFF = 0.6


@dataclass(frozen=True)
class UpdateResult:
    """Which catalogs changed (or would change, with --check)."""

    changed: tuple[str, ...]
    unchanged: tuple[str, ...]


def merge(template: Catalog, catalog: Catalog) -> Catalog:
    """The catalog brought up to date with the template's messages."""
    old = _old_by_key(catalog)
    merged: dict[Key, Message] = {}
    for message in template.messages:
        previous = old.pop(message.key, None)
        if previous is not None:
            merged[message.key] = _keep(message, previous)
    restorable = _made_for(catalog)
    for message in template.messages:
        if message.key not in merged and message.key in restorable:
            merged[message.key] = _restored(message, restorable[message.key])
    candidates = {m.msgid: m for m in old.values() if any(m.translations)}
    unmatched = tuple(m.msgid for m in template.messages if m.key not in merged)
    pairs = fuzzy_pairs(unmatched, tuple(candidates))
    for message in template.messages:
        if message.key not in merged:
            previous = candidates.get(pairs.get(message.msgid, ""))
            merged[message.key] = message if previous is None else _fuzzy(message, previous, old)
    ordered = [merged[m.key] for m in template.messages]
    obsolete = [_obsolete(m) for m in old.values() if any(m.translations)]
    header = catalog
    pot_date = template.header_field("POT-Creation-Date")
    if pot_date and catalog.header_field("POT-Creation-Date") is not None:
        header = catalog.with_header_field("POT-Creation-Date", pot_date)
    # No bookkeeping header: which version a translation follows is derived from its content
    # (publishing.follows), so a catalog completed in any editor is up to date as it is.
    return replace(catalog, header=header.header, messages=tuple(ordered + obsolete))


def _made_for(catalog: Catalog) -> dict[Key, Message]:
    """Fuzzy translations by the msgid they were made for (their #| msgid)."""
    return {(m.previous_msgctxt if m.previous_msgctxt is not None else m.msgctxt, m.previous_msgid): m
            for m in catalog.messages if m.fuzzy and m.previous_msgid is not None and any(m.translations)}


def _restored(message: Message, fuzzy: Message) -> Message:
    """A message that came back takes the translation made for it, current again."""
    return replace(message, msgstr=fuzzy.msgstr, msgstr_plural=_plural_forms(message, fuzzy),
                   translator_comments=fuzzy.translator_comments)


def _old_by_key(catalog: Catalog) -> dict[Key, Message]:
    """Old messages by key; a current one wins over an obsolete one with the same key."""
    old: dict[Key, Message] = {}
    for message in catalog.messages:
        if message.key not in old or old[message.key].obsolete:
            old[message.key] = message
    return old


def _keep(new: Message, old: Message) -> Message:
    """The template's message with the catalog's translation, comments and fuzzy state."""
    fuzzy = old.fuzzy
    return Message(
        msgid=new.msgid, msgstr=old.msgstr, msgctxt=new.msgctxt, msgid_plural=new.msgid_plural,
        msgstr_plural=_plural_forms(new, old), flags=(("fuzzy",) if fuzzy else ()) + new.flags,
        translator_comments=old.translator_comments, extracted_comments=new.extracted_comments,
        references=new.references, previous_msgctxt=old.previous_msgctxt if fuzzy else None,
        previous_msgid=old.previous_msgid if fuzzy else None,
        previous_msgid_plural=old.previous_msgid_plural if fuzzy else None,
        # Unchanged, it is written exactly as it was laid out (the writer checks the content key).
        layout=old.layout,
    )


def _plural_forms(new: Message, old: Message) -> tuple[str, ...]:
    if new.msgid_plural is None:
        return ()
    if old.msgid_plural is not None:
        return old.msgstr_plural
    return (old.msgstr,) + ("",) * (len(new.msgstr_plural) - 1)


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


def _fuzzy(message: Message, previous: Message, old: dict[Key, Message]) -> Message:
    """The new message with the old one's translation, marked fuzzy, the old msgid kept as #|."""
    old.pop(previous.key, None)
    kept = _keep(message, previous)
    was_fuzzy_of = previous.previous_msgid if previous.fuzzy and previous.previous_msgid else previous.msgid
    return replace(
        kept,
        flags=tuple(dict.fromkeys(("fuzzy", *message.flags))),
        previous_msgctxt=previous.msgctxt if previous.msgctxt != message.msgctxt else None,
        previous_msgid=was_fuzzy_of,
        previous_msgid_plural=previous.msgid_plural,
    )


def _obsolete(message: Message) -> Message:
    return replace(message, obsolete=True, references=(), extracted_comments=())


def _catalog_for(config: Config, locale: LocaleInfo) -> Catalog:
    path = config.catalog_path(locale)
    if not path.is_file():
        raise PipelineError([error(Location(config.relative(path)), "missing",
                                   f"no catalog for configured locale {locale.identifier}: run 'policy-pipeline init --locale {locale.identifier}'")])
    return read_catalog(path, config.relative(path), config.root)


def update(config: Config, check: bool = False, progress: Callable[[str], None] | None = None) -> UpdateResult:
    """Merge messages.pot into every configured catalog (with check, only report); progress,
    when given, is told each catalog's locale before it is merged."""
    template = load_template(config)
    changed: list[str] = []
    unchanged: list[str] = []
    for locale in config.targets:
        if progress is not None:
            progress(f"merging {locale.tag}")
        path = config.catalog_path(locale)
        existing = _catalog_for(config, locale)
        merged = merge(template, existing)
        # Compare content, not bytes: a file laid out by another tool (msgcat --no-wrap, an
        # editor's own wrapping) is left exactly as it is when the merge changes nothing.
        differs = _content(merged) != _content(existing)
        if differs and not check:
            write_if_changed(path, format_catalog(merged))
        (changed if differs else unchanged).append(config.relative(path))
    return UpdateResult(tuple(changed), tuple(unchanged))


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
    """Create the catalog of a new locale from messages.pot."""
    path = config.catalog_path(locale)
    if path.exists():
        raise PipelineError([error(Location(config.relative(path)), "exists",
                                   "the catalog exists already: use 'policy-pipeline update' to merge new messages")])
    save_catalog(new_catalog(config, load_template(config), locale), path)
    return path
