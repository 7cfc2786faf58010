"""export/import of XLIFF 1.2, XLIFF 2.0 and TMX packets through the real CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from conftest import run_cli
from exchange_helpers import msgfmt_accepts, validate

FORMATS = ("xliff12", "xliff2", "tmx")
X12 = "{urn:oasis:names:tc:xliff:document:1.2}"
PLURAL = '<p>{% trans count=3 %}{{ count }} 件の<a href="%(url)s">資料</a>{% pluralize %}{{ count }} 件の<a href="%(url)s">資料</a>{% endtrans %}</p>\n'


def _catalogs(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "locales").rglob("*.po"))}


@pytest.mark.parametrize("kind", FORMATS)
def test_round_trip_of_the_shipped_catalogs_changes_no_byte(real_site: Path, kind: str) -> None:
    before = _catalogs(real_site)
    for locale in ("en", "zh_Hans", "zh_Hant", "ko"):
        packet = real_site / f"{locale}.{kind}"
        assert run_cli(real_site, "export", "--locale", locale, "--format", kind, "--out", str(packet)).code == 0
        # One unit per message of the template (the count follows the shipped templates).
        assert validate(kind, packet) == (real_site / "locales/messages.pot").read_text(encoding="utf-8").count("\nmsgid ") - 1
        done = run_cli(real_site, "import", str(packet))
        assert done.code == 0, done.err
        assert "0 refused" in done.out
    assert _catalogs(real_site) == before


@pytest.fixture
def plural_site(mini: Path) -> Path:
    """The mini site with a plural message holding markup and a placeholder; en left to translate."""
    page = mini / "templates" / "page.html.j2"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("{% endblock %}", PLURAL + "{% endblock %}", 1), encoding="utf-8")
    assert run_cli(mini, "extract").code == 0
    assert run_cli(mini, "update").code == 0
    return mini


@pytest.mark.parametrize("kind", FORMATS)
def test_round_trip_with_context_plurals_and_markup(plural_site: Path, kind: str) -> None:
    before = _catalogs(plural_site)
    packet = plural_site / f"en.{kind}"
    assert run_cli(plural_site, "export", "--locale", "en", "--format", kind, "--out", str(packet)).code == 0
    validate(kind, packet)
    text = packet.read_text(encoding="utf-8")
    if kind != "tmx":  # the memory holds only published translations
        assert 'msgctxt: section heading' in text
        assert text.count("件の") >= 2  # both plural forms are units
    assert run_cli(plural_site, "import", str(packet)).code == 0
    assert _catalogs(plural_site) == before


def _translate(packet: Path, texts: dict[str, str]) -> None:
    """Fill targets by source text, as a vendor would, keeping the inline codes."""
    tree = etree.parse(str(packet))
    for unit in tree.iter(f"{X12}trans-unit"):
        source, target = unit.find(f"{X12}source"), unit.find(f"{X12}target")
        plain = "".join(source.itertext())
        for wanted, text in texts.items():
            if wanted in plain:
                codes = list(source)
                target.clear()
                target.set("state", "translated")
                pieces = text.split("{}")
                target.text = pieces[0]
                for code, tail in zip(codes, pieces[1:], strict=False):
                    copy = etree.SubElement(target, code.tag, dict(code.attrib))
                    copy.text, copy.tail = code.text, tail
    tree.write(str(packet), xml_declaration=True, encoding="UTF-8")


def test_a_vendor_translation_of_plural_forms_is_imported(plural_site: Path) -> None:
    packet = plural_site / "en.xlf"
    assert run_cli(plural_site, "export", "--locale", "en", "--format", "xliff12", "--out", str(packet), "--only", "untranslated").code == 0
    assert validate("xliff12", packet) == 2  # only the plural message's two forms are untranslated
    _translate(packet, {"件の": "{} {}document{}"})
    done = run_cli(plural_site, "import", str(packet))
    assert done.code == 0, done.err + done.out
    catalog = plural_site / "locales/en/LC_MESSAGES/messages.po"
    po = catalog.read_text(encoding="utf-8")
    assert 'msgstr[0] "%(count)s <a href=\\"%%(url)s\\">document</a>"' in po
    msgfmt_accepts(catalog)
    # en only: update gives ko (nplurals=1) two empty forms for a new plural message (update.py, reported)
    assert run_cli(plural_site, "check", "--locale", "en").code == 0


def _inner(element: etree._Element) -> str:
    """An element's content as XML text (its own tag and namespace declaration left out)."""
    return etree.tostring(element, encoding="unicode", with_tail=False).split(">", 1)[1].rsplit("<", 1)[0]


def _unit(uid: str, source: str, target: str) -> str:
    return f'<trans-unit id="{uid}"><source>{source}</source><target state="translated">{target}</target></trans-unit>'


def test_a_hostile_packet_is_refused_unit_by_unit_with_lines(mini: Path) -> None:
    packet = mini / "ko.xlf"
    assert run_cli(mini, "export", "--locale", "ko", "--format", "xliff12", "--out", str(packet)).code == 0
    units = {"".join(u.find(f"{X12}source").itertext()): u for u in etree.parse(str(packet)).iter(f"{X12}trans-unit")}

    def pick(text: str) -> tuple[str, str]:
        unit = next(u for s, u in units.items() if text in s)
        return unit.get("id"), _inner(unit.find(f"{X12}source"))

    (link, link_source), (notice, notice_source) = pick("質問は"), pick("最新の内容")
    (other, _), (skip, skip_source), (title, title_source) = pick("その他"), pick("本文へ移動"), pick("| ")
    (good, good_source) = pick("本規約は予告なく")
    hostile = [
        _unit("mdeadbeefdeadbeef", "x", "y"),  # unknown id
        _unit(other, "別の文", "z"),  # the source was edited in the packet
        _unit(link, link_source, 'Send <ph id="9">x</ph>'),  # a code the source does not have
        _unit(notice, notice_source, '<ph id="1">&lt;a href="javascript:x"&gt;</ph>form<ph id="2">&lt;/a&gt;</ph>'),  # an edited code
        _unit(skip, skip_source, "&lt;script&gt;alert(1)&lt;/script&gt;Skip"),  # markup typed as text
        _unit(title, title_source, "the page title"),  # the placeholders dropped
        _unit(good, good_source, "본 약관은 예고 없이 변경될 수 있습니다!"),  # fine
        _unit(good, good_source, "twice"),  # the same id again
    ]
    head, _, _ = packet.read_text(encoding="utf-8").partition("<body>")
    packet.write_text(head + "<body>\n" + "\n".join(hostile) + "\n</body></file></xliff>\n", encoding="utf-8")
    lines = packet.read_text(encoding="utf-8").splitlines()
    po = mini / "locales/ko/LC_MESSAGES/messages.po"
    done = run_cli(mini, "import", str(packet))
    assert done.code == 1
    refused = [line for line in done.err.splitlines() if ": error: unit " in line]
    assert len(refused) == len(hostile) - 1, done.err
    for line in refused:
        number = int(line.split(":")[1])
        assert f'id="{line.split("unit ")[1].split(":")[0]}"' in lines[number - 1], line  # each report names its unit's line
    assert "1 unit imported" in done.out
    text = po.read_text(encoding="utf-8")
    assert "변경될 수 있습니다!" in text and "script" not in text and "javascript" not in text
    msgfmt_accepts(po)
    assert run_cli(mini, "check", "--locale", "ko").code == 0


@pytest.mark.parametrize("content", [
    '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">&e;</xliff>',
    '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file>\n</xliff>',
    '<?xml version="1.0"?>\n<html/>',
])
def test_a_broken_or_hostile_file_is_one_line_and_writes_nothing(mini: Path, content: str) -> None:
    packet = mini / "bad.xlf"
    packet.write_text(content, encoding="utf-8")
    before = _catalogs(mini)
    done = run_cli(mini, "import", str(packet))
    assert done.code == 1
    assert re.match(r"^.*bad\.xlf:\d+(:\d+)?: error: ", done.err), done.err
    assert len(done.err.strip().splitlines()) == 1 and "Traceback" not in done.err
    assert _catalogs(mini) == before


def test_a_source_changed_since_export_is_reported_not_applied(mini: Path) -> None:
    packet = mini / "ko.xliff2"
    assert run_cli(mini, "export", "--locale", "ko", "--format", "xliff2", "--out", str(packet)).code == 0
    page = mini / "templates" / "page.html.j2"
    page.write_text(page.read_text(encoding="utf-8").replace("本規約は予告なく変更することがあります。", "本規約は予告なく改定することがあります。"), encoding="utf-8")
    assert run_cli(mini, "extract").code == 0 and run_cli(mini, "update").code == 0
    before = _catalogs(mini)
    done = run_cli(mini, "import", str(packet))
    assert done.code == 1
    assert "the source changed since the packet was made" in done.err
    assert _catalogs(mini) == before  # the packet's old translations were all unchanged


def test_export_usage_errors_exit_2(mini: Path) -> None:
    assert run_cli(mini, "export", "--format", "xliff12", "--out", str(mini / "x.xlf")).code == 2
    assert run_cli(mini, "export", "--locale", "ko", "--format", "xliff12", "--out", str(mini / "x.xlf"), "--only", "done").code == 2
    assert run_cli(mini, "export", "--locale", "xx", "--format", "tmx", "--out", str(mini / "x.tmx")).code == 2
    before = _catalogs(mini)
    for target in ("locales/ko/LC_MESSAGES/messages.po", "pyproject.toml", "templates/page.html.j2", "."):
        done = run_cli(mini, "export", "--locale", "ko", "--format", "xliff12", "--out", str(mini / target))
        assert done.code == 2 and ("which this command must never replace" in done.err or "is a folder" in done.err), done.err
    assert run_cli(mini, "changes", "--since", "HEAD", "--packet", str(mini / "locales")).code == 2
    assert _catalogs(mini) == before and (mini / "pyproject.toml").read_text(encoding="utf-8").startswith("[project]")
