"""Whole-file writes that either happen completely or not at all, and a TinyDB Storage on top.

TinyDB's stock ``JSONStorage`` rewrites the file in place: a crash or a full disk between the
write and the truncate leaves half a database. Here every write goes to a temporary file in the
same folder (so ``os.replace`` stays on one filesystem and is atomic), is fsync'd, replaces the
target, and then the folder itself is fsync'd so the new directory entry survives a power cut.
On any failure the temporary file is removed and the target is left byte-identical.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

TEMP_SUFFIX = ".tmp"


class CorruptFileError(Exception):
    """The file exists and was read, but its content is not what we wrote; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def write_all(fd: int, data: bytes, offset: int | None = None) -> None:
    """Write every byte (``os.write`` may write fewer than asked, e.g. on a nearly full disk)."""
    view = memoryview(data)
    while view:
        if offset is None:
            n = os.write(fd, view)
        elif hasattr(os, "pwrite"):
            n = os.pwrite(fd, view, offset)
        else:  # pragma: no cover - Windows
            os.lseek(fd, offset, os.SEEK_SET)
            n = os.write(fd, view)
        if n <= 0:  # pragma: no cover - the kernel reports ENOSPC instead
            raise OSError("short write")
        view = view[n:]
        if offset is not None:
            offset += n


def sync_data(fd: int) -> None:
    """``fdatasync`` where it exists: the data and the file size, without the mtime round trip."""
    if hasattr(os, "fdatasync"):
        os.fdatasync(fd)
    else:  # pragma: no cover - macOS/Windows
        os.fsync(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows cannot open directories
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some filesystems refuse fsync on a directory
        pass
    finally:
        os.close(fd)


def temp_name(path: Path) -> Path:
    """A hidden sibling of ``path`` that :func:`remove_stale_temps` can recognise later."""
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}")


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see either the old or the new file, whole."""
    tmp = temp_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def remove_stale_temps(path: Path) -> None:
    """Delete temp files a killed writer left next to ``path`` (call while holding the lock)."""
    prefix = f".{path.name}."
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        if name.startswith(prefix) and name.endswith(TEMP_SUFFIX):
            with contextlib.suppress(OSError):
                os.unlink(path.parent / name)


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None if it does not exist; other ``OSError``s propagate."""
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        return None


def parse_json_tables(data: bytes) -> dict[str, dict[str, Any]]:
    """Decode a TinyDB file, rejecting anything that is not ``{table: {doc_id: {...}}}``."""
    if not data:
        # We never create an empty database (files appear by rename, complete), so an empty
        # file means something else truncated it: treat it as damage, not as "new".
        raise CorruptFileError("the file is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise CorruptFileError("the file is not UTF-8 text") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorruptFileError(f"invalid JSON at line {exc.lineno}: {exc.msg}") from None
    except RecursionError:
        raise CorruptFileError("the JSON is nested too deeply") from None
    if not isinstance(raw, dict):
        raise CorruptFileError("expected a JSON object of tables")
    for name, table in raw.items():
        if not isinstance(table, dict):
            raise CorruptFileError(f"table {name!r} is not an object")
        for doc_id, doc in table.items():
            if not (doc_id.isascii() and doc_id.isdigit()) or not isinstance(doc, dict):
                raise CorruptFileError(f"table {name!r} has a malformed document")
    return raw


class AtomicJSONStorage(Storage):
    """A TinyDB Storage whose every write is atomic and durable (see the module docstring).

    ``read`` raises :class:`CorruptFileError` for damaged content instead of guessing, so the
    caller can move the file aside rather than overwrite the user's data.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__()
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        data = read_bytes(self.path)
        if data is None:
            return None
        return parse_json_tables(data)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        payload = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
        atomic_write_bytes(self.path, payload.encode("ascii"))
