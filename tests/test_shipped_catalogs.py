"""The shipped catalogs are what GNU gettext, Poedit and Weblate accept as they are."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, run_cli, snapshot

CATALOGS = sorted((REPO / "locales").glob("*/LC_MESSAGES/messages.po"))
gnu = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")


def test_every_configured_locale_ships_a_catalog() -> None:
    assert [p.parent.parent.name for p in CATALOGS] == ["en", "ko", "zh_Hans", "zh_Hant"]


@gnu
@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_msgfmt_check_accepts(catalog: Path) -> None:
    done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(catalog)], capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == ""


@gnu
@pytest.mark.parametrize("catalog", [*CATALOGS, REPO / "locales/messages.pot"], ids=lambda p: p.parent.parent.name)
def test_msgcat_leaves_catalog_unchanged(catalog: Path) -> None:
    done = subprocess.run(["msgcat", str(catalog)], capture_output=True, check=True)
    assert done.stdout == catalog.read_bytes()


def test_shipped_catalogs_check_clean_and_complete() -> None:
    result = run_cli(REPO, "check", "--strict")
    assert result.code == 0 and result.out == "0 errors, 0 warnings in 4 catalogs\n"


def test_extract_and_update_twice_change_nothing(real_site: Path) -> None:
    before = snapshot(real_site / "locales")
    for _ in range(2):
        assert run_cli(real_site, "extract").code == 0
        assert run_cli(real_site, "update").code == 0
    assert snapshot(real_site / "locales") == before
    assert run_cli(real_site, "update", "--check").code == 0
