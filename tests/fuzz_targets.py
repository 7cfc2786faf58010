"""What the fuzzers feed: bytes into reading, merging and checking a catalog.

Each target must end in a result or our own PipelineError, never in any other exception.
Shared by the hypothesis tests and the atheris harness (`nox -s fuzz`).
"""

from __future__ import annotations

from pipeline.catalogs import Catalog, Message, parse_catalog
from pipeline.checks import check_catalog
from pipeline.diagnostics import PipelineError
from pipeline.locales import locale_info
from pipeline.markup import safe_translation
from pipeline.update import merge

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
