"""polib, an independent reader, reads every catalog the pipeline writes as our own reader does."""

from __future__ import annotations

from pathlib import Path

import polib

from pipeline.catalog.model import Catalog
from pipeline.catalog.pofile import read_catalog

from conftest import run_cli


def entries_by_polib(path: Path) -> dict[tuple[str | None, str], tuple[object, ...]]:
    found = {}
    for entry in polib.pofile(str(path), wrapwidth=79):
        forms = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)) if entry.msgid_plural else (entry.msgstr,)
        found[(entry.msgctxt, entry.msgid)] = (entry.msgid_plural or None, forms, "fuzzy" in entry.flags, bool(entry.obsolete))
    return found


def entries_by_ours(catalog: Catalog) -> dict[tuple[str | None, str], tuple[object, ...]]:
    return {m.key: (m.msgid_plural, m.translations, m.fuzzy, m.obsolete) for m in catalog.messages}


def test_catalogs_written_by_extract_update_and_init_read_the_same_with_polib(mini: Path) -> None:
    page = next((mini / "templates").glob("*.html.j2"))
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</section>", "<p>{% trans %}新しい「文」と\\の記号{% endtrans %}</p></section>", 1), encoding="utf-8")
    assert run_cli(mini, "extract").code == 0
    assert run_cli(mini, "update").code == 0
    written = [*sorted((mini / "locales").rglob("*.po")), mini / "locales/messages.pot"]
    assert len(written) >= 3
    for path in written:
        ours = entries_by_ours(read_catalog(path, path.name))
        assert entries_by_polib(path) == ours, path
        assert (None, "新しい「文」と\\の記号") in ours, path
