"""A deterministic synthetic site of any size in our own layout, for kill, fuzz and speed tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SITES, copy_project, run_cli

SENTENCES = ["本ウェブサイトは、個人情報を適切に取り扱います", "利用目的の範囲内で利用します",
             "第三者に提供することはありません", "法令等を遵守します", "安全管理措置を講じます"]


def synthetic_site(target: Path, messages: int) -> Path:
    """The mini site with a page of `messages` paragraphs, fully translated into en and ko."""
    root = copy_project(SITES / "mini", target)
    paragraphs = "\n".join(
        f"<p>{{% trans %}}第{i}条　{SENTENCES[i % len(SENTENCES)]}（{i}）。{{% endtrans %}}</p>" for i in range(messages))
    page = root / "templates/page.html.j2"
    text = page.read_text(encoding="utf-8").replace('<section id="other">', f'<section id="many">\n<h2>{{% trans %}}多数の条項{{% endtrans %}}</h2>\n{paragraphs}\n</section>\n<section id="other">')
    page.write_text(text, encoding="utf-8")
    assert run_cli(root, "extract").code == 0 and run_cli(root, "update").code == 0
    for locale in ("en", "ko"):
        fill(root / f"locales/{locale}/LC_MESSAGES/messages.po", f"[{locale}] ")
    return root


def fill(catalog: Path, prefix: str) -> None:
    """Translate every empty entry as prefix + msgid (keeps markup and placeholders)."""
    from dataclasses import replace

    from pipeline.catalogs import read_catalog, save_catalog

    current = read_catalog(catalog, catalog.name)
    messages = tuple(replace(m, msgstr=m.msgstr or prefix + m.msgid) for m in current.messages)
    save_catalog(replace(current, messages=messages), catalog)


def remove(root: Path) -> None:
    shutil.rmtree(root, ignore_errors=True)
