"""A yes/no question in a small modal (``A`` asks before marking a whole view read).

Its keys come from the registry's "confirm" scope like every other key, so they are remappable
and listed in the help.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from newsreader.tui.keys import bindings, by_id


class ConfirmScreen(ModalScreen[bool]):
    """Asks ``question``; dismissed with True (yes) or False (no)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("confirm")

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        yes, no = by_id("confirm_yes").key_display, by_id("confirm_no").key_display
        with Vertical(id="confirm-dialog"):
            yield Label(self.question, markup=False)
            yield Label(f"{yes}: yes    {no}: no", id="confirm-keys", markup=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
