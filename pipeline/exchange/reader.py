"""Reading a packet back: every unit with its line, whatever a CAT tool or a hostile sender did.

The parser never resolves entities, loads a DTD or touches the network, so an XML bomb or an
external entity in a packet is just an error with its line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..diagnostics import Location, PipelineError, error
from .formats import X12, X20, XML_LANG

MAX_PACKET_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class ReadUnit:
    """One unit as the packet has it: id, line, source and target elements, state."""

    uid: str
    line: int
    sources: tuple[etree._Element, ...]
    targets: tuple[etree._Element, ...]
    state: str | None


@dataclass(frozen=True)
class ReadPacket:
    """The packet's namespace (its format), target language and units."""

    namespace: str
    target_lang: str
    units: tuple[ReadUnit, ...]


def read_packet(path: Path, display: str) -> ReadPacket:
    """Parse a packet; a file that is not one of our formats is one error naming its line."""
    root = _parse(path, display)
    namespace = etree.QName(root).namespace or ""
    name = etree.QName(root).localname
    if (namespace, name) == (X12, "xliff"):
        return ReadPacket(X12, _first(root, f"{{{X12}}}file", "target-language"), tuple(_units12(root)))
    if (namespace, name) == (X20, "xliff"):
        return ReadPacket(X20, root.get("trgLang") or "", tuple(_units20(root)))
    if (namespace, name) == ("", "tmx"):
        return _tmx(root)
    raise PipelineError([error(Location(display, root.sourceline), "import",
                               f"<{name}> in {namespace or 'no namespace'} is not an XLIFF 1.2, XLIFF 2.0 or TMX packet")])


def _parse(path: Path, display: str) -> etree._Element:
    try:
        if path.stat().st_size > MAX_PACKET_BYTES:
            raise PipelineError([error(Location(display), "import", f"is over the {MAX_PACKET_BYTES // 1048576} MiB limit for a packet")])
        data = path.read_bytes()
    except OSError as exc:
        raise PipelineError([error(Location(display), "import", f"cannot read the packet: {exc.strerror}")]) from exc
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        raise PipelineError([error(Location(display, line, (column or 0) + 1 if line else None), "import",
                                   f"not well-formed XML: {exc.msg}: fix the file or export it again")]) from exc
    if root.getroottree().docinfo.internalDTD is not None:
        raise PipelineError([error(Location(display, 1), "import", "has a DTD (entity declarations): packets may not; export it again")])
    return root


def _first(root: etree._Element, tag: str, attribute: str) -> str:
    element = root.find(tag)
    return (element.get(attribute) or "") if element is not None else ""


def _units12(root: etree._Element) -> Iterator[ReadUnit]:
    for unit in root.iter(f"{{{X12}}}trans-unit"):
        target = unit.find(f"{{{X12}}}target")
        yield ReadUnit(unit.get("id") or "", unit.sourceline or 0, tuple(unit.findall(f"{{{X12}}}source")),
                       () if target is None else (target,), None if target is None else target.get("state"))


def _units20(root: etree._Element) -> Iterator[ReadUnit]:
    """A CAT tool may split a unit into segments: their sources and targets are joined in order."""
    for unit in root.iter(f"{{{X20}}}unit"):
        parts = [p for p in unit if etree.QName(p).localname in ("segment", "ignorable")]
        sources = tuple(s for p in parts for s in p.findall(f"{{{X20}}}source"))
        targets = tuple(t for p in parts for t in p.findall(f"{{{X20}}}target"))
        states = {p.get("state", "initial") for p in parts if etree.QName(p).localname == "segment"}
        state = states.pop() if len(states) == 1 else "initial"
        yield ReadUnit(unit.get("id") or "", unit.sourceline or 0, sources, targets, state)


def _tmx(root: etree._Element) -> ReadPacket:
    header = root.find("header")
    source_lang = (header.get("srclang") if header is not None else None) or ""
    units, target_lang = [], ""
    for tu in root.iter("tu"):
        tuvs = tu.findall("tuv")
        sources = tuple(s for v in tuvs if _lang(v) == source_lang.lower() for s in v.findall("seg"))
        targets = tuple(s for v in tuvs if _lang(v) != source_lang.lower() for s in v.findall("seg"))
        target_lang = target_lang or next((v.get(XML_LANG) or "" for v in tuvs if _lang(v) != source_lang.lower()), "")
        units.append(ReadUnit(tu.get("tuid") or "", tu.sourceline or 0, sources, targets, None))
    return ReadPacket("", target_lang, tuple(units))


def _lang(tuv: etree._Element) -> str:
    return (tuv.get(XML_LANG) or tuv.get("lang") or "").lower()
