"""Checks of a whole catalog: its header, duplicate entries, and consistency between entries."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..catalog.model import Message
from ..diagnostics import Diagnostic, Severity
from ..markup import strip_tags
from .context import CheckContext
from .plurals import out_of_range, parse_rule, same_rule, values

FileCheck = Callable[[CheckContext], Iterator[Diagnostic]]
_SPACES = re.compile(r"\s+")
# The values xgettext and pybabel write into a new catalog's header.
_BOILERPLATE = {
    "Last-Translator": ("FULL NAME", "EMAIL@ADDRESS"),
    "PO-Revision-Date": ("YEAR-MO-DA",),
    "Language-Team": ("LANGUAGE <LL@li.org>", "LL@li.org"),
}
_SENTENCE_LENGTH = 15  # characters of Japanese from which a repeated message is a clause, not a label


def _normal_locale(value: str) -> str:
    return value.replace("-", "_").casefold()


def header_language(context: CheckContext) -> Iterator[Diagnostic]:
    """The Language header names the locale of the catalog's folder (case and -/_ aside)."""
    language = context.catalog.header_field("Language")
    if language is None or _normal_locale(language) != _normal_locale(context.locale.identifier):
        shown = "missing" if language is None else repr(language)
        yield context.report_header("header-language",
                                    f"Language header is {shown}, but the catalog is for {context.locale.identifier!r}: set 'Language: {context.locale.identifier}'",
                                    "Language")


def header_charset(context: CheckContext) -> Iterator[Diagnostic]:
    """Catalogs are UTF-8 and say so."""
    content_type = context.catalog.header_field("Content-Type") or ""
    if "charset=utf-8" not in content_type.lower().replace(" ", ""):
        yield context.report_header("encoding", "Content-Type must declare charset=UTF-8 (the file is read as UTF-8)", "Content-Type")


def plural_forms(context: CheckContext) -> Iterator[Diagnostic]:
    """Plural-Forms is a rule gettext can use, safe for its own nplurals, and picks the forms
    CLDR's rule for the locale picks. Another valid rule (GNU's documented French rule, an older
    CLDR) works as its catalog says, so it is a warning to review; a broken, unsafe or (with
    plural entries) missing one is an error, as msgfmt -c has it."""
    value = context.catalog.header_field("Plural-Forms")
    expected = context.locale.plural_forms
    rule = parse_rule(value) if value is not None else None
    if rule is not None and same_rule(rule, (context.locale.nplurals, context.locale.plural_expr)):
        return
    plural_entries = any(m.msgid_plural is not None for m in context.catalog.current)
    unsafe = out_of_range(*rule) if rule is not None else None
    if value is None:
        problem, severity = "missing", Severity.ERROR if plural_entries else Severity.WARNING
    elif rule is None or unsafe is not None:
        why = f"picks form {values(rule[1])[unsafe]} for n={unsafe}" if rule is not None and unsafe is not None else "does not parse"
        problem, severity = f"{value!r}, which {why}", Severity.ERROR
    else:
        problem, severity = f"{value!r}, which differs from CLDR's", Severity.WARNING
    yield context.report_header("plural-forms", f"Plural-Forms is {problem}; CLDR's rule for {context.locale.identifier} is '{expected}'",
                                "Plural-Forms", severity=severity)


def header_boilerplate(context: CheckContext) -> Iterator[Diagnostic]:
    """Template values left in the header: who translated this, and when, is unknown."""
    for name, markers in _BOILERPLATE.items():
        value = context.catalog.header_field(name) or ""
        if any(marker in value for marker in markers):
            yield context.report_header("header-boilerplate", f"{name} still has the template value {value!r}: fill it in or remove the field", name)


def duplicates(context: CheckContext) -> Iterator[Diagnostic]:
    """Each (msgctxt, msgid) appears once; every repeat is reported, not only the first."""
    first: dict[tuple[str | None, str], int] = {}
    for message in context.catalog.current:
        if message.key in first:
            yield context.report(message, "duplicate", f"duplicate message {message.msgid[:40]!r}, first defined at line {first[message.key]}: merge the two entries")
        else:
            first[message.key] = message.line


def inconsistent(context: CheckContext) -> Iterator[Diagnostic]:
    """A repeated clause translated two ways, or two clauses given one translation.

    Only sentences count: a short label may rightly read differently in two contexts (that is
    what msgctxt is for), and two labels may rightly share a translation.
    """
    by_msgid: dict[str, Message] = {}
    by_msgstr: dict[str, Message] = {}
    for message in context.catalog.current:
        if not message.publishable or message.msgid_plural is not None or len(strip_tags(message.msgid)) < _SENTENCE_LENGTH:
            continue
        earlier = by_msgid.setdefault(message.msgid, message)
        if earlier is not message and earlier.msgstr != message.msgstr:
            yield context.report(message, "inconsistent", f"the same msgid is translated differently at line {earlier.msgstr_line}: use one translation")
        other = by_msgstr.setdefault(message.msgstr, message)
        if other is not message and other.msgid != message.msgid:
            yield context.report(message, "inconsistent", f"the same translation as the different msgid at line {other.msgstr_line}: copied from there?")


FILE_CHECKS: tuple[FileCheck, ...] = (header_language, header_charset, plural_forms, header_boilerplate, duplicates, inconsistent)
