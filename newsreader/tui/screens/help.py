"""The help screen: every key, generated from the command registry.

Because it reads the same table as the bindings and the footer, it cannot list a key that does
not work or miss one that does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from newsreader.tui.keys import SCOPE_TITLES, Command, commands

QUERY_HELP = (
    'Search: words (all must appear), "a phrase", -word (exclude), tag:x, is:bookmarked, '
    'is:unread, person:"Ho Cheng-hui", org:CWA, place:Kinmen, said:"name", source:file.txt'
)


def help_rows(registry: Sequence[Command] | None = None) -> list[tuple[str, str, str, str]]:
    """(scope title, keys, description, explanation) for every command, scope by scope."""
    rows = tuple(registry) if registry is not None else commands()
    out: list[tuple[str, str, str, str]] = []
    for scope, title in SCOPE_TITLES.items():
        for command in rows:
            if command.scope == scope:
                extra = command.explanation if command.explanation != command.description else ""
                out.append((title, command.key_display, command.description, extra))
    return out


def help_content(registry: Sequence[Command] | None = None) -> Content:
    """The help as plain lines (for tests and for anyone piping it somewhere)."""
    lines = [f"{keys}  {description}  {extra}".rstrip() for _, keys, description, extra in
             help_rows(registry)]  # fmt: skip
    return Content("\n".join(lines))


def help_table(registry: Sequence[Command] | None = None) -> Table:
    """A three-column table per scope; Rich wraps the explanations inside their column."""
    table = Table(box=None, show_header=False, expand=True, padding=(0, 2, 0, 0))
    table.add_column("keys", no_wrap=True, style="bold")
    table.add_column("command", no_wrap=True)
    table.add_column("what it does", style="dim", ratio=1)
    scope = None
    for title, keys, description, extra in help_rows(registry):
        if title != scope:
            if scope is not None:
                table.add_row("", "", "")
            table.add_row(Text(title, style="bold underline"), "", "")
            scope = title
        table.add_row(Text(keys), Text(description), Text(extra))
    table.add_row("", "", "")
    table.add_row("", "", Text(QUERY_HELP))
    table.add_row("", "", Text("Esc, q or ? closes this screen."))
    return table


class HelpScreen(ModalScreen[None]):
    """A scrollable list of every command and its keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close"),
        Binding("j,down", "scroll_down", show=False),
        Binding("k,up", "scroll_up", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.table = help_table()

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            yield Static(Text("newsreader — keys", style="bold"), id="help-title")
            yield Static(self.table, id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#help-dialog", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#help-dialog", VerticalScroll).scroll_up()
