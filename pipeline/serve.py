"""The development server's HTTP side: the site and the reports on 127.0.0.1, reloaded on every build.

A rebuild is the normal incremental build, so saving one catalog re-renders that locale only.
Open pages reload through a small script that the server adds to every HTML response (the
files on disk never contain it). A build that fails (a broken catalog) does not stop the
server: every HTML request gets the diagnostics until the next build succeeds.
"""

from __future__ import annotations

import html
import mimetypes
import queue
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .terminal import Terminal

RELOAD_PATH = "/__reload"
REPORTS_PREFIX = "/_reports/"
_RELOAD_SCRIPT = """<script data-dev-server>/* added by policy-pipeline serve, never published */
(function () {{ var seen = "{generation}";
  function poll() {{ fetch("{path}", {{cache: "no-store"}}).then(function (r) {{ return r.text(); }})
    .then(function (now) {{ if (now !== seen) {{ location.reload(); }} else {{ setTimeout(poll, 400); }} }})
    .catch(function () {{ setTimeout(poll, 2000); }}); }}
  setTimeout(poll, 400); }})();
</script>
"""


@dataclass
class BuildState:
    """What the last build left: a generation number (open pages reload when it changes) and,
    when it failed, the diagnostics to show instead of the pages."""

    generation: int = 0
    failure: tuple[str, ...] = ()
    lock: threading.Lock = field(default_factory=threading.Lock)

    def finished(self, failure: tuple[str, ...]) -> None:
        """Record a build's outcome; every open page reloads."""
        with self.lock:
            self.failure = failure
            self.generation += 1


def reload_script(generation: int) -> str:
    """The script that reloads the page when the server has built again."""
    return _RELOAD_SCRIPT.format(generation=generation, path=RELOAD_PATH)


def with_reload(page: bytes, generation: int) -> bytes:
    """An HTML page with the reload script added before </body> (or at its end)."""
    script = reload_script(generation).encode("utf-8")
    at = page.rfind(b"</body>")
    return page[:at] + script + page[at:] if at >= 0 else page + script


def error_page(lines: tuple[str, ...], generation: int) -> bytes:
    """The build's diagnostics as a page, escaped (they quote untrusted catalog text)."""
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Build failed</title>\n'
            f"</head>\n<body>\n<main>\n<h1>The build failed</h1>\n<p>Fix these and save; this page reloads.</p>\n"
            f"<ul>\n{items}\n</ul>\n</main>\n{reload_script(generation)}</body>\n</html>\n").encode()


def resolve_file(folder: Path, url_path: str) -> Path | None:
    """The file a URL path names inside folder (index.html for a folder), never outside it."""
    target = (folder / unquote(url_path).lstrip("/")).resolve()
    if not target.is_relative_to(folder.resolve()):
        return None
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


class _Handler(BaseHTTPRequestHandler):
    """GET and HEAD for the site, the reports under /_reports/ and the reload endpoint."""

    server: DevHTTPServer

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def _respond(self, head: bool) -> None:
        path = urlsplit(self.path).path
        state = self.server.state
        if path == RELOAD_PATH:
            return self._send(HTTPStatus.OK, str(state.generation).encode(), "text/plain", head)
        folder, inside = self.server.folder_of(path)
        if not path.endswith("/") and (folder / unquote(inside).lstrip("/")).is_dir():
            return self._redirect(path + "/")
        found = resolve_file(folder, inside)
        if state.failure and (path.endswith("/") or path.endswith(".html")):
            return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, error_page(state.failure, state.generation), "text/html", head)
        if found is None:
            return self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain", head)
        self._file(found, state.generation, head)

    def _file(self, path: Path, generation: int, head: bool) -> None:
        data = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind == "text/html":
            data = with_reload(data, generation)
        self._send(HTTPStatus.OK, data, kind, head)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: HTTPStatus, body: bytes, kind: str, head: bool) -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith(("xml", "javascript")) else ""
        self.send_header("Content-Type", kind + charset)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")  # always the newest build
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        self.server.ui.detail(f"serve: {format % args}")


class DevHTTPServer(ThreadingHTTPServer):
    """The HTTP server, knowing the folders it serves and the state of the last build."""

    daemon_threads = True

    def __init__(self, port: int, site: Path, reports: Path, state: BuildState, ui: Terminal) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.site, self.reports, self.state, self.ui = site, reports, state, ui

    def folder_of(self, path: str) -> tuple[Path, str]:
        """The folder a URL path is served from, and the path inside it."""
        if path.startswith(REPORTS_PREFIX):
            return self.reports, path[len(REPORTS_PREFIX):]
        return self.site, path


@dataclass
class Changes:
    """Changed paths reported by the watchers, consumed by the builder."""

    pending: queue.Queue[set[str]] = field(default_factory=queue.Queue)
    stop: threading.Event = field(default_factory=threading.Event)

    def wait(self, timeout: float) -> set[str]:
        """Every change that arrived by the timeout (empty when none), merged."""
        try:
            found = set(self.pending.get(timeout=timeout))
        except queue.Empty:
            return set()
        while not self.pending.empty():
            found |= self.pending.get_nowait()
        return found
