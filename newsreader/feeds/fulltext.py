"""The whole story of feed entries: their web page fetched, the article extracted and kept.

Per feed, ``full_text`` says when: ``always``, ``never``, or ``auto`` (the default), when the
feed's text looks like a teaser (``web.teaser``: short, or ending in "…" or "Read more"). A
refresh asks for the pages of the entries it brought (:func:`wanted`), a few at a time, after
its feeds; the reader's ``f`` asks for one (:func:`fetch_one`). Every answer is kept in the
archive, a failure too ("no article text found": the summary stays), so no page is fetched
twice unless the user asks again.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from newsreader.storage.archive import Archive

__all__ = ["PAGES_AT_ONCE", "PageOutcome", "fetch_many_pages", "fetch_one", "wanted"]

#: Article pages fetched at once: politer than the feeds' 16, pages are bigger and slower.
PAGES_AT_ONCE = 4
#: At most this many pages per refresh; the rest wait for the next one (or ``f``).
PAGES_PER_REFRESH = 200


@dataclass(frozen=True, slots=True)
class PageOutcome:
    """How fetching one entry's page went; ``error`` is one line, or None when kept."""

    rowid: int
    title: str
    error: str | None = None


def _feed_paragraphs(text: str) -> list[str]:
    """An entry's feed text without the ``Links:`` list under it."""
    paragraphs = text.split("\n")
    if "Links:" in paragraphs:
        paragraphs = paragraphs[: paragraphs.index("Links:")]
    return paragraphs


def wanted(archive: Archive, batch: int) -> list[tuple[int, str, str]]:
    """``(rowid, link, title)`` of the entries of ``batch`` whose page is to be fetched."""
    from newsreader.web.teaser import looks_like_teaser

    out = []
    for rowid, link, title, mode in archive.pages_wanted(batch):
        if mode == "auto" and not looks_like_teaser(_feed_paragraphs(archive.feed_text(rowid))):
            continue
        out.append((rowid, link, title))
    return out[:PAGES_PER_REFRESH]


def _fetch(link: str, stop: threading.Event | None) -> tuple[str | None, object]:
    from newsreader.web.article import fetch_article

    result = fetch_article(link, stop=stop)
    return result.error, result


def _keep(archive: Archive, rowid: int, link: str, error: str | None, result: object) -> None:
    from newsreader.web.article import ArticleResult

    assert isinstance(result, ArticleResult)
    article = result.article
    if error is not None or article is None:
        archive.store_page(rowid, result.page.final_url or link, error=error or "no article")
        return
    paragraphs = list(article.paragraphs)
    if article.links:  # listed under the text, as in a feed entry: l and 1…9 open them
        paragraphs += ["Links:", *(f"[{n}]: {url}" for n, url in enumerate(article.links, 1))]
    archive.store_page(rowid, result.page.final_url or link, paragraphs, article.links)


def fetch_one(
    archive: Archive, rowid: int, link: str, title: str, stop: threading.Event | None = None
) -> PageOutcome:
    """Fetch and keep one entry's page (the reader's ``f``); a kept text is not fetched again."""
    page = archive.page(rowid)
    if page is not None and page.body is not None:
        return PageOutcome(rowid, title)
    error, result = _fetch(link, stop)
    if stop is not None and stop.is_set():
        return PageOutcome(rowid, title, "cancelled")
    _keep(archive, rowid, link, error, result)
    return PageOutcome(rowid, title, error)


def fetch_many_pages(
    archive: Archive,
    entries: Iterable[tuple[int, str, str]],
    stop: threading.Event | None = None,
) -> Iterator[PageOutcome]:
    """Fetch and keep the pages of ``entries``, ``PAGES_AT_ONCE`` at a time, yielding each
    outcome as it is stored."""
    todo = list(entries)
    if not todo:
        return
    with ThreadPoolExecutor(PAGES_AT_ONCE, thread_name_prefix="page") as pool:
        futures = [
            (rowid, link, title, pool.submit(_fetch, link, stop)) for rowid, link, title in todo
        ]
        for rowid, link, title, future in futures:
            if stop is not None and stop.is_set():
                for *_, rest in futures:
                    rest.cancel()
                return
            error, result = future.result()
            _keep(archive, rowid, link, error, result)
            yield PageOutcome(rowid, title, error)
