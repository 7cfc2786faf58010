"""The project's layout: links out of the project, stray or misnamed catalog folders, odd files."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import run_cli


def test_link_leading_out_of_the_project_is_refused(mini: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.po"
    catalog = mini / "locales/en/LC_MESSAGES/messages.po"
    shutil.copyfile(catalog, outside)
    catalog.unlink()
    catalog.symlink_to(outside)
    for command in ("check", "build", "update"):
        result = run_cli(mini, command)
        assert result.code == 1
        assert "locales/en/LC_MESSAGES/messages.po: error: is a link that leads outside the project" in result.err + result.out


def test_template_link_out_of_the_project_blocks_the_build(mini: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not publish", encoding="utf-8")
    (mini / "templates/assets/secret.txt").symlink_to(secret)
    result = run_cli(mini, "build")
    assert result.code == 1
    assert "templates/assets/secret.txt: error: is a link that leads outside the project" in result.err
    assert not (mini / "_site").exists()


def test_catalog_that_is_a_folder(mini: Path) -> None:
    catalog = mini / "locales/ko/LC_MESSAGES/messages.po"
    catalog.unlink()
    catalog.mkdir()
    result = run_cli(mini, "build")
    assert result.code == 1
    assert "locales/ko/LC_MESSAGES/messages.po: error: is a folder, not a catalog file" in result.err


def test_unlisted_and_misnamed_catalog_folders_are_reported(mini: Path) -> None:
    shutil.copytree(mini / "locales/en", mini / "locales/fr")
    shutil.copytree(mini / "locales/en", mini / "locales/zh-Hans")
    result = run_cli(mini, "build")
    assert result.code == 1
    assert "locales/zh-Hans/: error: the catalog folder of zh_Hans must be named zh_Hans/: rename it [catalog-folder]" in result.err
    shutil.rmtree(mini / "locales/zh-Hans")
    result = run_cli(mini, "build")
    assert result.code == 0
    assert "locales/fr/: warning: catalog folder for 'fr', which tool.policy-pipeline.locales does not list" in result.err


def test_missing_configured_catalog_is_an_error(mini: Path) -> None:
    (mini / "locales/ko/LC_MESSAGES/messages.po").unlink()
    result = run_cli(mini, "build")
    assert result.code == 1
    assert "locales/ko/LC_MESSAGES/messages.po: error: no catalog for configured locale ko: run 'policy-pipeline init --locale ko'" in result.err


def test_template_with_undefined_name_or_bad_syntax(mini: Path) -> None:
    page = mini / "templates/page.html.j2"
    original = page.read_text(encoding="utf-8")
    page.write_text(original.replace("{{ url }}", "{{ url }}{{ nonexistent.value }}", 1).replace(
        "{% trans url=urls.inquiry %}", "{% trans url=urls.inquiry, other=missing_name %}"), encoding="utf-8")
    result = run_cli(mini, "build")
    assert result.code == 1 and "Traceback" not in result.err
    assert result.err.startswith("templates/page.html.j2:")
    page.write_text(original.replace("{% endblock %}", "{% endblok %}", 1), encoding="utf-8")
    result = run_cli(mini, "build")
    assert result.code == 1 and result.err.startswith("templates/page.html.j2:")
    assert "[template]" in result.err


def test_absurdly_large_catalog_is_refused_before_reading(mini: Path) -> None:
    catalog = mini / "locales/en/LC_MESSAGES/messages.po"
    with catalog.open("ab") as handle:
        handle.truncate(65 * 1024 * 1024)
    result = run_cli(mini, "check")
    assert result.code == 1
    assert "locales/en/LC_MESSAGES/messages.po: error: is 65 MiB, over the 64 MiB limit" in result.out + result.err


def test_messages_template_missing_a_string(mini: Path) -> None:
    messages = mini / "templates/messages.html.j2"
    messages.write_text(messages.read_text(encoding="utf-8").replace("{% set unavailable %}", "{% set unavailable_x %}"), encoding="utf-8")
    result = run_cli(mini, "build")
    assert result.code == 1
    assert result.err.startswith("templates/messages.html.j2: error: defines no 'unavailable'")
