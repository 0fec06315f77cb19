"""Repairs of spaCy's spans where they break this paper's annotation conventions.

A small statistical model reads news prose well but not its conventions: it keeps a title or a
possessive inside a name ("MAC Deputy Minister Chiu Wen-hsiang", "Taoyuan’s Dayuan District"),
swallows Chinese characters, a byline's "/ Staff" or half a parenthesis, and labels a name
against its own last word. Each repair here cuts or relabels one span; the two filters drop the
model's commonest false alarms (a lower-case word read as a date, a capitalised sentence opener
seen nowhere else) when the rules found nothing there.

Every regex here is linear-time: inputs may be one 20 MB line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence

from newsreader.analysis.merge.conventions import (
    EVENT_FIRST_WORDS,
    HAS_CJK,
    HEAD_LABEL,
    TOKEN,
    is_gazetteer_place,
    is_title,
    looks_like_person,
    trimmed_entity,
)
from newsreader.model import NAME_LABELS, PLACE_LABELS, Entity

#: Upper-case short forms that really are places; any other two- or three-letter GPE from the
#: model ("AI") is a misreading.
_PLACE_ABBREVIATIONS = frozenset({"US", "UK", "USA", "UAE", "ROC", "PRC", "DPRK", "EU", "HK"})
_POSSESSIVE_INSIDE = re.compile(r"[’']s\s+")
_STANDALONE = re.compile(r"(?<![\w-])[A-Z][a-z]+(?![\w-])(?! [A-Z])")
_TRAILING_SCORE = re.compile(r"\s+\d{1,3}-\d{1,3}$")
_LEADING_ARTICLE = re.compile(r"(?:a|an|A|An)\s+")
_ROUTE_NUMBER = re.compile(r" \d{1,4}[A-Z]?\b")
Piece = tuple[int, int, str]


def repair_spacy_span(e: Entity, para: str) -> list[Entity]:
    """Split or trim one spaCy span so that it follows the annotation conventions."""
    if e.label not in NAME_LABELS:
        return [e]
    start, end = e.start, e.end
    m = _LEADING_ARTICLE.match(para, start, end)
    if m and m.end() < end:
        start = m.end()
    if e.text.lower() in EVENT_FIRST_WORDS:
        return []  # "Typhoon" on its own is a common noun the model capitalised
    pieces: list[Piece] = [(start, end, e.label)]
    for cut in (_cut_cjk, _cut_slash, _cut_paren, _cut_possessive, _cut_titles):
        pieces = list(_split_on(pieces, para, cut))
    out = []
    for start, end, label in pieces:
        m = _TRAILING_SCORE.search(para, start, end)
        if m and label in {"ORG", "PERSON"}:
            end = m.start()
        end = _trim_lowercase_tail(para, start, end)
        piece = trimmed_entity(para, e.paragraph, start, end, label)
        if piece is None or HAS_CJK.search(piece.text):
            continue
        piece = _extend_route_number(piece, para)
        if (
            piece.label == "GPE"
            and piece.text.isupper()
            and len(piece.text) <= 3
            and piece.text not in _PLACE_ABBREVIATIONS
        ):
            continue
        out.append(_head_label(piece))
    return out


def is_vague_time(e: Entity) -> bool:
    """``month``, ``season``, ``overnight``: a common word the model read as a DATE or TIME.

    The built-in date patterns find the real ones ("yesterday", "last month"), so such a word
    is only kept when they found something there too.
    """
    return e.label in {"DATE", "TIME"} and e.text.isalpha() and e.text.islower()


def standalone_word_counts(paragraphs: Sequence[str]) -> Counter[str]:
    """How often each capitalised word stands alone (not followed by another capitalised one).

    "Coast guard officers ..." is not saved by "Coast Guard Administration" elsewhere.
    """
    return Counter(m.group() for p in paragraphs for m in _STANDALONE.finditer(p))


def is_lone_sentence_start(e: Entity, paragraphs: Sequence[str], standalone: Counter[str]) -> bool:
    """``Turnout was 44.6 percent``: one capitalised word, first in its sentence, never again.

    Sentence case capitalises common nouns, and the model takes some for names; a real name
    is nearly always repeated or found by the rules as well.
    """
    if e.label not in NAME_LABELS or not e.text.isalpha() or e.text.isupper():
        return False
    para = paragraphs[e.paragraph]
    before = para[max(0, e.start - 3) : e.start].rstrip(' "“‘')
    if before and before[-1] not in ".!?":
        return False
    if e.end < len(para) and not para[e.end : e.end + 2].startswith((" ", ",")):
        return False
    return standalone[e.text] <= 1


def _split_on(
    pieces: Iterable[Piece], para: str, cut: Callable[[Piece, str], Iterator[Piece]]
) -> Iterator[Piece]:
    for piece in pieces:
        yield from cut(piece, para)


def _cut_cjk(piece: Piece, para: str) -> Iterator[Piece]:
    start, end, label = piece
    m = HAS_CJK.search(para, start, end)
    if m is None:
        yield piece
        return
    cut = m.start()
    while cut > start and para[cut - 1] in " (（\u3000":
        cut -= 1
    if cut > start:
        yield (start, cut, label)


def _cut_slash(piece: Piece, para: str) -> Iterator[Piece]:
    start, end, label = piece
    cut = para.find("/", start, end)
    yield piece if cut < 0 else (start, cut, label)


def _cut_paren(piece: Piece, para: str) -> Iterator[Piece]:
    start, end, label = piece
    open_at = para.find("(", start, end)
    if open_at < 0 or para.find(")", open_at, end) >= 0:
        yield piece
        return
    yield (start, open_at, label)
    yield (open_at + 1, end, label)


def _cut_possessive(piece: Piece, para: str) -> Iterator[Piece]:
    """``Taoyuan’s Dayuan District`` is two places, ``People’s Liberation Army`` one name.

    So is ``Government Spokesperson’s Office``: a tail that is one generic word, or a head
    that ends in a title, keeps the name whole.
    """
    start, end, label = piece
    m = _POSSESSIVE_INSIDE.search(para, start, end)
    if m is None or m.end() >= end:
        yield piece
        return
    head = para[start : m.start()]
    tail = para[m.end() : end].split()
    if not head.strip() or not tail:
        yield piece
        return
    if (len(tail) == 1 and tail[0].lower() in HEAD_LABEL) or is_title(head.split()[-1]):
        yield piece
        return
    if is_gazetteer_place(head):
        head_label = "GPE"
    elif head.isupper() or " " in head:
        head_label = label
    else:
        yield piece
        return
    yield (start, m.start(), head_label)
    yield from _cut_possessive((m.end(), end, label), para)


def _cut_titles(piece: Piece, para: str) -> Iterator[Piece]:
    """``MAC Deputy Minister Chiu Wen-hsiang`` -> ``MAC`` and the PERSON ``Chiu Wen-hsiang``."""
    start, end, label = piece
    tokens = [(m.start(), m.end()) for m in TOKEN.finditer(para, start, end)]
    first = next((i for i, (a, b) in enumerate(tokens) if is_title(para[a:b])), None)
    if first is None:
        yield piece
        return
    last = first
    while last + 1 < len(tokens) and is_title(para[tokens[last + 1][0] : tokens[last + 1][1]]):
        last += 1
    rest = tokens[last + 1 :]
    person = bool(rest) and looks_like_person([para[a:b] for a, b in rest])
    if first > 0 and rest and not person:
        yield piece  # "Directorate ... of Highways": a title word inside a name, not before one
        return
    if first > 0:
        yield (start, tokens[first - 1][1], "ORG" if label == "PERSON" else label)
    if person:
        yield (rest[0][0], end, "PERSON")
    elif rest:
        yield (rest[0][0], end, label)


def _trim_lowercase_tail(para: str, start: int, end: int) -> int:
    """``Pacific coast`` -> ``Pacific``: names do not end in a lower-case common word."""
    while True:
        space = para.rfind(" ", start, end)
        if space < 0 or not para[space + 1 : end].isalpha() or not para[space + 1].islower():
            return end
        end = space


def _extend_route_number(e: Entity, para: str) -> Entity:
    """``Provincial Highway`` + ``68``: a numbered route keeps its number."""
    if e.text.split()[-1].lower() not in {"highway", "route", "road", "line", "expressway"}:
        return e
    m = _ROUTE_NUMBER.match(para, e.end)
    if m is None:
        return e
    return Entity(para[e.start : m.end()], e.label, e.paragraph, e.start, m.end())


def _head_label(e: Entity) -> Entity:
    words = e.text.split()
    label = HEAD_LABEL.get(words[-1].lower().rstrip("."), e.label) if len(words) > 1 else e.label
    if len(words) > 1 and words[0].lower() in EVENT_FIRST_WORDS:
        label = "EVENT"
    if label == e.label or (label in PLACE_LABELS and e.label in PLACE_LABELS):
        return e
    return Entity(e.text, label, e.paragraph, e.start, e.end)
