"""Format checks: python-format (%), python-brace-format ({}), and tokens on unflagged entries.

Jinja2's newstyle gettext applies `%` to every translation, with or without variables, so in
this project every entry is python-format unless it says `no-python-format`: a stray `%`
breaks the page whether or not extraction flagged the entry.
"""

from __future__ import annotations

import functools
import operator
import re
import string
from collections import Counter
from collections.abc import Iterator

from ..catalog.model import Message
from ..diagnostics import Diagnostic
from ..markup import PLACEHOLDER
from .context import CheckContext
from .plurals import few_number_forms
from .registry import PROJECT

# Conversions that accept the same values: a %(n)d may become %(n)i, not %(n)s.
_KINDS = {**dict.fromkeys("diu", "integer"), **dict.fromkeys("eEfFgG", "float"), **dict.fromkeys("xX", "hex"),
          "o": "octal", "c": "char", **dict.fromkeys("sra", "string")}
_BRACE_TOKEN = re.compile(r"(?<!\{)\{[A-Za-z_]\w*\}(?!\})")
_PERCENT_TOKEN = re.compile(r"%\(\w+\)[sd]")
MIXED = "named and unnamed placeholders mixed"


def is_python_format(message: Message, implicit: bool = True) -> bool:
    """In the project every message is %-formatted by the renderer unless flagged otherwise; in a
    catalog from elsewhere only a python-format flag says so."""
    if not implicit:
        return "python-format" in message.flags
    # A c-format flag (which a translator's editor may add) does not stop Jinja2's formatting.
    return "no-python-format" not in message.flags and "python-brace-format" not in message.flags


def reference_text(message: Message) -> tuple[str, ...]:
    """The source strings a translation's placeholders answer to: the msgid, and msgid_plural
    for a plural entry (each placeholder counted once, not once per source string)."""
    return (message.msgid,) if message.msgid_plural is None else (message.msgid, message.msgid_plural)


@functools.lru_cache(maxsize=1 << 16)  # pure; every locale asks about the same msgid
def percent_tokens(text: str) -> tuple[Counter[str], int, tuple[int, str] | None]:
    """(named placeholders by name and kind, count of unnamed ones, first bad '%' as (offset, token))."""
    named: Counter[str] = Counter()
    unnamed = 0
    for match in PLACEHOLDER.finditer(text):
        name, conversion = match.group(1), match.group(3)
        if conversion is None:
            return named, unnamed, (match.start(), match.group() or "%")
        if conversion == "%":
            continue
        if name is None:
            unnamed += 1
        else:
            named[f"%({name}){_KINDS.get(conversion, conversion)}"] += 1
    if named and unnamed:
        return named, unnamed, (0, MIXED)
    return named, unnamed, None


def format_python(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """Same placeholder names and kinds, same unnamed count, and a translation that formats."""
    if not is_python_format(message, PROJECT in context.grants):
        return
    sources = [percent_tokens(text) for text in reference_text(message)]
    if not judged_source(context, any(bad is not None for _, _, bad in sources)):
        return
    wanted = functools.reduce(operator.or_, (named for named, _, _ in sources))
    wanted_unnamed = max(unnamed for _, unnamed, _ in sources)
    for index, text in message.written_forms():
        found, unnamed, bad = percent_tokens(text)
        if bad is not None:
            yield context.report(message, "format-python", _bad_text(bad[1]), index=index,
                                 offset=None if bad[1] == MIXED else bad[0], length=len(bad[1]))
            continue
        yield from _named_differences(message, context, index, wanted, found)
        if unnamed != wanted_unnamed and wanted_unnamed + unnamed:
            yield context.report(message, "format-python", f"{unnamed} unnamed placeholders, the msgid has {wanted_unnamed}", index=index)


def _bad_text(token: str) -> str:
    if token == MIXED:
        return f"{MIXED}: Python formatting rejects this, name every placeholder"
    return f"{token.strip()!r} is not a placeholder: write a literal percent sign as %%"


def _named_differences(message: Message, context: CheckContext, index: int, wanted: Counter[str], found: Counter[str]) -> Iterator[Diagnostic]:
    names = {_name(t) for t in wanted}
    for token in sorted(set(wanted) - set(found)):
        if not may_omit(message, context, index):
            shown = _shown(token, message.msgid + (message.msgid_plural or ""))
            yield context.report(message, "format-python", f"placeholder {shown} is missing", index=index)
    for token in sorted(set(found) - set(wanted)):
        problem = "has another conversion than in the msgid" if _name(token) in names else "is not in the msgid"
        yield context.report(message, "format-python", f"placeholder {_shown(token, text_of(message, index))} {problem}", index=index)


def text_of(message: Message, index: int) -> str:
    """The msgstr (or msgstr[index])."""
    return message.translations[index]


def _name(token: str) -> str:
    return token[2:token.index(")")]


def _shown(token: str, text: str = "") -> str:
    """A placeholder as written: the first matching token of the text, or the %(name)s form."""
    name = _name(token)
    match = re.search(rf"%\({re.escape(name)}\)[^a-zA-Z%]*[a-zA-Z]", text)
    return match.group() if match else f"%({name})s"


def judged_source(context: CheckContext, invalid: bool) -> bool:
    """Whether to judge translations against this msgid. A msgid that is no valid format string
    of its flag (a strftime pattern flagged python-format) says nothing about its translations;
    in the project it breaks the page, so there the translation is still judged and `check --pot`
    reports the msgid."""
    return not invalid or PROJECT in context.grants


def may_omit(message: Message, context: CheckContext, index: int) -> bool:
    """gettext's allowance: a plural form used for a few numbers only ('one') need not show it."""
    return message.msgid_plural is not None and index in few_number_forms(context.plural_rule[1])


@functools.lru_cache(maxsize=1 << 16)  # pure; every locale asks about the same msgid
def brace_fields(text: str) -> tuple[Counter[str], str | None]:
    """The replacement fields of a brace-format string by name, or why it does not parse."""
    fields: Counter[str] = Counter()
    try:
        for _, name, _, _ in string.Formatter().parse(text):
            if name is not None:
                fields[name.split(".")[0].split("[")[0]] += 1
    except ValueError as exc:
        return fields, str(exc)
    return fields, None


def format_brace(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """python-brace-format: the same fields ({{ and }} are literal braces) and a string that parses."""
    sources = [brace_fields(text) for text in reference_text(message)]
    if "python-brace-format" not in message.flags or not judged_source(context, any(bad for _, bad in sources)):
        return
    wanted = functools.reduce(operator.or_, (fields for fields, _ in sources))
    for index, text in message.written_forms():
        found, problem = brace_fields(text)
        if problem is not None:
            yield context.report(message, "format-brace", f"the translation does not parse as brace-format ({problem}): write literal braces as {{{{ and }}}}", index=index)
            continue
        for name in sorted(set(wanted) - set(found)):
            if not may_omit(message, context, index):
                yield context.report(message, "format-brace", f"field {{{name}}} is missing", index=index)
        for name in sorted(set(found) - set(wanted)):
            yield context.report(message, "format-brace", f"field {{{name}}} is not in the msgid", index=index)


def format_unflagged(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """{name} tokens that differ on an entry that is not brace-format: probably a missed flag."""
    if "python-brace-format" in message.flags:
        return
    wanted = set(_BRACE_TOKEN.findall(message.msgid + (message.msgid_plural or "")))
    if "no-python-format" in message.flags:
        wanted |= set(_PERCENT_TOKEN.findall(message.msgid))
    for index, text in message.written_forms():
        found = set(_BRACE_TOKEN.findall(text))
        if "no-python-format" in message.flags:
            found |= set(_PERCENT_TOKEN.findall(text))
        if found != wanted:
            shown = ", ".join(sorted(found ^ wanted))
            yield context.report(message, "format-unflagged", f"tokens {shown} differ from the msgid on an entry without a format flag: add the flag or keep the tokens", index=index)
