"""Fetch one web page for its article: the feeds fetcher's safety, and a check that it is HTML.

Built on :func:`newsreader.feeds.fetch.fetch_one`, so a page gets the same protections as a feed:
a total deadline that also ends a body that never stops streaming, a size cap counted after
decompression, redirects followed by hand (to another host too; ``final_url`` says where the page
really was) and one-line errors instead of exceptions. What differs is what counts as success:
only http(s) URLs, and only an HTML body: a PDF, an image or other binary is refused with its type
("not a web page (application/pdf)"), judged by its first bytes as well as its label, since
servers label downloads ``text/html`` and pages ``application/octet-stream``. The body is decoded
whatever its labels say (:mod:`.charset`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from newsreader.feeds.content import is_web_url
from newsreader.feeds.fetch import FetchLimits, fetch_one, new_client
from newsreader.feeds.model import FetchRequest
from newsreader.web.charset import decode_page

__all__ = ["HTML_ACCEPT", "PAGE_LIMITS", "PageResult", "fetch_page", "new_page_client", "page_kind"]

#: A page costs less than a whole feed refresh: a shorter deadline, and 8 MB is a huge page.
PAGE_LIMITS = FetchLimits(
    connect_timeout=10.0,
    total_timeout=20.0,
    max_bytes=8 * 1024 * 1024,
    max_redirects=8,
    concurrency=4,
    read_timeout=10.0,
)
HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Labels that say nothing about the body (or may be XHTML): the bytes decide.
_VAGUE_TYPES = frozenset(
    {
        "",
        "application/octet-stream",
        "binary/octet-stream",
        "text/plain",
        "application/xml",
        "text/xml",
    }
)
_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
    (b"%!PS", "application/postscript"),
    (b"OggS", "audio/ogg"),
    (b"ID3", "audio/mpeg"),
    (b"\x7fELF", "application/x-executable"),
    (b"\xd0\xcf\x11\xe0", "application/msword"),
)
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<!--")
_SNIFF_BYTES = 1024


@dataclass(frozen=True, slots=True)
class PageResult:
    """What fetching one page gave; ``error`` is one line when it failed (then ``html`` is None).

    ``final_url`` is where the page was after redirects (resolve its links against it);
    ``encoding`` is the codec its bytes were read with.
    """

    url: str
    final_url: str
    html: str | None = None
    status: int | None = None
    content_type: str | None = None
    encoding: str | None = None
    error: str | None = None
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None and self.html is not None

    @property
    def moved_to_other_host(self) -> bool:
        """True when redirects ended on another host than the one asked for."""
        return _host(self.url) != _host(self.final_url)


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def new_page_client(limits: FetchLimits = PAGE_LIMITS) -> httpx.Client:
    """A client like the feeds' one (our User-Agent, no cookies) that asks for HTML."""
    client = new_client(limits)
    client.headers["Accept"] = HTML_ACCEPT
    return client


def fetch_page(
    url: str,
    limits: FetchLimits = PAGE_LIMITS,
    client: httpx.Client | None = None,
    stop: threading.Event | None = None,
) -> PageResult:
    """Fetch the web page at ``url`` (http or https only); never raises for a failed fetch.

    Pass ``client`` (from :func:`new_page_client`) to reuse connections across pages; ``stop``
    set while fetching ends it with the error ``"stopped"``.
    """
    url = url.strip()
    if not is_web_url(url):
        return PageResult(url=url, final_url=url, error="not an http(s) URL")
    own_client = client is None
    if client is None:
        client = new_page_client(limits)
    try:
        fetched = fetch_one(FetchRequest(url), client, limits, stop)
    finally:
        if own_client:
            client.close()
    failed = PageResult(
        url=url,
        final_url=fetched.final_url or url,
        status=fetched.status,
        content_type=fetched.content_type,
        elapsed=fetched.elapsed,
    )
    if fetched.error is not None or fetched.body is None:
        return _with_error(failed, fetched.error or "the server sent no page")
    kind = page_kind(fetched.body, fetched.content_type)
    if kind is not None:
        return _with_error(failed, f"not a web page ({kind})")
    if not fetched.body.strip():
        return _with_error(failed, "the page is empty")
    decoded = decode_page(fetched.body, fetched.content_type)
    return PageResult(
        url=url,
        final_url=failed.final_url,
        html=decoded.text,
        status=fetched.status,
        content_type=fetched.content_type,
        encoding=decoded.encoding,
        elapsed=fetched.elapsed,
    )


def _with_error(result: PageResult, error: str) -> PageResult:
    return PageResult(
        url=result.url,
        final_url=result.final_url,
        status=result.status,
        content_type=result.content_type,
        error=error,
        elapsed=result.elapsed,
    )


def page_kind(body: bytes, content_type: str | None) -> str | None:
    """None when ``body`` is an HTML page, else what it is (a media type or "binary data")."""
    head = body[:_SNIFF_BYTES]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media in _HTML_TYPES:
        return "binary data" if b"\x00" in head and not _utf16(head) else None
    if media in _VAGUE_TYPES:
        if _looks_like_html(head):
            return None
        if b"\x00" in head:
            return "binary data"
        return media or "no content type"
    return media[:80]


def _utf16(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _looks_like_html(head: bytes) -> bool:
    if _utf16(head):
        head = head.decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"<?xml"):
        return b"<html" in start
    return start.startswith(_HTML_STARTS)
