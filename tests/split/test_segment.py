"""The splitter: every cue it relies on, pinned on small articles written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.split import article_id, split_text
from newsreader.split.cues import (
    Kind,
    classify,
    dateline_length,
    ends_sentence,
    headline_like,
    is_bare_credit,
    is_byline,
    is_tail_credit,
)

LIBRARY = [
    "The Kaohsiung City Government yesterday opened a new public library in Cianjin District, "
    "the first of six neighborhood libraries planned under a NT$900 million program.",
    "The four-story library holds 120,000 books and has a reading room for children, a "
    "makerspace with 3D printers and a rooftop garden, the city's Bureau of Cultural Affairs said.",
    "Bureau director Wang Shu-fen (王淑芬) said the library would stay open until 10pm on weekdays "
    "so that students and workers could use it after school and work.",
    "“A library is the living room of a neighborhood. Everyone should feel welcome here,” "
    "Wang said.",
    "The remaining five libraries are to open by the end of 2027, the bureau said.",
]
TRAINS = [
    "Taiwan Railway Corp said on Monday that it would buy 40 electric locomotives from a Japanese "
    "manufacturer to replace diesel engines on its eastern lines.",
    "The locomotives, which cost NT$8.4 billion, would cut carbon emissions on the Hualien-Taitung "
    "line by about 30 percent once they enter service in 2028, the company said.",
    "Company chairman Tu Wei (杜微) said the diesel engines had been in service for more than 40 "
    "years and were becoming difficult to maintain.",
    "Tu said the company would also rebuild the maintenance depot in Hualien to service the new "
    "locomotives.",
    "Passenger groups welcomed the purchase, but said the railway should also add more trains "
    "during the Lunar New Year holiday.",
]
EXCERPT = (
    "The Ocean Affairs Council said on Tuesday that it had counted 214 green sea turtles "
    "nesting on Penghu's beaches this summer, the highest number since records began in 2005. "
    "The council said that stricter rules on night lighting near the beaches had helped. "
    "Volunteers patrolled the beaches every night from May to September to protect the nests "
    "from dogs and vehicles. The council plans to extend the patrols to Siaoliouciou and Green "
    "Island next year, when it will also train local guides to lead small groups of tourists "
    "to watch the turtles without"
)


def spans(text: str) -> list[tuple[int, int]]:
    return [(a.start_line, a.end_line) for a in split_text(text)]


def numbered(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


# -- the seed document ------------------------------------------------------------------------


def test_seed_splits_into_its_five_articles(seed_path: Path) -> None:
    articles = split_text(seed_path.read_text(encoding="utf-8"), seed_path.name)
    assert [(a.start_line, a.end_line) for a in articles] == [
        (1, 16),
        (17, 17),
        (18, 18),
        (19, 19),
        (20, 20),
    ]
    assert [a.truncated for a in articles] == [False, True, True, True, True]
    assert "Photo: Ann Wang, Reuters" in articles[0].paragraphs
    assert all(a.source == seed_path.name for a in articles)
    assert all(a.headline is None for a in articles)


# -- layout cues ------------------------------------------------------------------------------


def test_bare_credit_line_stays_inside_its_article() -> None:
    lines = [*LIBRARY[:2], "Photo: Chen Mei-ling, Taipei Times", *LIBRARY[2:], *TRAINS]
    assert spans(numbered(lines)) == [(1, 6), (7, 11)]


def test_credit_at_the_end_of_an_article_belongs_to_it() -> None:
    lines = [
        "Library opens in Cianjin",
        *LIBRARY,
        "Photo courtesy of the Kaohsiung City Government",
    ]
    lines += ["Railway orders 40 locomotives", *TRAINS]
    assert spans(numbered(lines)) == [(1, 7), (8, 13)]


def test_excerpt_that_stops_mid_sentence_ends_an_article() -> None:
    lines = [*LIBRARY, EXCERPT, *TRAINS]
    articles = split_text(numbered(lines))
    assert [(a.start_line, a.end_line) for a in articles] == [(1, 5), (6, 6), (7, 11)]
    assert [a.truncated for a in articles] == [False, True, False]


def test_consecutive_excerpts_are_separate_articles() -> None:
    other = TRAINS[0] + " " + TRAINS[1] + " " + TRAINS[2] + " The diesel engines were built in"
    articles = split_text(numbered([EXCERPT, other]))
    assert [(a.start_line, a.end_line, a.truncated) for a in articles] == [
        (1, 1, True),
        (2, 2, True),
    ]


def test_headline_starts_an_article_and_becomes_its_title() -> None:
    lines = ["Kaohsiung opens first of six neighborhood libraries", *LIBRARY]
    lines += ["Railway to replace diesel engines on eastern lines", *TRAINS]
    articles = split_text(numbered(lines))
    assert [(a.start_line, a.end_line) for a in articles] == [(1, 6), (7, 12)]
    assert articles[1].headline == "Railway to replace diesel engines on eastern lines"
    assert articles[1].title == articles[1].headline
    assert articles[1].paragraphs[0] == articles[1].headline


@pytest.mark.parametrize(
    "opener",
    [
        "By Lee Hsin-fang / Staff reporter",
        "By Jane Doe and Tom Lee / Staff reporters",
        "Staff writer, with CNA",
        "AFP, MANILA",
    ],
)
def test_byline_starts_an_article(opener: str) -> None:
    assert spans(numbered([*LIBRARY, opener, *TRAINS])) == [(1, 5), (6, 11)]


@pytest.mark.parametrize(
    "dateline",
    ["TAIPEI, May 3 (Reuters) - ", "HUALIEN (CNA) — ", "TOKYO — ", "Hualien, Nov. 12 (CNA) "],
)
def test_dateline_starts_an_article(dateline: str) -> None:
    lines = [*LIBRARY, dateline + TRAINS[0], *TRAINS[1:]]
    assert spans(numbered(lines)) == [(1, 5), (6, 10)]


def test_descriptive_caption_may_open_an_article() -> None:
    caption = (
        "A new electric locomotive is tested at Hualien Station yesterday. "
        "Photo courtesy of Taiwan Railway Corp"
    )
    assert spans(numbered([*LIBRARY, caption, *TRAINS])) == [(1, 5), (6, 11)]


def test_caption_inside_an_article_stays_there() -> None:
    caption = "Children read at the new library in Cianjin District yesterday. Photo: CNA"
    lines = [*LIBRARY[:2], caption, *LIBRARY[2:], *TRAINS]
    assert spans(numbered(lines)) == [(1, 6), (7, 11)]


def test_end_credit_closes_an_article() -> None:
    lines = [*TRAINS, "(Reporting by Ann Lee; Editing by Tom Hogue)", *LIBRARY]
    assert spans(numbered(lines)) == [(1, 6), (7, 11)]


def test_multi_paragraph_quote_is_not_split() -> None:
    lines = [
        *LIBRARY[:3],
        "“We want every child in Cianjin to grow up with books. That is why it opens early.",
        "“And it stays open late for their parents,” Wang said.",
        *LIBRARY[4:],
    ]
    assert spans(numbered(lines)) == [(1, 6)]


# -- no cue at all: lexical cohesion -------------------------------------------------------------


def test_lexical_cohesion_finds_a_boundary_no_cue_marks() -> None:
    assert spans(numbered([*LIBRARY, *TRAINS])) == [(1, 5), (6, 10)]


def test_back_references_keep_paragraphs_together() -> None:
    # "Tu said ..." names someone introduced earlier; "He ..." is a pronoun.
    lines = [*TRAINS[:3], "He said the depot would also train 200 new technicians.", *TRAINS[3:]]
    assert spans(numbered(lines)) == [(1, 6)]


# -- blank lines ----------------------------------------------------------------------------------


def test_blank_lines_between_every_paragraph_change_nothing() -> None:
    lines = ["Kaohsiung opens first of six neighborhood libraries", *LIBRARY]
    lines += ["Railway to replace diesel engines on eastern lines", *TRAINS]
    spaced = "\n\n".join(lines) + "\n"
    assert spans(spaced) == [(1, 11), (13, 23)]


def test_blank_lines_between_articles_only_separate_them() -> None:
    text = "\n".join(LIBRARY) + "\n\n" + "\n".join(TRAINS) + "\n"
    assert spans(text) == [(1, 5), (7, 11)]


def test_leading_and_trailing_blank_lines_and_whitespace() -> None:
    text = "\n\n   \n" + "\n".join(f"  {p}  " for p in LIBRARY) + "\n\n\n"
    articles = split_text(text)
    assert [(a.start_line, a.end_line) for a in articles] == [(4, 8)]
    assert articles[0].paragraphs == tuple(LIBRARY)


def test_empty_input_gives_no_articles() -> None:
    assert split_text("") == []
    assert split_text("\n \n\n") == []


# -- ids ------------------------------------------------------------------------------------------


def test_ids_are_stable_and_distinct() -> None:
    text = numbered([*LIBRARY, *TRAINS])
    first = [a.id for a in split_text(text, "a.txt")]
    again = [a.id for a in split_text(text, "b.txt")]
    assert first == again
    assert len(set(first)) == len(first) == 2
    assert all(len(i) == 16 and int(i, 16) >= 0 for i in first)


def test_ids_ignore_whitespace_differences() -> None:
    assert article_id(["A  line.", "Another\tone. "]) == article_id(["A line.", "Another one."])
    assert article_id(["A line."]) != article_id(["A line!"])


# -- paragraph cues -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Photo: Ann Wang, Reuters", Kind.CREDIT),
        ("Photo courtesy of the Ministry of Foreign Affairs", Kind.CREDIT),
        ("Workers clear rocks from a road in Hualien yesterday. Photo: Reuters", Kind.CAPTION),
        ("By Lin Pei-chun / Staff reporter", Kind.BYLINE),
        ("(Reporting by Ann Lee; Editing by Tom Hogue)", Kind.TAIL),
        ("Typhoon leaves 19 dead in northern Philippines", Kind.HEADLINE),
        ("CROSS-STRAIT TIES", Kind.SUBHEAD),
        ("The ruling can be appealed to the Supreme Court.", Kind.BODY),
    ],
)
def test_paragraph_kinds(text: str, kind: Kind) -> None:
    assert classify(0, 1, text, 0).kind is kind


def test_headline_shape() -> None:
    assert headline_like("Japan pledges ¥250 billion for Hokkaido chip research hub")
    assert headline_like("Is Taiwan ready for an invasion?")
    assert not headline_like("The ruling can be appealed to the Supreme Court.")
    assert not headline_like("The Central Weather Administration today issued a")
    assert not headline_like("Hello")


def test_datelines_bylines_and_credits() -> None:
    assert dateline_length("TOKYO (Reuters) - Typhoon Higos made landfall") == len(
        "TOKYO (Reuters) - "
    )
    assert dateline_length("SEOUL, South Korea (AP) — South Korea's liberal party") > 0
    assert dateline_length("Central News Agency (CNA) said on Monday that") == 0
    assert dateline_length("Democratic Progressive Party (DPP) candidate Tsai") == 0
    assert is_byline("By Tseng Chih-wei and Huang Hsin-yi / Staff reporters")
    assert not is_byline("By 8pm, the storm was 620km southeast of Eluanbi, the agency said.")
    assert is_bare_credit("Photo: CNA")
    assert is_tail_credit("Additional reporting by Jane Doe")


def test_truncation_is_judged_by_the_last_mark() -> None:
    assert ends_sentence("He said it was “not a coincidence.”")
    assert ends_sentence("She called it “a long-overdue victory”")
    assert not ends_sentence("The film interviewed baseball fans about US President")
    assert classify(0, 1, EXCERPT, 0).truncated
    assert not classify(0, 1, "Typhoon leaves 19 dead in northern Philippines", 0).truncated


# -- the coverage property ------------------------------------------------------------------------

_LINE = st.one_of(
    st.sampled_from(
        [*LIBRARY, *TRAINS, EXCERPT, "", "   ", "Photo: CNA", "By Jane Doe", "TOKYO —"]
    ),
    st.text(max_size=120),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, max_size=40))
def test_every_non_blank_line_lands_in_exactly_one_article(lines: list[str]) -> None:
    text = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    physical = text.split("\n")
    expected = [(n, s.strip()) for n, s in enumerate(physical, start=1) if s.strip()]
    articles = split_text(text)
    covered: list[tuple[int, str]] = []
    previous_end = 0
    for a in articles:
        assert previous_end < a.start_line <= a.end_line
        previous_end = a.end_line
        inside = [(n, s) for n, s in expected if a.start_line <= n <= a.end_line]
        # One paragraph per line, or hard-wrapped lines rejoined: the same characters either way.
        assert len(a.paragraphs) <= len(inside)
        assert "".join("".join(s.split()) for _, s in inside) == "".join(
            "".join(p.split()) for p in a.paragraphs
        )
        assert inside[0][0] == a.start_line and inside[-1][0] == a.end_line
        assert len(a.title) <= 80 or a.title == a.headline
        covered.extend(inside)
    assert covered == expected


def test_hard_wrapped_text_is_not_cut_line_by_line() -> None:
    wrapped = []
    for p in [*LIBRARY, *TRAINS]:
        words, line = p.split(), ""
        for w in words:
            if len(line) + len(w) > 68:
                wrapped.append(line)
                line = ""
            line = f"{line} {w}".strip()
        wrapped.append(line)
        wrapped.append("")
    articles = split_text("\n".join(wrapped))
    assert articles
    assert all(a.end_line - a.start_line >= 2 for a in articles)


def test_bundled_samples_end_with_a_newline_so_cat_keeps_articles_apart() -> None:
    """``cat samples/* samples/*`` must not glue the last line of one file to the first of the
    next: every sample ends with a newline, and two copies split into twice the articles."""
    samples = sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.txt"))
    assert samples
    for path in samples:
        assert path.read_bytes().endswith(b"\n"), path.name
    once = "".join(p.read_text(encoding="utf-8") for p in samples)
    assert len(split_text(once + once)) == 2 * len(split_text(once))
