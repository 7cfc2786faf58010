"""The development server's HTTP side: the site and the reports on 127.0.0.1, reloaded on every build.

A rebuild is the normal incremental build, so saving one catalog re-renders that locale only.
Open pages reload through a small script that the server adds to every HTML response (the
files on disk never contain it). A build that fails (a broken catalog) does not stop the
server: every HTML request gets the diagnostics until the next build succeeds.
"""

from __future__ import annotations

import errno
import html
import mimetypes
import queue
import sys
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..cli.terminal import Terminal
from ..diagnostics import ConfigError

RELOAD_PATH = "/__reload"
REPORTS_PREFIX = "/_reports/"
# Names a browser on this machine uses for the loopback server; any other Host header is a page
# elsewhere reaching the preview through a rebinding name, and is refused.
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})
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


def inside(folder: Path, url_path: str) -> Path | None:
    """What a decoded URL path names inside folder (links followed), or None when it leads out
    or the file system cannot look it up (a name too long, a link loop)."""
    try:
        target = (folder / url_path.lstrip("/")).resolve()
    except (OSError, RuntimeError):  # RuntimeError: pathlib's report of a link loop
        return None
    return target if target.is_relative_to(folder.resolve()) else None


def kind_of(target: Path) -> str | None:
    """'dir', 'file' or None (missing, or a name the file system refuses): never an exception."""
    try:
        return "dir" if target.is_dir() else "file" if target.is_file() else None
    except OSError:
        return None


def resolve_file(folder: Path, url_path: str) -> Path | None:
    """The file a decoded URL path names inside folder (index.html for a folder), never outside it."""
    target = inside(folder, url_path)
    if target is not None and kind_of(target) == "dir":
        target = target / "index.html"
    return target if target is not None and kind_of(target) == "file" else None


def malformed(raw_path: str) -> str | None:
    """Why a request target cannot be served (400), or None; decoded text with NUL or other
    control characters never reaches the file system."""
    if not raw_path.startswith("/"):
        return "the request path must start with /"
    decoded = unquote(raw_path, errors="strict") if "%" in raw_path else raw_path
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in decoded):
        return "the request path holds a control character"
    return None


def host_problem(hosts: list[str], version: str, target: str, allowed: frozenset[str]) -> HTTPStatus | None:
    """Why a request's host is refused: 400 for a missing (HTTP/1.1) or repeated Host, 403 for a
    name that is not loopback or allowed, in the Host header or in an absolute-form target."""
    if len(hosts) > 1 or (not hosts and version == "HTTP/1.1"):
        return HTTPStatus.BAD_REQUEST
    absolute = urlsplit(target)  # absolute-form (http://host/path) names the host it asks for
    named = [*hosts, *([absolute.netloc] if absolute.scheme and absolute.netloc else [])]
    return None if all(host_allowed(name, allowed) for name in named) else HTTPStatus.FORBIDDEN


def host_allowed(host: str | None, allowed: frozenset[str]) -> bool:
    """A request is answered only for a loopback name (or one the user allowed), with any port."""
    if host is None:  # HTTP/1.0 without Host: no name to rebind
        return True
    name = host.strip().lower()
    if name.startswith("["):
        name = name[: name.find("]") + 1]
    elif name.count(":") == 1:
        name = name.split(":")[0]
    return name in LOOPBACK_HOSTS or name in allowed


class _Handler(BaseHTTPRequestHandler):
    """GET and HEAD for the site, the reports under /_reports/ and the reload endpoint."""

    server: DevHTTPServer
    # Error replies carry a status line even before the request's version is known (the standard
    # handler would answer a malformed line in HTTP/0.9 style: a bare body).
    default_request_version = "HTTP/1.0"
    timeout = 15  # seconds a client may take to send its request: a silent one never holds a thread for good

    def parse_request(self) -> bool:
        """Only HTTP/1.x request lines: an HTTP/0.9 'GET /' (no version) would make the standard
        handler wait for headers that never come."""
        line: bytes = getattr(self, "raw_requestline", b"")  # set by handle_one_request before this runs
        self.command, self.request_version = None, self.default_request_version  # type: ignore[assignment]
        self.requestline = str(line, "iso-8859-1").rstrip("\r\n")
        if len(self.requestline.split()) != 3:
            self.close_connection = True
            self.send_error(HTTPStatus.BAD_REQUEST, "expected METHOD PATH HTTP/1.x")
            return False
        return super().parse_request()

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def _not_allowed(self) -> None:
        """A method the preview does not do: 405 with the ones it does (HTTP's answer for a
        known method on this resource)."""
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _not_allowed

    def _respond(self, head: bool) -> None:
        refused = host_problem(self.headers.get_all("Host") or [], self.request_version, self.path, self.server.allowed_hosts)
        if refused is not None:
            reason = b"one Host header is required\n" if refused is HTTPStatus.BAD_REQUEST else \
                b"this preview answers only to localhost (serve --allow-host NAME)\n"
            return self._send(refused, reason, "text/plain", head)
        try:
            path = urlsplit(self.path).path
            problem = malformed(path)
        except (UnicodeDecodeError, ValueError):
            problem = "the request path is not valid UTF-8"
        if problem is not None:
            return self._send(HTTPStatus.BAD_REQUEST, f"{problem}\n".encode(), "text/plain", head)
        self._serve_path(path, head)

    def _serve_path(self, path: str, head: bool) -> None:
        state = self.server.state
        if path == RELOAD_PATH:
            return self._send(HTTPStatus.OK, str(state.generation).encode(), "text/plain", head)
        folder, within = self.server.folder_of(path)
        decoded = unquote(within)
        target = inside(folder, decoded)
        # Only folders inside the served one are redirected: outside, every path is the same 404.
        if target is not None and not path.endswith("/") and kind_of(target) == "dir":
            return self._redirect(path + "/")
        found = resolve_file(folder, decoded)
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

    def __init__(self, port: int, site: Path, reports: Path, state: BuildState, ui: Terminal,
                 allowed_hosts: frozenset[str] = frozenset()) -> None:
        try:
            super().__init__(("127.0.0.1", port), _Handler)
        except OSError as exc:
            raise ConfigError([bind_problem(port, exc)]) from exc
        self.site, self.reports, self.state, self.ui = site, reports, state, ui
        self.allowed_hosts = frozenset(name.lower() for name in allowed_hosts)

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        """A client that went away mid-answer is normal for a browser; anything else is one line,
        never socketserver's traceback on the terminal."""
        problem = sys.exc_info()[1]
        if not isinstance(problem, ConnectionError | TimeoutError):
            self.ui.diagnostics([f"serve: could not answer {client_address[0]}: {type(problem).__name__}: {problem}"])

    def folder_of(self, path: str) -> tuple[Path, str]:
        """The folder a URL path is served from, and the path inside it."""
        if path.startswith(REPORTS_PREFIX):
            return self.reports, path[len(REPORTS_PREFIX):]
        return self.site, path


def bind_problem(port: int, exc: OSError) -> str:
    """One line for a port the server cannot listen on, with what to do instead."""
    if exc.errno == errno.EADDRINUSE:
        reason = "is already in use (another serve, or another program)"
    elif exc.errno == errno.EACCES:
        reason = "needs privileges this user does not have"
    else:
        reason = f"cannot be opened ({exc.strerror or exc})"
    return f"--port {port}: port {port} on 127.0.0.1 {reason}: pass --port 0 for any free port, or another --port"


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
