"""parse_feed on hostile and broken bodies: bounded, no file read, recovered with a warning."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.feeds.model import FeedParseError
from newsreader.feeds.parse import parse_feed

ROOT = Path(__file__).resolve().parents[2]

LAUGHS = "\n".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 "lol">\n'
    + LAUGHS
    + ']>\n<rss version="2.0"><channel><title>&lol9;</title>'
    "<item><guid>1</guid><title>After &lol9;</title></item></channel></rss>"
).encode()
QUADRATIC = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "'
    + b"x" * 50_000
    + b'">]><rss version="2.0"><channel><title>'
    + b"&a;" * 20_000
    + b"</title></channel></rss>"
)


def _peak_rss_mb_of_parse(path: Path) -> float:
    """Parse the file in a fresh interpreter and return its peak RSS in MB."""
    code = (
        "import sys\n"
        "from newsreader.feeds.parse import parse_feed\n"
        "from newsreader.feeds.model import FeedParseError\n"
        "try:\n    parse_feed(open(sys.argv[1], 'rb').read())\n"
        "except FeedParseError:\n    pass\n"
        # VmHWM, not ru_maxrss: the latter keeps the forking parent's peak across exec.
        "print(int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0]) / 1024)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    return float(done.stdout.strip())


@pytest.mark.parametrize("bomb", [BILLION_LAUGHS, QUADRATIC], ids=["billion-laughs", "quadratic"])
def test_entity_bomb_is_bounded(bomb: bytes, tmp_path: Path) -> None:
    started = time.perf_counter()
    with pytest.raises(FeedParseError, match="entity bomb"):
        parse_feed(bomb)
    assert time.perf_counter() - started < 2
    path = tmp_path / "bomb.xml"
    path.write_bytes(bomb)
    assert _peak_rss_mb_of_parse(path) < 150


def test_harmless_internal_entities_still_work() -> None:
    body = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY org "Harbour Board">]>'
        b'<rss version="2.0"><channel><title>&org; news</title></channel></rss>'
    )
    assert parse_feed(body).title == "Harbour Board news"


def test_a_huge_title_is_cut() -> None:
    body = b'<rss version="2.0"><channel><title>' + b"word " * 100_000 + b"</title></channel></rss>"
    title = parse_feed(body).title
    assert title is not None and len(title) <= 1001 and title.endswith("…")


def test_external_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("CROWN-JEWELS-7731")
    bodies = [
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        '<rss version="2.0"><channel><title>t &x; u</title><item><guid>1</guid>'
        "<title>&x;</title><description>&x;</description></item></channel></rss>",
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "{secret.as_uri()}"> %p;]>'
        '<rss version="2.0"><channel><title>t</title></channel></rss>',
        f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{secret.as_uri()}">'
        '<rss version="2.0"><channel><title>t</title></channel></rss>',
        f'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "{secret}">]>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>&x;</title></feed>',
    ]
    for body in bodies:
        try:
            feed = parse_feed(body.encode())
        except FeedParseError as error:
            assert "CROWN" not in str(error)
            continue
        assert "CROWN" not in repr(feed)


def test_unclosed_tags_are_recovered_with_a_warning() -> None:
    body = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title>
      <item><guid>1</guid><title>First <b>bold</title><description>ok</description></item>
      <item><guid>2</guid><title>Second</title>
    </channel>"""
    feed = parse_feed(body)
    assert feed.title == "Broken"
    assert [e.guid for e in feed.entries][:1] == ["1"]
    assert any(w.startswith("malformed XML recovered") for w in feed.warnings)


def test_items_swallowed_by_an_unclosed_element_are_recovered() -> None:
    items = "".join(
        f"<item><guid>{i}</guid><title>Quay {i}</title><description>Text {i}</item>"
        for i in range(3)
    )
    body = f'<rss version="2.0"><channel><title>Lost<ttl>5</ttl>{items}</channel></rss>'
    feed = parse_feed(body.encode())
    assert feed.title is not None and feed.title.startswith("Lost")
    assert "Quay" not in feed.title
    assert [e.title for e in feed.entries] == ["Quay 0", "Quay 1", "Quay 2"]
    assert feed.entries[0].paragraphs == ("Text 0",)


def test_html_entities_and_bare_ampersands_are_recovered() -> None:
    body = (
        b'<rss version="2.0"><channel><title>Fish &amp; Chips &nbsp;&copy; 2026</title>'
        b"<item><guid>1</guid><title>Salt & pepper &eacute;t&eacute;</title></item>"
        b"</channel></rss>"
    )
    feed = parse_feed(body)
    assert feed.title == "Fish & Chips © 2026"
    assert feed.entries[0].title is not None
    assert feed.entries[0].title == "Salt & pepper été"
    assert feed.warnings


def _rss_with_title(title: str, declared: str | None, encoding: str) -> bytes:
    declaration = f'<?xml version="1.0" encoding="{declared}"?>' if declared else ""
    return (
        f'{declaration}<rss version="2.0"><channel><title>{title}</title>'
        f"<item><guid>1</guid><title>{title}</title></item></channel></rss>"
    ).encode(encoding)


@pytest.mark.parametrize(
    ("declared", "encoding", "content_type", "warned"),
    [
        ("utf-8", "iso-8859-1", None, True),  # Latin-1 bytes labelled UTF-8
        ("iso-8859-1", "utf-8", None, True),  # UTF-8 bytes labelled Latin-1
        (None, "iso-8859-1", "application/rss+xml", True),  # no label at all
        (None, "iso-8859-1", "text/xml; charset=iso-8859-1", False),  # HTTP header is right
        (None, "utf-8", "text/xml; charset=iso-8859-1", True),  # HTTP header is wrong
        ("windows-1252", "cp1252", None, False),  # correctly labelled
        ("utf-16", "utf-16", None, False),  # with a BOM
    ],
)
def test_wrong_or_missing_charset(
    declared: str | None, encoding: str, content_type: str | None, warned: bool
) -> None:
    title = "Café Ørsted – Ålesund"
    if encoding == "iso-8859-1":
        title = "Café Ørsted Ålesund"
    feed = parse_feed(_rss_with_title(title, declared, encoding), content_type)
    assert feed.title == title
    assert feed.entries[0].title == title
    charset_warnings = [w for w in feed.warnings if "read as" in w]
    assert bool(charset_warnings) is warned


def test_invalid_bytes_in_utf8_become_replacement_characters() -> None:
    body = b'<rss version="2.0"><channel><title>ok \xff\xfe bad</title></channel></rss>'
    feed = parse_feed(body)
    assert feed.title is not None and feed.title.startswith("ok ")


def test_deeply_nested_entry_html_does_not_crash() -> None:
    html = "<div>" * 5000 + "deep" + "</div>" * 5000
    body = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "items": [{"id": "1", "content_html": html}],
        }
    ).encode()
    feed = parse_feed(body)
    assert "deep" in " ".join(feed.entries[0].paragraphs)


def test_deeply_nested_json_is_a_parse_error() -> None:
    with pytest.raises(FeedParseError):
        parse_feed(b"[" * 100_000 + b"]" * 100_000)


def test_deeply_nested_xml_is_bounded() -> None:
    body = b'<rss version="2.0"><channel><title>' + b"<x>" * 100_000 + b"</title></channel></rss>"
    try:
        feed = parse_feed(body)
    except FeedParseError:
        return
    assert feed.warnings


@pytest.mark.slow
def test_fifty_thousand_entries() -> None:
    items = "".join(
        f"<item><title>Entry {i}</title><link>https://big.example/{i}</link><guid>g{i}</guid>"
        "<pubDate>Tue, 03 Nov 2026 10:00:00 +0000</pubDate>"
        f"<description>&lt;p&gt;Text {i} &lt;a href='/x{i}'&gt;link&lt;/a&gt;&lt;/p&gt;"
        "</description></item>"
        for i in range(50_000)
    )
    body = f'<rss version="2.0"><channel><title>Big</title>{items}</channel></rss>'.encode()
    started = time.perf_counter()
    feed = parse_feed(body, None, "https://big.example/feed")
    assert time.perf_counter() - started < 30
    assert len(feed.entries) == 50_000
    assert feed.entries[-1].links == ("https://big.example/x49999",)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=300),
        st.text(max_size=200).map(
            lambda t: f'<rss version="2.0"><channel><item><title>{t}</title>{t}</item>'.encode()
        ),
        st.text(max_size=200).map(
            lambda t: ('{"version": "https://jsonfeed.org/version/1", "items": [' + t).encode()
        ),
    ),
    st.sampled_from([None, "text/html", "application/json", "text/xml; charset=koi8-r"]),
)
def test_any_body_gives_a_feed_or_a_feed_parse_error(body: bytes, content_type: str | None) -> None:
    try:
        feed = parse_feed(body, content_type, "https://fuzz.example/feed")
    except FeedParseError as error:
        assert str(error) and "\n" not in str(error)
        return
    for entry in feed.entries:
        assert entry.link is None or entry.link.startswith(("http://", "https://"))
        for text in (entry.title or "", *entry.paragraphs):
            assert "\x1b" not in text and "\n" not in text
    assert all("\n" not in warning for warning in feed.warnings)
