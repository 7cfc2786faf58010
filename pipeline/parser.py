"""The command line's grammar: every command, its options, and --help text with examples."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from .diagnostics import ConfigError

PROG = "policy-pipeline"
LOCALE_SPELLING = "ko, zh_Hans or zh-Hans: either spelling, any case"


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() owns every exit code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise ConfigError([f"{self.prog}: {message}"])


def _examples(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def _command(commands: argparse._SubParsersAction[_Parser], name: str, summary: str,
             *examples: str) -> argparse.ArgumentParser:
    return commands.add_parser(name, help=summary, description=summary, epilog=_examples(*examples),
                               formatter_class=argparse.RawDescriptionHelpFormatter)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line."""
    parser = _Parser(prog=PROG, description="Publish a Japanese-source legal page in several languages.",
                     epilog=_examples(f"{PROG} update && {PROG} check", f"{PROG} build --review",
                                      f"{PROG} serve", f"{PROG} --root site/ stats"),
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (with pyproject.toml)")
    parser.add_argument("--traceback", action="store_true", help="show a traceback on unexpected errors")
    talk = parser.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_true", help="print only diagnostics and requested documents")
    talk.add_argument("-v", "--verbose", action="store_true", help="say more: timings and what was reused")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="COMMAND")
    _command(commands, "extract", "templates -> locales/messages.pot", f"{PROG} extract")
    init = _command(commands, "init", "create the catalog of a new locale", f"{PROG} init --locale ko")
    init.add_argument("--locale", required=True, help=f"a locale of tool.policy-pipeline.locales ({LOCALE_SPELLING})")
    update = _command(commands, "update", "merge messages.pot into every catalog",
                      f"{PROG} update", f"{PROG} update --check   # in CI: exit 1 if someone forgot to run it")
    update.add_argument("--check", action="store_true", help="only report catalogs that would change (exit 1)")
    _check_options(_command(commands, "check", "run the translator checks over every catalog",
                            f"{PROG} check", f"{PROG} check --locale ko --strict",
                            f"{PROG} check --format github", f"{PROG} check --site _site"))
    _command(commands, "compile", "catalogs -> .mo files", f"{PROG} compile")
    stats = _command(commands, "stats", "per-locale completion", f"{PROG} stats", f"{PROG} stats --format markdown")
    stats.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    _build_options(_command(commands, "build", "render the site",
                            f"{PROG} build", f"{PROG} build --strict --locale ko",
                            f"{PROG} build --review --pseudo   # + _reports/review/ and _reports/pseudo/"))
    changes = _command(commands, "changes", "what changed in the source since a git revision, per locale",
                       f"{PROG} changes --since v1.0", f"{PROG} changes --since origin/main --format markdown")
    changes.add_argument("--since", required=True, metavar="REV", help="a git revision of the source")
    changes.add_argument("--format", choices=("text", "markdown"), default="text")
    changes.add_argument("--packet", type=Path, metavar="DIR", help="write one XLIFF packet per locale with only the work, and a brief")
    _exchange_commands(commands)
    _version_commands(commands)
    serve = _command(commands, "serve", "build, serve on 127.0.0.1 and rebuild on every change",
                     f"{PROG} serve", f"{PROG} serve --port 0   # any free port",
                     f"{PROG} serve --locale ko")
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (0: any free one; default 8000)")
    serve.add_argument("--out", type=Path, help="output folder (default: config 'output')")
    serve.add_argument("--locale", action="append", default=[],
                       help=f"preview only this locale beside the Japanese source (repeatable; {LOCALE_SPELLING})")
    serve.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                       help="also answer requests for this host name (default: loopback names only)")
    completion = _command(commands, "completion", "print a shell completion script",
                          f"{PROG} completion bash > ~/.local/share/bash-completion/completions/{PROG}",
                          f"{PROG} completion zsh > ~/.zfunc/_{PROG}")
    completion.add_argument("shell", choices=("bash", "zsh"))
    return parser


def _version_commands(commands: argparse._SubParsersAction[_Parser]) -> None:
    release = _command(commands, "release", "record the current Japanese source as a version",
                       f"{PROG} release --effective 2027-04-01 --summary-from summary.txt")
    release.add_argument("--effective", required=True, type=_iso_date, metavar="YYYY-MM-DD", help="the date it takes effect (its id)")
    release.add_argument("--summary-from", type=Path, metavar="FILE", help="a UTF-8 file with the Japanese summary of the changes")
    signoff = _command(commands, "signoff", "record who approved exactly which translations of a locale",
                       f"{PROG} signoff --locale ko --by 'Legal, Kim'")
    signoff.add_argument("--locale", required=True, help=f"a locale of tool.policy-pipeline.locales ({LOCALE_SPELLING})")
    signoff.add_argument("--by", required=True, metavar="NAME", help="who approves")


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else dt.date.fromisoformat("bad")
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date such as 2027-04-01") from None


def _check_options(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="*", type=Path, help="catalog files to check, relative to the current folder (default: every configured one)")
    check.add_argument("--locale", action="append", default=[], help=f"check only this locale (repeatable; {LOCALE_SPELLING}); with catalog paths: their locale")
    check.add_argument("--format", choices=("text", "json", "github", "sarif"), default="text")
    check.add_argument("--output", type=Path, help="write the json or sarif report to this file")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--max-warnings", type=int, metavar="N", help="fail when there are more than N warnings")
    check.add_argument("--pot", nargs="?", const=True, default=None, metavar="FILE", help="run the source checks on messages.pot (or FILE)")
    check.add_argument("--site", type=Path, metavar="DIR", help="check the rendered pages of a built site")
    check.add_argument("--baseline", type=Path, metavar="FILE", help="baseline file (default: config 'baseline')")
    check.add_argument("--no-baseline", action="store_true", help="report the warnings a baseline freezes")
    check.add_argument("--write-baseline", action="store_true", help="freeze the current warnings into the baseline file")


def _build_options(build: argparse.ArgumentParser) -> None:
    build.add_argument("--out", type=Path, help="output folder (default: config 'output')")
    build.add_argument("--locale", action="append", default=[], help=f"build only this locale (repeatable; {LOCALE_SPELLING})")
    build.add_argument("--strict", action="store_true", help="fail when any message falls back to the source")
    build.add_argument("--reports", type=Path, help="reports folder (default: config 'reports')")
    build.add_argument("--merge", nargs="+", default=[], metavar="SHARD", help="reuse the pages of shard builds (folders with site/ and reports/)")
    build.add_argument("--review", action="store_true", help="also write side-by-side review pages to <reports>/review/")
    build.add_argument("--pseudo", action="store_true", help="also build pseudo-locale previews (en-XA, ar-XB) into <reports>/pseudo/")


def _exchange_commands(commands: argparse._SubParsersAction[_Parser]) -> None:
    """export, import, merge-driver, textconv: working with CAT tools, Weblate and git."""
    export = _command(commands, "export", "a packet for CAT tools (XLIFF, TMX) or the glossary (TBX, CSV)",
                      f"{PROG} export --locale ko --format xliff12 --out ko.xlf --only untranslated,fuzzy",
                      f"{PROG} export --locale ko --format tmx --out ko.tmx", f"{PROG} export --format tbx --out glossary.tbx")
    export.add_argument("--locale", help="the target locale (not needed for tbx)")
    export.add_argument("--format", required=True, choices=("xliff12", "xliff2", "tmx", "tbx", "csv"))
    export.add_argument("--out", required=True, type=Path, metavar="FILE")
    export.add_argument("--only", metavar="KINDS", help="comma-separated: untranslated, fuzzy, translated (default: all)")
    export.add_argument("--since", metavar="REV", help="only messages new or changed since this git revision")
    imported = _command(commands, "import", "merge a returned packet into its catalog where the source still matches",
                        f"{PROG} import ko.xlf")
    imported.add_argument("file", type=Path, metavar="FILE")
    merge = _command(commands, "merge-driver", "git merge driver: three-way merge of a catalog by message",
                     f'git config merge.po.driver "{PROG} merge-driver %O %A %B %P"')
    merge.add_argument("base", type=Path, metavar="BASE")
    merge.add_argument("ours", type=Path, metavar="OURS")
    merge.add_argument("theirs", type=Path, metavar="THEIRS")
    merge.add_argument("path", nargs="?", metavar="PATH", help="the file's name in the repository (for messages)")
    textconv = _command(commands, "textconv", "a catalog as one line per message, for git diff",
                        f'git config diff.po.textconv "{PROG} textconv"')
    textconv.add_argument("file", type=Path, metavar="FILE")
