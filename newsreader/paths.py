"""Where newsreader keeps its files, following the platform's conventions.

``platformdirs`` honours ``XDG_DATA_HOME``/``XDG_CACHE_HOME`` on Linux (read at call time, so tests
can redirect them), ``~/Library/Application Support`` on macOS and ``%LOCALAPPDATA%`` on Windows.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "newsreader"
DB_NAME = "newsreader.json"


def data_dir() -> Path:
    """The per-user data folder (bookmarks, tags and read marks live here)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """The per-user cache folder: anything in it can be rebuilt from the news files."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """``<user data dir>/newsreader.json``; its journal and lock file sit next to it."""
    return data_dir() / DB_NAME


def archive_path_for(db_path: Path) -> Path:
    """The feed archive that goes with the user database ``db_path``: beside it, so ``--db``
    keeps one person's bookmarks and feeds together (``newsreader.archive.sqlite3``)."""
    return db_path.with_name(f"{db_path.stem}.archive.sqlite3")
