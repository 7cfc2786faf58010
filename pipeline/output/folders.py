"""Which folders a build may replace: its own output, an empty folder or a new one, nothing else.

A build swaps its output and reports folders in whole (pipeline.atomic), so naming the wrong
folder would delete it. Before anything is written, each target is refused with one line when it
is a link (the swap would act on what the link points to), a file, part of the project's sources
(config, templates, catalogs, glossary, baseline, the pipeline itself, .git) or a folder holding
one, a shard the build reads, or a folder with content that no build record of ours names.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..config import Config
from ..diagnostics import ConfigError
from .incremental import CHECKS_RECORD_NAME, RECORD_NAME, read_record
from .targets import lexical, named_path, read_only, source_clash, within

_HINTS = {"output": "--out DIR or output in pyproject.toml", "reports": "--reports DIR or reports in pyproject.toml"}


def check_targets(config: Config, output: Path, reports: Path, shards: Sequence[Path] = ()) -> None:
    """Raise ConfigError (exit 2), one line per refused folder, unless the build may replace both."""
    for role, folder in (("output", output), ("reports", reports)):
        named_path(f"{role} folder", config.relative(folder), config.root)
    if output == reports or within(reports, output) or within(output, reports):
        raise ConfigError([f"reports folder {config.relative(reports)}: must be apart from the output folder "
                           f"{config.relative(output)} (neither inside the other): name another with {_HINTS['reports']}"])
    # The reports folder first: its record decides whether the output is ours, so when the
    # reports folder itself is refused the output is judged only on the other rules.
    refused = _refusal(config, "reports", reports, reports, shards)
    problems = [p for p in (_refusal(config, "output", output, None if refused else reports, shards), refused) if p]
    if problems:
        raise ConfigError(problems)


def _refusal(config: Config, role: str, path: Path, reports: Path | None, shards: Sequence[Path]) -> str | None:
    """Why the build may not replace path (None: it may); reports None: do not judge whose it is."""
    shown, hint = f"{role} folder {config.relative(path)}", _HINTS[role]
    if path.is_symlink():
        return (f"{shown}: is a link to {os.readlink(path)}; a build never replaces what a link points to: "
                f"remove the link, or name a real folder with {hint}")
    source = source_clash(config, path)
    if source is not None:
        return f"{shown}: {source}, which a build must never replace: name a folder of its own with {hint}"
    locked = read_only(path)
    if locked is not None:
        return f"{shown}: the folder {config.relative(locked)} is read-only: make it writable, or name another with {hint}"
    shard = next((s for s in shards if s == path or within(s, path)), None)
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


__all__ = ["RECORD_NAME", "check_targets", "lexical"]
