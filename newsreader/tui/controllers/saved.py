"""The user's own data: bookmarks, tags, read marks and undo, kept by the store.

Every change goes through :meth:`SavedController.call`, which reports a failed write (the store
keeps the change in memory and retries) and then redraws what may have changed. Bookmarks and
tags carry the article's title, source and quote notes, so an export says who said what even
for an article bookmarked from the list before it was ever analysed: its notes are saved when
the analysis is done, with ``Store.set_meta``, which leaves no undo entry.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from newsreader.model import Analysis
from newsreader.tui.messages import NotesReady
from newsreader.tui.safe import quoted
from newsreader.tui.screens.confirm import ConfirmScreen
from newsreader.tui.screens.tag_editor import TagEditor
from newsreader.tui.widgets.sidebar import Counts

if TYPE_CHECKING:
    from newsreader.storage.state import ArticleMeta
    from newsreader.tui.app import NewsReaderApp


class SavedController:
    """Bookmark, tag, read marks, undo and reload; reports the store's warnings and write
    failures."""

    def __init__(self, app: NewsReaderApp) -> None:
        self.app = app
        self.library = app.library
        self.store = app.store
        self._shown_error: str | None = None
        self._warnings_shown = 0

    # -- the user's changes ------------------------------------------------------------------

    def target(self) -> int | None:
        """The article a command is about: the one being read if the reader has focus."""
        reader, rows = self.app.reader, self.app.article_list
        if reader.has_focus_within and reader.index is not None:
            return reader.index
        return rows.current if rows.current is not None else reader.index

    def _target_or_say(self) -> int | None:
        """:meth:`target`, or None after saying there is no article to act on."""
        index = self.target()
        if index is None:
            self.app.notify("No article here.", timeout=2)
        return index

    def title_of(self, index: int) -> str:
        return quoted(self.library.articles[index].title)

    def toggle_bookmark(self) -> None:
        index = self._target_or_say()
        if index is None:
            return
        marked = self._user_change(index, self.store.toggle_bookmark)
        if marked is not None:
            what = "Bookmarked" if marked else "Bookmark removed:"
            self.app.notify(f"{what} {self.title_of(index)}", timeout=3, markup=False)

    def edit_tags(self) -> None:
        index = self._target_or_say()
        if index is None:
            return
        article = self.library.articles[index]
        current = sorted(self.store.tags_of(article.id))
        editor = TagEditor(article.title, current, self.tag_counts())
        self.app.push_screen(editor, partial(self._tags_edited, index, editor))

    def _tags_edited(self, index: int, editor: TagEditor, tags: tuple[str, ...] | None) -> None:
        if tags is None:
            return
        if editor.notes:
            notes = ", ".join(editor.notes)
            self.app.notify(f"Tags are saved in one spelling: {notes}", timeout=6, markup=False)
        article = self.library.articles[index]
        if tuple(sorted(self.store.tags_of(article.id))) == tags:
            return
        self._user_change(index, self.store.set_tags, tags)
        shown = " ".join("#" + tag for tag in tags) or "no tags"
        self.app.notify(f"Tags of {self.title_of(index)}: {shown}", timeout=3, markup=False)

    # -- read marks --------------------------------------------------------------------------

    def mark_opened(self, index: int) -> None:
        """Opening an article marks it read, undoably: one opened by accident is one ``u``
        from unread again."""
        article = self.library.articles[index]
        label = f"Undid read mark: {self.title_of(index)}"
        self.call(self.store.set_read, [article.id], True, label, research=False)

    def toggle_read(self) -> None:
        index = self._target_or_say()
        if index is None:
            return
        article = self.library.articles[index]
        read = not self.store.is_read(article.id)
        title = self.title_of(index)
        undo = f"Undid marking {title} {'read' if read else 'unread'}"
        self.call(self.store.set_read, [article.id], read, undo, research=False)
        what = "read" if read else "unread"
        self.app.notify(f"Marked {title} {what}", timeout=3, markup=False)

    def mark_all_read(self) -> None:
        """Mark every article of the list as it is filtered now read, after asking."""
        rows = self.app.article_list
        articles, store = self.library.articles, self.store
        ids = [
            articles[index].id
            for index in (rows.rows if rows.rows is not None else range(len(articles)))
            if not store.is_read(articles[index].id)
        ]
        if not ids:
            self.app.notify("Nothing unread in this view.", timeout=2)
            return
        view = "this view" if self.app.query_text else "the whole list"
        question = f"Mark {len(ids):,} unread article{'s' if len(ids) != 1 else ''} in {view} read?"
        self.app.push_screen(ConfirmScreen(question), partial(self._mark_all_answered, ids))

    def _mark_all_answered(self, ids: list[str], yes: bool | None) -> None:
        if not yes:
            self.app.notify("Nothing marked.", timeout=2)
            return
        count = len(ids)
        plural = "s" if count != 1 else ""
        undo = f"Undid marking {count:,} article{plural} read"
        changed = self.call(self.store.set_read, ids, True, undo, research=False)
        if changed is not None:
            self.app.notify(f"Marked {count:,} article{plural} read (u undoes)", timeout=4)

    def undo(self) -> None:
        undone = self.call(self.store.undo)
        # The store already words it as "Undid tag change: …".
        self.app.notify(undone or "Nothing to undo", timeout=3, markup=False)

    def _user_change(self, index: int, method: Callable[..., Any], *args: Any) -> Any:
        """Bookmark or tag article ``index`` now; its quote notes follow if not known yet.

        Analysing can take a while with spaCy, so it runs in a worker and the saved metadata
        is updated when it is done (``notes_ready``).
        """
        article = self.library.articles[index]
        known = self.app.reading.known_analysis(index)
        result = self.call(method, article.id, *args, self._meta_for(index, known))
        if known is None:
            self.app.run_worker(
                partial(self._fill_notes, index),
                name="notes",
                group="notes",
                thread=True,
                exit_on_error=False,
            )
        return result

    def _meta_for(self, index: int, analysis: Analysis | None) -> ArticleMeta:
        article = self.library.articles[index]
        from newsreader.model import Entry
        from newsreader.storage.state import (
            ArticleMeta,  # the store's: not on the way to the first screen
        )

        before = self.store.meta(article.id)
        saved_at = before.saved_at if before is not None and before.saved_at else time.time()
        return ArticleMeta(
            title=article.title,
            source=article.source,
            notes=_notes(analysis),
            link=article.link if isinstance(article, Entry) else None,
            saved_at=saved_at,
        )

    def _fill_notes(self, index: int) -> None:
        """In a worker's thread: analyse article ``index`` for its notes."""
        try:
            analysis = self.library.analysis(index)
        except Exception:
            return  # notes are a nicety; opening the article reports the failure
        self.app.post_message(NotesReady(index, analysis))

    def notes_ready(self, message: NotesReady) -> None:
        """Save the notes with the article's metadata, if it is still bookmarked or tagged
        (which may not be as it was when the key was pressed)."""
        article = self.library.articles[message.index]
        meta = self._meta_for(message.index, message.analysis)
        if not meta.notes:
            return  # nothing to add to what was saved
        if not self.store.is_bookmarked(article.id) and not self.store.tags_of(article.id):
            return  # undone meanwhile: nothing is kept for it
        # No undo entry: "u" undoes the user's bookmark or tag, not these notes.
        self.call(self.store.set_meta, article.id, meta, research=False)

    # -- the store ---------------------------------------------------------------------------

    def call(self, method: Callable[..., Any], *args: Any, research: bool = True) -> Any:
        """Call the store, then show what changed and any write failure.

        ``research`` re-runs the active search, since "tag:x" or "is:bookmarked" may now
        select other articles (not after a read mark: the open article would vanish from
        an "is:unread" list while being read).
        """
        try:
            result = method(*args)
        except Exception as error:  # a store bug must not take the reader down
            self.app.notify(f"Could not save: {error}", severity="error", markup=False)
            result = None
        self.after_change(research=research)
        return result

    def after_change(self, *, research: bool = False) -> None:
        """Redraw what the saved data shows, and say if writing failed or works again."""
        app = self.app
        self.show_warnings()
        if research:
            app.searcher.rerun()
        error = self.store.last_error
        if error and error != self._shown_error:
            app.notify(
                f"Could not save: {error} (kept in memory, will retry)",
                severity="error",
                timeout=15,
                markup=False,
            )
        elif not error and self._shown_error:
            app.notify("Saved again", timeout=3)
        self._shown_error = error
        app.article_list.refresh()
        app.refresh_sidebar()
        app.update_status()

    def reload(self) -> bool:
        """Pick up another instance's changes; redraw and re-filter only if there were any."""
        try:
            changed = bool(self.store.reload())
        except Exception as error:
            self.app.notify(f"Could not reload: {error}", severity="error", markup=False)
            return False
        self.show_warnings()
        if changed:
            self.after_change(research=True)
        return changed

    def show_warnings(self) -> None:
        """Notify the store's warnings not shown yet (it adds some on reload, e.g. a bad file)."""
        self._warnings_shown = self.app.notify_new(self.store.warnings, self._warnings_shown)

    def tag_counts(self) -> dict[str, int]:
        """Every tag with its count: the user's and those of their feeds."""
        try:
            return self.library.all_tags(self.store)
        except Exception:
            return {}

    def counts(self) -> Counts:
        """Totals for the sidebar, counting only articles that are loaded."""
        totals = self.library.counts(self.store)
        loaded = self.library.tag_counts(self.store, self.tag_counts())
        feeds = self.library.unread_by_feed(self.store)
        failing = self.app.feeds.failing() if feeds else frozenset()
        return Counts(totals.total, totals.unread, totals.bookmarked, loaded, feeds, failing)


def _notes(analysis: Analysis | None) -> tuple[str, ...]:
    """Quote notes for the store ("speaker: text"), so exports say who said what."""
    if analysis is None:
        return ()
    return tuple(f"{quote.speaker or 'unknown'}: {quote.text}" for quote in analysis.quotes)
