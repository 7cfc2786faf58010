"""Side-by-side review pages: per locale, every message in document order, the Japanese source
beside the translation, its state, findings and .po line. Written to the reports folder only.

Translations are untrusted: the page template autoescapes everything, and the one piece of
markup we make ourselves (the word diff of a fuzzy entry) is built from escaped text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup, escape

from .catalogs import Catalog, Key, Message
from .changes import word_diff
from .checks.exemptions import exemptions_of
from .diagnostics import Diagnostic
from .locales import LocaleInfo

if TYPE_CHECKING:
    from .checks import CheckResult
    from .config import Config
    from .renderer import SiteRenderer

FILTERS = {"": "every message", "fuzzy": "only fuzzy", "findings": "only with findings"}
_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent), autoescape=True,
                          undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
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


def document_order(config: Config, renderer: SiteRenderer, template: Catalog) -> list[Key]:
    """Message keys in the order a reader meets them on the pages, then the rest of the template.

    Rendering with an empty catalog makes every message fall back, and the fallbacks are
    recorded in rendering order: that is the document order, layout text included."""
    locale = config.targets[0] if config.targets else config.source
    empty = Catalog(template.header, (), "review")
    met = [(f.msgctxt, f.msgid) for page in config.pages
           for f in renderer.render_page(locale, page, {config.source.identifier}, True, empty).fallbacks]
    return list(dict.fromkeys([*met, *(m.key for m in template.current)]))


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


def review_rows(order: Iterable[Key], catalog: Catalog, diagnostics: Iterable[Diagnostic]) -> list[ReviewRow]:
    """Every message of the source, in order, with what the catalog has for it."""
    by_entry: dict[Key, list[Diagnostic]] = {}
    for d in diagnostics:
        if d.location.path == catalog.path and d.msgid is not None:
            by_entry.setdefault((d.msgctxt, d.msgid), []).append(d)
    messages = catalog.by_key()
    return [review_row(key, messages.get(key), catalog, by_entry.get(key, [])) for key in order]


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
    html = _ENV.get_template("review.html.j2").render(
        locale=locale, source=config.source, catalog=catalog.path, rows=_shown(rows, only), total=len(rows),
        counts=counts, file_findings=file_findings, only=only, filters=FILTERS,
        with_findings=sum(1 for r in rows if r.findings),
    )
    return html.encode("utf-8")


def review_files(config: Config, renderer: SiteRenderer, checked: CheckResult) -> dict[str, bytes]:
    """review/<locale>.html (and -fuzzy, -findings) for every checked catalog, and an index."""
    order = document_order(config, renderer, renderer.template)
    files: dict[str, bytes] = {}
    locales = [t for t in config.targets if t.identifier in checked.catalogs]
    for locale in locales:
        catalog = checked.catalogs[locale.identifier]
        rows = review_rows(order, catalog, checked.diagnostics)
        whole_file = [d for d in checked.diagnostics if d.location.path == catalog.path and d.msgid is None]
        for only in FILTERS:
            name = f"review/{locale.folder}{'-' + only if only else ''}.html"
            files[name] = review_page(config, locale, catalog, rows, whole_file, only)
    files["review/index.html"] = _ENV.get_template("review-index.html.j2").render(
        locales=locales, catalogs=_paths(checked.catalogs)).encode("utf-8")
    return files


def _paths(catalogs: Mapping[str, Catalog]) -> dict[str, str]:
    return {ident: catalog.path for ident, catalog in catalogs.items()}
