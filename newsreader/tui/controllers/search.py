"""Searching: the query being shown, the search worker, and the list and matches it updates.

With the index finished a search takes about a millisecond, so it is answered in the
keystroke's own turn and the list is painted in the same frame as the bar's new text; before
that it runs in a worker (the library scans what the index has not reached), and results that
a newer query overtook are dropped by their ``generation``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from time import monotonic
from typing import TYPE_CHECKING

from newsreader.model import Span
from newsreader.tui.messages import SearchDone
from newsreader.tui.typing_tags import search_state

if TYPE_CHECKING:
    from newsreader.tui.app import NewsReaderApp

#: Re-run the active search at most this often while articles are still arriving.
RESEARCH_WHILE_LOADING = 1.0


@dataclass
class SearchState:
    """The query the list answers."""

    #: As typed (a trailing space means "that word is complete" to the query parser); "" for
    #: none, when the list shows every article.
    text: str = ""
    error: str | None = None
    #: The answer to ``text`` is still being worked out.
    searching: bool = False
    #: Counts the searches started; a ``SearchDone`` of an older one is stale.
    generation: int = 0
    started_at: float = 0.0


class SearchController:
    """Runs searches and applies their results to the list and the reader's matches."""

    def __init__(self, app: NewsReaderApp) -> None:
        self.app = app
        self.library = app.library
        self.state = SearchState()

    def run(self, text: str) -> None:
        """Show the articles matching ``text`` ("" or blanks: every article)."""
        app, state = self.app, self.state
        state.generation += 1
        state.text = text if text.strip() else ""
        state.error = None
        if not state.text:
            state.searching = False
            app.article_list.set_rows(self.library.shown_order())
            app.reader.set_matches(())
            app.update_status()
            return
        state.searching = True
        state.started_at = monotonic()
        if self.index_ready():
            # Answered from the finished index: no debounce and no thread; the result still
            # travels as a SearchDone, handled now rather than posted, so the list changes in
            # the keystroke's own turn and is painted in the same frame as the bar's text.
            self.done(self._search(state.text, state.generation))
            return
        app.update_status()
        app.run_worker(
            partial(self._search_in_thread, state.text, state.generation),
            name="search",
            group="search",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def rerun(self) -> None:
        """Search again for the shown query (the articles or the saved data changed)."""
        if self.state.text:
            self.run(self.state.text)

    def rerun_keeping_cursor(self) -> None:
        """Articles were added (a refresh): show them, the cursor staying on its article."""
        if self.state.text:
            self.run(self.state.text)
        else:
            self.app.article_list.set_rows(self.library.shown_order())

    def rerun_while_loading(self) -> None:
        """Articles arrived: search again, at most every ``RESEARCH_WHILE_LOADING``."""
        if self.state.text and monotonic() - self.state.started_at > RESEARCH_WHILE_LOADING:
            self.run(self.state.text)

    def index_ready(self) -> bool:
        """Searches are answered in about a millisecond: from the finished word index, or
        while a refresh adds feed entries the index has not reached (never scanned)."""
        library = self.library
        if self.app.loader.state.loading:
            return False
        return library.index_status().words_ready or library.answers_at_once()

    def _search_in_thread(self, text: str, generation: int) -> None:
        self.app.post_message(self._search(text, generation))

    def _search(self, text: str, generation: int) -> SearchDone:
        """The answer for ``text`` (on the event loop or in the worker's thread)."""
        try:
            found = self.library.search(text, search_state(self.app.store, text))
            rows = self.library.arrange(found)
        except Exception as error:
            return SearchDone(text, generation, None, str(error) or type(error).__name__)
        return SearchDone(text, generation, list(rows))

    def done(self, message: SearchDone) -> None:
        """Show a search's result, unless a newer search is on its way."""
        state = self.state
        if message.generation != state.generation:
            return
        state.searching = False
        if message.rows is None:
            state.error = message.error
        else:
            state.error = None
            self.app.article_list.set_rows(message.rows)
            reader = self.app.reader
            index = reader.index
            if index is not None:
                # Not before the list is repainted (see ``Reader.set_matches_soon``).
                reader.set_matches_soon(lambda: self.matches_for(index), self.app.update_status)
        self.app.update_status()

    def matches_for(self, index: int) -> tuple[Span, ...]:
        """Where the shown query matches article ``index`` (for the reader's highlights)."""
        if not self.state.text or self.state.error:
            return ()
        try:
            return tuple(self.library.spans(index, self.state.text))
        except Exception:  # highlighting is a nicety; never let it break reading
            return ()
