"""update beside translators' editors: a catalog completed in any editor is CI-green as it is,
and a save made while update merges is never overwritten."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.catalogs import Catalog

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
    # No bookkeeping header is written anywhere, and no page shows a hash.
    assert run_cli(mini, "update").code == 0
    assert "X-Source-Revision" not in (mini / "locales/messages.pot").read_text(encoding="utf-8")
    assert "data-notice=\"outdated\"" not in (mini / "_site/ko/terms/index.html").read_text(encoding="utf-8")


def test_update_leaves_an_old_revision_header_alone(mini: Path) -> None:
    """Old catalogs carrying X-Source-Revision are read; update neither rewrites nor adds it."""
    edit(mini / "templates/page.html.j2", "本規約は予告なく変更することがあります。", "本規約は、予告なく変更することがあります。")
    assert run_cli(mini, "extract").code == 0
    before = re.findall(r"X-Source-Revision: \w+", (mini / KO).read_text(encoding="utf-8"))
    assert run_cli(mini, "update").code == 0
    assert re.findall(r"X-Source-Revision: \w+", (mini / KO).read_text(encoding="utf-8")) == before


EDITOR_SAVE = r"""
import os, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read().replace(sys.argv[2], sys.argv[3])
temporary = path + ".poedit-save"
with open(temporary, "w", encoding="utf-8") as stream:
    stream.write(text)
os.replace(temporary, path)  # Poedit, vim and most editors save through a rename
"""


def editor_saves(path: Path, old: str, new: str) -> None:
    """Another process saves the catalog, the way an editor does; returns when it has."""
    subprocess.run([sys.executable, "-c", EDITOR_SAVE, str(path), old, new], check=True)


def template_changed(mini: Path) -> None:
    edit(mini / "templates/page.html.j2", "本規約は予告なく変更することがあります。", "本規約は、予告なく変更することがあります。")
    assert run_cli(mini, "extract").code == 0


def test_a_save_between_read_and_write_is_merged_not_lost(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The editor saves while update merges (after it read the file, before it writes)."""
    import pipeline.update

    template_changed(mini)
    real_format = pipeline.update.format_catalog
    saved: list[str] = []

    def format_while_an_editor_saves(catalog: Catalog) -> str:
        if catalog.path == KO and not saved:
            editor_saves(mini / KO, '"본문 바로가기"', '"본문으로 건너뛰기"')
            saved.append(KO)
        return real_format(catalog)

    monkeypatch.setattr(pipeline.update, "format_catalog", format_while_an_editor_saves)
    result = run_cli(mini, "update")
    assert result.code == 0, result.err
    text = (mini / KO).read_text(encoding="utf-8")
    assert saved and '"본문으로 건너뛰기"' in text and '"본문 바로가기"' not in text  # the save survived
    assert "#| msgid" in text  # and the merge was done on top of it


def test_a_save_at_the_instant_of_the_rename_is_never_overwritten(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor that saves again on every attempt: update stops with one line, the save is kept."""
    template_changed(mini)
    saves = iter(["본문으로 건너뛰기", "본문 건너뛰기", "본문으로"])
    current = ["본문 바로가기"]

    def editor_at_the_last_instant(path: Path) -> None:
        if path.name == "messages.po" and path.parent.parent.name == "ko":
            new = next(saves)
            editor_saves(path, f'"{current[0]}"', f'"{new}"')
            current[0] = new

    monkeypatch.setattr("pipeline.saving.BEFORE_SWAP", [editor_at_the_last_instant])
    before = (mini / EN).read_bytes()
    result = run_cli(mini, "update")
    assert result.code == 1
    assert result.err.strip().splitlines() == [
        f"{KO}: error: was saved by another program twice while update merged it; the saved file is kept as "
        "it is: run update again [changed-meanwhile]"]
    assert (mini / KO).read_text(encoding="utf-8").count('"본문 건너뛰기"') == 1  # the editor's last save, intact
    assert (mini / EN).read_bytes() != before  # the catalog merged before it was written normally
    assert not [p.name for p in (mini / KO).parent.iterdir() if p.name.startswith(".")]  # no temporary left


def test_one_save_at_the_instant_of_the_rename_is_merged_again(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    template_changed(mini)
    saved: list[Path] = []

    def editor_once(path: Path) -> None:
        if not saved and path.parent.parent.name == "ko":
            editor_saves(path, '"본문 바로가기"', '"본문으로 건너뛰기"')
            saved.append(path)

    monkeypatch.setattr("pipeline.saving.BEFORE_SWAP", [editor_once])
    result = run_cli(mini, "update")
    assert result.code == 0, result.err
    text = (mini / KO).read_text(encoding="utf-8")
    assert saved and '"본문으로 건너뛰기"' in text and "#| msgid" in text
    assert run_cli(mini, "update", "--check").code == 0


def test_init_never_replaces_a_catalog_made_meanwhile(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.update

    pyproject = mini / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(re.sub(r'locales = \[([^\]]*)\]', r'locales = [\1, "fr"]', text, count=1), encoding="utf-8")
    target = mini / "locales/fr/LC_MESSAGES/messages.po"
    real_new = pipeline.update.new_catalog

    def someone_creates_it_meanwhile(*args: object) -> Catalog:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("# made by Weblate\n", encoding="utf-8")
        return real_new(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline.update, "new_catalog", someone_creates_it_meanwhile)
    result = run_cli(mini, "init", "--locale", "fr")
    assert result.code == 1 and "exists already" in result.err
    assert target.read_text(encoding="utf-8") == "# made by Weblate\n"


def test_import_never_overwrites_a_save_made_meanwhile(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sibling of update: `import` rewrites a translator's catalog too."""
    packet = mini / "en.xlf"
    assert run_cli(mini, "export", "--locale", "en", "--format", "xliff12", "--out", str(packet)).code == 0
    packet.write_text(packet.read_text(encoding="utf-8").replace(">Choose a language<", ">Pick a language<"), encoding="utf-8")

    def editor_at_the_last_instant(path: Path) -> None:
        editor_saves(path, '"Skip to main content"', '"Skip to the content"')

    monkeypatch.setattr("pipeline.saving.BEFORE_SWAP", [editor_at_the_last_instant])
    result = run_cli(mini, "import", str(packet))
    assert result.code == 1
    assert "was saved by another program while import ran; the saved file is kept" in result.err + result.out
    text = (mini / EN).read_text(encoding="utf-8")
    assert '"Skip to the content"' in text and '"Choose a language"' in text
    monkeypatch.setattr("pipeline.saving.BEFORE_SWAP", [])
    assert run_cli(mini, "import", str(packet)).code == 0  # run again: the packet is applied
    assert '"Pick a language"' in (mini / EN).read_text(encoding="utf-8")
