"""fetch_one against servers that misbehave on the wire: never answering, never ending, trickling,
hanging up, lying about sizes, speaking something that is not HTTP. Each is a real socket server
in a thread; each fetch ends with one clear error line, quickly, with bounded memory."""

from __future__ import annotations

import gzip
import socket
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

import httpx
import pytest

from newsreader.feeds.fetch import STOPPED, FetchLimits, fetch_one, new_client
from newsreader.feeds.model import FetchRequest

Handler = Callable[[socket.socket, threading.Event], None]

LIMITS = FetchLimits(connect_timeout=1, total_timeout=0.6, read_timeout=0.3, max_bytes=256 * 1024)


@contextmanager
def raw_server(handle: Handler) -> Iterator[str]:
    """Serve every connection with ``handle(conn, released)`` in its own thread; ``released``
    is set when the test is over, so handlers that wait forever let go."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    released = threading.Event()

    def serve_one(conn: socket.socket) -> None:
        # OSError: the client hung up, which is how most of these handlers end
        with conn, suppress(OSError):
            handle(conn, released)

    def accept_all() -> None:
        while not released.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=serve_one, args=(conn,), daemon=True).start()

    acceptor = threading.Thread(target=accept_all, daemon=True)
    acceptor.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/feed"
    finally:
        released.set()
        acceptor.join()
        listener.close()


def read_request(conn: socket.socket) -> None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            return
        data += chunk


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with new_client(LIMITS) as shared:
        yield shared


def timed_fetch(url: str, client: httpx.Client, limits: FetchLimits = LIMITS) -> tuple[str, float]:
    started = time.monotonic()
    result = fetch_one(FetchRequest(url), client, limits)
    assert result.body is None
    assert result.error is not None
    return result.error, time.monotonic() - started


def never_answers(conn: socket.socket, released: threading.Event) -> None:
    read_request(conn)
    released.wait(10)


def test_a_server_that_never_answers(client: httpx.Client) -> None:
    with raw_server(never_answers) as url:
        error, took = timed_fetch(url, client)
    assert error == "no answer from the server for 0.3 s"
    assert took < 0.7


def test_a_silent_server_is_cut_at_the_total_when_that_comes_first(client: httpx.Client) -> None:
    limits = FetchLimits(connect_timeout=1, total_timeout=0.3, read_timeout=5)
    with raw_server(never_answers) as url:
        error, took = timed_fetch(url, client, limits)
    assert error == "timed out after 0.3 s"
    assert took < 0.7


def never_ends(conn: socket.socket, released: threading.Event) -> None:
    read_request(conn)
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n\r\n<rss>")
    while not released.is_set():
        conn.sendall(b"<item>" + b"x" * 8000 + b"</item>")
        time.sleep(0.002)


def test_a_body_that_never_ends(client: httpx.Client) -> None:
    limits = FetchLimits(total_timeout=0.4, read_timeout=0.3, max_bytes=100 * 1024 * 1024)
    with raw_server(never_ends) as url:
        error, took = timed_fetch(url, client, limits)
    assert error == "timed out after 0.4 s"
    assert took < 0.8


def test_a_body_that_never_ends_stops_at_the_cap_when_that_comes_first(
    client: httpx.Client,
) -> None:
    with raw_server(never_ends) as url:
        error, took = timed_fetch(url, client)
    assert error == "response larger than 256 KB"
    assert took < 0.8


def trickles(conn: socket.socket, released: threading.Event) -> None:
    read_request(conn)
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
    while not released.wait(0.05):
        conn.sendall(b"<")


def test_a_trickle_is_cut_at_the_total_timeout(client: httpx.Client) -> None:
    with raw_server(trickles) as url:
        error, took = timed_fetch(url, client)
    assert error == "timed out after 0.6 s"
    assert took < 1.0


def trickles_an_error_page(conn: socket.socket, released: threading.Event) -> None:
    read_request(conn)
    conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 1000\r\n\r\n")
    while not released.wait(0.02):
        conn.sendall(b"<")


def test_a_trickling_error_page_is_not_waited_for(client: httpx.Client) -> None:
    limits = FetchLimits(total_timeout=5, read_timeout=1)
    with raw_server(trickles_an_error_page) as url:
        error, took = timed_fetch(url, client, limits)
    assert error == "HTTP 404 Not Found"
    assert took < 0.5


def claims_100_mb(conn: socket.socket, released: threading.Event) -> None:
    read_request(conn)
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 104857600\r\n\r\n<rss>")
    released.wait(10)


def test_a_declared_100_mb_body_is_refused_before_reading(client: httpx.Client) -> None:
    with raw_server(claims_100_mb) as url:
        error, took = timed_fetch(url, client)
    assert error == "response larger than 256 KB"
    assert took < 0.3


def hangs_up(conn: socket.socket, released: threading.Event) -> None:
    read_request(conn)


def truncates(conn: socket.socket, released: threading.Event) -> None:
    read_request(conn)
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<rss>")


def speaks_gibberish(conn: socket.socket, released: threading.Event) -> None:
    read_request(conn)
    conn.sendall(b"\x1b[31mHELLO THERE\r\n\r\n")


def redirects_without_location(conn: socket.socket, released: threading.Event) -> None:
    read_request(conn)
    conn.sendall(b"HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n")


def redirects_to_a_broken_url(conn: socket.socket, released: threading.Event) -> None:
    read_request(conn)
    conn.sendall(b"HTTP/1.1 302 Found\r\nLocation: http://[::1/feed\r\nContent-Length: 0\r\n\r\n")


def header_with_escapes(conn: socket.socket, released: threading.Event) -> None:
    read_request(conn)
    conn.sendall(b"HTTP/1.1 200 OK\r\nETag: \x1b[31m\r\nContent-Length: 0\r\n\r\n")


@pytest.mark.parametrize(
    ("handle", "expected"),
    [
        (hangs_up, "server closed the connection without answering"),
        (truncates, "server closed the connection before the body was complete"),
        (speaks_gibberish, "server broke the HTTP protocol"),
        (redirects_without_location, "HTTP 302 Found without a Location"),
        (redirects_to_a_broken_url, "redirect to an invalid URL"),
    ],
)
def test_broken_servers_give_one_clear_line(
    client: httpx.Client, handle: Handler, expected: str
) -> None:
    with raw_server(handle) as url:
        error, took = timed_fetch(url, client)
    assert error == expected
    assert took < 0.4


def test_header_values_with_control_characters_are_dropped(client: httpx.Client) -> None:
    def answer(conn: socket.socket, released: threading.Event) -> None:
        read_request(conn)
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nETag: \x1b[31m\r\nContent-Type: text/xml\x1b]0;pwn\x07\r\n"
            b"Last-Modified: Sat, 05 Dec 2026 10:00:00 GMT\r\nContent-Length: 5\r\n\r\n<rss>"
        )

    with raw_server(answer) as url:
        result = fetch_one(FetchRequest(url), client, LIMITS)
    assert result.body == b"<rss>"
    assert (result.etag, result.content_type) == (None, None)
    assert result.last_modified == "Sat, 05 Dec 2026 10:00:00 GMT"


BOMB = gzip.compress(bytes(64 * 1024 * 1024), compresslevel=9)  # 64 KB on the wire


def serves_a_gzip_bomb(conn: socket.socket, released: threading.Event) -> None:
    read_request(conn)
    head = f"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: {len(BOMB)}\r\n\r\n"
    conn.sendall(head.encode() + BOMB)
    released.wait(10)


def test_a_gzip_bomb_never_sits_in_memory(client: httpx.Client) -> None:
    """Decoded bytes are counted piece by piece: the 64 MB are never in memory at once."""
    limits = FetchLimits(max_bytes=2 * 1024 * 1024)
    with raw_server(serves_a_gzip_bomb) as url:
        fetch_one(FetchRequest(url), client, limits)  # warm-up: imports, pool, buffers
        tracemalloc.start()
        try:
            result = fetch_one(FetchRequest(url), client, limits)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert result.error == "response larger than 2 MB"
    assert peak < 2 * limits.max_bytes


def test_the_stop_event_ends_a_fetch_under_way(client: httpx.Client) -> None:
    limits = FetchLimits(total_timeout=5, read_timeout=1)
    stop = threading.Event()
    threading.Timer(0.2, stop.set).start()
    with raw_server(trickles) as url:
        started = time.monotonic()
        result = fetch_one(FetchRequest(url), client, limits, stop)
    assert result.error == STOPPED
    assert time.monotonic() - started < 0.6
