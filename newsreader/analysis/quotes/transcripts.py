"""Transcripts: lines that name their speaker in capitals before a colon ("MS. QUIST: …").

News prints hearings, debates and interviews as a run of such lines, with or without quotation
marks around each. The label, not the reporter's sentence, says who speaks, and each line is a
quotation of its own even when the marks run on over several paragraphs. One label on its own is
more often a dateline or a rubric ("WASHINGTON: …", "UPDATE: …"), so an article counts as a
transcript only when at least two of its lines carry speaker labels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.analysis.quotes.chars import OPENING_MARKS
from newsreader.analysis.quotes.lexicon import wordset
from newsreader.analysis.quotes.marks import Region
from newsreader.model import Span

_CAPS_WORD = r"[A-Z][A-Z'’.-]*[A-Z]"
LABEL_RE = re.compile(
    r"(?:(?:MR|MRS|MS|DR|SEN|REP|GOV|GEN|PROF|JUDGE|JUSTICE|SENATOR|PRESIDENT)\.?\s+)?"
    rf"({_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,2}}|Q|A)\s*:\s+(?=\S)"
)
_NOT_SPEAKERS = wordset(
    "UPDATE UPDATED NOTE WATCH READ RELATED PHOTO PHOTOS VIDEO CORRECTION CLARIFICATION SOURCE "
    "SOURCES EDITOR'S EDITOR’S BREAKING EXCLUSIVE ANALYSIS OPINION LISTEN CREDIT WARNING ALERT "
    "TRANSCRIPT SUBSCRIBE ADVERTISEMENT THE AN WHAT WHAT'S WHAT’S WHY HOW WHO WHEN WHERE IT IS "
    "ARE NEXT HAPPENED MATTERS KEY FACTS BACKGROUND TOP NEWS LATEST MORE TIP TIPS STEP FINAL "
    "SCORE RESULT RESULTS BOTTOM LINE TAKEAWAY"
)
_LEAD = " \t" + OPENING_MARKS


@dataclass(frozen=True, slots=True)
class Label:
    """A speaker label: the words as written ("O'NEILL"), where they are and where the spoken
    words start."""

    words: str
    start: int
    text_start: int


def label_of(paragraph: str, start: int = 0) -> Label | None:
    """The speaker label at ``start`` of ``paragraph`` (after any opening mark), if any."""
    i = start
    while i < len(paragraph) and paragraph[i] in _LEAD:
        i += 1
    m = LABEL_RE.match(paragraph, i)
    if m is None or any(w in _NOT_SPEAKERS for w in m.group(1).split()):
        return None
    return Label(m.group(1), m.start(1), m.end())


def is_transcript(paragraphs: Sequence[str]) -> bool:
    """At least two lines that open with a speaker label."""
    found = 0
    for text in paragraphs:
        if (text[:1].isupper() or text[:1] in OPENING_MARKS) and label_of(text) is not None:
            found += 1
            if found >= 2:
                return True
    return False


def split_labelled(region: Region, paragraphs: Sequence[str]) -> list[tuple[Region, Label | None]]:
    """Cut a quoted region at every piece that opens with a speaker label.

    "“QUIST: Did it? / “HOLM: It did.”" is two quotations, one per speaker, each without its
    label. Pieces before the first label keep the region's own attribution (``None``).
    """
    groups: list[tuple[list[Span], list[Span], Label | None]] = []
    for piece, raw in zip(region.pieces, region.raw, strict=False):
        label = label_of(paragraphs[piece.paragraph], piece.start)
        if label is not None or not groups:
            start = label.text_start if label is not None else piece.start
            groups.append(([Span(piece.paragraph, start, piece.end)], [raw], label))
        else:
            groups[-1][0].append(piece)
            groups[-1][1].append(raw)
    out: list[tuple[Region, Label | None]] = []
    for k, (pieces, raws, label) in enumerate(groups):
        pieces = [s for s in pieces if s.end > s.start]
        if pieces and label is not None:
            pieces[-1] = _without_final_stop(paragraphs, pieces[-1])
        if not pieces:
            continue
        first = pieces[0]
        open_at = region.open_at if k == 0 else (first.paragraph, max(0, raws[0].start - 1))
        close_at = region.close_at if k == len(groups) - 1 else None
        out.append((Region(tuple(pieces), tuple(raws), open_at, close_at), label))
    return out


def unquoted_lines(paragraphs: Sequence[str], quoted: set[int]) -> list[tuple[Region, Label]]:
    """Labelled lines without quotation marks ("MR. O'NEILL: We will …"), one region each."""
    out: list[tuple[Region, Label]] = []
    for p, text in enumerate(paragraphs):
        if p in quoted or not text[:1].isupper():
            continue
        label = label_of(text)
        if label is None:
            continue
        end = len(text.rstrip())
        if end <= label.text_start:
            continue
        piece = _without_final_stop(paragraphs, Span(p, label.text_start, end))
        out.append((Region((piece,), (Span(p, label.text_start, len(text)),), (p, 0), None), label))
    return out


def _without_final_stop(paragraphs: Sequence[str], span: Span) -> Span:
    """Drop one final comma or full stop, as for every other quotation."""
    text = paragraphs[span.paragraph]
    end = span.end
    if end - span.start > 1 and text[end - 1] in ".," and text[end - 2] != ".":
        end -= 1
    return Span(span.paragraph, span.start, end)


def speaker_name(label: Label, known: Sequence[str]) -> str | None:
    """The person a label names: a known full name whose surname it spells, else the label in
    ordinary case ("O'NEILL" -> "O'Neill"). "Q" (the interviewer) names nobody here."""
    words = label.words
    if words == "Q":
        return None
    surname = words.split()[-1].upper()
    for name in known:
        if name.split()[-1].upper() == surname:
            return name
    return " ".join(_ordinary_case(w) for w in words.split())


def _ordinary_case(word: str) -> str:
    out = word[:1] + word[1:].lower()
    # "O'NEILL" -> "O'Neill", "SMITH-JONES" -> "Smith-Jones"
    return re.sub(r"(['’-])([a-z])", lambda m: m.group(1) + m.group(2).upper(), out)
