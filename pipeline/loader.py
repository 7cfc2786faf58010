"""The project's catalogs as every command reads them: the template, each locale's catalog, and
the one diagnostic for a missing catalog (the same id, `po-syntax`, from every command)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .catalog.model import Catalog
from .catalog.pofile import parse_catalog, read_catalog, read_catalog_bytes
from .config import Config
from .diagnostics import Diagnostic, Location, PipelineError, error
from .locales import LocaleInfo


def missing_catalog(config: Config, locale: LocaleInfo) -> Diagnostic:
    """A configured locale without its catalog file."""
    return error(Location(config.relative(config.catalog_path(locale))), "po-syntax",
                 f"no catalog for configured locale {locale.identifier}: run 'policy-pipeline init --locale {locale.identifier}'")


def load_template(config: Config) -> Catalog:
    """The current messages.pot; a missing one is an error that says to run extract."""
    if not config.pot_path.is_file():
        raise PipelineError([error(Location(config.relative(config.pot_path)), "po-syntax",
                                   "no template catalog: run 'policy-pipeline extract' first")])
    return read_catalog(config.pot_path, config.relative(config.pot_path), config.root)


def read_text(path: Path, display: str, root: Path | None = None) -> tuple[Catalog, str]:
    """Read and parse one catalog, keeping its text for exact positions."""
    data = read_catalog_bytes(path, display, root)
    return parse_catalog(data, display, keep_layout=False), data.decode("utf-8", errors="replace")


def load_catalogs(config: Config, locales: Sequence[LocaleInfo]) -> tuple[dict[str, Catalog], list[Diagnostic]]:
    """Read the catalogs of these locales; a file that cannot be read is a finding."""
    catalogs, _, problems = load_targets(config, [(locale, config.catalog_path(locale)) for locale in locales])
    return catalogs, problems


def load_targets(
    config: Config, targets: Sequence[tuple[LocaleInfo, Path]], confined: bool = True,
) -> tuple[dict[str, Catalog], dict[str, str], list[Diagnostic]]:
    """Read these catalog files with their text; a named file (confined=False) may live anywhere."""
    catalogs: dict[str, Catalog] = {}
    texts: dict[str, str] = {}
    problems: list[Diagnostic] = []
    for locale, path in targets:
        display = config.relative(path)
        if not path.exists() and not path.is_symlink():
            problems.append(missing_catalog(config, locale))
            continue
        try:
            catalogs[locale.identifier], texts[locale.identifier] = read_text(path, display, config.root if confined else None)
        except PipelineError as exc:
            problems.extend(exc.diagnostics)
    return catalogs, texts, problems
