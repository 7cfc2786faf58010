"""Stage build: render every page of every locale, decide what is published, then write it all.

The site goes to the output folder in one step (a sibling folder swapped in), the build report,
the status page and previews of held-back pages to the reports folder, never into the site.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .checks import CheckResult
from .config import Config
from .diagnostics import Diagnostic, Location, PipelineError, Severity, error, plural, warning
from .loader import load_template
from .locales import LocaleInfo
from .markup import excerpt
from .output.folders import check_targets
from .output.incremental import (
    CHECKS_RECORD_NAME,
    NO_EXTRAS,
    RECORD_VERSION,
    BuildRequest,
    Extras,
    build_digests,
    page_key,
    read_record,
)
from .output.reuse import PageCache, checked, page_entries
from .output.writing import BuildFailed, errors_of, is_write_failure, publish_build, publish_failure
from .project import LAYOUT_CHECKS
from .reports.build_report import report_files
from .site.pages import RenderedPage, alternates, page_url
from .site.renderer import Progress, SiteRenderer, Task, render_tasks
from .site.sitemap import robots_txt, sitemap_xml
from .versions.archive import Versioned
from .versions.releases import list_releases
from .versions.site import publish


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


def render_pages(config: Config, renderer: SiteRenderer, locales: Sequence[LocaleInfo], cache: PageCache,
                 digests: Mapping[str, str], progress: Progress | None = None) -> list[tuple[str, RenderedPage, bool]]:
    """Every page of every locale, reused from the cache where its inputs are unchanged; pages
    are rendered again where a held-back page changes the languages published beside them."""
    assumed = {loc.identifier for loc in config.all_locales if not config.locale_settings(loc).draft or loc == config.source}
    first = _render_all(config, renderer, cache, digests, progress,
                        [(loc, spec, assumed, False) for spec in config.pages for loc in locales])
    held = {(p.locale.identifier, p.page.slug) for _, p, _ in first if not p.decision.published}
    if not held:
        return first
    return _render_all(config, renderer, cache, digests, progress, [
        (p.locale, p.page, {i for i in assumed if (i, p.page.slug) not in held}, (p.locale.identifier, p.page.slug) in held)
        for _, p, _ in first])


def _render_all(config: Config, renderer: SiteRenderer, cache: PageCache, digests: Mapping[str, str],
                progress: Progress | None, tasks: Sequence[Task]) -> list[tuple[str, RenderedPage, bool]]:
    """The pages of these tasks: from the cache, else rendered (in parallel when that pays)."""
    keys = [page_key(digests.get(loc.identifier, digests["*"]), spec.slug, published, held) for loc, spec, published, held in tasks]
    found: list[RenderedPage | None] = [cache.get(key, config) for key in keys]
    missing = [i for i, page in enumerate(found) if page is None]
    for i, page in zip(missing, render_tasks(renderer, [tasks[i] for i in missing], progress), strict=True):
        found[i] = page
    return [(key, page, task[3]) for key, page, task in zip(keys, found, tasks, strict=True) if page is not None]


def site_files(config: Config, renderer: SiteRenderer, pages: Sequence[RenderedPage],
               versioned: Versioned | None = None) -> dict[str, bytes]:
    """Every published file of the site, in memory (with releases: the archives too)."""
    published = [p for p in pages if p.decision.published]
    files = {p.path: p.html.encode("utf-8") for p in published}
    files.update(versioned.files if versioned is not None else {})
    first = config.pages[0]
    chooser = [p for p in published if p.page == first]
    files["index.html"] = renderer.render_shell("index.html.j2", _chooser(config, chooser)).encode("utf-8")
    files["404.html"] = renderer.render_shell("404.html.j2", _not_found(config, renderer, chooser)).encode("utf-8")
    clusters = [alternates(config, page, {p.locale.identifier for p in published if p.page == page}) for page in config.pages]
    clusters += versioned.clusters if versioned is not None else []
    files["sitemap.xml"] = sitemap_xml(config, clusters, versioned.dates if versioned is not None else None).encode("utf-8")
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
            # Without a line the entry is not in the catalog at all (update not run, or its msgid edited).
            reason = fallback.reason if fallback.line is not None else "missing from the catalog (run 'policy-pipeline update')"
            text = (f"{reason}: {page.path} shows the {config.source.autonym} source "
                    f"{excerpt(fallback.msgid)!r} in its place")
            found.setdefault((path, fallback.line, fallback.msgid), make(Location(path, fallback.line), "fallback", text))
        for reason in page.decision.reasons:
            found.setdefault((path, None, reason), make(Location(path), "held-back", f"{page.path} is not published: {reason}"))
    return list(found.values())


def extra_reports(config: Config, renderer: SiteRenderer, checked: CheckResult, site: Mapping[str, bytes],
                  extras: Extras, reports: Path) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """The review and pseudo-locale pages asked for, and the text that bypasses the catalogs."""
    files: dict[str, bytes] = {}
    found: list[Diagnostic] = []
    if extras.review:
        from .reports.review import review_files  # only builds with --review load it
        files.update(review_files(config, renderer, checked))
    if extras.pseudo:
        from .reports.pseudo import bypassing_text, pseudo_files  # only builds with --pseudo load it
        files.update(pseudo_files(config, renderer, site))
        found = bypassing_text(config, files, config.relative(reports))
    return files, found


def build(config: Config, out: Path | None = None, locales: Sequence[LocaleInfo] | None = None,
          strict: bool = False, reports: Path | None = None, shards: Sequence[Path] = (),
          extras: Extras = NO_EXTRAS, progress: Progress | None = None, unreleased: bool = False) -> BuildResult:
    """Check, render what changed, decide what is published, then replace the output in one step.

    With releases, the site shows released versions only (versions.py); the working copy of the
    templates goes to the reports folder as a preview, or, with unreleased (serve), to the site.

    Pages of the last build, and of the shards named, are reused where nothing they depend on
    changed; the result is always what a clean build would make. A build that fails raises
    BuildFailed after writing its reports (status, review); its site is left as it was."""
    request = BuildRequest.of(config, out, reports, locales, strict, extras, shards)
    return build_request(config, request, progress, unreleased)


def build_request(config: Config, request: BuildRequest, progress: Progress | None = None, unreleased: bool = False) -> BuildResult:
    """build() of a request whose defaults are filled in (the CLI asks nothing_to_do first)."""
    output, reports_dir, strict, shards, extras = request.output, request.reports, request.strict, request.shards, request.extras
    check_targets(config, output, reports_dir, shards)  # before anything is read or written
    targets = list(request.locales)
    previous, previous_checks = read_record(reports_dir), read_record(reports_dir, CHECKS_RECORD_NAME)
    inputs, digests = build_digests(config, request.locale_ids, strict, previous.get("inputs", {}), extras.option)
    result, checked_record = checked(config, targets, previous_checks, digests)
    run = _Run(config, output, reports_dir, result, extras, unreleased=unreleased)
    try:
        return run.publish(targets, strict, shards, digests, progress, {
            "version": RECORD_VERSION, "digests": digests, "inputs": inputs.seen},
            {"version": RECORD_VERSION, "checked": checked_record}, previous.get("sites", []))
    except PipelineError as exc:
        raise run.failed(exc.diagnostics, previous, previous_checks) from exc


@dataclass
class _Run:
    """One build: what it has made so far, so that a failure can still report it."""

    config: Config
    output: Path
    reports: Path
    checked: CheckResult
    extras: Extras
    renderer: SiteRenderer | None = None
    pages: tuple[RenderedPage, ...] = ()
    unreleased: bool = False  # serve: the working copy instead of the released versions

    def publish(self, targets: Sequence[LocaleInfo], strict: bool, shards: Sequence[Path], digests: Mapping[str, str],
                progress: Progress | None, record: Mapping[str, Any], checks: Mapping[str, Any],
                previous_sites: Sequence[str]) -> BuildResult:
        """Render, decide, and write the site and its reports together."""
        config, result = self.config, self.checked
        layout = [d for d in result.diagnostics if d.check_id in LAYOUT_CHECKS]
        errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
        if errors:
            raise PipelineError(errors)
        cache = PageCache()
        for site, folder in [(self.output, self.reports), *[(shard / "site", shard / "reports") for shard in shards]]:
            cache.add_build(site, folder)
        renderer = self.renderer = SiteRenderer(config, result.catalogs, load_template(config))
        keyed = render_pages(config, renderer, [config.source, *[t for t in targets if t != config.source]], cache, digests, progress)
        working = tuple(p for _, p, _ in keyed)
        releases = () if self.unreleased else list_releases(config)
        versioned = publish(config, renderer, releases, [config.source, *[t for t in targets if t != config.source]]) if releases else None
        pages = self.pages = tuple(versioned.pages) if versioned is not None else working
        diagnostics = layout + fallback_diagnostics(config, pages, strict)
        if strict and diagnostics:
            raise PipelineError(diagnostics)
        files = site_files(config, renderer, pages, versioned)
        extra_files, bypassing = extra_reports(config, renderer, result, files, self.extras, self.reports)
        diagnostics += bypassing
        if versioned is not None:  # the unreleased working copy, for review only
            extra_files.update(unreleased_preview(working, files))
        plans = versioned.plans if versioned is not None else None
        report = {**report_files(config, renderer.template, result, pages, files, plans=plans), **extra_files}
        publish_build(self.output, self.reports, files, report, {
            **record, "pages": page_entries(keyed), "messages": [str(d) for d in diagnostics],
            "summary": summary_line(config, self.output, pages, files, diagnostics)}, checks, previous_sites)
        return BuildResult(self.output, tuple(sorted(files)), pages, tuple(diagnostics))

    def failed(self, diagnostics: Sequence[Diagnostic], previous: Mapping[str, Any],
               previous_checks: Mapping[str, Any]) -> BuildFailed:
        """The failure to raise, after writing the reports that show it (unless writing failed)."""
        folder = self.config.relative(self.reports)
        if is_write_failure(diagnostics):
            return BuildFailed(diagnostics, f"build failed: {_untouched(self.config, self.output, self.reports)}")
        try:
            report = self.failure_reports(diagnostics)
            publish_failure(self.reports, report, previous, previous_checks)
        except PipelineError as exc:
            return BuildFailed([*diagnostics, *exc.diagnostics], f"build failed: {_untouched(self.config, self.output, self.reports)}")
        review = f", review pages in {folder}/review/" if any(n.startswith("review/") for n in report) else ""
        return BuildFailed(diagnostics, f"build failed: {_untouched(self.config, self.output)}; status page {folder}/status.html{review}")

    def failure_reports(self, diagnostics: Sequence[Diagnostic]) -> dict[str, bytes]:
        """The status page (with the errors) and the review pages asked for, of a failed build."""
        config = self.config
        renderer = self.renderer or SiteRenderer(config, self.checked.catalogs, load_template(config))
        files = report_files(config, renderer.template, self.checked, self.pages, {}, errors_of(diagnostics))
        if self.extras.review:
            from .reports.review import review_files  # only builds with --review load it
            with contextlib.suppress(PipelineError):  # a template that does not render: the status page says so
                files.update(review_files(config, renderer, self.checked))
        return files


def unreleased_preview(working: Sequence[RenderedPage], files: Mapping[str, bytes]) -> dict[str, bytes]:
    """The pages of the current templates and catalogs (unreleased changes included), with assets."""
    preview = {f"unreleased/{p.path}": p.html.encode("utf-8") for p in working}
    preview.update({f"unreleased/{name}": data for name, data in files.items() if name.startswith("assets/")})
    return preview


def _untouched(config: Config, *folders: Path) -> str:
    """What a failed build left as it was, saying so only of folders that exist: '_site/ was left
    unchanged', '_site/ and _reports/ were left unchanged', 'no site was written to _site/'."""
    kept = [f"{config.relative(f)}/" for f in folders if f.exists()]
    if not kept:
        return f"nothing was written to {' or '.join(f'{config.relative(f)}/' for f in folders)}"
    return f"{' and '.join(kept)} {'was' if len(kept) == 1 else 'were'} left unchanged"


def summary_line(config: Config, output: Path, pages: Sequence[RenderedPage], files: Mapping[str, bytes],
                 diagnostics: Sequence[Diagnostic]) -> str:
    """The line the CLI prints after a build (kept in the record for a build with nothing to do):
    what was published, and what was held back (built for preview only)."""
    fallbacks = sum(1 for d in diagnostics if d.check_id == "fallback")
    published = [p for p in pages if p.decision.published]
    held = sorted({p.locale.identifier for p in pages if not p.decision.published})
    held_note = f", {len(pages) - len(published)} held back ({', '.join(held)})" if held else ""
    return (f"{config.relative(output)}: {plural(len(published), 'page')} published in "
            f"{plural(len({p.locale for p in published}), 'language')}{held_note}, {plural(len(files), 'file')}, "
            f"{plural(fallbacks, 'fallback')} to the source text")
