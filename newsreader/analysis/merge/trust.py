"""The last step of the merge: the built-in recogniser's entities stand, spaCy fills in.

Measured on published news and on Reuters wire copy, the built-in rules beat the small model on
both extents and labels wherever both find a name, and most names the model adds where the
rules found nothing are false alarms (a sentence's first word, a headline's capitals, a piece of
a title). Letting the two vote span by span therefore made the combination worse than the rules
alone. So the built-in output is kept whole, and the model is heard only where it is reliable:

- a name the rules labelled by a default alone (an unknown word read as a company) that the
  model reads as a person, on the same span, becomes a person: the model knows given names from
  many languages that no word list here holds;
- in the gaps the rules left: a several-word name the model reads as a person, a place the
  gazetteer knows, a name the rules labelled elsewhere in the article (with the rules' label),
  and a name the merge's cues built (an acronym's expansion, a credit), not a bare word.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Collection, Sequence
from dataclasses import replace

from newsreader.analysis.entities.gazetteer import gazetteer
from newsreader.analysis.merge.selection import overlaps
from newsreader.model import PLACE_LABELS, Entity

_NAMES = frozenset({"PERSON", "ORG", *PLACE_LABELS})

SpanKey = tuple[int, int, int]


def _key(e: Entity) -> SpanKey:
    return (e.paragraph, e.start, e.end)


def builtin_first(
    builtin: Sequence[Entity],
    spacy: Sequence[Entity],
    merged: Sequence[Entity],
    guessed: Collection[SpanKey],
) -> list[Entity]:
    """The built-in entities (with guessed labels corrected) plus the trusted gap fillers.

    ``merged`` is the full merge of both recognisers, read only for what it adds in the gaps;
    ``guessed`` holds the spans the built-in labelled by a default alone.
    """
    model_label = {_key(e): e.label for e in spacy}
    out: list[Entity] = []
    spans: dict[int, list[tuple[int, int]]] = {}
    for e in sorted(builtin, key=lambda e: (e.paragraph, e.start, -e.end)):
        para_spans = spans.setdefault(e.paragraph, [])
        if overlaps(para_spans, e.start, e.end):
            continue
        if e.label == "ORG" and _key(e) in guessed and model_label.get(_key(e)) == "PERSON":
            e = replace(e, label="PERSON")
        out.append(e)
        insort(para_spans, (e.start, e.end))
    rules_label = {e.text: e.label for e in out}
    places = gazetteer().places
    for e in merged:
        para_spans = spans.setdefault(e.paragraph, [])
        if overlaps(para_spans, e.start, e.end):
            continue
        if e.text in rules_label:
            e = replace(e, label=rules_label[e.text])
        elif not (e.label in _NAMES and _trusted_gap(e, model_label.get(_key(e)), places)):
            continue
        out.append(e)
        insort(para_spans, (e.start, e.end))
    out.sort(key=lambda e: (e.paragraph, e.start))
    return out


def _trusted_gap(e: Entity, model_label: str | None, places: Collection[str]) -> bool:
    text = e.text
    words = text.split()
    several = len(words) > 1
    if e.label == "PERSON" and several and all(w[:1].isupper() for w in words):
        return True
    if e.label in PLACE_LABELS and text in places:
        return True
    # built or relabelled by the merge's cues (not a bare model span): a name, not a stray word
    return (
        model_label != e.label
        and text[:1].isupper()
        and (several or not gazetteer().is_common(text))
    )
