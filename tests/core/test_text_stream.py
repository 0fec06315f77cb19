"""Reading a file in pieces gives what decoding it whole gives: same text, same warnings."""

from __future__ import annotations

import codecs
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.sources.stream import TextStream
from newsreader.sources.text import SourceError, decode

_BYTES = st.lists(
    st.sampled_from(
        [
            b"a",
            b"Kinmen ",
            b"\r",
            b"\n",
            b"\r\n",
            b"\xff",
            b"\xe2\x80",
            b"\x9c",
            b"\x00",
            b"\xc3\xa9",
        ]
    ),
    max_size=60,
).map(b"".join)


def _streamed(data: bytes, first: int, piece: int) -> tuple[str, list[str]]:
    stream = TextStream("f.txt", io.BytesIO(data), first_piece=first, piece=piece)
    text = "".join(stream)
    return text, stream.warnings


@settings(max_examples=300, deadline=None)
@given(_BYTES, st.integers(1, 9), st.integers(1, 9))
def test_pieces_decode_like_the_whole(data: bytes, first: int, piece: int) -> None:
    try:
        whole = decode("f.txt", data, clean=False)
    except SourceError:
        with pytest.raises(SourceError):
            _streamed(data, first, piece)
        return
    assert _streamed(data, first, piece) == (whole.text, list(whole.warnings))


@settings(max_examples=60, deadline=None)
@given(_BYTES.filter(bool), st.integers(1, 9), st.integers(1, 9))
def test_many_pieces_past_the_sniffed_head(data: bytes, first: int, piece: int) -> None:
    data = b"Kinmen news\n" * 700 + data * (2000 // len(data) + 2)
    whole = decode("f.txt", data, clean=False)
    assert _streamed(data, first, piece) == (whole.text, list(whole.warnings))


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + b"Caf\xc3\xa9\r\nline\n",
        "Kinmen\r\nnews\n".encode("utf-16"),
        codecs.BOM_UTF32_LE + "Taipei\r\n".encode("utf-32-le"),
        b"",
        b"\n\n  \n",
    ],
)
def test_boms_and_empty_files(data: bytes) -> None:
    whole = decode("f.txt", data, clean=False)
    assert _streamed(data, 3, 5) == (whole.text, list(whole.warnings))


def test_a_binary_file_is_refused() -> None:
    with pytest.raises(SourceError, match="binary"):
        _streamed(b"\x00\x01\x02\x03" * 100, 64, 64)
