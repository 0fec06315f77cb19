"""Words at the top of a paragraph that say "a new story starts here" or "this one goes on".

A news lead names its subject in full, dates it ("yesterday", "on Monday") and defines its
acronyms; a later paragraph points back instead: a pronoun ("He said ..."), a connective
("However, ..."), a bare surname ("Chung said ..."), a definite noun ("The agency ...") or an
attribution with no antecedent ("..., the ministry said"). These cues are read once per paragraph;
whether a name or noun was already mentioned is checked later against the current story.

Patterns are applied to a bounded head of the paragraph, with bounded repetition only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsreader.split.cohesion import stem
from newsreader.split.cues import HEAD, Para, word_set

#: How much of a paragraph the first-mention checks (acronyms, glossed names) read.
BODY_LOOK = 1200

_PRONOUN_START = re.compile(
    r"[“\"‘]?(?:He|She|They|His|Her|Their|Its|Him|Them|It|We|Our)\b(?![-’'])"
)
_CONNECTIVE_START = re.compile(
    r"(?:However|But|And|Also|Meanwhile|Separately|Still|Moreover|Furthermore|Instead|Nevertheless|"
    r"Nonetheless|Besides|Likewise|Similarly|Otherwise|Therefore|Thus|Yet|Even so|In addition|"
    r"In contrast|In response|By contrast|On the other hand|At the same time|Asked|When asked|"
    r"Earlier|Later|Previously|Elsewhere|Overall|Afterward|Afterwards|Then|Since then|"
    r"Other|Another|Both|The two|The three|Such|This|These|That|Those|Many of|Most of|Some of|"
    r"Of the|Among them|Among the|According to (?:him|her|them|the)\b)\b"
)
_ANAPHORIC_SAID = re.compile(
    r"\b(?:he|she|they|it|the (?:[a-z]+ ){0,2}[a-z]+) (?:said|says|added|told|wrote|warned|"
    r"noted|stressed|explained|asked)\b"
)
_FULL_NAME = re.compile(r"\b[A-Z][a-z]+(?:-[a-z]+)? [A-Z][a-z]+(?:-[a-z]+)?\b")
_DEFINITE_START = re.compile(r"The ([a-z][a-z-]+)")
# "Chung said", "Fan, 64,", "Kuan told": a bare name as the subject (no possessive, no title).
_SUBJECT_NAME = re.compile(r"([A-Z][a-z]+(?:-[a-z]+)?)(?=,| [a-z])")
_ACRONYM_DEF = re.compile(r"\(([A-Z][A-Za-z]{0,2}[A-Z]{1,6})\)")
_GLOSS = re.compile(r"\((?:[\u3400-\u9fff\uf900-\ufaff]{1,12})\)")
_SENTENCE_END = re.compile(r"[a-z0-9)][.!?][”\"’]?(?= |$)")
_TIME_WORD = re.compile(
    r"\b(?:(?:this|next|last) (?:night|morning|afternoon|evening|week|month|year|weekend|spring|"
    r"summer|autumn|fall|winter|season)|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.) \d{1,2}\b)"
)
# Words too common in names to say that a name was seen before ("National", "Taiwan").
_WEAK_NAME_WORDS = word_set("the of and for taiwan china chinese national")


@dataclass(frozen=True, slots=True)
class LeadCues:
    """What the top of one paragraph says, before it is compared with the current story."""

    pronoun: bool
    connective: bool
    anaphor: bool  # "he said", "the agency said" with no antecedent in the sentence
    quote: bool
    dated: bool  # a time word in the first sentence
    excerpt: bool  # a long paragraph that stops mid-sentence: a joined-up excerpt
    subject: str | None  # stem of a bare name used as the subject
    definite: str | None  # stem of the noun after a leading "The"
    acronyms: tuple[tuple[str, tuple[str, ...], bool], ...]  # (acronym, name stems, in the lead)
    glossed: tuple[tuple[str, ...], ...]  # name stems before each Chinese gloss


def lead_cues(para: Para) -> LeadCues:
    head = para.text[:HEAD]
    first = _first_sentence(head)
    anaphor = False
    m = _ANAPHORIC_SAID.search(first)
    if m and not _FULL_NAME.search(first[: m.start()]):
        noun = m.group(0).split()[-2] if m.group(0).startswith("the ") else ""
        anaphor = not noun or noun not in first[: m.start()].lower()
    subject = _SUBJECT_NAME.match(head)
    definite = _DEFINITE_START.match(head)
    body = para.text[:BODY_LOOK]
    acronyms = tuple(
        (m.group(1).lower(), _name_keys(body, m.start()), m.start() < HEAD)
        for m in _ACRONYM_DEF.finditer(body)
    )
    glossed = tuple(k for k in (_name_keys(body, m.start()) for m in _GLOSS.finditer(body)) if k)
    return LeadCues(
        pronoun=bool(_PRONOUN_START.match(head)),
        connective=bool(_CONNECTIVE_START.match(head)),
        anaphor=anaphor,
        quote=para.starts_quote,
        dated=_dated(first),
        excerpt=para.truncated and para.sentences >= 2 and len(para.text) >= 400,
        subject=stem(subject.group(1)) if subject else None,
        definite=stem(definite.group(1)) if definite else None,
        acronyms=acronyms,
        glossed=glossed,
    )


def _name_keys(text: str, end: int) -> tuple[str, ...]:
    """Stems of the capitalised name just before ``end`` (what an acronym or gloss explains)."""
    words = text[max(0, end - 80) : end].split()
    keys: list[str] = []
    for w in reversed(words[-7:]):
        if w in _NAME_JOINERS and keys:
            continue
        if not w[:1].isupper():
            break
        if len(w) > 1:
            k = stem(w.strip(",.;:’'\"“”"))
            if k and k not in _WEAK_NAME_WORDS:
                keys.append(k)
    return tuple(keys)


_NAME_JOINERS = frozenset(("of", "for", "and", "the", "de", "on"))


def _dated(first: str) -> bool:
    """A time word in the first sentence: a lead says when ("yesterday", "on Monday")."""
    if "yesterday" in first or "today" in first or "tonight" in first:
        return True
    if any(d in first for d in _DAYS):
        return True
    return _TIME_WORD.search(first) is not None


_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _first_sentence(head: str) -> str:
    m = _SENTENCE_END.search(head)
    return head[: m.end()] if m else head
