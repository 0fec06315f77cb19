"""Names in the lines around a story: photo credits, bylines, datelines and agency lines.

These lines have fixed shapes ("Photo: Ann Wang, Reuters", "By Chen Yu-fu / Staff reporter",
"PHOENIX (AP) —") that rules read reliably and that a model reads as prose, so the merge takes
them as cue entities. Each pattern is anchored to a paragraph's start or end, with no nesting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsreader.analysis.merge.conventions import looks_like_person, trimmed_entity
from newsreader.model import Entity

# Captions, credits, bylines and datelines: anchored to a paragraph's start or end, no nesting.
_CREDIT = re.compile(
    r"(?:\bPhotos?|\bCourtesy)(?:\s*:\s*|\s+courtesy\s+of\s+|\s+of\s+)(?:the\s+)?([^.:;()]{1,120})$"
)
_BYLINE = re.compile(
    r"[Bb]y\s+([A-Z][^/]{1,150}?)\s*/\s*(?:[Ss]taff|[Ss]pecial|[Cc]ontributing|[Ss]enior)?\s*"
    r"(?:reporter|writer|correspondent|editor)s?\b"
)
_DATELINE = re.compile(
    r"([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3})"
    r"(?:, ([A-Z][a-z]+(?: [A-Z][a-z]+){0,2}))?"
    r"(?:, ((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}))?"
    r" \(([A-Z][A-Za-z]{1,15})\) ?[—–-]"
)
_AGENCY_LINE = re.compile(r"([A-Z]{2,6}|Reuters|Bloomberg|Kyodo|Yonhap), ([A-Z][A-Z .'-]{1,40})$")
_LIST_SEP = re.compile(r",\s+(?:and\s+)?|\s+and\s+")
_ORG_CREDIT_WORDS = frozenset(
    {"times", "news", "agency", "press", "post", "daily", "administration"}
)


def caption_entities(index: int, para: str) -> Iterator[Entity]:
    """Photo credits, bylines, datelines and agency lines, which models read as prose."""
    m = _CREDIT.search(para)
    if m:
        yield from _credit_names(index, para, m.start(1), m.end(1))
    m = _BYLINE.match(para)
    if m:
        for a, b in _list_items(para, m.start(1), m.end(1)):
            entity = trimmed_entity(para, index, a, b, "PERSON")
            if entity is not None and looks_like_person(entity.text.split()):
                yield entity
    m = _DATELINE.match(para)
    if m:
        for group, label in ((1, "GPE"), (2, "GPE"), (3, "DATE"), (4, "ORG")):
            if m.group(group):
                entity = trimmed_entity(para, index, m.start(group), m.end(group), label)
                if entity is not None:
                    yield entity
    m = _AGENCY_LINE.match(para)
    if m and len(para) < 60:
        yield Entity(m.group(1), "ORG", index, m.start(1), m.end(1))
        yield Entity(m.group(2), "GPE", index, m.start(2), m.end(2))


def _credit_names(index: int, para: str, start: int, end: int) -> Iterator[Entity]:
    """``Photo: Ann Wang, Reuters``: people first, the agency or paper last."""
    items = list(_list_items(para, start, end))
    for n, (a, b) in enumerate(items):
        words = para[a:b].split()
        if not words or not all(w[:1].isupper() for w in words if w not in {"of", "and", "for"}):
            continue
        person = n < len(items) - 1 and looks_like_person(words) and 2 <= len(words) <= 3
        if len(items) == 1:
            person = (
                para[:start].rstrip().endswith(":")
                and looks_like_person(words)
                and 2 <= len(words) <= 3
                and not any(w.isupper() for w in words)
                and words[-1].lower() not in _ORG_CREDIT_WORDS
            )
        entity = trimmed_entity(para, index, a, b, "PERSON" if person else "ORG")
        if entity is not None:
            yield entity


def _list_items(para: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for m in _LIST_SEP.finditer(para, start, end):
        yield pos, m.start()
        pos = m.end()
    yield pos, end
