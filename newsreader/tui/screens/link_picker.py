"""The link picker (``l``): the article's numbered links; Enter opens one in the browser."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from newsreader.links import openable
from newsreader.tui.keys import bindings
from newsreader.tui.safe import one_line


class LinkPicker(ModalScreen[str | None]):
    """Choose a link; dismissed with its URL, or None."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("links")
    DEFAULT_CSS = """
    LinkPicker { align: center middle; }
    LinkPicker > Vertical {
        width: 90; max-width: 95%; height: auto; max-height: 80%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    LinkPicker OptionList { height: auto; max-height: 20; border: none; }
    """

    def __init__(self, title: str, links: Sequence[tuple[int, str]]) -> None:
        super().__init__()
        self._title = title
        self._links = list(links)
        self._last_key = ""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Content(f"Links of “{one_line(self._title)}”"))
            options = [
                Option(
                    Content(f"[{n}] {one_line(url)}" + ("" if openable(url) else "  (not opened)")),
                    id=str(i),
                    disabled=not openable(url),
                )
                for i, (n, url) in enumerate(self._links)
            ]
            yield OptionList(*options)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._links[int(event.option.id or 0)][1])

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def on_key(self, event: events.Key) -> None:
        self._last_key = event.character or ""

    def action_number(self) -> None:
        """A digit: open link [n] at once (the picker's own numbers, as newsboat's)."""
        wanted = self._last_key
        for number, url in self._links:
            if str(number) == wanted and openable(url):
                self.dismiss(url)
                return
        self.notify(f"No link [{wanted}] to open.", markup=False)
