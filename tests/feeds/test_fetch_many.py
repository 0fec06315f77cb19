"""fetch_many against a real threading HTTP server that counts connections and requests in flight:
the concurrency bound, connection reuse, results handed over as they complete, failures kept to
their feed, and the stop event."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsreader.feeds.fetch import FetchLimits, fetch_many
from newsreader.feeds.model import FetchRequest

FEED = b"<rss><channel><title>T</title></channel></rss>"


@dataclass
class Counting:
    """What the server saw: connections at once (now and at the peak) and requests started."""

    base: str = ""
    delay: float = 0.15
    lock: threading.Lock = field(default_factory=threading.Lock)
    released: threading.Event = field(default_factory=threading.Event)
    active: int = 0
    peak: int = 0
    started: int = 0
    connections: int = 0


@pytest.fixture
def server() -> Iterator[Counting]:
    seen = Counting()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, so connection reuse can be seen

        def setup(self) -> None:
            super().setup()
            with seen.lock:
                seen.connections += 1

        def do_GET(self) -> None:
            with seen.lock:
                seen.active += 1
                seen.started += 1
                seen.peak = max(seen.peak, seen.active)
            try:
                if self.path.startswith("/slow"):
                    seen.released.wait(seen.delay * 3)
                elif self.path.startswith("/feed"):
                    seen.released.wait(seen.delay)
                if self.path.startswith("/same"):
                    self.send_response(304)
                    self.end_headers()
                    return
                status = 404 if self.path.startswith("/missing") else 200
                self.send_response(status)
                self.send_header("Content-Length", str(len(FEED)))
                self.end_headers()
                self.wfile.write(FEED)
            finally:
                with seen.lock:
                    seen.active -= 1

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    seen.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield seen
    finally:
        seen.released.set()
        httpd.shutdown()
        httpd.server_close()


def requests(server: Counting, path: str, count: int) -> list[FetchRequest]:
    return [FetchRequest(f"{server.base}{path}/{n}") for n in range(count)]


def test_concurrency_is_bounded(server: Counting) -> None:
    results = list(fetch_many(requests(server, "/feed", 12), FetchLimits(concurrency=3)))
    assert len(results) == 12
    assert all(result.body == FEED for result in results)
    assert server.peak == 3


def test_results_come_as_they_complete(server: Counting) -> None:
    batch = [FetchRequest(f"{server.base}/slow"), *requests(server, "/fast", 3)]
    urls = [result.url for result in fetch_many(batch, FetchLimits(concurrency=4))]
    assert sorted(urls) == sorted(request.url for request in batch)
    assert urls[-1] == f"{server.base}/slow"


def test_one_feed_failing_never_stops_the_others(server: Counting, tmp_path: Path) -> None:
    local = tmp_path / "feed.xml"
    local.write_bytes(FEED)
    batch = [
        FetchRequest(f"{server.base}/missing"),
        FetchRequest("javascript:alert(1)"),
        FetchRequest(str(tmp_path / "nowhere.xml")),
        FetchRequest(str(local)),
        FetchRequest(f"{server.base}/fast"),
    ]
    errors = {result.url: result.error for result in fetch_many(batch)}
    assert errors == {
        f"{server.base}/missing": "HTTP 404 Not Found",
        "javascript:alert(1)": "not an http(s) or file URL",
        str(tmp_path / "nowhere.xml"): "no such file",
        str(local): None,
        f"{server.base}/fast": None,
    }


def test_unwanted_short_bodies_are_read_so_the_connection_is_reused(server: Counting) -> None:
    """A second refresh is mostly 304s: one handshake per host, not one per feed."""
    limits = FetchLimits(concurrency=1)
    batch = [FetchRequest(f"{server.base}/same/{n}", etag='"x"') for n in range(3)]
    batch += requests(server, "/missing", 2)
    results = list(fetch_many(batch, limits))
    assert sum(result.not_modified for result in results) == 3
    assert sum(result.status == 404 for result in results) == 2
    assert server.connections == 1


def test_nothing_to_fetch() -> None:
    assert list(fetch_many([])) == []


def test_stop_ends_the_iterator_soon_and_starts_nothing_more(server: Counting) -> None:
    stop = threading.Event()
    threading.Timer(0.1, stop.set).start()
    started = time.monotonic()
    results = list(fetch_many(requests(server, "/slow", 10), FetchLimits(concurrency=2), stop))
    took = time.monotonic() - started
    assert results == []
    assert took < 0.35
    time.sleep(0.1)
    assert server.started == 2


def test_stop_set_before_starting_fetches_nothing(server: Counting) -> None:
    stop = threading.Event()
    stop.set()
    assert list(fetch_many(requests(server, "/fast", 5), stop=stop)) == []
    time.sleep(0.05)
    assert server.started == 0


def test_walking_away_from_the_iterator_starts_nothing_more(server: Counting) -> None:
    results = fetch_many(requests(server, "/feed", 10), FetchLimits(concurrency=2))
    first = next(results)
    results.close()
    assert first.body == FEED
    time.sleep(server.delay * 2)
    assert server.started <= 4


QUIT_DURING_A_FETCH = """
import socket, sys, threading
from newsreader.feeds.fetch import FetchLimits, fetch_many
from newsreader.feeds.model import FetchRequest
silent = socket.create_server(("127.0.0.1", 0))  # accepts (the backlog does) and never answers
url = f"http://127.0.0.1:{silent.getsockname()[1]}/feed"
stop = threading.Event()
threading.Timer(0.2, stop.set).start()
limits = FetchLimits(read_timeout=30, total_timeout=60)
print(list(fetch_many([FetchRequest(url)] * 3, limits, stop)))
"""


def test_quitting_during_a_fetch_does_not_wait_for_a_silent_server() -> None:
    """The TUI quits mid-refresh: the process must end now, not when the read times out."""
    root = Path(__file__).resolve().parents[2]
    started = time.monotonic()
    finished = subprocess.run(
        [sys.executable, "-c", QUIT_DURING_A_FETCH],
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.strip() == "[]"
    assert time.monotonic() - started < 5
