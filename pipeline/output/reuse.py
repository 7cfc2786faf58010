"""Pages kept from earlier builds (this folder's last build, or the shards of a matrix build).

A page is reused only when its key (pipeline.output.incremental.page_key) matches and its bytes on
disk still have the digest recorded for them; otherwise it is rendered again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..checks import CheckResult, check
from ..checks.batch import diagnostic_from_record
from ..config import Config
from ..diagnostics import Diagnostic
from ..loader import load_catalogs
from ..locales import LocaleInfo
from ..site.jinja import Fallback
from ..site.pages import RenderedPage
from ..site.publishing import Decision
from .incremental import read_record


@dataclass
class PageCache:
    """Rendered pages by key, with the folders their HTML can be read from."""

    entries: dict[str, tuple[dict[str, Any], tuple[Path, ...]]] = field(default_factory=dict)

    def add_build(self, site: Path, reports: Path) -> None:
        """Offer the pages of one earlier build (a site folder and its reports folder)."""
        for key, entry in read_record(reports).get("pages", {}).items():
            self.entries.setdefault(key, (entry, (site, reports / "preview")))

    def get(self, key: str, config: Config) -> RenderedPage | None:
        """The page stored under key, if its file is still there and unchanged."""
        found = self.entries.get(key)
        if found is None:
            return None
        entry, folders = found
        for folder in folders:
            path = folder / entry["path"]
            if path.is_file():
                data = path.read_bytes()
                if hashlib.sha256(data).hexdigest() == entry["sha256"]:
                    return from_entry(config, entry, data.decode("utf-8"))
        return None


def to_entry(page: RenderedPage, held_back: bool) -> dict[str, Any]:
    """A rendered page as the record keeps it (the HTML itself stays in its file)."""
    return {
        "locale": page.locale.identifier, "slug": page.page.slug, "path": page.path, "title": page.title,
        "held_back": held_back, "published": page.decision.published, "reasons": list(page.decision.reasons),
        "share": page.decision.translated_share, "sha256": hashlib.sha256(page.html.encode("utf-8")).hexdigest(),
        "fallbacks": [[f.msgctxt, f.msgid, f.reason, f.line, f.in_text_slot] for f in page.fallbacks],
    }


def from_entry(config: Config, entry: Mapping[str, Any], html: str) -> RenderedPage:
    """The page back from its record entry and its HTML."""
    locale = next(loc for loc in config.all_locales if loc.identifier == entry["locale"])
    page = next(p for p in config.pages if p.slug == entry["slug"])
    decision = Decision(locale, page, bool(entry["published"]), tuple(entry["reasons"]), float(entry["share"]))
    fallbacks = tuple(Fallback(*f) for f in entry["fallbacks"])
    return RenderedPage(locale, page, str(entry["path"]), html, str(entry["title"]), fallbacks, decision)


def page_entries(pages: Iterable[tuple[str, RenderedPage, bool]]) -> dict[str, dict[str, Any]]:
    """The record's page table: key -> entry."""
    return {key: to_entry(page, held) for key, page, held in pages}


def checked(config: Config, targets: Sequence[LocaleInfo], previous: Mapping[str, Any],
            digests: Mapping[str, str]) -> tuple[CheckResult, dict[str, Any]]:
    """The check gate of a build, run again only for catalogs whose inputs changed since the
    last build (whose findings, all warnings since it succeeded, are taken from its record)."""
    kept = previous.get("checked", {})
    same = [t for t in targets if kept.get(t.identifier, {}).get("digest") == digests.get(t.identifier)]
    fresh = check(config, [t for t in targets if t not in same])
    catalogs, problems = load_catalogs(config, same)
    paths = {t.identifier: config.relative(config.catalog_path(t)) for t in targets}
    found: dict[str, list[Diagnostic]] = {t.identifier: [] for t in targets}
    layout: list[Diagnostic] = list(problems)
    by_path = {path: ident for ident, path in paths.items()}
    for diagnostic in fresh.diagnostics:
        (found[by_path[diagnostic.location.path]] if diagnostic.location.path in by_path else layout).append(diagnostic)
    for target in same:
        found[target.identifier] = [diagnostic_from_record(d) for d in kept[target.identifier]["findings"]]
    # The same order as one check of every catalog: the project's layout first, then each catalog's.
    ordered = layout + [d for t in targets for d in found[t.identifier]]
    baselined = fresh.baselined + sum(int(kept[t.identifier].get("baselined", 0)) for t in same)
    record = {t.identifier: {"digest": digests.get(t.identifier), "findings": [asdict(d) for d in found[t.identifier]]}
              for t in targets}
    return CheckResult({**catalogs, **fresh.catalogs}, tuple(ordered), len(targets), baselined), record
