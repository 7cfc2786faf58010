"""The fast paths of reading and checking give exactly what the slow ones give (issue 14, speed).

No timings here: the benchmark (benchmarks/run.py) measures; these tests pin that the bulk reader,
the findings cache and the parallel check change nothing a user sees.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import pipeline.catalog.pofile as pofile
import pipeline.checks.batch as batch
from pipeline.catalog.poscan import scan
from pipeline.diagnostics import PipelineError

from conftest import REPO, run_cli

FIXTURES = REPO / "tests" / "fixtures"
CACHE = Path(".cache/policy-pipeline/checks")
# Every shape the bulk reader takes on: context, plural, escapes, split strings, comments of each kind.
CANONICAL = r'''# A translator comment.
msgid ""
msgstr ""
"Language: en\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#. an extracted comment
#: templates/a.html.j2:3 templates/b.html.j2
#, python-format, fuzzy, python-format
msgctxt "menu"
msgid "%(n)s 件"
msgstr "%(n)s \"items\"\t\101\x42"

msgid ""
"一行目"
"二行目"
msgid_plural "複数"
msgstr[0] "one"
msgstr[1] ""
"two"

msgid "空"
msgstr ""
'''


def _read(data: bytes, keep_layout: bool, monkeypatch: pytest.MonkeyPatch, bulk: bool) -> object:
    """What parse_catalog gives (or raises), with the bulk reader on or off."""
    with monkeypatch.context() as patch:
        if not bulk:
            patch.setattr(pofile, "scan", lambda text, keep: None)
        try:
            catalog = pofile.parse_catalog(data, "x.po", keep_layout=keep_layout)
        except PipelineError as exc:
            return [str(d) for d in exc.diagnostics]
    messages = (catalog.header, *catalog.messages)
    return repr(catalog), [m.layout for m in messages], catalog.newline, catalog.trailer


@pytest.mark.parametrize("path", sorted(FIXTURES.rglob("*.po")) + sorted((REPO / "locales").rglob("*.po*")),
                         ids=lambda p: p.name)
def test_bulk_reader_reads_like_the_line_reader(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = path.read_bytes()
    for keep in (True, False):
        assert _read(data, keep, monkeypatch, bulk=True) == _read(data, keep, monkeypatch, bulk=False)


def test_bulk_reader_takes_canonical_entries_and_leaves_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    assert scan(CANONICAL, True) is not None  # the fast path is really taken
    data = CANONICAL.encode()
    assert _read(data, True, monkeypatch, bulk=True) == _read(data, True, monkeypatch, bulk=False)
    # Shapes it leaves to the line reader, which accepts or reports them exactly as before.
    for odd in ('msgid "a"\nmsgstr "b" \n', 'msgid "a"\r\nmsgstr "b"\r\n', '#| msgid "x"\nmsgid "a"\nmsgstr "b"\n',
                '#~ msgid "a"\n#~ msgstr "b"\n', 'msgid "a\\q"\nmsgstr "b"\n', 'msgid "a"\nmsgstr[1] "b"\n'):
        text = CANONICAL + "\n" + odd
        assert scan(text, True) is None
        assert _read(text.encode(), True, monkeypatch, bulk=True) == _read(text.encode(), True, monkeypatch, bulk=False)


def test_unknown_escape_in_a_canonical_catalog_is_reported_at_its_column(mini: Path) -> None:
    catalog = mini / "locales" / "en" / "LC_MESSAGES" / "messages.po"
    lines = catalog.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith('msgstr "') and line != 'msgstr ""')
    lines[number] = 'msgstr "bad \\q escape"'
    catalog.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli(mini, "check")
    assert result.code == 1
    assert f"locales/en/LC_MESSAGES/messages.po:{number + 1}:13: error: unknown escape sequence \\q" in result.out


def _check_json(root: Path) -> tuple[int, list[dict[str, object]]]:
    process = subprocess.run([sys.executable, "-m", "pipeline", "--root", str(root), "check", "--format", "json"],
                             capture_output=True, text=True, cwd=REPO)
    return process.returncode, json.loads(process.stdout)["findings"]


def test_findings_are_cached_by_content_and_checked_again_when_a_catalog_changes(real_site: Path) -> None:
    cold = _check_json(real_site)
    cached = sorted((real_site / CACHE).iterdir())
    assert len(cached) == 4  # one entry per catalog of the shipped project
    assert _check_json(real_site) == cold  # answered from the cache: the same report
    # A changed catalog is checked again: a placeholder dropped from one translation is found.
    catalog = real_site / "locales" / "en" / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text(encoding="utf-8")
    start = text.index('msgstr "', text.index("%(")) + len('msgstr "')
    catalog.write_text(text[:start] + "BROKEN " + text[start:].replace("%(", "(", 1), encoding="utf-8")
    code, findings = _check_json(real_site)
    assert code == 1 and any(f["check"] == "format-python" for f in findings)
    assert len(list((real_site / CACHE).iterdir())) == 5


def test_a_damaged_cache_entry_is_checked_again(mini: Path) -> None:
    first = run_cli(mini, "check", "--strict")
    for entry in (mini / CACHE).iterdir():
        entry.write_text("{not json", encoding="utf-8")
    again = run_cli(mini, "check", "--strict")
    assert (again.code, again.out) == (first.code, first.out)


def test_catalogs_checked_in_parallel_report_like_one_by_one(real_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "_store", lambda *args: None)
    serial = run_cli(real_site, "check", "--format", "json")
    monkeypatch.setattr(batch, "PARALLEL_MIN_ENTRIES", 0)
    assert batch._parallel_pays([batch.Job(list, (), 1)] * 2) or sys.platform != "linux"
    parallel = run_cli(real_site, "check", "--format", "json")
    assert (parallel.code, parallel.out) == (serial.code, serial.out)


def test_a_cache_that_cannot_be_written_changes_nothing(mini: Path) -> None:
    expected = run_cli(mini, "check", "--strict")
    for entry in (mini / CACHE).iterdir():
        entry.unlink()
    (mini / ".cache" / "policy-pipeline" / "checks").rmdir()
    (mini / ".cache" / "policy-pipeline" / "checks").write_text("a file where the cache folder goes", encoding="utf-8")
    again = run_cli(mini, "check", "--strict")
    assert (again.code, again.out, again.err) == (expected.code, expected.out, expected.err)
    assert run_cli(mini, "compile").code == 0


def test_the_findings_cache_keeps_only_the_most_recently_used(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "CACHE_KEEP", 3)
    catalog = mini / "locales" / "ko" / "LC_MESSAGES" / "messages.po"
    original = catalog.read_text(encoding="utf-8")
    for version in range(4):  # four versions of the ko catalog, each checked once
        catalog.write_text(original + f"\n# version {version}\n", encoding="utf-8")
        assert run_cli(mini, "check").code == 0
    cached = list((mini / CACHE).iterdir())
    assert len(cached) == 3  # never more than kept: the oldest versions went first
    before = {p.name for p in cached}
    assert run_cli(mini, "check").code == 0  # the newest versions are still answered from the cache
    assert {p.name for p in (mini / CACHE).iterdir()} == before
