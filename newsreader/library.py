"""The loaded corpus: articles in order, their analyses on demand, and the search index.

The TUI must show rows while a 100k-article archive is still loading and answer searches while the
index is still being built, so:

* ``articles`` is append-only: a reader thread may index it at any time while ``load_texts``
  appends batches in a worker (each batch lands with one ``list.extend``);
* ``load_texts`` reads a source's articles from the on-disk cache when its text is unchanged, and
  otherwise splits it and saves the result; ``load_files`` does the same from paths, keyed by
  the raw bytes, so a cached file is never decoded (the fast second start);
* ``ensure_index`` (a worker) restores the index from the cache or builds it, words first (fast),
  then entities and speakers (slow: it runs the analyser on every article); it may run while
  ``load_texts`` is still appending, and indexes what has arrived;
* ``search`` answers from the index for the articles it covers and scans the rest, so it is right
  at every moment and fast once the index has caught up. Entity fields (``person:`` …) see only
  articles already analysed.

Nothing here imports Textual.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.cache import (
    CacheError,
    CorpusCache,
    SourceKey,
    code_fingerprint,
    file_key,
    source_key,
)
from newsreader.model import Analysis, Article, Span
from newsreader.search.highlight import match_spans
from newsreader.search.index import SearchIndex
from newsreader.search.query import Query, parse_query
from newsreader.search.scan import scan_match
from newsreader.search.state import UserState, resolve_state
from newsreader.search.tokens import canonical_text
from newsreader.sources.stream import TextStream, file_digest

if TYPE_CHECKING:
    from newsreader.analysis.child import ChildAnalysis
    from newsreader.split.child import ChildSplit

__all__ = ["Counts", "IndexStatus", "Library", "default_library"]

Splitter = Callable[[str, str], Iterable[Article]]
Analyzer = Callable[[Article], Analysis]
Progress = Callable[[int, int], None]

#: Articles appended (and reported through ``on_batch``) at a time while splitting.
BATCH = 1000
#: The very first batch is small, so the first screen does not wait for a thousand articles.
FIRST_BATCH = 50
#: Articles tokenised per step of the index build (between two looks at ``close()`` and at
#: the user's keys): about ten milliseconds of work.
INDEX_STEP = 64
#: How long building the index steps aside after the user's last key (seconds): the UI then
#: has the interpreter to itself, so holding j down never waits for a thread's turn.
COURTESY_S = 0.25
#: How long ``ensure_index`` waits for a first ``load_texts`` to begin (seconds).
FIRST_LOAD_GRACE = 2.0
#: Save a partly analysed index at most this often (seconds), so a quit does not lose it all.
SAVE_EVERY = 60.0
#: Longest a preload waits after its first batch for the UI to say it has drawn (seconds).
PRELOAD_HOLD = 3.0
#: Files at least this big are split in a child process (``split.child``), so that minutes of
#: splitting do not take the interpreter from the UI; smaller ones split in a second or less.
CHILD_SPLIT_BYTES = 8 * 1024 * 1024
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


@dataclass(frozen=True, slots=True)
class Counts:
    """Article counts for the sidebar."""

    total: int
    bookmarked: int
    read: int
    unread: int
    truncated: int


def _default_analyzer(article: Article) -> Analysis:
    from newsreader.analysis import analyze

    return analyze(article)


def default_library(cache_dir: Path | None, recogniser: str) -> Library:
    """The library the reader uses: the on-disk cache, and the analyser with ``recogniser``.

    The analyser is imported on its first use, not here: its rules take a noticeable part of
    a second to compile, and the first screen does not need them.
    """

    def analyse(article: Article) -> Analysis:
        from newsreader.analysis import analyze

        return analyze(article, recogniser=recogniser)

    return Library(
        cache_dir=cache_dir,
        analyzer=analyse,
        analyzer_key=f"newsreader.analysis.analyze:{recogniser}",
        # spaCy stays in this process: a second copy of its model would double the memory.
        child_recogniser=recogniser if recogniser == "builtin" else None,
    )


def _stream_split(pieces: Iterable[str], source: str) -> Generator[Article, None, None]:
    """Window by window (see ``split.stream``): the first articles come out in milliseconds,
    the text is pulled piece by piece as the windows need it, and each window is cleaned of
    control characters as it is split."""
    from newsreader.split.stream import iter_split

    for batch in iter_split(pieces, source):
        yield from batch


class _Pieces:
    """A source's text, to be read in pieces when (and only when) it has to be split."""

    def __iter__(self) -> Iterator[str]:
        raise NotImplementedError

    def done(self, end_line: int) -> int:
        """How much of the source (in its size unit) lies before line ``end_line``."""
        raise NotImplementedError


class _TextPieces(_Pieces):
    def __init__(self, text: str) -> None:
        self._text = text
        self._lines = max(1, text.count("\n") + 1)

    def __iter__(self) -> Iterator[str]:
        yield self._text

    def done(self, end_line: int) -> int:
        return min(len(self._text), len(self._text) * end_line // self._lines)


class _FilePieces(_Pieces):
    """A file streamed through :class:`TextStream`; its decoding warnings go to ``warn``."""

    def __init__(self, name: str, warn: Callable[[str], None]) -> None:
        self._name = name
        self._warn = warn
        self._stream: TextStream | None = None
        #: Set while a splitting child process reads the file instead (its progress counts).
        self.child: ChildSplit | None = None

    def __iter__(self) -> Iterator[str]:
        with open(self._name, "rb") as fh:
            stream = self._stream = TextStream(self._name, fh)
            yield from stream
        for warning in stream.warnings:
            self._warn(warning)

    def done(self, end_line: int) -> int:
        del end_line  # bytes read so far: a piece ahead of the split at most
        if self.child is not None:
            return self.child.bytes_read
        return 0 if self._stream is None else self._stream.bytes_read


@dataclass(slots=True)
class _Source:
    """One input on its way in: its name, cache key, size and a way to read its text."""

    name: str
    key: SourceKey | None
    size: int
    pieces: _Pieces


def _describe(fn: object) -> object:
    """Something whose name identifies ``fn`` across runs (a partial's address would not)."""
    if isinstance(fn, functools.partial):
        inner = fn.func
        name = f"{getattr(inner, '__module__', '?')}.{getattr(inner, '__qualname__', '?')}"
        return f"{name}{fn.args!r}{sorted(fn.keywords.items())!r}"
    return fn


class _Saver:
    """Saves a growing index now and then (``SAVE_EVERY``), so a quit loses little work."""

    def __init__(self, library: Library, index: SearchIndex) -> None:
        self._library = library
        self._index = index
        self._last = time.monotonic()

    def maybe(self) -> None:
        if time.monotonic() - self._last > SAVE_EVERY:
            self._library._save_index(self._index)
            self._last = time.monotonic()


class Library:
    """All articles of the opened sources, with search. Safe to read from any thread."""

    def __init__(
        self,
        cache_dir: Path | None = None,
        analyzer: Analyzer | None = None,
        *,
        splitter: Splitter | None = None,
        use_cache: bool = True,
        analyzer_key: str | None = None,
        analysis_cache_size: int = 2048,
        child_recogniser: str | None = None,
    ) -> None:
        self.articles: list[Article] = []
        self._analyzer: Analyzer = analyzer or _default_analyzer
        self._splitter: Splitter | None = splitter  # None: the streaming window splitter
        self._cache = CorpusCache(cache_dir) if use_cache else None
        self._split_code = code_fingerprint(_describe(splitter) if splitter else "split_text")
        self._analysis_code = code_fingerprint(
            analyzer_key
            if analyzer_key is not None
            else (_describe(analyzer) if analyzer else "analyze")
        )
        self._index_of: dict[str, int] = {}
        self._keys: list[SourceKey] = []
        self._index = SearchIndex()
        self._cond = threading.Condition()
        self._load_lock = threading.Lock()
        self._build_lock = threading.Lock()
        self._loading = False
        self._loads_started = 0
        self._cold = False  # some source of the current load is being split (not cached)
        self._building = False
        self._stop = threading.Event()
        self._bytes_done = 0
        self._bytes_total = 0
        self._truncated = 0
        self.analysis_errors = 0
        self._analyses: OrderedDict[str, Analysis] = OrderedDict()
        self._analyses_lock = threading.Lock()
        self._inflight: dict[str, threading.Event] = {}
        self._wanted: set[str] = set()  # ids a waiting reader wants kept once computed
        self._analysis_cache_size = analysis_cache_size
        self._parsed: OrderedDict[str, Query] = OrderedDict()
        self._parsed_lock = threading.Lock()
        #: Warnings about the inputs (bad UTF-8 …), appended as files are read.
        self.warnings: list[str] = []
        self._preload: threading.Thread | None = None
        self._preload_error: BaseException | None = None
        self._hold_first = False
        self._resume = threading.Event()
        self._quiet_until = 0.0
        #: Files this big or bigger are split by a child process (see ``CHILD_SPLIT_BYTES``).
        self.child_split_bytes = CHILD_SPLIT_BYTES
        #: The largest peak memory (kB) of a splitting child so far, for benchmarks.
        self.child_peak_rss_kb = 0
        #: The recogniser an analysis child may use for the index: the analyser must be
        #: ``analysis.analyze`` with it (None: always analyse in this process).
        self.child_recogniser = child_recogniser
        #: Articles of this many or more are analysed for the index in a child process.
        self.child_analysis_min = CHILD_ANALYSIS_MIN
        self._children: set[ChildAnalysis] = set()

    # -- loading -------------------------------------------------------------------------------

    def load_texts(
        self,
        texts: Iterable[tuple[str, str]],
        on_batch: Progress | None = None,
    ) -> None:
        """Append the articles of each ``(source_name, text)``, from the cache or by splitting.

        ``on_batch(articles_loaded, chars_done)`` follows every appended batch; ``bytes_total``
        is known up front when ``texts`` is a sequence. ``texts`` may be a generator, so that
        only one source's text need be held at a time.
        """
        if isinstance(texts, Sequence):
            self._bytes_total += sum(len(text) for _, text in texts)
        counted = isinstance(texts, Sequence)

        def sources() -> Iterator[_Source]:
            for name, text in texts:
                if not counted:
                    self._bytes_total += len(text)
                key = None if self._cache is None else source_key(name, text, self._split_code)
                yield _Source(name, key, len(text), _TextPieces(text))

        self._load(sources(), on_batch)

    def load_files(
        self,
        paths: Iterable[str | os.PathLike[str]],
        on_batch: Progress | None = None,
    ) -> None:
        """Append the articles of each file, looking the cache up by its raw bytes.

        The fast path for a second start: a file whose bytes are cached is hashed (a
        megabyte at a time) but never decoded. A file that is not cached is read, decoded
        and split piece by piece (:class:`~newsreader.sources.stream.TextStream`), so it is
        never whole in memory; its decoding warnings (bad UTF-8 …) are added to ``warnings``.
        Progress is counted in bytes. ``OSError`` from reading a file propagates (callers
        check paths first).
        """
        names = [os.fspath(p) for p in paths]
        with contextlib.suppress(OSError):
            self._bytes_total += sum(os.stat(name).st_size for name in names)

        def sources() -> Iterator[_Source]:
            for name in names:
                key = None
                with open(name, "rb") as fh:
                    st = os.fstat(fh.fileno())
                    if self._cache is not None:
                        key = file_key(name, file_digest(fh), st, self._split_code)
                yield _Source(name, key, st.st_size, _FilePieces(name, self.warnings.append))

        self._load(sources(), on_batch)

    def preload_files(self, paths: Sequence[str | os.PathLike[str]]) -> None:
        """Start :meth:`load_files` in a thread now, before any UI exists.

        Hashing the file and reading its first cached (or split) batch then overlap with the
        interpreter importing the UI, so the first rows are ready when the window is. After
        the first batch the thread waits until :meth:`resume` (or ``PRELOAD_HOLD`` seconds),
        so that it does not compete with the UI for the interpreter while the UI draws its
        first screen. :meth:`follow` reports its progress and re-raises its error.
        """
        self._hold_first = True
        self._resume.clear()

        def run() -> None:
            try:
                self.load_files(paths)
            except BaseException as error:  # handed to follow(), in the UI's worker
                self._preload_error = error

        self._preload = threading.Thread(target=run, name="newsreader-preload", daemon=True)
        self._preload.start()

    @property
    def preloading(self) -> bool:
        """Was :meth:`preload_files` called (whether or not it has finished)?"""
        return self._preload is not None

    def resume(self) -> None:
        """The UI has drawn its first screen: a preload may go on with the rest."""
        self._resume.set()

    def follow(self, on_batch: Progress | None = None) -> None:
        """Wait for the preload to finish, calling ``on_batch`` as articles arrive."""
        thread = self._preload
        if thread is None:
            return
        last = (-1, -1)
        while True:
            alive = thread.is_alive()
            now = (len(self.articles), self._bytes_done)
            if now != last and on_batch is not None:
                on_batch(*now)
                last = now
            if not alive:
                break
            with self._cond:
                self._cond.wait(0.05)
        thread.join()
        if self._preload_error is not None:
            raise self._preload_error

    def _load(self, sources: Iterator[_Source], on_batch: Progress | None) -> None:
        with self._load_lock:
            with self._cond:
                self._loading = True
                self._loads_started += 1
                self._cold = False
                self._cond.notify_all()
            try:
                for source in sources:
                    if self._stop.is_set():
                        break
                    self._load_one(source, on_batch)
            finally:
                with self._cond:
                    self._loading = False
                    self._cond.notify_all()

    def _load_one(self, src: _Source, on_batch: Progress | None) -> None:
        before, size, key = self._bytes_done, src.size, src.key
        skip = 0
        found = (
            None if self._cache is None or key is None else self._cache.read_articles(key, src.name)
        )
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
                self._keys.append(key)
                self._progress(before + size, on_batch)
                return
        with self._cond:
            self._cold = True
            self._cond.notify_all()
        start = len(self.articles) - skip
        pieces = src.pieces
        if self._splitter is not None:  # an injected whole-text splitter (tests, benchmarks)
            articles: Iterator[Article] = iter(self._splitter("".join(pieces), src.name))
        elif isinstance(pieces, _FilePieces) and size >= self.child_split_bytes:
            articles = self._split_in_child(src.name, pieces)
        else:
            articles = _stream_split(pieces, src.name)
        try:
            self._take(articles, src, before, start, skip, on_batch)
        finally:
            close = getattr(articles, "close", None)  # a generator: stop a splitting child
            if close is not None:
                close()

    def _take(
        self,
        articles: Iterator[Article],
        src: _Source,
        before: int,
        start: int,
        skip: int,
        on_batch: Progress | None,
    ) -> None:
        """Append ``articles`` in batches (after the first ``skip``), then cache the source."""
        size, key, pieces = src.size, src.key, src.pieces
        pending: list[Article] = []
        for i, article in enumerate(articles):
            if i < skip:
                continue
            pending.append(article)
            # Small batches until a screenful or so is in: rows keep coming while the rest of
            # a big file is split elsewhere (a thousand at a time after that).
            if len(pending) >= (BATCH if len(self.articles) >= BATCH else FIRST_BATCH):
                self._append(pending)
                self._progress(before + min(size, pieces.done(pending[-1].end_line)), on_batch)
                pending = []
                self._hold()
                if self._stop.is_set():
                    return  # an incomplete source is neither cached nor keyed
        if pending:
            self._append(pending)
            self._hold()
        self._progress(before + size, on_batch)
        if self._cache is not None and key is not None:
            self._keys.append(key)
            self._cache.write_articles(key, src.name, self.articles[start:])

    def _split_in_child(self, name: str, pieces: _FilePieces) -> Generator[Article, None, None]:
        """The first window split here (its rows are on screen in a fraction of a second), the
        rest by a child process: started first, so it is ready when told where to go on."""
        from newsreader.split.child import ChildSplit
        from newsreader.split.stream import iter_split

        child = ChildSplit(name, name)
        try:
            first = next(iter_split(pieces, name), [])
            child.start(first[-1].end_line if first else 0)
            pieces.child = child
            yield from first
            for batch in child:
                yield from batch
            self.warnings.extend(child.warnings)
            self.child_peak_rss_kb = max(self.child_peak_rss_kb, child.peak_rss_kb)
        finally:
            child.close()

    def _hold(self) -> None:
        """Called after every batch: after a preload's first one, wait for the UI's first screen
        (see preload_files); ``_hold_first`` makes every later call a no-op."""
        if self._hold_first:
            self._hold_first = False
            self._resume.wait(PRELOAD_HOLD)

    def _progress(self, done: int, on_batch: Progress | None) -> None:
        self._bytes_done = done
        if on_batch is not None:
            on_batch(len(self.articles), done)

    def _append(self, batch: Sequence[Article]) -> None:
        with self._cond:
            base = len(self.articles)
            for offset, article in enumerate(batch):
                self._index_of.setdefault(article.id, base + offset)
                self._truncated += article.truncated
            self.articles.extend(batch)
            self._cond.notify_all()

    @property
    def bytes_total(self) -> int:
        """Characters of text given to ``load_texts`` so far (for a progress bar; ``bytes_done``
        and ``on_batch`` count in the same unit)."""
        return self._bytes_total

    @property
    def bytes_done(self) -> int:
        return self._bytes_done

    def index_of(self, article_id: str) -> int | None:
        """Position of the (first) article with this id."""
        return self._index_of.get(article_id)

    def user_active(self) -> None:
        """The user just pressed a key: building the index pauses for ``COURTESY_S``."""
        self._quiet_until = time.monotonic() + COURTESY_S

    def _courtesy(self) -> None:
        """Wait while the user is busy with the UI (see ``user_active``)."""
        while not self._stop.is_set():
            left = self._quiet_until - time.monotonic()
            if left <= 0:
                return
            self._stop.wait(left)

    def close(self) -> None:
        """Ask running loads and index builds to stop soon (call before the app exits)."""
        self._stop.set()
        self._resume.set()
        with self._cond:
            self._cond.notify_all()
            children = list(self._children)
        for child in children:
            child.close()  # its reader thread then sees the pipe end at once

    # -- analysis ------------------------------------------------------------------------------

    def analysis(self, i: int) -> Analysis:
        """Quotes and entities of article ``i``: computed on first use, kept in a bounded LRU."""
        return self._analyse_once(self.articles[i], remember=True)

    def _analysis_for_index(self, article: Article) -> Analysis:
        try:
            # Not remembered: 100k articles passing through would evict what the reader uses.
            return self._analyse_once(article, remember=False)
        except Exception:
            # One article the analyser chokes on must not stop the index: it just has no
            # entities. (Opening it in the reader calls ``analysis`` and shows the error.)
            self.analysis_errors += 1
            return Analysis()

    def _analyse_once(self, article: Article, remember: bool) -> Analysis:
        """Analyse ``article`` unless it is cached or another thread is already at it.

        The reader's worker and the index builder often want the same article at the same
        moment (the one just opened); analysing a huge one twice at once doubles the wait.
        """
        while True:
            with self._analyses_lock:
                hit = self._analyses.get(article.id)
                if hit is not None:
                    self._analyses.move_to_end(article.id)
                    return hit
                busy = self._inflight.get(article.id)
                if busy is None:
                    done = self._inflight[article.id] = threading.Event()
                    break
                if remember:
                    self._wanted.add(article.id)  # so the other thread keeps its result
            busy.wait()  # then look again: a hit, or (if it failed) our turn to compute
        try:
            result = self._analyzer(article)
            with self._analyses_lock:
                if remember or article.id in self._wanted:
                    self._analyses[article.id] = result
                    while len(self._analyses) > self._analysis_cache_size:
                        self._analyses.popitem(last=False)
            return result
        finally:
            with self._analyses_lock:
                del self._inflight[article.id]
                self._wanted.discard(article.id)
            done.set()

    # -- the index -----------------------------------------------------------------------------

    def index_status(self) -> IndexStatus:
        index = self._index
        return IndexStatus(
            articles=len(self.articles),
            indexed=len(index),
            analysed=index.analysed_count,
            loading=self._loading,
            building=self._building,
        )

    def ensure_index(self, on_progress: Progress | None = None) -> None:
        """Restore or build the search index, words then entities. Meant for a worker thread.

        Runs until every article loaded (including those still arriving from a concurrent
        ``load_texts`` in another thread) is indexed and analysed, or ``close()`` is called. If
        no load has begun yet it waits up to ``FIRST_LOAD_GRACE`` seconds for one, so the two
        workers may be started in either order. ``on_progress(done, total)`` counts two steps
        per article: its words, then its entities.
        """
        with self._build_lock:
            self._building = True
            try:
                self._build(on_progress)
            finally:
                self._building = False

    def _build(self, on_progress: Progress | None) -> None:
        # A UI may start the index worker a moment before the load worker: give the load a
        # chance to begin rather than finish at once with nothing indexed.
        deadline = time.monotonic() + FIRST_LOAD_GRACE
        with self._cond:
            while not self._loads_started and not self._stop.is_set():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
        # While every source so far comes from the cache, the index most likely does too: wait
        # for the load to finish rather than tokenise articles it would restore in a moment.
        with self._cond:
            while self._loading and not self._cold and not self._stop.is_set():
                self._cond.wait(0.05)
        tried_cache = False
        built = False
        while not self._stop.is_set():
            with self._cond:
                loading, n = self._loading, len(self.articles)
            if len(self._index) == 0 and not loading and not tried_cache:
                tried_cache = True
                restored = self._restore_index()
                if restored is not None:
                    self._index = restored
            index = self._index
            if len(index) < n:
                self._index_words(index, n, on_progress)
                built = True
                continue
            if not loading:
                break
            with self._cond:
                self._cond.wait_for(functools.partial(self._has_news, n), timeout=1.0)
        if self._stop.is_set():
            return
        index = self._index
        if not index.has_pairs and len(index):
            index.index_pairs()
            built = True
        if built:
            self._save_index(index)
        if self._analyse_all(index, on_progress):
            index.compact()  # the entity postings are complete now
            self._save_index(index)

    def _has_news(self, seen: int) -> bool:
        return len(self.articles) > seen or not self._loading or self._stop.is_set()

    def _index_words(self, index: SearchIndex, n: int, on_progress: Progress | None) -> None:
        articles = self.articles
        doc = len(index)
        while doc < n and not self._stop.is_set():
            self._courtesy()
            end = min(n, doc + INDEX_STEP)
            batch = articles[doc:end]
            terms = [index.prepare(a) for a in batch]  # the slow part, outside the index lock
            for offset, (article, t) in enumerate(zip(batch, terms, strict=True)):
                index.add_terms(doc + offset, article, t)
            doc = end
            if on_progress is not None:
                on_progress(doc + index.analysed_count, 2 * len(self.articles))

    def _analyse_all(self, index: SearchIndex, on_progress: Progress | None) -> bool:
        """Analyse every indexed article not yet analysed; True if anything was added.

        Many of them go to a child process (see ``analysis.child``); what it could not do,
        and a small number, are analysed here.
        """
        n = len(index)
        todo = [doc for doc in range(n) if not index.is_analysed(doc)]
        if not todo:
            return False
        saver = _Saver(self, index)
        if self.child_recogniser is not None and len(todo) >= self.child_analysis_min:
            self._analyse_in_child(index, todo, on_progress, saver)
        for doc in todo:
            if self._stop.is_set():
                break
            if index.is_analysed(doc):
                continue
            self._courtesy()
            index.add_analysis(doc, self._analysis_for_index(self.articles[doc]))
            done = index.analysed_count
            if on_progress is not None and (done % 64 == 0 or done == n):
                on_progress(n + done, 2 * n)
            saver.maybe()
        return not self._stop.is_set()

    def _analyse_in_child(
        self, index: SearchIndex, todo: list[int], on_progress: Progress | None, saver: _Saver
    ) -> None:
        """The names of ``todo`` from an analysis child, as they come. If the child fails,
        the articles it did not answer for are left to the in-process loop."""
        from newsreader.analysis.child import ChildAnalysis

        n = len(index)
        with self._cond:  # ``close`` stops every child it finds here
            if self._stop.is_set():
                return
            child = ChildAnalysis(str(self.child_recogniser))
            self._children.add(child)
        try:
            child.start(self.articles, todo)
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
                saver.maybe()
            self.child_peak_rss_kb = max(self.child_peak_rss_kb, child.peak_rss_kb)
        except RuntimeError:
            pass  # what is left is analysed in this process
        finally:
            with self._cond:
                self._children.discard(child)
            child.close()

    def _index_token(self, n: int) -> str | None:
        if self._cache is None or not self._keys:
            return None
        from hashlib import blake2b

        raw = "\n".join([self._analysis_code, str(n), *(k.token for k in self._keys)])
        return blake2b(raw.encode(), digest_size=16).hexdigest()

    def _restore_index(self) -> SearchIndex | None:
        n = len(self.articles)
        token = self._index_token(n)
        if token is None or self._cache is None or n == 0:
            return None
        snapshot = self._cache.read_index(token)
        if snapshot is None:
            return None
        try:
            return SearchIndex.restore(snapshot, self.articles)
        except (KeyError, TypeError, ValueError):
            return None

    def _save_index(self, index: SearchIndex) -> None:
        n = len(index)
        if n != len(self.articles) or self._loading:
            return  # only a complete index matches a key
        token = self._index_token(n)
        if token is not None and self._cache is not None:
            self._cache.write_index(token, index.snapshot_items())

    # -- searching -----------------------------------------------------------------------------

    def query(self, text: str) -> Query:
        """``parse_query`` with a small memo (the UI asks again for highlighting and n/N)."""
        with self._parsed_lock:
            hit = self._parsed.get(text)
        if hit is None:
            hit = parse_query(text)
            with self._parsed_lock:
                self._parsed[text] = hit
                while len(self._parsed) > 64:
                    self._parsed.popitem(last=False)
        return hit

    def search(self, text: str, state: UserState | None = None) -> list[int]:
        """Ascending indices of the articles matching ``text`` (every article when it is empty)."""
        query = self.query(text)
        n = len(self.articles)
        if query.is_empty:
            return list(range(n))
        index = self._index
        covered = min(len(index), n)
        found = index.search(query, state) if covered else []
        if covered < n:
            # The index may have grown since ``covered`` was read: keep its answer below that
            # line and scan from there, so nothing is counted twice or missed.
            del found[bisect.bisect_left(found, covered) :]
            found.extend(self._scan(query, state, covered, n))
        return found

    def count(self, text: str, state: UserState | None = None) -> int:
        """How many articles match ``text``."""
        query = self.query(text)
        index = self._index
        if len(index) >= len(self.articles):
            return index.count(query, state)
        return len(self.search(text, state))

    def spans(self, i: int, text: str) -> list[Span]:
        """Where the words of query ``text`` occur in article ``i`` (for the reader and n/N)."""
        return match_spans(self.articles[i], self.query(text))

    def _scan(self, query: Query, state: UserState | None, lo: int, hi: int) -> list[int]:
        """The linear fallback for articles not indexed yet (entity fields match none of them)."""
        if query.needs_analysis:
            return []
        filters = resolve_state(query, state)
        if filters.nothing:
            return []
        needs_text = bool(query.has_text or query.excluded_words or query.excluded_phrases)
        out = []
        articles = self.articles
        accepts = None if filters.everything else filters.accepts
        for i in range(lo, hi):
            article = articles[i]
            if accepts is not None and not accepts(article.id):
                continue
            canon = canonical_text(article) if needs_text else ""
            if scan_match(query, canon, article.source, article.truncated):
                out.append(i)
        return out

    # -- counts --------------------------------------------------------------------------------

    def counts(self, state: UserState | None = None) -> Counts:
        total = len(self.articles)
        truncated = self._truncated
        if state is None:
            return Counts(total, 0, 0, total, truncated)
        ids = self._index_of
        bookmarked = sum(1 for x in state.bookmarks() if x in ids)
        read = sum(1 for x in state.read_ids() if x in ids)
        return Counts(total, bookmarked, read, total - read, truncated)

    def tag_counts(self, state: UserState, tags: Iterable[str]) -> dict[str, int]:
        """Articles of this corpus carrying each tag (the store knows the tag names)."""
        ids = self._index_of
        return {tag: sum(1 for x in state.ids_with_tag(tag) if x in ids) for tag in tags}
