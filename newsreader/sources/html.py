"""Saved web pages (``.html``/``.htm`` files) as sources: one article per page.

A page is not a pile of articles to split: its article is found by the same extractor as a page
fetched by URL (``web.extract``), links numbered, boilerplate gone, and a page with no article
text gives a warning and no article. Its id comes from its text, like any article of a file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from newsreader.model import Article
from newsreader.sources.key import SourceKey, file_key
from newsreader.sources.source import PieceSplitter
from newsreader.sources.stream import file_digest

__all__ = ["HTML_SUFFIXES", "HtmlFileSource", "html_article", "is_html_path"]

HTML_SUFFIXES = (".html", ".htm")


def is_html_path(name: str) -> bool:
    return Path(name).suffix.lower() in HTML_SUFFIXES


def html_article(name: str, data: bytes | None = None) -> tuple[Article | None, list[str]]:
    """The article of the saved page ``name`` (its bytes ``data`` if already read), and
    warnings (no article text found)."""
    from newsreader.split import article_id
    from newsreader.web.extract import extract_article

    if data is None:
        data = Path(name).read_bytes()
    found = extract_article(data)
    if found is None or not found.paragraphs:
        return None, [f"{name}: no article text found in the page"]
    title = found.title or Path(name).stem
    body = list(found.paragraphs)
    if found.links:
        body += ["Links:", *(f"[{n}]: {url}" for n, url in enumerate(found.links, 1))]
    paragraphs = (title, *body)
    article = Article(article_id(paragraphs), name, 1, 1, title, title, found.truncated, paragraphs)
    return article, []


class HtmlFileSource:
    """A saved page: its article, cached by the file's bytes like a text file's articles."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.size = os.stat(name).st_size
        self.warnings: list[str] = []
        self._done = 0

    def cache_key(self, code: str) -> SourceKey | None:
        with open(self.name, "rb") as fh:
            st = os.fstat(fh.fileno())
            return file_key(self.name, file_digest(fh), st, "html:" + code)

    def articles(self, split: PieceSplitter) -> Iterator[Article]:
        del split  # a page holds one article; it is extracted, not split
        article, warnings = html_article(self.name)
        self.warnings.extend(warnings)
        self._done = self.size
        if article is not None:
            yield article

    def progress(self, end_line: int) -> int:
        del end_line
        return self._done
