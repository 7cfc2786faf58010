"""The exchange commands as the CLI runs them: arguments in, status lines and exit code out.

Each command imports its exchange module inside its function (lazy imports): lxml and the XML
formats load only for the command that needs them, never for git's merge driver or textconv.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..config import Config
from ..diagnostics import PipelineError, format_text, plural
from .exitcodes import EXIT_FAILED, EXIT_OK
from .named import configured_locale
from .terminal import Terminal


def run_export(config: Config, args: argparse.Namespace, ui: Terminal) -> int:
    from ..exchange.export import export

    locale = configured_locale(config, args.locale) if args.locale else None
    written, count = export(config, locale, args.format, args.out, args.only, args.since)
    ui.status(f"{args.out}: {plural(count, 'term' if args.format in ('tbx', 'csv') else 'unit')}, {'written' if written else 'unchanged'}")
    return EXIT_OK


def run_import(config: Config, args: argparse.Namespace, ui: Terminal) -> int:
    from ..exchange.importer import import_packet
    from ..output.targets import readable_file

    result = import_packet(config, readable_file("import", args.file).resolve(), str(args.file))
    ui.diagnostics(format_text(sorted(result.refused, key=lambda d: d.location)))
    ui.diagnostics(format_text(result.warnings))
    ui.status(f"{result.catalog}: {plural(result.applied, 'unit')} imported, {result.unchanged} unchanged, {len(result.refused)} refused")
    return EXIT_FAILED if result.refused else EXIT_OK


def run_packet(config: Config, args: argparse.Namespace, ui: Terminal) -> int:
    from ..exchange.packet import write_packets

    for written in write_packets(config, args.since, args.packet):
        ui.status(f"{written.path}: written" + (f" ({written.units} units)" if written.units else ""))
    return EXIT_OK


def merge_driver(args: argparse.Namespace) -> int:
    """git's merge driver: no project config needed (git runs it on temporary files)."""
    from ..exchange.merge import merge_by_lines, merge_files

    try:
        conflicts = merge_files(args.base, args.ours, args.theirs)
    except PipelineError as exc:
        print("\n".join(format_text(exc.diagnostics)), file=sys.stderr)
        print("policy-pipeline merge-driver: not a readable catalog; merged by lines instead", file=sys.stderr)
        return EXIT_FAILED if merge_by_lines(args.base, args.ours, args.theirs) else EXIT_OK
    name = args.path or str(args.ours)
    if conflicts:
        print(f"{name}: {conflicts} messages changed on both sides: left fuzzy with both texts in comments", file=sys.stderr)
    return EXIT_FAILED if conflicts else EXIT_OK


def textconv(path: Path) -> int:
    from ..exchange.merge import textconv as lines

    for line in lines(path):
        print(line)
    return EXIT_OK
