"""How much one feed may cost us: time, bytes, redirects, and how many are fetched at once.

Its own module so the HTTP and file fetchers can share it without importing the public
:mod:`newsreader.feeds.fetch`, which imports them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FetchLimits", "describe_seconds", "describe_size"]


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """Limits for fetching feeds.

    ``total_timeout`` bounds a whole fetch, redirects and a slowly trickling body included;
    ``read_timeout`` is the longest silence between two reads, so a server that accepts and
    never answers frees its slot well before the total runs out. ``max_bytes`` counts the
    decoded body, so a small gzip bomb stops at the same cap as a huge plain body.
    """

    connect_timeout: float = 10.0
    total_timeout: float = 30.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5
    concurrency: int = 16
    read_timeout: float = 15.0


def describe_seconds(seconds: float) -> str:
    """``30`` → ``"30 s"``, ``0.25`` → ``"0.25 s"``: the way limits appear in error lines."""
    return f"{seconds:g} s"


def describe_size(size: int) -> str:
    """``20 * 1024 * 1024`` → ``"20 MB"``; small test caps stay exact (``"1000 bytes"``)."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale and size % scale == 0:
            return f"{size // scale} {unit}"
    if size >= 1024**2:
        return f"{size / 1024**2:.1f} MB"
    return f"{size} bytes"
