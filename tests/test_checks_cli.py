"""`policy-pipeline check` end to end: planted defects, exemptions, baselines, formats, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli

KO = "locales/ko/LC_MESSAGES/messages.po"
EN = "locales/en/LC_MESSAGES/messages.po"

PLANTED = [
    (5, "header-boilerplate"), (12, "format-python"), (12, "format-python"), (15, "html-tags"), (15, "html-presentational"),
    (18, "html-tags"), (18, "url"), (18, "url"), (21, "html-unsafe"), (24, "completeness"), (27, "kana-in-target"),
    (27, "hangul-han-leak"), (30, "punct-width"), (30, "punct-width"), (33, "quote-style"), (36, "numbers"), (39, "end-punct"), (42, "glossary"),
    (45, "duplicate"), (52, "double-space"), (52, "punct-width"), (52, "paired-marks"),
]


# The planted fixtures were written for another template than the mini site's: what the
# template-drift checks say about that is tested in test_language_drift.py.
DRIFT = ("not-in-template", "missing-from-catalog")


def planted(findings: list[tuple[int, str]]) -> list[tuple[int, str]]:
    return [f for f in findings if f[1] not in DRIFT]


def install(root: Path, fixture: str, target: str = KO) -> Path:
    shutil.copyfile(FIXTURES / "checks" / fixture, root / target)
    shutil.copyfile(FIXTURES / "checks" / "glossary.toml", root / "locales" / "glossary.toml")
    return root


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_every_planted_defect_is_reported_in_one_run_at_its_line(mini: Path) -> None:
    result = run_cli(install(mini, "planted_ko.po"), "check", "--format", "json")
    assert result.code == 1
    document = json.loads(result.out)
    assert planted([(f["line"], f["check"]) for f in document["findings"]]) == PLANTED
    drift = sum(1 for f in document["findings"] if f["check"] in DRIFT)
    assert document["summary"] == {"errors": 9, "warnings": 13 + drift, "files": 2}
    assert result.err == f"9 errors, {13 + drift} warnings in 2 catalogs\n"


def test_a_broken_catalog_does_not_hide_the_others(mini: Path) -> None:
    install(mini, "planted_ko.po")
    (mini / EN).write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    lines = run_cli(mini, "check").out.splitlines()
    assert lines[0] == f"{EN}:2:8: error: unterminated string: add the closing quote [po-syntax]"
    assert len([line for line in lines if line.startswith(KO) and not line.endswith(("[not-in-template]", "[missing-from-catalog]"))]) == len(PLANTED)


def test_paths_and_locale_select_catalogs(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(mini)  # paths on the command line are relative to the current folder
    install(mini, "planted_ko.po")
    assert run_cli(mini, "check", EN).out == "0 errors, 0 warnings in 1 catalog\n"
    assert run_cli(mini, "check", "--locale", "en").code == 0
    assert run_cli(mini, "check", str(mini / KO)).code == 1
    assert run_cli(mini, "check", "--locale", "fr").code == 2


def test_exemptions_need_a_reason_and_only_exempt_warnings(mini: Path) -> None:
    catalog = mini / KO
    replace_in(catalog, 'msgid "本文へ移動"', '# check: ignore=double-space -- a quoted name with two spaces\nmsgid "本文へ移動"')
    replace_in(catalog, 'msgstr "본문 바로가기"', 'msgstr "본문  바로가기"')
    assert run_cli(mini, "check", "--strict").code == 0
    replace_in(catalog, "-- a quoted name with two spaces", "")
    out = run_cli(mini, "check").out.splitlines()
    assert out[0] == f"{KO}:24: warning: exemption without a reason: add ' -- why' so reviewers can judge it [exemption]"
    assert out[1].startswith(f"{KO}:26:")
    assert "two spaces in a row" in out[1]
    replace_in(catalog, "# check: ignore=double-space", "# check: ignore=html-unsafe -- trusted")
    assert "html-unsafe reports errors, which cannot be exempted" in run_cli(mini, "check").out
    replace_in(catalog, "# check: ignore=html-unsafe -- trusted", "# check: ignore=numbers -- none")
    assert "exempts numbers but no such warning remains" in run_cli(mini, "check").out


def test_exemption_comment_survives_update(mini: Path) -> None:
    catalog = mini / KO
    replace_in(catalog, 'msgid "本文へ移動"', '# check: ignore=end-punct -- house style\nmsgid "本文へ移動"')
    assert run_cli(mini, "update").code == 0
    assert "# check: ignore=end-punct -- house style\n" in catalog.read_text(encoding="utf-8")


def test_strict_and_max_warnings(mini: Path) -> None:
    catalog = mini / KO
    replace_in(catalog, 'msgstr "본문 바로가기"', 'msgstr "본문  바로가기"')
    assert run_cli(mini, "check").code == 0
    assert run_cli(mini, "check", "--strict").code == 1
    assert run_cli(mini, "check", "--max-warnings", "1").code == 0
    assert run_cli(mini, "check", "--max-warnings", "0").code == 1
    assert run_cli(mini, "check", "--max-warnings", "-1").code == 2


def test_baseline_freezes_warnings_by_fingerprint_across_line_shifts(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(mini)  # paths on the command line are relative to the current folder
    catalog = mini / KO
    replace_in(catalog, 'msgstr "본문 바로가기"', 'msgstr "본문  바로가기"')
    written = run_cli(mini, "check", "--write-baseline")
    assert written.code == 0 and "locales/check-baseline.json: 1 warning frozen" in written.err
    replace_in(catalog, "#. a link for keyboard users", "# a translator's note\n# another\n#. a link for keyboard users")
    frozen = run_cli(mini, "check", "--strict")
    assert frozen.code == 0 and frozen.out == "0 errors, 0 warnings in 2 catalogs (1 more frozen by the baseline)\n"
    replace_in(catalog, 'msgstr "언어 선택"', 'msgstr "언어  선택"')
    fresh = run_cli(mini, "check", "--strict", "--baseline", "locales/check-baseline.json")
    assert fresh.code == 1 and "[double-space]" in fresh.out and fresh.out.count("double-space") == 1
    assert run_cli(mini, "check", "--no-baseline").out.count("double-space") == 2


def test_json_sarif_and_github_formats(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install(mini, "planted_ko.po")
    sarif = json.loads(run_cli(mini, "check", "--format", "sarif").out)
    assert sarif["version"] == "2.1.0"
    results = [r for r in sarif["runs"][0]["results"] if r["ruleId"] not in DRIFT]
    assert len(results) == len(PLANTED)
    unsafe = next(r for r in results if r["ruleId"] == "html-unsafe")
    assert unsafe["level"] == "error"
    assert unsafe["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": KO}, "region": {"startLine": 21, "startColumn": 11, "endColumn": 19}}
    assert {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]} >= {"html-unsafe", "glossary", "src-context-missing"}
    output = tmp_path / "report.json"
    assert run_cli(mini, "check", "--format", "json", "--output", str(output)).out == ""
    assert json.loads(output.read_text(encoding="utf-8"))["version"] == 1
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    lines = run_cli(mini, "check", "--format", "github").out.splitlines()
    warnings = len(sarif["runs"][0]["results"]) - 9
    assert len(lines) == 9 + 10 + 2  # every error, ten warnings, the cut-off notice and the summary line
    assert lines[-2] == f"::notice title=policy-pipeline::{warnings - 10} more findings are not annotated: see the job summary for the full list"
    table = summary.read_text(encoding="utf-8")
    assert table.count(f"| `{KO}` |") == len(PLANTED) + sum(1 for r in sarif["runs"][0]["results"] if r["ruleId"] == "not-in-template")


def test_pot_source_checks(mini: Path) -> None:
    pot = mini / "locales" / "messages.pot"
    text = pot.read_text(encoding="utf-8")
    pot.write_text(text + '\n#, python-format\nmsgid "%s件の%sを%(x)s"\nmsgstr ""\n\nmsgid "同意する"\nmsgstr ""\n\n'
                   '#, python-format\nmsgid "%(n)s件、%(m)s件"\nmsgstr ""\n\n#, python-format\nmsgid "100%の本文"\nmsgstr ""\n', encoding="utf-8")
    lines = run_cli(mini, "check", "--pot").out.splitlines()
    ids = [line.rsplit("[", 1)[1].rstrip("]") for line in lines[:-1]]
    assert ids == ["src-format-invalid", "src-unnamed-placeholders", "src-short-placeholder-names", "src-context-missing",
                   "src-short-placeholder-names", "src-short-placeholder-names", "src-format-invalid"]
    assert "named and unnamed placeholders mixed" in lines[0]
    label_line = pot.read_text(encoding="utf-8").splitlines().index('msgid "同意する"') + 1
    assert lines[3].startswith(f"locales/messages.pot:{label_line}: warning: short label '同意する' without context")
    pot.write_text(text + '\n#, python-format\nmsgid "%s件の%s"\nmsgstr ""\n', encoding="utf-8")
    assert "2 unnamed placeholders" in run_cli(mini, "check", "--pot").out
    pot.write_text(text, encoding="utf-8")
    assert run_cli(mini, "check", "--pot").code == 0


def test_site_checks_find_kana_script_placeholders_and_empty_sections(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(mini)  # paths on the command line are relative to the current folder
    assert run_cli(mini, "build").code == 0
    assert run_cli(mini, "check", "--site", "_site").code == 0
    page = mini / "_site" / "ko" / "terms" / "index.html"
    html = page.read_text(encoding="utf-8")
    tampered = html.replace("</main>", "<p>ご利用 %(url)s</p><section id=\"x\"><h2>제목</h2></section></main>", 1)
    page.write_text(tampered, encoding="utf-8")
    out = run_cli(mini, "check", "--site", "_site").out
    assert "[site-kana]" in out and "[site-placeholder]" in out and "section x has no text" in out
    assert run_cli(mini, "check", "--site", "nowhere").code == 2


def test_shipped_site_pages_are_clean(built_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = built_site.parent
    monkeypatch.chdir(root)
    result = run_cli(root, "check", "--site", "_site", "--pot")
    assert result.code == 0, result.out


def test_named_catalog_outside_the_project_is_checked_as_its_locale(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 11 item 6: any catalog a translator names is checked, relative to the current folder."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copyfile(mini / KO, elsewhere / "ko.po")
    shutil.copyfile(mini / KO, elsewhere / "draft.po")  # no locale in its path: the Language header says ko
    monkeypatch.chdir(mini)
    for args in (("--locale", "ko", "../elsewhere/ko.po"), ("../elsewhere/draft.po",), ("--locale", "KO", "../elsewhere/draft.po")):
        result = run_cli(mini, "check", *args)
        assert (result.code, result.out, result.err) == (0, "0 errors, 0 warnings in 1 catalog\n", ""), args
    as_french = run_cli(mini, "check", "--locale", "fr", "../elsewhere/ko.po")  # a locale the project does not list
    assert as_french.code == 1 and as_french.err == "" and "ko.po:" in as_french.out
    monkeypatch.chdir(tmp_path)  # --root does not move where command-line paths start
    assert run_cli(mini, "check", "elsewhere/ko.po").out == "0 errors, 0 warnings in 1 catalog\n"
    missing = run_cli(mini, "check", "elsewhere/nothing.po")
    assert missing.code == 2 and "elsewhere/nothing.po: no such file" in missing.err
    (elsewhere / "x.po").write_bytes((mini / KO).read_bytes().replace(b"Language: ko", b"Language: "))
    unknown = run_cli(mini, "check", "elsewhere/x.po")
    assert unknown.code == 2 and "cannot tell its locale: pass --locale" in unknown.err
