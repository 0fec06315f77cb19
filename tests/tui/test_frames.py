"""The UI's timing machinery: the frame timer, the idle collector, and a list that resizes
without a full layout. Deterministic (a fake clock), never timed."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path
from typing import Any

import pytest
import textual.timer
from textual import _time
from textual.timer import Timer

from newsreader.tui import collector
from newsreader.tui.collector import IdleCollector
from newsreader.tui.frame_clock import FramedScreen, FrameTimer
from newsreader.tui.widgets import article_list
from tests.tui.pilot_helpers import SAMPLE, loaded, make_app

FRAME = 1 / 60


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def get_time(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)
        await asyncio.sleep(0)


def _tick_gaps(timer_class: type[Timer], monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Each tick takes 1.5 frames (a slow repaint); how long after it ends does the next one
    start?"""
    clock = FakeClock()
    monkeypatch.setattr(_time, "get_time", clock.get_time)
    monkeypatch.setattr(_time, "sleep", clock.sleep)
    monkeypatch.setattr(textual.timer, "sleep", clock.sleep)  # Textual's own timer's name
    starts: list[float] = []
    ends: list[float] = []

    class Probe(timer_class):  # type: ignore[misc, valid-type]
        async def _tick(self, *, next_timer: float, count: int) -> None:
            starts.append(clock.now)
            clock.now += 1.5 * FRAME
            ends.append(clock.now)

    class Target:
        pass

    target = Target()
    asyncio.run(Probe(target, FRAME, repeat=20)._run())  # type: ignore[arg-type]
    return [start - end for start, end in zip(starts[1:], ends, strict=False)]


def test_frame_timer_ticks_at_the_next_frame_after_a_late_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gaps = _tick_gaps(FrameTimer, monkeypatch)
    assert len(gaps) >= 5
    assert all(0 <= gap <= FRAME + 1e-9 for gap in gaps), gaps


def test_textual_timer_still_waits_more_than_a_frame(monkeypatch: pytest.MonkeyPatch) -> None:
    """Why ``FrameTimer`` exists. If this fails after a Textual upgrade, the fix is upstream
    and ``frame_clock.py`` can go."""
    gaps = _tick_gaps(Timer, monkeypatch)
    assert gaps and all(gap > FRAME for gap in gaps), gaps


@pytest.fixture
def thresholds() -> Any:
    saved = gc.get_threshold()
    yield saved
    gc.set_threshold(*saved)


def test_idle_collector_stops_automatic_full_collections_until_uninstalled(
    thresholds: tuple[int, int, int],
) -> None:
    idle = IdleCollector()
    idle.install()
    young, middle, full = gc.get_threshold()
    assert (young, middle) == thresholds[:2]
    assert full > 10_000
    idle.uninstall()
    assert gc.get_threshold() == thresholds


def test_idle_collector_waits_for_a_quiet_moment(
    thresholds: tuple[int, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1000.0]
    monkeypatch.setattr(collector, "monotonic", lambda: now[0])
    idle = IdleCollector()
    assert not idle.tick(), "not installed: the app does not own the process"
    idle.install()
    gc.collect(1)  # so there is something young to look at
    idle.key()
    now[0] += collector.QUIET_S / 2
    assert not idle.tick(), "a key came just now"
    now[0] += collector.QUIET_S
    assert idle.tick()
    assert idle.full_collections == 1
    idle.key()
    now[0] += collector.MAX_WAIT_S + 1
    idle.key()
    gc.collect(1)
    assert idle.tick(), "keys that never stop must not hold garbage forever"
    idle.uninstall()


async def test_main_screen_paints_with_the_frame_timer(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        await loaded(app, pilot)
        assert isinstance(app.screen, FramedScreen)
        assert isinstance(app.screen._update_timer, FrameTimer)
        await pilot.press("j")
        await pilot.pause()
        assert app.article_list.cursor == 1


@pytest.mark.parametrize("without_layout", [True, False], ids=["fast", "stock"])
async def test_list_shrinks_and_grows_with_its_scrollbar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, without_layout: bool
) -> None:
    """Row-count changes that keep the scrollbar skip the full layout; those that add or
    remove it still get one, so the rows never sit under a scrollbar or beside a gap. The
    same with the stock resize, as on a Textual the fast one was not written for."""
    monkeypatch.setattr(article_list, "_resize_without_layout", lambda: without_layout)
    text = SAMPLE.read_text(encoding="utf-8")
    app = make_app(tmp_path, texts=[(f"copy{i}.txt", text) for i in range(20)])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        lst = app.article_list
        total = lst.row_count
        assert total > 2 * lst.size.height
        assert lst.show_vertical_scrollbar
        assert lst.virtual_size.height == total
        await pilot.press("slash", *"china", "enter")  # fewer rows, still a scrollbar
        await loaded(app, pilot)
        some = lst.row_count
        assert lst.size.height < some < total
        assert lst.show_vertical_scrollbar
        assert lst.virtual_size.height == some
        await pilot.press("G")
        await pilot.pause()
        assert lst.scroll_y == lst.max_scroll_y == some - lst.scrollable_content_region.height
        await pilot.press("slash", "escape", "slash", *"zzzqqq", "enter")
        await loaded(app, pilot)
        assert lst.row_count == 0
        assert not lst.show_vertical_scrollbar
        await pilot.press("slash", "escape")
        await loaded(app, pilot)
        assert lst.row_count == total
        assert lst.show_vertical_scrollbar
        assert lst.virtual_size.height == total
        await pilot.press("G")
        await pilot.pause()
        assert lst.cursor == total - 1
        assert lst.scroll_y == lst.max_scroll_y > 0
        assert lst.scroll_y <= lst.cursor < lst.scroll_y + lst.scrollable_content_region.height


async def test_a_list_row_fits_its_width_with_marks_title_and_tags(tmp_path: Path) -> None:
    """Rows are built from segments (no Rich ``Text``): the long title is cut with an
    ellipsis, the tags keep the right edge, and the marks sit before the title."""
    title = "Officials say the harbour will reopen " + "after repairs " * 12
    text = f"{title}\n\nThe harbour reopened on Tuesday, officials said.\n"
    app = make_app(tmp_path, texts=[("one.txt", text)])
    async with app.run_test(size=(60, 24)) as pilot:
        await loaded(app, pilot)
        lst = app.article_list
        article = app.library.articles[0]
        app.store.add_tag(article.id, "ports")
        app.store.toggle_bookmark(article.id)
        lst.refresh()
        await pilot.pause()
        row = "".join(segment.text for segment in lst.render_line(0))
        width = lst.scrollable_content_region.width
        assert len(row) == width
        assert len(article.title) > width - len(" ● ★ ") - len("  #ports "), "a long title"
        assert row.startswith(" ● ★ Officials say the harbour")
        assert "…" in row
        assert row.rstrip().endswith("#ports")
        assert row.endswith(" ")  # one cell kept free at the right edge


def test_the_frame_clock_is_used_only_on_the_textual_it_was_written_for() -> None:
    """Canary: the installed Textual is the one ``FrameTimer`` copies; any other gets the
    stock ``Screen`` (slower by a frame now and then, never wrong)."""
    from textual.screen import Screen

    from newsreader.tui.frame_clock import WRITTEN_FOR, main_screen_class
    from newsreader.tui.versions import textual_version

    assert textual_version() == WRITTEN_FOR, "re-measure frame_clock.py on this Textual"
    assert main_screen_class() is FramedScreen
    assert main_screen_class("8.2.9") is Screen


def test_the_list_resizes_without_a_layout_only_on_the_textual_it_was_written_for() -> None:
    """Canary: ``ArticleList`` calls Textual's private ``_scroll_update`` on this version only."""
    from newsreader.tui.versions import textual_version

    assert textual_version() == article_list.RESIZE_WRITTEN_FOR, "re-check ArticleList resizing"
    assert article_list._resize_without_layout()
