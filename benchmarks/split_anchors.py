"""Simple splitters to print beside newsreader's, so its split figures have something to beat.

Each anchor takes the lines of a corpus and returns article spans ``(start_line, end_line)`` over
its non-blank lines, the shape the reference scorer reads:

- ``cue_only``: layout cues and nothing else. A headline-shaped line, a dateline or a byline
  opens an article; so does the line after a paragraph that stops without final punctuation.
  Written here from scratch, so it does not move when newsreader's own cues change.
- ``texttiling``: Hearst's TextTiling as nltk implements it (``TextTilingTokenizer`` with its
  defaults), run on the paragraphs (blank-separated blocks for hard-wrapped text, else lines).
- ``blank_rule``: "two blank lines start an article", the layout rule for text whose articles
  are parted by a wider gap than their paragraphs.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

from newsreader.split.cues import word_set

Span = tuple[int, int]

# nltk's English stop list (``nltk.corpus.stopwords`` needs a data download; this is its text).
STOPWORDS = word_set(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
    her hers herself it its itself they them their theirs themselves what which who whom this that
    these those am is are was were be been being have has had having do does did doing a an the
    and but if or because as until while of at by for with about against between into through
    during before after above below to from up down in out on off over under again further then
    once here there when where why how all any both each few more most other some such no nor not
    only own same so than too very s t can will just don should now d ll m o re ve y ain aren
    couldn didn doesn hadn hasn haven isn ma mightn mustn needn shan shouldn wasn weren won wouldn
    """
)

_FINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{1,30}(?:, [A-Z][\w.' -]{1,30}){0,2}(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?"
    r" ?(?:\([\w .&-]{1,30}\))? ?(?:-{1,2}|—|–)"
)
_BYLINE = re.compile(r"^(?:By|BY) [A-Z]")


def _nonblank(lines: Sequence[str]) -> list[int]:
    return [n for n, line in enumerate(lines, start=1) if line.strip()]


def _spans(starts: set[int], nonblank: Sequence[int]) -> list[Span]:
    out: list[Span] = []
    for n in nonblank:
        if not out or n in starts:
            out.append((n, n))
        else:
            out[-1] = (out[-1][0], n)
    return out


def _headline_shaped(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 14 and text[:1].isupper() and not _FINAL.search(text)


def cue_only(lines: Sequence[str]) -> list[Span]:
    nonblank = _nonblank(lines)
    starts: set[int] = set()
    prev = ""
    for n in nonblank:
        text = lines[n - 1].strip()
        head = _headline_shaped(text)
        after_cut = bool(prev) and not _FINAL.search(prev) and not _headline_shaped(prev)
        opener = bool(_DATELINE.match(text) or _BYLINE.match(text))
        if (head and not _headline_shaped(prev)) or opener or after_cut:
            starts.add(n)
        prev = text
    return _spans(starts, nonblank)


def blank_rule(lines: Sequence[str]) -> list[Span]:
    nonblank = _nonblank(lines)
    starts = {b for a, b in itertools.pairwise(nonblank) if b - a >= 3}
    return _spans(starts, nonblank)


def _units(lines: Sequence[str], nonblank: Sequence[int]) -> list[list[int]]:
    """Paragraphs as lists of line numbers: blank-separated blocks if the text is hard-wrapped
    (its blocks run to several lines), else one line each."""
    blocks: list[list[int]] = []
    for n in nonblank:
        if blocks and blocks[-1][-1] == n - 1:
            blocks[-1].append(n)
        else:
            blocks.append([n])
    multi = sum(1 for b in blocks if len(b) > 1)
    if len(blocks) >= 3 and multi >= 0.5 * len(blocks):
        return blocks
    return [[n] for n in nonblank]


def texttiling(lines: Sequence[str]) -> list[Span]:
    from nltk.tokenize import TextTilingTokenizer

    nonblank = _nonblank(lines)
    units = _units(lines, nonblank)
    paras = [" ".join(lines[n - 1].strip() for n in u) for u in units]
    text = "\n\n".join(paras)
    try:
        segments = TextTilingTokenizer(stopwords=list(STOPWORDS)).tokenize(text)
    except ValueError:  # too short for its windows: one segment
        segments = [text]
    starts: set[int] = set()
    offset = 0
    for seg in segments:
        first = offset + len(seg) - len(seg.lstrip("\n"))  # where its first paragraph begins
        unit = text.count("\n\n", 0, first)
        if 0 < unit < len(units):
            starts.add(units[unit][0])
        offset += len(seg)
    return _spans(starts, nonblank)


ANCHORS: dict[str, Callable[[Sequence[str]], list[Span]]] = {
    "cue_only": cue_only,
    "texttiling": texttiling,
    "blank_rule": blank_rule,
}
