"""The schema of [tool.policy-pipeline]: each key's type, default and check, and the settings
types the rest of the program reads (LocaleSettings, Page). `config` builds the Config from it."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .locales import LocaleInfo, canonical_identifier, locale_info, with_script

TABLE = "tool.policy-pipeline"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL = re.compile(r"^https?://[^\s\"'<>]+$")

TOP_KEYS = {
    "source_locale", "locales", "base_url", "templates", "catalogs", "output", "reports",
    "pages", "urls", "effective_date", "last_revised", "locale", "glossary", "baseline",
    "source_language_urls", "site",
}
_SITE_KEYS = ("name", "operator")
_PAGE_KEYS = {"template", "slug"}
_CHOICES = {
    "punctuation": ("fullwidth", "ascii"),
    "spacing": ("off", "require", "forbid", "consistent"),
    # With releases: publish the newest complete version, or the newest with per-message fallback.
    "versions": ("complete", "fallback"),
}


@dataclass(frozen=True)
class LocaleSettings:
    """Per-locale rules: publishing (draft, completeness) and typography for the checks."""

    autonym: str | None = None
    draft: bool = False
    completeness: float = 0.5
    punctuation: str = "ascii"
    quotes: str = "“”‘’"
    spacing: str = "off"
    versions: str = "complete"
    require_signoff: bool = False


# Defaults per language: Chinese uses full-width punctuation; Taiwan and Hong Kong quote 「」.
DEFAULT_SETTINGS = {
    "zh_Hans": LocaleSettings(punctuation="fullwidth", quotes="“”‘’《》〈〉"),
    "zh_Hant": LocaleSettings(punctuation="fullwidth", quotes="「」『』《》〈〉"),
    "ja": LocaleSettings(punctuation="fullwidth", quotes="「」『』"),
}
_LOCALE_KEYS = set(LocaleSettings.__dataclass_fields__)


def language_defaults(identifier: str) -> LocaleSettings:
    """The defaults of a locale, or of the script its region implies (zh_TW writes like zh_Hant)."""
    return DEFAULT_SETTINGS.get(identifier) or DEFAULT_SETTINGS.get(with_script(identifier), LocaleSettings())


@dataclass(frozen=True)
class Page:
    """A page of the site: its Jinja2 template and the URL slug it is published under."""

    template: str
    slug: str


class Collector:
    """Gathers every config error so that all of them are reported at once."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.messages: list[str] = []

    def add(self, key: str, message: str) -> None:
        self.messages.append(f"{self.path}: {key}: {message}")


def fields(root: Path, table: dict[str, Any], project_name: str, errors: Collector) -> dict[str, Any]:
    """Every Config field from the table, each key's mistakes added to errors (none raised here)."""
    for key in sorted(set(table) - TOP_KEYS):
        errors.add(f"{TABLE}.{key}", "unknown key")
    source = _locale(errors, "source_locale", table.get("source_locale", "ja"))
    targets = _targets(errors, table.get("locales"))
    settings = _locale_tables(errors, table.get("locale", {}), targets, source)
    return dict(
        root=root,
        source=_with_autonym(source, settings),
        targets=tuple(_with_autonym(t, settings) for t in targets if t is not None),
        base_url=_base_url(errors, table.get("base_url")),
        templates_dir=_folder(errors, root, "templates", table.get("templates", "templates")),
        catalogs_dir=_inside(errors, root, "catalogs", table.get("catalogs", "locales")) or root,
        output_dir=_output(errors, root, "output", table.get("output", "_site")),
        reports_dir=_output(errors, root, "reports", table.get("reports", "_reports")),
        pages=_pages(errors, table.get("pages")),
        urls=_urls(errors, table.get("urls", {})),
        effective_date=_date(errors, "effective_date", table.get("effective_date")),
        last_revised=_date(errors, "last_revised", table.get("last_revised")),
        settings=settings,
        glossary=_optional_file(errors, root, "glossary", table.get("glossary")),
        baseline=_optional_path(errors, root, "baseline", table.get("baseline")),
        project_name=project_name,
        source_language_urls=_url_list(errors, "source_language_urls", table.get("source_language_urls", [])),
        site=_site(errors, table.get("site", {}), {t.identifier for t in (source, *targets) if t is not None}),
        pyproject=root / "pyproject.toml",
    )


def _locale(errors: Collector, key: str, value: object) -> LocaleInfo | None:
    if not isinstance(value, str):
        errors.add(f"{TABLE}.{key}", "must be a locale identifier string such as 'ko'")
        return None
    info = locale_info(value)
    if info is None:
        errors.add(f"{TABLE}.{key}", f"unknown locale {value!r} (use CLDR identifiers: en, zh_Hans, ko)")
    return info


def _targets(errors: Collector, value: object) -> list[LocaleInfo | None]:
    if not isinstance(value, list) or not value:
        errors.add(f"{TABLE}.locales", "must be a non-empty array of locale identifiers")
        return []
    found = [_locale(errors, f"locales[{i}]", item) for i, item in enumerate(value)]
    seen: set[str] = set()
    for i, info in enumerate(found):
        if info is not None and info.identifier in seen:
            errors.add(f"{TABLE}.locales[{i}]", f"{info.identifier!r} is listed twice")
        if info is not None:
            seen.add(info.identifier)
    return found


def _locale_tables(
    errors: Collector, value: object, targets: list[LocaleInfo | None], source: LocaleInfo | None
) -> dict[str, LocaleSettings]:
    """Per-locale settings over the language's defaults, every key validated."""
    if not isinstance(value, dict):
        errors.add(f"{TABLE}.locale", "must be a table of per-locale tables")
        return {}
    known = {t.identifier for t in (*targets, source) if t is not None}
    settings: dict[str, LocaleSettings] = {}
    for spelling, table in value.items():
        key = f"{TABLE}.locale.{spelling}"
        ident = canonical_identifier(spelling)  # [locale.zh-Hans] and [locale.zh_Hans] are one table
        if ident in settings:
            errors.add(key, f"names {ident!r} a second time")
        if ident not in known:
            errors.add(key, "is not the source locale nor listed in locales")
        if not isinstance(table, dict):
            errors.add(key, "must be a table")
            continue
        for unknown in sorted(set(table) - _LOCALE_KEYS):
            errors.add(f"{key}.{unknown}", "unknown key")
        base = DEFAULT_SETTINGS.get(ident, LocaleSettings())
        values: dict[str, Any] = {name: _setting(errors, f"{key}.{name}", name, table[name]) for name in _LOCALE_KEYS & set(table)}
        settings[ident] = replace(base, **{k: v for k, v in values.items() if v is not None})
    return settings


def _setting(errors: Collector, key: str, name: str, value: object) -> object:
    """One per-locale value, or None (and an error) when it has the wrong type or value."""
    problem = None
    if name in ("draft", "require_signoff") and not isinstance(value, bool):
        problem = "must be true or false"
    elif name == "completeness" and not (isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1):
        problem = "must be a number from 0 to 1 (the share of a page that must be translated)"
    elif name in _CHOICES and value not in _CHOICES[name]:
        problem = f"must be one of {', '.join(_CHOICES[name])}"
    elif name in ("autonym", "quotes") and (not isinstance(value, str) or not value.strip()):
        problem = "must be a non-empty string"
    if problem:
        errors.add(key, problem)
        return None
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _with_autonym(info: LocaleInfo | None, settings: Mapping[str, LocaleSettings]) -> LocaleInfo:
    if info is None:
        return LocaleInfo("und", "und", "und", 1, "0", "und")
    autonym = settings[info.identifier].autonym if info.identifier in settings else None
    return info if autonym is None else info.with_autonym(autonym)


def _optional_file(errors: Collector, root: Path, key: str, value: object) -> Path | None:
    path = _optional_path(errors, root, key, value)
    if path is not None and not path.is_file():
        errors.add(f"{TABLE}.{key}", f"file {value!r} does not exist")
    return path


def _optional_path(errors: Collector, root: Path, key: str, value: object) -> Path | None:
    if value is None:
        return None
    return _inside(errors, root, key, value)


def _base_url(errors: Collector, value: object) -> str:
    if not isinstance(value, str) or not URL.match(value) or not value.startswith("https://"):
        errors.add(f"{TABLE}.base_url", "must be an absolute https:// URL (canonical and hreflang need it)")
        return "https://example.invalid/"
    return value if value.endswith("/") else value + "/"


def _folder(errors: Collector, root: Path, key: str, value: object) -> Path:
    path = _inside(errors, root, key, value)
    if path is not None and not path.is_dir():
        errors.add(f"{TABLE}.{key}", f"folder {value!r} does not exist")
    return path or root


def _output(errors: Collector, root: Path, key: str, value: object) -> Path:
    path = _inside(errors, root, key, value, follow_links=False)  # a build refuses a link (outputs.py)
    if path is not None and (path == root or path in root.parents):
        errors.add(f"{TABLE}.{key}", "must be a folder of its own, not the project root or above it")
    return path or root / f"_{key}"


def _inside(errors: Collector, root: Path, key: str, value: object, follow_links: bool = True) -> Path | None:
    if not isinstance(value, str) or not value.strip() or not value.isprintable() or value.startswith("~") or max(map(len, value.split("/"))) > 255:
        errors.add(f"{TABLE}.{key}", "must be a path relative to the project (printable, no '~', each name under 256 characters)")
        return None
    try:
        return (root / value).resolve() if follow_links else Path(os.path.normpath(root / value))
    except (OSError, RuntimeError):  # RuntimeError: pathlib's report of a link loop
        errors.add(f"{TABLE}.{key}", f"{value!r} goes through a link that leads back to itself (or a name too long): fix the path")
        return None


def _pages(errors: Collector, value: object) -> tuple[Page, ...]:
    if not isinstance(value, list) or not value:
        errors.add(f"{TABLE}.pages", "must be a non-empty array of tables with template and slug")
        return ()
    pages: list[Page] = []
    for i, item in enumerate(value):
        key = f"{TABLE}.pages[{i}]"
        if not isinstance(item, dict):
            errors.add(key, "must be a table with template and slug")
            continue
        for unknown in sorted(set(item) - _PAGE_KEYS):
            errors.add(f"{key}.{unknown}", "unknown key")
        template, slug = item.get("template"), item.get("slug")
        if not isinstance(template, str) or not template:
            errors.add(f"{key}.template", "must be a template file name")
        if not isinstance(slug, str) or not SLUG.match(slug):
            errors.add(f"{key}.slug", "must be lowercase ASCII words joined by hyphens")
        if isinstance(template, str) and isinstance(slug, str):
            pages.append(Page(template, slug))
    if len({p.slug for p in pages}) < len(pages):
        errors.add(f"{TABLE}.pages", "two pages share a slug")
    return tuple(pages)


def _urls(errors: Collector, value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        errors.add(f"{TABLE}.urls", "must be a table of name = URL")
        return {}
    urls: dict[str, str] = {}
    for name, url in value.items():
        if not isinstance(url, str) or not URL.match(url):
            errors.add(f"{TABLE}.urls.{name}", "must be an absolute http(s) URL")
        else:
            urls[name] = url
    return urls


def _site(errors: Collector, value: object, known: set[str]) -> dict[str, dict[str, str]]:
    """[site] name/operator: a string for every language, or a table of locale = string."""
    if not isinstance(value, dict):
        errors.add(f"{TABLE}.site", "must be a table with name and operator")
        return {}
    site: dict[str, dict[str, str]] = {}
    for key, item in value.items():
        entries = {"*": item} if isinstance(item, str) else item
        if key not in _SITE_KEYS:
            errors.add(f"{TABLE}.site.{key}", "unknown key (use name, operator)")
        elif not isinstance(entries, dict) or not all(isinstance(v, str) and v.strip() for v in entries.values()):
            errors.add(f"{TABLE}.site.{key}", "must be a non-empty string or a table of locale = string")
        elif unknown := sorted(set(entries) - known - {"*"}):
            errors.add(f"{TABLE}.site.{key}.{unknown[0]}", "is not the source locale nor listed in locales")
        else:
            site[key] = entries
    return site


def _url_list(errors: Collector, key: str, value: object) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(url, str) and URL.match(url) for url in value):
        errors.add(f"{TABLE}.{key}", "must be a list of absolute http(s) URLs")
        return frozenset()
    return frozenset(value)


def _date(errors: Collector, key: str, value: object) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    errors.add(f"{TABLE}.{key}", "must be a TOML date such as 2026-11-25")
    return dt.date(1970, 1, 1)
