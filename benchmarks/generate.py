"""Deterministic synthetic policy sites for the benchmarks: ours, the same content for Sphinx, plain catalogs.

`generate(out, messages, locales)` writes, under `out/`:

- `site/`      a project in our layout (pyproject.toml, templates, full catalogs made with the real CLI);
- `edit/`      the page template after a small edit, and `truth.json`: which old msgid each edited one
               came from, which were added and which removed (to score fuzzy matching);
- `plain/`     `messages.pot`, `edited.pot` and `locales/<locale>/LC_MESSAGES/messages.po` for pybabel
               and GNU gettext;
- `sphinx/`    `conf.py`, `index.rst` with the same text, `locale/<locale>/LC_MESSAGES/index.po` keyed by
               Sphinx's own msgids (from `sphinx-build -b gettext`), with the same translations.

`messages=0` copies the real site of this repository instead of generating one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

LOCALES = ("en", "ko", "zh_Hans", "zh_Hant", "fr", "de", "es", "it", "pt", "nl",
           "sv", "pl", "ru", "uk", "cs", "tr", "vi", "th", "id", "ms")
MINI = REPO / "tests" / "sites" / "mini" / "templates"
FURNITURE = ("base.html.j2", "index.html.j2", "404.html.j2", "messages.html.j2")
PAGE = "policy.html.j2"
URLS = {
    "site": "https://www.example.jp/",
    "inquiry": "https://www.example.jp/contact/",
    "privacy": "https://www.example.jp/privacy/",
    "cookies": "https://www.example.jp/cookies/",
    "accessibility": "https://www.example.jp/accessibility/",
}
SOURCE_DATE_EPOCH = "1795996800"  # 2026-11-30: generated catalogs carry no clock time

# A vocabulary of Japanese legal prose; sentences combine one item of each list.
SUBJECTS = ("本ウェブサイト", "当社", "利用者", "東京都", "委託先", "本事業の運営者", "登録者", "管理責任者",
            "提供者", "受託者", "会員", "申込者")
OBJECTS = ("個人情報", "利用目的", "アクセスログ", "クッキー情報", "お問い合わせの内容", "電子メールアドレス",
           "登録情報", "統計情報", "著作物", "リンク先の情報", "安全管理措置", "本規約", "閲覧履歴", "位置情報",
           "端末識別子", "申込書類")
PREDICATES = ("適切に管理します", "第三者に提供しません", "あらかじめ明示します", "法令に従って取り扱います",
              "必要な範囲で利用します", "速やかに削除します", "定期的に見直します", "安全に保管します",
              "本人の同意を得て開示します", "予告なく変更することがあります", "正確かつ最新の内容に保つよう努めます",
              "目的外に利用しないものとします")
CONDITIONS = ("", "法令に定める場合を除き、", "利用者の同意がある場合には、", "本事業の実施に当たり、",
              "必要があると認めるときは、", "緊急の場合を除き、", "前項の規定にかかわらず、", "正当な理由がある場合には、",
              "委託契約の範囲内において、", "本人から請求があったときは、")
FOLLOW_UPS = ("ただし、{condition}この限りではありません。", "{object}の取扱いについては、{subject}の責任において行われます。",
              "詳細は、別途定める細則によります。", "{subject}は、その内容を本ウェブサイトに掲載します。")
TOPICS = ("取扱い", "利用", "管理", "提供", "開示", "訂正", "削除", "保存期間", "安全管理", "第三者提供", "委託",
          "問い合わせ窓口")
LINK_SENTENCES = (
    "{object}に関するご質問は、<a href=\"%(url)s\">お問い合わせフォーム</a>からお送りください。",
    "{object}の詳細については、<a href=\"%(url)s\">専用ページ</a>をご覧ください。",
    "{subject}が定める方針は、<a href=\"%(url)s\">こちら</a>で公開しています。",
)
# Slight edits for the update benchmark: (old, new) substitutions tried in turn.
EDITS = (("個人情報", "個人データ"), ("利用者", "ユーザー"), ("します。", "するものとします。"),
         ("あらかじめ", "事前に"), ("適切に", "適正に"), ("第三者", "外部の者"), ("速やかに", "遅滞なく"),
         ("ことがあります", "場合があります"), ("は、", "は、原則として、"), ("。", "。詳細は別途定めます。"))


@dataclass(frozen=True)
class Block:
    """One line of the generated page: a heading (with its section id), a paragraph or a list item."""

    kind: str  # "h2", "h3", "p" or "li"
    text: str  # the msgid: Japanese, with <a href="%(url)s">…</a> for a link
    anchor: str = ""
    url: str = ""  # the urls.NAME a link points to


# ---------------------------------------------------------------------------------------------------
# Japanese text


class Writer:
    """Unique Japanese legal sentences from the vocabulary, seeded."""

    def __init__(self, rng: random.Random, taken: set[str] | None = None) -> None:
        self.rng = rng
        self.taken = taken if taken is not None else set()

    def _fill(self, pattern: str) -> str:
        pick = self.rng.choice
        return pattern.format(subject=pick(SUBJECTS), object=pick(OBJECTS), condition=pick(CONDITIONS))

    def sentence(self) -> str:
        """One or two sentences, never seen before."""
        while True:
            text = self._fill("{subject}は、{condition}{object}を") + self.rng.choice(PREDICATES) + "。"
            if self.rng.random() < 0.45:
                text += self._fill(self.rng.choice(FOLLOW_UPS))
            if text not in self.taken:
                self.taken.add(text)
                return text

    def link(self) -> str:
        """A sentence with one link, never seen before."""
        while True:
            text = self._fill(self.rng.choice(LINK_SENTENCES))
            text = self.sentence()[:-1] + "。" + text if text in self.taken else text
            if text not in self.taken:
                self.taken.add(text)
                return text

    def heading(self, number: str) -> str:
        """A numbered heading such as 第3条（個人情報の取扱い）."""
        text = f"{number}（{self.rng.choice(OBJECTS)}の{self.rng.choice(TOPICS)}）"
        self.taken.add(text)
        return text


def content(rng: random.Random, count: int) -> list[Block]:
    """Nested sections of headings, paragraphs, lists and links holding `count` messages."""
    writer, blocks = Writer(rng), list[Block]()
    chapter = 0
    while len(blocks) < count:
        chapter += 1
        blocks.append(Block("h2", writer.heading(f"第{chapter}章"), f"s{chapter}"))
        for article in range(1, rng.randint(2, 5)):
            blocks.append(Block("h3", writer.heading(f"第{chapter}章第{article}条"), f"s{chapter}-{article}"))
            blocks.extend(_body(rng, writer))
    return blocks[:count]


def _body(rng: random.Random, writer: Writer) -> Iterator[Block]:
    for _ in range(rng.randint(1, 3)):
        if rng.random() < 0.12:
            yield Block("p", writer.link(), url=rng.choice(sorted(URLS)))
        else:
            yield Block("p", writer.sentence())
    if rng.random() < 0.4:
        for _ in range(rng.randint(2, 4)):
            yield Block("li", writer.sentence())


# ---------------------------------------------------------------------------------------------------
# Our templates


def page_template(title: str, blocks: Sequence[Block]) -> str:
    """The Jinja2 page template: one message per line, sections nested as the headings say."""
    lines = ['{% extends "base.html.j2" %}', f'{{% block title %}}{{{{ _("{title}") }}}}{{% endblock %}}',
             "{% block heading %}", f"<h1>{{% trans %}}{title}{{% endtrans %}}</h1>", "{% endblock %}",
             "{% block content %}"]
    open_sections: list[str] = []
    in_list = False
    for block in blocks:
        if in_list and block.kind != "li":
            lines.append("</ul>")
            in_list = False
        if block.kind in ("h2", "h3"):
            depth = 1 if block.kind == "h2" else 2
            while len(open_sections) >= depth:
                lines.append("</section>")
                open_sections.pop()
            lines.append(f'<section id="{block.anchor}">')
            open_sections.append(block.anchor)
        elif block.kind == "li" and not in_list:
            lines.append("<ul>")
            in_list = True
        lines.append(f"<{block.kind}>{_trans(block)}</{block.kind}>")
    lines += ["</ul>"] * in_list + ["</section>"] * len(open_sections) + ["{% endblock %}", ""]
    return "\n".join(lines)


def _trans(block: Block) -> str:
    if block.url:
        body = block.text.replace("%(url)s", "{{ url }}")
        return f"{{% trans url=urls.{block.url} %}}{body}{{% endtrans %}}"
    return f"{{% trans %}}{block.text}{{% endtrans %}}"


def pyproject(locales: Sequence[str]) -> str:
    """The [tool.policy-pipeline] configuration of a generated site."""
    urls = "\n".join(f'{name} = "{url}"' for name, url in URLS.items())
    quoted = ", ".join(f'"{locale}"' for locale in locales)
    return (f'[project]\nname = "bench-site"\nversion = "0"\n\n[tool.policy-pipeline]\nsource_locale = "ja"\n'
            f'locales = [{quoted}]\nbase_url = "https://www.example.jp/"\neffective_date = 2026-04-01\n'
            f'last_revised = 2026-10-01\n\n[[tool.policy-pipeline.pages]]\ntemplate = "{PAGE}"\nslug = "policy"\n\n'
            f"[tool.policy-pipeline.urls]\n{urls}\n")


# ---------------------------------------------------------------------------------------------------
# Pseudo-translations: a pure function of the text, so Sphinx's msgids get the same words as ours


_PROTECTED = re.compile(r"<[^>]*>|%\(\w+\)s|%%|\\ |`_*|\{\{[^}]*\}\}")
_LATIN = ("ka", "to", "ri", "ne", "sa", "mo", "lu", "pe", "di", "vo", "an", "el", "is", "or", "un", "ba", "te", "mi")
# English pseudo-words of syllables Japanese has not: never romanised Japanese (check's wrong-language refuses that).
_ENGLISH = ("th", "ing", "st", "er", "ly", "ck", "wh", "ow", "ght", "ar", "el", "is", "or", "ed", "al", "ous", "le", "ter")
_EXTRA = {"fr": ("é", "è"), "de": ("ä", "ß"), "es": ("ñ", "á"), "pt": ("ã", "ç"), "pl": ("ł", "ż"), "cs": ("ř", "č"),
          "tr": ("ş", "ğ"), "vi": ("ư", "ạ"), "sv": ("å", "ö"), "it": ("ò",), "nl": ("ij",)}
_CYRILLIC = ("ка", "то", "ри", "не", "са", "мо", "лу", "пе", "ди", "во", "ан", "ел", "ис", "ор", "ун", "ба")
_THAI = ("กา", "โต", "รี", "เน", "สา", "โม", "ลู", "เป", "ดี", "โว", "อัน", "เอล")
_HANS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
_HANT = "的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就分對成會可主發年動同工也能下過子說產種面而方後多定行學法所民得經"
_LATIN_PUNCT = {"、": ",", "。": ".", "（": " (", "）": ") ", "「": "“", "」": "”", "・": "/", "：": ":", "　": " "}


def pseudo(text: str, locale: str) -> str:
    """A translation of `text` into `locale`'s script that keeps every tag, placeholder and markup token."""
    out, last = [], 0
    for match in _PROTECTED.finditer(text):
        out.append(_words(text[last:match.start()], locale))
        out.append(match.group())
        last = match.end()
    out.append(_words(text[last:], locale))
    return "".join(out)


def _words(run: str, locale: str) -> str:
    core = run.strip()
    if not core:
        return run
    salt = sum(map(ord, locale))
    if locale.startswith("zh"):
        alphabet = _HANS if locale == "zh_Hans" else _HANT
        # Kanji are replaced too: Japanese forms (語, 問) are Traditional-only and would not be Simplified Chinese.
        body = "".join(c if c.isascii() or not c.isalpha() else alphabet[(ord(c) + salt) % len(alphabet)] for c in core)
    else:
        body = _syllables(core, locale, salt)
    return run[: len(run) - len(run.lstrip())] + body + run[len(run.rstrip()):]


def _syllables(core: str, locale: str, salt: int) -> str:
    if locale == "ko":
        return _grouped(core, lambda c: chr(0xAC00 + (ord(c) * 7 + salt) % 11172), " ", {"、": ",", "。": "."})
    if locale == "th":
        return _grouped(core, lambda c: _THAI[(ord(c) + salt) % len(_THAI)], "", {"、": " ", "。": " "})
    syllables = _CYRILLIC if locale in ("ru", "uk") else _ENGLISH if locale == "en" else _LATIN + _EXTRA.get(locale, ())
    return _grouped(core, lambda c: syllables[(ord(c) * 31 + salt) % len(syllables)], " ", _LATIN_PUNCT)


def _grouped(core: str, spell: Callable[[str], str], space: str, punctuation: dict[str, str]) -> str:
    out: list[str] = []
    word = 0  # syllables since the last space
    for c in core:
        if c in punctuation:
            out.append(punctuation[c] + space)
            word = 0
        elif c.isascii() or not c.isalpha():
            out.append(c)
        else:
            word += 1
            out.append(spell(c))
            if word >= 2 + ord(c) % 2:
                out.append(space)
                word = 0
    return re.sub(r" ([,.)])", r"\1", re.sub(r"\s+", " ", "".join(out))).strip()


# ---------------------------------------------------------------------------------------------------
# The edit for the update benchmark

_LINE = re.compile(r"^<(p|li)>\{% trans(?: url=[\w.]+)? %\}(.*)\{% endtrans %\}</\1>$")


def msgid_of(body: str) -> str:
    """The msgid Jinja2's extractor makes of a {% trans %} body."""
    return re.sub(r"\{\{ *(\w+) *\}\}", r"%(\1)s", body)


def edit_template(text: str, rng: random.Random, changed: float = 0.03, added: float = 0.01,
                  removed: float = 0.01) -> tuple[str, dict[str, object]]:
    """A slightly edited page template and the truth: {"changed": {new: old}, "added": [...], "removed": [...]}."""
    lines = text.split("\n")
    eligible = [i for i, line in enumerate(lines) if _LINE.match(line)]
    taken = {msgid_of(_LINE.match(lines[i]).group(2)) for i in eligible}  # type: ignore[union-attr]
    counts = [max(1, round(len(eligible) * share)) for share in (changed, added, removed)]
    picked = rng.sample(eligible, sum(counts))
    to_change, to_add_after, to_remove = (picked[: counts[0]], picked[counts[0]: counts[0] + counts[1]],
                                          picked[counts[0] + counts[1]:])
    truth: dict[str, object] = {"changed": {}, "added": [], "removed": []}
    for i in to_change:
        lines[i] = _changed_line(lines[i], rng, taken, truth["changed"])  # type: ignore[arg-type]
    writer = Writer(rng, taken)
    for i in to_add_after:
        sentence = writer.sentence()
        tag = _LINE.match(lines[i]).group(1)  # type: ignore[union-attr]
        lines[i] += f"\n<{tag}>{{% trans %}}{sentence}{{% endtrans %}}</{tag}>"
        truth["added"].append(sentence)  # type: ignore[attr-defined]
    for i in to_remove:
        truth["removed"].append(msgid_of(_LINE.match(lines[i]).group(2)))  # type: ignore[union-attr, attr-defined]
    kept = [line for i, line in enumerate(lines) if i not in set(to_remove)]
    return "\n".join(kept), truth


def _changed_line(line: str, rng: random.Random, taken: set[str], changed: dict[str, str]) -> str:
    match = _LINE.match(line)
    assert match
    body = match.group(2)
    for old, new in rng.sample(EDITS, len(EDITS)):
        edited = _replace_outside_markup(body, old, new)
        if edited != body and msgid_of(edited) not in taken:
            taken.add(msgid_of(edited))
            changed[msgid_of(edited)] = msgid_of(body)
            return line[: match.start(2)] + edited + line[match.end(2):]
    raise ValueError(f"no edit applies to {body!r}")


def _replace_outside_markup(body: str, old: str, new: str) -> str:
    parts = re.split(r"(<[^>]*>|\{\{[^}]*\}\})", body)
    for i in range(0, len(parts), 2):
        if old in parts[i]:
            parts[i] = parts[i].replace(old, new, 1)
            break
    return "".join(parts)


# ---------------------------------------------------------------------------------------------------
# Sphinx


def rst_inline(msgid: str, urls: dict[str, str]) -> str:
    """A msgid as reStructuredText: links become `label <URL>`_, other tags go, placeholders become URLs."""
    url = next(iter(urls.values()), "https://www.example.jp/")
    out = []
    for token in re.split(r'(<a href="%\(\w+\)s"[^>]*>.*?</a>|<[^>]+>|%\(\w+\)s)', msgid):
        link = re.fullmatch(r'<a href="%\((\w+)\)s"[^>]*>(.*?)</a>', token)
        if link:
            label = rst_inline(link.group(2), urls).replace("`", "")
            out.append(f"\\ `{label} <{urls.get(link.group(1), url)}>`_\\ ")
        elif token.startswith("<"):
            continue
        elif re.fullmatch(r"%\(\w+\)s", token):
            out.append(urls.get(token[2:-2], url))
        else:
            out.append(re.sub(r"([*`|_\\])", r"\\\1", token.replace("%%", "%")))
    return "".join(out).removeprefix("\\ ").removesuffix("\\ ").replace("\n", " ").strip()


def index_rst(title: str, blocks: Sequence[Block], extra: Sequence[str], urls: dict[str, str]) -> str:
    """The Sphinx source: the same headings, paragraphs and list items, then the page furniture."""
    lines = [_rst_title(title, "="), ""]
    previous = ""
    for block in blocks:
        text = rst_inline(block.text, {block.url: URLS[block.url]} if block.url else urls)
        if previous == "li" and block.kind != "li":
            lines.append("")
        if block.kind in ("h2", "h3"):
            lines += [f".. _{block.anchor}:", "", _rst_title(text, "-" if block.kind == "h2" else "~"), ""]
        elif block.kind == "li":
            lines.append(f"- {text}")
        else:
            lines += [text, ""]
        previous = block.kind
    if extra:
        lines += [""] + [item for text in extra for item in (rst_inline(text, urls), "")]
    return "\n".join(lines) + "\n"


def _rst_title(text: str, underline: str) -> str:
    return f"{text}\n{underline * (2 * len(text) + 2)}"


CONF_PY = '''"""Sphinx configuration of the benchmark's policy site (the same content as our templates)."""
project = "Policy"
language = "ja"
locale_dirs = ["locale/"]
gettext_compact = False
exclude_patterns = ["locale"]
'''


def sphinx_project(out: Path, title: str, blocks: Sequence[Block], extra: Sequence[str], urls: dict[str, str],
                   locales: Sequence[str], translations: dict[str, dict[str, str]]) -> int:
    """Write the Sphinx project, extract its pot with sphinx-build -b gettext and fill one catalog per locale."""
    import polib
    from sphinx.cmd.build import build_main

    source = out / "sphinx"
    source.mkdir(parents=True)
    (source / "conf.py").write_text(CONF_PY, encoding="utf-8")
    (source / "index.rst").write_text(index_rst(title, blocks, extra, urls), encoding="utf-8")
    pot_dir = out / "sphinx-pot"
    if build_main(["-b", "gettext", "-q", "-E", "-d", str(pot_dir / ".doctrees"), str(source), str(pot_dir)]):
        raise RuntimeError("sphinx-build -b gettext failed")
    template = polib.pofile(str(pot_dir / "index.pot"), wrapwidth=79)
    for locale in locales:
        known = translations.get(locale, {})
        catalog = polib.POFile(wrapwidth=79)
        catalog.metadata = {**template.metadata, "Language": locale, "Content-Type": "text/plain; charset=UTF-8"}
        for entry in template:
            text = known.get(entry.msgid, pseudo(entry.msgid, locale))
            catalog.append(polib.POEntry(msgid=entry.msgid, msgstr=text, occurrences=entry.occurrences))
        path = source / "locale" / locale / "LC_MESSAGES" / "index.po"
        path.parent.mkdir(parents=True)
        catalog.save(str(path))
    shutil.rmtree(pot_dir / ".doctrees", ignore_errors=True)
    return len(template)


# ---------------------------------------------------------------------------------------------------
# The whole generation


def cli(site: Path, *args: str) -> None:
    """Run our real CLI in-process; raise on a non-zero exit."""
    from pipeline.cli.main import main as pipeline_main

    os.environ.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    code = pipeline_main(["--root", str(site), *args])
    if code:
        raise RuntimeError(f"policy-pipeline {' '.join(args)} failed with exit {code}")


def fill(path: Path, locale: str) -> None:
    """Translate every message of a catalog with the pseudo-translation of its msgid."""
    from pipeline.catalog.model import Catalog
    from pipeline.catalog.pofile import read_catalog
    from pipeline.catalog.powriter import save_catalog

    catalog = read_catalog(path, path.name)
    messages = tuple(m if m.msgid_plural else replace(m, msgstr=pseudo(m.msgid, locale)) for m in catalog.messages)
    save_catalog(Catalog(catalog.header, messages, catalog.path), path)


def make_catalog(site: Path, locale: str) -> None:
    """A filled catalog for one locale: the init stage the CLI runs (without the CLI's project lock, so
    locales can be made in parallel), then `fill`."""
    from pipeline.config import load_config
    from pipeline.update import init

    config = load_config(site)
    init(config, next(t for t in config.targets if t.identifier == locale))
    fill(site / "locales" / locale / "LC_MESSAGES" / "messages.po", locale)


def _furniture_msgids(templates: Path) -> set[str]:
    found: set[str] = set()
    for name in FURNITURE:
        text = (templates / name).read_text(encoding="utf-8")
        found.update(msgid_of(body) for body in re.findall(r"\{% trans[^%]*%\}(.*?)\{% endtrans %\}", text))
        found.update(re.findall(r'_\("(.*?)"\)', text))
    return found


def _copy_real(site: Path) -> tuple[list[str], str]:
    for name in ("pyproject.toml", "templates", "locales"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, site / name)
    for mo in site.rglob("*.mo"):
        mo.unlink()
    import tomllib

    table = tomllib.loads((site / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["policy-pipeline"]
    return list(table["locales"]), table["pages"][0]["template"]


def _generated(site: Path, rng: random.Random, messages: int, locales: Sequence[str]) -> tuple[str, list[Block]]:
    (site / "templates").mkdir(parents=True)
    for name in FURNITURE:
        shutil.copy2(MINI / name, site / "templates" / name)
    shutil.copytree(MINI / "assets", site / "templates" / "assets")
    title = "総合利用規約"
    blocks = content(rng, messages - len(_furniture_msgids(site / "templates") | {title}))
    (site / "templates" / PAGE).write_text(page_template(title, blocks), encoding="utf-8")
    (site / "pyproject.toml").write_text(pyproject(locales), encoding="utf-8")
    return title, blocks


def _plain(out: Path, site: Path, edited_template: Path, page: str) -> None:
    plain = out / "plain"
    shutil.copytree(site / "locales", plain / "locales")
    (plain / "locales" / "messages.pot").rename(plain / "messages.pot")
    scratch = out / "scratch"
    shutil.copytree(site, scratch)
    shutil.copy2(edited_template, scratch / "templates" / page)
    cli(scratch, "extract")
    shutil.copy2(scratch / "locales" / "messages.pot", plain / "edited.pot")
    shutil.rmtree(scratch)


def _check_truth(out: Path, truth: dict[str, object]) -> None:
    from pipeline.catalog.pofile import read_catalog

    old = {m.msgid for m in read_catalog(out / "plain" / "messages.pot", "messages.pot").messages}
    new = {m.msgid for m in read_catalog(out / "plain" / "edited.pot", "edited.pot").messages}
    changed: dict[str, str] = truth["changed"]  # type: ignore[assignment]
    wrong = [k for k, v in changed.items() if k not in new or v not in old or v in new]
    wrong += [k for k in truth["added"] if k not in new or k in old]  # type: ignore[attr-defined]
    wrong += [k for k in truth["removed"] if k in new or k not in old]  # type: ignore[attr-defined]
    if wrong:
        raise RuntimeError(f"the edit's truth does not match the extracted catalogs: {wrong[:3]}")


def fingerprint(messages: int, locales: int, seed: int, sphinx: bool) -> str:
    """What a generated folder was made from: the sizes, the seed, this file and the mini templates."""
    source = Path(__file__).read_bytes() + b"".join(p.read_bytes() for p in sorted(MINI.rglob("*")) if p.is_file())
    return hashlib.sha256(f"{messages}/{locales}/{seed}/{sphinx}/".encode() + source).hexdigest()[:16]


def generate(out: Path, messages: int, locales: int, seed: int = 6, sphinx: bool = True) -> dict[str, object]:
    """Generate a benchmark folder (see the module docstring); messages=0 copies the real site."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    if out.exists():
        shutil.rmtree(out)
    site = out / "site"
    site.mkdir(parents=True)
    rng = random.Random(seed)
    blocks: list[Block] = []
    if messages:
        chosen = list(LOCALES[:locales])
        title, blocks = _generated(site, rng, messages, chosen)
        page = PAGE
        cli(site, "extract")
        cli(site, "init", "--locale", chosen[0])
        fill(site / "locales" / chosen[0] / "LC_MESSAGES" / "messages.po", chosen[0])
        with ProcessPoolExecutor(os.cpu_count()) as pool:
            list(pool.map(make_catalog, [site] * (len(chosen) - 1), chosen[1:]))
    else:
        chosen, page = _copy_real(site)
        title = "サイトポリシー"
    edited, truth = edit_template((site / "templates" / page).read_text(encoding="utf-8"), rng)
    (out / "edit").mkdir()
    (out / "edit" / page).write_text(edited, encoding="utf-8")
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    _plain(out, site, out / "edit" / page, page)
    _check_truth(out, truth)
    from pipeline.catalog.pofile import read_catalog

    pot = read_catalog(out / "plain" / "messages.pot", "messages.pot")
    manifest: dict[str, object] = {"messages": len(pot.messages), "locales": chosen, "page": page,
                                   "fingerprint": fingerprint(messages, locales, seed, sphinx)}
    if sphinx:
        content_ids = {b.text for b in blocks} | {title}
        extra = [m.msgid for m in pot.messages if m.msgid not in content_ids]
        urls = dict(URLS) if messages else _real_urls(site)
        known = {} if messages else _real_translations(site, chosen, urls)
        manifest["sphinx_messages"] = sphinx_project(out, title, blocks, extra, urls, chosen, known)
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def _real_urls(site: Path) -> dict[str, str]:
    import tomllib

    table = tomllib.loads((site / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["policy-pipeline"]
    return dict(table.get("urls", {}))


def _real_translations(site: Path, locales: Sequence[str], urls: dict[str, str]) -> dict[str, dict[str, str]]:
    """The real catalogs' translations keyed as Sphinx will key them (the msgid as reStructuredText)."""
    from pipeline.catalog.pofile import read_catalog

    found: dict[str, dict[str, str]] = {}
    for locale in locales:
        path = site / "locales" / locale / "LC_MESSAGES" / "messages.po"
        catalog = read_catalog(path, path.name)
        found[locale] = {rst_inline(m.msgid, urls): rst_inline(m.msgstr, urls) for m in catalog.current if m.msgstr}
    return found


def touch_translation(path: Path) -> None:
    """Change one translation of a catalog slightly (for the one-catalog-changed rebuild)."""
    from pipeline.catalog.pofile import read_catalog
    from pipeline.catalog.powriter import save_catalog

    catalog = read_catalog(path, path.name)
    messages = list(catalog.messages)
    index = next(i for i, m in enumerate(messages) if m.msgstr and not m.msgid_plural and "<" not in m.msgid)
    messages[index] = replace(messages[index], msgstr=messages[index].msgstr + " (rev)")
    save_catalog(replace(catalog, messages=tuple(messages)), path)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: generate one benchmark folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--messages", type=int, default=2000, help="0 copies the real site")
    parser.add_argument("--locales", type=int, default=10)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--no-sphinx", action="store_true")
    parser.add_argument("--touch", action="store_true", help="instead: change one translation of the catalog OUT")
    args = parser.parse_args(argv)
    if args.touch:
        touch_translation(args.out)
        return 0
    manifest = generate(args.out, args.messages, args.locales, args.seed, not args.no_sphinx)
    print(json.dumps(manifest, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
