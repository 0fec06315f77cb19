"""How an article becomes search terms: its folded tokens, its canonical forms, its entity names.

Pure functions shared by the index, the linear scan that covers articles not indexed yet, the
analysis child (which sends only ``entity_names``) and the benchmarks' naive baseline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsreader.model import LABEL_CATEGORY, Analysis, Article
from newsreader.search.query import ENTITY_FIELDS, SEPARATOR, text_tokens, tokens

__all__ = [
    "DocTerms",
    "EntityNames",
    "PairWords",
    "article_tokens",
    "canonical_text",
    "entity_names",
]

#: The entity field (``person:``, ``org:``, ``place:``) each label is searched under.
_LABEL_FIELD = {label: c for label, c in LABEL_CATEGORY.items() if c in ENTITY_FIELDS}


@dataclass(frozen=True, slots=True)
class DocTerms:
    """One article tokenised for the index (by ``SearchIndex.prepare``, outside the lock).

    ``canon`` spells the article as token ids, one character per token (``chr(id)``) and
    ``"\\0"`` between paragraphs: a phrase occurs exactly when its ids are a substring, and the
    string is about a third of the size of the text. ``pairs`` are its adjacent pairs of
    frequent words, once the index has them (``index_pairs``).
    """

    canon: str
    distinct: list[int]
    new_words: list[str]
    pairs: frozenset[str] | None = None


def article_tokens(article: Article) -> list[str]:
    """Folded tokens of the article, ``SEPARATOR`` between paragraphs; the title leads when it is
    not simply the start of the first paragraphs (a derived title is, a headline usually is)."""
    toks = text_tokens(article.paragraphs)
    title = tokens(article.title)
    if title and not _starts_segment(toks, title):
        return [*title, SEPARATOR, *toks]
    return toks


def _starts_segment(toks: list[str], head: list[str]) -> bool:
    start = 0
    for _ in range(3):
        if toks[start : start + len(head)] == head:
            return True
        try:
            start = toks.index(SEPARATOR, start) + 1
        except ValueError:
            return False
    return False


def canonical_text(article: Article) -> str:
    """`` a b | c `` - the folded tokens one space apart, paragraphs split by ``|``, padded.

    ``" a b "`` is a substring exactly when the phrase "a b" occurs (tokens never hold a space or
    ``|``). The linear-scan fallback and the benchmark's naive baseline search this.
    """
    return " " + " ".join(article_tokens(article)).replace(SEPARATOR, "|") + " "


#: Folded names per entity field (``person``/``org``/``place``/``said``) of one article.
EntityNames = dict[str, set[str]]


def entity_names(analysis: Analysis) -> EntityNames:
    """Folded names per entity field (``person``/``org``/``place``/``said``) for one article."""
    out: EntityNames = {name: set() for name in ENTITY_FIELDS}
    for entity in analysis.entities:
        field = _LABEL_FIELD.get(entity.label)
        if field is not None:
            name = " ".join(tokens(entity.text))
            if name:
                out[field].add(name)
    for quote in analysis.quotes:
        if quote.speaker:
            name = " ".join(tokens(quote.speaker))
            if name:
                out["said"].add(name)
    return out


class PairWords:
    """The frequent words whose adjacent pairs are indexed, and a pattern that finds the pairs."""

    __slots__ = ("chars", "pattern")

    def __init__(self, ids: Iterable[int]) -> None:
        ordered = sorted(ids)
        self.chars = frozenset(map(chr, ordered))
        body = "".join(re.escape(chr(i)) for i in ordered) or "\0"
        # A lookahead, so that overlapping pairs ("of the", "the ministry") are all found.
        self.pattern = re.compile(f"(?=([{body}]{{2}}))")

    def pairs(self, canon: str) -> frozenset[str]:
        """The distinct adjacent pairs of frequent words in ``canon``."""
        return frozenset(self.pattern.findall(canon)) if self.chars else frozenset()
