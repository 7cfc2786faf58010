"""Paths a user names for a command to read or write: one set of rules for every command.

A name the file system cannot hold, a '~' no shell expanded, a newline pasted into a name, a
link that loops: each is one line naming the option and the path, before anything is written.
A file a command writes (a report, a baseline, a packet) is never a folder, never what a link
points to, and never a source of the project; a packet folder holds only packets.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator
from pathlib import Path

from ..config import Config
from ..diagnostics import ConfigError

_PACKET_FILES = (".xlf", ".xliff", ".md")
_PACKAGE = Path(__file__).resolve().parent.parent


def lexical(path: Path, base: Path | None = None) -> Path:
    """An absolute path with '..' folded but no link followed (a link must stay visible as one)."""
    return Path(os.path.normpath((base or Path.cwd()) / path))


def _sources(config: Config) -> Iterator[tuple[str, Path]]:
    """What a build must not replace or write into, each with how a message names it."""
    yield "the project folder", config.root
    yield "the project's config pyproject.toml", config.pyproject
    for what, folder in (("templates", config.templates_dir), ("catalogs", config.catalogs_dir),
                         ("pipeline package", _PACKAGE), ("git repository", config.root / ".git")):
        yield f"the project's {what} folder {config.relative(folder)}", folder
    for what, file in (("glossary", config.glossary), ("check baseline", config.baseline)):
        if file is not None:
            yield f"the project's {what} {config.relative(file)}", file


def source_clash(config: Config, path: Path) -> str | None:
    """Which source of the project the target is, holds or lies inside, if any; links in the
    folders above the target are followed for this comparison, so a detour does not hide one."""
    for candidate in {path, path.resolve()}:
        for what, source in _sources(config):
            if candidate == source:
                return f"is {what}"
            if within(source, candidate):
                return f"holds {what}"
            if within(candidate, source) and source != config.root:
                return f"is inside {what}"
    return None


def within(inner: Path, outer: Path) -> bool:
    return inner != outer and inner.is_relative_to(outer)


def named_path(option: str, value: Path | str, base: Path | None = None) -> Path:
    """The absolute, lexical path (from base, else the current folder) of a name given for an
    option, or ConfigError (exit 2)."""
    text = str(value)
    shown = f"{option} {text!r}" if not text.isprintable() else f"{option} {text}"
    if not text:
        raise ConfigError([f"{option}: is empty: name a file or folder"])
    if any(ord(char) < 32 or ord(char) == 127 for char in text):
        raise ConfigError([f"{shown}: the name holds a control character (a pasted newline?): name it without one"])
    if text.startswith("~"):
        raise ConfigError([f"{shown}: only a shell turns '~' into a home folder, so this would make a folder named '~': "
                           f"write the path out ({Path(text).expanduser()})"])
    target = lexical(Path(text), base)
    longest = max((len(os.fsencode(part)) for part in target.parts), default=0)
    if longest > 255 or len(os.fsencode(str(target))) >= 4096:
        raise ConfigError([f"{option} {text[:60]}…: the name is too long for the file system: name a shorter path"])
    try:
        target.resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: pathlib's report of a link loop
        raise ConfigError([f"{shown}: goes through a link that leads back to itself: remove the link"]) from exc
    return target


def read_only(path: Path) -> Path | None:
    """The folder that would be written in (the path itself, or its nearest existing folder) when
    its mode forbids writing. Checked by mode, not by access(): a user running as root (CI, a
    container) would otherwise write where the owner said no one should."""
    folder = next((p for p in (path, *path.parents) if p.is_dir()), None)
    return folder if folder is not None and not folder.stat().st_mode & 0o222 else None


def readable_file(option: str, value: Path | str) -> Path:
    """A file to read: it exists and is a file, not a folder."""
    target = named_path(option, value)
    if target.is_dir():
        raise ConfigError([f"{option} {value}: is a folder: name a file"])
    if not target.is_file():
        raise ConfigError([f"{option} {value}: does not exist: check the path"])
    return target


def writable_file(config: Config, option: str, value: Path | str, own: Collection[Path] = ()) -> Path:
    """A file to write (a report, a baseline, a packet): never a folder, never through a link,
    never a source of the project (unless it is the command's own file, `own`), in a folder."""
    target = named_path(option, value)
    shown = f"{option} {config.relative(target)}"
    if target.is_symlink():
        raise ConfigError([f"{shown}: is a link to {os.readlink(target)}; a command never writes through a link: "
                           "remove the link or name a new file"])
    if target.is_dir():
        raise ConfigError([f"{shown}: is a folder: name a file"])
    parent = next((p for p in target.parents if os.path.lexists(p)), None)
    if parent is not None and not parent.is_dir():
        raise ConfigError([f"{shown}: {config.relative(parent)} is a file, not a folder: name a path in a folder"])
    locked = read_only(target.parent)
    if locked is not None:
        raise ConfigError([f"{shown}: the folder {config.relative(locked)} is read-only: make it writable or name another file"])
    clash = None if target in own else source_clash(config, target)
    if clash is None and target.suffix in (".po", ".pot", ".mo") and target not in own:
        clash = "is a catalog file"
    if clash is not None:
        raise ConfigError([f"{shown}: {clash}, which this command must never replace: name a new file"])
    return target


def packet_folder(config: Config, option: str, value: Path | str) -> Path:
    """A folder to write packets into: new, empty, or holding only packets and their brief."""
    target = named_path(option, value)
    shown = f"{option} {config.relative(target)}"
    if target.is_symlink():
        raise ConfigError([f"{shown}: is a link to {os.readlink(target)}; packets are never written through a link: "
                           "remove the link or name a new folder"])
    clash = source_clash(config, target)
    if clash is not None:
        raise ConfigError([f"{shown}: {clash}, where packets must never be written: name a new folder"])
    if os.path.lexists(target) and not target.is_dir():
        raise ConfigError([f"{shown}: is a file: name a new or empty folder"])
    locked = read_only(target)
    if locked is not None:
        raise ConfigError([f"{shown}: the folder {config.relative(locked)} is read-only: make it writable or name another folder"])
    foreign = [e.name for e in os.scandir(target) if not (e.is_file(follow_symlinks=False) and e.name.endswith(_PACKET_FILES))] \
        if target.is_dir() else []
    if foreign:
        raise ConfigError([f"{shown}: holds {foreign[0]!r}, which is not a packet: name a new or empty folder"])
    return target
