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
