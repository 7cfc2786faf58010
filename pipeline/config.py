"""One validated Config from [tool.policy-pipeline] in pyproject.toml (the keys and their checks
are in config_schema)."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .config_schema import (
    DEFAULT_SETTINGS,
    SLUG,
    TABLE,
    URL,
    Collector,
    LocaleSettings,
    Page,
    fields,
    language_defaults,
)
from .diagnostics import ConfigError
from .locales import LocaleInfo

__all__ = ["DEFAULT_SETTINGS", "SLUG", "TABLE", "URL", "Config", "LocaleSettings", "Page", "language_defaults", "load_config"]


@dataclass(frozen=True)
class Config:
    """Everything the stages need to know about a project, validated."""

    root: Path
    source: LocaleInfo
    targets: tuple[LocaleInfo, ...]
    base_url: str
    templates_dir: Path
    catalogs_dir: Path
    output_dir: Path
    reports_dir: Path
    pages: tuple[Page, ...]
    urls: Mapping[str, str]
    effective_date: dt.date
    last_revised: dt.date
    settings: Mapping[str, LocaleSettings] = field(default_factory=dict)
    glossary: Path | None = None
    baseline: Path | None = None
    project_name: str = "policy-pipeline"
    # External pages in the source language only: translations mark links to them (WEB.md R33).
    source_language_urls: frozenset[str] = frozenset()
    # The site shell: [site] name and operator, each one string or a table of per-locale strings.
    site: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    domain: str = "messages"
    pyproject: Path = field(default=Path("pyproject.toml"))

    @property
    def all_locales(self) -> tuple[LocaleInfo, ...]:
        """The source locale first, then the targets in configured order."""
        return (self.source, *self.targets)

    @property
    def pot_path(self) -> Path:
        """The gettext template that extract writes."""
        return self.catalogs_dir / f"{self.domain}.pot"

    def catalog_path(self, locale: LocaleInfo) -> Path:
        """The .po file of a target locale."""
        return self.catalogs_dir / locale.identifier / "LC_MESSAGES" / f"{self.domain}.po"

    def locale_settings(self, locale: LocaleInfo) -> LocaleSettings:
        """The rules of one locale: configured values over the language's defaults."""
        return self.settings.get(locale.identifier) or language_defaults(locale.identifier)

    def relative(self, path: Path) -> str:
        """A path as diagnostics print it: relative to the project root when inside it."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def load_config(root: Path) -> Config:
    """Read and validate [tool.policy-pipeline] of root/pyproject.toml."""
    pyproject = root / "pyproject.toml"
    try:
        with pyproject.open("rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError([f"{pyproject}: not found: run in the project root or pass --root"]) from None
    except OSError as exc:  # a folder named pyproject.toml, a root that is a file, no permission
        raise ConfigError([f"{pyproject}: cannot be read ({exc.strerror}): run in the project root or pass --root"]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{pyproject}: not valid TOML: {exc}"]) from exc
    table = document.get("tool", {}).get("policy-pipeline")
    if not isinstance(table, dict):
        raise ConfigError([f"pyproject.toml: {TABLE}: missing table"])
    name = document.get("project", {}).get("name")
    errors = Collector("pyproject.toml")
    root = root.resolve()
    config = Config(**fields(root, table, name if isinstance(name, str) else root.name, errors))
    _check_pages_exist(errors, config)
    if errors.messages:
        raise ConfigError(errors.messages)
    return config


def _check_pages_exist(errors: Collector, config: Config) -> None:
    for i, page in enumerate(config.pages):
        if config.templates_dir.is_dir() and not (config.templates_dir / page.template).is_file():
            errors.add(f"{TABLE}.pages[{i}].template", f"no template {page.template!r} in {config.relative(config.templates_dir)}/")
