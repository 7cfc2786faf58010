"""The renderer lets through only the msgid's markup, whatever a catalog holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.catalog.model import Message
from pipeline.markup import safe_translation
from pipeline.site.jinja import Translator, install, make_environment, table_of_contents

MSGID = '本サイトの<a href="%(url)s">お問い合わせフォーム</a>をご利用ください。'


@pytest.mark.parametrize(
    ("hostile", "expected"),
    [
        ('Use the <a href="%(url)s">form</a><script>alert(1)</script>.',
         'Use the <a href="%(url)s">form</a>&lt;script&gt;alert(1)&lt;/script&gt;.'),
        ('Use the <a href="%(url)s" onclick="steal()">form</a>.',
         'Use the &lt;a href=&#34;%(url)s&#34; onclick=&#34;steal()&#34;&gt;form</a>.'),
        ('Use the <a href="javascript:alert(1)">form</a>.',
         'Use the &lt;a href=&#34;javascript:alert(1)&#34;&gt;form</a>.'),
        ('Use the <a href="data:text/html,x">form</a>.', 'Use the &lt;a href=&#34;data:text/html,x&#34;&gt;form</a>.'),
        ('Use <!-- hidden --> the <a href="%(url)s">form</a>.', 'Use &lt;!-- hidden --&gt; the <a href="%(url)s">form</a>.'),
        ('<style>body{display:none}</style>x', '&lt;style&gt;body{display:none}&lt;/style&gt;x'),
        ('Use the <a href="%(url)s">form<textarea>', 'Use the <a href="%(url)s">form&lt;textarea&gt;'),
        ('<a href="%(url)s">x</a></a></main>', '<a href="%(url)s">x</a>&lt;/a&gt;&lt;/main&gt;'),
        ('Tom &amp; Jerry &lt;b&gt;', 'Tom &amp; Jerry &lt;b&gt;'),
        ('<a  HREF="%(url)s">form</a>', '<a href="%(url)s">form</a>'),
    ],
)
def test_only_msgid_markup_survives(hostile: str, expected: str) -> None:
    assert safe_translation(hostile, MSGID) == expected


def _page(messages: dict[tuple[str | None, str], Message], is_source: bool = False) -> tuple[str, Translator]:
    env = make_environment(Path("."))
    translator = Translator("ja", messages, is_source=is_source)
    install(env, translator)
    template = env.from_string(
        '<title>{{ _("題名") }}</title><p>{% trans url=link %}本サイトの<a href="{{ url }}">お問い合わせフォーム</a>をご利用ください。{% endtrans %}</p>'
    )
    return template.render(link='https://example.org/?a=1&b="2"'), translator


def test_translation_is_formatted_with_escaped_values() -> None:
    messages = {(None, MSGID): Message(MSGID, 'Use the <a href="%(url)s">form</a><img src=x onerror=alert(1)>.'),
                (None, "題名"): Message("題名", "<b>Title</b> & more")}
    html, translator = _page(messages)
    assert html == ('<title>&lt;b&gt;Title&lt;/b&gt; &amp; more</title><p>Use the <a href="https://example.org/?a=1&amp;b=&#34;2&#34;">form</a>'
                    "&lt;img src=x onerror=alert(1)&gt;.</p>")
    assert translator.fallbacks == []


def test_fuzzy_and_missing_fall_back_marked() -> None:
    messages = {(None, MSGID): Message(MSGID, "Use the form.", flags=("fuzzy",), msgstr_line=12)}
    html, translator = _page(messages)
    assert '<p><span lang="ja" data-fallback="fuzzy">本サイトの<a href="https://example.org/?a=1&amp;b=&#34;2&#34;">' in html
    assert "<title>題名</title>" in html
    assert [(f.reason, f.line, f.in_text_slot) for f in translator.fallbacks] == [("untranslated", None, True), ("fuzzy", 12, False)]


def test_source_page_uses_msgids() -> None:
    html, translator = _page({}, is_source=True)
    assert "<title>題名</title>" in html and "data-fallback" not in html and translator.fallbacks == []


def test_table_of_contents_lists_sections_in_order() -> None:
    page = ('<nav><!--toc--></nav><section id="a">\n<h2>A</h2><section id="a-1">\n<h3>A1</h3></section></section>'
            '<section id="b">\n<h2>B</h2></section>')
    assert table_of_contents(page).startswith(
        '<nav><ol><li><a href="#a">A</a><ol><li><a href="#a-1">A1</a></li></ol></li><li><a href="#b">B</a></li></ol></nav>')
