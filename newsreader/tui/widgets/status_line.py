"""The status line: one row that says what the app is doing, drawn from a ``StatusState``.

The app gathers the state (from the load and search controllers, the store and the reader) and
calls :meth:`StatusLine.show`; this module decides the wording and the order. The line is one
row whatever it says, so it is updated without a layout (a keystroke's repaint must not re-lay
the screen out).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widgets import Static

from newsreader.tui.safe import one_line


@dataclass(frozen=True, slots=True)
class StatusState:
    """Everything the status line shows."""

    articles: int
    #: Which recogniser finds names (shown in the help screen, not on this line).
    recogniser: str = ""
    show_quotes: bool = True
    show_entities: bool = True
    #: Loading: bytes read so far and in all (0: not known), and the highest percentage shown
    #: so far (the total grows when more sources join, and progress must not go backwards).
    loading: bool = False
    bytes_done: int = 0
    bytes_total: int = 0
    load_percent: int = 0
    #: Indexing: the index builder's progress, both passes (words, then entities) in one count:
    #: the first half of ``index_total`` is the words.
    indexing: bool = False
    index_done: int = 0
    index_total: int = 0
    #: A change the store could not write.
    unsaved: bool = False
    #: The query as typed ("" for none), its error, whether its answer is still coming, and
    #: how many rows the list shows for it.
    query: str = ""
    query_error: str | None = None
    searching: bool = False
    shown_rows: int = 0
    #: The list cursor's row, 1-based (0: no rows), and the unread articles (None: not known).
    position: int = 0
    unread: int | None = None
    #: The list's order as people read it ("" for the default file order).
    sort: str = ""
    #: The match the reader is on (0-based) and how many there are.
    current_match: int | None = None
    matches: int = 0
    #: A feed refresh: feeds done and in all, new entries so far (total 0: none running).
    refresh_done: int = 0
    refresh_total: int = 0
    refresh_new: int = 0
    #: The title of the entry whose web page is being fetched (``f``), or "".
    fetching: str = ""


def load_percent(state: StatusState) -> int:
    """The share of the input read, never less than what was shown before."""
    done, whole = state.bytes_done, state.bytes_total
    now = min(100, done * 100 // whole) if whole else 0
    return max(now, state.load_percent)


def status_content(state: StatusState) -> Content:
    """The status line, most important first: the line is cut at the pane's width, so an
    unsaved change or a query error must never sit behind the toggles."""
    total = state.articles
    parts: list[Content] = []
    articles = f"{total:,} article{'' if total == 1 else 's'}"
    counted = bool(state.query) and not state.query_error and not state.searching
    if state.loading:
        detail = f", {load_percent(state)}% of the input read" if state.bytes_total else ""
        parts.append(Content(f"loading {total:,} articles…{detail}").stylize("bold"))
    rows = state.shown_rows if state.query else total
    if state.position and rows:
        parts.append(Content(f"{state.position:,}/{rows:,}"))
    elif not counted and not state.loading:
        parts.append(Content(articles))
    if state.unsaved:
        parts.append(Content("NOT SAVED").stylize("bold red"))
    if state.query:
        if state.query_error:
            parts.append(Content(f"query error: {state.query_error}").stylize("bold red"))
        elif state.searching:
            parts.append(Content("searching…"))
        else:
            verb = "matches" if total == 1 else "match"
            query = one_line(state.query.strip())
            parts.append(Content(f"{state.shown_rows:,} of {articles} {verb} “{query}”"))
        if state.current_match is not None and state.matches:
            parts.append(Content(f"match {state.current_match + 1}/{state.matches}"))
    if state.unread is not None:
        parts.append(Content(f"{state.unread:,} unread"))
    if state.sort:
        parts.append(Content(state.sort))
    if state.refresh_total:
        what = f"refreshing feeds {state.refresh_done}/{state.refresh_total}"
        what += f" · {state.refresh_new:,} new" if state.refresh_new else ""
        parts.append(Content(what).stylize("bold"))
    if state.fetching:
        title = one_line(state.fetching)
        title = title if len(title) <= 30 else title[:29] + "…"
        parts.append(Content(f"fetching the whole story of “{title}” (Esc stops)").stylize("bold"))
    done, whole = state.index_done, state.index_total
    if state.indexing and whole:
        half = whole // 2
        if done >= half:
            what = f"finding names in {done - half:,}/{half:,} articles"
        else:
            what = f"indexing words {done:,}/{half:,} articles"
        parts.append(Content(what).stylize("dim"))
    toggles = f"quotes {'on' if state.show_quotes else 'off'}"
    toggles += f" · entities {'on' if state.show_entities else 'off'}"
    parts.append(Content(toggles).stylize("dim"))
    return Content(" ").join([Content(""), Content(" · ").join(parts)])


class StatusLine(Static):
    """The one-row status line under the panes."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: What the line says now.
        self.shown = Content("")

    def show(self, state: StatusState) -> None:
        self.shown = status_content(state)
        self.update(self.shown, layout=False)  # one line, whatever it says
