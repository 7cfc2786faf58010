"""`changes --since REV --packet DIR`: one XLIFF packet per locale with only the work, and a brief.

A changed message carries its previous Japanese source and the translation it had at REV as
notes, so a vendor edits the old translation instead of starting over, and the reviewer sees why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_if_changed
from ..catalog.model import Catalog, Key
from ..catalog.pofile import parse_catalog, read_catalog
from ..changes import Change, LocaleTodo, changes, file_at, format_markdown
from ..config import Config
from ..diagnostics import PipelineError
from ..output.targets import packet_folder
from .export import packet_of


@dataclass(frozen=True)
class Written:
    """One file of the packet folder and how many units it holds."""

    path: Path
    units: int
    locale: str = ""


def write_packets(config: Config, since: str, folder: Path) -> list[Written]:
    """DIR/<locale>.xlf for every locale with work, and DIR/README.md; files that exist are replaced."""
    folder = packet_folder(config, "--packet", folder)
    found = changes(config, since)
    work = [c for c, _ in found if c.kind != "removed"]
    keys = {c.key for c in work}
    written = []
    for locale in config.targets if keys else ():
        path = config.catalog_path(locale)
        catalog = read_catalog(path, config.relative(path), config.root)
        notes = _previous(work, catalog, _catalog_at(config, since, path))
        data, count = packet_of(config, locale, "xliff12", catalog, keys=keys, extra=notes)
        target = folder / f"{locale.identifier}.xlf"
        write_if_changed(target, data)
        written.append(Written(target, count, locale.identifier))
    brief = folder / "README.md"
    write_if_changed(brief, _brief(found, since, written))
    return [*written, Written(brief, 0)]


def _previous(work: Sequence[Change], catalog: Catalog, old: Catalog | None) -> dict[Key, list[tuple[str, str]]]:
    """For each changed message: its old source, and its translation at REV (or the kept fuzzy one)."""
    notes: dict[Key, list[tuple[str, str]]] = {}
    for change in work:
        if change.kind != "changed" or change.old is None:
            continue
        found = [("previous-source", change.old)]
        before = old.by_key().get((change.key[0], change.old)) if old is not None else None
        current = catalog.by_key().get(change.key)
        translation = before.msgstr if before is not None else current.msgstr if current is not None and current.fuzzy else ""
        if translation:
            found.append(("previous-translation", translation))
        notes[change.key] = found
    return notes


def _catalog_at(config: Config, revision: str, path: Path) -> Catalog | None:
    relative = config.relative(path)
    done = file_at(config, revision, relative)
    if done.returncode != 0:
        return None  # the locale is newer than REV: there is no previous translation
    try:
        return parse_catalog(done.stdout, f"{relative}@{revision}")
    except PipelineError:
        return None


def _brief(found: Sequence[tuple[Change, list[LocaleTodo]]], since: str, written: Sequence[Written]) -> str:
    new = sum(1 for c, _ in found if c.kind == "new")
    changed = sum(1 for c, _ in found if c.kind == "changed")
    removed = sum(1 for c, _ in found if c.kind == "removed")
    lines = [f"# Translation packet: changes since `{since}`", "",
             f"{new} new, {changed} changed and {removed} removed Japanese passages. The Japanese text prevails;",
             "each translation must say the same thing, with the glossary terms given in each unit's notes.", "",
             "| locale | packet | units |", "|---|---|---|"]
    lines += [f"| {w.locale} | `{w.path.name}` | {w.units} |" for w in written]
    lines += ["", "Open a packet in any XLIFF 1.2 tool; return it as it is and the translations are imported with",
              "`policy-pipeline import <file>` (only where the Japanese source is still the same).", "", ""]
    return "\n".join(lines) + format_markdown(found, since)
