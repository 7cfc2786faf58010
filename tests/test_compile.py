"""compile: .mo files that Python's gettext reads, without fuzzy entries."""

from __future__ import annotations

import gettext
from collections.abc import Callable
from pathlib import Path

from conftest import run_cli


def test_mo_files_are_readable_and_skip_fuzzy(with_catalog: Callable[[str, str], Path]) -> None:
    root = with_catalog("en", "fuzzy_entry")
    result = run_cli(root, "compile")
    assert result.code == 0 and result.out.endswith("2 catalogs compiled, 2 changed\n")
    with (root / "locales/en/LC_MESSAGES/messages.mo").open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    assert translations.gettext("本規約は、本サイトの利用に適用されます。") == "These terms apply to the use of this site."
    assert translations.gettext("適用範囲") == "適用範囲"
    assert translations.pgettext("section heading", "その他") == "Other"
    assert run_cli(root, "compile").out.endswith("2 catalogs compiled, 0 changed\n")


def test_compile_refuses_broken_catalogs(with_catalog: Callable[[str, str], Path]) -> None:
    root = with_catalog("en", "added_script")
    result = run_cli(root, "compile")
    assert result.code == 1 and "[html-unsafe]" in result.err
    assert not (root / "locales/en/LC_MESSAGES/messages.mo").exists()


def test_mo_bytes_equal_gnu_msgfmt(tmp_path: Path) -> None:
    import shutil
    import subprocess

    import pytest

    from pipeline.catalog.mofile import mo_bytes
    from pipeline.catalog.pofile import read_catalog

    from conftest import REPO

    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext is not installed")
    odd = tmp_path / "odd.po"
    odd.write_text(
        'msgid ""\nmsgstr ""\n"Language: ko\\n"\n"POT-Creation-Date: 2026-01-01 00:00+0000\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        'msgctxt "c"\nmsgid "その他"\nmsgstr "기타"\n\nmsgid "件"\nmsgid_plural "件"\nmsgstr[0] "건"\n\n'
        '#, fuzzy\nmsgid "古い"\nmsgstr "낡은"\n\nmsgid "未訳"\nmsgstr ""\n\nmsgid "改行\\n"\nmsgstr "줄\\n"\n',
        encoding="utf-8")
    for po in [odd, *sorted((REPO / "locales").glob("*/LC_MESSAGES/messages.po"))]:
        gnu = tmp_path / "gnu.mo"
        subprocess.run(["msgfmt", "--no-hash", "-o", str(gnu), str(po)], check=True)
        assert mo_bytes(read_catalog(po, po.name)) == gnu.read_bytes(), po
