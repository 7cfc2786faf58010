"""Markup and link checks: the msgid's tags and URLs, nothing unsafe, well-formed nesting.

The renderer keeps only tags identical to the msgid's (same attributes and values) and shows
any other tag as text, so a tag difference is an error here too: it would be visible on the
page. A dropped emphasis tag is the one difference that renders cleanly, and CJK typography
often has no italics, so it is only a warning (html-presentational).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator

from ..catalog.model import Message
from ..diagnostics import Diagnostic
from ..markup import PLACEHOLDER, TAG, VOID_ELEMENTS, Tag, parse_tag, tags, unsafe_reason
from .context import CheckContext
from .registry import PROJECT

PRESENTATIONAL = frozenset({"em", "i", "b", "strong"})
# An address starts only where a run of address characters starts (the look-behind): without it
# every position of a long run would be tried again, quadratic in the run's length.
_URL = re.compile(r"(?:https?://|mailto:)[^\s<>\"'（）「」、。]+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL_ATTRIBUTES = ("href", "src")
# Void elements written without attributes in running text: '<link>' alone is notation, '<br>' is not.
_BARE_VOID = frozenset({"br", "hr", "wbr"})


def html_tags(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """The msgid's tags in any order, no others, properly nested."""
    # The project's pages are HTML, so anything tag-shaped is markup. In a catalog from elsewhere
    # '<option>' or '<space>' is usually notation, so only HTML used as HTML counts there.
    names = None if PROJECT in context.grants else _html_in_use(message.msgid)
    if names is not None and not names:
        return
    for index, text in message.written_forms():
        missing, unexpected = _explained_by_placeholders(*_differences(message.msgid, text))
        missing = [t for t in missing if t.name not in PRESENTATIONAL and (names is None or t.name in names)]
        unexpected = [t for t in unexpected if unsafe_reason(t) is None and not _closes_unsafe(t, unexpected)
                      and (names is None or t.name in names)]
        if missing or unexpected:
            parts = [f"{label} {', '.join(repr(t.source[:60]) for t in found)}"
                     for label, found in (("unexpected", unexpected), ("missing", missing)) if found]
            yield context.report(message, "html-tags", f"markup differs from the msgid: {'; '.join(parts)}: use the msgid's tags and attributes exactly", index=index)
        elif _well_formed(message.msgid, names) and not _well_formed(text, names):
            yield context.report(message, "html-tags", "tags are not properly nested: close them in the reverse order of opening", index=index)


def _html_in_use(msgid: str) -> frozenset[str]:
    """The HTML elements a msgid uses as HTML: closed again, given attributes, or a line break.
    lxml's list of element names is loaded only for catalogs from elsewhere."""
    from lxml.html.defs import tags as html_elements  # lxml only for catalogs from elsewhere
    found = tags(msgid)
    closed = {t.name for t in found if t.closing}
    return frozenset(t.name for t in found if t.name in html_elements
                     and (t.name in closed or t.attributes or t.name in _BARE_VOID))


def html_presentational(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """An emphasis tag of the msgid that the translation dropped."""
    for index, text in message.written_forms():
        missing, _ = _differences(message.msgid, text)
        dropped = sorted({t.name for t in missing if t.name in PRESENTATIONAL and not t.closing})
        if dropped:
            yield context.report(message, "html-presentational", f"emphasis <{'>, <'.join(dropped)}> of the msgid is dropped: keep it, or exempt the entry if the language does not emphasise this way", index=index)


def html_unsafe(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """Markup that could run code or swallow the page, added by the translation: one finding per
    kind of unsafe tag, at its first occurrence, with the count of the others."""
    allowed = Counter(t.key for t in tags(message.msgid))
    for index, text in message.written_forms():
        seen: dict[tuple[str, str], tuple[re.Match[str], Tag, int]] = {}
        for match in TAG.finditer(text):
            tag = parse_tag(match.group())
            reason = unsafe_reason(tag)
            if reason is not None and not tag.closing and allowed[tag.key] == 0:
                first, first_tag, count = seen.get((tag.name, reason), (match, tag, 0))
                seen[(tag.name, reason)] = (first, first_tag, count + 1)
        for (_, reason), (match, tag, count) in seen.items():
            more = f"; {count - 1} more like it" if count > 1 else ""
            yield context.report(message, "html-unsafe", f"unsafe markup {tag.source[:60]!r} ({reason}){more}: remove it",
                                 index=index, offset=match.start(), length=len(match.group()))


def url(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """The msgid's URLs and e-mail addresses, unchanged (or moved to this locale's folder)."""
    wanted = _links(message.msgid)
    for index, text in message.written_forms():
        found = _links(text)
        rewritten = Counter({_rewrite(link, context.locale.folder): n for link, n in wanted.items()})
        for link in sorted((wanted - found).elements()):
            if found[_rewrite(link, context.locale.folder)] == 0:
                yield context.report(message, "url", f"{link} of the msgid is missing or changed: copy it exactly", index=index)
        for link in sorted((found - wanted - rewritten).elements()):
            yield context.report(message, "url", f"{link} is not in the msgid: a translation must link where the original does",
                                 index=index, offset=text.find(link), length=len(link))


@functools.lru_cache(maxsize=1 << 16)  # pure; every locale asks about the same msgid
def _links(text: str) -> Counter[str]:
    found: Counter[str] = Counter(_trimmed(m.group()) for m in _URL.finditer(TAG.sub(" ", text)))
    for tag in tags(text):
        for name, value in tag.attributes:
            if name in _URL_ATTRIBUTES and value and "%(" not in value and not tag.closing and unsafe_reason(tag) is None:
                found[value] += 1
    return found


def _trimmed(link: str) -> str:
    """A link without the sentence's punctuation after it: a final '.' or ',' and the ')' of a
    parenthesis the link sits in ('(see https://example.org/)')."""
    link = link.rstrip(".,;:")
    unmatched, end = link.count(")") - link.count("("), len(link)
    while unmatched > 0 and link.endswith(")", 0, end):  # one pass: a run of ')' stays linear
        unmatched, end = unmatched - 1, end - 1
    return link[:end].rstrip(".,;:")


def _rewrite(link: str, folder: str) -> str:
    """The one rewrite allowed: a link into the source's /ja/ pages may point into this locale's folder."""
    return link.replace("/ja/", f"/{folder}/")


def _differences(msgid: str, text: str) -> tuple[list[Tag], list[Tag]]:
    remaining = list(tags(msgid))
    unexpected: list[Tag] = []
    for tag in tags(text):
        same = next((t for t in remaining if t.key == tag.key), None)
        if same is not None:
            remaining.remove(same)
        else:
            unexpected.append(tag)
    return remaining, unexpected


def _explained_by_placeholders(missing: list[Tag], unexpected: list[Tag]) -> tuple[list[Tag], list[Tag]]:
    """Drop each pair of tags that differ only by a placeholder the translation left out of an
    attribute (`<a href="">` for `<a href="%(url)s">`): format-python reports that one cause."""
    def emptied(tag: Tag) -> tuple[str, bool, tuple[tuple[str, str], ...]]:
        return tag.name, tag.closing, tuple((name, PLACEHOLDER.sub("", value)) for name, value in tag.attributes)
    left = list(unexpected)
    kept: list[Tag] = []
    for tag in missing:
        partner = next((t for t in left if emptied(t) == emptied(tag)), None) if PLACEHOLDER.search(tag.source) else None
        if partner is None:
            kept.append(tag)
        else:
            left.remove(partner)
    return kept, left


def _closes_unsafe(tag: Tag, found: list[Tag]) -> bool:
    """A closing tag of an element already reported as unsafe is not reported again."""
    return tag.closing and any(unsafe_reason(t) is not None and t.name == tag.name for t in found)


def _well_formed(text: str, names: frozenset[str] | None = None) -> bool:
    """Tags close in the reverse order of opening (only the named elements, when given)."""
    stack: list[str] = []
    for tag in tags(text):
        if names is not None and tag.name not in names:
            continue
        if tag.name in VOID_ELEMENTS or tag.source.endswith("/>") or tag.name in ("!", "?"):
            continue
        if not tag.closing:
            stack.append(tag.name)
        elif not stack or stack.pop() != tag.name:
            return False
    return not stack
