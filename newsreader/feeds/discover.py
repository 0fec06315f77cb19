"""Find a web page's feeds, so ``feed add`` accepts the address a user copies from the browser.

Pages announce their feeds with ``<link rel="alternate" type="application/rss+xml" href=…>``
(RSS autodiscovery, and the same for Atom and JSON Feed). The page is read with lxml's HTML
parser, never with regexes: real pages put attributes in any order, quote them any way, and
hide look-alike text in scripts and comments.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from lxml import etree

from newsreader.text import clean_text

__all__ = ["FEED_TYPES", "discover_feeds", "looks_like_html"]

#: The ``type`` values of ``<link rel="alternate">`` that name a feed.
FEED_TYPES = frozenset(
    (
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/json",
        "application/rdf+xml",
    )
)
#: Only the start of a page is read: feed links live in its head.
_HEAD_BYTES = 2_000_000
_HTML_MIME = ("text/html", "application/xhtml+xml")
_HTML_START = re.compile(
    rb"^(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
_FEED_START = re.compile(
    rb"^(?:\s|<!--.*?-->|<\?[^>]*>|<!doctype[^>]*>)*<(?:rss|feed|rdf:rdf)\b",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_html(body: bytes, content_type: str | None = None) -> bool:
    """True when ``body`` is a web page rather than a feed (then look for its feed links).

    The bytes decide over the header: servers label feeds ``text/html`` and pages
    ``text/xml`` often enough. A body that starts like a feed is never HTML; one that starts
    like a page is; otherwise the Content-Type says.
    """
    head = body[:4096].lstrip(b"\xef\xbb\xbf")
    if _FEED_START.match(head):
        return False
    if _HTML_START.match(head):
        return True
    mime = (content_type or "").split(";")[0].strip().lower()
    return mime in _HTML_MIME and not head.lstrip().startswith((b"{", b"<?xml"))


def discover_feeds(html: bytes, base_url: str) -> list[str]:
    """Absolute URLs of the feeds a page links with ``rel="alternate"``, in page order."""
    parser = etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(html[:_HEAD_BYTES], parser)
    except (etree.XMLSyntaxError, ValueError):
        return []
    if root is None:
        return []
    base = base_url
    for element in root.iter("base"):
        href = element.get("href")
        if href:
            base = _join(base_url, href) or base_url
        break
    found: list[str] = []
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        if "alternate" not in rel or kind not in FEED_TYPES:
            continue
        url = _join(base, link.get("href") or "")
        if url is not None and url not in found and _allowed(url, base_url):
            found.append(url)
    return found


def _join(base: str, href: str) -> str | None:
    href = "".join(clean_text(href).split())
    if not href:
        return None
    try:
        return urljoin(base, href) if base else href
    except ValueError:
        return None


def _allowed(url: str, base_url: str) -> bool:
    """http(s) feeds always; a ``file:`` feed only from a page that was itself a local file."""
    try:
        scheme, netloc = urlsplit(url)[:2]
        base_scheme = urlsplit(base_url).scheme
    except ValueError:
        return False
    if scheme in ("http", "https"):
        return bool(netloc)
    return scheme == "file" and base_scheme == "file"
