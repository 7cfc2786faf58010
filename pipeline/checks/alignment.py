"""Translations that do not belong to their msgid: misplaced, repeated, or cut short.

A spreadsheet round-trip that shifts a column by one row, two translations pasted into each
other's entries, a paste done twice, a translation that stops after its first sentence: the
text is well-formed and in the right language, so no other check sees it. What gives it away
is alignment. A translation carries the figures, Latin-letter names and sentence count of its
msgid, its length is a steady multiple of the msgid's (measured per language pair by
benchmarks/calibrate.py, see docs/checks.md), and a Chinese translation shares most of the
msgid's kanji. A translation that fits its own msgid badly and another entry's msgid well is
misplaced (an error: it must not be published); one whose sentences are fewer than the
msgid's and whose length is far short of it is cut short (a warning: a translator may merge
sentences, but rarely halves the text).
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..catalog.model import Message
from ..diagnostics import Diagnostic, Severity
from ..markup import excerpt
from .context import CheckContext
from .scripts import HAN
from .translation import _bare, _figures

# Median and spread of log(translation length / msgid length), non-space characters, measured on
# the ja->xx pairs of the design corpus and the shipped catalogs (benchmarks/calibrate.py).
LOG_RATIO = {"en": (0.40, 0.30), "ko": (-0.19, 0.25), "zh": (-0.51, 0.28)}
MIN_LENGTH = 12  # characters of msgid from which a length is a signal, not noise
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9&.+-]*[A-Za-z0-9]")
# Misplaced: a length this many measured spreads from the median is far off; a neighbour within
# _LENGTH_NEAR spreads fits. Chinese shares most kanji of the Japanese (measured: see docs).
_LENGTH_FAR, _LENGTH_NEAR = 3.5, 1.0
_HAN_MIN, _HAN_HIGH = 4, 0.6
_NEAR = 3  # entries either side: a shift by one or a few rows
# Entries compared with one translation at most: keeps the check linear in the catalog's size
# (a hostile catalog of far-off translations or shared figures costs a bounded amount per entry).
_CANDIDATES = 64
# Cut short: fewer sentences than the msgid, a length this many measured spreads short of the
# whole, and within _PART_FIT spreads of a translation of only its first or last sentences (a
# translator who condenses two sentences into one writes neither length).
_CUT, _PART_FIT = 2.0, 1.5
_SENTENCE_END = {
    "ja": re.compile(r"[。！？!?]+[」』）)]*"),
    "zh": re.compile(r"[。！？!?]+[」』”）)]*"),
    # A full stop ends a sentence before a space or the end, not inside a figure or after a
    # one-letter or common abbreviation (e.g., Inc., No.).
    "latin": re.compile(r"(?<![A-Z])(?<!\b[a-z])(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bInc)(?<!\bLtd)(?<!\bCo)(?<!\bNo)"
                        r"[.!?]+[\"”’)]*(?=\s|$)"),
}
_WORDS = re.compile(r"\w")


@functools.lru_cache(maxsize=1 << 16)
def bare_length(text: str) -> int:
    """Characters a reader sees, spaces aside: markup and placeholders do not count."""
    return len("".join(_bare(text).split()))


@functools.lru_cache(maxsize=1 << 16)
def sentences(text: str, language: str) -> int:
    """How many sentences the text has: its terminators, plus a last one without."""
    pattern = _SENTENCE_END.get(language, _SENTENCE_END["latin"])
    plain = _bare(text).strip()
    ends = list(pattern.finditer(plain))
    tail = plain[ends[-1].end():] if ends else plain
    return len(ends) + (1 if _WORDS.search(tail) else 0)


@dataclass(frozen=True)
class _Traits:
    """What a text carries that its translation keeps."""

    length: int
    figures: frozenset[tuple[str, int]]
    names: frozenset[str]
    han: frozenset[str]


@functools.lru_cache(maxsize=1 << 16)
def _traits(text: str) -> _Traits:
    bare = _bare(text)
    return _Traits(bare_length(text), frozenset(_figures(text).items()),
                   frozenset(n.casefold() for n in _LATIN_NAME.findall(bare) if len(n) > 2), frozenset(HAN.findall(bare)))


def _z(source: _Traits, target: _Traits, language: str) -> float:
    """How far the length ratio is from the language pair's median, in measured spreads."""
    if source.length < MIN_LENGTH or not target.length:
        return 0.0
    median, spread = LOG_RATIO[language]
    return abs(math.log(target.length / source.length) - median) / spread


def _z_any(source: _Traits, target: _Traits, language: str) -> float:
    """_z, also for a short msgid when the translation is long (a label holding a paragraph)."""
    if max(source.length, target.length) < MIN_LENGTH or source.length < 2 or not target.length:
        return 0.0
    return _z_length(source.length, target.length, language)


def _swapped_with(position: int, entries: list[Message], far: list[int], language: str) -> Message | None:
    """The entry this one's translation was swapped with: each translation's length is far off
    its own msgid and close to the other's, and no figure or name says otherwise. Only entries
    whose own translation is far off can be the partner; the nearest _CANDIDATES of them are tried."""
    mine = entries[position]
    own, target = _traits(mine.msgid), _traits(mine.msgstr)
    if _z_any(own, target, language) < _LENGTH_FAR:
        return None
    for i in _nearest(far, position):
        other = entries[i]
        if i == position or other.msgid == mine.msgid:
            continue
        source, text = _traits(other.msgid), _traits(other.msgstr)
        if (_z_any(source, target, language) <= _LENGTH_NEAR and _z_any(own, text, language) <= _LENGTH_NEAR
                and source.length >= 2 and not _conflict(source, target, language) and not _conflict(own, text, language)):
            return other
    return None


def _nearest(positions: list[int], position: int) -> list[int]:
    """At most _CANDIDATES of the sorted positions, the closest to position first."""
    at = bisect.bisect_left(positions, position)
    window = positions[max(0, at - _CANDIDATES // 2): at + _CANDIDATES // 2]
    return sorted(window, key=lambda i: abs(i - position))


def _han_share(source: _Traits, target: _Traits) -> float | None:
    return len(source.han & target.han) / len(source.han) if len(source.han) >= _HAN_MIN else None


def _conflict(source: _Traits, target: _Traits, language: str) -> int:
    """Evidence that a translation is not of this msgid: figures or names it lacks or adds, a
    length far outside the measured spread. (Kanji shared with Chinese are support only: the
    forms differ too often, 改定履歴 is 修订记录.)"""
    conflict = len(source.figures ^ target.figures) + len(source.names - target.names)
    return conflict + (2 if _z(source, target, language) >= _LENGTH_FAR else 0)


def _support(source: _Traits, target: _Traits, language: str) -> int:
    """Positive evidence that a translation is of this msgid: figures and names it shares, kanji."""
    support = len(source.figures & target.figures) + len(source.names & target.names)
    share = _han_share(source, target) if language == "zh" else None
    return support + (2 if share is not None and share >= _HAN_HIGH else 0)


def misplaced(context: CheckContext) -> Iterator[Diagnostic]:
    """An error at each translation that fits another entry's msgid and conflicts with its own."""
    language = context.language
    if language not in LOG_RATIO:
        return
    entries = [m for m in context.catalog.current if m.msgid_plural is None and m.msgstr and m.msgid]
    owners: dict[str, Message] = {}
    for m in entries:
        owners.setdefault(m.msgstr, m)
    index = _index(entries)
    far = [i for i, m in enumerate(entries) if _z_any(_traits(m.msgid), _traits(m.msgstr), language) >= _LENGTH_FAR]
    for position, message in enumerate(entries):
        target = _traits(message.msgstr)
        own = _traits(message.msgid)
        conflicted = _conflict(own, target, language) >= 2 and _support(own, target, language) < _conflict(own, target, language)
        other = _best_other(position, target, entries, index, language) if conflicted else None
        other = other or _swapped_with(position, entries, far, language)
        if other is not None:
            yield _misplaced_finding(context, message, other, owners.get(message.msgstr))


def _index(entries: list[Message]) -> dict[object, list[int]]:
    """Entries by each figure, name and kanji of their msgid: where a translation's traits point."""
    index: dict[object, list[int]] = {}
    for i, m in enumerate(entries):
        traits = _traits(m.msgid)
        for key in (*traits.figures, *traits.names, *(("han", c) for c in traits.han)):
            index.setdefault(key, []).append(i)
    return index


def _pointed(keys: list[object], index: dict[object, list[int]]) -> list[int]:
    """Entries sharing a trait, rarest traits first, at most _CANDIDATES (a figure every msgid
    has points everywhere and tells little)."""
    found: dict[int, None] = {}
    for key in sorted(keys, key=lambda k: len(index.get(k, ()))):
        for i in index.get(key, ())[:_CANDIDATES]:
            found.setdefault(i)
            if len(found) >= _CANDIDATES:
                return list(found)
    return list(found)


def _best_other(position: int, target: _Traits, entries: list[Message], index: dict[object, list[int]],
                language: str) -> Message | None:
    """Another msgid that this translation fits with no conflict and some support: a neighbour
    (a shift by a few entries) by its length alone, any entry by shared figures, names or kanji."""
    near = [i for i in range(position - _NEAR, position + _NEAR + 1) if 0 <= i < len(entries) and i != position]
    keys: list[object] = [*target.figures, *target.names]
    if language == "zh" and len(target.han) >= _HAN_MIN:
        keys += [("han", c) for c in target.han]
    candidates = dict.fromkeys([*near, *_pointed(keys, index)])
    best: tuple[int, Message] | None = None
    for i in candidates:
        source = _traits(entries[i].msgid)
        if i == position or entries[i].msgid == entries[position].msgid or _conflict(source, target, language):
            continue
        support = _support(source, target, language) + (1 if i in near and source.length >= MIN_LENGTH and _z(source, target, language) <= _LENGTH_NEAR else 0)
        if support >= (1 if i in near else 2) and (best is None or support > best[0]):
            best = (support, entries[i])
    return best[1] if best else None


def _misplaced_finding(context: CheckContext, message: Message, other: Message, owner: Message | None) -> Diagnostic:
    where = f"line {other.line}" if other.line else "another entry"
    same = f" (the same text as the translation at line {owner.line})" if owner is not None and owner is not message and owner.line else ""
    return context.report(
        message, "misplaced",
        f"this translation belongs to msgid {excerpt(other.msgid)!r} at {where}, not to this msgid{same}: "
        "entries shifted or swapped? put each translation back under its own msgid")


def repeated_text(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """A sentence of the translation written twice, where the msgid has it once: pasted twice."""
    language = "zh" if context.language == "zh" else "latin"
    source = _repeats(message.msgid, "ja")
    for index, text in enumerate(message.translations):
        repeated = _repeats(text, language) - source if text else set()
        if repeated:
            shown = min(repeated, key=len)
            yield context.report(message, "repeated-text", f"{excerpt(shown)!r} is in the translation twice, the msgid has it once: pasted twice?",
                                 index=index, offset=text.rfind(shown), length=len(shown))


@functools.lru_cache(maxsize=1 << 16)
def _repeats(text: str, language: str) -> frozenset[str]:
    """Sentences (of 8 or more characters) that occur twice in the text."""
    pattern = _SENTENCE_END.get(language, _SENTENCE_END["latin"])
    pieces, start = [], 0
    for end in pattern.finditer(text):
        pieces.append(text[start:end.end()].strip())
        start = end.end()
    pieces.append(text[start:].strip())
    seen: set[str] = set()
    twice = {p for p in pieces if len(p) >= 8 and (p in seen or seen.add(p))}  # type: ignore[func-returns-value]
    half = len(text) // 2
    if len(text) >= 16 and text[:half].strip() == text[half:].strip():
        twice.add(text[:half].strip())
    return frozenset(twice)


def missing_sentences(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """Fewer sentences than the msgid, a length far short of a translation of the whole msgid and
    close to one of its first or last sentences only: a translation cut short."""
    language = context.language
    wanted = sentences(message.msgid, "ja")
    if language not in LOG_RATIO or wanted < 2 or bare_length(message.msgid) < MIN_LENGTH:
        return
    source = _traits(message.msgid)
    pieces = [bare_length(p) for p in _pieces(message.msgid, "ja")]
    for index, text in enumerate(message.translations):
        found = sentences(text, language) if text else wanted
        if found >= wanted or found == 0:
            continue
        target = _traits(text)
        whole = _z(source, target, language)
        part = min(_z_length(sum(pieces[:found]), target.length, language), _z_length(sum(pieces[-found:]), target.length, language))
        if whole >= _CUT and part <= _PART_FIT and target.length < source.length * math.exp(LOG_RATIO[language][0]):
            yield context.report(
                message, "missing-sentences",
                f"{found} of the msgid's {wanted} sentences, and as long as a translation of only {'that one' if found == 1 else 'those'}: "
                "translate the rest (a copy from a spreadsheet cell cut short?)", index=index, severity=Severity.WARNING)


def _z_length(source: int, target: int, language: str) -> float:
    if not source or not target:
        return math.inf
    median, spread = LOG_RATIO[language]
    return abs(math.log(target / source) - median) / spread


def _pieces(text: str, language: str) -> list[str]:
    """The text's sentences, each with its terminator."""
    pattern = _SENTENCE_END.get(language, _SENTENCE_END["latin"])
    plain = _bare(text).strip()
    pieces, start = [], 0
    for end in pattern.finditer(plain):
        pieces.append(plain[start:end.end()])
        start = end.end()
    if _WORDS.search(plain[start:]):
        pieces.append(plain[start:])
    return pieces
