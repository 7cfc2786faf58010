"""Checks of one entry: completeness, placeholders, markup, control characters, plural forms."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..catalogs import Message
from ..diagnostics import Diagnostic
from ..markup import Tag, bad_percent, placeholders, tags, unsafe_reason
from .context import CheckContext

EntryCheck = Callable[[Message, CheckContext], Iterator[Diagnostic]]
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def completeness(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """Untranslated and fuzzy entries are published as the source text: say so."""
    if message.fuzzy:
        yield context.warning(message, "fuzzy", "fuzzy translation: review it and remove the fuzzy flag; until then the source text is published")
    elif not message.translated:
        yield context.warning(message, "untranslated", "untranslated: the source text is published in its place")


def plural_count(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """A plural entry has one msgstr per plural form of the locale."""
    if message.msgid_plural is not None and len(message.msgstr_plural) != context.locale.nplurals:
        yield context.error(message, "plural-forms",
                            f"{len(message.msgstr_plural)} plural forms, but {context.locale.identifier} has {context.locale.nplurals}")


def placeholder_parity(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """A translation uses exactly the msgid's placeholders, and no stray percent sign."""
    for text in _translations(message):
        broken = bad_percent(text)
        if broken is not None:
            yield context.error(message, "placeholders", f"'{broken.strip()}' is not a placeholder: write a literal percent sign as %%")
            continue
        wanted, found = placeholders(message.msgid), placeholders(text)
        for name in sorted(wanted - found):
            yield context.error(message, "placeholders", f"placeholder {name} is missing")
        for name in sorted(found - wanted):
            yield context.error(message, "placeholders", f"placeholder {name} is not in the msgid")


def markup_parity(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """A translation has exactly the msgid's tags (any order); unsafe markup is named as such."""
    for text in _translations(message):
        remaining = tags(message.msgid)
        unexpected: list[Tag] = []
        for tag in tags(text):
            same = next((t for t in remaining if t.key == tag.key), None)
            if same is not None:
                remaining.remove(same)
            else:
                unexpected.append(tag)
        yield from _unsafe(message, context, unexpected)
        safe = [t for t in unexpected if unsafe_reason(t) is None and not _closes_unsafe(t, unexpected)]
        if safe or remaining:
            parts = [f"{label} {', '.join(repr(t.source[:60]) for t in found)}"
                     for label, found in (("unexpected", safe), ("missing", remaining)) if found]
            yield context.error(message, "markup", f"markup differs from the msgid: {'; '.join(parts)}: use the msgid's tags and attributes exactly")


def _unsafe(message: Message, context: CheckContext, found: list[Tag]) -> Iterator[Diagnostic]:
    for tag in found:
        reason = unsafe_reason(tag)
        if reason is not None and not tag.closing:
            yield context.error(message, "unsafe-markup", f"unsafe markup {tag.source[:60]!r} ({reason}): remove it")


def _closes_unsafe(tag: Tag, found: list[Tag]) -> bool:
    """A closing tag of an element already reported as unsafe is not reported again."""
    return tag.closing and any(unsafe_reason(t) is not None and t.name == tag.name for t in found)


def control_characters(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """No invisible control or bidi-override characters in a translation."""
    for text in _translations(message):
        found = _CONTROL.search(text)
        if found is not None:
            yield context.error(message, "control-characters",
                                f"control character U+{ord(found.group()):04X} in the translation: remove it")


def _translations(message: Message) -> list[str]:
    return [t for t in message.translations if t]


ENTRY_CHECKS: tuple[EntryCheck, ...] = (
    completeness, plural_count, placeholder_parity, markup_parity, control_characters,
)
