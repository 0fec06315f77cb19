"""Undo a response's Content-Encoding (gzip, deflate) in small pieces.

Done here rather than by httpx because httpx inflates each network chunk whole: one 64 KB chunk
of a gzip bomb can become 64 MB before anyone gets to count it. Inflating with a bounded output
size means the caller sees the body :data:`PIECE` bytes at a time and can stop at its size cap
with memory to match, however dense the compressed stream.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

__all__ = ["PIECE", "CorruptBody", "EncodingError", "UnsupportedEncoding", "decoded_pieces"]

#: Largest piece of decoded body produced at once.
PIECE = 64 * 1024

_GZIP_MAGIC = b"\x1f\x8b"


class EncodingError(ValueError):
    """The body cannot be decoded; the message is one line for the user."""


class UnsupportedEncoding(EncodingError):
    """The server used a Content-Encoding we did not offer (br, zstd …)."""


class CorruptBody(EncodingError):
    """The compressed stream is not valid gzip/deflate."""


def decoded_pieces(raw: Iterable[bytes], content_encoding: str | None) -> Iterator[bytes]:
    """The decoded body, from the raw chunks and the Content-Encoding header (codings are
    undone last-applied first). Raises :class:`UnsupportedEncoding` before reading anything for
    a coding we cannot undo, and :class:`CorruptBody` while reading a corrupt stream."""
    codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    for coding in codings:
        if coding not in ("gzip", "x-gzip", "deflate"):
            raise UnsupportedEncoding(f"unsupported Content-Encoding {coding[:40]!r}")
    pieces: Iterable[bytes] = raw
    for coding in reversed(codings):
        pieces = _inflate(pieces, gzip=coding != "deflate", name=coding)
    return iter(pieces)


def _inflate(chunks: Iterable[bytes], *, gzip: bool, name: str) -> Iterator[bytes]:
    try:
        yield from _inflate_stream(chunks, gzip=gzip)
    except zlib.error:
        raise CorruptBody(f"corrupt {name} body") from None


def _inflate_stream(chunks: Iterable[bytes], *, gzip: bool) -> Iterator[bytes]:
    """Inflate a gzip stream (several members in a row allowed) or an HTTP "deflate" stream
    (zlib-wrapped as the RFC says, or raw deflate as some servers send it). Bytes after the end
    of the stream that do not start another gzip member are ignored, as browsers do."""
    decoder: zlib._Decompress | None = None
    head = b""  # the first bytes of a stream (or gzip member), until there are enough to judge
    first = True
    for chunk in chunks:
        data = chunk
        if decoder is None:
            head += chunk
            if len(head) < 2:
                continue
            if not first and not head.startswith(_GZIP_MAGIC):
                return
            decoder = zlib.decompressobj(_window_bits(head, gzip=gzip))
            data, head, first = head, b"", False
        while True:
            out = decoder.decompress(data, PIECE)
            if out:
                yield out
            data = decoder.unconsumed_tail
            if decoder.eof:
                if not gzip:
                    return
                head = decoder.unused_data
                decoder = None
                if len(head) < 2:
                    break
                if not head.startswith(_GZIP_MAGIC):
                    return
                decoder = zlib.decompressobj(_window_bits(head, gzip=True))
                data, head = head, b""
            elif not data and len(out) < PIECE:
                break  # a full piece may mean zlib still holds output: ask again with b""
    if decoder is not None:
        tail = decoder.flush()
        if tail:
            yield tail


def _window_bits(head: bytes, *, gzip: bool) -> int:
    if gzip:
        return 16 + zlib.MAX_WBITS
    cmf, flg = head[0], head[1]
    zlib_wrapped = cmf & 0x0F == 8 and (cmf << 8 | flg) % 31 == 0
    return zlib.MAX_WBITS if zlib_wrapped else -zlib.MAX_WBITS
