"""Analysis: quotes with speakers and named entities for one article.

The recognisers are plain functions over an article's paragraphs, so the CLI, the TUI's workers
and the benchmarks all call the same code. Entities run first because speaker attribution can use
the PERSON/ORG mentions they find.
"""

from __future__ import annotations

from newsreader.analysis.entities import find_entities
from newsreader.analysis.quotes import find_quotes
from newsreader.model import Analysis, Article

RECOGNISERS = ("auto", "builtin", "spacy")


def analyze(article: Article, recogniser: str = "builtin") -> Analysis:
    """Find the quotes and entities of ``article``."""
    paragraphs = article.paragraphs
    entities = find_entities(paragraphs)
    quotes = find_quotes(paragraphs, entities)
    return Analysis(quotes=tuple(quotes), entities=tuple(entities), recogniser="builtin")


__all__ = ["RECOGNISERS", "analyze"]
