"""A deterministic synthetic site of any size in our own layout, for kill and speed tests.

Its translations are clean (the checks find nothing), so timing a check measures the checks,
not the writing of thousands of findings.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from pipeline.catalog.pofile import read_catalog
from pipeline.catalog.powriter import save_catalog

from conftest import SITES, copy_project, run_cli

SENTENCES = {
    "本ウェブサイトは、個人情報を適切に取り扱います": ("this website handles personal information properly", "본 웹사이트는 개인정보를 적절히 취급합니다"),
    "利用目的の範囲内で利用します": ("it is used only within the purpose of use", "이용 목적의 범위 내에서 이용합니다"),
    "第三者に提供することはありません": ("it is not provided to third parties", "제3자에게 제공하지 않습니다"),
    "法令等を遵守します": ("laws and regulations are observed", "법령 등을 준수합니다"),
    "安全管理措置を講じます": ("safety management measures are taken", "안전관리 조치를 취합니다"),
}
HEADING = {"en": "Many clauses", "ko": "여러 조항"}
_CLAUSE = re.compile(r"^第(\d+)条　(.+)（\d+）。$")


def synthetic_site(target: Path, messages: int) -> Path:
    """The mini site with a page of `messages` clauses, fully translated into en and ko."""
    root = copy_project(SITES / "mini", target)
    names = list(SENTENCES)
    paragraphs = "\n".join(
        f"<p>{{% trans %}}第{i}条　{names[i % len(names)]}（{i}）。{{% endtrans %}}</p>" for i in range(messages))
    page = root / "templates/page.html.j2"
    text = page.read_text(encoding="utf-8").replace('<section id="other">', f'<section id="many">\n<h2>{{% trans %}}多数の条項{{% endtrans %}}</h2>\n{paragraphs}\n</section>\n<section id="other">')
    page.write_text(text, encoding="utf-8")
    assert run_cli(root, "extract").code == 0 and run_cli(root, "update").code == 0
    for locale in ("en", "ko"):
        fill(root / f"locales/{locale}/LC_MESSAGES/messages.po", locale)
    assert run_cli(root, "update").code == 0
    return root


def translation(msgid: str, locale: str) -> str:
    """The clean translation of a synthetic message."""
    if msgid == "多数の条項":
        return HEADING[locale]
    clause = _CLAUSE.match(msgid)
    if clause is None:
        return ""
    number, sentence = clause.group(1), SENTENCES[clause.group(2)]
    return f"Article {number}: {sentence[0].capitalize()} ({number})." if locale == "en" else f"제{number}조 {sentence[1]}({number})."


def fill(catalog: Path, locale: str) -> None:
    """Translate every empty entry of a synthetic catalog."""
    current = read_catalog(catalog, catalog.name)
    messages = tuple(replace(m, msgstr=m.msgstr or translation(m.msgid, locale)) for m in current.messages)
    save_catalog(replace(current, messages=messages), catalog)
