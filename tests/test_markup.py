"""Tags and placeholders of a message, as parity and the renderer see them."""

from __future__ import annotations

from pipeline.markup import bad_percent, parse_tag, placeholders, strip_tags, tags, unsafe_reason


def test_tags_compare_by_element_and_attributes_in_any_order() -> None:
    one, two = parse_tag('<a href="x" class="y">'), parse_tag("<A class='y'  href=x>")
    assert one.key == two.key and one.source != two.source
    assert parse_tag("</a>").closing and not parse_tag("<a>").closing
    assert [t.name for t in tags("1 < 2 and <b>bold</b> <br/>")] == ["b", "b", "br"]


def test_unsafe_reasons() -> None:
    assert unsafe_reason(parse_tag("<script>")) == "<script> element"
    assert unsafe_reason(parse_tag('<img src="x" onerror="y">')) == "event handler attribute onerror"
    assert unsafe_reason(parse_tag('<a href=" JavaScript:x">')) == "javascript: URL in href"
    assert unsafe_reason(parse_tag('<a href="data:text/html,x">')) == "data: URL in href"
    assert unsafe_reason(parse_tag('<p style="display:none">')) == "style attribute"
    assert unsafe_reason(parse_tag("<a href")) == "an unterminated tag"
    assert unsafe_reason(parse_tag('<a href="https://example.org/">')) is None


def test_placeholders_and_percent_signs() -> None:
    assert placeholders("%(url)s と %(url)s、100%%") == {"%(url)s": 2}
    assert bad_percent("100%% 確実") is None
    assert bad_percent("100% 確実") == "% "
    assert bad_percent("%s") == "%s"
    assert bad_percent("%(name)") == "%(name)"


def test_strip_tags_gives_text() -> None:
    assert strip_tags('<a href="x">A &amp; B</a>') == "A & B"
