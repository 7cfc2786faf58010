"""wrong-language and template drift: the checks on real catalog text, then the whole chain
(check, stats, build) through the real CLI on copies of the shipped project, GNU msgcmp as the
reference for drift."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.catalogs import parse_catalog, read_catalog, save_catalog
from pipeline.checks import check_catalog
from pipeline.locales import locale_info
from pipeline.markup import excerpt

from conftest import per_message_fallback, run_cli

KO = "locales/ko/LC_MESSAGES/messages.po"
ZH_HANT = "locales/zh_Hant/LC_MESSAGES/messages.po"
EN = "locales/en/LC_MESSAGES/messages.po"
HEADER = 'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: {forms}\\n"\n\n'

# (locale, msgid, msgstr): text in another language than the catalog's. The recall set.
WRONG = [
    ("ko", "法令等の遵守", "Compliance with laws and regulations"),
    ("ko", "法令等の遵守", "법령 준수 (Compliance with laws and regulations)"),
    ("ko", "個人情報の取得", "个人信息的取得"),
    ("ko", "個人情報の取得", "個人資料之取得"),
    ("ko", "個人情報の取得", "Kojin jōhō no shutoku"),
    ("ko", "Google Analyticsの利用について", "About the use of Google Analytics"),
    ("ko", "Cookieとは", "What is a Cookie"),
    ("zh_Hant", "個人情報の取得", "个人信息的取得与使用目的"),
    ("zh_Hant", "個人情報の管理", "本网站将适当管理个人信息"),
    ("zh_Hant", "法令等の遵守", "Compliance with laws and regulations"),
    ("zh_Hant", "個人情報の取得", "개인정보의 취득"),
    ("zh_Hant", "個人情報の取得", "Kojin jouhou no shutoku"),
    ("zh_Hans", "個人情報の取得", "個人資料之取得與利用目的"),
    ("zh_Hans", "個人情報の管理", "本網站將妥善管理個人資料"),
    ("zh_Hans", "法令等の遵守", "Compliance with laws and regulations"),
    ("zh_Hans", "個人情報の取得", "개인정보의 취득"),
    ("zh_Hans", "法令等の遵守", "Hōrei-tō no junshu"),
    ("en", "個人情報の取得", "Kojin jouhou no shutoku"),
    ("en", "法令等の遵守", "Hōrei-tō no junshu"),
    ("en", "本サイトの利用について", "Honsaito no riyō ni tsuite"),
    ("en", "Cookieの利用について", "Cookie no riyou ni tsuite"),
    ("en", "個人情報の取得", "个人信息的取得"),
    ("en", "個人情報の取得", "개인정보의 취득"),
    ("en", "個人情報保護方針", "Kojin jōhō hogo hōshin"),
]
# (locale, msgid, msgstr): legitimate translations, names the msgid writes in Latin letters kept.
RIGHT = [
    ("ko", "Cookieポリシー", "Cookie 정책"),
    ("ko", "Google Analyticsオプトアウトアドオン", "Google Analytics 옵트아웃 애드온"),
    ("ko", "2. JavaScript", "2. JavaScript"),
    ("ko", "推奨環境", "권장 환경 (Policy)"),
    ("zh_Hant", "<a href=\"%(url)s\">データの保護 - アナリティクス ヘルプ</a>", "<a href=\"%(url)s\">保護您的資料 - Analytics說明</a>"),
    ("zh_Hans", "Google Analyticsに関する情報", "有关Google Analytics的信息"),
    ("zh_Hant", "個人情報", "个人資料"),  # one Simplified character: han-script-variant's warning
    ("en", "（日本語）", "(in Japanese)"),
    ("en", "本文", "Use a name to do so"),
    ("en", "Google Chrome（最新版）", "Google Chrome (latest version)"),
    ("en", "東京都", "Tokyo Metropolitan Government"),
]


def findings(locale: str, msgid: str, msgstr: str) -> list[tuple[str, str]]:
    info = locale_info(locale)
    assert info is not None
    text = HEADER.format(lang=locale, forms="nplurals=2; plural=(n != 1);" if locale == "en" else "nplurals=1; plural=0;")
    text += f'#, python-format\nmsgid "{_quoted(msgid)}"\nmsgstr "{_quoted(msgstr)}"\n'
    catalog = parse_catalog(text.encode(), f"{locale}.po")
    return [(d.check_id, d.severity.value) for d in check_catalog(catalog, info, text=text)]


def _quoted(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


@pytest.mark.parametrize(("locale", "msgid", "msgstr"), WRONG, ids=[f"{c[0]}-{c[2][:20]}" for c in WRONG])
def test_wrong_language_is_an_error(locale: str, msgid: str, msgstr: str) -> None:
    found = findings(locale, msgid, msgstr)
    assert ("wrong-language", "error") in found
    assert not {"hangul-han-leak", "han-script-variant"} & {c for c, _ in found}  # one finding per cause


@pytest.mark.parametrize(("locale", "msgid", "msgstr"), RIGHT, ids=[f"{c[0]}-{c[2][:20]}" for c in RIGHT])
def test_right_language_and_source_names_are_accepted(locale: str, msgid: str, msgstr: str) -> None:
    assert "wrong-language" not in {c for c, _ in findings(locale, msgid, msgstr)}


def test_kana_is_an_error_and_a_copied_msgid_is_one_finding() -> None:
    assert ("kana-in-target", "error") in findings("ko", "本文へ移動", "본문으로 移動します")
    assert [c for c, _ in findings("en", "個人情報", "個人情報")] == ["same-as-source"]


def test_the_shipped_catalogs_have_no_wrong_language_and_no_drift(real_site: Path) -> None:
    result = run_cli(real_site, "check", "--format", "json", "--no-baseline")
    checks = {f["check"] for f in json.loads(result.out)["findings"]}
    assert not checks & {"wrong-language", "kana-in-target", "not-in-template", "missing-from-catalog"}
    assert result.code == 0


def set_msgstr(root: Path, catalog: str, msgid: str, msgstr: str) -> int:
    """Give one entry a new translation (as an editor would save it); its msgstr line."""
    path = root / catalog
    parsed = read_catalog(path, catalog)
    messages = tuple(replace(m, msgstr=msgstr, layout=None) if m.msgid == msgid else m for m in parsed.messages)
    save_catalog(replace(parsed, messages=messages), path)
    return next(m.msgstr_line for m in read_catalog(path, catalog).messages if m.msgid == msgid)


def test_english_in_korean_fails_check_stats_and_build_and_never_reaches_the_page(real_site: Path) -> None:
    """The issue's reproduction: the ko msgstr of 法令等の遵守 set to English."""
    assert run_cli(real_site, "build").code == 0
    page = real_site / "_site" / "ko" / "sitepolicy" / "index.html"
    line = set_msgstr(real_site, KO, "法令等の遵守", "Compliance with laws and regulations")
    check = run_cli(real_site, "check")
    assert check.code == 1
    assert f"{KO}:{line}:9: error: Latin-letter text 'Compliance with laws and regulations' where Korean is expected" in check.out
    stats = json.loads(run_cli(real_site, "stats", "--format", "json").out)
    korean = next(f for f in stats["locales"] if f["locale"] == "ko")
    assert korean["percent"] < 100 and korean["untranslated"] == 1
    assert run_cli(real_site, "compile").code == 1  # no .mo for other gettext consumers either
    assert run_cli(real_site, "build", "--strict").code == 1
    assert run_cli(real_site, "build").code == 1
    html = page.read_text(encoding="utf-8")
    assert "Compliance with laws" not in html and "법령 등의 준수" in html  # the last good page, TOC included


@pytest.mark.parametrize(("catalog", "msgid", "source", "expected"), [
    (ZH_HANT, "個人情報保護方針", "locales/zh_Hans/LC_MESSAGES/messages.po", "Simplified Chinese text"),
    (KO, "法令等の遵守", "locales/zh_Hans/LC_MESSAGES/messages.po", "Chinese (Han) text"),
    (EN, "個人情報の取得", None, "romanised Japanese"),
])
def test_pasted_text_of_another_language_is_found_at_its_line(real_site: Path, catalog: str, msgid: str,
                                                               source: str | None, expected: str) -> None:
    pasted = (next(m.msgstr for m in read_catalog(real_site / source, source).messages if m.msgid == msgid)
              if source else "Kojin jōhō no shutoku")
    line = set_msgstr(real_site, catalog, msgid, pasted)
    result = run_cli(real_site, "check", "--format", "json")
    assert result.code == 1
    found = [f for f in json.loads(result.out)["findings"] if f["check"] == "wrong-language"]
    assert [(f["file"], f["line"], f["severity"]) for f in found] == [(catalog, line, "error")]
    assert found[0]["column"] is not None and expected in found[0]["message"]


def test_an_edited_msgid_is_drift_at_both_lines_as_msgcmp_reports_it(real_site: Path) -> None:
    per_message_fallback(real_site)
    path = real_site / ZH_HANT
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('msgid "個人情報の取得"', 'msgid "個人情報の取得。"', 1), encoding="utf-8")
    msgid_line = text.splitlines().index('msgid "個人情報の取得"') + 1
    result = run_cli(real_site, "check", "--locale", "zh_Hant")
    pot_line = (real_site / "locales/messages.pot").read_text(encoding="utf-8").splitlines().index('msgid "個人情報の取得"') + 1
    assert (f"{ZH_HANT}:{msgid_line}: warning: msgid '個人情報の取得。' is not in locales/messages.pot "
            f"(changed from '個人情報の取得' at locales/messages.pot:{pot_line}?)") in result.out
    assert f"locales/messages.pot:{pot_line}: warning: msgid '個人情報の取得' is missing from {ZH_HANT}" in result.out
    if shutil.which("msgcmp"):
        gnu = subprocess.run(["msgcmp", "--use-fuzzy", "--use-untranslated", str(path), "locales/messages.pot"],
                             cwd=real_site, capture_output=True, text=True, check=False)
        assert gnu.returncode == 1
        # The same one message; msgcmp counts the line where its msgid ends (the msgstr follows).
        reported = re.findall(r"messages\.pot:(\d+): this message is used but not defined", gnu.stderr)
        assert len(reported) == 1 and pot_line <= int(reported[0]) <= pot_line + 1
    build = run_cli(real_site, "build")
    assert (f"{ZH_HANT}: warning: missing from the catalog (run 'policy-pipeline update'): zh-hant/sitepolicy/index.html "
            "shows the 日本語 source '個人情報の取得' in its place [fallback]") in build.err


def test_the_shipped_catalogs_agree_with_msgcmp(real_site: Path) -> None:
    if shutil.which("msgcmp") is None:
        pytest.skip("GNU gettext's msgcmp is not installed")
    for catalog in sorted((real_site / "locales").glob("*/LC_MESSAGES/messages.po")):
        gnu = subprocess.run(["msgcmp", "--use-fuzzy", "--use-untranslated", str(catalog), "locales/messages.pot"],
                             cwd=real_site, capture_output=True, text=True, check=False)
        assert gnu.returncode == 0, gnu.stderr


def test_fallback_warnings_keep_tags_and_placeholders_whole(real_site: Path) -> None:
    per_message_fallback(real_site)
    path = real_site / KO
    text = path.read_text(encoding="utf-8")
    start = '#, python-format\nmsgid ""\n"<a href=\\"%(url)s\\">Googleのサービス'
    assert start in text
    path.write_text(text.replace(start, start.replace("#, python-format", "#, fuzzy, python-format"), 1), encoding="utf-8")
    line = text[:text.index(start)].count("\n") + 5  # the msgstr line of that entry
    build = run_cli(real_site, "build")
    warning = next(w for w in build.err.splitlines() if "[fallback]" in w and w.startswith(KO))
    assert warning.startswith(f"{KO}:{line}: warning: fuzzy: ko/sitepolicy/index.html shows the 日本語 source '<a href=\"%(url)s\">")
    assert "…' in its place" in warning


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ('<a href="%(url)s">Googleのサービスを使用するサイト</a>', 12, '<a href="%(url)s">…'),
    ('<a href="%(url)s">Googleのサービスを使用するサイト</a>', 22, '<a href="%(url)s">Goog…'),
    ("利用者は%(count)d件の情報を確認できます", 6, "利用者は…"),
    ("Compliance with laws and regulations", 20, "Compliance with…"),
    ("短い", 40, "短い"),
])
def test_excerpts_never_cut_a_tag_or_a_placeholder(text: str, limit: int, expected: str) -> None:
    assert excerpt(text, limit) == expected
