"""Strict catalog reading with 1-based lines, and atomic writes that only happen on change."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.catalogs import parse_catalog, read_catalog, write_if_changed
from pipeline.diagnostics import PipelineError

from conftest import FIXTURES, SITES

HEAD = b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def parse_error(data: bytes) -> str:
    with pytest.raises(PipelineError) as caught:
        parse_catalog(HEAD + data, "x.po")
    return str(caught.value.diagnostics[0])


def test_lines_of_msgid_and_msgstr_are_recorded() -> None:
    catalog = read_catalog(SITES / "mini/locales/en/LC_MESSAGES/messages.po", "en.po")
    scope = next(m for m in catalog.messages if m.msgid == "適用範囲")
    assert (scope.line, scope.msgstr_line, scope.msgstr) == (153, 154, "Scope")
    other = next(m for m in catalog.messages if m.msgctxt == "section heading")
    assert other.msgstr == "Other"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'msgid "a"\nmsgstr "b\n', "x.po:5:8: error: unterminated string: add the closing quote [po-syntax]"),
        (b'msgid "a"\n', "x.po:4:1: error: msgid without msgstr [po-syntax]"),
        (b'msgstr "b"\n', "x.po:4:1: error: msgstr appears twice in one entry: a missing blank line or msgid? [po-syntax]"),
        (b'#, fuzzy\nmsgstr "b"\n', "x.po:5:1: error: msgstr before msgid [po-syntax]"),
        (b'msgid "a"\nmsgstr "b" x\n', "x.po:5:12: error: text after the closing quote: escape inner quotes as \\\" [po-syntax]"),
        (b'msgid "a\\q"\nmsgstr "b"\n', "x.po:4:9: error: unknown escape sequence \\q: write a backslash as \\\\ [po-syntax]"),
        (b'msgid "a"\nmsgstr "b"\nmsgstr "c"\n', "x.po:6:1: error: msgstr appears twice in one entry: a missing blank line or msgid? [po-syntax]"),
        (b'bogus\n', "x.po:4:1: error: unexpected text 'bogus': expected msgctxt, msgid, msgstr or a quoted string [po-syntax]"),
        (b'msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', "x.po:6:1: error: msgid_plural needs msgstr[0], msgstr[1]…, and plain msgid needs msgstr [po-syntax]"),
    ],
)
def test_syntax_errors_name_line_and_column(data: bytes, expected: str) -> None:
    assert parse_error(data) == expected


def test_escapes_and_obsolete_entries() -> None:
    catalog = parse_catalog(HEAD + b'msgid "a\\"b\\\\c\\n\\t"\nmsgstr "\\101"\n\n#~ msgid "old"\n#~ msgstr "alt"\n', "x.po")
    current, obsolete = catalog.messages
    assert current.msgid == 'a"b\\c\n\t' and current.msgstr == "A"
    assert obsolete.obsolete and obsolete.msgstr == "alt" and catalog.current == (current,)


def test_missing_header_is_reported() -> None:
    with pytest.raises(PipelineError) as caught:
        parse_catalog(b'msgid "a"\nmsgstr "b"\n', "x.po")
    assert "no header entry" in str(caught.value)


def test_crlf_reads_like_lf() -> None:
    lf = (FIXTURES / "catalogs/crlf.po").read_bytes().replace(b"\r\n", b"\n")
    assert parse_catalog((FIXTURES / "catalogs/crlf.po").read_bytes(), "a").messages == parse_catalog(lf, "a").messages


def test_write_if_changed_is_atomic_and_lazy(tmp_path: Path) -> None:
    target = tmp_path / "a.po"
    assert write_if_changed(target, "x") is True
    stamp = target.stat().st_mtime_ns
    assert write_if_changed(target, "x") is False
    assert target.stat().st_mtime_ns == stamp
    assert [p.name for p in tmp_path.iterdir()] == ["a.po"]


def test_every_module_imports_first_in_a_fresh_interpreter() -> None:
    """No import cycle: any module of the package can be the first one a program imports."""
    import subprocess
    import sys

    from conftest import REPO

    modules = sorted(p.stem for p in (REPO / "pipeline").glob("*.py") if p.stem not in ("__main__", "__init__"))
    for module in modules:
        done = subprocess.run([sys.executable, "-c", f"import pipeline.{module}"], capture_output=True, text=True,
                              env={"PYTHONPATH": str(REPO), "PATH": ""})
        assert done.returncode == 0, (module, done.stderr[-300:])
