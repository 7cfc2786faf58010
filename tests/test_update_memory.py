"""update's translation memory: a new message gets a fuzzy suggestion from the most similar
translation the catalog holds (current, fuzzy or obsolete), copied so the message using it keeps
it, with that message's msgid as #| msgid. Driven through extract and update of the real CLI."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.catalogs import Catalog, Message, parse_catalog
from pipeline.update import merge

from conftest import run_cli

KO = "locales/ko/LC_MESSAGES/messages.po"
KEPT = "本サイトポリシーは、予告なく変更することがあります。"
ADDED = "本利用規約は、予告なく変更することがあります。"
HEADER = Message("", "Content-Type: text/plain; charset=UTF-8\nLanguage: en\n")


def _add_paragraph(root: Path) -> None:
    page = root / "templates/sitepolicy.html.j2"
    text = page.read_text(encoding="utf-8")
    new = f"<p>{{% trans %}}{KEPT}{{% endtrans %}}</p>"
    page.write_text(text.replace(new, new + f"\n<p>{{% trans %}}{ADDED}{{% endtrans %}}</p>"), encoding="utf-8")


def test_a_new_message_is_suggested_the_translation_of_a_similar_current_one(real_site: Path) -> None:
    _add_paragraph(real_site)
    assert run_cli(real_site, "extract").code == 0
    result = run_cli(real_site, "update")
    assert result.code == 0, result.err
    text = (real_site / KO).read_text(encoding="utf-8")
    catalog = parse_catalog(text.encode(), KO).by_key()
    kept, added = catalog[(None, KEPT)], catalog[(None, ADDED)]
    assert (kept.fuzzy, kept.previous_msgid) == (False, None)  # the message that uses it keeps it
    assert (added.msgstr, added.fuzzy, added.previous_msgid) == (kept.msgstr, True, KEPT)
    assert f'#, fuzzy\n#| msgid "{KEPT}"\nmsgid "{ADDED}"' in text
    # A suggestion is never published before review, and the catalog stays valid for GNU msgfmt.
    assert run_cli(real_site, "check").code == 0
    if shutil.which("msgfmt"):
        subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(real_site / KO)], check=True)


def test_a_fuzzy_translation_still_in_use_is_suggested_too_and_nothing_close_is_left_empty() -> None:
    old = Catalog(HEADER, (Message("クッキーの利用について", "About cookies", flags=("fuzzy",)), Message("そのまま", "Unchanged")))
    template = Catalog(HEADER, (Message("そのまま"), Message("クッキーの利用について"), Message("クッキーの利用に関して"), Message("全く新しい文です")))
    merged = merge(template, old).by_key()
    assert merged[(None, "クッキーの利用について")].msgstr == "About cookies"  # kept where it is
    suggested = merged[(None, "クッキーの利用に関して")]
    assert (suggested.msgstr, suggested.fuzzy, suggested.previous_msgid) == ("About cookies", True, "クッキーの利用について")
    assert (merged[(None, "全く新しい文です")].msgstr, merged[(None, "全く新しい文です")].fuzzy) == ("", False)


def test_a_suggestion_from_a_current_message_copies_it() -> None:
    old = Catalog(HEADER, (Message("個人情報の取得について", "About acquisition"),))
    template = Catalog(HEADER, (Message("個人情報の取得について"), Message("個人情報の取得に関して")))
    merged = merge(template, old)
    source, new = merged.messages
    assert (source.msgstr, source.fuzzy) == ("About acquisition", False)
    assert (new.msgstr, new.fuzzy, new.previous_msgid) == ("About acquisition", True, "個人情報の取得について")
    assert len(merged.messages) == 2  # nothing made obsolete


@pytest.mark.skipif(shutil.which("msgmerge") is None, reason="GNU gettext is not installed")
def test_like_msgmerge_a_new_message_gets_the_closest_current_translation(tmp_path: Path) -> None:
    """GNU msgmerge suggests from every translated entry of the old catalog as well: the reference."""
    po = tmp_path / "ko.po"
    pot = tmp_path / "messages.pot"
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    po.write_text(header + f'msgid "{KEPT}"\nmsgstr "본 사이트 정책은 예고 없이 변경될 수 있습니다."\n', encoding="utf-8")
    pot.write_text(header + f'msgid "{KEPT}"\nmsgstr ""\n\nmsgid "{ADDED}"\nmsgstr ""\n', encoding="utf-8")
    gnu = subprocess.run(["msgmerge", "--previous", "-q", str(po), str(pot)], capture_output=True, text=True, check=True).stdout
    ours = merge(parse_catalog(pot.read_bytes(), "messages.pot"), parse_catalog(po.read_bytes(), "ko.po")).by_key()
    assert f'#| msgid "{KEPT}"' in gnu
    assert ours[(None, ADDED)].previous_msgid == KEPT and ours[(None, ADDED)].fuzzy
