"""Writing that survives being killed, and a lock against two runs at once.

A folder is published by building it beside its destination and exchanging the two in one
system call (renameat2 with RENAME_EXCHANGE on Linux), so at every instant the destination is
either the whole old folder or the whole new one. Where that call does not exist, two renames
are used and the next run puts a retired folder back if a kill fell between them.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
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
    output.parent.mkdir(parents=True, exist_ok=True)
    recover(output)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    try:
        for relative, data in sorted(files.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        _swap(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(staging: Path, output: Path) -> None:
    if not output.exists():
        staging.rename(output)
    elif not exchange(staging, output):
        retired = staging.with_name(staging.name.replace(".new-", ".old-"))
        output.rename(retired)
        staging.rename(output)
        shutil.rmtree(retired, ignore_errors=True)


@contextlib.contextmanager
def project_lock(root: Path, display: str = LOCK_NAME) -> Iterator[None]:
    """Hold the project's lock for a run that writes; a second run fails with one clear line."""
    try:
        import fcntl
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
