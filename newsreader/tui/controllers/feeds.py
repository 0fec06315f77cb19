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

from newsreader.model import Entry
from newsreader.tui.messages import EntriesLoaded, FeedRefreshed, PageFetched, RefreshFinished
from newsreader.tui.safe import quoted

if TYPE_CHECKING:
    from newsreader.sources.archive import ArchiveFollower
    from newsreader.storage.archive import Archive
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
        self._failures: list[str] = []
        #: The page fetch under way (``f``), to stop with Esc, and whose page it is.
        self.fetching: threading.Event | None = None
        self.fetching_title = ""
        #: The link number typed (1…9) that Enter in the reader opens.
        self.pending_link: int | None = None

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
        self._failures = []
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
            batch = archive.new_batch()
            for outcome in refresh(archive, stop=self._stop, batch=batch):
                self.app.library.courtesy()  # storing the next feed waits out a burst of keys
                done += 1
                new += outcome.new
                updated += outcome.updated
                failed += outcome.status == "error"
                failed_now = outcome.status == "error"
                self.app.post_message(
                    FeedRefreshed(done, total, outcome.new, outcome.line(), failed_now)
                )
            kept = self._whole_stories(archive, batch)
        except Exception as error:  # the archive went away, a bug: say it, keep the app
            self.app.post_message(
                RefreshFinished(done, new, updated, failed, f"{type(error).__name__}: {error}")
            )
            return
        self.app.post_message(RefreshFinished(done, new, updated, failed, pages=kept))

    def _whole_stories(self, archive: Archive, batch: int) -> frozenset[int]:
        """The pages of the new entries whose feed wants them (``--full-text``); the rowids
        of those kept."""
        from newsreader.feeds.fulltext import fetch_many_pages, wanted

        kept = set()
        for page in fetch_many_pages(archive, wanted(archive, batch), self._stop):
            if page.error is None:
                kept.add(page.rowid)
        return frozenset(kept)

    def _load_new(self) -> None:
        assert self.follower is not None
        library = self.app.library
        before = len(library.articles)
        library.courtesy()
        library.load_sources(self.follower.new_sources())
        library.shown_order()  # sorted in this thread, so the event loop finds it done
        self.app.post_message(EntriesLoaded(len(library.articles) - before))

    # -- on the event loop -------------------------------------------------------------------

    def progress(self, message: FeedRefreshed) -> None:
        self.state.done, self.state.total = message.done, message.total
        self.state.new += message.new
        if message.failed:
            self._failures.append(message.line)  # told once, at the end: one toast, not 50
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
            app.notify(
                f"Refreshed {message.feeds} feed(s): {message.new} new, {message.updated} updated.",
                markup=False,
            )
        if message.pages:
            self._texts_changed(message.pages)
        if self._failures:
            shown = self._failures[:3]
            more = len(self._failures) - len(shown)
            app.notify(
                "\n".join([*shown, *([f"… and {more} more"] if more else [])])
                + "\n(marked ! in the sidebar; `newsreader feed list` has each error)",
                title=f"{len(self._failures)} feed(s) failed",
                severity="warning",
                timeout=10,
                markup=False,
            )
        app.refresh_sidebar()
        app.update_status()

    def _texts_changed(self, rowids: frozenset[int]) -> None:
        """Entries whose whole story a refresh kept: analysed and searched by it from now."""
        app = self.app
        for i, article in enumerate(app.library.articles):
            if isinstance(article, Entry) and article._rowid in rowids:
                app.library.text_changed(i)
                if app.reader.index == i:
                    self._reopen(i)

    def failing(self) -> frozenset[str]:
        """Names of the feeds whose last fetch failed (the sidebar marks them)."""
        if self.follower is None:
            return frozenset()
        return frozenset(f.name for f in self.follower.archive.feeds() if f.last_error)

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

    # -- the whole story (f, F) and numbered links (l, 1…9) -----------------------------------

    def _entry(self, index: int | None) -> Entry | None:
        if index is None:
            return None
        article = self.app.library.articles[index]
        return article if isinstance(article, Entry) else None

    def full_text(self, index: int | None) -> None:
        """Fetch the entry's web page in a worker and show the whole story (``f``)."""
        app = self.app
        entry = self._entry(index)
        if entry is None or index is None or self.follower is None:
            app.notify("Only feed entries have a web page to fetch.", markup=False)
            return
        if not entry.link:
            app.notify(f"“{entry.title}” has no link to fetch.", markup=False)
            return
        if self.fetching is not None:
            app.notify("Already fetching a page (Esc cancels it).", markup=False)
            return
        stop = self.fetching = threading.Event()
        self.fetching_title = entry.title
        app.update_status()  # the status line says what is being fetched until it is over
        app.run_worker(
            lambda: self._fetch_page(index, entry, stop),
            name="page", group="page", thread=True, exit_on_error=False,
        )  # fmt: skip

    def cancel_fetch(self) -> bool:
        """Esc while a page is being fetched: stop it (True if there was one)."""
        if self.fetching is None:
            return False
        # The worker may be waiting on a silent server: it is left to time out, and its
        # answer is dropped; for the user the fetch is over now.
        self.fetching.set()
        self.fetching = None
        self.app.notify("Stopped fetching the page.", markup=False)
        self.app.update_status()
        return True

    def _fetch_page(self, index: int, entry: Entry, stop: threading.Event) -> None:
        from newsreader.feeds.fulltext import fetch_one

        assert self.follower is not None
        try:
            outcome = fetch_one(
                self.follower.archive, entry._rowid, entry.link or "", entry.title, stop
            )
            error = outcome.error
        except Exception as exc:  # a bug must not take the reader down
            error = f"{type(exc).__name__}: {exc}"
        self.app.post_message(PageFetched(index, entry.title, error))

    def page_fetched(self, message: PageFetched) -> None:
        app = self.app
        if message.error == "cancelled":
            return  # Esc said so already
        self.fetching = None
        app.update_status()
        if message.error is not None:
            app.notify(
                f"“{message.title}”: {message.error}; the feed's text stays.",
                severity="warning", markup=False,
            )  # fmt: skip
            self._reopen(message.index)  # its header now says why there is no whole story
            return
        self._reopen(message.index)
        app.notify(f"“{message.title}”: the whole story, from its web page.", markup=False)

    def feed_text(self, index: int | None) -> None:
        """Switch between the whole story and the feed's text (``F``)."""
        app = self.app
        entry = self._entry(index)
        if entry is None or index is None or self.follower is None:
            app.notify("Only feed entries have a feed text and a web page.", markup=False)
            return
        archive = self.follower.archive
        kind = archive.text_kind(entry._rowid)
        if kind not in ("web page", "feed, by choice"):
            app.notify("No whole story kept for this entry yet: f fetches it.", markup=False)
            return
        archive.show_page(entry._rowid, kind != "web page")
        self._reopen(index)

    def _reopen(self, index: int) -> None:
        app = self.app
        app.library.text_changed(index)
        if app.reader.index == index:
            # Drawn plain from the new text first: the reader's analysis is of the old one.
            app.reader.show(index, app.library.articles[index], None)
            app.open_article(index, focus_reader=app.reader.has_focus_within)

    def links(self, index: int | None) -> None:
        """The link picker for the article (``l``)."""
        from newsreader.links import article_links
        from newsreader.tui.screens.link_picker import LinkPicker

        app = self.app
        if index is None:
            return
        article = app.library.articles[index]
        found = article_links(article.paragraphs)
        if not found:
            app.notify("This article has no numbered links.", markup=False)
            return
        app.push_screen(LinkPicker(article.title, found), self._picked)

    def _picked(self, url: str | None) -> None:
        if url:
            self._open_url(url)

    def link_number(self, digit: str) -> None:
        """A digit typed: link ``[n]`` is chosen; Enter in the reader opens it."""
        self.pending_link = int(digit)
        self.app.notify(f"Link [{digit}]: Enter opens it.", timeout=3, markup=False)

    def open_numbered_link(self, index: int | None) -> None:
        from newsreader.links import article_links

        app = self.app
        number, self.pending_link = self.pending_link, None
        if index is None or number is None:
            app.notify("Type a link's number first (1…9), then Enter.", markup=False)
            return
        links = dict(article_links(app.library.articles[index].paragraphs))
        if number not in links:
            app.notify(f"This article has no link [{number}].", markup=False)
            return
        self._open_url(links[number])

    def _open_url(self, url: str) -> None:
        from newsreader.links import openable

        if not openable(url):
            self.app.notify(f"Not opening {url!r}: only http(s) links are opened.", markup=False)
            return
        self.app.run_worker(
            lambda: _open_in_browser(url), name="browser", thread=True, exit_on_error=False
        )
        self.app.notify(f"Opening {url}", markup=False)


def _open_in_browser(link: str) -> None:
    """``webbrowser`` may start a text browser in this terminal or block while a GUI one
    starts: in a worker thread, with its output kept off the screen."""
    import contextlib
    import io
    import webbrowser

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        webbrowser.open(link, new=2)
