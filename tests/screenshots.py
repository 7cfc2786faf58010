"""Screenshots of every built policy page for reviewers: desktop, mobile and print, as PNG.

Usage: python tests/screenshots.py SITE_DIR OUT_DIR [DOCS_DIR]
  (nox -s screenshots: _site -> _reports/screenshots, and the first screen of each language,
  desktop and mobile, -> docs/screenshot-<lang>-<view>.png for the README)
"""

from __future__ import annotations

import sys
from pathlib import Path

from browser import launch_chromium, missing_browser_tools, serve

VIEWS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 390, "height": 844}}
PRINT_WIDTH = {"width": 794, "height": 1123}  # A4 at 96 CSS px per inch


def policy_pages(site: Path) -> list[str]:
    """Every published language page of the site, as paths relative to the site root."""
    return sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.glob("*/*/index.html"))


def take(site: Path, out: Path) -> list[Path]:
    """Full-page PNGs of each page at each width, and as printed."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(site) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for path in policy_pages(site):
            name = path.strip("/").replace("/", "-")
            for view, size in [*VIEWS.items(), ("print", PRINT_WIDTH)]:
                page = browser.new_page(viewport=size)
                if view == "print":
                    page.emulate_media(media="print")
                page.goto(url + path)
                target = out / f"{name}-{view}.png"
                page.screenshot(path=str(target), full_page=True)
                page.close()
                written.append(target)
        browser.close()
    return written


def first_screens(site: Path, docs: Path) -> list[Path]:
    """One desktop and one mobile PNG per language: what a reader sees before scrolling."""
    from playwright.sync_api import sync_playwright

    written = []
    with serve(site) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for path in policy_pages(site):
            lang = path.strip("/").split("/")[0]
            for view, size in VIEWS.items():
                page = browser.new_page(viewport=size)
                page.goto(url + path)
                target = docs / f"screenshot-{lang}-{view}.png"
                page.screenshot(path=str(target))
                page.close()
                written.append(target)
        browser.close()
    return written


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    missing = missing_browser_tools()
    if missing:
        print("screenshots: not installed: " + ", ".join(missing), file=sys.stderr)
        return 1
    written = take(Path(argv[0]), Path(argv[1]))
    if len(argv) == 3:
        written += first_screens(Path(argv[0]), Path(argv[2]))
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
