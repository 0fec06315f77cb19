"""Give all-capital lines the case the article's own prose uses, before names are looked for.

Wire headlines, datelines, kickers and table headings come in capitals ("SOCCER - JAPAN GET
LUCKY WIN", "RANGOON 1996-12-07", "FRIDAY, DECEMBER 6", "W L PCT GB"). The name rules read
capitals as the mark of a name, so on such a line every word is a candidate and one run swallows
the whole headline. Rather than teach every rule about capitals, such a line is re-cased word by
word, and the rules then read it like prose:

- the article itself is the best evidence: a word that its prose writes capitalised in mid-
  sentence ("Japan", "McDonald", "NATO") takes that form, a word it writes in lower case
  ("win", "surprise") becomes lower case;
- otherwise a known place, nationality, month or weekday is capitalised, an everyday English
  word is lowered, and an unknown word keeps a capital (it is most likely a name).

Only the case of letters changes, so every offset into the re-cased text is an offset into the
original, and entity texts are cut from the original.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from typing import Final

from newsreader.analysis.entities.gazetteer import Gazetteer
from newsreader.analysis.entities.lexicon import (
    ACRONYM_PLACES,
    NEWS_AGENCIES,
    SINGLE_ORGS,
    words_of,
)

_LETTERS: Final = re.compile(r"[^\W\d_]+")
_MID_SENTENCE_BEFORE: Final = re.compile(r"[\w,;)’'%$]\s*$")
_CAPITALISED_RUN: Final = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)+")
_CLITICS: Final = frozenset({"S", "T", "LL", "RE", "VE", "D", "M"})
_CALENDAR: Final = words_of(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday"
)
_ABBREVIATIONS: Final = frozenset({"ST", "MT", "FT", "DR", "MR", "MRS", "MS", "JR", "SR"})
_KEEP_UPPER: Final = frozenset(ACRONYM_PLACES | NEWS_AGENCIES) | {
    w.upper() for w in SINGLE_ORGS if w.isupper()
}


def is_all_caps(para: str) -> bool:
    """True for a line written in capitals: no lower-case word, and some capital word."""
    runs = _LETTERS.findall(para)
    upper = sum(1 for r in runs if len(r) > 1 and r.isupper())
    lower = sum(1 for r in runs if len(r) > 2 and not r.isupper())
    return upper > 0 and lower == 0


def truecased(paragraphs: Sequence[str], gaz: Gazetteer) -> list[str]:
    """``paragraphs`` with every all-capital line re-cased; other lines unchanged."""
    caps = [is_all_caps(p) for p in paragraphs]
    if not any(caps):
        return list(paragraphs)
    prose = [p for p, c in zip(paragraphs, caps, strict=True) if not c]
    forms = _prose_forms(prose)
    names = _prose_names(prose)
    return [
        _recase(p, forms, names, gaz) if c else p for p, c in zip(paragraphs, caps, strict=True)
    ]


def _prose_names(paragraphs: Sequence[str]) -> frozenset[str]:
    """Every two- and three-word run of capitalised words in the prose ("New York")."""
    out: set[str] = set()
    for para in paragraphs:
        for m in _CAPITALISED_RUN.finditer(para):
            words = m.group().split(" ")
            for size in (2, 3):
                for k in range(len(words) - size + 1):
                    out.add(" ".join(words[k : k + size]))
    return frozenset(out)


def _prose_forms(paragraphs: Sequence[str]) -> dict[str, tuple[str, bool]]:
    """Lower-cased word -> (its commonest form in prose, whether seen in mid-sentence)."""
    mid: dict[str, Counter[str]] = {}
    initial: dict[str, Counter[str]] = {}
    for para in paragraphs:
        for m in _LETTERS.finditer(para):
            word = m.group()
            before = para[max(0, m.start() - 3) : m.start()]
            table = mid if _MID_SENTENCE_BEFORE.search(before) else initial
            table.setdefault(word.lower(), Counter())[word] += 1
    out: dict[str, tuple[str, bool]] = {}
    for key, counts in initial.items():
        out[key] = (counts.most_common(1)[0][0], False)
    for key, counts in mid.items():
        out[key] = (counts.most_common(1)[0][0], True)
    return out


def _recase(
    para: str, forms: dict[str, tuple[str, bool]], names: frozenset[str], gaz: Gazetteer
) -> str:
    chars = list(para)
    words = list(_LETTERS.finditer(para))
    fixed: set[int] = set()
    # Several-word names first: "NEW YORK" is "New York" although prose writes "new" in lower
    # case, when the gazetteer or the article's prose has the name.
    for size in (3, 2):
        for k in range(len(words) - size + 1):
            window = words[k : k + size]
            if any(k + j in fixed for j in range(size)) or any(
                para[a.end() : b.start()] != " " for a, b in pairwise(window)
            ):
                continue
            phrase = " ".join(m.group()[:1] + m.group()[1:].lower() for m in window)
            if phrase in gaz.places or phrase in names:
                for j, m in enumerate(window):
                    chars[m.start() : m.end()] = phrase.split(" ")[j]
                    fixed.add(k + j)
    for k, m in enumerate(words):
        word = m.group()
        new = _word_case(para, m.start(), word, forms, gaz)
        if k not in fixed and len(new) == len(word):
            chars[m.start() : m.end()] = new
    return "".join(chars)


def _word_case(
    para: str, start: int, word: str, forms: dict[str, tuple[str, bool]], gaz: Gazetteer
) -> str:
    lower = word.lower()
    if para[start - 1 : start] in ("'", "’") and word in _CLITICS:
        return lower  # "JAPAN'S"
    if len(word) == 1:
        return word if para[start + 1 : start + 2] == "." else lower
    seen = forms.get(lower)
    if seen is not None:
        form, in_mid_sentence = seen
        if in_mid_sentence or not (form.islower() or gaz.is_common(word)):
            return form
    title = word[:1] + lower[1:]
    if word in _KEEP_UPPER:
        return word
    if (
        title in gaz.places
        or title in gaz.nationalities
        or lower in _CALENDAR
        or word.upper() in _KEEP_UPPER
    ):
        return title
    if word in _ABBREVIATIONS:
        return title  # "ST LOUIS", "MT EVEREST"
    if gaz.is_common(word) or len(word) <= 3:
        return lower  # short unknown capitals are a table's or a kicker's abbreviations
    return title
