"""Stage compile: catalogs -> .mo files, what other gettext consumers read."""

from __future__ import annotations

import tempfile
from pathlib import Path

import polib

from .catalogs import Catalog, write_if_changed
from .checks import check
from .config import Config
from .diagnostics import PipelineError, Severity


def mo_path(po_path: Path) -> Path:
    """The .mo file beside a .po file."""
    return po_path.with_suffix(".mo")


def mo_bytes(catalog: Catalog) -> bytes:
    """The binary catalog: header and publishable messages only (never fuzzy ones)."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = dict(catalog.header_fields())
    for message in catalog.current:
        if not message.publishable:
            continue
        entry = polib.POEntry(msgid=message.msgid, msgctxt=message.msgctxt, msgstr=message.msgstr)
        if message.msgid_plural is not None:
            entry.msgid_plural = message.msgid_plural
            entry.msgstr_plural = dict(enumerate(message.msgstr_plural))
        po.append(entry)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "messages.mo"
        po.save_as_mofile(str(target))
        return target.read_bytes()


def compile_catalogs(config: Config) -> list[str]:
    """Write a .mo per catalog when every catalog is free of errors; the written paths."""
    result = check(config)
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
