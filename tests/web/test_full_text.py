"""The whole story of feed entries: fetched when the feed sends teasers (auto) or always, kept,
never fetched twice; a page with no article keeps the summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsreader.cli import main
from newsreader.paths import archive_path_for
from newsreader.storage.archive import Archive
from tests.helpers import rss_feed
from tests.web.page_fixture import PAGE

Capsys = pytest.CaptureFixture[str]


def _teasers(server: HTTPServer) -> bytes:
    items = [
        {"guid": "quay", "title": "Quay wall repaired", "date": "Mon, 30 Nov 2026 08:15:00 +0000",
         "html": "<p>The harbour board finished the quay wall… Read more</p>",
         "link": server.url_for("/quay")},
        {"guid": "menu", "title": "Paywalled story", "date": "Mon, 30 Nov 2026 09:15:00 +0000",
         "html": "<p>A short teaser…</p>", "link": server.url_for("/menu")},
    ]  # fmt: skip
    return rss_feed(items, title="Teasers")


@pytest.mark.parametrize("mode", ["auto", "always"])
def test_teasers_get_their_whole_story_once(
    httpserver: HTTPServer, tmp_path: Path, capsys: Capsys, mode: str
) -> None:
    httpserver.expect_request("/feed.xml").respond_with_data(_teasers(httpserver))
    httpserver.expect_request("/quay").respond_with_data(PAGE, content_type="text/html")
    httpserver.expect_request("/menu").respond_with_data(
        "<html><body><nav>Subscribe to read</nav></body></html>", content_type="text/html"
    )
    db = str(tmp_path / "user.json")
    url = httpserver.url_for("/feed.xml")
    assert main(["feed", "add", url, "--full-text", mode, "--db", db]) == 0
    err = capsys.readouterr().err
    assert "whole stories: 1 kept, 1 not found" in err
    assert main(["search", "fishing fleet", "--json", "--db", db]) == 0
    [hit] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert main(["show", hit["id"], "--json", "--db", db]) == 0
    record = json.loads(capsys.readouterr().out)
    assert "We owe the fishing fleet a wall that holds" in " ".join(record["paragraphs"])
    with Archive(archive_path_for(Path(db))) as archive:
        rows = {r.title: r for r in archive.entries()}
        page = archive.page(rows["Paywalled story"].rowid)
        assert page is not None and page.error == "no article text found"
        assert archive.body(rows["Paywalled story"].rowid).startswith("A short teaser…")
    served = len(httpserver.log)
    assert main(["refresh", "--force", "--db", db]) == 0
    assert len(httpserver.log) == served + 1  # the feed only: no page is fetched twice


def test_never_means_never(httpserver: HTTPServer, tmp_path: Path, capsys: Capsys) -> None:
    httpserver.expect_request("/feed.xml").respond_with_data(_teasers(httpserver))
    db = str(tmp_path / "user.json")
    assert main(["feed", "add", httpserver.url_for("/feed.xml"), "--full-text", "never",
                 "--db", db]) == 0  # fmt: skip
    assert "whole stor" not in capsys.readouterr().err
    assert len(httpserver.log) == 1
