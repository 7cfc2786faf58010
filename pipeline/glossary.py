"""The glossary file: required translations of key legal terms, and names that are never translated.

The file (`locales/glossary.toml` by default) maps a Japanese term to the term each locale must
use; a value may list accepted alternatives. The check is one-way on purpose: a msgid that
contains the term needs one of the locale's terms in the msgstr. It cannot know which words of
the translation render the term otherwise, so it never flags a translation for using a term.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import ConfigError

GLOSSARY_FILE = "glossary.toml"


@dataclass(frozen=True)
class Term:
    """A Japanese source term and the accepted translations per locale identifier."""

    source: str
    targets: Mapping[str, tuple[str, ...]]
    note: str = ""


@dataclass(frozen=True)
class Glossary:
    """Terms with required translations, and names that stay as they are in every language."""

    terms: tuple[Term, ...] = ()
    keep: tuple[str, ...] = ()
    path: str = ""

    @property
    def names(self) -> frozenset[str]:
        """The do-not-translate names: also allowed where script checks would object."""
        return frozenset(self.keep)


def load_glossary(path: Path | None, display: str = "") -> Glossary:
    """Read a glossary file; a malformed one is a configuration error (exit 2)."""
    if path is None or not path.is_file():
        return Glossary()
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{display or path}: not valid TOML: {exc}"]) from exc
    problems: list[str] = []
    terms = tuple(_term(entry, f"{display}: terms[{i}]", problems) for i, entry in enumerate(document.get("terms", [])))
    keep = document.get("keep", {}).get("names", [])
    if not isinstance(keep, list) or not all(isinstance(n, str) and n for n in keep):
        problems.append(f"{display}: keep.names: must be an array of non-empty strings")
        keep = []
    if problems:
        raise ConfigError(problems)
    return Glossary(terms, tuple(keep), display)


def _term(entry: object, key: str, problems: list[str]) -> Term:
    if not isinstance(entry, dict) or not isinstance(entry.get("ja"), str) or not entry["ja"]:
        problems.append(f"{key}: needs ja = the Japanese term")
        return Term("", {})
    targets: dict[str, tuple[str, ...]] = {}
    for locale, value in entry.items():
        if locale in ("ja", "note"):
            continue
        accepted = (value,) if isinstance(value, str) else value
        if not isinstance(accepted, (list, tuple)) or not accepted or not all(isinstance(v, str) and v for v in accepted):
            problems.append(f"{key}.{locale}: must be a term or an array of accepted terms")
            continue
        targets[locale] = tuple(accepted)
    return Term(entry["ja"], targets, str(entry.get("note", "")))
