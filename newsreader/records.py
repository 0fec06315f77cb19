"""The JSON shape of an analysed article, shared by ``newsreader analyze`` and the benchmarks.

This is a public contract (scripts parse it), so it lives in one place and is pinned by a test.
"""

from __future__ import annotations

from typing import Any

from newsreader.model import Analysis, Article


def article_record(article: Article, analysis: Analysis) -> dict[str, Any]:
    """One analyze JSON Lines object for ``article``."""
    return {
        "id": article.id,
        "source": article.source,
        "start_line": article.start_line,
        "end_line": article.end_line,
        "title": article.title,
        "headline": article.headline,
        "truncated": article.truncated,
        "paragraphs": list(article.paragraphs),
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker,
                "mention": q.mention,
                "spans": [
                    {"paragraph": s.paragraph, "start": s.start, "end": s.end} for s in q.spans
                ],
            }
            for q in analysis.quotes
        ],
        "entities": [
            {
                "text": e.text,
                "label": e.label,
                "paragraph": e.paragraph,
                "start": e.start,
                "end": e.end,
            }
            for e in analysis.entities
        ],
        "recogniser": analysis.recogniser,
    }
