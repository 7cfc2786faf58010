"""XLIFF 1.2, XLIFF 2.0 and TMX 1.4 documents: written with lxml, read back defensively.

translate-toolkit (the maintained library for these formats) writes XLIFF 1.x under the 1.1
namespace and has no way to write XLIFF 2.0's originalData/dataRef inline codes, so the writing
is done here with lxml; the tests read every packet back with translate-toolkit and validate it
against schemas, as an independent reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from .inline import CodeMaker, CodeReader, InlineError, code_list, fill
from .units import Unit

X12 = "urn:oasis:names:tc:xliff:document:1.2"
X20 = "urn:oasis:names:tc:xliff:document:2.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
FORMATS = ("xliff12", "xliff2", "tmx")
_STATE_12 = {"new": "new", "needs-review": "needs-review-translation", "translated": "translated", "final": "final"}
_STATE_20 = {"new": "initial", "needs-review": "initial", "translated": "translated", "final": "final"}
# XLIFF states that mean "done": the translation is imported as it is; any other as fuzzy.
DONE_STATES = frozenset({"translated", "signed-off", "final", "reviewed"})
TOOL = "policy-pipeline"


@dataclass(frozen=True)
class Packet:
    """What a packet is about: the catalog it came from and the two languages."""

    original: str
    source_lang: str
    target_lang: str


def write(kind: str, packet: Packet, units: Sequence[Unit]) -> bytes:
    """The packet document in one of FORMATS."""
    root = {"xliff12": _xliff12, "xliff2": _xliff2, "tmx": _tmx}[kind](packet, units)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


class _Ph12(CodeMaker):
    """XLIFF 1.2 and TMX: <ph id|x="n">native code</ph>; the content is the code's own text."""

    def __init__(self, tag: str, attribute: str) -> None:
        self.tag, self.attribute = tag, attribute

    def __call__(self, parent: etree._Element, number: int, native: str) -> etree._Element:
        code = etree.SubElement(parent, self.tag, {self.attribute: str(number)})
        code.text = native
        return code


class _Ph20(CodeMaker):
    """XLIFF 2.0: <ph id="n" dataRef="dn" disp="native"/>, the code itself in originalData."""

    def __call__(self, parent: etree._Element, number: int, native: str) -> etree._Element:
        return etree.SubElement(parent, f"{{{X20}}}ph", {"id": str(number), "dataRef": f"d{number}", "disp": native})


def _xliff12(packet: Packet, units: Sequence[Unit]) -> etree._Element:
    root = etree.Element(f"{{{X12}}}xliff", {"version": "1.2"}, nsmap={None: X12})
    file = etree.SubElement(root, f"{{{X12}}}file", {"original": packet.original, "source-language": packet.source_lang,
                                                      "target-language": packet.target_lang, "datatype": "po",
                                                      "tool-id": TOOL})
    header = etree.SubElement(file, f"{{{X12}}}header")
    etree.SubElement(header, f"{{{X12}}}tool", {"tool-id": TOOL, "tool-name": TOOL})
    body = etree.SubElement(file, f"{{{X12}}}body")
    for unit in units:
        codes = code_list(unit.msgid)
        element = etree.SubElement(body, f"{{{X12}}}trans-unit", {"id": unit.uid, XML_SPACE: "preserve"})
        maker = _Ph12(f"{{{X12}}}ph", "id")
        fill(etree.SubElement(element, f"{{{X12}}}source"), unit.source, codes, maker)
        target = etree.SubElement(element, f"{{{X12}}}target", {"state": _STATE_12[unit.state]})
        fill(target, unit.target, codes, maker)
        for origin, text in unit.notes:
            etree.SubElement(element, f"{{{X12}}}note", {"from": origin}).text = text
    return root


def _xliff2(packet: Packet, units: Sequence[Unit]) -> etree._Element:
    root = etree.Element(f"{{{X20}}}xliff", {"version": "2.0", "srcLang": packet.source_lang, "trgLang": packet.target_lang},
                         nsmap={None: X20})
    file = etree.SubElement(root, f"{{{X20}}}file", {"id": "f1", "original": packet.original})
    for unit in units:
        codes = code_list(unit.msgid)
        element = etree.SubElement(file, f"{{{X20}}}unit", {"id": unit.uid})
        if unit.notes:
            notes = etree.SubElement(element, f"{{{X20}}}notes")
            for category, text in unit.notes:
                etree.SubElement(notes, f"{{{X20}}}note", {"category": category}).text = text
        if codes:
            data = etree.SubElement(element, f"{{{X20}}}originalData")
            for number, native in enumerate(codes, 1):
                etree.SubElement(data, f"{{{X20}}}data", {"id": f"d{number}"}).text = native
        segment = etree.SubElement(element, f"{{{X20}}}segment", {"state": _STATE_20[unit.state]})
        if unit.state == "needs-review":
            segment.set("subState", "policy-pipeline:needs-review")
        fill(etree.SubElement(segment, f"{{{X20}}}source", {XML_SPACE: "preserve"}), unit.source, codes, _Ph20())
        fill(etree.SubElement(segment, f"{{{X20}}}target", {XML_SPACE: "preserve"}), unit.target, codes, _Ph20())
    return root


def _tmx(packet: Packet, units: Sequence[Unit]) -> etree._Element:
    root = etree.Element("tmx", {"version": "1.4"})
    etree.SubElement(root, "header", {"creationtool": TOOL, "creationtoolversion": "1", "segtype": "block",
                                      "o-tmf": "gettext", "adminlang": "en", "srclang": packet.source_lang,
                                      "datatype": "plaintext"})
    body = etree.SubElement(root, "body")
    maker = _Ph12("ph", "x")
    for unit in units:
        codes = code_list(unit.msgid)
        element = etree.SubElement(body, "tu", {"tuid": unit.uid})
        for category, text in unit.notes:
            etree.SubElement(element, "note").text = f"{category}: {text}"
        for lang, text in ((packet.source_lang, unit.source), (packet.target_lang, unit.target)):
            fill(etree.SubElement(etree.SubElement(element, "tuv", {XML_LANG: lang}), "seg"), text, codes, maker)
    return root


class _Read12(CodeReader):
    """Codes of XLIFF 1.2 (ph id) and TMX (ph x); mrk and hi are markers around text."""

    def __init__(self, attribute: str) -> None:
        self.attribute = attribute

    def __call__(self, child: etree._Element) -> tuple[int | None, str | None]:
        name = etree.QName(child).localname
        if name in ("mrk", "hi"):
            return None, None
        if name != "ph":
            raise _unexpected(name)
        return _number(child.get(self.attribute)), "".join(child.itertext())


class _Read20(CodeReader):
    def __call__(self, child: etree._Element) -> tuple[int | None, str | None]:
        name = etree.QName(child).localname
        if name == "mrk":
            return None, None
        if name != "ph":
            raise _unexpected(name)
        return _number(child.get("id")), None


def _unexpected(name: str) -> Exception:
    return InlineError(f"<{name}> is not one of this packet's inline codes: keep the codes as they were exported")


def _number(value: str | None) -> int:
    if value is None or not value.isdigit():
        raise InlineError(f"inline code id {value!r} is not one of the source's codes")
    return int(value)


READERS: dict[str, CodeReader] = {X12: _Read12("id"), X20: _Read20(), "": _Read12("x")}
