"""Merge spaCy's entities with the built-in recogniser's, keeping what each does best.

A small statistical model is good at the open-ended middle of news text (unfamiliar names in
ordinary sentences) and bad at the conventions of this kind of paper: romanised Chinese names with
characters in parentheses, acronyms defined once and reused, titles glued to names, photo credits,
bylines and datelines. Those conventions are cues that rules read reliably, so the merge works in
steps, each in its own module:

1. *Repair* spaCy's spans where they break the annotation conventions, and drop the model's
   commonest false alarms (:mod:`~newsreader.analysis.merge.repairs`).
2. *Cue entities*: read the strong cues from the text itself
   (:mod:`~newsreader.analysis.merge.cues`), and mark the built-in entities that agree with a
   cue, or sit on one of the built-in's own strong cues (Chinese characters after, a title
   before, a place's head word), as strong (here).
3. *Select* non-overlapping spans by rank (:mod:`~newsreader.analysis.merge.selection`): a
   certain cue, a strong built-in entity, a cue entity, a built-in number or date (its patterns
   follow the gold's extents), spaCy, a gap filler, any other built-in entity where nothing else
   was found.
4. *Reuse* and 5. *Labels* (:mod:`~newsreader.analysis.merge.labels`): short names take the
   label of the full name, the built-in's label wins on its cues, lone places in a place-like
   context become GPEs, nationality words used as languages become LANGUAGE.
6. *Trust* (:mod:`~newsreader.analysis.merge.trust`): the built-in entities stand; the merge
   of steps 1-5 only fills the gaps where it is reliable, and the model corrects the built-in's
   guessed labels. A span-by-span vote made the combination worse than the rules alone.

The conventions all steps test live in :mod:`~newsreader.analysis.merge.conventions`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from newsreader.analysis.merge.conventions import CJK_PAREN, HEAD_LABEL, cleaned_entities, is_title
from newsreader.analysis.merge.cues import BLOCK_LABEL, cue_entities, possessor_names
from newsreader.analysis.merge.labels import mark_languages, relabel_place, reuse_names, vote_label
from newsreader.analysis.merge.repairs import (
    is_lone_sentence_start,
    is_vague_time,
    repair_spacy_span,
    standalone_word_counts,
)
from newsreader.analysis.merge.selection import (
    RANK_BUILTIN,
    RANK_BUILTIN_NUMERIC,
    RANK_BUILTIN_STRONG,
    RANK_SPACY,
    RankedSpan,
    overlaps,
    select_by_rank,
)
from newsreader.analysis.merge.trust import builtin_first
from newsreader.model import NUMERIC_LABELS, PLACE_LABELS, Entity


def combine_entities(
    spacy_ents: Sequence[Entity],
    builtin_ents: Sequence[Entity],
    paragraphs: Sequence[str],
    guessed: Collection[tuple[int, int, int]] | None = None,
) -> list[Entity]:
    """One non-overlapping, text-ordered list of entities from both recognisers.

    ``guessed`` holds the (paragraph, start, end) of built-in names labelled by a default alone
    (:func:`~newsreader.analysis.entities.find.find_entities_with_guesses`); when not given it
    is worked out again from ``paragraphs``. With no built-in entities at all, the repaired model
    output is all there is. Every returned entity satisfies
    ``paragraphs[e.paragraph][e.start:e.end] == e.text``.
    """
    spacy_ok = cleaned_entities(spacy_ents, paragraphs)
    builtin_ok = cleaned_entities(builtin_ents, paragraphs)
    merged = _merge_all(spacy_ok, builtin_ok, paragraphs)
    if not builtin_ok:
        return merged
    if guessed is None:
        from newsreader.analysis.entities.find import find_entities_with_guesses

        guessed = find_entities_with_guesses(paragraphs)[1]
    return builtin_first(builtin_ok, spacy_ok, merged, guessed)


def _merge_all(
    spacy_ok: list[Entity], builtin_ok: list[Entity], paragraphs: Sequence[str]
) -> list[Entity]:
    """Steps 1 to 5: every span either recogniser found, repaired and chosen by rank."""
    cues = list(cue_entities(paragraphs, spacy_ok, builtin_ok))
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
        candidates.append(RankedSpan(e, rank))
    builtin_spans: dict[int, list[tuple[int, int]]] = {}
    for e in builtin_ok:
        builtin_spans.setdefault(e.paragraph, []).append((e.start, e.end))
    for spans in builtin_spans.values():
        spans.sort()
    standalone = standalone_word_counts(paragraphs)
    for e in spacy_ok:
        if not overlaps(builtin_spans.get(e.paragraph, []), e.start, e.end) and (
            is_vague_time(e) or is_lone_sentence_start(e, paragraphs, standalone)
        ):
            continue
        for piece in repair_spacy_span(e, paragraphs[e.paragraph]):
            candidates.append(RankedSpan(piece, RANK_SPACY, repairable=True))
    candidates.extend(possessor_names(paragraphs, spacy_ok))
    taken: dict[int, list[tuple[int, int]]] = {}
    chosen = select_by_rank(candidates, paragraphs, taken)
    chosen = reuse_names(chosen, paragraphs, taken)
    builtin_labels = {(e.paragraph, e.start, e.end): e.label for e in builtin_ok}
    chosen = [vote_label(e, builtin_labels, paragraphs) for e in chosen]
    name_words = {
        w for e in chosen if e.label == "PERSON" and " " in e.text for w in e.text.split()
    }
    out = [relabel_place(e, paragraphs, name_words) for e in chosen if e.label != BLOCK_LABEL]
    out.sort(key=lambda e: (e.paragraph, e.start))
    return mark_languages(out, paragraphs)


def _is_strong(e: Entity, para: str) -> bool:
    """A built-in entity on a cue the rules read better than a model."""
    if CJK_PAREN.match(para, e.end):
        return True
    before = para[max(0, e.start - 40) : e.start].split()
    if e.label == "PERSON" and before and is_title(before[-1]):
        return True
    return e.label in PLACE_LABELS and e.text.split()[-1].lower() in HEAD_LABEL
