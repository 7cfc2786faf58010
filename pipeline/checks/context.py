"""What a check sees besides the message: the catalog, its locale, the locale's rules, the glossary."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..catalog.model import Catalog, Message
from ..config import LocaleSettings, language_defaults
from ..diagnostics import Diagnostic, Location, Severity, error, warning
from ..glossary import Glossary
from ..locales import LocaleInfo
from .plurals import parse_rule
from .positions import field_line, string_position
from .registry import ALL_GRANTS, CHECKS, severity_of

# Languages whose typography the checks know without a project telling them (a catalog from
# elsewhere in another language gets no punctuation, quotation or spacing findings).
HOUSE_STYLE_LANGUAGES = frozenset({"en", "ko", "zh"})
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def japanese_msgids(catalog: Catalog) -> bool:
    """Most msgids are written in Japanese (kana or kanji): the rules tuned for a Japanese
    source (sentence ends, length, pasted source) can judge this catalog."""
    sources = [m.msgid for m in catalog.current if m.msgid.strip()]
    return bool(sources) and 2 * sum(1 for text in sources if _JAPANESE.search(text)) >= len(sources)


def default_settings(locale: LocaleInfo) -> LocaleSettings:
    """The language's own defaults, for a catalog checked without a project config."""
    return language_defaults(locale.identifier)


@dataclass(frozen=True)
class CheckContext:
    """The catalog under check, its locale and rules, and the file's lines for exact positions."""

    catalog: Catalog
    locale: LocaleInfo
    settings: LocaleSettings = field(default_factory=LocaleSettings)
    glossary: Glossary = field(default_factory=Glossary)
    lines: tuple[str, ...] = ()
    # What the checks may judge here (registry.JA, HOUSE, PROJECT): all of it for the project's
    # own catalogs; for a catalog from elsewhere, only what its msgids and locale allow.
    grants: frozenset[str] = ALL_GRANTS

    def judges(self, check_id: str) -> bool:
        """Whether this catalog gives the check what it needs to say anything."""
        info = CHECKS.get(check_id)
        return info is None or info.needs <= self.grants

    @property
    def language(self) -> str:
        """The language subtag: en, zh, ko (rules that differ by language, not by script)."""
        return self.locale.identifier.split("_")[0]

    @functools.cached_property  # read once per catalog, not once per entry
    def plural_rule(self) -> tuple[int, str]:
        """(nplurals, expression): the catalog's own Plural-Forms when gettext can use it (that is
        what picks the forms at run time), else CLDR's rule for the locale."""
        value = self.catalog.header_field("Plural-Forms")
        return (parse_rule(value) if value else None) or (self.locale.nplurals, self.locale.plural_expr)

    def at(self, line: int | None) -> Location:
        """A location in this catalog."""
        return Location(self.catalog.path, line)

    def error(self, message: Message, check_id: str, text: str) -> Diagnostic:
        """An error on the msgstr line of a message, where the translator edits."""
        return error(self.at(message.msgstr_line or message.line or None), check_id, text)

    def warning(self, message: Message, check_id: str, text: str) -> Diagnostic:
        """A warning on the msgstr line of a message."""
        return warning(self.at(message.msgstr_line or message.line or None), check_id, text)

    def report(
        self, message: Message, check_id: str, text: str, *, index: int = 0,
        offset: int | None = None, length: int = 1, severity: Severity | None = None,
    ) -> Diagnostic:
        """A finding about msgstr (or msgstr[index]); with an offset, at that character's line and column."""
        plural = message.msgid_plural is not None
        location = self._location(message, index, offset, plural)
        return Diagnostic(
            location, severity or severity_of(check_id), check_id, text,
            language=self.locale.identifier, msgctxt=message.msgctxt, msgid=message.msgid,
            plural_index=index if plural else None, msgstr=message.translations[index] if message.translations else None,
            length=length if location.column is not None else None,
        )

    def report_header(self, check_id: str, text: str, field_name: str | None = None, *, severity: Severity | None = None) -> Diagnostic:
        """A finding about the header, at the line of the named field when the file has it."""
        header = self.catalog.header
        offset = _field_offset(header.msgstr, field_name) if field_name else None
        location = self._location(header, 0, offset, False)
        return Diagnostic(location, severity or severity_of(check_id), check_id, text, language=self.locale.identifier,
                          msgctxt=None, msgid="", msgstr=None)

    def _location(self, message: Message, index: int, offset: int | None, plural: bool) -> Location:
        line = message.msgstr_line or message.line or None
        keyword = f"msgstr[{index}]" if plural else "msgstr"
        if not self.lines or line is None:
            return Location(self.catalog.path, line)
        if offset is None:
            return Location(self.catalog.path, field_line(self.lines, line, keyword) or line)
        found = string_position(self.lines, line, keyword, offset)
        return Location(self.catalog.path, *found) if found else Location(self.catalog.path, line)


def _field_offset(header: str, name: str | None) -> int | None:
    for position, line in _header_lines(header):
        if name is not None and line.partition(":")[0].strip().lower() == name.lower():
            return position
    return None


def _header_lines(header: str) -> list[tuple[int, str]]:
    found, position = [], 0
    for line in header.split("\n"):
        found.append((position, line))
        position += len(line) + 1
    return found
