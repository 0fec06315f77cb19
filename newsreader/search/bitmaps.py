"""Sets of documents as Python ints: bit ``d`` stands for document ``d``.

AND, OR and NOT of two 100k-document sets are then one C loop over 12.5 kB, whatever their
sizes; these helpers convert between bitmaps and lists of document numbers as fast as the
interpreter allows (byte masks and ``bytes.translate`` rather than a Python loop per bit).
"""

from __future__ import annotations

import operator
from array import array
from collections.abc import Iterable, Sequence
from itertools import accumulate, chain, compress, repeat

__all__ = ["bitmap", "bitmap_docs", "mask_bitmap", "union_bitmap"]

_TO01 = bytes.maketrans(b"\x00\x01", b"01")
_FROM01 = bytes.maketrans(b"01", b"\x00\x01")
#: Below this many postings a bitmap is assembled from shifts rather than a byte mask.
_FEW = 24


def mask_bitmap(mask: bytes | bytearray) -> int:
    """The bitmap of a byte mask (byte ``d`` is 1 when document ``d`` is in the set)."""
    return int(mask[::-1].translate(_TO01), 2)


def bitmap(docs: Sequence[int] | array[int], size: int) -> int:
    """The bitmap of ``docs`` (any order, duplicates allowed; every doc < ``size``)."""
    if not docs:
        return 0
    if len(docs) <= _FEW:
        bm = 0
        for d in docs:
            bm |= 1 << d
        return bm
    mask = bytearray(size)
    for d in docs:
        mask[d] = 1
    return int(mask[::-1].translate(_TO01), 2)


def union_bitmap(groups: Iterable[array[int] | Sequence[int]], size: int) -> int:
    """The bitmap of the union of several postings, scattered into one byte mask."""
    mask = bytearray(size)
    touched = False
    for docs in groups:
        for d in docs:
            mask[d] = 1
        touched = touched or bool(docs)
    return int(mask[::-1].translate(_TO01), 2) if touched else 0


def bitmap_docs(bm: int, size: int) -> list[int]:
    """Ascending document numbers of a bitmap."""
    if bm == 0:
        return []
    if bm == (1 << size) - 1:
        return list(range(size))
    count = bm.bit_count()
    if count <= _FEW:
        out = []
        while bm:
            top = bm.bit_length() - 1
            out.append(top)
            bm ^= 1 << top
        out.reverse()
        return out
    if count * 3 >= size:
        mask = bin(bm)[:1:-1].encode("ascii").translate(_FROM01)
        return list(compress(range(len(mask)), mask))
    # Sparser: the lengths of the runs of zeros between the ones, summed up, in C.
    gaps = bin(bm)[:1:-1].encode("ascii").split(b"1")
    gaps.pop()
    steps = chain((len(gaps[0]),), map(operator.add, map(len, gaps[1:]), repeat(1)))
    return list(accumulate(steps))
