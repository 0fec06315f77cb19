"""The append-only operation journal next to the snapshot (``newsreader.json.journal``).

Rewriting a database that holds 100,000 read marks costs tens of milliseconds; appending one
line and fsyncing it costs well under one. So each change is one line here, and the snapshot is
rewritten (compacted) only now and then.

Format: the first line is a header ``{"journal": 1, "generation": G}`` naming the snapshot
generation the lines apply to; every line, header included, is ``<crc32 as 8 hex digits> <json>``
ending in ``\\n``. A compaction writes snapshot G+1 and then replaces this file with a fresh header
G+1, so a crash between the two leaves a journal whose generation is older than the snapshot's:
it is then known to be already folded in, and is ignored.

Damage is classified, not guessed at: bad bytes after the last good line are a torn write (a
process killed mid-append) and are dropped; a bad line *followed by* good ones is corruption, and
the caller moves the file aside.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from newsreader.storage.atomic import atomic_write_bytes, sync_data, write_all

FORMAT = 1

Record = dict[str, Any]
Validator = Callable[[Record], bool]
Status = Literal["missing", "empty", "ok", "corrupt"]


def encode_record(record: Mapping[str, Any]) -> bytes:
    """One journal line. ASCII-only JSON, so no byte of an article id can look like a newline."""
    payload = json.dumps(record, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    return b"%08x %s\n" % (zlib.crc32(payload), payload)


def decode_record(line: bytes) -> Record | None:
    """The record on one line (without its ``\\n``), or None when the line is damaged."""
    if len(line) < 10 or line[8:9] != b" ":
        return None
    try:
        crc = int(line[:8], 16)
    except ValueError:
        return None
    payload = line[9:]
    if zlib.crc32(payload) != crc:
        return None
    try:
        record = json.loads(payload)
    except (ValueError, RecursionError):
        return None
    return record if isinstance(record, dict) else None


def header_record(generation: int) -> Record:
    return {"journal": FORMAT, "generation": generation}


def _header_generation(record: Record | None) -> int | None:
    if record is None or record.get("journal") != FORMAT:
        return None
    generation = record.get("generation")
    if isinstance(generation, int) and not isinstance(generation, bool) and generation >= 0:
        return generation
    return None


@dataclass
class Lines:
    """The good records in a run of lines and where the good part ends."""

    records: list[Record] = field(default_factory=list)
    end: int = 0  # offset just past the last good line
    corrupt: bool = False  # a bad line was followed by a good one


def parse_lines(data: bytes, base: int, validate: Validator) -> Lines:
    """Split ``data`` (which starts at file offset ``base``) into records, classifying damage."""
    out = Lines(end=base)
    pos = 0
    bad_seen = False
    while pos < len(data):
        nl = data.find(b"\n", pos)
        if nl < 0:
            break  # an unterminated last line is a torn write, whatever it contains
        record = decode_record(data[pos:nl])
        if record is not None and validate(record):
            if bad_seen:
                out.corrupt = True
            out.records.append(record)
            out.end = base + nl + 1
        else:
            bad_seen = True
        pos = nl + 1
    return out


@dataclass
class Contents:
    """What :meth:`Journal.load` found."""

    status: Status
    generation: int | None = None
    records: list[Record] = field(default_factory=list)
    reason: str = ""


class Journal:
    """The journal file plus this process's position in it.

    The descriptor stays open between operations; ``poll`` compares its inode with the path's
    to notice that another process compacted (replaced) the file.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.generation: int | None = None
        self.offset = 0
        self.count = 0  # operation lines after the header
        self._fd: int | None = None
        self._ident: tuple[int, int] | None = None

    def close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
        self._fd = None
        self._ident = None
        self.generation = None
        self.offset = self.count = 0

    def load(self, validate: Validator) -> Contents:
        """Read the whole file; on success this object then tracks it for ``poll``/``append``."""
        self.close()
        try:
            fd = os.open(self.path, os.O_RDWR)
        except FileNotFoundError:
            return Contents("missing")
        try:
            st = os.fstat(fd)
            data = _read_all(fd, st.st_size)
        except OSError:
            os.close(fd)
            raise
        if not data:
            os.close(fd)
            return Contents("empty")
        nl = data.find(b"\n")
        generation = _header_generation(decode_record(data[:nl]) if nl >= 0 else None)
        if generation is None:
            os.close(fd)
            return Contents("corrupt", reason="its first line is not a journal header")
        lines = parse_lines(data[nl + 1 :], nl + 1, validate)
        if lines.corrupt:
            os.close(fd)
            return Contents(
                "corrupt", generation, lines.records, reason="damaged lines between good ones"
            )
        self._fd = fd
        self._ident = (st.st_dev, st.st_ino)
        self.generation = generation
        self.offset = lines.end
        self.count = len(lines.records)
        return Contents("ok", generation, lines.records)

    def create(self, generation: int) -> None:
        """Atomically replace the file with an empty journal for snapshot ``generation``."""
        atomic_write_bytes(self.path, encode_record(header_record(generation)))
        self.close()
        fd = os.open(self.path, os.O_RDWR)
        st = os.fstat(fd)
        self._fd = fd
        self._ident = (st.st_dev, st.st_ino)
        self.generation = generation
        self.offset = st.st_size
        self.count = 0

    def poll(self, validate: Validator) -> list[Record] | None:
        """Records other processes appended since we last looked; None means "reload fully"."""
        if self._fd is None:
            return None
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        if (st.st_dev, st.st_ino) != self._ident or st.st_size < self.offset:
            return None
        if st.st_size == self.offset:
            return []
        data = _read_all(self._fd, st.st_size - self.offset, self.offset)
        lines = parse_lines(data, self.offset, validate)
        if lines.corrupt:
            return None
        self.offset = lines.end
        self.count += len(lines.records)
        return lines.records

    def append(self, records: list[Record]) -> None:
        """Append and fsync; on failure the file is cut back to exactly what it was."""
        if self._fd is None:
            raise OSError(f"{self.path} is not open")
        fd = self._fd
        if os.fstat(fd).st_size != self.offset:
            os.ftruncate(fd, self.offset)  # drop a torn tail a killed writer left behind
        data = b"".join(encode_record(r) for r in records)
        try:
            write_all(fd, data, self.offset)
            sync_data(fd)
        except OSError:
            # Cut back rather than re-fsync: after a failed fsync the kernel may have dropped
            # the dirty pages, so only a fresh write of the same bytes is trustworthy.
            with contextlib.suppress(OSError):
                os.ftruncate(fd, self.offset)
                sync_data(fd)
            raise
        self.offset += len(data)
        self.count += len(records)


def _read_all(fd: int, size: int, offset: int = 0) -> bytes:
    chunks = []
    while size > 0:
        if hasattr(os, "pread"):
            chunk = os.pread(fd, size, offset)
        else:  # pragma: no cover - Windows
            os.lseek(fd, offset, os.SEEK_SET)
            chunk = os.read(fd, size)
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
        offset += len(chunk)
    return b"".join(chunks)
