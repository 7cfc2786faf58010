"""Catalogs from elsewhere (English msgids, C programs, GNU rules): `check` says only what it can
judge, with `msgfmt -c` as the reference for formats and plural rules."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, run_cli

FOREIGN = REPO / "tests" / "fixtures" / "foreign"


def msgfmt_errors(path: Path) -> int:
    """How many entries GNU msgfmt -c rejects in the file."""
    done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    found = re.search(r"found (\d+) fatal errors?", done.stderr)
    return int(found.group(1)) if found else 0


def findings(mini: Path, path: Path) -> tuple[int, list[tuple[str, int, str]]]:
    """Exit code and (severity, line, id) of every finding of the real CLI on the file."""
    run = run_cli(mini, "check", str(path))
    parsed = re.findall(r"^\S+?:(\d+)(?::\d+)?: (error|warning): .* \[([\w-]+)\]$", run.out, re.MULTILINE)
    return run.code, [(severity, int(line), check_id) for line, severity, check_id in parsed]


def test_a_correct_gnu_catalog_from_elsewhere_has_no_errors(mini: Path) -> None:
    catalog = FOREIGN / "fr_gnu.po"
    assert msgfmt_errors(catalog) == 0
    code, found = findings(mini, catalog)
    assert code == 0
    # GNU's French rule works as the catalog says: a warning to review, not an error; the fuzzy
    # entry's broken directive is the translator's to review (it is never published).
    assert [(s, i) for s, _, i in found] == [("warning", "plural-forms"), ("warning", "completeness"), ("warning", "format-c")]
    assert found[2][1] == found[1][1]


def test_c_format_mistakes_are_the_entries_msgfmt_rejects(mini: Path) -> None:
    catalog = FOREIGN / "fr_broken.po"
    code, found = findings(mini, catalog)
    errors = sorted({line for severity, line, check_id in found if severity == "error" and check_id == "format-c"})
    assert code == 1
    assert len(errors) == msgfmt_errors(catalog) == 4


def test_rules_for_a_japanese_source_say_nothing_about_an_english_one(mini: Path, tmp_path: Path) -> None:
    body = ('msgid ""\nmsgstr ""\n"Language: ko\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
            'msgid "Open the file that was selected in the list of recent documents"\nmsgstr "열기"\n\n'
            'msgid "Cancel"\nmsgstr "취소."\n')
    elsewhere = tmp_path / "ko.po"
    elsewhere.write_text(body, encoding="utf-8")
    assert findings(mini, elsewhere) == (0, [])
    # The same entries in the project (a Japanese source is expected there) are judged.
    inside = mini / "locales" / "ko" / "LC_MESSAGES" / "other.po"
    shutil.copy(elsewhere, inside)
    assert {i for _, _, i in findings(mini, inside)[1]} >= {"length-ratio", "end-punct"}


@pytest.mark.parametrize(("directive", "accepted"), [
    ("%2$s %1$s", True), ("%1$s %2$s", True), ("%s %s", True), ("%s %d", False), ("%s", False), ("%s %s %s", False),
])
def test_reordered_c_arguments_follow_msgfmt(mini: Path, tmp_path: Path, directive: str, accepted: bool) -> None:
    catalog = tmp_path / "fr.po"
    catalog.write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                       '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
                       f'#, c-format\nmsgid "%s and %s"\nmsgstr "{directive}"\n', encoding="utf-8")
    assert (msgfmt_errors(catalog) == 0) is accepted
    assert (findings(mini, catalog)[0] == 0) is accepted


def test_a_region_locale_gets_its_scripts_typography(mini: Path, tmp_path: Path) -> None:
    # zh_TW and zh_CN write like zh_Hant and zh_Hans: full-width marks, not English ones.
    for locale, text in (("zh_TW", "大小為 %d 位元組：控制資訊，主封存檔。"), ("zh_CN", "已经分配了章节编号（嵌套的文档树？）")):
        catalog = tmp_path / f"{locale}.po"
        catalog.write_text(f'msgid ""\nmsgstr ""\n"Language: {locale}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                           '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
                           f'msgid "Size %d bytes: control, main."\nmsgstr "{text}"\n', encoding="utf-8")
        assert findings(mini, catalog) == (0, [])


def test_a_format_flag_added_in_the_project_never_bypasses_the_python_check(mini: Path) -> None:
    """Jinja2 %-formats every message of the project whatever its flags: a translator's editor
    adding `c-format` must not switch the python-format check off (the page would break)."""
    catalog = mini / "locales" / "ko" / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text(encoding="utf-8")
    entry = 'msgid "%(page)s | %(site)s"\nmsgstr "%(page)s | %(site)s"'
    assert entry in text
    catalog.write_text(text.replace(entry, '#, c-format\nmsgid "%(page)s | %(site)s"\nmsgstr "%(page)s | %(site)s 100%"'), encoding="utf-8")
    checked = run_cli(mini, "check", "--locale", "ko")
    assert checked.code == 1 and "[format-python]" in checked.out
    assert run_cli(mini, "build").code == 1


def test_a_fallback_says_why_when_the_translation_cannot_be_formatted(mini: Path) -> None:
    catalog = mini / "locales" / "ko" / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text(encoding="utf-8")
    entry = 'msgid "%(page)s | %(site)s"\nmsgstr "%(page)s | %(site)s"'
    catalog.write_text(text.replace(entry, '#, no-python-format\nmsgid "%(page)s | %(site)s"\nmsgstr "%(page)s 100% | %(site)s"'), encoding="utf-8")
    built = run_cli(mini, "build")
    assert "a '%' Python formatting rejects: ko/" in built.err and "fuzzy:" not in built.err, built.err
