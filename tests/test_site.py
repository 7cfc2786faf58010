"""sitemap.xml and robots.txt from the same alternates as the pages' heads."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from pipeline.build import alternates
from pipeline.config import load_config
from pipeline.site.sitemap import robots_txt, sitemap_xml


def test_sitemap_lists_each_page_with_every_alternate(mini: Path) -> None:
    config = load_config(mini)
    document = etree.fromstring(sitemap_xml(config, [alternates(config, config.pages[0], {"ja", "en", "ko"})]).encode())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    assert document.xpath("//s:loc/text()", namespaces=ns) == [
        "https://example.org/policy/ja/terms/", "https://example.org/policy/en/terms/", "https://example.org/policy/ko/terms/"]
    for url in document.xpath("//s:url", namespaces=ns):
        assert [x.get("hreflang") for x in url.xpath("x:link", namespaces=ns)] == ["ja", "en", "ko", "x-default"]
        assert url.xpath("s:lastmod/text()", namespaces=ns) == ["2026-10-01"]


def test_robots_names_the_sitemap(mini: Path) -> None:
    assert robots_txt(load_config(mini)).splitlines()[-1] == "Sitemap: https://example.org/policy/sitemap.xml"
