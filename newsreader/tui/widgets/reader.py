"""The reader pane: a line-API view of a document of styled paragraphs.

DESIGN.md started from ``Static(Content)`` in a ``VerticalScroll``; measured here, that renders
every wrapped line of the article on each update (a 24k-character article with highlights took
~250 ms to open). Wrapping the whole document once per width still cost 15–30 ms per change
(and thousands of objects for the garbage collector), so this widget counts each paragraph's
lines from its plain text (for the scrollbar), wraps only the paragraphs that reach the screen
and turns only the rows on screen into strips. The article is shown plain at once and again
with highlights when its analysis arrives from a worker.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.style import Style as RichStyle
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from newsreader.model import Analysis, Article, Span
from newsreader.tui.document import (
    ROLES,
    Document,
    Options,
    build_document,
    empty_document,
    line_of_offset,
    wrapped_height,
)
from newsreader.tui.keys import bindings

WELCOME = "Choose an article in the list and press Enter. Press ? for every key."


#: Columns of text at most (issue 12: a reader made for reading; wider panes centre it).
READING_WIDTH = 88


class Reader(ScrollView, can_focus=True):
    """Shows one article; knows its quotes and matches so it can jump between them."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("reader")

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"reader--{role}" for role in ROLES}

    # The gutter is kept for the scrollbar even when there is none, so a long article showing
    # its scrollbar does not narrow the text and have every paragraph counted again.
    DEFAULT_CSS = """
    Reader {
        overflow-x: hidden;
        scrollbar-gutter: stable;
    }
    """

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.index: int | None = None
        self.article: Article | None = None
        self.analysis: Analysis | None = None
        self.show_quotes = True
        self.show_entities = True
        self.matches: tuple[Span, ...] = ()
        self.current_match: int | None = None
        self.current_quote: int | None = None
        self._pending_matches: Callable[[], Sequence[Span]] | None = None
        self._after_matches: Callable[[], None] | None = None
        self.document: Document = Document([Content(WELCOME)])
        self._laid_out_width = -1
        #: Lines of each block at that width, and the line each block starts on.
        self._heights: list[int] = []
        self._starts: list[int] = []
        #: Block -> its wrapped lines, for this document at that width.
        self._wrapped: LRUCache[int, list[Content]] = LRUCache(256)
        #: (width, plain text) -> lines, for the article on show: kept across its documents,
        #: so the rebuild when the analysis or a search arrives only counts the paragraphs
        #: whose text changed.
        self._height_cache: dict[tuple[int, str], int] = {}
        self._generation = 0
        self._strips: LRUCache[tuple[int, int, int, int], Strip] = LRUCache(512)
        #: ``rich_style`` (it walks every ancestor), kept as long as the strips made with it.
        self._pad_style: RichStyle | None = None
        self._drawn_styles: dict[str, Style] = {}
        self._role_styles: dict[str, Style] | None = None

    # -- what to show ------------------------------------------------------------------------

    def show(
        self,
        index: int,
        article: Article,
        analysis: Analysis | None,
        matches: Sequence[Span] = (),
    ) -> None:
        """Show a new article from the top (one layout: everything known is drawn at once)."""
        if article is not self.article:
            self._height_cache.clear()
        self.index = index
        self.article = article
        self.analysis = analysis
        self.matches = tuple(matches)
        self._pending_matches = None
        self.current_match = None
        self.current_quote = None
        self._redraw()
        self.scroll_home(animate=False, immediate=True)

    def set_analysis(self, index: int, analysis: Analysis) -> None:
        """The analysis of ``index`` arrived; ignored if the reader moved on."""
        if index == self.index:
            self.analysis = analysis
            self._redraw()

    def set_matches(self, matches: Sequence[Span]) -> None:
        """Highlight ``matches``; the same ones again (a search finishing after n) keep the
        current match instead of sending the reader back to "no match chosen"."""
        self._pending_matches = None
        if tuple(matches) == self.matches:
            return
        self.matches = tuple(matches)
        self.current_match = None
        self._redraw()

    def set_matches_soon(
        self, find: Callable[[], Sequence[Span]], then: Callable[[], None] | None = None
    ) -> None:
        """Highlight what ``find`` returns once the screen has been repainted, then call
        ``then``; n/N before that find them at once.

        Finding the words of a query in a 20k-character article and laying it out again
        took longer than repainting the filtered list, and the list is what a search is for.
        """
        self._pending_matches = find
        self._after_matches = then
        self.call_after_refresh(self._apply_pending_matches)

    def _apply_pending_matches(self) -> None:
        find, then = self._pending_matches, self._after_matches
        if find is None:
            return
        self.set_matches(find())
        self._after_matches = None
        if then is not None:
            then()

    def clear(self) -> None:
        self._pending_matches = None
        self.index = None
        self.article = None
        self.analysis = None
        self._show(empty_document(WELCOME, self._styles()))

    def toggle_quotes(self) -> bool:
        self.show_quotes = not self.show_quotes
        self._redraw()
        return self.show_quotes

    def toggle_entities(self) -> bool:
        self.show_entities = not self.show_entities
        self._redraw()
        return self.show_entities

    @property
    def text(self) -> str:
        """The plain text on show (tests and copy use it)."""
        return self.document.plain

    # -- jumping -----------------------------------------------------------------------------

    def next_quote(self, step: int = 1) -> bool:
        """Move to the next (or, with ``step=-1``, previous) quote; False if there is none."""
        if self.analysis is None or not self.analysis.quotes or not self.show_quotes:
            return False
        count = len(self.analysis.quotes)
        if self.current_quote is None:
            self.current_quote = 0 if step > 0 else count - 1
        else:
            self.current_quote = (self.current_quote + step) % count
        self._redraw()
        self._scroll_to_offset(self._offset("quote", self.current_quote))
        return True

    def next_match(self, step: int = 1) -> bool:
        """Move to the next (or previous) search match; False if there is none."""
        self._apply_pending_matches()
        if not self.matches:
            return False
        count = len(self.matches)
        if self.current_match is None:
            self.current_match = 0 if step > 0 else count - 1
        else:
            self.current_match = (self.current_match + step) % count
        self._redraw()
        self._scroll_to_offset(self._offset("match", self.current_match))
        return True

    def action_scroll_home(self) -> None:
        """g / Home jump at once, like a pager: a one-second glide across a long article only
        makes the reader wait."""
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False)

    def _offset(self, kind: str, number: int) -> int | None:
        offsets = self.document.quote_offsets if kind == "quote" else self.document.match_offsets
        return offsets[number] if number < len(offsets) else None

    def _scroll_to_offset(self, offset: int | None) -> None:
        if offset is None:
            return
        self._lay_out()
        block, inner = self.document.block_at(offset)
        inner_line = line_of_offset(self.document.blocks[block], self._lines_of(block), inner)
        self.scroll_to(y=max(0, self._starts[block] + inner_line - 2), animate=False)

    # -- drawing -----------------------------------------------------------------------------

    def _styles(self) -> dict[str, Style]:
        """The style of each role, kept until the styles change (each one walks every
        ancestor, and together they cost more than laying out the article)."""
        if self._role_styles is None:
            self._role_styles = {
                role: Style.from_rich_style(
                    self.get_component_rich_style(f"reader--{role}", partial=True)
                )
                for role in ROLES
            }
        return self._role_styles

    def notify_style_update(self) -> None:
        """Redraw when the colours changed (a theme switch); focus moving in or out also lands
        here, and rebuilding a long article for nothing would make Tab lag."""
        super().notify_style_update()
        self._strips.clear()
        self._pad_style = None
        self._role_styles = None
        if self.is_mounted and self.article is not None and self._styles() != self._drawn_styles:
            self._redraw()

    def _redraw(self) -> None:
        if self.article is None:
            return
        options = Options(
            quotes=self.show_quotes,
            entities=self.show_entities,
            matches=self.matches,
            current_match=self.current_match,
            current_quote=self.current_quote,
        )
        styles = self._styles()
        self._drawn_styles = styles
        anchor = self._anchor()
        self._show(build_document(self.article, self.analysis, styles, options))
        if anchor is not None and anchor[0] < len(self._starts):
            # Speakers shown after quotes (or not) change the lines: keep the paragraph.
            self._scroll_to_anchor(anchor)

    def _show(self, document: Document) -> None:
        self.document = document
        self._generation += 1
        self._laid_out_width = -1
        self._lay_out()
        self.refresh()

    #: The widest the text is set, in columns: longer lines are hard to read; in a wider pane
    #: the text is centred (the habit of every reading app).
    reading_width = READING_WIDTH

    @property
    def _width(self) -> int:
        return max(1, min(self.scrollable_content_region.width, self.reading_width))

    def _lay_out(self, width: int | None = None) -> None:
        """Count the lines of every block for the current width (when the text or width
        changed); the blocks themselves are wrapped when they reach the screen."""
        if width is None:
            width = self._width
        if width == self._laid_out_width:
            return
        anchor = self._anchor() if self._laid_out_width > 0 else None
        self._laid_out_width = width
        self._wrapped.clear()
        self._strips.clear()
        self._set_heights([self._height_of(block, width) for block in self.document.blocks])
        if anchor is not None:
            # The sidebar opened or the terminal was resized: the same paragraph stays at
            # the top, at the same share of its lines, rather than the same line number.
            self._scroll_to_anchor(anchor)

    def _scroll_to_anchor(self, anchor: tuple[int, float]) -> None:
        block, share = anchor
        y = self._starts[block] + round(share * self._heights[block])
        self.scroll_to(y=y, animate=False, immediate=True)

    def _anchor(self) -> tuple[int, float] | None:
        """The paragraph at the top of the view and how far into it (0 to 1), if scrolled."""
        top = round(self.scroll_y)
        if top <= 0 or not self._starts:
            return None
        block = max(0, bisect_right(self._starts, top) - 1)
        height = max(1, self._heights[block])
        return block, min(1.0, (top - self._starts[block]) / height)

    def _height_of(self, block: Content, width: int) -> int:
        key = (width, block.plain)
        height = self._height_cache.get(key)
        if height is None:
            height = self._height_cache[key] = wrapped_height(block, width)
        return height

    def _set_heights(self, heights: list[int]) -> None:
        starts: list[int] = []
        line = 0
        for height in heights:
            starts.append(line)
            line += height + 1  # and the blank line after it
        self._heights = heights
        self._starts = starts
        self.virtual_size = Size(self._laid_out_width, max(0, line - 1))

    def _lines_of(self, block: int) -> list[Content]:
        """The wrapped lines of ``block``, wrapping it now if it has not been yet."""
        lines = self._wrapped.get(block)
        if lines is None:
            lines = self.document.blocks[block].wrap(self._laid_out_width)
            self._wrapped[block] = lines
            if len(lines) != self._heights[block]:  # the count was wrong: trust the wrap
                heights = list(self._heights)
                heights[block] = len(lines)
                self._set_heights(heights)
                self._strips.clear()
        return lines

    def _line(self, number: int) -> Content | None:
        """Wrapped line ``number`` of the document; None for a blank line between blocks."""
        block = bisect_right(self._starts, number) - 1
        if block < 0:
            return None
        inner = number - self._starts[block]
        if inner >= self._heights[block]:
            return None
        lines = self._lines_of(block)
        return lines[inner] if inner < len(lines) else None

    def _on_resize(self, event: events.Resize) -> None:
        self._lay_out()

    def render_line(self, y: int) -> Strip:
        width = self._width
        self._lay_out(width)
        number = self.scroll_offset.y + y
        full = max(width, self.scrollable_content_region.width)
        key = (self._generation, number, width, full)
        strip = self._strips.get(key)
        if strip is None:
            pad = self._pad_style
            if pad is None:
                pad = self._pad_style = self.rich_style
            line = self._line(number)
            if line is None:
                strip = Strip.blank(full, pad)
            else:
                segments = line.render_segments(self.visual_style)
                strip = Strip(segments, line.cell_length).adjust_cell_length(width, pad)
                left = (full - width) // 2
                if left:
                    strip = Strip.join([Strip.blank(left, pad), strip])
                strip = strip.adjust_cell_length(full, pad)
            self._strips[key] = strip
        return strip
