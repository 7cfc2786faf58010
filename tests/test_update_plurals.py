"""update and plural messages: the catalog's own number of forms, no translation lost when a
message becomes singular or plural (GNU msgmerge's behaviour is the reference)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from pipeline.catalog.pofile import read_catalog

from conftest import run_cli

KO = "locales/ko/LC_MESSAGES/messages.po"
EN = "locales/en/LC_MESSAGES/messages.po"
SENTENCE = "<p>{% trans %}本規約は予告なく変更することがあります。{% endtrans %}</p>"
PLURAL = "<p>{% trans count=3 %}{{ count }}件の条項{% pluralize %}{{ count }}件の条項{% endtrans %}</p>"
SINGULAR = "<p>{% trans count=3 %}{{ count }}件の条項{% endtrans %}</p>"


def set_template(mini: Path, old: str, new: str) -> None:
    page = mini / "templates/page.html.j2"
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new), encoding="utf-8")
    assert run_cli(mini, "extract").code == 0


def entry(path: Path, msgid: str) -> str:
    """The text of one entry (from its comments to its last msgstr)."""
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    return next(b for b in blocks if f'msgid "{msgid}"' in b)


def test_a_new_plural_message_gets_the_catalogs_own_number_of_forms(mini: Path) -> None:
    set_template(mini, SENTENCE, SENTENCE + PLURAL)
    result = run_cli(mini, "update")
    assert result.code == 0, result.err
    ko, en = entry(mini / KO, "%(count)s件の条項"), entry(mini / EN, "%(count)s件の条項")
    assert re.findall(r"msgstr\[\d\]", ko) == ["msgstr[0]"]  # Korean: nplurals=1
    assert re.findall(r"msgstr\[\d\]", en) == ["msgstr[0]", "msgstr[1]"]
    ko_text = (mini / KO).read_text(encoding="utf-8")
    (mini / KO).write_text(ko_text.replace('msgid_plural "%(count)s件の条項"\nmsgstr[0] ""',
                                           'msgid_plural "%(count)s件の条項"\nmsgstr[0] "%(count)s개 조항"'), encoding="utf-8")
    check = run_cli(mini, "check", "--locale", "ko")
    assert "plural forms" not in check.err + check.out
    assert check.code == 0, check.err + check.out


def test_the_catalogs_plural_forms_header_wins_over_the_locale_default(mini: Path) -> None:
    """A French catalog with GNU's 2-form rule stays at 2 forms; what the header says is written."""
    catalog = mini / KO
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("nplurals=1; plural=0;", "nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);"), encoding="utf-8")
    set_template(mini, SENTENCE, SENTENCE + PLURAL)
    assert run_cli(mini, "update").code == 0
    assert re.findall(r"msgstr\[\d\]", entry(catalog, "%(count)s件の条項")) == ["msgstr[0]", "msgstr[1]", "msgstr[2]"]


def translate_plural(path: Path, forms: list[str]) -> None:
    """Fill the empty plural forms of the new entry, as a translator does in an editor."""
    empty = 'msgid_plural "%(count)s件の条項"\n' + "\n".join(f'msgstr[{i}] ""' for i in range(len(forms)))
    filled = 'msgid_plural "%(count)s件の条項"\n' + "\n".join(f'msgstr[{i}] "{form}"' for i, form in enumerate(forms))
    text = path.read_text(encoding="utf-8")
    assert empty in text
    path.write_text(text.replace(empty, filled), encoding="utf-8")
    assert read_catalog(path, "x").by_key()[(None, "%(count)s件の条項")].msgstr_plural == tuple(forms)


def test_a_plural_message_that_becomes_singular_keeps_its_translation_fuzzy(mini: Path) -> None:
    set_template(mini, SENTENCE, SENTENCE + PLURAL)
    assert run_cli(mini, "update").code == 0
    translate_plural(mini / EN, ["%(count)s clause", "%(count)s clauses"])
    old_en = (mini / EN).read_bytes()
    set_template(mini, PLURAL, SINGULAR)
    assert run_cli(mini, "update").code == 0
    message = read_catalog(mini / EN, EN).by_key()[(None, "%(count)s件の条項")]
    assert (message.msgid_plural, message.msgstr, message.fuzzy) == (None, "%(count)s clause", True)
    assert (message.previous_msgid, message.previous_msgid_plural) == ("%(count)s件の条項", "%(count)s件の条項")
    if shutil.which("msgmerge"):  # the reference: GNU msgmerge keeps it the same way
        (mini / "old.po").write_bytes(old_en)
        gnu = subprocess.run(["msgmerge", "--previous", "-q", str(mini / "old.po"), str(mini / "locales/messages.pot")],
                             capture_output=True, text=True, check=True).stdout
        block = next(b for b in gnu.split("\n\n") if 'msgid "%(count)s件の条項"' in b)
        assert "fuzzy" in block and 'msgstr "%(count)s clause"' in block


def test_a_changed_plural_source_makes_the_translation_fuzzy(mini: Path) -> None:
    """msgmerge marks an entry fuzzy when only its msgid_plural changed; so does update."""
    set_template(mini, SENTENCE, SENTENCE + PLURAL)
    assert run_cli(mini, "update").code == 0
    translate_plural(mini / EN, ["%(count)s clause", "%(count)s clauses"])
    set_template(mini, PLURAL, PLURAL.replace("{% pluralize %}{{ count }}件の条項", "{% pluralize %}{{ count }}件の条項すべて"))
    assert run_cli(mini, "update").code == 0
    message = read_catalog(mini / EN, EN).by_key()[(None, "%(count)s件の条項")]
    assert (message.msgstr_plural, message.fuzzy) == (("%(count)s clause", "%(count)s clauses"), True)
    assert message.previous_msgid_plural == "%(count)s件の条項"


def test_a_singular_message_that_becomes_plural_keeps_its_translation_fuzzy(mini: Path) -> None:
    set_template(mini, SENTENCE, SENTENCE + SINGULAR)
    assert run_cli(mini, "update").code == 0
    ko = (mini / KO).read_text(encoding="utf-8").replace('msgid "%(count)s件の条項"\nmsgstr ""', 'msgid "%(count)s件の条項"\nmsgstr "%(count)s개 조항"')
    (mini / KO).write_text(ko, encoding="utf-8")
    set_template(mini, SINGULAR, PLURAL)
    result = run_cli(mini, "update")
    assert result.code == 0
    message = read_catalog(mini / KO, KO).by_key()[(None, "%(count)s件の条項")]
    assert (message.msgstr_plural, message.fuzzy, message.previous_msgid) == (("%(count)s개 조항",), True, "%(count)s件の条項")


def test_update_says_per_catalog_what_is_new_fuzzy_untranslated_and_obsolete(mini: Path) -> None:
    set_template(mini, SENTENCE, "<p>{% trans %}本規約は、予告なく変更することがあります。{% endtrans %}</p><p>{% trans %}新しい条項です。{% endtrans %}</p>")
    result = run_cli(mini, "update")
    assert result.code == 0
    # One message changed (a fuzzy match, not also new), one added: counted once each.
    assert f"{KO}: updated (1 new, 1 fuzzy, 1 untranslated, 0 obsolete)" in result.out + result.err
    gnu = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(mini / KO)], capture_output=True, text=True).stderr
    assert "1 fuzzy translation, 1 untranslated message" in gnu
    again = run_cli(mini, "update", "--check")
    assert f"{KO}: unchanged (0 new, 1 fuzzy, 1 untranslated, 0 obsolete)" in again.out + again.err
    # The same numbers as stats (one definition of each state).
    ko = next(row for row in json.loads(run_cli(mini, "stats", "--format", "json").out)["locales"] if row["locale"] == "ko")
    assert (ko["fuzzy"], ko["untranslated"], ko["obsolete"]) == (1, 1, 0)
