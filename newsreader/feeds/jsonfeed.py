"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org) into a :class:`ParsedFeed`.

Written here because neither feedparser nor our XML code reads it, and it is small: a dict with
``version`` and ``items``. 1.0 names one ``author``, 1.1 a list of ``authors``; an item's body is
``content_html``, else ``content_text``, else its ``summary``. Values of the wrong JSON type are
ignored rather than trusted.
"""

from __future__ import annotations

import json
from typing import Any

from newsreader.feeds.content import absolute_web_url, entry_text, plain_paragraphs
from newsreader.feeds.entry_fields import (
    ParseNotes,
    clean_author,
    clean_id,
    clean_title,
    parse_date,
    unique_entries,
)
from newsreader.feeds.model import FeedParseError, ParsedEntry, ParsedFeed

__all__ = ["parse_json_feed"]

_JSON_FEED_VERSIONS = {
    "https://jsonfeed.org/version/1": "jsonfeed10",
    "https://jsonfeed.org/version/1.1": "jsonfeed11",
}


def parse_json_feed(body: bytes, url: str = "") -> ParsedFeed:
    """A JSON Feed; :class:`FeedParseError` for JSON that is not one."""
    try:
        data = json.loads(body.decode("utf-8-sig", errors="replace"))
    except (ValueError, RecursionError) as error:
        raise FeedParseError("not a feed: unreadable JSON") from error
    if not isinstance(data, dict):
        raise FeedParseError("not a feed: JSON that is not a JSON Feed")
    version = data.get("version")
    if not isinstance(version, str) or not version.startswith("https://jsonfeed.org/version/"):
        raise FeedParseError("not a feed: JSON that is not a JSON Feed")
    kind = _JSON_FEED_VERSIONS.get(version.rstrip("/"), "jsonfeed")
    notes = ParseNotes()
    items = data.get("items")
    if not isinstance(items, list):
        items = []
        notes.add("the JSON Feed has no items list")
    base = _string(data.get("feed_url")) or url
    entries = unique_entries(
        (_json_entry(item, base, notes) for item in items if isinstance(item, dict)), notes
    )
    title = clean_title(_string(data.get("title")) or "")
    link = absolute_web_url(_string(data.get("home_page_url")), base)
    return ParsedFeed(title, link, kind, entries, None, notes.result())


def _string(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _json_author(item: dict[str, Any]) -> str | None:
    authors = item.get("authors")
    candidates = authors if isinstance(authors, list) else [item.get("author")]
    for author in candidates:
        if isinstance(author, dict) and _string(author.get("name")):
            return clean_author(_string(author.get("name")) or "")
    return None


def _json_entry(item: dict[str, Any], base: str, notes: ParseNotes) -> ParsedEntry:
    guid = clean_id(_string(item.get("id")) or "")
    link = absolute_web_url(_string(item.get("url")), base) or absolute_web_url(
        _string(item.get("external_url")), base
    )
    title = clean_title(_string(item.get("title")) or "")
    published = parse_date(_string(item.get("date_published")) or "", notes)
    updated = parse_date(_string(item.get("date_modified")) or "", notes)
    html_body = _string(item.get("content_html"))
    text_body = _string(item.get("content_text"))
    summary = _string(item.get("summary"))
    if html_body and html_body.strip():
        paragraphs, links = entry_text(html_body, link or base)
    elif text_body and text_body.strip():
        paragraphs, links = plain_paragraphs(text_body), ()
    else:
        paragraphs, links = plain_paragraphs(summary or ""), ()
    return ParsedEntry(guid, link, title, _json_author(item), published, updated, paragraphs, links)
