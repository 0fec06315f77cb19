"""The order the list shows articles in: text files as cut (file order), then feed entries,
feed by feed, newest first within each feed.

Load order is arrival order (the index needs it stable), so the shown order is a permutation
kept beside it and recomputed only when the article count changes.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from newsreader.model import Article, Entry

__all__ = ["DisplayOrder"]


class DisplayOrder:
    """The shown order of a growing list of articles, and results put in that order."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self._articles = articles
        self._lock = threading.Lock()
        self._count = -1
        self._order: list[int] | None = None
        self._rank: list[int] = []

    def order(self) -> list[int] | None:
        """Every article in shown order, or None when that is load order (no feed entries)."""
        with self._lock:
            n = len(self._articles)
            if n != self._count:
                self._order, self._rank = _compute(self._articles, n)
                self._count = n
            return self._order

    def arrange(self, rows: list[int]) -> list[int]:
        """``rows`` (ascending article indices) in shown order."""
        order = self.order()
        if order is None or not rows:
            return rows
        rank = self._rank
        if len(rows) > len(order) // 4:
            # Many rows: walk the order once and keep the chosen ones (no sort).
            chosen = bytearray(len(rank))
            for i in rows:
                if i < len(rank):
                    chosen[i] = 1
            return [i for i in order if chosen[i]]
        return sorted(rows, key=lambda i: rank[i] if i < len(rank) else i)


def _compute(articles: Sequence[Article], n: int) -> tuple[list[int] | None, list[int]]:
    texts: list[int] = []
    entries: list[tuple[str, float, int]] = []
    for i in range(n):
        article = articles[i]
        if isinstance(article, Entry):
            published = article.published if article.published is not None else 0.0
            entries.append((article.source.casefold(), -published, i))
        else:
            texts.append(i)
    if not entries:
        return None, []
    entries.sort()
    order = texts + [i for _, _, i in entries]
    rank = [0] * n
    for position, i in enumerate(order):
        rank[i] = position
    return order, rank
