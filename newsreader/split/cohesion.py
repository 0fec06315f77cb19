"""Lexical cohesion: how much of what comes next was already being talked about.

Where no layout cue marks the edge of a story, the vocabulary does. Paragraphs of one story keep
naming the same people, bodies and things ("the CWA", "Kujira", "typhoon"); the first paragraphs of
the next story share almost none of them. This is the idea behind TextTiling and C99, reduced to
what a single left-to-right pass can afford: each paragraph becomes a small set of weighted terms
(content words, lightly stemmed; capitalised names weigh more), and a gap is scored by the share
of the following paragraphs' weight that the current story's recent paragraphs already contain.
Rare terms weigh more than common ones (inverse document frequency over the whole input), so
"Taiwan" in a Taiwanese paper says little and "Kujira" says a lot.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from newsreader.split.cues import word_set

# Words long enough to count; digits are left out (numbers recur between unrelated stories).
_TOKEN = re.compile(r"[^\W\d_][^\W_]*(?:['’-][^\W\d_]+)*")
# A capitalised word that does not open a sentence: a name, or part of one.
_NAME = re.compile(r"(?<=[\w,;:)] )[A-Z][^\W_]*(?:['’-][^\W\d_]+)*")

_STOP = word_set(
    """
    a about above across after afterwards again against all almost alone along already also although
    always am among amongst an and another any anyone anything anyway anywhere are around as at be
    became because become becomes been before beforehand being below beside besides between beyond
    both but by can cannot could did do does doing done down due during each either else elsewhere
    enough even ever every everyone everything everywhere except few first for former formerly from
    further get gets got had has have having he hence her here hers herself him himself his how
    however i if in indeed into is it its itself just last latter least less made make many may me
    meanwhile might mine more moreover most mostly much must my myself namely neither never
    nevertheless next no nobody none nor not nothing now nowhere of off often on once one only onto
    or other others otherwise our ours ourselves out over own per perhaps please put rather re same
    see seem seemed seeming seems several she should since so some someone something sometime
    sometimes somewhere still such than that the their theirs them themselves then there thereby
    therefore these they this those though through throughout thus to together too toward towards
    under until up upon us very via was we well were what whatever when whenever where whereas
    wherever whether which while who whoever whole whom whose why will with within without would
    yet you your yours yourself yourselves
    said says say saying told tell added according asked want wanted like including include
    yesterday today tomorrow monday tuesday wednesday thursday friday saturday sunday
    week weeks month months year years day days time times ago
    january february march april june july august september october november december jan feb
    mar apr jun jul aug sep sept oct nov dec
    mr mrs ms dr percent new also two three four five six seven eight nine ten hundred thousand
    million billion trillion people part
    """
)

NAME_BOOST = 1.6


def stem(word: str) -> str:
    """A light stemmer: enough to match "typhoons" with "typhoon", cheap enough for 50 MB."""
    w = word.lower()
    if w.endswith(("’s", "'s")):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 6 and w.endswith("ing"):
        return w[:-3]
    if len(w) > 5 and w.endswith("ed"):
        return w[:-2]
    return w


class Vocabulary:
    """Turns paragraphs into weighted term sets and remembers document frequencies."""

    def __init__(self) -> None:
        self._stems: dict[str, str] = {}
        self.df: Counter[str] = Counter()
        self.n = 0

    def terms(self, text: str, limit: int = 200_000) -> dict[str, float]:
        """Term -> boost (1, or ``NAME_BOOST`` for a capitalised name) for one paragraph.

        Only the first ``limit`` characters are read: that is plenty to compare paragraphs, and a
        20 MB line costs no more than a long article.
        """
        chunk = text[:limit]
        stems = self._stems
        out: dict[str, float] = {}
        for tok in set(_TOKEN.findall(chunk)):
            s = stems.get(tok)
            if s is None:
                s = self._learn(tok)
            if s:
                out[s] = 1.0
        for tok in set(_NAME.findall(chunk)):
            s = stems.get(tok)
            if s is None:
                s = self._learn(tok)
            if not s and len(tok) == 2 and tok.lower() not in _STOP:
                s = tok.lower()  # a two-letter surname (Wu, Lo, Ho) is still a name
            if s:
                out[s] = NAME_BOOST
        return out

    def _learn(self, tok: str) -> str:
        s = stem(tok) if len(tok) >= 3 else ""
        if s in _STOP or len(s) < 3:
            s = ""
        if len(self._stems) < 500_000:
            self._stems[tok] = s
        return s

    def add(self, terms: Iterable[str]) -> None:
        self.n += 1
        self.df.update(terms)

    def idf(self) -> dict[str, float]:
        n = self.n + 1
        return {t: math.log(n / (c + 0.5)) + 0.3 for t, c in self.df.items()}


def vectors(
    terms: Sequence[Mapping[str, float]], idf: Mapping[str, float]
) -> list[dict[str, float]]:
    """Each paragraph's terms weighted by boost x idf, computed once for every comparison.

    The weights are shared float objects (one per term and boost), which keeps a 50 MB input's
    vectors to a fraction of the memory that a fresh float per entry would take.
    """
    boosted = {t: w * NAME_BOOST for t, w in idf.items()}
    out = []
    for ts in terms:
        out.append({t: (boosted[t] if b == NAME_BOOST else idf[t]) for t, b in ts.items()})
    return out


class History:
    """Where each term was last seen (a unit number), so window membership is one lookup.

    A term is in the window ``[lo, k)`` exactly when it was last seen at or after ``lo``; names
    are tracked separately because a bare surname only points back to an earlier *name*.
    """

    __slots__ = ("last", "last_name")

    def __init__(self) -> None:
        self.last: dict[str, int] = {}
        self.last_name: dict[str, int] = {}

    def add(self, unit: int, terms: Iterable[str], names: Iterable[str]) -> None:
        last = self.last
        for t in terms:
            last[t] = unit
        last_name = self.last_name
        for t in names:
            last_name[t] = unit

    def seen(self, term: str, lo: int) -> bool:
        return self.last.get(term, -1) >= lo

    def named(self, term: str, lo: int) -> bool:
        return self.last_name.get(term, -1) >= lo


def hits(vec: Mapping[str, float], history: History, lows: Sequence[int]) -> list[float]:
    """Weight of ``vec`` already seen since each of ``lows`` (ascending unit numbers)."""
    out = [0.0] * len(lows)
    last = history.last
    n = len(lows)
    for t, w in vec.items():
        s = last.get(t)
        if s is None:
            continue
        for j in range(n):
            if s < lows[j]:
                break
            out[j] += w
    return out


def smoothed(hit: float, total: float, prior: float, strength: float) -> float:
    """The share ``hit/total`` shrunk toward ``prior``.

    A one-line paragraph that shares no word is weak evidence of a new story; a long lead that
    shares none is strong. ``strength`` is in the same idf-weighted units as ``total``.
    """
    return (hit + prior * strength) / (total + strength)
