"""End to end on the shipped site: the output contract, languages, search-engine links, text."""

from __future__ import annotations

import copy
import itertools
import re
import unicodedata
from pathlib import Path

import html5lib
import pytest
from lxml import etree

from conftest import DATA, REPO, copy_project, run_cli, snapshot

TAGS = {"ja": "ja", "en": "en", "zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "ko": "ko"}
AUTONYMS = {"ja": "日本語", "en": "English", "zh-Hans": "简体中文", "zh-Hant": "繁體中文", "ko": "한국어"}
BASE = "https://www.tokyo-platform.metro.tokyo.lg.jp/"
KANA = re.compile(r"[\u3040-\u30ff]")


def parse(path: Path) -> etree._Element:
    return html5lib.parse(path.read_bytes(), treebuilder="lxml", namespaceHTMLElements=False)


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, etree._Element]:
    return {folder: parse(built_site / folder / "sitepolicy/index.html") for folder in TAGS}


def text_of(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def remove_keeping_tail(element: etree._Element) -> None:
    """Remove an element but not the text that follows it (lxml's remove() drops both)."""
    parent, tail = element.getparent(), element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def policy_blocks(main: etree._Element) -> list[str]:
    """The text of every block of the policy itself (furniture removed), in order."""
    main = copy.deepcopy(main)
    for furniture in main.xpath(".//*[@data-furniture]"):
        remove_keeping_tail(furniture)
    blocks = main.xpath(".//h1|.//h2|.//h3|.//h4|.//p|.//li[not(.//p|.//h4|.//ul|.//dl)]|.//dt|.//dd")
    return [text_of(b) for b in blocks if text_of(b)]


def test_output_layout(built_site: Path) -> None:
    files = set(snapshot(built_site))
    assert {f"{folder}/sitepolicy/index.html" for folder in TAGS} <= files
    assert {"index.html", "404.html", "sitemap.xml", "robots.txt", "assets/site.css", "assets/switcher.js"} <= files
    assert not any(name.endswith((".po", ".mo", ".json")) for name in files)


def test_charset_and_language_declarations(built_site: Path, pages: dict[str, etree._Element]) -> None:
    for folder, tree in pages.items():
        raw = (built_site / folder / "sitepolicy/index.html").read_bytes()
        assert raw.startswith(b"<!DOCTYPE html>") and raw.index(b'<meta charset="utf-8">') < 1024
        assert tree.xpath("/html/head/*[1]/@charset") == ["utf-8"]
        assert unicodedata.is_normalized("NFC", raw.decode("utf-8"))
        assert tree.xpath("/html/@lang") == [TAGS[folder]] and tree.xpath("/html/@dir") == ["ltr"]
        assert not tree.xpath("//meta[@http-equiv]")


def test_hreflang_cluster_is_complete_reciprocal_and_self_canonical(pages: dict[str, etree._Element]) -> None:
    expected = {(tag, f"{BASE}{folder}/sitepolicy/") for folder, tag in TAGS.items()} | {("x-default", f"{BASE}ja/sitepolicy/")}
    for folder, tree in pages.items():
        links = {(link.get("hreflang"), link.get("href")) for link in tree.xpath("//head/link[@rel='alternate']")}
        assert links == expected
        assert tree.xpath("//head/link[@rel='canonical']/@href") == [f"{BASE}{folder}/sitepolicy/"]


def test_sitemap_matches_head_links_and_visible_date(built_site: Path, pages: dict[str, etree._Element]) -> None:
    sitemap = etree.parse(str(built_site / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = [u for u in sitemap.xpath("//s:url", namespaces=ns) if u.xpath("s:loc/text()", namespaces=ns)[0].endswith("/sitepolicy/")]
    assert len(urls) == 5
    for url in urls:
        loc = url.xpath("s:loc/text()", namespaces=ns)[0]
        folder = loc.removeprefix(BASE).split("/")[0]
        head = {(link.get("hreflang"), link.get("href")) for link in pages[folder].xpath("//head/link[@rel='alternate']")}
        assert {(x.get("hreflang"), x.get("href")) for x in url.xpath("x:link", namespaces=ns)} == head
        revised = pages[folder].xpath("//dl[@data-furniture='dates']/div[1]//time/@datetime")  # the version date
        assert url.xpath("s:lastmod/text()", namespaces=ns) == revised
        assert not url.xpath("s:changefreq|s:priority", namespaces=ns)
    assert (built_site / "robots.txt").read_text() .endswith(f"Sitemap: {BASE}sitemap.xml\n")


def test_switcher_links_every_language_with_autonyms(built_site: Path, pages: dict[str, etree._Element]) -> None:
    for folder, tree in pages.items():
        links = tree.xpath("//nav[@class='language-switcher']//a")
        assert [a.text for a in links] == list(AUTONYMS.values())
        assert all(a.get("lang") == a.get("hreflang") and a.get("translate") == "no" for a in links)
        assert [a.get("lang") for a in links if a.get("aria-current") == "page"] == [TAGS[folder]]
        for a in links:
            target = (built_site / folder / "sitepolicy" / a.get("href") / "index.html").resolve()
            assert target.is_file() and parse(target).xpath("/html/@lang") == [a.get("hreflang")]
        assert tree.xpath("(//body//a)[1]/@class") == ["skip-link"]
        assert tree.xpath("(//body//a)[1]/@href") == ["#main"] and tree.xpath("//main/@id") == ["main"]


def test_section_ids_are_ascii_and_identical_everywhere(pages: dict[str, etree._Element]) -> None:
    ids = {folder: tree.xpath("//main//@id") for folder, tree in pages.items()}
    assert len(ids["ja"]) > 30 and all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids["ja"])
    assert all(found == ids["ja"] for found in ids.values())
    assert {"privacy", "cookies", "terms", "security", "inquiries"} <= set(ids["ja"])


def test_table_of_contents_matches_headings(pages: dict[str, etree._Element]) -> None:
    for tree in pages.values():
        toc = [(a.get("href")[1:], text_of(a)) for a in tree.xpath("//nav[@data-furniture='toc']//a")]
        headings = [(h.getparent().get("id"), text_of(h)) for h in tree.xpath("//main//section/h2|//main//section/h3")]
        assert toc == headings


def test_authoritative_notice_on_translations_only(pages: dict[str, etree._Element]) -> None:
    for folder, tree in pages.items():
        notices = tree.xpath("//main/*[@data-notice='authoritative']")
        if folder == "ja":
            assert notices == []
            continue
        assert len(notices) == 1
        main = tree.xpath("//main")[0]
        assert main.index(notices[0]) < main.index(main.xpath("section[1]")[0])
        # One banner: the Japanese-prevails statement leads it, the other notices join it as paragraphs.
        assert tree.xpath("count(//*[@data-notice])") == 1 + len(notices[0].xpath(".//*[@data-notice]"))
        link = notices[0].xpath("p[1]/a")[0]
        assert (link.get("href"), link.get("hreflang"), link.get("lang"), link.text) == ("../../ja/sitepolicy/", "ja", "ja", "日本語")


def test_no_japanese_outside_lang_ja_on_translated_pages(pages: dict[str, etree._Element]) -> None:
    for folder, tree in pages.items():
        if folder == "ja":
            continue
        for node in tree.xpath("//text()[normalize-space()]"):
            parent = node.getparent()
            if KANA.search(node) and parent.tag not in ("script", "style"):
                langs = [a.get("lang") for a in parent.iterancestors() if a.get("lang")] + [parent.get("lang")]
                nearest = parent.get("lang") or next(a.get("lang") for a in parent.iterancestors() if a.get("lang"))
                assert nearest.startswith("ja"), (folder, str(node), langs)
        assert not KANA.search(text_of(tree.xpath("//title")[0]))


def seed_tokens() -> list[str]:
    """The seed's words without its flattened list markers ('- item', a lone '-', 'text -')."""
    text = (DATA / "sitepolicy-en.txt").read_text(encoding="utf-8")
    return [t for t in re.sub(r"(?:(?<=^)|(?<=\s)|(?<=\.))-(?=\s|$)", " ", text, flags=re.M).split() if t]


def test_english_page_is_the_seed_word_for_word(pages: dict[str, etree._Element]) -> None:
    main = pages["en"].xpath("//main")[0]
    words = " ".join(policy_blocks(main)).split()
    assert words == seed_tokens()


STOPWORDS = {"the", "and", "of", "to", "is", "in", "for", "with", "this", "we", "our", "your", "by", "on", "that"}


def test_japanese_page_is_entirely_japanese(pages: dict[str, etree._Element]) -> None:
    main = pages["ja"].xpath("//main")[0]
    assert not main.xpath(".//*[@data-fallback]")
    for block in policy_blocks(main):
        words = {w.lower().strip(".,()") for w in re.findall(r"[A-Za-z.,()]+", block)}
        assert not words & STOPWORDS, block


def test_dates_are_localised_in_time_elements(pages: dict[str, etree._Element]) -> None:
    shown = {folder: tree.xpath("//dl[@data-furniture='dates']//time")[0] for folder, tree in pages.items()}
    assert {t.get("datetime") for t in shown.values()} == {"2026-11-25"}
    assert (shown["ja"].text, shown["en"].text, shown["ko"].text) == ("2026年11月25日", "November 25, 2026", "2026년 11월 25일")


def test_root_chooser_and_404_offer_every_language_without_redirects(built_site: Path) -> None:
    chooser = parse(built_site / "index.html")
    assert {a.get("href") for a in chooser.xpath("//a")} == {f"{folder}/sitepolicy/" for folder in TAGS}
    not_found = parse(built_site / "404.html")
    assert [s.get("lang") for s in not_found.xpath("//main/section")] == list(TAGS.values())
    assert {a.get("href") for a in not_found.xpath("//main//a")} == {f"{BASE}{f}/sitepolicy/" for f in TAGS}
    for name in ("index.html", "404.html", "ja/sitepolicy/index.html"):
        raw = (built_site / name).read_text(encoding="utf-8")
        assert 'http-equiv="refresh"' not in raw and "navigator.language" not in raw


def test_two_builds_are_byte_identical_and_need_no_git(built_site: Path, tmp_path: Path) -> None:
    root = copy_project(REPO, tmp_path / "again")
    assert not (root / ".git").exists()
    assert run_cli(root, "build").code == 0
    assert snapshot(root / "_site") == snapshot(built_site)
    assert run_cli(root, "build", "--out", str(tmp_path / "other")).code == 0
    assert snapshot(tmp_path / "other") == snapshot(built_site)


def test_title_is_page_then_site_and_names_the_h1(pages: dict[str, etree._Element]) -> None:
    """R26: "<page> | <site>", unique per language, its first part the h1."""
    titles = {}
    for folder, tree in pages.items():
        title = text_of(tree.xpath("//title")[0])
        assert title == f"{text_of(tree.xpath('//h1')[0])} | Smart Tokyo DATA CONNECT PROJECT"
        titles[folder] = title
    assert len(set(titles.values())) == len(titles)


def test_heading_outline_is_identical_and_skips_no_level(pages: dict[str, etree._Element]) -> None:
    """R27: one h1; no skipped levels; the same outline (levels and section ids) everywhere."""
    outlines = {}
    for folder, tree in pages.items():
        outline = [(int(h.tag[1]), h.getparent().get("id")) for h in tree.xpath("//main//*[self::h1 or self::h2 or self::h3 or self::h4]")]
        assert [level for level, _ in outline].count(1) == 1
        assert all(b <= a + 1 for (a, _), (b, _) in itertools.pairwise(outline))
        outlines[folder] = outline
    assert all(outline == outlines["ja"] for outline in outlines.values())


def test_revision_history_is_in_every_language_with_the_dates(pages: dict[str, etree._Element]) -> None:
    """R41, R42: a history of dated entries, equal across languages, its last date the revision date."""
    for tree in pages.values():
        entries = tree.xpath("//main/section[@id='history']/ol/li")
        assert [e.xpath("time/@datetime") for e in entries] == [["2026-11-25"]]
        assert all(text_of(e) != text_of(e.xpath("time")[0]) for e in entries)
        assert tree.xpath("//main//section[@id='history']/h2") and tree.xpath("//nav[@data-furniture='toc']//a[@href='#history']")


def test_clause_numbers_are_text_not_css_counters() -> None:
    """R42: no generated clause numbers; the numbers are in the headings themselves."""
    css = (REPO / "templates/assets/site.css").read_text(encoding="utf-8")
    assert "counter-increment" not in css and "counter-reset" not in css
    # The only generated numbers are the printed page numbers (@page margin boxes).
    assert set(re.findall(r"counter\((\w+)\)", css)) == {"page", "pages"}


def test_contact_block_is_in_the_same_place_on_every_page(pages: dict[str, etree._Element]) -> None:
    """R43: [data-contact] at the same DOM path everywhere, linking to the inquiry form."""
    paths = set()
    for tree in pages.values():
        blocks = tree.xpath("//*[@data-contact]")
        assert len(blocks) == 1
        paths.add(tree.getpath(blocks[0]))
        assert blocks[0].xpath(".//a/@href") == ["https://www.tokyo-platform.metro.tokyo.lg.jp/contact/"]
    # Once per page: the closing "Inquiries" section, no second copy in the footer.
    assert paths == {"/html/body/main/section[7]"}


HL = {"ja": "ja", "en": "en", "zh-hans": "zh-CN", "zh-hant": "zh-TW", "ko": "ko"}


def test_links_go_to_the_readers_language_version(pages: dict[str, etree._Element]) -> None:
    """Google's pages carry the reader's hl=, Adobe's and the browsers' help pages are the localised ones;
    Firefox's link is its cookie-settings article (it pointed at tracking protection)."""
    for folder, tree in pages.items():
        hrefs = tree.xpath("//main//a/@href")
        google = [h for h in hrefs if re.match(r"https://(policies|tools|support)\.google\.com/", h)]
        assert len(google) == 7 and all(h.endswith(f"hl={HL[folder]}") for h in google), google
        assert sum("get.adobe.com/" in h for h in hrefs) == 1
        assert ("https://get.adobe.com/jp/reader/" in hrefs) == (folder == "ja")
        firefox = [h for h in hrefs if "support.mozilla.org" in h]
        assert firefox and all("cookies" in h and "tracking" not in h for h in firefox)
        # Apple's and Microsoft's help pages sit under a language folder (ko-kr, zh-tw ...).
        assert all(re.match(r"https://support\.(apple|microsoft)\.com/[a-z]{2}-[a-z]{2}/", h)
                   for h in hrefs if "support.apple.com" in h or "support.microsoft.com" in h)


def test_links_to_japanese_only_pages_are_marked_on_translations(pages: dict[str, etree._Element]) -> None:
    """R33: hreflang="ja" and a visible note in the page's language, right after the link and with
    no ASCII space before a full-width bracket; never on the Japanese page."""
    japanese_only = "https://marketingplatform.google.com/about/analytics/terms/jp/"
    notes = {"zh-hans": "（日语）", "zh-hant": "（日文）", "ko": " (일본어)"}
    assert not pages["ja"].xpath("//*[@data-furniture='language-note']")
    assert not pages["en"].xpath("//*[@data-furniture='language-note']")  # Google's English terms exist
    for folder, note in notes.items():
        links = [a for a in pages[folder].xpath("//main//a") if a.get("href") == japanese_only]
        assert len(links) == 1
        after = links[0].getnext()
        assert links[0].get("hreflang") == "ja"
        assert after.get("data-furniture") == "language-note" and "".join(after.itertext()) == note
        assert after.get("lang") == TAGS[folder]
        for link in pages[folder].xpath("//a[starts-with(@href, '../../ja/')]"):
            assert link.get("hreflang") == "ja"


PHYSICAL = re.compile(r"\b(?:margin|padding|border)-(?:left|right)\b|\b(?:float|text-align|clear)\s*:\s*(?:left|right)\b|[;{\s](?:left|right)\s*:")


def test_stylesheet_uses_logical_properties_only() -> None:
    """R07: no left/right in margins, paddings, borders, floats, text-align or offsets."""
    css = re.sub(r"/\*.*?\*/", "", (REPO / "templates/assets/site.css").read_text(encoding="utf-8"), flags=re.DOTALL)
    assert PHYSICAL.findall(css) == []


CJK = r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u3000-\u303f\uff00-\uffef]"


def test_translations_add_no_spaces_beside_cjk_or_nbsp() -> None:
    """R37: the engine spaces mixed scripts (text-autospace); catalogs add no manual spacing."""
    import polib

    for locale in ("zh_Hans", "zh_Hant"):
        catalog = polib.pofile(str(REPO / "locales" / locale / "LC_MESSAGES/messages.po"))
        for entry in catalog.translated_entries():
            assert "&nbsp;" not in entry.msgstr and "\u00a0" not in entry.msgstr
            assert not re.search(rf"{CJK} (?:{CJK}|[A-Za-z0-9])|[A-Za-z0-9] {CJK}", entry.msgstr), entry.msgstr


def test_parallel_rendering_equals_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Locales rendered in forked processes give the same site, byte for byte."""
    import pipeline.build

    monkeypatch.setattr(pipeline.build, "PARALLEL_MIN_WORK", 0)
    parallel = copy_project(REPO, tmp_path / "parallel")
    assert run_cli(parallel, "build").code == 0
    monkeypatch.setattr(pipeline.build, "PARALLEL_MIN_WORK", 10**12)
    serial = copy_project(REPO, tmp_path / "serial")
    assert run_cli(serial, "build").code == 0
    assert snapshot(parallel / "_site") == snapshot(serial / "_site")


def test_not_found_page_is_styled_when_opened_from_disk(built_site: Path) -> None:
    """The 404 page links its stylesheet relatively too (a copy opened from disk), and absolutely
    (a 404 served for a missing address at any depth)."""
    sheets = parse(built_site / "404.html").xpath("//link[@rel='stylesheet']/@href")
    assert sheets == ["assets/site.css", "https://www.tokyo-platform.metro.tokyo.lg.jp/assets/site.css"]
    assert (built_site / sheets[0]).is_file()


def test_site_shell_names_the_site_and_its_operator_in_each_language(pages: dict[str, etree._Element]) -> None:
    operators = {"ja": "東京都", "en": "Tokyo Metropolitan Government", "zh-hans": "东京都政府",
                 "zh-hant": "東京都政府", "ko": "도쿄도"}
    for folder, tree in pages.items():
        assert text_of(tree.xpath("//header//*[@class='site-name']")[0]) == "Smart Tokyo DATA CONNECT PROJECT"
        assert text_of(tree.xpath("//header//*[@class='site-operator']")[0]) == operators[folder]
        assert text_of(tree.xpath("//footer//*[@class='copyright']")[0]) == f"© 2026 {operators[folder]}"
        assert tree.xpath("//footer//a[@href='#top']") and tree.xpath("//body[@id='top']")
