"""What the fuzzers feed: bytes into reading, merging and checking a catalog.

Each target must end in a result or our own PipelineError, never in any other exception.
Shared by the hypothesis tests and the atheris harness (`nox -s fuzz`).
"""

from __future__ import annotations

from pipeline.catalog.model import Catalog, Message
from pipeline.catalog.msgmerge import merge
from pipeline.catalog.pofile import parse_catalog
from pipeline.checks import check_catalog
from pipeline.diagnostics import PipelineError
from pipeline.locales import locale_info
from pipeline.markup import safe_translation

KOREAN = locale_info("ko")
TEMPLATE = Catalog(Message("", "Content-Type: text/plain; charset=UTF-8\n"),
                   (Message("本サイト"), Message('<a href="%(url)s">フォーム</a>'), Message("その他", msgctxt="c")))


def read_merge_check(data: bytes) -> None:
    """Parse, merge with a template and check; only PipelineError may escape."""
    assert KOREAN is not None
    try:
        catalog = parse_catalog(data, "fuzz.po")
    except PipelineError:
        return
    check_catalog(catalog, KOREAN)
    merged = merge(TEMPLATE, catalog)
    check_catalog(merged, KOREAN)
    for message in catalog.messages:
        for text in message.translations:
            safe_translation(text, message.msgid)


PIECES = [
    'msgid ""\n', 'msgstr ""\n', '"Language: ko\\n"\n', '"Plural-Forms: nplurals=1; plural=0;\\n"\n',
    '"Content-Type: text/plain; charset=UTF-8\\n"\n', 'msgid "本サイト"\n', 'msgstr "본 사이트"\n',
    'msgctxt "c"\n', 'msgid "その他"\n', 'msgid_plural "x"\n', 'msgstr[0] "a"\n', 'msgstr[1] "b"\n',
    '#, fuzzy\n', '#| msgid "old"\n', '#~ msgid "gone"\n', '#~ msgstr "x"\n', '# check: ignore=numbers -- r\n',
    '#. note\n', '#: a.j2\n', '\n', '"continued"\n', 'msgstr "<script>x</script>"\n', 'msgstr "%(url)s %s %"\n',
    'msgid "<a href=\\"%(url)s\\">フォーム</a>"\n', 'msgstr "<a href=\\"javascript:x\\" onclick=y>"\n',
    '"\\x41\\101\\q"\n', '\r\n', '\ufeff', '\x00', 'msgstr "\\\n', '"unterminated\n', '#~| msgid "p"\n',
]


def structured(data: bytes) -> bytes:
    """Bytes read as a recipe: each byte picks a piece of catalog syntax, or passes through."""
    out = []
    for byte in data:
        out.append(PIECES[byte].encode("utf-8") if byte < len(PIECES) else bytes([byte]))
    return b"".join(out)


def fuzz_one(data: bytes) -> None:
    """Half the inputs as raw bytes, half as catalog-shaped text built from them."""
    if data[:1] == b"\x00":
        read_merge_check(data[1:])
    else:
        read_merge_check(structured(data[1:]))
