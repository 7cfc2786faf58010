"""Incremental, no-op and sharded builds always equal a clean full build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.site.renderer import SiteRenderer

from conftest import REPO, copy_project, run_cli, snapshot

EN = "locales/en/LC_MESSAGES/messages.po"


def reports(root: Path, folder: str = "_reports") -> dict[str, bytes]:
    return {k: v for k, v in snapshot(root / folder).items() if k not in ("build-record.json", "check-record.json")}


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The locales of the pages actually rendered (not reused) during a test."""
    calls: list[str] = []
    original = SiteRenderer.render_page

    def counting(self: SiteRenderer, locale, page, published, held_back=False):  # type: ignore[no-untyped-def]
        calls.append(locale.identifier)
        return original(self, locale, page, published, held_back)

    monkeypatch.setattr(SiteRenderer, "render_page", counting)
    return calls


def change_english_and_build(mini: Path) -> None:
    catalog = mini / EN
    catalog.write_text(catalog.read_text(encoding="utf-8").replace('msgstr "Scope"', 'msgstr "Scope of these terms"'), encoding="utf-8")
    assert run_cli(mini, "build").code == 0


def assert_equals_clean_build(mini: Path, tmp_path: Path) -> None:
    clean = copy_project(mini, tmp_path / "clean")
    assert run_cli(clean, "build").code == 0
    assert snapshot(mini / "_site") == snapshot(clean / "_site")
    assert reports(mini) == reports(clean)


def test_one_changed_catalog_renders_only_its_locale(mini: Path, tmp_path: Path, rendered: list[str]) -> None:
    assert run_cli(mini, "build").code == 0
    assert sorted(rendered) == ["en", "ja", "ko"]
    rendered.clear()
    change_english_and_build(mini)
    assert rendered == ["en"]
    assert_equals_clean_build(mini, tmp_path)


def test_template_change_renders_everything_again(mini: Path, rendered: list[str]) -> None:
    assert run_cli(mini, "build").code == 0
    rendered.clear()
    base = mini / "templates/base.html.j2"
    base.write_text(base.read_text(encoding="utf-8").replace("<footer", "<!-- x -->\n<footer"), encoding="utf-8")
    assert run_cli(mini, "build").code == 0
    assert sorted(rendered) == ["en", "ja", "ko"]


def test_nothing_to_do_without_loading_jinja(mini: Path) -> None:
    assert run_cli(mini, "build").code == 0
    before = snapshot(mini / "_site")
    code = ("import sys; from pipeline.cli.main import main; "
            f"code = main(['--root', {str(mini)!r}, 'build']); "
            "print('jinja2' in sys.modules); sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, check=True)
    assert done.stdout.splitlines() == ["_site: 3 pages published in 3 languages, 8 files, 0 fallbacks to the source text (unchanged)", "False"]
    assert snapshot(mini / "_site") == before


def test_hand_edited_output_is_rebuilt(mini: Path) -> None:
    assert run_cli(mini, "build").code == 0
    before = snapshot(mini / "_site")
    (mini / "_site/en/terms/index.html").write_text("tampered", encoding="utf-8")
    result = run_cli(mini, "build")
    assert "(unchanged)" not in result.out
    assert snapshot(mini / "_site") == before


def test_merged_shards_equal_a_full_build(mini: Path, tmp_path: Path, rendered: list[str]) -> None:
    for locale in ("en", "ko"):
        shard = tmp_path / f"shard-{locale}"
        result = run_cli(mini, "build", "--locale", locale, "--out", str(shard / "site"), "--reports", str(shard / "reports"))
        assert result.code == 0, result.err
    rendered.clear()
    merged = run_cli(mini, "build", "--merge", str(tmp_path / "shard-en"), str(tmp_path / "shard-ko"))
    assert merged.code == 0, merged.err
    assert rendered == []
    full = copy_project(mini, tmp_path / "full")
    assert run_cli(full, "build").code == 0
    assert snapshot(mini / "_site") == snapshot(full / "_site")
    assert reports(mini) == reports(full)


def test_findings_of_unchanged_catalogs_are_reused(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.checks

    ko = mini / "locales/ko/LC_MESSAGES/messages.po"
    ko.write_text(ko.read_text(encoding="utf-8").replace('msgid "適用範囲"', '#, fuzzy\nmsgid "適用範囲"'), encoding="utf-8")
    assert run_cli(mini, "build").code == 0
    checked: list[str] = []
    original = pipeline.checks.check_catalog

    def counting(catalog, locale, **options):  # type: ignore[no-untyped-def]
        checked.append(locale.identifier)
        return original(catalog, locale, **options)

    monkeypatch.setattr(pipeline.checks, "check_catalog", counting)
    change_english_and_build(mini)
    assert checked == ["en"]
    assert_equals_clean_build(mini, tmp_path)
    assert '"check": "completeness"' in (mini / "_reports/build-report.json").read_text(encoding="utf-8")
