"""Quote extraction and speaker attribution on small invented articles.

Each test pins one rule of ``newsreader.analysis.quotes.find.find_quotes``; the property tests at
the end pin the invariants every caller relies on (no exceptions, spans inside their paragraph and
equal to the quote's text, no overlaps) on arbitrary text.
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.analysis.quotes.find import find_quotes
from newsreader.model import Entity, Quote, Span


def texts(quotes: list[Quote]) -> list[str]:
    return [q.text for q in quotes]


def by_text(quotes: list[Quote]) -> dict[str, Quote]:
    return {q.text: q for q in quotes}


def assert_spans_match(paragraphs: list[str], quotes: list[Quote]) -> None:
    for q in quotes:
        pieces = [paragraphs[s.paragraph][s.start : s.end] for s in q.spans]
        assert q.text == " ".join(pieces)
        assert_mention_located(paragraphs, q)


def assert_mention_located(paragraphs: list[str], q: Quote) -> None:
    """A quote's ``mention_span`` holds its mention, exactly; no mention, no span."""
    if q.mention is None:
        assert q.mention_span is None
        return
    at = q.mention_span
    assert at is not None
    assert paragraphs[at.paragraph][at.start : at.end] == q.mention


# --------------------------------------------------------------------------- marks and spans
def test_curly_quote_after_attribution_said_x() -> None:
    paras = ["“The harbour will reopen on Monday,” Port Director Ann Lowry said."]
    (q,) = find_quotes(paras)
    assert q.text == "The harbour will reopen on Monday"
    assert (q.speaker, q.mention) == ("Ann Lowry", "Ann Lowry")


def test_straight_quotes_and_inverted_said_x() -> None:
    paras = ['"We expected a quiet season," said Mara Quill, a ferry operator in Dunmore.']
    (q,) = find_quotes(paras)
    assert q.text == "We expected a quiet season"
    assert q.speaker == "Mara Quill"


def test_spans_equal_the_slice_and_drop_one_trailing_comma_or_stop() -> None:
    paras = ["“Rain is coming.” Nobody listened. “It will be heavy,” the forecaster said."]
    quotes = find_quotes(paras)
    assert texts(quotes) == ["Rain is coming", "It will be heavy"]
    assert_spans_match(paras, quotes)
    for q in quotes:
        (span,) = q.spans
        assert paras[0][span.start - 1] == "“"


def test_question_mark_is_kept() -> None:
    (q,) = find_quotes(["“Why close the bridge now?” asked resident Tomas Ferreira."])
    assert q.text == "Why close the bridge now?"
    assert q.speaker == "Tomas Ferreira"


def test_multi_paragraph_quote_continues_into_the_reopening_paragraph() -> None:
    paras = [
        "Councilor Ilse Varga (瓦爾加) said the plan had been rushed.",
        "“Nobody asked the fishermen. Nobody asked the schools.",
        "“We will vote against it,” she said.",
    ]
    (q,) = find_quotes(paras)
    assert q.text == "Nobody asked the fishermen. Nobody asked the schools. We will vote against it"
    assert [s.paragraph for s in q.spans] == [1, 2]
    assert_spans_match(paras, [q])
    assert (q.speaker, q.mention) == ("Ilse Varga", "she")


def test_unclosed_quote_not_reopened_ends_with_its_paragraph() -> None:
    paras = ["“The tunnel is safe, the engineer said.", "Work resumed on Tuesday."]
    quotes = find_quotes(paras)
    assert [s.paragraph for q in quotes for s in q.spans] == [0]


def test_nested_single_quotes_stay_inside() -> None:
    paras = ["“They told us to ‘wait patiently,’ and then nobody came,” passenger Dora Keel said."]
    (q,) = find_quotes(paras)
    assert q.text == "They told us to ‘wait patiently,’ and then nobody came"


def test_apostrophes_are_not_quote_marks() -> None:
    paras = [
        "“Brenland’s economy grew in the ’90s, and it’s growing again,” economist Pia Lund said."
    ]
    (q,) = find_quotes(paras)
    assert q.text == "Brenland’s economy grew in the ’90s, and it’s growing again"


# --------------------------------------------------------------------------- attribution forms
def test_colon_form() -> None:
    paras = [
        "Mayor Olek Brandt spoke after the vote.",
        "Brandt said: “The city will not wait for the province.”",
    ]
    (q,) = find_quotes(paras)
    assert q.text == "The city will not wait for the province"
    assert (q.speaker, q.mention) == ("Olek Brandt", "Brandt")


def test_said_that_introduces_a_quote() -> None:
    paras = [
        "Finance Minister Rhea Tam said that “the deficit will fall below 3 percent next year.”"
    ]
    (q,) = find_quotes(paras)
    assert q.speaker == "Rhea Tam"


def test_according_to() -> None:
    paras = ["“Exports will slow in the second half of the year,” according to the Trade Council."]
    (q,) = find_quotes(paras)
    assert q.speaker == "Trade Council"


def test_title_before_name_gives_the_name() -> None:
    paras = ["“Our embassy is open,” Deputy Minister of Foreign Affairs Ewan Mirza (米爾札) said."]
    (q,) = find_quotes(paras)
    assert (q.speaker, q.mention) == ("Ewan Mirza", "Ewan Mirza")


def test_surname_resolves_to_the_full_name_given_earlier() -> None:
    paras = [
        "Agency Deputy Director Hsu Pei-lin (徐佩琳) briefed reporters on the outbreak.",
        "“We expect more cases next week,” Hsu said.",
    ]
    (q,) = find_quotes(paras)
    assert (q.speaker, q.mention) == ("Hsu Pei-lin", "Hsu")


def test_pronoun_resolves_to_the_last_person_named() -> None:
    paras = [
        "Coach Marten Olsson (奧爾森) praised his young goalkeeper.",
        "“He saved the season for us,” he said.",
    ]
    (q,) = find_quotes(paras)
    assert (q.speaker, q.mention) == ("Marten Olsson", "he")


def test_pronoun_prefers_the_subject_over_an_object() -> None:
    paras = [
        "Striker Tao Chen-yu (陶振宇) scored twice, setting up winger Lin Bo-han (林柏翰) again.",
        "“The whole team played well,” he said.",
    ]
    (q,) = find_quotes(paras)
    assert q.speaker == "Tao Chen-yu"


def test_pronoun_skips_a_person_of_the_other_gender() -> None:
    paras = [
        "Lawmaker Ruth Anand (安然) questioned the bureau chief, Kofi Bram.",
        "“He could not answer a single question,” she said.",
        "“I answered all of them,” he said.",
    ]
    quotes = find_quotes(paras)
    assert quotes[0].speaker == "Ruth Anand"


def test_second_quote_in_a_paragraph_keeps_speaker_and_mention() -> None:
    paras = ["“The ice is thin,” warden Ivo Sand said. “Stay on the marked paths.”"]
    first, second = find_quotes(paras)
    assert (
        (second.speaker, second.mention)
        == (first.speaker, first.mention)
        == ("Ivo Sand", "Ivo Sand")
    )
    at = paras[0].index("Ivo Sand")
    assert first.mention_span == second.mention_span == Span(0, at, at + len("Ivo Sand"))


def test_quote_continuing_in_a_new_paragraph_keeps_speaker_without_mention() -> None:
    paras = [
        "“We won because we stayed patient,” captain Noor Haddad said after the match.",
        "“Next week will be harder.”",
    ]
    _, second = find_quotes(paras)
    assert second.speaker == "Noor Haddad"
    assert second.mention is None
    assert second.mention_span is None


def test_anonymous_source_stays_anonymous_and_the_source_resolves_to_it() -> None:
    paras = [
        "A source familiar with the talks said the deal was “close to done.”",
        "“Only the signatures are missing,” the source said.",
        "“Both sides want it before the summit,” they said.",
    ]
    quotes = find_quotes(paras)
    assert [(q.speaker, q.mention) for q in quotes] == [
        ("a source", "A source"),
        ("a source", "the source"),
        ("a source", "they"),
    ]


def test_they_resolves_to_the_officials_introduced_earlier() -> None:
    paras = [
        "Port officials said the strike had cost millions.",
        "“Every day of delay hurts exporters,” they said.",
    ]
    (q,) = find_quotes(paras)
    assert (q.speaker, q.mention) == ("port officials", "they")


def test_acronym_resolves_to_the_organisation_it_was_defined_for() -> None:
    paras = [
        "The Coastal Safety Board (CSB) published its annual review yesterday.",
        "The CSB said that ferries needed “urgent and sustained investment.”",
    ]
    (q,) = find_quotes(paras)
    assert (q.speaker, q.mention) == ("Coastal Safety Board", "CSB")


def test_the_ministry_resolves_to_the_ministry_named_earlier() -> None:
    paras = [
        "The Ministry of Water Resources ordered an inspection of every dam.",
        "“No dam will be exempt,” the ministry said.",
    ]
    (q,) = find_quotes(paras)
    assert q.speaker == "Ministry of Water Resources"
    assert q.mention == "the ministry"


def test_the_spokeswoman_resolves_to_the_person_with_that_title() -> None:
    paras = [
        "Cabinet spokeswoman Lena Ortiz (歐蒂絲) said talks would resume.",
        "“The door remains open,” the spokeswoman said.",
    ]
    (q,) = find_quotes(paras)
    assert q.speaker == "Lena Ortiz"


def test_age_noun_resolves_like_a_pronoun() -> None:
    paras = [
        "Swimmer Lo Ting-wei (羅廷瑋), 19, broke the national record.",
        "“I did not expect to go this fast,” the 19-year-old said.",
    ]
    (q,) = find_quotes(paras)
    assert (q.speaker, q.mention) == ("Lo Ting-wei", "the 19-year-old")


def test_the_statement_said_names_its_issuer() -> None:
    paras = [
        "The Harbour Authority said in a statement that the pier would stay shut.",
        "“Safety comes first,” the statement said.",
    ]
    (q,) = find_quotes(paras)
    assert q.speaker == "Harbour Authority"


def test_quoted_as_saying() -> None:
    paras = ["State media quoted visitors as saying that the fair had been “a joyful occasion.”"]
    (q,) = find_quotes(paras)
    assert q.speaker == "visitors"


def test_excerpt_cut_before_its_verb_keeps_the_speaker() -> None:
    paras = [
        "Lawmakers froze the budget. “We are not trying to stop the agency,” Legislator Hsu Ming-te"
    ]
    (q,) = find_quotes(paras)
    assert q.speaker == "Hsu Ming-te"


def test_entities_are_optional_but_used() -> None:
    paras = ["“Prices will rise,” warned analyst Bea Sorensen of Nordbank."]
    entities = [
        Entity("Bea Sorensen", "PERSON", 0, paras[0].index("Bea"), paras[0].index("Bea") + 12)
    ]
    assert (
        find_quotes(paras, entities)[0].speaker == find_quotes(paras)[0].speaker == "Bea Sorensen"
    )


# --------------------------------------------------------------------------- scare quotes, titles
def test_scare_quotes_without_a_speaker_are_not_quotes() -> None:
    paras = [
        "Officials warned against Beijing’s “united front” tactics.",
        "The exhibition, titled “Rivers and Hills,” opens on Friday.",
        "The so-called “three noes” policy was never formally adopted.",
        "The floats, known as “hoko,” are pulled by hand.",
    ]
    assert find_quotes(paras) == []


def test_what_it_calls_is_a_name_not_a_quote() -> None:
    paras = [
        "Ships entered under what Beijing calls “law enforcement patrols,” the coast guard said."
    ]
    assert find_quotes(paras) == []


def test_attributed_short_fragment_is_a_quote() -> None:
    paras = ["Chung said that lowering the bar “this much, this quickly” was dangerous."]
    (q,) = find_quotes(paras)
    assert q.text == "this much, this quickly"
    assert q.speaker == "Chung"


def test_number_slogan_after_a_speech_verb_is_still_a_term() -> None:
    paras = ["The council said the islanders had rejected “one island, two fleets,” in every poll."]
    assert find_quotes(paras) == []


def test_short_sentence_quote_after_another_quote_is_kept() -> None:
    paras = ["“We will hold rates,” Governor Ida Renn said. “Inflation is falling.”"]
    assert texts(find_quotes(paras)) == ["We will hold rates", "Inflation is falling"]


# --------------------------------------------------------------------------- robustness
def test_unbalanced_and_stray_marks_do_not_raise() -> None:
    paras = ["“", "”", '"', "“Unclosed", "stray” close", '" " "', "‘ ’ ' “ ” \" “", "", " "]
    quotes = find_quotes(paras)
    assert_spans_match(paras, quotes)


def test_thousands_of_marks() -> None:
    para = "“a” " * 5000 + '"' * 3001 + "”" * 2000
    quotes = find_quotes([para])
    assert_spans_match([para], quotes)


_ALPHABET = st.sampled_from(
    [
        *"abc XYZ“”\"‘’' ,.!?:;()—-\t",
        " said",
        " he",
        " she",
        " they",
        " Chiu",
        " Wen-hsiang",
        " (MAC)",
        " the source",
        " according to ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_ALPHABET, max_size=40).map("".join), max_size=6))
def test_property_spans_are_valid_and_disjoint(paragraphs: list[str]) -> None:
    quotes = find_quotes(paragraphs)
    seen: list[tuple[int, int, int]] = []
    for q in quotes:
        assert q.spans
        for s in q.spans:
            assert 0 <= s.paragraph < len(paragraphs)
            assert 0 <= s.start < s.end <= len(paragraphs[s.paragraph])
            seen.append((s.paragraph, s.start, s.end))
        assert q.text == " ".join(paragraphs[s.paragraph][s.start : s.end] for s in q.spans)
        assert_mention_located(paragraphs, q)
    seen.sort()
    for (p1, _, e1), (p2, s2, _) in itertools.pairwise(seen):
        assert p1 != p2 or e1 <= s2


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=5))
def test_property_never_raises_on_any_text(paragraphs: list[str]) -> None:
    for q in find_quotes(paragraphs):
        assert q.text == " ".join(paragraphs[s.paragraph][s.start : s.end] for s in q.spans)
        assert_mention_located(paragraphs, q)


def test_acronym_spelling_a_pronoun_still_attributes() -> None:
    paras = ["“Stay home,” WHO envoy Maria Lund said in Geneva."]
    (q,) = find_quotes(paras)
    assert q.speaker == "Maria Lund"


def test_colon_after_a_sentence_without_speech_verb_takes_its_subject() -> None:
    paras = [
        "The agency said the delay was long.",
        "Project director Oskar Lind was blunt about it: “We got the dates wrong.”",
    ]
    q = by_text(find_quotes(paras))["We got the dates wrong"]
    assert q.speaker == "Oskar Lind"


def test_colon_subject_skips_a_relative_clause() -> None:
    paras = [
        "A ferry worker surnamed Ota, who has sailed the route for years, was calm: “We wait.”"
    ]
    (q,) = find_quotes(paras)
    assert q.speaker == "Ota"


def test_evaluative_verb_introduces_a_quoted_fragment() -> None:
    paras = ["The panel praised the book’s “cold and careful wit” in its citation."]
    (q,) = find_quotes(paras)
    assert q.text == "cold and careful wit"
    assert q.mention == "The panel"


def test_mention_span_is_where_the_attributing_words_are() -> None:
    """Each kind of mention (name, pronoun, title, acronym, anonymous, definite) is located where
    it is written, not at another occurrence of the same words."""
    paras = [
        "Mayor Lin Mei-hua opened the bridge. Lin said: “It took six years.”",
        "“We are proud,” she said. “Traffic starts Monday,” the Transport Bureau (TB) said.",
        "“More lanes are coming,” the TB said. “It is safe,” an engineer said.",
        "“We checked twice,” the engineer said, and the mayor nodded.",
    ]
    quotes = find_quotes(paras)
    assert_spans_match(paras, quotes)
    assert [q.mention for q in quotes] == [
        "Lin",
        "she",
        "Transport Bureau",
        "TB",
        "an engineer",
        "the engineer",
    ]
    assert quotes[0].mention_span == Span(0, 37, 40)  # "Lin said", not "Lin Mei-hua"
