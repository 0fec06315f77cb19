"""The last steps of the merge: labels that only the whole article can settle.

Once the spans are chosen, a surname or an organisation's short name standing alone takes the
label of the full name found elsewhere (and missed mentions are filled in); where both
recognisers found the same span, the built-in's label wins on the cues it reads better
(events, languages, laws; places and teams when the context agrees); a lone city or country that
spaCy called an organisation or a person in a place-like context becomes a GPE; and a
nationality word used as a language ("in Japanese") becomes a LANGUAGE.

Every regex here is linear-time: inputs may be one 20 MB line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsreader.analysis.merge.conventions import (
    CJK_PAREN,
    EVENT_FIRST_WORDS,
    NAME_TOKEN,
    country_names,
    is_gazetteer_place,
    looks_like_person,
)
from newsreader.analysis.merge.selection import RANK_FILL, RankedSpan, select_by_rank
from newsreader.model import NAME_LABELS, PLACE_LABELS, Entity

#: A capitalised plural ends a team's name ("Rakuten Monkeys"), not a place's.
_TEAM_WORD = re.compile(r"[A-Z][a-z]+[^su]s")
_LANGUAGE_BEFORE = re.compile(r"\b(?:in|speak|speaks|spoke|speaking|fluent)\s+$", re.IGNORECASE)
_PHRASE_END = re.compile(r"$|[.,;:!?)”\"]| (?:and|or) [A-Z]")
_LANGUAGE_AFTER = re.compile(
    r"\s+(?:interpreters?|translators?|translations?|language|speakers?|subtitles?|dub)\b"
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


def reuse_names(
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
        if e.label == "PERSON" and looks_like_person(words):
            chinese = "-" in words[1] or CJK_PAREN.match(paragraphs[e.paragraph], e.end)
            people.add(words[0] if chinese else words[-1])
        elif e.label == "ORG" and words[0][:1].isupper() and not is_gazetteer_place(words[0]):
            orgs.add(words[0])
        elif e.label == "EVENT" and words[0].lower() in EVENT_FIRST_WORDS:
            events.add(words[-1])
    orgs -= people
    orgs -= {e.text for e in chosen if e.label == "NORP"}
    # A "surname" that is also a place here ("Wild Bird Federation Taiwan" read as a person)
    # is not one.
    people -= {e.text for e in chosen if e.label in PLACE_LABELS}
    people = {p for p in people if p not in country_names()}
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
    fills = {k: v for k, v in fills.items() if NAME_TOKEN.match(k)}
    if fills:
        names = "|".join(map(re.escape, sorted(fills, key=len, reverse=True)))
        pattern = re.compile(rf"(?<![\w’'-])({names})(?![\w-]| [A-Z])")
        extra = [
            RankedSpan(
                Entity(m.group(1), fills[m.group(1)], index, m.start(1), m.end(1)), RANK_FILL
            )
            for index, para in enumerate(paragraphs)
            for m in pattern.finditer(para)
        ]
        out.extend(select_by_rank(extra, paragraphs, taken))
    return out


def vote_label(
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


def relabel_place(e: Entity, paragraphs: Sequence[str], name_words: set[str]) -> Entity:
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


def mark_languages(ents: list[Entity], paragraphs: Sequence[str]) -> list[Entity]:
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
