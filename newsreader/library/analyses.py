"""The analysis cache: quotes and entities of an article, computed once, kept in a bounded LRU.

The one cache of analyses in the program (the reader keeps none of its own): a repeat call is a
dictionary look-up under a lock, from any thread. The reader's worker and the index builder
often want the same article at the same moment (the one just opened); analysing a huge one
twice at once would double the wait, so the second caller waits for the first one's answer.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from newsreader.model import Analysis, Article

__all__ = ["AnalysisCache", "Analyzer"]

Analyzer = Callable[[Article], Analysis]


class AnalysisCache:
    """Analyses by article id, at most ``size`` of them (least recently used go first)."""

    def __init__(self, analyzer: Analyzer, size: int = 2048) -> None:
        self._analyzer = analyzer
        self._size = size
        self._lock = threading.Lock()
        self._kept: OrderedDict[str, Analysis] = OrderedDict()
        self._inflight: dict[str, threading.Event] = {}
        self._wanted: set[str] = set()  # ids a waiting reader wants kept once computed

    def kept(self, article: Article) -> Analysis | None:
        """The analysis of ``article`` if it is kept, without computing it (or waiting)."""
        with self._lock:
            hit = self._kept.get(article.id)
            if hit is not None:
                self._kept.move_to_end(article.id)
            return hit

    def forget(self, article_id: str) -> None:
        """Drop the kept analysis of an article whose text changed (its whole story came)."""
        with self._lock:
            self._kept.pop(article_id, None)

    def get(self, article: Article, remember: bool = True) -> Analysis:
        """The analysis of ``article``, computed unless kept or another thread is at it.

        ``remember=False`` (the index builder: 100k articles passing through would evict what
        the reader uses) does not keep a fresh result, unless a reader is waiting for it.
        Raises whatever the analyser raises.
        """
        key = article.id
        while True:
            with self._lock:
                hit = self._kept.get(key)
                if hit is not None:
                    self._kept.move_to_end(key)
                    return hit
                busy = self._inflight.get(key)
                if busy is None:
                    done = self._inflight[key] = threading.Event()
                    break
                if remember:
                    self._wanted.add(key)  # so the other thread keeps its result
            busy.wait()  # then look again: a hit, or (if it failed) our turn to compute
        try:
            result = self._analyzer(article)
            with self._lock:
                if remember or key in self._wanted:
                    self._kept[key] = result
                    while len(self._kept) > self._size:
                        self._kept.popitem(last=False)
            return result
        finally:
            with self._lock:
                del self._inflight[key]
                self._wanted.discard(key)
            done.set()
