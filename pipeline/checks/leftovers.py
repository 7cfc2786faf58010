"""What a translator's work leaves behind: blank text, work markers, altered contact details and
names, and a fuzzy flag removed without reviewing the change it marked.

Each is exact: a marker or a contact detail counts only when the msgid does not write it too,
so a legal text that says "TBD" or quotes a phone number in both languages is not a finding.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

from ..catalog.model import Message
from ..diagnostics import Diagnostic, Severity
from ..markup import excerpt
from .context import CheckContext
from .scripts import translations

# Letters or digits (a placeholder or a tag has some): anything else (spaces, punctuation, zero-width or
# ideographic spaces) reads as blank on a page.
_CONTENT = re.compile(r"[^\W_]", re.UNICODE)
_TOKEN = re.compile(r"\{[^{}]*\}|%(?:\(\w+\)|\d+\$)?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]")
# Markers translators, MT pipelines and spreadsheets leave: Latin ones as whole words.
_MARKERS = re.compile(
    r"(?<![\w-])(?:TODO|FIXME|XXX|TBD|TBC|TRANSLATE ME|NEEDS? REVIEW|UNTRANSLATED|LOREM IPSUM|Lorem ipsum)(?![\w-])"
    r"|\[(?:MT|TM|DRAFT|TODO|FUZZY|TRANSLATE|mt|draft|todo)\]|\?{3,}|？{3,}",
)  # Upper case only: "todo" is Spanish for "all"; XXX-XXXX is a format example, not a marker.
# "Being translated" markers: only where the msgid does not itself speak of translation (the
# shipped notice 翻訳準備中 is legitimately 翻译中 in Chinese).
_TRANSLATING = re.compile(r"翻訳中|未翻訳|要翻訳|翻訳予定|번역\s?중|번역\s?필요|미번역|翻[译譯]中|待翻[译譯]|未翻[译譯]")
# Phone numbers (03-1234-5678, 0120-123-456, +81-3-1234-5678) and postal codes (〒100-0001, 100-0001).
_PHONE = re.compile(r"(?<![\d-])(?:\+\d{1,3}[-\s.]?)?\(?\d{1,4}\)?[-\s.]\d{2,4}[-\s.]\d{3,4}(?![\d-])")
_POSTAL = re.compile(r"(?:〒\s?)?(?<![\d-])\d{3}-\d{4}(?![\d-])")
_DIGIT_GROUPS = re.compile(r"[\d０-９][\s.\-‐－−)）]+\(?[\d０-９]")
# A Latin-letter name of the msgid (a capitalised word or words): altered when the translation
# writes a near copy of it instead.
_NAME = re.compile(r"[A-Z][A-Za-z0-9&]*(?:[.'-][A-Za-z0-9&]+)*(?:\s[A-Z][A-Za-z0-9&]*(?:[.'-][A-Za-z0-9&]+)*)*")


def blank_translation(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """A msgstr with no letter, digit or placeholder, for a msgid that has words: it publishes a blank."""
    if not _CONTENT.search(message.msgid):
        return
    kept = set(_TOKEN.findall(message.msgid))
    for index, text in enumerate(message.translations):
        # An ordinal suffix may be nothing in the language: '{}st' -> '{}' keeps the number.
        if text and not _CONTENT.search(text) and not kept & set(_TOKEN.findall(text)):
            yield context.report(message, "blank-translation",
                                 f"the translation {excerpt(text)!r} has no words: translate it, or empty it to show the source text",
                                 index=index)


def work_marker(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """A work marker (TODO, [MT], 翻訳中, ???) the msgid does not contain: unfinished work."""
    source = {m.group().casefold() for m in _MARKERS.finditer(message.msgid)}
    # A message about translating ("Glyphs from the Translations") may say 翻译中 as plain text.
    about_translation = "翻訳" in message.msgid or "translat" in message.msgid.casefold()
    patterns = (_MARKERS,) if about_translation else (_MARKERS, _TRANSLATING)
    for index, text in enumerate(message.translations):
        for found in (m for pattern in patterns for m in pattern.finditer(text)):
            if found.group().casefold() not in source:
                yield context.report(message, "work-marker",
                                     f"work marker {found.group()!r} left in the translation: finish the translation and remove it",
                                     index=index, offset=found.start(), length=len(found.group()))
                break


def stale_previous(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """Not fuzzy, yet the #| previous msgid is still there: the fuzzy flag was removed by hand
    without the review that removes both (editors drop #| lines when a translator confirms)."""
    if not message.fuzzy and message.previous_msgid is not None and any(message.translations):
        yield context.report(message, "stale-previous",
                             f"the fuzzy flag was removed but '#| msgid {excerpt(message.previous_msgid)!r}' is still there: "
                             "check the translation against the msgid's change, then delete the #| lines",
                             severity=Severity.WARNING)


def contact_details(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """Phone numbers and postal codes of the msgid, digit for digit in the translation."""
    if not _DIGIT_GROUPS.search(message.msgid):  # cheap: most messages have no grouped digits
        return
    wanted = [m.group() for pattern in (_PHONE, _POSTAL) for m in pattern.finditer(_folded(message.msgid))]
    if not wanted:
        return
    for index, text in enumerate(message.translations):
        have = {_digits(m.group()) for pattern in (_PHONE, _POSTAL) for m in pattern.finditer(_folded(text))}
        have |= {_national(d) for d in have}
        for detail in wanted:
            if text and _digits(detail) not in have:
                yield context.report(message, "contact-details",
                                     f"{detail.strip()!r} of the msgid is missing or altered in the translation: copy it digit for digit",
                                     index=index)


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("‐", "-").replace("－", "-").replace("−", "-")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _national(digits: str) -> str:
    """+81 3 1234 5678 is 03-1234-5678: an international form of a Japanese number is the same number."""
    return "0" + digits[2:] if digits.startswith("81") and len(digits) >= 11 else digits


def name_altered(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """A Latin-letter name of the msgid written with a letter changed (Smart Tokio): a typo in a name."""
    names = {n for n in _NAME.findall(message.msgid) if len(n) >= 4 and n.strip("X-. ")}  # XX-XXXX is a format mask
    if not names:
        return
    for index, text in translations(message, context):
        words = set(_NAME.findall(text))
        for name in sorted(names):
            if name in text or name.casefold() in text.casefold():
                continue
            near = next((w for w in sorted(words) if _one_edit(name.casefold(), w.casefold())), None)
            if near is not None:
                yield context.report(message, "name-altered", f"{near!r} where the msgid writes {name!r}: keep the name as it is",
                                     index=index, offset=text.find(near), length=len(near))


def _one_edit(a: str, b: str) -> bool:
    """a and b differ by one substitution, insertion, deletion or swap of neighbours; spacing
    (SpriteFrames, Sprite Frames) and a suffix (Type, Type1) are other words, not typos."""
    if a == b or abs(len(a) - len(b)) > 1 or a.replace(" ", "") == b.replace(" ", "") or a.startswith(b) or b.startswith(a):
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def fold(found: Sequence[Diagnostic]) -> list[Diagnostic]:
    """One finding per cause: a blank translation is not also a spacing or punctuation warning,
    and a marker is not also foreign text (TODO is Latin letters in a Korean catalog)."""
    def form(d: Diagnostic) -> tuple[str | None, str | None, int | None]:
        return d.msgctxt, d.msgid, d.plural_index

    blank = {form(d) for d in found if d.check_id == "blank-translation"}
    markers = {(form(d), d.location.line, d.location.column) for d in found if d.check_id == "work-marker"}
    return [d for d in found if not ((form(d) in blank and d.severity is Severity.WARNING and d.check_id != "completeness")
                                     or (d.check_id == "wrong-language" and (form(d), d.location.line, d.location.column) in markers))]
