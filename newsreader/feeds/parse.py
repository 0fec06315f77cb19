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
depth limits stay on (a billion-laughs bomb stops within a few kilobytes of output). A document
that is not well-formed is parsed again in recover mode and the feed says so in ``warnings``.

Charsets: the declared charset (BOM, XML declaration, HTTP header) is trusted only when the bytes
agree. Bytes that are valid UTF-8 with non-ASCII text are read as UTF-8 whatever the label says
(a Latin-1 text is almost never valid UTF-8 by accident); bytes that are not valid in the declared
charset fall back to Windows-1252 — each with a warning.
"""

from __future__ import annotations

import codecs
import html.entities
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from lxml import etree

from newsreader.feeds.content import (
    absolute_web_url,
    entry_text,
    is_web_url,
    plain_paragraphs,
    safe_text,
    strip_markup,
)
from newsreader.feeds.model import FeedParseError, ParsedEntry, ParsedFeed
from newsreader.text import clean_text

__all__ = ["parse_feed"]

ATOM10 = "http://www.w3.org/2005/Atom"
ATOM03 = "http://purl.org/atom/ns#"
RSS10 = "http://purl.org/rss/1.0/"
RSS090 = "http://my.netscape.com/rdf/simple/0.9/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
XHTML = "http://www.w3.org/1999/xhtml"

_JSON_FEED_VERSIONS = {
    "https://jsonfeed.org/version/1": "jsonfeed10",
    "https://jsonfeed.org/version/1.1": "jsonfeed11",
}
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)
_NAMED_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_BARE_AMPERSAND = re.compile(rb"&(?!#?[A-Za-z0-9]{1,32};)")
_XML_ENTITIES = frozenset((b"amp", b"lt", b"gt", b"quot", b"apos"))
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_C0_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ENTRY_TAGS = frozenset(("item", "entry"))
_NAME_IN_PARENS = re.compile(r"^\S+@\S+\s*\((.+)\)\s*$")

#: How many example values a summarised warning quotes.
_EXAMPLES = 2


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
        return _parse_json_feed(body, url)
    if _HTML_START.match(stripped[:4096]):
        raise FeedParseError("an HTML page, not a feed")
    if b"<" not in stripped[:1024] or _looks_binary(stripped[:1024]):
        raise FeedParseError("not a feed: the response is neither XML nor JSON")
    notes = _Notes()
    text = _without_controls(_utf8_bytes(body, content_type, notes), notes)
    notes.xml_base = b"xml:base" in text
    root = _parse_xml(text, url, notes)
    return _read_xml_feed(root, url, notes)


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
        return False
    return b"\x00" in head


@dataclass
class _Notes:
    """Warnings, summarised: 50,000 bad dates make one line, not 50,000."""

    lines: list[str] = field(default_factory=list)
    recovered: bool = False
    #: The document uses xml:base; only then is lxml's (costly) ``.base`` worth asking.
    xml_base: bool = False
    counts: dict[str, list[str]] = field(default_factory=dict)

    def add(self, line: str) -> None:
        self.lines.append(line)

    def count(self, what: str, example: str) -> None:
        self.counts.setdefault(what, []).append(example)

    def result(self) -> tuple[str, ...]:
        summaries = []
        for what, examples in self.counts.items():
            shown = ", ".join(repr(e[:60]) for e in examples[:_EXAMPLES])
            more = " …" if len(examples) > _EXAMPLES else ""
            summaries.append(f"{len(examples)} {what} (e.g. {shown}{more})")
        return tuple(clean_text(line).replace("\n", " ") for line in [*self.lines, *summaries])


# --- charset -------------------------------------------------------------------------------------


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _utf8_bytes(body: bytes, content_type: str | None, notes: _Notes) -> bytes:
    """The document as UTF-8 bytes, whatever it was labelled (see the module docstring)."""
    if body.startswith(codecs.BOM_UTF8):
        return body[3:]
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _reencode(body.decode("utf-16", errors="replace"))
    if body.startswith((b"<\x00?\x00", b"\x00<\x00?")):
        return _reencode(body.decode("utf-16-le" if body[0] == 0x3C else "utf-16-be", "replace"))
    match = _XML_DECLARATION.match(body[:512])
    declared = _codec(match.group(1).decode("ascii")) if match else None
    header = _CHARSET_PARAM.search(content_type or "")
    labelled = declared or _codec(header.group(1) if header else None)
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if labelled not in (None, "utf-8", "ascii") and not body.isascii():
            notes.add(f"the feed says it is {labelled} but it is UTF-8; read as UTF-8")
        return body
    if labelled not in (None, "utf-8"):
        try:
            return _reencode(body.decode(labelled))
        except (UnicodeDecodeError, LookupError):
            pass
    notes.add(f"the feed is not valid {labelled or 'UTF-8'}; read as Windows-1252")
    return _reencode(body.decode("cp1252", errors="replace"))


def _without_controls(text: bytes, notes: _Notes) -> bytes:
    """XML forbids C0 controls; libxml2 would drop the ESC of an escape sequence and keep its
    payload as text, so whole sequences go first (:func:`clean_text`), before parsing."""
    if not _C0_CONTROL.search(text):
        return text
    notes.add("removed control characters (terminal escape sequences) from the feed")
    return clean_text(text.decode("utf-8", errors="replace")).encode("utf-8")


def _reencode(text: str) -> bytes:
    return text.lstrip("\ufeff").encode("utf-8", errors="replace")


# --- XML -----------------------------------------------------------------------------------------


def _parse_xml(text: bytes, url: str, notes: _Notes) -> etree._Element:
    try:
        root = etree.fromstring(text, _parser(recover=False), base_url=url or None)
    except etree.XMLSyntaxError as error:
        first = str(error).split("\n")[0]
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


def _read_xml_feed(root: etree._Element, url: str, notes: _Notes) -> ParsedFeed:
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
    channel: etree._Element | None, items: list[etree._Element], kind: str, url: str, notes: _Notes
) -> ParsedFeed:
    title = link = None
    ttl = None
    if channel is not None:
        for ns, name, child in _children(channel):
            if name == "title" and not ns.startswith("http://www.w3.org/2005") and title is None:
                title = _clean_title(_text(child))
            elif name == "link" and ns in ("", RSS10, RSS090) and link is None:
                link = absolute_web_url(_text(child).strip(), url)
            elif name == "ttl":
                ttl = _ttl(_text(child), notes)
    entries = _unique((_rss_entry(item, url, notes) for item in items), notes)
    return ParsedFeed(title, link, kind, entries, ttl, notes.result())


def _ttl(text: str, notes: _Notes) -> int | None:
    text = text.strip()
    if text.isdigit() and 0 < int(text) <= 525_600:
        return int(text)
    notes.add(f"ignored an unreadable <ttl>: {text[:40]!r}")
    return None


def _rss_entry(item: etree._Element, url: str, notes: _Notes) -> ParsedEntry:
    title = link = guid = author = None
    published = updated = None
    description = content = None
    permalink_guid = None
    base = (item.base or url) if notes.xml_base else url
    for ns, name, child in _children(item):
        if name == "title" and title is None:
            title = _clean_title(_text(child))
        elif name == "link" and ns in ("", RSS10, RSS090) and link is None:
            link = absolute_web_url(_text(child).strip(), base)
        elif name == "link" and ns == ATOM10 and link is None:
            if child.get("rel", "alternate") == "alternate":
                link = absolute_web_url(child.get("href"), base)
        elif name == "guid" and guid is None:
            guid = _clean_id(_text(child))
            if guid and (child.get("isPermaLink") or "true").strip().lower() != "false":
                permalink_guid = guid if is_web_url(guid) else None
        elif name == "description" and description is None:
            description = _text(child)
        elif name == "encoded" and ns == CONTENT and content is None:
            content = _text(child)
        elif name in ("creator", "author") and author is None:
            author = _clean_author(_text(child))
        elif name in ("pubdate", "date", "issued") and published is None:
            published = _date(_text(child), notes)
        elif name in ("updated", "modified") and updated is None:
            updated = _date(_text(child), notes)
    if guid is None:
        about = item.get(f"{{{RDF}}}about")
        guid = _clean_id(about) if about else None
    if link is None:
        link = permalink_guid
    paragraphs, links = entry_text(content or description or "", link or base)
    return ParsedEntry(guid, link, title, author, published, updated, paragraphs, links)


def _atom_feed(root: etree._Element, kind: str, url: str, notes: _Notes) -> ParsedFeed:
    title = link = None
    entries = []
    for _, name, child in _children(root):
        if name == "title" and title is None:
            title = _clean_title(_atom_text(child))
        elif name == "link" and link is None and child.get("rel", "alternate") == "alternate":
            link = absolute_web_url(
                child.get("href"), (child.base or url) if notes.xml_base else url
            )
        elif name == "entry":
            entries.append(child)
    if notes.recovered:
        entries = _all_entries(root, (_split(root.tag)[0],))
    unique = _unique((_atom_entry(entry, url, notes) for entry in entries), notes)
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


def _atom_entry(entry: etree._Element, url: str, notes: _Notes) -> ParsedEntry:
    title = link = guid = author = None
    published = updated = None
    content = summary = None
    base = (entry.base or url) if notes.xml_base else url
    for _, name, child in _children(entry):
        if name == "title" and title is None:
            title = _clean_title(_atom_text(child))
        elif name == "link" and link is None and child.get("rel", "alternate") == "alternate":
            link = absolute_web_url(
                child.get("href"), (child.base or base) if notes.xml_base else base
            )
        elif name == "id" and guid is None:
            guid = _clean_id(_text(child))
        elif name == "author" and author is None:
            author = _clean_author(
                _text(next((c for _, n, c in _children(child) if n == "name"), None))
            )
        elif name in ("published", "issued", "created") and published is None:
            published = _date(_text(child), notes)
        elif name in ("updated", "modified") and updated is None:
            updated = _date(_text(child), notes)
        elif name == "content" and content is None:
            content = child
        elif name == "summary" and summary is None:
            summary = child
    body = content if content is not None and _text(content).strip() else summary
    paragraphs, links = _atom_body(body, link or base) if body is not None else ((), ())
    return ParsedEntry(guid, link, title, author, published, updated, paragraphs, links)


# --- JSON Feed -----------------------------------------------------------------------------------


def _parse_json_feed(body: bytes, url: str) -> ParsedFeed:
    try:
        data = json.loads(body.decode("utf-8-sig", errors="replace"))
    except (ValueError, RecursionError) as error:
        raise FeedParseError("not a feed: unreadable JSON") from error
    if not isinstance(data, dict):
        raise FeedParseError("not a feed: JSON that is not a JSON Feed")
    version = data.get("version")
    kind = _JSON_FEED_VERSIONS.get(str(version).rstrip("/")) if isinstance(version, str) else None
    if kind is None or not isinstance(data.get("items"), list):
        if isinstance(version, str) and version.startswith("https://jsonfeed.org/version/"):
            kind = "jsonfeed"
        else:
            raise FeedParseError("not a feed: JSON that is not a JSON Feed")
    notes = _Notes()
    items = data.get("items")
    if not isinstance(items, list):
        items = []
        notes.add("the JSON Feed has no items list")
    base = _string(data.get("feed_url")) or url
    entries = _unique(
        (_json_entry(item, base, notes) for item in items if isinstance(item, dict)), notes
    )
    title = _clean_title(_string(data.get("title")) or "")
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
            return _clean_author(_string(author.get("name")) or "")
    return None


def _json_entry(item: dict[str, Any], base: str, notes: _Notes) -> ParsedEntry:
    guid = _clean_id(_string(item.get("id")) or "")
    link = absolute_web_url(_string(item.get("url")), base) or absolute_web_url(
        _string(item.get("external_url")), base
    )
    title = _clean_title(_string(item.get("title")) or "")
    published = _date(_string(item.get("date_published")) or "", notes)
    updated = _date(_string(item.get("date_modified")) or "", notes)
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


# --- fields --------------------------------------------------------------------------------------


def _unique(entries: Iterable[ParsedEntry], notes: _Notes) -> tuple[ParsedEntry, ...]:
    """Entries in feed order, a repeated guid's later entries dropped."""
    seen: set[str] = set()
    kept = []
    for entry in entries:
        if entry.guid is not None:
            if entry.guid in seen:
                notes.count("entries repeat an earlier guid and were skipped", entry.guid)
                continue
            seen.add(entry.guid)
        if entry.published is None and entry.updated is None:
            notes.count("entries have no date", entry.title or entry.guid or entry.link or "")
        kept.append(entry)
    return tuple(kept)


def _clean_title(text: str) -> str | None:
    return strip_markup(text) or None


def _clean_id(text: str) -> str | None:
    return " ".join(safe_text(text).split()) or None


def _clean_author(text: str) -> str | None:
    text = strip_markup(text)
    match = _NAME_IN_PARENS.match(text)
    return (match.group(1).strip() if match else text) or None


_DATE_READERS: tuple[Callable[[str], datetime], ...] = (
    lambda text: datetime.fromisoformat(text.replace("z", "Z")),
    parsedate_to_datetime,
    lambda text: datetime.fromisoformat(text.replace(" ", "T", 1)),
)


def _date(text: str, notes: _Notes) -> datetime | None:
    """A timezone-aware UTC datetime; None (and a counted warning) when it cannot be read."""
    text = " ".join(text.split())
    if not text:
        return None
    for reader in _DATE_READERS:
        try:
            value = reader(text)
        except (ValueError, TypeError, IndexError, OverflowError):
            continue
        try:
            if value.tzinfo is None:
                return value.replace(tzinfo=UTC)
            return value.astimezone(UTC)
        except (ValueError, OverflowError):
            break
    notes.count("dates could not be read", text)
    return None
