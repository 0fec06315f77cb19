"""Entry HTML (or plain text) into clean paragraphs and a numbered list of links.

A terminal shows text, not a web page, so the markup is walked once with lxml (a real HTML
parser: feeds carry every kind of broken HTML, and regexes cannot tell a ``<p>`` inside a comment
from a real one) and flattened: each block element becomes a paragraph, list items keep a bullet
(``• `` or ``1. ``) and block quotes a ``> `` prefix (their quotation marks stay in the text, so
the quote finder still sees them). Links are newsboat-style: the link text is followed by ``[n]``
and ``links[n - 1]`` is the absolute URL; only http(s) targets are numbered, so a
``javascript:`` or ``data:`` link keeps its words but can never be opened. Scripts, styles,
embeds, forms, hidden elements, tracking pixels and share/newsletter widgets are dropped: they
are noise in a reader. Every paragraph goes through :func:`newsreader.text.clean_text` and is
never escaped for markup (the UI never renders it as markup).

The walk is linear in the size of the input (text is gathered in lists and joined once per
paragraph), and nesting deeper than :data:`MAX_DEPTH` is read as flat text instead of recursing.
"""

from __future__ import annotations

import html
import re
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from lxml import etree

from newsreader.text import clean_text

__all__ = [
    "MAX_DEPTH",
    "absolute_web_url",
    "entry_text",
    "is_web_url",
    "plain_paragraphs",
    "safe_text",
    "strip_markup",
]

#: Deeper nesting than this is flattened to its text (hostile HTML can nest thousands deep).
MAX_DEPTH = 120

# Anything that looks like a tag opening or closing; text without one is plain text.
_TAG = re.compile(r"<[A-Za-z/!?]")
# An absolute http(s) URL with a host and nothing that needs cleaning or resolving.
_PLAIN_WEB_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][!#-~]*)?\Z")
# What clean_text removes or replaces, except tab, CR and LF: escape starts, controls, bidi, BOM.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_BLANK_LINE = re.compile(r"\n[ \t\xa0]*\n")

# fmt: off
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dl", "dt", "div", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "html", "li", "main", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "tfoot", "thead", "tr", "ul",
})
# fmt: on
# fmt: off
_DROPPED = frozenset({
    "script", "style", "iframe", "frame", "frameset", "form", "nav", "noscript", "template",
    "object", "embed", "applet", "svg", "math", "button", "input", "select", "textarea", "option",
    "audio", "video", "source", "track", "canvas", "map", "head", "title", "meta", "link", "base",
    "dialog",
})
# fmt: on
# Words in a class or id that mark a widget rather than the article.
_WIDGET_WORDS = (
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "subscribe",
    "addtoany",
    "advert",
    "sponsor",
    "follow-us",
    "comments-link",
)
#: Longer than this, an element named like a widget is taken to be content after all.
_WIDGET_MAX_TEXT = 600
_TRACKER_HOSTS = (
    "feeds.feedburner.com",
    "feedburner.google.com",
    "pixel.",
    "stats.wordpress.com",
    "pixel.wp.com",
    "doubleclick.net",
    "google-analytics.com",
    "googletagmanager.com",
    "facebook.com/tr",
    "scorecardresearch.com",
    "quantserve.com",
    "feedblitz.com",
    "mailchimp.com",
    "list-manage.com",
    "/track",
    "/pixel",
    "/beacon",
)


def safe_text(text: str) -> str:
    """:func:`clean_text` when ``text`` holds anything it would change beyond line ends and
    tabs (which every caller here collapses as whitespace anyway); most text holds nothing."""
    return clean_text(text) if _UNSAFE.search(text) else text


def is_web_url(url: str) -> bool:
    """True for an absolute http(s) URL with a host: the only links the reader will open."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def absolute_web_url(href: str | None, base_url: str) -> str | None:
    """``href`` resolved against ``base_url`` if the result is an http(s) URL, else None."""
    if not href:
        return None
    if _PLAIN_WEB_URL.match(href):  # the common case, without urllib's cost
        return href
    href = "".join(clean_text(href).split())
    if not href:
        return None
    try:
        url = urljoin(base_url, href) if base_url else href
    except ValueError:
        return None
    return url if is_web_url(url) else None


def _collapse(text: str) -> str:
    return " ".join(text.split())


def strip_markup(text: str) -> str:
    """One line of text from a title or name that may hold HTML and (double-)escaped entities.

    ``[bold red]x[/]`` is not HTML and stays as written; escape sequences are removed.
    """
    if _TAG.search(text):
        root = _parse_html(text, _html_parser())
        if root is not None:
            text = "".join(root.itertext())
    if "&" in text:
        text = html.unescape(text)
    return _collapse(safe_text(text))


def plain_paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs of plain text: split on blank lines, or on line ends when there are none."""
    text = clean_text(text).strip()
    if not text:
        return ()
    chunks = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    return tuple(p for p in (_collapse(chunk) for chunk in chunks) if p)


def entry_text(html_or_text: str, base_url: str = "") -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(paragraphs, links)`` of an entry's HTML, or of plain text when it has no tags."""
    if not html_or_text or not html_or_text.strip():
        return (), ()
    if not _TAG.search(html_or_text):
        return plain_paragraphs(html.unescape(html_or_text)), ()
    parser = _html_parser()
    root = _parse_html(html_or_text, parser)
    if root is None:
        return plain_paragraphs(html_or_text), ()
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        # libxml2 stops at 256 levels and drops the rest; keep the words at least.
        return _text_only(html_or_text), ()
    body = root.find("body")
    walker = _Walker(base_url)
    walker.walk(body if body is not None else root, 0)
    walker.flush()
    # Entities may have decoded to controls (&#27;) or bidi marks (&rlm;): clean once, at the end
    # (paragraphs hold no newline, and cleaning never adds or removes one).
    paragraphs = safe_text("\n".join(walker.paragraphs)).split("\n") if walker.paragraphs else []
    return tuple(p for p in paragraphs if p.strip()), tuple(walker.links)


_PARSERS = threading.local()


def _html_parser() -> etree.HTMLParser:
    """One parser per thread: its error log tells whether libxml2 gave up on the nesting.

    Plain ``etree`` elements, not ``lxml.html``'s classes: half the cost per entry.
    """
    parser: etree.HTMLParser | None = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = etree.HTMLParser(
            no_network=True, remove_comments=True, remove_pis=True, encoding="utf-8"
        )
        _PARSERS.parser = parser
    return parser


def _parse_html(markup: str, parser: etree.HTMLParser) -> etree._Element | None:
    """The document element of ``markup`` (cleaned first), or None when nothing parses.

    Bytes with the encoding fixed: a ``<?xml encoding=…?>`` inside entry HTML must not matter.
    """
    data = safe_text(markup).encode("utf-8", errors="replace")
    try:
        return etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, etree.ParserError, ValueError):
        return None


class _TextCollector(HTMLParser):
    """The words of HTML too deeply nested for lxml: stdlib's tokenizer has no depth limit."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self.skipping += 1
        elif tag in _BLOCKS or tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _text_only(markup: str) -> tuple[str, ...]:
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    lines = "".join(collector.parts).split("\n")
    return tuple(p for p in (_collapse(clean_text(line)) for line in lines) if p)


def _is_widget(el: etree._Element) -> bool:
    if not el.keys():  # most elements have no attributes: one call instead of five
        return False
    marks = f"{el.get('class', '')} {el.get('id', '')}".lower()
    if marks.strip() and any(word in marks for word in _WIDGET_WORDS):
        # A wrapper named "post social-share-enabled" holds the article itself: widgets are
        # short, so a long text is never dropped for its class name.
        return _text_length(el) <= _WIDGET_MAX_TEXT
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style", "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _text_length(el: etree._Element) -> int:
    total = 0
    for text in el.itertext():
        total += len(text)
        if total > _WIDGET_MAX_TEXT:
            break
    return total


def _is_tracking_image(el: etree._Element) -> bool:
    for attr in ("width", "height"):
        value = el.get(attr, "").strip().lower().removesuffix("px")
        if value.isdigit() and int(value) <= 2:
            return True
    src = el.get("src", "").lower()
    return any(host in src for host in _TRACKER_HOSTS)


@dataclass
class _Walker:
    base_url: str
    paragraphs: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=dict)
    buffer: list[str] = field(default_factory=list)
    quote_depth: int = 0
    bullet: str = ""
    breaks: int = 0

    def text(self, text: str | None) -> None:
        if text:
            self.buffer.append(text)
            if not text.isspace():
                self.breaks = 0

    def flush(self) -> None:
        self.breaks = 0
        if not self.buffer:
            return
        text = _collapse("".join(self.buffer))
        self.buffer.clear()
        if text:
            self.paragraphs.append("> " * self.quote_depth + self.bullet + text)
            self.bullet = ""

    def number(self, href: str | None) -> int | None:
        url = absolute_web_url(href, self.base_url)
        if url is None:
            return None
        if url not in self.numbers:
            self.links.append(url)
            self.numbers[url] = len(self.links)
        return self.numbers[url]

    def walk(self, el: etree._Element, depth: int) -> None:
        """Children of ``el`` (its own text first); each child's tail after the child."""
        self.text(el.text)
        for child in el:
            self.child(child, depth + 1)
            self.text(child.tail)

    def child(self, el: etree._Element, depth: int) -> None:
        tag = el.tag
        if not isinstance(tag, str):  # comments, processing instructions
            return
        tag = tag.lower()
        if tag in _DROPPED or _is_widget(el):
            return
        if depth > MAX_DEPTH:
            self.text(" " + " ".join(el.itertext()) + " ")
            return
        if tag == "br":
            self.breaks += 1
            if self.breaks >= 2:
                self.flush()
            else:
                self.buffer.append(" ")
            return
        if tag == "img":
            alt = _collapse(el.get("alt", ""))
            if alt and not _is_tracking_image(el):
                self.text(f" [image: {alt}] ")
            return
        if tag == "a":
            self.link(el, depth)
            return
        if tag in ("td", "th"):
            self.walk(el, depth)
            self.buffer.append("  ")
            return
        if tag == "pre":
            self.flush()
            for line in "".join(el.itertext()).split("\n"):
                self.text(line)
                self.flush()
            return
        if tag not in _BLOCKS:
            self.walk(el, depth)
            return
        self.block(el, tag, depth)

    def link(self, el: etree._Element, depth: int) -> None:
        start = len(self.buffer)
        self.walk(el, depth)
        words = "".join(self.buffer[start:])
        if words.strip():
            n = self.number(el.get("href"))
            if n is not None:
                # "<a>reported </a>WeWork": the space inside the link still ends the word.
                self.buffer.append(f" [{n}] " if words[-1].isspace() else f" [{n}]")

    def block(self, el: etree._Element, tag: str, depth: int) -> None:
        self.flush()
        outer_bullet, emitted = self.bullet, len(self.paragraphs)
        if tag == "blockquote":
            self.quote_depth += 1
            self.walk(el, depth)
            self.flush()
            self.quote_depth -= 1
        elif tag in ("ol", "ul"):
            self.items(el, ordered=tag == "ol", depth=depth)
        elif tag == "li":
            self.bullet = "• "
            self.walk(el, depth)
            self.flush()
        else:
            self.walk(el, depth)
            self.flush()
        # A bullet not yet used (the item's text comes after this block) stays for that text.
        self.bullet = outer_bullet if len(self.paragraphs) == emitted else ""

    def items(self, el: etree._Element, *, ordered: bool, depth: int) -> None:
        self.text(el.text)
        n = 0
        for child in el:
            if isinstance(child.tag, str) and child.tag.lower() == "li":
                if _is_widget(child):
                    continue
                n += 1
                self.flush()
                self.bullet = f"{n}. " if ordered else "• "
                self.walk(child, depth + 1)
                self.flush()
                self.bullet = ""
            else:
                self.child(child, depth + 1)
            self.text(child.tail)
        self.flush()
