"""changes --since: what the source changed since a git revision, and what each locale has."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.changes import word_diff

from conftest import run_cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args], cwd=root, check=True,
                   capture_output=True)


def test_new_changed_and_removed_messages_per_locale(mini: Path) -> None:
    git(mini, "init", "-q")
    git(mini, "add", "-A")
    git(mini, "commit", "-qm", "base")
    page = mini / "templates/page.html.j2"
    text = page.read_text(encoding="utf-8")
    text = text.replace("本規約は予告なく変更することがあります。", "本規約は、予告なく改定することがあります。")
    text = text.replace("<p>{% trans %}本規約は、本サイトの利用に適用されます。{% endtrans %}</p>", "<p>{% trans %}新しい条項です。{% endtrans %}</p>")
    page.write_text(text, encoding="utf-8")
    assert run_cli(mini, "extract").code == 0 and run_cli(mini, "update").code == 0
    result = run_cli(mini, "changes", "--since", "HEAD")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "3 source changes since HEAD"
    assert "changed: 本規約は{+、+}予告なく[-変更-]{+改定+}することがあります。" in lines
    assert "new: 新しい条項です。" in lines
    assert "removed: 本規約は、本サイトの利用に適用されます。" in lines
    assert any(line.startswith("  locales/en/LC_MESSAGES/messages.po:") and line.endswith(": en: fuzzy") for line in lines)
    markdown = run_cli(mini, "changes", "--since", "HEAD", "--format", "markdown").out
    assert "| changed | 本規約は**、**予告なく~~変更~~**改定**することがあります。 | fuzzy (`locales/en/LC_MESSAGES/messages.po:" in markdown


def test_unknown_revision_is_one_clear_line(mini: Path) -> None:
    git(mini, "init", "-q")
    result = run_cli(mini, "changes", "--since", "no-such-rev")
    assert result.code == 1
    assert result.err.startswith("locales/messages.pot: error: cannot read it at 'no-such-rev'")


def test_word_diff_works_on_script_runs() -> None:
    assert word_diff("個人情報を取得します", "個人データを取得します", ("[", "]"), ("{", "}")) == "[個人情報]{個人データ}を取得します"
