"""Stage build: render every page of every locale, decide what is published, then write it all.

The site goes to the output folder in one step (a sibling folder swapped in), the build report,
the status page and previews of held-back pages to the reports folder, never into the site.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .catalogs import Catalog
from .checks import check
from .config import Config, Page
from .diagnostics import Diagnostic, Location, PipelineError, Severity, error, warning
from .extract import load_template
from .locales import LocaleInfo
from .pages import PageState, alternates, page_context, page_path, page_url
from .publishing import Decision, decide, follows, lags, template_revision
from .render import (
    FALLBACK_END,
    Fallback,
    Translator,
    annotate_fallbacks,
    install,
    make_environment,
    mark_source_language_links,
    optional_block,
    render_template,
    table_of_contents,
    template_module_value,
    translated_share,
)
from .report import report_files
from .site import robots_txt, sitemap_xml

MESSAGES_TEMPLATE = "messages.html.j2"
_HEADING = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)


@dataclass(frozen=True)
class RenderedPage:
    """One page of one locale: its output path, HTML, title, fallbacks and publishing decision."""

    locale: LocaleInfo
    page: Page
    path: str
    html: str
    title: str
    fallbacks: tuple[Fallback, ...]
    decision: Decision


@dataclass(frozen=True)
class BuildResult:
    """What a build published, held back and had to fall back on."""

    output: Path
    files: tuple[str, ...]
    pages: tuple[RenderedPage, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def published(self) -> tuple[RenderedPage, ...]:
        """The pages that went into the site."""
        return tuple(p for p in self.pages if p.decision.published)


class SiteRenderer:
    """Renders pages for one locale at a time with that locale's publishable messages."""

    def __init__(self, config: Config, catalogs: Mapping[str, Catalog], template: Catalog) -> None:
        self.config = config
        self.catalogs = catalogs
        self.template = template
        self.revision = template_revision(template)
        self.env = make_environment(config.templates_dir)

    def translator(self, locale: LocaleInfo) -> Translator:
        """A fresh translator for one locale, installed in the environment."""
        catalog = self.catalogs.get(locale.identifier)
        messages = catalog.by_key() if catalog is not None else {}
        translator = Translator(self.config.source.tag, messages, is_source=locale == self.config.source)
        install(self.env, translator)
        return translator

    def strings(self, locale: LocaleInfo) -> dict[str, Markup]:
        """The build's own messages (404 texts, notes) in one language."""
        self.translator(locale)
        names = ("notfound_heading", "notfound_link", "fallback_note", "unavailable", "source_language_note")
        return {name: Markup(template_module_value(self.env, MESSAGES_TEMPLATE, name, {}).replace(FALLBACK_END, ""))
                for name in names}

    def state(self, locale: LocaleInfo, published: set[str], held_back: bool) -> PageState:
        """What a page needs to know before it is rendered."""
        catalog = self.catalogs.get(locale.identifier)
        is_source = locale == self.config.source
        return PageState(
            published=published, revision=self.revision,
            follows=None if is_source else follows(catalog, self.template),
            outdated=not is_source and lags(catalog, self.template), held_back=held_back,
            unavailable_label=self.strings(locale)["unavailable"],
        )

    def render_page(self, locale: LocaleInfo, page: Page, published: set[str], held_back: bool = False) -> RenderedPage:
        """One policy page in one language, with its table of contents and fallback notes."""
        state = self.state(locale, published, held_back)
        note = self.strings(locale)["fallback_note"]
        translator = self.translator(locale)
        context = page_context(self.config, locale, page, state)
        html = table_of_contents(render_template(self.env, page.template, context, self.config.root))
        block_fallbacks = [f for f in translator.fallbacks if not f.in_text_slot]
        html = optional_block(html, "fallback-notice", bool(block_fallbacks))
        html = annotate_fallbacks(html, context["page"]["source_href"], self.config.source.tag, note)
        if locale != self.config.source:
            html = mark_source_language_links(html, self.config.source_language_urls, self.config.source.tag,
                                              locale.tag, self.strings(locale)["source_language_note"])
        heading = _HEADING.search(html)
        title = Markup(heading.group(1)).striptags() if heading else page.slug
        decision = decide(self.config, locale, page, translator.fallbacks, translated_share(html))
        return RenderedPage(locale, page, page_path(locale, page), html, title, tuple(translator.fallbacks), decision)

    def render_shell(self, template: str, page: Mapping[str, Any]) -> str:
        """The root language chooser or 404 page."""
        return render_template(self.env, template, {"page": page}, self.config.root)


def render_pages(config: Config, renderer: SiteRenderer, locales: Sequence[LocaleInfo]) -> list[RenderedPage]:
    """Every page of every locale; rendered again where a held-back page changes the cluster."""
    assumed = {loc.identifier for loc in config.all_locales if not config.locale_settings(loc).draft or loc == config.source}
    pages = [renderer.render_page(loc, page, assumed) for page in config.pages for loc in locales]
    held = {(p.locale.identifier, p.page.slug) for p in pages if not p.decision.published}
    if not held:
        return pages
    final = []
    for rendered in pages:
        published = {ident for ident in assumed if (ident, rendered.page.slug) not in held}
        is_held = (rendered.locale.identifier, rendered.page.slug) in held
        final.append(renderer.render_page(rendered.locale, rendered.page, published, held_back=is_held))
    return final


def site_files(config: Config, renderer: SiteRenderer, pages: Sequence[RenderedPage]) -> dict[str, bytes]:
    """Every published file of the site, in memory."""
    published = [p for p in pages if p.decision.published]
    files = {p.path: p.html.encode("utf-8") for p in published}
    first = config.pages[0]
    chooser = [p for p in published if p.page == first]
    files["index.html"] = renderer.render_shell("index.html.j2", _chooser(config, chooser)).encode("utf-8")
    files["404.html"] = renderer.render_shell("404.html.j2", _not_found(config, renderer, chooser)).encode("utf-8")
    clusters = [alternates(config, page, {p.locale.identifier for p in published if p.page == page}) for page in config.pages]
    files["sitemap.xml"] = sitemap_xml(config, clusters).encode("utf-8")
    files["robots.txt"] = robots_txt(config).encode("utf-8")
    for asset in sorted((config.templates_dir / "assets").rglob("*")):
        if asset.is_file():
            files[f"assets/{asset.relative_to(config.templates_dir / 'assets').as_posix()}"] = asset.read_bytes()
    return files


def _chooser(config: Config, pages: Sequence[RenderedPage]) -> dict[str, Any]:
    titles = {p.locale.identifier: p.title for p in pages}
    slug = config.pages[0].slug
    return {
        "lang": config.source.tag, "dir": config.source.direction, "root": "",
        "title": titles.get(config.source.identifier, slug),
        "languages": [
            {"lang": p.locale.tag, "dir": p.locale.direction, "autonym": p.locale.autonym,
             "title": p.title, "href": f"{p.locale.folder}/{slug}/"}
            for p in pages
        ],
    }


def _not_found(config: Config, renderer: SiteRenderer, pages: Sequence[RenderedPage]) -> dict[str, Any]:
    sections = []
    for rendered in pages:
        strings = renderer.strings(rendered.locale)
        sections.append({"lang": rendered.locale.tag, "dir": rendered.locale.direction,
                         "href": page_url(config, rendered.locale, rendered.page),
                         "heading": strings["notfound_heading"], "link": strings["notfound_link"]})
    return {"lang": config.source.tag, "dir": config.source.direction, "base_url": config.base_url,
            "sections": sections}


def fallback_diagnostics(config: Config, pages: Sequence[RenderedPage], strict: bool) -> list[Diagnostic]:
    """One diagnostic per message shown in the source language, and per held-back page."""
    found: dict[tuple[str, int | None, str], Diagnostic] = {}
    make = error if strict else warning
    for page in pages:
        path = config.relative(config.catalog_path(page.locale))
        for fallback in page.fallbacks:
            text = (f"{fallback.reason}: {page.path} shows the {config.source.autonym} source "
                    f"{fallback.msgid[:30]!r} in its place")
            found.setdefault((path, fallback.line, fallback.msgid), make(Location(path, fallback.line), "fallback", text))
        for reason in page.decision.reasons:
            found.setdefault((path, None, reason), make(Location(path), "held-back", f"{page.path} is not published: {reason}"))
    return list(found.values())


def build(config: Config, out: Path | None = None, locales: Sequence[LocaleInfo] | None = None,
          strict: bool = False) -> BuildResult:
    """Check, render everything, decide what is published, then replace the output in one step."""
    targets = list(locales) if locales else list(config.targets)
    result = check(config, targets)
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if errors:
        raise PipelineError(errors)
    renderer = SiteRenderer(config, result.catalogs, load_template(config))
    chosen = [config.source, *[t for t in targets if t != config.source]]
    pages = render_pages(config, renderer, chosen)
    diagnostics = fallback_diagnostics(config, pages, strict)
    if strict and diagnostics:
        raise PipelineError(diagnostics)
    files = site_files(config, renderer, pages)
    output = out or config.output_dir
    reports = report_files(config, renderer.template, result, pages, files)
    publish(files, output)
    publish(reports, config.reports_dir)
    return BuildResult(output, tuple(sorted(files)), tuple(pages), tuple(diagnostics))


def publish(files: Mapping[str, bytes], output: Path) -> None:
    """Write the files into a sibling folder, then swap it in: a failure leaves output as it was."""
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    try:
        for relative, data in sorted(files.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        _swap(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(staging: Path, output: Path) -> None:
    if not output.exists():
        staging.rename(output)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
    retired.rmdir()
    output.rename(retired)
    try:
        staging.rename(output)
    except OSError:
        retired.rename(output)
        raise
    shutil.rmtree(retired, ignore_errors=True)
