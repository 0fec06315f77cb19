"""Titles for the article list: the article's own headline, or one made from its lead.

A list of first-80-characters-of-the-lead reads like a pile of cut-off sentences. Newspapers
title a story by its main clause, so a derived title keeps the lead's first sentence, drops what
a headline leaves out (the dateline, glosses and acronyms in parentheses, "yesterday", a trailing
", the ministry said") and, if it is still too long, ends at a clause boundary before it ends at
an arbitrary word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsreader.split.cues import (
    dateline_length,
    is_bare_credit,
    is_byline,
    is_caption,
    is_tail_credit,
    word_set,
)

#: Longest derived title, in characters (the ellipsis included).
MAX_TITLE = 80
#: A clause-boundary cut shorter than this reads worse than a word cut with an ellipsis.
MIN_CLAUSE = 30
ELLIPSIS = "…"

_SENTENCE_END = re.compile(r"[a-z0-9%)”\"’][.!?](?=[”\"’]? +[“\"‘(]?[A-Z0-9])")
_PARENTHETICAL = re.compile(r" ?\([^()]{0,60}\)")
# The part of the day goes with the date phrase: "on Monday morning", "yesterday evening"
# (dropping "on Monday" alone left "The ministry morning reported").
_TIME_AFTER_SUBJECT = re.compile(
    r" (?:(?:yesterday|today|(?:early |late )?on (?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday))(?: (?:morning|afternoon|evening|night))?|"
    r"tonight|last night|earlier today|this (?:morning|afternoon|evening))"
    r"(?= [a-z])"
)
# ", a source said", ", the Ministry of Foreign Affairs said today in a statement",
# ", according to the agency": attribution that a headline leaves out.
_ATTRIBUTION = re.compile(
    r",? (?:according to [^,]{1,80}|(?:[^,]{1,80} )?(?:said|says|told [^,]{1,40}|reported|"
    r"announced|confirmed|added|warned|estimated)(?: [^,]{0,60})?)$"
)
_CLAUSE_BREAK = re.compile(
    r",? (?:after|as|while|which|who|but|amid|despite|because|saying|adding|following|"
    r"before|although|though|whereas|when|where|in a bid|in an effort)\b|, (?=[a-z])| — | – |; "
)
_LEADING_QUOTE = re.compile(r"([“\"‘])([^”\"’]{8,78}?)[,.!?]?([”\"’])")
_DANGLING = word_set(
    "a an the of to in on at for and or but nor with by from as that which who whose is are was "
    "were be been has have had will would can could should may might its their his her this these "
    "those than into over under about after before between during against"
)


def derive_title(paragraphs: Sequence[str], headline: str | None) -> str:
    """The headline if the article has one; otherwise a headline-like title from the lead."""
    if headline:
        return headline.strip()
    lead = _lead(paragraphs)
    title = shorten(lead) if lead else ""
    if not title.strip(" .,;:!?-—–"):
        # Nothing headline-like survived the trimming: show the text as it is, cut to fit.
        raw = " ".join(lead.split())
        title = raw if len(raw) <= MAX_TITLE else _cut(raw, MAX_TITLE)
    return title or "(untitled)"


def shorten(lead: str, limit: int = MAX_TITLE) -> str:
    """A title of at most ``limit`` characters made from a lead paragraph."""
    text = " ".join(lead[:2000].split())
    text = text[dateline_length(text[:240]) :].lstrip(" -—–")
    quoted = _LEADING_QUOTE.match(text)
    if quoted:
        return f"{quoted.group(1)}{quoted.group(2).strip()}{quoted.group(3)}"
    m = _SENTENCE_END.search(text)
    sentence = text[: m.start() + 1] if m else text
    sentence = sentence.rstrip(" .!")
    sentence = _PARENTHETICAL.sub("", sentence)
    sentence = _TIME_AFTER_SUBJECT.sub("", sentence, count=1)
    trimmed = _ATTRIBUTION.sub("", sentence)
    if len(trimmed) >= MIN_CLAUSE:
        sentence = trimmed
    sentence = sentence.strip(" ,;:")
    if len(sentence) <= limit:
        return sentence
    return _cut(sentence, limit)


def _cut(sentence: str, limit: int) -> str:
    """Prefer the main clause; else the longest run of whole words, with an ellipsis."""
    best = 0
    for m in _CLAUSE_BREAK.finditer(sentence, 0, limit + 1):
        if MIN_CLAUSE <= m.start() <= limit:
            best = m.start()
    if best:
        return _drop_dangling(sentence[:best].rstrip(" ,;:"), allow_ellipsis=False)
    room = sentence[: limit - len(ELLIPSIS) + 1]
    cut = room.rsplit(" ", 1)[0] if " " in room else room[: limit - len(ELLIPSIS)]
    return _drop_dangling(cut.rstrip(" ,;:"), allow_ellipsis=True)


def _drop_dangling(text: str, allow_ellipsis: bool) -> str:
    words = text.split(" ")
    while len(words) > 3 and words[-1].lower().strip(",;:") in _DANGLING:
        words.pop()
    out = " ".join(words).rstrip(" ,;:")
    return out + ELLIPSIS if allow_ellipsis else out


def _lead(paragraphs: Sequence[str]) -> str:
    """The first paragraph that is prose: not a byline, credit, caption or end credit."""
    for p in paragraphs:
        p = p.strip()
        if not p:
            continue
        if is_byline(p) or is_bare_credit(p) or is_tail_credit(p) or is_caption(p[-240:], len(p)):
            continue
        return p
    return next((p.strip() for p in paragraphs if p.strip()), "")
