"""build --review: one side-by-side page per locale, every message with its state and line."""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
from lxml import etree

from pipeline.catalog.pofile import read_catalog
from pipeline.reports.review import fuzzy_diff

from conftest import run_cli


def rows(page: Path) -> list[etree._Element]:
    tree = html5lib.parse(page.read_bytes(), treebuilder="lxml", namespaceHTMLElements=False)
    return list(tree.xpath("//tbody/tr[not(@class='group')]"))


def make_fuzzy_with_previous(mini: Path) -> Path:
    path = mini / "locales/en/LC_MESSAGES/messages.po"
    text = path.read_text(encoding="utf-8")
    text = text.replace('msgid "適用範囲"\nmsgstr "Scope"', '#, fuzzy\n#| msgid "範囲"\nmsgid "適用範囲"\nmsgstr "Scope & range"')
    path.write_text(text, encoding="utf-8")
    return path


def test_every_locale_has_a_review_page_with_every_message(mini: Path) -> None:
    assert run_cli(mini, "build", "--review").code == 0
    pot = read_catalog(mini / "locales/messages.pot", "messages.pot")
    for folder in ("en", "ko"):
        found = rows(mini / "_reports/review" / f"{folder}.html")
        assert len(found) == len(pot.current) > 20
        for row in found:
            assert row.get("data-state") in {"current", "fuzzy", "untranslated", "exempted"}
            assert re.search(rf"locales/{folder}/LC_MESSAGES/messages\.po:\d+", "".join(row.itertext()))
            source, translation = row.xpath("./td[@lang]")
            assert source.get("lang") == "ja" and translation.get("lang") == folder
    assert not (mini / "_site/review").exists()


def test_rows_follow_the_page_not_the_file(mini: Path) -> None:
    run_cli(mini, "build", "--review")
    first, second = rows(mini / "_reports/review/en.html")[:2]
    # The <title> comes first on the page: its pattern, then the page's name.
    assert first.xpath("./td[@lang='ja']")[0].text == "%(page)s | %(site)s"
    assert second.xpath("./td[@lang='ja']")[0].text == "利用規約"


def test_fuzzy_entries_show_the_previous_msgid_a_diff_and_escaped_text(mini: Path) -> None:
    make_fuzzy_with_previous(mini)
    assert run_cli(mini, "build", "--review").code == 0
    page = (mini / "_reports/review/en-fuzzy.html").read_text(encoding="utf-8")
    fuzzy = rows(mini / "_reports/review/en-fuzzy.html")
    assert [r.get("data-state") for r in fuzzy] == ["fuzzy"]
    assert "<del>範囲</del><ins>適用範囲</ins>" in page  # a run of one script is one word
    assert "Scope &amp; range" in page  # the translation is text, escaped


def test_the_findings_filter_lists_only_entries_with_findings(mini: Path) -> None:
    make_fuzzy_with_previous(mini)
    run_cli(mini, "build", "--review")
    found = rows(mini / "_reports/review/en-findings.html")
    assert found and all(r.get("data-findings") != "0" for r in found)
    assert any("[completeness]" in "".join(r.itertext()) for r in found)


def test_the_diff_escapes_the_source() -> None:
    assert str(fuzzy_diff("<a>古い", "<a>新しい")) == "&lt;a&gt;<del>古い</del><ins>新しい</ins>"


def parse_page(path: Path) -> etree._Element:
    return html5lib.parse(path.read_bytes(), treebuilder="lxml", namespaceHTMLElements=False)


def test_review_groups_by_section_and_links_status_review_page_and_catalog(real_site: Path) -> None:
    """Issue 15: language names, rows grouped under the page's sections, each group linking to that
    section of the published page, each row to its catalog; status links to every review and page."""
    assert run_cli(real_site, "build", "--review").code == 0
    reports = real_site / "_reports"
    review = parse_page(reports / "review/ko.html")
    assert review.xpath("string(//title)") == "Review: 한국어 — Korean"
    groups = review.xpath("//tr[@class='group']//a/@href")
    assert groups[:3] == ["../../_site/ko/sitepolicy/#privacy", "../../_site/ko/sitepolicy/#technology",
                          "../../_site/ko/sitepolicy/#security"]
    page = parse_page(real_site / "_site/ko/sitepolicy/index.html")
    assert all(page.xpath(f"//*[@id='{href.split('#')[1]}']") for href in groups)
    catalog_links = {a.get("href") for a in review.xpath("//tbody/tr[not(@class='group')]//a[code]")}
    assert catalog_links == {"../../locales/ko/LC_MESSAGES/messages.po"}
    assert (reports / "review" / next(iter(catalog_links))).resolve() == (real_site / "locales/ko/LC_MESSAGES/messages.po")
    # Neutral rows, the state as a badge.
    assert not review.xpath("//tr[contains(@class, 'state-')]") and review.xpath("//span[@class='badge badge-current']")
    status = parse_page(reports / "status.html")
    links = status.xpath("//table//a/@href")
    for folder in ("en", "zh-hans", "zh-hant", "ko"):
        assert f"review/{folder}.html" in links and f"../_site/{folder}/sitepolicy/index.html" in links
    assert (reports / "../_site/ko/sitepolicy/index.html").resolve().is_file()
    assert "한국어 — Korean" in status.xpath("string(//table)")


def test_the_characters_a_finding_points_at_are_highlighted(mini: Path) -> None:
    """Issue 15: the reviewer sees which character is wrong, not only the message about it."""
    path = mini / "locales/ko/LC_MESSAGES/messages.po"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('msgstr "이 번역은 참고용이며,', 'msgstr "이 번역은 「참고용」이며,', 1), encoding="utf-8")
    assert run_cli(mini, "build", "--review").code == 0
    page = parse_page(mini / "_reports/review/ko.html")
    row = next(r for r in rows(mini / "_reports/review/ko.html") if "참고용" in "".join(r.itertext()))
    assert row.xpath(".//td[@lang='ko']/mark/text()") == ["「"]  # the character the finding names
    assert "quote-style" in "".join(row.itertext())
    assert len(page.xpath("//mark")) == 1  # nothing else is marked
