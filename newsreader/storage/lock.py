"""An inter-process lock around every read-modify-write of the database.

Two copies of newsreader on one database must never lose an update, so every change is made
while holding an exclusive lock on ``newsreader.json.lock``. On POSIX this is ``flock`` on a
descriptor that stays open for the life of the store: taking and dropping the lock is two system
calls (a few microseconds), which matters when every keypress is a durable write. ``filelock``
(about 0.1 ms per round trip and a 50 ms default poll) is the fallback where ``fcntl`` is missing.

The lock file is never deleted: unlinking a lock file lets a third process lock a new inode while
a second still holds the old one.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class LockTimeout(Exception):
    """Another process held the lock for longer than the caller was willing to wait."""


class ProcessLock:
    """A reentrant (per thread) exclusive lock shared by every process that opens one path."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._depth = 0
        self._owner: int | None = None
        self._guard = threading.Lock()
        self._fallback: Any = None
        if fcntl is not None:
            self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        else:  # pragma: no cover - Windows
            import filelock

            self._fallback = filelock.FileLock(str(path), poll_interval=0.002)

    @contextmanager
    def hold(self, timeout: float) -> Iterator[None]:
        """Hold the lock for the ``with`` body; raise :class:`LockTimeout` after ``timeout`` s."""
        me = threading.get_ident()
        if self._owner == me:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        if not self._guard.acquire(timeout=max(timeout, 0.0)):
            raise LockTimeout(str(self.path))
        try:
            self._acquire(timeout)
            self._owner, self._depth = me, 1
            try:
                yield
            finally:
                self._owner, self._depth = None, 0
                self._release()
        finally:
            self._guard.release()

    def _acquire(self, timeout: float) -> None:
        if self._fallback is not None:  # pragma: no cover - Windows
            import filelock

            try:
                self._fallback.acquire(timeout=timeout)
            except filelock.Timeout:
                raise LockTimeout(str(self.path)) from None
            return
        fd = self._require_fd()
        deadline = time.monotonic() + timeout
        delay = 0.0005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                pass
            if time.monotonic() >= deadline:
                raise LockTimeout(str(self.path))
            # Short sleeps first: the other holder normally needs well under a millisecond.
            time.sleep(delay)
            delay = min(delay * 2, 0.002)

    def _release(self) -> None:
        if self._fallback is not None:  # pragma: no cover - Windows
            self._fallback.release()
            return
        fcntl.flock(self._require_fd(), fcntl.LOCK_UN)

    def _require_fd(self) -> int:
        if self._fd is None:
            raise LockTimeout(f"{self.path} is closed")
        return self._fd

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
