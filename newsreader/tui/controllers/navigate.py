"""Moving between articles the way newsboat users expect: ``J``/``K`` to the next or previous
article, ``n``/``p`` to the next or previous unread one when no search is active, Space past the
end of an article on to the next unread one, and ``q``/Esc from the reader back to the list.

Every move goes through the list: its cursor follows the article being read, so going back to
the list finds the cursor on it, and "next" means next in the order the list shows (a search's
results, the chosen sort).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsreader.tui.focus import focus_now

if TYPE_CHECKING:
    from newsreader.tui.app import NewsReaderApp


class NavigationController:
    """Next/previous article and unread article, and leaving the reader."""

    def __init__(self, app: NewsReaderApp) -> None:
        self.app = app

    def _current_row(self) -> int:
        """The list row of the article being read (if listed), else the list's cursor."""
        rows, reader = self.app.article_list, self.app.reader
        if reader.index is not None and rows.current != reader.index:
            position = rows.row_of(reader.index)
            if position is not None:
                return position
        return rows.cursor

    def _open_row(self, row: int) -> None:
        app = self.app
        rows = app.article_list
        in_reader = app.reader.has_focus_within
        rows.cursor = row
        index = rows.current
        if index is not None:
            app.open_article(index, focus_reader=in_reader)

    def step_article(self, step: int) -> None:
        """``J``/``K``: open the next (or previous) article of the list."""
        rows = self.app.article_list
        if not rows.row_count:
            self.app.notify("No articles.", timeout=2)
            return
        if self.app.reader.index is None:
            row = rows.cursor  # nothing open yet: J opens the article under the cursor
        elif rows.has_focus:
            row = rows.cursor + step  # from the list: the one after the cursor
        else:
            row = self._current_row() + step  # from the reader: the one after it
        if row < 0 or row >= rows.row_count:
            where = "first" if step < 0 else "last"
            self.app.notify(f"This is the {where} article.", timeout=2)
            return
        self._open_row(row)

    def step_unread(self, step: int) -> bool:
        """Open the next (or previous) unread article after the current one, wrapping round
        the list once; False (and a notice) when every article listed is read."""
        app = self.app
        rows, store, articles = app.article_list, app.store, app.library.articles
        count = rows.row_count
        start = self._current_row()
        for offset in range(1, count + 1):
            row = (start + step * offset) % count
            index = rows.article_index(row)
            if index is not None and not store.is_read(articles[index].id):
                self._open_row(row)
                return True
        app.notify("No unread articles left in this view.", timeout=2)
        return False

    def space(self) -> None:
        """Space in the reader: a page down, or the next unread article from the last page."""
        reader = self.app.reader
        if reader.index is not None and reader.scroll_y < reader.max_scroll_y:
            reader.scroll_page_down(animate=False)
            return
        if reader.index is None:
            self.app.notify("No article open: press Enter on one in the list.", timeout=2)
            return
        self.step_unread(1)

    def back_to_list(self) -> None:
        """``q`` in the reader: back to the list, its cursor on the article just read."""
        app = self.app
        rows, reader = app.article_list, app.reader
        if reader.index is not None:
            rows.select_article(reader.index)
        focus_now(rows)

    def reader_escape(self) -> None:
        """Esc in the reader clears an active search first (staying in the article), and goes
        back to the list otherwise."""
        app = self.app
        if app.query_text or app.search_bar.has_class("-visible"):
            app.clear_search(keep_focus=True)
            app.notify("Search cleared (Esc again: back to the list).", timeout=2)
            return
        self.back_to_list()
