"""The one table of commands: every key binding, footer entry, palette entry and help line.

Keys used to be listed in four places (bindings, footer, palette, help) and drift apart; here each
command is one row, and the widgets, the command palette and the help screen are all generated
from it (the pattern of davep/hike and darrenburns/posting). A binding's ``id`` is the command's
id, so Textual's keymap can remap any key by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    # Imported where bindings are made, so ``newsreader config check`` can read the registry
    # without loading Textual.
    from textual.binding import Binding, BindingType

Scope = Literal["app", "list", "reader", "search", "sidebar", "tags", "links", "confirm", "help"]

#: Human titles for the scopes, in the order the help screen shows them.
SCOPE_TITLES: dict[Scope, str] = {
    "app": "Everywhere",
    "list": "Article list",
    "reader": "Reader",
    "search": "Search bar (/)",
    "sidebar": "Filters sidebar (s)",
    "tags": "Tag editor (t)",
    "links": "Link picker (l)",
    "confirm": "Questions (A asks one)",
    "help": "This help (?)",
}


@dataclass(frozen=True, slots=True)
class Command:
    """One user-facing command.

    ``key`` uses Textual key names and may list alternatives separated by commas; ``display``
    is how the key is shown to people (defaults to the first key). ``action`` is a Textual action
    string resolved against the widget of the command's ``scope`` (the App for "app").
    ``footer`` puts it in the key bar (in ``rank`` order); ``palette`` offers it in the command
    palette (navigation keys such as "cursor down" would only clutter it). ``bound=False``
    marks a key the focused widget already handles itself (an Input's Enter or →): listed in
    the help, never bound, since a binding for it would never fire.
    """

    id: str
    key: str
    description: str
    action: str
    scope: Scope = "app"
    footer: bool = False
    palette: bool = True
    display: str | None = None
    help: str = ""
    priority: bool = False
    bound: bool = True
    #: Where it comes in the key bar (lowest first): a narrow terminal shows the first ones.
    rank: int = 50

    @property
    def key_display(self) -> str:
        """All keys as people read them: "j, ↓" rather than "j,down"."""
        if self.display is not None:
            return self.display
        return ", ".join(pretty_key(key) for key in self.key.split(","))

    @property
    def explanation(self) -> str:
        """The longer text for the palette and help screen."""
        return self.help or self.description


_PRETTY = {
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "enter": "Enter",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "escape": "Esc",
    "space": "Space",
    "question_mark": "?",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}


def pretty_key(key: str) -> str:
    """A Textual key name as people read it (\"right_square_bracket\" is \"]\")."""
    if key in _PRETTY:
        return _PRETTY[key]
    if key.startswith("ctrl+"):
        return "Ctrl+" + key.removeprefix("ctrl+")
    return key


COMMANDS: tuple[Command, ...] = (
    # Everywhere.
    # Priority: the App runs it before passing on the next key, so the letters that follow
    # "/" in one burst of typing reach the bar (an Input still gets "/" typed into it).
    Command("search", "slash", "Search", "app.search", footer=True, rank=2, priority=True,
            help="Open the search bar; the list filters as you type"),
    Command("clear_search", "escape", "Clear search", "app.clear_search",
            help="Clear the search and show every article"),
    # n/p follow vim and less while a search is active (next/previous match) and newsboat
    # otherwise (next/previous unread); N is newsboat's toggle read, so previous match is p.
    Command("next_match", "n", "Next match", "app.next_match",
            help="Next search match in the reader; with no search active, the next unread "
            "article (newsboat's n)"),
    Command("previous_match", "p", "Previous match", "app.previous_match",
            help="Previous search match; with no search active, the previous unread article "
            "(N is newsboat's toggle read, so previous match moved from N to p)"),
    Command("toggle_read", "N", "Read/unread", "app.toggle_read",
            help="Mark the article read, or unread again (u undoes)"),
    Command("mark_all_read", "A", "All read", "app.mark_all_read",
            help="Mark every article in the current view read; asks first, u undoes"),
    Command("next_article", "J", "Next article", "app.next_article",
            help="Open the next article in the list (from the reader too)"),
    Command("previous_article", "K", "Previous article", "app.previous_article",
            help="Open the previous article in the list"),
    Command("bookmark", "b", "Bookmark", "app.bookmark", footer=True, rank=5,
            help="Bookmark the article (the one being read when the reader has focus), or "
            "remove its bookmark"),
    Command("tag", "t", "Tags", "app.edit_tags", footer=True, rank=6,
            help="Add or remove tags on the article (the one being read when the reader has "
            "focus)"),
    Command("undo", "u", "Undo", "app.undo",
            help="Undo the last bookmark, tag or read-mark change (opening an article too)"),
    Command("reload", "r,ctrl+r", "Reload", "app.reload",
            help="Re-read the files that grew since they were opened, and the bookmarks and "
            "tags saved by another newsreader"),
    Command("sort", "S", "Sort", "app.cycle_sort",
            help="Change the order: file order, newest first, title, source"),
    Command("refresh_feeds", "R", "Refresh", "app.refresh_feeds", footer=True, rank=8,
            help="Fetch the feeds that are due, in the background; new entries join the list"),
    Command("open_link", "o", "Open link", "app.open_link",
            help="Open the article's link in the web browser (feed entries; http(s) only)"),
    Command("copy_link", "y", "Copy link", "app.copy_link",
            help="Copy the article's link to the clipboard"),
    Command("full_text", "f", "Whole story", "app.full_text",
            help="Fetch a feed entry's web page and read the whole article there (Esc cancels)"),
    Command("feed_text", "F", "Feed text", "app.feed_text",
            help="Switch between the whole story from the web page and the feed's own text"),
    Command("links", "l", "Links", "app.links",
            help="Pick one of the article's numbered links [n] to open in the browser"),
    Command("link_number", "1,2,3,4,5,6,7,8,9", "Link n", "app.link_number", palette=False,
            display="1…9", help="Choose link [n] (then Enter opens it)"),
    Command("sidebar", "s", "Filters", "app.toggle_sidebar", footer=True, rank=7,
            help="Show or hide the sidebar: unread, bookmarks, tags and feeds with counts"),
    Command("toggle_quotes", "w", "Quotes", "app.toggle_quotes",
            help="Highlight quotes and their speakers, or not"),
    Command("toggle_entities", "e", "Entities", "app.toggle_entities",
            help="Colour people, organisations, places, dates and numbers, or not"),
    Command("next_quote", "right_square_bracket", "Next quote", "app.next_quote",
            help="Scroll the reader to the next quote"),
    Command("previous_quote", "left_square_bracket", "Previous quote", "app.previous_quote",
            help="Scroll the reader to the previous quote"),
    Command("help", "question_mark", "Help", "app.help", footer=True, rank=3,
            help="Show every key"),
    Command("palette", "ctrl+p", "Commands", "app.command_palette", priority=True,
            help="Open the command palette"),
    Command("quit", "q,Q", "Quit", "app.quit", footer=True, rank=4,
            help="Save and quit (Q from anywhere; q in the reader goes back to the list)"),
    # The article list.
    Command("open", "enter", "Open", "open", scope="list", footer=True, rank=1,
            help="Open the article and read it (q goes back to the list)"),
    Command("to_reader", "tab", "To reader", "to_reader", scope="list",
            help="Open the article and move to the reader"),
    Command("cursor_down", "j,down", "Down", "cursor_down", scope="list", palette=False),
    Command("cursor_up", "k,up", "Up", "cursor_up", scope="list", palette=False),
    Command("page_down", "pagedown,space", "Page down", "page_down", scope="list", palette=False),
    Command("page_up", "pageup", "Page up", "page_up", scope="list", palette=False),
    Command("first", "g,home", "First article", "first", scope="list", palette=False),
    Command("last", "G,end", "Last article", "last", scope="list", palette=False),
    # The reader.
    Command("back", "q", "Back", "app.back_to_list", scope="reader", footer=True, rank=1,
            help="Back to the article list (newsboat's q)"),
    Command("reader_escape", "escape", "Back", "app.reader_escape", scope="reader",
            palette=False,
            help="Clear an active search first; otherwise back to the article list"),
    Command("to_list", "tab,shift+tab", "To list", "to_list", scope="reader",
            help="Move to the article list, leaving the article open"),
    Command("scroll_down", "j,down", "Scroll down", "scroll_down", scope="reader", palette=False),
    Command("scroll_up", "k,up", "Scroll up", "scroll_up", scope="reader", palette=False),
    Command("reader_page_down", "pagedown", "Page down", "page_down", scope="reader",
            palette=False),
    Command("reader_space", "space", "Page down, next unread", "app.space_in_reader",
            scope="reader", palette=False,
            help="Page down; at the end of the article, open the next unread one"),
    Command("reader_page_up", "pageup", "Page up", "page_up", scope="reader", palette=False),
    Command("reader_top", "g,home", "Top", "scroll_home", scope="reader", palette=False),
    Command("reader_bottom", "G,end", "Bottom", "scroll_end", scope="reader", palette=False),
    # The search bar.
    # Priority and run by the App, for the same reason as "/": the key after them (n, j…)
    # must find the focus already on the list.
    Command("search_done", "enter,down", "To the list", "app.search_done", scope="search",
            palette=False, footer=True, priority=True,
            help="Keep the search and move to the filtered list"),
    Command("search_cancel", "escape", "Clear search", "app.clear_search", scope="search",
            palette=False, footer=True, priority=True,
            help="Clear the search and close the bar"),
    # The filters sidebar.
    Command("filter_choose", "enter", "Show", "select", scope="sidebar", palette=False,
            footer=True, rank=1,
            help="Show the articles of the highlighted filter"),
    Command("filter_down", "j,down", "Down", "cursor_down", scope="sidebar", palette=False),
    Command("filter_up", "k,up", "Up", "cursor_up", scope="sidebar", palette=False),
    Command("open_numbered_link", "enter", "Open link n", "app.open_numbered_link",
            scope="reader", palette=False,
            help="Open the link whose number was typed (1…9), in the browser"),
    # The link picker.
    Command("links_open", "enter", "Open", "select", scope="links", palette=False, bound=False,
            help="Open the highlighted link in the browser"),
    Command("links_cancel", "escape,q", "Close", "cancel", scope="links", palette=False,
            help="Close without opening"),
    Command("links_down", "j,down", "Down", "cursor_down", scope="links", palette=False),
    Command("links_up", "k,up", "Up", "cursor_up", scope="links", palette=False),
    Command("links_number", "1,2,3,4,5,6,7,8,9", "Open link n", "number", scope="links",
            palette=False, display="1…9", help="Open link [n] at once"),
    Command("filter_close", "q,escape", "Close", "app.toggle_sidebar", scope="sidebar",
            palette=False, footer=True, rank=1,
            help="Close the sidebar and go back to the list (as s does)"),
    # The tag editor.
    Command("tags_save", "enter", "Save", "submit", scope="tags", palette=False, bound=False,
            help="Save the tags: \"a, b, -c\" adds a and b and removes c"),
    Command("tags_accept", "tab", "Complete", "complete", scope="tags", palette=False,
            display="Tab, →", help="Accept the suggested tag (→ at the end of the line too)"),
    Command("tags_cancel", "escape", "Cancel", "cancel", scope="tags", palette=False,
            help="Close without saving"),
    # A yes/no question (A's confirmation).
    Command("confirm_yes", "y,enter", "Yes", "answer(True)", scope="confirm", palette=False),
    Command("confirm_no", "n,escape,q", "No", "answer(False)", scope="confirm", palette=False),
    # The help screen.
    Command("help_close", "escape,q,question_mark", "Close", "close", scope="help",
            palette=False),
    Command("help_down", "j,down", "Scroll down", "scroll_down", scope="help", palette=False),
    Command("help_up", "k,up", "Scroll up", "scroll_up", scope="help", palette=False),
    Command("help_page_down", "pagedown,space", "Page down", "page_down", scope="help",
            palette=False),
    Command("help_page_up", "pageup", "Page up", "page_up", scope="help", palette=False),
    Command("help_top", "g,home", "Top", "scroll_top", scope="help", palette=False),
    Command("help_bottom", "G,end", "Bottom", "scroll_bottom", scope="help", palette=False),
)  # fmt: skip


def commands(scope: Scope | None = None) -> tuple[Command, ...]:
    """The registry, or the part of it that belongs to one scope."""
    if scope is None:
        return COMMANDS
    return tuple(command for command in COMMANDS if command.scope == scope)


def bindings(scope: Scope) -> list[BindingType]:
    """Textual bindings for one scope, straight from the registry."""
    return [_binding(command) for command in commands(scope) if command.bound]


def _binding(command: Command) -> Binding:
    from textual.binding import Binding

    action = command.action
    if command.scope == "app":
        action = action.removeprefix("app.")
    return Binding(
        command.key,
        action,
        command.description,
        show=command.footer,
        key_display=command.display,
        priority=command.priority,
        tooltip=command.explanation,
        id=command.id,
    )


def by_id(command_id: str) -> Command:
    """Look a command up by id (the palette and tests use this)."""
    for command in COMMANDS:
        if command.id == command_id:
            return command
    raise KeyError(command_id)


def palette_commands() -> Iterable[Command]:
    """Commands worth offering in the command palette."""
    return (command for command in COMMANDS if command.palette)


#: The registry as it is in this file, before any remapping.
DEFAULT_COMMANDS = COMMANDS


def remap(keymap: Mapping[str, str]) -> list[str]:
    """Give commands the keys the user's config sets (id -> "key,key"); the ids not known.

    The registry itself changes, so the key bar, the help screen and the palette show the
    new keys; the App applies the same map to its bindings with ``set_keymap``. Starts from
    the defaults each time, so calling it again replaces an earlier remap.
    """
    global COMMANDS
    known = {command.id for command in DEFAULT_COMMANDS}
    COMMANDS = tuple(
        replace(command, key=keymap[command.id], display=None) if command.id in keymap else command
        for command in DEFAULT_COMMANDS
    )
    return [command_id for command_id in keymap if command_id not in known]


def registry_rows() -> list[tuple[str, str, str]]:
    """``(id, keys, description)`` of every bound command (the config file lists them)."""
    return [(c.id, c.key, c.description) for c in DEFAULT_COMMANDS if c.bound]
