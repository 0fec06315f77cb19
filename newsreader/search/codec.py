"""How postings are saved: all arrays of one kind packed into two byte strings.

A pickled list of a million small arrays costs a million objects to write and read back; end
offsets plus one concatenated array cost two, and unpacking copies each array once, straight
from the file's bytes.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from typing import Any

__all__ = ["pack", "pack_chunks", "unpack", "unpack_chunks"]

_ITEM = array("I").itemsize


def pack(groups: Sequence[array[int]]) -> tuple[bytes, bytes]:
    """End offsets and all postings concatenated: two objects instead of one per key."""
    ends = array("Q")
    flat = array("I")
    for docs in groups:
        flat.extend(docs)
        ends.append(len(flat))
    return ends.tobytes(), flat.tobytes()


#: Postings per chunk of a saved index: each chunk is packed, pickled and written on its own,
#: so saving never holds more than a few megabytes beyond the index itself.
_CHUNK_POSTINGS = 1 << 20


def pack_chunks(groups: Sequence[array[int]]) -> Iterator[tuple[bytes, bytes]]:
    """``pack`` in pieces of about ``_CHUNK_POSTINGS`` postings (for the big word postings)."""
    start, count = 0, 0
    for i, docs in enumerate(groups):
        count += len(docs)
        if count >= _CHUNK_POSTINGS:
            yield pack(groups[start : i + 1])
            start, count = i + 1, 0
    if start < len(groups) or not groups:
        yield pack(groups[start:])


def unpack_chunks(chunks: Any) -> list[array[int]]:
    if not isinstance(chunks, list):
        raise ValueError("corrupt postings")
    out: list[array[int]] = []
    for chunk in chunks:
        out.extend(unpack(chunk))
    return out


def unpack(packed: Any) -> list[array[int]]:
    """Inverse of ``pack``; the cache's checksums have already vouched for the bytes."""
    ends_raw, flat_raw = packed
    ends = array("Q")
    ends.frombytes(ends_raw)
    size = _ITEM
    if (ends[-1] if ends else 0) * size != len(flat_raw):
        raise ValueError("corrupt postings")
    flat = memoryview(flat_raw)
    out: list[array[int]] = []
    start = 0
    for end in ends:
        docs = array("I")
        docs.frombytes(flat[start * size : end * size])  # from the file's bytes, one copy
        out.append(docs)
        start = end
    return out
