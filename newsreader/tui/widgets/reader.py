"""The reader pane: a line-API view of one styled ``Content``.

DESIGN.md started from ``Static(Content)`` in a ``VerticalScroll``; measured here, that renders
every wrapped line of the article on each update (a 24k-character article with highlights took
~250 ms to open). This widget wraps the document once per width (~15–30 ms) and turns only the
rows on screen into strips, so opening costs the wrap plus ~1 ms. The article is shown plain at
once and again with highlights when its analysis arrives from a worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

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
)
from newsreader.tui.keys import bindings

WELCOME = "Choose an article in the list and press Enter. Press ? for every key."


class Reader(ScrollView, can_focus=True):
    """Shows one article; knows its quotes and matches so it can jump between them."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("reader")

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"reader--{role}" for role in ROLES}

    DEFAULT_CSS = """
    Reader {
        overflow-x: hidden;
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
        self.document: Document = Document(Content(WELCOME))
        self._lines: list[Content] = []
        self._wrapped_width = -1
        self._generation = 0
        self._strips: LRUCache[tuple[int, int, int], Strip] = LRUCache(512)
        self._drawn_styles: dict[str, Style] = {}

    # -- what to show ------------------------------------------------------------------------

    def show(
        self,
        index: int,
        article: Article,
        analysis: Analysis | None,
        matches: Sequence[Span] = (),
    ) -> None:
        """Show a new article from the top (one layout: everything known is drawn at once)."""
        self.index = index
        self.article = article
        self.analysis = analysis
        self.matches = tuple(matches)
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
        if tuple(matches) == self.matches:
            return
        self.matches = tuple(matches)
        self.current_match = None
        self._redraw()

    def clear(self) -> None:
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
        return self.document.content.plain

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
        self._wrap()
        line = line_of_offset(self.document.content, self._lines, offset)
        self.scroll_to(y=max(0, line - 2), animate=False)

    # -- drawing -----------------------------------------------------------------------------

    def _styles(self) -> dict[str, Style]:
        return {
            role: Style.from_rich_style(
                self.get_component_rich_style(f"reader--{role}", partial=True)
            )
            for role in ROLES
        }

    def notify_style_update(self) -> None:
        """Redraw when the colours changed (a theme switch); focus moving in or out also lands
        here, and rebuilding a long article for nothing would make Tab lag."""
        super().notify_style_update()
        self._strips.clear()
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
        self._show(build_document(self.article, self.analysis, styles, options))

    def _show(self, document: Document) -> None:
        self.document = document
        self._generation += 1
        self._wrapped_width = -1
        self._wrap()
        self.refresh()

    @property
    def _width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    def _wrap(self) -> None:
        """Wrap the document for the current width (only when the text or width changed)."""
        width = self._width
        if width == self._wrapped_width:
            return
        self._wrapped_width = width
        self._lines = self.document.content.wrap(width)
        self._strips.clear()
        self.virtual_size = Size(width, len(self._lines))

    def _on_resize(self, event: events.Resize) -> None:
        self._wrap()

    def render_line(self, y: int) -> Strip:
        self._wrap()
        width = self._width
        number = self.scroll_offset.y + y
        if number >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        key = (self._generation, number, width)
        strip = self._strips.get(key)
        if strip is None:
            line = self._lines[number]
            segments = line.render_segments(self.visual_style)
            strip = Strip(segments, line.cell_length).adjust_cell_length(width, self.rich_style)
            self._strips[key] = strip
        return strip
