"""What a site with releases publishes: each language's current version, its archive of past
versions and the pages of what changed between consecutive versions.

Each language publishes the newest release it translates completely (signed off, where its
config requires that); `versions = "fallback"` publishes the newest release with per-message
fallback instead. A version is rendered from its release's page templates (the current ones
while the newest release still matches them) and its own translations, so a past version's
page stays byte-identical whatever happens to the live catalogs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup, escape

from ..catalog.model import Catalog, Key, Message
from ..config import Config, Page
from ..locales import LocaleInfo
from ..site.jinja import make_environment, optional_block
from ..site.pages import PageState, RenderedPage, dated, page_context, page_url
from .pinning import signed, translation
from .releases import Release, digest_of, policy_messages
from .whatchanged import Recorder

if TYPE_CHECKING:
    from ..site.renderer import SiteRenderer

ARCHIVE_TEMPLATE = "versions.html.j2"


@dataclass(frozen=True)
class Plan:
    """What one language publishes: its current release and every release it can show."""

    locale: LocaleInfo
    current: Release | None
    has: Mapping[str, Mapping[Key, Message]]  # release id -> the translations it is rendered with
    waiting: Release | None = None  # complete, but not (or no longer) signed off
    in_progress: Release | None = None  # newer than current, not complete yet


def plan(config: Config, locale: LocaleInfo, releases: Sequence[Release], catalogs: Mapping[str, Catalog]) -> Plan:
    """Which releases a language translates (and may publish), by the publishing rule."""
    if locale == config.source:
        return Plan(locale, releases[-1], {r.id: {} for r in releases})
    settings = config.locale_settings(locale)
    has: dict[str, Mapping[Key, Message]] = {}
    waiting = None
    for release in releases:
        found = translation(config, locale, release, release == releases[-1], catalogs)
        approved = signed(config, locale, release) if settings.require_signoff else found
        if approved is not None and approved.complete:
            has[release.id] = approved.messages
        if settings.require_signoff and found.complete and (approved is None or approved.digest != found.digest):
            waiting = release  # complete as it is now, but that is not what was signed off
    if settings.versions == "fallback":
        has[releases[-1].id] = translation(config, locale, releases[-1], True, catalogs, live_only=True).messages
    current = next((r for r in reversed(releases) if r.id in has), None)
    return Plan(locale, current, has, waiting, releases[-1] if current != releases[-1] else None)


@dataclass
class Versioned:
    """The pages of a site with releases, the archive files, and what the status page shows."""

    pages: list[RenderedPage] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    clusters: list[list[dict[str, str]]] = field(default_factory=list)
    plans: dict[str, Plan] = field(default_factory=dict)
    dates: dict[str, str] = field(default_factory=dict)  # URL -> the date of the version it shows


class VersionRenderer:
    """Renders one release in one language, with the right templates and translations."""

    def __init__(self, config: Config, site: SiteRenderer, releases: Sequence[Release]) -> None:
        self.config, self.site, self.releases = config, site, releases
        current = digest_of(m.key for m in policy_messages(config, site.template.messages))
        self.live_release = releases[-1].id if releases[-1].digest == current else None
        self._envs: dict[str, jinja2.Environment] = {}

    def env(self, release: Release) -> jinja2.Environment:
        """The current templates for the newest release while they match it, else its snapshot
        of the page templates (the layout stays the site's current one)."""
        if release.id == self.live_release:
            return self.site.env
        if release.id not in self._envs:
            env = make_environment(self.config.templates_dir)
            env.loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(release.folder / "templates"), env.loader])  # type: ignore[list-item]
            self._envs[release.id] = env
        return self._envs[release.id]

    def render(self, plan: Plan, release: Release, page: Page, state: PageState, where: Where) -> tuple[RenderedPage, dict[Key, str]]:
        """One version's page and, by message, the passages it shows (for what-changed pages)."""
        live = self.site.catalogs.get(plan.locale.identifier)
        messages = {**(live.by_key() if live is not None else {}), **plan.has.get(release.id, {})}
        recorder = Recorder(self.config.source.tag, messages, is_source=plan.locale == self.config.source)
        context = page_context(self.config, plan.locale, page, state)
        context["page"].update(where.context)
        context["page"]["version"] = self.version_info(plan.locale, release, where)
        rendered = self.site.render_in(self.env(release), recorder, plan.locale, page, context, where.path)
        return rendered, recorder.passages

    def version_info(self, locale: LocaleInfo, release: Release, where: Where) -> dict[str, Any]:
        """What the dates block, the notices and the revision history show for a version."""
        shown = self.releases[:self.releases.index(release) + 1]
        return {
            "date": dated(release.date, locale),
            "effective": dated(release.effective, locale) if release.effective else None,
            "archive": where.archive,
            "notice": where.notice,
            "history": [{"date": dated(r.date, locale), "summary": self.summary(locale, r)} for r in shown],
        }

    def summary(self, locale: LocaleInfo, release: Release) -> Markup | None:
        """A release's summary in the language, else in Japanese marked as such."""
        if release.summary_key is None:
            return None
        catalog = self.site.catalogs.get(locale.identifier)
        message = catalog.by_key().get(release.summary_key) if catalog is not None and locale != self.config.source else None
        if message is not None and message.publishable:
            return escape(message.msgstr)
        if locale == self.config.source:
            return escape(release.summary)
        return Markup('<span lang="{}">{}</span>').format(self.config.source.tag, release.summary)

    def strings(self, locale: LocaleInfo) -> dict[str, Markup]:
        """The build's own version messages in one language."""
        return self.site.strings(locale)


@dataclass(frozen=True)
class Where:
    """Where a version's page goes and what differs from the current page's context."""

    path: str
    context: dict[str, Any]
    archive: str | None
    notice: Markup | None


def fill(text: Markup, **values: str) -> Markup:
    """A build message with its {name} slots filled (values escaped)."""
    out = str(text)
    for name, value in values.items():
        out = out.replace("{" + name + "}", str(escape(value)))
    return Markup(out)


def date_text(date: dt.date, locale: LocaleInfo) -> str:
    """A date in the locale's long format, inside <time>."""
    shown = dated(date, locale)
    return f'<time datetime="{shown["iso"]}">{escape(shown["text"])}</time>'


def archive_page(renderer: VersionRenderer, locale: LocaleInfo, page: Page, path: str, published: set[str],
                 alternates: list[dict[str, str]], archive: dict[str, Any]) -> str:
    """An archive or what-changed page in the site's layout (templates/versions.html.j2)."""
    from ..site.jinja import render_template  # Jinja2 only when an archive page is rendered
    state = PageState(published=published, outdated=False, held_back=False,
                      unavailable_label=renderer.strings(locale)["unavailable"])
    renderer.site.translator(locale)
    context = page_context(renderer.config, locale, page, state)
    up = "../" * path.count("/")
    suffix = path.split("/", 2)[2].removesuffix("index.html")
    context["page"].update(relocated(renderer.config, locale, page, up, path, alternates, published, suffix))
    context["page"]["version"] = None
    context["archive"] = archive
    html = render_template(renderer.site.env, ARCHIVE_TEMPLATE, context, renderer.config.root)
    return optional_block(html, "fallback-notice", False)  # a summary shown in Japanese is marked lang="ja"


def relocated(config: Config, locale: LocaleInfo, page: Page, up: str, path: str,
              alternates: list[dict[str, str]], have: set[str], suffix: str = "") -> dict[str, Any]:
    """The context entries of a page deeper in the tree: root, links, canonical, hreflang."""
    return {
        "root": up,
        "canonical": config.base_url + path.removesuffix("index.html"),
        "alternates": alternates,
        "source_href": f"{up}{config.source.folder}/{page.slug}/{suffix}",
        "languages": [{"lang": o.tag, "autonym": o.autonym, "current": o == locale,
                       "available": o == locale or o.identifier in have,
                       "href": "./" if o == locale else f"{up}{o.folder}/{page.slug}/{suffix}"}
                      for o in config.all_locales],
    }


def cluster(config: Config, page: Page, have: Sequence[LocaleInfo], suffix: str) -> list[dict[str, str]]:
    """The hreflang set of one version's pages (x-default: the source's)."""
    links = [{"hreflang": loc.tag, "href": f"{page_url(config, loc, page)}{suffix}"} for loc in have]
    if any(loc == config.source for loc in have):
        links.append({"hreflang": "x-default", "href": f"{page_url(config, config.source, page)}{suffix}"})
    return links


__all__ = ["Plan", "VersionRenderer", "Versioned", "Where", "cluster", "date_text", "fill", "plan"]
