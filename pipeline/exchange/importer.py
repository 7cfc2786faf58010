"""`import FILE`: merge a packet back into its catalog, unit by unit, where the source still matches.

A unit is refused (and reported with the packet's line) when its id is unknown, its source is not
the catalog's any more, its inline codes were broken, or what it would write fails an error check.
Refused units change nothing; the rest are written in one atomic rewrite of the catalog, so an
import never leaves a broken catalog and never empties a translation.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..catalog.model import Catalog, Key, Message
from ..catalog.pofile import parse_catalog, read_catalog, read_catalog_bytes
from ..catalog.powriter import format_catalog
from ..catalog.saving import ChangedMeanwhile, replace_unless_changed
from ..checks import check_catalog, project_glossary
from ..config import Config
from ..diagnostics import Diagnostic, Location, PipelineError, Severity, error
from ..locales import LocaleInfo
from .formats import DONE_STATES, READERS
from .inline import InlineError, code_list, read_back
from .reader import ReadPacket, ReadUnit, read_packet
from .units import message_id


@dataclass
class ImportResult:
    """What an import did: the catalog, counts, refused units and the checks' warnings."""

    catalog: str
    applied: int = 0
    unchanged: int = 0
    refused: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)


@dataclass
class _Edit:
    """The new texts of one message's forms, whether the packet calls them done, and their units."""

    message: Message
    texts: dict[int, str] = field(default_factory=dict)
    done: bool = True
    units: list[ReadUnit] = field(default_factory=list)


def import_packet(config: Config, path: Path, display: str) -> ImportResult:
    """Apply a packet to the catalog of its target language."""
    packet = read_packet(path, display)
    locale = _locale(config, packet, display)
    catalog_path = config.catalog_path(locale)
    data = read_catalog_bytes(catalog_path, config.relative(catalog_path), config.root)
    catalog = parse_catalog(data, config.relative(catalog_path))
    result = ImportResult(catalog.path)
    edits = _edits(catalog, packet, display, result)
    merged = _checked(config, locale, catalog, edits, display, result)
    result.unchanged = len(packet.units) - result.applied - len({d.location for d in result.refused})
    try:  # never over a save made by an editor since the catalog was read (saving.py)
        written_now = replace_unless_changed(catalog_path, format_catalog(merged).encode("utf-8"), data)
    except ChangedMeanwhile:
        raise PipelineError([error(Location(catalog.path), "changed-meanwhile",
                                   "was saved by another program while import ran; the saved file is kept and nothing was imported: run import again")]) from None
    if written_now:
        written = read_catalog(catalog_path, catalog.path, config.root)
        changed = {key for key, edit in edits.items() if edit.units}
        result.warnings = [d for d in _findings(config, locale, written) if (d.msgctxt, d.msgid) in changed]
    return result


def _locale(config: Config, packet: ReadPacket, display: str) -> LocaleInfo:
    wanted = packet.target_lang.replace("_", "-").lower()
    for target in config.targets:
        if wanted in (target.tag.lower(), target.identifier.replace("_", "-").lower()):
            return target
    raise PipelineError([error(Location(display), "import", f"target language {packet.target_lang!r} is not one of the project's locales "
                               f"({', '.join(t.identifier for t in config.targets)}): was the packet made for another project?")])


def _index(catalog: Catalog) -> tuple[dict[str, tuple[Message, int | None]], dict[str, Message]]:
    """Unit id -> (message, form); and the ids messages had before their source changed."""
    current: dict[str, tuple[Message, int | None]] = {}
    previous: dict[str, Message] = {}
    for message in catalog.current:
        uid = message_id(message.key)
        if message.msgid_plural is None:
            current[uid] = (message, None)
        else:
            current.update({f"{uid}-{i}": (message, i) for i in range(len(message.msgstr_plural))})
        if message.previous_msgid is not None:
            previous[message_id((message.previous_msgctxt, message.previous_msgid))] = message
    return current, previous


def _edits(catalog: Catalog, packet: ReadPacket, display: str, result: ImportResult) -> dict[Key, _Edit]:
    current, previous = _index(catalog)
    edits: dict[Key, _Edit] = {}
    seen: set[str] = set()
    for unit in packet.units:
        reason = _refusal(unit, current, previous, seen, catalog.path)
        if reason is None:
            message, form = current[unit.uid]
            try:
                reason = _take(unit, message, form, packet, edits)
            except InlineError as exc:
                reason = str(exc)
        if reason:
            result.refused.append(error(Location(display, unit.line), "import", f"unit {unit.uid}: {reason}"))
        seen.add(unit.uid)
    return edits


def _refusal(unit: ReadUnit, current: dict[str, tuple[Message, int | None]], previous: dict[str, Message],
             seen: set[str], path: str) -> str | None:
    if unit.uid in seen:
        return "the packet has this unit id twice: only the first was read"
    if unit.uid in current:
        return None
    moved = previous.get(unit.uid.rsplit("-", 1)[0]) or previous.get(unit.uid)
    if moved is not None:
        return f"the source changed since the packet was made (now {path}:{moved.line}): export the locale again"
    return f"unknown unit id: no such message in {path} (removed, or not from this project)"


def _take(unit: ReadUnit, message: Message, form: int | None, packet: ReadPacket, edits: dict[Key, _Edit]) -> str | None:
    """Record the unit's target on its message; a reason when it cannot be applied."""
    codes, reader = code_list(message.msgid), READERS[packet.namespace]
    expected = message.msgid if not form else message.msgid_plural or ""
    if "".join(read_back(s, codes, reader) for s in unit.sources) != expected:
        return "its source text is not the catalog's: the message changed, or the source was edited in the packet"
    target = "".join(read_back(t, codes, reader) for t in unit.targets)
    index = form or 0
    old = message.translations[index]
    # TMX has no states: a changed translation from a memory is a suggestion, imported as fuzzy.
    done = unit.state in DONE_STATES if packet.namespace else False
    if not target or (target == old and not (message.fuzzy and done)):
        return None  # nothing new; and an empty target never erases a translation
    edit = edits.setdefault(message.key, _Edit(message))
    edit.texts[index] = target
    edit.done = edit.done and done
    edit.units.append(unit)
    return None


def _applied(edit: _Edit) -> Message:
    """The message with the packet's texts: fuzzy unless the packet says done; done clears #|."""
    message = edit.message
    texts = list(message.translations)
    for index, text in edit.texts.items():
        texts[index] = text
    if message.msgid_plural is None:
        message = replace(message, msgstr=texts[0])
    else:
        message = replace(message, msgstr_plural=tuple(texts))
    flags = tuple(f for f in message.flags if f != "fuzzy")
    if edit.done:
        return replace(message, flags=flags, previous_msgctxt=None, previous_msgid=None, previous_msgid_plural=None)
    return replace(message, flags=("fuzzy", *flags))


def _with(catalog: Catalog, edits: dict[Key, _Edit]) -> Catalog:
    changed = {key: _applied(edit) for key, edit in edits.items()}
    messages = tuple(changed.get(m.key, m) if not m.obsolete else m for m in catalog.messages)
    return replace(catalog, messages=messages)


def _checked(config: Config, locale: LocaleInfo, catalog: Catalog, edits: dict[Key, _Edit], display: str,
             result: ImportResult) -> Catalog:
    """The catalog with every edit that passes the error checks; the others are refused."""
    before = {d.fingerprint for d in _findings(config, locale, catalog, errors_only=True)}
    while True:
        merged = _with(catalog, edits)
        new = [d for d in _findings(config, locale, merged, errors_only=True) if d.fingerprint not in before]
        bad = {(d.msgctxt, d.msgid or "") for d in new} & set(edits)
        if not new or not bad:
            break
        for key in bad:
            reasons = "; ".join(d.message for d in new if (d.msgctxt, d.msgid or "") == key)
            result.refused += [error(Location(display, u.line), "import", f"unit {u.uid}: {reasons}") for u in edits.pop(key).units]
    if new:  # a file-level error no unit can be blamed for: write nothing
        result.refused += new
        return catalog
    result.applied = sum(len(e.units) for e in edits.values())
    return merged


def _findings(config: Config, locale: LocaleInfo, catalog: Catalog, errors_only: bool = False) -> list[Diagnostic]:
    found = check_catalog(catalog, locale, settings=config.locale_settings(locale), glossary_terms=project_glossary(config),
                          errors_only=errors_only)
    return [d for d in found if errors_only or d.severity is Severity.WARNING]
