"""The optional spaCy backend, the merge with the built-in rules, and choosing the recogniser.

Tests that need spaCy and an English pipeline skip cleanly without them and run for real with
them (``tests/requirements-spacy.txt`` installs a hash-pinned copy of en_core_web_sm). The merge
and the recogniser choice are plain functions, tested here without spaCy on hand-made entities.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsreader.analysis import recogniser, spacy_backend
from newsreader.analysis.merge.combine import combine_entities
from newsreader.analysis.recogniser import (
    INSTALL_HINT,
    RecogniserError,
    recognise,
    requested_recogniser,
    resolve_recogniser,
    spacy_available,
)
from newsreader.model import Entity

ONTONOTES = {
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
}  # fmt: skip

# Invented text in the style the reader is built for (none of it is from the dev set).
PARAS = (
    "By Liao Mei-ling / Staff reporter",
    "The Water Resources Agency (WRA) said yesterday that Deputy Minister Hsu Kuan-ting "
    "(徐冠廷) would inspect the Tsengwen Reservoir in Tainan’s Nanhua District (南化) on Monday.",
    "“The reservoir is at 40 percent,” Hsu said, adding that the WRA would meet farmers in Osaka "
    "next week.",
    "Engineers check a sluice gate at the reservoir yesterday. Photo: Chen Yu-han, Taipei Times",
)


def _ent(paras: Sequence[str], index: int, text: str, label: str, nth: int = 0) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = paras[index].index(text, start + 1)
    return Entity(text, label, index, start, start + len(text))


def _pairs(ents: Sequence[Entity]) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in ents}


def _assert_well_formed(ents: Sequence[Entity], paras: Sequence[str]) -> None:
    for e in ents:
        assert paras[e.paragraph][e.start : e.end] == e.text
        assert e.label in ONTONOTES
    keys = [(e.paragraph, e.start, e.end) for e in ents]
    assert keys == sorted(keys)
    for a, b in itertools.pairwise(ents):
        assert a.paragraph < b.paragraph or a.end <= b.start


# --- the merge, on hand-made spaCy and built-in output ---------------------------------------


def test_combine_keeps_builtin_chinese_name_over_a_model_misreading() -> None:
    spacy = [_ent(PARAS, 1, "Deputy Minister Hsu Kuan-ting", "ORG")]
    builtin = [_ent(PARAS, 1, "Hsu Kuan-ting", "PERSON")]
    out = combine_entities(spacy, builtin, PARAS)
    assert ("Hsu Kuan-ting", "PERSON") in _pairs(out)
    assert not any("Minister" in e.text for e in out)
    _assert_well_formed(out, PARAS)


def test_combine_reads_chinese_characters_cue_without_the_builtin() -> None:
    spacy = [_ent(PARAS, 1, "Hsu Kuan-ting (徐冠廷", "ORG"), _ent(PARAS, 1, "Nanhua", "PERSON")]
    out = combine_entities(spacy, [], PARAS)
    pairs = _pairs(out)
    assert ("Hsu Kuan-ting", "PERSON") in pairs
    assert ("Nanhua District", "GPE") in pairs
    assert ("Tainan", "GPE") in pairs
    assert not any("徐" in e.text for e in out)
    _assert_well_formed(out, PARAS)


def test_combine_applies_a_defined_acronym_everywhere() -> None:
    spacy = [
        _ent(PARAS, 1, "The Water Resources Agency", "ORG"),
        _ent(PARAS, 2, "WRA", "PERSON"),
    ]
    builtin = [_ent(PARAS, 1, "Water Resources Agency", "ORG")]
    out = combine_entities(spacy, builtin, PARAS)
    wra = [e for e in out if e.text == "WRA"]
    assert len(wra) == 2
    assert {e.label for e in wra} == {"ORG"}
    assert ("Water Resources Agency", "ORG") in _pairs(out)
    _assert_well_formed(out, PARAS)


def test_combine_reads_credit_and_byline() -> None:
    spacy = [_ent(PARAS, 0, "Liao Mei-ling / Staff", "PERSON"), _ent(PARAS, 3, "Chen", "ORG")]
    out = combine_entities(spacy, [], PARAS)
    pairs = _pairs(out)
    assert ("Liao Mei-ling", "PERSON") in pairs
    assert ("Chen Yu-han", "PERSON") in pairs
    assert ("Taipei Times", "ORG") in pairs
    _assert_well_formed(out, PARAS)


def test_combine_gives_a_surname_the_persons_label() -> None:
    spacy = [_ent(PARAS, 1, "Hsu Kuan-ting", "PERSON")]
    out = combine_entities(spacy, [], PARAS)
    assert ("Hsu", "PERSON") in _pairs(out)


def test_combine_drops_a_titled_portfolio() -> None:
    paras = ("Minister of Economic Affairs Kuo Jyh-ming told reporters the plan was ready.",)
    spacy = [_ent(paras, 0, "Economic Affairs Kuo Jyh-ming", "ORG")]
    out = combine_entities(spacy, [], paras)
    assert _pairs(out) == {("Kuo Jyh-ming", "PERSON")}


def test_combine_prefers_builtin_numbers_and_keeps_spacy_elsewhere() -> None:
    paras = ("The quake struck at 3:17am, about 20km off Yilan, and Lin Hui-chen was unhurt.",)
    spacy = [
        _ent(paras, 0, "3:17am", "CARDINAL"),
        _ent(paras, 0, "20km", "QUANTITY"),
        _ent(paras, 0, "Yilan", "GPE"),
        _ent(paras, 0, "Lin Hui-chen", "PERSON"),
    ]
    builtin = [_ent(paras, 0, "3:17am", "TIME"), _ent(paras, 0, "about 20km", "QUANTITY")]
    out = combine_entities(spacy, builtin, paras)
    assert _pairs(out) == {
        ("3:17am", "TIME"),
        ("about 20km", "QUANTITY"),
        ("Yilan", "GPE"),
        ("Lin Hui-chen", "PERSON"),
    }


def test_combine_ignores_entities_that_do_not_match_their_text() -> None:
    paras = ("Kaohsiung is hot.",)
    bad = [Entity("Taipei", "GPE", 0, 0, 6), Entity("Kaohsiung", "GPE", 3, 0, 9)]
    assert combine_entities(bad, bad, paras) == []


_LABELS = st.sampled_from(["PERSON", "ORG", "GPE", "DATE", "CARDINAL", "NORP"])


@st.composite
def _article(draw: st.DrawFn) -> tuple[list[str], list[Entity], list[Entity]]:
    words = st.sampled_from(
        ["Chen", "Wen-li", "(陳文立)", "(CWA)", "the", "Photo:", "Taipei", "Times,", "’s", "said",
         "Minister", "of", "Labor", "Typhoon", "Kong-rey", "in", "Hualien", "County", "5", "/"]
    )  # fmt: skip
    paras = [
        " ".join(draw(st.lists(words, min_size=1, max_size=14)))
        for _ in range(draw(st.integers(1, 3)))
    ]

    def ents() -> list[Entity]:
        out = []
        for _ in range(draw(st.integers(0, 6))):
            i = draw(st.integers(0, len(paras) - 1))
            a = draw(st.integers(0, len(paras[i]) - 1))
            b = draw(st.integers(a + 1, len(paras[i])))
            out.append(Entity(paras[i][a:b], draw(_LABELS), i, a, b))
        return out

    return paras, ents(), ents()


@given(_article())
def test_combine_output_is_sorted_non_overlapping_and_matches_text(
    case: tuple[list[str], list[Entity], list[Entity]],
) -> None:
    paras, spacy, builtin = case
    out = combine_entities(spacy, builtin, paras)
    _assert_well_formed(out, paras)


def test_combine_is_linear_on_a_huge_line() -> None:
    para = "Officials of the Water Resources Agency (WRA) in Hualien (花蓮) met. " * 20_000
    out = combine_entities([], [], [para])
    assert sum(e.text == "WRA" for e in out) == 20_000


# --- choosing the recogniser -----------------------------------------------------------------


def _hide_spacy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``import spacy`` fail and ``find_spec('spacy')`` return None, as when not installed."""
    monkeypatch.setitem(sys.modules, "spacy", None)


def test_builtin_is_always_available() -> None:
    assert resolve_recogniser("builtin") == "builtin"
    assert resolve_recogniser(" BuiltIn ") == "builtin"


def test_auto_falls_back_to_builtin_without_spacy(monkeypatch: pytest.MonkeyPatch) -> None:
    _hide_spacy(monkeypatch)
    assert not spacy_available()
    assert resolve_recogniser("auto") == "builtin"


def test_auto_falls_back_without_a_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spacy_backend, "installed_pipeline", lambda: None)
    assert resolve_recogniser("auto") == "builtin"


def test_auto_picks_spacy_when_available(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recogniser, "spacy_available", lambda: True)
    assert resolve_recogniser("auto") == "spacy"
    assert resolve_recogniser("spacy") == "spacy"


def test_asking_for_missing_spacy_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    _hide_spacy(monkeypatch)
    with pytest.raises(RecogniserError) as info:
        resolve_recogniser("spacy")
    message = str(info.value)
    assert "\n" not in message
    assert "pip install 'newsreader[nlp]'" in message
    assert "python -m spacy download en_core_web_sm" in message
    assert INSTALL_HINT in message


def test_asking_for_spacy_without_a_pipeline_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recogniser, "_spacy_installed", lambda: True)
    monkeypatch.setattr(spacy_backend, "installed_pipeline", lambda: None)
    with pytest.raises(RecogniserError, match="no spaCy English pipeline"):
        resolve_recogniser("spacy")


def test_recognise_builtin_is_the_builtin_recogniser() -> None:
    from newsreader.analysis.entities.find import find_entities

    assert recognise(PARAS, "builtin") == find_entities(PARAS)
    with pytest.raises(RecogniserError):
        recognise(PARAS, "auto")


def test_unknown_choice_is_an_error() -> None:
    with pytest.raises(RecogniserError, match="auto, builtin or spacy"):
        resolve_recogniser("nltk")


def test_requested_recogniser_option_then_environment_then_auto() -> None:
    assert requested_recogniser("builtin", {"NEWSREADER_ENTITIES": "spacy"}) == "builtin"
    assert requested_recogniser(None, {"NEWSREADER_ENTITIES": " Spacy "}) == "spacy"
    assert requested_recogniser(None, {}) == "auto"


def test_a_named_model_that_is_missing_is_not_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(spacy_backend.MODEL_ENV, "xx_no_such_pipeline_sm")
    assert spacy_backend.installed_pipeline() is None


def test_choosing_a_recogniser_does_not_import_spacy() -> None:
    code = (
        "import sys\n"
        "from newsreader.analysis.recogniser import resolve_recogniser\n"
        "import newsreader.analysis.merge.combine\n"
        "resolve_recogniser('auto')\n"
        "print('spacy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- the real pipeline (skipped when spaCy or a model is missing) ----------------------------


@pytest.fixture(scope="module")
def pipeline() -> str:
    pytest.importorskip("spacy")
    name = spacy_backend.installed_pipeline()
    if name is None:
        pytest.skip("no spaCy English pipeline installed")
    return name


def test_installed_pipeline_is_found_and_importable(pipeline: str) -> None:
    assert pipeline.startswith("en_")
    assert spacy_available()
    assert resolve_recogniser("auto") == "spacy"


def test_spacy_entities_are_valid_spans(pipeline: str) -> None:
    paras = (
        "The Kaohsiung City Government said on Monday that Mayor Tan Li-wen would fly to Osaka.",
        "Tan’s office said the trip would cost NT$2 million.",
    )
    ents = spacy_backend.spacy_entities(paras)
    assert ents, "the pipeline found nothing"
    _assert_well_formed(ents, paras)
    for e in ents:
        assert not e.text.lower().startswith("the ")
        assert not e.text.endswith(("’s", "'s"))
    assert any(e.label == "GPE" and e.text == "Osaka" for e in ents)


def test_spacy_pipeline_is_loaded_once_without_parser(pipeline: str) -> None:
    nlp = spacy_backend.load_pipeline()
    assert nlp is spacy_backend.load_pipeline()
    assert "ner" in nlp.pipe_names
    assert "parser" not in nlp.pipe_names


def test_spacy_entities_offsets_survive_chunking(
    pipeline: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spacy_backend, "CHUNK_CHARS", 120)
    para = " ".join(["Officials met in Osaka on Monday to discuss the plan."] * 12)
    ents = spacy_backend.spacy_entities([para])
    _assert_well_formed(ents, [para])
    assert sum(e.text == "Osaka" for e in ents) >= 10


def test_spacy_and_rules_combined_on_real_output(pipeline: str) -> None:
    out = recognise(PARAS, resolve_recogniser("spacy"))
    _assert_well_formed(out, PARAS)
    pairs = _pairs(out)
    assert ("Hsu Kuan-ting", "PERSON") in pairs
    assert [e.label for e in out if e.text == "WRA"] == ["ORG", "ORG"]
    assert ("Liao Mei-ling", "PERSON") in pairs
    assert ("Chen Yu-han", "PERSON") in pairs
