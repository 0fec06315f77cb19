"""What the list shows around the articles: the status line's state and the list's order.

The status line is redrawn on every cursor move, so what is costly to count (the unread
articles) is counted again only when the store or the articles changed; progress shares never
go backwards. ``S`` sorts in a worker (100k titles take a while) and switches the list to the
new order only once it is computed.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING

from newsreader.sorting import SORT_NAMES, Sort, next_sort
from newsreader.tui.messages import SortReady
from newsreader.tui.widgets.status_line import StatusState, load_percent

if TYPE_CHECKING:
    from newsreader.tui.app import NewsReaderApp


class ViewController:
    """Gathers the status line's state; cycles the list's order."""

    def __init__(self, app: NewsReaderApp) -> None:
        self.app = app
        self._load_percent = 0
        self._unread_key: tuple[int, int] = (-1, -1)
        self._unread_count = 0
        self._sort_wanted: Sort | None = None

    def status_state(self) -> StatusState:
        """What the status line shows, gathered from the controllers, the store and the
        reader."""
        app = self.app
        load, search, reader, rows = app.loader.state, app.searcher.state, app.reader, None
        with suppress(Exception):
            rows = app.article_list
        state = StatusState(
            articles=len(app.library.articles),
            recogniser=app.reading.active_recogniser or app.recogniser,
            show_quotes=reader.show_quotes,
            show_entities=reader.show_entities,
            loading=load.loading,
            bytes_done=app.library.bytes_done,
            bytes_total=app.library.bytes_total,
            load_percent=self._load_percent if load.loading else 0,
            indexing=load.indexing,
            index_done=load.index_done,
            index_total=load.index_total,
            unsaved=bool(app.store.last_error),
            query=search.text,
            query_error=search.error,
            searching=search.searching,
            shown_rows=rows.row_count if rows else 0,
            position=rows.cursor + 1 if rows and rows.row_count else 0,
            unread=self._unread(),
            sort=SORT_NAMES[app.library.sort],
            current_match=reader.current_match,
            matches=len(reader.matches),
            refresh_done=app.feeds.state.done,
            refresh_total=app.feeds.state.total if app.feeds.running else 0,
            refresh_new=app.feeds.state.new,
            fetching=app.feeds.fetching_title if app.feeds.fetching is not None else "",
        )
        self._load_percent = load_percent(state) if load.loading else 0
        return state

    def _unread(self) -> int:
        """Unread articles, counted again only when the store or the articles changed (the
        line is redrawn on every cursor move)."""
        app = self.app
        key = (app.store.version, len(app.library.articles))
        if key != self._unread_key:
            self._unread_key = key
            self._unread_count = app.library.counts(app.store).unread
        return self._unread_count

    def cycle_sort(self) -> None:
        """``S``: the next order, sorted in a worker (100k titles take a while), then shown."""
        sort = next_sort(self._sort_wanted or self.app.library.sort)
        self._sort_wanted = sort
        self.app.notify(f"Sorting: {SORT_NAMES[sort]}…", timeout=2)
        library = self.app.library

        def sort_in_thread() -> None:
            library.shown_order(sort)
            self.app.post_message(SortReady(sort))

        self.app.run_worker(
            sort_in_thread, name="sort", group="sort", thread=True, exit_on_error=False
        )

    def sort_ready(self, message: SortReady) -> None:
        if message.sort != self._sort_wanted:
            return  # S was pressed again meanwhile: that order is on its way
        self._sort_wanted = None
        self.app.library.sort = message.sort
        self.app.searcher.rerun_keeping_cursor()
        self.app.update_status()
