"""The key bar: the footer's one line of keys for where the focus is, as a single widget.

Textual's ``Footer`` mounts a widget per key and recomposes them whenever the focus moves; on
the first screen those nine widgets cost as much CSS and layout work as the whole rest of the
app. This draws the same line (the registry's ``footer`` commands of the app and of the
focused pane, from ``keys.py``) as one ``Content``.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from newsreader.tui.keys import Scope, commands, pretty_key

#: Which registry scope a focused widget's keys belong to, by widget id.
SCOPES: dict[str, Scope] = {
    "list": "list",
    "reader": "reader",
    "search": "search",
    "sidebar": "sidebar",
}


def key_line(scope: Scope | None, width: int = 1000) -> Content:
    """The footer commands of the app and of ``scope`` in ``rank`` order, as many whole ones
    as fit in ``width`` cells (a narrow terminal shows the most important, never half a word).

    An app key the pane binds for itself is not shown for the app's command (in the reader,
    ``q`` goes back, so Quit shows ``Q`` only).
    """
    own = [c for c in commands(scope) if c.footer] if scope else []
    taken = (
        {key for c in commands(scope) if c.bound for key in c.key.split(",")} if scope else set()
    )
    shown = sorted([*own, *(c for c in commands("app") if c.footer)], key=lambda c: c.rank)
    parts: list[str | tuple[str, str]] = []
    used = 0
    for command in shown:
        keys = command.key.split(",")
        if command.scope == "app":
            keys = [key for key in keys if key not in taken and not _typed(scope, key)]
        if not keys:
            continue
        display = (
            command.display
            if command.display and len(keys) == len(command.key.split(","))
            else ", ".join(pretty_key(key) for key in keys)
        )
        cells = cell_len(display) + cell_len(command.description) + 5
        if used + cells - 2 > width:
            break
        used += cells
        parts.append((f" {display} ", "bold reverse"))
        parts.append(f" {command.description}  ")
    return Content.assemble(*parts)


def _typed(scope: Scope | None, key: str) -> bool:
    """In the search bar a letter or "/" is typed into it, so the app's key does not work."""
    return scope == "search" and (len(key) == 1 or key in ("slash", "question_mark"))


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

    def on_resize(self, event: events.Resize) -> None:
        self.update(key_line(self.scope, event.size.width), layout=False)

    def _focused(self, widget: Widget | None) -> None:
        scope = SCOPES.get(widget.id or "") if widget is not None else None
        if scope != self.scope:
            self.scope = scope
            self.update(key_line(scope, self.size.width or 1000), layout=False)  # one line
