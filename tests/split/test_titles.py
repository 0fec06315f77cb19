"""Titles: the headline when there is one, else a headline-like cut of the lead."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.split.titles import ELLIPSIS, MAX_TITLE, derive_title

LEAD = (
    "The Penghu County Government yesterday launched a ferry service to Cimei Island (七美) that "
    "will run four times a day during the summer, the county's tourism department said."
)


def words_of(text: str) -> list[str]:
    return text.replace(ELLIPSIS, "").split()


def test_headline_is_the_title() -> None:
    headline = "Penghu launches summer ferry to Cimei"
    assert derive_title([headline, LEAD], headline) == headline


def test_derived_title_is_short_and_cut_at_a_word_boundary() -> None:
    title = derive_title([LEAD], None)
    assert len(title) <= MAX_TITLE
    lead_words = LEAD.replace(" (七美)", "").replace(" yesterday", "").split()
    assert all(w in lead_words for w in words_of(title))


def test_trailing_attribution_is_dropped() -> None:
    lead = (
        "Kinmen residents are being offered Chinese ID cards to blur their identity, a source said."
    )
    assert (
        derive_title([lead], None)
        == "Kinmen residents are being offered Chinese ID cards to blur their identity"
    )


def test_glosses_acronyms_and_time_words_are_dropped() -> None:
    lead = "The Central Weather Administration (CWA) yesterday issued a heat warning for Taipei."
    assert (
        derive_title([lead], None)
        == "The Central Weather Administration issued a heat warning for Taipei"
    )


def test_dateline_and_byline_are_skipped() -> None:
    paragraphs = [
        "By Jane Doe / Staff reporter",
        "TOKYO (Reuters) - Typhoon Higos made landfall on Kyushu early on Monday.",
    ]
    assert derive_title(paragraphs, None) == "Typhoon Higos made landfall on Kyushu early on Monday"


def test_caption_and_credit_are_skipped() -> None:
    paragraphs = [
        "Ferry passengers arrive at Cimei Island yesterday. Photo: CNA",
        "Photo: Chen Mei-ling, Taipei Times",
        "Penghu started a new ferry service.",
    ]
    assert derive_title(paragraphs, None) == "Penghu started a new ferry service"


def test_long_lead_prefers_the_main_clause() -> None:
    lead = (
        "Lawmakers froze NT$2.1 billion of the digital ministry's budget for next year, after "
        "opposition legislators accused the ministry of failing to explain delays."
    )
    title = derive_title([lead], None)
    assert title == "Lawmakers froze NT$2.1 billion of the digital ministry's budget for next year"
    assert not title.endswith(ELLIPSIS)


def test_long_lead_without_a_clause_break_gets_an_ellipsis() -> None:
    lead = (
        "Thousands of volunteers from every township in the county planted mangrove seedlings "
        "along the muddy southern coastline near the old fishing harbor of Dongshih."
    )
    title = derive_title([lead], None)
    assert title.endswith(ELLIPSIS)
    assert len(title) <= MAX_TITLE
    assert not title[:-1].endswith((" the", " of", " along", " near"))


def test_a_quotation_lead_becomes_a_quoted_title() -> None:
    lead = (
        "“China is preparing to invade Taiwan,” the deputy minister said in an interview yesterday."
    )
    assert derive_title([lead], None) == "“China is preparing to invade Taiwan”"


def test_nothing_to_title() -> None:
    assert derive_title([], None) == "(untitled)"
    assert derive_title(["", "  "], None) == "(untitled)"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=300), min_size=1, max_size=3))
def test_derived_titles_never_exceed_the_limit(paragraphs: list[str]) -> None:
    title = derive_title(paragraphs, None)
    assert 0 < len(title) <= MAX_TITLE


def test_the_part_of_the_day_goes_with_the_date_phrase() -> None:
    leads = {
        "The Kuomintang (KMT) on Tuesday night said it would appeal the ruling in court.":
            "The Kuomintang said it would appeal the ruling in court",
        "The Ministry of Health and Welfare yesterday morning reported 12 new cases of dengue.":
            "The Ministry of Health and Welfare reported 12 new cases of dengue",
        "The council early on Friday evening voted to close the pier for the winter season.":
            "The council voted to close the pier for the winter season",
    }  # fmt: skip
    for lead, title in leads.items():
        assert derive_title([lead], None) == title
