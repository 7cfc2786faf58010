"""Per-locale completion figures: what stats prints and what the reports will carry."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from .catalogs import Catalog, Key
from .checks import load_catalogs, rejected
from .config import Config
from .diagnostics import Diagnostic

BAR_WIDTH = 20


@dataclass(frozen=True)
class LocaleStats:
    """Message counts of one catalog."""

    locale: str
    path: str
    total: int
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int

    @property
    def percent(self) -> float:
        """Share of messages that would be published translated."""
        return 100.0 * self.translated / self.total if self.total else 100.0


def catalog_stats(locale: str, catalog: Catalog, rejected: frozenset[Key] = frozenset()) -> LocaleStats:
    """Count the messages of one catalog by state; a rejected entry (an error finding keeps it off
    the page) counts as untranslated, as the page shows the source there."""
    current = catalog.current
    fuzzy = sum(1 for m in current if m.fuzzy)
    translated = sum(1 for m in current if m.publishable and m.key not in rejected)
    return LocaleStats(locale, catalog.path, len(current), translated, fuzzy,
                       len(current) - translated - fuzzy, len(catalog.messages) - len(current))


def stats(config: Config) -> tuple[list[LocaleStats], list[Diagnostic]]:
    """Figures for every readable catalog, and the problems of the others."""
    catalogs, problems = load_catalogs(config, config.targets)
    blocked = rejected(config, catalogs)
    figures = [catalog_stats(ident, catalog, blocked.get(ident, frozenset())) for ident, catalog in catalogs.items()]
    return figures, problems


def format_table(figures: Sequence[LocaleStats]) -> list[str]:
    """A terminal table with a progress bar per locale."""
    lines = [f"{'locale':<10} {'progress':<{BAR_WIDTH + 8}} {'translated':>10} {'fuzzy':>6} {'untranslated':>12} {'obsolete':>8}"]
    for f in figures:
        filled = round(BAR_WIDTH * f.percent / 100)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        lines.append(f"{f.locale:<10} [{bar}] {f.percent:5.1f}% {f.translated:>4}/{f.total:<5} {f.fuzzy:>6} {f.untranslated:>12} {f.obsolete:>8}")
    return lines


def format_json(figures: Sequence[LocaleStats]) -> str:
    """The same figures as a versioned JSON document."""
    return json.dumps({"version": 1, "locales": [asdict(f) | {"percent": round(f.percent, 2)} for f in figures]},
                      ensure_ascii=False, indent=2)


def format_markdown(figures: Sequence[LocaleStats]) -> str:
    """The same figures as a Markdown table, for a CI job summary."""
    rows = ["| Locale | Translated | Fuzzy | Untranslated | Obsolete |", "|---|---|---|---|---|"]
    rows += [f"| {f.locale} | {f.translated}/{f.total} ({f.percent:.1f}%) | {f.fuzzy} | {f.untranslated} | {f.obsolete} |"
             for f in figures]
    return "\n".join(["### Translation status", "", *rows]) + "\n"
