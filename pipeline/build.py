"""Stage build: render every page of every locale, then publish the whole site at once."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.dates import format_date
from markupsafe import Markup

from .catalogs import Catalog
from .checks import check
from .config import Config, Page
from .diagnostics import Diagnostic, Location, PipelineError, Severity, error, warning
from .locales import LocaleInfo
from .render import (
    Fallback,
    Translator,
    install,
    make_environment,
    render_template,
    table_of_contents,
    template_module_value,
)
from .site import robots_txt, sitemap_xml

NOT_FOUND_MESSAGES = "notfound.html.j2"
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


@dataclass(frozen=True)
class RenderedPage:
    """One page of one locale: its output path, HTML, title and fallbacks."""

    locale: LocaleInfo
    page: Page
    path: str
    html: str
    title: str
    fallbacks: tuple[Fallback, ...]


@dataclass(frozen=True)
class BuildResult:
    """What a build published and what it had to fall back on."""

    output: Path
    files: tuple[str, ...]
    pages: tuple[RenderedPage, ...]
    diagnostics: tuple[Diagnostic, ...]


def page_url(config: Config, locale: LocaleInfo, page: Page) -> str:
    """The absolute URL of a page (canonical, hreflang, sitemap)."""
    return f"{config.base_url}{locale.folder}/{page.slug}/"


def page_path(locale: LocaleInfo, page: Page) -> str:
    """The page's folder-style path inside the output folder."""
    return f"{locale.folder}/{page.slug}/index.html"


def alternates(config: Config, page: Page) -> list[dict[str, str]]:
    """The hreflang set of a page: every language version, then x-default -> source."""
    links = [{"hreflang": loc.tag, "href": page_url(config, loc, page)} for loc in config.all_locales]
    links.append({"hreflang": "x-default", "href": page_url(config, config.source, page)})
    return links


def _dated(date: dt.date, locale: LocaleInfo) -> dict[str, str]:
    return {"iso": date.isoformat(), "text": format_date(date, format="long", locale=locale.identifier)}


def page_context(config: Config, locale: LocaleInfo, page: Page) -> dict[str, Any]:
    """The variables a page template sees."""
    up = "../../"
    return {
        "urls": config.urls,
        "page": {
            "lang": locale.tag,
            "dir": locale.direction,
            "canonical": page_url(config, locale, page),
            "alternates": alternates(config, page),
            "root": up,
            "is_source": locale == config.source,
            "source_href": f"{up}{config.source.folder}/{page.slug}/",
            "languages": [
                {"lang": other.tag, "autonym": other.autonym, "current": other == locale,
                 "href": "./" if other == locale else f"{up}{other.folder}/{page.slug}/"}
                for other in config.all_locales
            ],
            "effective": _dated(config.effective_date, locale),
            "revised": _dated(config.last_revised, locale),
        },
    }


class SiteRenderer:
    """Renders pages for one locale at a time with that locale's publishable messages."""

    def __init__(self, config: Config, catalogs: Mapping[str, Catalog]) -> None:
        self.config = config
        self.catalogs = catalogs
        self.env = make_environment(config.templates_dir)

    def translator(self, locale: LocaleInfo) -> Translator:
        """A fresh translator for one locale."""
        catalog = self.catalogs.get(locale.identifier)
        messages = catalog.by_key() if catalog is not None else {}
        return Translator(self.config.source.tag, messages, is_source=locale == self.config.source)

    def render_page(self, locale: LocaleInfo, page: Page) -> RenderedPage:
        """One policy page in one language, with its table of contents."""
        translator = self.translator(locale)
        install(self.env, translator)
        html = render_template(self.env, page.template, page_context(self.config, locale, page), self.config.root)
        html = table_of_contents(html)
        title_match = _TITLE.search(html)
        title = Markup(title_match.group(1)).unescape() if title_match else page.slug
        return RenderedPage(locale, page, page_path(locale, page), html, title, tuple(translator.fallbacks))

    def not_found_section(self, locale: LocaleInfo) -> dict[str, Any]:
        """The 404 page's block in one language."""
        install(self.env, self.translator(locale))
        values = {name: Markup(template_module_value(self.env, NOT_FOUND_MESSAGES, name, {}))
                  for name in ("heading", "link")}
        first = self.config.pages[0]
        return {"lang": locale.tag, "dir": locale.direction, "href": page_url(self.config, locale, first), **values}

    def render_shell(self, template: str, page: Mapping[str, Any]) -> str:
        """The root language chooser or 404 page."""
        return render_template(self.env, template, {"page": page}, self.config.root)


def _fallback_diagnostics(config: Config, rendered: Sequence[RenderedPage], strict: bool) -> list[Diagnostic]:
    found: dict[tuple[str, int | None, str], Diagnostic] = {}
    for page in rendered:
        path = config.relative(config.catalog_path(page.locale))
        for fallback in page.fallbacks:
            make = error if strict else warning
            text = (f"{fallback.reason}: {page.path} shows the {config.source.autonym} source "
                    f"{fallback.msgid[:30]!r} in its place")
            found.setdefault((path, fallback.line, fallback.msgid),
                             make(Location(path, fallback.line), "fallback", text))
    return list(found.values())


def render_site(config: Config, renderer: SiteRenderer, locales: Sequence[LocaleInfo]) -> tuple[dict[str, bytes], list[RenderedPage]]:
    """Every file of the site, in memory."""
    rendered = [renderer.render_page(loc, page) for loc in locales for page in config.pages]
    files = {r.path: r.html.encode("utf-8") for r in rendered}
    titles = {r.locale.identifier: r.title for r in rendered if r.page == config.pages[0]}
    files["index.html"] = renderer.render_shell("index.html.j2", _chooser(config, titles)).encode("utf-8")
    files["404.html"] = renderer.render_shell("404.html.j2", _not_found(config, renderer, locales)).encode("utf-8")
    files["sitemap.xml"] = sitemap_xml(config, [alternates(config, p) for p in config.pages]).encode("utf-8")
    files["robots.txt"] = robots_txt(config).encode("utf-8")
    for asset in sorted((config.templates_dir / "assets").rglob("*")):
        if asset.is_file():
            files[f"assets/{asset.relative_to(config.templates_dir / 'assets').as_posix()}"] = asset.read_bytes()
    return files, rendered


def _chooser(config: Config, titles: Mapping[str, str]) -> dict[str, Any]:
    first = config.pages[0]
    return {
        "lang": config.source.tag, "dir": config.source.direction, "root": "",
        "title": titles.get(config.source.identifier, first.slug),
        "languages": [
            {"lang": loc.tag, "dir": loc.direction, "autonym": loc.autonym,
             "title": titles.get(loc.identifier, ""), "href": f"{loc.folder}/{first.slug}/"}
            for loc in config.all_locales
        ],
    }


def _not_found(config: Config, renderer: SiteRenderer, locales: Sequence[LocaleInfo]) -> dict[str, Any]:
    sections = [renderer.not_found_section(loc) for loc in locales]
    return {"lang": config.source.tag, "dir": config.source.direction,
            "base_url": config.base_url, "sections": sections,
            "title": sections[0]["heading"].striptags()}


def build(config: Config, out: Path | None = None, locales: Sequence[LocaleInfo] | None = None,
          strict: bool = False) -> BuildResult:
    """Check, render everything, then replace the output folder in one step."""
    targets = list(locales) if locales else list(config.targets)
    result = check(config, targets)
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if errors:
        raise PipelineError(errors)
    chosen = [config.source, *[t for t in targets if t != config.source]]
    renderer = SiteRenderer(config, result.catalogs)
    files, rendered = render_site(config, renderer, chosen)
    fallbacks = _fallback_diagnostics(config, rendered, strict)
    if strict and fallbacks:
        raise PipelineError(fallbacks)
    output = out or config.output_dir
    publish(files, output)
    return BuildResult(output, tuple(sorted(files)), tuple(rendered), tuple(fallbacks))


def publish(files: Mapping[str, bytes], output: Path) -> None:
    """Write the site into a sibling folder, then swap it in: a failure leaves output as it was."""
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
