"""Tags on feeds count as tags on their entries: ``tag:world`` finds every entry of a feed the
user tagged ``world`` (``feed add --tag``, or an OPML folder), as newsboat's feed tags do.

The user's own tags stay in the store; this view adds the feed tags when a search or the
sidebar asks. Each tag's id set is kept until the articles or the feeds' tags change, so the
index, which caches a bitmap per set by identity, builds it once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence

from newsreader.model import Article, Entry
from newsreader.search.state import ReadState

__all__ = ["FeedTags", "WithFeedTags"]


class FeedTags:
    """Entry ids per feed tag, from ``tags_of_feeds()`` (feed URL -> its tags)."""

    def __init__(
        self, articles: Sequence[Article], tags_of_feeds: Callable[[], Mapping[str, Iterable[str]]]
    ) -> None:
        self._articles = articles
        self._tags_of_feeds = tags_of_feeds
        self._lock = threading.Lock()
        self._key: tuple[int, tuple[tuple[str, tuple[str, ...]], ...]] | None = None
        self._ids: dict[str, frozenset[str]] = {}

    def ids(self) -> dict[str, frozenset[str]]:
        """Entry ids by feed tag (recomputed when articles arrive or a feed's tags change)."""
        feeds = tuple(sorted((url, tuple(tags)) for url, tags in self._tags_of_feeds().items()))
        with self._lock:
            key = (len(self._articles), feeds)
            if key != self._key:
                by_url = {url: tags for url, tags in feeds if tags}
                found: dict[str, set[str]] = {}
                if by_url:
                    for article in list(self._articles):
                        if isinstance(article, Entry):
                            for tag in by_url.get(article.feed_url, ()):
                                found.setdefault(tag, set()).add(article.id)
                self._ids = {tag: frozenset(ids) for tag, ids in found.items()}
                self._key = key
            return self._ids


class WithFeedTags:
    """A :class:`ReadState` whose tags include the feed tags."""

    def __init__(self, state: ReadState, feed_tags: FeedTags) -> None:
        self._state = state
        self._feed = feed_tags.ids()
        self._merged: dict[str, frozenset[str]] = {}

    def bookmarks(self) -> Iterable[str]:
        return self._state.bookmarks()

    def read_ids(self) -> Iterable[str]:
        return self._state.read_ids()

    def ids_with_tag(self, tag: str) -> Iterable[str]:
        own = self._state.ids_with_tag(tag)
        extra = self._feed.get(tag)
        if not extra:
            return own
        merged = self._merged.get(tag)
        if merged is None:
            merged = self._merged[tag] = extra | frozenset(own)
        return merged

    def tag_counts(self) -> dict[str, int]:
        counts = dict(self._state.tag_counts())
        for tag, ids in self._feed.items():
            counts[tag] = len(frozenset(self._state.ids_with_tag(tag)) | ids)
        return counts
