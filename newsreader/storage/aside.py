"""Moving a damaged file out of the way without ever overwriting anything.

A corrupt database may still hold the user's only copy of their bookmarks, recoverable by hand.
So it is renamed, never rewritten, to ``<name>.corrupt-<YYYYmmdd-HHMMSS>`` (with ``-2``, ``-3``...
if that name is taken), and the new name is told to the user.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from pathlib import Path

from newsreader.storage.atomic import fsync_dir, temp_name


def _claim(src: Path, dst: Path) -> bool:
    """Rename ``src`` to ``dst`` only if ``dst`` does not exist (``os.rename`` would replace it)."""
    try:
        os.link(src, dst)  # atomic and fails if dst exists
    except FileExistsError:
        return False
    except OSError:
        # Filesystems without hard links: check-then-rename is safe under the store's lock.
        if dst.exists():
            return False
        os.rename(src, dst)
        return True
    os.unlink(src)
    return True


def _free_name(path: Path, label: str) -> list[Path]:
    base = f"{path}.{label}"
    return [Path(base)] + [Path(f"{base}-{n}") for n in range(2, 1000)]


def move_aside(path: Path, label: str = "corrupt") -> Path:
    """Rename ``path`` to a fresh ``<path>.<label>-<timestamp>``; returns the new path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for candidate in _free_name(path, f"{label}-{stamp}"):
        if _claim(path, candidate):
            fsync_dir(path.parent)
            return candidate
    raise FileExistsError(f"no free name to move {path} aside")


def keep_copy(path: Path, label: str) -> Path:
    """Copy ``path`` to ``<path>.<label>`` (or ``-2``...) before an in-place upgrade.

    The copy is written to a temporary file first, so a crash never leaves half a backup under
    the name the user was told about.
    """
    tmp = temp_name(path)
    try:
        with open(path, "rb") as src, open(tmp, "xb") as dst:
            shutil.copyfileobj(src, dst)
            dst.flush()
            os.fsync(dst.fileno())
        for candidate in _free_name(path, label):
            if _claim(tmp, candidate):
                fsync_dir(path.parent)
                return candidate
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    raise FileExistsError(f"no free name to copy {path}")
