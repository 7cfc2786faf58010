"""Fuzzing with hypothesis: no catalog bytes produce anything but a result or our own error."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_targets import fuzz_one, read_merge_check

PIECES = st.sampled_from([
    'msgid ""\n', 'msgstr ""\n', '"Language: ko\\n"\n', '"Plural-Forms: nplurals=1; plural=0;\\n"\n',
    '"Content-Type: text/plain; charset=UTF-8\\n"\n', 'msgid "本サイト"\n', 'msgstr "본 사이트"\n',
    'msgctxt "c"\n', 'msgid "その他"\n', 'msgid_plural "x"\n', 'msgstr[0] "a"\n', 'msgstr[1] "b"\n',
    '#, fuzzy\n', '#| msgid "old"\n', '#~ msgid "gone"\n', '#~ msgstr "x"\n', '# comment\n', '#. note\n',
    '#: a.j2\n', '\n', '"continued"\n', 'msgstr "<script>x</script>"\n', 'msgstr "%(url)s %s %"\n',
    'msgid "<a href=\\"%(url)s\\">フォーム</a>"\n', 'msgstr "<a href=\\"javascript:x\\" onclick=y>"\n',
    '"\\x41\\101\\q"\n', '\r\n', '\ufeff', '\x00', 'msgstr "\\\n', '"unterminated\n',
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=40).map("".join))
def test_structured_catalogs(text: str) -> None:
    read_merge_check(text.encode("utf-8"))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    read_merge_check(data)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_catalog_shaped_bytes(data: bytes) -> None:
    fuzz_one(b"\x01" + data)
