"""The Library: the loaded corpus, its analyses and its search index, behind one face.

The work is done by named parts; this class composes them and routes calls:

* a :class:`~newsreader.library.loader.Loader` turns sources (text files, stdin: any
  :class:`~newsreader.sources.source.Source`) into ``articles``, from the on-disk cache when a
  source is unchanged, with the preload/hold/resume dance around the UI's first screen;
* an :class:`~newsreader.library.analyses.AnalysisCache` analyses articles on demand (the one
  cache of analyses);
* an :class:`~newsreader.library.builder.IndexBuilder` restores or builds the search index,
  words then entities and speakers, while the load is still going;
* a :class:`~newsreader.library.finder.Finder` answers queries from the index and scans what
  it has not reached yet, so a search is right at every moment.

Safe to read from any thread. Nothing here imports Textual.
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from newsreader.library.analyses import AnalysisCache, Analyzer
from newsreader.library.builder import IndexBuilder, IndexStatus
from newsreader.library.cache import CorpusCache, code_fingerprint
from newsreader.library.feed_tags import FeedTags, WithFeedTags
from newsreader.library.finder import Counts, Finder
from newsreader.library.loader import Loader, Progress
from newsreader.library.order import DisplayOrder
from newsreader.model import Analysis, Article, Entry, Span
from newsreader.search.query import Query
from newsreader.search.state import ReadState
from newsreader.sorting import Sort
from newsreader.sources.html import HtmlFileSource, is_html_path
from newsreader.sources.source import FileSource, PieceSplitter, Source, TextSource, stream_split

__all__ = ["CHILD_SPLIT_BYTES", "Library", "default_library"]

#: A whole-text splitter injected by tests and benchmarks: ``(text, source name) -> articles``.
Splitter = Callable[[str, str], Iterable[Article]]

#: Files at least this big are split in a child process (``split.child``), so that minutes of
#: splitting do not take the interpreter from the UI; smaller ones split in a second or less.
CHILD_SPLIT_BYTES = 8 * 1024 * 1024


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


def _describe(fn: object) -> object:
    """Something whose name identifies ``fn`` across runs (a partial's address would not)."""
    if isinstance(fn, functools.partial):
        inner = fn.func
        name = f"{getattr(inner, '__module__', '?')}.{getattr(inner, '__qualname__', '?')}"
        return f"{name}{fn.args!r}{sorted(fn.keywords.items())!r}"
    return fn


def _whole_text(splitter: Splitter) -> PieceSplitter:
    """An injected whole-text splitter, fed the source's pieces joined."""

    def split(pieces: Iterable[str], name: str) -> Iterator[Article]:
        return iter(splitter("".join(pieces), name))

    return split


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
        cache = CorpusCache(cache_dir) if use_cache else None
        split_code = code_fingerprint(_describe(splitter) if splitter else "split_text")
        analysis_code = code_fingerprint(
            analyzer_key
            if analyzer_key is not None
            else (_describe(analyzer) if analyzer else "analyze")
        )
        self._stop = threading.Event()
        self._whole_text_splitter = splitter is not None
        split = _whole_text(splitter) if splitter is not None else stream_split
        self._loader = Loader(cache, split, split_code, self._stop)
        self._analyses = AnalysisCache(analyzer or _default_analyzer, analysis_cache_size)
        self._builder = IndexBuilder(
            self._loader, self._analyses, cache, analysis_code, self._stop, child_recogniser
        )
        self._finder = Finder(self._loader, lambda: self._builder.index)
        self._order = DisplayOrder(self._loader.articles)
        #: Tags of feeds, counted as tags of their entries (set by whoever opens the archive).
        self.feed_tags: FeedTags | None = None
        #: The articles in load order; append-only, readable while a load appends.
        self.articles: list[Article] = self._loader.articles
        #: Warnings about the inputs (bad UTF-8 …), appended as files are read.
        self.warnings: list[str] = self._loader.warnings
        #: The files given to ``load_files``: absolute path -> the name as given.
        self._file_names: dict[str, str] = {}
        #: Files this big or bigger are split by a child process (see ``CHILD_SPLIT_BYTES``).
        self.child_split_bytes = CHILD_SPLIT_BYTES

    # -- loading -------------------------------------------------------------------------------

    def load_texts(
        self, texts: Iterable[tuple[str, str]], on_batch: Progress | None = None
    ) -> None:
        """Append the articles of each ``(source_name, text)``, from the cache or by splitting.

        ``on_batch(articles_loaded, chars_done)`` follows every appended batch; ``bytes_total``
        is known up front when ``texts`` is a sequence. ``texts`` may be a generator, so that
        only one source's text need be held at a time.
        """
        total = sum(len(text) for _, text in texts) if isinstance(texts, Sequence) else None
        self.load_sources((TextSource(name, text) for name, text in texts), on_batch, total)

    def load_files(
        self, paths: Iterable[str | os.PathLike[str]], on_batch: Progress | None = None
    ) -> None:
        """Append the articles of each file, looking the cache up by its raw bytes.

        A file whose bytes are cached is hashed but never decoded (the fast second start); one
        that is not is read, decoded and split piece by piece, never whole in memory. Progress
        is counted in bytes. ``OSError`` from reading a file propagates (callers check paths).
        """
        names = [os.fspath(p) for p in paths]
        self._file_names.update((os.path.abspath(name), name) for name in names)
        total = 0
        with contextlib.suppress(OSError):
            total = sum(os.stat(name).st_size for name in names)
        child_bytes = None if self._whole_text_splitter else self.child_split_bytes

        def source(name: str) -> Source:
            if is_html_path(name):
                return HtmlFileSource(name)  # a saved page: one article, extracted
            return FileSource(name, child_bytes)

        self.load_sources((source(name) for name in names), on_batch, total)

    def load_sources(
        self, sources: Iterable[Source], on_batch: Progress | None = None, total: int | None = None
    ) -> None:
        """Append the articles of any sources (the plug-in point: see ``sources.source``)."""
        self._loader.load(sources, on_batch, total)

    def grown_files(self) -> list[str]:
        """Files loaded whole that are bigger on disk now (appended to while being read)."""
        with self._loader.cond:
            keys = list(self._loader.keys)
        sizes = {key.name: key.size for key in keys if key.digest.startswith("b")}
        grown = []
        for where, size in sizes.items():
            name = self._file_names.get(where)
            with contextlib.suppress(OSError):
                if name is not None and os.stat(where).st_size > size:
                    grown.append(name)  # as given: the articles' source names say it so
        return grown

    def load_grown(self, paths: Iterable[str], on_batch: Progress | None = None) -> int:
        """Append the new articles of files that grew (see ``sources.grown``); how many.

        Meant for a worker thread; the list's order is sorted here too."""
        from newsreader.sources.grown import GrownFile

        before = len(self.articles)
        self.load_sources((GrownFile(name, self._loader.index_of) for name in paths), on_batch)
        self.shown_order()
        return len(self.articles) - before

    def preload_files(self, paths: Sequence[str | os.PathLike[str]]) -> None:
        """Start :meth:`load_files` in a thread now, before any UI exists.

        Hashing the file and reading its first batch then overlap with the interpreter importing
        the UI. After the first batch the thread waits until :meth:`resume` (or a few seconds),
        so it does not compete with the UI while it draws its first screen. :meth:`follow`
        reports its progress and re-raises its error.
        """
        self.preload(lambda: self.load_files(paths))

    def preload(self, load: Callable[[], None]) -> None:
        """:meth:`preload_files` for any loading: ``load`` runs in the preload thread."""
        self._loader.preload(load)

    @property
    def preloading(self) -> bool:
        """Was :meth:`preload_files` called (whether or not it has finished)?"""
        return self._loader.preloading

    def resume(self) -> None:
        """The UI has drawn its first screen: a preload may go on with the rest."""
        self._loader.resume()

    def follow(self, on_batch: Progress | None = None) -> None:
        """Wait for the preload to finish, calling ``on_batch`` as articles arrive."""
        self._loader.follow(on_batch)

    @property
    def bytes_total(self) -> int:
        """Size of the sources given so far (characters of text, or bytes of files), for a
        progress bar; ``bytes_done`` and ``on_batch`` count in the same unit."""
        return self._loader.bytes_total

    @property
    def bytes_done(self) -> int:
        return self._loader.bytes_done

    def index_of(self, article_id: str) -> int | None:
        """Position of the (first) article with this id."""
        return self._loader.index_of.get(article_id)

    def user_active(self) -> None:
        """The user just pressed a key: building the index pauses for a moment."""
        self._builder.user_active()

    def courtesy(self) -> None:
        """Wait while the user is pressing keys (background work calls this between steps,
        so the UI has the interpreter to itself; see ``user_active``)."""
        self._builder.courtesy()

    def close(self) -> None:
        """Ask running loads and index builds to stop soon (call before the app exits)."""
        self._stop.set()
        self._loader.wake()
        self._builder.stop_children()

    # -- analysis ------------------------------------------------------------------------------

    def analysis(self, i: int) -> Analysis:
        """Quotes and entities of article ``i``: computed on first use, then kept (a bounded
        LRU shared by every thread; a repeat call is a look-up)."""
        return self._analyses.get(self.articles[i])

    def text_changed(self, i: int) -> None:
        """Article ``i``'s text changed (a feed entry's whole story came, or ``F``): its next
        analysis is made afresh, and searches read its new text (the index keeps the words it
        was given until it is rebuilt: the archive's batch key changes with it)."""
        self._analyses.forget(self.articles[i].id)
        self._finder.changed.add(i)

    def known_analysis(self, i: int) -> Analysis | None:
        """The analysis of article ``i`` if the cache has it, else None (never computes: the
        reader draws a re-opened article highlighted at once, a new one plain first)."""
        return self._analyses.kept(self.articles[i])

    @property
    def analysis_errors(self) -> int:
        """Articles the analyser failed on while indexing (they have no entities)."""
        return self._builder.analysis_errors

    # -- the index -----------------------------------------------------------------------------

    def index_status(self) -> IndexStatus:
        return self._builder.status()

    def answers_at_once(self) -> bool:
        """Is a search answered in about a millisecond now? Once every article in memory is
        indexed, yes: what the index has not reached yet are feed entries, which a search
        does not scan (``Finder._scan``)."""
        status = self._builder.status()
        if status.words_ready:
            return True
        articles = self.articles
        return all(isinstance(a, Entry) for a in articles[status.indexed : len(articles)])

    def ensure_index(self, on_progress: Progress | None = None) -> None:
        """Restore or build the search index, words then entities. Meant for a worker thread.

        Runs until every article loaded (including those still arriving from a concurrent load
        in another thread) is indexed and analysed, or ``close()`` is called. If no load has
        begun yet it waits a moment for one, so the two workers may start in either order.
        ``on_progress(done, total)`` counts two steps per article: its words, then its names.
        """
        self._builder.ensure(on_progress)

    @property
    def child_recogniser(self) -> str | None:
        """The recogniser an analysis child may use for the index (None: never a child)."""
        return self._builder.child_recogniser

    @child_recogniser.setter
    def child_recogniser(self, value: str | None) -> None:
        self._builder.child_recogniser = value

    @property
    def child_analysis_min(self) -> int:
        """Articles of this many or more are analysed for the index in a child process."""
        return self._builder.child_analysis_min

    @child_analysis_min.setter
    def child_analysis_min(self, value: int) -> None:
        self._builder.child_analysis_min = value

    # -- searching -----------------------------------------------------------------------------

    def query(self, text: str) -> Query:
        """``parse_query`` with a small memo (the UI asks again for highlighting and n/N)."""
        return self._finder.query(text)

    def follow_feed_tags(self, tags_of_feeds: Callable[[], dict[str, list[str]]]) -> None:
        """Count each feed's tags (``tags_of_feeds()``: feed URL -> tags) as its entries'."""
        self.feed_tags = FeedTags(self.articles, tags_of_feeds)

    def _state(self, state: ReadState | None) -> ReadState | None:
        if state is None or self.feed_tags is None:
            return state
        return WithFeedTags(state, self.feed_tags)

    def search(self, text: str, state: ReadState | None = None) -> list[int]:
        """Ascending indices of the articles matching ``text`` (every article when it is empty)."""
        return self._finder.search(text, self._state(state))

    def shown_order(self, sort: Sort | None = None) -> list[int] | None:
        """Every article in the order the list shows them (``sort``, by default the current
        :attr:`sort`: see ``library.order``), or None when that is load order. The first call
        for a new article count or order sorts: make it in a worker thread."""
        return self._order.order(sort)

    def arrange(self, rows: list[int]) -> list[int]:
        """Search results (ascending indices) in the order the list shows articles."""
        return self._order.arrange(rows)

    @property
    def sort(self) -> Sort:
        """The order :meth:`shown_order` and :meth:`arrange` use ("file" unless changed)."""
        return self._order.sort

    @sort.setter
    def sort(self, value: Sort) -> None:
        self._order.sort = value

    def count(self, text: str, state: ReadState | None = None) -> int:
        """How many articles match ``text``."""
        return self._finder.count(text, self._state(state))

    def spans(self, i: int, text: str) -> list[Span]:
        """Where the words of query ``text`` occur in article ``i`` (for the reader and n/N)."""
        return self._finder.spans(i, text)

    def counts(self, state: ReadState | None = None) -> Counts:
        return self._finder.counts(state)

    def unread_by_feed(self, state: ReadState | None = None) -> dict[str, int]:
        """Unread entries per feed name (the sidebar's feeds section)."""
        return self._finder.unread_by_feed(state)

    def tag_counts(self, state: ReadState, tags: Iterable[str]) -> dict[str, int]:
        """Articles of this corpus carrying each tag (the store knows the tag names)."""
        return self._finder.tag_counts(self._state(state) or state, tags)

    def all_tags(self, state: ReadState) -> dict[str, int]:
        """Every tag, the user's and the feeds', with how many articles carry it."""
        return (self._state(state) or state).tag_counts()
