"""The reader and the whole story: f fetches an entry's page (Esc stops it), F switches back to
the feed's text, l picks a numbered link, 2 then Enter opens link [2]; http(s) only."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsreader.feeds.subscribe import subscribe
from newsreader.sources.archive import ArchiveFollower
from newsreader.storage.archive import Archive
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.screens.link_picker import LinkPicker
from tests.helpers import rss_feed
from tests.tui.pilot_helpers import loaded, screen_text
from tests.web.page_fixture import PAGE


def reader_text(app: NewsReaderApp) -> str:
    """The article as the reader lays it out, unwrapped (the pane's width varies)."""
    return app.reader.document.plain


def _app(tmp_path: Path, server: HTTPServer, page_path: str = "/quay") -> NewsReaderApp:
    item = {
        "guid": "quay", "title": "Quay wall repaired", "date": "Mon, 30 Nov 2026 08:15:00 +0000",
        "html": '<p>The board finished the wall… <a href="https://example.org/a">one</a> '
                '<a href="javascript:alert(1)">two</a> <a href="https://example.org/b">three</a>'
                "</p>",
        "link": server.url_for(page_path),
    }  # fmt: skip
    server.expect_request("/feed.xml").respond_with_data(rss_feed([item], title="Teasers"))
    archive = Archive(tmp_path / "archive.sqlite3")
    subscribe(archive, server.url_for("/feed.xml"), full_text="never")
    cache = tmp_path / "cache"
    cache.mkdir()
    return NewsReaderApp(texts=[], db_path=tmp_path / "db.json", cache_dir=cache,
                         recogniser="builtin", feeds=ArchiveFollower(archive))  # fmt: skip


async def test_f_fetches_the_whole_story_and_F_switches_back(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/quay").respond_with_data(PAGE, content_type="text/html")
    app = _app(tmp_path, httpserver)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("enter", "f")
        await loaded(app, pilot)
        shown = reader_text(app)
        assert "whole story from the web page" in shown
        assert "We owe the fishing fleet" in shown
        assert shown.rstrip().endswith("[2]: https://example.org/plan")  # its links, numbered
        analysis = app.library.known_analysis(app.reader.index or 0) or app.reader.analysis
        assert analysis is not None and [q.speaker for q in analysis.quotes] == ["Mara Quint"]
        assert app.library.search("fishing fleet") == [app.reader.index]  # searchable at once
        await pilot.press("F")
        await loaded(app, pilot)
        shown = reader_text(app)
        assert "feed text (F: whole story)" in shown and "We owe the fishing fleet" not in shown
        assert app.library.search("fishing fleet") == []
        served = len(httpserver.log)
        await pilot.press("F", "f")  # kept: never fetched twice
        await loaded(app, pilot)
        assert len(httpserver.log) == served
    # The next start indexes the whole story (the batch's key changed with it).
    from newsreader.library import Library
    from newsreader.sources.archive import archive_sources

    again = Library(cache_dir=tmp_path / "cache")
    assert app.feeds.follower is not None
    again.load_sources(archive_sources(app.feeds.follower.archive))
    again.ensure_index()
    assert again.search("fishing fleet") == [0] and again.search("person:quint") == [0]


async def test_a_page_without_an_article_keeps_the_feed_text(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/quay").respond_with_data(
        "<html><body><nav>Subscribe to read</nav></body></html>", content_type="text/html"
    )
    app = _app(tmp_path, httpserver)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("enter", "f")
        await loaded(app, pilot)
        notes = " ".join(str(n.message) for n in app._notifications)
        assert "no article text found" in notes
        assert "feed text (no article text found)" in reader_text(app)


@pytest.fixture
def slow_page(httpserver: HTTPServer) -> Iterator[threading.Event]:
    """``/slow`` answers only when the returned event is set (or after 10 s)."""
    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(10)
        return Response(PAGE, content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    yield release
    release.set()


async def test_esc_stops_a_page_that_never_comes(
    tmp_path: Path, httpserver: HTTPServer, slow_page: threading.Event
) -> None:
    release = slow_page
    app = _app(tmp_path, httpserver, "/slow")
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await loaded(app, pilot)
            await pilot.press("enter", "f")
            await pilot.pause(0.3)
            assert app.feeds.fetching is not None
            await pilot.press("escape")
            for _ in range(50):
                await pilot.pause(0.1)
                if app.feeds.fetching is None:
                    break
            assert app.feeds.fetching is None
            assert any("Stopped" in str(n.message) for n in app._notifications)
    finally:
        release.set()


async def test_numbered_links_open_only_http(
    tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, new=0: opened.append(url) or True)
    app = _app(tmp_path, httpserver)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("enter")  # open it to read
        await pilot.press("2", "enter")
        await loaded(app, pilot)
        assert opened == ["https://example.org/b"]  # javascript: got no number: b is [2]
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LinkPicker)
        await pilot.press("enter")
        await loaded(app, pilot)
        assert opened == ["https://example.org/b", "https://example.org/a"]


async def test_the_reading_width_is_capped_and_centred(tmp_path: Path) -> None:
    from tests.tui.pilot_helpers import make_app, pane_text

    app = make_app(tmp_path)
    async with app.run_test(size=(260, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("enter")
        await loaded(app, pilot)
        reader = app.reader
        region = reader.scrollable_content_region.width
        assert region > 100
        rows = ["".join(s.text for s in reader.render_line(y)) for y in range(20)]
        text_rows = [r for r in rows if r.strip()]
        assert text_rows and all(len(r.strip()) <= 88 for r in text_rows)
        left = min(len(r) - len(r.lstrip()) for r in text_rows)
        assert left >= (region - 88) // 2 - 1  # centred in the wide pane
        assert pane_text(reader)


async def test_the_reader_keeps_its_place_when_the_panes_resize(tmp_path: Path) -> None:
    from tests.tui.pilot_helpers import make_app

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("enter", "tab")
        await loaded(app, pilot)
        reader = app.reader
        reader.scroll_to(y=30, animate=False, immediate=True)
        await pilot.pause()
        top_block_before = max(i for i, start in enumerate(reader._starts) if start <= 30)
        await pilot.resize_terminal(90, 40)
        await loaded(app, pilot)
        top = reader.scroll_offset.y
        top_block_after = max(i for i, start in enumerate(reader._starts) if start <= top)
        assert top_block_after == top_block_before


async def test_the_status_line_says_a_page_is_being_fetched(
    tmp_path: Path, httpserver: HTTPServer, slow_page: threading.Event
) -> None:
    release = slow_page
    app = _app(tmp_path, httpserver, "/slow")
    try:
        async with app.run_test(size=(160, 40)) as pilot:
            await loaded(app, pilot)
            await pilot.press("enter", "f")
            await pilot.pause(0.2)
            assert "fetching the whole story of “Quay wall repaired”" in screen_text(app)
            release.set()
            for _ in range(50):
                await pilot.pause(0.1)
                if app.feeds.fetching is None:
                    break
            await pilot.pause()
            assert "fetching the whole story" not in screen_text(app)
    finally:
        release.set()


async def test_the_reading_width_comes_from_the_settings(tmp_path: Path) -> None:
    from newsreader.config import Config
    from tests.tui.pilot_helpers import SAMPLE

    cache = tmp_path / "cache"
    cache.mkdir()
    app = NewsReaderApp(texts=[(SAMPLE.name, SAMPLE.read_text(encoding="utf-8"))],
                        db_path=tmp_path / "db.json", cache_dir=cache,
                        config=Config(reading_width=40))  # fmt: skip
    async with app.run_test(size=(200, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("enter")
        await loaded(app, pilot)
        rows = ["".join(s.text for s in app.reader.render_line(y)).strip() for y in range(20)]
        assert max(len(r) for r in rows) <= 40


async def test_the_link_picker_takes_digits_and_j_k(
    tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, new=0: opened.append(url) or True)
    app = _app(tmp_path, httpserver)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("enter", "l", "2")
        await loaded(app, pilot)
        assert opened == ["https://example.org/b"]
        await pilot.press("l", "j", "enter")
        await loaded(app, pilot)
        assert opened == ["https://example.org/b", "https://example.org/b"]
        await pilot.press("l", "j", "k", "enter")
        await loaded(app, pilot)
        assert opened[-1] == "https://example.org/a"


async def test_R_fetches_the_whole_story_of_new_teasers(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    teaser = {
        "guid": "quay", "title": "Quay wall repaired", "date": "Mon, 30 Nov 2026 08:15:00 +0000",
        "html": "<p>The board finished the wall… Read more</p>",
        "link": httpserver.url_for("/quay"),
    }  # fmt: skip
    httpserver.expect_ordered_request("/feed.xml").respond_with_data(rss_feed([], title="Auto"))
    httpserver.expect_request("/feed.xml").respond_with_data(rss_feed([teaser], title="Auto"))
    httpserver.expect_request("/quay").respond_with_data(PAGE, content_type="text/html")
    archive = Archive(tmp_path / "archive.sqlite3")
    subscribe(archive, httpserver.url_for("/feed.xml"))  # auto, by default
    cache = tmp_path / "cache"
    cache.mkdir()
    app = NewsReaderApp(texts=[], db_path=tmp_path / "db.json", cache_dir=cache,
                        recogniser="builtin", feeds=ArchiveFollower(archive))  # fmt: skip
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("R")
        for _ in range(100):
            await loaded(app, pilot)
            if not app.feeds.running and app.library.articles:
                break
        await loaded(app, pilot)
        [entry] = app.library.articles
        assert "We owe the fishing fleet" in entry.text
        assert app.library.search("fishing fleet") == [0]
