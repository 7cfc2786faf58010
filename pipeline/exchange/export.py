"""`export`: a locale's packet (XLIFF 1.2, XLIFF 2.0, TMX) or the glossary (TBX, CSV)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from ..atomic import write_if_changed
from ..catalog.model import Catalog, Key
from ..catalog.pofile import read_catalog
from ..checks import project_glossary
from ..config import Config
from ..diagnostics import ConfigError
from ..glossary import Glossary
from ..locales import LocaleInfo
from ..output.targets import writable_file
from .formats import XML_LANG, Packet, write
from .units import ONLY, units_of

GLOSSARY_FORMATS = ("tbx", "csv")


def parse_only(value: str | None) -> tuple[str, ...]:
    """--only untranslated,fuzzy: the kinds of message to put in the packet."""
    if value is None:
        return ONLY
    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    unknown = [k for k in kinds if k not in ONLY]
    if unknown or not kinds:
        raise ConfigError([f"--only {value}: use a comma-separated list of {', '.join(ONLY)}"])
    return kinds


def packet_of(config: Config, locale: LocaleInfo, kind: str, catalog: Catalog, only: Sequence[str] = ONLY,
              keys: set[Key] | None = None, extra: dict[Key, list[tuple[str, str]]] | None = None) -> tuple[bytes, int]:
    """One locale's packet document and its number of units; TMX holds the published translations only."""
    if kind == "tmx":
        only = ("translated",)
    units = units_of(catalog, project_glossary(config), locale.identifier, only, keys, extra)
    return write(kind, Packet(catalog.path, config.source.tag, locale.tag), units), len(units)


def since_keys(config: Config, revision: str) -> tuple[set[Key], dict[Key, list[tuple[str, str]]]]:
    """The keys of messages new or changed since a git revision, and each changed one's old source."""
    from ..changes import source_at, source_changes  # git only with --since
    from ..loader import load_template  # only with --since
    found = source_changes(source_at(config, revision), load_template(config))
    extra = {c.key: [("previous-source", c.old)] for c in found if c.kind == "changed" and c.old is not None}
    return {c.key for c in found if c.kind != "removed"}, extra


def export(config: Config, locale: LocaleInfo | None, kind: str, out: Path, only: str | None, since: str | None) -> tuple[bool, int]:
    """Write the packet or glossary to out; (written, how many units or terms)."""
    out = writable_file(config, "--out", out)
    if kind in GLOSSARY_FORMATS:
        terms = project_glossary(config)
        data = glossary_tbx(config, terms) if kind == "tbx" else glossary_csv(terms, _required(locale, kind))
        return write_if_changed(out, data), len(terms.terms) + len(terms.keep)
    locale = _required(locale, kind)
    path = config.catalog_path(locale)
    catalog = read_catalog(path, config.relative(path), config.root)
    keys, extra = since_keys(config, since) if since else (None, None)
    data, count = packet_of(config, locale, kind, catalog, parse_only(only), keys, extra)
    return write_if_changed(out, data), count


def _required(locale: LocaleInfo | None, kind: str) -> LocaleInfo:
    if locale is None:
        raise ConfigError([f"export --format {kind}: needs --locale"])
    return locale


def glossary_tbx(config: Config, terms: Glossary) -> bytes:
    """The glossary as TBX (ISO 30042 core structure): one termEntry per term, a langSet per language."""
    root = etree.Element("martif", {"type": "TBX", XML_LANG: "en"})
    header = etree.SubElement(etree.SubElement(root, "martifHeader"), "fileDesc")
    etree.SubElement(etree.SubElement(header, "sourceDesc"), "p").text = f"policy-pipeline glossary: {config.relative(config.catalogs_dir)}"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    source = config.source.tag
    for number, term in enumerate(terms.terms, 1):
        entry = etree.SubElement(body, "termEntry", {"id": f"t{number}"})
        if term.note:
            etree.SubElement(entry, "descrip", {"type": "definition"}).text = term.note
        _lang_set(entry, source, (term.source,))
        for target in config.targets:
            if term.targets.get(target.identifier):
                _lang_set(entry, target.tag, term.targets[target.identifier])
    for number, name in enumerate(terms.keep, len(terms.terms) + 1):
        entry = etree.SubElement(body, "termEntry", {"id": f"t{number}"})
        etree.SubElement(entry, "descrip", {"type": "definition"}).text = "a name: never translated"
        for tag in (source, *(t.tag for t in config.targets)):
            _lang_set(entry, tag, (name,))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _lang_set(entry: etree._Element, tag: str, words: Sequence[str]) -> None:
    lang = etree.SubElement(entry, "langSet", {XML_LANG: tag})
    for word in words:
        etree.SubElement(etree.SubElement(lang, "tig"), "term").text = word


def glossary_csv(terms: Glossary, locale: LocaleInfo) -> str:
    """source,target,explanation rows, as Weblate's and Poedit's glossary import reads them."""
    buffer = io.StringIO()
    rows = csv.writer(buffer, lineterminator="\n")
    rows.writerow(("source", "target", "explanation"))
    for term in terms.terms:
        for word in term.targets.get(locale.identifier, ()):
            rows.writerow((term.source, word, term.note))
    for name in terms.keep:
        rows.writerow((name, name, "a name: never translated"))
    return buffer.getvalue()
