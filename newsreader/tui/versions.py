"""Which Textual and Rich are installed, for code that leans on their private internals.

``frame_clock`` (Textual's timer) and ``document.wrapped_height`` (Rich's line breaker) each
name the exact version they were written and measured against; on any other version they step
aside for the stock behaviour, so an upgrade can make the app slower but never wrong. The
version is read from the name of the package's ``.dist-info`` folder: a directory listing,
where importing ``importlib.metadata`` would put 30 ms on the way to the first screen.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path


@cache
def installed_version(distribution: str, package_file: str) -> str | None:
    """The version of ``distribution`` whose package has ``package_file`` as its
    ``__init__.py``, or None when it cannot be told (then the caller takes the stock path)."""
    folder = Path(package_file).resolve().parent.parent
    prefix = f"{distribution.lower()}-"
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if name.lower().startswith(prefix) and name.endswith(".dist-info"):
                    return name[len(prefix) : -len(".dist-info")]
    except OSError:
        return None
    return None


def textual_version() -> str | None:
    import textual

    return installed_version("textual", textual.__file__ or "")


def rich_version() -> str | None:
    import rich

    return installed_version("rich", rich.__file__ or "")
