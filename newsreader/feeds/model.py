"""The data that flows through the feed pipeline: fetch results, parsed feeds and entries.

Frozen dataclasses, so results can cross threads (fetching is concurrent) without copies.
Every string that came from the network and may reach the screen has been cleaned
(``newsreader.text.clean_text``) by the module that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

__all__ = ["FeedParseError", "FetchRequest", "FetchResult", "ParsedEntry", "ParsedFeed"]


@dataclass(frozen=True, slots=True)
class FetchRequest:
    """One feed to fetch, with the validators of its last successful fetch."""

    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What fetching one URL gave; never raises for a per-feed failure (``error`` says it).

    ``status`` is the final HTTP status (None for a local file or when no response came).
    ``body`` is None unless the fetch succeeded with content (not for 304, errors, 410).
    ``permanent_url`` is the new address when every redirect hop was permanent (301/308),
    so the archive can update the feed's stored URL. ``retry_after`` (seconds) comes from a
    429/503's Retry-After; ``max_age`` (seconds) from Cache-Control max-age or Expires.
    """

    url: str
    status: int | None = None
    body: bytes | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    final_url: str = ""
    permanent_url: str | None = None
    not_modified: bool = False
    gone: bool = False
    retry_after: float | None = None
    max_age: float | None = None
    error: str | None = None
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None and not self.gone


@dataclass(frozen=True, slots=True)
class ParsedEntry:
    """One entry of a feed, its HTML already turned into clean paragraphs.

    ``paragraphs`` carry ``[n]`` markers after link texts; ``links`` are the targets in marker
    order (``links[0]`` is ``[1]``), as written (the UI opens only http(s) ones). Images are
    paragraphs or inline text ``[image: alt]``. ``published``/``updated`` are timezone-aware
    (UTC when the feed gave no zone) or None when absent or unreadable.
    """

    guid: str | None
    link: str | None
    title: str | None
    author: str | None
    published: datetime | None
    updated: datetime | None
    paragraphs: tuple[str, ...]
    links: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A parsed feed. ``warnings`` say what was recovered from (malformed XML, a bad date …)
    in one line each; ``ttl`` is RSS ``<ttl>`` in minutes; ``kind`` names the format read
    (``"rss20"``, ``"rss10"``, ``"atom10"``, ``"jsonfeed11"`` …)."""

    title: str | None
    link: str | None
    kind: str
    entries: tuple[ParsedEntry, ...]
    ttl: int | None = None
    warnings: tuple[str, ...] = field(default=())


class FeedParseError(ValueError):
    """The body is not a feed at all (an HTML page, an empty body, binary …); the message is
    one line meant for the user."""
