"""Rewriting a translator's file without ever overwriting a save made since we read it.

An editor (Poedit, an IDE, Weblate's container) may save a catalog while `update` merges it.
Comparing before a plain rename leaves a window in which that save is replaced and lost, so the
new file is swapped in with renameat2(RENAME_EXCHANGE): afterwards the temporary name holds
exactly the file that was displaced. If that is not the file we read, someone saved meanwhile:
their file is swapped back and the caller is told (ChangedMeanwhile), nothing is lost. Where the
exchange is not available, the file is compared just before the rename (a far smaller window).
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..atomic import exchange

# Called with the path just before the new file is swapped in: tests put a real concurrent
# writer here to make the race deterministic.
BEFORE_SWAP: list[Callable[[Path], None]] = []


class ChangedMeanwhile(Exception):
    """The file changed between reading it and replacing it; it was left as the other writer made it."""


def replace_unless_changed(path: Path, data: bytes, read: bytes) -> bool:
    """Replace path (whose bytes were `read`) with data, unless it changed since; False if equal.

    Raises ChangedMeanwhile, leaving the other writer's file in place, when it changed.
    """
    if data == read:
        return False
    temporary = _temporary_beside(path, data)
    try:
        for hook in BEFORE_SWAP:
            hook(path)
        if exchange(temporary, path):
            _check_displaced(temporary, path, data, read)
        else:
            if _current(path) != read:
                raise ChangedMeanwhile(str(path))
            os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return True


def create_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet: FileExistsError if someone created it meanwhile."""
    temporary = _temporary_beside(path, data)
    try:
        os.link(temporary, path)  # fails instead of replacing a file made since we looked
    finally:
        temporary.unlink(missing_ok=True)


def _check_displaced(temporary: Path, path: Path, data: bytes, read: bytes) -> None:
    """After the exchange, temporary holds what was at path: it must be what we read."""
    if _current(temporary) == read:
        return
    # Put the other writer's save back. If the swap fails, or yet another save landed at path in
    # between (temporary then holds it, not our data), the other writer's newest file wins.
    if not exchange(temporary, path) or _current(temporary) != data:
        os.replace(temporary, path)
    raise ChangedMeanwhile(str(path))


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _temporary_beside(path: Path, data: bytes) -> Path:
    """A temporary file in path's folder holding data, with path's mode (or the umask's)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, _mode_for(path))
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _mode_for(path: Path) -> int:
    """A rewritten file keeps its mode; a new one follows the umask (mkstemp would give 0600)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
