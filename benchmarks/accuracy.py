"""Fuzzy-match accuracy of a merged catalog against the generator's truth (run as a process: it parses big files)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path


def score(original: Path, merged: Path, truth: dict[str, object]) -> dict[str, object]:
    """A changed message is correct when the merge marked it fuzzy with the translation of its old msgid."""
    # The score needs no previous msgids, and pybabel writes them as '#| msgid' with the string on the
    # next line, which neither polib nor our strict reader accepts: drop those lines before parsing.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from pipeline.catalogs import parse_catalog

    before = {m.msgid: m.msgstr for m in parse_catalog(original.read_bytes(), original.name).messages}
    kept = b"".join(line for line in merged.read_bytes().splitlines(keepends=True) if not line.startswith(b"#|"))
    after = {m.msgid: m for m in parse_catalog(kept, merged.name).current}
    changed: dict[str, str] = truth["changed"]  # type: ignore[assignment]
    correct = wrong = missed = 0
    for new, old in changed.items():
        entry = after.get(new)
        if entry is None or not entry.fuzzy or not entry.msgstr:
            missed += 1
        elif entry.msgstr == before[old]:
            correct += 1
        else:
            wrong += 1
    added: list[str] = truth["added"]  # type: ignore[assignment]
    # A fuzzy added message holding a translation another message still uses is a translation
    # memory suggestion (a copy); one holding a removed message's translation took that one over.
    uses = Counter(m.msgstr for m in after.values() if m.msgstr)
    fuzzy_added = [after[msgid] for msgid in added if msgid in after and after[msgid].fuzzy]
    suggested = sum(1 for m in fuzzy_added if uses[m.msgstr] > 1)
    return {"changed": len(changed), "correct": correct, "wrong": wrong, "missed": missed,
            "added": len(added), "fuzzy_on_added": len(fuzzy_added) - suggested,
            "suggested_for_added": suggested, "locale": merged.parent.parent.name}


def main(argv: Sequence[str]) -> int:
    """accuracy.py ORIGINAL.po MERGED.po TRUTH.json: print the score as JSON."""
    original, merged, truth = map(Path, argv)
    print(json.dumps(score(original, merged, json.loads(truth.read_text(encoding="utf-8")))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
