"""extract: strict extraction of trimmed trans blocks, contexts and comments, without churn."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.catalog.pofile import read_catalog
from pipeline.config import load_config
from pipeline.extract import extract_messages

from conftest import run_cli


def test_messages_contexts_comments_and_flags(real_site: Path) -> None:
    messages = {m.key: m for m in extract_messages(load_config(real_site))}
    assert (None, "サイトポリシー") in messages
    contexts = {m.msgctxt for m in messages.values() if m.msgid == "その他"}
    assert contexts == {"heading of the closing section", "miscellaneous provisions clause"}
    inquiry = next(m for m in messages.values() if "お問い合わせフォーム" in m.msgid)
    assert '<a href="%(url)s">' in inquiry.msgid and inquiry.flags == ("python-format",)
    # Once per page: the closing section says it, the footer no longer repeats it (issue 15).
    assert inquiry.references == ("templates/sitepolicy.html.j2",)
    assert all("\n" not in m.msgid and m.msgid == m.msgid.strip() for m in messages.values())
    assert any(m.extracted_comments for m in messages.values())


def test_no_churn_and_no_line_numbers(mini: Path) -> None:
    pot = mini / "locales/messages.pot"
    before = pot.read_bytes()
    assert run_cli(mini, "extract").out.endswith("unchanged\n")
    assert pot.read_bytes() == before
    page = mini / "templates/page.html.j2"
    page.write_text("{# an unrelated comment line #}\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    assert run_cli(mini, "extract").out.endswith("unchanged\n")
    assert pot.read_bytes() == before


def test_new_message_rewrites_pot_with_source_date_epoch(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    page = mini / "templates/page.html.j2"
    text = page.read_text(encoding="utf-8")
    added = '<p>{% trans %}追加の文。{% endtrans %}</p>\n</section>\n<section id="other">'
    page.write_text(text.replace('</section>\n<section id="other">', added), encoding="utf-8")
    assert run_cli(mini, "extract").out.endswith("written\n")
    pot = read_catalog(mini / "locales/messages.pot", "pot")
    assert pot.header_field("POT-Creation-Date") == "2026-01-01 00:00+0000"
    assert (None, "追加の文。") in pot.by_key()


def test_template_syntax_error_is_reported_with_line(mini: Path) -> None:
    page = mini / "templates/page.html.j2"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines[8] = lines[8].replace("{% endtrans %}", "{% endtrnas %}")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = (mini / "locales/messages.pot").read_bytes()
    result = run_cli(mini, "extract")
    assert result.code == 1
    assert result.err.startswith("templates/page.html.j2:9: error: ")
    assert "[template]" in result.err and "Traceback" not in result.err
    assert (mini / "locales/messages.pot").read_bytes() == before
