"""The checks one by one, on real catalog text parsed by the real reader."""

from __future__ import annotations

import pytest

from pipeline.catalogs import parse_catalog
from pipeline.checks import check_catalog
from pipeline.locales import locale_info

HEADER = ('msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: {forms}\\n"\n\n')


def findings(body: str, lang: str = "ko", forms: str = "nplurals=1; plural=0;") -> list[str]:
    locale = locale_info(lang)
    assert locale is not None
    catalog = parse_catalog((HEADER.format(lang=lang, forms=forms) + body).encode(), "ko.po")
    return [str(d) for d in check_catalog(catalog, locale)]


def test_clean_entry_has_no_findings() -> None:
    assert findings('msgid "<a href=\\"%(url)s\\">フォーム</a>から"\nmsgstr "<a href=\\"%(url)s\\">양식</a>에서"\n') == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('msgid "%(n)s件"\nmsgstr "건"\n', "ko.po:8: error: placeholder %(n)s is missing [placeholders]"),
        ('msgid "件"\nmsgstr "%(n)s건"\n', "ko.po:8: error: placeholder %(n)s is not in the msgid [placeholders]"),
        ('msgid "<b>注意</b>"\nmsgstr "<i>주의</i>"\n', "ko.po:8: error: markup differs from the msgid: unexpected '<i>', '</i>'; missing '<b>', '</b>': use the msgid's tags and attributes exactly [markup]"),
        ('msgid "<a href=\\"%(u)s\\">x</a>"\nmsgstr "<a href=\\"%(u)s\\" target=\\"_blank\\">x</a>"\n',
         "ko.po:8: error: markup differs from the msgid: unexpected '<a href=\"%(u)s\" target=\"_blank\">'; missing '<a href=\"%(u)s\">': use the msgid's tags and attributes exactly [markup]"),
        ('msgid "本文"\nmsgstr "본문<iframe src=\\"https://evil.example\\"></iframe>"\n', "ko.po:8: error: unsafe markup '<iframe src=\"https://evil.example\">' (<iframe> element): remove it [unsafe-markup]"),
        ('msgid "本文"\nmsgstr "<a href=\\"javascript:alert(1)\\">본문</a>"\n', "ko.po:8: error: unsafe markup '<a href=\"javascript:alert(1)\">' (javascript: URL in href): remove it [unsafe-markup]"),
        ('msgid "本文"\nmsgstr "본<!-- x -->문"\n', "ko.po:8: error: unsafe markup '<!-- x -->' (an HTML comment or declaration): remove it [unsafe-markup]"),
        ('msgid "本文"\nmsgstr "본\\u202e문"\n'.replace("\\u202e", "\u202e"), "ko.po:8: error: control character U+202E in the translation: remove it [control-characters]"),
        ('msgid "本文"\nmsgstr ""\n', "ko.po:8: warning: untranslated: the source text is published in its place [untranslated]"),
        ('#, fuzzy\nmsgid "本文"\nmsgstr "본문"\n', "ko.po:9: warning: fuzzy translation: review it and remove the fuzzy flag; until then the source text is published [fuzzy]"),
        ('msgid "件"\nmsgid_plural "件"\nmsgstr[0] "건"\nmsgstr[1] "건"\n', "ko.po:9: error: 2 plural forms, but ko has 1 [plural-forms]"),
    ],
)
def test_entry_checks(body: str, expected: str) -> None:
    assert findings(body) == [expected]


def test_header_checks() -> None:
    assert findings("", lang="ko", forms="nplurals=2; plural=(n != 1);") == [
        "ko.po:2: error: Plural-Forms is 'nplurals=2; plural=(n != 1);'; CLDR's rule for ko is 'nplurals=1; plural=0;' [plural-forms]"
    ]
    assert findings("", lang="ko", forms="nplurals = 1;  plural = 0") == []


def test_obsolete_entries_are_not_checked() -> None:
    assert findings('#~ msgid "本文"\n#~ msgstr "<script>x</script>"\n') == []
