"""Moving the focus at once, so the next key of a burst lands where the user now is."""

from __future__ import annotations

from textual.dom import NoScreen
from textual.widget import Widget


def focus_now(widget: Widget) -> None:
    """Focus ``widget`` before the next message is handled (``Widget.focus`` waits a turn)."""
    try:
        screen = widget.screen
    except NoScreen:  # not mounted yet: the deferred way will do
        widget.focus()
    else:
        screen.set_focus(widget)
