"""Measure how Japanese and its translations align, to set the thresholds of the recall checks.

Pairs come from the shipped catalogs (msgid ja, msgstr xx) and from the design corpus: two
catalogs of one project that translate the same English msgid into Japanese and into xx give a
real ja->xx pair (and the English msgid is the en side). Prints, per language, the percentiles
of the length ratio and the share of pairs whose sentence counts differ, then runs the recall
checks over every pair as a catalog and prints what they find (their false-positive rate).

    python3 benchmarks/calibrate.py [CORPUS_DIR]
"""

from __future__ import annotations

import math
import statistics
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.catalog.model import Catalog, Message
from pipeline.catalog.pofile import parse_catalog
from pipeline.checks import ENTRY_CHECKS, alignment, leftovers
from pipeline.checks.context import CheckContext, default_settings
from pipeline.diagnostics import PipelineError
from pipeline.glossary import Glossary
from pipeline.locales import locale_info

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path("/work/shared/corpus/realworld")
# (project, the Japanese catalog, {locale: catalog}) sharing English msgids.
PROJECTS = {
    "sphinx": ("ja.po", {"ko": "ko.po", "zh_Hans": "zh_CN.po", "zh_Hant": "zh_TW.po", "en": None}),
    "django": ("old/django-1.1.1_conf_ja.po", {"ko": "old/django-1.1.1_conf_ko.po", "zh_Hans": "old/django-1.1.1_conf_zh_CN.po",
                                                "zh_Hant": "old/django-1.1.1_conf_zh_TW.po", "en": None}),
    "godot": ("editor_ja.po", {"ko": "editor_ko.po", "zh_Hans": "editor_zh_Hans.po", "zh_Hant": "editor_zh_Hant.po", "en": None}),
    "dpkg": ("po_ja.po", {"ko": "po_ko.po", "zh_Hans": "po_zh_CN.po", "zh_Hant": "po_zh_TW.po", "en": None}),
    "weblate-liberapay": ("core_ja.po", {"zh_Hant": "core_zh_Hant.po", "en": None}),
}


# The recall checks of alignment.py and leftovers.py, as the registry runs them.
_RECALL_CHECKS = tuple(check for _, check in ENTRY_CHECKS if check.__module__ in (alignment.__name__, leftovers.__name__))


def _read(path: Path) -> dict[str, str]:
    try:
        catalog = parse_catalog(path.read_bytes(), path.name)
    except PipelineError:
        return {}
    return {m.msgid: m.msgstr for m in catalog.current if m.msgid_plural is None and m.msgstr and not m.fuzzy}


def corpus_pairs(corpus: Path) -> Iterator[tuple[str, str, list[tuple[str, str]]]]:
    """(project, locale, [(ja, xx)]) for every project of the corpus with a ja catalog."""
    for project, (ja_name, others) in PROJECTS.items():
        folder = corpus / project
        if not (folder / ja_name).is_file():
            continue
        japanese = _read(folder / ja_name)
        for locale, name in others.items():
            target = {k: k for k in japanese} if name is None else _read(folder / name)
            yield project, locale, [(ja, target[msgid]) for msgid, ja in japanese.items() if msgid in target]


def shipped_pairs() -> Iterator[tuple[str, str, list[tuple[str, str]]]]:
    for path in sorted((REPO / "locales").glob("*/LC_MESSAGES/messages.po")):
        catalog = parse_catalog(path.read_bytes(), path.name)
        yield "shipped", path.parent.parent.name, [(m.msgid, m.msgstr) for m in catalog.current if m.msgstr]


def _percentiles(values: Sequence[float]) -> str:
    ordered = sorted(values)
    pick = [ordered[min(len(ordered) - 1, int(p * len(ordered)))] for p in (0.01, 0.05, 0.5, 0.95, 0.99)]
    return " ".join(f"{v:.2f}" for v in pick)


def measure(name: str, locale: str, pairs: list[tuple[str, str]]) -> dict[str, int]:
    language = locale.split("_")[0]
    ratios = [alignment.bare_length(xx) / alignment.bare_length(ja) for ja, xx in pairs
              if alignment.bare_length(ja) >= alignment.MIN_LENGTH and alignment.bare_length(xx)]
    multi = [(ja, xx) for ja, xx in pairs if alignment.sentences(ja, "ja") >= 2]
    fewer = sum(alignment.sentences(xx, language) < alignment.sentences(ja, "ja") for ja, xx in multi)
    logs = [math.log(r) for r in ratios]
    spread = statistics.pstdev(logs) if len(logs) > 1 else 0.0
    found = run_checks(locale, pairs)
    print(f"{name:18} {locale:8} pairs {len(pairs):6} ratio p1/p5/p50/p95/p99 {_percentiles(ratios) if ratios else '-':30} "
          f"log-sd {spread:.2f}  multi-sentence {len(multi):5} fewer {fewer:4}  findings {found}")
    return found


def run_checks(locale: str, pairs: list[tuple[str, str]]) -> dict[str, int]:
    """The recall checks over the pairs as one catalog: what they report is a false positive."""
    info = locale_info(locale)
    assert info is not None
    unique = list(dict((ja, xx) for ja, xx in pairs).items())
    messages = tuple(Message(msgid=ja, msgstr=xx, line=i + 1, msgstr_line=i + 1) for i, (ja, xx) in enumerate(unique))
    catalog = Catalog(Message(msgid="", msgstr=f"Language: {locale}\n"), messages, f"{locale}.po")
    context = CheckContext(catalog, info, default_settings(info), Glossary())
    counts: dict[str, int] = {}
    found = list(alignment.misplaced(context))
    found += [d for m in messages for check in _RECALL_CHECKS for d in check(m, context)]
    for d in found:
        counts[d.check_id] = counts.get(d.check_id, 0) + 1
        if "-v" in sys.argv:
            print("   ", d.check_id, d.message[:200])
    return counts


def main(argv: Sequence[str]) -> int:
    corpus = Path(argv[0]) if argv and not argv[0].startswith("-") else CORPUS
    totals: dict[str, int] = {}
    for name, locale, pairs in [*shipped_pairs(), *corpus_pairs(corpus)]:
        for check_id, n in measure(name, locale, pairs).items():
            totals[check_id] = totals.get(check_id, 0) + n
        totals["pairs"] = totals.get("pairs", 0) + len(pairs)
    print("total", totals)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
