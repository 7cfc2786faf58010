"""Configuration: every key validated, every problem reported at once with file and key."""

from __future__ import annotations

from pathlib import Path

from pipeline.config import load_config

from conftest import run_cli


def write_config(root: Path, body: str) -> None:
    (root / "pyproject.toml").write_text(body, encoding="utf-8")


def test_shipped_config_loads(real_site: Path) -> None:
    config = load_config(real_site)
    assert [t.tag for t in config.targets] == ["en", "zh-Hans", "zh-Hant", "ko"]
    assert config.source.autonym == "日本語" and config.targets[1].autonym == "简体中文"
    assert config.base_url.endswith("/") and config.pages[0].slug == "sitepolicy"


def test_every_bad_key_is_reported(mini: Path) -> None:
    write_config(mini, """
[tool.policy-pipeline]
locales = ["en", "jp", "en"]
base_url = "http://example.org"
output = "."
colour = "blue"
effective_date = "yesterday"
last_revised = 2026-01-01
pages = [{ template = "missing.html.j2", slug = "Bad Slug", extra = 1 }]
[tool.policy-pipeline.urls]
inquiry = "javascript:alert(1)"
[tool.policy-pipeline.locale.fr]
autonym = "Français"
""")
    result = run_cli(mini, "check")
    assert result.code == 2
    assert result.err.splitlines() == [
        "error: pyproject.toml: tool.policy-pipeline.colour: unknown key",
        "error: pyproject.toml: tool.policy-pipeline.locales[1]: unknown locale 'jp' (use CLDR identifiers: en, zh_Hans, ko)",
        "error: pyproject.toml: tool.policy-pipeline.locales[2]: 'en' is listed twice",
        "error: pyproject.toml: tool.policy-pipeline.locale.fr: is not the source locale nor listed in locales",
        "error: pyproject.toml: tool.policy-pipeline.base_url: must be an absolute https:// URL (canonical and hreflang need it)",
        "error: pyproject.toml: tool.policy-pipeline.output: must be a folder of its own, not the project root or above it",
        "error: pyproject.toml: tool.policy-pipeline.pages[0].extra: unknown key",
        "error: pyproject.toml: tool.policy-pipeline.pages[0].slug: must be lowercase ASCII words joined by hyphens",
        "error: pyproject.toml: tool.policy-pipeline.urls.inquiry: must be an absolute http(s) URL",
        "error: pyproject.toml: tool.policy-pipeline.effective_date: must be a TOML date such as 2026-11-25",
        "error: pyproject.toml: tool.policy-pipeline.pages[0].template: no template 'missing.html.j2' in templates/",
    ]


def test_missing_table_and_bad_toml(mini: Path) -> None:
    write_config(mini, "[project]\nname = 'x'\n")
    assert run_cli(mini, "build").err == "error: pyproject.toml: tool.policy-pipeline: missing table\n"
    write_config(mini, "[tool.policy-pipeline\n")
    result = run_cli(mini, "build")
    assert result.code == 2 and "not valid TOML" in result.err and "Traceback" not in result.err


def test_missing_template_names_the_key(mini: Path) -> None:
    (mini / "templates/page.html.j2").unlink()
    result = run_cli(mini, "build")
    assert result.code == 2
    assert result.err == "error: pyproject.toml: tool.policy-pipeline.pages[0].template: no template 'page.html.j2' in templates/\n"


def test_source_language_urls_must_be_absolute_urls(mini: Path) -> None:
    text = (mini / "pyproject.toml").read_text(encoding="utf-8")
    write_config(mini, text.replace("[tool.policy-pipeline]\n", '[tool.policy-pipeline]\nsource_language_urls = ["/jp/"]\n', 1))
    result = run_cli(mini, "check")
    assert result.code == 2
    assert "tool.policy-pipeline.source_language_urls: must be a list of absolute http(s) URLs" in result.err
    assert load_config(Path(__file__).resolve().parent.parent).source_language_urls >= {"https://marketingplatform.google.com/about/analytics/terms/jp/"}


def test_site_name_and_operator_must_be_strings_or_tables_of_strings(mini: Path) -> None:
    text = (mini / "pyproject.toml").read_text(encoding="utf-8")
    write_config(mini, text + '\n[tool.policy-pipeline.site]\nname = 3\noperator = { ja = "" }\nmotto = "x"\n')
    result = run_cli(mini, "check")
    assert result.code == 2 and "Traceback" not in result.err
    assert "tool.policy-pipeline.site.name: must be a non-empty string or a table of locale = string" in result.err
    assert "tool.policy-pipeline.site.operator: must be a non-empty string or a table of locale = string" in result.err
    assert "tool.policy-pipeline.site.motto: unknown key (use name, operator)" in result.err


def test_site_operator_names_only_configured_locales(mini: Path) -> None:
    text = (mini / "pyproject.toml").read_text(encoding="utf-8")
    write_config(mini, text + '\n[tool.policy-pipeline.site]\noperator = { ja = "東京都", kr = "도쿄도" }\n')
    result = run_cli(mini, "check")
    assert result.code == 2
    assert result.err.strip().endswith("tool.policy-pipeline.site.operator.kr: is not the source locale nor listed in locales")
