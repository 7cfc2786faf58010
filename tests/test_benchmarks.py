"""The benchmark generator makes a valid project, and the same messages for Sphinx and for plain gettext."""

from __future__ import annotations

import importlib.util
import io
import json
import sys
from pathlib import Path

import pytest

from pipeline.catalog.pofile import read_catalog
from pipeline.cli.main import main

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import generate

HAS_SPHINX = importlib.util.find_spec("sphinx") is not None


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "tiny"
    generate.generate(out, messages=30, locales=2, sphinx=HAS_SPHINX)
    return out


def _run(site: Path, *args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--root", str(site), *args], out=out, err=err)
    return code, out.getvalue() + err.getvalue()


def test_generated_site_checks_clean_and_builds(tiny: Path) -> None:
    code, text = _run(tiny / "site", "check")
    assert code == 0, text
    assert "0 errors" in text
    code, text = _run(tiny / "site", "build")
    assert code == 0, text
    assert (tiny / "site" / "_site" / "ko" / "policy" / "index.html").is_file()


def test_plain_catalogs_hold_every_message_translated(tiny: Path) -> None:
    pot = read_catalog(tiny / "plain" / "messages.pot", "messages.pot")
    assert len(pot.messages) == 30
    for locale in ("en", "ko"):
        path = tiny / "plain" / "locales" / locale / "LC_MESSAGES" / "messages.po"
        catalog = read_catalog(path, path.name)
        assert [m.msgid for m in catalog.messages] == [m.msgid for m in pot.messages]
        assert all(m.msgstr for m in catalog.messages)


def test_edit_truth_matches_the_extracted_catalogs(tiny: Path) -> None:
    truth = json.loads((tiny / "truth.json").read_text(encoding="utf-8"))
    new = {m.msgid for m in read_catalog(tiny / "plain" / "edited.pot", "edited.pot").messages}
    assert set(truth["changed"]) <= new and set(truth["added"]) <= new
    assert not set(truth["removed"]) & new


def test_pseudo_translation_keeps_markup_and_placeholders() -> None:
    msgid = 'ご質問は<a href="%(url)s">お問い合わせフォーム</a>からお送りください。'
    for locale in generate.LOCALES:
        text = generate.pseudo(msgid, locale)
        assert '<a href="%(url)s">' in text and "</a>" in text and "お問い合わせ" not in text
        assert generate.pseudo(msgid, locale) == text


@pytest.mark.skipif(not HAS_SPHINX, reason="sphinx is not installed")
def test_sphinx_project_has_the_same_messages(tiny: Path) -> None:
    import polib

    manifest = json.loads((tiny / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["sphinx_messages"] == manifest["messages"] == 30
    catalog = polib.pofile(str(tiny / "sphinx" / "locale" / "ko" / "LC_MESSAGES" / "index.po"))
    assert len(catalog) == 30 and catalog.percent_translated() == 100
