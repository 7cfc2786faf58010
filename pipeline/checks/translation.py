"""Checks of a translation as text: completeness, pasted source, edges, length, numbers, controls."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator

from ..catalog.model import Message
from ..diagnostics import Diagnostic, Severity
from ..markup import strip_tags
from .context import CheckContext
from .plurals import same_rule
from .scripts import HAN, KANA, masked

_C0 = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Characters a reader cannot see that hide text or reorder it on screen (bidi embeddings,
# overrides and isolates, the marks, zero-width characters, invisible operators, the BOM).
_INVISIBLE = re.compile("[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Right-to-left text needs the bidi marks and isolates to show Latin names and numbers in order
# (Unicode's own advice), and Arabic-script spelling needs the joiner controls; overrides and
# embeddings stay errors there too.
_RTL_TOOLS = frozenset("\u200c\u200d\u200e\u200f\u061c\u2066\u2067\u2068\u2069")
_EDGE_SPACES = re.compile(r"^ *| *$")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_KANJI_DIGITS = {char: str(value) for value, char in enumerate("〇一二三四五六七八九十", 0)}
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
# A month name counts as a number only next to a figure ("May 5", "5 May"): "may" is also a verb.
_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b(?=\.?\s+\d)|(?<=\d\s)(" + "|".join(_MONTHS) + r")\b", re.IGNORECASE)
# Characters of translation per character of Japanese: (lowest, highest), generous on purpose;
# measured on the shipped catalogs (en 1.6-3.5, zh 0.6-1.2, ko 0.8-1.6) and widened.
LENGTH_BOUNDS = {"en": (0.8, 7.0), "zh": (0.35, 2.0), "ko": (0.45, 2.8)}
_MIN_LENGTH = 12


def completeness(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """Untranslated, fuzzy or partly translated entries are published as the source text."""
    if message.fuzzy:
        yield context.report(message, "completeness", "fuzzy translation: review it and remove the fuzzy flag; until then the source text is published")
    elif not any(message.translations):
        yield context.report(message, "completeness", "untranslated: the source text is published in its place")
    elif not message.translated:
        empty = [str(i) for i, text in enumerate(message.translations) if not text]
        yield context.report(message, "completeness", f"plural forms msgstr[{'], msgstr['.join(empty)}] are empty: the source text is published in their place")


def plural_count(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """A plural entry has one msgstr per plural form of the locale."""
    if message.msgid_plural is None:
        return
    nplurals = context.plural_rule[0]
    if len(message.msgstr_plural) != nplurals:
        yield context.report(message, "plural-forms", f"{len(message.msgstr_plural)} plural forms, but {_whose_rule(context)} has {nplurals}")


def _whose_rule(context: CheckContext) -> str:
    cldr = (context.locale.nplurals, context.locale.plural_expr)
    return context.locale.identifier if same_rule(context.plural_rule, cldr) else "the catalog's Plural-Forms"


def same_as_source(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """Pasted Japanese: E in en and ko; in Chinese only with kana, since Han-only text may be identical."""
    source = _bare(message.msgid)
    chinese = context.language == "zh"
    for index, text in message.written_forms():
        if _bare(text) != source or not (KANA.search(source) or (not chinese and HAN.search(source))):
            continue
        yield context.report(message, "same-as-source", "the translation is the Japanese source: translate it",
                             index=index, severity=Severity.WARNING if chinese else Severity.ERROR)


@functools.lru_cache(maxsize=1 << 16)  # pure; every locale asks about the same msgid
def _bare(text: str) -> str:
    return strip_tags(masked(text)).replace("\ue000", "").strip()


def newline_edges(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """A leading or trailing newline of the msgid is kept, and none is added (msgfmt -c rule)."""
    for index, text in message.written_forms():
        for edge, has in (("leading", str.startswith), ("trailing", str.endswith)):
            if has(message.msgid, "\n") != has(text, "\n"):
                state = "has" if has(message.msgid, "\n") else "has no"
                yield context.report(message, "newline-edges", f"the msgid {state} a {edge} \\n, the translation must match", index=index)


def newline_count(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """A different number of inner line breaks can mean a dropped line."""
    wanted = message.msgid.strip("\n").count("\n")
    for index, text in message.written_forms():
        found = text.strip("\n").count("\n")
        if found != wanted:
            yield context.report(message, "newline-count", f"{found} line breaks inside the translation, the msgid has {wanted}", index=index)


def whitespace_edges(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """Leading and trailing spaces matter around inline fragments; a U+3000 indent does not."""
    wanted = _edge_spaces(message.msgid.lstrip("\u3000"))
    for index, text in message.written_forms():
        if _edge_spaces(text) != wanted:
            yield context.report(message, "whitespace-edges", "leading or trailing spaces differ from the msgid", index=index)


def _edge_spaces(text: str) -> tuple[int, int]:
    return len(text) - len(text.lstrip(" ")), len(text) - len(text.rstrip(" "))


def length_ratio(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """A translation far shorter or longer than the source: a dropped or duplicated clause."""
    bounds = LENGTH_BOUNDS.get(context.language)
    source = len(_bare(message.msgid))
    if bounds is None or source < _MIN_LENGTH:
        return
    for index, text in message.written_forms():
        ratio = len(_bare(text)) / source
        if not bounds[0] <= ratio <= bounds[1]:
            yield context.report(message, "length-ratio", f"the translation is {ratio:.1f} times as long as the msgid (expected {bounds[0]}-{bounds[1]} for {context.language}): a dropped or repeated clause?", index=index)


def control_chars(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """C0 controls corrupt the text; invisible characters (bidi controls, zero-width) can hide or
    reorder what the legal text says: both are errors, unless the msgid has the same ones."""
    source = Counter(_INVISIBLE.findall(message.msgid))
    for index, text in message.written_forms():
        if (found := _C0.search(text)) is not None:
            yield context.report(message, "control-chars", f"invisible character U+{ord(found.group()):04X} in the translation: remove it",
                                 index=index, offset=found.start(), severity=Severity.ERROR)
        yield from _invisible(message, context, index, text, source)


def _invisible(message: Message, context: CheckContext, index: int, text: str, source: Counter[str]) -> Iterator[Diagnostic]:
    """One finding per invisible character the msgid does not have as often, at its first column."""
    first: dict[str, int] = {}
    counts: Counter[str] = Counter()
    for found in _INVISIBLE.finditer(text):
        first.setdefault(found.group(), found.start())
        counts[found.group()] += 1
    for char, offset in first.items():
        if char in _RTL_TOOLS and context.locale.direction == "rtl":
            continue
        if counts[char] > source[char]:
            times = f" ({counts[char]} times)" if counts[char] > 1 else ""
            name = unicodedata.name(char, "invisible character")
            yield context.report(message, "control-chars",
                                 f"invisible U+{ord(char):04X} {name}{times} in the translation, not in the msgid: it can hide or "
                                 "reorder what a reader sees; remove it", index=index, offset=offset, severity=Severity.ERROR)


def numbers(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """The figures of the msgid, and no others: written as digits in either, or as month names."""
    wanted = _figures(message.msgid)
    spelled = Counter(_KANJI_DIGITS[c] for c in message.msgid if c in _KANJI_DIGITS)
    for index, text in message.written_forms():
        found = _figures(text)
        missing, extra = wanted - found, found - wanted - spelled
        if missing or extra:
            parts = [f"{label} {', '.join(sorted(n.elements()))}" for label, n in (("missing", missing), ("not in the msgid", extra)) if n]
            yield context.report(message, "numbers", f"numbers differ from the msgid: {'; '.join(parts)}", index=index)


@functools.lru_cache(maxsize=1 << 16)  # pure; every locale asks about the same msgid
def _figures(text: str) -> Counter[str]:
    plain = unicodedata.normalize("NFKC", masked(text))
    plain = _MONTH.sub(lambda m: f" {_MONTHS.index((m.group(1) or m.group(2)).lower()) + 1} ", plain)
    return Counter(m.group().replace(",", "").lstrip("0") or "0" for m in _NUMBER.finditer(plain))
