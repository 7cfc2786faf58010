"""The built pages in a real browser and the standard validators (WEB.md R01-R43).

Chromium (Debian's, through Playwright), axe-core and the Nu HTML Checker judge every page in
every language. Without those tools the tests skip, unless POLICY_PIPELINE_REQUIRE_BROWSER=1
(set by .ci/run) makes a missing tool a failure.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import html5lib
import pytest

from browser import (
    AXE_JS,
    VNU_JAR,
    browser_required,
    launch_chromium,
    missing_browser_tools,
    missing_vnu_tools,
    serve,
)
from conftest import REPO, copy_project, per_message_fallback, run_cli

LANGS = ["ja", "en", "zh-hans", "zh-hant", "ko"]
CJK_FONTS = {"ja": "Noto Sans CJK JP", "zh-hans": "Noto Sans CJK SC", "zh-hant": "Noto Sans CJK TC", "ko": "Noto Sans CJK KR"}
BASE = "https://www.tokyo-platform.metro.tokyo.lg.jp/"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ZH_HANS = "locales/zh_Hans/LC_MESSAGES/messages.po"
FUZZY_MSGID = "本ウェブサイトは、個人情報を適正に取得するものとし"


def unavailable(missing: list[str]) -> None:
    """Skip (or, in CI, fail) when a tool the test needs is not installed."""
    if missing:
        reason = "not installed: " + ", ".join(missing)
        if browser_required():
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium for the whole test session."""
    unavailable(missing_browser_tools())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def fallback_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped site with one zh_Hans entry fuzzy: that paragraph is shown in Japanese."""
    root = copy_project(REPO, tmp_path_factory.mktemp("fallback") / "site")
    catalog = root / ZH_HANS
    per_message_fallback(root)  # the shipped site has a release: opt in to per-message fallback
    lines = catalog.read_text(encoding="utf-8").splitlines()
    msgid = next(i for i, line in enumerate(lines) if line.startswith("msgid") and FUZZY_MSGID in "".join(lines[i:i + 2]))
    lines.insert(msgid, "#, fuzzy")
    catalog.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli(root, "build")
    assert result.code == 0, result.err
    return root / "_site"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The shipped site served from 127.0.0.1."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def fallback_url(fallback_site: Path) -> Iterator[str]:
    with serve(fallback_site) as url:
        yield url


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    """A fresh desktop-sized page (own context: no shared history, cookies or media emulation)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


# -- Validators -------------------------------------------------------------------------------


def test_nu_html_checker_finds_no_errors_and_catches_a_broken_page(
    built_site: Path, fallback_site: Path, tmp_path: Path
) -> None:
    """R01, R02, R24: zero vnu errors on every page; a page with lang="jp" and a duplicate id fails."""
    unavailable(missing_vnu_tools())
    broken = tmp_path / "broken" / "index.html"
    broken.parent.mkdir()
    html = (built_site / "ja/sitepolicy/index.html").read_text(encoding="utf-8")
    broken.write_text(html.replace('<html lang="ja"', '<html lang="jp"').replace('id="privacy-scope"', 'id="privacy"'), encoding="utf-8")
    run = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--also-check-css", "--skip-non-html",
         str(built_site), str(fallback_site), str(broken.parent)],
        capture_output=True, text=True, check=False,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors = [m for m in messages if m["type"] == "error" or m.get("subType") == "fatal"]
    in_site = [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in errors if "/broken/" not in m.get("url", "")]
    assert in_site == []
    caught = " ".join(m["message"] for m in errors if "/broken/" in m.get("url", ""))
    assert "lang" in caught and "Duplicate ID" in caught
    assert run.returncode != 0


AXE_PAGES = [*(f"{lang}/sitepolicy/" for lang in LANGS), "index.html", "404.html",
             "ko/sitepolicy/versions/", "en/sitepolicy/versions/2026-11-25/"]  # the archive (issue 13)


def axe_violations(page: Any, url: str, tags: list[str]) -> dict[str, Any]:
    page.goto(url)
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", tags
    )
    return result


def describe(violations: list[dict[str, Any]]) -> list[str]:
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in violations]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_wcag_22_aa_violations(page: Any, site_url: str, path: str, scheme: str) -> None:
    """R24, R25: axe-core, WCAG 2.0/2.1/2.2 A and AA plus best practices, on every page, in both colour schemes."""
    page.emulate_media(color_scheme=scheme)
    result = axe_violations(page, site_url + path, [*WCAG_TAGS, "best-practice"])
    assert describe(result["violations"]) == []
    assert {"html-has-lang", "document-title", "color-contrast"} <= {rule["id"] for rule in result["passes"]}


def test_axe_finds_no_violations_on_a_page_with_japanese_fallbacks(page: Any, fallback_url: str) -> None:
    """R04, R05: the marked fallback passage and its note pass too."""
    result = axe_violations(page, fallback_url + "zh-hans/sitepolicy/", [*WCAG_TAGS, "best-practice"])
    assert page.locator("[data-fallback][lang=ja]").count() == 1
    assert describe(result["violations"]) == []


def test_every_alternate_url_answers_200_with_matching_language(site_url: str, built_site: Path) -> None:
    """R17: every hreflang target exists on an HTTP server, declares that language, is self-canonical."""
    for lang in LANGS:
        tree = html5lib.parse((built_site / lang / "sitepolicy/index.html").read_bytes(), treebuilder="lxml",
                              namespaceHTMLElements=False)
        for link in tree.xpath("//head/link[@rel='alternate']"):
            local = link.get("href").replace(BASE, site_url)
            with urllib.request.urlopen(urllib.request.Request(local, method="HEAD")) as response:
                assert response.status == 200
            with urllib.request.urlopen(local) as response:
                target = html5lib.parse(response.read(), treebuilder="lxml", namespaceHTMLElements=False)
            if link.get("hreflang") != "x-default":
                assert target.xpath("/html/@lang") == [link.get("hreflang")]
            assert target.xpath("//link[@rel='canonical']/@href") == [link.get("href")]
            assert not target.xpath("//meta[@name='robots']")


# -- Language switcher, skip link, fragments ---------------------------------------------------


def test_switcher_keeps_the_page_and_the_section(page: Any, site_url: str) -> None:
    """R11: from /en/…#cookies, 한국어 leads to /ko/…#cookies with the section in view."""
    page.goto(site_url + "en/sitepolicy/#cookies")
    page.locator(".language-switcher a[hreflang='ko']").click()
    page.wait_for_url(re.compile(r"/ko/sitepolicy/#cookies$"))
    assert page.evaluate("document.documentElement.lang") == "ko"
    top = page.evaluate("document.getElementById('cookies').getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"]


def test_switcher_works_without_javascript(chromium: Any, site_url: str) -> None:
    """R09, R11: plain links: with JavaScript off the link still reaches the same page."""
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "en/sitepolicy/#cookies")
    page.locator(".language-switcher a[hreflang='zh-Hant']").click()
    page.wait_for_url(re.compile(r"/zh-hant/sitepolicy/$"))
    assert page.evaluate("document.documentElement.lang") == "zh-Hant"
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_skip_link_is_the_first_focus_and_lands_on_main(page: Any, site_url: str, lang: str) -> None:
    """R28: one Tab focuses the visible skip link; Enter moves focus to main."""
    page.goto(site_url + f"{lang}/sitepolicy/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box["width"] > 10 and box["height"] > 10
    assert box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#main$"))
    assert page.evaluate("document.activeElement.id") == "main"


FRAGMENTS_AND_FOCUS = """async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(() => resolve()));
  const covers = [...document.querySelectorAll('body *')]
    .filter(e => ['fixed', 'sticky'].includes(getComputedStyle(e).position));
  const coveredTo = () => Math.max(0, ...covers.map(e => e.getBoundingClientRect().bottom));
  const hidden = [];
  for (const target of document.querySelectorAll('main [id]')) {
    location.hash = '#' + target.id;
    await frame();
    const top = target.getBoundingClientRect().top;
    if (top < coveredTo() - 1 || top >= innerHeight) hidden.push(`#${target.id} at ${top}`);
  }
  for (const element of document.querySelectorAll('a[href], [tabindex]:not([tabindex="-1"])')) {
    element.focus();
    await frame();
    if (document.activeElement !== element) continue;  // not rendered (a folded table of contents): not reachable
    const box = element.getClientRects()[0];
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (!(hit === element || element.contains(hit))) hidden.push(`focus ${element.outerHTML.slice(0, 80)}`);
  }
  return {hidden, targets: document.querySelectorAll('main [id]').length};
}"""


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("lang", LANGS)
def test_fragment_targets_and_focus_are_not_hidden(chromium: Any, site_url: str, lang: str, width: int) -> None:
    """R30: each #section lands below any sticky header; every focused link is on top."""
    context = chromium.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_url + f"{lang}/sitepolicy/")
    result = page.evaluate(FRAGMENTS_AND_FOCUS)
    context.close()
    assert result["targets"] > 30
    assert result["hidden"] == []


# -- Reflow, text spacing, zoom ----------------------------------------------------------------

TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }"""
OVERRIDES = {"plain": "", "text-spacing": TEXT_SPACING, "text-200%": "html { font-size: 200% !important; }"}
# Chromium keeps text-autospace's 1/8 em gap after the last CJK character of a line when the
# Latin word it separates wraps to the next line: that blank may hang, nothing else.
OVERFLOW = """() => {
  const hang = e => parseFloat(getComputedStyle(e).fontSize) / 8 + 1;
  const clipped = [...document.querySelectorAll('body *')]
    .filter(e => getComputedStyle(e).display !== 'inline' && e.scrollWidth > e.clientWidth + hang(e))
    .filter(e => !e.classList.contains('skip-link') && !e.classList.contains('visually-hidden'))  // clipped on purpose
    .map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`);
  return {width: document.documentElement.scrollWidth, clipped};
}"""


@pytest.mark.parametrize("override", list(OVERRIDES))
@pytest.mark.parametrize("lang", LANGS)
def test_no_horizontal_scroll_at_320_css_px(chromium: Any, site_url: str, lang: str, override: str) -> None:
    """R31, R35: 320 CSS px wide, also with the WCAG 1.4.12 spacing and with 200% text."""
    context = chromium.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(site_url + f"{lang}/sitepolicy/")
    if OVERRIDES[override]:
        page.add_style_tag(content=OVERRIDES[override])
    result = page.evaluate(OVERFLOW)
    context.close()
    assert result["width"] <= 320
    assert result["clipped"] == []


# -- Fonts and typography ----------------------------------------------------------------------


def platform_fonts(page: Any, selector: str) -> dict[str, int]:
    """The fonts Chromium really used for the text of one element, with their glyph counts."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, selector
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"]: font["glyphCount"] for font in fonts}


def main_face(fonts: dict[str, int]) -> str:
    return max(fonts, key=lambda family: fonts[family])


@pytest.mark.parametrize("lang", list(CJK_FONTS))
def test_each_language_is_rendered_in_its_own_cjk_face(page: Any, site_url: str, lang: str) -> None:
    """R34: Noto Sans CJK JP / SC / TC / KR for the policy text of ja / zh-Hans / zh-Hant / ko."""
    page.goto(site_url + f"{lang}/sitepolicy/")
    assert main_face(platform_fonts(page, "#privacy-definition p")) == CJK_FONTS[lang]
    assert main_face(platform_fonts(page, "#terms-prohibited li")) == CJK_FONTS[lang]


def test_japanese_inside_a_chinese_page_gets_japanese_glyphs(page: Any, fallback_url: str) -> None:
    """R04, R34: a lang=ja fallback and the 日本語 link on a zh-Hans page use the Japanese face."""
    page.goto(fallback_url + "zh-hans/sitepolicy/")
    assert main_face(platform_fonts(page, "[data-fallback][lang=ja]")) == "Noto Sans CJK JP"
    assert main_face(platform_fonts(page, "[data-notice=authoritative] a[lang=ja]")) == "Noto Sans CJK JP"
    assert main_face(platform_fonts(page, "#privacy-definition p")) == "Noto Sans CJK SC"


TYPOGRAPHY = """() => {
  const p = document.querySelector('#privacy-definition p');
  const style = getComputedStyle(p);
  const em = p.appendChild(document.createElement('em'));
  em.textContent = 'x';
  const size = parseFloat(style.fontSize);
  return {
    lineBreak: style.lineBreak, wordBreak: style.wordBreak, overflowWrap: style.overflowWrap,
    lineHeight: parseFloat(style.lineHeight) / size, measure: p.getBoundingClientRect().width / size,
    emStyle: getComputedStyle(em).fontStyle, trim: style.textSpacingTrim, autospace: style.textAutospace,
    textAlign: style.textAlign,
  };
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_line_breaking_line_height_and_measure(page: Any, site_url: str, lang: str) -> None:
    """R35-R38: per-language breaking, line height, line length, spacing and no fake italics."""
    page.goto(site_url + f"{lang}/sitepolicy/")
    style = page.evaluate(TYPOGRAPHY)
    assert style["overflowWrap"] == "anywhere" and style["textAlign"] == "start"
    assert style["trim"] in ("normal", None) and style["autospace"] in ("normal", None)
    if lang == "en":
        assert style["lineHeight"] >= 1.5 and style["emStyle"] == "italic"
        return
    assert 1.5 <= style["lineHeight"] <= 2.0 and style["emStyle"] == "normal"
    if lang == "ko":
        assert style["wordBreak"] == "keep-all"
    else:
        assert (style["lineBreak"], style["wordBreak"]) == ("strict", "normal")
        assert style["measure"] <= 42


def test_switcher_and_toc_targets_are_large_enough_with_a_visible_focus_ring(page: Any, site_url: str) -> None:
    """R32: at least 24x24 CSS px; keyboard focus draws an outline."""
    page.goto(site_url + "ja/sitepolicy/")
    boxes = page.eval_on_selector_all(
        ".language-switcher a, nav.toc a", "links => links.map(a => [a.offsetWidth, a.offsetHeight])"
    )
    assert len(boxes) > 30 and all(width >= 24 and height >= 24 for width, height in boxes)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    ring = page.evaluate("(s => [s.outlineStyle, parseFloat(s.outlineWidth)])(getComputedStyle(document.activeElement))")
    assert ring[0] == "solid" and ring[1] >= 2


# -- Print -------------------------------------------------------------------------------------

PRINTED = """() => {
  const shown = s => [...document.querySelectorAll(s)].map(e => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0);
  return {
    hidden: ['.skip-link', '.site-header', '.language-switcher', 'nav.toc'].flatMap(shown),
    kept: ['h1', '[data-notice=authoritative]', 'dl.dates', '.canonical-url', '[data-contact]'].map(s => shown(s)),
  };
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_print_hides_navigation_and_keeps_notice_dates_and_url(page: Any, site_url: str, lang: str) -> None:
    """R39, R40: print media hides the navigation, keeps the identity of the legal text."""
    page.goto(site_url + f"{lang}/sitepolicy/")
    page.emulate_media(media="print")
    result = page.evaluate(PRINTED)
    assert not any(result["hidden"])
    title, notice, dates, url, contact = result["kept"]
    assert title == [True] and dates == [True] and url == [True] and contact == [True]
    assert notice == ([] if lang == "ja" else [True])


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("lang", LANGS)
def test_printed_pdf_contains_notice_dates_version_and_url(page: Any, site_url: str, lang: str, tmp_path: Path) -> None:
    """R39: the PDF Chromium prints carries the notice, the dates, the version and the canonical URL."""
    unavailable([] if shutil.which("pdftotext") else ["pdftotext (apt-get install poppler-utils)"])
    page.goto(site_url + f"{lang}/sitepolicy/")
    expected = page.evaluate("""() => ({
      notice: document.querySelector('[data-notice=authoritative]')?.textContent ?? '',
      dates: [...document.querySelectorAll('dl.dates time, dl.dates code')].map(e => e.textContent),
      url: document.querySelector('link[rel=canonical]').href,
    })""")
    pdf = tmp_path / f"{lang}.pdf"
    pdf.write_bytes(page.pdf(format="A4"))
    text = squeeze(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    assert squeeze(expected["notice"]) in text
    assert all(squeeze(shown) in text for shown in expected["dates"]) and len(expected["dates"]) >= 1  # the version date (no effective date is stated)
    assert expected["url"] == f"{BASE}{lang}/sitepolicy/" and expected["url"] in text
    if lang != "ko":
        assert "한국어" not in text  # the switcher is not printed


@pytest.fixture(scope="session")
def pseudo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shipped site's pseudo-locale previews (40% longer accented text, and right to left)."""
    root = copy_project(REPO, tmp_path_factory.mktemp("pseudo") / "site")
    result = run_cli(root, "build", "--pseudo")
    assert result.code == 0, result.err
    with serve(root / "_reports/pseudo") as url:
        yield url


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("pseudo", ["en-xa", "ar-xb"])
def test_pseudo_locales_do_not_overflow(chromium: Any, pseudo_url: str, pseudo: str, width: int) -> None:
    """Issue 8: longer text and right-to-left layout still fit, at mobile and desktop width."""
    context = chromium.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(pseudo_url + f"{pseudo}/sitepolicy/")
    result = page.evaluate(OVERFLOW)
    direction = page.evaluate("document.documentElement.dir")
    context.close()
    assert result["width"] <= width
    assert result["clipped"] == []
    assert direction == ("rtl" if pseudo == "ar-xb" else "ltr")


# -- Page design (issue 15) ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_table_of_contents_folds_on_small_screens_and_sits_beside_the_text_on_wide_ones(
    chromium: Any, site_url: str, lang: str
) -> None:
    """Phone: the contents are a closed <details> that opens on a tap. Desktop: an open side list left of the text."""
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.goto(site_url + f"{lang}/sitepolicy/")
    assert phone.evaluate("document.querySelector('nav.toc details').open") is False
    assert not phone.locator("nav.toc a[href='#cookies']").is_visible()
    phone.locator("nav.toc summary").click()
    assert phone.locator("nav.toc a[href='#cookies']").is_visible()
    context.close()
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    desk = context.new_page()
    desk.goto(site_url + f"{lang}/sitepolicy/")
    toc, h1 = desk.locator("nav.toc").bounding_box(), desk.locator("h1").bounding_box()
    assert desk.locator("nav.toc a[href='#cookies']").is_visible()
    assert toc["x"] + toc["width"] <= h1["x"] and toc["y"] <= h1["y"] + h1["height"]
    context.close()


def test_table_of_contents_is_open_without_javascript(chromium: Any, site_url: str) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "ko/sitepolicy/")
    assert page.locator("nav.toc a[href='#cookies']").is_visible()
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_one_notice_banner_per_page(page: Any, site_url: str, lang: str) -> None:
    """One banner (Japanese prevails; outdated / awaiting translation join it), none on the Japanese page."""
    page.goto(site_url + f"{lang}/sitepolicy/")
    banners = page.locator("main .banner")
    assert banners.count() == (0 if lang == "ja" else 1)
    assert page.locator("main [data-notice]:not(.banner [data-notice])").count() == banners.count()


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_dark_mode_follows_the_system_setting(chromium: Any, site_url: str, lang: str) -> None:
    colours = {}
    for scheme in ("light", "dark"):
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        page.goto(site_url + f"{lang}/sitepolicy/")
        colours[scheme] = page.evaluate("""() => [getComputedStyle(document.documentElement).backgroundColor,
          getComputedStyle(document.querySelector('main p')).color]""")
        context.close()
    assert colours["light"] == ["rgb(255, 255, 255)", "rgb(26, 26, 28)"]
    assert colours["dark"][0] == "rgb(21, 23, 26)" and colours["dark"][1] == "rgb(232, 234, 237)"


def test_printed_pdf_has_page_numbers_print_date_and_each_url_once(page: Any, site_url: str, tmp_path: Path) -> None:
    """Print: "1 / N" at the foot of each page, the day it was printed, a link whose text is its URL not doubled."""
    unavailable([] if shutil.which("pdftotext") else ["pdftotext (apt-get install poppler-utils)"])
    page.goto(site_url + "en/sitepolicy/")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    printed = page.evaluate("document.querySelector('.print-date-value').textContent")
    pdf = tmp_path / "en.pdf"
    pdf.write_bytes(page.pdf(format="A4"))
    pages = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) > 2
    assert all(re.search(rf"\b{i}\s*/\s*{len(pages)}\b", text) for i, text in enumerate(pages, 1))
    whole = squeeze("".join(pages))
    assert printed and squeeze("Printed on " + printed) in whole
    assert whole.count("https://www.tokyo-platform.metro.tokyo.lg.jp/)") == 1  # the site link in the first paragraph


@pytest.fixture(scope="session")
def reports_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The review and status pages of the shipped site with one fuzzy zh_Hans entry."""
    root = copy_project(REPO, tmp_path_factory.mktemp("reports") / "site")
    catalog = root / ZH_HANS
    lines = catalog.read_text(encoding="utf-8").splitlines()
    msgid = next(i for i, line in enumerate(lines) if line.startswith("msgid") and FUZZY_MSGID in "".join(lines[i:i + 2]))
    lines.insert(msgid, "#, fuzzy")
    catalog.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli(root, "build", "--review")
    assert result.code == 0, result.err
    with serve(root / "_reports") as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["status.html", "review/zh-hans.html", "review/index.html"])
def test_review_and_status_pages_pass_axe_and_fit_390_px(chromium: Any, reports_url: str, path: str, scheme: str) -> None:
    """The reviewer's pages: axe-clean in both colour schemes, no horizontal scroll on a phone."""
    context = chromium.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    result = axe_violations(page, reports_url + path, [*WCAG_TAGS, "best-practice"])
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert describe(result["violations"]) == []
    assert width <= 390
