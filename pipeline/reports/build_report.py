"""The build report (versioned JSON) and the status page, written to the reports folder."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..catalog.model import Catalog
from ..config import Config
from ..diagnostics import Diagnostic, PipelineError, Severity
from ..locales import language_name
from ..site.publishing import lags
from ..stats import as_published, catalog_stats
from ..versions.releases import list_releases
from ..versions.site import version_status
from .environment import PAGES

if TYPE_CHECKING:
    from ..checks import CheckResult
    from ..site.pages import RenderedPage
    from ..versions.archive import Plan

REPORT_VERSION = 1


def build_report(config: Config, template: Catalog, checked: CheckResult,
                 pages: Sequence[RenderedPage], files: Mapping[str, bytes],
                 errors: Sequence[Diagnostic] = (), plans: Mapping[str, Plan] | None = None) -> dict[str, Any]:
    """Everything a reviewer needs to know about one build, as plain data; errors: what stopped
    a build that failed (its site was left as it was); plans: with releases, each locale's versions."""
    status = version_status(plans) if plans else {}
    return {
        "version": REPORT_VERSION,
        "outcome": "failed" if errors else "published",
        "errors": [str(d) for d in errors],
        "source": {"locale": config.source.identifier,
                   "release": status.get(config.source.identifier, {}).get("published") if plans else _newest_release(config),
                   "last_revised": config.last_revised.isoformat()},
        "locales": [{**_locale_entry(config, template, checked, pages, loc.identifier), "versions": status.get(loc.identifier)}
                    for loc in config.targets if loc.identifier in checked.catalogs],
        "findings": [{"location": str(d.location), "severity": d.severity.value, "check": d.check_id,
                      "message": d.message} for d in checked.diagnostics],
        "files": sorted(files),
    }


def _newest_release(config: Config) -> str | None:
    """The current release when no plan was made (a build that failed before publishing): the
    status page must not claim there is none."""
    try:
        found = list_releases(config)
    except PipelineError:  # a broken record: the build's own errors say so
        return None
    return found[-1].id if found else None


def _locale_entry(config: Config, template: Catalog, checked: CheckResult,
                  pages: Sequence[RenderedPage], ident: str) -> dict[str, Any]:
    catalog = checked.catalogs[ident]
    # An entry with an error finding is never published: the figures count it untranslated, as
    # stats does, also on the status page of a build that those errors stopped.
    blocked = frozenset((d.msgctxt, d.msgid) for d in checked.diagnostics
                        if d.severity is Severity.ERROR and d.msgid is not None and d.location.path == catalog.path)
    figures = catalog_stats(ident, as_published(catalog, template), blocked)
    own = [p for p in pages if p.locale.identifier == ident]
    settings = config.locale_settings(own[0].locale) if own else None
    return {
        "locale": ident,
        "catalog": catalog.path,
        "messages": {k: v for k, v in asdict(figures).items() if k not in ("locale", "path")},
        "percent": round(figures.percent, 1),
        "draft": bool(settings and settings.draft),
        "completeness_threshold": settings.completeness if settings else None,
        "outdated": bool(blocked) or lags(catalog, template),
        "pages": [_page_entry(catalog.path, p) for p in own],
    }


def _page_entry(catalog_path: str, page: RenderedPage) -> dict[str, Any]:
    return {
        "page": page.page.slug,
        "path": page.path,
        "published": page.decision.published,
        "held_back_reasons": list(page.decision.reasons),
        "translated_share": round(page.decision.translated_share, 4),
        "fallbacks": [
            {"msgctxt": f.msgctxt, "msgid": f.msgid, "reason": f.reason, "line": f.line,
             "location": f"{catalog_path}:{f.line}" if f.line else catalog_path, "text_slot": f.in_text_slot}
            for f in page.fallbacks
        ],
    }


def report_files(config: Config, template: Catalog, checked: CheckResult,
                 pages: Sequence[RenderedPage], files: Mapping[str, bytes],
                 errors: Sequence[Diagnostic] = (), plans: Mapping[str, Plan] | None = None) -> dict[str, bytes]:
    """build-report.json, status.html and a preview of the held-back pages beside the site."""
    report = build_report(config, template, checked, pages, files, errors, plans)
    names = {t.identifier: language_name(t.identifier, t.autonym) for t in config.targets}
    out = {
        "build-report.json": (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
        "status.html": PAGES.get_template("status.html.j2").render(report=report, site=_site_from_reports(config), names=names).encode("utf-8"),
    }
    held = [p for p in pages if not p.decision.published]
    if held:
        out.update({f"preview/{name}": data for name, data in files.items()})
        out.update({f"preview/{p.path}": p.html.encode("utf-8") for p in held})
    return out


def _site_from_reports(config: Config) -> str:
    """The output folder as seen from status.html, so that each published page is one click away."""
    return Path(os.path.relpath(config.output_dir, config.reports_dir)).as_posix() + "/"
