"""OPML, the subscription list every feed reader imports and exports.

Reading: each ``<outline xmlUrl=…>`` is a feed; the folder outlines around it (outlines without
``xmlUrl``, as newsboat, FreshRSS, Miniflux and Feedly write them) become its tags, outermost
first, spelled by :func:`newsreader.tags.normalise_tag`; an OPML 2.0 ``category`` attribute adds
more. A URL seen twice keeps its first outline, so importing a file twice, or a file that lists a
feed in two folders, adds each feed once. The XML is parsed with the same safe options as feeds
(no DTD, no external entities, libxml2's limits on), and recovered when it is merely sloppy.

Writing: OPML 2.0 with a folder outline per feed's first tag (the shape the readers above import
as categories); any further tags go in ``category``, so a round trip keeps them all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from urllib.parse import urlsplit

from lxml import etree

from newsreader.tags import tag_or_none
from newsreader.text import clean_text

__all__ = ["OpmlError", "OpmlFeed", "read_opml", "write_opml"]


class OpmlError(ValueError):
    """The data is not an OPML subscription list; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One subscription: its feed URL, its title (if the file gave one) and its tags."""

    url: str
    title: str | None = None
    tags: tuple[str, ...] = ()


def _parser(*, recover: bool) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities="internal",
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        recover=recover,
        remove_comments=True,
        remove_pis=True,
    )


def read_opml(data: bytes) -> list[OpmlFeed]:
    """The feeds of an OPML file in document order; raise :class:`OpmlError` on garbage."""
    if not data.strip():
        raise OpmlError("not an OPML file: it is empty")
    try:
        root = etree.fromstring(data, _parser(recover=False))
    except etree.XMLSyntaxError:
        try:
            root = etree.fromstring(data, _parser(recover=True))
        except etree.XMLSyntaxError as error:
            raise OpmlError("not an OPML file: unreadable XML") from error
    if root is None or not isinstance(root.tag, str) or _local(root.tag) != "opml":
        raise OpmlError("not an OPML file: no <opml> element")
    body = next((child for child in root if _local(child.tag) == "body"), None)
    if body is None:
        raise OpmlError("not an OPML file: no <body> element")
    feeds: list[OpmlFeed] = []
    seen: set[str] = set()
    _read_outlines(body, (), feeds, seen)
    return feeds


def _local(tag: object) -> str:
    return tag.rpartition("}")[2].lower() if isinstance(tag, str) else ""


def _attribute(outline: etree._Element, name: str) -> str:
    """An attribute by name, any case (``xmlUrl``, ``xmlurl`` and ``XMLURL`` all occur)."""
    value = outline.get(name)
    if value is None:
        lowered = name.lower()
        value = next((v for k, v in outline.attrib.items() if str(k).lower() == lowered), "")
    return " ".join(clean_text(str(value)).split())


def _read_outlines(
    parent: etree._Element, folders: tuple[str, ...], feeds: list[OpmlFeed], seen: set[str]
) -> None:
    for outline in parent:
        if _local(outline.tag) != "outline":
            continue
        url = _attribute(outline, "xmlUrl").replace(" ", "")
        label = _attribute(outline, "title") or _attribute(outline, "text")
        if not url:
            folder = tag_or_none(label)
            _read_outlines(outline, (*folders, folder) if folder else folders, feeds, seen)
            continue
        if url in seen or not _is_feed_url(url):
            continue
        seen.add(url)
        tags = list(folders)
        for category in _attribute(outline, "category").split(","):
            tag = tag_or_none(category.strip().strip("/").rpartition("/")[2])
            if tag and tag not in tags:
                tags.append(tag)
        title = label if label and label != url else None  # export writes the URL for none
        feeds.append(OpmlFeed(url=url, title=title, tags=tuple(tags)))


def _is_feed_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return (parts.scheme in ("http", "https") and bool(parts.netloc)) or parts.scheme == "file"


def _xml_text(text: str) -> str:
    """Text XML can hold: controls become visible placeholders, escapes go."""
    return clean_text(text)


def write_opml(feeds: Iterable[OpmlFeed], title: str = "newsreader feeds") -> str:
    """An OPML 2.0 document of ``feeds``, grouped into folders by their first tag."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = _xml_text(title)
    etree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC), usegmt=True)
    body = etree.SubElement(root, "body")
    folders: dict[str, etree._Element] = {}
    for feed in feeds:
        parent = body
        if feed.tags:
            folder_name = _xml_text(feed.tags[0])
            parent = folders.get(folder_name, body)
            if parent is body:
                parent = etree.SubElement(body, "outline", text=folder_name, title=folder_name)
                folders[folder_name] = parent
        name = _xml_text(feed.title or feed.url)
        outline = etree.SubElement(
            parent, "outline", type="rss", text=name, title=name, xmlUrl=_xml_text(feed.url)
        )
        extra = [_xml_text(tag).replace(",", " ") for tag in feed.tags[1:]]
        if extra:
            outline.set("category", ",".join(extra))
    xml: str = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml
