"""The check command's reporting: which checks run, and text, JSON, SARIF or GitHub output.

The checks, SARIF and the site checks are imported inside the functions that use them
(lazy imports): `check --format json` never loads the HTML parser the site checks need.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, TextIO

from ..config import Config
from ..diagnostics import (
    GITHUB_ANNOTATION_LIMIT,
    ConfigError,
    Diagnostic,
    Severity,
    count,
    format_github,
    format_json,
    format_text,
    plural,
    summary,
)
from ..output.targets import named_path, readable_file, writable_file
from .exitcodes import EXIT_FAILED, EXIT_OK
from .named import configured_locale, named_catalogs, named_template
from .terminal import Terminal


@dataclass(frozen=True)
class CheckOptions:
    """The check command's options, taken from the command line once."""

    paths: Sequence[Path] = ()
    locale: Sequence[str] = ()
    pot: str | Literal[True] | None = None  # --pot alone: the project's messages.pot
    site: Path | None = None
    format: str = "text"
    output: Path | None = None
    baseline: Path | None = None
    no_baseline: bool = False
    write_baseline: bool = False
    strict: bool = False
    max_warnings: int | None = None


def run_check(config: Config, args: argparse.Namespace, ui: Terminal) -> int:
    """check: every finding of the catalogs (or --pot, --site), reported in the chosen format."""
    wanted = {name: getattr(args, name) for name in CheckOptions.__dataclass_fields__}
    return check_command(config, ui, CheckOptions(**wanted))


def check_command(config: Config, ui: Terminal, args: CheckOptions) -> int:
    """Run the checks these options ask for and report them; the exit code."""
    from ..checks.baseline import BASELINE_FILE, write_baseline

    if args.max_warnings is not None and args.max_warnings < 0:
        raise ConfigError(["--max-warnings: must be 0 or more"])
    if args.output is not None:  # before any work: a report never replaces a catalog or the config
        args = replace(args, output=writable_file(config, "--output", args.output))
    if args.baseline is not None and not args.write_baseline:  # a baseline named to be read must be one
        args = replace(args, baseline=readable_file("--baseline", args.baseline))
    diagnostics, files, baselined = _run_checks(config, args)
    if args.write_baseline:
        own = [p for p in (config.baseline, config.catalogs_dir / BASELINE_FILE) if p is not None]
        path = writable_file(config, "--baseline", args.baseline or own[0], own)
        frozen = write_baseline(path, diagnostics)
        ui.diagnostics([f"{config.relative(path)}: {plural(frozen, 'warning')} frozen"])
        diagnostics = [d for d in diagnostics if d.severity is Severity.ERROR]
    noun = "catalog" if _checks_catalogs(args) else "file"
    _report(diagnostics, files, args, ui, baselined, noun)
    warnings = count(diagnostics, Severity.WARNING)
    too_many = args.max_warnings is not None and warnings > args.max_warnings
    failing = count(diagnostics, Severity.ERROR) or (args.strict and warnings) or too_many
    return EXIT_FAILED if failing else EXIT_OK


def _checks_catalogs(args: CheckOptions) -> bool:
    return (args.pot is None and args.site is None) or bool(args.paths or args.locale)


def _run_checks(config: Config, args: CheckOptions) -> tuple[list[Diagnostic], int, int]:
    """Catalogs by default; --pot and --site check the template and the built pages instead."""
    from ..checks import check, check_pot
    from ..checks.rendered import check_site

    found: list[Diagnostic] = []
    files = baselined = 0
    if args.pot is not None:
        pot = check_pot(config, None if args.pot is True else named_template(Path(args.pot)))
        found += pot.diagnostics
        files += pot.files
    if args.site is not None:
        site = named_path("--site", args.site).resolve()
        if not site.is_dir():
            raise ConfigError([f"--site {args.site}: no such folder: run 'policy-pipeline build' first"])
        found += check_site(config, site)
        files += len(config.all_locales) * len(config.pages)
    if _checks_catalogs(args):
        named = named_catalogs(config, args.paths, args.locale)
        locales = None if named else [configured_locale(config, ident) for ident in args.locale] or None
        result = check(config, locales, named=named, baseline=args.baseline, use_baseline=not (args.no_baseline or args.write_baseline))
        found += result.diagnostics
        files += result.files
        baselined = result.baselined
    return found, files, baselined


def _report(
    diagnostics: Sequence[Diagnostic], files: int, args: CheckOptions, ui: Terminal,
    baselined: int = 0, noun: str = "catalog",
) -> None:
    from ..reports.check_report import format_sarif, markdown_summary

    closing = summary(diagnostics, files, noun) + (f" ({baselined} more frozen by the baseline)" if baselined else "")
    if args.format in ("json", "sarif"):
        document = format_json(diagnostics, files) if args.format == "json" else format_sarif(diagnostics, _rules(diagnostics), _version())
        _write_document(document, args.output, ui.out)
        if not ui.quiet:
            print(closing, file=ui.err)  # stdout stays one parseable document
        return
    limit = GITHUB_ANNOTATION_LIMIT if args.format == "github" else None
    if args.format == "github":
        _lines(ui.out, format_github(diagnostics, limit))
    else:
        ui.diagnostics(format_text(diagnostics), ui.out)
    ui.status(closing)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if args.format == "github" and summary_file:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(markdown_summary(diagnostics, closing))


def _write_document(document: str, output: Path | None, out: TextIO) -> None:
    from ..atomic import write_if_changed

    if output is None:
        print(document, file=out)
    else:
        write_if_changed(output, document + "\n")


def _rules(diagnostics: Sequence[Diagnostic]) -> dict[str, tuple[Severity, str]]:
    """Every check, and the other registered ids this run reports (path, catalog-folder)."""
    from ..checks.registry import CHECKS, DIAGNOSTICS

    used = {d.check_id for d in diagnostics} & set(DIAGNOSTICS)
    return {check_id: (info.severity, info.summary) for check_id, info in DIAGNOSTICS.items() if check_id in CHECKS or check_id in used}


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("policy-pipeline")
    except metadata.PackageNotFoundError:
        return "0"


def _lines(stream: TextIO, lines: Sequence[str]) -> None:
    for line in lines:
        print(line, file=stream)
