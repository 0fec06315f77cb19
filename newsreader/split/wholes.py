"""Second look at soft boundaries, with cohesion measured over whole candidate articles.

The gap-by-gap evidence of ``segment`` compares a few paragraphs on each side. Two stories from
the same section (one rate decision after another, one court case after another) share enough
words paragraph by paragraph to hide their seam, and one story's aside ("In a speech on Monday,
he said ...") can look like a fresh lead. Over whole candidate articles the picture is clearer:
two halves of one story share its names and terms throughout, two stories share little even
when they are about the same kind of thing. So after decoding, a soft boundary between two
candidate articles that are very alike is dropped when the second one opens by pointing back,
and a candidate article whose two halves have next to nothing in common is cut where the
second half opens like a lead (a time word in its first sentence, nothing pointing back).

Both need their cue: on cosine alone, neighbours from one section merge, and a story whose
quotes wander off its topic is cut in two.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence

#: Cosine (idf-weighted terms) above which two neighbouring candidate articles are one story.
MERGE_COS = 0.15
#: Cosine below which the two halves of a candidate article are two stories.
SPLIT_COS = 0.03
#: Units each half needs before it is compared (a lead and a paragraph, at least).
MIN_HALF = 2
#: Longest candidate article (in units) searched for a cut.
MAX_UNITS = 40

Vector = Mapping[str, float]


def revise(
    chosen: Sequence[bool],
    vecs: Sequence[Vector],
    soft: Sequence[bool],
    points_back: Sequence[bool],
    leads: Sequence[bool],
) -> list[bool]:
    """``chosen`` with soft boundaries dropped between alike articles and added between unlike
    halves: ``soft[k]`` says whether the gap before unit ``k`` may change at all,
    ``points_back[k]`` whether unit ``k`` opens with words that refer back ("he said", "But"),
    which a story's first paragraph never does, and ``leads[k]`` whether it opens like a lead."""
    out = list(chosen)
    n = len(out)
    starts = [k for k in range(n) if out[k]] + [n]
    # Merge: walk the boundaries left to right, growing the current article when it absorbs.
    left = _sum(vecs, starts[0], starts[1])
    for i in range(1, len(starts) - 1):
        k, end = starts[i], starts[i + 1]
        right = _sum(vecs, k, end)
        if soft[k] and points_back[k] and _cos(left, right) >= MERGE_COS:
            out[k] = False
            _add(left, right)
        else:
            left = right
    # Split: at most one cut per candidate article, where its halves are least alike.
    starts = [k for k in range(n) if out[k]] + [n]
    for a, b in itertools.pairwise(starts):
        if not 2 * MIN_HALF <= b - a <= MAX_UNITS:
            continue
        best, where = SPLIT_COS, -1
        head = _sum(vecs, a, a + MIN_HALF)
        tail = _sum(vecs, a + MIN_HALF, b)
        for g in range(a + MIN_HALF, b - MIN_HALF + 1):
            if soft[g] and leads[g]:
                c = _cos(head, tail)
                if c < best:
                    best, where = c, g
            _add(head, vecs[g])
            _sub(tail, vecs[g])
        if where >= 0:
            out[where] = True
    return out


def _sum(vecs: Sequence[Vector], a: int, b: int) -> dict[str, float]:
    out: dict[str, float] = {}
    for k in range(a, b):
        _add(out, vecs[k])
    return out


def _add(acc: dict[str, float], vec: Vector) -> None:
    for t, w in vec.items():
        acc[t] = acc.get(t, 0.0) + w


def _sub(acc: dict[str, float], vec: Vector) -> None:
    for t, w in vec.items():
        rest = acc.get(t, 0.0) - w
        if rest > 1e-9:
            acc[t] = rest
        else:
            acc.pop(t, None)


def _cos(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    if not dot:
        return 0.0
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb)
