"""The `release` and `signoff` commands, and the freezing `update` does before it merges."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..config import Config
from ..diagnostics import ConfigError, Location, PipelineError, error
from ..extract import extract, is_current, source_messages
from ..loader import load_template
from ..locales import LocaleInfo
from ..output.targets import readable_file
from ..versions.pinning import freeze_complete, sign_off, signoff_path
from ..versions.releases import check_release, digest_of, list_releases, policy_messages, record_release, releases_dir
from .terminal import Terminal


def run_release(config: Config, effective: dt.date, summary_from: Path | None, ui: Terminal) -> int:
    """Record the current source as a version; nothing is written when it is refused."""
    template = load_template(config)
    if not is_current(config, template, source_messages(config)):
        raise PipelineError([error(Location(config.relative(config.pot_path)), "release",
                                   "out of date with the templates: run 'policy-pipeline extract' and 'update' first")])
    summary = _summary(summary_from)
    check_release(config, effective, template)
    for path in freeze_latest(config):  # the previous release, while it is still the newest
        ui.status(f"{path}: kept")
    release = record_release(config, effective, summary, template)
    ui.status(f"{config.relative(releases_dir(config) / release.id)}: release {release.id} recorded ({len(release.messages)} messages)")
    if extract(config).changed:
        ui.status(f"{config.relative(config.pot_path)}: summary added for translators: run 'policy-pipeline update'")
    return 0


def _summary(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        text = readable_file("--summary-from", path).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"--summary-from {path}: cannot read it as UTF-8 text ({exc.__class__.__name__})"]) from exc
    if not text:
        raise ConfigError([f"--summary-from {path}: the file is empty: write the Japanese summary of the changes in it"])
    return " ".join(text.split())


def freeze_latest(config: Config, only_if_moved: bool = False) -> list[str]:
    """Keep every complete translation of the newest release before the catalogs move on;
    with only_if_moved (update), only once the source differs from that release."""
    releases = list_releases(config)
    if not releases:
        return []
    if only_if_moved and config.pot_path.is_file():
        current = digest_of(m.key for m in policy_messages(config, load_template(config).messages))
        if current == releases[-1].digest:
            return []  # the live catalogs hold the release's messages: nothing can be lost
    return freeze_complete(config, releases[-1:])


def run_signoff(config: Config, locale: LocaleInfo, by: str, ui: Terminal) -> int:
    """Approve the newest complete translation of a locale, as it is now."""
    if not by.strip() or not by.isprintable():  # a record of who approved: a name, never control characters
        raise ConfigError(["--by: name who approves, in printable characters (no newlines or terminal codes)"])
    entry = sign_off(config, locale, by.strip())
    ui.status(f"{config.relative(signoff_path(config, locale))}: {locale.identifier} version {entry.release} "
              f"signed off by {entry.by} ({entry.digest[:19]}…)")
    return 0
