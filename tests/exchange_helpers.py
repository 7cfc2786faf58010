"""Helpers of the exchange tests: independent readers and schemas for every exported file."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as StdET
from pathlib import Path

from lxml import etree
from translate.storage import tbx, tmx, xliff, xliff2

SCHEMAS = Path(__file__).resolve().parent / "data" / "schemas"
_SCHEMA_OF = {"xliff12": "xliff12.xsd", "xliff2": "xliff20.xsd", "tmx": "tmx14.xsd", "tbx": "tbx.xsd"}


def validate(kind: str, path: Path) -> int:
    """Schema-valid, readable by Python's own parser and by translate-toolkit; the number of units."""
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / _SCHEMA_OF[kind])))
    document = etree.parse(str(path))
    assert schema.validate(document), f"{path}: {schema.error_log}"
    StdET.parse(path)  # a second, unrelated XML parser
    data = path.read_bytes()
    store = {"xliff12": xliff.xlifffile, "xliff2": xliff2.Xliff2File, "tmx": tmx.tmxfile, "tbx": tbx.tbxfile}[kind].parsestring(data)
    return len([u for u in store.units if not u.isheader()])


def msgfmt_accepts(path: Path) -> None:
    """GNU msgfmt --check: the reference for a well-formed catalog."""
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
