"""Hostile feeds and servers through the whole refresh: every one a per-feed error or a correct
result, the others unharmed, the archive intact, and the TUI responsive meanwhile."""

from __future__ import annotations

import gzip
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsreader.feeds.fetch import FetchLimits
from newsreader.feeds.refresh import refresh
from newsreader.sources.archive import ArchiveFollower
from newsreader.storage.archive import Archive
from newsreader.tui.app import NewsReaderApp
from tests.helpers import rss_feed
from tests.tui.pilot_helpers import loaded

SMALL = FetchLimits(connect_timeout=2, total_timeout=4, read_timeout=1, max_bytes=2 * 1024 * 1024)

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">]>
<rss version="2.0"><channel><title>&lol6;</title><item><title>&lol6;</title></item></channel></rss>
"""


def _xxe(secret: Path) -> bytes:
    return (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>XXE</title><item><guid>1</guid>'
        "<title>Leak &x;</title><description>&x;</description></item></channel></rss>"
    ).encode()


def _many_entries(n: int) -> bytes:
    items = [
        {"guid": f"g{i}", "title": f"Entry {i}", "date": "Mon, 30 Nov 2026 08:15:00 +0000",
         "html": f"<p>Text {i}.</p>"}
        for i in range(n)
    ]  # fmt: skip
    return rss_feed(items, title="Many")


@pytest.fixture
def threaded_server() -> Iterator[HTTPServer]:
    """A server answering requests concurrently, as real ones do: an endless body must not
    hold the other feeds up (pytest-httpserver's default server answers one at a time)."""
    server = HTTPServer(threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A server that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/feed.xml"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


def _endless(request: Request) -> Response:
    def chunks() -> Iterator[bytes]:
        yield b'<?xml version="1.0"?><rss version="2.0"><channel><title>Endless</title>'
        while True:
            yield b"<item><title>more</title></item>" * 100
            time.sleep(0.01)

    return Response(chunks(), content_type="application/rss+xml")


def _redirect_loop(request: Request) -> Response:
    return Response("", status=302, headers={"Location": request.path})


def test_a_refresh_survives_every_hostile_feed_at_once(
    threaded_server: HTTPServer, tmp_path: Path, silent_server: str
) -> None:
    httpserver = threaded_server
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    hostile = {
        "/ok.xml": (rss_feed(title="Good"), {}),
        "/malformed.xml": (rss_feed(title="Broken")[:-30], {}),
        "/latin1.xml": (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            "<title>Caf\xe9 news</title><item><guid>1</guid><title>Cr\xe8me</title></item>"
            "</channel></rss>".encode("latin-1"),
            {},
        ),
        "/bomb.xml": (BOMB, {}),
        "/xxe.xml": (_xxe(secret), {}),
        "/gzipbomb.xml": (gzip.compress(b" " * (20 * 1024 * 1024)), {"Content-Encoding": "gzip"}),
        "/huge.xml": (b"<rss>" + b"x" * (3 * 1024 * 1024), {}),
        "/html.xml": (b"<html><body><p>Just a page</p></body></html>", {}),
        "/empty.xml": (b"", {}),
        "/many.xml": (_many_entries(5000), {}),
        "/escapes.xml": (
            rss_feed(
                [
                    {
                        "guid": "e",
                        "title": "\x1b[31mRed\x1b]0;pwned\x07 [bold]x[/bold]",
                        "date": "Mon, 30 Nov 2099 08:15:00 +0000",
                        "html": '<p>Hi <a href="javascript:alert(1)">click</a></p>',
                        "link": "javascript:alert(1)",
                    }
                ],
                title="Escapes",
            ),
            {},
        ),
    }
    with Archive(tmp_path / "archive.sqlite3") as archive:
        for path, (body, headers) in hostile.items():
            httpserver.expect_request(path).respond_with_data(
                body, headers=headers, content_type="application/rss+xml"
            )
            archive.add_feed(httpserver.url_for(path))
        httpserver.expect_request("/endless.xml").respond_with_handler(_endless)
        httpserver.expect_request("/loop.xml").respond_with_handler(_redirect_loop)
        for path in ("/endless.xml", "/loop.xml"):
            archive.add_feed(httpserver.url_for(path))
        archive.add_feed(silent_server)
        started = time.monotonic()
        outcomes = {o.url.rsplit("/", 1)[-1]: o for o in refresh(archive, limits=SMALL)}
        assert time.monotonic() - started < 20
        assert len(outcomes) == len(hostile) + 3
        assert outcomes["ok.xml"].status == "ok" and outcomes["ok.xml"].new == 3
        assert outcomes["many.xml"].new == 5000
        for name in ("bomb.xml", "gzipbomb.xml", "huge.xml", "html.xml", "empty.xml",
                     "endless.xml", "loop.xml", "feed.xml"):  # fmt: skip
            assert outcomes[name].status == "error", name
            assert outcomes[name].error and "\n" not in outcomes[name].error
        assert outcomes["malformed.xml"].status == "ok"
        assert outcomes["latin1.xml"].status == "ok"
        rows = archive.entries()
        texts = "\n".join(archive.body(r.rowid) + r.title for r in rows)
        assert "TOP-SECRET-VALUE" not in texts
        assert "\x1b" not in texts and "\x07" not in texts
        escaped = [r for r in rows if "Red" in r.title]
        assert outcomes["escapes.xml"].status == "ok", outcomes["escapes.xml"]
        assert escaped and "[bold]x[/bold]" in escaped[0].title
        assert escaped[0].link is None  # a javascript: link is never kept as the entry's link
        errors = {f.url.rsplit("/", 1)[-1]: f.last_error for f in archive.feeds()}
        assert errors["ok.xml"] is None and errors["loop.xml"]
    db = sqlite3.connect(tmp_path / "archive.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_the_tui_stays_responsive_while_a_server_never_answers(
    tmp_path: Path, silent_server: str, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/ok.xml").respond_with_data(rss_feed())
    archive = Archive(tmp_path / "archive.sqlite3")
    archive.add_feed(silent_server)
    archive.add_feed(httpserver.url_for("/ok.xml"))
    cache = tmp_path / "cache"
    cache.mkdir()
    app = NewsReaderApp(texts=[], db_path=tmp_path / "db.json", cache_dir=cache,
                        feeds=ArchiveFollower(archive))  # fmt: skip
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("R")
        deadline = time.monotonic() + 10
        while len(app.library.articles) < 3 and time.monotonic() < deadline:
            await pilot.pause(0.05)
        assert app.feeds.running  # the silent feed holds the refresh open
        assert len(app.library.articles) == 3  # the good feed's entries are in already
        await pilot.press("g")
        assert app.article_list.cursor == 0
        await pilot.press("j")
        assert app.article_list.cursor == 1
        await pilot.press("q")  # quitting does not wait for the silent server
    archive.close()


async def test_refresh_on_start(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/ok.xml").respond_with_data(rss_feed())
    archive = Archive(tmp_path / "archive.sqlite3")
    archive.add_feed(httpserver.url_for("/ok.xml"))
    cache = tmp_path / "cache"
    cache.mkdir()
    app = NewsReaderApp(texts=[], db_path=tmp_path / "db.json", cache_dir=cache,
                        feeds=ArchiveFollower(archive), refresh_on_start=True)  # fmt: skip
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(app, pilot)
        await loaded(app, pilot)
        assert len(app.library.articles) == 3
    archive.close()


@pytest.mark.slow
def test_a_refresh_killed_halfway_loses_nothing_committed(tmp_path: Path) -> None:
    """SIGKILL a real ``newsreader refresh`` mid-way; the archive opens, and the next refresh
    brings the rest with no duplicates."""
    import http.server
    import os
    import signal
    import subprocess
    import sys

    feeds = 12

    class Slow(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            n = int(self.path.strip("/").split(".")[0])
            time.sleep(0.4 * (n % 4))
            items = [
                {"guid": f"{n}-{i}", "title": f"Feed {n} entry {i}",
                 "date": "Mon, 30 Nov 2026 08:15:00 +0000", "html": f"<p>Text {i}.</p>"}
                for i in range(50)
            ]  # fmt: skip
            body = rss_feed(items, title=f"Feed {n}")
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    db = tmp_path / "user.json"
    archive_path = tmp_path / "user.archive.sqlite3"
    try:
        with Archive(archive_path) as archive:
            for n in range(feeds):
                archive.add_feed(f"http://127.0.0.1:{server.server_address[1]}/{n}.xml")
        cmd = [sys.executable, "-m", "newsreader", "refresh", "--db", str(db)]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert proc.stdout is not None
        first = proc.stdout.readline()  # one feed stored: kill the rest mid-flight
        assert b": 50 new" in first
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        with Archive(archive_path) as archive:
            kept = len(archive.entries())
            assert 50 <= kept < 50 * feeds
        subprocess.run(cmd, check=False, capture_output=True, timeout=120)
        with Archive(archive_path) as archive:
            rows = archive.entries()
            assert len(rows) == 50 * feeds
            assert len({r.id for r in rows}) == len(rows)
        check = sqlite3.connect(archive_path)
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        server.shutdown()
        server.server_close()
