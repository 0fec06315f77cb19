"""Analysis: quotes with speakers and named entities for one article.

The recognisers are plain functions over an article's paragraphs, so the CLI, the TUI's workers
and the benchmarks all call the same code. Entities run first because speaker attribution uses
the PERSON/ORG mentions they find.

A paragraph longer than :data:`MAX_ANALYSED_CHARS` is not analysed: no real paragraph is that
long (it is a dump, a base64 blob, a file without line breaks), and rule passes over megabytes of
one line would only make the reader wait for nothing.
"""

from __future__ import annotations

import re

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


#: A numbered link's marker after its words ("the minutes [2]"): not a number in the text.
_LINK_MARK = re.compile(r" \[\d{1,4}\]")


def _blank(match: re.Match[str]) -> str:
    """The marker as spaces: every offset after it stays where the reader draws it."""
    return " " * len(match.group())


def _before_links(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """The paragraphs without the ``Links:`` list under them (URLs are not the story)."""
    if "Links:" in paragraphs:
        return paragraphs[: len(paragraphs) - 1 - paragraphs[::-1].index("Links:")]
    return paragraphs


def analyze(article: Article, recogniser: str = "builtin") -> Analysis:
    """Find the quotes and entities of ``article``.

    ``recogniser`` may be ``auto``; callers that analyse many articles should resolve it once
    with :func:`resolve_recogniser` and pass the result.
    """
    from newsreader.analysis.quotes.find import find_quotes  # heavy: not at import (first screen)

    resolved = recogniser if recogniser in ("builtin", "spacy") else resolve_recogniser(recogniser)
    paragraphs = tuple(
        "" if len(p) > MAX_ANALYSED_CHARS else _LINK_MARK.sub(_blank, p)
        for p in _before_links(article.paragraphs)
    )
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
