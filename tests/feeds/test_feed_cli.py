"""The feed commands as a script uses them: feed add/list/remove/import/export, refresh, and
entries in search and show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsreader.cli import main
from tests.helpers import HARBOUR_ITEMS, rss_feed

Capsys = pytest.CaptureFixture[str]


def run(capsys: Capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def jsonl(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "user.json")


@pytest.fixture
def feed_url(httpserver: HTTPServer) -> str:
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss_feed(), content_type="application/rss+xml"
    )
    return httpserver.url_for("/feed.xml")


def test_add_list_and_remove(capsys: Capsys, db: str, feed_url: str) -> None:
    code, out, _ = run(capsys, "feed", "add", feed_url, "--tag", "local", "--db", db)
    assert code == 0 and "subscribed to Harbour News" in out and "3 new" in out
    code, out, _ = run(capsys, "feed", "list", "--json", "--db", db)
    [record] = jsonl(out)
    assert record["url"] == feed_url and record["title"] == "Harbour News"
    assert record["tags"] == ["local"] and record["entries"] == 3 and record["unread"] == 3
    assert record["last_status"] == 200 and record["last_error"] is None
    assert str(record["last_fetched"]).endswith("Z")
    code, out, _ = run(capsys, "feed", "remove", feed_url, "--db", db)
    assert code == 0 and "unsubscribed" in out and "3 entries" in out
    assert jsonl(run(capsys, "feed", "list", "--json", "--db", db)[1]) == []


def test_add_errors_are_one_line(capsys: Capsys, db: str, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/missing.xml").respond_with_data("no", status=404)
    code, out, err = run(capsys, "feed", "add", httpserver.url_for("/missing.xml"), "--db", db)
    assert code == 2 and out == ""
    assert err.startswith("newsreader: ") and "404" in err and err.count("\n") == 1
    code, _, err = run(capsys, "feed", "add", "javascript:alert(1)", "--db", db)
    assert code == 2 and "not an http(s) URL" in err
    code, _, err = run(capsys, "feed", "remove", "https://nowhere.example/", "--db", db)
    assert code == 2 and "not subscribed" in err


def test_a_local_feed_file_is_read_offline(capsys: Capsys, db: str, tmp_path: Path) -> None:
    path = tmp_path / "harbour.xml"
    path.write_bytes(rss_feed())
    code, out, _ = run(capsys, "feed", "add", str(path), "--db", db)
    assert code == 0 and "3 new" in out
    code, out, _ = run(capsys, "refresh", "--json", "--db", db)
    [record] = jsonl(out)
    assert record["status"] == "not_modified" and record["new"] == 0


def test_refresh_prints_a_line_per_feed_and_a_summary(
    capsys: Capsys, db: str, feed_url: str, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/broken.xml").respond_with_data("down", status=503)
    run(capsys, "feed", "add", feed_url, "--db", db)
    httpserver.expect_request("/broken-ok.xml").respond_with_data(rss_feed(title="Other"))
    run(capsys, "feed", "add", httpserver.url_for("/broken-ok.xml"), "--db", db)
    httpserver.clear()
    httpserver.expect_request("/feed.xml").respond_with_data(rss_feed())
    httpserver.expect_request("/broken-ok.xml").respond_with_data("down", status=503)
    code, out, _ = run(capsys, "refresh", "--db", db)
    lines = out.splitlines()
    assert code == 1  # a feed failed
    assert "Harbour News: 0 new" in lines
    assert any(line.startswith("Other: error: HTTP 503") for line in lines)
    assert lines[-1].startswith("2 feed(s): 0 new")
    code, out, err = run(capsys, "refresh", "--json", "--force", "--db", db)
    records = {r["title"]: r for r in jsonl(out)}
    assert records["Other"]["status"] == "error" and "503" in str(records["Other"]["error"])
    listed = {r["title"]: r for r in jsonl(run(capsys, "feed", "list", "--json", "--db", db)[1])}
    assert listed["Other"]["last_status"] == 503 and "503" in str(listed["Other"]["last_error"])
    assert set(records["Harbour News"]) >= {"url", "status", "new", "updated", "error"}
    assert "2 feed(s)" in err  # the summary stays off stdout with --json


def test_refresh_with_no_feeds_says_how_to_add_one(capsys: Capsys, db: str) -> None:
    code, _, err = run(capsys, "refresh", "--db", db)
    assert code == 2 and "feed add URL" in err


def test_opml_import_export_round_trip(capsys: Capsys, db: str, tmp_path: Path) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>'
        '<outline text="News"><outline text="Harbour" type="rss" '
        'xmlUrl="https://example.org/harbour.xml"/>'
        '<outline text="Harbour again" type="rss" xmlUrl="https://example.org/harbour.xml"/>'
        '</outline><outline text="Loose" type="rss" xmlUrl="https://example.org/loose.xml"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "feed", "import", str(opml), "--db", db)
    assert code == 0 and "imported 2 feed(s)" in out
    code, out, _ = run(capsys, "feed", "import", str(opml), "--db", db)
    assert "imported 0 feed(s); 2 already subscribed" in out  # idempotent
    records = {r["url"]: r for r in jsonl(run(capsys, "feed", "list", "--json", "--db", db)[1])}
    assert records["https://example.org/harbour.xml"]["tags"] == ["news"]
    assert records["https://example.org/harbour.xml"]["title"] == "Harbour"
    exported = tmp_path / "out.opml"
    assert run(capsys, "feed", "export", "-o", str(exported), "--db", db)[0] == 0
    other = str(tmp_path / "other.json")
    code, out, _ = run(capsys, "feed", "import", str(exported), "--db", other)
    assert "imported 2 feed(s)" in out
    again = {r["url"]: r for r in jsonl(run(capsys, "feed", "list", "--json", "--db", other)[1])}
    assert again.keys() == records.keys()
    assert again["https://example.org/harbour.xml"]["tags"] == ["news"]


def test_opml_import_of_garbage_is_one_line(capsys: Capsys, db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.opml"
    bad.write_text("this is not xml", encoding="utf-8")
    code, _, err = run(capsys, "feed", "import", str(bad), "--db", db)
    assert code == 2 and err.startswith("newsreader: ") and err.count("\n") == 1


def test_search_and_show_cover_entries(capsys: Capsys, db: str, feed_url: str) -> None:
    run(capsys, "feed", "add", feed_url, "--db", db)
    code, out, _ = run(capsys, "search", "islanders", "--json", "--db", db)
    [hit] = jsonl(out)
    assert hit["title"] == HARBOUR_ITEMS[0]["title"] and hit["feed"] == "Harbour News"
    assert hit["link"] == "https://example.org/harbour-1"
    assert hit["published"] == "2026-11-30T08:15:00Z"
    found = jsonl(run(capsys, "search", 'feed:"harbour news"', "--json", "--db", db)[1])
    assert len(found) == 3
    since = jsonl(run(capsys, "search", "since:2026-12-01", "--json", "--db", db)[1])
    assert [r["title"] for r in since] == [HARBOUR_ITEMS[2]["title"], HARBOUR_ITEMS[1]["title"]]
    assert jsonl(run(capsys, "search", "since:1d", "--json", "--db", db)[1]) == []  # all older

    code, out, _ = run(capsys, "show", str(hit["id"]), "--json", "--db", db)
    assert code == 0
    record = json.loads(out)
    assert record["id"] == hit["id"] and record["feed"] == "Harbour News"
    assert record["link"] == "https://example.org/harbour-1" and record["author"] is None
    speakers = {q["speaker"] for q in record["quotes"]}
    assert "Mara Quint" in speakers
    assert {"PERSON"} <= {e["label"] for e in record["entities"]}
    code, out, _ = run(capsys, "show", str(hit["id"]), "--db", db)
    assert code == 0 and out.startswith(HARBOUR_ITEMS[0]["title"]) and "Mara Quint" in out


def test_show_an_unknown_id_is_one_line(capsys: Capsys, db: str) -> None:
    code, _, err = run(capsys, "show", "0123456789abcdef", "--db", db)
    assert code == 2 and "no article with id 0123456789abcdef" in err


def test_show_a_text_article_by_id(capsys: Capsys, db: str, seed_path: Path) -> None:
    code, out, _ = run(capsys, "analyze", str(seed_path))
    first = jsonl(out)[0]
    code, out, _ = run(capsys, "show", str(first["id"]), "--json", "--in", str(seed_path))
    assert code == 0 and json.loads(out)["paragraphs"] == first["paragraphs"]


def test_one_feed_is_never_subscribed_twice(capsys: Capsys, db: str, tmp_path: Path) -> None:
    path = tmp_path / "harbour.xml"
    path.write_bytes(rss_feed())
    run(capsys, "feed", "add", str(path), "--db", db)
    code, out, _ = run(capsys, "feed", "add", path.as_uri(), "--db", db)
    assert code == 0 and out.startswith("already subscribed")
    assert len(jsonl(run(capsys, "feed", "list", "--json", "--db", db)[1])) == 1


def test_a_local_feed_survives_export_and_import(capsys: Capsys, db: str, tmp_path: Path) -> None:
    path = tmp_path / "harbour.xml"
    path.write_bytes(rss_feed())
    run(capsys, "feed", "add", str(path), "--db", db)
    opml = tmp_path / "subs.opml"
    run(capsys, "feed", "export", "-o", str(opml), "--db", db)
    other = str(tmp_path / "other.json")
    _, out, _ = run(capsys, "feed", "import", str(opml), "--db", other)
    assert "imported 1 feed(s)" in out
    [record] = jsonl(run(capsys, "feed", "list", "--json", "--db", other)[1])
    assert record["url"] == str(path)


def test_feed_tags_are_searched_like_the_entries_own(
    capsys: Capsys, db: str, feed_url: str
) -> None:
    run(capsys, "feed", "add", feed_url, "--tag", "coast", "--db", db)
    found = jsonl(run(capsys, "search", "tag:coast", "--json", "--db", db)[1])
    assert len(found) == 3
    assert jsonl(run(capsys, "search", "-tag:coast", "--json", "--db", db)[1]) == []


def test_removing_a_feed_keeps_a_bookmarked_entry_findable(
    capsys: Capsys, db: str, feed_url: str
) -> None:
    from newsreader.storage.store import Store

    run(capsys, "feed", "add", feed_url, "--db", db)
    hit = jsonl(run(capsys, "search", "islanders", "--json", "--db", db)[1])[0]
    with Store(Path(db)) as store:
        store.set_bookmark(str(hit["id"]), True)
    code, out, _ = run(capsys, "feed", "remove", feed_url, "--db", db)
    assert code == 0 and "2 entries left the archive" in out
    kept = jsonl(run(capsys, "search", "is:bookmarked", "--json", "--db", db)[1])
    assert [k["id"] for k in kept] == [hit["id"]]
