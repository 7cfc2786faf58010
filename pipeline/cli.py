"""The command line: argument parsing, printing and exit codes only; the work is in the stages."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .config import Config, load_config
from .diagnostics import (
    GITHUB_ANNOTATION_LIMIT,
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
from .locales import LocaleInfo, locale_info

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
    check.add_argument("paths", nargs="*", type=Path, help="catalogs to check (default: every configured one)")
    check.add_argument("--locale", action="append", default=[], help="check only this locale (repeatable)")
    check.add_argument("--format", choices=("text", "json", "github", "sarif"), default="text")
    check.add_argument("--output", type=Path, help="write the json or sarif report to this file")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--max-warnings", type=int, metavar="N", help="fail when there are more than N warnings")
    check.add_argument("--pot", nargs="?", const=True, default=None, metavar="FILE", help="run the source checks on messages.pot (or FILE)")
    check.add_argument("--site", type=Path, metavar="DIR", help="check the rendered pages of a built site")
    check.add_argument("--baseline", type=Path, metavar="FILE", help="baseline file (default: config 'baseline')")
    check.add_argument("--no-baseline", action="store_true", help="report the warnings a baseline freezes")
    check.add_argument("--write-baseline", action="store_true", help="freeze the current warnings into the baseline file")
    commands.add_parser("compile", help="catalogs -> .mo files")
    stats = commands.add_parser("stats", help="per-locale completion")
    stats.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    build = commands.add_parser("build", help="render the site")
    build.add_argument("--out", type=Path, help="output folder (default: config 'output')")
    build.add_argument("--locale", action="append", default=[], help="build only this locale (repeatable)")
    build.add_argument("--strict", action="store_true", help="fail when any message falls back to the source")
    build.add_argument("--reports", type=Path, help="reports folder (default: config 'reports')")
    build.add_argument("--merge", nargs="+", default=[], metavar="SHARD", help="reuse the pages of shard builds (folders with site/ and reports/)")
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
            from .atomic import project_lock

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
    from .extract import extract

    result = extract(config)
    state = "written" if result.changed else "unchanged"
    print(f"{config.relative(config.pot_path)}: {len(result.catalog.messages)} messages, {state}", file=out)
    return EXIT_OK


def _init(config: Config, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .update import init

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
    from .update import update

    result = update(config, check=args.check)
    verb = "would change" if args.check else "updated"
    for path in result.changed:
        print(f"{path}: {verb}", file=out)
    for path in result.unchanged:
        print(f"{path}: unchanged", file=out)
    return EXIT_FAILED if args.check and result.changed else EXIT_OK


def _check(config: Config, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .checks.baseline import BASELINE_FILE, write_baseline

    if args.max_warnings is not None and args.max_warnings < 0:
        raise ConfigError(["--max-warnings: must be 0 or more"])
    for name in ("paths", "output", "site", "baseline"):
        setattr(args, name, _from_root(config, getattr(args, name)))
    diagnostics, files, baselined = _run_checks(config, args)
    if args.write_baseline:
        path = args.baseline or config.baseline or config.catalogs_dir / BASELINE_FILE
        frozen = write_baseline(path, diagnostics)
        print(f"{config.relative(path)}: {frozen} warnings frozen", file=err)
        diagnostics = [d for d in diagnostics if d.severity is Severity.ERROR]
    noun = "catalog" if _checks_catalogs(args) else "file"
    _report(diagnostics, files, args, out, err, baselined, noun)
    warnings = count(diagnostics, Severity.WARNING)
    too_many = args.max_warnings is not None and warnings > args.max_warnings
    failing = count(diagnostics, Severity.ERROR) or (args.strict and warnings) or too_many
    return EXIT_FAILED if failing else EXIT_OK


def _from_root(config: Config, value: Path | list[Path] | None) -> Path | list[Path] | None:
    """Paths on the command line are relative to the project root, like every path in the config."""
    if isinstance(value, list):
        return [config.root / p for p in value]
    return None if value is None else config.root / value


def _checks_catalogs(args: argparse.Namespace) -> bool:
    return (args.pot is None and args.site is None) or bool(args.paths or args.locale)


def _run_checks(config: Config, args: argparse.Namespace) -> tuple[list[Diagnostic], int, int]:
    from .checks import check, check_pot
    from .checks.rendered import check_site

    """Catalogs by default; --pot and --site check the template and the built pages instead."""
    found: list[Diagnostic] = []
    files = baselined = 0
    if args.pot is not None:
        pot = check_pot(config, None if args.pot is True else (config.root / args.pot).resolve())
        found += pot.diagnostics
        files += pot.files
    if args.site is not None:
        site = args.site.resolve()
        if not site.is_dir():
            raise ConfigError([f"--site {args.site}: no such folder: run 'policy-pipeline build' first"])
        found += check_site(config, site)
        files += len(config.all_locales) * len(config.pages)
    if _checks_catalogs(args):
        locales = [_configured_locale(config, ident) for ident in args.locale] or None
        result = check(config, locales, paths=args.paths, baseline=args.baseline, use_baseline=not (args.no_baseline or args.write_baseline))
        found += result.diagnostics
        files += result.files
        baselined = result.baselined
    return found, files, baselined


def _report(
    diagnostics: Sequence[Diagnostic], files: int, args: argparse.Namespace, out: TextIO, err: TextIO,
    baselined: int = 0, noun: str = "catalog",
) -> None:
    from .reports import format_sarif, markdown_summary

    closing = summary(diagnostics, files, noun) + (f" ({baselined} more frozen by the baseline)" if baselined else "")
    if args.format in ("json", "sarif"):
        document = format_json(diagnostics, files) if args.format == "json" else format_sarif(diagnostics, _rules(), _version())
        _write_document(document, args.output, out)
        print(closing, file=err)  # stdout stays one parseable document
        return
    limit = GITHUB_ANNOTATION_LIMIT if args.format == "github" else None
    _lines(out, format_github(diagnostics, limit) if args.format == "github" else format_text(diagnostics))
    print(closing, file=out)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if args.format == "github" and summary_file:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(markdown_summary(diagnostics, closing))


def _write_document(document: str, output: Path | None, out: TextIO) -> None:
    from .catalogs import write_if_changed

    if output is None:
        print(document, file=out)
    else:
        write_if_changed(output.resolve(), document + "\n")


def _rules() -> dict[str, tuple[Severity, str]]:
    from .checks import CHECKS

    return {check_id: (info.severity, info.summary) for check_id, info in CHECKS.items()}


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("policy-pipeline")
    except metadata.PackageNotFoundError:
        return "0"


def _compile(config: Config, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .compile import compile_catalogs

    written = compile_catalogs(config)
    for path in written:
        print(f"{path}: written", file=out)
    print(f"{len(config.targets)} catalogs compiled, {len(written)} changed", file=out)
    return EXIT_OK


def _stats(config: Config, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .stats import format_json, format_markdown, format_table, stats

    figures, problems = stats(config)
    _lines(err, format_text(problems))
    if args.format == "json":
        print(format_json(figures), file=out)
    elif args.format == "markdown":
        print(format_markdown(figures), end="", file=out)
    else:
        _lines(out, format_table(figures))
    return EXIT_OK


def _build(config: Config, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .incremental import nothing_to_do

    locales = [_configured_locale(config, ident) for ident in args.locale]
    output = _own_folder(config, "--out", args.out) or config.output_dir
    reports = _own_folder(config, "--reports", args.reports) or config.reports_dir
    recorded = nothing_to_do(config, output, reports, [t.identifier for t in (locales or config.targets)], args.strict)
    if recorded is not None and not args.merge:
        _lines(err, recorded["messages"])
        print(f"{recorded['summary']} (unchanged)", file=out)
        return EXIT_OK
    from .build import build, summary_line

    shards = [Path(folder).resolve() for folder in args.merge]
    result = build(config, output, locales, strict=args.strict, reports=reports, shards=shards)
    _lines(err, format_text(result.diagnostics))
    print(summary_line(config, result.output, result.pages, dict.fromkeys(result.files, b""), result.diagnostics), file=out)
    return EXIT_OK


def _own_folder(config: Config, option: str, value: Path | None) -> Path | None:
    """An output folder from the command line; never the project root or a folder above it."""
    if value is None:
        return None
    folder = value.resolve()
    if folder == config.root or folder in config.root.parents:
        raise ConfigError([f"{option} {value}: must be a folder of its own, not the project root or above it"])
    return folder


def _changes(config: Config, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .changes import changes, format_markdown
    from .changes import format_text as changes_text

    found = changes(config, args.since)
    if args.format == "markdown":
        print(format_markdown(found, args.since), end="", file=out)
    else:
        _lines(out, changes_text(found, args.since))
    return EXIT_OK


_WRITERS = {"extract", "init", "update", "compile", "build"}
_COMMANDS = {
    "extract": _extract, "init": _init, "update": _update, "check": _check,
    "compile": _compile, "stats": _stats, "build": _build, "changes": _changes,
}
