"""Feeds in the TUI: ``R`` refreshes in a worker, entries join the list as they arrive.

The refresh itself is the core's (``feeds.refresh``); this controller runs it in a thread,
shows its progress in the status line, and after each feed that brought news appends the new
entries to the library (another worker) and re-arranges the list around the cursor's article,
so the row under the cursor never changes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsreader.tui.messages import EntriesLoaded, FeedRefreshed, RefreshFinished
from newsreader.tui.safe import quoted

if TYPE_CHECKING:
    from newsreader.sources.archive import ArchiveFollower
    from newsreader.tui.app import NewsReaderApp

__all__ = ["FeedsController", "RefreshState"]


@dataclass
class RefreshState:
    """A refresh in progress (``total`` 0: none)."""

    done: int = 0
    total: int = 0
    new: int = 0


class FeedsController:
    """Owns the refresh worker and the loading of the entries it brings."""

    def __init__(self, app: NewsReaderApp, follower: ArchiveFollower | None) -> None:
        self.app = app
        self.follower = follower
        self.state = RefreshState()
        self._stop = threading.Event()
        self._running = False
        self._dirty = False  # entries stored that the library has not loaded yet
        self._loading = False

    @property
    def running(self) -> bool:
        return self._running

    def refresh(self) -> None:
        """Refresh every due feed in the background (``R``)."""
        app = self.app
        if self.follower is None or not self.follower.archive.feeds():
            app.notify(
                "No feeds yet: add one with `newsreader feed add URL` (a feed, a web page "
                "that links one, or a local file).",
                markup=False,
            )
            return
        if self._running:
            app.notify("Already refreshing the feeds.", markup=False)
            return
        self._running = True
        self.state = RefreshState()
        app.update_status()
        app.run_worker(
            self._refresh, name="refresh", group="refresh", thread=True, exit_on_error=False
        )

    def stop(self) -> None:
        self._stop.set()

    # -- in the worker's thread --------------------------------------------------------------

    def _refresh(self) -> None:
        from newsreader.feeds.refresh import refresh

        assert self.follower is not None
        archive = self.follower.archive
        new = updated = failed = done = 0
        try:
            total = len(archive.feeds())
            for outcome in refresh(archive, stop=self._stop):
                done += 1
                new += outcome.new
                updated += outcome.updated
                failed += outcome.status == "error"
                failed_now = outcome.status == "error"
                self.app.post_message(
                    FeedRefreshed(done, total, outcome.new, outcome.line(), failed_now)
                )
        except Exception as error:  # the archive went away, a bug: say it, keep the app
            self.app.post_message(
                RefreshFinished(done, new, updated, failed, f"{type(error).__name__}: {error}")
            )
            return
        self.app.post_message(RefreshFinished(done, new, updated, failed))

    def _load_new(self) -> None:
        assert self.follower is not None
        library = self.app.library
        before = len(library.articles)
        library.load_sources(self.follower.new_sources())
        library.shown_order()  # sorted in this thread, so the event loop finds it done
        self.app.post_message(EntriesLoaded(len(library.articles) - before))

    # -- on the event loop -------------------------------------------------------------------

    def progress(self, message: FeedRefreshed) -> None:
        self.state.done, self.state.total = message.done, message.total
        self.state.new += message.new
        if message.failed:
            self.app.notify(message.line, severity="warning", timeout=6, markup=False)
        if message.new:
            self._dirty = True
            self._load_soon()
        self.app.update_status()

    def finished(self, message: RefreshFinished) -> None:
        self._running = False
        self.state = RefreshState()
        app = self.app
        if message.error:
            app.notify(f"Refresh failed: {message.error}", severity="error", markup=False)
        else:
            failed = f", {message.failed} failed" if message.failed else ""
            app.notify(
                f"Refreshed {message.feeds} feed(s): {message.new} new, "
                f"{message.updated} updated{failed}.",
                markup=False,
            )
        app.update_status()

    def _load_soon(self) -> None:
        """Load the new entries in a worker; one at a time (the next takes all since)."""
        if self._loading or not self._dirty:
            return
        self._dirty = False
        self._loading = True
        self.app.run_worker(
            self._load_new, name="entries", group="entries", thread=True, exit_on_error=False
        )

    def loaded(self, message: EntriesLoaded) -> None:
        self._loading = False
        app = self.app
        app.article_list.articles_added()
        app.searcher.rerun_keeping_cursor()
        app.loader.index_more()
        app.refresh_sidebar()
        app.update_status()
        self._load_soon()  # more arrived while these were loading

    # -- links -------------------------------------------------------------------------------

    def _link(self, index: int | None) -> str | None:
        """The article's link if it has one worth opening (http or https only: a feed's
        ``javascript:`` or ``file:`` link is never handed to the browser)."""
        from newsreader.feeds.content import is_web_url
        from newsreader.model import Entry

        app = self.app
        if index is None:
            app.notify("No article here.", timeout=2)
            return None
        article = app.library.articles[index]
        link = article.link if isinstance(article, Entry) else None
        if not link:
            title = quoted(article.title)
            app.notify(f"{title} has no link (only feed entries do).", markup=False)
            return None
        if not is_web_url(link):
            app.notify(f"Not opening {link!r}: only http(s) links are opened.", markup=False)
            return None
        return link

    def open_link(self, index: int | None) -> None:
        link = self._link(index)
        if link is None:
            return
        self.app.run_worker(
            lambda: _open_in_browser(link), name="browser", thread=True, exit_on_error=False
        )
        title = quoted(self.app.library.articles[index].title) if index is not None else ""
        self.app.notify(f"Opening {title}: {link}", markup=False)

    def copy_link(self, index: int | None) -> None:
        link = self._link(index)
        if link is None:
            return
        self.app.copy_to_clipboard(link)
        title = quoted(self.app.library.articles[index].title) if index is not None else ""
        self.app.notify(f"Copied the link of {title}: {link}", markup=False)


def _open_in_browser(link: str) -> None:
    """``webbrowser`` may start a text browser in this terminal or block while a GUI one
    starts: in a worker thread, with its output kept off the screen."""
    import contextlib
    import io
    import webbrowser

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        webbrowser.open(link, new=2)
