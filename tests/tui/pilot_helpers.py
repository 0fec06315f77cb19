"""Pilot helpers shared by the TUI tests: build an app on an isolated database and cache, wait
until it has settled, and read back what it drew.

Plain functions rather than fixtures because most of them take the app, the pilot or per-test
arguments; a test module imports them from here, never from another test module.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widget import Widget

from newsreader.tui.app import NewsReaderApp

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "000_f977d078cdb8bfdf.txt"

HARBOUR = """Harbour to reopen after the storm

PORT ELLAND, Tuesday — The harbour will reopen next week, officials said.

“We will have the pier ready before the ferries return,” harbour master Mira Okonkwo said.

“The budget is not enough for a second sea wall,” she said, adding that the council knew.

“Nobody had seen the water so high.”
"""


def make_app(
    tmp_path: Path,
    texts: list[tuple[str, str]] | None = None,
    warnings: Sequence[str] = (),
    db_name: str = "db.json",
    library: Any = None,
) -> NewsReaderApp:
    if texts is None:
        texts = [(SAMPLE.name, SAMPLE.read_text(encoding="utf-8"))]
    cache = tmp_path / "cache"
    cache.mkdir(exist_ok=True)
    db = tmp_path / db_name
    return NewsReaderApp(
        texts=texts,
        db_path=db,
        cache_dir=cache,
        warnings=warnings,
        library=library,
    )


async def loaded(app: NewsReaderApp, pilot: Pilot[Any]) -> None:
    """Let every worker finish and every message they posted be handled (twice over, since a
    handled message may start another worker)."""
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def pane_text(widget: Widget) -> str:
    """A line-API widget's rows exactly as drawn, joined with spaces (undoing word wrap)."""
    rows = range(widget.scrollable_content_region.height)
    strips = [widget.render_line(y) for y in rows]
    return " ".join("".join(segment.text for segment in strip).strip() for strip in strips)


def focused(app: NewsReaderApp) -> Widget | None:
    """The focused widget, read afresh (a function, so mypy does not carry an earlier check)."""
    return app.focused


def screen_text(app: NewsReaderApp) -> str:
    """What is on the terminal, as plain text (from the SVG export's text)."""
    svg = app.export_screenshot()
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg)
    return html.unescape("".join(texts)).replace("\xa0", " ")
