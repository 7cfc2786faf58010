"""Change packets: what changed in the Japanese source since a git revision, per locale.

This is the one command that reads git (the source at REV); building never does.
"""

from __future__ import annotations

import difflib
import re
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .catalog.model import Catalog, Key, Message
from .catalog.msgmerge import fuzzy_pairs
from .catalog.pofile import parse_catalog
from .config import Config
from .diagnostics import ConfigError, Location, PipelineError, error
from .loader import load_catalogs, load_template
from .reports.markdown import markdown_cell

# Japanese has no spaces: a "word" is a run of one script (kanji, hiragana, katakana, Latin...).
_WORDS = re.compile(r"[\u4e00-\u9fff々〆]+|[\u3040-\u309f]+|[\u30a0-\u30ffー]+|[A-Za-z0-9_%()]+|\s+|.", re.DOTALL)


@dataclass(frozen=True)
class Change:
    """One source message that is new, changed (with its old text) or removed."""

    kind: str
    key: Key
    old: str | None = None


@dataclass(frozen=True)
class LocaleTodo:
    """What one catalog has for a changed or new message: its state and .po line."""

    locale: str
    path: str
    state: str
    line: int | None


def file_at(config: Config, revision: str, relative: str) -> subprocess.CompletedProcess[bytes]:
    """`git show REV:PATH`, with the revision never read as an option of git: a user's '--since
    --output=FILE' would otherwise make git write a file."""
    if revision.startswith("-") or not revision.strip() or not revision.isprintable():
        raise ConfigError([f"--since {revision!r}: not a git revision (a commit, tag or branch such as HEAD~3 or v1.0)"])
    return subprocess.run(["git", "show", "--end-of-options", f"{revision}:{relative}"], cwd=config.root,
                          capture_output=True, check=False)


def source_at(config: Config, revision: str) -> Catalog:
    """messages.pot as it was at a git revision."""
    relative = config.relative(config.pot_path)
    try:
        done = file_at(config, revision, relative)
    except FileNotFoundError as exc:
        raise PipelineError([error(Location(relative), "changes", "git is not installed: 'changes --since' needs it")]) from exc
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["unknown error"]
        raise PipelineError([error(Location(relative), "changes", f"cannot read it at {revision!r}: {reason[0]}")])
    return parse_catalog(done.stdout, f"{relative}@{revision}")


def source_changes(old: Catalog, new: Catalog) -> list[Change]:
    """New, changed and removed messages between two templates, in the new template's order."""
    old_keys = {m.key for m in old.messages}
    new_keys = {m.key for m in new.messages}
    gone = {m.msgid: m for m in old.messages if m.key not in new_keys}
    arrived = tuple(m.msgid for m in new.messages if m.key not in old_keys)
    pairs = fuzzy_pairs(arrived, tuple(gone))  # the same matching update uses
    found = [Change("changed", m.key, pairs[m.msgid]) if m.msgid in pairs else Change("new", m.key)
             for m in new.messages if m.key not in old_keys]
    kept = set(pairs.values())
    found += [Change("removed", m.key, m.msgid) for m in gone.values() if m.msgid not in kept]
    return found


def word_diff(old: str, new: str, deleted: tuple[str, str], inserted: tuple[str, str]) -> str:
    """The new text with deletions and insertions marked, by runs of one script."""
    before, after = _WORDS.findall(old), _WORDS.findall(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            out.append(f"{deleted[0]}{''.join(before[i1:i2])}{deleted[1]}")
        if op in ("insert", "replace"):
            out.append(f"{inserted[0]}{''.join(after[j1:j2])}{inserted[1]}")
        if op == "equal":
            out.append("".join(after[j1:j2]))
    return "".join(out)


def todos(catalogs: Mapping[str, Catalog], change: Change) -> list[LocaleTodo]:
    """Each catalog's state for a new or changed message."""
    found = []
    for ident, catalog in catalogs.items():
        message: Message | None = catalog.by_key().get(change.key)
        state = "missing (run update)" if message is None else (
            "fuzzy" if message.fuzzy else "translated" if message.translated else "untranslated")
        found.append(LocaleTodo(ident, catalog.path, state, message.msgstr_line if message is not None else None))
    return found


def changes(config: Config, since: str) -> list[tuple[Change, list[LocaleTodo]]]:
    """Every source change since a revision, with what each locale has for it."""
    found = source_changes(source_at(config, since), load_template(config))
    catalogs, problems = load_catalogs(config, config.targets)
    if problems:
        raise PipelineError(problems)
    return [(change, todos(catalogs, change) if change.kind != "removed" else []) for change in found]


def format_text(found: Sequence[tuple[Change, list[LocaleTodo]]], since: str) -> list[str]:
    """A terminal listing: each change, the Japanese diff, then each locale's state and line."""
    lines = [f"{len(found)} source changes since {since}"]
    for change, states in found:
        context = f" [{change.key[0]}]" if change.key[0] else ""
        if change.kind == "changed" and change.old is not None:
            lines.append(f"changed{context}: {word_diff(change.old, change.key[1], ('[-', '-]'), ('{+', '+}'))}")
        else:
            lines.append(f"{change.kind}{context}: {change.old if change.kind == 'removed' else change.key[1]}")
        lines += [f"  {t.path}:{t.line}: {t.locale}: {t.state}" if t.line else f"  {t.path}: {t.locale}: {t.state}" for t in states]
    return lines


def format_markdown(found: Sequence[tuple[Change, list[LocaleTodo]]], since: str) -> str:
    """The same as a Markdown summary for a pull request; source text is shown literally (escaped),
    the diff marks (~~deleted~~, **inserted**) are the only markup."""
    locales = _locales(found)
    out = [f"### Source changes since `{_code(since)}`", "", "| | Japanese |" + "".join(f" {markdown_cell(ident)} |" for ident in locales),
           "|---|---|" + "---|" * len(locales)]
    for change, states in found:
        text = markdown_cell(change.key[1] if change.kind == "new" else change.old or "")
        if change.kind == "changed" and change.old is not None:
            text = _diff_markdown(change.old, change.key[1])
        cells = [f"{t.state} (`{_code(t.path)}:{t.line}`)" for t in states] or ["—"] * len(locales)
        out.append(f"| {change.kind} | {text} |" + "".join(f" {cell} |" for cell in cells))
    return "\n".join(out) + "\n"


def _diff_markdown(old: str, new: str) -> str:
    """The word diff with the text escaped and only the marks left as Markdown. Control characters
    stand in for the marks while escaping (catalog text never contains them)."""
    marked = markdown_cell(word_diff(old, new, ("\x01", "\x03"), ("\x02", "\x03")))
    return _MARKED.sub(lambda m: f"{_MARKS[m.group(1)]}{m.group(2)}{_MARKS[m.group(1)]}", marked)


_MARKS = {"\x01": "~~", "\x02": "**"}
_MARKED = re.compile("([\x01\x02])([^\x03]*)\x03")


def _locales(found: Sequence[tuple[Change, list[LocaleTodo]]]) -> list[str]:
    return next(([t.locale for t in states] for _, states in found if states), [])


def _code(text: str) -> str:
    """Text inside a `code span` in a table: a pipe would still end the cell."""
    return text.replace("`", "'").replace("|", "\\|")
