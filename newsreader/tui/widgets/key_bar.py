"""The key bar: the footer's one line of keys for where the focus is, as a single widget.

Textual's ``Footer`` mounts a widget per key and recomposes them whenever the focus moves; on
the first screen those nine widgets cost as much CSS and layout work as the whole rest of the
app. This draws the same line (the registry's ``footer`` commands of the app and of the
focused pane, from ``keys.py``) as one ``Content``.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from newsreader.tui.keys import Scope, commands

#: Which registry scope a focused widget's keys belong to, by widget id.
SCOPES: dict[str, Scope] = {"list": "list", "reader": "reader", "search": "search"}


def key_line(scope: Scope | None) -> Content:
    """The footer commands of the app and of ``scope``, the pane's own first."""
    shown = [c for c in commands(scope) if c.footer] if scope else []
    shown += [c for c in commands("app") if c.footer]
    parts: list[str | tuple[str, str]] = []
    for command in shown:
        parts.append((f" {command.key_display} ", "bold reverse"))
        parts.append(f" {command.description}  ")
    return Content.assemble(*parts)


class KeyBar(Static):
    """One line of key hints that follows the focus."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(key_line("list"), id=id)
        self.scope: Scope | None = "list"

    def on_mount(self) -> None:
        self.watch(self.screen, "focused", self._focused, init=False)

    def _focused(self, widget: Widget | None) -> None:
        scope = SCOPES.get(widget.id or "") if widget is not None else None
        if scope != self.scope:
            self.scope = scope
            self.update(key_line(scope), layout=False)  # always one line
