"""Feeds in the TUI: R refreshes in the background, entries show their feed and date, the
reader shows the entry's facts and link, o and y use the link, the sidebar lists feeds."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from newsreader.feeds.subscribe import subscribe
from newsreader.model import Entry
from newsreader.sources.archive import ArchiveFollower
from newsreader.storage.archive import Archive
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.document import entry_date
from newsreader.tui.widgets.sidebar import Sidebar
from tests.helpers import HARBOUR_ITEMS, rss_feed
from tests.tui.pilot_helpers import loaded, pane_text, screen_text

NEWER = {
    "guid": "harbour-4",
    "title": "Ferry crews vote on new rota",
    "date": "Thu, 03 Dec 2026 07:00:00 +0000",
    "html": "<p>&#8220;It is a fair deal,&#8221; said Ines Varga of the crews' union.</p>",
}


def make_feed_app(tmp_path: Path, archive: Archive) -> NewsReaderApp:
    cache = tmp_path / "cache"
    cache.mkdir(exist_ok=True)
    return NewsReaderApp(
        texts=[],
        db_path=tmp_path / "db.json",
        cache_dir=cache,
        feeds=ArchiveFollower(archive),
    )


@pytest.fixture
def archive(tmp_path: Path, httpserver: HTTPServer) -> Archive:
    httpserver.expect_ordered_request("/feed.xml").respond_with_data(rss_feed())
    opened = Archive(tmp_path / "archive.sqlite3")
    subscribe(opened, httpserver.url_for("/feed.xml"))
    return opened


async def test_entries_are_listed_newest_first_with_feed_and_date(
    tmp_path: Path, archive: Archive
) -> None:
    app = make_feed_app(tmp_path, archive)
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
        rows = app.article_list
        titles = [app.library.articles[rows.article_index(r) or 0].title for r in range(3)]
        assert titles == [item["title"] for item in reversed(HARBOUR_ITEMS)]
        text = pane_text(rows)
        newest = app.library.articles[rows.article_index(0) or 0]
        assert isinstance(newest, Entry) and newest.published is not None
        # The feed's name (the list has room for it at 120 columns), then the date (local time).
        # The feed's name (cut to leave the title room in a narrow list), then the date.
        assert re.search(rf"Harbour N(ews|…)  {entry_date(newest.published)}", text)


async def test_the_reader_shows_the_entry_facts_and_highlights(
    tmp_path: Path, archive: Archive
) -> None:
    app = make_feed_app(tmp_path, archive)
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
        await pilot.press("G", "enter")  # the oldest: the ferry story with a quote
        await loaded(app, pilot)
        shown = screen_text(app)
        entry = app.library.articles[app.reader.index or 0]
        assert isinstance(entry, Entry) and entry.published is not None
        assert f"Harbour News · {entry_date(entry.published, long=True)}" in shown
        assert "https://example.org/harbour-1" in shown
        assert "Mara Quint" in app.reader.text  # below the fold at 120x30: read the pane
        analysis = app.library.known_analysis(app.reader.index or 0)
        assert analysis is not None and analysis.quotes[0].speaker == "Mara Quint"


async def test_o_opens_the_link_and_y_copies_it(
    tmp_path: Path, archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, new=0: opened.append(url) or True)
    app = make_feed_app(tmp_path, archive)
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
        await pilot.press("o")
        await loaded(app, pilot)
        assert opened == ["https://example.org/harbour-3"]
        await pilot.press("y")
        assert app.clipboard == "https://example.org/harbour-3"


async def test_a_javascript_link_is_never_opened(
    tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, new=0: opened.append(url) or True)
    hostile = dict(NEWER, link="javascript:alert(1)")
    httpserver.expect_request("/evil.xml").respond_with_data(rss_feed([hostile], title="Evil"))
    archive = Archive(tmp_path / "archive.sqlite3")
    subscribe(archive, httpserver.url_for("/evil.xml"))
    app = make_feed_app(tmp_path, archive)
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
        await pilot.press("o")
        await loaded(app, pilot)
        assert opened == []


async def test_R_refreshes_in_the_background_and_the_cursor_keeps_its_article(
    tmp_path: Path, archive: Archive, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/feed.xml").respond_with_data(rss_feed([*HARBOUR_ITEMS, NEWER]))
    app = make_feed_app(tmp_path, archive)
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
        await pilot.press("j")  # on the second newest
        before = app.article_list.current
        assert before is not None
        kept_id = app.library.articles[before].id
        await pilot.press("R")
        await loaded(app, pilot)
        assert len(app.library.articles) == 4
        current = app.article_list.current
        assert current is not None and app.library.articles[current].id == kept_id
        first = app.article_list.article_index(0)
        assert first is not None and app.library.articles[first].title == NEWER["title"]
        assert app.library.search("varga") == [3]  # indexed too


async def test_the_sidebar_lists_feeds_with_unread_counts(tmp_path: Path, archive: Archive) -> None:
    app = make_feed_app(tmp_path, archive)
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        sidebar = app.query_one(Sidebar)
        prompts = [str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)]
        assert any(p.startswith("Harbour News") and p.rstrip().endswith("3") for p in prompts)
        sidebar.highlighted = len(prompts) - 1
        await pilot.press("enter")
        await loaded(app, pilot)
        assert app.query_text.strip() == 'feed:"Harbour News"'
        assert app.article_list.row_count == 3


async def test_R_without_feeds_says_how_to_add_one(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    app = NewsReaderApp(texts=[("a.txt", "Hello\n\nWorld.\n")], db_path=tmp_path / "db.json",
                        cache_dir=cache)  # fmt: skip
    notes: list[Any] = []
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
        await pilot.press("R")
        await pilot.pause()
        notes = [n.message for n in app._notifications]
    assert any("feed add" in str(n) for n in notes)


def test_entries_are_lazy(tmp_path: Path, archive: Archive) -> None:
    follower = ArchiveFollower(archive)
    [source] = follower.new_sources()
    entry = next(iter(source.articles(lambda pieces, name: iter(()))))
    assert isinstance(entry, Entry) and entry.published is not None
    assert follower.new_sources() == []  # each entry handed out once


async def test_R_with_many_feeds_parses_in_worker_processes(tmp_path: Path) -> None:
    """Enough feeds for the parse workers: they must start under Textual too (whose stderr
    has no file descriptor to hand a child process)."""
    from newsreader.feeds.parsing import POOL_MIN_FEEDS

    archive = Archive(tmp_path / "archive.sqlite3")
    for n in range(POOL_MIN_FEEDS + 2):
        path = tmp_path / f"feed{n}.xml"
        items = [dict(item, guid=f"{n}-{item['guid']}") for item in HARBOUR_ITEMS]
        path.write_bytes(rss_feed(items, title=f"Feed {n}"))
        archive.add_feed(str(path))
    app = make_feed_app(tmp_path, archive)
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
        await pilot.press("R")
        for _ in range(200):
            await loaded(app, pilot)
            if not app.feeds.running and len(app.library.articles) == 3 * (POOL_MIN_FEEDS + 2):
                break
        notes = [str(n.message) for n in app._notifications]
        assert not any("failed" in note for note in notes), notes
        assert len(app.library.articles) == 3 * (POOL_MIN_FEEDS + 2)
    archive.close()
