"""git and the exchange: merge driver, textconv, --since packets, glossary exports, Weblate's files."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from translate.storage import pypo

from pipeline.catalog.pofile import parse_catalog
from pipeline.catalog.powriter import format_catalog

from conftest import REPO, run_cli
from exchange_helpers import msgfmt_accepts, validate

KO = "locales/ko/LC_MESSAGES/messages.po"


def git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin", "HOME": str(root)}
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=check, env=env)


@pytest.fixture
def repo(mini: Path) -> Path:
    """The mini site under git, with the merge driver and textconv set up as docs/translators.md says."""
    git(mini, "init", "-q", "-b", "main")
    command = f"{sys.executable} -m pipeline"
    git(mini, "config", "merge.po.driver", f"PYTHONPATH={REPO} {command} merge-driver %O %A %B %P")
    git(mini, "config", "diff.po.textconv", f"env PYTHONPATH={REPO} {command} textconv")
    (mini / ".gitattributes").write_text("*.po merge=po diff=po\n", encoding="utf-8")
    git(mini, "add", "-A")
    git(mini, "commit", "-qm", "start")
    return mini


def _edit(root: Path, old: str, new: str) -> None:
    path = root / KO
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _branches(repo: Path, ours: tuple[str, str], theirs: tuple[str, str]) -> subprocess.CompletedProcess[str]:
    """Each branch translates, and its tool stamps PO-Revision-Date, as Poedit and Weblate do."""
    git(repo, "checkout", "-qb", "theirs")
    _edit(repo, *theirs)
    _edit(repo, "PO-Revision-Date: 2026-11-25 00:33+0000", "PO-Revision-Date: 2026-12-02 09:00+0000")
    git(repo, "commit", "-qam", "theirs")
    git(repo, "checkout", "-q", "main")
    _edit(repo, *ours)
    _edit(repo, "PO-Revision-Date: 2026-11-25 00:33+0000", "PO-Revision-Date: 2026-12-01 09:00+0000")
    git(repo, "commit", "-qam", "ours")
    return git(repo, "merge", "theirs", "-m", "merge", check=False)


# Two translations on two branches: a line merge conflicts on the header, a merge by message does not.
FIRST = ('msgstr "기타"', 'msgstr "기타 사항"')
SECOND = ('msgstr "본 약관은 예고 없이 변경될 수 있습니다."', 'msgstr "본 약관은 예고 없이 변경될 수 있습니다!"')


def test_git_merge_of_two_branches_translating_different_messages_is_clean(repo: Path) -> None:
    done = _branches(repo, FIRST, SECOND)
    assert done.returncode == 0, done.stdout + done.stderr
    text = (repo / KO).read_text(encoding="utf-8")
    assert FIRST[1] in text and SECOND[1] in text
    assert "<<<<<<<" not in text
    msgfmt_accepts(repo / KO)
    assert run_cli(repo, "update", "--check").code == 0  # canonical layout


def test_without_the_driver_the_same_merge_conflicts(repo: Path) -> None:
    (repo / ".gitattributes").write_text("", encoding="utf-8")
    git(repo, "commit", "-qam", "no driver")
    assert _branches(repo, FIRST, SECOND).returncode != 0


def test_a_real_conflict_becomes_a_fuzzy_entry_with_both_texts(repo: Path) -> None:
    done = _branches(repo, FIRST, ('msgstr "기타"', 'msgstr "그 밖의 사항"'))
    assert done.returncode != 0  # git reports the conflict; the file holds the merge by message
    text = (repo / KO).read_text(encoding="utf-8")
    assert "<<<<<<<" not in text
    entry = text[text.index("# merge conflict"):].split("\n\n")[0]
    assert "# ours: 기타 사항" in entry and "# theirs: 그 밖의 사항" in entry and "#, fuzzy" in entry
    msgfmt_accepts(repo / KO)
    assert run_cli(repo, "check", "--locale", "ko").code == 0  # fuzzy is a warning, not an error


def test_textconv_diff_shows_one_line_per_message(repo: Path) -> None:
    _edit(repo, *SECOND)
    diff = git(repo, "diff").stdout
    assert "+  => 본 약관은 예고 없이 변경될 수 있습니다!" in diff
    assert "\n-  => 본 약관은 예고 없이 변경될 수 있습니다." in diff


CHANGED = ("本規約は予告なく変更することがあります。", "本規約は予告なく改定することがあります。")


def _change_source(repo: Path) -> None:
    page = repo / "templates" / "page.html.j2"
    page.write_text(page.read_text(encoding="utf-8").replace(*CHANGED), encoding="utf-8")
    assert run_cli(repo, "extract").code == 0 and run_cli(repo, "update").code == 0


def test_export_since_holds_only_the_changed_message_with_its_old_source(repo: Path) -> None:
    _change_source(repo)
    packet = repo / "ko.xlf"
    assert run_cli(repo, "export", "--locale", "ko", "--format", "xliff2", "--since", "HEAD", "--out", str(packet)).code == 0
    assert validate("xliff2", packet) == 1
    text = packet.read_text(encoding="utf-8")
    assert CHANGED[1] in text and f'category="previous-source">{CHANGED[0]}' in text
    assert 'state="initial" subState="policy-pipeline:needs-review"' in text


def test_changes_packet_writes_a_packet_per_locale_and_a_brief(repo: Path) -> None:
    _change_source(repo)
    folder = repo / "packet"
    done = run_cli(repo, "changes", "--since", "HEAD", "--packet", str(folder))
    assert done.code == 0, done.err
    assert sorted(p.name for p in folder.iterdir()) == ["README.md", "en.xlf", "ko.xlf"]
    assert validate("xliff12", folder / "ko.xlf") == 1
    text = (folder / "ko.xlf").read_text(encoding="utf-8")
    assert 'from="previous-source">' + CHANGED[0] in text
    assert 'from="previous-translation">본 약관은 예고 없이 변경될 수 있습니다.' in text
    brief = (folder / "README.md").read_text(encoding="utf-8")
    assert "0 new, 1 changed" in brief and "~~変更~~**改定**" in brief.replace(" ", "")


def test_glossary_exports_tbx_and_csv(real_site: Path) -> None:
    tbx = real_site / "glossary.tbx"
    assert run_cli(real_site, "export", "--format", "tbx", "--out", str(tbx)).code == 0
    validate("tbx", tbx)
    assert "<term>个人信息</term>" in tbx.read_text(encoding="utf-8")
    out = real_site / "ko.csv"
    assert run_cli(real_site, "export", "--format", "csv", "--locale", "ko", "--out", str(out)).code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {"source": "個人情報", "target": "개인정보"}.items() <= rows[0].items()


def test_a_catalog_weblate_wrote_with_the_documented_settings_is_accepted(real_site: Path) -> None:
    """Weblate saves through translate-toolkit's PO writer, wrapping at the width of its gettext
    output add-on (77, documented); it also rewrites header fields. Both must pass as they are."""
    path = real_site / KO
    store = pypo.pofile(io.BytesIO(path.read_bytes()), width=77)
    edited = 0
    for unit in store.units:
        if not unit.isheader() and len(unit.target) > 60 and "합니다." in unit.target:
            unit.target = unit.target.replace("합니다.", "한다.")  # a translator's edit of long entries
            edited += 1
    store.updateheader(add=True, Last_Translator="Reviewer <r@example.org>", X_Generator="Weblate 5.8",
                       PO_Revision_Date="2026-12-01 10:00+0000")
    out = io.BytesIO()
    store.serialize(out)
    path.write_bytes(out.getvalue())
    assert edited > 5
    before = path.read_bytes()
    # not our writer's layout (CJK breaks differ), yet nothing asks to rewrite it
    assert format_catalog(parse_catalog(before, KO, keep_layout=False)).encode("utf-8") != before
    done = run_cli(real_site, "update", "--check")
    assert done.code == 0, done.out
    assert run_cli(real_site, "check", "--locale", "ko").code == 0
    assert path.read_bytes() == before
    msgfmt_accepts(path)


def test_the_driver_falls_back_to_a_line_merge_for_a_file_it_cannot_read(repo: Path) -> None:
    """A side that is not a readable catalog: git's conflict markers, nothing of either side lost."""
    git(repo, "checkout", "-qb", "theirs")
    _edit(repo, *SECOND)
    git(repo, "commit", "-qam", "theirs")
    git(repo, "checkout", "-q", "main")
    _edit(repo, 'msgstr "기타"', 'msgstr "기타 \\q"')  # an invalid escape: not a catalog any more
    git(repo, "commit", "-qam", "broken")
    done = git(repo, "merge", "theirs", "-m", "merge", check=False)
    text = (repo / KO).read_text(encoding="utf-8")
    assert "not a readable catalog" in done.stderr
    assert SECOND[1] in text and '"기타 \\q"' in text


@pytest.mark.parametrize("kind", ["xliff12", "xliff2", "tmx"])
def test_round_trip_with_a_fuzzy_message_changes_no_byte(repo: Path, kind: str) -> None:
    _change_source(repo)
    before = (repo / KO).read_bytes()
    packet = repo / f"ko.{kind}"
    assert run_cli(repo, "export", "--locale", "ko", "--format", kind, "--out", str(packet)).code == 0
    assert run_cli(repo, "import", str(packet)).code == 0
    assert (repo / KO).read_bytes() == before


def test_a_reviewed_xliff2_unit_clears_fuzzy_and_the_previous_msgid(repo: Path) -> None:
    _change_source(repo)
    packet = repo / "ko.xlf"
    assert run_cli(repo, "export", "--locale", "ko", "--format", "xliff2", "--only", "fuzzy", "--out", str(packet)).code == 0
    text = packet.read_text(encoding="utf-8")
    packet.write_text(text.replace('state="initial" subState="policy-pipeline:needs-review"', 'state="reviewed"'), encoding="utf-8")
    done = run_cli(repo, "import", str(packet))
    assert done.code == 0 and "1 unit imported" in done.out, done.err
    po = (repo / KO).read_text(encoding="utf-8")
    assert "#, fuzzy" not in po and "#| msgid" not in po
    msgfmt_accepts(repo / KO)


def test_a_changed_tmx_segment_comes_in_fuzzy(mini: Path) -> None:
    memory = mini / "ko.tmx"
    assert run_cli(mini, "export", "--locale", "ko", "--format", "tmx", "--out", str(memory)).code == 0
    memory.write_text(memory.read_text(encoding="utf-8").replace(">기타<", ">기타 사항<"), encoding="utf-8")
    done = run_cli(mini, "import", str(memory))
    assert done.code == 0 and "1 unit imported" in done.out
    entry = (mini / KO).read_text(encoding="utf-8").split('msgid "その他"')[0].rsplit("\n\n", 1)[1]
    assert "#, fuzzy" in entry
