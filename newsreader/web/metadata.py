"""Title, author, date and site name of an article page, from what the page says about itself.

Publishers describe their articles for search engines and social previews (JSON-LD
``NewsArticle``, Open Graph and ``article:`` meta tags), and those descriptions are cleaner than
anything guessed from the layout: ``og:title`` has no " | Site name" tail, ``datePublished`` has a
time zone. So they are read first and the visible page (``<h1>``, ``<title>``, ``<time>``) only
fills the gaps. Every value is one clean line (:func:`~newsreader.feeds.content.strip_markup`);
a date is timezone-aware (UTC when the page gave no zone) or None.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from lxml import etree

from newsreader.feeds.content import is_web_url, strip_markup

__all__ = ["PageMetadata", "page_metadata", "parse_date"]

_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "scholarlyarticle",
        "techarticle",
        "report",
        "posting",
        "socialmediaposting",
        "liveblogposting",
        "webpage",
    }
)
_TITLE_KEYS = ("og:title", "twitter:title", "dc.title")
_AUTHOR_KEYS = (
    "author",
    "article:author",
    "byl",
    "dc.creator",
    "parsely-author",
    "sailthru.author",
)
_DATE_KEYS = (
    "article:published_time",
    "datepublished",
    "og:article:published_time",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
)
_SITE_KEYS = ("og:site_name", "application-name")
#: Longest JSON-LD block read: descriptions are small, a huge one is not worth the time.
_MAX_JSON_LD = 200_000
_LONGEST_LINE = 400
_BYLINE = re.compile(r"^by\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageMetadata:
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    site_name: str | None = None
    canonical_url: str | None = None


def parse_date(value: str | None) -> datetime | None:
    """An ISO 8601 date or date-time as an aware datetime (UTC if no zone), or None."""
    if not value:
        return None
    value = value.strip()
    if len(value) < 10 or len(value) > 40:
        return None
    try:
        when = datetime.fromisoformat(value.replace(" ", "T", 1) if "T" not in value else value)
    except ValueError:
        return None
    if not 1900 <= when.year <= 2200:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def page_metadata(root: etree._Element) -> PageMetadata:
    """What the page at ``root`` (an lxml HTML document) says about its article."""
    meta = _meta_values(root)
    ld = _json_ld_article(root)
    title = _first_line(
        *(meta.get(key) for key in _TITLE_KEYS),
        _text(ld.get("headline")),
        _element_text(root, "//h1"),
        _element_text(root, "//title"),
    )
    author = _first_line(
        _ld_names(ld.get("author")),
        *(m for m in (meta.get(key) for key in _AUTHOR_KEYS) if m and not is_web_url(m)),
    )
    published = _published(root, meta, ld)
    site_name = _first_line(
        *(m for m in (meta.get(key) for key in _SITE_KEYS) if m and not is_web_url(m.strip())),
        _ld_names(ld.get("publisher")),
        # A Twitter handle names the site only when nothing else does.
        (meta.get("twitter:site") or "").lstrip("@"),
    )
    if author:
        author = _BYLINE.sub("", author) or None
    if title and site_name:
        title = _without_site_name(title, site_name)
    return PageMetadata(
        title=title,
        author=author,
        published=published,
        site_name=site_name,
        canonical_url=_canonical_url(root, meta),
    )


def _canonical_url(root: etree._Element, meta: dict[str, str]) -> str | None:
    """The article's own address as the page gives it (``<link rel=canonical>``, ``og:url``):
    what a saved page's relative links resolve against, and what it was read from."""
    for link in root.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical":
            href = "".join((link.get("href") or "").split())
            if is_web_url(href):
                return href
    og_url = "".join(meta.get("og:url", "").split())
    return og_url if is_web_url(og_url) else None


def _published(root: etree._Element, meta: dict[str, str], ld: dict[str, Any]) -> datetime | None:
    """The first readable date, looking through the page itself only when its descriptions
    have none (a search of the whole tree costs more than the rest together)."""
    described = (_text(ld.get("datePublished")), *(meta.get(key) for key in _DATE_KEYS))
    for candidate in described:
        published = parse_date(candidate)
        if published is not None:
            return published
    for path, names in (
        ("//*[@itemprop='datePublished']", ("datetime", "content")),
        ("//time[@datetime]", ("datetime",)),
    ):
        published = parse_date(_attribute(root, path, names))
        if published is not None:
            return published
    return parse_date(_text(ld.get("dateCreated")))


def _without_site_name(title: str, site_name: str) -> str:
    """``"Quay rebuilt – The Courier"`` → ``"Quay rebuilt"`` when the site is The Courier."""
    for separator in (" - ", " – ", " — ", " | ", " :: ", " · "):
        head, found, tail = title.rpartition(separator)
        if found and head.strip() and tail.strip().casefold() == site_name.casefold():
            return head.strip()
    return title


def _meta_values(root: etree._Element) -> dict[str, str]:
    """``<meta>`` values by lower-cased name/property/itemprop; the first one of a name wins."""
    values: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = meta.get("content")
        if key and content and content.strip():
            values.setdefault(key.strip().lower(), content)
    return values


def _json_ld_article(root: etree._Element) -> dict[str, Any]:
    """The first JSON-LD object of an article type, or an empty dict."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        source = script.text or ""
        if len(source) > _MAX_JSON_LD:
            continue
        try:
            data = json.loads(source)
        except ValueError:
            continue
        for item in _ld_objects(data, 0):
            kinds = item.get("@type")
            names = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(n, str) and n.lower() in _ARTICLE_TYPES for n in names):
                return item
    return {}


def _ld_objects(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _ld_objects(graph, depth + 1)


def _ld_names(value: Any) -> str | None:
    """``"Ann"``, ``{"name": "Ann"}`` or a list of them, as ``"Ann, Bob"``."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items[:10]:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip() and not is_web_url(name.strip()):
            names.append(name)
    return ", ".join(names) if names else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _element_text(root: etree._Element, path: str) -> str | None:
    found = root.xpath(path)
    if isinstance(found, list) and found and isinstance(found[0], etree._Element):
        return "".join(found[0].itertext())
    return None


def _attribute(root: etree._Element, path: str, names: tuple[str, ...]) -> str | None:
    found = root.xpath(path)
    if isinstance(found, list) and found and isinstance(found[0], etree._Element):
        for name in names:
            value = found[0].get(name)
            if value:
                return str(value)
    return None


def _first_line(*candidates: str | None) -> str | None:
    for candidate in candidates:
        if candidate:
            line = strip_markup(candidate)
            if line:
                return line[:_LONGEST_LINE]
    return None
