"""The newsreader App: composes the panes, owns the app-wide commands, routes worker results.

Everything slow — loading and splitting, indexing, searching, analysing the open article — runs
in ``@work(thread=True)`` workers that post messages back, so the first rows appear while the
rest of a 100k-article archive is still loading and no keystroke waits on the corpus.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from functools import partial
from pathlib import Path
from time import monotonic
from typing import Any, ClassVar

from textual import events, on, work
from textual.actions import SkipAction
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Container
from textual.content import Content
from textual.dom import NoScreen
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from newsreader.model import Analysis, Span
from newsreader.tui.collector import TICK_S as COLLECT_TICK_S
from newsreader.tui.commands import KeyCommands, TagFilters
from newsreader.tui.keys import bindings
from newsreader.tui.messages import (
    AnalysisReady,
    IndexFinished,
    LoadFinished,
    LoadProgress,
    NotesReady,
    SearchDone,
)
from newsreader.tui.ports import LibraryLike, MetaFactory, StoreLike
from newsreader.tui.runtime import Runtime, keyboard_from_terminal, own_process
from newsreader.tui.safe import one_line
from newsreader.tui.screens.help import HelpScreen
from newsreader.tui.screens.tag_editor import TagEditor
from newsreader.tui.typing_tags import search_state
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.key_bar import KeyBar
from newsreader.tui.widgets.reader import Reader
from newsreader.tui.widgets.search_bar import SearchBar
from newsreader.tui.widgets.sidebar import Counts, Sidebar

#: Longest gap between progress messages from the loader (coalesced: the UI repaints ~20x/s).
PROGRESS_INTERVAL = 0.05
#: Re-run the active search at most this often while articles are still arriving.
RESEARCH_WHILE_LOADING = 1.0
#: How often to pick up bookmarks and tags saved by another instance (two stat calls).
AUTO_RELOAD_SECONDS = 3.0


class NewsReaderApp(App[int]):
    """List pane, reader pane, search bar, filter sidebar, status line and footer."""

    CSS_PATH = "app.tcss"
    TITLE = "newsreader"
    BINDINGS: ClassVar[list[BindingType]] = [*bindings("app")]
    COMMANDS = App.COMMANDS | {KeyCommands, TagFilters}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 - Textual's API

    def __init__(
        self,
        texts: Sequence[tuple[str, str]],
        db_path: Path,
        cache_dir: Path | None = None,
        warnings: Iterable[str] = (),
        recogniser: str | None = None,
        *,
        paths: Sequence[str] = (),
        library: LibraryLike | None = None,
        store: StoreLike | None = None,
        meta: MetaFactory | None = None,
        runtime: Runtime | None = None,
        on_milestone: Callable[[str], None] | None = None,
    ) -> None:
        """``on_milestone`` is called with "first_screen" after the refresh that painted the
        first rows, and with "loaded" after the one that followed the end of loading and
        indexing (how ``benchmarks/launch_app.py`` times the app from outside)."""
        super().__init__()
        self._runtime = runtime or Runtime()
        self._on_milestone = on_milestone
        self._milestones: set[str] = set()
        self._texts = list(texts)
        # Files are read by the load worker (``Library.load_files``), so a cached file is
        # never decoded and a fresh one is cleaned window by window as it is split.
        self._paths = list(paths)
        self.db_path = db_path
        self._messages: list[tuple[str, str]] = [(w, "warning") for w in warnings]
        if library is None:
            recogniser = self._resolve(recogniser)
        self.recogniser = recogniser or "auto"
        self.library: LibraryLike = library or _default_library(cache_dir, self.recogniser)
        self.store: StoreLike = store or self._open_store(db_path)
        self._meta: MetaFactory = meta or _default_meta
        self.query_text = ""
        self.query_error: str | None = None
        self._generation = 0
        self._searching = False
        self.loading = True
        self.indexing = True
        self._progress: tuple[str, int, int] = ("loading", 0, 0)
        self._index_progress: tuple[int, int] = (0, 0)
        self._searched_at = 0.0
        self._active_recogniser: str | None = None
        self._shown_error: str | None = None
        self._shut_down = False
        self._quit_anyway = False
        self._warnings_shown = 0
        self._library_warnings_shown = 0
        self._resumed = False
        self._ids: tuple[int, frozenset[str]] = (-1, frozenset())

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Container(id="panes"):
            yield Sidebar(id="sidebar")
            yield ArticleList(
                self.library.articles,
                self.store,
                id="list",
                empty_text="Loading…",
                on_select=self._open_selected,
            )
            yield Reader(id="reader")
        yield SearchBar(id="search")
        yield Static(id="status")
        yield KeyBar(id="keys")

    def _panes_gone(self) -> bool:
        """True once the panes are gone: a worker's last message can arrive while the app is
        being taken down, and must not fail looking for them."""
        return self._shut_down or not self.query("#list")

    @property
    def article_list(self) -> ArticleList:
        return self.query_one("#list", ArticleList)

    @property
    def reader(self) -> Reader:
        return self.query_one("#reader", Reader)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one("#search", SearchBar)

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one("#sidebar", Sidebar)

    def get_default_screen(self) -> Screen[None]:
        return self._runtime.screen_class(id="_default")

    def on_mount(self) -> None:
        self.search_bar.instant = self._index_ready
        self.search_bar.deliver = self._query
        self.article_list.focus()
        for message, severity in self._messages:
            self.notify(message, severity=_severity(severity), timeout=12, markup=False)
        self._show_store_warnings()
        self._update_status()
        self._load()
        self._index()
        self.set_interval(AUTO_RELOAD_SECONDS, self._auto_reload)
        collector = self._runtime.collector
        if collector is not None:
            collector.install()
            self.set_interval(COLLECT_TICK_S, collector.tick)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            # The index is built in a thread; while the user types or scrolls it steps aside,
            # so the keys are answered at once rather than after the thread's turn.
            active = getattr(self.library, "user_active", None)
            if active is not None:
                active()
            if self._runtime.collector is not None:
                self._runtime.collector.key()
        await super().on_event(event)

    def _resolve(self, choice: str | None) -> str:
        """The recogniser to analyse with, decided once (None: as ``$NEWSREADER_ENTITIES`` says).

        Resolving here rather than per article keeps "auto" from probing for spaCy on every
        analysis, and a choice that cannot be met becomes a warning, not a crash.
        """
        from newsreader.analysis import RecogniserError, requested_recogniser, resolve_recogniser

        try:
            return resolve_recogniser(requested_recogniser(choice))
        except RecogniserError as error:
            self._messages.append((f"{error}; using the built-in recogniser.", "warning"))
            return "builtin"

    def _open_store(self, db_path: Path) -> StoreLike:
        try:
            from newsreader.storage.store import Store

            store: StoreLike = Store(db_path)
            return store
        except Exception as error:  # the app must start whatever the database is like
            from newsreader.storage.store import Store

            fallback = Path(tempfile.mkdtemp(prefix="newsreader-")) / "unsaved.json"
            self._messages.append(
                (
                    f"Could not open {db_path} ({error}); "
                    "bookmarks and tags will not be saved this session.",
                    "error",
                )
            )
            fallback_store: StoreLike = Store(fallback)
            return fallback_store

    def _show_store_warnings(self) -> None:
        """Notify the store's warnings not shown yet (it adds some on reload, e.g. a bad file)."""
        self._warnings_shown = self._notify_new(self.store, self._warnings_shown)

    def _notify_new(self, source: object, shown: int) -> int:
        """Notify ``source.warnings`` from number ``shown`` on; how many are shown now."""
        warnings = list(getattr(source, "warnings", ()) or ())
        for message in warnings[shown:]:
            self.notify(message, severity="warning", timeout=12, markup=False)
        return len(warnings)

    # -- loading -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self) -> None:
        """Split (or read from the cache) every text; rows appear batch by batch.

        With a library the CLI already set loading (``preload_files``, started before Textual
        was imported), this only follows it.
        """
        library = self.library
        report = _Coalesced(self, "loading")

        def progress(_count: int, done: int) -> None:
            report(done, _bytes_total(library))

        try:
            if getattr(library, "preloading", False):
                library.follow(on_batch=progress)
            elif self._paths:
                library.load_files(self._paths, on_batch=progress)
            if self._texts:
                library.load_texts(self._texts, on_batch=progress)
        except Exception as error:
            self.post_message(
                LoadFinished(len(library.articles), f"{type(error).__name__}: {error}")
            )
            return
        self.post_message(LoadFinished(len(library.articles)))

    def _show_library_warnings(self) -> None:
        """Notify the inputs' warnings (bad UTF-8 …) that the loader found since last time."""
        self._library_warnings_shown = self._notify_new(self.library, self._library_warnings_shown)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _index(self) -> None:
        """Build the search index alongside the load (searches scan what it has not reached)."""
        report = _Coalesced(self, "indexing")
        try:
            self.library.ensure_index(report)
        except Exception as error:
            self.post_message(IndexFinished(f"{type(error).__name__}: {error}"))
            return
        self.post_message(IndexFinished())

    def on_load_progress(self, message: LoadProgress) -> None:
        if self._panes_gone():
            return
        if message.stage == "indexing":
            self._index_progress = (message.done, message.total)
        else:
            self._progress = (message.stage, message.done, message.total)
            self._freeze_heap()  # as the articles arrive
            self.article_list.articles_added()
            self._show_library_warnings()
            if not self._resumed and self.library.articles:
                # The first rows are drawn by the coming refresh; then the loader may go on.
                self._resumed = True
                self.call_after_refresh(self._resume_loading)
            if self.query_text and monotonic() - self._searched_at > RESEARCH_WHILE_LOADING:
                self._run_search(self.query_text)
        self._update_status()

    def on_load_finished(self, message: LoadFinished) -> None:
        if self._panes_gone():
            return
        self.loading = False
        self._show_library_warnings()
        self._freeze_heap()
        self.article_list.empty_text = "No articles."
        self.article_list.articles_added()
        self.article_list.refresh()
        if message.error:
            self.notify(f"Loading failed: {message.error}", severity="error", markup=False)
        if self.query_text:
            self._run_search(self.query_text)
        self._refresh_sidebar()
        self._update_status()
        self._maybe_loaded()

    def _freeze_heap(self) -> None:
        """Move what exists now out of the garbage collector's sight (an O(1) splice).

        100k articles and their index are millions of objects that live as long as the app;
        a full collection walking them all was a 100+ ms stall mid-scroll or mid-search. Only
        done when the app owns the process (see ``tui/runtime.py``).
        """
        if self._runtime.collector is not None:
            self._runtime.collector.freeze()

    def _resume_loading(self) -> None:
        resume = getattr(self.library, "resume", None)
        if callable(resume):
            resume()
        self._milestone("first_screen")

    def _maybe_loaded(self) -> None:
        """Loading and indexing are both over: the "loaded" milestone, once it is painted."""
        if not self.loading and not self.indexing:
            self.call_after_refresh(self._milestone, "loaded")

    def _milestone(self, name: str) -> None:
        if self._on_milestone is not None and name not in self._milestones:
            self._milestones.add(name)
            self._on_milestone(name)

    def on_index_finished(self, message: IndexFinished) -> None:
        if self._panes_gone():
            return
        self.indexing = False
        self._freeze_heap()  # the index's postings: hundreds of thousands of arrays
        if message.error:
            self.notify(f"Indexing failed: {message.error}", severity="error", markup=False)
        elif self.query_text:
            self._run_search(self.query_text)
        self._update_status()
        self._maybe_loaded()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker died of a bug rather than a handled failure: say so instead of hanging."""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(
                f"Internal error in {event.worker.name}: {type(error).__name__}: {error}",
                severity="error",
                markup=False,
            )
            if event.worker.group == "load":
                self.post_message(LoadFinished(len(self.library.articles), str(error)))

    # -- opening and analysing ---------------------------------------------------------------

    @on(ArticleList.Selected)
    def _selected(self, message: ArticleList.Selected) -> None:
        self.open_article(message.index, focus_reader=message.focus_reader)

    def _open_selected(self, index: int, focus_reader: bool) -> None:
        self.open_article(index, focus_reader=focus_reader)

    def open_article(self, index: int, *, focus_reader: bool = False) -> None:
        """Show the article at ``index`` now, plain; its highlights follow from a worker."""
        article = self.library.articles[index]
        known = self._known_analysis(index)
        self.reader.show(index, article, known)
        if self.query_text and not self.query_error:
            self.reader.set_matches_soon(lambda: self._matches_for(index), self._update_status)
        self._store_call(self.store.mark_read, article.id, research=False)
        if known is None:
            # After the first paint, which the worker would slow down by sharing the GIL. The
            # library keeps the analyses, so for an article read before this is a cache hit.
            def analyse() -> None:
                if self.reader.index == index:
                    self._analyse(index)

            self.call_after_refresh(analyse)
        if focus_reader:
            _focus_now(self.reader)

    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False)
    def _analyse(self, index: int) -> None:
        try:
            analysis = self.library.analysis(index)
        except Exception as error:
            self.post_message(AnalysisReady(index, None, f"{type(error).__name__}: {error}"))
            return
        self.post_message(AnalysisReady(index, analysis))

    def on_analysis_ready(self, message: AnalysisReady) -> None:
        if self._panes_gone():
            return
        if message.analysis is None:
            self.notify(f"Analysis failed: {message.error}", severity="error", markup=False)
            return
        self._active_recogniser = message.analysis.recogniser
        self.reader.set_analysis(message.index, message.analysis)
        self._update_status()

    def _matches_for(self, index: int) -> tuple[Span, ...]:
        if not self.query_text or self.query_error:
            return ()
        try:
            return tuple(self.library.spans(index, self.query_text))
        except Exception:  # highlighting is a nicety; never let it break reading
            return ()

    # -- searching ---------------------------------------------------------------------------

    def action_search(self) -> None:
        if len(self.screen_stack) > 1 or isinstance(self.focused, Input):
            # The binding has priority, so it sees "/" first even in a modal or while typing
            # (Textual does not know "slash" is a printable key): pass it on to be typed.
            raise SkipAction()
        bar = self.search_bar
        bar.add_class("-visible")
        # Now, not ``bar.focus()`` (deferred): the next key of the burst must land in the bar.
        _focus_now(bar)

    def action_search_done(self) -> None:
        """Enter in the bar: search for what it says and move to the list, before the next key."""
        self._run_search(self.search_bar.take())
        _focus_now(self.article_list)

    @on(SearchBar.Query)
    def _query(self, message: SearchBar.Query) -> None:
        self._run_search(message.text)
        if message.done:
            _focus_now(self.article_list)

    @on(SearchBar.Cancelled)
    def _cancelled(self, message: SearchBar.Cancelled) -> None:
        self.action_clear_search()

    def apply_query(self, text: str) -> None:
        """Search for ``text`` as if typed and finished (the sidebar and the palette use this).

        A space is added, as after a typed word: "tag:kin" from the sidebar means that tag,
        not every tag beginning with it (see ``typing_tags``).
        """
        if text.strip() and not text[-1].isspace():
            text += " "
        bar = self.search_bar
        bar.add_class("-visible")
        bar.set_query(text)
        self._run_search(text)
        _focus_now(self.article_list)

    def action_clear_search(self) -> None:
        bar = self.search_bar
        bar.set_query("")
        bar.remove_class("-visible")
        self._run_search("")
        _focus_now(self.article_list)

    def _run_search(self, text: str) -> None:
        self._generation += 1
        # Kept as typed: a trailing space means "that word is complete" to the query parser.
        self.query_text = text if text.strip() else ""
        self.query_error = None
        if not self.query_text:
            self._searching = False
            self.article_list.set_rows(None)
            self.reader.set_matches(())
            self._update_status()
            return
        self._searching = True
        self._searched_at = monotonic()
        if self._index_ready():
            # Answered from the finished index in about a millisecond: no debounce and no
            # thread; the result still travels as a SearchDone message, like a worker's.
            try:
                query = self.query_text
                rows = self.library.search(query, search_state(self.store, query))
            except Exception as error:
                reason = str(error) or type(error).__name__
                done = SearchDone(self.query_text, self._generation, None, reason)
            else:
                done = SearchDone(self.query_text, self._generation, list(rows))
            # Handled now, not posted: the list then changes in the keystroke's own turn and
            # is painted in the same frame as the bar's new text, not one frame later.
            self.on_search_done(done)
            return
        self._update_status()
        self._search(self.query_text, self._generation)

    def _index_ready(self) -> bool:
        status = getattr(self.library, "index_status", None)
        return bool(status is not None and not self.loading and status().words_ready)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, text: str, generation: int) -> None:
        try:
            rows = self.library.search(text, search_state(self.store, text))
        except Exception as error:
            self.post_message(
                SearchDone(text, generation, None, str(error) or type(error).__name__)
            )
            return
        self.post_message(SearchDone(text, generation, list(rows)))

    def on_search_done(self, message: SearchDone) -> None:
        if self._panes_gone():
            return
        if message.generation != self._generation:
            return  # a newer query is on its way
        self._searching = False
        if message.rows is None:
            self.query_error = message.error
        else:
            self.query_error = None
            self.article_list.set_rows(message.rows)
            index = self.reader.index
            if index is not None:
                # Not before the list is repainted (see ``Reader.set_matches_soon``).
                self.reader.set_matches_soon(lambda: self._matches_for(index), self._update_status)
        self._update_status()

    def action_next_match(self) -> None:
        if not self.reader.next_match(1):
            self.bell()
        self._update_status()

    def action_previous_match(self) -> None:
        if not self.reader.next_match(-1):
            self.bell()
        self._update_status()

    # -- reader toggles ----------------------------------------------------------------------

    def action_toggle_quotes(self) -> None:
        shown = self.reader.toggle_quotes()
        self.notify(f"Quote highlighting {'on' if shown else 'off'}", timeout=2)
        self._update_status()

    def action_toggle_entities(self) -> None:
        shown = self.reader.toggle_entities()
        self.notify(f"Entity colours {'on' if shown else 'off'}", timeout=2)
        self._update_status()

    def action_next_quote(self) -> None:
        if not self.reader.next_quote(1):
            self.bell()

    def action_previous_quote(self) -> None:
        if not self.reader.next_quote(-1):
            self.bell()

    # -- bookmarks, tags, undo, reload -------------------------------------------------------

    def _target(self) -> int | None:
        """The article a command is about: the one being read if the reader has focus."""
        if self.reader.has_focus_within and self.reader.index is not None:
            return self.reader.index
        current = self.article_list.current
        return current if current is not None else self.reader.index

    def _known_analysis(self, index: int) -> Analysis | None:
        return self.reader.analysis if self.reader.index == index else None

    def _meta_for(self, index: int, analysis: Analysis | None = None) -> Any:
        article = self.library.articles[index]
        notes = _notes(analysis or self._known_analysis(index))
        return self._meta(article.title, article.source, notes)

    def _user_change(self, index: int, method: Callable[..., Any], *args: Any) -> Any:
        """Bookmark or tag article ``index`` now; its quote notes follow if not known yet.

        The notes are what an export shows of the article, so a bookmark made from the list
        (never opened, not analysed) must get them too; analysing can take a while with spaCy,
        so it runs in a worker and the saved metadata is updated when it is done.
        """
        article = self.library.articles[index]
        result = self._store_call(method, article.id, *args, self._meta_for(index))
        if self._known_analysis(index) is None:
            self._fill_notes(index)
        return result

    @work(thread=True, group="notes", exit_on_error=False)
    def _fill_notes(self, index: int) -> None:
        try:
            analysis = self.library.analysis(index)
        except Exception:
            return  # notes are a nicety; opening the article reports the failure
        self.post_message(NotesReady(index, analysis))

    def on_notes_ready(self, message: NotesReady) -> None:
        """Save the notes with the article's current bookmark and tags (as they are now, which
        may not be as they were when the key was pressed)."""
        if self._panes_gone():
            return
        article = self.library.articles[message.index]
        meta = self._meta_for(message.index, message.analysis)
        if not getattr(meta, "notes", ()):
            return  # nothing to add to what was saved
        bookmarked = self.store.is_bookmarked(article.id)
        tags = sorted(self.store.tags_of(article.id))
        if not bookmarked and not tags:
            return  # undone meanwhile: nothing is kept for it
        # No undo entry: "u" undoes the user's bookmark or tag, not these notes.
        self._store_call(self.store.set_meta, article.id, meta, research=False)

    def action_bookmark(self) -> None:
        index = self._target()
        if index is None:
            self.bell()
            return
        marked = self._user_change(index, self.store.toggle_bookmark)
        if marked is not None:
            self.notify("Bookmarked" if marked else "Bookmark removed", timeout=2)

    def action_edit_tags(self) -> None:
        index = self._target()
        if index is None:
            self.bell()
            return
        article = self.library.articles[index]
        current = sorted(self.store.tags_of(article.id))
        editor = TagEditor(article.title, current, self.tag_counts())
        self.push_screen(editor, partial(self._tags_edited, index))

    def _tags_edited(self, index: int, tags: tuple[str, ...] | None) -> None:
        if tags is None:
            return
        article = self.library.articles[index]
        if tuple(sorted(self.store.tags_of(article.id))) == tags:
            return
        self._user_change(index, self.store.set_tags, tags)
        shown = " ".join("#" + tag for tag in tags) or "no tags"
        self.notify(f"Tags: {shown}", timeout=3, markup=False)

    def action_undo(self) -> None:
        undone = self._store_call(self.store.undo)
        # The store already words it as "Undid tag change: …".
        self.notify(undone or "Nothing to undo", timeout=3, markup=False)

    def action_reload(self) -> None:
        changed = self._reload()
        self.notify("Reloaded saved changes" if changed else "Nothing new on disk", timeout=3)

    def _auto_reload(self) -> None:
        if not self._shut_down:
            self._reload()

    def _reload(self) -> bool:
        """Pick up another instance's changes; redraw and re-filter only if there were any."""
        try:
            changed = bool(self.store.reload())
        except Exception as error:
            self.notify(f"Could not reload: {error}", severity="error", markup=False)
            return False
        self._show_store_warnings()
        if changed:
            self._after_store_change(research=True)
        return changed

    def _store_call(self, method: Callable[..., Any], *args: Any, research: bool = True) -> Any:
        """Call the store, then show what changed and any write failure.

        ``research`` re-runs the active search, since "tag:x" or "is:bookmarked" may now
        select other articles (not after a read mark: the open article would vanish from
        an "is:unread" list while being read).
        """
        try:
            result = method(*args)
        except Exception as error:  # a store bug must not take the reader down
            self.notify(f"Could not save: {error}", severity="error", markup=False)
            result = None
        self._after_store_change(research=research)
        return result

    def _after_store_change(self, *, research: bool = False) -> None:
        self._show_store_warnings()
        if research and self.query_text:
            self._run_search(self.query_text)
        error = getattr(self.store, "last_error", None)
        if error and error != self._shown_error:
            self.notify(
                f"Could not save: {error} (kept in memory, will retry)",
                severity="error",
                timeout=15,
                markup=False,
            )
        elif not error and self._shown_error:
            self.notify("Saved again", timeout=3)
        self._shown_error = error
        self.article_list.refresh()
        self._refresh_sidebar()
        self._update_status()

    def tag_counts(self) -> dict[str, int]:
        try:
            return dict(self.store.tag_counts())
        except Exception:
            return {}

    # -- sidebar -----------------------------------------------------------------------------

    def action_toggle_sidebar(self) -> None:
        sidebar = self.sidebar
        if sidebar.has_class("-visible"):
            sidebar.remove_class("-visible")
            _focus_now(self.article_list)
        else:
            sidebar.add_class("-visible")
            self._refresh_sidebar()
            _focus_now(sidebar)

    @on(Sidebar.Chosen)
    def _chosen(self, message: Sidebar.Chosen) -> None:
        if message.query:
            self.apply_query(message.query)
        else:
            self.action_clear_search()

    def _refresh_sidebar(self) -> None:
        if not self.sidebar.has_class("-visible"):
            return
        self.sidebar.show_counts(self.counts())

    def counts(self) -> Counts:
        """Totals for the sidebar, counting only articles that are loaded."""
        library = self.library
        tags = self.tag_counts()
        counts = getattr(library, "counts", None)
        per_tag = getattr(library, "tag_counts", None)
        if counts is not None and per_tag is not None:
            totals = counts(self.store)
            loaded = per_tag(self.store, tags)
            return Counts(totals.total, totals.unread, totals.bookmarked, loaded)
        ids = self._loaded_ids()
        read = sum(1 for article_id in self.store.read_ids() if article_id in ids)
        bookmarked = sum(1 for article_id in self.store.bookmarks() if article_id in ids)
        return Counts(len(ids), len(ids) - read, bookmarked, tags)

    def _loaded_ids(self) -> frozenset[str]:
        articles = self.library.articles
        if self._ids[0] != len(articles):
            self._ids = (len(articles), frozenset(article.id for article in articles))
        return self._ids[1]

    # -- help, quit --------------------------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        if not self._quit_anyway:
            with suppress(Exception):
                self.store.flush()
            error = getattr(self.store, "last_error", None)
            if error:
                # Quitting now would drop changes that are only in memory: say so, once.
                self._quit_anyway = True
                self.notify(
                    f"Not saved: {error}. Press q again to quit anyway and lose those changes.",
                    severity="error",
                    timeout=20,
                    markup=False,
                )
                return
        self.close_store()
        self.exit(0)

    def close_store(self) -> None:
        """Stop the workers' threads, flush and close the store; only the first call acts."""
        if self._shut_down:
            return
        self._shut_down = True
        close = getattr(self.library, "close", None)
        if close is not None:
            close()  # stop the loader and indexer threads, or exit would wait for them
        try:
            self.store.flush()
        finally:
            self.store.close()

    def on_unmount(self) -> None:
        if self._runtime.collector is not None:
            self._runtime.collector.uninstall()
        # Errors were reported while running; after exit there is nothing left to show them on.
        with suppress(Exception):
            self.close_store()

    # -- status line -------------------------------------------------------------------------

    def _update_status(self) -> None:
        try:
            status = self.query_one("#status", Static)
        except Exception:
            return
        status.update(self.status_text(), layout=False)  # one line, whatever it says

    def _bytes_progress(self) -> tuple[int, int]:
        """Bytes loaded and the total, read from the library now: a coalesced message may be
        a batch behind the article count shown beside it."""
        _stage, done, whole = self._progress
        library_whole = int(getattr(self.library, "bytes_total", 0) or 0)
        if library_whole:
            return int(getattr(self.library, "bytes_done", 0) or 0), library_whole
        return done, whole

    def status_text(self) -> Content:
        """The status line, most important first: the line is cut at the pane's width, so an
        unsaved change or a query error must never sit behind the toggles."""
        total = len(self.library.articles)
        parts: list[Content] = []
        articles = f"{total:,} article{'' if total == 1 else 's'}"
        counted = bool(self.query_text) and not self.query_error and not self._searching
        if self.loading:
            done, whole = self._bytes_progress()
            detail = f" {min(100, done * 100 // whole)}%" if whole else ""
            parts.append(Content(f"loading {total:,} articles…{detail}").stylize("bold"))
        elif not counted:
            parts.append(Content(articles))  # with a result, "3 of 5 articles match" says it
        if getattr(self.store, "last_error", None):
            parts.append(Content("NOT SAVED").stylize("bold red"))
        if self.query_text:
            if self.query_error:
                parts.append(Content(f"query error: {self.query_error}").stylize("bold red"))
            elif self._searching:
                parts.append(Content("searching…"))
            else:
                shown = self.article_list.row_count
                verb = "matches" if total == 1 else "match"
                query = one_line(self.query_text.strip())
                parts.append(Content(f"{shown:,} of {articles} {verb} “{query}”"))
            reader = self.reader
            if reader.current_match is not None and reader.matches:
                parts.append(Content(f"match {reader.current_match + 1}/{len(reader.matches)}"))
        done, whole = self._index_progress
        if self.indexing and whole:
            if done * 2 >= whole:
                what = f"finding people and places {min(100, (done * 2 - whole) * 100 // whole)}%"
            else:
                what = f"indexing {done * 200 // whole}%"
            parts.append(Content(what).stylize("dim"))
        reader = self.reader
        toggles = f"quotes {'on' if reader.show_quotes else 'off'}"
        toggles += f" · entities {'on' if reader.show_entities else 'off'}"
        parts.append(Content(toggles).stylize("dim"))
        recogniser = self._active_recogniser or self.recogniser
        parts.append(Content(f"recogniser: {recogniser}").stylize("dim"))
        return Content(" ").join([Content(""), Content(" · ").join(parts)])


def _focus_now(widget: Widget) -> None:
    """Focus ``widget`` before the next message is handled (``Widget.focus`` waits a turn)."""
    try:
        screen = widget.screen
    except NoScreen:  # not mounted yet: the deferred way will do
        widget.focus()
    else:
        screen.set_focus(widget)


def _severity(name: str) -> Any:
    return name if name in ("information", "warning", "error") else "warning"


def _notes(analysis: Analysis | None) -> tuple[str, ...]:
    """Quote notes for the store ("speaker: text"), so exports say who said what."""
    if analysis is None:
        return ()
    return tuple(f"{quote.speaker or 'unknown'}: {quote.text}" for quote in analysis.quotes)


def _default_meta(title: str, source: str, notes: tuple[str, ...]) -> Any:
    from newsreader.storage.store import ArticleMeta

    return ArticleMeta(title=title, source=source, notes=notes)


def _default_library(cache_dir: Path | None, recogniser: str) -> LibraryLike:
    from newsreader.library import default_library

    library: LibraryLike = default_library(cache_dir, recogniser)
    return library


class _Coalesced:
    """Posts at most one progress message per ``PROGRESS_INTERVAL`` (called from a worker)."""

    def __init__(self, app: App[int], stage: str) -> None:
        self._app = app
        self._stage = stage
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = monotonic()
        if now - self._last >= PROGRESS_INTERVAL:
            self._last = now
            self._app.post_message(LoadProgress(self._stage, done, total))


def _bytes_total(library: LibraryLike) -> int:
    return int(getattr(library, "bytes_total", 0) or 0)


def run_app(
    texts: list[tuple[str, str]],
    db_path: Path,
    cache_dir: Path | None,
    warnings: list[str],
    recogniser: str | None = None,
    paths: Sequence[str] = (),
    library: LibraryLike | None = None,
    on_milestone: Callable[[str], None] | None = None,
) -> int:
    """Run the TUI until the user quits; the exit code for the CLI.

    ``paths`` are files already checked by the CLI; the app reads them in its load worker
    (unless ``library`` is already loading them, see ``Library.preload_files``);
    ``on_milestone`` is the app's (see ``NewsReaderApp``).
    """
    keyboard_from_terminal()
    app = NewsReaderApp(
        texts=texts,
        paths=paths,
        db_path=db_path,
        cache_dir=cache_dir,
        warnings=warnings,
        recogniser=recogniser,
        library=library,
        runtime=own_process(),
        on_milestone=on_milestone,
    )
    try:
        result = app.run()
    finally:
        app.close_store()
    unsaved = getattr(app.store, "last_error", None)
    if unsaved:
        print(f"newsreader: some changes were not saved: {unsaved}", file=sys.stderr)
        return 1
    if app.return_code is not None:
        return app.return_code
    return int(result or 0)
