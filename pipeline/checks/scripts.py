"""Script checks: Japanese kana, Simplified/Traditional mixing, Hangul/Han copy-paste, U+3000.

What a translation contains besides its words is masked first (placeholders, tags, URLs and
the glossary's do-not-translate names), so a kept name never counts as a leak.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..catalog.model import Message
from ..diagnostics import Diagnostic
from ..markup import PLACEHOLDER, TAG
from .context import CheckContext

# Hiragana, katakana (without the middle dot U+30FB, common in Chinese and Korean lists) and
# half-width katakana.
KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30fa\u30fc-\u30ff\uff66-\uff9f]")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_URL = re.compile(r"(?:https?://|mailto:)\S+")


@functools.cache
def script_only(script: str) -> frozenset[str]:
    """Characters only Simplified (or only Traditional) Chinese uses, from CC-CEDICT's sets as
    hanzidentifier reads them; loaded on first use, since only Chinese catalogs need them."""
    from hanzidentifier import helpers  # type: ignore[import-untyped]

    simplified, traditional = frozenset(helpers.SIMPLIFIED_CHARACTERS), frozenset(helpers.TRADITIONAL_CHARACTERS)
    return simplified - traditional if script == "Simplified" else traditional - simplified

MASK = "\ue000"
# The content of script and style elements is not text a reader sees (html-unsafe reports it).
_HIDDEN_OPENING = re.compile(r"<(script|style)\b", re.IGNORECASE)
_HIDDEN_CLOSING = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("script", "style")}


def _blank_hidden_elements(text: str) -> str:
    """Blank every script or style element, opening to closing tag. Linear: once no closing tag
    follows an opening, none follows a later one either, so each name is searched for at most
    once past each element (a regex `<script.*?</script>` rescans the rest for every opening)."""
    parts, done, exhausted = [], 0, set()
    for opening in _HIDDEN_OPENING.finditer(text):
        name = opening.group(1).lower()
        if opening.start() < done or name in exhausted:
            continue
        closing = _HIDDEN_CLOSING[name].search(text, opening.end())
        if closing is None:
            exhausted.add(name)
            continue
        parts += [text[done:opening.start()], MASK * (closing.end() - opening.start())]
        done = closing.end()
    return "".join(parts) + text[done:]


@functools.lru_cache(maxsize=1 << 16)
def masked(text: str, names: frozenset[str] = frozenset()) -> str:
    """The text with placeholders, tags, URLs and kept names blanked out, same length.

    Several checks look at the same text: remembering the result keeps `check` linear and quick."""
    def blank(match: re.Match[str]) -> str:
        return MASK * len(match.group())
    text = _blank_hidden_elements(text)
    for pattern in (TAG, PLACEHOLDER, _URL):
        text = pattern.sub(blank, text)
    for name in names:
        text = text.replace(name, MASK * len(name))
    return text


def translations(message: Message, context: CheckContext) -> Iterator[tuple[int, str]]:
    """(index, masked msgstr) of every non-empty form."""
    for index, text in enumerate(message.translations):
        if text:
            yield index, masked(text, context.glossary.names)


def kana_in_target(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """Hiragana or katakana left in a translation: untranslated or half-translated Japanese."""
    if context.language != "ja":
        yield from _first_match(message, context, KANA, "kana-in-target",
                                "Japanese kana {!r} in the translation: translate it, or list a kept name in the glossary")


def _first_match(message: Message, context: CheckContext, pattern: re.Pattern[str], check_id: str,
                 text: str) -> Iterator[Diagnostic]:
    """A finding at the first run of characters the pattern matches in each translation, naming
    the whole run ('管理責任者', not '管') and counting the other runs."""
    runs = _runs(pattern)
    for index, translation in translations(message, context):
        found = list(runs.finditer(translation))
        if found:
            more = f" ({len(found) - 1} more)" if len(found) > 1 else ""
            yield context.report(message, check_id, text.format(found[0].group()) + more, index=index,
                                 offset=found[0].start(), length=len(found[0].group()))


@functools.cache
def _runs(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(f"(?:{pattern.pattern})+", pattern.flags)


def han_script_variant(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """Simplified-only characters in zh_Hant, Traditional-only ones in zh_Hans."""
    script = {"zh_Hant": "Simplified", "zh_Hans": "Traditional"}.get(context.locale.identifier)
    foreign = (script_only(script), script) if script else None
    if foreign is None:
        return
    characters, script = foreign
    for index, text in translations(message, context):
        offset = next((i for i, char in enumerate(text) if char in characters), None)
        if offset is not None:
            yield context.report(message, "han-script-variant", f"{script}-only character {text[offset]!r} in a {context.locale.identifier} translation: use the {context.locale.identifier[3:]} form",
                                 index=index, offset=offset)


def hangul_han_leak(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """Hangul in a Chinese translation, or Han characters in a Korean one (copy-paste)."""
    pattern, what = {"zh": (HANGUL, "Hangul"), "ko": (HAN, "Han character")}.get(context.language, (None, ""))
    if pattern is not None:
        text = f"{what} {{!r}} in a {context.locale.identifier} translation: copied from another catalog?"
        yield from _first_match(message, context, pattern, "hangul-han-leak", text)


def ideographic_space(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """U+3000 is invisible in review and breaks wrapping outside Japanese."""
    if context.language == "ja":
        return
    for index, text in translations(message, context):
        offset = text.find("\u3000")
        if offset >= 0:
            yield context.report(message, "ideographic-space", "ideographic space U+3000 in the translation: use an ordinary space or none",
                                 index=index, offset=offset)
