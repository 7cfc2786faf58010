"""Plural-Forms rules as gettext evaluates them: parsed, compared by their values, and which
forms stand for a single number (where gettext lets a translation leave the number out).

The expression is C; the standard library's `gettext.c2py` is the parser GNU-compatible Python
gettext itself uses, so a rule it rejects is one `gettext` would reject at run time.
"""

from __future__ import annotations

import functools
import gettext

# Enough numbers to tell every rule in CLDR and GNU's documentation apart (they all look at
# n % 100 at most), and cheap: a rule is evaluated once per catalog.
_SAMPLE = range(0, 1001)
_MAX_FORMS, _MAX_LENGTH = 10, 400


@functools.lru_cache(maxsize=256)
def parse_rule(value: str) -> tuple[int, str] | None:
    """(nplurals, expression) of a Plural-Forms value, or None when gettext could not use it."""
    parts = [part.strip() for part in value.split(";")]
    if parts and not parts[-1]:
        parts.pop()
    fields = dict(part.partition("=")[::2] for part in parts)
    if len(parts) != 2 or {k.strip() for k in fields} != {"nplurals", "plural"}:
        return None
    fields = {key.strip(): text.strip() for key, text in fields.items()}
    count, expression = fields["nplurals"], fields["plural"]
    # Real rules are short; a long one is refused before it is parsed or evaluated.
    if not count.isdigit() or not 1 <= int(count) <= _MAX_FORMS or len(expression) > _MAX_LENGTH:
        return None
    try:
        gettext.c2py(expression)
    except (ValueError, RecursionError):
        return None
    return int(count), expression


@functools.lru_cache(maxsize=256)
def values(expression: str) -> tuple[int, ...]:
    """The form the rule picks for each sample number."""
    rule = gettext.c2py(expression)
    return tuple(int(rule(n)) for n in _SAMPLE)


def out_of_range(nplurals: int, expression: str) -> int | None:
    """A number for which the rule picks a form the catalog does not have (unsafe), if any."""
    return next((n for n, form in zip(_SAMPLE, values(expression), strict=True) if not 0 <= form < nplurals), None)


def same_rule(first: tuple[int, str], second: tuple[int, str]) -> bool:
    """Both rules have as many forms and pick the same one for every number (spacing and
    equivalent arithmetic aside)."""
    return first[0] == second[0] and values(first[1]) == values(second[1])


# msgfmt -c lets a plural form leave out the number when the form stands for at most this many
# numbers (measured: a form for n < 4 may, one for n < 5 may not).
_FEW = 4


@functools.lru_cache(maxsize=256)
def few_number_forms(expression: str) -> frozenset[int]:
    """The forms used for a few numbers only ('one' in English, 0 and 1 in French): gettext
    allows their translation to leave out the number's placeholder."""
    picked = values(expression)
    return frozenset(form for form in set(picked) if picked.count(form) <= _FEW)
