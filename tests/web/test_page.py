"""fetch_page against real local servers: pages, non-pages, hostile servers and redirects."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from pytest_httpserver import HTTPServer

from newsreader.feeds.fetch import FetchLimits
from newsreader.web.extract import extract_article
from newsreader.web.page import fetch_page, page_kind

PAGE = (
    "<!DOCTYPE html><html><head><title>Quay</title></head><body><article>"
    + "<p>The harbour council voted on Tuesday to rebuild the old stone quay at last.</p>" * 6
    + "</article></body></html>"
)
QUICK = FetchLimits(connect_timeout=1.0, total_timeout=0.6, read_timeout=0.4, max_bytes=10_000)


def test_a_page_is_fetched_and_decoded(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/story").respond_with_data(
        PAGE, content_type="text/html; charset=utf-8"
    )
    result = fetch_page(httpserver.url_for("/story"))
    assert result.ok
    assert result.error is None
    assert result.html == PAGE
    assert result.encoding == "utf-8"
    assert result.final_url == httpserver.url_for("/story")
    assert not result.moved_to_other_host


def test_the_request_asks_for_html(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    fetch_page(httpserver.url_for("/story"))
    request, _response = httpserver.log[0]
    assert request.headers["Accept"].startswith("text/html")
    assert request.headers["User-Agent"].startswith("newsreader/")


@pytest.mark.parametrize(
    ("body", "content_type", "error"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "application/pdf", "application/pdf"),
        (b"%PDF-1.7\n1 0 obj", "text/html", "application/pdf"),  # mislabelled download
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png", "image/png"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "application/octet-stream", "image/png"),
        (b"\x00\x01\x02\x03binary\x00", "application/octet-stream", "binary data"),
        (b'{"title": "a feed?"}', "application/json", "application/json"),
        (b"just some words", "text/plain", "text/plain"),
    ],
)
def test_what_is_not_a_web_page_is_refused_with_its_type(
    httpserver: HTTPServer, body: bytes, content_type: str, error: str
) -> None:
    httpserver.expect_request("/file").respond_with_data(body, content_type=content_type)
    result = fetch_page(httpserver.url_for("/file"))
    assert not result.ok
    assert result.html is None
    assert result.error == f"not a web page ({error})"


def test_html_without_a_useful_label_is_still_a_page() -> None:
    assert page_kind(PAGE.encode(), None) is None
    assert page_kind(PAGE.encode(), "application/octet-stream") is None
    assert page_kind(b"\n\n  <html><body>x</body></html>", "text/plain") is None
    assert page_kind(b"\xef\xbb\xbf<!doctype html><p>x", "") is None
    assert page_kind("<html><p>x</p></html>".encode("utf-16"), None) is None


def test_latin1_bytes_labelled_utf8_by_the_server(httpserver: HTTPServer) -> None:
    page = PAGE.replace("the old stone quay", "the café quay")
    httpserver.expect_request("/story").respond_with_data(
        page.encode("latin-1"), content_type="text/html; charset=utf-8"
    )
    result = fetch_page(httpserver.url_for("/story"))
    assert result.html is not None
    assert "the café quay" in result.html


def test_utf8_bytes_labelled_latin1_by_the_server(httpserver: HTTPServer) -> None:
    page = PAGE.replace("the old stone quay", "the crêpe quay")
    httpserver.expect_request("/story").respond_with_data(
        page.encode("utf-8"), content_type="text/html; charset=iso-8859-1"
    )
    result = fetch_page(httpserver.url_for("/story"))
    assert result.html is not None
    assert "the crêpe quay" in result.html


def test_a_meta_charset_with_no_header_charset(httpserver: HTTPServer) -> None:
    page = PAGE.replace("<head>", '<head><meta charset="koi8-r">').replace(
        "the old stone quay", "причал"
    )
    httpserver.expect_request("/story").respond_with_data(
        page.encode("koi8-r"), content_type="text/html"
    )
    result = fetch_page(httpserver.url_for("/story"))
    assert result.html is not None
    assert "причал" in result.html
    assert result.encoding == "koi8-r"


def test_a_huge_page_is_cut_at_the_cap(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/huge").respond_with_data(
        "<html><body>" + "<p>words</p>" * 5000, content_type="text/html"
    )
    result = fetch_page(httpserver.url_for("/huge"), limits=QUICK)
    assert result.error == "response larger than 10000 bytes"
    assert result.html is None


def test_a_redirect_to_another_host_is_followed_and_reported(httpserver: HTTPServer) -> None:
    other_host = httpserver.url_for("/moved").replace("localhost", "127.0.0.1")
    assert other_host != httpserver.url_for("/moved")
    httpserver.expect_request("/story").respond_with_data(
        "", status=302, headers={"Location": other_host}
    )
    httpserver.expect_request("/moved").respond_with_data(PAGE, content_type="text/html")
    result = fetch_page(httpserver.url_for("/story"))
    assert result.ok
    assert result.final_url == other_host
    assert result.moved_to_other_host


def test_an_http_error_is_one_line(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/gone").respond_with_data("nope", status=404)
    result = fetch_page(httpserver.url_for("/gone"))
    assert result.error == "HTTP 404 Not Found"
    assert result.status == 404


def test_an_empty_page(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/empty").respond_with_data("  \n", content_type="text/html")
    assert fetch_page(httpserver.url_for("/empty")).error == "the page is empty"


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "/etc/passwd", "javascript:alert(1)", "ftp://example.com/x", ""]
)
def test_only_http_and_https_urls(url: str) -> None:
    result = fetch_page(url)
    assert result.error == "not an http(s) URL"


def test_a_page_with_no_article_text_extracts_to_none(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/wall").respond_with_data(
        "<html><body><p>Subscribe to continue reading.</p></body></html>", content_type="text/html"
    )
    result = fetch_page(httpserver.url_for("/wall"))
    assert result.html is not None
    assert extract_article(result.html, result.final_url) is None


# Raw socket servers for what pytest-httpserver cannot do: stream forever, or never answer.


@contextmanager
def raw_server(handle: Callable[[socket.socket, threading.Event], None]) -> Iterator[str]:
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    released = threading.Event()
    connections: list[socket.socket] = []

    def serve() -> None:
        while not released.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            connections.append(conn)
            threading.Thread(target=handle, args=(conn, released), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/story"
    finally:
        released.set()
        thread.join(2)
        listener.close()
        for conn in connections:
            conn.close()


def read_request(conn: socket.socket) -> None:
    conn.settimeout(2)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            return
        data += chunk


def streams_forever(conn: socket.socket, released: threading.Event) -> None:
    read_request(conn)
    try:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>")
        while not released.wait(0.02):
            conn.sendall(b"<p>more</p>")
    except OSError:
        pass


def never_answers(conn: socket.socket, released: threading.Event) -> None:
    read_request(conn)
    released.wait(5)


def test_an_endless_stream_ends_at_the_total_timeout() -> None:
    limits = FetchLimits(total_timeout=0.6, read_timeout=0.4, max_bytes=10_000_000)
    with raw_server(streams_forever) as url:
        started = time.monotonic()
        result = fetch_page(url, limits=limits)
        took = time.monotonic() - started
    assert result.error == "timed out after 0.6 s"
    assert result.html is None
    assert took < 1.5


def test_a_silent_server_times_out() -> None:
    limits = FetchLimits(total_timeout=5.0, read_timeout=0.3)
    with raw_server(never_answers) as url:
        started = time.monotonic()
        result = fetch_page(url, limits=limits)
        took = time.monotonic() - started
    assert result.error == "no answer from the server for 0.3 s"
    assert took < 1.5


def test_a_stop_request_ends_the_fetch() -> None:
    stop = threading.Event()
    timer = threading.Timer(0.2, stop.set)
    timer.start()
    limits = FetchLimits(total_timeout=5.0, read_timeout=4.0, max_bytes=10_000_000)
    with raw_server(streams_forever) as url:
        result = fetch_page(url, limits=limits, stop=stop)
    timer.cancel()
    assert result.error == "stopped"
