"""What changed between two versions: passages added, removed and changed, in one language.

Passages are the policy's messages as the version's page shows them (placeholders filled in,
links kept), recorded while the page renders; they are compared in template order with
difflib, so a passage rewritten in place is "changed" and one moved elsewhere is removed there
and added here.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .catalogs import Key
from .render import FALLBACK_END, Translator

_MARK = re.compile("\ue000(\\d+)\ue001(.*?)\ue002", re.DOTALL)


@dataclass
class Recorder(Translator):
    """A translator that remembers, by message, the passage each {% trans %} block became."""

    passages: dict[Key, str] = field(default_factory=dict)
    _keys: list[Key] = field(default_factory=list)

    def block(self, msgctxt: str | None, msgid: str) -> str:
        self._keys.append((msgctxt, msgid))
        return f"\ue000{len(self._keys) - 1}\ue001{super().block(msgctxt, msgid)}\ue002"

    def finish(self, page: str) -> str:
        def keep(match: re.Match[str]) -> str:
            self.passages.setdefault(self._keys[int(match.group(1))], match.group(2).replace(FALLBACK_END, ""))
            return match.group(2)

        return _MARK.sub(keep, page)


@dataclass(frozen=True)
class Change:
    """One difference: kind is added, removed or changed."""

    kind: str
    old: str | None
    new: str | None


def compare(old_keys: Sequence[Key], old: Mapping[Key, str], new_keys: Sequence[Key], new: Mapping[Key, str]) -> list[Change]:
    """The passages that differ between two versions, in the newer version's order."""
    before = [k for k in old_keys if k in old]
    after = [k for k in new_keys if k in new]
    found: list[Change] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        gone, came = before[i1:i2], after[j1:j2]
        paired = min(len(gone), len(came)) if tag == "replace" else 0
        found += [Change("changed", old[a], new[b]) for a, b in zip(gone[:paired], came[:paired], strict=True)]
        found += [Change("removed", old[a], None) for a in gone[paired:]]
        found += [Change("added", None, new[b]) for b in came[paired:]]
    return found
