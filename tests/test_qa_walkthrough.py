"""Defects found by driving the installed CLI as a translator, a reviewer and a CI job would."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

KO = Path("locales/ko/LC_MESSAGES/messages.po")


def _break_placeholder(root: Path) -> None:
    """A translator's typo: %(url)s became %(ur)s in one Korean entry (an error finding)."""
    path = root / KO
    text = path.read_text(encoding="utf-8")
    broken = text.replace('<a href=\\"%(url)s\\" hreflang=\\"ja\\">일본어판</a>', '<a href=\\"%(ur)s\\" hreflang=\\"ja\\">일본어판</a>', 1)
    assert broken != text
    path.write_text(broken, encoding="utf-8")


def test_failed_build_status_counts_agree_with_stats(real_site: Path) -> None:
    """The status page of a failed build counted an entry with an error as translated (100 %,
    "Complete for the current Japanese source") while stats counted it untranslated."""
    _break_placeholder(real_site)
    assert run_cli(real_site, "build", "--review").code == 1
    figures = {row["locale"]: row for row in json.loads(run_cli(real_site, "stats", "--format", "json").out)["locales"]}
    report = json.loads((real_site / "_reports/build-report.json").read_text(encoding="utf-8"))
    ko = next(entry for entry in report["locales"] if entry["locale"] == "ko")
    assert ko["messages"]["translated"] == figures["ko"]["translated"] == figures["ko"]["total"] - 1
    assert ko["percent"] == round(figures["ko"]["percent"], 1) < 100
    assert ko["outdated"]
    status = (real_site / "_reports/status.html").read_text(encoding="utf-8")
    assert status.count("Complete for the current Japanese source") == 3


def test_catalog_saved_by_polib_passes_update_check(real_site: Path) -> None:
    """A catalog completed through polib (the writer of django-rosetta and many scripts), which
    wraps long `#.` comments, made `update --check` fail with "would change" and `update`
    rewrite every such entry, though nothing in it was out of date."""
    import polib

    catalog = polib.pofile(str(real_site / KO))
    catalog.save()
    _check_saved_catalog_is_current(real_site)


def test_catalog_saved_by_babel_passes_update_check(real_site: Path) -> None:
    """The same with Babel's writer (pybabel), which also wraps `#.` comments and reorders the
    header."""
    from babel.messages.pofile import read_po, write_po

    with (real_site / KO).open("rb") as handle:
        catalog = read_po(handle)
    with (real_site / KO).open("wb") as handle:
        write_po(handle, catalog)
    _check_saved_catalog_is_current(real_site)


def _check_saved_catalog_is_current(real_site: Path) -> None:
    saved = (real_site / KO).read_bytes()
    assert any(line.startswith(b"#. ") for line in saved.splitlines()[20:60])  # polib wrapped some
    result = run_cli(real_site, "update", "--check")
    assert result.code == 0, result.out + result.err
    assert run_cli(real_site, "update").code == 0
    assert (real_site / KO).read_bytes() == saved


def test_stats_counts_template_messages_a_catalog_lacks(real_site: Path) -> None:
    """An editor dropped one entry and changed another's msgid: the Korean page shows Japanese in
    two places and `build --strict` fails, yet `stats` said 100.0 % (141/141)."""
    import polib

    total = len(polib.pofile(str(real_site / "locales/messages.pot")))
    catalog = polib.pofile(str(real_site / KO))
    catalog.remove(next(e for e in catalog if e.msgid == "個人情報の取得"))
    next(e for e in catalog if e.msgid == "施行日").msgid = "施行日。"
    catalog.save()
    ko = next(r for r in json.loads(run_cli(real_site, "stats", "--format", "json").out)["locales"] if r["locale"] == "ko")
    assert (ko["translated"], ko["total"], ko["untranslated"]) == (total - 2, total, 2)
    assert ko["percent"] < 100
    assert run_cli(real_site, "build").code == 0
    report = json.loads((real_site / "_reports/build-report.json").read_text(encoding="utf-8"))
    entry = next(e for e in report["locales"] if e["locale"] == "ko")
    assert entry["messages"]["translated"] == total - 2 and entry["percent"] == round(ko["percent"], 1)


def test_check_named_folder_or_template_is_a_usage_error(real_site: Path) -> None:
    """`check locales` said "pass --locale"; with --locale it called the folder a broken catalog
    and advised to remove it; `check locales/messages.pot` also said "pass --locale"."""
    folder = run_cli(real_site, "check", str(real_site / "locales"))
    assert folder.code == 2 and "is a folder: name catalog files" in folder.err and "--locale" not in folder.err
    with_locale = run_cli(real_site, "check", "--locale", "ko", str(real_site / "locales/ko"))
    assert with_locale.code == 2 and "remove it" not in with_locale.err + with_locale.out
    pot = real_site / "locales/messages.pot"
    template = run_cli(real_site, "check", str(pot))
    assert template.code == 2 and f"check --pot {pot}" in template.err
    assert run_cli(real_site, "check", "--pot", str(pot)).code == 0


def test_output_into_a_closed_pipe_is_not_an_internal_error(real_site: Path) -> None:
    """`policy-pipeline update --check | head -3` ended in "internal error: BrokenPipeError"
    (exit 1, which CI would read as "would change"). The reader going away stops the command
    quietly with the shell's SIGPIPE status, 141."""
    import subprocess
    import sys

    for command in (["update", "--check"], ["stats"], ["check", "--format", "json"]):
        child = subprocess.Popen([sys.executable, "-m", "pipeline", "--root", str(real_site), *command],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert child.stdout is not None and child.stderr is not None
        child.stdout.close()  # the reader is gone before anything was written
        err = child.stderr.read().decode("utf-8")
        assert child.wait() == 141, (command, err)
        assert err == "", (command, err)


def test_check_pot_names_a_template_anywhere(real_site: Path, tmp_path: Path) -> None:
    """`check --pot FILE` called a missing file, and a plain template outside the project, "a link
    that leads outside the project"; a folder was "not a catalog file: remove it"."""
    elsewhere = tmp_path / "elsewhere.pot"
    elsewhere.write_bytes((real_site / "locales/messages.pot").read_bytes())
    outside = run_cli(real_site, "check", "--pot", str(elsewhere))
    assert outside.code == 0 and "link" not in outside.err, outside.err
    missing = run_cli(real_site, "check", "--pot", str(tmp_path / "nothere.pot"))
    assert missing.code == 2 and "no such file" in missing.err and "link" not in missing.err
    folder = run_cli(real_site, "check", "--pot", str(real_site / "locales"))
    assert folder.code == 2 and "is a folder" in folder.err and "remove it" not in folder.err + folder.out


def test_empty_or_headless_catalog_advice_leads_somewhere(real_site: Path) -> None:
    """An editor crash left the Korean catalog empty: every command said "create the catalog with
    'policy-pipeline init'", and init refused because the file exists (a dead end)."""
    (real_site / KO).write_bytes(b"")
    empty = run_cli(real_site, "check", "--locale", "ko")
    assert empty.code == 1 and "the catalog is empty: restore it from git" in empty.out + empty.err
    assert run_cli(real_site, "init", "--locale", "ko").code == 1  # init never replaces a file
    (real_site / KO).write_text('#: templates/sitepolicy.html.j2\nmsgid "施行日"\nmsgstr "시행일"\n', encoding="utf-8")
    headless = run_cli(real_site, "check", "--locale", "ko")
    assert headless.code == 1 and "put it back above the first entry" in headless.out + headless.err
    assert "init" not in headless.out + headless.err
