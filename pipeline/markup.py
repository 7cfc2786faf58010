"""The markup and placeholders of a message: what a translation may contain, and its safe form.

A translation may use only the tags of its msgid (same elements with the same attributes, in
any order) and only its placeholders. The checks report every difference; the renderer applies
the same rule again on its own (defence in depth): a tag the msgid lacks is escaped as text.
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from dataclasses import dataclass

from markupsafe import escape

# A tag, a comment, a doctype or a processing instruction; '<' followed by anything that is not
# a letter, '/', '!' or '?' is plain text (as in '1 < 2'), which HTML parsers agree on.
# HTML's void elements: no end tag (the same list for the msgstr checks and the rendered pages).
VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
TAG = re.compile(r"<(?:[A-Za-z/!?])[^<>]*>?")
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
# Python %-formatting, the way Jinja2's newstyle gettext formats a translation.
PLACEHOLDER = re.compile(r"%(?:\((\w*)\))?([-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?)([diouxXeEfFgGcrsa%])?")
UNSAFE_ELEMENTS = frozenset({"script", "style", "iframe", "object", "embed", "base", "link", "meta", "form", "svg", "math", "template"})
_UNSAFE_URL = re.compile(r"^\s*(?:javascript|data|vbscript)\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class Tag:
    """A tag reduced to what parity compares: element name, closing or not, attributes."""

    name: str
    closing: bool
    attributes: tuple[tuple[str, str], ...]
    source: str

    @property
    def key(self) -> tuple[str, bool, tuple[tuple[str, str], ...]]:
        """What two tags must share to count as the same markup."""
        return (self.name, self.closing, self.attributes)


def parse_tag(source: str) -> Tag:
    """Read one tag token; comments and unterminated tags get names of their own."""
    if source.startswith("<!--") or source.startswith("<!") or source.startswith("<?"):
        return Tag("!" if source.startswith("<!") else "?", False, (), source)
    if not source.endswith(">"):
        return Tag("<unterminated>", False, (), source)
    inner = source[1:-1].strip()
    closing = inner.startswith("/")
    inner = inner[1:].lstrip() if closing else inner
    name, _, rest = inner.partition(" ")
    name = name.rstrip("/").lower()
    attributes = sorted(
        (m.group(1).lower(), html.unescape(next((g for g in m.groups()[1:] if g is not None), "")))
        for m in _ATTRIBUTE.finditer(rest.rstrip("/"))
    )
    return Tag(name, closing, tuple(attributes), source)


@functools.lru_cache(maxsize=1 << 16)
def tags(text: str) -> tuple[Tag, ...]:
    """Every tag of a message, in order (remembered: several checks ask for the same text)."""
    return tuple(parse_tag(m.group()) for m in TAG.finditer(text))


def unsafe_reason(tag: Tag) -> str | None:
    """Why a tag could run code or swallow the page, or None when it is harmless."""
    if tag.name in UNSAFE_ELEMENTS:
        return f"<{tag.name}> element"
    if tag.name in ("!", "?"):
        return "an HTML comment or declaration"
    if tag.name == "<unterminated>":
        return "an unterminated tag"
    for name, value in tag.attributes:
        if name.startswith("on"):
            return f"event handler attribute {name}"
        if name in ("href", "src", "action", "formaction", "xlink:href", "srcdoc") and _UNSAFE_URL.match(value):
            return f"{value.split(':', 1)[0].strip().lower()}: URL in {name}"
        if name in ("style", "srcdoc"):
            return f"{name} attribute"
    return None


def placeholders(text: str) -> Counter[str]:
    """The %-placeholders of a message with their counts ('%%' is a literal percent sign)."""
    found: Counter[str] = Counter()
    for match in PLACEHOLDER.finditer(text):
        if match.group(3) != "%":
            found[match.group()] += 1
    return found


def bad_percent(text: str) -> str | None:
    """A '%' that Python formatting would reject, or None."""
    for match in PLACEHOLDER.finditer(text):
        if match.group(3) is None:
            return match.group() or "%"
        if match.group(1) is None and match.group(3) != "%":
            return match.group()
    return None


def safe_translation(translation: str, msgid: str) -> str:
    """The translation with only the msgid's tags kept and all other text escaped."""
    allowed = Counter(t.key for t in tags(msgid))
    originals = {t.key: t.source for t in tags(msgid)}
    out: list[str] = []
    position = 0
    for match in TAG.finditer(translation):
        out.append(_text(translation[position:match.start()]))
        tag = parse_tag(match.group())
        if allowed[tag.key] > 0:
            allowed[tag.key] -= 1
            out.append(originals[tag.key])
        else:
            out.append(_text(match.group()))
        position = match.end()
    out.append(_text(translation[position:]))
    return "".join(out)


def _text(text: str) -> str:
    return str(escape(html.unescape(text)))


@functools.lru_cache(maxsize=1 << 16)
def strip_tags(text: str) -> str:
    """The text of a message without its markup."""
    return html.unescape(TAG.sub("", text))


def excerpt(text: str, limit: int = 40) -> str:
    """At most `limit` characters of a message for a diagnostic, never cut inside a tag or a
    placeholder (a cut '<a href="%(ur' reads as a broken translation), '…' marking the cut."""
    if len(text) <= limit:
        return text
    cut = limit
    tokens = sorted(m.span() for pattern in (TAG, PLACEHOLDER) for m in pattern.finditer(text))
    for start, end in reversed(tokens):  # from the last token back: a cut moved left may land in an earlier one
        if start < cut < end:
            cut = start if start > 0 else end
    space = text.rfind(" ", limit // 2, cut)
    return text[:space if space > 0 else cut].rstrip() + "…"
