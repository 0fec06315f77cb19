"""The article list: a line-API widget that draws only the rows on screen.

One widget per row (``ListView``) took 7 s for 2k rows and ``OptionList``/``DataTable`` measure
every row up front; this widget's cost is the visible rows only, so 100k articles paint as fast as
five (the approach of Textualize's toolong). The list is either "every article, in load order"
(``rows is None``, and it grows while loading) or the row order a search returned.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsreader.model import Article, Entry
from newsreader.tui.document import entry_date
from newsreader.tui.keys import bindings
from newsreader.tui.safe import one_line
from newsreader.tui.versions import textual_version

if TYPE_CHECKING:
    from newsreader.storage.store import Store

#: The Textual whose private ``Widget._scroll_update`` the list calls to change its length
#: without a layout; on any other it assigns ``virtual_size`` and gets one (slower, not wrong).
RESIZE_WRITTEN_FOR = "8.2.8"

UNREAD_MARK = "●"
BOOKMARK_MARK = "★"


@dataclass(frozen=True, slots=True)
class _RowStyles:
    base: Style
    dot: Style
    bookmark: Style
    title: Style
    tags: Style
    meta: Style


class ArticleList(ScrollView, can_focus=True):
    """One row per article: unread dot, bookmark star, title, tags."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("list")

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--row",
        "article-list--cursor",
        "article-list--dot",
        "article-list--unread",
        "article-list--read",
        "article-list--bookmark",
        "article-list--tags",
        "article-list--meta",
        "article-list--empty",
    }

    DEFAULT_CSS = """
    ArticleList {
        overflow-x: hidden;
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)
    """The row the cursor is on."""

    @dataclass
    class Selected(Message):
        """The user chose an article (Enter, Tab, click on the current row)."""

        article_list: ArticleList
        index: int
        focus_reader: bool

        @property
        def control(self) -> ArticleList:
            return self.article_list

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another article."""

        article_list: ArticleList
        index: int | None

    def __init__(
        self,
        articles: Sequence[Article],
        store: Store,
        *,
        empty_text: str = "No articles.",
        on_select: Callable[[int, bool], None] | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._articles = articles
        self._store = store
        self._rows: list[int] | None = None
        self.empty_text = empty_text
        # Called at once rather than posting ``Selected``: a message would be handled after
        # the keys already typed behind Enter (an "n" for next match would find nothing open).
        self._on_select = on_select
        self._cache: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._styles: dict[tuple[bool, bool, bool], _RowStyles] = {}
        self._last_count = -1

    # -- the model ---------------------------------------------------------------------------

    @property
    def rows(self) -> list[int] | None:
        """Article indices shown, in order; ``None`` means every article."""
        return self._rows

    @property
    def row_count(self) -> int:
        return len(self._articles) if self._rows is None else len(self._rows)

    def article_index(self, row: int) -> int | None:
        """The article shown on ``row``, if there is one."""
        if row < 0 or row >= self.row_count:
            return None
        return row if self._rows is None else self._rows[row]

    @property
    def current(self) -> int | None:
        """The article under the cursor."""
        return self.article_index(self.cursor)

    def set_rows(self, rows: list[int] | None) -> None:
        """Show ``rows`` (or everything), keeping the cursor on the same article if it is there."""
        keep = self.current
        self._rows = rows
        new_cursor = 0
        if keep is not None:
            if rows is None:
                new_cursor = keep
            else:
                try:
                    new_cursor = rows.index(keep)
                except ValueError:
                    new_cursor = 0
        self._update_size()
        self.cursor = new_cursor
        self.refresh()

    def articles_added(self) -> None:
        """More articles were loaded: grow the scroll range (cheap; called while loading)."""
        if self._rows is None:
            self._update_size()

    def _update_size(self) -> None:
        count = self.row_count
        if count == self._last_count:
            return
        self._last_count = count
        size = Size(self.scrollable_content_region.width, count)
        height = self.container_size.height
        keeps_scrollbar = self.show_vertical_scrollbar == (count > height)
        if _resize_without_layout() and self.is_mounted and keeps_scrollbar and height:
            # The scrollbar stays as it is, so nothing else on screen moves: set the size
            # without the layout that assigning ``virtual_size`` asks for, which reflows and
            # repaints every pane (after each search result, and for each batch while loading).
            self.set_reactive(ArticleList.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size
        self.refresh()

    def row_of(self, index: int) -> int | None:
        """The row showing the article at ``index``, if it is listed."""
        if self._rows is None:
            return index if 0 <= index < len(self._articles) else None
        try:
            return self._rows.index(index)
        except ValueError:
            return None

    def select_article(self, index: int) -> bool:
        """Move the cursor to the article at ``index`` if it is listed."""
        if self._rows is None:
            if 0 <= index < len(self._articles):
                self.cursor = index
                return True
            return False
        try:
            self.cursor = self._rows.index(index)
        except ValueError:
            return False
        return True

    # -- cursor ------------------------------------------------------------------------------

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, self.row_count - 1)) if self.row_count else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_cursor_into_view()
        self.refresh()
        self.post_message(self.Highlighted(self, self.current))

    def _scroll_cursor_into_view(self) -> None:
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page_down(self) -> None:
        self._page_by(1)

    def action_page_up(self) -> None:
        self._page_by(-1)

    def _page_by(self, step: int) -> None:
        """Move the view and the cursor by a page together, like a pager, so PgUp after PgDn
        puts both back where they were (moving only the cursor made the first PgDn go to the
        bottom row without scrolling, and the view no longer matched on the way back)."""
        page = self._page * step
        height = max(1, self.scrollable_content_region.height)
        top = max(0, min(round(self.scroll_y) + page, self.row_count - height))
        self.scroll_to(y=top, animate=False, immediate=True)
        self.cursor += page

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self.row_count - 1

    def action_open(self) -> None:
        # newsboat's Enter: the article view, where q goes back to the list (Enter, read, q
        # must never quit the app).
        self._select(focus_reader=True)

    def action_to_reader(self) -> None:
        self._select(focus_reader=True)

    def _select(self, *, focus_reader: bool) -> None:
        index = self.current
        if index is None:
            return
        if self._on_select is not None:
            self._on_select(index, focus_reader)
        else:
            self.post_message(self.Selected(self, index, focus_reader))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = round(self.scroll_y) + offset.y
        if self.article_index(row) is None:
            return
        already = row == self.cursor
        self.cursor = row
        if already or event.chain >= 2:
            self._select(focus_reader=False)

    # -- drawing -----------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._styles.clear()

    def _on_resize(self, event: events.Resize) -> None:
        self._last_count = -1
        self._update_size()

    def render_line(self, y: int) -> Strip:
        row = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if not self.row_count:
            if y == 0:
                style = self.get_component_rich_style("article-list--empty")
                return Strip([Segment(" " + self.empty_text, style)]).adjust_cell_length(
                    width, self.rich_style
                )
            return Strip.blank(width, self.rich_style)
        index = self.article_index(row)
        if index is None:
            return Strip.blank(width, self.rich_style)
        is_cursor = row == self.cursor
        # Keyed by the row's own marks, not the store's version: opening an article marks it
        # read, and redrawing every row on screen for that one took longer than the reader.
        article_id = self._articles[index].id
        store = self._store
        marks = (
            store.is_read(article_id),
            store.is_bookmarked(article_id),
            tuple(sorted(store.tags_of(article_id))),
        )
        key = (index, article_id, is_cursor, width, self.has_focus, marks)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(index, is_cursor, width, marks)
            self._cache[key] = strip
        return strip

    def _row_styles(self, is_cursor: bool, read: bool) -> _RowStyles:
        """The row's styles, each already combined with the row's own (cursor or not)."""
        key = (is_cursor, read, self.has_focus)
        styles = self._styles.get(key)
        if styles is None:
            component = partial(self.get_component_rich_style, partial=True)
            base: Style = self.get_component_rich_style("article-list--row")
            if is_cursor:
                base = base + component("article-list--cursor")
            title = component("article-list--read" if read else "article-list--unread")
            styles = _RowStyles(
                base=base,
                dot=base + component("article-list--dot"),
                bookmark=base + component("article-list--bookmark"),
                title=base + title,
                tags=base + component("article-list--tags"),
                meta=base + component("article-list--meta"),
            )
            self._styles[key] = styles
        return styles

    def _render_row(
        self, index: int, is_cursor: bool, width: int, marks: tuple[bool, bool, tuple[str, ...]]
    ) -> Strip:
        """Segments built directly: a Rich ``Text`` rendered through the console cost 0.3 ms a
        row, and a search result or a PgDn draws a whole screen of new rows at once."""
        read, bookmarked, tags = marks
        styles = self._row_styles(is_cursor, read)
        base = styles.base
        tag_text = fit_tags(tags, max(0, width // 4))
        tag_cells = cell_len(tag_text)
        dot = " " if read else UNREAD_MARK
        star = BOOKMARK_MARK if bookmarked else " "
        lead_cells = 3 + cell_len(dot) + cell_len(star)
        article = self._articles[index]
        title = one_line(article.title)
        meta = _entry_meta(article, width)
        meta_cells = cell_len(meta)
        room = max(8, width - lead_cells - tag_cells - meta_cells - 1)
        title_cells = cell_len(title)
        if title_cells > room:
            title = set_cell_size(title, room - 1) + "…"
            title_cells = room
        segments = [
            Segment(" ", base),
            Segment(dot, styles.dot),
            Segment(" ", base),
            Segment(star, styles.bookmark),
            Segment(" ", base),
            Segment(title, styles.title),
        ]
        if tag_text or meta:
            pad = max(0, width - lead_cells - title_cells - tag_cells - meta_cells - 1)
            segments.append(Segment(" " * pad, base))
            if meta:
                segments.append(Segment(meta, styles.meta))
            if tag_text:
                segments.append(Segment(tag_text, styles.tags))
        return Strip(segments).crop(0, width).adjust_cell_length(width, base)


#: The widest a feed's name may be in a list row (the title needs the room more).
FEED_CELLS = 18


def fit_tags(tags: Sequence[str], room: int) -> str:
    """``  #a #b`` in at most ``room`` cells: whole tags, then "…" for the rest (a tag cut
    mid-word reads as another tag)."""
    if not tags:
        return ""
    words = ["#" + one_line(tag) for tag in tags]
    text = "  " + " ".join(words)
    if cell_len(text) <= room:
        return text
    shown = "  "
    for word in words:
        if cell_len(shown) + cell_len(word) + 2 > room:
            break
        shown += word + " "
    if shown == "  " and room >= 4:
        return "  " + set_cell_size(words[0], room - 3) + "…"
    return shown + "…" if room >= 3 else ""


def _entry_meta(article: Article, width: int) -> str:
    """``  Harbour News  Dec 03`` after a feed entry's title (nothing for text articles); the
    feed's name gets about a sixth of the row, so the title keeps the most of it."""
    if not isinstance(article, Entry) or width < 30:
        return ""
    room = max(6, min(FEED_CELLS, width // 6))
    feed = one_line(article.source)
    if cell_len(feed) > room:
        feed = set_cell_size(feed, room - 1) + "…"
    date = entry_date(article.published) if article.published is not None else ""
    return f"  {feed}  {date}".rstrip()


def _resize_without_layout() -> bool:
    return textual_version() == RESIZE_WRITTEN_FOR
