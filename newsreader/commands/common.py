"""What the feed commands share: where the archive is, and the one-line failure style."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO, TypeVar

from newsreader.paths import archive_path_for, default_db_path
from newsreader.storage.archive import Archive, ArchiveError

__all__ = ["CommandError", "iso_time", "open_archive", "read_store", "write_output"]


class CommandError(Exception):
    """A user-facing failure: the message is printed as ``newsreader: …``; ``code`` is the
    exit status (2: bad input, 1: unusable data or some feeds failed)."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def open_archive(
    db: Path | None, *, must_exist: bool = False, report: bool = True
) -> Archive | None:
    """The feed archive beside the user's database (``--db``), or None when ``must_exist``
    and there is none yet (read-only commands do not create files). Its warnings (a corrupt
    file kept aside) are printed unless ``report`` is False (the TUI shows them itself)."""
    path = archive_path_for(db if db is not None else default_db_path())
    if must_exist and not path.exists():
        return None
    try:
        archive = Archive(path)
    except ArchiveError as exc:
        raise CommandError(str(exc), 1) from None
    for warning in archive.warnings if report else ():
        print(f"newsreader: warning: {warning}", file=sys.stderr)
    return archive


def iso_time(seconds: float | None) -> str | None:
    """Unix seconds as ISO 8601 in UTC (``2026-11-30T08:15:00Z``), None as None."""
    if seconds is None:
        return None
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_output(text: str, output: Path | None, out: TextIO, what: str) -> None:
    """``text`` to ``output`` (saying so on stderr, as ``exported WHAT to FILE``), or to
    ``out`` when no file is given. An unwritable file is a :class:`CommandError`."""
    if output is None:
        out.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"{output}: cannot write: {exc.strerror or exc}", 1) from None
    print(f"newsreader: exported {what} to {output}", file=sys.stderr)


_T = TypeVar("_T")


def read_store(db: Path | None, read: Callable[..., _T], empty: _T) -> _T:
    """``read(store)`` on the user's database, or ``empty`` when there is none yet (a read
    never creates one). An unreadable database is a :class:`CommandError`."""
    from newsreader.storage.store import Store, StoreError

    path = db if db is not None else default_db_path()
    if not path.exists():
        return empty
    try:
        with Store(path) as store:
            return read(store)
    except StoreError as exc:
        raise CommandError(f"cannot read your database: {exc}", 1) from None
