"""The article of a web page: its text as clean paragraphs with numbered links, and its metadata.

The main content is found by trafilatura (``fast`` mode: its own extractor without the
readability/jusText fallbacks, which cost time and did not raise the score on real pages; see
``benchmarks/extraction.py``). Its output tree is turned into simple HTML and walked by the same
converter as feed entries (:func:`newsreader.feeds.content.entry_text`), so an article from the
web reads exactly like one from a feed: one paragraph per block, ``• `` list items, ``> `` block
quotes, ``[n]`` after link texts with ``links[n - 1]`` the absolute http(s) target, everything
through :func:`newsreader.text.clean_text` and nothing ever markup. Boilerplate the extractor
keeps inside the article (cookie notices, newsletter boxes, related links, photo credits, the
paywall prompt) is removed first (:mod:`.boilerplate`), so link numbers stay consecutive. Links
ride through trafilatura inside the text (:mod:`.linkmarks`): asked to keep them, it picks worse
parts of some pages. Elements a reader never sees (hover cards, screen-reader labels) go before
it runs, and a page too big for its heuristics (:data:`MAX_EXTRACTOR_ELEMENTS`) is read from
its article container by the walker alone.

No article is an answer, not an error: :func:`extract_article` returns None for an empty page, a
page of navigation only, or a paywall that shows no more than a lead. The caller says "no article
text found" and keeps what it had (the feed's summary).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.htmlprocessing import convert_to_html

from newsreader.feeds.content import absolute_web_url, entry_text, safe_text
from newsreader.text import PLACEHOLDER
from newsreader.web.boilerplate import drop_keeping_tail, remove_boilerplate
from newsreader.web.charset import decode_page
from newsreader.web.linkmarks import SENTINELS, mark_links, restore_links
from newsreader.web.metadata import page_metadata

__all__ = [
    "MAX_EXTRACTOR_ELEMENTS",
    "MIN_ARTICLE_WORDS",
    "MIN_PAYWALLED_WORDS",
    "ExtractedArticle",
    "extract_article",
]

#: Fewer words than this is not an article (a login box, an error page, a teaser line).
MIN_ARTICLE_WORDS = 25
#: Larger pages skip trafilatura, whose heuristics take seconds past about ten thousand elements
#: and grow faster than the page; the article container's text is read as it is instead. Real
#: article pages have a few thousand elements.
MAX_EXTRACTOR_ELEMENTS = 25_000
#: Share of U+FFFD placeholders (stray control characters) above which "text" is binary data.
_MOST_PLACEHOLDERS = 0.01
#: Behind a paywall, a text this short is only the lead: not worth keeping as the article.
MIN_PAYWALLED_WORDS = 150
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_WORD = re.compile(r"\w+")
# The end of a sentence: prose has them, a list of menu items or tags has none.
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*(?:\s|$)")
# What a reader never sees on the page: hover cards, tooltips, screen-reader-only labels
# ("Opens in a new window"), icons; the extractor cannot see stylesheets. Whole class names
# only: "has-tooltip" or "rollover-people" wrap words that are on show. Elements hidden by an
# attribute or inline style stay: "read more" expanders hide article text that way.
_HIDDEN_CLASSES = frozenset(
    {
        "tooltip",
        "tooltip-content",
        "popover",
        "popover-content",
        "hovercard",
        "rollover-block",
        "rollover-people-block",
        "sr-only",
        "visually-hidden",
        "screen-reader-text",
        "screenreader-only",
        "element-invisible",
        "offscreen",
    }
)
# Elements that may be hidden; the class test is done in Python (an XPath test for each class
# name costs more than the whole extraction's own work).
_MAY_BE_HIDDEN = etree.XPath("//body//*[@class or @aria-hidden]")
# A start tag with thousands of attributes is hostile (libxml2 checks each attribute against
# all the others before it, so tens of thousands take minutes): its attributes are dropped.
# Long tags are common (a data: URI, JSON in a data- attribute) but have few "=".
_LONG_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]{0,30})[^<>]{20000,}>")
_MOST_ATTRIBUTES = 1000
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9A-Fa-f]{1,8})|([0-9]{1,10}));?")


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    """An article read from a web page.

    ``paragraphs`` carry ``[n]`` markers after link texts and ``links[n - 1]`` is the target,
    as in :class:`~newsreader.feeds.model.ParsedEntry`. ``published`` is timezone-aware (UTC
    when the page gave no zone) or None. ``truncated`` is True when the page said the rest is
    for subscribers: the text is an excerpt. ``text_chars`` counts the paragraphs' characters.
    ``canonical_url`` is the article's address as the page states it (http(s) only), the one
    to keep for a saved page.
    """

    title: str | None
    author: str | None
    published: datetime | None
    paragraphs: tuple[str, ...]
    links: tuple[str, ...]
    site_name: str | None
    text_chars: int
    truncated: bool = False
    canonical_url: str | None = None


def extract_article(
    html: bytes | str, url: str = "", content_type: str | None = None
) -> ExtractedArticle | None:
    """The article of the page ``html`` (bytes are decoded by :func:`.charset.decode_page`,
    using ``content_type``'s charset as one hint), or None when it holds no article text.

    ``url`` resolves relative links and should be the page's final URL (after redirects); for
    a saved page without one, the page's canonical URL is used.
    """
    text = decode_page(html, content_type).text if isinstance(html, bytes) else html
    root = _parse(text)
    if root is None:
        return None
    metadata = page_metadata(root)
    for hidden in _hidden_elements(root):
        drop_keeping_tail(hidden)
    base_url = _base_url(root, url or metadata.canonical_url or "")
    if _count_elements(root) > MAX_EXTRACTOR_ELEMENTS:
        page = _main_container(root)
        removed = remove_boilerplate(page)
        markup = etree.tostring(page, encoding="unicode")
    else:
        targets = mark_links(root)
        document = trafilatura.bare_extraction(
            root,
            url=base_url or None,
            fast=True,
            include_comments=False,
            include_tables=True,
            include_links=False,
            with_metadata=False,
        )
        body = getattr(document, "body", None)
        if body is None:
            return None
        page = convert_to_html(body)
        removed = remove_boilerplate(page)
        markup = restore_links(etree.tostring(page, encoding="unicode"), targets)
    paragraphs, links = entry_text(markup, base_url)
    if metadata.title:  # the headline is shown above the text: not again inside it
        paragraphs = tuple(p for p in paragraphs if not _same_words(p, metadata.title))
    words = sum(len(_WORD.findall(p)) for p in paragraphs)
    if words < MIN_ARTICLE_WORDS or (removed.paywall and words < MIN_PAYWALLED_WORDS):
        return None
    if not any(_SENTENCE_END.search(p) for p in paragraphs):
        # trafilatura falls back to the page's whole text when it finds no article: on a page
        # of menus and tags that is words without a single sentence.
        return None
    text_chars = sum(len(p) for p in paragraphs)
    if sum(p.count(PLACEHOLDER) for p in paragraphs) > text_chars * _MOST_PLACEHOLDERS:
        return None  # binary data read as text: control characters everywhere
    return ExtractedArticle(
        title=metadata.title,
        author=metadata.author,
        published=metadata.published,
        paragraphs=paragraphs,
        links=links,
        site_name=metadata.site_name,
        text_chars=text_chars,
        truncated=removed.paywall,
        canonical_url=metadata.canonical_url,
    )


def _parse(text: str) -> lxml.html.HtmlElement | None:
    """The page as an lxml.html tree (trafilatura works on those), or None when nothing parses.

    Terminal controls are made harmless before parsing, so no part of the tree can carry one
    (character references to them too: libxml2 would put them in the tree, and trafilatura
    then fails on text lxml refuses to hold);
    the text is handed over as UTF-8 bytes with the encoding fixed, so a stale ``<meta
    charset>`` or XML declaration inside cannot re-decode it.
    """
    text = SENTINELS.sub("", safe_text(_XML_DECLARATION.sub("", text, count=1)))
    if _LONG_TAG.search(text):
        text = _LONG_TAG.sub(_without_monster_attributes, text)
    if "&#" in text:
        text = _CHAR_REF.sub(_defuse_char_ref, text)
    if not text.strip():
        return None
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", errors="replace"), parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    return root if isinstance(root, lxml.html.HtmlElement) else None


def _defuse_char_ref(match: re.Match[str]) -> str:
    """A reference to a character :func:`safe_text` would change becomes what it gives for
    it (the placeholder, or nothing); any other reference stays for the parser."""
    hex_digits, digits = match.groups()
    code = int(hex_digits, 16) if hex_digits else int(digits)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    if code in (9, 10, 13):
        return match.group(0)
    char = chr(code)
    cleaned = safe_text(char)
    return match.group(0) if cleaned == char else cleaned


def _without_monster_attributes(match: re.Match[str]) -> str:
    tag = match.group(0)
    return f"<{match.group(1)}>" if tag.count("=") > _MOST_ATTRIBUTES else tag


def _base_url(root: lxml.html.HtmlElement, url: str) -> str:
    """What the page's relative links resolve against: its ``<base href>`` if it has one."""
    base = root.find(".//base[@href]")
    if base is None:
        return url
    resolved = absolute_web_url(base.get("href"), url)
    return resolved or url


def _count_elements(root: etree._Element) -> int:
    count = 0
    for _ in root.iter():
        count += 1
        if count > MAX_EXTRACTOR_ELEMENTS:
            break
    return count


def _main_container(root: lxml.html.HtmlElement) -> etree._Element:
    """The page's one ``<article>`` or ``<main>``, else its body: a huge page's best guess."""
    for tag in ("article", "main"):
        found = root.findall(f".//{tag}")
        if len(found) == 1:
            return found[0]
    body = root.find("body")
    return body if body is not None else root


def _hidden_elements(root: lxml.html.HtmlElement) -> list[etree._Element]:
    found = _MAY_BE_HIDDEN(root)
    if not isinstance(found, list):
        return []
    return [
        el
        for el in found
        if isinstance(el, etree._Element)
        and (
            el.get("aria-hidden") == "true"
            or not _HIDDEN_CLASSES.isdisjoint(str(el.get("class", "")).split())
        )
    ]


def _same_words(paragraph: str, title: str) -> bool:
    return _WORD.findall(paragraph.casefold()) == _WORD.findall(title.casefold())
