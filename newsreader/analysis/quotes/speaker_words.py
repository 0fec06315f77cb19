"""The words speaker resolution reads, and the speaker it returns.

Attribution, the article index (:mod:`~newsreader.analysis.quotes.speakers`) and the reading of
one attributing phrase (:mod:`~newsreader.analysis.quotes.speaker_phrases`) all tokenise the same
way and test the same word shapes: capitalised runs, possessives, acronyms, a personal name once
titles are cut off, the gender a title or pronoun gives away. One definition here keeps them
agreeing on what "Chiu" or "MAC" is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.analysis.quotes.lexicon import (
    FEMALE_WORDS,
    MALE_WORDS,
    NON_NAME_WORDS,
    ORG_WORDS,
    PLACE_WORDS,
    TITLE_WORDS,
)
from newsreader.model import Span

#: A place in the article: (paragraph index, character offset).
Pos = tuple[int, int]

# A word: letters/digits with inner apostrophes, hyphens, ampersands and dots ("U.S", "Wen-hsiang").
TOKEN_RE = re.compile(r"(?<![\w’'&-])[A-Za-z0-9](?:[\w’'&-]|\.(?=\w))*")
_CAP_RE = re.compile(r"(?<![\w’'&.-])[A-Z](?:[\w’'&-]|\.(?=\w))*")
_NAME_TOKEN_RE = re.compile(r"[A-Z][A-Za-z]*[a-z][A-Za-z]*(?:[’'][A-Z][a-z]+)?(?:-[A-Za-z]+)?")
HYPHENATED_GIVEN_NAME = re.compile(r"[A-Z][a-z]+-[a-z]+")
# "MAC", "NGOs", and mixed case where a small letter stands for "of" or "and" ("BoK", "PwC").
_ACRONYM_RE = re.compile(r"[A-Z](?:[A-Z0-9&]|[a-z](?=[A-Z])){1,8}s?")
_PAREN_RE = re.compile(r"\([^()\n]{0,80}\)")
NAME_CONNECTORS = frozenset({"of", "and", "for", "the", "on", "&", "de", "du", "van", "von"})
#: Subject pronouns and what they can refer to: a man, a woman, a group, a thing or body.
PRONOUN_KINDS = {"he": "m", "she": "f", "they": "p", "it": "n", "we": "p"}


def is_possessive(token: str) -> bool:
    """Ends in a possessive ("Lai’s", "officials’"): the run names an owner, not a speaker."""
    return token.endswith(("’s", "'s", "s’", "s'"))


def strip_possessive(token: str) -> str:
    """ "Lai’s" -> "Lai", so that both forms find the same person."""
    if token.endswith(("’s", "'s")):
        return token[:-2]
    if token.endswith(("s’", "s'")):
        return token[:-1]
    return token


def is_acronym(token: str) -> bool:
    """An upper-case short form ("MAC", "CDC", "NGOs") that may stand for an organisation."""
    return bool(_ACRONYM_RE.fullmatch(token))


def is_name_token(token: str) -> bool:
    """Shaped like a name, not a title or a function word (organisation words are judged later)."""
    low = token.lower()
    if low in NON_NAME_WORDS or low in TITLE_WORDS:
        return False
    return bool(_NAME_TOKEN_RE.fullmatch(token))


def blank_parentheses(text: str) -> str:
    """Blank short parentheticals, keeping offsets ("Chiu (邱文祥)" -> "Chiu      ")."""
    return _PAREN_RE.sub(lambda m: " " * (m.end() - m.start()), text)


@dataclass(frozen=True, slots=True)
class Tok:
    """One word and its offsets in the paragraph."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: ``name`` is canonical, ``mention`` the words as written and ``at``
    where they are written (so nothing has to search the text for them again)."""

    name: str | None
    mention: str | None
    kind: str  # "person", "org", "anon", "pronoun-unresolved", "none"
    plural: bool = False
    at: Span | None = None


NO_SPEAKER = Speaker(None, None, "none")


def cap_tokens(text: str) -> list[Tok]:
    """The capitalised words of ``text``: the material every name is made of."""
    return [Tok(m.start(), m.end(), m.group()) for m in _CAP_RE.finditer(text)]


def cap_runs(
    text: str, connectors: bool = False, toks: Sequence[Tok] | None = None
) -> list[list[Tok]]:
    """Runs of capitalised words separated by single spaces (and by "of"/"and"/… if asked)."""
    runs: list[list[Tok]] = []
    current: list[Tok] = []
    for tok in cap_tokens(text) if toks is None else toks:
        if current:
            gap = text[current[-1].end : tok.start]
            joined = gap == " " or (
                connectors
                and len(gap) < 8
                and gap.startswith(" ")
                and gap.endswith(" ")
                and all(w in NAME_CONNECTORS for w in gap.split())
            )
            if joined and not is_possessive(current[-1].text):
                current.append(tok)
                continue
            runs.append(current)
        current = [tok]
    if current:
        runs.append(current)
    return runs


def word_before(text: str, start: int) -> str:
    """The word right before ``start`` when only one space separates them.

    A short capitalised abbreviation counts with its full stop ("Sen. Ada Rusk" -> "Sen").
    """
    if start < 2 or text[start - 1] != " ":
        return ""
    end = start - 1
    abbreviated = text[end - 1] == "."
    if abbreviated:
        end -= 1
    i = end
    lo = max(0, start - 40)
    while i > lo and (text[i - 1].isalnum() or text[i - 1] in "-’'"):
        i -= 1
    word = text[i:end]
    if abbreviated and not (word[:1].isupper() and len(word) <= 5 and word.isalpha()):
        return ""
    return word


def person_tail(tokens: Sequence[Tok]) -> tuple[int, int]:
    """The slice of ``tokens`` that is a personal name once titles and organisations are cut off.

    An organisation or place word ends a title ("Ministry of Trade and Industry Ryota Shimizu")
    unless it is a surname before a hyphenated given name ("Park Ji-hoon"); as the last word it
    means the run names no person at all ("Seoul Central District Court").
    """
    n = len(tokens)
    cut = -1
    for i, t in enumerate(tokens):
        low = t.text.lower()
        surname = i == n - 2 and bool(HYPHENATED_GIVEN_NAME.fullmatch(tokens[i + 1].text))
        heads = (low in ORG_WORDS or low in PLACE_WORDS) and not surname
        initial = len(t.text) == 1 and t.text.isupper() and 0 < i < n - 1  # "Ada O. Lunde"
        if heads or not (is_name_token(t.text) or initial) or is_possessive(t.text):
            cut = i
    return cut + 1, n


def initials(words: Sequence[str]) -> str:
    """The capitals of ``words``, to match an acronym against a name ("MAC")."""
    return "".join(w[0] for w in words if w and w[0].isupper())


def gender_of(word: str) -> str | None:
    """The gender a word gives away ("chairwoman", "mother"), if any, for pronoun look-ups."""
    low = word.lower()
    if low in FEMALE_WORDS:
        return "f"
    if low in MALE_WORDS:
        return "m"
    return None


def gender_of_phrase(words: Sequence[str]) -> str | None:
    """The gender the last telling word of a phrase gives away, if any."""
    for w in reversed(words):
        g = gender_of(w)
        if g:
            return g
    return None
