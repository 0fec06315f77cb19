"""Layout and feedback (issue 13): rows at 80x24, titles at 120x40, a key bar that never cuts a
word, and toasts that never cover the text being read or the status line."""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

import pytest
from textual.widgets._toast import Toast

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.keys import commands
from newsreader.tui.widgets.article_list import fit_tags
from newsreader.tui.widgets.key_bar import KeyBar, key_line
from tests.tui.pilot_helpers import loaded, make_app, pane_text


async def test_80_by_24_shows_at_least_8_rows(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert app.article_list.scrollable_content_region.height >= 8
        assert app.reader.scrollable_content_region.height >= 8


async def test_120_by_40_titles_are_not_cut_at_40(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        assert app.article_list.scrollable_content_region.width >= 60
        shown = pane_text(app.article_list)
        for article in app.library.articles:
            assert article.title[:50] in shown


@pytest.mark.parametrize("width", [60, 80, 100, 120])
@pytest.mark.parametrize("scope", ["list", "reader", "search"])
def test_the_key_bar_puts_the_main_keys_first_and_never_cuts_a_word(scope: str, width: int) -> None:
    line = key_line(scope, width).plain  # type: ignore[arg-type]
    assert len(line.rstrip()) <= width
    everything = key_line(scope).plain  # type: ignore[arg-type]
    assert everything.startswith(line.rstrip()), "whole entries, the first ones, in order"
    if scope != "search":
        assert "Search" in line and "Help" in line


def test_the_reader_key_bar_says_q_goes_back_and_capital_q_quits() -> None:
    line = key_line("reader").plain
    assert " q  Back " in line and " Q  Quit " in line
    assert "q, Q" not in line
    first = sorted((c for c in commands("list") if c.footer), key=lambda c: c.rank)[0]
    assert key_line("list").plain.startswith(f" {first.key_display} ")


async def test_key_bar_fits_the_terminal(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        bar = app.query_one(KeyBar)
        text = str(bar.render())
        assert len(text.rstrip()) <= 80 and text.rstrip().endswith(("Tags", "Bookmark", "Quit"))


def test_tags_get_an_ellipsis_not_a_cut_word() -> None:
    assert fit_tags(("defence", "kinmen", "elections"), 20) == "  #defence #kinmen …"
    assert fit_tags(("defence",), 30) == "  #defence"
    assert fit_tags((), 30) == ""


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_toasts_never_cover_the_text_or_the_status_line(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=size, notifications=True) as pilot:
        await loaded(app, pilot)
        await pilot.press("enter")
        await loaded(app, pilot)
        app.notify("A long message " * 6, timeout=30)
        app.notify("Another one", timeout=30)
        await pilot.pause()
        toasts = list(app.screen.query(Toast))
        assert toasts
        status = app.query_one("#status").region
        reader = app.reader.region
        for toast in toasts:
            assert not toast.region.overlaps(status), toast.region
            assert not toast.region.overlaps(reader), (toast.region, reader)


def _top_block(app: NewsReaderApp) -> int:
    reader = app.reader
    return bisect_right(reader._starts, round(reader.scroll_y)) - 1


async def test_the_reader_keeps_its_place_when_highlights_toggle_or_the_sidebar_opens(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("tab")
        await loaded(app, pilot)
        reader = app.reader
        reader.scroll_to(y=25, animate=False, immediate=True)
        await pilot.pause()
        block, lines = _top_block(app), reader.virtual_size.height
        header = reader._heights[0]
        await pilot.press("w", "e")
        await pilot.pause()
        assert reader._heights[0] == header, "the legend keeps its lines"
        assert _top_block(app) == block, "no jump"
        await pilot.press("w", "e")
        await pilot.pause()
        assert _top_block(app) == block
        await pilot.press("s")  # the sidebar takes columns from the panes: the text re-wraps
        await loaded(app, pilot)
        assert reader.virtual_size.height != lines
        assert _top_block(app) == block, "the same paragraph stays at the top"
