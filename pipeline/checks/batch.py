"""Checking many catalogs: findings cached by content, the rest checked in parallel where it pays.

The findings of a catalog depend only on its bytes, its locale and settings, the glossary, the
template (for drift) and the code of the checks; the key of the cache is a digest of all of them,
so a CI that keeps `.cache/` checks again only the catalogs that changed. Catalogs that must be
checked are checked in forked processes when there are several and enough entries to pay for it.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import hashlib
import json
import multiprocessing
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Location, PipelineError, Severity

CACHE_FOLDER = ".cache/policy-pipeline/checks"  # findings by content; safe to delete
PARALLEL_MIN_ENTRIES = 4_000  # below this, starting processes costs more than it saves (2 cores)
# Findings kept at most: a few versions of every catalog of a project; the least recently used go.
CACHE_KEEP = 256
_PACKAGE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Job:
    """One catalog to check: the function that checks it and what its findings depend on."""

    run: Callable[[], list[Diagnostic]]
    inputs: tuple[object, ...]  # reprs of locale, settings, glossary, mode; the catalog's text and template
    entries: int


def run_jobs(jobs: Sequence[Job], cache_dir: Path | None) -> list[list[Diagnostic]]:
    """The findings of every job, in order: from the cache when its inputs were seen before."""
    keys = [_key(job) for job in jobs] if cache_dir is not None else [None] * len(jobs)
    found: list[list[Diagnostic] | None] = [_cached(cache_dir, key) for key in keys]
    missing = [i for i, result in enumerate(found) if result is None]
    for i, result in zip(missing, _run([jobs[i] for i in missing]), strict=True):
        found[i] = result
        _store(cache_dir, keys[i], result)
    if missing and cache_dir is not None:
        _prune(cache_dir)
    return [result or [] for result in found]


def _run(jobs: Sequence[Job]) -> list[list[Diagnostic]]:
    if not _parallel_pays(jobs):
        return [job.run() for job in jobs]
    global _JOBS
    _JOBS = tuple(jobs)  # inherited by the forked workers, never pickled
    try:
        context = multiprocessing.get_context("fork")
        workers = min(len(jobs), os.cpu_count() or 1)
        with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return list(pool.map(_run_in_worker, range(len(jobs))))
    finally:
        _JOBS = ()


_JOBS: tuple[Job, ...] = ()


def _run_in_worker(index: int) -> list[Diagnostic]:
    return _JOBS[index].run()


def _parallel_pays(jobs: Sequence[Job]) -> bool:
    return (len(jobs) > 1 and sum(job.entries for job in jobs) >= PARALLEL_MIN_ENTRIES
            and (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods())


_LIBRARIES = ("babel", "hanzidentifier", "markupsafe", "rapidfuzz")  # what checks consult besides our code


@cache
def _code_version() -> str:
    """A digest of the package's code, Python's and the libraries' versions: a change to any check
    (or to the reader) empties the cache."""
    from importlib import metadata  # only when a cache key is made
    digest = hashlib.sha256(sys.version.encode("utf-8"))
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(name.encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _key(job: Job) -> str:
    digest = hashlib.sha256(_code_version().encode("ascii"))
    for part in job.inputs:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else repr(part).encode("utf-8")
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


def _cached(cache_dir: Path | None, key: str | None) -> list[Diagnostic] | None:
    if cache_dir is None or key is None:
        return None
    path = cache_dir / f"{key}.json"
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
        found = [diagnostic_from_record(record) for record in records]
    except (OSError, ValueError, TypeError, KeyError):
        return None  # absent, unreadable or damaged: check again
    with contextlib.suppress(OSError):  # a read-only cache still serves its findings
        os.utime(path)  # used now: pruning removes the least recently used first
    return found


def _store(cache_dir: Path | None, key: str | None, found: list[Diagnostic]) -> None:
    if cache_dir is None or key is None:
        return
    from ..atomic import write_if_changed  # only when findings are stored
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        write_if_changed(cache_dir / f"{key}.json", json.dumps([asdict(d) for d in found], ensure_ascii=False))
    except (OSError, PipelineError):
        pass  # a read-only or full disk (write_failed): the findings are still right, only not kept


def _prune(cache_dir: Path) -> None:
    """Keep the CACHE_KEEP most recently used findings; the cache never grows without end."""
    try:
        entries = sorted(cache_dir.glob("*.json"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
        for stale in entries[CACHE_KEEP:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # another run pruned meanwhile, or the folder is read-only: the cache stays correct


def diagnostic_from_record(data: Mapping[str, Any]) -> Diagnostic:
    """A Diagnostic back from its dataclasses.asdict record."""
    fields = dict(data)
    fields["location"] = Location(**fields["location"])
    fields["severity"] = Severity(fields["severity"])
    return Diagnostic(**fields)
