"""The search bar: an Input that reports what to search for once typing pauses.

While the index is still being built a query may scan, and searching on every keystroke would
queue work that the next keystroke makes useless; a short debounce (60 ms) sends one query per
pause instead. Once the index is complete a query takes about a millisecond, so each keystroke
is sent at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.binding import BindingType
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input

from newsreader.tui.keys import bindings

DEBOUNCE_SECONDS = 0.06


class SearchBar(Input):
    """Type a query; the list follows. Enter goes back to the list, Esc clears."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("search")

    @dataclass
    class Query(Message):
        """The text to search for (sent after the debounce, and at once on Enter)."""

        bar: SearchBar
        text: str
        done: bool = False

        @property
        def control(self) -> SearchBar:
            return self.bar

    @dataclass
    class Cancelled(Message):
        """Esc in the bar: clear the search."""

        bar: SearchBar

        @property
        def control(self) -> SearchBar:
            return self.bar

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(
            placeholder='Search: words "a phrase" -word tag:x is:bookmarked is:unread person:…',
            id=id,
            classes=classes,
            select_on_focus=False,
        )
        self._timer: Timer | None = None
        self._sent: str | None = None
        #: Set by the app: true once a query costs well under a frame (the word index is
        #: complete), when waiting out the debounce would only add latency.
        self.instant: Callable[[], bool] = lambda: False
        #: Set by the app to take each query in this keystroke's own turn. A posted message
        #: travels through the screen's and the app's queues first, and the list it changes
        #: then often misses the frame that paints the bar's new text.
        self.deliver: Callable[[SearchBar.Query], None] | None = None

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.instant():
            self._send()
            return
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self._send)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_done()

    def _send(self, done: bool = False) -> None:
        self._timer = None
        if self.value != self._sent or done:
            self._sent = self.value
            query = self.Query(self, self.value, done=done)
            if self.deliver is not None:
                self.deliver(query)
            else:
                self.post_message(query)

    def set_query(self, text: str) -> None:
        """Put ``text`` in the bar without waiting for the debounce (sidebar, palette)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        with self.prevent(Input.Changed):
            self.value = text
        self.cursor_position = len(text)
        self._sent = text

    def take(self) -> str:
        """The text, now: stops the debounce so the same query is not sent again after it."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._sent = self.value
        return self.value

    def action_done(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._send(done=True)

    def action_cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.post_message(self.Cancelled(self))
