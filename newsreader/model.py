"""The data that flows from the splitter through analysis to the UI.

Everything here is a frozen dataclass so that articles can be shared between threads (the TUI
analyses in workers) and cached by id without defensive copies. The meaning of an entity's label
lives here too (:data:`LABEL_CATEGORY`), beside the ``Entity`` that carries it, so the analysis,
the search and the reader share one definition of what a person, an org or a place is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Span:
    """A character range ``[start, end)`` inside one paragraph of an article."""

    paragraph: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation.

    ``text`` is the quoted words without the marks (pieces of a multi-paragraph quote joined with
    one space); ``spans`` locate each piece *without* its marks; ``speaker`` is the resolved
    canonical speaker ("Ho Cheng-hui"), ``mention`` the attributing words as written ("he") and
    ``mention_span`` where they are written, so the reader can style them without searching.
    Quotes that share one attribution ("“A,” Chiu said. “B.”") share its ``mention_span``.
    """

    text: str
    speaker: str | None
    mention: str | None
    spans: tuple[Span, ...]
    mention_span: Span | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity with an OntoNotes label, located inside one paragraph."""

    text: str
    label: str
    paragraph: int
    start: int
    end: int


#: The 18 OntoNotes entity labels an ``Entity`` may carry.
ENTITY_LABELS: tuple[str, ...] = (
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
    "DATE",
    "TIME",
    "PERCENT",
    "MONEY",
    "QUANTITY",
    "ORDINAL",
    "CARDINAL",
)

#: What a label means to a reader: the reader colours entities by it and ``person:``,
#: ``org:`` and ``place:`` search by it, so the two always agree on what a place is.
#: A label not here (EVENT, LAW, PRODUCT, …) is in :data:`OTHER`.
LABEL_CATEGORY: dict[str, str] = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "DATE": "date",
    "TIME": "date",
    "CARDINAL": "number",
    "QUANTITY": "number",
    "MONEY": "number",
    "PERCENT": "number",
    "ORDINAL": "number",
}
#: The category of every label :data:`LABEL_CATEGORY` does not list.
OTHER = "other"
#: Every category, in the order a legend lists them.
CATEGORIES: tuple[str, ...] = ("person", "org", "place", "group", "date", "number", OTHER)

#: Countries and cities, other locations, buildings: what ``place:`` searches.
PLACE_LABELS = frozenset(label for label, c in LABEL_CATEGORY.items() if c == "place")
#: Dates, times and amounts (the builtin recogniser finds these with rules of their own).
NUMERIC_LABELS = frozenset(label for label, c in LABEL_CATEGORY.items() if c in ("date", "number"))
#: Everything that names something: the labels that are not dates or amounts.
NAME_LABELS = frozenset(ENTITY_LABELS) - NUMERIC_LABELS


def label_category(label: str) -> str:
    """``"GPE"`` -> ``"place"``; any label the map does not list -> ``"other"``."""
    return LABEL_CATEGORY.get(label, OTHER)


#: The order ``Article._init`` takes its fields in (that of ``from_stored``).
_FIELDS = ("id", "source", "start_line", "end_line", "title", "_headline", "truncated", "_body")


class Article:
    """One article cut out of a source (immutable, like the dataclasses here).

    ``start_line``/``end_line`` are the 1-based first and last non-blank input lines;
    ``paragraphs`` are the article's paragraphs: its non-blank lines, or the lines of a
    hard-wrapped paragraph rejoined (headline included when it has one).
    ``id`` is derived from the normalised text so bookmarks survive re-opening the same file.

    Not a dataclass, for memory: 100,000 articles are most of the app's heap, so the text is
    held as one UTF-8 ``bytes`` (an ASCII paragraph costs a byte a character, where a ``str``
    holding one CJK name costs two for all of it, and there is one object per article instead
    of one per paragraph plus a tuple for the collector to walk), and a headline is not kept
    twice. ``paragraphs`` and ``text`` decode it, in about a microsecond per kilobyte.
    """

    __slots__ = (
        "_body",
        "_headline",
        "end_line",
        "id",
        "source",
        "start_line",
        "title",
        "truncated",
    )

    id: str
    source: str
    start_line: int
    end_line: int
    title: str
    truncated: bool
    #: The paragraphs joined with newlines as UTF-8 (lone surrogates kept), or the tuple itself
    #: in the odd case of a paragraph holding a newline.
    _body: bytes | tuple[str, ...]
    #: True: the headline is the first paragraph; otherwise the headline itself, or None.
    _headline: str | bool | None

    def __init__(
        self,
        id: str,
        source: str,
        start_line: int,
        end_line: int,
        title: str,
        headline: str | None,
        truncated: bool,
        paragraphs: tuple[str, ...],
    ) -> None:
        paragraphs = tuple(paragraphs)
        if any("\n" in p for p in paragraphs) or paragraphs == ("",):
            body: bytes | tuple[str, ...] = paragraphs
        else:
            body = "\n".join(paragraphs).encode("utf-8", "surrogatepass")
        first = headline is not None and bool(paragraphs) and paragraphs[0] == headline
        self._init(
            id, source, start_line, end_line, title, True if first else headline, truncated, body
        )

    @classmethod
    def from_stored(
        cls,
        id: str,
        source: str,
        start_line: int,
        end_line: int,
        title: str,
        headline: str | bool | None,
        truncated: bool,
        body: bytes | tuple[str, ...],
    ) -> Article:
        """An article from the fields ``stored()`` gave (the cache), with no re-encoding."""
        article = cls.__new__(cls)
        article._init(id, source, start_line, end_line, title, headline, truncated, body)
        return article

    def _init(self, *values: object) -> None:
        """Set every field, in ``_FIELDS`` order (``__init__`` and ``from_stored`` share it)."""
        for name, value in zip(_FIELDS, values, strict=True):
            object.__setattr__(self, name, value)

    def stored(self) -> tuple[str, int, int, str, str | bool | None, bool, bytes | tuple[str, ...]]:
        """Everything but the source, compact, for ``from_stored`` (the cache's row)."""
        return (
            self.id,
            self.start_line,
            self.end_line,
            self.title,
            self._headline,
            self.truncated,
            self._text_body(),
        )

    def _text_body(self) -> bytes | tuple[str, ...]:
        """The body as held (an ``Entry`` fetches it from the archive instead)."""
        return self._body

    @property
    def text(self) -> str:
        body = self._text_body()
        if isinstance(body, tuple):
            return "\n".join(body)
        return body.decode("utf-8", "surrogatepass")

    @property
    def paragraphs(self) -> tuple[str, ...]:
        body = self._text_body()
        if isinstance(body, tuple):
            return body
        return tuple(self.text.split("\n")) if body else ()

    @property
    def headline(self) -> str | None:
        headline = self._headline
        if headline is True:
            return self.paragraphs[0]
        return headline if isinstance(headline, str) else None

    def moved(self, lines: int) -> Article:
        """The same article ``lines`` further down its source (window-by-window splitting)."""
        return Article.from_stored(
            self.id,
            self.source,
            self.start_line + lines,
            self.end_line + lines,
            self.title,
            self._headline,
            self.truncated,
            self._body,
        )

    def _key(self) -> tuple[object, ...]:
        return (self.source, *self.stored())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Article):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Article is immutable (cannot set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Article is immutable (cannot delete {name!r})")

    def __reduce__(self) -> tuple[object, ...]:
        return (Article.from_stored, (self.id, self.source, *self.stored()[1:]))

    def __repr__(self) -> str:
        return (
            f"Article(id={self.id!r}, source={self.source!r}, start_line={self.start_line!r}, "
            f"end_line={self.end_line!r}, title={self.title!r}, headline={self.headline!r}, "
            f"truncated={self.truncated!r}, paragraphs={self.paragraphs!r})"
        )


class TextStore(Protocol):
    """Where an :class:`Entry`'s text lives (the feed archive)."""

    def body(self, rowid: int) -> str: ...


class Entry(Article):
    """A feed entry: an article that was never cut from a text, whose text stays on disk.

    The list shows title, feed and date and the index is built once and cached, so an entry's
    text is read from the archive (``texts``) only when something reads ``text`` or
    ``paragraphs``: 100,000 entries cost their metadata in memory, not their text. Its title
    is its headline, the first paragraph, like an article cut from a text file.
    ``source`` is the feed's name (so ``source:`` and ``feed:`` find it), ``published`` Unix
    seconds or None, ``link`` and ``author`` as the feed gave them.
    """

    __slots__ = ("_rowid", "_texts", "author", "feed_url", "link", "published")

    _rowid: int
    _texts: TextStore
    author: str | None
    feed_url: str
    link: str | None
    published: float | None

    @classmethod
    def lazy(
        cls,
        id: str,
        feed: str,
        title: str,
        *,
        rowid: int,
        texts: TextStore,
        feed_url: str = "",
        link: str | None = None,
        author: str | None = None,
        published: float | None = None,
    ) -> Entry:
        entry = cls.__new__(cls)
        # The title is the first paragraph (the headline), as in an article cut from a text:
        # it is analysed and searched with the rest.
        entry._init(id, feed, 0, 0, title, True, False, b"")
        for name, value in (
            ("_rowid", rowid),
            ("_texts", texts),
            ("feed_url", feed_url),
            ("link", link),
            ("author", author),
            ("published", published),
        ):
            object.__setattr__(entry, name, value)
        return entry

    def _text_body(self) -> bytes | tuple[str, ...]:
        text = self._texts.body(self._rowid)
        text = f"{self.title}\n{text}" if text else self.title
        if all(text.split("\n")):
            return text.encode("utf-8", "surrogatepass")
        return tuple(p for p in text.split("\n") if p)

    def text_kind(self) -> str:
        """Which text this is: "web page" (the whole story), "feed", "feed, by choice" or
        "feed: <why there is no page>" (see ``Archive.text_kind``)."""
        kind = getattr(self._texts, "text_kind", None)
        return "feed" if kind is None else str(kind(self._rowid))

    def __repr__(self) -> str:
        return f"Entry(id={self.id!r}, feed={self.source!r}, title={self.title!r})"


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the analysers found in one article."""

    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    recogniser: str = "builtin"
