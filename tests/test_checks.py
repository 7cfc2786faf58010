"""The checks one by one, on real catalog text parsed by the real reader: what each must flag, what it must accept."""

from __future__ import annotations

import pytest

from pipeline.catalog.pofile import parse_catalog
from pipeline.checks import CHECKS, check_catalog
from pipeline.config import LocaleSettings
from pipeline.diagnostics import Diagnostic
from pipeline.glossary import Glossary, Term
from pipeline.locales import locale_info

FORMS = {"en": "nplurals=2; plural=(n != 1);"}
HEADER = ('msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: {forms}\\n"\n\n')
GLOSSARY = Glossary(
    terms=(Term("個人情報", {"en": ("personal information",), "zh_Hans": ("个人信息",), "zh_Hant": ("個人資料",), "ko": ("개인정보",)}),),
    keep=("Google Analytics", "Google Inc."),
)


def catalog_text(body: str, lang: str = "ko", header: str = HEADER) -> str:
    """A whole catalog: the header for the language, then the entries."""
    return header.format(lang=lang, forms=FORMS.get(lang, "nplurals=1; plural=0;")) + body


def diagnostics(body: str, lang: str = "ko", settings: LocaleSettings | None = None, header: str = HEADER) -> list[Diagnostic]:
    """Every finding of a catalog made of these entries."""
    locale = locale_info(lang)
    assert locale is not None
    text = catalog_text(body, lang, header)
    catalog = parse_catalog(text.encode(), f"{lang}.po")
    return check_catalog(catalog, locale, settings=settings, glossary_terms=GLOSSARY, text=text)


def findings(body: str, lang: str = "ko", settings: LocaleSettings | None = None) -> list[str]:
    """The findings as GNU lines."""
    return [str(d) for d in diagnostics(body, lang, settings)]


def check_ids(body: str, lang: str = "ko", settings: LocaleSettings | None = None) -> list[str]:
    """The ids of the findings, in file order."""
    return [d.check_id for d in diagnostics(body, lang, settings)]


ZH_HANS_REQUIRE = LocaleSettings(punctuation="fullwidth", quotes="“”‘’《》〈〉", spacing="require")
ZH_HANS_FORBID = LocaleSettings(punctuation="fullwidth", quotes="“”‘’《》〈〉", spacing="forbid")
LONG_JA = "本ウェブサイトは、取得した個人情報を利用目的の範囲内でのみ利用します。"
LONG_JA2 = "本ウェブサイトは、個人情報を適切に管理します。お問い合わせは下記の窓口で受け付けます。"

# (check id, language, a catalog body the check must flag, a correct body that must give no finding at all)
CASES = [
    ("format-python", "ko", 'msgid "%(n)s件"\nmsgstr "건"\n', 'msgid "%(n)s件"\nmsgstr "%(n)s건"\n'),
    ("format-python", "en", 'msgid "%(n)s件"\nmsgid_plural "%(n)s件"\nmsgstr[0] "item"\nmsgstr[1] "items"\n',
     'msgid "%(n)s件"\nmsgid_plural "%(n)s件"\nmsgstr[0] "one item"\nmsgstr[1] "%(n)s items"\n'),
    ("format-python", "zh_Hans", 'msgid "%(n)s件"\nmsgid_plural "%(n)s件"\nmsgstr[0] "件"\n', 'msgid "%(n)s件"\nmsgid_plural "%(n)s件"\nmsgstr[0] "%(n)s件"\n'),
    ("format-python", "ko", 'msgid "100%%の本文"\nmsgstr "100% 본문"\n', 'msgid "100%%の本文"\nmsgstr "100%% 본문"\n'),
    ("format-python", "en", 'msgid "%(n)d件"\nmsgstr "%(n)s items"\n', 'msgid "%(n)d件"\nmsgstr "%(n)i items"\n'),
    ("format-brace", "ko", '#, python-brace-format\nmsgid "{count}件"\nmsgstr "{cnt}건"\n', '#, python-brace-format\nmsgid "{count}件"\nmsgstr "{count}건"\n'),
    ("format-brace", "ko", '#, python-brace-format\nmsgid "{count}件"\nmsgstr "{count건"\n', '#, python-brace-format\nmsgid "{{注}}{count}件"\nmsgstr "{{주}}{count}건"\n'),
    ("format-unflagged", "ko", 'msgid "{name}様"\nmsgstr "님"\n', 'msgid "{name}様"\nmsgstr "{name} 님"\n'),
    ("html-tags", "ko", 'msgid "<b>注意</b>"\nmsgstr "<i>주의</i>"\n', 'msgid "<b>注意</b>"\nmsgstr "<b>주의</b>"\n'),
    ("html-tags", "en", 'msgid "<a href=\\"%(u)s\\"><b>本文</b></a>"\nmsgstr "<a href=\\"%(u)s\\"><b>Text</a></b>"\n',
     'msgid "<a href=\\"%(u)s\\">フォーム</a>から<b>送信</b>"\nmsgstr "<b>Send</b> from the <a href=\\"%(u)s\\">form</a>"\n'),
    ("html-presentational", "en", 'msgid "<em>必ず</em>確認"\nmsgstr "Check it"\n', 'msgid "<em>必ず</em>確認"\nmsgstr "<em>Always</em> check"\n'),
    ("html-presentational", "zh_Hans", 'msgid "<em>必ず</em>確認"\nmsgstr "务必确认"\n', 'msgid "<em>必ず</em>確認"\nmsgstr "<em>务必</em>确认"\n'),
    ("html-unsafe", "ko", 'msgid "本文"\nmsgstr "본문<iframe src=\\"https://evil.example\\"></iframe>"\n', 'msgid "本文"\nmsgstr "본문"\n'),
    ("html-unsafe", "en", 'msgid "本文"\nmsgstr "<a href=\\"javascript:alert(1)\\">Text</a>"\n', 'msgid "本文"\nmsgstr "Text"\n'),
    ("url", "en", 'msgid "詳細は https://example.jp/ja/help へ"\nmsgstr "See https://evil.example/ for details"\n',
     'msgid "詳細は https://example.jp/ja/help へ"\nmsgstr "See https://example.jp/en/help for details"\n'),
    ("url", "ko", 'msgid "連絡先：info@example.jp"\nmsgstr "연락처: info@example.com"\n', 'msgid "連絡先：info@example.jp"\nmsgstr "연락처: info@example.jp"\n'),
    ("completeness", "ko", 'msgid "本文"\nmsgstr ""\n', 'msgid "本文"\nmsgstr "본문"\n'),
    ("completeness", "zh_Hant", '#, fuzzy\nmsgid "本文"\nmsgstr "本文"\n', 'msgid "本文"\nmsgstr "本文"\n'),
    ("same-as-source", "en", 'msgid "本文"\nmsgstr "本文"\n', 'msgid "本文"\nmsgstr "Text"\n'),
    ("same-as-source", "ko", 'msgid "ページ"\nmsgstr "ページ"\n', 'msgid "ページ"\nmsgstr "페이지"\n'),
    ("same-as-source", "zh_Hans", 'msgid "ページ"\nmsgstr "ページ"\n', 'msgid "Microsoft Edge（最新版）"\nmsgstr "Microsoft Edge（最新版）"\n'),
    ("kana-in-target", "zh_Hans", 'msgid "本サイトのCookie"\nmsgstr "本网站のCookie"\n', 'msgid "本サイトのCookie"\nmsgstr "本网站的Cookie"\n'),
    ("kana-in-target", "en", 'msgid "本文"\nmsgstr "Text ｱ"\n', 'msgid "AとB"\nmsgstr "A and B"\n'),
    ("kana-in-target", "ko", 'msgid "本文"\nmsgstr "본문です"\n', 'msgid "A・B"\nmsgstr "A・B"\n'),
    ("han-script-variant", "zh_Hant", 'msgid "個人情報"\nmsgstr "个人資料"\n', 'msgid "個人情報"\nmsgstr "個人資料"\n'),
    ("han-script-variant", "zh_Hans", 'msgid "個人情報"\nmsgstr "個人信息"\n', 'msgid "個人情報"\nmsgstr "个人信息"\n'),
    ("hangul-han-leak", "zh_Hans", 'msgid "本文"\nmsgstr "正文의"\n', 'msgid "本文"\nmsgstr "正文"\n'),
    ("hangul-han-leak", "ko", 'msgid "本文"\nmsgstr "本 문"\n', 'msgid "本文"\nmsgstr "본문"\n'),
    ("newline-edges", "ko", 'msgid "本文\\n"\nmsgstr "본문"\n', 'msgid "本文\\n"\nmsgstr "본문\\n"\n'),
    ("newline-count", "ko", 'msgid "前\\n後"\nmsgstr "앞 뒤"\n', 'msgid "前\\n後"\nmsgstr "앞\\n뒤"\n'),
    ("whitespace-edges", "en", 'msgid "本文 "\nmsgstr "Text"\n', 'msgid "\u3000本文"\nmsgstr "Text"\n'),
    ("ideographic-space", "ko", 'msgid "本文"\nmsgstr "본\u3000문"\n', 'msgid "本文"\nmsgstr "본 문"\n'),
    ("ideographic-space", "zh_Hant", 'msgid "本文"\nmsgstr "本\u3000文"\n', 'msgid "本文"\nmsgstr "本文"\n'),
    ("double-space", "en", 'msgid "本文"\nmsgstr "Main  text"\n', 'msgid "本文"\nmsgstr "Main text"\n'),
    ("double-space", "ko", 'msgid "本文"\nmsgstr "본  문"\n', 'msgid "本文"\nmsgstr "본 문"\n'),
    ("punct-width", "en", 'msgid "本文（注）"\nmsgstr "Text（note）"\n', 'msgid "本文（注）"\nmsgstr "Text (note)"\n'),
    ("punct-width", "en", 'msgid "TLS1.2"\nmsgstr "ＴＬＳ1.2"\n', 'msgid "TLS1.2"\nmsgstr "TLS1.2"\n'),
    ("punct-width", "ko", 'msgid "本文（注）"\nmsgstr "본문（주）"\n', 'msgid "本文（注）"\nmsgstr "본문(주)"\n'),
    ("punct-width", "zh_Hans", 'msgid "本文（注）"\nmsgstr "正文(注)"\n', 'msgid "Google Inc.が提供するTLS1.2"\nmsgstr "Google Inc.提供的TLS1.2"\n'),
    ("punct-width", "zh_Hant", 'msgid "本文、注"\nmsgstr "本文, 注"\n', 'msgid "1. Cookie"\nmsgstr "1. Cookie"\n'),
    ("quote-style", "en", 'msgid "「本文」"\nmsgstr "「Text」"\n', 'msgid "「本文」"\nmsgstr "“Text”"\n'),
    ("quote-style", "zh_Hans", 'msgid "「本文」"\nmsgstr "「正文」"\n', 'msgid "「本文」"\nmsgstr "“正文”"\n'),
    ("quote-style", "zh_Hant", 'msgid "「本文」"\nmsgstr "“本文”"\n', 'msgid "「本文」"\nmsgstr "「本文」"\n'),
    ("quote-style", "ko", 'msgid "「本文」"\nmsgstr "「본문」"\n', 'msgid "「本文」"\nmsgstr "“본문”"\n'),
    ("paired-marks", "ko", 'msgid "本文（注）"\nmsgstr "본문(주"\n', 'msgid "本文（注）"\nmsgstr "본문(주)"\n'),
    ("paired-marks", "en", 'msgid "「本文」"\nmsgstr "“Text"\n', 'msgid "利用者のブラウザ"\nmsgstr "the user’s and users’ browsers"\n'),
    ("numbers", "en", 'msgid "2026年11月25日"\nmsgstr "November 26, 2026"\n', 'msgid "2026年11月25日"\nmsgstr "November 25, 2026"\n'),
    ("numbers", "ko", 'msgid "下記4に記載"\nmsgstr "아래 5에 기재"\n', 'msgid "第三者"\nmsgstr "제3자"\n'),
    ("end-punct", "en", 'msgid "本文です。"\nmsgstr "This is text"\n', 'msgid "本文です。"\nmsgstr "This is text."\n'),
    ("end-punct", "en", 'msgid "適用範囲"\nmsgstr "About Scope."\n', 'msgid "開示、訂正等"\nmsgstr "Disclosure, correction, etc."\n'),
    ("end-punct", "zh_Hans", 'msgid "本文です。"\nmsgstr "这是正文"\n', 'msgid "本文です。"\nmsgstr "这是正文。"\n'),
    ("end-punct", "ko", 'msgid "本文です。"\nmsgstr "본문입니다"\n', 'msgid "（本文です。）"\nmsgstr "(본문입니다.)"\n'),
    ("length-ratio", "en", f'msgid "{LONG_JA}"\nmsgstr "Yes."\n',
     f'msgid "{LONG_JA}"\nmsgstr "This website will use the acquired personal information only within the scope of the purpose of use."\n'),
    ("length-ratio", "zh_Hans", f'msgid "{LONG_JA}"\nmsgstr "本网站。"\n',
     f'msgid "{LONG_JA}"\nmsgstr "本网站仅在使用目的范围内使用所获取的个人信息。"\n'),
    ("glossary", "en", 'msgid "個人情報の利用"\nmsgstr "Use of data"\n', 'msgid "個人情報の利用"\nmsgstr "Use of Personal Information"\n'),
    ("glossary", "zh_Hant", 'msgid "個人情報の利用"\nmsgstr "個人資訊之利用"\n', 'msgid "個人情報の利用"\nmsgstr "個人資料之利用"\n'),
    ("glossary", "ko", 'msgid "Google Analyticsの利用"\nmsgstr "구글 애널리틱스의 이용"\n', 'msgid "Google Analyticsの利用"\nmsgstr "Google Analytics의 이용"\n'),
    ("control-chars", "ko", 'msgid "本文"\nmsgstr "본\\001문"\n', 'msgid "本文"\nmsgstr "본문"\n'),
    ("control-chars", "en", 'msgid "本文"\nmsgstr "Te\u200bxt"\n', 'msgid "本文"\nmsgstr "Text"\n'),
    ("format-c", "ko", '#, c-format\nmsgid "%s: %lu bytes"\nmsgstr "%s: %d 바이트"\n', '#, c-format\nmsgid "%s: %lu bytes"\nmsgstr "%s: %lu 바이트"\n'),
    ("format-c", "zh_Hans", '#, c-format\nmsgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d 个 %s"\n',
     '#, c-format\nmsgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d 个文件"\n'),
    ("plural-forms", "ko", 'msgid "件"\nmsgid_plural "件"\nmsgstr[0] "건"\nmsgstr[1] "건"\n', 'msgid "件"\nmsgid_plural "件"\nmsgstr[0] "건"\n'),
    ("duplicate", "ko", 'msgid "本文"\nmsgstr "본문"\n\nmsgid "本文"\nmsgstr "본문"\n', 'msgctxt "a"\nmsgid "本文"\nmsgstr "본문"\n\nmsgid "本文"\nmsgstr "본문"\n'),
    ("inconsistent", "zh_Hans", f'msgctxt "a"\nmsgid "{LONG_JA}"\nmsgstr "本网站仅在使用目的范围内使用所获取的个人信息。"\n\nmsgctxt "b"\nmsgid "{LONG_JA}"\nmsgstr "本网站只在使用目的范围内使用获取的个人信息。"\n',
     'msgctxt "heading"\nmsgid "その他"\nmsgstr "其他"\n\nmsgctxt "clause"\nmsgid "その他"\nmsgstr "其他事项"\n'),
    ("wrong-language", "ko", 'msgid "法令等の遵守"\nmsgstr "Compliance with laws and regulations"\n', 'msgid "Cookieポリシー"\nmsgstr "Cookie 정책"\n'),
    ("cjk-latin-spacing", "zh_Hans", 'msgid "Cookieの使用"\nmsgstr "使用Cookie"\n', 'msgid "Cookieの使用"\nmsgstr "使用 Cookie"\n'),
    ("misplaced", "en", 'msgid "第5条 個人情報の利用目的について定めます。"\nmsgstr "Article 7 sets out how requests are handled."\n\n'
     'msgid "第7条 開示等の請求の手続について定めます。"\nmsgstr "Article 5 sets out the purposes of use of personal information."\n',
     'msgid "第5条 個人情報の利用目的について定めます。"\nmsgstr "Article 5 sets out the purposes for which personal information is used."\n\n'
     'msgid "第7条 開示等の請求の手続について定めます。"\nmsgstr "Article 7 sets out the procedure for requests for disclosure."\n'),
    ("repeated-text", "ko", f'msgid "{LONG_JA}"\nmsgstr "본 웹사이트는 취득한 개인정보를 이용 목적 범위 내에서만 이용합니다. 본 웹사이트는 취득한 개인정보를 이용 목적 범위 내에서만 이용합니다."\n',
     f'msgid "{LONG_JA}"\nmsgstr "본 웹사이트는 취득한 개인정보를 이용 목적 범위 내에서만 이용합니다."\n'),
    ("missing-sentences", "ko", f'msgid "{LONG_JA2}"\nmsgstr "본 웹사이트는 개인정보를 관리합니다."\n',
     f'msgid "{LONG_JA2}"\nmsgstr "본 웹사이트는 개인정보를 적절히 관리하며, 문의는 아래 창구에서 받습니다."\n'),
    ("blank-translation", "zh_Hans", 'msgid "本文"\nmsgstr " 。"\n', 'msgid "、"\nmsgstr "、"\n'),
    ("work-marker", "en", 'msgid "本文"\nmsgstr "TODO: Text"\n', 'msgid "TODO リスト"\nmsgstr "TODO list"\n'),
    ("work-marker", "ko", 'msgid "本文"\nmsgstr "[MT] 본문"\n', 'msgid "翻訳準備中"\nmsgstr "번역 중"\n'),
    ("stale-previous", "ko", '#| msgid "旧本文"\nmsgid "本文"\nmsgstr "본문"\n', 'msgid "本文"\nmsgstr "본문"\n'),
    ("contact-details", "en", 'msgid "電話：03-1234-5678"\nmsgstr "Phone: 03-1234-5687"\n', 'msgid "電話：03-1234-5678"\nmsgstr "Phone: 03-1234-5678"\n'),
    ("contact-details", "ko", 'msgid "〒100-0001 東京都"\nmsgstr "우편번호 100-0010 도쿄도"\n', 'msgid "〒100-0001 東京都"\nmsgstr "우편번호 100-0001 도쿄도"\n'),
    ("name-altered", "ko", 'msgid "Smart Tokyoの方針"\nmsgstr "Smart Tokio의 방침"\n', 'msgid "Smart Tokyoの方針"\nmsgstr "Smart Tokyo의 방침"\n'),
]


@pytest.mark.parametrize(("check_id", "lang", "flagged", "accepted"), CASES, ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_check_flags_the_defect_and_accepts_the_correct_text(check_id: str, lang: str, flagged: str, accepted: str) -> None:
    settings = ZH_HANS_REQUIRE if check_id == "cjk-latin-spacing" else None
    assert check_id in check_ids(flagged, lang, settings)
    assert findings(accepted, lang, settings) == []


def test_every_registered_entry_and_file_check_has_a_case() -> None:
    covered = {case[0] for case in CASES}
    catalog_checks = {i for i, info in CHECKS.items() if info.scope in ("entry", "file")}
    assert catalog_checks - covered <= {"po-syntax", "encoding", "header-language", "header-boilerplate", "exemption"}


def test_spacing_policies_and_korean_is_never_checked() -> None:
    body = 'msgid "Cookieの使用"\nmsgstr "使用 Cookie"\n'
    assert check_ids(body, "zh_Hans", ZH_HANS_FORBID) == ["cjk-latin-spacing"]
    assert check_ids('msgid "Cookie"\nmsgstr "Cookie를 사용"\n', "ko", LocaleSettings(spacing="require")) == []
    consistent = LocaleSettings(punctuation="fullwidth", quotes="“”", spacing="consistent")
    assert check_ids('msgid "AとB"\nmsgstr "使用 A和B"\n', "zh_Hans", consistent) == ["cjk-latin-spacing"]


def test_severities_differ_by_language() -> None:
    assert [d.severity.value for d in diagnostics('msgid "本文"\nmsgstr "本文"\n', "en")] == ["error"]
    assert [d.severity.value for d in diagnostics('msgid "ページ"\nmsgstr "ページ"\n', "zh_Hans") if d.check_id == "same-as-source"] == ["warning"]
    assert [(d.check_id, d.severity.value) for d in diagnostics('msgid "本文"\nmsgstr "본\\001문\u200b"\n')] == [
        ("control-chars", "error"), ("control-chars", "error")]


def test_message_texts_and_positions() -> None:
    assert findings('msgid "%(n)s件"\nmsgstr "건"\n') == ["ko.po:8: error: placeholder %(n)s is missing [format-python]"]
    assert findings('msgid "本文"\nmsgstr "본문<iframe src=\\"https://evil.example\\"></iframe>"\n') == [
        "ko.po:8:11: error: unsafe markup '<iframe src=\"https://evil.example\">' (<iframe> element): remove it [html-unsafe]"]
    assert findings('msgid "本文"\nmsgstr ""\n') == ["ko.po:8: warning: untranslated: the source text is published in its place [completeness]"]
    assert findings('#, fuzzy\nmsgid "本文"\nmsgstr "본문"\n') == [
        "ko.po:9: warning: fuzzy translation: review it and remove the fuzzy flag; until then the source text is published [completeness]"]


def test_a_character_in_a_multiline_msgstr_is_reported_on_its_own_line_and_column() -> None:
    body = 'msgid ""\n"長い本文です。"\n"続きです。"\nmsgstr ""\n"첫 줄입니다. "\n"둘째 줄（입니다）."\n'
    assert findings(body) == ["ko.po:12:6: warning: '（' has the wrong width for ko: use '(' [punct-width]",
                              "ko.po:12:10: warning: '）' has the wrong width for ko: use ')' [punct-width]"]


def test_escapes_count_as_one_column() -> None:
    body = 'msgid "「本文」"\nmsgstr "\\"본문\\" 「x」"\n'
    assert findings(body) == ["ko.po:8:16: warning: quotation mark '「' is not used in ko: use “ ” ‘ ’ [quote-style]"]


def test_header_checks_point_at_the_field() -> None:
    header = HEADER.replace("Plural-Forms: {forms}", "Plural-Forms: nplurals=2; plural=(n != 1);")
    assert [str(d) for d in diagnostics("", "ko", header=header)] == [
        "ko.po:5:2: warning: Plural-Forms is 'nplurals=2; plural=(n != 1);', which differs from CLDR's; "
        "CLDR's rule for ko is 'nplurals=1; plural=0;' [plural-forms]"]
    assert diagnostics("", "zh_Hans", header=HEADER.replace("{lang}", "zh-hans")) == []
    boilerplate = HEADER.replace('"Language: {lang}\\n"', '"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"\n"Language: {lang}\\n"')
    assert [d.check_id for d in diagnostics("", "ko", header=boilerplate)] == ["header-boilerplate"]
    wrong = HEADER.replace('"Language: {lang}\\n"', '"Language: ja\\n"')
    assert [d.check_id for d in diagnostics("", "ko", header=wrong)] == ["header-language"]


def test_obsolete_entries_are_not_checked() -> None:
    assert findings('#~ msgid "本文"\n#~ msgstr "<script>x</script>"\n') == []


def test_every_check_is_documented() -> None:
    from conftest import REPO

    reference = (REPO / "docs" / "checks.md").read_text(encoding="utf-8")
    assert [i for i in CHECKS if f"| `{i}` |" not in reference] == []


def test_the_error_gate_finds_exactly_the_errors_of_the_full_check() -> None:
    """compile runs only the checks that can fail a catalog: they must find every error."""
    from pathlib import Path

    from pipeline.catalog.pofile import parse_catalog
    from pipeline.checks import check_catalog
    from pipeline.diagnostics import PipelineError, Severity

    fixtures = Path(__file__).parent / "fixtures"
    compared = 0
    for path in sorted([*fixtures.glob("checks/*.po"), *fixtures.glob("catalogs/*.po")]):
        locale = locale_info(path.stem.rsplit("_", 1)[-1]) or locale_info("en")  # planted_ko.po is Korean
        assert locale is not None
        try:
            catalog = parse_catalog(path.read_bytes(), path.name)
        except PipelineError:
            continue
        full = [str(d) for d in check_catalog(catalog, locale) if d.severity is Severity.ERROR]
        assert [str(d) for d in check_catalog(catalog, locale, errors_only=True)] == full, path.name
        compared += bool(full)
    assert compared >= 5


@pytest.mark.parametrize(("rule", "severity"), [
    ("nplurals=1; plural=0;", None),                              # CLDR's rule for ko
    ("nplurals=1;plural=0", None),                                # the same rule, spaced otherwise
    ("nplurals=2; plural=(n != 1);", "warning"),                  # valid for gettext, not CLDR's: review it
    ("nplurals=1; plural=(n > 1);", "error"),                     # picks form 1, which the catalog lacks
    ("nplurals=1; plural=n ==;", "error"),                        # gettext cannot parse it
])
def test_plural_rules_are_compared_by_what_they_pick(rule: str, severity: str | None) -> None:
    header = HEADER.replace("Plural-Forms: {forms}", f"Plural-Forms: {rule}")
    found = [d.severity.value for d in diagnostics("", "ko", header=header) if d.check_id == "plural-forms"]
    assert found == ([severity] if severity else [])
