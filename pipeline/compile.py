"""Stage compile: catalogs -> .mo files, what other gettext consumers read."""

from __future__ import annotations

from pathlib import Path

from .atomic import write_if_changed
from .catalog.mofile import mo_bytes
from .checks import check
from .config import Config
from .diagnostics import PipelineError, Severity


def mo_path(po_path: Path) -> Path:
    """The .mo file beside a .po file."""
    return po_path.with_suffix(".mo")


def compile_catalogs(config: Config) -> list[str]:
    """Write a .mo per catalog when every catalog is free of errors; the written paths."""
    result = check(config, errors_only=True)  # compile refuses only what is broken
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if errors:
        raise PipelineError(errors)
    written = []
    for locale in config.targets:
        path = mo_path(config.catalog_path(locale))
        catalog = result.catalogs[locale.identifier]
        if write_if_changed(path, mo_bytes(catalog)):
            written.append(config.relative(path))
    return written
