"""Our .po layout is GNU msgcat's: generated text of every script we publish, compared with msgcat."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.catalog.linebreak import break_allowed, char_width, line_break_class
from pipeline.catalog.model import Catalog, Message
from pipeline.catalog.pofile import parse_catalog
from pipeline.catalog.powriter import format_catalog

pytestmark = pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext is not installed")

JAPANESE = "本ウェブサイトは個人情報保護の重要性を認識し東京都事業取得応募者方針ぁっゃーャ・々、。「」『』（）【】！？：；％＄＋〜"
CHINESE = "本网站认识到个人信息保护的重要性對於通過項目獲取資料，。、；：？！（）“”‘’《》"
KOREAN = "본 웹사이트는 개인정보를 적절히 취급합니다 도쿄도 이용자"
LATIN = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ 0123456789 .,;:!?()[]{}\"'-/%$+<>=&#_*@|~\\\n\t“”‘’–—…"
ALPHABET = st.sampled_from(list(JAPANESE + CHINESE + KOREAN + LATIN))
HEADER = Message("", "Content-Type: text/plain; charset=UTF-8\n")


def msgcat(text: str) -> str:
    """What GNU msgcat makes of a catalog."""
    done = subprocess.run(["msgcat", "-"], input=text.encode(), capture_output=True, check=True)
    return done.stdout.decode()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(ALPHABET, max_size=240), min_size=1, max_size=12))
def test_layout_equals_msgcat(strings: list[str]) -> None:
    messages = tuple(Message(f"m{i}", text) for i, text in enumerate(strings))
    ours = format_catalog(Catalog(HEADER, messages))
    assert msgcat(ours) == ours


@settings(max_examples=25, deadline=None)
@given(st.text(ALPHABET, min_size=1, max_size=200), st.text(ALPHABET, max_size=120))
def test_obsolete_previous_and_context_lines_equal_msgcat(msgid: str, context: str) -> None:
    message = Message(msgid, msgid[::-1], msgctxt=context or None, flags=("fuzzy",),
                      previous_msgid=msgid + "x", translator_comments=("note",))
    gone = Message("old " + msgid, "translated", obsolete=True)
    ours = format_catalog(Catalog(HEADER, (message, gone)))
    assert msgcat(ours) == ours


def test_parsing_our_layout_gives_back_the_messages() -> None:
    message = Message("本ウェブサイト（<a href=\"%(url)s\">%(url)s</a>）は" * 5, "This website" * 20,
                      msgctxt="ctx", flags=("fuzzy", "python-format"), references=("templates/a.j2",),
                      extracted_comments=("note",), previous_msgid="古い")
    text = format_catalog(Catalog(HEADER, (message,)))
    parsed = parse_catalog(text.encode(), "x.po").messages[0]
    assert (parsed.msgid, parsed.msgstr, parsed.msgctxt, parsed.flags, parsed.previous_msgid) == (
        message.msgid, message.msgstr, message.msgctxt, message.flags, message.previous_msgid)


def test_break_classes_of_japanese_punctuation() -> None:
    assert line_break_class("。") == "CL" and line_break_class("「") == "OPW"
    assert line_break_class("ー") == "NS" and line_break_class("本") == "ID"
    assert not break_allowed("ID", "CL", False)  # never before 。
    assert not break_allowed("OP", "ID", False)  # never after an opening bracket
    assert break_allowed("ID", "ID", False)
    assert char_width("本") == 2 and char_width("a") == 1
