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
