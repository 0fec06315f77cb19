"""Feed autodiscovery from a web page, and telling a page from a feed."""

from __future__ import annotations

import pytest

from newsreader.feeds.discover import discover_feeds, looks_like_html

PAGE = b"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Quay news</title>
<!-- <link rel="alternate" type="application/rss+xml" href="/commented-out.xml"> -->
<link rel="stylesheet" href="/style.css">
<link type="application/rss+xml" rel="alternate" title="RSS" href="/feed.xml">
<link rel="Alternate" type="application/atom+xml" href="https://quay.example/atom">
<link rel="alternate" type="application/feed+json" href="feed.json">
<link rel="alternate" type="application/json" href="/feed.xml">
<link rel="alternate" type="text/html" href="/fr/">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
<link rel="alternate" type="application/rss+xml; charset=utf-8" href="//cdn.quay.example/rss">
</head><body><script>var s='<link rel="alternate" type="application/rss+xml" href="/x">'</script>
<link rel="alternate" type="application/rss+xml" href="/comments/feed/"></body></html>"""


def test_feed_links_in_page_order_absolute_and_deduplicated() -> None:
    assert discover_feeds(PAGE, "https://quay.example/news/today") == [
        "https://quay.example/feed.xml",
        "https://quay.example/atom",
        "https://quay.example/news/feed.json",
        "https://cdn.quay.example/rss",
        "https://quay.example/comments/feed/",
    ]


def test_base_element_is_honoured() -> None:
    page = (
        b'<html><head><base href="https://static.example/blog/">'
        b'<link rel="alternate" type="application/atom+xml" href="atom.xml"></head></html>'
    )
    assert discover_feeds(page, "https://www.example/") == ["https://static.example/blog/atom.xml"]


@pytest.mark.parametrize("page", [b"", b"\x00\x01binary", b"<html><head></head></html>"])
def test_nothing_to_find(page: bytes) -> None:
    assert discover_feeds(page, "https://quay.example/") == []


def test_local_page_may_link_local_feeds_but_web_pages_may_not() -> None:
    page = b'<link rel="alternate" type="application/rss+xml" href="feed.xml">'
    assert discover_feeds(page, "file:///home/ed/site/index.html") == [
        "file:///home/ed/site/feed.xml"
    ]
    web = b'<link rel="alternate" type="application/rss+xml" href="file:///etc/passwd">'
    assert discover_feeds(web, "https://quay.example/") == []


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (PAGE, "text/html; charset=utf-8", True),
        (PAGE, "application/rss+xml", True),  # the bytes decide
        (b"\xef\xbb\xbf  <html><body>x</body></html>", None, True),
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "text/html", False),
        (b"<!-- generator --><feed xmlns='http://www.w3.org/2005/Atom'/>", "text/html", False),
        (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x"/>', None, False),
        (b'{"version": "https://jsonfeed.org/version/1.1"}', "text/html", False),
        (b"<p>a fragment</p>", "text/html", True),
        (b"<p>a fragment</p>", "application/octet-stream", False),
        (b"", None, False),
    ],
)
def test_looks_like_html(body: bytes, content_type: str | None, expected: bool) -> None:
    assert looks_like_html(body, content_type) is expected
