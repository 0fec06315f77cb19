"""The filter sidebar: everything, unread, bookmarked, each tag and each feed, with counts.

Choosing an entry puts the matching query ("is:unread", "tag:defence") in the search bar, so a
filter is just a search the user can see and edit, not a second, hidden mechanism.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from textual import on
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newsreader.tui.keys import bindings
from newsreader.tui.safe import one_line

#: Cells for a label and its count (the sidebar is 26 wide with its border and padding).
LABEL_WIDTH = 20


def feed_query(name: str) -> str:
    """The query that selects a feed's entries (``feed:"Harbour News"``)."""
    return 'feed:"' + name.replace('"', " ") + '"'


def tag_query(tag: str) -> str:
    """The query that selects articles with ``tag`` (quoted when it needs to be)."""
    if tag and all(ch.isalnum() or ch in "-_." for ch in tag):
        return f"tag:{tag}"
    return 'tag:"' + tag.replace('"', "") + '"'


@dataclass(frozen=True, slots=True)
class Counts:
    """The numbers the sidebar shows."""

    total: int
    unread: int
    bookmarked: int
    tags: Mapping[str, int]
    #: Unread entries per feed name.
    feeds: Mapping[str, int] = field(default_factory=dict)
    #: Feeds whose last fetch failed (shown with a "!").
    failing: frozenset[str] = frozenset()


class Sidebar(OptionList):
    """A short list of saved filters."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("sidebar")

    @dataclass
    class Chosen(Message):
        """The user picked a filter; ``query`` is what to search for ("" for everything)."""

        sidebar: Sidebar
        query: str

        @property
        def control(self) -> Sidebar:
            return self.sidebar

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: Counts | None = None

    def show_counts(self, counts: Counts) -> None:
        """Rebuild the entries (only when the numbers changed, to keep the highlight)."""
        if counts == self._shown:
            return
        self._shown = counts
        highlighted = self.highlighted
        options = [
            _option("All articles", counts.total, ""),
            _option("Unread", counts.unread, "is:unread"),
            _option("Bookmarked", counts.bookmarked, "is:bookmarked"),
        ]
        options.extend(
            _option("#" + one_line(tag), count, tag_query(tag))
            for tag, count in sorted(counts.tags.items(), key=lambda item: (-item[1], item[0]))
        )
        options.extend(
            _option(("! " if name in counts.failing else "") + one_line(name), unread,
                    feed_query(name))
            for name, unread in sorted(counts.feeds.items(), key=lambda item: item[0].casefold())
        )  # fmt: skip
        self.clear_options()
        self.add_options(options)
        if self.option_count:
            self.highlighted = min(highlighted or 0, self.option_count - 1)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self, (event.option.id or "q:").removeprefix("q:")))


def _option(label: str, count: int, query: str) -> Option:
    number = f"{count:,}"
    room = max(1, LABEL_WIDTH - len(number))
    shown = label if len(label) <= room else label[: room - 1] + "…"
    prompt = Content.assemble(Content(shown.ljust(room)), (" " + number, "dim"))
    return Option(prompt, id="q:" + query)
