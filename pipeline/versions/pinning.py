"""Which release a translation translates, derived from the catalogs, and sign-off records.

A locale translates release R completely when every message of R has a publishable translation
in its live catalog or in its frozen file `locales/<L>/releases/<R>.po`. Frozen files keep a
version's translations when the live catalog no longer holds them (the source moved on, and
Poedit or msgattrib purged the obsolete entries); our commands write them at the moments they
could otherwise be lost: `release` (the previous release), `update` (before merging) and
`signoff`. Nothing is stored in a header: a catalog completed in any editor counts at once.

For the newest release the live catalog comes first (translators maintain it), for older ones
the frozen file (they are history, and must render the same for ever).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..atomic import write_if_changed
from ..catalog.model import Catalog, Key, Message
from ..catalog.pofile import read_catalog
from ..catalog.powriter import save_catalog
from ..config import Config
from ..diagnostics import Location, PipelineError, error
from ..locales import LocaleInfo
from ..project import RELEASES_FOLDER
from .releases import Release, list_releases

SIGNOFF_FILE = "signoff.toml"


def frozen_path(config: Config, locale: LocaleInfo, release: Release) -> Path:
    """The file that keeps a locale's translations of one release."""
    return config.catalogs_dir / locale.identifier / RELEASES_FOLDER / f"{release.id}.po"


def _frozen(config: Config, locale: LocaleInfo, release: Release) -> Mapping[Key, Message]:
    path = frozen_path(config, locale, release)
    if not path.is_file():
        return {}
    return read_catalog(path, config.relative(path), config.root).by_key()


def _live(config: Config, locale: LocaleInfo, catalogs: Mapping[str, Catalog] | None) -> Mapping[Key, Message]:
    if catalogs is not None:
        catalog = catalogs.get(locale.identifier)
        return catalog.by_key() if catalog is not None else {}
    path = config.catalog_path(locale)
    return read_catalog(path, config.relative(path), config.root).by_key() if path.is_file() else {}


@dataclass(frozen=True)
class Translation:
    """A locale's publishable translations of one release's messages (possibly incomplete)."""

    release: Release
    messages: Mapping[Key, Message]

    @property
    def complete(self) -> bool:
        """Every message of the release is translated."""
        return all(k in self.messages for k in self.release.keys)

    @property
    def digest(self) -> str:
        """A digest of exactly these translations (what a sign-off approves)."""
        digest = hashlib.sha256()
        for key in sorted(self.messages, key=lambda k: (k[0] or "", k[1])):
            digest.update(f"{key[0] or ''}\x04{key[1]}\x00{chr(1).join(self.messages[key].translations)}\x00".encode())
        return "sha256:" + digest.hexdigest()


def translation(config: Config, locale: LocaleInfo, release: Release, newest: bool,
                catalogs: Mapping[str, Catalog] | None = None, live_only: bool = False) -> Translation:
    """A locale's translation of a release: live first for the newest release, else frozen first;
    live_only: the live catalog alone (per-message fallback, exactly the rule without releases)."""
    live = _live(config, locale, catalogs)
    frozen = {} if live_only else _frozen(config, locale, release)
    found: dict[Key, Message] = {}
    for key in release.keys:
        # The newest release: what the live catalog says of a message it holds (fuzzy there means
        # "needs review", never "use the old text"); older ones: the frozen text, then the live.
        sources = ((live,) if key in live else (frozen,)) if newest else (frozen, live)
        message = next((m for m in (source.get(key) for source in sources) if m is not None and m.publishable), None)
        if message is not None:
            found[key] = message
    return Translation(release, found)


def frozen_translation(config: Config, locale: LocaleInfo, release: Release) -> Translation:
    """Exactly what the frozen file holds (what a sign-off approved)."""
    frozen = _frozen(config, locale, release)
    return Translation(release, {k: m for k, m in frozen.items() if k in release.keys and m.publishable})


def freeze(config: Config, locale: LocaleInfo, found: Translation) -> bool:
    """Keep a complete translation of a release in its frozen file; True when it changed."""
    if not found.complete:
        return False
    messages = tuple(_plain(found.messages[m.key]) for m in found.release.messages)
    header = Message("", f"Language: {locale.identifier}\nMIME-Version: 1.0\n"
                         "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n",
                     translator_comments=(f"{locale.autonym} translation of the version of {found.release.id}, kept by policy-pipeline.",
                                          "Published as it is here: edit the live catalog instead."))
    path = frozen_path(config, locale, found.release)
    return save_catalog(Catalog(header, messages, config.relative(path)), path)


def _plain(message: Message) -> Message:
    return replace(message, translator_comments=(), previous_msgctxt=None, previous_msgid=None,
                   previous_msgid_plural=None, line=0, msgstr_line=0, layout=None,
                   flags=tuple(f for f in message.flags if f != "fuzzy"))


def freeze_complete(config: Config, releases: Sequence[Release], catalogs: Mapping[str, Catalog] | None = None) -> list[str]:
    """Freeze every complete translation of these releases not yet frozen as it is; the files written."""
    written = []
    latest = list_releases(config)[-1:]
    for locale in config.targets:
        for release in releases:
            found = translation(config, locale, release, release in latest, catalogs)
            if freeze(config, locale, found):
                written.append(config.relative(frozen_path(config, locale, found.release)))
    return written


@dataclass(frozen=True)
class SignOff:
    """One approval: who approved which translations of which release, and when."""

    release: str
    by: str
    at: str
    digest: str


def signoff_path(config: Config, locale: LocaleInfo) -> Path:
    """The locale's sign-off record."""
    return config.catalogs_dir / locale.identifier / SIGNOFF_FILE


def read_signoffs(config: Config, locale: LocaleInfo) -> dict[str, SignOff]:
    """The sign-offs of a locale by release id; a broken file is an error naming it."""
    path = signoff_path(config, locale)
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        entries = [SignOff(str(e["release"]), str(e["by"]), str(e["at"]), str(e["digest"])) for e in data.get("signoff", [])]
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise PipelineError([error(Location(config.relative(path)), "signoff",
                                   f"unreadable sign-off record ({exc}): restore it from git")]) from exc
    return {e.release: e for e in entries}


def signed(config: Config, locale: LocaleInfo, release: Release) -> Translation | None:
    """The approved translation of a release, when its sign-off still matches its frozen file."""
    entry = read_signoffs(config, locale).get(release.id)
    if entry is None:
        return None
    found = frozen_translation(config, locale, release)
    return found if found.complete and found.digest == entry.digest else None


def sign_off(config: Config, locale: LocaleInfo, by: str) -> SignOff:
    """Approve the newest release the locale translates completely, as it is now."""
    releases = list_releases(config)
    if not releases:
        raise PipelineError([error(Location(config.relative(config.catalogs_dir / RELEASES_FOLDER)), "signoff",
                                   "there is no release to sign off: run 'policy-pipeline release' first")])
    for release in reversed(releases):
        found = translation(config, locale, release, release == releases[-1])
        if found.complete:
            break
    else:
        path = config.catalog_path(locale)
        raise PipelineError([error(Location(config.relative(path)), "signoff",
                                   f"{locale.identifier} translates no release completely: finish the translation first")])
    freeze(config, locale, found)
    entry = SignOff(release.id, by, _now(), found.digest)
    entries = {**read_signoffs(config, locale), release.id: entry}
    write_if_changed(signoff_path(config, locale), _signoff_toml(locale, entries.values()))
    return entry


def _now() -> str:
    """When: SOURCE_DATE_EPOCH when set (tests, reproducible runs), else the clock (it is a record)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch and epoch.isdigit() else dt.datetime.now(dt.UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _signoff_toml(locale: LocaleInfo, entries: Iterable[SignOff]) -> str:
    import json  # only when a sign-off is written
    lines = [f"# Sign-offs of the {locale.autonym} translation: written by 'policy-pipeline signoff'.",
             "# Each approves exactly the translations whose digest it records (see docs/legal.md)."]
    for entry in sorted(entries, key=lambda e: e.release):
        lines += ["", "[[signoff]]", f"release = {json.dumps(entry.release)}", f"by = {json.dumps(entry.by, ensure_ascii=False)}",
                  f"at = {json.dumps(entry.at)}", f"digest = {json.dumps(entry.digest)}"]
    return "\n".join(lines) + "\n"
