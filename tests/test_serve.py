"""serve: the mini site on a loopback port, rebuilt on a catalog change, an error page while a
catalog is broken, and back when it is fixed."""

from __future__ import annotations

import io
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.devserver import DevServer
from pipeline.serve import error_page, resolve_file, with_reload
from pipeline.terminal import Terminal

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
