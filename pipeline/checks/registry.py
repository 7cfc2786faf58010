"""Every check id with its default severity and what it catches: the stable contract of `check`.

Ids never change once published: baselines, exemption comments and CI filters name them.
Checks whose severity depends on the language (same-as-source, control-chars) pass the
severity explicitly; the table holds the one they use by default.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Severity

E, W = Severity.ERROR, Severity.WARNING
# What a check needs of a catalog before it can judge it (see CheckContext.grants): rules written
# for Japanese msgids, the typography of a locale the project knows, or the project itself (its
# glossary, its messages.pot, Jinja2 formatting every message).
JA, HOUSE, PROJECT = "japanese-source", "house-style", "project"


@dataclass(frozen=True)
class CheckInfo:
    """One check: its id, default severity, where it looks, and one line on what it catches."""

    id: str
    severity: Severity
    scope: str
    summary: str
    needs: frozenset[str] = field(default_factory=frozenset)


def _table(*rows: tuple[str, Severity, str, str] | tuple[str, Severity, str, str, str]) -> dict[str, CheckInfo]:
    """Rows of id, severity, scope, summary and optionally what the check needs (JA, HOUSE, PROJECT)."""
    return {row[0]: CheckInfo(row[0], row[1], row[2], row[3], frozenset(row[4:])) for row in rows}


CHECKS: dict[str, CheckInfo] = _table(
    ("po-syntax", E, "file", "the catalog does not parse, or cannot be read"),
    ("encoding", E, "file", "not UTF-8, a byte-order mark, or a Content-Type without charset=UTF-8"),
    ("duplicate", E, "file", "the same msgctxt and msgid appear twice"),
    ("header-language", E, "file", "the Language header does not name the catalog's locale"),
    ("plural-forms", E, "file", "Plural-Forms missing or not CLDR's rule; a plural entry with the wrong number of forms"),
    ("header-boilerplate", W, "file", "template values left in Last-Translator, PO-Revision-Date or Language-Team"),
    ("inconsistent", W, "file", "one msgid translated differently in two contexts, or two msgids given one translation"),
    ("format-python", E, "entry", "python-format placeholders differ, or a '%' that formatting rejects"),
    ("format-brace", E, "entry", "python-brace-format fields differ, or an unbalanced brace"),
    ("format-c", E, "entry", "c-format directives differ in number or type (as msgfmt -c compares them), or one does not parse"),
    ("format-unflagged", W, "entry", "%(x)s or {x} tokens differ on an entry without a format flag"),
    ("html-tags", E, "entry", "tags or their attributes differ from the msgid, or the markup is not well-formed"),
    ("html-presentational", W, "entry", "an emphasis tag (em, i, b, strong) of the msgid is dropped"),
    ("html-unsafe", E, "entry", "script, style, iframe, event handlers, javascript: URLs, comments"),
    ("url", E, "entry", "a URL or e-mail address differs from the msgid"),
    ("completeness", W, "entry", "untranslated, fuzzy, or a plural entry with an empty form"),
    ("same-as-source", E, "entry", "the msgstr is the Japanese msgid (E for en and ko, W for zh)", JA),
    ("kana-in-target", E, "entry", "hiragana or katakana in an en, zh or ko translation: Japanese left in it", JA),
    ("han-script-variant", W, "entry", "Simplified-only characters in zh_Hant, Traditional-only in zh_Hans"),
    ("hangul-han-leak", W, "entry", "Hangul in Chinese, or Han characters in Korean"),
    ("wrong-language", E, "entry", "the translation is in another language or script than its locale's"),
    ("newline-edges", E, "entry", "leading or trailing \\n differ from the msgid"),
    ("newline-count", W, "entry", "the number of internal \\n differs from the msgid"),
    ("whitespace-edges", W, "entry", "leading or trailing spaces differ from the msgid"),
    ("ideographic-space", W, "entry", "U+3000 in an en, zh or ko translation", HOUSE),
    ("double-space", W, "entry", "two spaces in a row in an en or ko translation", HOUSE),
    ("punct-width", W, "entry", "punctuation of the wrong width for the locale", HOUSE),
    ("quote-style", W, "entry", "quotation marks the locale does not use", HOUSE),
    ("paired-marks", W, "entry", "unbalanced brackets or quotation marks"),
    ("numbers", W, "entry", "the numbers of the translation differ from the msgid's"),
    ("end-punct", W, "entry", "a sentence without its full stop, or a heading with one", JA),
    ("cjk-latin-spacing", W, "entry", "spacing between Han and Latin text against the locale's policy", HOUSE),
    ("length-ratio", W, "entry", "a translation far shorter or longer than the msgid", JA),
    ("glossary", W, "entry", "a glossary term not translated as required, or a name translated", PROJECT),
    ("control-chars", E, "entry", "C0 control characters; bidi controls and zero-width characters the msgid does not have"),
    ("misplaced", E, "file", "a translation that belongs to another entry's msgid (shifted, swapped or pasted there)", JA),
    ("repeated-text", E, "entry", "a sentence of the translation written twice where the msgid has it once"),
    ("missing-sentences", W, "entry", "fewer sentences than the msgid and far shorter: a translation cut short", JA),
    ("blank-translation", E, "entry", "a translation of only spaces, punctuation or invisible characters"),
    ("work-marker", E, "entry", "TODO, FIXME, [MT], 翻訳中, ??? and other work markers left in the translation"),
    ("stale-previous", W, "entry", "the fuzzy flag removed while the #| previous msgid is still there"),
    ("contact-details", E, "entry", "a phone number or postal code of the msgid missing or altered"),
    ("name-altered", W, "entry", "a Latin-letter name of the msgid written with a letter changed"),
    ("not-in-template", W, "template", "a catalog entry whose msgctxt and msgid messages.pot does not have", PROJECT),
    ("missing-from-catalog", W, "template", "a messages.pot message the catalog does not have", PROJECT),
    ("exemption", W, "entry", "an exemption comment without a reason, or one that exempts nothing"),
    ("src-format-invalid", E, "source", "a flagged msgid whose placeholders do not parse"),
    ("src-unnamed-placeholders", E, "source", "two or more unnamed placeholders translators cannot reorder"),
    ("src-short-placeholder-names", W, "source", "a one-character or look-alike placeholder name"),
    ("src-context-missing", W, "source", "a short verb label without msgctxt or a comment for translators"),
    ("site-kana", W, "site", "kana outside lang=\"ja\" on a translated page"),
    ("site-script-variant", W, "site", "Simplified-only characters on the zh-Hant page or the reverse"),
    ("site-placeholder", E, "site", "a placeholder or template syntax left in a page"),
    ("site-empty-section", E, "site", "a section without text"),
    ("site-page-missing", E, "site", "a configured page is not in the built site"),
)


# What the other commands report, under the same contract: stable ids, documented in docs/checks.md.
COMMAND_DIAGNOSTICS = _table(
    ("path", E, "project", "a template or asset that is a link leading outside the project, or not a regular file"),
    ("catalog-folder", E, "project", "a catalog folder misnamed for its locale (an error) or for a locale not configured (a warning)"),
    ("template", E, "extract, build", "a template that does not parse or render"),
    ("exists", E, "init", "the catalog exists already"),
    ("changed-meanwhile", E, "update, import", "another program saved the catalog while it was merged: nothing written"),
    ("locked", E, "writing commands", "another run is writing in this project"),
    ("write-failed", E, "writing commands", "a file could not be written (full disk, read-only folder): nothing changed"),
    ("changes", E, "changes", "git is missing or cannot show the source at the revision"),
    ("export", E, "export", "a message that XLIFF and TMX cannot carry"),
    ("import", E, "import", "a unit refused, or a packet made for another project"),
    ("release", E, "release", "a release that cannot be recorded or read (the source is not extracted, a record is broken)"),
    ("signoff", E, "signoff", "a sign-off that cannot be recorded or read"),
    ("fallback", W, "build", "a message shown in the source language on a published page (an error with --strict)"),
    ("held-back", W, "build", "a page not published, with the reason (an error with --strict)"),
)
DIAGNOSTICS = {**CHECKS, **COMMAND_DIAGNOSTICS}


ALL_GRANTS = frozenset({JA, HOUSE, PROJECT})


def severity_of(check_id: str) -> Severity:
    """The default severity of a check; unknown ids (other stages) are errors."""
    info = CHECKS.get(check_id)
    return info.severity if info is not None else E
