"""Typography per locale: punctuation width, quotation marks, paired marks, sentence ends, spacing.

The rules come from the locale's settings (`punctuation`, `quotes`, `spacing` in
`[tool.policy-pipeline.locale.<id>]`), so a project can follow its own house style. Every check
looks at the translation with placeholders, tags, URLs and kept names masked out.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

from ..catalog.model import Message
from ..diagnostics import Diagnostic
from ..markup import strip_tags
from .context import CheckContext
from .scripts import HAN, KANA, MASK, masked, translations

FULLWIDTH_PUNCT = "。、，（）：；？！"
_FULLWIDTH_ALNUM = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_ASCII_PUNCT = ",.;:?!()"
QUOTE_MARKS = "“”‘’「」『』《》〈〉„«»‹›"
PAIRS = {"(": ")", "（": "）", "「": "」", "『": "』", "“": "”", "‘": "’", "《": "》", "【": "】", "〈": "〉"}
_CLOSERS = {close: open_ for open_, close in PAIRS.items()}
_TRAILERS = "）」』)”’】》〉 \n"
TERMINATORS = {"en": ".!?", "ko": ".!?", "zh": "。！？"}
_SOURCE_TERMINATORS = "。！？"
# A period that ends an abbreviation may or may not also end a sentence.
_ABBREVIATION = re.compile(r"\b(?:etc|Inc|Ltd|Co|Corp|e\.g|i\.e|vs)\.$")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_BOUNDARY = re.compile(r"(?<=[\u3400-\u4dbf\u4e00-\u9fff])( ?)(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])( ?)(?=[\u3400-\u4dbf\u4e00-\u9fff])")


_TO_ASCII = {"。": ".", "、": ",", "，": ",", "（": "(", "）": ")", "：": ":", "；": ";", "？": "?", "！": "!"}
_TO_FULLWIDTH = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


def punct_width(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """Full-width marks in an ascii locale; ASCII marks against Han text in a fullwidth one: one
    finding per mark, at its first place, with how often it occurs and what to write instead."""
    for index, text in translations(message, context):
        ascii_locale = context.settings.punctuation == "ascii"
        offsets = _fullwidth(text) if ascii_locale else _ascii_by_han(text)
        first: dict[str, int] = {}
        for offset in offsets:
            first.setdefault(text[offset], offset)
        for char, offset in first.items():
            count = sum(1 for o in offsets if text[o] == char)
            times = f" ({count} times)" if count > 1 else ""
            replacement = _TO_ASCII.get(char) or unicodedata.normalize("NFKC", char) if ascii_locale else _TO_FULLWIDTH[char]
            where = "" if ascii_locale else " next to Chinese text"
            yield context.report(message, "punct-width", f"{char!r}{times} has the wrong width for {context.locale.identifier}: "
                                 f"use {replacement!r}{where}", index=index, offset=offset)


def _fullwidth(text: str) -> list[int]:
    return sorted([i for i, c in enumerate(text) if c in FULLWIDTH_PUNCT] + [m.start() for m in _FULLWIDTH_ALNUM.finditer(text)])


def _ascii_by_han(text: str) -> list[int]:
    found = []
    for i, char in enumerate(text):
        if char not in _ASCII_PUNCT:
            continue
        before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
        if (char == "(" and _cjk(after)) or (char != "(" and _cjk(before)) or (char in ",;:?!" and _cjk(after)):
            found.append(i)
    return found


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] == " ":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _cjk(char: str) -> bool:
    return bool(char) and bool(HAN.match(char) or KANA.match(char) or _CJK.match(char))


def quote_style(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """Only the quotation marks the locale uses (setting `quotes`)."""
    allowed = context.settings.quotes
    for index, text in translations(message, context):
        offset = next((i for i, c in enumerate(text) if c in QUOTE_MARKS and c not in allowed), None)
        if offset is not None:
            yield context.report(message, "quote-style", f"quotation mark {text[offset]!r} is not used in {context.locale.identifier}: use {' '.join(allowed)}",
                                 index=index, offset=offset)


def paired_marks(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """Brackets and quotation marks open and close in pairs (when they do in the msgid)."""
    if _unbalanced(masked(message.msgid)) is not None:
        return
    for index, text in translations(message, context):
        offset = _unbalanced(text)
        if offset is not None:
            yield context.report(message, "paired-marks", f"{text[offset]!r} has no partner: a truncated parenthetical or quotation?",
                                 index=index, offset=offset)


@functools.lru_cache(maxsize=1 << 16)  # pure; every locale asks about the same msgid
def _unbalanced(text: str) -> int | None:
    """The offset of the first mark without a partner, or None."""
    stack: list[tuple[str, int]] = []
    for i, char in enumerate(text):
        if char in PAIRS:
            stack.append((char, i))
        elif char in _CLOSERS:
            if char == "’" and not any(open_ == "‘" for open_, _ in stack):
                continue  # an apostrophe: user’s, users’
            if not stack or stack[-1][0] != _CLOSERS[char]:
                return i
            stack.pop()
    return stack[0][1] if stack else None


def end_punct(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """A sentence ends with the locale's full stop; a heading or label ends without one."""
    terminators = TERMINATORS.get(context.language)
    if terminators is None:
        return
    wanted = _ending(message.msgid) in _SOURCE_TERMINATORS
    for index, text in enumerate(message.translations):
        ending = _ending(text)
        if not text or _ABBREVIATION.search(strip_tags(text).rstrip(_TRAILERS)):
            continue
        if wanted and ending not in terminators:
            yield context.report(message, "end-punct", f"the msgid is a sentence: end the translation with {' or '.join(terminators)}", index=index)
        elif not wanted and ending and ending in terminators:
            yield context.report(message, "end-punct", f"the msgid has no full stop (a heading or label): remove the final {ending!r}", index=index)


def _ending(text: str) -> str:
    stripped = masked(text).replace(MASK, "").rstrip(_TRAILERS)
    return stripped[-1:] if stripped else ""


def cjk_latin_spacing(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """Spaces between Han and Latin text per the locale's `spacing` policy (never for Korean)."""
    policy = context.settings.spacing
    if policy == "off" or context.language == "ko":
        return
    for index, text in translations(message, context):
        spaced = [(m.start(), bool(m.group(1) or m.group(2))) for m in _BOUNDARY.finditer(text)]
        with_space = [i for i, s in spaced if s]
        without = [i for i, s in spaced if not s]
        wrong = {"require": without, "forbid": with_space}.get(policy, min(with_space, without, key=len) if with_space and without else [])
        if wrong:
            rule = {"require": "needs a space", "forbid": "takes no space"}.get(policy, "is spaced inconsistently")
            yield context.report(message, "cjk-latin-spacing", f"the boundary between Han and Latin text {rule} (spacing = {policy!r})", index=index, offset=wrong[0])


def double_space(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """Two spaces in a row in an en or ko translation, where the msgid has none: a typo."""
    if context.language not in ("en", "ko") or "  " in message.msgid:
        return
    for index, text in enumerate(message.translations):
        offset = text.find("  ")
        if offset >= 0:
            yield context.report(message, "double-space", "two spaces in a row: remove one", index=index, offset=offset, length=2)
