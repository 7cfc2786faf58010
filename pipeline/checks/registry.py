"""Every check id with its default severity and what it catches: the stable contract of `check`.

Ids never change once published: baselines, exemption comments and CI filters name them.
Checks whose severity depends on the language (same-as-source, control-chars) pass the
severity explicitly; the table holds the one they use by default.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Severity

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class CheckInfo:
    """One check: its id, default severity, where it looks, and one line on what it catches."""

    id: str
    severity: Severity
    scope: str
    summary: str


def _table(*rows: tuple[str, Severity, str, str]) -> dict[str, CheckInfo]:
    return {row[0]: CheckInfo(*row) for row in rows}


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
    ("format-unflagged", W, "entry", "%(x)s or {x} tokens differ on an entry without a format flag"),
    ("html-tags", E, "entry", "tags or their attributes differ from the msgid, or the markup is not well-formed"),
    ("html-presentational", W, "entry", "an emphasis tag (em, i, b, strong) of the msgid is dropped"),
    ("html-unsafe", E, "entry", "script, style, iframe, event handlers, javascript: URLs, comments"),
    ("url", E, "entry", "a URL or e-mail address differs from the msgid"),
    ("completeness", W, "entry", "untranslated, fuzzy, or a plural entry with an empty form"),
    ("same-as-source", E, "entry", "the msgstr is the Japanese msgid (E for en and ko, W for zh)"),
    ("kana-in-target", E, "entry", "hiragana or katakana in an en, zh or ko translation: Japanese left in it"),
    ("han-script-variant", W, "entry", "Simplified-only characters in zh_Hant, Traditional-only in zh_Hans"),
    ("hangul-han-leak", W, "entry", "Hangul in Chinese, or Han characters in Korean"),
    ("wrong-language", E, "entry", "the translation is in another language or script than its locale's"),
    ("newline-edges", E, "entry", "leading or trailing \\n differ from the msgid"),
    ("newline-count", W, "entry", "the number of internal \\n differs from the msgid"),
    ("whitespace-edges", W, "entry", "leading or trailing spaces differ from the msgid"),
    ("ideographic-space", W, "entry", "U+3000 in an en, zh or ko translation"),
    ("double-space", W, "entry", "two spaces in a row in an en or ko translation"),
    ("punct-width", W, "entry", "punctuation of the wrong width for the locale"),
    ("quote-style", W, "entry", "quotation marks the locale does not use"),
    ("paired-marks", W, "entry", "unbalanced brackets or quotation marks"),
    ("numbers", W, "entry", "the numbers of the translation differ from the msgid's"),
    ("end-punct", W, "entry", "a sentence without its full stop, or a heading with one"),
    ("cjk-latin-spacing", W, "entry", "spacing between Han and Latin text against the locale's policy"),
    ("length-ratio", W, "entry", "a translation far shorter or longer than the msgid"),
    ("glossary", W, "entry", "a glossary term not translated as required, or a name translated"),
    ("control-chars", E, "entry", "C0 control characters (E); zero-width space, BOM, bidi controls (W)"),
    ("misplaced", E, "file", "a translation that belongs to another entry's msgid (shifted, swapped or pasted there)"),
    ("repeated-text", E, "entry", "a sentence of the translation written twice where the msgid has it once"),
    ("missing-sentences", W, "entry", "fewer sentences than the msgid and far shorter: a translation cut short"),
    ("blank-translation", E, "entry", "a translation of only spaces, punctuation or invisible characters"),
    ("work-marker", E, "entry", "TODO, FIXME, [MT], 翻訳中, ??? and other work markers left in the translation"),
    ("stale-previous", W, "entry", "the fuzzy flag removed while the #| previous msgid is still there"),
    ("contact-details", E, "entry", "a phone number or postal code of the msgid missing or altered"),
    ("name-altered", W, "entry", "a Latin-letter name of the msgid written with a letter changed"),
    ("not-in-template", W, "template", "a catalog entry whose msgctxt and msgid messages.pot does not have"),
    ("missing-from-catalog", W, "template", "a messages.pot message the catalog does not have"),
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


def severity_of(check_id: str) -> Severity:
    """The default severity of a check; unknown ids (other stages) are errors."""
    info = CHECKS.get(check_id)
    return info.severity if info is not None else E
