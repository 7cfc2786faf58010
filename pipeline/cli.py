"""The command line: argument parsing, printing and exit codes only; the work is in the stages."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .atomic import project_lock
from .build import build
from .changes import changes as source_changes
from .changes import format_markdown as changes_markdown
from .changes import format_text as changes_text
from .checks import check
from .compile import compile_catalogs
from .config import Config, load_config
from .diagnostics import (
    ConfigError,
    Diagnostic,
    PipelineError,
    Severity,
    count,
    format_github,
    format_json,
    format_text,
    summary,
)
from .extract import extract
from .locales import LocaleInfo, locale_info
from .stats import format_json as stats_json
from .stats import format_markdown as stats_markdown
from .stats import format_table, stats
from .update import init, update

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() owns every exit code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise ConfigError([f"{self.prog}: {message}"])


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="policy-pipeline", description="Publish a Japanese-source legal page in several languages.")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (with pyproject.toml)")
    parser.add_argument("--traceback", action="store_true", help="show a traceback on unexpected errors")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    commands.add_parser("extract", help="templates -> locales/messages.pot")
    init = commands.add_parser("init", help="create the catalog of a new locale")
    init.add_argument("--locale", required=True)
    update = commands.add_parser("update", help="merge messages.pot into every catalog")
    update.add_argument("--check", action="store_true", help="only report catalogs that would change (exit 1)")
    check = commands.add_parser("check", help="run the translator checks over every catalog")
    check.add_argument("--format", choices=("text", "json", "github"), default="text")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    commands.add_parser("compile", help="catalogs -> .mo files")
    stats = commands.add_parser("stats", help="per-locale completion")
    stats.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    build = commands.add_parser("build", help="render the site")
    build.add_argument("--out", type=Path, help="output folder (default: config 'output')")
    build.add_argument("--locale", action="append", default=[], help="build only this locale (repeatable)")
    build.add_argument("--strict", action="store_true", help="fail when any message falls back to the source")
    changes = commands.add_parser("changes", help="what changed in the source since a git revision, per locale")
    changes.add_argument("--since", required=True, metavar="REV", help="a git revision of the source")
    changes.add_argument("--format", choices=("text", "markdown"), default="text")
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run one command; returns the exit code."""
    stdout, stderr = out or sys.stdout, err or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except ConfigError as exc:
        _lines(stderr, exc.messages)
        return EXIT_USAGE
    try:
        config = load_config(args.root.resolve())
        if args.command in _WRITERS and not getattr(args, "check", False):
            with project_lock(config.root):
                return _COMMANDS[args.command](config, args, stdout, stderr)
        return _COMMANDS[args.command](config, args, stdout, stderr)
    except ConfigError as exc:
        _lines(stderr, [f"error: {m}" if not m.startswith("pyproject") else m for m in exc.messages])
        return EXIT_USAGE
    except PipelineError as exc:
        _lines(stderr, format_text(exc.diagnostics))
        return EXIT_FAILED
    except Exception as exc:  # a bug: one line, the traceback only on request
        if args.traceback:
            traceback.print_exc(file=stderr)
        print(f"policy-pipeline: internal error: {type(exc).__name__}: {exc} (run with --traceback and report it)", file=stderr)
        return EXIT_FAILED


def _lines(stream: TextIO, lines: Sequence[str]) -> None:
    for line in lines:
        print(line, file=stream)


def _extract(config: Config, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    result = extract(config)
    state = "written" if result.changed else "unchanged"
    print(f"{config.relative(config.pot_path)}: {len(result.catalog.messages)} messages, {state}", file=out)
    return EXIT_OK


def _init(config: Config, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    locale = _configured_locale(config, args.locale)
    path = init(config, locale)
    print(f"{config.relative(path)}: created", file=out)
    return EXIT_OK


def _configured_locale(config: Config, identifier: str) -> LocaleInfo:
    info = locale_info(identifier)
    if info is None:
        raise ConfigError([f"unknown locale {identifier!r}: use a CLDR identifier such as ko or zh_Hans"])
    matches = [t for t in config.targets if t.identifier == info.identifier]
    if not matches:
        raise ConfigError([f"locale {identifier!r} is not in tool.policy-pipeline.locales of pyproject.toml: add it there first"])
    return matches[0]


def _update(config: Config, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    result = update(config, check=args.check)
    verb = "would change" if args.check else "updated"
    for path in result.changed:
        print(f"{path}: {verb}", file=out)
    for path in result.unchanged:
        print(f"{path}: unchanged", file=out)
    return EXIT_FAILED if args.check and result.changed else EXIT_OK


def _check(config: Config, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    result = check(config)
    _report(result.diagnostics, result.files, args.format, out)
    failing = count(result.diagnostics, Severity.ERROR) or (args.strict and result.diagnostics)
    return EXIT_FAILED if failing else EXIT_OK


def _report(diagnostics: Sequence[Diagnostic], files: int, fmt: str, out: TextIO) -> None:
    if fmt == "json":
        print(format_json(diagnostics, files), file=out)
        return
    _lines(out, format_github(diagnostics) if fmt == "github" else format_text(diagnostics))
    print(summary(diagnostics, files), file=out)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and summary_file:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write("### policy-pipeline check\n\n" + "".join(f"- `{d}`\n" for d in diagnostics))


def _compile(config: Config, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    written = compile_catalogs(config)
    for path in written:
        print(f"{path}: written", file=out)
    print(f"{len(config.targets)} catalogs compiled, {len(written)} changed", file=out)
    return EXIT_OK


def _stats(config: Config, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    figures, problems = stats(config)
    _lines(err, format_text(problems))
    if args.format == "json":
        print(stats_json(figures), file=out)
    elif args.format == "markdown":
        print(stats_markdown(figures), end="", file=out)
    else:
        _lines(out, format_table(figures))
    return EXIT_OK


def _build(config: Config, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    locales = [_configured_locale(config, ident) for ident in args.locale]
    output = args.out.resolve() if args.out else None
    if output is not None and (output == config.root or output in config.root.parents):
        raise ConfigError([f"--out {args.out}: must be a folder of its own, not the project root or above it"])
    result = build(config, output, locales, strict=args.strict)
    _lines(err, format_text(result.diagnostics))
    fallbacks = count(result.diagnostics, Severity.WARNING)
    print(f"{config.relative(result.output)}: {len(result.pages)} pages in {len({p.locale for p in result.pages})} languages, "
          f"{len(result.files)} files, {fallbacks} fallbacks to the source text", file=out)
    return EXIT_OK


def _changes(config: Config, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    found = source_changes(config, args.since)
    if args.format == "markdown":
        print(changes_markdown(found, args.since), end="", file=out)
    else:
        _lines(out, changes_text(found, args.since))
    return EXIT_OK


_WRITERS = {"extract", "init", "update", "compile", "build"}
_COMMANDS = {
    "extract": _extract, "init": _init, "update": _update, "check": _check,
    "compile": _compile, "stats": _stats, "build": _build, "changes": _changes,
}
