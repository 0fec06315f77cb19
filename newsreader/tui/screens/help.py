"""The help screen: every key, generated from the command registry.

Because it reads the same table as the bindings and the footer, it cannot list a key that does
not work or miss one that does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from newsreader.tui.keys import SCOPE_TITLES, Command, bindings, commands

QUERY_HELP = (
    'Words (all must appear), "a phrase", -word (exclude), tag:x, is:bookmarked, '
    "is:unread, is:read, is:truncated (excerpts that stop mid-story), "
    'person:"Ho Cheng-hui", org:CWA, place:Kinmen, said:"name", source:file.txt, '
    'feed:"Harbour News" (a feed\'s entries), since:2026-11-01 or since:7d (entries published '
    "since then). "
    "Any term can be negated with -, e.g. -tag:done; the last word matches as a prefix "
    "until you type a space."
)


HABITS_HELP = (
    "Coming from newsboat: q in the reader goes back to the list, q in the list quits and Q "
    "quits from anywhere; N toggles read, A marks the view read (after asking), J/K open the "
    "next/previous article, Space at the end of an article opens the next unread one, and u "
    "undoes read marks too (opening an article by accident is one u from unread). Coming from "
    "vim or less: n is the next search match while a search is active, and the previous match "
    "is p (N is newsboat's toggle read); with no search active, n/p open the next/previous "
    "unread article. Keys can be changed in the config file (newsreader config path)."
)

LEGEND_HELP = (
    "Under an article's title the legend names the colours: person (people), org "
    "(organisations), place (countries, cities, places), group (nationalities, religious and "
    "political groups), date (dates and times), number (money, percentages, quantities) and "
    "other (events, laws, works, products). “Quotes” are italic in their own colour, the "
    "speaker's name is shown after them, and [who] after “he” or “she” says whom it means. "
    "w turns quotes off and on, e the entity colours. The colours are chosen for the theme "
    "(ctrl+p > Change theme) and can be set in the config file; with NO_COLOR each category "
    "has a text style instead: person bold, org underlined, place bold underlined, group bold "
    "italic, date dim, number dim underlined, other reversed."
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


def markdown_key_table(registry: Sequence[Command] | None = None) -> str:
    """The README's key table, generated from the registry (a test checks the README has it;
    ``python -m newsreader.tui.screens.help`` prints it). The id is what the config's
    ``[keys]`` remaps."""
    rows = tuple(registry) if registry is not None else commands()
    lines = ["| key | where | command (id) | what it does |", "|---|---|---|---|"]
    for scope, title in SCOPE_TITLES.items():
        if scope == "help":
            continue
        for command in rows:
            if command.scope != scope:
                continue
            keys = ", ".join(f"`{key}`" for key in command.key_display.split(", "))
            extra = command.explanation if command.explanation != command.description else ""
            cells = [keys, title, f"{command.description} (`{command.id}`)", extra]
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines)


def help_content(registry: Sequence[Command] | None = None) -> Content:
    """The help as plain lines (for tests and for anyone piping it somewhere)."""
    lines = [f"{keys}  {description}  {extra}".rstrip() for _, keys, description, extra in
             help_rows(registry)]  # fmt: skip
    return Content("\n".join(lines))


def help_table(registry: Sequence[Command] | None = None) -> Group:
    """A titled three-column table per scope, all with the same column widths so the keys line
    up; Rich wraps the explanations inside their column. A title is its own line rather than a
    row, so a long one does not widen the keys column."""
    rows = help_rows(registry)
    keys_width = max((cell_len(keys) for _, keys, _, _ in rows), default=1)
    names_width = max((cell_len(name) for _, _, name, _ in rows), default=1)
    parts: list[Text | Table] = []
    for title in dict.fromkeys(title for title, _, _, _ in rows):
        if parts:
            parts.append(Text(""))
        parts.append(Text(title, style="bold underline"))
        table = Table(box=None, show_header=False, expand=True, padding=(0, 2, 0, 0))
        table.add_column("keys", no_wrap=True, style="bold", width=keys_width)
        table.add_column("command", no_wrap=True, width=names_width)
        table.add_column("what it does", style="dim", ratio=1)
        for row_title, keys, description, extra in rows:
            if row_title == title:
                table.add_row(Text(keys), Text(description), Text(extra))
        parts.append(table)
    parts.extend([Text(""), Text("Search syntax", style="bold underline"), Text(QUERY_HELP)])
    parts.extend([Text(""), Text("Habits", style="bold underline"), Text(HABITS_HELP)])
    colours = Text("Colours in the reader", style="bold underline")
    parts.extend([Text(""), colours, Text(LEGEND_HELP)])
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    """A scrollable list of every command and its keys (its own keys come from the registry
    too, under "This help")."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("help")

    def __init__(self, about: str = "") -> None:
        super().__init__()
        self.table = help_table()
        #: A line about this session (which recogniser finds names), under the keys.
        self.about = about

    def compose(self) -> ComposeResult:
        dialog = VerticalScroll(id="help-dialog")
        # In the border, so they stay in view however far the keys are scrolled.
        dialog.border_title = "newsreader — keys"
        dialog.border_subtitle = "j/k PgDn/PgUp scroll · Esc closes" + (
            f" · {self.about}" if self.about else ""
        )
        with dialog:
            yield Static(self.table, id="help-text")

    @property
    def _scroll(self) -> VerticalScroll:
        return self.query_one("#help-dialog", VerticalScroll)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self._scroll.scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self._scroll.scroll_up(animate=False)

    def action_page_down(self) -> None:
        self._scroll.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self._scroll.scroll_page_up(animate=False)

    def action_scroll_top(self) -> None:
        self._scroll.scroll_home(animate=False)

    def action_scroll_bottom(self) -> None:
        self._scroll.scroll_end(animate=False)


if __name__ == "__main__":
    print(markdown_key_table())
