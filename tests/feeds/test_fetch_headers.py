"""The header policy (Retry-After, freshness, status lines) and the bounded decoder, on their own:
the edge cases servers really send, cheaper to pin here than through a server each."""

from __future__ import annotations

import gzip
import itertools
import zlib
from collections.abc import Iterator

import pytest

from newsreader.feeds.fetch_limits import describe_size
from newsreader.feeds.http_decoding import PIECE, UnsupportedEncoding, decoded_pieces
from newsreader.feeds.http_policy import max_age_seconds, retry_after_seconds, status_line

DATE = "Sun, 06 Dec 2026 12:00:00 GMT"


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (" 0 ", 0.0),
        ("Sun, 06 Dec 2026 12:02:00 GMT", 120.0),
        ("Sunday, 06-Dec-26 12:02:00 GMT", 120.0),
        ("Sun Dec  6 12:02:00 2026", 120.0),
        ("Sun, 06 Dec 2026 11:00:00 GMT", 0.0),  # already past: no wait, never negative
        ("-5", None),
        ("soon", None),
        ("", None),
    ],
)
def test_retry_after(value: str, seconds: float | None) -> None:
    assert retry_after_seconds({"retry-after": value, "date": DATE}) == seconds


def test_retry_after_date_without_a_date_header_uses_the_clock() -> None:
    headers = {"retry-after": "Sun, 06 Dec 2026 12:02:00 GMT"}
    now = 1796558400.0  # 2026-12-06 12:00:00 UTC
    assert retry_after_seconds(headers, now=now) == 120.0


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"cache-control": "max-age=600"}, 600.0),
        ({"cache-control": 'Max-Age="600", public'}, 600.0),
        ({"cache-control": "s-maxage=60"}, None),
        ({"cache-control": "no-store, max-age=600"}, 0.0),
        ({"cache-control": "private, no-cache"}, 0.0),
        ({"cache-control": "max-age=-1"}, None),
        ({"cache-control": "max-age=60", "expires": "Sun, 06 Dec 2026 13:00:00 GMT"}, 60.0),
        ({"expires": "Sun, 06 Dec 2026 13:00:00 GMT", "date": DATE}, 3600.0),
        ({"expires": "Sun, 06 Dec 2026 11:00:00 GMT", "date": DATE}, 0.0),
        ({"expires": "0", "date": DATE}, 0.0),  # not a date: already expired
        ({}, None),
    ],
)
def test_max_age(headers: dict[str, str], seconds: float | None) -> None:
    assert max_age_seconds(headers) == seconds


def test_status_line_never_repeats_the_servers_own_phrase() -> None:
    assert status_line(404) == "HTTP 404 Not Found"
    assert status_line(599) == "HTTP 599"


def test_sizes_read_as_people_say_them() -> None:
    assert describe_size(20 * 1024 * 1024) == "20 MB"
    assert describe_size(256 * 1024) == "256 KB"
    assert describe_size(1000) == "1000 bytes"


BODY = b"<item>quoted news</item>" * 5000


def pieces_of(data: bytes, size: int) -> list[bytes]:
    return [data[start : start + size] for start in range(0, len(data), size)]


@pytest.mark.parametrize("chunk", [1, 3, 1000, 1 << 20])
def test_gzip_in_any_chunking(chunk: int) -> None:
    assert b"".join(decoded_pieces(pieces_of(gzip.compress(BODY), chunk), "gzip")) == BODY


@pytest.mark.parametrize("chunk", [1, 1000])
def test_several_gzip_members_in_a_row(chunk: int) -> None:
    stream = gzip.compress(BODY) + gzip.compress(BODY)
    assert b"".join(decoded_pieces(pieces_of(stream, chunk), "x-gzip")) == BODY * 2


def test_bytes_after_the_gzip_stream_are_ignored() -> None:
    stream = gzip.compress(BODY) + b"\n\nGARBAGE"
    assert b"".join(decoded_pieces([stream], "gzip")) == BODY


@pytest.mark.parametrize("wbits", [zlib.MAX_WBITS, -zlib.MAX_WBITS])
def test_deflate_wrapped_or_raw(wbits: int) -> None:
    stream = zlib.compress(BODY, wbits=wbits)
    assert b"".join(decoded_pieces(pieces_of(stream, 7), "deflate")) == BODY


def test_stacked_codings_are_undone_last_first() -> None:
    stream = gzip.compress(zlib.compress(BODY))
    assert b"".join(decoded_pieces([stream], "deflate, gzip")) == BODY


def test_identity_and_no_coding_pass_through() -> None:
    assert b"".join(decoded_pieces([b"ab", b"c"], None)) == b"abc"
    assert b"".join(decoded_pieces([b"abc"], "identity")) == b"abc"


def test_unsupported_coding_is_refused_before_reading() -> None:
    def body() -> Iterator[bytes]:
        raise AssertionError("the body was read")
        yield b""  # a generator: nothing runs until someone reads

    with pytest.raises(UnsupportedEncoding, match="'br'"):
        decoded_pieces(body(), "gzip, br")


def test_one_dense_chunk_comes_out_in_bounded_pieces() -> None:
    """A 20 MB bomb in one network chunk: never more than PIECE bytes decoded at once, so a
    reader counting the pieces stops at its cap with memory to match."""
    bomb = gzip.compress(bytes(20 * 1024 * 1024))
    first = list(itertools.islice(decoded_pieces([bomb], "gzip"), 4))
    assert [len(piece) for piece in first] == [PIECE] * 4
    assert max(len(piece) for piece in decoded_pieces([bomb], "gzip")) <= PIECE
