"""page_metadata: what a page says about its article, JSON-LD and meta first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import lxml.html

from newsreader.web.metadata import PageMetadata, page_metadata, parse_date


def metadata_of(head: str, body: str = "") -> PageMetadata:
    return page_metadata(lxml.html.document_fromstring(f"<html><head>{head}</head><body>{body}"))


def test_json_ld_article() -> None:
    found = metadata_of(
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebSite", "name": "ignored"},'
        '{"@type": ["NewsArticle"], "headline": "Quay &amp; harbour", "datePublished":'
        ' "2026-11-03T09:30:00+01:00", "author": [{"@type": "Person", "name": "Ann Lee"},'
        ' {"name": "Bo Chen"}], "publisher": {"name": "The Courier"}}]}</script>'
    )
    assert found.title == "Quay & harbour"
    assert found.author == "Ann Lee, Bo Chen"
    assert found.published == datetime(2026, 11, 3, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert found.site_name == "The Courier"


def test_the_visible_page_fills_the_gaps() -> None:
    found = metadata_of(
        "<title>Quay rebuilt | The Courier</title>"
        '<meta property="og:site_name" content="The Courier">'
        '<meta name="author" content="By Jon Varga">',
        '<h1>Quay rebuilt</h1><time datetime="2026-11-03">3 November</time>',
    )
    assert found.title == "Quay rebuilt"
    assert found.author == "Jon Varga"
    assert found.published == datetime(2026, 11, 3, tzinfo=UTC)


def test_the_site_name_is_cut_from_the_title() -> None:
    found = metadata_of(
        '<meta property="og:title" content="Quay rebuilt – The Courier">'
        '<meta property="og:site_name" content="The Courier">'
    )
    assert found.title == "Quay rebuilt"


def test_urls_are_not_names_and_broken_json_is_ignored() -> None:
    found = metadata_of(
        '<meta property="article:author" content="https://facebook.com/someone">'
        '<meta property="og:site_name" content="https://courier.example">'
        '<meta name="twitter:site" content="@courier">'
        '<script type="application/ld+json">{"@type": "NewsArticle", </script>'
    )
    assert found.author is None
    assert found.site_name == "courier"


def test_hostile_metadata_is_one_clean_line() -> None:
    found = metadata_of(
        '<meta property="og:title" content="Quay\x1b[31m [bold]red[/]\n&#x202E;vote">'
    )
    assert found.title == "Quay [bold]red[/] vote"


def test_parse_date() -> None:
    assert parse_date("2026-11-03T09:30:00Z") == datetime(2026, 11, 3, 9, 30, tzinfo=UTC)
    assert parse_date("2026-11-03 09:30:00") == datetime(2026, 11, 3, 9, 30, tzinfo=UTC)
    for bad in (None, "", "yesterday", "0001-01-01T00:00:00", "2026-13-45", "x" * 100):
        assert parse_date(bad) is None
