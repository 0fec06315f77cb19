"""Where a query's words occur in an article: the spans the reader highlights and n/N visits."""

from __future__ import annotations

import re

from newsreader.model import Article, Span
from newsreader.search.query import Query, fold

__all__ = ["match_spans"]


def match_spans(article: Article, query: Query) -> list[Span]:
    """Where the query's words, phrases and typed prefix occur, for highlighting and n/N.

    Sorted by (paragraph, start), never overlapping (overlapping matches are merged); offsets are
    into ``article.paragraphs``.
    """
    words = set(query.words)
    seqs = [p.split(" ") for p in query.phrases]
    prefix = query.prefix
    if not (words or seqs or prefix):
        return []
    out: list[Span] = []
    for index, paragraph in enumerate(article.paragraphs):
        toks = _located_tokens(paragraph)
        if not toks:
            continue
        texts = [t for t, _, _ in toks]
        found: list[tuple[int, int]] = []
        for i, (tok, start, end) in enumerate(toks):
            if tok in words or (prefix and tok.startswith(prefix)):
                found.append((start, end))
            for seq in seqs:
                if tok == seq[0] and texts[i : i + len(seq)] == seq:
                    found.append((start, toks[i + len(seq) - 1][2]))
        out.extend(Span(index, s, e) for s, e in _merge(found))
    return out


def _merge(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _located_tokens(text: str) -> list[tuple[str, int, int]]:
    """Folded tokens of ``text`` with their [start, end) in the *original* string.

    Folding can change lengths ("ß" -> "ss", "é" -> "e" + a dropped mark), so the folded text is
    built piece by piece with a map back to the original offsets.
    """
    if text.isascii():
        return [(m.group().lower(), m.start(), m.end()) for m in re.finditer(r"\w+", text)]
    pieces: list[str] = []
    origin: list[int] = []  # origin[j] = index in ``text`` of folded char j
    for i, ch in enumerate(text):
        folded = ch.lower() if ch.isascii() else fold(ch)
        pieces.append(folded)
        origin.extend([i] * len(folded))
    folded_text = "".join(pieces)
    out = []
    for m in re.finditer(r"\w+", folded_text):
        start = origin[m.start()]
        end = origin[m.end() - 1] + 1
        # Swallow marks that folding dropped right after the token ("e\u0301").
        while end < len(text) and not fold(text[end]):
            end += 1
        out.append((m.group(), start, end))
    return out
