"""Catalogs as GNU gettext reads and writes them: what msgfmt accepts is read with its text intact,
a file keeps its own conventions, what we write is what msgcat writes, and .mo files are msgfmt's.

The fixtures under tests/fixtures/gnu/ are small catalogs written for this project, one per class
of difference found by running the reader, writer, update and compile over real catalogs of
public projects against GNU gettext 0.21 (msgcat, msgfmt, msgunfmt).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.catalog.mofile import mo_bytes
from pipeline.catalog.pofile import parse_catalog, read_catalog
from pipeline.catalog.powriter import format_catalog

from conftest import FIXTURES, run_cli

GNU = FIXTURES / "gnu"
ALL = sorted(p.name for p in GNU.glob("*.po"))
pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is the reference")


def msgfmt(path: Path, tmp_path: Path) -> bytes:
    out = tmp_path / f"{path.stem}.gnu.mo"
    subprocess.run(["msgfmt", "--no-hash", "-o", str(out), str(path)], check=True, capture_output=True)
    return out.read_bytes()


@pytest.mark.parametrize("name", ALL)
def test_every_fixture_is_read_and_written_back_byte_for_byte(name: str) -> None:
    data = (GNU / name).read_bytes()
    assert format_catalog(parse_catalog(data, name)).encode("utf-8") == data


@pytest.mark.parametrize("name", ALL)
def test_mo_is_what_msgfmt_writes_byte_for_byte(name: str, tmp_path: Path) -> None:
    """Text intact (U+2028, U+2029, U+0085, VT, FF, tokens on one line) and msgfmt's choice of
    entries: a partly translated plural is kept when its first form is, an empty header is not."""
    assert mo_bytes(read_catalog(GNU / name, name)) == msgfmt(GNU / name, tmp_path)


def test_text_gnu_keeps_is_text_for_us() -> None:
    catalog = read_catalog(GNU / "separators.po", "separators.po")
    found = {m.msgid: m.msgstr for m in catalog.messages}
    assert found["第1条\u2028第2条"] == "제1조\u2028제2조"
    assert found["縦タブ\x0b改ページ\x0c終わり"] == "세로 탭\x0b페이지\x0c끝"
    assert found["一行"] == "한 줄" and found["二つの文字列"] == "두 문자열"
    assert catalog.by_key()[(None, "参照")].references == ("\u2068my page.html\u2069:4", "other.html:5")
    assert catalog.trailer.startswith("\n# a comment after the last entry")


def test_what_we_write_is_what_msgcat_writes(tmp_path: Path) -> None:
    """no-wrap entries unwrapped, GNU's flag order, a reference once, no fuzzy without a translation."""
    path = GNU / "msgcat_layout.po"
    ours = format_catalog(parse_catalog(path.read_bytes(), path.name, keep_layout=False))
    assert ours == subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True).stdout


KO = "locales/ko/LC_MESSAGES/messages.po"
SENTENCE = "本規約は予告なく変更することがあります。"


def test_update_keeps_the_files_own_conventions(mini: Path) -> None:
    """CRLF, blank lines at the start and end, a comment after the last entry, U+2028 in a string:
    update changes the one entry whose source changed, in CRLF, and not a byte elsewhere."""
    path = mini / KO
    text = path.read_text(encoding="utf-8").replace('msgstr "언어 선택"', 'msgstr "언어\u2028선택"')
    text = "\n" + text + "\n# translated by the Korean team\n"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    before = path.read_bytes()
    page = mini / "templates/page.html.j2"
    page.write_text(page.read_text(encoding="utf-8").replace(SENTENCE, "本規約は、予告なく変更することがあります。"), encoding="utf-8")
    assert run_cli(mini, "extract").code == 0
    result = run_cli(mini, "update")
    assert result.code == 0, result.err
    after = path.read_bytes()
    assert after.count(b"\n") == after.count(b"\r\n")  # not one line rewritten as LF
    assert after.startswith(b"\r\n") and after.endswith(b"\r\n\r\n# translated by the Korean team\r\n")
    assert "언어\u2028선택".encode() in after
    changed = [line for line in after.split(b"\r\n") if line not in before.split(b"\r\n") and b"POT-Creation-Date" not in line]
    assert changed == [b"#, fuzzy", f'#| msgid "{SENTENCE}"'.encode(), 'msgid "本規約は、予告なく変更することがあります。"'.encode()]
    assert run_cli(mini, "update", "--check").code == 0


def test_compile_writes_msgfmts_mo_for_a_partly_translated_plural(mini: Path) -> None:
    page = mini / "templates/page.html.j2"
    plural = "<p>{% trans count=3 %}{{ count }}件の条項{% pluralize %}{{ count }}件の条項{% endtrans %}</p>"
    page.write_text(page.read_text(encoding="utf-8").replace(f"<p>{{% trans %}}{SENTENCE}", f"{plural}<p>{{% trans %}}{SENTENCE}"), encoding="utf-8")
    assert run_cli(mini, "extract").code == 0 and run_cli(mini, "update").code == 0
    en = mini / "locales/en/LC_MESSAGES/messages.po"
    text = en.read_text(encoding="utf-8")
    en.write_text(text.replace('msgstr[0] ""\nmsgstr[1] ""', 'msgstr[0] "%(count)s clause"\nmsgstr[1] ""'), encoding="utf-8")
    result = run_cli(mini, "compile")
    assert result.code == 0, result.err
    assert en.with_suffix(".mo").read_bytes() == msgfmt(en, mini)


def test_a_catalog_in_a_legacy_charset_says_how_to_convert_it(with_catalog: Callable[[str, str], Path]) -> None:
    """GNU reads ISO-8859-1 catalogs; we read UTF-8 only, and say so with the command that converts."""
    root = with_catalog("en", "legacy_charset")
    result = run_cli(root, "check")
    assert result.code == 1
    assert ("locales/en/LC_MESSAGES/messages.po:109:11: error: the catalog is in ISO-8859-1 (its Content-Type says so), "
            "not UTF-8: convert it with 'msgconv -t UTF-8 -o FILE FILE' [encoding]") in result.out
    converted = root / "locales/en/LC_MESSAGES/messages.po"
    subprocess.run(["msgconv", "-t", "UTF-8", "-o", str(converted), str(converted)], check=True)
    assert "[encoding]" not in run_cli(root, "check").out
