"""The organisation a capitalised run names, and the name an acronym stands for.

Speakers are often organisations written three ways in one article ("the Ministry of Health and
Welfare", "the ministry", "MOHW"); these rules find the full name's extent in a run that also
holds a title, a possessive or a stray capital, so that every form resolves to the same name.
"""

from __future__ import annotations

import re

from newsreader.analysis.quotes.lexicon import (
    NON_NAME_WORDS,
    ORG_WORDS,
    PLACE_WORDS,
    TITLE_WORDS,
)
from newsreader.analysis.quotes.speaker_words import (
    NAME_CONNECTORS,
    Tok,
    is_possessive,
    strip_possessive,
)


def run_words(text: str, run: list[Tok]) -> list[str]:
    """The words of a run with its connectors ("Ministry", "of", "Health", "and", "Welfare")."""
    words: list[str] = []
    for k, t in enumerate(run):
        if k > 0:
            words.extend(text[run[k - 1].end : t.start].split())
        words.append(t.text)
    return words


def org_extent(text: str, run: list[Tok]) -> str | None:
    """The organisation a capitalised run names, if any, without a leading title or "Shares of"."""
    words = run_words(text, run)
    while words and (words[0].lower() in NON_NAME_WORDS or is_possessive(words[0])):
        words = words[1:]
    for i in range(len(words) - 1, -1, -1):
        if is_possessive(words[i]):
            words = words[i + 1 :]
            break
    if not any(w.lower() in ORG_WORDS for w in words if w not in NAME_CONNECTORS):
        return None
    # "Shares of Foxlink Precision Co" -> start at the first part that names an organisation.
    start = 0
    for i, w in enumerate(words):
        if w in NAME_CONNECTORS:
            continue
        if w.lower() in ORG_WORDS:
            break
        if i + 1 < len(words) and words[i + 1] in NAME_CONNECTORS:
            start = i + 1
    words = words[start:]
    while words and words[0] in NAME_CONNECTORS:
        words = words[1:]
    # Stop before a title that starts a person's description ("Council Deputy Minister Chiu").
    for i, w in enumerate(words):
        if i > 0 and w.lower() in TITLE_WORDS and w.lower() not in ORG_WORDS:
            words = words[:i]
            break
    # Keep what follows the last organisation word only through "of"/"for" ("Centers for
    # Disease Control"), not a stray capital after it ("Cathay United Bank NT$10 million").
    org_at = [i for i, w in enumerate(words) if w.lower() in ORG_WORDS and w not in NAME_CONNECTORS]
    if not org_at:
        return None
    last_org = org_at[-1]
    if last_org + 1 < len(words) and words[last_org + 1] not in NAME_CONNECTORS:
        words = words[: last_org + 1]
    while words and words[-1] in NAME_CONNECTORS:
        words = words[:-1]
    if not words or all(w.lower() in PLACE_WORDS for w in words):
        return None
    return " ".join(words)


def acronym_expansion(acr: str, words: list[str]) -> str | None:
    """The words before "(ACR)" that it abbreviates: by initials, else the organisation named."""
    letters = (acr[:-1] if acr.endswith("s") and acr[:-1].isupper() else acr).upper()
    for i in range(len(words) - 1, -1, -1):
        if words[i] in NAME_CONNECTORS:
            continue
        cand = [w for w in words[i:] if w not in NAME_CONNECTORS]
        if "".join(strip_possessive(w)[0].upper() for w in cand) == letters:
            return trim_org_name(" ".join(words[i:]))
    joined = " ".join(words)
    name = org_extent(
        joined, [Tok(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", joined)]
    )
    if name:
        return name
    return joined if len(words) <= 6 else None


def trim_org_name(name: str) -> str:
    """Drop a trailing "of China’s …" from an organisation ("Eastern Theater Command of …")."""
    m = re.search(r"\s+of\s+\S+(?:’s|'s)\b", name)
    if m:
        return name[: m.start()]
    return name
