"""The orders the list can show articles in (``S`` cycles them), and results put in that order.

* ``file``: text files as cut (file order), then feed entries, feed by feed, newest first
  within each feed (the default, and the order of the CLI's results);
* ``newest``: dated entries newest first, then undated articles in file order;
* ``title``: by title, ignoring case;
* ``source``: by file or feed name, each source in file order (a feed newest first).

Load order is arrival order (the index needs it stable), so each order is a permutation kept
beside it, recomputed only when the article count changes and only for an order asked for.
Sorting 100k titles takes a noticeable part of a second, so callers compute an order in a
worker thread (:meth:`DisplayOrder.order` with that sort) before switching to it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.model import Article, Entry
from newsreader.sorting import SORT_NAMES, SORTS, Sort, next_sort

__all__ = ["SORTS", "SORT_NAMES", "DisplayOrder", "Sort", "next_sort"]


@dataclass
class _Computed:
    count: int
    order: list[int] | None
    rank: list[int]


class DisplayOrder:
    """The shown order of a growing list of articles, and results put in that order."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self._articles = articles
        self._lock = threading.Lock()
        self._computed: dict[Sort, _Computed] = {}
        #: The order :meth:`order` and :meth:`arrange` use when not told another.
        self.sort: Sort = "file"

    def order(self, sort: Sort | None = None) -> list[int] | None:
        """Every article in ``sort`` order (the current one by default), or None when that is
        load order (the file order with no feed entries)."""
        return self._get(sort or self.sort).order

    def _get(self, sort: Sort) -> _Computed:
        with self._lock:
            n = len(self._articles)
            computed = self._computed.get(sort)
            if computed is None or computed.count != n:
                order = _compute(self._articles, n, sort)
                computed = _Computed(n, order, _ranks(order, n))
                self._computed[sort] = computed
            return computed

    def arrange(self, rows: list[int], sort: Sort | None = None) -> list[int]:
        """``rows`` (ascending article indices) in ``sort`` order (the current one)."""
        computed = self._get(sort or self.sort)
        order, rank = computed.order, computed.rank
        if order is None or not rows:
            return rows
        if len(rows) > len(order) // 4:
            # Many rows: walk the order once and keep the chosen ones (no sort).
            chosen = bytearray(len(rank))
            for i in rows:
                if i < len(rank):
                    chosen[i] = 1
            return [i for i in order if chosen[i]]
        return sorted(rows, key=lambda i: rank[i] if i < len(rank) else i)


def _ranks(order: list[int] | None, n: int) -> list[int]:
    if order is None:
        return []
    rank = [0] * n
    for position, i in enumerate(order):
        rank[i] = position
    return rank


def _compute(articles: Sequence[Article], n: int, sort: Sort) -> list[int] | None:
    if sort == "title":
        return sorted(range(n), key=lambda i: (articles[i].title.casefold(), i))
    file_order = _file_order(articles, n)
    if sort == "file":
        return file_order
    if sort == "source":
        base = file_order if file_order is not None else list(range(n))
        return sorted(base, key=lambda i: articles[i].source.casefold())  # stable: file order
    dated: list[tuple[float, int]] = []
    undated: list[int] = []
    for i in range(n):
        article = articles[i]
        if isinstance(article, Entry) and article.published is not None:
            dated.append((-article.published, i))
        else:
            undated.append(i)
    dated.sort()
    return [i for _, i in dated] + undated


def _file_order(articles: Sequence[Article], n: int) -> list[int] | None:
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
        return None
    entries.sort()
    return texts + [i for _, _, i in entries]
