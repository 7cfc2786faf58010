"""The command line: argument parsing, printing and exit codes only; the work is in the stages.

Each command imports its stage inside its function (lazy imports): a run loads only what its
command uses, which is most of a short command's start-up time.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..config import Config, load_config
from ..diagnostics import ConfigError, PipelineError, format_text, plural
from .arguments import build_parser
from .exitcodes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from .named import configured_locale
from .terminal import Terminal

if TYPE_CHECKING:
    from ..output.incremental import Extras

EXIT_READER_GONE = 141  # what a shell reports for a tool stopped by SIGPIPE (`... | head`)

_PATH_ERRNOS = frozenset({errno.ENAMETOOLONG, errno.ELOOP, errno.ENOTDIR, errno.EISDIR, errno.ENOENT, errno.EACCES, errno.EROFS})


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run one command; returns the exit code."""
    stdout, stderr = out or sys.stdout, err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except ConfigError as exc:
        _lines(stderr, exc.messages)
        return EXIT_USAGE
    except SystemExit as exc:  # --help printed its text
        return int(exc.code or 0)
    ui = Terminal(stdout, stderr, quiet=args.quiet, verbose=args.verbose)
    if args.command == "completion":
        from .completion import completion_script

        print(completion_script(parser, args.shell), end="", file=stdout)
        return EXIT_OK
    if args.command in ("merge-driver", "textconv"):  # git runs these on temporary files, with no config
        from . import exchange

        try:
            return exchange.merge_driver(args) if args.command == "merge-driver" else exchange.textconv(args.file)
        except OSError as exc:
            if not _path_problem(exc, ui):
                raise
            return EXIT_USAGE
    code = _run(args, ui)
    try:
        stdout.flush()  # here, not at interpreter exit, where a closed pipe gives a traceback
    except BrokenPipeError:
        return _reader_gone()
    return code


def _reader_gone() -> int:
    """The reader of the output went away (`| head`): stop quietly, as a tool stopped by SIGPIPE
    does; the rest of the output goes nowhere instead of failing again at exit."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_READER_GONE


def _run(args: argparse.Namespace, ui: Terminal) -> int:
    """Load the config and run the command, mapping every known error to its exit code."""
    started = time.perf_counter()
    try:
        config = load_config(_project_folder(args.root))
        ui.detail(f"project: {config.root}")
        if args.command in _WRITERS and not getattr(args, "check", False):
            from ..atomic import project_lock

            with project_lock(config.root):
                return _COMMANDS[args.command](config, args, ui)
        return _COMMANDS[args.command](config, args, ui)
    except ConfigError as exc:
        ui.diagnostics(f"error: {m}" for m in exc.messages)  # one shape for exit 2: error: what: why
        return EXIT_USAGE
    except PipelineError as exc:
        ui.diagnostics(format_text(exc.diagnostics))
        return EXIT_FAILED
    except BrokenPipeError:  # the reader stopped reading (`check --format json | head`): not a bug
        return _reader_gone()
    except OSError as exc:
        if not _path_problem(exc, ui):
            raise
        return EXIT_USAGE
    except Exception as exc:  # a bug: one line, the traceback only on request
        ui.clear_progress()
        if args.traceback:
            traceback.print_exc(file=ui.err)
        print(f"policy-pipeline: internal error: {type(exc).__name__}: {exc} (run with --traceback and report it)", file=ui.err)
        return EXIT_FAILED
    finally:
        ui.detail(f"{args.command}: {time.perf_counter() - started:.2f} s")


def _project_folder(root: Path) -> Path:
    """--root: a folder (the one holding pyproject.toml), resolved."""
    from ..output.targets import named_path

    folder = named_path("--root", root)
    if folder.exists() and not folder.is_dir():
        raise ConfigError([f"--root {root}: is a file, not a folder: name the folder that holds pyproject.toml"])
    return folder.resolve()


def _path_problem(exc: OSError, ui: Terminal) -> bool:
    """A path the file system refuses (too long, a link loop, a file where a folder should be):
    the user's situation, told in one line with the path, never an internal error."""
    if exc.filename is None or exc.errno not in _PATH_ERRNOS:
        return False
    ui.clear_progress()
    ui.diagnostics([f"error: {exc.filename}: {exc.strerror}: check the path and run again"])
    return True


def _lines(stream: TextIO, lines: Sequence[str]) -> None:
    for line in lines:
        print(line, file=stream)


def _extract(config: Config, args: argparse.Namespace, ui: Terminal) -> int:
    from ..extract import extract

    result = extract(config)
    state = "written" if result.changed else "unchanged"
    ui.status(f"{config.relative(config.pot_path)}: {len(result.catalog.messages)} messages, {state}")
    return EXIT_OK


def _init(config: Config, args: argparse.Namespace, ui: Terminal) -> int:
    from ..update import init

    locale = configured_locale(config, args.locale)
    path = init(config, locale)
    ui.status(f"{config.relative(path)}: created")
    return EXIT_OK


def _update(config: Config, args: argparse.Namespace, ui: Terminal) -> int:
    from ..update import update
    from .release import freeze_latest

    for path in [] if args.check else freeze_latest(config, only_if_moved=True):  # before a new template can make them fuzzy
        ui.status(f"{path}: kept")
    result = update(config, check=args.check, progress=ui.progress)
    ui.clear_progress()
    verb = "would change" if args.check else "updated"
    for path in result.changed:
        ui.status(f"{path}: {verb} ({result.counts[path]})")
    for path in result.unchanged:
        ui.status(f"{path}: unchanged ({result.counts[path]})")
    return EXIT_FAILED if args.check and result.changed else EXIT_OK

def _check(config: Config, args: argparse.Namespace, ui: Terminal) -> int:
    from .check import run_check

    return run_check(config, args, ui)


def _compile(config: Config, args: argparse.Namespace, ui: Terminal) -> int:
    from ..compile import compile_catalogs

    written = compile_catalogs(config)
    for path in written:
        ui.status(f"{path}: written")
    ui.status(f"{plural(len(config.targets), 'catalog')} compiled, {len(written)} changed")
    return EXIT_OK


def _stats(config: Config, args: argparse.Namespace, ui: Terminal) -> int:
    from ..stats import format_json, format_markdown, format_table, stats

    figures, problems = stats(config)
    ui.diagnostics(format_text(problems))
    if args.format == "json":
        print(format_json(figures), file=ui.out)
    elif args.format == "markdown":
        print(format_markdown(figures), end="", file=ui.out)
    else:
        _lines(ui.out, format_table(figures))
    return EXIT_FAILED if any(f.problem is not None for f in figures) else EXIT_OK


def _build(config: Config, args: argparse.Namespace, ui: Terminal) -> int:
    from ..output.incremental import BuildRequest, nothing_to_do

    request = BuildRequest.of(config, _own_folder(config, "--out", args.out), _own_folder(config, "--reports", args.reports),
                              [configured_locale(config, ident) for ident in args.locale], args.strict, _extras(args),
                              [Path(folder).resolve() for folder in args.merge])
    recorded = nothing_to_do(config, request)  # before Jinja2 is even loaded
    if recorded is not None:
        ui.diagnostics(recorded["messages"])
        ui.status(f"{recorded['summary']} (unchanged)")
        return EXIT_OK
    from ..build import build_request, summary_line
    from ..output.writing import BuildFailed

    try:
        result = build_request(config, request, progress=lambda what: ui.progress(f"rendering {what}"))
    except BuildFailed as exc:  # the errors, then what was (not) changed: the last line a user reads
        ui.diagnostics([*format_text(exc.diagnostics), exc.closing])
        return EXIT_FAILED
    ui.diagnostics(format_text(result.diagnostics))
    ui.status(summary_line(config, result.output, result.pages, dict.fromkeys(result.files, b""), result.diagnostics))
    return EXIT_OK


def _extras(args: argparse.Namespace) -> Extras:
    from ..output.incremental import Extras

    return Extras(review=args.review, pseudo=args.pseudo)


def _serve(config: Config, args: argparse.Namespace, ui: Terminal) -> int:
    from ..serve.server import serve

    output = _own_folder(config, "--out", args.out) or config.output_dir
    if not 0 <= args.port <= 65535:
        raise ConfigError([f"--port {args.port}: must be 0 (any free port) to 65535"])
    locales = tuple(configured_locale(config, ident) for ident in args.locale)
    return serve(config, output, args.port, ui, locales, frozenset(args.allow_host))


def _own_folder(config: Config, option: str, value: Path | None) -> Path | None:
    """An output folder from the command line; never the project root or a folder above it."""
    if value is None:
        return None
    from ..output.targets import named_path

    folder = named_path(option, value)  # not resolved: a link named here must be seen as a link, never followed
    if folder == config.root or folder in config.root.parents:
        raise ConfigError([f"{option} {value}: must be a folder of its own, not the project root or above it"])
    return folder


def _changes(config: Config, args: argparse.Namespace, ui: Terminal) -> int:
    from ..changes import changes, format_markdown
    from ..changes import format_text as changes_text

    if args.packet is not None:
        from .exchange import run_packet

        return run_packet(config, args, ui)
    found = changes(config, args.since)
    if args.format == "markdown":
        print(format_markdown(found, args.since), end="", file=ui.out)
    else:
        _lines(ui.out, changes_text(found, args.since))
    return EXIT_OK


def _exchange(config: Config, args: argparse.Namespace, ui: Terminal) -> int:
    from . import exchange as commands

    return commands.run_export(config, args, ui) if args.command == "export" else commands.run_import(config, args, ui)


def _versions(config: Config, args: argparse.Namespace, ui: Terminal) -> int:
    from . import release as release_command

    if args.command == "release":
        return release_command.run_release(config, args.effective, args.summary_from, ui)
    return release_command.run_signoff(config, configured_locale(config, args.locale), args.by, ui)


# serve takes the project lock for each rebuild, not for as long as it runs.
_WRITERS = {"extract", "init", "update", "compile", "build", "import", "release", "signoff"}
_COMMANDS = {
    "extract": _extract, "init": _init, "update": _update, "check": _check,
    "compile": _compile, "stats": _stats, "build": _build, "changes": _changes, "serve": _serve,
    "export": _exchange, "import": _exchange, "release": _versions, "signoff": _versions,
}

