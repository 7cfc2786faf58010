"""Locale identifiers, BCP 47 tags, folder names, autonyms and plural rules, from CLDR via Babel."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.messages.plurals import get_plural

# A CLDR identifier as the config and the catalog folders spell it: ko, zh_Hans, pt_BR.
IDENTIFIER = re.compile(r"^[a-z]{2,3}(?:_[A-Z][a-z]{3})?(?:_(?:[A-Z]{2}|[0-9]{3}))?$")


@dataclass(frozen=True)
class LocaleInfo:
    """What the pipeline needs to know about one locale."""

    identifier: str
    tag: str
    folder: str
    nplurals: int
    plural_expr: str
    configured_autonym: str | None = None

    @property
    def autonym(self) -> str:
        """The locale's name for itself: configured, or CLDR's (loaded only when asked for)."""
        return self.configured_autonym or _cldr(self.identifier)[0]

    @property
    def direction(self) -> str:
        """Text direction from CLDR: 'ltr' or 'rtl'."""
        return _cldr(self.identifier)[1]

    @property
    def plural_forms(self) -> str:
        """The Plural-Forms header value that CLDR gives for this locale."""
        return f"nplurals={self.nplurals}; plural={self.plural_expr};"

    def with_autonym(self, autonym: str) -> LocaleInfo:
        """The same locale with the configured name of itself."""
        return replace(self, configured_autonym=autonym)


def canonical_identifier(spelling: str) -> str:
    """The CLDR identifier a user meant: zh-Hans, zh_hans and ZH-HANS all mean zh_Hans.

    People copy the page's BCP 47 lang (zh-Hans) as often as the catalog folder (zh_Hans)."""
    parts = spelling.strip().replace("-", "_").split("_")
    fixed = [parts[0].lower()]
    for part in parts[1:]:
        fixed.append(part.title() if len(part) == 4 and part.isalpha() else part.upper())
    return "_".join(fixed)


@cache
def with_script(identifier: str) -> str:
    """The language and script a locale implies, CLDR's likely subtags: zh_TW -> zh_Hant,
    zh_CN -> zh_Hans (typography follows the script, not the region)."""
    language = identifier.split("_")[0]
    likely = get_global("likely_subtags")
    parts = str(likely.get(identifier) or likely.get(language) or identifier).split("_")
    return f"{language}_{parts[1]}" if len(parts) > 1 and len(parts[1]) == 4 else identifier


def locale_info(spelling: str) -> LocaleInfo | None:
    """LocaleInfo for a locale named in either spelling, or None when it is not a known locale."""
    return _locale_info(canonical_identifier(spelling))


@cache
def _locale_info(identifier: str) -> LocaleInfo | None:
    if not IDENTIFIER.match(identifier):
        return None
    try:
        Locale.parse(identifier)
    except (UnknownLocaleError, ValueError):
        return None
    plural = get_plural(identifier)
    tag = identifier.replace("_", "-")
    return LocaleInfo(identifier=identifier, tag=tag, folder=tag.lower(),
                      nplurals=plural.num_plurals, plural_expr=plural.plural_expr)


@cache
def _cldr(identifier: str) -> tuple[str, str]:
    """(autonym, direction): reading them loads the locale's CLDR data, which takes time."""
    locale = Locale.parse(identifier)
    return locale.get_display_name(locale) or identifier, locale.text_direction


def language_name(identifier: str, autonym: str | None = None) -> str:
    """"한국어 — Korean": the autonym a reader recognises, then the English name for the rest of the team."""
    info = locale_info(identifier)
    if info is None:
        return identifier
    english = Locale.parse(identifier).get_display_name("en") or identifier
    shown = autonym or info.autonym  # the project's spelling (简体中文) over CLDR's (中文 (简体))
    return shown if shown == english else f"{shown} — {english}"
