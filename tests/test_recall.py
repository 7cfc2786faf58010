"""Recall on realistic mistakes: a dozen mistakes translators, spreadsheets and copy-paste make,
planted in copies of the shipped ko and zh_Hans catalogs; the real CLI must find each at its
msgstr line, and nothing else. The shipped catalogs themselves give no finding at all."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.catalogs import Catalog, Message, parse_catalog, save_catalog

from conftest import run_cli

KO = "locales/ko/LC_MESSAGES/messages.po"
ZH = "locales/zh_Hans/LC_MESSAGES/messages.po"


def _load(root: Path, path: str) -> Catalog:
    return parse_catalog((root / path).read_bytes(), path)


def _by_msgid(catalog: Catalog, start: str) -> Message:
    return next(m for m in catalog.current if m.msgid.startswith(start))


def _edit(catalog: Catalog, start: str, **changes: object) -> Catalog:
    target = _by_msgid(catalog, start)
    return replace(catalog, messages=tuple(replace(m, **changes) if m is target else m for m in catalog.messages))  # type: ignore[arg-type]


def _swap(catalog: Catalog, first: str, second: str) -> Catalog:
    a, b = _by_msgid(catalog, first).msgstr, _by_msgid(catalog, second).msgstr
    return _edit(_edit(catalog, first, msgstr=b), second, msgstr=a)


def _first_sentence(text: str, end: str) -> str:
    return text[:text.index(end) + 1]


def plant_korean(root: Path) -> dict[str, str]:
    """Seven mistakes in ko; returns {msgid start: expected check}."""
    ko = _load(root, KO)
    ko = _swap(ko, "2. JavaScript", "3. SSL(TLS)")  # two rows swapped in a spreadsheet
    ko = _swap(ko, "技術について", "本ウェブサイトは、個人情報の紛失")  # a heading and a paragraph swapped, far apart
    ko = _edit(ko, "Cookie及び類似技術の利用目的", msgstr=_by_msgid(ko, "（1）利用状況").msgstr)  # pasted into the row above too
    doubled = _by_msgid(ko, "本ウェブサイトは、個人情報を適切に管理するため").msgstr
    ko = _edit(ko, "本ウェブサイトは、個人情報を適切に管理するため", msgstr=f"{doubled} {doubled}")  # pasted twice
    cut = _by_msgid(ko, "本ウェブサイトは、個人情報を取得する際には").msgstr
    ko = _edit(ko, "本ウェブサイトは、個人情報を取得する際には", msgstr=_first_sentence(cut, "."))  # cell cut short
    ko = _edit(ko, "より安全で快適に", msgstr="[MT] " + _by_msgid(ko, "より安全で快適に").msgstr)  # machine translation, unreviewed
    ko = _edit(ko, "利用規約", msgstr="\u3000")  # looks filled in, publishes a blank
    ko = _edit(ko, "PDFファイルを閲覧するには", msgstr=_by_msgid(ko, "PDFファイルを閲覧するには").msgstr.replace("Reader", "Raeder"))
    ko = _edit(ko, "本サイトポリシーは、予告なく", previous_msgid="本サイトポリシーは、予告なく変更します。")  # fuzzy removed by hand
    save_catalog(ko, root / KO)
    return {"2. JavaScript": "misplaced", "3. SSL(TLS)": "misplaced", "技術について": "misplaced", "本ウェブサイトは、個人情報の紛失": "misplaced", "Cookie及び類似技術の利用目的": "misplaced",
            "本ウェブサイトは、個人情報を適切に管理するため": "repeated-text", "本ウェブサイトは、個人情報を取得する際には": "missing-sentences",
            "より安全で快適に": "work-marker", "利用規約": "blank-translation", "PDFファイルを閲覧するには": "name-altered",
            "本サイトポリシーは、予告なく": "stale-previous"}


def plant_chinese(root: Path) -> dict[str, str]:
    """Five mistakes in zh_Hans."""
    zh = _load(root, ZH)
    zh = _swap(zh, "Microsoft Edge", "Mozilla Firefox")
    zh = _edit(zh, "（1）全てのCookie", msgstr=_by_msgid(zh, "（2）個別のCookie").msgstr)  # shifted by a few rows
    zh = _edit(zh, "公序良俗に反する", msgstr="TODO " + _by_msgid(zh, "公序良俗に反する").msgstr)
    zh = _edit(zh, "本サイトポリシーは、予告なく", msgstr=_by_msgid(zh, "本サイトポリシーは、予告なく").msgstr + "\n")
    cut = _by_msgid(zh, "本ポリシーは、これらの取扱い").msgstr
    zh = _edit(zh, "本ポリシーは、これらの取扱い", msgstr=_first_sentence(cut, "。"))
    save_catalog(zh, root / ZH)
    return {"Microsoft Edge": "misplaced", "Mozilla Firefox": "misplaced", "（1）全てのCookie": "misplaced",
            "公序良俗に反する": "work-marker", "本サイトポリシーは、予告なく": "newline-edges",
            "本ポリシーは、これらの取扱い": "missing-sentences"}


def test_the_shipped_catalogs_give_no_finding(real_site: Path) -> None:
    result = run_cli(real_site, "check", "--strict")
    assert result.code == 0, result.out + result.err
    assert "0 errors, 0 warnings" in result.err + result.out


def test_a_dozen_realistic_mistakes_are_each_found_at_their_msgstr_line(real_site: Path) -> None:
    planted = {KO: plant_korean(real_site), ZH: plant_chinese(real_site)}
    result = run_cli(real_site, "check", "--format", "json", "--no-baseline")
    assert result.code == 1
    # A finding about one character of a wrapped msgstr is at that character's physical line.
    found = {(f["file"], _entry_line(real_site, f["file"], f["line"]), f["check"]) for f in json.loads(result.out)["findings"]}
    expected = set()
    for path, mistakes in planted.items():
        catalog = _load(real_site, path)
        for start, check_id in mistakes.items():
            expected.add((path, _by_msgid(catalog, start).msgstr_line, check_id))
    assert expected - found == set()
    assert len(expected) >= 12
    # Precision: every finding is on a planted entry (another check may also see a planted mistake).
    planted_lines = {(path, line) for path, line, _ in expected}
    extra = {(path, line, check) for path, line, check in found if (path, line) not in planted_lines}
    assert extra == {(KO, _by_msgid(_load(real_site, KO), "（1）利用状況").msgstr_line, "inconsistent"),
                     (ZH, _by_msgid(_load(real_site, ZH), "（2）個別のCookie").msgstr_line, "inconsistent")}  # the rows pasted from


def _entry_line(root: Path, path: str, line: int) -> int:
    """The msgstr line of the entry whose msgstr holds this physical line."""
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    while line > 1 and lines[line - 1].startswith('"'):
        line -= 1
    return line


def test_misplaced_and_blank_translations_stop_the_build(real_site: Path) -> None:
    ko = _swap(_load(real_site, KO), "2. JavaScript", "3. SSL(TLS)")
    save_catalog(ko, real_site / KO)
    assert run_cli(real_site, "build").code == 1
    assert run_cli(real_site, "compile").code == 1


def test_a_blank_translation_and_a_marker_are_one_finding_each(real_site: Path) -> None:
    """One finding per cause: no spacing or punctuation warnings on a blank, no wrong-language on 'TODO'."""
    ko = _edit(_edit(_load(real_site, KO), "目次", msgstr=" 。"), "サイトポリシーを表示する", msgstr="TODO")
    save_catalog(ko, real_site / KO)
    result = run_cli(real_site, "check", "--format", "json", "--no-baseline")
    by_line: dict[int, list[str]] = {}
    for f in json.loads(result.out)["findings"]:
        by_line.setdefault(f["line"], []).append(f["check"])
    catalog = _load(real_site, KO)
    assert by_line[_by_msgid(catalog, "目次").msgstr_line] == ["blank-translation"]
    marker = by_line[_by_msgid(catalog, "サイトポリシーを表示する").msgstr_line]
    assert "work-marker" in marker and "wrong-language" not in marker


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
def test_newline_parity_is_msgfmt_c_rule_on_every_form(mini: Path) -> None:
    """msgfmt -c is the reference: the same entries (plural forms included, empty ones not), at the
    same msgstr lines; msgfmt stops at the first problem of an entry, check reports both edges."""
    fixture = Path(__file__).parent / "fixtures" / "checks" / "newline_parity_ko.po"
    gnu = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(fixture)], capture_output=True, text=True)
    gnu_lines = {int(m.group(1)) for m in re.finditer(r":(\d+): 'msgid' and 'msgstr(?:\[\d\])?' entries do not both", gnu.stderr)}
    result = run_cli(mini, "check", "--locale", "ko", str(fixture), "--format", "json")
    ours = {f["line"] for f in json.loads(result.out)["findings"] if f["check"] == "newline-edges"}
    assert gnu.returncode == 1 and result.code == 1
    assert ours == gnu_lines == {8, 11, 14, 21}


def _hostile_catalog(path: Path, count: int, language: str) -> None:
    """A catalog where every translation is far off its msgid and shares figures and kanji with
    every other msgid: the worst case for the search for where a translation belongs."""
    header = (f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: {language}\\n"\n'
              '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n')
    entries = [f'msgid "個人情報保護方針第1条第{i}項の取得と利用について"\nmsgstr "个人信息 1 {"长" * (i % 7 + 60)}"\n'
               for i in range(count)]
    path.write_text(header + "\n".join(entries), encoding="utf-8")


@pytest.mark.parametrize("language", ["zh_Hans", "ko"])
def test_where_a_translation_belongs_is_searched_in_linear_work(tmp_path: Path, mini: Path, language: str,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.checks import alignment

    calls = {"n": 0}
    conflict = alignment._conflict

    def counted(*args: object) -> int:
        calls["n"] += 1
        return conflict(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(alignment, "_conflict", counted)
    work = []
    for count in (400, 800):
        calls["n"] = 0
        _hostile_catalog(tmp_path / f"{count}.po", count, language)
        run_cli(mini, "check", "--locale", language, str(tmp_path / f"{count}.po"))
        work.append(calls["n"])
    assert work[0] > 0 and work[1] <= 2.2 * work[0], work  # doubling the catalog at most doubles the work
