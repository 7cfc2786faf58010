"""Drift between a catalog and messages.pot: what GNU msgcmp reports, with our lines and advice.

An entry whose msgctxt + msgid the template no longer has is never shown (its translation is
lost to the page, which falls back to the source); a template message the catalog lacks is
shown in the source language. Both happen silently when an editor changes a msgid or when
`update` was not run after `extract`. Obsolete (#~) entries are `update`'s bookkeeping, not drift.
"""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz import fuzz, process

from ..catalog.model import Catalog, Key, Message
from ..diagnostics import Diagnostic, Location, Severity
from ..markup import excerpt

_SIMILAR = 80.0  # rapidfuzz ratio from which a missing template msgid is named as the likely original


def template_drift(catalog: Catalog, template: Catalog, locale: str) -> Iterator[Diagnostic]:
    """not-in-template at each catalog entry the template lacks; missing-from-catalog at each
    template message the catalog lacks (at the template's line, as msgcmp reports it)."""
    wanted = {m.key: m for m in template.current}
    have = catalog.by_key()
    missing = {key: m for key, m in wanted.items() if key not in have}
    for message in catalog.current:
        if message.key not in wanted:
            yield _finding(Location(catalog.path, message.line or None), "not-in-template",
                           f"{_shown(message.key)} is not in {template.path}{_likely(message, missing, template.path)}: "
                           "restore the template's msgid, or run 'policy-pipeline update' to make it obsolete",
                           locale, message)
    for message in missing.values():
        yield _finding(Location(template.path, message.line or None), "missing-from-catalog",
                       f"{_shown(message.key)} is missing from {catalog.path}: run 'policy-pipeline update'",
                       locale, message)


def _finding(location: Location, check_id: str, text: str, locale: str, message: Message) -> Diagnostic:
    return Diagnostic(location, Severity.WARNING, check_id, text, language=locale, msgctxt=message.msgctxt,
                      msgid=message.msgid, msgstr=None)


def _shown(key: Key) -> str:
    context, msgid = key
    return f"msgid {excerpt(msgid)!r}" + (f" (msgctxt {context!r})" if context is not None else "")


def _likely(message: Message, missing: dict[Key, Message], pot: str) -> str:
    """The template message this entry was probably edited from, when one is close enough."""
    if not missing:
        return ""
    choices = {key: m.msgid for key, m in missing.items() if key[0] == message.msgctxt}
    best = process.extractOne(message.msgid, choices, scorer=fuzz.ratio, score_cutoff=_SIMILAR) if choices else None
    if best is None:
        return ""
    original = missing[best[2]]
    return f" (changed from {excerpt(original.msgid)!r} at {pot}:{original.line}?)"
