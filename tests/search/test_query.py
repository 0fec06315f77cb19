"""The query language: what each kind of term means, and that no input can make it fail."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.search.query import (
    SEPARATOR,
    Query,
    fold,
    parse_query,
    text_tokens,
    tokens,
    typing_tag,
)


def test_words_and_phrases_are_folded() -> None:
    q = parse_query('Kinmen "Chinese ID" ')
    assert q.words == ("kinmen",)
    assert q.phrases == ("chinese id",)
    assert q.prefix == ""


def test_last_word_being_typed_is_a_prefix() -> None:
    assert parse_query("kinm").prefix == "kinm"
    assert parse_query("kinmen chin").words == ("kinmen",)
    assert parse_query("kinmen chin").prefix == "chin"
    assert parse_query("kinm ").words == ("kinm",)
    assert parse_query("kinm ").prefix == ""


def test_closed_quote_is_exact_even_at_the_end() -> None:
    q = parse_query('"chinese id"')
    assert q.phrases == ("chinese id",)
    assert q.prefix == ""


def test_open_quote_keeps_finished_words_as_a_phrase() -> None:
    q = parse_query('"said in a st')
    assert q.phrases == ("said in a",)
    assert q.prefix == "st"
    q = parse_query('"chinese i')
    assert q.words == ("chinese",)
    assert q.prefix == "i"


def test_open_quote_followed_by_space_is_exact() -> None:
    q = parse_query('"chinese id ')
    assert q.phrases == ("chinese id",)
    assert q.prefix == ""


def test_exclusions() -> None:
    q = parse_query('kinmen -weather -"a phrase" -tag:done -is:read -person:wu')
    assert q.words == ("kinmen",)
    assert q.excluded_words == ("weather",)
    assert q.excluded_phrases == ("a phrase",)
    assert q.excluded_tags == ("done",)
    assert q.excluded_flags == frozenset({"read"})
    assert q.excluded_fields == (("person", "wu"),)


def test_an_excluded_word_being_typed_is_exact_not_a_prefix() -> None:
    q = parse_query("kinmen -weat")
    assert q.excluded_words == ("weat",)
    assert q.prefix == ""


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("is:bookmarked", "bookmarked"),
        ("IS:Bookmarked", "bookmarked"),
        ("is:bookmark", "bookmarked"),
        ("is:unread", "unread"),
        ("is:read", "read"),
        ("is:truncated", "truncated"),
        ("is:excerpt", "truncated"),
    ],
)
def test_flags(text: str, flag: str) -> None:
    q = parse_query(text)
    assert q.flags == frozenset({flag})
    assert not q.words and not q.prefix


def test_flag_properties() -> None:
    q = parse_query("is:bookmarked is:unread")
    assert q.bookmarked and q.unread and not q.read and not q.truncated


def test_half_typed_flag_is_ignored_until_complete() -> None:
    assert parse_query("is:bo").is_empty
    assert parse_query("is:").is_empty


def test_unknown_flag_is_text() -> None:
    q = parse_query("is:happy ")
    assert q.phrases == ("is happy",)
    assert not q.flags


def test_fields() -> None:
    q = parse_query(
        'tag:defence person:"Ho Cheng-hui" org:CWA place:Kinmen said:"Ho Cheng-hui" source:seed.txt'
    )
    assert q.tags == ("defence",)
    assert q.persons == ("ho cheng hui",)
    assert q.orgs == ("cwa",)
    assert q.places == ("kinmen",)
    assert q.said == ("ho cheng hui",)
    assert q.sources == ("seed txt",)
    assert q.needs_analysis
    assert not q.has_text


def test_field_names_are_case_insensitive_tags_keep_their_case() -> None:
    q = parse_query("TAG:Defence Person:HO")
    assert q.tags == ("Defence",)
    assert q.persons == ("ho",)


def test_field_with_open_quote_runs_to_the_end() -> None:
    assert parse_query('person:"Ho Ch').persons == ("ho ch",)


def test_empty_field_is_ignored() -> None:
    assert parse_query("tag:").is_empty
    assert parse_query('person:""').is_empty
    assert parse_query("kinmen org:").words == ("kinmen",)


def test_unknown_field_is_text() -> None:
    q = parse_query("foo:bar 7:25am ")
    assert q.phrases == ("foo bar", "7 25am")
    assert not q.tags


def test_hyphenated_word_is_a_phrase() -> None:
    assert parse_query("cheng-hui ").phrases == ("cheng hui",)


def test_curly_quotes_delimit_phrases() -> None:
    assert parse_query("“Ho Cheng-hui”").phrases == ("ho cheng hui",)


def test_quote_glued_to_a_word_starts_a_new_term() -> None:
    q = parse_query('kinmen"chinese id"')
    assert q.words == ("kinmen",)
    assert q.phrases == ("chinese id",)


def test_lone_dash_and_punctuation_mean_nothing() -> None:
    assert parse_query("-").is_empty
    assert parse_query(' - "" !! ').is_empty


def test_accents_and_case_fold() -> None:
    assert parse_query("TAIPÉI ").words == ("taipei",)
    assert fold("Straße") == "strasse"
    assert tokens("Ho Cheng-hui (何澄輝)") == ["ho", "cheng", "hui", "何澄輝"]


def test_duplicates_collapse() -> None:
    assert parse_query("kinmen Kinmen KINMEN ").words == ("kinmen",)


def test_empty_query() -> None:
    assert parse_query("").is_empty
    assert parse_query("   ").is_empty
    assert Query().is_empty


def test_query_is_hashable_and_frozen() -> None:
    q = parse_query("kinmen tag:x")
    assert hash(q) == hash(parse_query("kinmen tag:x"))
    with pytest.raises(AttributeError):
        q.words = ()  # type: ignore[misc]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab -:\"“”'é何 \t\nisgtaperson")), max_size=40))
def test_parser_never_raises(text: str) -> None:
    q = parse_query(text)
    assert isinstance(q, Query)
    for value in (*q.words, *q.phrases, q.prefix, *q.persons):
        assert value == value.strip()


def test_text_tokens_match_tokens_per_paragraph() -> None:
    paragraphs = [
        "The CCP’s issuance of “Chinese IDs” — 19km away…",
        "Ho Cheng-hui (何澄輝) said: Taipéi’s café, naïve ﬁsh ½",
        "UPPER_case snake_case ASCII only",
        "",
    ]
    expected: list[str] = []
    for i, p in enumerate(paragraphs):
        if i:
            expected.append(SEPARATOR)
        expected.extend(tokens(p))
    assert text_tokens(paragraphs) == expected


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from(list("aZé ß’“”—\u0301x1_-何\t\xa0ﬁ½İΣς\x01.")), max_size=20
        ),
        min_size=1,
        max_size=4,
    )
)
def test_text_tokens_fast_path_agrees_with_the_reference(paragraphs: list[str]) -> None:
    expected: list[str] = []
    for i, p in enumerate(paragraphs):
        if i:
            expected.append(SEPARATOR)
        expected.extend(tokens(p.replace(SEPARATOR, " ")))
    assert text_tokens(paragraphs) == expected


def test_typing_tag_is_the_tag_term_at_the_cursor() -> None:
    assert typing_tag("kinmen tag:Kin") == "kin"
    assert typing_tag("tag:Cross") == "cross"
    assert typing_tag('tag:"cross') == "cross"
    assert typing_tag("tag:kin defence", cursor=7) == "kin"


def test_typing_tag_is_none_for_finished_excluded_or_other_terms() -> None:
    assert typing_tag('tag:"cross"') is None  # a closed quote is finished
    assert typing_tag('tag:"cross str') is None  # only the last word counts
    assert typing_tag("tag:kin ") is None  # a space ended it
    assert typing_tag("-tag:kin") is None  # an exclusion stays exact
    assert typing_tag("tag:") is None
    assert typing_tag("") is None
    assert typing_tag("kinmen") is None
    assert typing_tag("tag:kin defence") is None  # the cursor is at the end, in "defence"
    assert typing_tag("tag:kinmen", cursor=6) is None  # the cursor is inside the word


@given(st.text(max_size=40), st.integers(min_value=-5, max_value=50))
@settings(max_examples=200, deadline=None)
def test_typing_tag_never_raises(text: str, cursor: int) -> None:
    found = typing_tag(text, cursor)
    assert found is None or (found and found == found.lower() and " " not in found)
