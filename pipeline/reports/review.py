"""Side-by-side review pages: per locale, every message in document order, the Japanese source
beside the translation, its state, findings and .po line. Written to the reports folder only.

Translations are untrusted: the page template autoescapes everything, and the one piece of
markup we make ourselves (the word diff of a fuzzy entry) is built from escaped text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from ..catalog.model import Catalog, Key, Message
from ..changes import word_diff
from ..checks.exemptions import exemptions_of
from ..checks.positions import string_position
from ..diagnostics import Diagnostic
from ..locales import LocaleInfo, language_name
from .environment import PAGES

if TYPE_CHECKING:
    from ..checks import CheckResult
    from ..config import Config
    from ..site.jinja import Fallback
    from ..site.renderer import SiteRenderer

FILTERS = {"": "every message", "fuzzy": "only fuzzy", "findings": "only with findings"}
# Sentinels that cannot occur in a checked catalog (control characters are an error there).
_DEL, _END_DEL, _INS, _END_INS = "\x01", "\x02", "\x03", "\x04"


@dataclass(frozen=True)
class ReviewRow:
    """One message as the reviewer sees it."""

    msgctxt: str | None
    source: str
    translations: tuple[str, ...]
    state: str
    previous: str | None
    diff: Markup | None
    findings: tuple[Diagnostic, ...]
    exemptions: tuple[str, ...]
    location: str
    place: Place = None
    marked: Markup | None = None  # the translation with the characters findings point at in <mark>


def document_order(config: Config, renderer: SiteRenderer, template: Catalog) -> dict[Key, Place]:
    """Message keys in the order a reader meets them on the pages, then the rest of the template,
    each with the page and top-level section where it appears (None: layout or not on a page).

    Rendering with an empty catalog makes every message fall back, and the fallbacks are
    recorded in rendering order: that is the document order, layout text included."""
    locale = config.targets[0] if config.targets else config.source
    empty = Catalog(template.header, (), "review")
    met: dict[Key, Place] = {}
    for page in config.pages:
        rendered = renderer.render_page(locale, page, {config.source.identifier}, True, empty)
        blocks = [f for f in rendered.fallbacks if not f.in_text_slot]
        places = _align(blocks, _fallback_sections(rendered.html))
        for f in rendered.fallbacks:
            key = (f.msgctxt, f.msgid)
            section = places.get(key)
            met.setdefault(key, (page.slug, section) if section else None)
    for message in template.current:
        met.setdefault(message.key, None)
    return met


Place = tuple[str, str] | None  # (page slug, top-level section id)
_TOC = re.compile(r'<nav class="toc".*?</nav>', re.DOTALL)
_SECTION_OR_FALLBACK = re.compile(r'<section id="([^"]+)"[^>]*>|</section>|<span lang="[^"]+" data-fallback="\w+">')


def _align(blocks: Sequence[Fallback], marked: Sequence[tuple[str | None, str]]) -> dict[Key, str | None]:
    """Pair the recorded fallbacks with the marked passages, both in document order, looking a
    few passages ahead; a fallback whose passage is not found nearby is left without a place."""
    places: dict[Key, str | None] = {}
    position = 0
    for fallback in blocks:
        start = Markup(fallback.msgid).striptags()[:2]
        ahead = [i for i in range(position, min(position + 3, len(marked))) if marked[i][1][:2] == start]
        if ahead:
            places.setdefault((fallback.msgctxt, fallback.msgid), marked[ahead[0]][0])
            position = ahead[0] + 1
    return places


def _fallback_sections(html: str) -> list[tuple[str | None, str]]:
    """For each passage marked as a fallback, in order, the id of its top-level <section> and its text's start."""
    open_sections: list[str] = []
    found: list[tuple[str | None, str]] = []
    html = _TOC.sub("", html)  # the table of contents repeats the headings
    for match in _SECTION_OR_FALLBACK.finditer(html):
        if match.group(1):
            open_sections.append(match.group(1))
        elif match.group() == "</section>":
            if open_sections:
                open_sections.pop()
        else:
            text = Markup(html[match.end():match.end() + 200]).striptags()
            found.append((open_sections[0] if open_sections else None, text))
    return found


def state_of(message: Message | None) -> str:
    """current, fuzzy, untranslated or exempted (current, with warnings exempted by a comment)."""
    if message is None or not message.translated:
        return "untranslated"
    if message.fuzzy:
        return "fuzzy"
    return "exempted" if any(e.ids for e in exemptions_of(message)) else "current"


def fuzzy_diff(previous: str, msgid: str) -> Markup:
    """The current msgid with what changed since the previous one marked <del>/<ins>."""
    marked = str(escape(word_diff(previous, msgid, (_DEL, _END_DEL), (_INS, _END_INS))))
    for sentinel, tag in ((_DEL, "<del>"), (_END_DEL, "</del>"), (_INS, "<ins>"), (_END_INS, "</ins>")):
        marked = marked.replace(sentinel, tag)
    return Markup(marked)


def review_row(key: Key, message: Message | None, catalog: Catalog, findings: Sequence[Diagnostic]) -> ReviewRow:
    """The row of one source message in one catalog."""
    previous = message.previous_msgid if message is not None and message.fuzzy else None
    line = message.msgstr_line if message is not None else None
    return ReviewRow(
        msgctxt=key[0], source=key[1],
        translations=message.translations if message is not None else ("",),
        state=state_of(message) if message is not None else "missing",
        previous=previous, diff=fuzzy_diff(previous, key[1]) if previous is not None else None,
        findings=tuple(findings),
        exemptions=tuple(e.comment for e in exemptions_of(message)) if message is not None else (),
        location=f"{catalog.path}:{line}" if line else catalog.path,
    )


def review_rows(order: Iterable[Key] | Mapping[Key, Place], catalog: Catalog, diagnostics: Iterable[Diagnostic],
                lines: Sequence[str] = ()) -> list[ReviewRow]:
    """Every message of the source, in order, with what the catalog has for it."""
    by_entry: dict[Key, list[Diagnostic]] = {}
    for d in diagnostics:
        if d.location.path == catalog.path and d.msgid is not None:
            by_entry.setdefault((d.msgctxt, d.msgid), []).append(d)
    messages = catalog.by_key()
    places: Mapping[Key, Place] = order if isinstance(order, Mapping) else {}
    return [replace(review_row(key, messages.get(key), catalog, by_entry.get(key, [])), place=places.get(key),
                    marked=_marked(messages.get(key), by_entry.get(key, []), lines))
            for key in order]


def _marked(message: Message | None, findings: Sequence[Diagnostic], lines: Sequence[str]) -> Markup | None:
    """The (singular) translation with each character a finding points at (line and column) marked."""
    if message is None or not lines or not message.msgstr_line:
        return None
    spots = {(d.location.line, d.location.column) for d in findings if d.location.column is not None}
    text = message.translations[0]
    hits = {i for i in range(len(text)) if string_position(lines, message.msgstr_line, "msgstr", i) in spots} if spots else set()
    if not hits:
        return None
    return Markup("").join(Markup("<mark>%s</mark>") % c if i in hits else escape(c) for i, c in enumerate(text))


def _shown(rows: Sequence[ReviewRow], only: str) -> list[ReviewRow]:
    if only == "fuzzy":
        return [r for r in rows if r.state == "fuzzy"]
    if only == "findings":
        return [r for r in rows if r.findings]
    return list(rows)


def review_page(config: Config, locale: LocaleInfo, catalog: Catalog, rows: Sequence[ReviewRow],
                file_findings: Sequence[Diagnostic], only: str) -> bytes:
    """One review page of one locale, with one filter applied (no script needed)."""
    counts = {state: sum(1 for r in rows if r.state == state) for state in ("current", "exempted", "fuzzy", "untranslated", "missing")}
    html = PAGES.get_template("review.html.j2").render(
        locale=locale, source=config.source, catalog=catalog.path, rows=_shown(rows, only), total=len(rows),
        counts=counts, file_findings=file_findings, only=only, filters=FILTERS,
        with_findings=sum(1 for r in rows if r.findings), language=language_name(locale.identifier, locale.autonym),
        site=_relative(config.output_dir, config.reports_dir / "review"), root=_relative(config.root, config.reports_dir / "review"),
    )
    return html.encode("utf-8")


def review_files(config: Config, renderer: SiteRenderer, checked: CheckResult) -> dict[str, bytes]:
    """review/<locale>.html (and -fuzzy, -findings) for every checked catalog, and an index."""
    order = document_order(config, renderer, renderer.template)
    files: dict[str, bytes] = {}
    locales = [t for t in config.targets if t.identifier in checked.catalogs]
    for locale in locales:
        catalog = checked.catalogs[locale.identifier]
        rows = review_rows(order, catalog, checked.diagnostics, _lines(config.root / catalog.path))
        whole_file = [d for d in checked.diagnostics if d.location.path == catalog.path and d.msgid is None]
        for only in FILTERS:
            name = f"review/{locale.folder}{'-' + only if only else ''}.html"
            files[name] = review_page(config, locale, catalog, rows, whole_file, only)
    files["review/index.html"] = PAGES.get_template("review-index.html.j2").render(
        locales=locales, catalogs=_paths(checked.catalogs),
        english={t.identifier: language_name(t.identifier, t.autonym).rpartition(" — ")[2] for t in locales}).encode("utf-8")
    return files


def _paths(catalogs: Mapping[str, Catalog]) -> dict[str, str]:
    return {ident: catalog.path for ident, catalog in catalogs.items()}


def _relative(target: Path, start: Path) -> str:
    """target as a link from a page in start (the review pages link to the site and the catalogs)."""
    return Path(os.path.relpath(target, start)).as_posix() + "/"


def _lines(path: Path) -> list[str]:
    """The catalog's physical lines, to turn a finding's line and column back into a character."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
