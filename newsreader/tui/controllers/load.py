"""Loading and indexing: two workers, their progress messages, and the rows they bring.

Everything slow runs in threads: the loader splits (or reads from the cache) every source, the
indexer builds the search index alongside it, and both post coalesced progress messages, so the
first rows appear while the rest of a 100k-article archive is still loading.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING

from textual.app import App

from newsreader.tui.messages import FilesGrown, IndexFinished, LoadFinished, LoadProgress

if TYPE_CHECKING:
    from newsreader.tui.app import NewsReaderApp

#: Longest gap between progress messages from the loader (coalesced: the UI repaints ~20x/s).
PROGRESS_INTERVAL = 0.05


@dataclass
class LoadState:
    """How far loading and indexing have got, as the status line shows it."""

    loading: bool = True
    indexing: bool = True
    #: Index progress: articles done (twice over: words, then entities) and in all.
    index_done: int = 0
    index_total: int = 0


class LoadController:
    """Starts the loader and the indexer and applies what they report."""

    def __init__(
        self, app: NewsReaderApp, texts: Sequence[tuple[str, str]], paths: Sequence[str]
    ) -> None:
        self.app = app
        self.library = app.library
        self.state = LoadState()
        self._texts = list(texts)
        # Files are read by the load worker (``Library.load_files``), so a cached file is
        # never decoded and a fresh one is cleaned window by window as it is split.
        self._paths = list(paths)
        self._resumed = False
        self._index_again = False
        self._reloading = False

    def start(self) -> None:
        self.app.run_worker(
            self._load, name="load", group="load", thread=True, exclusive=True, exit_on_error=False
        )
        self._start_index()

    def index_more(self) -> None:
        """Articles were appended after loading (a refresh): index them too."""
        if self.state.indexing:
            self._index_again = True  # the running build may be past them already
            return
        self.state.indexing = True
        self._start_index()

    def reload_grown(self) -> list[str]:
        """``r``: load what the files that grew since they were read now hold more (in a
        worker); the files being read, none if loading is still going on."""
        if self.state.loading or self._reloading:
            return []
        grown = self.library.grown_files()
        if grown:
            self._reloading = True
            self.app.run_worker(
                lambda: self._load_grown(grown),
                name="grown",
                group="load",
                thread=True,
                exit_on_error=False,
            )
        return grown

    def _load_grown(self, files: list[str]) -> None:
        try:
            count = self.library.load_grown(files)
        except Exception as error:
            self.app.post_message(FilesGrown(files, 0, f"{type(error).__name__}: {error}"))
            return
        self.app.post_message(FilesGrown(files, count))

    def grown_loaded(self, message: FilesGrown) -> None:
        """New articles from grown files: in the list, the cursor staying on its article."""
        self._reloading = False
        app = self.app
        if message.error:
            app.notify(f"Could not reload: {message.error}", severity="error", markup=False)
        names = ", ".join(Path(name).name for name in message.files)
        app.notify(f"{message.count:,} new article(s) from {names}", timeout=4, markup=False)
        app.article_list.articles_added()
        app.searcher.rerun_keeping_cursor()
        self.index_more()
        app.show_library_warnings()
        app.refresh_sidebar()
        app.update_status()

    def _start_index(self) -> None:
        # Not ``exclusive``: ``state.indexing`` already keeps it to one build at a time, and
        # the next build (``index_more`` after ``IndexFinished``) may start while the last
        # worker, its thread done, is not marked finished yet: exclusive cancelled it, and
        # anyone waiting on the workers (the Pilot tests' ``loaded``) got WorkerCancelled.
        self.app.run_worker(
            self._index, name="index", group="index", thread=True, exit_on_error=False
        )

    # -- in the workers' threads -------------------------------------------------------------

    def _load(self) -> None:
        """Split (or read from the cache) every text; rows appear batch by batch.

        With a library the CLI already set loading (``preload_files``, started before Textual
        was imported), this only follows it.
        """
        library = self.library
        report = _Coalesced(self.app, "loading")

        def progress(count: int, done: int) -> None:
            report(done, library.bytes_total, rows=count)

        try:
            follower = self.app.feeds.follower
            if library.preloading:
                library.follow(on_batch=progress)
            else:
                if self._paths:
                    library.load_files(self._paths, on_batch=progress)
                if follower is not None:
                    library.load_sources(follower.new_sources(), on_batch=progress)
            if self._texts:
                library.load_texts(self._texts, on_batch=progress)
        except Exception as error:
            failure = f"{type(error).__name__}: {error}"
            self.app.post_message(LoadFinished(len(library.articles), failure))
            return
        library.shown_order()  # sorted in this thread: 100k entries take a tenth of a second
        self.app.post_message(LoadFinished(len(library.articles)))

    def _index(self) -> None:
        """Build the search index alongside the load (searches scan what it has not reached)."""
        try:
            self.library.ensure_index(_Coalesced(self.app, "indexing"))
        except Exception as error:
            self.app.post_message(IndexFinished(f"{type(error).__name__}: {error}"))
            return
        self.app.post_message(IndexFinished())

    # -- on the event loop -------------------------------------------------------------------

    def progress(self, message: LoadProgress) -> None:
        app = self.app
        if message.stage == "indexing":
            self.state.index_done, self.state.index_total = message.done, message.total
            if app.feeds.follower is not None:
                # Feed entries are found once indexed (never scanned): show them as it grows.
                app.searcher.rerun_while_loading()
        else:
            app.freeze_heap()  # as the articles arrive
            app.article_list.articles_added()
            app.show_library_warnings()
            if not self._resumed and self.library.articles:
                # The first rows are drawn by the coming refresh; then the loader may go on.
                self._resumed = True
                app.call_after_refresh(self._first_rows_painted)
            app.searcher.rerun_while_loading()
        app.update_status()

    def _first_rows_painted(self) -> None:
        self.library.resume()
        self.app.milestone("first_screen")

    def finished(self, message: LoadFinished) -> None:
        app = self.app
        self.state.loading = False
        app.show_library_warnings()
        app.freeze_heap()
        rows = app.article_list
        rows.empty_text = "No articles."
        rows.articles_added()
        order = self.library.shown_order()
        wanted = app.open_id and self.library.index_of(app.open_id)
        if not app.query_text and order is not None:
            at_top = rows.cursor == 0
            rows.set_rows(order)  # feed entries newest first
            if at_top:
                rows.cursor = 0  # the newest entry, not the one that happened to load first
        rows.refresh()
        if isinstance(wanted, int):
            app.open_id = None
            if rows.select_article(wanted):
                app.open_article(wanted)  # the page given on the command line
        if message.error:
            app.notify(f"Loading failed: {message.error}", severity="error", markup=False)
        app.searcher.rerun()
        app.refresh_sidebar()
        app.update_status()
        self._maybe_loaded()

    def index_finished(self, message: IndexFinished) -> None:
        app = self.app
        self.state.indexing = False
        if self._index_again and not message.error:
            self._index_again = False
            self.index_more()
        app.freeze_heap()  # the index's postings: hundreds of thousands of arrays
        if message.error:
            app.notify(f"Indexing failed: {message.error}", severity="error", markup=False)
        else:
            app.searcher.rerun()
        app.update_status()
        self._maybe_loaded()

    def _maybe_loaded(self) -> None:
        """Loading and indexing are both over: the "loaded" milestone, once it is painted."""
        if not self.state.loading and not self.state.indexing:
            self.app.call_after_refresh(self.app.milestone, "loaded")


class _Coalesced:
    """Posts at most one progress message per ``PROGRESS_INTERVAL`` (called from a worker).

    Except the first one that reports rows: a preload holds after its first batch until the
    UI has painted it, so no later progress would come to carry the news, and a message
    coalesced away there left the first screen waiting out the hold (3 s on a second start).
    """

    def __init__(self, app: App[int], stage: str) -> None:
        self._app = app
        self._stage = stage
        self._last = 0.0
        self._rows_told = False

    def __call__(self, done: int, total: int, rows: int = 0) -> None:
        now = monotonic()
        first_rows = rows > 0 and not self._rows_told
        if first_rows or now - self._last >= PROGRESS_INTERVAL:
            self._last = now
            self._rows_told = self._rows_told or rows > 0
            self._app.post_message(LoadProgress(self._stage, done, total))
