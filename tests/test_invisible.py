"""Invisible characters in a legal text: a bidi override or a zero-width character can reorder or
hide what a reader sees, so a translation may hold one only where the Japanese msgid does."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli

KO = "locales/ko/LC_MESSAGES/messages.po"


def plant(mini: Path, translation: str, msgid: str = "本文へ移動") -> None:
    path = mini / KO
    text = path.read_text(encoding="utf-8")
    if msgid != "本文へ移動":
        text = text.replace('msgid "本文へ移動"', f'msgid "{msgid}"')
    path.write_text(text.replace('msgstr "본문 바로가기"', f'msgstr "{translation}"'), encoding="utf-8")


@pytest.mark.parametrize(("char", "name"), [
    ("\u202e", "RIGHT-TO-LEFT OVERRIDE"), ("\u2066", "LEFT-TO-RIGHT ISOLATE"), ("\u2069", "POP DIRECTIONAL ISOLATE"),
    ("\u200b", "ZERO WIDTH SPACE"), ("\u200f", "RIGHT-TO-LEFT MARK"), ("\u2060", "WORD JOINER"), ("\ufeff", "ZERO WIDTH NO-BREAK SPACE"),
])
def test_an_invisible_character_is_an_error_that_blocks_the_build(mini: Path, char: str, name: str) -> None:
    assert run_cli(mini, "build").code == 0
    before = (mini / "_site/ko/terms/index.html").read_bytes()
    plant(mini, f"본문{char} 바로{char}가기")
    result = run_cli(mini, "check")
    assert result.code == 1
    line = next(n for n, text in enumerate((mini / KO).read_text(encoding="utf-8").splitlines(), 1) if "본문" in text and text.startswith("msgstr"))
    assert (f"{KO}:{line}:11: error: invisible U+{ord(char):04X} {name} (2 times) in the translation, not in the msgid: "
            "it can hide or reorder what a reader sees; remove it [control-chars]") in result.out + result.err
    assert run_cli(mini, "build").code == 1
    assert (mini / "_site/ko/terms/index.html").read_bytes() == before  # the page never shows it
    assert run_cli(mini, "compile").code == 1


def test_the_same_invisible_character_as_the_msgid_is_accepted(mini: Path) -> None:
    plant(mini, "본문\u200b바로가기", msgid="本文\u200bへ移動")
    result = run_cli(mini, "check", "--locale", "ko")
    assert "control-chars" not in result.out + result.err


def test_one_more_than_the_msgid_has_is_found(mini: Path) -> None:
    plant(mini, "본문\u200b바로\u200b가기", msgid="本文\u200bへ移動")
    result = run_cli(mini, "check", "--locale", "ko")
    assert result.code == 1 and "U+200B ZERO WIDTH SPACE (2 times)" in result.out + result.err
