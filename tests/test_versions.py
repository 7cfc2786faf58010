"""Versioned legal documents (issue 13): releases, the archive, pinned translations, sign-off.

Scenario tests on the miniature site with three releases, driven through the real CLI; catalogs
are rewritten with GNU gettext (msgattrib, msgcat) the way translators' tools rewrite them."""

from __future__ import annotations

import re
import subprocess
import tomllib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import html5lib
import pytest
from lxml import etree

from pipeline.catalog.pofile import read_catalog
from pipeline.catalog.powriter import save_catalog

from conftest import run_cli

R1, R2, R3 = "2026-04-01", "2026-10-01", "2027-04-01"
OLD_SENTENCE, NEW_SENTENCE = "本規約は予告なく変更することがあります。", "本規約は事前の通知により変更することがあります。"
DATA_HEADING, DATA_TEXT = "データの取扱い", "利用者のデータは法令に従って取り扱います。"
LOG_TEXT = "アクセスログは一年間保存します。"
SUMMARY_R2 = "データの取扱いに関する条項を追加しました。"
KO = {NEW_SENTENCE: "본 약관은 사전 통지에 의해 변경될 수 있습니다.", DATA_HEADING: "데이터 취급",
      DATA_TEXT: "이용자의 데이터는 법령에 따라 취급합니다.", LOG_TEXT: "접속 기록은 1년간 보존합니다.",
      SUMMARY_R2: "데이터 취급에 관한 조항을 추가했습니다."}
EN = {NEW_SENTENCE: "These terms may change after prior notice.", DATA_HEADING: "Handling of data",
      DATA_TEXT: "We handle users' data in accordance with the law."}


def ok(root: Path, *args: str) -> str:
    result = run_cli(root, *args)
    assert result.code == 0, result.err
    return result.out + result.err


def translate(root: Path, locale: str, texts: Mapping[str, str]) -> None:
    """What a translator does in an editor: fill in msgstr, clear fuzzy."""
    path = root / "locales" / locale / "LC_MESSAGES/messages.po"
    catalog = read_catalog(path, str(path))
    messages = tuple(replace(m, msgstr=texts[m.msgid], flags=tuple(f for f in m.flags if f != "fuzzy"), previous_msgid=None)
                     if m.msgid in texts and not m.obsolete else m for m in catalog.messages)
    save_catalog(replace(catalog, messages=messages), path)


def edit_template(root: Path, old: str, new: str) -> None:
    page = root / "templates/page.html.j2"
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new, 1), encoding="utf-8")


def three_releases(root: Path, tmp_path: Path) -> None:
    """R1 as shipped; R2 changes a sentence and adds a section; R3 adds a paragraph. ko keeps
    up; en translates R2 but not R3 (it lags by one version)."""
    ok(root, "release", "--effective", R1)
    edit_template(root, OLD_SENTENCE, NEW_SENTENCE)
    edit_template(root, '<section id="other">', f'<section id="data">\n<h2>{{% trans %}}{DATA_HEADING}{{% endtrans %}}</h2>\n'
                                             f'<p>{{% trans %}}{DATA_TEXT}{{% endtrans %}}</p>\n</section>\n<section id="other">')
    ok(root, "extract")
    ok(root, "update")
    summary = tmp_path / "summary.txt"
    summary.write_text(SUMMARY_R2 + "\n", encoding="utf-8")
    ok(root, "release", "--effective", R2, "--summary-from", str(summary))
    ok(root, "update")
    translate(root, "ko", KO)
    translate(root, "en", EN)
    edit_template(root, f"<p>{{% trans %}}{DATA_TEXT}{{% endtrans %}}</p>",
                  f"<p>{{% trans %}}{DATA_TEXT}{{% endtrans %}}</p>\n<p>{{% trans %}}{LOG_TEXT}{{% endtrans %}}</p>")
    ok(root, "extract")
    ok(root, "update")
    ok(root, "release", "--effective", R3)
    translate(root, "ko", KO)


def parse(path: Path) -> etree._Element:
    return html5lib.parse(path.read_bytes(), treebuilder="lxml", namespaceHTMLElements=False)


def text_of(node: etree._Element) -> str:
    return " ".join("".join(node.itertext()).split())


def change_text(item: etree._Element) -> str:
    """A change as read: its kind, then the old and the new passage."""
    return " ".join(text_of(p) for p in item.xpath("p"))


def test_a_lagging_translation_publishes_its_complete_older_version_with_a_notice(mini: Path, tmp_path: Path) -> None:
    three_releases(mini, tmp_path)
    ok(mini, "build")
    site = mini / "_site"
    en = parse(site / "en/terms/index.html")
    notice = en.xpath("//main//*[@data-notice='version']")[0]
    assert "October 1, 2026" in text_of(notice) and "April 1, 2027" in text_of(notice)
    assert notice.xpath(".//a/@href") == ["../../ja/terms/", f"../../ja/terms/versions/{R3}/changes/"]
    assert en.xpath("//dl[@data-furniture='dates']//time/@datetime")[0] == R2
    assert "Handling of data" in text_of(en.xpath("//main")[0]) and LOG_TEXT not in text_of(en.xpath("//main")[0])
    assert not en.xpath("//*[@data-fallback]")  # a complete older version, not a patchwork
    ko = parse(site / "ko/terms/index.html")
    assert not ko.xpath("//*[@data-notice='version']") and "접속 기록은 1년간 보존합니다." in text_of(ko.xpath("//main")[0])
    ja = parse(site / "ja/terms/index.html")
    assert LOG_TEXT in text_of(ja.xpath("//main")[0])
    # The history lists every version up to the one shown, with its summary in the page's language.
    assert [text_of(li) for li in ko.xpath("//ol[@class='history']/li")] == [
        "2026년 4월 1일", "2026년 10월 1일 데이터 취급에 관한 조항을 추가했습니다.", "2027년 4월 1일"]


def test_the_archive_lists_every_version_of_each_language(mini: Path, tmp_path: Path) -> None:
    three_releases(mini, tmp_path)
    ok(mini, "build")
    site = mini / "_site"
    expected = {"ja": [R3, R2, R1], "ko": [R3, R2, R1], "en": [R2, R1]}
    for folder, versions in expected.items():
        index = parse(site / folder / "terms/versions/index.html")
        rows = index.xpath("//table[@class='versions']/tbody/tr")
        assert [row.xpath("td[1]//time/@datetime")[0] for row in rows] == versions
        assert [row.xpath("td[4]/a/@href")[0] for row in rows] == [f"../../../ja/terms/versions/{v}/" for v in versions]
        for version in versions:
            assert (site / folder / "terms/versions" / version / "index.html").is_file()
    assert not (site / "en/terms/versions" / R3).exists()
    past = parse(site / f"en/terms/versions/{R1}/index.html")
    notice = past.xpath("//main//*[@data-notice='version']")[0]
    assert "April 1, 2026" in text_of(notice) and "October 1, 2026" in text_of(notice)
    assert notice.xpath(".//a/@href") == ["../../../../en/terms/"]
    assert past.xpath("//link[@rel='canonical']/@href") == [f"https://example.org/policy/en/terms/versions/{R1}/"]
    assert sorted(past.xpath("//link[@rel='alternate']/@hreflang")) == ["en", "ja", "ko", "x-default"]
    # The page of a language's current version points search engines at the current page.
    current = parse(site / f"en/terms/versions/{R2}/index.html")
    assert current.xpath("//link[@rel='canonical']/@href") == ["https://example.org/policy/en/terms/"]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>https://example.org/policy/ko/terms/versions/{R2}/</loc><lastmod>{R2}</lastmod>" in sitemap
    assert f"<loc>https://example.org/policy/en/terms/</loc><lastmod>{R2}</lastmod>" in sitemap
    assert f"<loc>https://example.org/policy/en/terms/versions/{R2}/</loc>" not in sitemap


def test_what_changed_pages_show_added_removed_and_changed_passages(mini: Path, tmp_path: Path) -> None:
    three_releases(mini, tmp_path)
    ok(mini, "build")
    site = mini / "_site"
    ja = parse(site / f"ja/terms/versions/{R2}/changes/index.html")
    changes = [(li.get("class"), change_text(li)) for li in ja.xpath("//ol[@class='changes']/li")]
    assert changes == [("change change-added", f"追加 {DATA_HEADING}"), ("change change-added", f"追加 {DATA_TEXT}"),
                       ("change change-changed", f"変更 {OLD_SENTENCE} {NEW_SENTENCE}")]
    en = parse(site / f"en/terms/versions/{R2}/changes/index.html")
    assert [change_text(li) for li in en.xpath("//ol[@class='changes']/li")][-1] == (
        "Changed These terms may change without notice. These terms may change after prior notice.")
    ko = parse(site / f"ko/terms/versions/{R3}/changes/index.html")
    assert [change_text(li) for li in ko.xpath("//ol[@class='changes']/li")] == ["추가 접속 기록은 1년간 보존합니다."]
    assert not (site / f"en/terms/versions/{R3}/changes").exists()  # en does not have both versions


def rewrite_like_editors(root: Path) -> None:
    """Poedit purges obsolete entries; msgcat rewrites the layout (here: no wrapping)."""
    for catalog in root.glob("locales/*/LC_MESSAGES/messages.po"):
        purged = subprocess.run(["msgattrib", "--no-obsolete", str(catalog)], capture_output=True, check=True).stdout
        subprocess.run(["msgcat", "--no-wrap", "-", "-o", str(catalog)], input=purged, check=True)
        assert "#~" not in catalog.read_text(encoding="utf-8")


def test_past_versions_are_byte_identical_across_builds_and_catalog_rewrites(mini: Path, tmp_path: Path) -> None:
    three_releases(mini, tmp_path)
    # update kept R1's translations before merging R2's text; release kept R2's before R3.
    assert {p.name for p in (mini / "locales/en/releases").iterdir()} == {f"{R1}.po", f"{R2}.po"}
    ok(mini, "build")
    past = [f"{lang}/terms/versions/{v}/index.html" for lang, v in (("ja", R1), ("ja", R2), ("en", R1), ("ko", R1), ("ko", R2))]
    past += [f"ko/terms/versions/{R2}/changes/index.html", f"en/terms/versions/{R2}/changes/index.html"]
    before = {p: (mini / "_site" / p).read_bytes() for p in past}
    ok(mini, "build")
    assert {p: (mini / "_site" / p).read_bytes() for p in past} == before
    rewrite_like_editors(mini)
    translate(mini, "ko", {"適用範囲": "적용범위"})  # a later fix of the current translation
    ok(mini, "update", "--check")
    ok(mini, "build")
    assert {p: (mini / "_site" / p).read_bytes() for p in past} == before
    assert "적용범위" in (mini / "_site/ko/terms/index.html").read_text(encoding="utf-8")


def signoffs(root: Path) -> list[dict[str, str]]:
    data = tomllib.loads((root / "locales/ko/signoff.toml").read_text(encoding="utf-8"))
    return list(data["signoff"])


def test_signoff_is_required_invalidated_by_an_edit_and_restored(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    config = mini / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[tool.policy-pipeline.locale.ko]\nrequire_signoff = true\n", encoding="utf-8")
    ok(mini, "release", "--effective", R1)
    ok(mini, "build")
    assert not (mini / "_site/ko").exists() and (mini / "_site/en/terms/index.html").is_file()
    out = ok(mini, "signoff", "--locale", "ko", "--by", "Legal, Kim")
    assert f"ko version {R1} signed off by Legal, Kim" in out
    [entry] = signoffs(mini)
    assert (entry["release"], entry["by"], entry["at"]) == (R1, "Legal, Kim", "2026-09-21T14:13:20Z")
    assert entry["digest"].startswith("sha256:")
    ok(mini, "build")
    assert "본 약관은 예고 없이" in (mini / "_site/ko/terms/index.html").read_text(encoding="utf-8")
    # An edit after the sign-off is not published until it is signed off again.
    translate(mini, "ko", {OLD_SENTENCE: "본 약관은 예고 없이 바뀔 수 있습니다."})
    ok(mini, "build")
    page = (mini / "_site/ko/terms/index.html").read_text(encoding="utf-8")
    assert "본 약관은 예고 없이 변경될 수 있습니다." in page and "바뀔 수" not in page
    import json
    report = json.loads((mini / "_reports/build-report.json").read_text(encoding="utf-8"))
    ko = next(loc for loc in report["locales"] if loc["locale"] == "ko")
    assert ko["versions"] == {"published": R1, "in_progress": None, "waiting_for_signoff": R1}
    assert "Waiting for sign-off" in (mini / "_reports/status.html").read_text(encoding="utf-8")
    ok(mini, "signoff", "--locale", "ko", "--by", "Legal, Park")
    ok(mini, "build")
    assert "바뀔 수" in (mini / "_site/ko/terms/index.html").read_text(encoding="utf-8")
    assert [e["by"] for e in signoffs(mini)] == ["Legal, Park"]


def test_an_unsigned_newer_version_leaves_the_signed_one_published(mini: Path, tmp_path: Path) -> None:
    nothing = run_cli(mini, "signoff", "--locale", "ko", "--by", "Kim")
    assert nothing.code == 1 and "there is no release to sign off: run 'policy-pipeline release' first" in nothing.err
    config = mini / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[tool.policy-pipeline.locale.ko]\nrequire_signoff = true\n", encoding="utf-8")
    ok(mini, "release", "--effective", R1)
    ok(mini, "signoff", "--locale", "ko", "--by", "Kim")
    edit_template(mini, OLD_SENTENCE, NEW_SENTENCE)
    ok(mini, "extract")
    ok(mini, "update")
    ok(mini, "release", "--effective", R2)
    translate(mini, "ko", KO)
    ok(mini, "build")
    ko = parse(mini / "_site/ko/terms/index.html")
    assert ko.xpath("//main//*[@data-notice='version']") and ko.xpath("//dl[@data-furniture='dates']//time/@datetime")[0] == R1
    ok(mini, "signoff", "--locale", "ko", "--by", "Kim")
    ok(mini, "build")
    ko = parse(mini / "_site/ko/terms/index.html")
    assert not ko.xpath("//main//*[@data-notice='version']") and KO[NEW_SENTENCE] in text_of(ko.xpath("//main")[0])
    assert [e["release"] for e in signoffs(mini)] == [R1, R2]


def test_release_refuses_with_one_line_and_writes_nothing(mini: Path) -> None:
    ok(mini, "release", "--effective", R2)
    edit_template(mini, OLD_SENTENCE, NEW_SENTENCE)
    stale = run_cli(mini, "release", "--effective", R3)
    assert stale.code == 1 and stale.err.strip().splitlines() == [
        "locales/messages.pot: error: out of date with the templates: run 'policy-pipeline extract' and 'update' first [release]"]
    ok(mini, "extract")
    before = run_cli(mini, "release", "--effective", R1)
    assert before.code == 1 and "must not be before the last release 2026-10-01" in before.err
    assert len(before.err.strip().splitlines()) == 1
    assert sorted(p.name for p in (mini / "locales/releases").iterdir()) == [R2]
    bad = run_cli(mini, "release", "--effective", "1 April")
    assert bad.code == 2 and "not a date such as 2027-04-01" in bad.err
    missing = run_cli(mini, "release", "--effective", R3, "--summary-from", str(mini / "nowhere.txt"))
    assert missing.code == 2 and len(missing.err.strip().splitlines()) == 1 and "nowhere.txt: does not exist" in missing.err
    assert sorted(p.name for p in (mini / "locales/releases").iterdir()) == [R2]
    ok(mini, "release", "--effective", R2)  # the same date again: a second release that day
    assert sorted(p.name for p in (mini / "locales/releases").iterdir()) == [R2, f"{R2}-2"]
    again = run_cli(mini, "release", "--effective", R3)
    assert again.code == 1 and f"nothing changed since release {R2}-2" in again.err


def test_summary_reaches_the_catalogs_and_update_check_passes_a_completed_catalog(mini: Path, tmp_path: Path) -> None:
    ok(mini, "release", "--effective", R1)
    edit_template(mini, OLD_SENTENCE, NEW_SENTENCE)
    ok(mini, "extract")
    summary = tmp_path / "summary.txt"
    summary.write_text(SUMMARY_R2, encoding="utf-8")
    ok(mini, "release", "--effective", R2, "--summary-from", str(summary))
    pot = (mini / "locales/messages.pot").read_text(encoding="utf-8")
    assert f'msgctxt "release {R2}: summary of the changes"\nmsgid "{SUMMARY_R2}"' in pot
    ok(mini, "update")
    translate(mini, "ko", KO)  # completed in an editor: no header, no bookkeeping
    check = run_cli(mini, "update", "--check")
    assert check.code == 0, check.out
    ok(mini, "build")
    assert KO[SUMMARY_R2] in (mini / "_site/ko/terms/versions/index.html").read_text(encoding="utf-8")
    en_index = parse(mini / "_site/en/terms/versions/index.html")
    assert en_index.xpath("//td/span[@lang='ja']/text()") in ([], [SUMMARY_R2])


def test_fallback_locales_publish_the_newest_version_with_marked_passages(mini: Path) -> None:
    config = mini / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[tool.policy-pipeline.locale.en]\nversions = "fallback"\n', encoding="utf-8")
    ok(mini, "release", "--effective", R1)
    edit_template(mini, OLD_SENTENCE, NEW_SENTENCE)
    ok(mini, "extract")
    ok(mini, "update")
    ok(mini, "release", "--effective", R2)
    ok(mini, "build")
    en = parse(mini / "_site/en/terms/index.html")
    assert en.xpath("//dl[@data-furniture='dates']//time/@datetime")[0] == R2
    assert en.xpath("//*[@data-fallback][@lang='ja']/text()") == [NEW_SENTENCE]
    ko = parse(mini / "_site/ko/terms/index.html")
    assert ko.xpath("//dl[@data-furniture='dates']//time/@datetime")[0] == R1


def test_unreleased_changes_stay_off_the_public_site(mini: Path) -> None:
    ok(mini, "release", "--effective", R1)
    edit_template(mini, OLD_SENTENCE, NEW_SENTENCE)
    ok(mini, "extract")
    ok(mini, "build")
    assert NEW_SENTENCE not in (mini / "_site/ja/terms/index.html").read_text(encoding="utf-8")
    assert NEW_SENTENCE in (mini / "_reports/unreleased/ja/terms/index.html").read_text(encoding="utf-8")


def test_the_shipped_project_releases_signs_off_and_builds(real_site: Path, tmp_path: Path) -> None:
    """What the acceptance check does, on a copy of the shipped project."""
    ok(real_site, "build")
    ja = parse(real_site / "_site/ja/sitepolicy/index.html")
    assert ja.xpath("//dl[@data-furniture='dates']//time/@datetime") == ["2026-11-25"]
    assert not re.search(r"\b[0-9a-f]{10}\b", (real_site / "_site/ko/sitepolicy/index.html").read_text(encoding="utf-8"))
    refused = run_cli(real_site, "release", "--effective", R3)
    assert refused.code == 1 and "nothing changed since release 2026-11-25" in refused.err
    page = real_site / "templates/sitepolicy.html.j2"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "本サイトポリシーは、予告なく変更することがあります。", "本サイトポリシーは、必要に応じて変更することがあります。"), encoding="utf-8")
    ok(real_site, "extract")
    ok(real_site, "update")
    ok(real_site, "release", "--effective", R3)
    ok(real_site, "signoff", "--locale", "en", "--by", "Legal")
    ok(real_site, "build")
    ko = parse(real_site / "_site/ko/sitepolicy/index.html")
    notice = text_of(ko.xpath("//main//*[@data-notice='version']")[0])
    assert "2026년 11월 25일" in notice and "2027년 4월 1일" in notice
    assert (real_site / f"_site/ja/sitepolicy/versions/{R3}/changes/index.html").is_file()
    assert (real_site / "locales/en/releases/2026-11-25.po").is_file()


def test_a_new_signoff_is_seen_by_an_incremental_build(mini: Path) -> None:
    config = mini / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[tool.policy-pipeline.locale.ko]\nrequire_signoff = true\n", encoding="utf-8")
    ok(mini, "release", "--effective", R1)
    ok(mini, "build")
    assert "(unchanged)" in ok(mini, "build")
    ok(mini, "signoff", "--locale", "ko", "--by", "Kim")
    assert "(unchanged)" not in ok(mini, "build")
    assert (mini / "_site/ko/terms/index.html").is_file()


def test_a_broken_release_record_is_one_line_naming_the_file(mini: Path) -> None:
    ok(mini, "release", "--effective", R1)
    record = mini / f"locales/releases/{R1}/release.toml"
    record.write_text("date = 'soon'\n", encoding="utf-8")
    result = run_cli(mini, "build")
    assert result.code == 1 and result.err.strip().splitlines()[0].startswith(f"locales/releases/{R1}/release.toml: error: needs date")
    assert "Traceback" not in result.err and not (mini / "_site").exists()
    (mini / "locales/ko/signoff.toml").write_text("[[signoff]]\nrelease = 1\n", encoding="utf-8")
    record.write_text(f"date = {R1}\ndigest = \"x\"\n", encoding="utf-8")
    broken = run_cli(mini, "signoff", "--locale", "ko", "--by", "Kim")
    assert broken.code == 1 and broken.err.startswith("locales/ko/signoff.toml: error: unreadable sign-off record")


def test_version_settings_are_validated(mini: Path) -> None:
    config = mini / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[tool.policy-pipeline.locale.ko]\nrequire_signoff = "yes"\nversions = "latest"\n', encoding="utf-8")
    result = run_cli(mini, "build")
    assert result.code == 2
    assert "tool.policy-pipeline.locale.ko.require_signoff: must be true or false" in result.err
    assert "tool.policy-pipeline.locale.ko.versions: must be one of complete, fallback" in result.err


def test_serve_shows_unreleased_changes(mini: Path) -> None:
    import io

    from pipeline.cli.terminal import Terminal
    from pipeline.config import load_config
    from pipeline.serve.server import DevServer

    ok(mini, "release", "--effective", R1)
    edit_template(mini, OLD_SENTENCE, NEW_SENTENCE)
    ok(mini, "extract")
    server = DevServer(load_config(mini), mini / "_site", 0, Terminal(io.StringIO(), io.StringIO()))
    try:
        server.rebuild()
    finally:
        server.http.server_close()
    assert NEW_SENTENCE in (mini / "_site/ja/terms/index.html").read_text(encoding="utf-8")
    ok(mini, "build")  # the public build: released versions only
    assert NEW_SENTENCE not in (mini / "_site/ja/terms/index.html").read_text(encoding="utf-8")


def test_the_status_page_of_a_failed_build_still_names_the_current_release(real_site: Path) -> None:
    catalog = real_site / "locales/ko/LC_MESSAGES/messages.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgstr "법령 등의 준수"', 'msgstr "<script>x</script>법령"', 1), encoding="utf-8")
    failed = run_cli(real_site, "build")
    status = (real_site / "_reports/status.html").read_text(encoding="utf-8")
    assert failed.code == 1 and "The build failed" in status
    assert "current release" in status and "No release recorded yet" not in status
