"""The data that flows from the splitter through analysis to the UI.

Everything here is a frozen dataclass so that articles can be shared between threads (the TUI
analyses in workers) and cached by id without defensive copies.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
    canonical speaker ("Ho Cheng-hui"), ``mention`` the attributing words as written ("he").
    """

    text: str
    speaker: str | None
    mention: str | None
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity with an OntoNotes label, located inside one paragraph."""

    text: str
    label: str
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """One article cut out of a source.

    ``start_line``/``end_line`` are the 1-based first and last non-blank input lines;
    ``paragraphs`` are the article's non-blank lines (headline included when it has one).
    ``id`` is derived from the normalised text so bookmarks survive re-opening the same file.
    """

    id: str
    source: str
    start_line: int
    end_line: int
    title: str
    headline: str | None
    truncated: bool
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the analysers found in one article."""

    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    recogniser: str = "builtin"
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)
