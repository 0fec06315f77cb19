"""An article from its URL in one call: fetch the page, extract the article, one error line.

What the CLI (``newsreader URL``) and the TUI (``f`` on an entry) both need. Blocking: run it in
a worker thread and pass ``stop`` to cancel. Extraction is CPU work on the caller's thread, a few
tens of milliseconds for a usual page.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import httpx

from newsreader.feeds.fetch import FetchLimits
from newsreader.web.extract import ExtractedArticle, extract_article
from newsreader.web.page import PAGE_LIMITS, PageResult, fetch_page

__all__ = ["NO_ARTICLE", "ArticleResult", "fetch_article"]

#: The error when the page was fetched but holds no article text (paywall, empty, menus only).
NO_ARTICLE = "no article text found"


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """The page as fetched and the article found on it; ``error`` is one line, or None."""

    page: PageResult
    article: ExtractedArticle | None

    @property
    def error(self) -> str | None:
        if self.page.error is not None:
            return self.page.error
        return NO_ARTICLE if self.article is None else None

    @property
    def ok(self) -> bool:
        return self.error is None


def fetch_article(
    url: str,
    limits: FetchLimits = PAGE_LIMITS,
    client: httpx.Client | None = None,
    stop: threading.Event | None = None,
) -> ArticleResult:
    """Fetch ``url`` and extract its article; never raises for a failed fetch or a page
    without one (see :attr:`ArticleResult.error`)."""
    page = fetch_page(url, limits, client, stop)
    if page.html is None:
        return ArticleResult(page, None)
    return ArticleResult(page, extract_article(page.html, page.final_url))
