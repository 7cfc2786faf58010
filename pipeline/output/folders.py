"""Which folders a build may replace: its own output, an empty folder or a new one, nothing else.

A build swaps its output and reports folders in whole (pipeline.atomic), so naming the wrong
folder would delete it. Before anything is written, each target is refused with one line when it
is a link (the swap would act on what the link points to), a file, part of the project's sources
(config, templates, catalogs, glossary, baseline, the pipeline itself, .git) or a folder holding
one, a shard the build reads, or a folder with content that no build record of ours names.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..config import Config
from ..diagnostics import ConfigError
from .incremental import CHECKS_RECORD_NAME, RECORD_NAME, read_record

_PACKAGE = Path(__file__).resolve().parent.parent
_HINTS = {"output": "--out DIR or output in pyproject.toml", "reports": "--reports DIR or reports in pyproject.toml"}


def lexical(path: Path) -> Path:
    """An absolute path with '..' folded but no link followed (a link must stay visible as one)."""
    return Path(os.path.normpath(Path.cwd() / path))


def check_targets(config: Config, output: Path, reports: Path, shards: Sequence[Path] = ()) -> None:
    """Raise ConfigError (exit 2), one line per refused folder, unless the build may replace both."""
    if output == reports or _within(reports, output) or _within(output, reports):
        raise ConfigError([f"reports folder {config.relative(reports)}: must be apart from the output folder "
                           f"{config.relative(output)} (neither inside the other): name another with {_HINTS['reports']}"])
    # The reports folder first: its record decides whether the output is ours, so when the
    # reports folder itself is refused the output is judged only on the other rules.
    refused = _refusal(config, "reports", reports, reports, shards)
    problems = [p for p in (_refusal(config, "output", output, None if refused else reports, shards), refused) if p]
    if problems:
        raise ConfigError(problems)


def check_report_file(config: Config, path: Path, option: str) -> Path:
    """A file a command writes on request (check --output): never a source of the project, a
    folder, or what a link points to (the link itself is replaced). Returns the path to write."""
    target = lexical(path)
    clash = None if target.is_symlink() else _source_clash(config, target)
    if clash is None and target.is_dir() and not target.is_symlink():
        clash = "is a folder"
    if clash is not None:
        raise ConfigError([f"{option} {config.relative(target)}: {clash}, which a report must never replace: name a new file"])
    return target


def _refusal(config: Config, role: str, path: Path, reports: Path | None, shards: Sequence[Path]) -> str | None:
    """Why the build may not replace path (None: it may); reports None: do not judge whose it is."""
    shown, hint = f"{role} folder {config.relative(path)}", _HINTS[role]
    if path.is_symlink():
        return (f"{shown}: is a link to {os.readlink(path)}; a build never replaces what a link points to: "
                f"remove the link, or name a real folder with {hint}")
    source = _source_clash(config, path)
    if source is not None:
        return f"{shown}: {source}, which a build must never replace: name a folder of its own with {hint}"
    shard = next((s for s in shards if s == path or _within(s, path)), None)
    if shard is not None:
        return f"{shown}: holds the shard {config.relative(shard)} this build reads: name another with {hint}"
    if not os.path.lexists(path):
        return None
    if not path.is_dir():
        return f"{shown}: is a file, not a folder: name a new or empty folder with {hint}"
    if reports is None or _empty(path) or _made_by_us(role, path, reports):
        return None
    proof = "has no build record" if role == "reports" else f"is not named by the build record in {config.relative(reports)}/"
    return (f"{shown}: was not made by a policy-pipeline build (it is not empty and {proof}), so it is not replaced: "
            f"delete or empty it yourself if it can go, or name a new folder with {hint}")


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


def _source_clash(config: Config, path: Path) -> str | None:
    """Which source of the project the target is, holds or lies inside, if any; links in the
    folders above the target are followed for this comparison, so a detour does not hide one."""
    for candidate in {path, path.resolve()}:
        for what, source in _sources(config):
            if candidate == source:
                return f"is {what}"
            if _within(source, candidate):
                return f"holds {what}"
            if _within(candidate, source) and source != config.root:
                return f"is inside {what}"
    return None


def _within(inner: Path, outer: Path) -> bool:
    return inner != outer and inner.is_relative_to(outer)


def _empty(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return next(entries, None) is None


def _made_by_us(role: str, folder: Path, reports: Path) -> bool:
    """A reports folder carries our build record; a site folder is the one that record names."""
    if role == "reports":
        return bool(read_record(folder) or read_record(folder, CHECKS_RECORD_NAME))
    if reports.is_symlink():
        return False
    record = read_record(reports)
    if str(folder) in record.get("sites", []):
        return True
    # Records of builds before 0.2.0 name no site; they list the files it wrote.
    return "sites" not in record and any(Path(name).is_relative_to(folder) for name in record.get("outputs", {}))


__all__ = ["RECORD_NAME", "check_report_file", "check_targets", "lexical"]
