"""wrong-language: a translation written in another language than its locale's (an error).

A translation that is English in the Korean catalog, Chinese in the Korean one, Simplified
Chinese in the Traditional one, or romanised Japanese anywhere is not a translation: it must
never be published as one. Script rules decide (they are exact, need no model, and cost one
pass over the text): after masking what a translation legitimately keeps (placeholders, tags,
URLs, the glossary's kept names, and Latin-letter words the msgid itself writes), the letters
of the locale's own script must outweigh those of any other script. A stray foreign character
is a leak (kana-in-target, hangul-han-leak, han-script-variant); a foreign text is this error.

Language-identification libraries were measured and not used: see README ("wrong-language").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..catalog.model import Message
from ..diagnostics import Diagnostic
from ..markup import excerpt
from .context import CheckContext
from .scripts import HAN, HANGUL, KANA, script_only, translations

LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’-][A-Za-z\u00c0-\u024f]+)*")
# A Han character or Hangul syllable carries about as much as three Latin letters: "법령 준수"
# and "Compliance" weigh alike, so one Latin term in a Korean sentence is not a foreign text.
LATIN_WEIGHT = 1 / 3
# Romanised Japanese: every word splits into kana syllables (Hepburn, Kunrei, long vowels with
# macrons or circumflexes, doubled consonants, syllabic n).
_MORA = re.compile(
    r"(?:(?:k(?=k)|s(?=s)|t(?=t)|p(?=p)|c(?=c))?(?:[kgsztdnhbpmrwjf]y?|sh|ch|ts|y)?[aiueoāīūēōâîûêô]|n)+",
    re.IGNORECASE,
)
_ROMAJI_LONGEST = 20  # characters: longer words are not romaji, and the match stays quick
_ROMAJI_MIN_WORDS = 3
# One character of the other script is a slip (han-script-variant); two or more, outnumbering
# the script's own characters, are a text written in the other script.
_OTHER_CHINESE_MIN = 2
_NAMES = {"ko": "Korean", "zh_Hans": "Simplified Chinese", "zh_Hant": "Traditional Chinese", "en": "English"}


@dataclass(frozen=True)
class Verdict:
    """What a translation is written in instead, and where that text starts."""

    what: str
    offset: int
    length: int


def wrong_language(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """A finding on each form whose text is in another language than the catalog's."""
    expected = _NAMES.get(context.locale.identifier)
    if expected is None:
        return
    source_words = _latin_words(message.msgid)
    for index, text in translations(message, context):
        verdict = judge(_without_words(text, source_words), context.locale.identifier)
        if verdict is not None:
            shown = text[verdict.offset:verdict.offset + verdict.length].strip()
            yield context.report(
                message, "wrong-language",
                f"{verdict.what} {excerpt(shown)!r} where {expected} is expected: {_advice(verdict, expected)}",
                index=index, offset=verdict.offset, length=verdict.length)


def _advice(verdict: Verdict, expected: str) -> str:
    if verdict.what.endswith("Chinese text"):
        return f"write it in {expected} characters"
    if verdict.what == "Latin-letter text":
        return f"translate it into {expected} (Latin-letter names that the msgid writes may stay)"
    return f"translate it into {expected}"


def judge(text: str, locale: str) -> Verdict | None:
    """The foreign text that outweighs the locale's own script, or None. Kana is kana-in-target's."""
    if KANA.search(text):
        return None
    counts = _counts(text)
    if locale == "en":
        return _romaji(text) or _dominant(text, counts, own="latin")
    own = "hangul" if locale == "ko" else "han"
    found = _dominant(text, counts, own=own)
    if found is None and locale in ("zh_Hans", "zh_Hant"):
        found = _other_chinese(text, locale)
    if found is None and locale != "en":
        found = _romaji(text)
    return found


def _counts(text: str) -> dict[str, float]:
    return {
        "han": len(HAN.findall(text)), "hangul": len(HANGUL.findall(text)),
        "latin": LATIN_WEIGHT * sum(len(w) for w in LATIN_WORD.findall(text)),
    }


_SCRIPT_TEXT = {"han": "Chinese (Han) text", "hangul": "Korean (Hangul) text", "latin": "Latin-letter text"}
_PATTERNS = {"han": HAN, "hangul": HANGUL, "latin": LATIN_WORD}


def _dominant(text: str, counts: dict[str, float], own: str) -> Verdict | None:
    foreign = max((s for s in counts if s != own), key=lambda s: counts[s])
    if counts[foreign] == 0 or counts[foreign] <= counts[own]:
        return None
    what = "romanised Japanese" if foreign == "latin" and _romaji(text) else _SCRIPT_TEXT[foreign]
    return _span(text, _PATTERNS[foreign], what)


def _other_chinese(text: str, locale: str) -> Verdict | None:
    """Simplified text in zh_Hant (or the reverse): more characters only the other script uses."""
    other, mine = ("Simplified", "Traditional") if locale == "zh_Hant" else ("Traditional", "Simplified")
    foreign, own = script_only(other), script_only(mine)
    hits = [i for i, char in enumerate(text) if char in foreign]
    if len(hits) >= _OTHER_CHINESE_MIN and len(hits) > sum(1 for char in text if char in own):
        return Verdict(f"{other} Chinese text", hits[0], hits[-1] - hits[0] + 1)
    return None


def _romaji(text: str) -> Verdict | None:
    words = [w for w in LATIN_WORD.finditer(text) if len(w.group()) > 1]
    if len(words) < _ROMAJI_MIN_WORDS:
        return None
    # Every word: English words that happen to split into syllables ("in", "use", "name") come
    # with others that do not ("Japanese" does, "the" does not).
    if not all(_is_romaji(w.group()) for w in words) or not any(len(w.group()) > 4 for w in words):
        return None
    return Verdict("romanised Japanese", words[0].start(), words[-1].end() - words[0].start())


def _is_romaji(word: str) -> bool:
    plain = word.replace("'", "").replace("’", "").replace("-", "")
    return len(plain) <= _ROMAJI_LONGEST and _MORA.fullmatch(plain) is not None


def _span(text: str, pattern: re.Pattern[str], what: str) -> Verdict:
    found = list(pattern.finditer(text))
    return Verdict(what, found[0].start(), found[-1].end() - found[0].start())


def _stem(word: str) -> str:
    """A Latin word compared without case or a plural ending: the msgid's "CanvasItems" is the
    translation's "CanvasItem"."""
    folded = word.casefold()
    return folded[:-2] if folded.endswith("es") else folded[:-1] if folded.endswith("s") else folded


def _latin_words(msgid: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in LATIN_WORD.findall(msgid))


def _without_words(text: str, words: frozenset[str]) -> str:
    """The text with the msgid's own Latin words blanked (same length, so offsets hold)."""
    if not words:
        return text
    return LATIN_WORD.sub(lambda m: " " * len(m.group()) if _stem(m.group()) in words else m.group(), text)


FOLDED = frozenset({"hangul-han-leak", "han-script-variant"})


def fold_leaks(found: Sequence[Diagnostic]) -> list[Diagnostic]:
    """One finding per root cause: a form in another language is not also a leak of single
    characters, and a copy of the msgid (same-as-source says so) is not also a foreign text."""
    def form(d: Diagnostic) -> tuple[str | None, str | None, int | None]:
        return d.msgctxt, d.msgid, d.plural_index

    foreign = {form(d) for d in found if d.check_id == "wrong-language"}
    copied = {form(d) for d in found if d.check_id == "same-as-source"}
    return [d for d in found if not ((d.check_id in FOLDED and form(d) in foreign)
                                     or (d.check_id == "wrong-language" and form(d) in copied))]
