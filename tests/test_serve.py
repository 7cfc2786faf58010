"""serve: the mini site on a loopback port, rebuilt on a catalog change, an error page while a
catalog is broken, and back when it is fixed."""

from __future__ import annotations

import io
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pipeline.cli.terminal import Terminal
from pipeline.config import load_config
from pipeline.serve.http import error_page, resolve_file, with_reload
from pipeline.serve.server import DevServer

from conftest import run_cli

PAGE = "ko/terms/"
PATIENCE = 60.0  # seconds to wait for a rebuild; a deadline, not a timing assertion


@pytest.fixture
def server(mini: Path) -> Iterator[DevServer]:
    running = DevServer(load_config(mini), mini / "_site", 0, Terminal(io.StringIO(), io.StringIO()))
    running.start()
    yield running
    running.stop()


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def until(condition: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def catalog(mini: Path) -> Path:
    return mini / "locales/ko/LC_MESSAGES/messages.po"


def test_serves_the_built_site_with_the_reload_script(server: DevServer, mini: Path) -> None:
    status, page = fetch(server.url + PAGE)
    assert status == 200 and "본문 바로가기" in page
    assert "data-dev-server" in page
    assert "data-dev-server" not in (mini / "_site" / PAGE / "index.html").read_text(encoding="utf-8")
    assert fetch(server.url + "__reload")[1] == str(server.state.generation)


def test_a_saved_catalog_is_rebuilt_and_served(server: DevServer, mini: Path) -> None:
    path = catalog(mini)
    path.write_text(path.read_text(encoding="utf-8").replace('msgstr "본문 바로가기"', 'msgstr "본문으로 이동"'), encoding="utf-8")
    assert until(lambda: "본문으로 이동" in fetch(server.url + PAGE)[1])


def test_a_broken_catalog_shows_its_diagnostics_and_the_server_recovers(server: DevServer, mini: Path) -> None:
    path = catalog(mini)
    good = path.read_text(encoding="utf-8")
    path.write_text(good + '\nmsgid "broken\n', encoding="utf-8")
    assert until(lambda: "[po-syntax]" in fetch(server.url + PAGE)[1])
    status, page = fetch(server.url + "en/terms/")
    assert status == 500 and "locales/ko/LC_MESSAGES/messages.po:" in page and "Build failed" in page
    path.write_text(good.replace('msgstr "본문 바로가기"', 'msgstr "본문 보기"'), encoding="utf-8")
    assert until(lambda: fetch(server.url + PAGE)[0] == 200)
    assert "본문 보기" in fetch(server.url + PAGE)[1]


def test_review_and_pseudo_pages_are_served_from_the_reports(server: DevServer) -> None:
    assert fetch(server.url + "_reports/review/ko.html")[0] == 200
    assert fetch(server.url + "_reports/pseudo/en-xa/terms/")[0] == 200


def test_paths_never_leave_the_served_folder(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "secret.txt").write_text("no")
    assert resolve_file(tmp_path / "site", "/../secret.txt") is None
    assert resolve_file(tmp_path / "site", "/%2e%2e/secret.txt") is None


def test_the_error_page_escapes_catalog_text() -> None:
    page = error_page(("x.po:1: error: <script>alert(1)</script> [po-syntax]",), 3).decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_the_reload_script_goes_before_the_end_of_body() -> None:
    assert with_reload(b"<html><body>x</body></html>", 7).endswith(b"</script>\n</body></html>")


def raw_request(url: str, target: str, host: str | None = "127.0.0.1") -> tuple[int, bytes]:
    """Send one request line as written (no client-side quoting) and return status and body."""
    port = int(url.rstrip("/").rsplit(":", 1)[1])
    lines = [f"GET {target} HTTP/1.1"] + ([f"Host: {host}"] if host is not None else []) + ["Connection: close", "", ""]
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall("\r\n".join(lines).encode("latin-1"))
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def test_a_busy_port_is_a_usage_error_before_any_build(mini: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli(mini, "serve", "--port", str(port))
    assert result.code == 2
    assert result.err.strip() == (f"error: --port {port}: port {port} on 127.0.0.1 is already in use (another serve, "
                                  "or another program): pass --port 0 for any free port, or another --port")
    assert "internal error" not in result.err and not (mini / "_site").exists()


def test_serve_refuses_a_foreign_output_folder_before_serving(mini: Path) -> None:
    foreign = mini / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"\xff\xd8")
    result = run_cli(mini, "serve", "--port", "0", "--out", str(foreign))
    assert result.code == 2 and "photos" in result.err and result.err.count("\n") == 1
    assert (foreign / "holiday.jpg").read_bytes() == b"\xff\xd8"


@pytest.mark.parametrize("target", ["/%00", "/ko/%00/", "/%ff%fe", "/a%0d%0aSet-Cookie:x", "*", "ko/terms/"])
def test_malformed_requests_get_400_and_no_traceback(server: DevServer, target: str) -> None:
    status, _ = raw_request(server.url, target)
    assert status == 400
    assert raw_request(server.url, "/" + PAGE)[0] == 200  # the server is still up


def test_nothing_outside_the_served_folder_can_be_probed(server: DevServer, mini: Path) -> None:
    (mini / "secret-folder").mkdir()
    (mini.parent / "outside.txt").write_text("secret\n", encoding="utf-8")
    (mini / "_site" / "escape").symlink_to(mini.parent)
    answers = {target: raw_request(server.url, target) for target in (
        "/../secret-folder", "/%2e%2e/secret-folder", "/%2e%2e/no-such-folder", "/..%2f..%2foutside.txt",
        "/escape/outside.txt", "/escape/", "/_reports/../../secret-folder", "/..\\secret-folder")}
    assert {status for status, _ in answers.values()} == {404}
    assert len({body for _, body in answers.values()}) == 1  # existing and missing look alike


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.nip.io", "localhost.evil.example"])
def test_other_host_names_are_refused(server: DevServer, host: str) -> None:
    status, body = raw_request(server.url, "/" + PAGE, host)
    assert status == 403 and b"--allow-host" in body


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:1234", "[::1]:8000", "LOCALHOST"])
def test_loopback_host_names_are_served(server: DevServer, host: str | None) -> None:
    assert raw_request(server.url, "/" + PAGE, host)[0] == 200


def test_an_allowed_host_is_served(mini: Path) -> None:
    running = DevServer(load_config(mini), mini / "_site", 0, Terminal(io.StringIO(), io.StringIO()),
                        allowed_hosts=frozenset({"Preview.Local"}))
    running.start()
    try:
        assert raw_request(running.url, "/" + PAGE, "preview.local:8000")[0] == 200
        assert raw_request(running.url, "/" + PAGE, "other.local")[0] == 403
    finally:
        running.stop()


def test_serve_locale_previews_that_locale_and_the_source_only(mini: Path) -> None:
    config = load_config(mini)
    ko = next(t for t in config.targets if t.identifier == "ko")
    running = DevServer(config, mini / "_site", 0, Terminal(io.StringIO(), io.StringIO()), (ko,))
    running.start()
    try:
        assert fetch(running.url + PAGE)[0] == 200 and fetch(running.url + "ja/terms/")[0] == 200
        assert fetch(running.url + "en/terms/")[0] == 404
    finally:
        running.stop()


def test_a_rebuild_prints_only_the_warnings_that_are_new(mini: Path) -> None:
    path = catalog(mini)
    path.write_text(path.read_text(encoding="utf-8").replace('msgstr "본문 바로가기"', 'msgstr ""'), encoding="utf-8")
    err = io.StringIO()
    running = DevServer(load_config(mini), mini / "_site", 0, Terminal(io.StringIO(), err))
    running.start()
    try:
        first = err.getvalue()
        assert "本文へ移動" in first  # the fallback warning, once
        generation = running.state.generation
        other = mini / "locales/en/LC_MESSAGES/messages.po"
        other.write_text(other.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert until(lambda: running.state.generation > generation)
        assert err.getvalue()[len(first):].count("本文へ移動") == 0
    finally:
        running.stop()


def exchange(url: str, request: bytes) -> bytes:
    """Send raw bytes, return everything the server answers before it closes."""
    port = int(url.rstrip("/").rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=20) as conn:
        conn.sendall(request)
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    return data


HOST = b"Host: 127.0.0.1\r\n"
HOSTILE = [
    (b"GET /\r\n\r\n", 400),                                                    # HTTP/0.9: no version
    (b"GET / HTTP/9.9\r\n" + HOST + b"\r\n", 505),
    (b"GET /ko/terms/ HTTP/1.1\r\n\r\n", 400),                                   # HTTP/1.1 needs a Host
    (b"GET /ko/terms/ HTTP/1.0\r\n\r\n", 200),                                   # HTTP/1.0 may omit it
    (b"GET /ko/terms/ HTTP/1.1\r\n" + HOST + b"Host: evil.example\r\n\r\n", 400),  # two Hosts
    (b"GET http://evil.example/ko/terms/ HTTP/1.1\r\n" + HOST + b"\r\n", 403),   # absolute form names the host
    (b"GET http://localhost/ko/terms/ HTTP/1.1\r\n" + HOST + b"\r\n", 200),
    (b"GET / HTTP/1.1\r\nHost: ..\r\n\r\n", 403),
    (b"GET /" + b"a" * 8200 + b" HTTP/1.1\r\n" + HOST + b"\r\n", 404),          # a name too long for the disk
    (b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n" + HOST + b"\r\n", 414),
    (b"GET / HTTP/1.1\r\n" + HOST + b"X-A: " + b"b" * 70000 + b"\r\n\r\n", 431),
    (b"GET /%0d%0aSet-Cookie:%20x=1 HTTP/1.1\r\n" + HOST + b"\r\n", 400),        # header injection
    (b"GET /\tx HTTP/1.1\r\n" + HOST + b"\r\n", 400),
    (b"GET /%c0%ae%c0%ae/etc/passwd HTTP/1.1\r\n" + HOST + b"\r\n", 400),       # overlong UTF-8
    (b"GET /%252e%252e/%252e%252e/etc/passwd HTTP/1.1\r\n" + HOST + b"\r\n", 404),
    (b"GET //evil.example/ HTTP/1.1\r\n" + HOST + b"\r\n", 404),               # never a redirect off the origin
    (b"POST / HTTP/1.1\r\n" + HOST + b"Content-Length: 3\r\n\r\nabc", 405),
    (b"TRACE / HTTP/1.1\r\n" + HOST + b"\r\n", 405),
    (b"CONNECT evil.example:443 HTTP/1.1\r\n" + HOST + b"\r\n", 405),
]


@pytest.mark.parametrize(("request_bytes", "status"), HOSTILE, ids=lambda v: repr(v)[:40] if isinstance(v, bytes) else str(v))
def test_hostile_requests_get_a_status_and_no_traceback(server: DevServer, capfd: pytest.CaptureFixture[str],
                                                        request_bytes: bytes, status: int) -> None:
    answer = exchange(server.url, request_bytes)
    assert answer.startswith(b"HTTP/1.") and int(answer.split()[1]) == status, answer[:200]
    if status == 405:
        assert b"\r\nAllow: GET, HEAD\r\n" in answer
    assert b"Location:" not in answer and b"Set-Cookie" not in answer.partition(b"\r\n\r\n")[0]
    assert raw_request(server.url, "/" + PAGE)[0] == 200  # and it keeps serving
    assert "Traceback" not in capfd.readouterr().err


def test_silent_and_vanishing_clients_block_no_one(server: DevServer, capfd: pytest.CaptureFixture[str]) -> None:
    port = int(server.url.rstrip("/").rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port)) as silent:  # starts a request and never finishes it
        silent.sendall(b"GET / HTTP/1.1\r\n")
        assert raw_request(server.url, "/" + PAGE)[0] == 200
        for partial in (b"GET /\r\n", b"\x16\x03\x01\x02\x00", b"GET /ko/terms/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"):
            with socket.create_connection(("127.0.0.1", port)) as gone:  # leaves before reading the answer
                gone.sendall(partial)
        time.sleep(0.3)
        assert raw_request(server.url, "/" + PAGE)[0] == 200
    assert "Traceback" not in capfd.readouterr().err
