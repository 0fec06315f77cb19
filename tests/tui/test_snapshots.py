"""Snapshot tests: each screen is drawn and compared with an SVG under ``__snapshots__/``, so a
colour or layout regression fails a test that asserts on text alone would pass.

Every app reads the bundled sample with the built-in recogniser (set by ``tests/conftest.py``)
on its own database and cache in ``tmp_path``, at a fixed terminal size, and every worker has
finished before the picture is taken. Text inputs stop blinking so the cursor is always drawn.

After a deliberate change of look, regenerate and review the pictures:
``pytest tests/tui/test_snapshots.py --snapshot-update`` (a failing run writes
``snapshot_report.html`` with the old and new side by side).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, Protocol

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.screens.confirm import ConfirmScreen
from newsreader.tui.screens.help import HelpScreen
from newsreader.tui.screens.tag_editor import TagEditor
from tests.tui.pilot_helpers import loaded, make_app

WIDE = (120, 40)
SMALL = (80, 24)

RunBefore = Callable[[Pilot[Any]], Awaitable[None]]


class SnapCompare(Protocol):
    def __call__(
        self,
        app: NewsReaderApp,
        press: tuple[str, ...] = (),
        terminal_size: tuple[int, int] = ...,
        run_before: RunBefore | None = None,
    ) -> bool: ...


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> NewsReaderApp:
    # Textual reads NO_COLOR when the app is made: a developer who sets it would otherwise
    # fail every picture.
    monkeypatch.delenv("NO_COLOR", raising=False)
    return make_app(tmp_path)


def typed(text: str) -> tuple[str, ...]:
    """One step that types ``text`` (settling after each character would only cost time)."""
    return tuple(text)


def keys_then_settle(
    *steps: str | tuple[str, ...],
    theme: str | None = None,
    check: Callable[[NewsReaderApp], bool] | None = None,
) -> RunBefore:
    """Wait for the load, take ``steps`` (a key, or keys pressed in one go; each step followed
    by a full settle), then freeze the
    blinking cursors and drop the toasts so the picture does not depend on when it is taken.
    ``check`` runs while the app is still up (it is torn down before ``snap_compare`` returns),
    so a picture of the wrong state fails loudly rather than being recorded."""

    async def run_before(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, NewsReaderApp)
        if theme is not None:
            app.theme = theme
        await loaded(app, pilot)
        for step in steps:
            await pilot.press(*((step,) if isinstance(step, str) else step))
            await loaded(app, pilot)
            # A toast lives for seconds, so whether it is still up would depend on how long the
            # steps took; clear each one while the screen that shows it is on top.
            app.clear_notifications()
        for field in app.screen.query(Input):
            field.cursor_blink = False
        await loaded(app, pilot)
        assert not app.loading and not app.indexing
        assert check is None or check(app)

    return run_before


def test_list_at_startup(app: NewsReaderApp, snap_compare: SnapCompare) -> None:
    assert snap_compare(app, terminal_size=WIDE, run_before=keys_then_settle())


def test_reader_with_quote_and_entity_highlights(
    app: NewsReaderApp, snap_compare: SnapCompare
) -> None:
    def highlighted(app: NewsReaderApp) -> bool:
        analysis = app.reader.analysis
        return analysis is not None and bool(analysis.quotes) and bool(analysis.entities)

    run_before = keys_then_settle("enter", check=highlighted)
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


def test_search_results_while_typing(app: NewsReaderApp, snap_compare: SnapCompare) -> None:
    run_before = keys_then_settle(
        "slash", typed("Kinmen"), check=lambda app: bool(app.article_list.rows)
    )
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


def test_search_that_matches_nothing(app: NewsReaderApp, snap_compare: SnapCompare) -> None:
    run_before = keys_then_settle(
        "slash", typed("zzqqxx"), "enter", check=lambda app: app.article_list.rows == []
    )
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


def test_help_screen(app: NewsReaderApp, snap_compare: SnapCompare) -> None:
    run_before = keys_then_settle(
        "question_mark", check=lambda app: isinstance(app.screen, HelpScreen)
    )
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


def test_tag_editor(app: NewsReaderApp, snap_compare: SnapCompare) -> None:
    """Over the second article, offering a tag saved on the first as the typed word's end."""
    steps = ("t", typed("kinmen"), "enter", "j", "enter", "t", typed("ki"))
    run_before = keys_then_settle(*steps, check=lambda app: isinstance(app.screen, TagEditor))
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


def test_filters_sidebar(app: NewsReaderApp, snap_compare: SnapCompare) -> None:
    """With two tags and a bookmark saved, so the sidebar lists tags with their counts."""
    steps = ("t", typed("kinmen,war"), "enter", "j", "t", typed("kinmen"), "enter", "b", "s")
    run_before = keys_then_settle(*steps, check=lambda app: app.sidebar.has_class("-visible"))
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


def test_reader_at_80_by_24(app: NewsReaderApp, snap_compare: SnapCompare) -> None:
    assert snap_compare(app, terminal_size=SMALL, run_before=keys_then_settle("enter"))


def test_light_theme(app: NewsReaderApp, snap_compare: SnapCompare) -> None:
    """A light theme gets dark inks: the title and meta line in the theme's foreground, and
    quote, speaker and entity colours of the same hues as on a dark theme, darker."""
    run_before = keys_then_settle("enter", theme="textual-light")
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


def test_mark_all_read_asks_at_80_by_24(app: NewsReaderApp, snap_compare: SnapCompare) -> None:
    """The stacked list (8 rows or more), the key bar cut after a whole entry, and A's
    question over it."""
    run_before = keys_then_settle("A", check=lambda app: isinstance(app.screen, ConfirmScreen))
    assert snap_compare(app, terminal_size=SMALL, run_before=run_before)


def test_light_theme_with_the_sidebar_at_120_by_40(
    app: NewsReaderApp, snap_compare: SnapCompare
) -> None:
    """Derived highlight colours on a light theme, with the reader narrowed by the sidebar."""
    run_before = keys_then_settle("enter", "s", theme="solarized-light")
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


class _FixedClock:
    """``time`` for the reader's dates: "now" is a fixed day, so "this year" never moves."""

    @staticmethod
    def time() -> float:
        return 1_796_000_000.0  # late November 2026


def test_feed_entries_and_the_entry_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, snap_compare: SnapCompare
) -> None:
    """The bundled sample feed: each row with its feed and date, newest first; the reader's
    header with feed, date and link, and the numbered links under the text."""
    import time

    from newsreader.feeds.subscribe import subscribe
    from newsreader.sources.archive import ArchiveFollower
    from newsreader.storage.archive import Archive

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.setattr("newsreader.tui.document.time", _FixedClock)
    sample = Path(__file__).resolve().parents[2] / "samples" / "harbour-feed.xml"
    archive = Archive(tmp_path / "archive.sqlite3")
    subscribe(archive, str(sample))
    cache = tmp_path / "cache"
    cache.mkdir()
    app = NewsReaderApp(texts=[], db_path=tmp_path / "db.json", cache_dir=cache,
                        feeds=ArchiveFollower(archive))  # fmt: skip
    try:
        run_before = keys_then_settle("enter", check=lambda app: app.reader.analysis is not None)
        assert snap_compare(app, terminal_size=WIDE, run_before=run_before)
    finally:
        archive.close()
        monkeypatch.undo()
        time.tzset()
