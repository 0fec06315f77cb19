"""Subscribing: check that a URL (or a web page, or a local file) gives a feed, then keep it.

``feed add`` fetches once before it subscribes, so a typo is an error now rather than a
mysterious line in every refresh, and a web page that links its feed
(``<link rel="alternate" type="application/rss+xml" …>``) subscribes to that feed instead.
The first fetch's entries are stored at once: the user sees news right after adding.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from newsreader.feeds.fetch import FetchLimits, fetch_many
from newsreader.feeds.locations import normal_location
from newsreader.feeds.model import FetchRequest, FetchResult
from newsreader.feeds.parsing import parse_body
from newsreader.feeds.refresh import FeedOutcome, store_fetch
from newsreader.storage.archive import Archive, FeedRow
from newsreader.tags import normalise_tag

__all__ = ["SubscribeError", "Subscribed", "feed_location", "subscribe"]


class SubscribeError(Exception):
    """The URL gives no feed; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class Subscribed:
    """A subscription made (or renewed), with how its first fetch went."""

    feed: FeedRow
    created: bool
    outcome: FeedOutcome
    #: The web page the feed was discovered on, when the URL given was a page.
    page: str | None = None


def feed_location(url: str) -> str:
    """``url`` as the archive keeps it (:func:`normal_location`), checked: http(s), a file
    URL or a local file that exists. Anything else is an error."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https", "file") and scheme and len(scheme) > 1:
        raise SubscribeError(f"{url}: not an http(s) URL, file:// URL or local file")
    location = normal_location(url)
    if scheme not in ("http", "https") and not Path(location).exists():
        raise SubscribeError(f"{url}: no such file (and not an http(s) URL)")
    return location


def _fetch(url: str, limits: FetchLimits) -> FetchResult:
    return next(iter(fetch_many([FetchRequest(url)], limits)))


def subscribe(
    archive: Archive,
    url: str,
    title: str | None = None,
    tags: Iterable[str] = (),
    limits: FetchLimits | None = None,
    *,
    full_text: str | None = None,
    batch: int | None = None,
) -> Subscribed:
    """Fetch ``url``, find its feed, subscribe, store the first entries."""
    limits = limits or FetchLimits()
    location = feed_location(url)
    tag_list = [t for t in (normalise_tag(tag) for tag in tags) if t]
    result = _fetch(location, limits)
    if result.gone:
        raise SubscribeError(f"{url}: gone (HTTP 410)")
    if result.error is not None or result.body is None:
        raise SubscribeError(f"{url}: {result.error or 'empty response'}")
    page = None
    parsed = parse_body(result.body, result.content_type, result.final_url or location)
    if parsed.error is not None:
        from newsreader.feeds.discover import discover_feeds, looks_like_html

        if not looks_like_html(result.body, result.content_type):
            raise SubscribeError(f"{url}: not a feed ({parsed.error})")
        found = discover_feeds(result.body, result.final_url or location)
        if not found:
            raise SubscribeError(f"{url}: a web page that links no feed")
        page, location = location, found[0]
        result = _fetch(location, limits)
        if result.error is not None or result.body is None:
            raise SubscribeError(f"{location} (linked from {url}): {result.error}")
        parsed = parse_body(result.body, result.content_type, result.final_url or location)
        if parsed.error is not None:
            raise SubscribeError(f"{location} (linked from {url}): {parsed.error}")
    if result.permanent_url:
        location = result.permanent_url
    if full_text is None and urlsplit(location).scheme not in ("http", "https"):
        full_text = "never"  # an offline feed (a local file) does not go online by itself
    feed, created = archive.add_feed(location, title, tag_list, full_text)
    outcome = store_fetch(archive, feed, result, batch, parsed=parsed)
    refreshed = archive.feed(location) or feed
    return Subscribed(refreshed, created, outcome, page)
