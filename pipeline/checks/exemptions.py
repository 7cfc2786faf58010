"""Per-entry exemptions: `# check: ignore=id1,id2 -- reason` as a translator comment.

Translator comments survive `update` (msgmerge keeps them), while `#.` comments are rewritten
from the templates, so the exemption lives where the translator decided it. A reason is
mandatory, and only warnings can be exempted: an error means the page would be broken or
unsafe, which no comment can make right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..catalog.model import Message
from ..diagnostics import Diagnostic, Severity
from ..markup import excerpt
from .context import CheckContext
from .registry import CHECKS

_KEYWORD = re.compile(r"check:\s*ignore\s*=")
_IDS = re.compile(r"[\w,\s-]*")
_ALWAYS_ERRORS = frozenset(i for i, info in CHECKS.items() if info.severity is Severity.ERROR) - {"same-as-source"}


def parse_exemption(comment: str) -> tuple[str, str] | None:
    """The ids and the reason of `check: ignore=ID,ID -- reason`, or None when malformed. Split at
    the first `--` instead of one regular expression: a lazy pattern over a long run of spaces
    tried every way of dividing it (3,000 spaces took 36 s)."""
    keyword = _KEYWORD.match(comment)
    if keyword is None:
        return None
    ids, _, reason = comment[keyword.end():].partition("--")
    return (ids, reason.strip()) if _IDS.fullmatch(ids) else None


@dataclass(frozen=True)
class Exemption:
    """The checks one translator comment exempts its entry from, and why."""

    ids: tuple[str, ...]
    reason: str
    comment: str


def exemptions_of(message: Message) -> list[Exemption]:
    """Every `check:` translator comment of an entry, well-formed or not."""
    found = []
    for comment in message.translator_comments:
        if not comment.strip().startswith("check:"):
            continue
        parsed = parse_exemption(comment.strip())
        ids = tuple(i.strip() for i in parsed[0].split(",") if i.strip()) if parsed else ()
        found.append(Exemption(ids, parsed[1] if parsed else "", comment))
    return found


def apply_exemptions(context: CheckContext, message: Message, findings: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The findings of one entry less the exempted warnings, plus findings about the comments."""
    kept = list(findings)
    for exemption in exemptions_of(message):
        problem = _problem(exemption)
        if problem is not None:
            kept.append(_finding(context, message, exemption, problem))
            continue
        before = len(kept)
        kept = [d for d in kept if not (d.check_id in exemption.ids and d.severity is Severity.WARNING)]
        if len(kept) == before:
            kept.append(_finding(context, message, exemption, f"exempts {', '.join(exemption.ids)} but no such warning remains: remove the comment"))
    return kept


def _problem(exemption: Exemption) -> str | None:
    if not exemption.ids:
        return "malformed exemption: write '# check: ignore=ID[,ID] -- reason'"
    unknown = [i for i in exemption.ids if i not in CHECKS]
    if unknown:
        return f"unknown check id {excerpt(', '.join(' '.join(i.split()) for i in unknown))} in the exemption"
    errors = [i for i in exemption.ids if i in _ALWAYS_ERRORS]
    if errors:
        return f"{', '.join(errors)} reports errors, which cannot be exempted: fix the translation"
    if not exemption.reason:
        return "exemption without a reason: add ' -- why' so reviewers can judge it"
    return None


def _finding(context: CheckContext, message: Message, exemption: Exemption, text: str) -> Diagnostic:
    line = _comment_line(context, message, exemption.comment)
    return Diagnostic(context.at(line), Severity.WARNING, "exemption", text,
                      language=context.locale.identifier, msgctxt=message.msgctxt, msgid=message.msgid)


def _comment_line(context: CheckContext, message: Message, comment: str) -> int | None:
    """The line of the comment above the entry, found in the file's text when we have it."""
    start = message.line or message.msgstr_line
    for number in range(start - 1, max(start - 50, 0), -1):
        line = context.lines[number - 1] if number - 1 < len(context.lines) else ""
        if line.startswith("#") and line[1:].strip() == comment.strip():
            return number
    return start or None
