"""Per-locale completion figures: what stats prints and what the reports will carry."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace

from .catalog.model import Catalog, Key
from .checks import rejected
from .config import Config
from .diagnostics import Diagnostic, PipelineError
from .loader import load_catalogs, load_template
from .reports.markdown import markdown_cell
from .site.share import shown_translated, translated_share

BAR_WIDTH = 20


@dataclass(frozen=True)
class LocaleStats:
    """Message counts of one catalog, or why it could not be read (problem)."""

    locale: str
    path: str
    total: int
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    share: float = 1.0
    problem: str | None = None

    @property
    def percent(self) -> float:
        """The translated share (share.py: by characters of source text) in percent."""
        return 100.0 * self.share


def catalog_stats(locale: str, catalog: Catalog, rejected: frozenset[Key] = frozenset()) -> LocaleStats:
    """Count the messages of one catalog by state; a rejected entry (an error finding keeps it off
    the page) counts as untranslated, as the page shows the source there."""
    current = catalog.current
    fuzzy = sum(1 for m in current if m.fuzzy)
    translated = sum(1 for m in current if m.publishable and m.key not in rejected)
    share = translated_share((m.msgid, shown_translated(m) and m.key not in rejected) for m in current)
    return LocaleStats(locale, catalog.path, len(current), translated, fuzzy,
                       len(current) - translated - fuzzy, len(catalog.messages) - len(current), share)


def as_published(catalog: Catalog, template: Catalog | None) -> Catalog:
    """The catalog as the pages use it: the template's messages, each with the catalog's entry
    (untranslated where the catalog lacks it). An entry the template no longer has is shown
    nowhere, so it counts for nothing; without a template the catalog is taken as it is."""
    if template is None:
        return catalog
    known = catalog.by_key()
    return replace(catalog, messages=tuple(known.get(m.key, m) for m in template.messages)
                   + tuple(m for m in catalog.messages if m.obsolete))


def _template(config: Config) -> Catalog | None:
    try:
        return load_template(config)
    except PipelineError:  # no or a broken messages.pot: check reports it; count the catalogs alone
        return None


def stats(config: Config) -> tuple[list[LocaleStats], list[Diagnostic]]:
    """A row for every configured catalog (a broken one says so), and the problems found."""
    figures, problems = [], []
    template = _template(config)
    for locale in config.targets:
        catalogs, found = load_catalogs(config, [locale])
        problems += found
        if locale.identifier in catalogs:
            blocked = rejected(config, catalogs).get(locale.identifier, frozenset())
            figures.append(catalog_stats(locale.identifier, as_published(catalogs[locale.identifier], template), blocked))
        else:
            reason = f"{found[0].location}: {found[0].message}" if found else "cannot be read"
            figures.append(LocaleStats(locale.identifier, config.relative(config.catalog_path(locale)), 0, 0, 0, 0, 0, 0.0, reason))
    return figures, problems


def format_table(figures: Sequence[LocaleStats]) -> list[str]:
    """A terminal table with a progress bar per locale."""
    lines = [f"{'locale':<10} {'progress':<{BAR_WIDTH + 8}} {'translated':>10} {'fuzzy':>6} {'untranslated':>12} {'obsolete':>8}"]
    for f in figures:
        if f.problem is not None:
            lines.append(f"{f.locale:<10} BROKEN: {f.problem}")
            continue
        filled = round(BAR_WIDTH * f.percent / 100)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        lines.append(f"{f.locale:<10} [{bar}] {f.percent:5.1f}% {f.translated:>4}/{f.total:<5} {f.fuzzy:>6} {f.untranslated:>12} {f.obsolete:>8}")
    return lines


def format_json(figures: Sequence[LocaleStats]) -> str:
    """The same figures as a versioned JSON document; a broken catalog has "problem" set."""
    return json.dumps({"version": 1, "locales": [asdict(f) | {"percent": round(f.percent, 2)} for f in figures]},
                      ensure_ascii=False, indent=2)


def format_markdown(figures: Sequence[LocaleStats]) -> str:
    """The same figures as a Markdown table, for a CI job summary."""
    rows = ["| Locale | Translated | Fuzzy | Untranslated | Obsolete |", "|---|---|---|---|---|"]
    for f in figures:
        if f.problem is not None:
            rows.append(f"| {f.locale} | **broken**: {markdown_cell(f.problem)} | | | |")
        else:
            rows.append(f"| {f.locale} | {f.translated}/{f.total} ({f.percent:.1f}%) | {f.fuzzy} | {f.untranslated} | {f.obsolete} |")
    return "\n".join(["### Translation status", "", *rows]) + "\n"
