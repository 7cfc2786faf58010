"""The one definition of "translated share", used by stats, the build's publishing rule, the
build report, the status page and every notice.

A message weighs as much as its Japanese source text: the characters a reader sees (markup and
whitespace left out). The share is the weight of the messages shown translated over the weight of
all of them. Counting characters, not messages, keeps a one-word heading from counting as much as
a paragraph; counting source characters, not rendered ones, lets a catalog and a page be compared.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..markup import bad_percent, strip_tags

if TYPE_CHECKING:
    from ..catalog.model import Message


def shown_translated(message: Message | None) -> bool:
    """A page shows this message's translation (else it falls back to the source text)."""
    return message is not None and message.publishable and bad_percent(message.msgstr) is None


def source_weight(msgid: str) -> int:
    """How much of the page one message is: its visible source characters."""
    return sum(1 for char in strip_tags(msgid) if not char.isspace())


def translated_share(messages: Iterable[tuple[str, bool]]) -> float:
    """The share (0 to 1) of the source text whose translation is published; 1 when there is none."""
    total = done = 0
    for msgid, translated in messages:
        weight = source_weight(msgid)
        total += weight
        done += weight if translated else 0
    return done / total if total else 1.0
