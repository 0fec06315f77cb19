"""OPML import and export: folders become tags, duplicates skipped, round trips exact."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from newsreader.feeds.opml import OpmlError, OpmlFeed, read_opml, write_opml

NESTED = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Subscriptions</title></head>
  <body>
    <outline type="rss" text="Top level" xmlUrl="https://top.example/feed"/>
    <outline text="News" title="News">
      <outline type="rss" text="Quay Gazette" title="The Quay Gazette"
               xmlUrl="https://gazette.example/rss" htmlUrl="https://gazette.example/"/>
      <outline text="Local Harbour">
        <outline type="rss" text="Tide Log" xmlurl="https://tide.example/atom"
                 category="/weather,/Sea Life"/>
      </outline>
    </outline>
    <outline text="Tech">
      <outline type="rss" text="Again" xmlUrl="https://gazette.example/rss"/>
      <outline type="rss" text="Bad" xmlUrl="javascript:alert(1)"/>
      <outline text="Empty folder"/>
    </outline>
  </body>
</opml>"""


def test_nested_folders_become_tags_outermost_first() -> None:
    assert read_opml(NESTED) == [
        OpmlFeed("https://top.example/feed", "Top level", ()),
        OpmlFeed("https://gazette.example/rss", "The Quay Gazette", ("news",)),
        OpmlFeed(
            "https://tide.example/atom",
            "Tide Log",
            ("news", "local-harbour", "weather", "sea-life"),
        ),
    ]


def test_round_trip_keeps_urls_titles_and_every_tag() -> None:
    feeds = [
        OpmlFeed("https://a.example/feed", "Alpha & Omega <news>", ("harbour", "weather")),
        OpmlFeed("https://b.example/rss", None, ()),
        OpmlFeed("https://c.example/atom", "Gamma", ("harbour",)),
        OpmlFeed("file:///home/ed/feeds/local.xml", "Local", ("offline",)),
    ]
    text = write_opml(feeds, title="My feeds")
    back = read_opml(text.encode("utf-8"))
    # Folders are written where their first feed comes, so C follows A into "harbour".
    assert back == [feeds[0], feeds[2], feeds[1], feeds[3]]
    assert read_opml(write_opml(back).encode()) == back


def test_export_is_opml_20_with_folders_by_first_tag() -> None:
    text = write_opml(
        [
            OpmlFeed("https://a.example/feed", "A", ("harbour",)),
            OpmlFeed("https://b.example/feed", "B", ()),
            OpmlFeed("https://c.example/feed", "C \x1b[31mred", ("harbour", "x")),
        ]
    )
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = etree.fromstring(text.encode())
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.findtext("head/title") == "newsreader feeds"
    assert root.findtext("head/dateCreated")
    body = root.find("body")
    assert body is not None
    folder, plain = list(body)
    assert folder.get("text") == "harbour" and folder.get("xmlUrl") is None
    assert [o.get("xmlUrl") for o in folder] == ["https://a.example/feed", "https://c.example/feed"]
    assert all(o.get("type") == "rss" for o in folder)
    assert folder[1].get("text") == "C red" and folder[1].get("category") == "x"
    assert plain.get("xmlUrl") == "https://b.example/feed" and plain.get("title") == "B"


def test_reimport_is_idempotent() -> None:
    once = read_opml(NESTED)
    twice = read_opml(write_opml(once).encode())
    assert sorted(twice, key=lambda f: f.url) == sorted(once, key=lambda f: f.url)
    assert read_opml(write_opml(twice).encode()) == twice


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   ",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        b"<html><body>not opml</body></html>",
        b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>',
        b'<opml version="2.0"><head/></opml>',
    ],
)
def test_garbage_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(OpmlError, match="not an OPML file"):
        read_opml(data)


def test_sloppy_xml_is_recovered() -> None:
    data = (
        b'<opml version="1.0"><body><outline text="Fish & Chips" '
        b'xmlUrl="https://fish.example/rss?a=1&b=2"/></body></opml>'
    )
    (feed,) = read_opml(data)
    assert feed.url.startswith("https://fish.example/rss")


def test_external_entities_are_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("CROWN-JEWELS-7731")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        '<opml version="2.0"><body><outline text="&x;" xmlUrl="https://x.example/"/>'
        "</body></opml>"
    ).encode()
    try:
        feeds = read_opml(data)
    except OpmlError:
        return
    assert "CROWN" not in repr(feeds)
