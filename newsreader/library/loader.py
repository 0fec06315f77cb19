"""Sources in, articles out: from the on-disk cache when a source is unchanged, else split.

``articles`` is append-only: a reader thread may index it at any time while ``load`` appends
batches in a worker (each batch lands with one ``list.extend``). The first batch is small, so
the first screen does not wait for a thousand articles; a preload started before the UI exists
holds after it until the UI has drawn (``resume``), so the two do not fight over the interpreter.

The index builder waits on the same condition (``cond``) for articles to arrive.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence

from newsreader.library.cache import CacheError, CorpusCache
from newsreader.model import Article
from newsreader.sources.key import SourceKey
from newsreader.sources.source import PieceSplitter, Source

__all__ = ["BATCH", "FIRST_BATCH", "PRELOAD_HOLD", "Loader", "Progress"]

Progress = Callable[[int, int], None]

#: Articles appended (and reported through ``on_batch``) at a time while splitting.
BATCH = 1000
#: The very first batch is small, so the first screen does not wait for a thousand articles.
FIRST_BATCH = 50
#: Longest a preload waits after its first batch for the UI to say it has drawn (seconds).
PRELOAD_HOLD = 3.0


class Loader:
    """Appends the articles of each source to ``articles``; safe to read from any thread."""

    def __init__(
        self,
        cache: CorpusCache | None,
        split: PieceSplitter,
        split_code: str,
        stop: threading.Event,
    ) -> None:
        self.articles: list[Article] = []
        #: Warnings about the inputs (bad UTF-8 …), appended as sources are read.
        self.warnings: list[str] = []
        #: The cache keys of the sources loaded whole, in order (they key the saved index),
        #: and how many articles were loaded when each one ended.
        self.keys: list[SourceKey] = []
        self.key_ends: list[int] = []
        self.index_of: dict[str, int] = {}
        self.truncated = 0
        self.bytes_total = 0
        self.bytes_done = 0
        #: Notified whenever articles arrive or a load starts or ends.
        self.cond = threading.Condition()
        self.loading = False
        self.loads_started = 0
        #: Some source of the current load is being split (not read from the cache).
        self.cold = False
        self._cache = cache
        self._split = split
        self._split_code = split_code
        self._stop = stop
        self._lock = threading.Lock()
        self._preload: threading.Thread | None = None
        self._preload_error: BaseException | None = None
        self._hold_first = False
        self._resume = threading.Event()

    # -- loading -------------------------------------------------------------------------------

    def load(
        self, sources: Iterable[Source], on_batch: Progress | None, total: int | None = None
    ) -> None:
        """Load each source in turn. ``total`` is their whole size when known up front;
        otherwise each adds its own size to ``bytes_total`` as it starts."""
        if total is not None:
            self.bytes_total += total
        with self._lock:
            with self.cond:
                self.loading = True
                self.loads_started += 1
                self.cold = False
                self.cond.notify_all()
            try:
                for source in sources:
                    if self._stop.is_set():
                        break
                    if total is None:
                        self.bytes_total += source.size
                    self._load_one(source, on_batch)
            finally:
                with self.cond:
                    self.loading = False
                    self.cond.notify_all()

    def _load_one(self, source: Source, on_batch: Progress | None) -> None:
        key = None if self._cache is None else source.cache_key(self._split_code)
        # A source may keep its own articles (the feed archive): keyed, but not copied here.
        keep = getattr(source, "cache_articles", True)
        before, size = self.bytes_done, source.size
        skip = 0
        found = None
        if self._cache is not None and key is not None and keep:
            found = self._cached(key, source.name)
        if found is not None and key is not None:
            count, batches = found
            try:
                for batch in batches:
                    self._append(batch)
                    skip += len(batch)
                    self._progress(before + size * skip // max(1, count), on_batch)
                    self._hold()
            except CacheError:
                pass  # the articles read so far are right; split for the rest
            else:
                self._keyed(key)
                self._progress(before + size, on_batch)
                return
        with self.cond:
            self.cold = True
            self.cond.notify_all()
        start = len(self.articles) - skip
        articles = source.articles(self._split)
        try:
            if self._take(articles, source, before, skip, on_batch) and key is not None:
                self._keyed(key)
                if self._cache is not None and keep:
                    self._cache.write_articles(key, source.name, self.articles[start:])
        finally:
            close = getattr(articles, "close", None)  # a generator: stop a splitting child
            if close is not None:
                close()
            self.warnings.extend(source.warnings)

    def _keyed(self, key: SourceKey) -> None:
        with self.cond:
            self.keys.append(key)
            self.key_ends.append(len(self.articles))

    def _cached(self, key: SourceKey, name: str) -> tuple[int, Iterator[list[Article]]] | None:
        assert self._cache is not None
        return self._cache.read_articles(key, name)

    def _take(
        self,
        articles: Iterator[Article],
        source: Source,
        before: int,
        skip: int,
        on_batch: Progress | None,
    ) -> bool:
        """Append ``articles`` in batches (after the first ``skip``); False if stopped first."""
        size = source.size
        pending: list[Article] = []
        for i, article in enumerate(articles):
            if i < skip:
                continue
            pending.append(article)
            # Small batches until a screenful or so is in: rows keep coming while the rest of
            # a big file is split elsewhere (a thousand at a time after that).
            if len(pending) >= (BATCH if len(self.articles) >= BATCH else FIRST_BATCH):
                self._append(pending)
                self._progress(before + min(size, source.progress(pending[-1].end_line)), on_batch)
                pending = []
                self._hold()
                if self._stop.is_set():
                    return False  # an incomplete source is neither cached nor keyed
        if pending:
            self._append(pending)
            self._hold()
        self._progress(before + size, on_batch)
        return True

    def _progress(self, done: int, on_batch: Progress | None) -> None:
        self.bytes_done = done
        if on_batch is not None:
            on_batch(len(self.articles), done)

    def _append(self, batch: Sequence[Article]) -> None:
        with self.cond:
            base = len(self.articles)
            index_of = self.index_of
            for offset, article in enumerate(batch):
                index_of.setdefault(article.id, base + offset)
                self.truncated += article.truncated
            self.articles.extend(batch)
            self.cond.notify_all()

    # -- preloading ----------------------------------------------------------------------------

    def preload(self, load: Callable[[], None]) -> None:
        """Run ``load`` in a thread now; after its first batch it waits for ``resume`` (or
        ``PRELOAD_HOLD`` seconds). ``follow`` reports its progress and re-raises its error."""
        self._hold_first = True
        self._resume.clear()

        def run() -> None:
            try:
                load()
            except BaseException as error:  # handed to follow(), in the UI's worker
                self._preload_error = error

        self._preload = threading.Thread(target=run, name="newsreader-preload", daemon=True)
        self._preload.start()

    @property
    def preloading(self) -> bool:
        return self._preload is not None

    def resume(self) -> None:
        self._resume.set()

    def follow(self, on_batch: Progress | None = None) -> None:
        """Wait for the preload to finish, calling ``on_batch`` as articles arrive."""
        thread = self._preload
        if thread is None:
            return
        last = (-1, -1)
        while True:
            alive = thread.is_alive()
            now = (len(self.articles), self.bytes_done)
            if now != last and on_batch is not None:
                on_batch(*now)
                last = now
            if not alive:
                break
            with self.cond:
                self.cond.wait(0.05)
        thread.join()
        if self._preload_error is not None:
            raise self._preload_error

    def _hold(self) -> None:
        """Called after every batch: after a preload's first one, wait for the UI's first screen
        (see ``preload``); ``_hold_first`` makes every later call a no-op."""
        if self._hold_first:
            self._hold_first = False
            self._resume.wait(PRELOAD_HOLD)

    # -- for the index builder -----------------------------------------------------------------

    def wait_for_a_load(self, seconds: float) -> None:
        """Wait up to ``seconds`` for a first load to begin (or a stop)."""
        with self.cond:
            self.cond.wait_for(lambda: self.loads_started or self._stop.is_set(), seconds)

    def wait_while_warm(self) -> None:
        """Wait while the load in progress reads only cached sources (or until a stop)."""
        with self.cond:
            while self.loading and not self.cold and not self._stop.is_set():
                self.cond.wait(0.05)

    def wait_for_news(self, seen: int, seconds: float) -> None:
        """Wait up to ``seconds`` for articles past the first ``seen``, the load's end or a stop."""
        with self.cond:
            self.cond.wait_for(
                lambda: len(self.articles) > seen or not self.loading or self._stop.is_set(),
                seconds,
            )

    def wake(self) -> None:
        """Wake every waiter (on close)."""
        self._resume.set()
        with self.cond:
            self.cond.notify_all()
