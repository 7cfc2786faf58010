"""update beside translators' editors: a catalog completed in any editor is CI-green as it is,
and a save made while update merges is never overwritten."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import run_cli

KO = "locales/ko/LC_MESSAGES/messages.po"
EN = "locales/en/LC_MESSAGES/messages.po"

needs_msgcat = pytest.mark.skipif(subprocess.run(["which", "msgcat"], capture_output=True).returncode != 0,
                                  reason="GNU gettext's msgcat is the reference editor layout")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def complete_in_editor(path: Path) -> None:
    """What a translator does in Poedit: review each fuzzy entry, accept it, save (msgcat's layout)."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^#\| .*\n", "", text, flags=re.MULTILINE)
    text = re.sub(r"^#, fuzzy\n", "", text, flags=re.MULTILINE)
    text = re.sub(r"^#, fuzzy, ", "#, ", text, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")
    subprocess.run(["msgcat", "-o", str(path), str(path)], check=True)


@needs_msgcat
def test_catalog_completed_in_an_editor_passes_update_check_and_strict_build(mini: Path) -> None:
    edit(mini / "templates/page.html.j2", "本規約は予告なく変更することがあります。", "本規約は、予告なく変更することがあります。")
    assert run_cli(mini, "extract").code == 0
    assert run_cli(mini, "update").code == 0
    for catalog in (KO, EN):
        assert "#, fuzzy" in (mini / catalog).read_text(encoding="utf-8")
        complete_in_editor(mini / catalog)
    check = run_cli(mini, "update", "--check")
    assert check.code == 0, check.err
    assert "would change" not in check.err + check.out
    build = run_cli(mini, "build", "--strict")
    assert build.code == 0, build.err
    # No bookkeeping header is written, and the page names the current source version.
    assert run_cli(mini, "update").code == 0
    revision = re.search(r"X-Source-Revision: (\w+)", (mini / "locales/messages.pot").read_text(encoding="utf-8"))
    assert revision is not None
    assert revision.group(1) in (mini / "_site/ko/terms/index.html").read_text(encoding="utf-8")


def test_update_leaves_an_old_revision_header_alone(mini: Path) -> None:
    """Old catalogs carrying X-Source-Revision are read; update neither rewrites nor adds it."""
    edit(mini / "templates/page.html.j2", "本規約は予告なく変更することがあります。", "本規約は、予告なく変更することがあります。")
    assert run_cli(mini, "extract").code == 0
    before = re.findall(r"X-Source-Revision: \w+", (mini / KO).read_text(encoding="utf-8"))
    assert run_cli(mini, "update").code == 0
    assert re.findall(r"X-Source-Revision: \w+", (mini / KO).read_text(encoding="utf-8")) == before
