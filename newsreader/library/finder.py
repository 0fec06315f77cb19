"""The query path: answers from the index for the articles it covers and scans the rest.

So a search is right at every moment (while the index is still being built) and fast once
the index has caught up. The scan and the index filter on the user's state through the same
``search.state`` implementation; entity fields (``person:`` …) see only articles already
analysed, so the scan matches none for them.
"""

from __future__ import annotations

import bisect
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from newsreader.library.loader import Loader
from newsreader.model import Entry, Span
from newsreader.search.dates import since_threshold
from newsreader.search.highlight import match_spans
from newsreader.search.index import SearchIndex
from newsreader.search.query import Query, parse_query
from newsreader.search.scan import scan_match
from newsreader.search.state import ReadState, resolve_state
from newsreader.search.tokens import canonical_text

__all__ = ["Counts", "Finder"]

#: Parsed queries kept (the UI asks again for the same text to highlight and for n/N).
_PARSED = 64


@dataclass(frozen=True, slots=True)
class Counts:
    """Article counts for the sidebar."""

    total: int
    bookmarked: int
    read: int
    unread: int
    truncated: int


class Finder:
    """Searches, counts and match spans over the loader's articles and the current index."""

    def __init__(self, loader: Loader, index: Callable[[], SearchIndex]) -> None:
        self._loader = loader
        self._index = index  # the builder's index of the moment (it is replaced on restore)
        self._parsed: OrderedDict[str, Query] = OrderedDict()
        self._parsed_lock = threading.Lock()
        #: Articles whose text changed after they were indexed: searched by their text now.
        self.changed: set[int] = set()

    def query(self, text: str) -> Query:
        """``parse_query`` with a small memo."""
        with self._parsed_lock:
            hit = self._parsed.get(text)
        if hit is None:
            hit = parse_query(text)
            with self._parsed_lock:
                self._parsed[text] = hit
                while len(self._parsed) > _PARSED:
                    self._parsed.popitem(last=False)
        return hit

    def search(self, text: str, state: ReadState | None = None) -> list[int]:
        query = self.query(text)
        found = self._search(query, state)
        return self._since(query, found) if query.since else found

    def _since(self, query: Query, found: list[int]) -> list[int]:
        """Keep the articles published at or after every ``since:`` (feed entries only: an
        article cut from a text file has no date)."""
        threshold = max(t for t in map(since_threshold, query.since) if t is not None)
        articles = self._loader.articles
        out = []
        for i in found:
            published = getattr(articles[i], "published", None)
            if published is not None and published >= threshold:
                out.append(i)
        return out

    def _search(self, query: Query, state: ReadState | None) -> list[int]:
        n = len(self._loader.articles)
        if query.is_empty or query == Query(since=query.since):
            return list(range(n))
        index = self._index()
        covered = min(len(index), n)
        found = index.search(query, state) if covered else []
        if covered < n:
            # The index may have grown since ``covered`` was read: keep its answer below that
            # line and scan from there, so nothing is counted twice or missed.
            del found[bisect.bisect_left(found, covered) :]
            found.extend(self._scan(query, state, covered, n))
        changed = [i for i in self.changed if i < covered]
        if changed and not query.needs_analysis:
            # Their text changed after they were indexed (a whole story came): the index's
            # answer for them is the old text's; ask the new one.
            stale = set(changed)
            found = [i for i in found if i not in stale]
            found.extend(i for i in changed if self._matches_now(query, state, i))
            found.sort()
        return found

    def _matches_now(self, query: Query, state: ReadState | None, i: int) -> bool:
        filters = resolve_state(query, state)
        article = self._loader.articles[i]
        if filters.nothing or not (filters.everything or filters.accepts(article.id)):
            return False
        return scan_match(query, canonical_text(article), article.source, article.truncated)

    def count(self, text: str, state: ReadState | None = None) -> int:
        query = self.query(text)
        index = self._index()
        if len(index) >= len(self._loader.articles) and not query.since and not self.changed:
            return index.count(query, state)
        return len(self.search(text, state))

    def spans(self, i: int, text: str) -> list[Span]:
        return match_spans(self._loader.articles[i], self.query(text))

    def _scan(self, query: Query, state: ReadState | None, lo: int, hi: int) -> list[int]:
        """The linear fallback for articles not indexed yet (entity fields match none of them;
        nor do feed entries, whose text would have to be read from disk)."""
        if query.needs_analysis:
            return []
        filters = resolve_state(query, state)
        if filters.nothing:
            return []
        accepts = None if filters.everything else filters.accepts
        needs_text = bool(query.has_text or query.excluded_words or query.excluded_phrases)
        out = []
        articles = self._loader.articles
        for i in range(lo, hi):
            article = articles[i]
            if isinstance(article, Entry):
                # Its text is on disk: scanning thousands of entries would read them all on
                # every keystroke. They are found once indexed, a moment later (searches are
                # run again as the index grows).
                continue
            if accepts is not None and not accepts(article.id):
                continue
            canon = canonical_text(article) if needs_text else ""
            if scan_match(query, canon, article.source, article.truncated):
                out.append(i)
        return out

    def counts(self, state: ReadState | None = None) -> Counts:
        loader = self._loader
        total = len(loader.articles)
        truncated = loader.truncated
        if state is None:
            return Counts(total, 0, 0, total, truncated)
        ids = loader.index_of
        bookmarked = sum(1 for x in state.bookmarks() if x in ids)
        read = sum(1 for x in state.read_ids() if x in ids)
        return Counts(total, bookmarked, read, total - read, truncated)

    def unread_by_feed(self, state: ReadState | None = None) -> dict[str, int]:
        """Unread entries per feed name (every feed with an entry loaded), for the sidebar."""
        read = state.read_ids() if state is not None else frozenset()
        out: dict[str, int] = {}
        for article in list(self._loader.articles):
            if isinstance(article, Entry):
                out[article.source] = out.get(article.source, 0) + (article.id not in read)
        return out

    def tag_counts(self, state: ReadState, tags: Iterable[str]) -> dict[str, int]:
        ids = self._loader.index_of
        return {tag: sum(1 for x in state.ids_with_tag(tag) if x in ids) for tag in tags}
