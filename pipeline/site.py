"""The site-wide files for search engines: sitemap.xml with hreflang alternates, robots.txt."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from .config import Config


def sitemap_xml(config: Config, clusters: Sequence[Sequence[dict[str, str]]], dates: Mapping[str, str] | None = None) -> str:
    """One <url> per page and language, each listing the page's whole hreflang set; lastmod is
    the page's version date where dates has one (a site with releases), else last_revised."""
    default = config.last_revised.isoformat()
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for cluster in clusters:
        links = [
            f'<xhtml:link rel="alternate" hreflang="{escape(link["hreflang"])}" href="{escape(link["href"])}"/>'
            for link in cluster
        ]
        for member in cluster:
            if member["hreflang"] == "x-default":
                continue
            lastmod = (dates or {}).get(member["href"], default)
            lines.append(f"<url><loc>{escape(member['href'], quote=False)}</loc><lastmod>{lastmod}</lastmod>")
            lines.extend(f"  {link}" for link in links)
            lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(config: Config) -> str:
    """Allow everything and name the sitemap by its absolute URL."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {config.base_url}sitemap.xml\n"
