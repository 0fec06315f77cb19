"""``newsreader show URL`` and ``newsreader URL``: an article page fetched once, kept in the
archive under "Web pages", analysed like any article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsreader.cli import main
from newsreader.sources.archive import ArchiveFollower
from newsreader.storage.archive import Archive
from newsreader.tui.app import NewsReaderApp
from newsreader.web.keep import WEB_PAGES, keep_page
from tests.tui.pilot_helpers import loaded
from tests.web.page_fixture import PAGE

Capsys = pytest.CaptureFixture[str]


def test_show_url_prints_the_analyze_contract_and_keeps_the_page(
    httpserver: HTTPServer, tmp_path: Path, capsys: Capsys
) -> None:
    httpserver.expect_request("/quay").respond_with_data(PAGE, content_type="text/html")
    url = httpserver.url_for("/quay")
    db = str(tmp_path / "user.json")
    assert main(["show", url, "--json", "--db", db]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["feed"] == "Web pages" and record["link"] == url
    text = "\n".join(record["paragraphs"])
    assert "We owe the fishing fleet a wall that holds" in text
    assert "cookies" not in text and "newsletter" not in text
    assert {q["speaker"] for q in record["quotes"]} == {"Mara Quint"}
    assert "[1]: https://example.org/minutes" in record["paragraphs"]
    served = len(httpserver.log)
    assert main(["show", url, "--json", "--db", db]) == 0  # kept: not fetched twice
    assert json.loads(capsys.readouterr().out)["id"] == record["id"]
    assert len(httpserver.log) == served
    assert main(["feed", "list", "--json", "--db", db]) == 0
    assert capsys.readouterr().out == ""  # the app's own source is no subscription
    assert main(["search", "quay", "--json", "--db", db]) == 0
    assert [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()] == [
        record["id"]
    ]


@pytest.mark.parametrize(
    ("body", "status", "content_type", "message"),
    [
        ("gone", 404, "text/html", "404"),
        ("<html><body><nav>Menu</nav></body></html>", 200, "text/html", "no article text"),
        ("%PDF-1.4 binary", 200, "application/pdf", "not a web page"),
    ],
)
def test_a_page_that_is_no_article_is_one_line_and_exit_1(
    httpserver: HTTPServer,
    tmp_path: Path,
    capsys: Capsys,
    body: str,
    status: int,
    content_type: str,
    message: str,
) -> None:
    httpserver.expect_request("/x").respond_with_data(
        body, status=status, content_type=content_type
    )
    code = main(["show", httpserver.url_for("/x"), "--db", str(tmp_path / "user.json")])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("newsreader: ") and err.count("\n") == 1
    assert message in err


async def test_the_app_opens_the_kept_page(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/quay").respond_with_data(PAGE, content_type="text/html")
    archive = Archive(tmp_path / "archive.sqlite3")
    kept = keep_page(archive, httpserver.url_for("/quay"))
    assert archive.feed(WEB_PAGES) is not None
    cache = tmp_path / "cache"
    cache.mkdir()
    app = NewsReaderApp(texts=[], db_path=tmp_path / "db.json", cache_dir=cache,
                        feeds=ArchiveFollower(archive), open_id=kept)  # fmt: skip
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        index = app.reader.index
        assert index is not None and app.library.articles[index].id == kept
        analysis = app.library.known_analysis(index)
        assert analysis is not None and analysis.quotes[0].speaker == "Mara Quint"
    archive.close()
