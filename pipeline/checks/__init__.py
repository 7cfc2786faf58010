"""Stage check: every translator check over every catalog, one list of diagnostics.

Each check is a small function of one signature; the file checks look at a whole catalog,
the entry checks at one message. Errors mean a catalog is broken or unsafe and block a build;
untranslated and fuzzy entries are warnings (they fall back to the source text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..catalogs import Catalog, read_catalog
from ..config import Config
from ..diagnostics import Diagnostic, Location, PipelineError, error
from ..locales import LocaleInfo
from .context import CheckContext
from .entries import ENTRY_CHECKS
from .files import FILE_CHECKS

__all__ = ["CheckContext", "CheckResult", "check", "check_catalog", "load_catalogs"]


@dataclass(frozen=True)
class CheckResult:
    """The catalogs that could be read, and every finding in all of them."""

    catalogs: dict[str, Catalog]
    diagnostics: tuple[Diagnostic, ...]
    files: int


def check_catalog(catalog: Catalog, locale: LocaleInfo) -> list[Diagnostic]:
    """All file and entry checks of one catalog."""
    context = CheckContext(catalog, locale)
    found: list[Diagnostic] = []
    for file_check in FILE_CHECKS:
        found.extend(file_check(context))
    for message in catalog.current:
        for entry_check in ENTRY_CHECKS:
            found.extend(entry_check(message, context))
    return found


def load_catalogs(config: Config, locales: Sequence[LocaleInfo]) -> tuple[dict[str, Catalog], list[Diagnostic]]:
    """Read the catalogs of these locales; a file that cannot be read is a finding."""
    catalogs: dict[str, Catalog] = {}
    problems: list[Diagnostic] = []
    for locale in locales:
        path = config.catalog_path(locale)
        display = config.relative(path)
        if not path.exists() and not path.is_symlink():
            problems.append(error(Location(display), "missing",
                                  f"no catalog for configured locale {locale.identifier}: run 'policy-pipeline init --locale {locale.identifier}'"))
            continue
        try:
            catalogs[locale.identifier] = read_catalog(path, display, config.root)
        except PipelineError as exc:
            problems.extend(exc.diagnostics)
    return catalogs, problems


def check(config: Config, locales: Sequence[LocaleInfo] | None = None) -> CheckResult:
    """Read and check the catalogs of the configured (or given) locales."""
    chosen = list(locales if locales is not None else config.targets)
    catalogs, found = load_catalogs(config, chosen)
    for locale in chosen:
        if locale.identifier in catalogs:
            found.extend(check_catalog(catalogs[locale.identifier], locale))
    return CheckResult(catalogs, tuple(found), len(chosen))
