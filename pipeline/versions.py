"""The public site of a project with releases: current pages, archives and what-changed pages.

Layout (DESIGN.md): `<tag>/<slug>/` the language's current version, `<tag>/<slug>/versions/`
its list of versions, `versions/<id>/` each version's page (a past one says so, with its period
of validity), `versions/<id>/changes/` what changed from the previous version. Each version's
pages form their own hreflang cluster; the page of a language's current version points its
canonical at the current page, so search engines see one URL for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from . import archive
from .archive import Plan, Versioned, VersionRenderer, Where, archive_page, cluster, date_text, fill, relocated
from .catalogs import Key
from .config import Config, Page
from .locales import LocaleInfo
from .pages import PageState, RenderedPage, page_path, page_url
from .publishing import Decision
from .releases import Release
from .whatchanged import compare

if TYPE_CHECKING:
    from .build import SiteRenderer


def publish(config: Config, site: SiteRenderer, releases: Sequence[Release], locales: Sequence[LocaleInfo]) -> Versioned:
    """Every public page of a site with releases, by the publishing rule of each language."""
    renderer = VersionRenderer(config, site, releases)
    plans = {loc.identifier: archive.plan(config, loc, releases, site.catalogs) for loc in locales}
    out = Versioned(plans=plans)
    for page in config.pages:
        _Page(renderer, out, page, [plans[loc.identifier] for loc in locales]).publish()
    return out


class _Page:
    """One page of the site in every language and version."""

    def __init__(self, renderer: VersionRenderer, out: Versioned, page: Page, plans: Sequence[Plan]) -> None:
        self.r, self.out, self.page, self.plans = renderer, out, page, plans
        self.config, self.releases = renderer.config, renderer.releases
        self.published = {p.locale.identifier for p in plans
                           if p.current is not None and (p.locale == self.config.source or not self.config.locale_settings(p.locale).draft)}
        self.passages: dict[tuple[str, str], dict[Key, str]] = {}

    def publish(self) -> None:
        for plan in self.plans:
            self.current(plan)
            for release in self.releases:
                if release.id in plan.has:
                    self.version(plan, release)
        self.out.clusters.append(cluster(self.config, self.page, [p.locale for p in self.plans if p.locale.identifier in self.published], "versions/"))
        for plan in self.plans:
            if plan.locale.identifier in self.published:
                self.changes(plan)
                self.index(plan)
        for release in self.releases:
            past = [p.locale for p in self.plans if release.id in p.has and p.current != release and p.locale.identifier in self.published]
            self.out.clusters.append(cluster(self.config, self.page, past, f"versions/{release.id}/"))

    def state(self, locale: LocaleInfo, outdated: bool = False) -> PageState:
        return PageState(published=self.published, outdated=outdated, held_back=locale.identifier not in self.published,
                         unavailable_label=self.r.strings(locale)["unavailable"])

    def current(self, plan: Plan) -> None:
        """The language's current page: its newest publishable version (a preview when none)."""
        release = plan.current or self.releases[-1]
        notice = None
        if plan.current is not None and plan.current != self.releases[-1]:
            notice = self.lag_notice(plan.locale, plan.current)
        where = Where(page_path(plan.locale, self.page), {}, "versions/", notice)
        shown = plan.has.get(release.id, {})
        partial = plan.locale != self.config.source and any(k not in shown for k in release.keys)  # versions = "fallback"
        rendered, _ = self.r.render(plan, release, self.page, self.state(plan.locale, partial), where)
        self.out.dates[page_url(self.config, plan.locale, self.page)] = release.date.isoformat()
        if plan.current is None:
            reason = "it translates no release completely" + (" with a sign-off" if self.config.locale_settings(plan.locale).require_signoff else "")
            rendered = _held(rendered, reason)
        self.out.pages.append(rendered)

    def lag_notice(self, locale: LocaleInfo, release: Release) -> Markup:
        up = "../../"
        following = self.releases[self.releases.index(release) + 1]
        source = f"{up}{self.config.source.folder}/{self.page.slug}/"
        return fill(self.r.strings(locale)["version_lagging"], translated=Markup(date_text(release.date, locale)),
                    current=Markup(date_text(self.releases[-1].date, locale)), source=source,
                    changes=f"{source}versions/{following.id}/changes/")

    def version(self, plan: Plan, release: Release) -> None:
        """The page of one version, in the archive."""
        locale, slug = plan.locale, self.page.slug
        path = f"{locale.folder}/{slug}/versions/{release.id}/index.html"
        up = "../../../../"
        have = {p.locale.identifier for p in self.plans if release.id in p.has and p.locale.identifier in self.published}
        is_current = release == plan.current
        alternates = [] if is_current else cluster(self.config, self.page, [p.locale for p in self.plans if p.locale.identifier in have
                                                                            and p.current != release], f"versions/{release.id}/")
        context = relocated(self.config, locale, self.page, up, path, alternates, have, f"versions/{release.id}/")
        if is_current:
            context["canonical"] = page_url(self.config, locale, self.page)
        notice = None if is_current else self.past_notice(locale, release, f"{up}{locale.folder}/{slug}/")
        rendered, passages = self.r.render(plan, release, self.page, self.state(locale), Where(path, context, "../", notice))
        self.out.dates[self.config.base_url + path.removesuffix("index.html")] = release.date.isoformat()
        self.passages[(locale.identifier, release.id)] = passages
        if locale.identifier in self.published:
            self.out.files[path] = rendered.html.encode("utf-8")

    def past_notice(self, locale: LocaleInfo, release: Release, current: str) -> Markup:
        following = self.releases[self.releases.index(release) + 1]
        start = release.effective or release.date
        end = following.effective or following.date
        return fill(self.r.strings(locale)["version_past"], start=Markup(date_text(start, locale)),
                    end=Markup(date_text(end, locale)), current=current)

    def changes(self, plan: Plan) -> None:
        """What changed between each pair of consecutive versions the language has."""
        for before, after in zip(self.releases, self.releases[1:], strict=False):
            if before.id not in plan.has or after.id not in plan.has:
                continue
            ident = plan.locale.identifier
            found = compare([m.key for m in before.messages], self.passages[(ident, before.id)],
                            [m.key for m in after.messages], self.passages[(ident, after.id)])
            path = f"{plan.locale.folder}/{self.page.slug}/versions/{after.id}/changes/index.html"
            both = [p.locale for p in self.plans if before.id in p.has and after.id in p.has and p.locale.identifier in self.published]
            archive = {"kind": "changes", "changes": found, "old": Markup(date_text(before.date, plan.locale)),
                       "new": Markup(date_text(after.date, plan.locale)), "old_href": f"../../{before.id}/", "new_href": "../"}
            html = archive_page(self.r, plan.locale, self.page, path, {p.identifier for p in both},
                                cluster(self.config, self.page, both, f"versions/{after.id}/changes/"), archive)
            self.out.files[path] = html.encode("utf-8")

    def index(self, plan: Plan) -> None:
        """The list of the language's versions, newest first."""
        locale = plan.locale
        rows = [self.row(plan, release) for release in reversed(self.releases) if release.id in plan.has]
        path = f"{locale.folder}/{self.page.slug}/versions/index.html"
        html = archive_page(self.r, locale, self.page, path, self.published,
                            cluster(self.config, self.page, [p.locale for p in self.plans if p.locale.identifier in self.published], "versions/"),
                            {"kind": "index", "rows": rows})
        self.out.files[path] = html.encode("utf-8")

    def row(self, plan: Plan, release: Release) -> dict[str, Any]:
        position = self.releases.index(release)
        previous = self.releases[position - 1] if position else None
        return {
            "date": Markup(date_text(release.date, plan.locale)),
            "effective": Markup(date_text(release.effective, plan.locale)) if release.effective else None,
            "summary": self.r.summary(plan.locale, release),
            "href": f"{release.id}/", "current": release == plan.current,
            "changes": f"{release.id}/changes/" if previous is not None and previous.id in plan.has else None,
            "source": f"../../../{self.config.source.folder}/{self.page.slug}/versions/{release.id}/",
        }


def _held(page: RenderedPage, reason: str) -> RenderedPage:
    decision = page.decision
    held = Decision(decision.locale, decision.page, False, (*decision.reasons, reason), decision.translated_share)
    return RenderedPage(page.locale, page.page, page.path, page.html, page.title, page.fallbacks, held)


def version_status(plans: Mapping[str, Plan]) -> dict[str, dict[str, str | None]]:
    """Per locale: the version published, the version in progress, the one waiting for sign-off."""
    return {ident: {"published": p.current.id if p.current else None,
                    "in_progress": p.in_progress.id if p.in_progress else None,
                    "waiting_for_signoff": p.waiting.id if p.waiting else None} for ident, p in plans.items()}
