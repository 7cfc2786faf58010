"""stats: counts by state and the terminal table."""

from __future__ import annotations

from pipeline.catalog.pofile import parse_catalog
from pipeline.stats import catalog_stats, format_table

CATALOG = b'''msgid ""
msgstr "Language: ko\\n"

msgid "a"
msgstr "A"

#, fuzzy
msgid "b"
msgstr "B"

msgid "c"
msgstr ""

#~ msgid "d"
#~ msgstr "D"
'''


def test_counts_by_state() -> None:
    figures = catalog_stats("ko", parse_catalog(CATALOG, "ko.po"))
    assert (figures.total, figures.translated, figures.fuzzy, figures.untranslated, figures.obsolete) == (3, 1, 1, 1, 1)
    assert round(figures.percent, 1) == 33.3
    assert format_table([figures])[1].startswith("ko         [#######.............]  33.3%    1/3")
