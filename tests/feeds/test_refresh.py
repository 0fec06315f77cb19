"""Subscribe and refresh end to end, against a real local HTTP server and a real archive."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsreader.feeds.refresh import refresh
from newsreader.feeds.subscribe import SubscribeError, subscribe
from newsreader.storage.archive import Archive
from tests.helpers import HARBOUR_ITEMS, rss_feed


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    with Archive(tmp_path / "archive.sqlite3") as opened:
        yield opened  # type: ignore[misc]


def _etag_handler(body: bytes, etag: str = '"v1"'):  # type: ignore[no-untyped-def]
    def handle(request: Request) -> Response:
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, headers={"ETag": etag, "Content-Type": "application/rss+xml"})

    return handle


def test_subscribe_stores_the_first_entries(httpserver: HTTPServer, archive: Archive) -> None:
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss_feed(), content_type="application/rss+xml"
    )
    done = subscribe(archive, httpserver.url_for("/feed.xml"), tags=["Local News"])
    assert done.created and done.outcome.status == "ok" and done.outcome.new == 3
    assert done.feed.name == "Harbour News" and done.feed.tags == ("local-news",)
    rows = archive.entries()
    assert [r.title for r in rows] == [item["title"] for item in HARBOUR_ITEMS]
    body = archive.body(rows[0].rowid)
    assert "“We listened to the islanders,” said Mara Quint" in body
    assert "the timetable page [1]" in body and body.endswith("[1]: https://example.org/timetable")


def test_a_second_refresh_of_an_unchanged_feed_is_not_modified(
    httpserver: HTTPServer, archive: Archive
) -> None:
    httpserver.expect_request("/feed.xml").respond_with_handler(_etag_handler(rss_feed()))
    subscribe(archive, httpserver.url_for("/feed.xml"))
    outcomes = list(refresh(archive))
    assert [(o.status, o.new) for o in outcomes] == [("not_modified", 0)]
    assert archive.feeds()[0].last_status == "304"


def test_entries_dropped_by_the_feed_are_kept_and_edits_keep_their_id(
    httpserver: HTTPServer, archive: Archive
) -> None:
    url = httpserver.url_for("/feed.xml")
    httpserver.expect_ordered_request("/feed.xml").respond_with_data(rss_feed())
    edited = dict(HARBOUR_ITEMS[2], title="Storm warning lifted for the Grey Sound")
    httpserver.expect_ordered_request("/feed.xml").respond_with_data(rss_feed([edited]))
    subscribe(archive, url)
    ids = [r.id for r in archive.entries()]
    [outcome] = refresh(archive)
    assert (outcome.new, outcome.updated) == (0, 1)
    rows = archive.entries()
    assert [r.id for r in rows] == ids  # nothing forgotten, the edited entry kept its id
    assert rows[2].title == "Storm warning lifted for the Grey Sound"


def test_a_web_page_that_links_its_feed_subscribes_to_the_feed(
    httpserver: HTTPServer, archive: Archive
) -> None:
    page = (
        '<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
        "</head><body>Hello</body></html>"
    )
    httpserver.expect_request("/").respond_with_data(page, content_type="text/html")
    httpserver.expect_request("/feed.xml").respond_with_data(rss_feed())
    done = subscribe(archive, httpserver.url_for("/"))
    assert done.feed.url == httpserver.url_for("/feed.xml")
    assert done.page == httpserver.url_for("/")


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (b"<html><body>No feed here</body></html>", "text/html", "links no feed"),
        (b"", "application/rss+xml", "not a feed"),
    ],
)
def test_subscribing_to_something_that_is_no_feed_is_a_clear_error(
    httpserver: HTTPServer, archive: Archive, body: bytes, content_type: str, message: str
) -> None:
    httpserver.expect_request("/x").respond_with_data(body, content_type=content_type)
    with pytest.raises(SubscribeError, match=message):
        subscribe(archive, httpserver.url_for("/x"))
    assert archive.feeds() == []


def test_a_permanent_redirect_moves_the_feed(httpserver: HTTPServer, archive: Archive) -> None:
    old, new = httpserver.url_for("/old.xml"), httpserver.url_for("/new.xml")
    httpserver.expect_ordered_request("/old.xml").respond_with_data(rss_feed())
    httpserver.expect_ordered_request("/old.xml").respond_with_data(
        "", status=301, headers={"Location": new}
    )
    httpserver.expect_request("/new.xml").respond_with_data(rss_feed())
    subscribe(archive, old)
    ids = [r.id for r in archive.entries()]
    [outcome] = refresh(archive)
    assert outcome.status == "ok" and outcome.new == 0
    assert archive.feeds()[0].url == new and archive.feeds()[0].origin == old
    assert [r.id for r in archive.entries()] == ids


def test_gone_feeds_are_never_fetched_again_until_added_again(
    httpserver: HTTPServer, archive: Archive
) -> None:
    url = httpserver.url_for("/feed.xml")
    httpserver.expect_ordered_request("/feed.xml").respond_with_data(rss_feed())
    httpserver.expect_ordered_request("/feed.xml").respond_with_data("", status=410)
    subscribe(archive, url)
    [gone] = refresh(archive)
    assert gone.status == "error" and "410" in (gone.error or "")
    served = len(httpserver.log)
    [again] = refresh(archive, force=True)
    assert again.status == "error" and len(httpserver.log) == served  # not even --force
    archive.add_feed(url)
    assert not archive.feeds()[0].gone


def test_retry_after_and_ttl_hold_a_feed_back_unless_forced(
    httpserver: HTTPServer, archive: Archive
) -> None:
    httpserver.expect_ordered_request("/a.xml").respond_with_data(rss_feed(ttl=60))
    httpserver.expect_ordered_request("/b.xml").respond_with_data(rss_feed(title="B"))
    httpserver.expect_ordered_request("/b.xml").respond_with_data(
        "busy", status=429, headers={"Retry-After": "120"}
    )
    subscribe(archive, httpserver.url_for("/a.xml"))
    subscribe(archive, httpserver.url_for("/b.xml"))
    first = {o.name: o for o in refresh(archive)}
    assert first["Harbour News"].status == "skipped"  # ttl: 60 minutes
    assert first["B"].status == "error" and "429" in (first["B"].error or "")
    outcomes = {o.name: o for o in refresh(archive)}
    assert {o.status for o in outcomes.values()} == {"skipped"}
    assert "not due until" in (outcomes["Harbour News"].reason or "")
    httpserver.expect_request("/a.xml").respond_with_data(rss_feed(ttl=60))
    httpserver.expect_request("/b.xml").respond_with_data(rss_feed(title="B"))
    forced = {o.name: o.status for o in refresh(archive, force=True)}
    assert forced == {"Harbour News": "ok", "B": "ok"}


def test_one_failing_feed_never_stops_the_others(httpserver: HTTPServer, archive: Archive) -> None:
    for name in ("one", "two", "three"):
        httpserver.expect_ordered_request(f"/{name}.xml").respond_with_data(
            rss_feed(title=name.title())
        )
    for name in ("one", "two", "three"):
        subscribe(archive, httpserver.url_for(f"/{name}.xml"))
    httpserver.clear()
    httpserver.expect_request("/one.xml").respond_with_data("oops", status=500)
    httpserver.expect_request("/two.xml").respond_with_data(b"<rss><channel><item>")
    httpserver.expect_request("/three.xml").respond_with_data(rss_feed(title="Three"))
    outcomes = {o.name: o for o in refresh(archive)}
    assert outcomes["One"].status == "error" and "500" in (outcomes["One"].error or "")
    assert outcomes["Three"].status == "ok"
    feeds = {f.name: f for f in archive.feeds()}
    assert feeds["One"].last_error and "500" in feeds["One"].last_error
    assert len(archive.entries()) == 9  # nothing lost from the first fetches


def test_a_refresh_stopped_halfway_keeps_what_it_committed_and_the_next_finishes(
    httpserver: HTTPServer, archive: Archive
) -> None:
    import threading

    for n in range(4):
        httpserver.expect_request(f"/{n}.xml").respond_with_data(
            rss_feed([dict(item, guid=f"{n}-{item['guid']}") for item in HARBOUR_ITEMS])
        )
        archive.add_feed(httpserver.url_for(f"/{n}.xml"))
    stop = threading.Event()
    first = []
    for outcome in refresh(archive, stop=stop):
        first.append(outcome)
        stop.set()  # "killed" after the first feed
    assert len(first) == 1
    rest = list(refresh(archive))
    assert sum(o.new for o in [*first, *rest]) == 12
    assert len(archive.entries()) == 12
    ids = [r.id for r in archive.entries()]
    assert len(set(ids)) == len(ids)
    db = sqlite3.connect(archive.path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
