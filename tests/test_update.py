"""update: Babel's merge, no translation ever lost, and nothing changes when nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.catalogs import Catalog, Message, read_catalog
from pipeline.update import merge

from conftest import run_cli

HEADER = Message("", "Content-Type: text/plain; charset=UTF-8\nLanguage: en\n")
EN = "locales/en/LC_MESSAGES/messages.po"


def catalog(*messages: Message) -> Catalog:
    return Catalog(HEADER, tuple(messages))


def test_new_changed_removed_and_restored_messages() -> None:
    old = catalog(
        Message("個人情報の取得について", "About acquisition"),
        Message("削除される文", "Removed sentence"),
        Message("そのまま", "Unchanged", translator_comments=("checked by legal",)),
    )
    template = catalog(Message("そのまま"), Message("個人情報の取得に関して"), Message("新しい文"))
    merged = merge(template, old)
    kept, changed, new, gone = merged.messages
    assert (kept.msgstr, kept.translator_comments, kept.fuzzy) == ("Unchanged", ("checked by legal",), False)
    assert (changed.msgstr, changed.fuzzy, changed.previous_msgid) == ("About acquisition", True, "個人情報の取得について")
    assert (new.msgstr, new.fuzzy) == ("", False)
    assert (gone.msgid, gone.msgstr, gone.obsolete) == ("削除される文", "Removed sentence", True)

    restored = merge(catalog(Message("そのまま"), Message("削除される文")), merged)
    assert restored.by_key()[(None, "削除される文")].msgstr == "Removed sentence"
    assert not restored.by_key()[(None, "削除される文")].fuzzy


def test_context_keeps_same_text_apart() -> None:
    old = catalog(Message("その他", "Other", msgctxt="heading"), Message("その他", "Miscellaneous", msgctxt="clause"))
    merged = merge(catalog(Message("その他", msgctxt="clause"), Message("その他", msgctxt="heading")), old)
    assert [(m.msgctxt, m.msgstr) for m in merged.messages] == [("clause", "Miscellaneous"), ("heading", "Other")]


SENTENCES = ["本ウェブサイトは個人情報を適切に取り扱います。", "利用目的の範囲内で利用します。",
             "第三者に提供することはありません。", "お問い合わせはフォームからお願いします。",
             "クッキーを使用します。", "法令を遵守します。"]
EDITS = st.lists(st.tuples(st.sampled_from(["add", "change", "remove", "restore"]), st.integers(0, 5)), max_size=12)


def holds(current: Catalog, msgid: str, translation: str) -> bool:
    """The translation made for msgid is current, fuzzy with msgid as its previous msgid, or obsolete."""
    return any(m.msgstr == translation and (m.msgid == msgid or (m.fuzzy and m.previous_msgid == msgid))
               for m in current.messages)


@settings(max_examples=150, deadline=None)
@given(EDITS)
def test_no_translation_is_ever_lost(edits: list[tuple[str, int]]) -> None:
    source = list(SENTENCES[:3])
    current = catalog(*(Message(s, f"T:{s}") for s in source))
    made = {s: f"T:{s}" for s in source}
    removed: list[str] = []
    for action, index in edits:
        if action == "add" and SENTENCES[index] not in source:
            source.append(SENTENCES[index])
        elif action == "change" and source:
            position = index % len(source)
            removed.append(source[position])
            source[position] += "（改正）"
        elif action == "remove" and source:
            removed.append(source.pop(index % len(source)))
        elif action == "restore" and removed:
            back = removed.pop(index % len(removed))
            if back not in source:
                source.insert(0, back)
        template = catalog(*(Message(s) for s in dict.fromkeys(source)))
        current = merge(template, current)
        assert all(holds(current, msgid, text) for msgid, text in made.items())
        for msgid in source:
            if msgid in made:
                assert current.by_key()[(None, msgid)].msgstr == made[msgid]
        assert merge(template, current) == current


def test_update_twice_changes_nothing_and_check_reports(mini: Path) -> None:
    page = mini / "templates/page.html.j2"
    page.write_text(page.read_text(encoding="utf-8").replace("本規約は予告なく", "本規約は、予告なく"), encoding="utf-8")
    assert run_cli(mini, "extract").code == 0
    pending = run_cli(mini, "update", "--check")
    assert pending.code == 1 and f"{EN}: would change" in pending.out
    assert run_cli(mini, "update").code == 0
    after = (mini / EN).read_bytes()
    assert run_cli(mini, "update").out.count("unchanged") == 2
    assert (mini / EN).read_bytes() == after
    assert run_cli(mini, "update", "--check").code == 0
    changed = next(m for m in read_catalog(mini / EN, EN).messages if m.msgid == "本規約は、予告なく変更することがあります。")
    assert changed.fuzzy and changed.msgstr == "These terms may change without notice."
    assert changed.previous_msgid == "本規約は予告なく変更することがあります。"
    warnings = run_cli(mini, "check").out
    assert f"{EN}:176: warning: fuzzy translation" in warnings


def test_update_without_catalog_says_to_init(mini: Path) -> None:
    (mini / "locales/ko/LC_MESSAGES/messages.po").unlink()
    result = run_cli(mini, "update")
    assert result.code == 1
    assert "locales/ko/LC_MESSAGES/messages.po: error: no catalog for configured locale ko: run 'policy-pipeline init --locale ko' [missing]" in result.err


def test_files_laid_out_by_other_tools_stay_as_they_are(mini: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("msgcat") is None:
        pytest.skip("GNU gettext is not installed")
    catalog = mini / EN
    unwrapped = subprocess.run(["msgcat", "--no-wrap", str(catalog)], capture_output=True, check=True).stdout
    catalog.write_bytes(unwrapped.replace(b"\n", b"\r\n"))
    assert run_cli(mini, "update").out.count("unchanged") == 2
    assert catalog.read_bytes() == unwrapped.replace(b"\n", b"\r\n")


def test_a_real_change_leaves_other_entries_laid_out_as_they_were(mini: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("msgcat") is None:
        pytest.skip("GNU gettext is not installed")
    catalog = mini / EN
    unwrapped = subprocess.run(["msgcat", "--no-wrap", str(catalog)], capture_output=True, check=True).stdout.decode()
    catalog.write_text(unwrapped, encoding="utf-8")
    long_line = next(line for line in unwrapped.splitlines() if len(line) > 79)
    page = mini / "templates/page.html.j2"
    page.write_text(page.read_text(encoding="utf-8").replace("本規約は予告なく", "本規約は、予告なく"), encoding="utf-8")
    assert run_cli(mini, "extract").code == 0 and run_cli(mini, "update").code == 0
    after = catalog.read_text(encoding="utf-8")
    assert long_line in after.splitlines()  # an untouched entry keeps the other tool's layout
    assert '#, fuzzy\n#| msgid "本規約は予告なく変更することがあります。"\nmsgid "本規約は、予告なく変更することがあります。"' in after
