"""The glossary check: a msgid with a glossary term needs the locale's term (see pipeline/glossary.py)."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalog.model import Message
from ..diagnostics import Diagnostic
from ..markup import strip_tags
from .context import CheckContext


def glossary(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """A msgid with a glossary term needs the locale's term; a kept name stays as it is."""
    source = strip_tags(message.msgid)
    for index, text in _texts(message):
        folded = strip_tags(text).casefold()
        for term in context.glossary.terms:
            accepted = term.targets.get(context.locale.identifier)
            if accepted and term.source in source and not any(a.casefold() in folded for a in accepted):
                yield context.report(message, "glossary", f"{term.source} must be translated as {' or '.join(map(repr, accepted))}", index=index)
        for name in context.glossary.keep:
            if name in source and name not in strip_tags(text):
                yield context.report(message, "glossary", f"the name {name!r} must stay as it is (do not translate)", index=index)


def _texts(message: Message) -> Iterator[tuple[int, str]]:
    for index, text in enumerate(message.translations):
        if text and not message.fuzzy:
            yield index, text


