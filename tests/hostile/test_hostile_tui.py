"""Every hostile input the CLI accepts also opens in the TUI: no crash, no hang, no escapes.

Each case is decoded the way the CLI does (``decode`` cleans the text), shown in a real app under
Pilot with its own database, opened, scrolled to the end and back, and quit. What reaches the
"terminal" is checked twice: the SVG export (every cell on screen) and the reader's own rows.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from time import monotonic
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widget import Widget

from newsreader.sources.text import SourceError, decode
from newsreader.tui.app import NewsReaderApp
from tests.hostile.cases import CASES, Case, as_params

OK_CASES = tuple(case for case in CASES if case.expect == "ok")

#: Escape, the other C0 controls except newline, DEL, the C1 block and bidi controls.
_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


#: A bound against hangs, not a speed assertion (the machine may be busy).
HANG_S = 120.0


async def wait_until(pilot: Pilot[Any], done: Callable[[], bool], what: str) -> None:
    """Let the app run until ``done()``; fail if that takes longer than ``HANG_S``.

    Waiting for a condition rather than for ``workers.wait_for_complete`` puts a bound on it.
    """
    deadline = monotonic() + HANG_S
    while not done():
        assert monotonic() < deadline, f"still waiting for {what} after {HANG_S:.0f} s"
        await pilot.pause(0.05)
    await pilot.pause()


def rows_of(widget: Widget) -> str:
    """A line-API widget's rows on screen, exactly as drawn."""
    height = widget.scrollable_content_region.height
    return "\n".join(
        "".join(segment.text for segment in widget.render_line(y)) for y in range(height)
    )


def screen_text(app: NewsReaderApp) -> str:
    """Every cell on the terminal, as text (from the SVG export)."""
    svg = app.export_screenshot()
    assert not _UNSAFE.search(svg), "a control character reached the screenshot"
    return html.unescape("".join(re.findall(r"<text[^>]*>(.*?)</text>", svg))).replace("\xa0", " ")


def assert_clean(app: NewsReaderApp) -> None:
    screen_text(app)
    for widget in (app.reader, app.article_list):
        drawn = rows_of(widget)
        found = _UNSAFE.search(drawn)
        assert found is None, f"{widget.id} drew {found.group()!r}"


@pytest.mark.parametrize("case", as_params(OK_CASES))
async def test_hostile_text_opens_scrolls_and_quits(case: Case, tmp_path: Path) -> None:
    try:
        source = decode(f"{case.name}.txt", case.make())
    except SourceError:
        pytest.skip("refused by decode(); the CLI test covers the message")
    app = NewsReaderApp(
        texts=[(source.name, source.text)],
        db_path=tmp_path / "db.json",
        cache_dir=tmp_path / "cache",
        warnings=source.warnings,
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: not app.loading, "the load")
        assert app.is_running
        assert_clean(app)
        if not app.library.articles:
            assert source.text.strip() == "", "non-blank text must give at least one article"
            await pilot.press("enter", "j", "G")  # nothing to open: keys must not crash
            await pilot.pause()
        else:
            await pilot.press("tab")  # open the first article and move into the reader
            reader = app.reader
            await wait_until(pilot, lambda: reader.analysis is not None, "the analysis")
            # Pilot's key presses wait (up to 1 s each) for the process to go idle, so let the
            # index finish first; the real app does not wait for it.
            await wait_until(pilot, lambda: not app.indexing, "the index")
            assert reader.index == 0 and app.focused is reader
            assert_clean(app)
            if case.readable:
                assert case.readable in reader.text
            await pilot.press("j", "G")
            await pilot.pause()
            assert reader.scroll_y == reader.max_scroll_y
            assert_clean(app)
            await pilot.press("g", "pagedown")
            await pilot.pause()
            assert reader.scroll_y == min(reader.max_scroll_y, reader.size.height)
            assert_clean(app)
            await pilot.press("g")
            await pilot.pause()
            if case.name == "markup":
                assert "[bold red]Not bold[/]" in rows_of(reader)
                assert "[@click=app.quit]not a button[/]" in rows_of(reader)
                assert "[bold red]Not bold[/]" in screen_text(app)
        assert app.is_running
        await pilot.press("Q")  # quits from the reader too (q there goes back to the list)
        await pilot.pause()
    assert app.return_code == 0
