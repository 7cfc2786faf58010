"""Issue 11 items 7, 11, 13, 14: stats rows for broken catalogs, one translated share, locale
spellings, completion of option values and escaped Markdown; all through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import run_cli

KO = "locales/ko/LC_MESSAGES/messages.po"


def test_stats_shows_a_broken_catalog_as_a_row_and_fails(mini: Path) -> None:
    (mini / KO).write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    table = run_cli(mini, "stats")
    assert table.code == 1
    assert any(line.startswith("ko ") and "BROKEN" in line and "unterminated string" in line for line in table.out.splitlines())
    markdown = run_cli(mini, "stats", "--format", "markdown")
    assert markdown.code == 1 and "| ko | **broken**: " in markdown.out
    document = json.loads(run_cli(mini, "stats", "--format", "json").out)
    assert [f["locale"] for f in document["locales"] if f["problem"]] == ["ko"]


def test_locale_in_either_spelling(real_site: Path) -> None:
    for spelling in ("zh-Hans", "zh_hans", "ZH-HANS"):
        result = run_cli(real_site, "check", "--locale", spelling)
        assert result.code == 0, (spelling, result.err)
    built = run_cli(real_site, "build", "--locale", "zh-Hant")
    assert built.code == 0, built.err
    config = real_site / "pyproject.toml"
    # The shipped config already has a ko table: spell its name in capitals and make it a draft.
    text = config.read_text(encoding="utf-8").replace("[tool.policy-pipeline.locale.ko]\n", "[tool.policy-pipeline.locale.KO]\ndraft = true\n")
    assert "locale.KO]" in text
    config.write_text(text, encoding="utf-8")
    held = run_cli(real_site, "build")
    assert held.code == 0, held.err
    assert "4 pages published in 4 languages, 1 held back (ko)" in held.out


def test_stats_and_page_agree_on_the_translated_share(mini: Path) -> None:
    text = (mini / KO).read_text(encoding="utf-8")
    (mini / KO).write_text(text.replace('msgstr "본문 바로가기"', 'msgstr ""'), encoding="utf-8")
    stats = json.loads(run_cli(mini, "stats", "--format", "json").out)
    ko = next(f for f in stats["locales"] if f["locale"] == "ko")
    assert run_cli(mini, "build").code == 0
    report = json.loads((mini / "_reports/build-report.json").read_text(encoding="utf-8"))
    entry = next(e for e in report["locales"] if e["locale"] == "ko")
    assert entry["percent"] == round(ko["percent"], 1)
    assert 0.99 > entry["pages"][0]["translated_share"] > 0.9


def test_completion_completes_option_values() -> None:
    script = subprocess.run([sys.executable, "-m", "pipeline", "completion", "bash"], capture_output=True, text=True, check=True).stdout
    probe = script + '\nCOMP_WORDS=(policy-pipeline check --format ""); COMP_CWORD=3; _policy_pipeline; echo "${COMPREPLY[*]}"' \
                     '\nCOMP_WORDS=(policy-pipeline completion ""); COMP_CWORD=2; _policy_pipeline; echo "${COMPREPLY[*]}"'
    lines = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, check=True).stdout.splitlines()
    assert lines[0] == "text json github sarif"
    assert "bash" in lines[1].split() and "zsh" in lines[1].split()
    help_text = subprocess.run([sys.executable, "-m", "pipeline", "init", "--help"], capture_output=True, text=True, check=True).stdout
    assert "either spelling" in help_text


def test_markdown_outputs_escape_html(mini: Path, tmp_path: Path) -> None:
    from pipeline.changes import Change, LocaleTodo, format_markdown

    found = [(Change("new", (None, '<a href="https://evil.example/">ご質問</a>')), [LocaleTodo("ko", KO, "untranslated", 3)])]
    out = format_markdown(found, "v1")
    assert "<a href" not in out and "&lt;a href=\"https://evil.example/\"&gt;" in out
