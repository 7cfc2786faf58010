"""Pseudo-localization: a made-up locale generated from the Japanese source, for previews.

Every character of text becomes accented Latin, the text grows by about 40% and is bracketed,
so truncation, overflow and hard-coded text (any Japanese left on a pseudo page did not go
through gettext) show at a glance. Markup, entities and placeholders are kept as they are.
A right-to-left variant tests mirrored layouts. Built into the reports folder only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from ..catalog.model import Catalog
from ..diagnostics import Diagnostic
from ..locales import LocaleInfo, locale_info

if TYPE_CHECKING:
    from ..config import Config
    from ..site.renderer import SiteRenderer

GROWTH = 0.4
# Tags, entities and placeholders pass through untouched; only the text between them changes.
_KEEP = re.compile(r"<[^>]*>|&#?\w+;|%\(\w+\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%%|\{\w*\}")
_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
_CONSONANTS = "ƀçđƒĝĥĵķļɱñþŕšţṽŵẋž"
_VOWELS = "åéîöûý"
_PUNCTUATION = str.maketrans({"。": ". ", "、": ", ", "・": "·", "「": "“", "」": "”", "『": "‘", "』": "’",
                              "（": "(", "）": ")", "：": ":", "；": ";", "！": "!", "？": "?", "　": " ",
                              "〜": "~", "ー": "-"})
_FILLER = "ļöŕéɱ îþšûɱ đöļöŕ šîţ åɱéţ "


def pseudo_locales() -> tuple[LocaleInfo, LocaleInfo]:
    """The accented (en-XA) and right-to-left (ar-XB) pseudo-locales, Android's names for them."""
    english, arabic = locale_info("en"), locale_info("ar")
    assert english is not None and arabic is not None  # both are in every CLDR
    return (replace(english, tag="en-XA", folder="en-xa", configured_autonym="[Ƥšéûđö]"),
            replace(arabic, tag="ar-XB", folder="ar-xb", configured_autonym="[ɃîÐî]"))


def pseudo_text(text: str) -> str:
    """One message in the pseudo-locale: same markup and placeholders, longer, bracketed."""
    pieces = list(_pieces(text))
    visible = sum(len(p) for p, kept in pieces if not kept)
    if not visible:
        return text
    body = "".join(p if kept else _transliterate(p) for p, kept in pieces)
    return f"[{body} {_padding(visible)}]" if visible >= 4 else f"[{body}]"


def _pieces(text: str) -> Iterator[tuple[str, bool]]:
    """(piece, kept) in order: text pieces to transform and markup or placeholders to keep."""
    position = 0
    for match in _KEEP.finditer(text):
        if match.start() > position:
            yield text[position:match.start()], False
        yield match.group(), True
        position = match.end()
    if position < len(text):
        yield text[position:], False


def _transliterate(text: str) -> str:
    """Latin letters get accents; each Japanese character becomes a two-letter syllable (about
    the width it took), with a space every few so the text wraps as a Western language does."""
    out: list[str] = []
    run = 0
    for char in text.translate(_PUNCTUATION):
        if ord(char) < 0x2E80:
            if char in ".,;:!?)”’" and out and out[-1] == " ":
                out.pop()  # the space our syllables added, not one of the source
            out.append(char.translate(_ACCENTED))
            run = 0 if not char.isalnum() else run
            continue
        code = ord(char)
        out.append(_CONSONANTS[code % len(_CONSONANTS)] + _VOWELS[code // len(_CONSONANTS) % len(_VOWELS)])
        run += 1
        if run % 3 == 0:
            out.append(" ")
    return "".join(out).rstrip(" ") if not text.endswith((" ", "　")) else "".join(out)


def _padding(visible: int) -> str:
    """About 40% more text, so layouts are tried with translations longer than the source."""
    length = max(1, round(visible * 2 * GROWTH))  # a Japanese character is about two letters wide
    return (_FILLER * (length // len(_FILLER) + 1))[:length].strip()


def pseudo_catalog(template: Catalog, locale: LocaleInfo) -> Catalog:
    """A catalog translating every source message into the pseudo-locale."""
    messages = tuple(
        replace(m, msgstr=pseudo_text(m.msgid),
                msgstr_plural=tuple(pseudo_text(m.msgid if i == 0 else m.msgid_plural or m.msgid)
                                    for i in range(locale.nplurals)) if m.msgid_plural is not None else ())
        for m in template.current
    )
    return Catalog(template.header, messages, f"pseudo:{locale.tag}")


def pseudo_files(config: Config, renderer: SiteRenderer, site: Mapping[str, bytes]) -> dict[str, bytes]:
    """pseudo/: a copy of the site (so links and assets work) with the pseudo pages added.

    The pages are rendered held back: no hreflang, noindex, canonical to the source."""
    files = {f"pseudo/{name}": data for name, data in site.items()}
    for locale in pseudo_locales():
        catalog = pseudo_catalog(renderer.template, locale)
        for page in config.pages:
            rendered = renderer.render_page(locale, page, {config.source.identifier}, True, catalog)
            files[f"pseudo/{locale.folder}/{page.slug}/index.html"] = rendered.html.encode("utf-8")
    return files


def bypassing_text(config: Config, pages: Mapping[str, bytes], folder: str) -> list[Diagnostic]:
    """Japanese on a pseudo page outside lang="ja": text that does not go through the catalogs."""
    from ..checks.rendered import check_page  # the page checks load html parsing: only here
    found: list[Diagnostic] = []
    for locale in pseudo_locales():
        for page in config.pages:
            name = f"pseudo/{locale.folder}/{page.slug}/index.html"
            if name in pages:
                found += [d for d in check_page(pages[name].decode("utf-8"), f"{folder}/{name}", locale, False)
                          if d.check_id == "site-kana"]
    return found
