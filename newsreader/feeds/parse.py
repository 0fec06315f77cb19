"""Bytes from a feed URL into a :class:`ParsedFeed`: RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed.

Why our own lxml code rather than feedparser or fastfeedparser (``benchmarks/feed_parsers.py``
measures all three): feedparser is about a hundred times slower per feed, has no JSON Feed
parser and loses every entry when one element is left unclosed. fastfeedparser is fast (it is
lxml underneath) and recovers structure well, but reads a mislabelled or unlabelled Latin-1 feed
as mojibake, parses with ``huge_tree=True`` (which lifts libxml2's limits meant for hostile
input) and does not say what it recovered from. Most of the time per entry goes to turning its
HTML into paragraphs (:mod:`.content`), which no parser does for us; the XML part is a few
hundred lines over the dozen elements a reader needs, and owning it means owning the safety
options, the charset rules and the warnings the user sees.

Safety: one XML parser configuration for every feed — internal entities only
(``resolve_entities="internal"``: an external entity such as ``file:///etc/passwd`` is never
loaded), no DTD loading, no network, ``huge_tree=False`` so libxml2's entity-amplification and
depth limits stay on. A document whose entities libxml2 had to stop expanding (billion laughs,
quadratic blow-up) is refused outright rather than recovered: nothing in it is worth reading.
Any other document that is not well-formed is parsed again in recover mode (HTML entities made
numeric, bare ``&`` escaped, items found wherever an unclosed element left them) and the feed
says so in ``warnings``.

Charset detection lives in :mod:`.charset`, JSON Feed in :mod:`.jsonfeed`, and the fields every
format shares (dates, titles, duplicate guids, warnings) in :mod:`.entry_fields`.
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Iterator

from lxml import etree

from newsreader.feeds.charset import utf8_bytes
from newsreader.feeds.content import absolute_web_url, entry_text, is_web_url, plain_paragraphs
from newsreader.feeds.entry_fields import (
    ParseNotes,
    clean_author,
    clean_id,
    clean_title,
    parse_date,
    unique_entries,
)
from newsreader.feeds.jsonfeed import parse_json_feed
from newsreader.feeds.model import FeedParseError, ParsedEntry, ParsedFeed
from newsreader.text import clean_text

__all__ = ["parse_feed"]

ATOM10 = "http://www.w3.org/2005/Atom"
ATOM03 = "http://purl.org/atom/ns#"
RSS10 = "http://purl.org/rss/1.0/"
RSS090 = "http://my.netscape.com/rdf/simple/0.9/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
CONTENT = "http://purl.org/rss/1.0/modules/content/"

_NAMED_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_BARE_AMPERSAND = re.compile(rb"&(?!#?[A-Za-z0-9]{1,32};)")
_XML_ENTITIES = frozenset((b"amp", b"lt", b"gt", b"quot", b"apos"))
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_C0_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: libxml2's words for entity expansion it stopped: nothing legitimate is worth recovering.
_ENTITY_BOMB_SIGNS = ("amplification factor", "entity reference loop", "Detected an entity")
_ENTRY_TAGS = frozenset(("item", "entry"))


def _parser(*, recover: bool) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities="internal",
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=recover,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        encoding="utf-8",
    )


def parse_feed(body: bytes, content_type: str | None = None, url: str = "") -> ParsedFeed:
    """Parse any supported feed; raise :class:`FeedParseError` when ``body`` is not a feed."""
    stripped = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        raise FeedParseError("empty response: no feed")
    mime = (content_type or "").split(";")[0].strip().lower()
    if stripped[:1] in (b"{", b"[") or (mime.endswith("json") and stripped[:1] != b"<"):
        return parse_json_feed(body, url)
    if _HTML_START.match(stripped[:4096]):
        raise FeedParseError("an HTML page, not a feed")
    if b"<" not in stripped[:1024] or _looks_binary(stripped[:1024]):
        raise FeedParseError("not a feed: the response is neither XML nor JSON")
    notes = ParseNotes()
    text = _without_controls(utf8_bytes(body, content_type, notes), notes)
    notes.xml_base = b"xml:base" in text
    root = _parse_xml(text, url, notes)
    return _read_xml_feed(root, url, notes)


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
        return False
    return b"\x00" in head


def _without_controls(text: bytes, notes: ParseNotes) -> bytes:
    """XML forbids C0 controls; libxml2 would drop the ESC of an escape sequence and keep its
    payload as text, so whole sequences go first (:func:`clean_text`), before parsing."""
    if not _C0_CONTROL.search(text):
        return text
    notes.add("removed control characters (terminal escape sequences) from the feed")
    return clean_text(text.decode("utf-8", errors="replace")).encode("utf-8")


# --- XML -----------------------------------------------------------------------------------------


def _parse_xml(text: bytes, url: str, notes: ParseNotes) -> etree._Element:
    try:
        root = etree.fromstring(text, _parser(recover=False), base_url=url or None)
    except etree.XMLSyntaxError as error:
        first = str(error).split("\n")[0]
        if any(sign in first for sign in _ENTITY_BOMB_SIGNS):
            message = "refused: the XML's entities expand explosively (entity bomb)"
            raise FeedParseError(message) from error
        fixed = _BARE_AMPERSAND.sub(b"&amp;", _NAMED_ENTITY.sub(_numeric_entity, text))
        parser = _parser(recover=True)
        try:
            root = etree.fromstring(fixed, parser, base_url=url or None)
        except etree.XMLSyntaxError as again:
            raise FeedParseError(f"not a feed: unreadable XML ({first})") from again
        if root is None:
            raise FeedParseError(f"not a feed: unreadable XML ({first})") from error
        notes.add(f"malformed XML recovered: {first}")
        notes.recovered = True
    if root is None:
        raise FeedParseError("not a feed: the XML is empty")
    return root


def _numeric_entity(match: re.Match[bytes]) -> bytes:
    """HTML named entities (``&nbsp;``) that XML does not know become numeric references."""
    name = match.group(1)
    if name in _XML_ENTITIES:
        return match.group(0)
    code = html.entities.name2codepoint.get(name.decode("ascii"))
    return b"&#%d;" % code if code is not None else match.group(0)


def _split(tag: object) -> tuple[str, str]:
    """(namespace, local name) of an element tag; ('', '') for comments and the like."""
    if not isinstance(tag, str):
        return "", ""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _text(el: etree._Element | None) -> str:
    """The text under ``el``, leaving out items and entries that a recovered document nested
    inside an unclosed element (their text is not this element's)."""
    if el is None:
        return ""
    if len(el) == 0:
        return el.text or ""
    parts = [el.text or ""]
    for child in el:
        if _split(child.tag)[1].lower() not in _ENTRY_TAGS:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _all_entries(root: etree._Element, namespaces: tuple[str, ...]) -> list[etree._Element]:
    """Items or entries at any depth: after recovery an unclosed tag may have swallowed them."""
    found = []
    for el in root.iter():
        namespace, local = _split(el.tag)
        if local.lower() in _ENTRY_TAGS and namespace in namespaces:
            found.append(el)
    return found


def _children(el: etree._Element) -> Iterator[tuple[str, str, etree._Element]]:
    for child in el:
        namespace, local = _split(child.tag)
        if local:
            yield namespace, local.lower(), child


def _read_xml_feed(root: etree._Element, url: str, notes: ParseNotes) -> ParsedFeed:
    namespace, local = _split(root.tag)
    local = local.lower()
    if local == "rss":
        version = (root.get("version") or "").strip()
        kind = "rss" + version.replace(".", "") if version.replace(".", "").isdigit() else "rss"
        channel = next((c for _, name, c in _children(root) if name == "channel"), None)
        if channel is None:
            raise FeedParseError("not a feed: an RSS document without a channel")
        items = [c for _, name, c in _children(channel) if name == "item"]
        if notes.recovered:
            items = _all_entries(root, ("",))
        return _rss_feed(channel, items, kind, url, notes)
    if local == "rdf":
        channel = None
        items = []
        kind = "rss10"
        for ns, name, child in _children(root):
            if name == "channel":
                channel = child
                kind = "rss090" if ns == RSS090 else "rss10"
            elif name == "item":
                items.append(child)
        if notes.recovered:
            items = _all_entries(root, (RSS10, RSS090, ""))
        if channel is None and not items:
            raise FeedParseError("not a feed: an RDF document without a channel")
        return _rss_feed(channel, items, kind, url, notes)
    if local == "feed":
        kind = "atom10" if namespace == ATOM10 else "atom03" if namespace == ATOM03 else "atom"
        return _atom_feed(root, kind, url, notes)
    if local == "html":
        raise FeedParseError("an HTML page, not a feed")
    raise FeedParseError(f"not a feed: the document is <{local[:40]}>")


def _rss_feed(
    channel: etree._Element | None,
    items: list[etree._Element],
    kind: str,
    url: str,
    notes: ParseNotes,
) -> ParsedFeed:
    title = link = None
    ttl = None
    if channel is not None:
        for ns, name, child in _children(channel):
            if name == "title" and not ns.startswith("http://www.w3.org/2005") and title is None:
                title = clean_title(_text(child))
            elif name == "link" and ns in ("", RSS10, RSS090) and link is None:
                link = absolute_web_url(_text(child).strip(), url)
            elif name == "ttl":
                ttl = _ttl(_text(child), notes)
    entries = unique_entries((_rss_entry(item, url, notes) for item in items), notes)
    return ParsedFeed(title, link, kind, entries, ttl, notes.result())


def _ttl(text: str, notes: ParseNotes) -> int | None:
    text = text.strip()
    if text.isdigit() and 0 < int(text) <= 525_600:
        return int(text)
    notes.add(f"ignored an unreadable <ttl>: {text[:40]!r}")
    return None


def _rss_entry(item: etree._Element, url: str, notes: ParseNotes) -> ParsedEntry:
    title = link = guid = author = None
    published = updated = None
    description = content = None
    permalink_guid = None
    base = (item.base or url) if notes.xml_base else url
    for ns, name, child in _children(item):
        if name == "title" and title is None:
            title = clean_title(_text(child))
        elif name == "link" and ns in ("", RSS10, RSS090) and link is None:
            link = absolute_web_url(_text(child).strip(), base)
        elif name == "link" and ns == ATOM10 and link is None:
            if child.get("rel", "alternate") == "alternate":
                link = absolute_web_url(child.get("href"), base)
        elif name == "guid" and guid is None:
            guid = clean_id(_text(child))
            if guid and (child.get("isPermaLink") or "true").strip().lower() != "false":
                permalink_guid = guid if is_web_url(guid) else None
        elif name == "description" and description is None:
            description = _text(child)
        elif name == "encoded" and ns == CONTENT and content is None:
            content = _text(child)
        elif name in ("creator", "author") and author is None:
            author = clean_author(_text(child))
        elif name in ("pubdate", "date", "issued") and published is None:
            published = parse_date(_text(child), notes)
        elif name in ("updated", "modified") and updated is None:
            updated = parse_date(_text(child), notes)
    if guid is None:
        about = item.get(f"{{{RDF}}}about")
        guid = clean_id(about) if about else None
    if link is None:
        link = permalink_guid
    paragraphs, links = entry_text(content or description or "", link or base)
    return ParsedEntry(guid, link, title, author, published, updated, paragraphs, links)


def _atom_feed(root: etree._Element, kind: str, url: str, notes: ParseNotes) -> ParsedFeed:
    title = link = None
    entries = []
    for _, name, child in _children(root):
        if name == "title" and title is None:
            title = clean_title(_atom_text(child))
        elif name == "link" and link is None and child.get("rel", "alternate") == "alternate":
            link = absolute_web_url(
                child.get("href"), (child.base or url) if notes.xml_base else url
            )
        elif name == "entry":
            entries.append(child)
    if notes.recovered:
        entries = _all_entries(root, (_split(root.tag)[0],))
    unique = unique_entries((_atom_entry(entry, url, notes) for entry in entries), notes)
    return ParsedFeed(title, link, kind, unique, None, notes.result())


def _atom_text(el: etree._Element) -> str:
    """The text of an Atom text construct: markup of ``type="xhtml"`` serialised back to HTML."""
    kind = (el.get("type") or "text").lower()
    if kind in ("xhtml", "application/xhtml+xml"):
        parts = [el.text or ""]
        for child in el:
            parts.append(etree.tostring(child, encoding="unicode", with_tail=True))
        return "".join(parts)
    return _text(el)


def _atom_body(el: etree._Element, base: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    kind = (el.get("type") or "text").lower()
    mode = (el.get("mode") or "").lower()  # Atom 0.3
    if kind in ("text", "text/plain") and mode != "escaped":
        return plain_paragraphs(_text(el)), ()
    return entry_text(_atom_text(el), base)


def _atom_entry(entry: etree._Element, url: str, notes: ParseNotes) -> ParsedEntry:
    title = link = guid = author = None
    published = updated = None
    content = summary = None
    base = (entry.base or url) if notes.xml_base else url
    for _, name, child in _children(entry):
        if name == "title" and title is None:
            title = clean_title(_atom_text(child))
        elif name == "link" and link is None and child.get("rel", "alternate") == "alternate":
            link = absolute_web_url(
                child.get("href"), (child.base or base) if notes.xml_base else base
            )
        elif name == "id" and guid is None:
            guid = clean_id(_text(child))
        elif name == "author" and author is None:
            author = clean_author(
                _text(next((c for _, n, c in _children(child) if n == "name"), None))
            )
        elif name in ("published", "issued", "created") and published is None:
            published = parse_date(_text(child), notes)
        elif name in ("updated", "modified") and updated is None:
            updated = parse_date(_text(child), notes)
        elif name == "content" and content is None:
            content = child
        elif name == "summary" and summary is None:
            summary = child
    body = content if content is not None and _text(content).strip() else summary
    paragraphs, links = _atom_body(body, link or base) if body is not None else ((), ())
    return ParsedEntry(guid, link, title, author, published, updated, paragraphs, links)
