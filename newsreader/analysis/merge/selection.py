"""Choosing non-overlapping spans from both recognisers by rank.

Each candidate span carries a rank that says how far its source is trusted on that kind of
span (a certain cue above a strong built-in entity above spaCy above a gap filler); selection is
greedy by rank, then length. A spaCy span that loses part of its extent keeps whatever name is
left, because the model often finds a real name next to a title or credit the rules took.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from newsreader.analysis.merge.conventions import trimmed_entity
from newsreader.analysis.merge.repairs import repair_spacy_span
from newsreader.model import Entity

RANK_CERTAIN = 7
RANK_BUILTIN_STRONG = 6
RANK_CUE = 5
RANK_BUILTIN_NUMERIC = 4
RANK_SPACY = 3
RANK_FILL = 2
RANK_BUILTIN = 1


@dataclass(frozen=True, slots=True)
class RankedSpan:
    """A candidate span and how far its source is trusted on it.

    ``repairable`` spans (spaCy's) keep their name-like rest when a stronger span cuts into them.
    """

    entity: Entity
    rank: int
    repairable: bool = False


def select_by_rank(
    candidates: Iterable[RankedSpan],
    paragraphs: Sequence[str],
    taken: dict[int, list[tuple[int, int]]],
) -> list[Entity]:
    """Greedy by rank, then length: each span is accepted unless it overlaps one already taken."""
    chosen: list[Entity] = []
    queue = sorted(
        candidates, key=lambda c: (-c.rank, c.entity.start - c.entity.end, c.entity.start)
    )
    for cand in queue:
        e = cand.entity
        spans = taken.setdefault(e.paragraph, [])
        if not overlaps(spans, e.start, e.end):
            _take(spans, chosen, e)
        elif cand.repairable:
            # A spaCy span cut into by a stronger one keeps the name-like rest, if any.
            for rest in _remainders(e, paragraphs[e.paragraph], spans):
                if not overlaps(spans, rest.start, rest.end):
                    _take(spans, chosen, rest)
    return chosen


def _take(spans: list[tuple[int, int]], chosen: list[Entity], e: Entity) -> None:
    spans.insert(bisect_left(spans, (e.start, e.end)), (e.start, e.end))
    chosen.append(e)


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``[start, end)`` overlaps one of ``spans`` (sorted, non-overlapping).

    Only the two neighbours found by bisection can overlap, so a huge paragraph stays cheap.
    """
    i = bisect_left(spans, (start, end))
    return any(
        0 <= j < len(spans) and spans[j][0] < end and start < spans[j][1] for j in (i - 1, i)
    )


def _remainders(e: Entity, para: str, spans: list[tuple[int, int]]) -> Iterator[Entity]:
    pieces = [(e.start, e.end)]
    # Only the taken spans near ``e`` (they do not overlap each other, so they are sorted by
    # end as well): a huge paragraph must not make this quadratic.
    first = max(0, bisect_left(spans, (e.start, e.start)) - 1)
    for s, t in spans[first:]:
        if s >= e.end:
            break
        if t <= e.start:
            continue
        pieces = [
            part
            for a, b in pieces
            for part in ((a, min(b, s)), (max(a, t), b))
            if part[0] < part[1]
        ]
    for a, b in pieces:
        piece = trimmed_entity(para, e.paragraph, a, b, e.label)
        if piece is None or not piece.text[:1].isupper():
            continue
        yield from (p for p in repair_spacy_span(piece, para) if p.text[:1].isupper())
