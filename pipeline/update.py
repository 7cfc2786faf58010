"""Stage update: merge messages.pot into every catalog without ever losing a translation.

The merge itself (what GNU msgmerge does, with Babel's fuzzy matching) is in msgmerge.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from .catalog.model import Catalog, Message, content_fields
from .catalog.msgmerge import merge
from .catalog.pofile import parse_catalog, read_catalog_bytes
from .catalog.powriter import creation_date, format_catalog
from .catalog.saving import ChangedMeanwhile, create_new, replace_unless_changed
from .config import Config
from .diagnostics import Location, PipelineError, error
from .loader import load_template, missing_catalog
from .locales import LocaleInfo
from .stats import catalog_stats


@dataclass(frozen=True)
class Counts:
    """What a catalog holds after the merge: entries new to it with nothing to start from, fuzzy,
    untranslated (the new ones included), obsolete."""

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


def _read(config: Config, locale: LocaleInfo) -> tuple[bytes, Catalog]:
    """The catalog's bytes as read (to detect a save made meanwhile) and what they say."""
    path = config.catalog_path(locale)
    display = config.relative(path)
    if not path.is_file():
        raise PipelineError([missing_catalog(config, locale)])
    data = read_catalog_bytes(path, display, config.root)
    return data, parse_catalog(data, display)


def count(existing: Catalog, merged: Catalog) -> Counts:
    """The figures update prints for one catalog: `stats`'s own counts, plus what is new."""
    figures = catalog_stats("", merged)
    known = existing.by_key()
    # A changed msgid that got a fuzzy match is fuzzy, not also new: each message counted once.
    return Counts(new=sum(m.key not in known and not m.fuzzy for m in merged.current), fuzzy=figures.fuzzy,
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
