"""The built-in entity recogniser: one small invented fixture per rule, plus properties."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.analysis.entities.find import find_entities
from newsreader.analysis.entities.numbers import find_numeric
from newsreader.model import Entity


def pairs(paragraphs: Sequence[str]) -> list[tuple[str, str]]:
    return [(e.text, e.label) for e in find_entities(paragraphs)]


def labels_of(paragraphs: Sequence[str], text: str) -> list[str]:
    return [e.label for e in find_entities(paragraphs) if e.text == text]


# --- people ----------------------------------------------------------------------------------


def test_chinese_name_with_characters_in_parentheses() -> None:
    got = pairs(["Agency director Lu Mei-ling (呂美玲) said the plan was sound."])
    assert ("Lu Mei-ling", "PERSON") in got
    assert not any("呂" in text for text, _ in got)


def test_title_is_excluded_from_the_person() -> None:
    got = pairs(["Deputy Minister of Economic Affairs Wen Tsung-lin visited Tainan."])
    assert ("Wen Tsung-lin", "PERSON") in got
    assert not any("Minister" in text for text, _ in got)


def test_title_between_organisation_and_person_splits_both() -> None:
    got = pairs(["Fisheries Agency Deputy Director-General Kuo Pei-ju spoke first."])
    assert ("Fisheries Agency", "ORG") in got
    assert ("Kuo Pei-ju", "PERSON") in got


def test_surname_alone_later_is_the_same_person() -> None:
    paras = ["Forecaster Tsao Jia-hong said rain would spread.", "Tsao said the worst was over."]
    assert labels_of(paras, "Tsao") == ["PERSON"]


def test_western_name_and_age_after_it() -> None:
    got = pairs(["Retired teacher Nora Whitlock, 71, said she would vote."])
    assert ("Nora Whitlock", "PERSON") in got
    assert ("71", "DATE") in got


def test_title_with_a_list_after_of() -> None:
    got = pairs(["Minister of Oceans, Fisheries and Ports Hana Okafor spoke."])
    assert ("Hana Okafor", "PERSON") in got
    assert not any("Minister" in text for text, _ in got)


def test_names_joined_by_and_are_two_entities() -> None:
    got = pairs(["By Kao Yu-hsin and Pan Ting-wei / Staff reporters"])
    assert ("Kao Yu-hsin", "PERSON") in got
    assert ("Pan Ting-wei", "PERSON") in got


def test_title_word_inside_an_institution_name_stays() -> None:
    assert ("Ministry of Justice", "ORG") in pairs(["The Ministry of Justice disagreed."])


def test_aged_is_a_date_but_damaged_is_not() -> None:
    got = pairs(["Children aged 12 joined.", "Storms damaged 40 homes."])
    assert ("12", "DATE") in got
    assert ("40", "CARDINAL") in got


def test_surnamed_marks_a_person() -> None:
    got = pairs(["The driver, a man surnamed Chien (簡), was unhurt."])
    assert ("Chien", "PERSON") in got


# --- organisations ---------------------------------------------------------------------------


def test_acronym_defined_then_reused_alone() -> None:
    paras = [
        "The Ocean Affairs Council (OAC) opened an inquiry.",
        "An OAC official said the inquiry would take a month.",
    ]
    got = pairs(paras)
    assert ("Ocean Affairs Council", "ORG") in got
    assert labels_of(paras, "OAC") == ["ORG", "ORG"]


def test_acronym_of_lowercase_words_is_not_an_entity() -> None:
    paras = ["Use of machine learning (ML) is growing.", "ML tools were shown."]
    assert labels_of(paras, "ML") == []


@pytest.mark.parametrize(
    ("sentence", "org"),
    [
        ("Shares of Kaiyang Plastics Corp rose.", "Kaiyang Plastics Corp"),
        ("He joined the Hsinchu Parenting Institute last year.", "Hsinchu Parenting Institute"),
        ("The Bureau of Foreign Trade issued a notice.", "Bureau of Foreign Trade"),
        ("A report by the Judicial Yuan was published.", "Judicial Yuan"),
        ("The Minsheng Party won two seats.", "Minsheng Party"),
        ("The Kaohsiung Harbor Bureau said so.", "Kaohsiung Harbor Bureau"),
    ],
)
def test_organisation_suffixes(sentence: str, org: str) -> None:
    assert (org, "ORG") in pairs([sentence])


def test_leading_the_and_possessive_are_excluded() -> None:
    got = pairs(["The Water Resources Agency’s report blamed the drought."])
    assert ("Water Resources Agency", "ORG") in got


def test_possessive_splits_place_from_organisation() -> None:
    got = pairs(["Japan’s Fisheries Research Institute disagreed."])
    assert ("Japan", "GPE") in got
    assert ("Fisheries Research Institute", "ORG") in got


def test_company_short_name_reused() -> None:
    paras = ["Lanyang Biotech Co said profit rose.", "Lanyang shares gained 3 percent."]
    assert labels_of(paras, "Lanyang") == ["ORG"]


# --- places ----------------------------------------------------------------------------------


@pytest.mark.parametrize("county", ["Kinmen", "Lienchiang", "Penghu", "Yunlin", "Miaoli"])
def test_taiwan_counties_are_places(county: str) -> None:
    assert (county, "GPE") in pairs([f"Residents of {county} were told to stay indoors."])


def test_gazetteer_countries_and_cities() -> None:
    got = pairs(["Flights from Brazil to Manila and Nairobi resumed."])
    assert {("Brazil", "GPE"), ("Manila", "GPE"), ("Nairobi", "GPE")} <= set(got)


def test_dateline_in_capitals_is_a_place() -> None:
    got = pairs(["NAIROBI (Reuters) - Rain fell across the region."])
    assert ("NAIROBI", "GPE") in got
    assert ("Reuters", "ORG") in got


def test_place_inside_hyphenated_compound() -> None:
    got = pairs(["A Tainan-based firm and a Japan-funded lab."])
    assert ("Tainan", "GPE") in got
    assert ("Japan", "GPE") in got


def test_multiword_place_inside_hyphenated_compound() -> None:
    got = pairs(["The Hong Kong-based Lantau Shipping Co grew."])
    assert ("Hong Kong", "GPE") in got
    assert ("Lantau Shipping Co", "ORG") in got


def test_unknown_word_with_place_cue() -> None:
    got = pairs(["The storm reached the island of Okinoerabu after dawn."])
    assert ("Okinoerabu", "GPE") in got


def test_facility_and_location_heads() -> None:
    got = pairs(["Divers searched the Fenglin River near Dajia Stadium."])
    assert ("Fenglin River", "LOC") in got
    assert ("Dajia Stadium", "FAC") in got


# --- groups, languages, events, laws ---------------------------------------------------------


def test_nationalities() -> None:
    got = pairs(["Taiwanese and Japanese officials met American envoys."])
    assert {("Taiwanese", "NORP"), ("Japanese", "NORP"), ("American", "NORP")} <= set(got)


def test_language_by_cue() -> None:
    got = pairs(["Guides speak Mandarin, English and Japanese."])
    assert ("Japanese", "LANGUAGE") in got
    assert ("Mandarin", "LANGUAGE") in got


def test_typhoon_name_is_an_event_and_reused() -> None:
    paras = ["Typhoon Liwan weakened overnight.", "Liwan is expected to leave by noon."]
    assert ("Typhoon Liwan", "EVENT") in pairs(paras)
    assert labels_of(paras, "Liwan") == ["EVENT"]


def test_law_head() -> None:
    assert ("Fishery Subsidies Act", "LAW") in pairs(["The Fishery Subsidies Act passed."])


# --- captions and bylines --------------------------------------------------------------------


def test_caption_credit_line() -> None:
    got = pairs(["Photo: Nora Lindqvist, Reuters"])
    assert ("Nora Lindqvist", "PERSON") in got
    assert ("Reuters", "ORG") in got


def test_byline() -> None:
    assert ("Hung Yi-ting", "PERSON") in pairs(["By Hung Yi-ting / Staff reporter"])


# --- numbers, dates and times ----------------------------------------------------------------


def numeric(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], label) for s, e, label in find_numeric(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On May 3 last year it rained.", ("May 3 last year", "DATE")),
        ("It closed yesterday.", ("yesterday", "DATE")),
        ("It opens next month.", ("next month", "DATE")),
        ("It runs from Sept. 4.", ("Sept. 4", "DATE")),
        ("The law dates from 1998.", ("1998", "DATE")),
        ("A 63-year-old man fell.", ("63-year-old", "DATE")),
        ("It struck at 6:05am local time.", ("6:05am", "TIME")),
        ("Doors open at 9:15pm.", ("9:15pm", "TIME")),
        ("Rain is likely this afternoon.", ("this afternoon", "TIME")),
        ("The delay lasted more than three hours.", ("more than three hours", "TIME")),
        ("The town is 42km away.", ("42km", "QUANTITY")),
        ("Winds reached up to 150 km per hour.", ("up to 150 km per hour", "QUANTITY")),
        ("It costs NT$7 billion.", ("NT$7 billion", "MONEY")),
        ("It costs about US$3.4 million.", ("about US$3.4 million", "MONEY")),
        ("Support fell to 31.6 percent.", ("31.6 percent", "PERCENT")),
        ("Sales rose 18%.", ("18%", "PERCENT")),
        ("Turnout needs at least 25 percent.", ("at least 25 percent", "PERCENT")),
        ("There were two winners.", ("two", "CARDINAL")),
        ("About 6 million voted.", ("About 6 million", "CARDINAL")),
        ("The vote was 57-41.", ("57-41", "CARDINAL")),
        ("She came fourth.", ("fourth", "ORDINAL")),
    ],
)
def test_numeric_forms(text: str, expected: tuple[str, str]) -> None:
    assert expected in numeric(text)


def test_magnitude_is_a_bare_number() -> None:
    assert ("7.1", "CARDINAL") in numeric("A magnitude 7.1 quake struck.")


def test_pronoun_one_is_not_a_number() -> None:
    assert numeric("No one was hurt, and one’s pride is intact.") == []


def test_number_inside_a_code_is_not_a_number() -> None:
    assert numeric("COVID-19 cases fell.") == []


# --- cues checked on held-out text -------------------------------------------------------------


def test_korean_name_containing_a_head_word_drops_its_title() -> None:
    got = pairs(["“Rates stay,” Governor Park Jin-soo told reporters. Later Park left."])
    assert ("Park Jin-soo", "PERSON") in got
    assert ("Park", "PERSON") in got
    assert not any("Governor" in text for text, _ in got)


def test_sentence_initial_role_word_is_a_title() -> None:
    got = pairs(["Goalkeeper Tomas Varga saved twice. Curator Ines Porto agreed."])
    assert ("Tomas Varga", "PERSON") in got
    assert ("Ines Porto", "PERSON") in got


def test_nationality_before_a_person_is_split_off() -> None:
    got = pairs(["She finished ahead of Canadian Emily Hart in the final."])
    assert ("Canadian", "NORP") in got
    assert ("Emily Hart", "PERSON") in got


def test_two_places_joined_by_and_before_a_singular_county() -> None:
    got = pairs(["Floods hit homes in Hualien and Yilan County on Sunday."])
    assert ("Hualien", "GPE") in got
    assert ("Yilan County", "GPE") in got


def test_dateline_in_capitals_is_a_place_and_names_it_later() -> None:
    got = pairs(["DENVER (AP) — Snow fell in Denver for a third day."])
    assert ("DENVER", "GPE") in got
    assert ("Denver", "GPE") in got


def test_wire_kicker_in_capitals_is_not_a_place() -> None:
    assert labels_of(["EXCLUSIVE — The ministry will close the port."], "EXCLUSIVE") != ["GPE"]


def test_direction_before_a_place_is_one_place() -> None:
    assert ("Northern Arizona", "GPE") in pairs(["Fires spread across Northern Arizona."])


def test_numbered_terminal_and_road_code_are_facilities() -> None:
    got = pairs(["Buses leave Terminal 2 for the M4 motorway every hour."])
    assert ("Terminal 2", "FAC") in got
    assert ("M4", "FAC") in got


def test_party_member_is_norp() -> None:
    assert ("Republican", "NORP") in pairs(["A Republican from Ohio objected."])


def test_business_noun_or_shares_of_before_a_name_make_it_a_company() -> None:
    got = pairs(["Drone maker Veltrana Robotix said sales rose. Shares of Quorvex fell."])
    assert ("Veltrana Robotix", "ORG") in got
    assert ("Quorvex", "ORG") in got


def test_shares_in_does_not_make_a_place() -> None:
    assert labels_of(["Zentrix Inc rose. Shares in Zentrix rose 3%."], "Zentrix") == ["ORG"]


def test_unknown_word_before_a_common_noun_is_an_organisation() -> None:
    assert ("Korvali Logistics", "ORG") in pairs(["a clerk at Korvali Logistics said"])
    assert ("Tazmo Auction", "ORG") in pairs(["a specialist at Tazmo Auction said"])
    assert ("Statistics Norway", "ORG") in pairs(["according to Statistics Norway, prices rose"])


def test_stop_acronym_does_not_make_an_organisation() -> None:
    assert not [t for t, lab in pairs(["“Cheap AI is not free,” he said."]) if lab == "ORG"]


def test_teams_in_a_result_are_organisations_not_places() -> None:
    got = pairs(["Leeds United beat Bristol City 2-0. City had chances."])
    assert ("Leeds United", "ORG") in got
    assert ("Bristol City", "ORG") in got
    assert ("City", "ORG") in got


def test_players_in_a_result_stay_people() -> None:
    got = pairs(["Anna Berg beat Mia Jansen 21-15 in the semi-final."])
    assert ("Anna Berg", "PERSON") in got
    assert ("Mia Jansen", "PERSON") in got


@pytest.mark.parametrize(
    ("text", "span", "label"),
    [
        ("Work ends at the end of August.", "end of August", "DATE"),
        ("Talks resume in early June.", "early June", "DATE"),
        ("It opens in the autumn of 2027.", "autumn of 2027", "DATE"),
        ("Profit rose in the first half.", "first half", "DATE"),
        ("Prices fell last Friday.", "last Friday", "DATE"),
        ("Roads ice over in winter.", "winter", "DATE"),
        ("The vote is in May.", "May", "DATE"),
        ("It took nearly a decade.", "nearly a decade", "DATE"),
        ("It sold out in under an hour.", "under an hour", "TIME"),
        ("It hit 41 Celsius.", "41 Celsius", "QUANTITY"),
        ("The works will last 14 months.", "14 months", "DATE"),
        ("She won in under 2:09.", "2:09", "TIME"),
        ("Due in May 2028.", "May 2028", "DATE"),
    ],
)
def test_date_and_measure_phrases(text: str, span: str, label: str) -> None:
    got = [(text[a:b], lab) for a, b, lab in find_numeric(text)]
    assert (span, label) in got


def test_may_as_a_verb_is_not_a_month() -> None:
    assert not find_numeric("They may sign it soon.")


# --- properties ------------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    [
        *"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:'’“”\"()-$%&/",
        *["何", "澄", "輝", " of ", " and ", "’s ", "Minister ", "Taipei", "(CWA)", "NT$", "km"],
    ]
)
_PARAGRAPH = st.lists(_ALPHABET, max_size=60).map("".join)


def check_invariants(paragraphs: list[str], entities: list[Entity]) -> None:
    last = (-1, -1)
    for e in entities:
        assert 0 <= e.paragraph < len(paragraphs)
        para = paragraphs[e.paragraph]
        assert 0 <= e.start < e.end <= len(para)
        assert para[e.start : e.end] == e.text
        assert (e.paragraph, e.start) >= last
        if e.paragraph == last[0]:
            assert e.start >= last[1], "entities overlap"
        last = (e.paragraph, e.end)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PARAGRAPH, max_size=5))
def test_spans_are_valid_and_disjoint(paragraphs: list[str]) -> None:
    check_invariants(paragraphs, find_entities(paragraphs))


def test_empty_input() -> None:
    assert find_entities([]) == []
    assert find_entities(["", "   "]) == []
