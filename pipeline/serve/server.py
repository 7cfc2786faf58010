"""serve: build, serve on 127.0.0.1 and rebuild on every change; the HTTP server, two file watchers and a builder.

Watchers only queue what changed; one builder thread runs the builds, one at a time, so a
burst of saves (an editor writing a temporary file, then renaming it) gives one rebuild.
The build, the watchers and the folder rules are imported inside the functions that use them
(lazy imports): `serve --help` and a busy port answer without loading them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ..cli.terminal import Terminal
from ..config import Config, load_config
from ..diagnostics import ConfigError, PipelineError, format_text
from ..locales import LocaleInfo
from .http import BuildState, Changes, DevHTTPServer

WatchFilter = Callable[[object, str], bool]
_IGNORED_SUFFIXES = (".mo", "~", ".swp", ".tmp")


def _catalog_or_template(change: object, path: str) -> bool:
    """Sources only: not compiled catalogs, editor backups or hidden temporary files."""
    name = Path(path).name
    return not name.startswith(".") and not name.endswith(_IGNORED_SUFFIXES)


class DevServer:
    """Builds, serves and rebuilds one project; start() returns once it is serving and watching."""

    def __init__(self, config: Config, output: Path, port: int, ui: Terminal, locales: tuple[LocaleInfo, ...] = (),
                 allowed_hosts: frozenset[str] = frozenset()) -> None:
        self.root, self.output, self.reports = config.root, output, config.reports_dir
        self.sources = (config.templates_dir, config.catalogs_dir)
        self.ui = ui
        self.locales = locales
        self.state = BuildState()
        self.changes = Changes()
        self.shown: set[str] = set()  # warnings already printed: a rebuild prints only new ones
        self.http = DevHTTPServer(port, output, self.reports, self.state, ui, allowed_hosts)
        self.threads: list[threading.Thread] = []
        self.last_rebuild: float | None = None

    @property
    def url(self) -> str:
        """Where the site is served."""
        return f"http://127.0.0.1:{self.http.server_address[1]}/"

    def start(self) -> None:
        """Build once, then serve, watch and rebuild in background threads."""
        self.rebuild()
        ready = [threading.Event(), threading.Event()]
        self._spawn(self.http.serve_forever)
        self._spawn(lambda: self._watch(self.sources, True, _catalog_or_template, ready[0]))
        self._spawn(lambda: self._watch([self.root], False, lambda _c, p: Path(p).name == "pyproject.toml", ready[1]))
        self._spawn(self._build_on_changes)
        for event in ready:
            event.wait(10)

    def stop(self) -> None:
        """Stop serving and watching; waits for the threads."""
        self.changes.stop.set()
        self.http.shutdown()
        self.http.server_close()
        for thread in self.threads:
            thread.join(10)

    def _spawn(self, target: Callable[[], None]) -> None:
        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        self.threads.append(thread)

    def _watch(self, paths: Sequence[Path], recursive: bool, wanted: WatchFilter, ready: threading.Event) -> None:
        from watchfiles import watch

        # yield_on_timeout: the first (empty) yield says the watcher is in place, so a change
        # made right after start() is never missed.
        for found in watch(*paths, recursive=recursive, watch_filter=wanted, stop_event=self.changes.stop,
                           rust_timeout=200, yield_on_timeout=True, step=30, debounce=400):
            ready.set()
            if found:
                self.changes.pending.put({path for _, path in found})

    def _build_on_changes(self) -> None:
        while not self.changes.stop.is_set():
            changed = self.changes.wait(0.2)
            if changed:
                self.ui.detail("changed: " + ", ".join(sorted(changed)))
                self.rebuild()

    def rebuild(self) -> None:
        """One incremental build; a failure becomes the error page, never an exception."""
        started = time.perf_counter()
        failure = self._build()
        self.last_rebuild = time.perf_counter() - started
        self.state.finished(failure)
        if failure:
            self.ui.diagnostics(failure)
            self.ui.status(f"build failed in {self.last_rebuild:.2f} s: the pages show the errors until they are fixed")
        else:
            self.ui.status(f"built in {self.last_rebuild:.2f} s")

    def _build(self) -> tuple[str, ...]:
        from ..atomic import project_lock
        from ..build import build
        from ..output.incremental import Extras

        try:
            config = load_config(self.root)  # pyproject.toml may have changed
            with project_lock(config.root):
                result = build(config, self.output, self.locales or None, reports=self.reports,
                               extras=Extras(review=True, pseudo=True), unreleased=True,
                               progress=lambda what: self.ui.progress(f"rendering {what}"))
        except ConfigError as exc:
            return tuple(exc.messages)
        except PipelineError as exc:
            return tuple(format_text(exc.diagnostics))
        except Exception as exc:  # a bug must not stop the server; report it like the CLI does
            return (f"policy-pipeline: internal error: {type(exc).__name__}: {exc}",)
        self.ui.diagnostics(self._new(format_text(result.diagnostics)))
        return ()

    def _new(self, lines: Sequence[str]) -> list[str]:
        """The warnings not printed by an earlier build (a translator sees what their save changed)."""
        fresh = [line for line in lines if line not in self.shown]
        self.shown = set(lines)
        if len(fresh) < len(lines):
            self.ui.detail(f"{len(lines) - len(fresh)} warnings as before (not repeated)")
        return fresh


def serve(config: Config, output: Path, port: int, ui: Terminal, locales: tuple[LocaleInfo, ...] = (),
          allowed_hosts: frozenset[str] = frozenset()) -> int:
    """Run the development server until interrupted (Ctrl-C); the port and the output folder are
    checked before the first build, so a usage error costs no build."""
    from ..output.folders import check_targets

    check_targets(config, output, config.reports_dir)
    server = DevServer(config, output, port, ui, locales, allowed_hosts)
    server.start()
    ui.status(f"serving {server.url} (review pages: {server.url}_reports/review/, "
              f"pseudo-locales: {server.url}_reports/pseudo/en-xa/{config.pages[0].slug}/); Ctrl-C stops")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        ui.status("stopped")
    finally:
        server.stop()
    return 0
