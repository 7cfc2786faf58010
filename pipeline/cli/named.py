"""Locales and catalog files named on the command line: where they are (relative to the current folder, like
every path on the command line) and which locale each one is for."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..config import Config
from ..diagnostics import ConfigError
from ..locales import LocaleInfo, locale_info
from ..output.targets import named_path

# The Language header as msginit and every editor write it: "Language: ko\n" inside msgstr "".
_LANGUAGE = re.compile(rb'^"Language:\s*([A-Za-z0-9_@-]+)\s*(?:\\n)?"\s*$', re.MULTILINE)


def configured_locale(config: Config, identifier: str) -> LocaleInfo:
    """The project's locale for an identifier named on the command line (either spelling, any case)."""
    info = locale_info(identifier)
    if info is None:
        raise ConfigError([f"unknown locale {identifier!r}: use a CLDR identifier such as ko or zh_Hans"])
    matches = [t for t in config.targets if t.identifier == info.identifier]
    if not matches:
        raise ConfigError([f"locale {identifier!r} is not in tool.policy-pipeline.locales of pyproject.toml: add it there first"])
    return matches[0]


def named_catalogs(config: Config, paths: Sequence[Path], locales: Sequence[str]) -> list[tuple[LocaleInfo, Path]]:
    """Each named catalog with its locale: --locale, else the project's own path, the folder or
    file name (ko/LC_MESSAGES/x.po, ko/x.po, ko.po), else the file's Language header."""
    if not paths:
        return []
    if len(locales) > 1:
        raise ConfigError([f"--locale {' --locale '.join(locales)}: name one locale for the catalogs you name, or check them one locale at a time"])
    given = _known(locales[0], "--locale") if locales else None
    found = []
    for path in paths:
        resolved = named_path("catalog", path).resolve()
        if not resolved.exists() and not resolved.is_symlink():
            raise ConfigError([f"{path}: no such file (paths on the command line are relative to the current folder)"])
        _refuse_non_catalog(path, resolved)
        found.append((given or _locale_of(config, path, resolved), resolved))
    return found


def named_template(path: Path) -> Path:
    """The template named by `check --pot FILE`: an existing file (relative to the current folder)."""
    resolved = named_path("--pot", path).resolve()
    if not resolved.exists():
        raise ConfigError([f"--pot {path}: no such file (paths on the command line are relative to the current folder)"])
    if resolved.is_dir():
        raise ConfigError([f"--pot {path}: is a folder: name the template file, or pass --pot alone to check messages.pot"])
    return resolved


def _refuse_non_catalog(path: Path, resolved: Path) -> None:
    """A folder or a template named where a catalog belongs is a usage mistake, not a broken
    catalog (whose advice would be to remove it, or to pass --locale)."""
    if resolved.is_dir():
        raise ConfigError([f"{path}: is a folder: name catalog files (.po), or run check without paths to check every catalog"])
    if resolved.suffix == ".pot":
        raise ConfigError([f"{path}: is a template, not a catalog: check it with 'policy-pipeline check --pot {path}'"])


def _known(spelling: str, where: str) -> LocaleInfo:
    info = locale_info(spelling)
    if info is None:
        raise ConfigError([f"{where} {spelling!r}: unknown locale: use a CLDR identifier such as ko or zh_Hans"])
    return info


def _locale_of(config: Config, path: Path, resolved: Path) -> LocaleInfo:
    for locale in config.targets:
        if config.catalog_path(locale).resolve() == resolved:
            return locale
    folder = resolved.parent.parent if resolved.parent.name == "LC_MESSAGES" else resolved.parent
    for candidate in (folder.name, resolved.stem):
        info = locale_info(candidate)
        if info is not None:
            return info
    header = _header_language(resolved)
    if header is not None:
        return header
    raise ConfigError([f"{path}: cannot tell its locale: pass --locale, put it in <locale>/LC_MESSAGES/, or set its Language header"])


def _header_language(path: Path) -> LocaleInfo | None:
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)  # the header entry comes first
    except OSError:
        return None  # the check itself reports why the file cannot be read
    match = _LANGUAGE.search(head)
    return locale_info(match.group(1).decode("ascii")) if match else None
