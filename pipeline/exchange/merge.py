"""git integration: a three-way merge of catalogs by message, and a readable text form for diffs.

git calls `merge-driver %O %A %B` with the common ancestor, our side and their side, and takes
what the driver leaves in %A. Merging by message (msgctxt + msgid) instead of by line means two
branches that translated different messages never conflict; a message both sides changed
differently becomes a fuzzy entry holding both texts, so nothing is lost and review is forced.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from ..catalog.model import Catalog, Key, Message, content_fields
from ..catalog.pofile import read_catalog
from ..catalog.powriter import save_catalog
from ..diagnostics import PipelineError


def merge_files(base: Path, ours: Path, theirs: Path) -> int:
    """Merge theirs into ours (rewriting ours); how many messages conflicted."""
    catalogs = [read_catalog(p, name) for p, name in ((base, "base"), (ours, "ours"), (theirs, "theirs"))]
    merged, conflicts = merge_catalogs(*catalogs)
    save_catalog(merged, ours)
    return conflicts


def merge_by_lines(base: Path, ours: Path, theirs: Path) -> int:
    """git's own line merge, for files that are not catalogs we can read: conflict markers, no loss."""
    done = subprocess.run(["git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs", str(ours), str(base), str(theirs)],
                          check=False, capture_output=True)
    return done.returncode


def merge_catalogs(base: Catalog, ours: Catalog, theirs: Catalog) -> tuple[Catalog, int]:
    """Three-way merge by message key; the order is ours, with their new messages after their predecessor."""
    old, mine, other = _keyed(base), _keyed(ours), _keyed(theirs)
    conflicts = 0
    merged: dict[Key, Message] = {}
    for key in _order(ours, theirs):
        # a message removed on one side is kept as long as its translation would be lost otherwise
        kept = _obsolete_key(key) in mine or _obsolete_key(key) in other
        message, conflicted = _merge_one(old.get(key), mine.get(key), other.get(key), kept)
        conflicts += conflicted
        if message is not None:
            merged[key] = message
    return replace(ours, header=_merge_header(base, ours, theirs), messages=tuple(merged.values())), conflicts


def _merge_header(base: Catalog, ours: Catalog, theirs: Catalog) -> Message:
    """Field by field: the side that changed a field wins; both did: the later date, else ours."""
    old, other = dict(base.header_fields()), dict(theirs.header_fields())
    merged = ours
    for name, value in ours.header_fields():
        theirs_value = other.get(name, value)
        if value == old.get(name) or (name == "PO-Revision-Date" and theirs_value > value):
            merged = merged.with_header_field(name, theirs_value)
    for name, value in theirs.header_fields():
        if name not in dict(ours.header_fields()) and name not in old:
            merged = merged.with_header_field(name, value)
    if merged.header.msgstr == ours.header.msgstr:
        return ours.header
    return replace(merged.header, translator_comments=ours.header.translator_comments)


def _keyed(catalog: Catalog) -> dict[Key, Message]:
    """Messages by key, obsolete ones under their own key space (they are kept apart in the file)."""
    found: dict[Key, Message] = {}
    for message in catalog.messages:
        found.setdefault(_key(message), message)
    return found


def _key(message: Message) -> Key:
    return (f"\x00obsolete\x00{message.msgctxt}" if message.obsolete else message.msgctxt, message.msgid)


def _obsolete_key(key: Key) -> Key:
    return (f"\x00obsolete\x00{key[0]}", key[1])


def _order(ours: Catalog, theirs: Catalog) -> list[Key]:
    """Our order; each of their messages we lack goes right after the message it follows there."""
    order = [_key(m) for m in ours.messages]
    known = set(order)
    previous: Key | None = None
    for message in theirs.messages:
        key = _key(message)
        if key not in known:
            order.insert(order.index(previous) + 1 if previous in known else len(order), key)
            known.add(key)
        previous = key
    return order


def _merge_one(base: Message | None, ours: Message | None, theirs: Message | None, kept: bool) -> tuple[Message | None, int]:
    """One message: the side that changed wins; both changed alike is fine; else a fuzzy conflict."""
    if _same(ours, theirs):
        return ours, 0
    if _same(base, ours):  # only they changed it (or removed it)
        return (theirs if theirs is not None or kept or not _has_translation(ours) else ours), 0
    if _same(base, theirs):
        return (ours if ours is not None or kept or not _has_translation(theirs) else theirs), 0
    if ours is None or theirs is None:  # removed on one side, changed on the other: keep the change
        return ours or theirs, 0
    return _conflict(ours, theirs), 1


def _same(first: Message | None, second: Message | None) -> bool:
    if first is None or second is None:
        return first is second
    return content_fields(first) == content_fields(second)


def _has_translation(message: Message | None) -> bool:
    return message is not None and any(message.translations)


def _conflict(ours: Message, theirs: Message) -> Message:
    """Ours, marked fuzzy, with both translations in translator comments for the reviewer."""
    note = ["merge conflict: both branches changed this message; pick one and remove the fuzzy flag"]
    note += [f"ours: {t}" for t in ours.translations] + [f"theirs: {t}" for t in theirs.translations]
    comments = tuple(c for c in ours.translator_comments if c not in theirs.translator_comments) + theirs.translator_comments
    flags = ("fuzzy", *(f for f in dict.fromkeys(ours.flags + theirs.flags) if f != "fuzzy"))
    chosen = ours if any(ours.translations) else theirs
    return replace(chosen, translator_comments=(*note, *comments), flags=flags,
                   references=ours.references, extracted_comments=ours.extracted_comments)


def textconv(path: Path) -> Iterator[str]:
    """A catalog as git diff shows it: one line per message, unwrapped, states spelled out."""
    try:
        catalog = read_catalog(path, str(path))
    except PipelineError:
        yield from path.read_text(encoding="utf-8", errors="replace").splitlines()
        return
    for message in catalog.messages:
        state = "obsolete " if message.obsolete else "fuzzy " if message.fuzzy else ""
        context = f"[{message.msgctxt}] " if message.msgctxt is not None else ""
        yield f"{state}{context}{_one_line(message.msgid)}"
        for i, text in enumerate(message.translations):
            label = f"  => [{i}] " if message.msgid_plural is not None else "  => "
            yield label + _one_line(text)
        yield from (f"  # {c}" for c in message.translator_comments)


def _one_line(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n")
