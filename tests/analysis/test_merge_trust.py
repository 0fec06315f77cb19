"""The merge's last step: the built-in entities stand and the model only fills in.

Hand-made entity lists on invented text, so no spaCy pipeline is needed.
"""

from __future__ import annotations

from newsreader.analysis.merge.trust import builtin_first
from newsreader.model import Entity

PARA = "Orvik met Dana Kessler in Lisbon. Analysts at Brightwater said Kessler agreed."


def ent(text: str, label: str, nth: int = 0) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = PARA.index(text, start + 1)
    return Entity(text, label, 0, start, start + len(text))


def pairs(ents: list[Entity]) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in ents}


def test_builtin_labels_stand_against_the_model() -> None:
    builtin = [ent("Lisbon", "GPE"), ent("Brightwater", "ORG")]
    spacy = [ent("Lisbon", "PERSON"), ent("Brightwater", "GPE")]
    out = builtin_first(builtin, spacy, spacy, guessed=set())
    assert pairs(out) == {("Lisbon", "GPE"), ("Brightwater", "ORG")}


def test_a_guessed_organisation_the_model_reads_as_a_person_is_a_person() -> None:
    orvik = ent("Orvik", "ORG")
    spacy = [ent("Orvik", "PERSON")]
    guessed = {(0, orvik.start, orvik.end)}
    assert pairs(builtin_first([orvik], spacy, spacy, guessed)) == {("Orvik", "PERSON")}
    # without the guess, the rules had a cue: their label stands
    assert pairs(builtin_first([orvik], spacy, spacy, set())) == {("Orvik", "ORG")}


def test_model_fills_gaps_with_full_names_not_stray_words() -> None:
    builtin = [ent("Lisbon", "GPE")]
    spacy = [ent("Dana Kessler", "PERSON"), ent("Analysts", "ORG"), ent("Kessler", "PERSON", 1)]
    out = builtin_first(builtin, spacy, spacy, set())
    assert ("Dana Kessler", "PERSON") in pairs(out)
    assert ("Analysts", "ORG") not in pairs(out)


def test_a_gap_name_the_rules_labelled_elsewhere_takes_their_label() -> None:
    builtin = [ent("Kessler", "PERSON", 1)]
    spacy = [ent("Dana Kessler", "PERSON"), ent("Kessler", "ORG", 1)]
    merged = [ent("Dana Kessler", "PERSON")]
    out = builtin_first(builtin, spacy, merged, set())
    keys = [(e.text, e.label, e.start) for e in out]
    assert keys == sorted(keys, key=lambda k: k[2])
    assert pairs(out) == {("Dana Kessler", "PERSON"), ("Kessler", "PERSON")}
