"""Analysis: quotes with speakers and named entities for one article.

The recognisers are plain functions over an article's paragraphs, so the CLI, the TUI's workers
and the benchmarks all call the same code. Entities run first because speaker attribution uses
the PERSON/ORG mentions they find.

A paragraph longer than :data:`MAX_ANALYSED_CHARS` is not analysed: no real paragraph is that
long (it is a dump, a base64 blob, a file without line breaks), and rule passes over megabytes of
one line would only make the reader wait for nothing.
"""

from __future__ import annotations

from newsreader.analysis.recogniser import (
    CHOICES,
    RecogniserError,
    recognise,
    requested_recogniser,
    resolve_recogniser,
)
from newsreader.model import Analysis, Article

RECOGNISERS = CHOICES
MAX_ANALYSED_CHARS = 100_000


def analyze(article: Article, recogniser: str = "builtin") -> Analysis:
    """Find the quotes and entities of ``article``.

    ``recogniser`` may be ``auto``; callers that analyse many articles should resolve it once
    with :func:`resolve_recogniser` and pass the result.
    """
    from newsreader.analysis.quotes.find import find_quotes  # heavy: not at import (first screen)

    resolved = recogniser if recogniser in ("builtin", "spacy") else resolve_recogniser(recogniser)
    paragraphs = tuple(p if len(p) <= MAX_ANALYSED_CHARS else "" for p in article.paragraphs)
    entities = recognise(paragraphs, resolved)
    quotes = find_quotes(paragraphs, entities)
    return Analysis(quotes=tuple(quotes), entities=tuple(entities), recogniser=resolved)


__all__ = [
    "MAX_ANALYSED_CHARS",
    "RECOGNISERS",
    "RecogniserError",
    "analyze",
    "requested_recogniser",
    "resolve_recogniser",
]
