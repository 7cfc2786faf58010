"""Checks stay linear on hostile translations (issue: a msgstr of 12,000 `<script` fragments took
minutes, 60,000 `a` 18 s). Work is counted, never timed: characters a search may scan, and how
often a string's column map is built."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.checks import positions, scripts

from conftest import run_cli

KO = "locales/ko/LC_MESSAGES/messages.po"


def plant(mini: Path, translation: str) -> None:
    path = mini / KO
    path.write_text(path.read_text(encoding="utf-8").replace('msgstr "본문 바로가기"', f'msgstr "{translation}"'), encoding="utf-8")


class CountingPattern:
    """A compiled pattern that adds up how many characters each search scans."""

    def __init__(self, pattern: re.Pattern[str], scanned: list[int]) -> None:
        self.pattern, self.scanned = pattern, scanned

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        found = self.pattern.search(text, pos)
        self.scanned[0] += (found.end() if found else len(text)) - pos  # a search stops at its match
        return found


def scanned_for(text: str, monkeypatch: pytest.MonkeyPatch) -> int:
    scanned = [0]
    monkeypatch.setattr(scripts, "_HIDDEN_CLOSING", {k: CountingPattern(v, scanned) for k, v in scripts._HIDDEN_CLOSING.items()})
    scripts._blank_hidden_elements(text)
    return scanned[0]


@pytest.mark.parametrize("unit", ["<script", "<style>", "<script>x</script><script", "<SCRIPT a=1>"])
def test_blanking_script_elements_scans_each_character_a_bounded_number_of_times(unit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for count in (1000, 2000, 4000):
        text = unit * count
        assert scanned_for(text, monkeypatch) <= 2 * len(text)


def test_hidden_elements_are_blanked_as_before() -> None:
    text = 'a<script>x</script>b<STYLE>y</style >c<script>open'
    assert scripts._blank_hidden_elements(text) == "a" + scripts.MASK * 18 + "b" + scripts.MASK * 17 + "c<script>open"


def test_a_string_column_map_is_built_once_for_many_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    built = [0]
    decoded = positions._decoded_columns

    def counted(raw: str):  # type: ignore[no-untyped-def]
        built[0] += 1
        return decoded(raw)

    monkeypatch.setattr(positions, "_decoded_columns", counted)
    positions._positions.cache_clear()
    lines = ['msgid "x"', 'msgstr ""', '"' + "a" * 5000 + '"', '"' + "b" * 5000 + '"']
    found = [positions.string_position(lines, 1, "msgstr", offset) for offset in range(0, 10000, 7)]
    assert found[0] == (3, 2) and found[-1] == (4, 9996 - 5000 + 2)
    assert built[0] == 3  # one pass over each quoted line, not one per finding


@pytest.mark.parametrize(("translation", "expected"), [
    ("<script" * 12000, "unsafe markup '<script' (an unterminated tag); 11999 more like it: remove it [html-unsafe]"),
    ("<a " * 10000, "unsafe markup '<a ' (an unterminated tag); 9999 more like it: remove it [html-unsafe]"),
    ("a" * 60000, "[wrong-language]"),
    ("(" * 20000, "has no words: translate it, or empty it to show the source text [blank-translation]"),
], ids=["script", "a-tag", "latin", "brackets"])
def test_hostile_translations_give_one_finding_per_cause(mini: Path, translation: str, expected: str) -> None:
    plant(mini, translation)
    result = run_cli(mini, "check", "--locale", "ko")
    assert result.code == 1 and expected in result.out + result.err
    lines = (result.out + result.err).splitlines()
    assert len(lines) <= 6 and max(map(len, lines)) < 400  # one finding per cause, quoting an excerpt


def test_an_exemption_comment_with_a_long_run_of_spaces_is_read_in_one_pass(mini: Path) -> None:
    """A lazy regular expression over `ignore=end-punct<50,000 spaces>x` tried every division of
    the run; the comment is now split at `--` and checked once."""
    path = mini / KO
    spaces = " " * 50000
    path.write_text(path.read_text(encoding="utf-8").replace('msgid "本文へ移動"', f"# check: ignore=end-punct{spaces}x\nmsgid \"本文へ移動\""),
                    encoding="utf-8")
    result = run_cli(mini, "check", "--locale", "ko")
    assert "[exemption]" in result.out + result.err
    assert max(map(len, (result.out + result.err).splitlines())) < 400


def test_one_dropped_placeholder_is_one_finding_and_marks_are_named_with_their_replacement(mini: Path) -> None:
    """Issue 11 item 9: one finding per cause, every occurrence counted, the replacement named."""
    path = mini / KO
    text = path.read_text(encoding="utf-8")
    text = text.replace('관한 문의는 <a href=\\"%(url)s\\">', '관한 문의는 <a href=\\"\\">')
    path.write_text(text.replace('msgstr "본문 바로가기"', 'msgstr "본문。바로。가기、관리 책임자(管理責任者)"'), encoding="utf-8")
    out = run_cli(mini, "check", "--locale", "ko")
    found = (out.out + out.err).splitlines()
    assert [line for line in found if "%(url)s" in line or "[url]" in line or "[html-tags]" in line] == [
        f"{KO}:93: error: placeholder %(url)s is missing [format-python]"]
    assert f"{KO}:25:11: warning: '。' (2 times) has the wrong width for ko: use '.' [punct-width]" in found
    assert f"{KO}:25:17: warning: '、' has the wrong width for ko: use ',' [punct-width]" in found
    assert any("'管理責任者' in a ko translation" in line and "[hangul-han-leak]" in line for line in found)
