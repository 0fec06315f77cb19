"""Web pages kept in the feed archive, under a source of their own ("Web pages").

``newsreader URL`` and ``newsreader show URL`` fetch an article page once and keep it like a
feed entry (analysed, searchable, bookmarkable, its id stable): asked again, the kept copy is
used, never fetched twice. The source is a feed row with a ``newsreader:`` address that no
refresh ever fetches and no feed list or OPML export shows.
"""

from __future__ import annotations

import threading

from newsreader.feeds.model import ParsedEntry, ParsedFeed
from newsreader.storage.archive import Archive, entry_guid, entry_id

__all__ = ["WEB_PAGES", "WEB_PAGES_NAME", "PageError", "is_web_page_url", "keep_page"]

#: The archive's address for the pages opened by URL (never fetched by a refresh).
WEB_PAGES = "newsreader:web-pages"
WEB_PAGES_NAME = "Web pages"


class PageError(Exception):
    """The page could not be read as an article; the message is one line for the user."""


def is_web_page_url(text: str) -> bool:
    """Is ``text`` an http(s) URL (what ``newsreader URL`` and ``show URL`` take)?"""
    head = text[:8].lower()
    return head.startswith(("http://", "https://"))


def kept_id(url: str) -> str:
    """The article id a page opened as ``url`` is kept under."""
    return entry_id(WEB_PAGES, entry_guid(None, url, None, None))


def keep_page(archive: Archive, url: str, stop: threading.Event | None = None) -> str:
    """The id of the article at ``url``, fetching and keeping it unless it is kept already."""
    from newsreader.feeds.entries import new_entries
    from newsreader.web.article import fetch_article

    known = kept_id(url)
    if archive.entry(known) is not None:
        return known
    result = fetch_article(url, stop=stop)
    article = result.article
    if result.error is not None or article is None:
        raise PageError(f"{url}: {result.error}")
    entry = ParsedEntry(
        guid=None,
        link=url,
        title=article.title,
        author=article.author,
        published=article.published,
        updated=None,
        paragraphs=article.paragraphs,
        links=article.links,
    )
    feed = archive.feed(WEB_PAGES) or archive.add_feed(WEB_PAGES, WEB_PAGES_NAME)[0]
    parsed = ParsedFeed(title=WEB_PAGES_NAME, link=None, kind="web", entries=(entry,))
    archive.store_entries(
        feed.id, new_entries(parsed), status="200", etag=None, last_modified=None,
        next_due=None, batch=archive.new_batch(),
    )  # fmt: skip
    return known
