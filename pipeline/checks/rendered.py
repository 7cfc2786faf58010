"""Checks of the rendered pages (`check --site DIR`): what a reader of each language would see.

They catch what no catalog check can: Japanese fallback text left unmarked, a script mix-up
introduced by a template, a placeholder the renderer did not fill, a section left empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..config import Config
from ..diagnostics import Diagnostic, Location, error, warning
from ..locales import LocaleInfo
from ..markup import VOID_ELEMENTS
from .scripts import KANA, script_only

_HIDDEN = frozenset({"script", "style", "template"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LEFTOVER = re.compile(r"%\(\w+\)[sd]|%[sd]\b|\{\{|\}\}|\{%|%\}")
_FOREIGN = {"zh-Hant": "Simplified", "zh-Hans": "Traditional"}


@dataclass
class _Section:
    line: int
    ident: str
    text: list[str] = field(default_factory=list)


class _PageReader(HTMLParser):
    """Walks one page, tracking the language of every text node and the text of every section."""

    def __init__(self, page_lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.langs: list[str] = [page_lang]
        self.tags: list[str] = []
        self.texts: list[tuple[int, int, str, str]] = []  # line, column, lang, text
        self.attributes: list[tuple[int, int, str]] = []
        self.sections: list[_Section] = []
        self.empty: list[_Section] = []
        self.heading_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        line, column = self.getpos()
        self.attributes.extend((line, column + 1, v) for v in values.values() if v)
        if tag == "html" and values.get("lang"):
            self.langs[0] = values["lang"] or self.langs[0]
        if tag in VOID_ELEMENTS:
            return
        self.tags.append(tag)
        self.langs.append(values.get("lang") or self.langs[-1])
        self.heading_depth += tag in _HEADINGS
        if tag == "section":
            self.sections.append(_Section(line, values.get("id") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.tags:
            return
        while self.tags:
            closed = self.tags.pop()
            self.langs.pop()
            self.heading_depth -= closed in _HEADINGS
            if closed == "section" and self.sections:
                self._close_section(self.sections.pop())
            if closed == tag:
                break

    def _close_section(self, section: _Section) -> None:
        if not "".join(section.text).strip():
            self.empty.append(section)

    def handle_data(self, data: str) -> None:
        if self.tags and self.tags[-1] in _HIDDEN:
            return
        line, column = self.getpos()
        self.texts.append((line, column + 1, self.langs[-1], data))
        if not self.heading_depth:
            for section in self.sections:
                section.text.append(data)


def check_site(config: Config, site: Path) -> list[Diagnostic]:
    """Every configured page of every language in a built site folder."""
    found: list[Diagnostic] = []
    for locale in config.all_locales:
        for page in config.pages:
            path = site / locale.folder / page.slug / "index.html"
            display = config.relative(path)
            if not path.is_file():
                found.append(error(Location(display), "site-page-missing", f"page {locale.folder}/{page.slug}/ is missing from the site: build it first"))
                continue
            found.extend(check_page(path.read_text(encoding="utf-8"), display, locale, locale == config.source))
    return found


def check_page(html: str, display: str, locale: LocaleInfo, is_source: bool) -> Iterator[Diagnostic]:
    """The rendered-page checks of one page."""
    reader = _PageReader(locale.tag)
    reader.feed(html)
    reader.close()
    for line, column, lang, text in reader.texts:
        yield from _text_findings(display, line, column, lang, text, locale, is_source)
    for line, column, value in reader.attributes:
        if _LEFTOVER.search(value):
            yield error(Location(display, line, column), "site-placeholder", f"unfilled placeholder {_LEFTOVER.search(value).group()!r} in an attribute")  # type: ignore[union-attr]
    for section in reader.empty:
        yield error(Location(display, section.line), "site-empty-section", f"section {section.ident or '(no id)'} has no text: a message rendered empty?")


def _text_findings(display: str, line: int, column: int, lang: str, text: str, locale: LocaleInfo, is_source: bool) -> Iterator[Diagnostic]:
    leftover = _LEFTOVER.search(text)
    if leftover is not None:
        yield error(_at(display, line, column, text, leftover.start()), "site-placeholder", f"unfilled placeholder {leftover.group()!r} in the page text")
    is_japanese = lang.lower().split("-")[0] == "ja"
    kana = None if is_source or is_japanese else KANA.search(text)
    if kana is not None:
        yield warning(_at(display, line, column, text, kana.start()), "site-kana", f"Japanese kana {kana.group()!r} outside an element marked lang=\"ja\"")
    script = _FOREIGN.get(locale.tag)
    if script is not None and lang.lower() == locale.tag.lower():
        characters = script_only(script)
        offset = next((i for i, char in enumerate(text) if char in characters), None)
        if offset is not None:
            yield warning(_at(display, line, column, text, offset), "site-script-variant", f"{script}-only character {text[offset]!r} on the {locale.tag} page")


def _at(display: str, line: int, column: int, text: str, offset: int) -> Location:
    """The position of text[offset], given where the text node starts."""
    before = text[:offset]
    newlines = before.count("\n")
    if newlines:
        return Location(display, line + newlines, offset - before.rfind("\n"))
    return Location(display, line, column + offset)
