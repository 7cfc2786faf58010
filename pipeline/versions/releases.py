"""Releases: versions of the Japanese source, recorded in the repository as plain text.

A release is a folder `locales/releases/<id>/` holding `release.toml` (its dates, the Japanese
summary and the digest of its text), `messages.pot` (exactly the policy text of that version)
and `templates/` (a copy of the page templates, so a past version renders the same way for
ever). Its id is its date, `2027-04-01`; a second release on the same date is `2027-04-01-2`.

Only the messages of the page templates are versioned: they are the policy text. The layout's
strings (notices, labels, the switcher) are site furniture, shown from the live catalogs.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import shutil
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..catalog.model import Catalog, Key, Message
from ..catalog.pofile import read_catalog
from ..catalog.powriter import save_catalog
from ..config import Config
from ..diagnostics import Location, PipelineError, error
from ..project import RELEASES_FOLDER

RECORD = "release.toml"
SUMMARY_CONTEXT = "release {id}: summary of the changes"
_ID = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-(\d+))?$")


@dataclass(frozen=True)
class Release:
    """One recorded version of the Japanese source."""

    id: str
    date: dt.date
    effective: dt.date | None
    summary: str | None
    digest: str
    folder: Path

    @property
    def summary_key(self) -> Key | None:
        """The catalog key under which translators translate the summary."""
        return (SUMMARY_CONTEXT.format(id=self.id), self.summary) if self.summary else None

    @functools.cached_property
    def messages(self) -> tuple[Message, ...]:
        """The policy text of this version, as its messages.pot holds it."""
        path = self.folder / "messages.pot"
        return read_catalog(path, path.as_posix()).messages

    @property
    def keys(self) -> frozenset[Key]:
        """The keys of this version's messages."""
        return frozenset(m.key for m in self.messages)


def releases_dir(config: Config) -> Path:
    """Where releases are recorded."""
    return config.catalogs_dir / RELEASES_FOLDER


def list_releases(config: Config) -> tuple[Release, ...]:
    """Every release, oldest first; a broken record is an error naming its file."""
    folder = releases_dir(config)
    found = [_read(config, path) for path in sorted(folder.iterdir()) if path.is_dir()] if folder.is_dir() else []
    return tuple(sorted(found, key=lambda r: (r.date, _sequence(r.id))))


def _sequence(ident: str) -> int:
    match = _ID.match(ident)
    return int(match.group(2) or 1) if match else 0


def _read(config: Config, folder: Path) -> Release:
    shown = config.relative(folder / RECORD)
    try:
        data = tomllib.loads((folder / RECORD).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PipelineError([error(Location(shown), "release", f"unreadable release record ({exc}): restore it from git")]) from exc
    date, effective, summary = data.get("date"), data.get("effective"), data.get("summary")
    if (not _ID.match(folder.name) or not isinstance(date, dt.date) or not isinstance(data.get("digest"), str)
            or not (effective is None or isinstance(effective, dt.date)) or not (summary is None or isinstance(summary, str))):
        raise PipelineError([error(Location(shown), "release",
                                   "needs date (a TOML date), digest, optional effective and summary; the folder is named by the date")])
    return Release(folder.name, date, effective, summary or None, data["digest"], folder)


def policy_messages(config: Config, messages: Iterable[Message]) -> tuple[Message, ...]:
    """The messages of the page templates (the policy text), in template order."""
    pages = {f"templates/{p.template}" for p in config.pages}
    return tuple(m for m in messages if not m.obsolete and any(r.split(":")[0] in pages for r in m.references))


def digest_of(keys: Iterable[Key]) -> str:
    """A digest of a version's text: it changes exactly when a message changes."""
    digest = hashlib.sha256()
    for context, msgid in sorted(keys, key=lambda k: (k[0] or "", k[1])):
        digest.update(f"{context or ''}\x04{msgid}\x00".encode())
    return "sha256:" + digest.hexdigest()


def summary_messages(config: Config) -> list[Message]:
    """One message per release summary, so translators see it in messages.pot."""
    out = []
    for release in list_releases(config):
        if release.summary_key is not None:
            out.append(Message(msgid=release.summary_key[1], msgctxt=release.summary_key[0],
                               extracted_comments=(f"the summary of what changed in the version of {release.id}, "
                                                   "shown in the revision history and the list of versions.",),
                               references=(config.relative(releases_dir(config) / release.id / RECORD),)))
    return out


def next_id(releases: Sequence[Release], date: dt.date) -> str:
    """The id of a new release on this date: the date, with a suffix after the first."""
    same = [r for r in releases if r.date == date]
    return date.isoformat() if not same else f"{date.isoformat()}-{max(_sequence(r.id) for r in same) + 1}"


def refuse(config: Config, message: str) -> PipelineError:
    """A release refused: one line naming the release folder."""
    return PipelineError([error(Location(config.relative(releases_dir(config))), "release", message)])


def check_release(config: Config, effective: dt.date, template: Catalog) -> None:
    """Refuse a release dated before the last one, or one with nothing changed."""
    releases = list_releases(config)
    digest = digest_of(m.key for m in policy_messages(config, template.messages))
    if releases and effective < releases[-1].date:
        raise refuse(config, f"--effective {effective}: must not be before the last release {releases[-1].id}")
    if releases and releases[-1].digest == digest:
        raise refuse(config, f"nothing changed since release {releases[-1].id}: edit the templates, extract, then release")
    if not policy_messages(config, template.messages):
        raise refuse(config, "the page templates hold no messages: run 'policy-pipeline extract' first")


def record_release(config: Config, effective: dt.date, summary: str | None, template: Catalog) -> Release:
    """Write a new release of the current source (the caller ran check_release)."""
    releases = list_releases(config)
    text = policy_messages(config, template.messages)
    digest = digest_of(m.key for m in text)
    ident = next_id(releases, effective)
    folder = releases_dir(config) / ident
    folder.mkdir(parents=True)
    for page in config.pages:
        target = folder / "templates" / page.template
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(config.templates_dir / page.template, target)
    save_catalog(Catalog(template.header, text, config.relative(folder / "messages.pot")), folder / "messages.pot")
    lines = [f'date = {effective.isoformat()}', f'effective = {effective.isoformat()}', f'digest = "{digest}"']
    if summary:
        lines.append("summary = " + _toml_string(summary))
    (folder / RECORD).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return _read(config, folder)


def _toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    import json  # only when a release record is written
    return json.dumps(text, ensure_ascii=False)
