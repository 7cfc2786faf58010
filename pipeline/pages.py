"""Where each page lives and what its template sees: URLs, the hreflang cluster, the switcher."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from babel.dates import format_date
from markupsafe import Markup

from .config import Config, Page
from .locales import LocaleInfo

if TYPE_CHECKING:
    from .publishing import Decision
    from .render import Fallback

UP = "../../"


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
class PageState:
    """What the build knows about one page before rendering it."""

    published: Collection[str]
    outdated: bool
    held_back: bool
    unavailable_label: Markup


def page_url(config: Config, locale: LocaleInfo, page: Page) -> str:
    """The absolute URL of a page (canonical, hreflang, sitemap)."""
    return f"{config.base_url}{locale.folder}/{page.slug}/"


def page_path(locale: LocaleInfo, page: Page) -> str:
    """The page's folder-style path inside the output folder."""
    return f"{locale.folder}/{page.slug}/index.html"


def alternates(config: Config, page: Page, published: Collection[str]) -> list[dict[str, str]]:
    """The hreflang set of a page: every published language version, then x-default -> source."""
    links = [{"hreflang": loc.tag, "href": page_url(config, loc, page)}
             for loc in config.all_locales if loc.identifier in published]
    links.append({"hreflang": "x-default", "href": page_url(config, config.source, page)})
    return links


def dated(date: dt.date, locale: LocaleInfo) -> dict[str, str]:
    """A date for <time datetime>: ISO and the locale's long format."""
    return {"iso": date.isoformat(), "text": format_date(date, format="long", locale=locale.identifier)}


def page_context(config: Config, locale: LocaleInfo, page: Page, state: PageState) -> dict[str, Any]:
    """The variables a page template sees."""
    source = page_url(config, config.source, page)
    return {
        "urls": config.urls,
        "page": {
            "lang": locale.tag,
            "dir": locale.direction,
            "site": site_text(config, locale, "name") or urlsplit(config.base_url).hostname or config.base_url,
            "operator": site_text(config, locale, "operator"),
            "year": str(config.last_revised.year),
            "canonical": source if state.held_back else page_url(config, locale, page),
            "noindex": state.held_back,
            "alternates": [] if state.held_back else alternates(config, page, state.published),
            "root": UP,
            "is_source": locale == config.source,
            "source_href": f"{UP}{config.source.folder}/{page.slug}/",
            "languages": [_switcher_entry(other, locale, page, state) for other in config.all_locales],
            "unavailable_label": state.unavailable_label,
            "effective": dated(config.effective_date, locale),
            "revised": dated(config.last_revised, locale),
            "outdated": state.outdated,
            "version": None,  # with releases: the version shown (see archive.py)
        },
    }


def site_text(config: Config, locale: LocaleInfo, key: str) -> str:
    """The site's name or operator in this locale: its own entry, else the shared one, else the source's."""
    entries = config.site.get(key, {})
    return entries.get(locale.identifier) or entries.get("*") or entries.get(config.source.identifier, "")


def _switcher_entry(other: LocaleInfo, current: LocaleInfo, page: Page, state: PageState) -> dict[str, Any]:
    return {
        "lang": other.tag, "autonym": other.autonym, "current": other == current,
        "available": other == current or other.identifier in state.published,
        "href": "./" if other == current else f"{UP}{other.folder}/{page.slug}/",
    }
