"""Incremental builds: a content-addressed record of what each output was made from.

Every input (templates, config, the template catalog, each locale's catalog, the pipeline's own
code) is hashed; a page is keyed by the digest of what it depends on plus the set of languages
published beside it. A build reuses a page whose key is unchanged (after checking the bytes on
disk), and a build whose inputs and outputs are all unchanged does nothing at all. This module
imports nothing heavy: deciding that there is nothing to do must cost less than starting Jinja2.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..config import Config
    from ..locales import LocaleInfo

RECORD_NAME = "build-record.json"
# Each catalog's check findings, apart: deciding that there is nothing to do must not read them.
CHECKS_RECORD_NAME = "check-record.json"
RECORD_VERSION = 1
_PIPELINE = Path(__file__).resolve().parent.parent


@dataclass
class Inputs:
    """Digests of the build's inputs, reusing last time's digest of a file whose stat is unchanged."""

    root: Path
    known: Mapping[str, list[Any]] = field(default_factory=dict)
    seen: dict[str, list[Any]] = field(default_factory=dict)

    def file(self, path: Path) -> str:
        """The digest of one file (its content), remembered with its size and mtime."""
        stat = path.stat()
        name = str(path)
        old = self.known.get(name)
        if old is not None and old[0] == stat.st_size and old[1] == stat.st_mtime_ns:
            digest = str(old[2])
        else:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        self.seen[name] = [stat.st_size, stat.st_mtime_ns, digest]
        return digest

    def files(self, paths: Iterable[Path], base: Path | None = None) -> str:
        """One digest for a set of files, names (relative to base, or the project) included."""
        digest = hashlib.sha256()
        base = base or self.root
        for path in sorted(paths):
            digest.update(f"{path.relative_to(base) if path.is_relative_to(base) else path}\0{self.file(path)}\0".encode())
        return digest.hexdigest()


@dataclass(frozen=True)
class Extras:
    """Optional report pages of a build: side-by-side review pages and pseudo-locale previews."""

    review: bool = False
    pseudo: bool = False

    @property
    def option(self) -> str:
        """How these extras enter the build's options digest."""
        return f"review={self.review};pseudo={self.pseudo}"


NO_EXTRAS = Extras()


def global_inputs(root: Path, pyproject: Path, templates: Path, pot: Path) -> list[Path]:
    """What every page depends on: config, templates and assets, the template catalog."""
    found = [pyproject, *(p for p in templates.rglob("*") if p.is_file())]
    if pot.is_file():
        found.append(pot)
    return found


def digests(inputs: Inputs, common: Sequence[Path], catalogs: Mapping[str, Path], options: str) -> dict[str, str]:
    """'*' for the inputs every page shares, one digest per locale (its catalog added), and the
    build's options (which decide what is built, not what a page contains)."""
    # Our own code by its names inside the package: an installed copy and a source tree agree.
    code = inputs.files((p for p in _PIPELINE.rglob("*") if p.suffix in (".py", ".j2")), _PIPELINE)
    shared = hashlib.sha256(f"{inputs.files(common)}\0{code}".encode()).hexdigest()
    result = {"*": shared, "options": options}
    for ident, path in catalogs.items():
        part = inputs.file(path) if path.is_file() else "missing"
        result[ident] = hashlib.sha256(f"{shared}\0{part}".encode()).hexdigest()
    return result


def read_record(reports: Path, name: str = RECORD_NAME) -> dict[str, Any]:
    """Last build's record, or an empty one."""
    try:
        record = json.loads((reports / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) and record.get("version") == RECORD_VERSION else {}


def output_state(folders: Iterable[Path], staged: Mapping[Path, Path] | None = None) -> dict[str, list[int]]:
    """Size and mtime of every file the build wrote, to notice a hand edit or a deletion; with
    staged (folder -> the new folder not yet swapped in), read there but named as after the swap
    (a rename keeps sizes and mtimes)."""
    state: dict[str, list[int]] = {}
    for folder in folders:
        where = (staged or {}).get(folder, folder)
        for path in sorted(where.rglob("*")) if where.is_dir() else []:
            if path.is_file() and path.name not in (RECORD_NAME, CHECKS_RECORD_NAME):
                stat = path.stat()
                state[str(folder / path.relative_to(where))] = [stat.st_size, stat.st_mtime_ns]
    return state


def unchanged(record: Mapping[str, Any], current: Mapping[str, str], folders: Iterable[Path]) -> bool:
    """True when every input and every output is as the last build left it."""
    return bool(record) and record.get("digests") == dict(current) and record.get("outputs") == output_state(folders)


def page_key(locale_digest: str, slug: str, published: Iterable[str], held_back: bool) -> str:
    """What a rendered page depends on: its locale's inputs and the languages published beside it."""
    return hashlib.sha256(f"{locale_digest}\0{slug}\0{','.join(sorted(published))}\0{held_back}".encode()).hexdigest()


def record_bytes(record: Mapping[str, Any]) -> bytes:
    """A record as it is stored beside the reports (written after them, so their stats are final)."""
    return (json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def build_digests(config: Config, locale_ids: Sequence[str], strict: bool, known: Mapping[str, list[Any]],
                  extras: str = "") -> tuple[Inputs, dict[str, str]]:
    """The digests a build of these locales depends on, with the options that change its output."""
    inputs = Inputs(config.root, known)
    common = global_inputs(config.root, config.pyproject, config.templates_dir, config.pot_path)
    # The checks' own inputs: their findings are kept per catalog between builds.
    common += [p for p in (config.glossary or config.catalogs_dir / "glossary.toml",
                           config.baseline or config.catalogs_dir / "check-baseline.json") if p.is_file()]
    # Releases, frozen translations and sign-offs decide which version each language shows.
    common += [p for p in config.catalogs_dir.glob("releases/*/**/*") if p.is_file()]
    common += [p for p in config.catalogs_dir.glob("*/releases/*.po") if p.is_file()]
    common += [p for p in config.catalogs_dir.glob("*/signoff.toml") if p.is_file()]
    catalogs = {ident: config.catalog_path(loc) for loc in config.targets for ident in [loc.identifier] if ident in locale_ids}
    options = f"strict={strict};locales={','.join(sorted(locale_ids))}" + (f";{extras}" if extras else "")
    return inputs, digests(inputs, common, catalogs, options)


@dataclass(frozen=True)
class BuildRequest:
    """What a build is asked to make, its defaults filled in once from the config: the build
    itself and the decision that there is nothing to do read the same values."""

    output: Path
    reports: Path
    locales: tuple[LocaleInfo, ...]
    strict: bool = False
    extras: Extras = NO_EXTRAS
    shards: tuple[Path, ...] = ()

    @classmethod
    def of(cls, config: Config, out: Path | None = None, reports: Path | None = None,
           locales: Sequence[LocaleInfo] | None = None, strict: bool = False, extras: Extras = NO_EXTRAS,
           shards: Sequence[Path] = ()) -> BuildRequest:
        """The request with the config's output, reports folder and locales where none is given."""
        return cls(out or config.output_dir, reports or config.reports_dir, tuple(locales or config.targets),
                   strict, extras, tuple(shards))

    @property
    def locale_ids(self) -> list[str]:
        """The identifiers of the locales to build."""
        return [locale.identifier for locale in self.locales]


def nothing_to_do(config: Config, request: BuildRequest) -> dict[str, Any] | None:
    """The last build's record when this build would make exactly it again: nothing it depends on
    or produced has changed since (a merge of shards always builds), else None."""
    record = read_record(request.reports)
    if not record or request.shards:
        return None
    _, current = build_digests(config, request.locale_ids, request.strict, record.get("inputs", {}), request.extras.option)
    return record if unchanged(record, current, (request.output, request.reports)) else None
