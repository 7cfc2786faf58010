"""What may be published: per message (translated, not fuzzy) and per page (rules per locale).

A page is held back, not published as a translation, when its locale is a draft, when text
that cannot carry a language marker (the title, attribute values) is missing, or when less of
its text is translated than the locale's completeness threshold. A held-back page leaves the
hreflang set, the sitemap and the language switcher; it is still built for preview.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .catalogs import Catalog
from .config import Config, Page
from .locales import LocaleInfo
from .render import Fallback

# Written by earlier versions into messages.pot and catalogs; read as any header, never used:
# which version a translation follows is derived from the catalogs and the releases (pinning.py).
REVISION_FIELD = "X-Source-Revision"


@dataclass(frozen=True)
class Decision:
    """Whether one page of one locale is published, and why not."""

    locale: LocaleInfo
    page: Page
    published: bool
    reasons: tuple[str, ...]
    translated_share: float


def decide(config: Config, locale: LocaleInfo, page: Page, fallbacks: Iterable[Fallback], share: float) -> Decision:
    """Apply the locale's publishing rules to one rendered page."""
    if locale == config.source:
        return Decision(locale, page, True, (), 1.0)
    rules = config.locale_settings(locale)
    reasons = []
    if rules.draft:
        reasons.append("the locale is marked draft (built for preview, never published)")
    slots = sorted({f.msgid for f in fallbacks if f.in_text_slot})
    if slots:
        reasons.append("text that cannot be marked as Japanese is not translated: " + ", ".join(repr(m) for m in slots))
    if share < rules.completeness:
        reasons.append(f"only {share:.0%} of the page is translated; the threshold is {rules.completeness:.0%}")
    return Decision(locale, page, not reasons, tuple(reasons), share)


def lags(catalog: Catalog | None, template: Catalog) -> bool:
    """True when some current source message has no publishable translation in the catalog."""
    known = catalog.by_key() if catalog is not None else {}
    return any(not (m.key in known and known[m.key].publishable) for m in template.messages)
