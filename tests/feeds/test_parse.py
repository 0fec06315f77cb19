"""parse_feed on each format and version, and on the awkward entries real feeds carry."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader.feeds.model import FeedParseError
from newsreader.feeds.parse import parse_feed

RSS20 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Saltmarsh &amp; Quay Gazette</title>
  <link>https://gazette.example/</link>
  <ttl>45</ttl>
  <item>
    <title>Ferry timetable &lt;em&gt;changes&lt;/em&gt; &amp;amp; more</title>
    <link>/news/ferry</link>
    <guid isPermaLink="false">ferry-1</guid>
    <pubDate>Tue, 03 Nov 2026 10:00:00 +0100</pubDate>
    <dc:creator>Mira Holt</dc:creator>
    <description>Short summary.</description>
    <content:encoded><![CDATA[<p>The ferry leaves at <b>six</b>.
      <a href="/timetable">Timetable</a></p>
      <ul><li>Monday</li><li>Friday</li></ul>]]></content:encoded>
  </item>
  <item>
    <title>Second</title>
    <guid>https://gazette.example/news/second</guid>
    <author>desk@gazette.example (Ivo Brandt)</author>
    <pubDate>Wed, 04 Nov 2026 08:30:00 GMT</pubDate>
    <description>Plain &amp;amp; simple.</description>
  </item>
</channel>
</rss>"""


def test_rss20_feed_and_entry_fields() -> None:
    feed = parse_feed(RSS20, "application/rss+xml", "https://gazette.example/feed.xml")
    assert (feed.kind, feed.title, feed.link, feed.ttl) == (
        "rss20",
        "Saltmarsh & Quay Gazette",
        "https://gazette.example/",
        45,
    )
    first, second = feed.entries
    assert first.title == "Ferry timetable changes & more"
    assert first.link == "https://gazette.example/news/ferry"
    assert first.guid == "ferry-1"
    assert first.author == "Mira Holt"
    assert first.published == datetime(2026, 11, 3, 9, 0, tzinfo=UTC)
    assert first.paragraphs == ("The ferry leaves at six. Timetable [1]", "• Monday", "• Friday")
    assert first.links == ("https://gazette.example/timetable",)
    assert second.link == "https://gazette.example/news/second"  # permalink guid
    assert second.author == "Ivo Brandt"
    assert second.paragraphs == ("Plain & simple.",)
    assert feed.warnings == ()


@pytest.mark.parametrize(("version", "kind"), [("0.91", "rss091"), ("0.92", "rss092")])
def test_rss09x(version: str, kind: str) -> None:
    body = (
        f'<rss version="{version}"><channel><title>Old</title><link>http://old.example/</link>'
        "<item><title>One</title><link>http://old.example/1</link>"
        "<description>Text</description></item></channel></rss>"
    ).encode()
    feed = parse_feed(body)
    assert feed.kind == kind
    assert [e.title for e in feed.entries] == ["One"]
    assert feed.entries[0].link == "http://old.example/1"


RSS10 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="http://rdf.example/"><title>RDF Tidings</title>
    <link>http://rdf.example/</link></channel>
  <item rdf:about="http://rdf.example/a"><title>Alpha</title><link>http://rdf.example/a</link>
    <dc:date>2026-10-30T12:00:00+02:00</dc:date><dc:creator>Oona Park</dc:creator>
    <description>First line.</description></item>
</rdf:RDF>"""


def test_rss10() -> None:
    feed = parse_feed(RSS10)
    assert (feed.kind, feed.title, feed.link) == ("rss10", "RDF Tidings", "http://rdf.example/")
    (entry,) = feed.entries
    assert entry.guid == "http://rdf.example/a"
    assert entry.published == datetime(2026, 10, 30, 10, 0, tzinfo=UTC)
    assert entry.author == "Oona Park"
    assert entry.paragraphs == ("First line.",)


def test_rss090() -> None:
    body = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>Ninety</title>
      <link>http://n.example/</link></channel><item><title>N1</title>
      <link>http://n.example/1</link></item></rdf:RDF>"""
    feed = parse_feed(body)
    assert feed.kind == "rss090"
    assert feed.entries[0].link == "http://n.example/1"


ATOM10 = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/blog/">
  <title type="html">Tides &amp;amp; Times</title>
  <link rel="self" href="https://atom.example/feed"/>
  <link rel="alternate" href="https://atom.example/"/>
  <entry>
    <id>tag:atom.example,2026:1</id>
    <title>Lighthouse reopens</title>
    <link rel="alternate" href="lighthouse"/>
    <published>2026-11-01T09:00:00Z</published>
    <updated>2026-11-02T09:00:00-05:00</updated>
    <author><name>Petra Lind</name></author>
    <summary>A summary only.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
      <p>The lamp is <a href="/lamp">lit</a>.</p>
      <blockquote>\xe2\x80\x9cAt last,\xe2\x80\x9d said Lind.</blockquote>
    </div></content>
  </entry>
  <entry>
    <id>tag:atom.example,2026:2</id>
    <title type="text">Plain &lt;not a tag&gt;</title>
    <updated>2026-11-03T00:00:00Z</updated>
    <summary type="html">&lt;p&gt;Summary &lt;i&gt;only&lt;/i&gt;&lt;/p&gt;</summary>
  </entry>
  <entry>
    <id>tag:atom.example,2026:3</id>
    <title>Text content</title>
    <updated>2026-11-03T00:00:00Z</updated>
    <content type="text">Line with &lt;b&gt; kept

Second paragraph</content>
  </entry>
</feed>"""


def test_atom10() -> None:
    feed = parse_feed(ATOM10, "application/atom+xml", "https://atom.example/feed")
    assert (feed.kind, feed.title, feed.link) == (
        "atom10",
        "Tides & Times",
        "https://atom.example/",
    )
    first, second, third = feed.entries
    assert first.link == "https://atom.example/blog/lighthouse"
    assert first.author == "Petra Lind"
    assert first.published == datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    assert first.updated == datetime(2026, 11, 2, 14, 0, tzinfo=UTC)
    assert first.paragraphs == ("The lamp is lit [1].", "> \u201cAt last,\u201d said Lind.")
    assert first.links == ("https://atom.example/lamp",)
    assert second.title == "Plain"  # a title is one line of text: tag-like parts go
    assert second.paragraphs == ("Summary only",)
    assert third.paragraphs == ("Line with <b> kept", "Second paragraph")


def test_atom03() -> None:
    body = b"""<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title>
      <link rel="alternate" type="text/html" href="http://a03.example/"/>
      <entry><id>a03-1</id><title>E</title><link rel="alternate" href="http://a03.example/1"/>
      <issued>2004-01-01T00:00:00Z</issued><modified>2004-01-02T00:00:00Z</modified>
      <content type="text/html" mode="escaped"
        >&lt;p&gt;Escaped &lt;b&gt;html&lt;/b&gt;&lt;/p&gt;</content>
      </entry></feed>"""
    feed = parse_feed(body)
    assert feed.kind == "atom03"
    (entry,) = feed.entries
    assert entry.published == datetime(2004, 1, 1, tzinfo=UTC)
    assert entry.updated == datetime(2004, 1, 2, tzinfo=UTC)
    assert entry.paragraphs == ("Escaped html",)


def _json_feed(version: str, items: list[dict[str, object]]) -> bytes:
    return json.dumps(
        {
            "version": version,
            "title": "Quayside JSON",
            "home_page_url": "https://json.example/",
            "feed_url": "https://json.example/feed.json",
            "items": items,
        }
    ).encode()


def test_json_feed_10_author_and_html() -> None:
    body = _json_feed(
        "https://jsonfeed.org/version/1",
        [
            {
                "id": 17,
                "url": "/posts/17",
                "title": "Nets mended",
                "content_html": '<p>Done <a href="https://json.example/nets">here</a></p>',
                "summary": "ignored when there is content",
                "date_published": "2026-11-05T07:15:00+01:00",
                "author": {"name": "Tove Marsh"},
            }
        ],
    )
    feed = parse_feed(body, "application/feed+json")
    assert (feed.kind, feed.title, feed.link) == (
        "jsonfeed10",
        "Quayside JSON",
        "https://json.example/",
    )
    (entry,) = feed.entries
    assert entry.guid == "17"
    assert entry.link == "https://json.example/posts/17"
    assert entry.author == "Tove Marsh"
    assert entry.published == datetime(2026, 11, 5, 6, 15, tzinfo=UTC)
    assert entry.paragraphs == ("Done here [1]",)
    assert entry.links == ("https://json.example/nets",)


def test_json_feed_11_authors_text_and_summary() -> None:
    body = _json_feed(
        "https://jsonfeed.org/version/1.1",
        [
            {
                "id": "a",
                "content_text": "First <not html>\n\nSecond",
                "authors": [{"name": "Ada Quill"}, {"name": "Bo Reed"}],
                "date_modified": "2026-11-06T00:00:00Z",
            },
            {"id": "b", "summary": "Only a summary", "title": "Summary only"},
        ],
    )
    feed = parse_feed(body, "application/json")
    assert feed.kind == "jsonfeed11"
    first, second = feed.entries
    assert first.author == "Ada Quill"
    assert first.paragraphs == ("First <not html>", "Second")
    assert first.updated == datetime(2026, 11, 6, tzinfo=UTC)
    assert second.paragraphs == ("Only a summary",)
    assert second.published is None
    assert any("no date" in w for w in feed.warnings)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"<!DOCTYPE html><html><head><title>Hi</title></head><body>x</body></html>", "HTML"),
        (b"<html><body><p>Not a feed</p></body></html>", "HTML"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not a feed"),
        (b'{"name": "not a feed"}', "JSON"),
        (b"[1, 2, 3]", "JSON"),
        (b"{not json", "JSON"),
        (b'<?xml version="1.0"?><note><to>x</to></note>', "not a feed"),
        (b"just some words", "not a feed"),
    ],
)
def test_not_a_feed(body: bytes, message: str) -> None:
    with pytest.raises(FeedParseError, match=message) as caught:
        parse_feed(body)
    assert "\n" not in str(caught.value)


def test_duplicate_guids_keep_the_first() -> None:
    items = "".join(f"<item><guid>same</guid><title>Take {i}</title></item>" for i in range(3))
    feed = parse_feed(f'<rss version="2.0"><channel>{items}</channel></rss>'.encode())
    assert [e.title for e in feed.entries] == ["Take 0"]
    assert any("guid" in w and w.startswith("2 ") for w in feed.warnings)


def test_no_title_no_date_bad_date_and_future_date() -> None:
    body = b"""<rss version="2.0"><channel><title>T</title>
      <item><guid>1</guid><description>No title here</description></item>
      <item><guid>2</guid><title>Bad date</title><pubDate>the day after tomorrow</pubDate></item>
      <item><guid>3</guid><title>Future</title>
        <pubDate>Fri, 01 Jan 2100 00:00:00 GMT</pubDate></item>
      <item><guid>4</guid><title>   </title><pubDate>2026-11-05 10:00:00</pubDate></item>
    </channel></rss>"""
    feed = parse_feed(body)
    no_title, bad, future, blank = feed.entries
    assert no_title.title is None and no_title.published is None
    assert no_title.paragraphs == ("No title here",)
    assert bad.published is None
    assert future.published == datetime(2100, 1, 1, tzinfo=UTC)
    assert blank.title is None
    assert blank.published == datetime(2026, 11, 5, 10, 0, tzinfo=UTC)
    assert any("could not be read" in w and "the day after tomorrow" in w for w in feed.warnings)
    assert all("\n" not in w for w in feed.warnings)


def test_links_only_absolute_web_urls() -> None:
    body = b"""<rss version="2.0"><channel><title>T</title>
      <item><guid>1</guid><link>javascript:alert(1)</link><description><![CDATA[
        <a href="javascript:alert(2)">js</a> <a href="data:text/html,x">data</a>
        <a href="mailto:a@b.example">mail</a> <a href="/ok">ok</a>]]></description></item>
      <item><guid>2</guid><link>data:text/html;base64,PHNjcmlwdD4=</link></item>
      <item><guid>3</guid><link>relative/page</link></item>
    </channel></rss>"""
    feed = parse_feed(body, None, "https://base.example/feed/rss")
    first, second, third = feed.entries
    assert first.link is None and second.link is None
    assert first.links == ("https://base.example/ok",)
    assert first.paragraphs == ("js data mail ok [1]",)
    assert third.link == "https://base.example/feed/relative/page"


def test_titles_lose_escapes_but_keep_textual_markup() -> None:
    body = (
        b'<rss version="2.0"><channel><title>[b]Feed[/b]</title><item><guid>1</guid>'
        b"<title>\x1b]0;pwned\x07[bold red]x[/] \x1b[31mred\x1b[0m  &#x202e;txt</title>"
        b"</item></channel></rss>"
    )
    feed = parse_feed(body)
    assert feed.title == "[b]Feed[/b]"
    title = feed.entries[0].title
    assert title is not None
    assert "\x1b" not in title and "\u202e" not in title and "pwned" not in title
    assert title.startswith("[bold red]x[/]") and "red" in title


def test_atom_entry_without_alternate_link_and_html_title() -> None:
    body = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <entry><id>x</id><title type="html">&lt;b&gt;Bold&lt;/b&gt; &amp;amp; plain</title>
      <link rel="enclosure" href="https://a.example/file.mp3"/>
      <updated>2026-11-01T00:00:00Z</updated></entry></feed>"""
    (entry,) = parse_feed(body).entries
    assert entry.title == "Bold & plain"
    assert entry.link is None


def test_bundled_sample_feed_reads_offline() -> None:
    path = Path(__file__).resolve().parents[2] / "samples" / "harbour-feed.xml"
    feed = parse_feed(path.read_bytes(), None, path.as_uri())
    assert (feed.kind, feed.warnings) == ("rss20", ())
    assert 5 <= len(feed.entries) <= 8
    assert all(e.title and e.published and e.author and e.link for e in feed.entries)
    text = [p for e in feed.entries for p in e.paragraphs]
    assert any(p.startswith("• ") for p in text)
    assert any(p.startswith("> \u201c") for p in text)
    assert sum(1 for p in text if "\u201d" in p and " said" in p) >= 5
    links = [link for e in feed.entries for link in e.links]
    assert links and all(link.startswith("https://harbour.example/") for link in links)


def test_json_feed_of_a_later_version_and_wrong_types() -> None:
    body = json.dumps(
        {
            "version": "https://jsonfeed.org/version/2",
            "title": ["not", "a", "string"],
            "items": [
                "not an item",
                {"id": {"nested": 1}, "title": 42, "url": "javascript:alert(1)", "summary": "ok"},
            ],
        }
    ).encode()
    feed = parse_feed(body)
    assert (feed.kind, feed.title) == ("jsonfeed", None)
    (entry,) = feed.entries
    assert (entry.guid, entry.title, entry.link, entry.paragraphs) == (None, "42", None, ("ok",))
    no_items = parse_feed(b'{"version": "https://jsonfeed.org/version/1.1", "items": {}}')
    assert no_items.entries == () and no_items.warnings
