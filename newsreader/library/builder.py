"""The index builder: restores the search index from the cache or builds it, words then names.

Words are fast (tokenising); entities and speakers are slow (the analyser runs on every
article), so a big batch of them goes to a child process (``analysis.child``) on the other
core. The build may run while the loader is still appending and indexes what has arrived; it
steps aside for ``COURTESY_S`` after each of the user's keys, so the UI has the interpreter to
itself while keys are held down; and it saves a partly analysed index now and then, so a quit
does not lose it all.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from hashlib import blake2b
from typing import TYPE_CHECKING

from newsreader.library.analyses import AnalysisCache
from newsreader.library.cache import CorpusCache
from newsreader.library.loader import Loader, Progress
from newsreader.model import Analysis, Article
from newsreader.search.index import SearchIndex

if TYPE_CHECKING:
    from newsreader.analysis.child import ChildAnalysis

__all__ = [
    "CHILD_ANALYSIS_MIN",
    "COURTESY_S",
    "FIRST_LOAD_GRACE",
    "INDEX_STEP",
    "SAVE_EVERY",
    "IndexBuilder",
    "IndexStatus",
]

#: Articles tokenised per step of the index build (between two looks at ``close()`` and at
#: the user's keys): about ten milliseconds of work.
INDEX_STEP = 64
#: Compact the index (dense postings become bitmaps) every this many articles while building:
#: the arrays of common words would otherwise grow to most of the index's peak memory.
COMPACT_EVERY = 16384
#: How long building the index steps aside after the user's last key (seconds): the UI then
#: has the interpreter to itself, so holding j down never waits for a thread's turn.
COURTESY_S = 0.25
#: How long ``ensure`` waits for a first load to begin (seconds).
FIRST_LOAD_GRACE = 2.0
#: Save a partly analysed index at most this often (seconds), so a quit does not lose it all.
SAVE_EVERY = 60.0
#: This many articles or more to analyse for the index: analyse them in a child process
#: (``analysis.child``); fewer are done in-process, sooner than a child would start.
CHILD_ANALYSIS_MIN = 2000


@dataclass(frozen=True, slots=True)
class IndexStatus:
    """How far loading and indexing have got (for a progress line in the UI)."""

    articles: int
    indexed: int
    analysed: int
    loading: bool
    building: bool

    @property
    def words_ready(self) -> bool:
        """Every loaded article is in the word index: searches no longer scan."""
        return not self.loading and self.indexed >= self.articles

    @property
    def complete(self) -> bool:
        """Entities and speakers are indexed too: ``person:`` and friends see everything."""
        return self.words_ready and self.analysed >= self.articles


class IndexBuilder:
    """Owns ``index`` (replaced once, when restored from the cache) and keeps it up to date."""

    def __init__(
        self,
        loader: Loader,
        analyses: AnalysisCache,
        cache: CorpusCache | None,
        analysis_code: str,
        stop: threading.Event,
        child_recogniser: str | None = None,
    ) -> None:
        self.index = SearchIndex()
        self.building = False
        #: Articles the analyser failed on (they have no entities in the index).
        self.analysis_errors = 0
        #: The recogniser an analysis child may use (None: always analyse in this process).
        self.child_recogniser = child_recogniser
        #: Articles of this many or more are analysed for the index in a child process.
        self.child_analysis_min = CHILD_ANALYSIS_MIN
        self._loader = loader
        self._analyses = analyses
        self._cache = cache
        self._analysis_code = analysis_code
        self._stop = stop
        self._lock = threading.Lock()
        self._quiet_until = 0.0
        self._children: set[ChildAnalysis] = set()
        self._last_save = 0.0

    def status(self) -> IndexStatus:
        loader, index = self._loader, self.index
        return IndexStatus(
            articles=len(loader.articles),
            indexed=len(index),
            analysed=index.analysed_count,
            loading=loader.loading,
            building=self.building,
        )

    # -- the user's keys and closing -----------------------------------------------------------

    def user_active(self) -> None:
        self._quiet_until = time.monotonic() + COURTESY_S

    def courtesy(self) -> None:
        """Wait while the user is busy with the UI (see ``user_active``)."""
        self._courtesy()

    def _courtesy(self) -> None:
        """Wait while the user is busy with the UI (see ``user_active``)."""
        while not self._stop.is_set():
            left = self._quiet_until - time.monotonic()
            if left <= 0:
                return
            self._stop.wait(left)

    def stop_children(self) -> None:
        with self._loader.cond:
            children = list(self._children)
        for child in children:
            child.close()  # its reader thread then sees the pipe end at once

    # -- building ------------------------------------------------------------------------------

    def ensure(self, on_progress: Progress | None = None) -> None:
        """Restore or build the index until every loaded article is indexed and analysed."""
        with self._lock:
            self.building = True
            try:
                self._build(on_progress)
            finally:
                self.building = False

    def _build(self, on_progress: Progress | None) -> None:
        loader, stop = self._loader, self._stop
        # A UI may start the index worker a moment before the load worker: give the load a
        # chance to begin rather than finish at once with nothing indexed.
        loader.wait_for_a_load(FIRST_LOAD_GRACE)
        # While every source so far comes from the cache, the index most likely does too: wait
        # for the load to finish rather than tokenise articles it would restore in a moment.
        loader.wait_while_warm()
        tried_cache = False
        built = False
        while not stop.is_set():
            with loader.cond:
                loading, n = loader.loading, len(loader.articles)
            if len(self.index) == 0 and not loading and not tried_cache:
                tried_cache = True
                restored = self._restore()
                if restored is not None:
                    self.index = restored
            if len(self.index) < n:
                self._index_words(self.index, n, on_progress)
                built = True
                continue
            if not loading:
                break
            loader.wait_for_news(n, 1.0)
        if stop.is_set():
            return
        index = self.index
        if not index.has_pairs and len(index):
            index.index_pairs()
            built = True
        if built:
            self._save(index)
        if self._analyse_all(index, on_progress):
            index.compact()  # the entity postings are complete now
            self._save(index)

    def _index_words(self, index: SearchIndex, n: int, on_progress: Progress | None) -> None:
        articles = self._loader.articles
        doc = len(index)
        compacted = doc
        while doc < n and not self._stop.is_set():
            self._courtesy()
            end = min(n, doc + INDEX_STEP)
            batch = articles[doc:end]
            terms = [index.prepare(a) for a in batch]  # the slow part, outside the index lock
            for offset, (article, t) in enumerate(zip(batch, terms, strict=True)):
                index.add_terms(doc + offset, article, t)
            doc = end
            if doc - compacted >= COMPACT_EVERY:
                index.compact()
                compacted = doc
            if on_progress is not None:
                on_progress(doc + index.analysed_count, 2 * len(articles))

    def _analyse_all(self, index: SearchIndex, on_progress: Progress | None) -> bool:
        """Analyse every indexed article not yet analysed; True if anything was added.

        Many of them go to a child process; what it could not do, and a small number, are
        analysed here.
        """
        n = len(index)
        todo = [doc for doc in range(n) if not index.is_analysed(doc)]
        if not todo:
            return False
        self._last_save = time.monotonic()
        if self.child_recogniser is not None and len(todo) >= self.child_analysis_min:
            self._analyse_in_child(index, todo, on_progress)
        articles = self._loader.articles
        for doc in todo:
            if self._stop.is_set():
                break
            if index.is_analysed(doc):
                continue
            self._courtesy()
            index.add_analysis(doc, self._analysis(articles[doc]))
            done = index.analysed_count
            if on_progress is not None and (done % 64 == 0 or done == n):
                on_progress(n + done, 2 * n)
            self._save_now_and_then(index)
        return not self._stop.is_set()

    def _analysis(self, article: Article) -> Analysis:
        try:
            return self._analyses.get(article, remember=False)
        except Exception:
            # One article the analyser chokes on must not stop the index: it just has no
            # entities. (Opening it in the reader calls ``analysis`` and shows the error.)
            self.analysis_errors += 1
            return Analysis()

    def _analyse_in_child(
        self, index: SearchIndex, todo: list[int], on_progress: Progress | None
    ) -> None:
        """The names of ``todo`` from an analysis child, as they come. If the child fails,
        the articles it did not answer for are left to the in-process loop."""
        from newsreader.analysis.child import ChildAnalysis

        n = len(index)
        with self._loader.cond:  # ``stop_children`` stops every child it finds here
            if self._stop.is_set():
                return
            child = ChildAnalysis(str(self.child_recogniser))
            self._children.add(child)
        try:
            child.start(self._loader.articles, todo)
            for answers in child:
                if self._stop.is_set():
                    break
                for doc, names in answers:
                    if names is None:
                        self.analysis_errors += 1
                        names = {}
                    index.add_names(doc, names)
                if on_progress is not None:
                    on_progress(n + index.analysed_count, 2 * n)
                self._save_now_and_then(index)
        except RuntimeError:
            pass  # what is left is analysed in this process
        finally:
            with self._loader.cond:
                self._children.discard(child)
            child.close()

    # -- the cached index ----------------------------------------------------------------------

    def _save_now_and_then(self, index: SearchIndex) -> None:
        if time.monotonic() - self._last_save > SAVE_EVERY:
            self._save(index)
            self._last_save = time.monotonic()

    def _token(self, n: int) -> str | None:
        """The key of an index over the first ``n`` articles of every source loaded."""
        tokens = self._prefix_tokens()
        return tokens[-1][1] if tokens and n == len(self._loader.articles) else None

    def _prefix_tokens(self) -> list[tuple[int, str]]:
        """``(n, token)`` of the index over the sources loaded so far, the first one alone,
        then the first two, and so on: each key hashes the analyser, the sources' keys in
        order and the article count."""
        if self._cache is None:
            return []
        with self._loader.cond:
            keys, ends = list(self._loader.keys), list(self._loader.key_ends)
        running = blake2b(self._analysis_code.encode(), digest_size=16)
        out = []
        for key, n in zip(keys, ends, strict=True):
            running.update(b"\n" + key.token.encode())
            token = running.copy()
            token.update(f"\n#{n}".encode())
            out.append((n, token.hexdigest()))
        return out

    def _restore(self) -> SearchIndex | None:
        """The saved index over the most sources of this load, in order: all of them after a
        plain restart; after a refresh added to the feed archive, all but the new batches,
        and building goes on from there instead of from nothing."""
        articles = self._loader.articles
        if self._cache is None or not articles:
            return None
        for n, token in reversed(self._prefix_tokens()):
            if n == 0 or not self._cache.index_path(token).exists():
                continue
            snapshot = self._cache.read_index(token)
            if snapshot is None:
                continue
            try:
                return SearchIndex.restore(snapshot, articles[:n])
            except (KeyError, TypeError, ValueError):
                continue
        return None

    def _save(self, index: SearchIndex) -> None:
        n = len(index)
        if n != len(self._loader.articles) or self._loader.loading:
            return  # only a complete index matches a key
        token = self._token(n)
        if token is not None and self._cache is not None:
            self._cache.write_index(token, index.snapshot_items())
