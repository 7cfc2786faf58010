"""Writing that survives being killed, and a lock against two runs at once.

A folder is published by building it beside its destination and exchanging the two in one
system call (renameat2 with RENAME_EXCHANGE on Linux), so at every instant the destination is
either the whole old folder or the whole new one. Where that call does not exist, two renames
are used and the next run puts a retired folder back if a kill fell between them.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import math
import os
import secrets
import shutil
import stat
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from .diagnostics import Location, PipelineError, error

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
LOCK_NAME = ".policy-pipeline.lock"


def _renameat2() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.renameat2
    except (OSError, AttributeError):
        return None


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; False when the system cannot (the caller falls back)."""
    function = _renameat2()
    if function is None:
        return False
    result = function(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return bool(result == 0)


def recover(output: Path) -> None:
    """Undo what a killed run left: put a retired folder back, remove half-built ones."""
    for leftover in sorted(output.parent.glob(f".{output.name}.old-*")):
        if not output.exists():
            leftover.rename(output)
        else:
            shutil.rmtree(leftover, ignore_errors=True)
    for leftover in output.parent.glob(f".{output.name}.new-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def publish_folder(files: Mapping[str, bytes], output: Path) -> None:
    """Write files into a sibling folder, then swap it in: a failure leaves output as it was."""
    with staged([len(data) for data in files.values()]) as staging:
        staging.add(output, files)
        staging.commit()


@contextlib.contextmanager
def staged(sizes: Sequence[int]) -> Iterator[Staging]:
    """Folders built beside their destinations and swapped in together; what is not committed
    is removed. sizes: of every file the publication writes (to say how much space it needs)."""
    staging = Staging(sizes)
    try:
        yield staging
    finally:
        staging.discard()


class Staging:
    """New folders beside their destinations: all written first, then all swapped in, so a
    failure to write (a full disk) changes none of them, and a failed swap undoes the others."""

    def __init__(self, sizes: Sequence[int]) -> None:
        self.sizes = sizes
        self.needed: int | None = None  # on disk, whole blocks: measured where the first folder goes
        self.free: int | None = None  # before the first folder was written: what a user can act on
        self.folders: dict[Path, Path] = {}  # destination -> its new folder
        self.retired: list[Path] = []

    def add(self, destination: Path, files: Mapping[str, bytes]) -> Path:
        """Write files into a new folder beside destination; returns that folder."""
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
            recover(destination)
            if self.free is None:
                self.free, self.needed = _free_space(destination.parent), _on_disk(destination.parent, self.sizes)
            folder = new_folder(destination.parent, f".{destination.name}.new-")
        except OSError as exc:
            raise write_failed(destination, exc, self.needed, self.free) from exc
        self.folders[destination] = folder
        for relative, data in sorted(files.items()):
            self.write(destination, relative, data)
        return folder

    def write(self, destination: Path, relative: str, data: bytes) -> None:
        """One more file into the new folder of destination."""
        target = self.folders[destination] / relative
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as exc:
            raise write_failed(destination / relative, exc, self.needed, self.free) from exc

    def commit(self) -> None:
        """Swap every new folder in; when one swap fails, the ones before it are swapped back."""
        done: list[tuple[Path, Path]] = []
        try:
            for destination, folder in self.folders.items():
                done.append((destination, _swap(folder, destination)))
        except OSError as exc:
            for destination, old in reversed(done):
                _unswap(self.folders[destination], destination, old)
            raise write_failed(destination, exc, self.needed, self.free) from exc
        self.retired = [old for _, old in done]
        self.folders = {}

    def discard(self) -> None:
        """Remove what was not swapped in and what was swapped out."""
        for path in [*self.folders.values(), *self.retired]:
            shutil.rmtree(path, ignore_errors=True)
        self.folders, self.retired = {}, []


def _swap(staging: Path, output: Path) -> Path:
    """Put staging in output's place; returns where the old output now is (staging itself when
    nothing was there, so that undoing is the same step for every case)."""
    if not os.path.lexists(output):
        staging.rename(output)
        return staging
    if exchange(staging, output):
        return staging
    retired = staging.with_name(staging.name.replace(".new-", ".old-"))
    output.rename(retired)
    staging.rename(output)
    return retired


def _unswap(staging: Path, output: Path, old: Path) -> None:
    if old == staging and not os.path.lexists(staging):  # nothing was there before
        output.rename(staging)
    elif old == staging:
        exchange(staging, output)
    else:
        output.rename(staging)
        old.rename(output)


# New files and folders: created with the widest mode so that the user's umask decides (0644
# and 0755 under umask 022), as any other program's would; mkstemp/mkdtemp would force 0600/0700.
_FILE_MODE, _FOLDER_MODE = 0o666, 0o777


def new_folder(parent: Path, prefix: str) -> Path:
    """A new, uniquely named folder whose mode follows the umask."""
    while True:
        folder = parent / f"{prefix}{secrets.token_hex(6)}"
        try:
            folder.mkdir(_FOLDER_MODE)
            return folder
        except FileExistsError:
            continue


def temporary_file(path: Path) -> tuple[int, str]:
    """A new temporary file beside path, open for writing, that will replace it: it has path's
    mode when path exists (a rewrite keeps the file's mode), else the umask's."""
    try:
        kept: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        kept = None
    while True:
        temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}"
        try:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), _FILE_MODE)
        except FileExistsError:
            continue
        if kept is not None:
            os.chmod(temporary, kept)
        return handle, str(temporary)


_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def write_failed(path: Path, exc: OSError, needed: int | None = None, free: int | None = None) -> PipelineError:
    """One line for a write the system refused: what, why, and for a full disk how much space
    (free: what was free before the writing began, else measured now)."""
    reason = exc.strerror or str(exc)
    if exc.errno in _SPACE:
        free = _free_space(path) if free is None else free
        amount = f"about {_size(needed)} needed, " if needed is not None else ""
        advice = f" ({amount}{_size(free)} free): free some space and run again"
    elif exc.errno == errno.EFBIG:
        advice = f" ({_size(needed)} to write): raise the file size limit (ulimit -f) and run again" if needed else ""
    else:
        advice = ": check that the folder exists and is writable, then run again"
    return PipelineError([error(Location(_shown(path)), "write-failed", f"could not write {_shown(path)}: {reason}{advice}")])


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Write content to path through a temporary file and an atomic rename; False if unchanged."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = temporary_file(path)  # the file's own mode, or the umask's
    except OSError as exc:
        raise write_failed(path, exc, len(data)) from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # a full disk, a read-only folder: one line, nothing changed
            raise write_failed(path, exc, len(data)) from exc
        raise
    return True


def _on_disk(folder: Path, sizes: Sequence[int]) -> int:
    """Space files of these sizes take in folder's file system (each uses whole blocks)."""
    try:
        block = os.statvfs(folder).f_frsize or 4096
    except (OSError, AttributeError):  # no statvfs (Windows): the bytes themselves
        block = 1
    return sum(-(-size // block) * block for size in sizes)


def _free_space(path: Path) -> int:
    for folder in (path, *path.parents):
        with contextlib.suppress(OSError):
            return shutil.disk_usage(folder).free
    return 0


def _size(count: int) -> str:
    if count < 1000:
        return f"{count} bytes"
    exponent = min(int(math.log10(count)) // 3, 4)
    return f"{count / 1000 ** exponent:.1f} {('kB', 'MB', 'GB', 'TB')[exponent - 1]}"


def _shown(path: Path) -> str:
    """A path as a diagnostic shows it: relative to the current folder when inside it."""
    with contextlib.suppress(ValueError):
        return path.relative_to(Path.cwd()).as_posix()
    return path.as_posix()


@contextlib.contextmanager
def project_lock(root: Path, display: str = LOCK_NAME) -> Iterator[None]:
    """Hold the project's lock for a run that writes; a second run fails with one clear line."""
    try:
        import fcntl  # POSIX only: elsewhere the lock is skipped
    except ImportError:  # no advisory locks on this system: runs are only safe one at a time
        yield
        return
    handle = (root / LOCK_NAME).open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as exc:
        handle.close()
        raise PipelineError([error(Location(display), "locked",
                                   "another policy-pipeline run is writing in this project: wait for it to finish")]) from exc
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()
