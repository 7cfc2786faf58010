"""Source checks on messages.pot: what the developers' Japanese text makes hard for translators.

They point at the msgid line (the template text is what needs changing) and run with
`check --pot`, in the project's own CI, before any translator sees the message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..catalog.model import Message
from ..diagnostics import Diagnostic, Location
from ..markup import PLACEHOLDER, strip_tags
from .context import CheckContext
from .formats import MIXED, brace_fields, is_python_format, percent_tokens
from .registry import severity_of

_LOOK_ALIKE = frozenset({"l", "O", "I", "0", "o"})
_SHORT_LABEL = 6  # characters: a label this short reads as a button as well as a statement
# A Japanese verb in its dictionary form (同意する, 送る): the case where button and statement differ.
_VERB_ENDING = re.compile(r"[うくぐすつぬぶむる]$")


def _report(context: CheckContext, message: Message, check_id: str, text: str) -> Diagnostic:
    return Diagnostic(Location(context.catalog.path, message.line or None), severity_of(check_id), check_id, text,
                      language=context.locale.identifier, msgctxt=message.msgctxt, msgid=message.msgid)


def _sources(message: Message) -> list[str]:
    return [message.msgid] + ([message.msgid_plural] if message.msgid_plural else [])


def src_format_invalid(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """A msgid that formatting rejects crashes the Japanese page itself."""
    for text in _sources(message):
        if "python-brace-format" in message.flags:
            problem = brace_fields(text)[1]
        elif is_python_format(message):
            bad = percent_tokens(text)[2]
            problem = None if bad is None else MIXED if bad[1] == MIXED else f"{bad[1].strip()!r} is not a placeholder (write % as %%)"
        else:
            problem = None
        if problem is not None:
            yield _report(context, message, "src-format-invalid", f"the msgid does not parse as a format string: {problem}")


def src_unnamed_placeholders(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """Two unnamed placeholders cannot be reordered, and Japanese word order is not English's."""
    for text in _sources(message):
        unnamed = percent_tokens(text)[1] if is_python_format(message) else 0
        if "python-brace-format" in message.flags:
            unnamed = sum(n for name, n in brace_fields(text)[0].items() if name == "")
        if unnamed >= 2:
            yield _report(context, message, "src-unnamed-placeholders", f"{unnamed} unnamed placeholders: name them (%(name)s, {{name}}) so translators can reorder them")


def src_short_placeholder_names(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """A one-letter name tells the translator nothing, and l/O/0 look alike."""
    names = {m.group(1) for m in PLACEHOLDER.finditer(message.msgid) if m.group(1)}
    if "python-brace-format" in message.flags:
        names |= {n for n in brace_fields(message.msgid)[0] if n and not n.isdigit()}
    for name in sorted(names):
        if len(name) == 1 or name in _LOOK_ALIKE:
            yield _report(context, message, "src-short-placeholder-names", f"placeholder name {name!r} says nothing to a translator: use a word")


def src_context_missing(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """A short verb label (同意する) without msgctxt or a #. comment: button or statement?"""
    text = strip_tags(message.msgid)
    if message.msgctxt or message.extracted_comments or len(text) > _SHORT_LABEL:
        return
    if _VERB_ENDING.search(text):
        yield _report(context, message, "src-context-missing", f"short label {text!r} without context: add msgctxt or a translator comment saying where it appears")
