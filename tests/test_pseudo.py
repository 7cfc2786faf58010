"""build --pseudo: accented, longer, bracketed pages in en-XA and ar-XB, for preview only."""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
from lxml import etree

from pipeline.markup import placeholders, tags
from pipeline.reports.pseudo import pseudo_text

from conftest import run_cli

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
PSEUDO = {"en-xa": ("en-XA", "ltr"), "ar-xb": ("ar-XB", "rtl")}


def parse(path: Path) -> etree._ElementTree:
    return html5lib.parse(path.read_bytes(), treebuilder="lxml", namespaceHTMLElements=False)


def japanese_outside_lang_ja(tree: etree._ElementTree) -> list[str]:
    """Text with kana or kanji whose nearest lang is not Japanese: text that bypassed gettext."""
    found = []
    for element in tree.getroot().iter(etree.Element):
        for text, owner in ((element.text, element), (element.tail, element.getparent())):
            if text and JAPANESE.search(text) and owner is not None:
                lang = owner.xpath("string(ancestor-or-self::*[@lang][1]/@lang)")
                if not lang.startswith("ja"):
                    found.append(text.strip())
    return found


def width(text: str) -> int:
    """Columns: a Japanese character is as wide as two Latin letters."""
    return sum(2 if JAPANESE.match(char) or char in "。、" else 1 for char in text)


def test_pseudo_text_keeps_markup_and_placeholders_and_grows() -> None:
    source = '詳しくは<a href="%(url)s">お問い合わせ</a>ください。100%%です。'
    pseudo = pseudo_text(source)
    assert pseudo.startswith("[") and pseudo.endswith("]")
    assert [t.key for t in tags(pseudo)] == [t.key for t in tags(source)]
    assert placeholders(pseudo) == placeholders(source) and "%%" in pseudo
    assert not JAPANESE.search(pseudo)
    markup = re.compile(r"<[^>]+>|%\(\w+\)s")
    assert width(markup.sub("", pseudo)) >= 1.4 * width(markup.sub("", source))


def test_pseudo_pages_are_built_into_the_reports_only(mini: Path) -> None:
    result = run_cli(mini, "build", "--pseudo")
    assert result.code == 0, result.err
    for folder, (tag, direction) in PSEUDO.items():
        page = mini / "_reports/pseudo" / folder / "terms/index.html"
        tree = parse(page)
        assert tree.getroot().get("lang") == tag and tree.getroot().get("dir") == direction
        assert not tree.xpath("//link[@rel='alternate'][@hreflang]")
        assert tree.xpath("//meta[@name='robots']/@content") == ["noindex"]
        assert japanese_outside_lang_ja(tree) == []
        assert not (mini / "_site" / folder).exists()
    sitemap = (mini / "_site/sitemap.xml").read_text(encoding="utf-8").lower()
    assert "en-xa" not in sitemap and "ar-xb" not in sitemap


def test_pseudo_pages_keep_the_markup_of_a_translated_page(mini: Path) -> None:
    run_cli(mini, "build", "--pseudo")
    english = parse(mini / "_site/en/terms/index.html").find(".//main")
    pseudo = parse(mini / "_reports/pseudo/en-xa/terms/index.html").find(".//main")
    assert [(e.tag, e.get("id"), e.get("href")) for e in pseudo.iter(etree.Element)] == [
        (e.tag, e.get("id"), e.get("href")) for e in english.iter(etree.Element)]


def test_text_that_bypasses_the_catalogs_is_reported(mini: Path) -> None:
    template = mini / "templates/page.html.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("</section>", "<p>ここは翻訳されない</p>\n</section>", 1), encoding="utf-8")
    result = run_cli(mini, "build", "--pseudo")
    assert result.code == 0, result.err
    assert "_reports/pseudo/en-xa/terms/index.html:" in result.err and "[site-kana]" in result.err
    assert japanese_outside_lang_ja(parse(mini / "_reports/pseudo/en-xa/terms/index.html")) == ["ここは翻訳されない"]
