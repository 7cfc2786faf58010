"""The .mo file format: a catalog as GNU msgfmt --no-hash writes it, byte for byte."""

from __future__ import annotations

import struct

from .model import Catalog, Message


def mo_bytes(catalog: Catalog) -> bytes:
    """The binary catalog as GNU msgfmt --no-hash writes it, byte for byte: the header (unless it
    is empty) and every current, non-fuzzy message whose first form is translated (msgfmt keeps
    a partly translated plural entry; gettext falls back to the msgid for an empty form).

    Linear in the catalog's size (Babel's and polib's writers are quadratic: 30 s for 20,000
    messages). Keys are sorted by their bytes; all keys come first, then all translations.
    """
    # Like msgfmt, leave out the template's creation date: it would make every .mo differ.
    header_text = "".join(line for line in catalog.header.msgstr.splitlines(keepends=True)
                          if not line.startswith("POT-Creation-Date:"))
    pairs = [(b"", header_text.encode("utf-8"))] if header_text else []
    pairs += sorted(_pair(m) for m in catalog.current if not m.fuzzy and m.translations[0])
    count = len(pairs)
    keys_start = 28 + 16 * count
    values_start = keys_start + sum(len(key) + 1 for key, _ in pairs)
    table: list[int] = []
    offset = keys_start
    for key, _ in pairs:
        table += [len(key), offset]
        offset += len(key) + 1
    offset = values_start
    for _, value in pairs:
        table += [len(value), offset]
        offset += len(value) + 1
    header = struct.pack("<7I", 0x950412DE, 0, count, 28, 28 + 8 * count, 0, keys_start)
    strings = b"".join(key + b"\0" for key, _ in pairs) + b"".join(value + b"\0" for _, value in pairs)
    return header + struct.pack(f"<{len(table)}I", *table) + strings


def _pair(message: Message) -> tuple[bytes, bytes]:
    key = message.msgid if message.msgid_plural is None else f"{message.msgid}\0{message.msgid_plural}"
    if message.msgctxt is not None:
        key = f"{message.msgctxt}\x04{key}"
    return key.encode("utf-8"), "\0".join(message.translations).encode("utf-8")
