"""Where one capitalised run holds two names: tests on a run's first words or a word pair.

Kept apart from the cutting itself (:mod:`~newsreader.analysis.entities.candidates`) because
each is a small judgement of its own about the kind of text a run comes from: a nationality or
a country before a person ("American Jessica Lind", "in Guinea Georges Ki-Zerbo"), a word that
only describes the person at a sentence's start ("Outspoken Anna Berg"), and photo credits,
whose capitals run into the next name ("AFP-JIJI BERLIN", "ST PHOTO: ANNA BERG Singapore").
"""

from __future__ import annotations

from typing import Final

from newsreader.analysis.entities.gazetteer import Gazetteer
from newsreader.analysis.entities.lexicon import (
    HEAD_FIRST,
    HEADS,
    MASCOTS,
    PERSON_ROLES,
    TITLE_CORE,
    TITLE_MODIFIERS,
    words_of,
)

#: One word of a run: its start and end in the paragraph, and its text.
Token = tuple[int, int, str]

_PARTICLES: Final = words_of("De Van Von Da Di Le La Del Der Den Dos Das El Al")


def capitals_then_title_case(current: list[Token], tok: Token) -> bool:
    """ "ALPHONSUS CHERN Singapore": two words in capitals (a credit), then another name."""
    return (
        len(current) >= 2
        and all(t[2].isupper() and len(t[2]) > 1 for t in current[-2:])
        and tok[2][:1].isupper()
        and tok[2][1:].islower()
    )


def credit_then_dateline(gaz: Gazetteer, para: str, prev: Token, tok: Token) -> bool:
    """ "AFP-JIJI BERLIN": an agency's capitals, then a place's, are two names."""
    return (
        "-" in prev[2]
        and prev[2].isupper()
        and tok[2].isupper()
        and len(tok[2]) > 2
        and tok[2].title() in gaz.places
        and para[prev[0] : tok[1]].title() not in gaz.places
    )


def country_then_person(gaz: Gazetteer, para: str, piece: list[Token]) -> bool:
    """ "Guinea Georges Ki-Zerbo": a country, then a given name and a surname."""
    rest = [t[2] for t in piece[1:]]
    return (
        2 <= len(rest) <= 3
        and piece[0][2] in gaz.countries
        and para[piece[0][1] : piece[1][0]] == " "
        and rest[0] in gaz.name_words
        and rest[0] not in gaz.places
        and not any(gaz.is_common(w) or w in HEADS or w in MASCOTS for w in rest)
    )


def adjective_then_name(gaz: Gazetteer, piece: list[Token]) -> bool:
    """ "Outspoken Anna Berg" at a sentence's start: an everyday word, then a person's name."""
    first, rest = piece[0][2], [t[2] for t in piece[1:]]
    return (
        2 <= len(rest) <= 3
        and first.isalpha()
        and gaz.is_common(first)
        and first not in gaz.name_words
        and first not in gaz.nationalities
        and first not in TITLE_CORE
        and first not in TITLE_MODIFIERS
        and first not in HEAD_FIRST
        and first.lower() not in PERSON_ROLES
        and not any(gaz.is_common(w) or w in HEADS or w in MASCOTS for w in rest)
        and f"{first} {rest[0]}" not in gaz.places  # "New York ..."
        and rest[0] not in _PARTICLES  # "Gilles De Bilde"
    )


def nationality_then_person(gaz: Gazetteer, para: str, piece: list[Token]) -> bool:
    """ "American Jessica Lind": a nationality, then a given name and a surname."""
    return (
        len(piece) == 3
        and piece[0][2] in gaz.nationalities
        and not gaz.is_common(piece[1][2])
        and (piece[1][2] in gaz.name_words or not gaz.is_common(piece[2][2]))
        and piece[2][2] not in HEADS
        and piece[2][2] not in MASCOTS
        and para[piece[0][1] : piece[1][0]] == " "
    )
