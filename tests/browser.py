"""Real-browser support shared by the browser tests and the screenshot script.

Debian's Chromium driven by Playwright for Python (never `playwright install`), pages served by
a loopback HTTP server, validators from node_modules (npm ci --ignore-scripts).
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
NODE_MODULES = REPO / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
REQUIRE_ENV = "POLICY_PIPELINE_REQUIRE_BROWSER"

# WEB.md "Validators": without the background-networking flags the closed network refuses many
# connections; --no-sandbox because CI runs as root.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def missing_browser_tools() -> list[str]:
    """What the browser tests need and this machine lacks."""
    missing = []
    if shutil.which("chromium") is None:
        missing.append("chromium (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright (pip install playwright)")
    if not AXE_JS.is_file():
        missing.append("node_modules/axe-core (npm ci --ignore-scripts)")
    return missing


def missing_vnu_tools() -> list[str]:
    """What the Nu HTML Checker needs and this machine lacks."""
    missing = []
    if shutil.which("java") is None:
        missing.append("java (apt-get install default-jre-headless)")
    if not VNU_JAR.is_file():
        missing.append("node_modules/vnu-jar (npm ci --ignore-scripts)")
    return missing


def browser_required() -> bool:
    """CI sets POLICY_PIPELINE_REQUIRE_BROWSER=1: a missing tool is then a failure, not a skip."""
    return os.environ.get(REQUIRE_ENV, "") not in ("", "0")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def launch_chromium(playwright: Any) -> Any:
    """Debian's chromium, headless, with the flags WEB.md lists."""
    return playwright.chromium.launch(executable_path=shutil.which("chromium"), args=LAUNCH_ARGS)
