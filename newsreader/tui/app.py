"""The newsreader App: composes the panes and routes keys and worker messages to controllers.

The work is done by the controllers (``tui/controllers/``): loading and indexing, searching,
reading an article, and the user's saved data. Everything slow runs in their workers, so the
first rows appear while the rest of a 100k-article archive is still loading and no keystroke
waits on the corpus. The status line is drawn from their state (``widgets/status_line.py``);
process-wide settings are made by ``run_app`` only (``tui/runtime.py``). Most of this module is
one-line routes from a key's action to the controller that does it: longer than its siblings,
but the whole key map's wiring is in one place.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from textual import events, on
from textual.actions import SkipAction
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from newsreader.config import Config
from newsreader.tui.collector import TICK_S as COLLECT_TICK_S
from newsreader.tui.colours import colour_css, highlight_variables
from newsreader.tui.commands import KeyCommands, TagFilters
from newsreader.tui.controllers.feeds import FeedsController
from newsreader.tui.controllers.load import LoadController
from newsreader.tui.controllers.navigate import NavigationController
from newsreader.tui.controllers.reading import ReadingController
from newsreader.tui.controllers.saved import SavedController
from newsreader.tui.controllers.search import SearchController
from newsreader.tui.controllers.settings import SettingsController
from newsreader.tui.controllers.view import ViewController
from newsreader.tui.focus import focus_now
from newsreader.tui.keys import bindings, remap
from newsreader.tui.messages import (
    AnalysisReady,
    EntriesLoaded,
    FeedRefreshed,
    FilesGrown,
    IndexFinished,
    LoadFinished,
    LoadProgress,
    NotesReady,
    PageFetched,
    RefreshFinished,
    SearchDone,
    SortReady,
)
from newsreader.tui.runtime import Runtime, keyboard_from_terminal, own_process
from newsreader.tui.screens.help import HelpScreen
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.key_bar import KeyBar
from newsreader.tui.widgets.reader import Reader
from newsreader.tui.widgets.search_bar import SearchBar
from newsreader.tui.widgets.sidebar import Counts, Sidebar
from newsreader.tui.widgets.status_line import StatusLine, StatusState

if TYPE_CHECKING:
    from newsreader.library import Library
    from newsreader.sources.archive import ArchiveFollower
    from newsreader.storage.store import Store

#: How often to pick up bookmarks and tags saved by another instance (two stat calls).
AUTO_RELOAD_SECONDS = 3.0

Severity = Literal["information", "warning", "error"]


class NewsReaderApp(App[int]):
    """List pane, reader pane, search bar, filter sidebar, status line and footer."""

    CSS_PATH = "app.tcss"
    TITLE = "newsreader"
    BINDINGS: ClassVar[list[BindingType]] = [*bindings("app")]
    COMMANDS = App.COMMANDS | {KeyCommands, TagFilters}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide"), (150, "-very-wide")]  # noqa: RUF012

    def __init__(
        self,
        texts: Sequence[tuple[str, str]],
        db_path: Path,
        cache_dir: Path | None = None,
        warnings: Iterable[str] = (),
        recogniser: str | None = None,
        *,
        paths: Sequence[str] = (),
        library: Library | None = None,
        store: Store | None = None,
        runtime: Runtime | None = None,
        on_milestone: Callable[[str], None] | None = None,
        feeds: ArchiveFollower | None = None,
        refresh_on_start: bool = False,
        open_id: str | None = None,
        config: Config | None = None,
    ) -> None:
        """``texts`` and ``paths`` are loaded by the load worker (unless ``library`` is already
        loading, see ``Library.preload_files``). ``on_milestone`` is called with
        "first_screen" after the refresh that painted the first rows, and with "loaded" after
        the one that followed the end of loading and indexing (how ``benchmarks/launch_app.py``
        times the app from outside). ``feeds`` follows the feed archive (``R`` refreshes it;
        its entries are loaded with the rest, by whoever loads the library). ``config`` is the
        user's settings (keys, theme, colours: see ``newsreader.config``); None: defaults, and
        nothing is written back."""
        self.config = config or Config()
        remap(self.config.keys)  # before the widgets read the registry
        # Textual reads the app's CSS from ``CSS`` when it starts: the config's colours, as
        # rules that win over the theme-derived ones (an instance attribute, not a class one).
        self.__dict__["CSS"] = colour_css(self.config.colours)
        super().__init__()
        self._runtime = runtime or Runtime()
        self._on_milestone = on_milestone
        self._milestones: set[str] = set()
        self.db_path = db_path
        self._messages: list[tuple[str, Severity]] = [(w, "warning") for w in warnings]
        if library is None:
            recogniser = _resolve_recogniser(recogniser, self._messages)
        self.recogniser = recogniser or "auto"
        self.library: Library = library or _default_library(cache_dir, self.recogniser)
        self.store: Store = store or _open_store(db_path, self._messages)
        self._shut_down = False
        self._quit_anyway = False
        self._library_warnings_shown = 0
        self.loader = LoadController(self, texts, paths)
        self.searcher = SearchController(self)
        self.reading = ReadingController(self)
        self.saved = SavedController(self)
        self.feeds = FeedsController(self, feeds)
        self.navigate = NavigationController(self)
        self.view = ViewController(self)
        self.settings = SettingsController(self)
        self._refresh_on_start = refresh_on_start
        self._last_key = ""
        #: An article to open once it is loaded (``newsreader URL`` opens the page it kept).
        self.open_id = open_id

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
        yield StatusLine(id="status")
        yield KeyBar(id="keys")

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

    @property
    def loading(self) -> bool:
        return self.loader.state.loading

    @property
    def indexing(self) -> bool:
        return self.loader.state.indexing

    @property
    def query_text(self) -> str:
        """The query the list answers, as typed ("" for every article)."""
        return self.searcher.state.text

    def get_default_screen(self) -> Screen[None]:
        return self._runtime.screen_class(id="_default")

    def on_mount(self) -> None:
        self.settings.apply()
        self.search_bar.instant = self.searcher.index_ready
        self.search_bar.deliver = self._query
        self.article_list.focus()
        for message, severity in self._messages:
            self.notify(message, severity=severity, timeout=12, markup=False)
        self.saved.show_warnings()
        self.update_status()
        self.loader.start()
        if self._refresh_on_start:
            self.feeds.refresh()
        self.set_interval(AUTO_RELOAD_SECONDS, self._auto_reload)
        collector = self._runtime.collector
        if collector is not None:
            collector.install()
            self.set_interval(COLLECT_TICK_S, collector.tick)

    def get_css_variables(self) -> dict[str, str]:
        """Textual's variables and the reader's highlight colours for the current theme."""
        variables = super().get_css_variables()
        variables.update(highlight_variables(variables.get("background", "#000000")))
        return variables

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self._last_key = event.character or event.key
            # The index is built in a thread; while the user types or scrolls it steps aside,
            # so the keys are answered at once rather than after the thread's turn.
            self.library.user_active()
            if self._runtime.collector is not None:
                self._runtime.collector.key()
        await super().on_event(event)

    def notify_new(self, warnings: Sequence[str], shown: int) -> int:
        """Notify ``warnings`` from number ``shown`` on; how many are shown now."""
        for message in warnings[shown:]:
            self.notify(message, severity="warning", timeout=12, markup=False)
        return len(warnings)

    def show_library_warnings(self) -> None:
        """Notify the inputs' warnings (bad UTF-8 …) that the loader found since last time."""
        self._library_warnings_shown = self.notify_new(
            self.library.warnings, self._library_warnings_shown
        )

    def freeze_heap(self) -> None:
        """Move what exists now out of the garbage collector's sight (an O(1) splice).

        100k articles and their index are millions of objects that live as long as the app;
        a full collection walking them all was a 100+ ms stall mid-scroll or mid-search. Only
        done when the app owns the process (see ``tui/runtime.py``).
        """
        if self._runtime.collector is not None:
            self._runtime.collector.freeze()

    def milestone(self, name: str) -> None:
        """Tell ``on_milestone`` (once per name)."""
        if self._on_milestone is not None and name not in self._milestones:
            self._milestones.add(name)
            self._on_milestone(name)

    # -- worker messages, routed to their controllers ----------------------------------------

    def _panes_gone(self) -> bool:
        """True once the panes are gone: a worker's last message can arrive while the app is
        being taken down, and must not fail looking for them."""
        return self._shut_down or not self.query("#list")

    def on_load_progress(self, message: LoadProgress) -> None:
        if not self._panes_gone():
            self.loader.progress(message)

    def on_load_finished(self, message: LoadFinished) -> None:
        if not self._panes_gone():
            self.loader.finished(message)

    def on_index_finished(self, message: IndexFinished) -> None:
        if not self._panes_gone():
            self.loader.index_finished(message)

    def on_feed_refreshed(self, message: FeedRefreshed) -> None:
        self.feeds.progress(message)

    def on_refresh_finished(self, message: RefreshFinished) -> None:
        self.feeds.finished(message)

    def on_entries_loaded(self, message: EntriesLoaded) -> None:
        self.feeds.loaded(message)

    def on_search_done(self, message: SearchDone) -> None:
        if not self._panes_gone():
            self.searcher.done(message)

    def on_analysis_ready(self, message: AnalysisReady) -> None:
        if not self._panes_gone():
            self.reading.analysis_ready(message)

    def on_notes_ready(self, message: NotesReady) -> None:
        if not self._panes_gone():
            self.saved.notes_ready(message)

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

    # -- reading -----------------------------------------------------------------------------

    @on(ArticleList.Selected)
    def _selected(self, message: ArticleList.Selected) -> None:
        self.open_article(message.index, focus_reader=message.focus_reader)

    def _open_selected(self, index: int, focus_reader: bool) -> None:
        self.open_article(index, focus_reader=focus_reader)

    def open_article(self, index: int, *, focus_reader: bool = False) -> None:
        """Show the article at ``index`` now, plain; its highlights follow from a worker."""
        self.reading.open(index, focus_reader=focus_reader)

    def action_toggle_quotes(self) -> None:
        shown = self.reader.toggle_quotes()
        self.notify(f"Quote highlighting {'on' if shown else 'off'}", timeout=2)
        self.update_status()

    def action_toggle_entities(self) -> None:
        shown = self.reader.toggle_entities()
        self.notify(f"Entity colours {'on' if shown else 'off'}", timeout=2)
        self.update_status()

    def action_next_quote(self) -> None:
        self._to_quote(1)

    def action_previous_quote(self) -> None:
        self._to_quote(-1)

    def _to_quote(self, step: int) -> None:
        reader = self.reader
        if reader.next_quote(step):
            return
        if reader.index is None:
            self.notify("No article open.", timeout=2)
        elif not reader.show_quotes:
            self.notify("Quote highlighting is off (w turns it on).", timeout=2)
        elif reader.analysis is None:
            self.notify("Still finding the quotes…", timeout=2)
        else:
            self.notify("No quotes in this article.", timeout=2)

    def action_next_match(self) -> None:
        self._to_match(1)

    def action_previous_match(self) -> None:
        self._to_match(-1)

    def _to_match(self, step: int) -> None:
        """n/p: the next or previous search match, or with no search the next or previous
        unread article (newsboat's n and p)."""
        if not self.query_text:
            self.navigate.step_unread(step)
            return
        if not self.reader.next_match(step):
            where = "this article" if self.reader.index is not None else "an open article"
            self.notify(f"No matches in {where}.", timeout=2)
        self.update_status()

    # -- moving between articles (newsboat's habits) -----------------------------------------

    def action_next_article(self) -> None:
        self.navigate.step_article(1)

    def action_previous_article(self) -> None:
        self.navigate.step_article(-1)

    def action_space_in_reader(self) -> None:
        self.navigate.space()

    def action_back_to_list(self) -> None:
        self.navigate.back_to_list()

    def action_reader_escape(self) -> None:
        if self.feeds.cancel_fetch():
            return  # Esc first stops a page being fetched (f)
        self.navigate.reader_escape()

    def action_toggle_read(self) -> None:
        self.saved.toggle_read()

    def action_mark_all_read(self) -> None:
        self.saved.mark_all_read()

    # -- searching ---------------------------------------------------------------------------

    def action_search(self) -> None:
        if len(self.screen_stack) > 1 or isinstance(self.focused, Input):
            # The binding has priority, so it sees "/" first even in a modal or while typing
            # (Textual does not know "slash" is a printable key): pass it on to be typed.
            raise SkipAction()
        bar = self.search_bar
        bar.add_class("-visible")
        # Now, not ``bar.focus()`` (deferred): the next key of the burst must land in the bar.
        focus_now(bar)

    def action_search_done(self) -> None:
        """Enter in the bar: search for what it says and move to the list, before the next key."""
        self.searcher.run(self.search_bar.take())
        focus_now(self.article_list)

    @on(SearchBar.Query)
    def _query(self, message: SearchBar.Query) -> None:
        self.searcher.run(message.text)
        if message.done:
            focus_now(self.article_list)

    @on(SearchBar.Cancelled)
    def _cancelled(self, message: SearchBar.Cancelled) -> None:
        self.clear_search()

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
        self.searcher.run(text)
        focus_now(self.article_list)

    def action_clear_search(self) -> None:
        if self.feeds.cancel_fetch():
            return  # Esc first stops a page being fetched (f)
        if not self.query_text and not self.search_bar.has_class("-visible"):
            self.notify("No search to clear.", timeout=2)
            return
        self.clear_search()

    def clear_search(self, *, keep_focus: bool = False) -> None:
        """Show every article again; the focus moves to the list unless ``keep_focus``."""
        bar = self.search_bar
        bar.set_query("")
        bar.remove_class("-visible")
        self.searcher.run("")
        if not keep_focus or bar.has_focus:
            focus_now(self.article_list)

    # -- bookmarks, tags, undo, reload -------------------------------------------------------

    def action_bookmark(self) -> None:
        self.saved.toggle_bookmark()

    def action_refresh_feeds(self) -> None:
        self.feeds.refresh()

    def action_open_link(self) -> None:
        self.feeds.open_link(self.saved.target())

    def action_copy_link(self) -> None:
        self.feeds.copy_link(self.saved.target())

    def action_full_text(self) -> None:
        self.feeds.full_text(self.saved.target())

    def action_feed_text(self) -> None:
        self.feeds.feed_text(self.saved.target())

    def action_links(self) -> None:
        self.feeds.links(self.saved.target())

    def action_link_number(self) -> None:
        self.feeds.link_number(self._last_key)

    def action_open_numbered_link(self) -> None:
        self.feeds.open_numbered_link(self.reader.index)

    def on_page_fetched(self, message: PageFetched) -> None:
        self.feeds.page_fetched(message)

    def action_edit_tags(self) -> None:
        self.saved.edit_tags()

    def action_undo(self) -> None:
        self.saved.undo()

    def action_reload(self) -> None:
        """``r``: files that grew (their new articles join the list) and the saved data."""
        changed = self.saved.reload()
        if self.loader.reload_grown():
            return  # the worker says how many articles came
        self.notify("Reloaded saved changes" if changed else "Nothing new on disk", timeout=3)

    def on_files_grown(self, message: FilesGrown) -> None:
        if not self._panes_gone():
            self.loader.grown_loaded(message)

    def _auto_reload(self) -> None:
        if not self._shut_down:
            self.saved.reload()

    def tag_counts(self) -> dict[str, int]:
        """Articles per tag, from the store (the tag editor and the palette offer them)."""
        return self.saved.tag_counts()

    # -- sidebar -----------------------------------------------------------------------------

    def action_toggle_sidebar(self) -> None:
        sidebar = self.sidebar
        visible = not sidebar.has_class("-visible")
        sidebar.set_class(visible, "-visible")
        # The list and the reader share what the sidebar leaves (see app.tcss).
        self.query_one("#panes").set_class(visible, "-with-sidebar")
        if visible:
            self.refresh_sidebar()
            focus_now(sidebar)
        else:
            focus_now(self.article_list)

    @on(Sidebar.Chosen)
    def _chosen(self, message: Sidebar.Chosen) -> None:
        if message.query:
            self.apply_query(message.query)
        else:
            self.clear_search()

    def refresh_sidebar(self) -> None:
        if self.sidebar.has_class("-visible"):
            self.sidebar.show_counts(self.counts())

    def counts(self) -> Counts:
        """Totals for the sidebar, counting only articles that are loaded."""
        return self.saved.counts()

    # -- status line -------------------------------------------------------------------------

    def update_status(self) -> None:
        try:
            line = self.query_one("#status", StatusLine)
        except Exception:
            return
        line.show(self.status_state())

    def status_state(self) -> StatusState:
        return self.view.status_state()

    @on(ArticleList.Highlighted)
    def _highlighted(self, message: ArticleList.Highlighted) -> None:
        self.update_status()  # the cursor's position

    # -- sorting -----------------------------------------------------------------------------

    def action_cycle_sort(self) -> None:
        self.view.cycle_sort()

    def on_sort_ready(self, message: SortReady) -> None:
        if not self._panes_gone():
            self.view.sort_ready(message)

    # -- help, quit --------------------------------------------------------------------------

    def action_help(self) -> None:
        recogniser = self.reading.active_recogniser or self.recogniser
        self.push_screen(HelpScreen(about=f"names found by the {recogniser} recogniser"))

    async def action_quit(self) -> None:
        if not self._quit_anyway:
            with suppress(Exception):
                self.store.flush()
            error = self.store.last_error
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
        self.feeds.stop()
        self.library.close()  # stop the loader and indexer threads, or exit would wait for them
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


def _resolve_recogniser(choice: str | None, messages: list[tuple[str, Severity]]) -> str:
    """The recogniser to analyse with, decided once (None: as ``$NEWSREADER_ENTITIES`` says).

    Resolving here rather than per article keeps "auto" from probing for spaCy on every
    analysis, and a choice that cannot be met becomes a warning, not a crash.
    """
    from newsreader.analysis import RecogniserError, requested_recogniser, resolve_recogniser

    try:
        return resolve_recogniser(requested_recogniser(choice))
    except RecogniserError as error:
        messages.append((f"{error}; using the built-in recogniser.", "warning"))
        return "builtin"


def _open_store(db_path: Path, messages: list[tuple[str, Severity]]) -> Store:
    """The store at ``db_path``, or a throwaway one (and an error to show) if it cannot be
    opened: the app must start whatever the database is like."""
    from newsreader.storage.store import Store

    try:
        return Store(db_path)
    except Exception as error:
        fallback = Path(tempfile.mkdtemp(prefix="newsreader-")) / "unsaved.json"
        why = f"Could not open {db_path} ({error}); "
        messages.append((why + "bookmarks and tags will not be saved this session.", "error"))
        return Store(fallback)


def _default_library(cache_dir: Path | None, recogniser: str) -> Library:
    from newsreader.library import default_library

    return default_library(cache_dir, recogniser)


def run_app(
    texts: list[tuple[str, str]],
    db_path: Path,
    cache_dir: Path | None,
    warnings: list[str],
    recogniser: str | None = None,
    paths: Sequence[str] = (),
    library: Library | None = None,
    on_milestone: Callable[[str], None] | None = None,
    feeds: ArchiveFollower | None = None,
    refresh_on_start: bool = False,
    open_id: str | None = None,
    config: Config | None = None,
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
        feeds=feeds,
        refresh_on_start=refresh_on_start,
        open_id=open_id,
        config=config,
    )
    try:
        result = app.run()
    finally:
        app.close_store()
    unsaved = app.store.last_error
    if unsaved:
        print(f"newsreader: some changes were not saved: {unsaved}", file=sys.stderr)
        return 1
    if app.return_code is not None:
        return app.return_code
    return int(result or 0)
