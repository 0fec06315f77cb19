#!/usr/bin/env python3
"""The floor for "first screen": a bare Textual app that shows a static list of N lines.

usage: benchmarks/bare_app.py [N]

Nothing but Textual's own start-up, one line-API list (the cheapest way Textual has to show many
rows: only the visible lines are rendered) and a footer-less screen. newsreader's first screen is
compared against this, so it notes the same events (see ``_timing.py``): with
``NEWSREADER_BENCH_OUT`` set it writes ``FIRST_SCREEN`` after the refresh that painted the first
rows, and ``LOADED`` right after (there is nothing more to load). Like newsreader it leaves when
q is pressed (the harness presses it): j/k to move, q to quit.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import ClassVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import FIRST_SCREEN, LOADED, bench_event
from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class StaticList(ScrollView, can_focus=True):
    """N fixed lines drawn through the line API."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", show=False),
        Binding("k,up", "scroll_up", show=False),
    ]

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines
        self.virtual_size = Size(80, len(lines))

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_offset.y) + y
        if index >= len(self.lines):
            return Strip.blank(self.size.width)
        return Strip([Segment(self.lines[index])]).crop_extend(0, self.size.width, None)


class BareApp(App[int]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit")]

    def __init__(self, n: int) -> None:
        super().__init__()
        self.n = n

    def compose(self) -> ComposeResult:
        yield StaticList(
            [f"{i + 1:>7}  Static article title number {i + 1}" for i in range(self.n)]
        )

    def on_mount(self) -> None:
        self.query_one(StaticList).focus()
        self.call_after_refresh(self._first_screen)

    def _first_screen(self) -> None:
        bench_event(FIRST_SCREEN, rows=min(self.n, self.size.height))
        bench_event(LOADED, articles=self.n)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    n = int(args[0]) if args else 1000
    return BareApp(n).run() or 0


if __name__ == "__main__":
    raise SystemExit(main())
