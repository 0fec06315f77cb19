"""fetch_one against a real local HTTP server (pytest-httpserver) and real files: the well-behaved
cases, conditional GET, redirects, error statuses, compression and local feeds."""

from __future__ import annotations

import email.utils
import gzip
import os
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer

from newsreader.feeds.fetch import USER_AGENT, FetchLimits, fetch_one, new_client
from newsreader.feeds.model import FetchRequest

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
LIMITS = FetchLimits(connect_timeout=2, total_timeout=5, read_timeout=2, max_bytes=1024 * 1024)


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with new_client(LIMITS) as shared:
        yield shared


def test_200_gives_body_validators_and_type(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/feed").respond_with_data(
        FEED,
        content_type="application/rss+xml; charset=utf-8",
        headers={"ETag": '"v1"', "Last-Modified": "Sat, 05 Dec 2026 10:00:00 GMT"},
    )
    url = httpserver.url_for("/feed")
    result = fetch_one(FetchRequest(url), client, LIMITS)
    assert result.ok
    assert (result.status, result.body, result.final_url) == (200, FEED, url)
    assert result.content_type == "application/rss+xml; charset=utf-8"
    assert result.etag == '"v1"'
    assert result.last_modified == "Sat, 05 Dec 2026 10:00:00 GMT"
    assert result.permanent_url is None
    assert not result.not_modified
    assert result.elapsed > 0


def test_user_agent_names_newsreader_and_its_version(
    httpserver: HTTPServer, client: httpx.Client
) -> None:
    httpserver.expect_request("/feed").respond_with_data(FEED)
    fetch_one(FetchRequest(httpserver.url_for("/feed")), client, LIMITS)
    request, _ = httpserver.log[-1]
    assert request.headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("newsreader/")
    assert "http" not in USER_AGENT
    assert "gzip" in request.headers["Accept-Encoding"]


def test_cookies_are_not_sent_back(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/feed").respond_with_data(
        FEED, headers={"Set-Cookie": "visitor=42; Path=/"}
    )
    for _ in range(2):
        assert fetch_one(FetchRequest(httpserver.url_for("/feed")), client, LIMITS).ok
    assert [request.headers.get("Cookie") for request, _ in httpserver.log] == [None, None]


def test_304_with_etag_keeps_the_validators(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/feed", headers={"If-None-Match": '"v1"'}).respond_with_data(
        b"", status=304
    )
    httpserver.expect_request("/feed").respond_with_data(FEED, headers={"ETag": '"v1"'})
    first = fetch_one(FetchRequest(httpserver.url_for("/feed")), client, LIMITS)
    again = fetch_one(
        FetchRequest(first.url, etag=first.etag, last_modified=first.last_modified),
        client,
        LIMITS,
    )
    assert again.ok
    assert again.not_modified
    assert (again.status, again.body, again.etag) == (304, None, '"v1"')


def test_304_with_last_modified(httpserver: HTTPServer, client: httpx.Client) -> None:
    stamp = "Sat, 05 Dec 2026 10:00:00 GMT"
    httpserver.expect_request("/feed", headers={"If-Modified-Since": stamp}).respond_with_data(
        b"", status=304
    )
    httpserver.expect_request("/feed").respond_with_data(FEED, headers={"Last-Modified": stamp})
    request = FetchRequest(httpserver.url_for("/feed"), last_modified=stamp)
    result = fetch_one(request, client, LIMITS)
    assert result.not_modified
    assert result.last_modified == stamp
    assert result.etag is None


@pytest.mark.parametrize("code", [301, 308])
def test_permanent_redirects_give_the_new_url(
    httpserver: HTTPServer, client: httpx.Client, code: int
) -> None:
    httpserver.expect_request("/old").respond_with_data(
        b"", status=code, headers={"Location": "/middle"}
    )
    httpserver.expect_request("/middle").respond_with_data(
        b"", status=301, headers={"Location": httpserver.url_for("/new")}
    )
    httpserver.expect_request("/new").respond_with_data(FEED)
    result = fetch_one(FetchRequest(httpserver.url_for("/old")), client, LIMITS)
    assert result.ok
    assert result.body == FEED
    assert result.final_url == httpserver.url_for("/new")
    assert result.permanent_url == httpserver.url_for("/new")


def test_a_temporary_hop_keeps_the_stored_url(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/old").respond_with_data(
        b"", status=301, headers={"Location": "/temp"}
    )
    httpserver.expect_request("/temp").respond_with_data(
        b"", status=302, headers={"Location": "/new"}
    )
    httpserver.expect_request("/new").respond_with_data(FEED)
    result = fetch_one(FetchRequest(httpserver.url_for("/old")), client, LIMITS)
    assert result.body == FEED
    assert result.final_url == httpserver.url_for("/new")
    assert result.permanent_url is None


def test_redirect_loop(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/a").respond_with_data(b"", status=301, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data(b"", status=302, headers={"Location": "/a"})
    result = fetch_one(FetchRequest(httpserver.url_for("/a")), client, LIMITS)
    assert result.error == "redirect loop"
    assert result.body is None


def test_too_many_redirects(httpserver: HTTPServer, client: httpx.Client) -> None:
    for hop in range(10):
        httpserver.expect_request(f"/{hop}").respond_with_data(
            b"", status=302, headers={"Location": f"/{hop + 1}"}
        )
    result = fetch_one(FetchRequest(httpserver.url_for("/0")), client, LIMITS)
    assert result.error == "too many redirects (more than 5)"
    assert len(httpserver.log) == 6


def test_redirect_to_another_scheme_is_refused(
    httpserver: HTTPServer, client: httpx.Client
) -> None:
    httpserver.expect_request("/a").respond_with_data(
        b"", status=301, headers={"Location": "file:///etc/passwd"}
    )
    result = fetch_one(FetchRequest(httpserver.url_for("/a")), client, LIMITS)
    assert result.error == "redirect to a non-http(s) URL"
    assert result.body is None


def test_410_marks_the_feed_gone(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/feed").respond_with_data(b"bye", status=410)
    result = fetch_one(FetchRequest(httpserver.url_for("/feed")), client, LIMITS)
    assert result.gone
    assert not result.ok
    assert result.status == 410
    assert result.body is None


def test_429_with_retry_after_seconds(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/feed").respond_with_data(
        b"", status=429, headers={"Retry-After": "120"}
    )
    result = fetch_one(FetchRequest(httpserver.url_for("/feed")), client, LIMITS)
    assert result.error == "HTTP 429 Too Many Requests (retry after 120 s)"
    assert result.retry_after == 120


def test_429_with_retry_after_date(httpserver: HTTPServer, client: httpx.Client) -> None:
    later = email.utils.formatdate(time.time() + 600, usegmt=True)
    httpserver.expect_request("/feed").respond_with_data(
        b"", status=429, headers={"Retry-After": later}
    )
    result = fetch_one(FetchRequest(httpserver.url_for("/feed")), client, LIMITS)
    assert result.retry_after is not None
    assert 595 <= result.retry_after <= 602
    assert result.status == 429


def test_503_without_retry_after(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/feed").respond_with_data(b"down", status=503)
    result = fetch_one(FetchRequest(httpserver.url_for("/feed")), client, LIMITS)
    assert result.error == "HTTP 503 Service Unavailable"
    assert result.retry_after is None
    assert result.body is None


@pytest.mark.parametrize(
    ("code", "error"), [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error")]
)
def test_other_errors_name_the_status(
    httpserver: HTTPServer, client: httpx.Client, code: int, error: str
) -> None:
    httpserver.expect_request("/feed").respond_with_data(b"<html>oops</html>", status=code)
    result = fetch_one(FetchRequest(httpserver.url_for("/feed")), client, LIMITS)
    assert (result.error, result.status, result.body) == (error, code, None)


def test_an_empty_200_is_not_an_error_here(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/feed").respond_with_data(b"")
    result = fetch_one(FetchRequest(httpserver.url_for("/feed")), client, LIMITS)
    assert result.ok
    assert result.body == b""


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data, wbits=-15)),  # raw deflate, as some send
    ],
)
def test_compressed_bodies_are_decoded(
    httpserver: HTTPServer, client: httpx.Client, encoding: str, compress: Callable[[bytes], bytes]
) -> None:
    httpserver.expect_request("/feed").respond_with_data(
        compress(FEED * 100), headers={"Content-Encoding": encoding}
    )
    result = fetch_one(FetchRequest(httpserver.url_for("/feed")), client, LIMITS)
    assert result.body == FEED * 100


def test_an_encoding_we_did_not_offer_is_an_error(
    httpserver: HTTPServer, client: httpx.Client
) -> None:
    httpserver.expect_request("/feed").respond_with_data(b"xx", headers={"Content-Encoding": "br"})
    result = fetch_one(FetchRequest(httpserver.url_for("/feed")), client, LIMITS)
    assert result.error == "unsupported Content-Encoding 'br'"


def test_corrupt_gzip_is_an_error(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/feed").respond_with_data(
        b"\x1f\x8bnot gzip at all", headers={"Content-Encoding": "gzip"}
    )
    result = fetch_one(FetchRequest(httpserver.url_for("/feed")), client, LIMITS)
    assert result.error == "corrupt gzip body"
    assert result.status == 200


@pytest.mark.parametrize(
    ("headers", "max_age"),
    [
        ({"Cache-Control": "public, max-age=900"}, 900),
        ({"Cache-Control": "s-maxage=60, max-age=300"}, 300),
        ({"Cache-Control": "no-cache"}, 0),
        ({}, None),
    ],
)
def test_max_age_from_the_response(
    httpserver: HTTPServer, client: httpx.Client, headers: dict[str, str], max_age: float | None
) -> None:
    httpserver.expect_request("/feed").respond_with_data(FEED, headers=headers)
    result = fetch_one(FetchRequest(httpserver.url_for("/feed")), client, LIMITS)
    assert result.max_age == max_age


def test_max_age_from_expires_on_a_304(httpserver: HTTPServer, client: httpx.Client) -> None:
    now = time.time()
    httpserver.expect_request("/feed").respond_with_data(
        b"",
        status=304,
        headers={
            "Date": email.utils.formatdate(now, usegmt=True),
            "Expires": email.utils.formatdate(now + 3600, usegmt=True),
        },
    )
    result = fetch_one(FetchRequest(httpserver.url_for("/feed"), etag='"x"'), client, LIMITS)
    assert result.not_modified
    assert result.etag == '"x"'
    assert result.max_age == 3600


def test_body_over_the_cap(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/feed").respond_with_data(b"x" * (LIMITS.max_bytes + 1))
    result = fetch_one(FetchRequest(httpserver.url_for("/feed")), client, LIMITS)
    assert result.error == "response larger than 1 MB"
    assert result.body is None


def test_body_at_the_cap_is_fine(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/feed").respond_with_data(b"x" * LIMITS.max_bytes)
    result = fetch_one(FetchRequest(httpserver.url_for("/feed")), client, LIMITS)
    assert result.ok
    assert result.body is not None
    assert len(result.body) == LIMITS.max_bytes


def test_gzip_bomb_stops_at_the_cap(httpserver: HTTPServer, client: httpx.Client) -> None:
    bomb = gzip.compress(bytes(64 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 100 * 1024
    httpserver.expect_request("/feed").respond_with_data(bomb, headers={"Content-Encoding": "gzip"})
    started = time.monotonic()
    result = fetch_one(FetchRequest(httpserver.url_for("/feed")), client, LIMITS)
    assert result.error == "response larger than 1 MB"
    assert time.monotonic() - started < 1


def test_connection_refused(client: httpx.Client) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = fetch_one(FetchRequest(f"http://127.0.0.1:{port}/feed"), client, LIMITS)
    assert result.error == "connection refused"
    assert result.status is None


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:application/rss+xml;base64,PHJzcy8+",
        "ftp://example.org/feed.xml",
        "JAVASCRIPT:alert(1)",
    ],
)
def test_only_http_and_file_urls_are_fetched(client: httpx.Client, url: str) -> None:
    result = fetch_one(FetchRequest(url), client, LIMITS)
    assert result.error == "not an http(s) or file URL"
    assert result.body is None


def test_a_malformed_http_url_is_an_error(client: httpx.Client) -> None:
    result = fetch_one(FetchRequest("http://[::1/feed"), client, LIMITS)
    assert result.error == "not a valid URL"


def test_a_local_file_by_path_and_by_url(tmp_path: Path, client: httpx.Client) -> None:
    feed = tmp_path / "my feed.xml"
    feed.write_bytes(FEED)
    by_path = fetch_one(FetchRequest(str(feed)), client, LIMITS)
    by_url = fetch_one(FetchRequest(feed.as_uri()), client, LIMITS)
    for result in (by_path, by_url):
        assert result.ok
        assert result.body == FEED
        assert result.status is None
        assert result.last_modified is not None
    assert by_url.final_url == feed.as_uri()


def test_an_unchanged_file_is_not_modified_next_time(tmp_path: Path, client: httpx.Client) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_bytes(FEED)
    first = fetch_one(FetchRequest(str(feed)), client, LIMITS)
    again = fetch_one(FetchRequest(str(feed), last_modified=first.last_modified), client, LIMITS)
    assert again.not_modified
    assert again.body is None
    assert again.last_modified == first.last_modified
    feed.write_bytes(FEED + b" ")
    changed = fetch_one(FetchRequest(str(feed), last_modified=first.last_modified), client, LIMITS)
    assert changed.body == FEED + b" "
    assert not changed.not_modified


def test_a_touched_file_of_the_same_size_is_fetched_again(
    tmp_path: Path, client: httpx.Client
) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_bytes(FEED)
    first = fetch_one(FetchRequest(str(feed)), client, LIMITS)
    stat = feed.stat()
    os.utime(feed, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    again = fetch_one(FetchRequest(str(feed), last_modified=first.last_modified), client, LIMITS)
    assert again.body == FEED


@pytest.mark.parametrize(
    ("name", "error"),
    [("missing.xml", "no such file"), (".", "is a directory, not a feed file")],
)
def test_file_errors(tmp_path: Path, client: httpx.Client, name: str, error: str) -> None:
    result = fetch_one(FetchRequest(str(tmp_path / name)), client, LIMITS)
    assert result.error == error
    assert result.body is None


def test_a_file_over_the_cap(tmp_path: Path, client: httpx.Client) -> None:
    feed = tmp_path / "big.xml"
    feed.write_bytes(b"x" * (LIMITS.max_bytes + 1))
    result = fetch_one(FetchRequest(str(feed)), client, LIMITS)
    assert result.error == "file larger than 1 MB"


def test_a_file_url_on_another_host_is_refused(client: httpx.Client) -> None:
    result = fetch_one(FetchRequest("file://example.org/etc/feed.xml"), client, LIMITS)
    assert result.error == "file URL on another host"


def test_surrounding_whitespace_is_not_part_of_the_url(
    httpserver: HTTPServer, client: httpx.Client
) -> None:
    httpserver.expect_request("/feed").respond_with_data(FEED)
    url = httpserver.url_for("/feed")
    result = fetch_one(FetchRequest(f"  {url}\n"), client, LIMITS)
    assert result.body == FEED
    assert result.url == f"  {url}\n"


def test_a_hostile_encoding_name_is_quoted_harmlessly(
    httpserver: HTTPServer, client: httpx.Client
) -> None:
    httpserver.expect_request("/feed").respond_with_data(
        b"xx", headers={"Content-Encoding": "evil\u202e\x9b31m"}
    )
    result = fetch_one(FetchRequest(httpserver.url_for("/feed")), client, LIMITS)
    assert result.error is not None
    assert result.error.isprintable()


def test_a_bug_in_one_fetch_is_still_a_per_feed_error(
    client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The contract holds even against our own mistakes: a refresh of 200 feeds never dies
    on one of them."""

    def broken(*args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("newsreader.feeds.fetch.fetch_http", broken)
    result = fetch_one(FetchRequest("https://example.org/feed"), client, LIMITS)
    assert result.error == "unexpected error (RuntimeError)"
