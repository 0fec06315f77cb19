"""Read a text file piece by piece: decoded, line endings normalised, never whole in memory.

A 100 MB archive decoded in one call is a 200 MB string (one CJK character makes Python store
every character in two bytes), and ``bytes.decode`` holds the interpreter lock for the whole
call, so the UI thread could not draw for a fifth of a second. Read in pieces, the first
articles are split as soon as the first piece is in, memory holds one piece at a time, and
the UI gets the lock back between pieces.

The result is the same text, with the same warnings, as :func:`newsreader.sources.text.decode`
with ``clean=False`` gives for the whole file (a test checks it); cleaning of control
characters stays with the consumer, which does it window by window.
"""

from __future__ import annotations

import codecs
import hashlib
import threading
from collections.abc import Iterator
from typing import BinaryIO

from newsreader.sources.text import BOM_ENCODINGS, SNIFF_BYTES, SourceError, looks_binary

__all__ = ["FIRST_PIECE", "PIECE", "TextStream", "file_digest"]

#: Bytes read for the first piece: comfortably more than the first window of lines needs.
FIRST_PIECE = 256 * 1024
#: Bytes read per later piece. Each piece is decoded, cut into lines and joined into windows,
#: several copies that the allocator keeps: 4 MB pieces made the splitting child peak at
#: 76 MB on a 30 MB file, 1 MB ones at 48 MB, at the same speed (24 s).
PIECE = 1024 * 1024
#: Bytes hashed per read in :func:`file_digest` (hashlib releases the GIL for each).
_HASH_PIECE = 1024 * 1024

_ERRORS = "newsreader-count-replace"
_counts = threading.local()


def _count_and_replace(error: UnicodeError) -> tuple[str, int]:
    """``errors="replace"`` that also counts, so the warning can say how many were bad."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    _counts.bad = getattr(_counts, "bad", 0) + 1
    return "\ufffd", error.end


codecs.register_error(_ERRORS, _count_and_replace)


def file_digest(fh: BinaryIO) -> str:
    """SHA-1 of everything ``fh`` has from here on, read a megabyte at a time.

    Hashing in pieces keeps memory flat, and both the reads and the hashing let go of the
    interpreter lock, so a UI drawing in another thread is not held up.
    """
    digest = hashlib.sha1(usedforsecurity=False)
    while piece := fh.read(_HASH_PIECE):
        digest.update(piece)
    return digest.hexdigest()


class TextStream:
    """The decoded text of a binary file, one piece at a time (iterate it once).

    ``bytes_read`` says how far into the file it has got (progress); ``warnings`` is complete
    once the iteration has ended. Raises :class:`SourceError` for a file that turns out binary.
    """

    def __init__(
        self, name: str, fh: BinaryIO, first_piece: int = FIRST_PIECE, piece: int = PIECE
    ) -> None:
        self.name = name
        self.bytes_read = 0
        self.warnings: list[str] = []
        self._fh = fh
        self._sizes = (first_piece, piece)

    def __iter__(self) -> Iterator[str]:
        first_size, size = self._sizes
        head = self._fh.read(max(first_size, SNIFF_BYTES))  # what looks_binary judges
        encoding = next((enc for bom, enc in BOM_ENCODINGS if head.startswith(bom)), "utf-8")
        if encoding == "utf-8" and looks_binary(head):
            raise SourceError(f"{self.name}: looks like a binary file, not text")
        decoder = codecs.getincrementaldecoder(encoding)(errors=_ERRORS)
        bad = nul = 0
        text_seen = False
        carry = ""  # a CR at the end of a piece may be the first half of a CRLF
        start = True
        for data in self._raw(head, first_size, size):
            final = not data
            _counts.bad = 0
            piece = carry + decoder.decode(data, final=final)
            bad += _counts.bad
            self.bytes_read += len(data)
            carry = ""
            if not final and piece.endswith("\r"):
                piece, carry = piece[:-1], "\r"
            if "\r" in piece:
                piece = piece.replace("\r\n", "\n").replace("\r", "\n")
            if start:
                piece = piece.removeprefix("\ufeff")
            nul += "\x00" in piece
            if piece:
                start = False
                text_seen = text_seen or bool(piece.strip())
                yield piece
            if final:
                break
        self._finish(encoding, bad, nul, text_seen)

    def _raw(self, head: bytes, first_size: int, size: int) -> Iterator[bytes]:
        """The file's bytes in pieces (the first one small), then ``b""`` for the end."""
        yield head[:first_size]
        if len(head) > first_size:
            yield head[first_size:]
        while data := self._fh.read(size):
            yield data
        yield b""

    def _finish(self, encoding: str, bad: int, nul: int, text_seen: bool) -> None:
        if bad:
            label = encoding.upper().removesuffix("-SIG")
            self.warnings.append(
                f"{self.name}: {bad} invalid {label} byte sequence(s) replaced with �"
            )
        if nul:
            self.warnings.append(f"{self.name}: NUL bytes replaced with �")
        if not text_seen:
            self.warnings.append(f"{self.name}: no text")
