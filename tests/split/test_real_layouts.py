"""Failure classes of published news, one small fixture each (text written for these tests).

Published copy reaches the splitter in layouts our own corpora never used: blank lines that
do or do not mean something, lines hard-wrapped at 72 columns, excerpts cut mid-word, captions
and labels above a story, subheads inside one, sign-offs and team sheets at the end of one.
"""

from __future__ import annotations

import textwrap

from newsreader.split import split_text
from newsreader.split.stream import iter_split
from newsreader.split.wholes import revise

FERRY = [
    "The harbour authority in Keelung said on Tuesday that a new ferry service to the Matsu "
    "islands would start in March, cutting the crossing from eight hours to five.",
    "The service will use two catamarans built in Kaohsiung, each carrying 400 passengers and "
    "40 cars, the authority said in a statement.",
    "Island residents have asked for a faster crossing for more than a decade, saying the old "
    "overnight ferry was often cancelled in winter when the northeast monsoon brought high seas.",
    "Tickets for the catamarans will cost the same as the overnight ferry for island residents, "
    "and about 20 percent more for visitors, the harbour authority said.",
]
ORCHARD = [
    "Apple growers in Lishan are expecting their smallest harvest in twenty years after a dry "
    "spring and a hailstorm in May damaged blossoms across the mountain orchards.",
    "Farmers' association chairman Kao Ming-te said about a third of the orchards had lost more "
    "than half of their fruit, and some younger trees had been stripped bare.",
    "Kao said growers would ask the agriculture ministry for emergency subsidies and low-interest "
    "loans to replant damaged trees before the winter.",
    "Wholesale prices for Lishan apples have already risen by about 30 percent at the Taipei "
    "fruit market, traders said.",
]
CHESS = [
    "A 14-year-old schoolgirl from Tainan has become the youngest player to win the national "
    "chess championship, beating the defending champion in a tense final game on Sunday.",
    "Lin Yu-chen, who learned the game from her grandfather, sacrificed a knight on the 23rd move "
    "and forced her opponent to resign twelve moves later.",
    "Her coach said she trains for four hours every day after school and plays online against "
    "opponents in Europe late at night.",
    "Lin will represent Taiwan at the world youth championship in Budapest in October.",
]
ARTICLES = [FERRY, ORCHARD, CHESS]


def spans(text: str) -> list[tuple[int, int]]:
    return [(a.start_line, a.end_line) for a in split_text(text)]


def laid_out(articles: list[list[str]], para_gap: str, article_gap: str) -> str:
    return article_gap.join(para_gap.join(a) for a in articles) + "\n"


# -- blank-line layout ----------------------------------------------------------------------------


def test_two_blank_lines_between_articles_and_one_between_paragraphs_decide() -> None:
    # Lexically the three stories are close enough that cohesion alone might hesitate; the
    # layout settles it, including an article whose second paragraph starts a fresh topic.
    text = laid_out(ARTICLES, "\n\n", "\n\n\n")
    assert spans(text) == [(1, 7), (10, 16), (19, 25)]


def test_two_blank_layout_overrules_cues_and_cohesion() -> None:
    # A headline-shaped subhead inside the first story, and a second story on the same route
    # that opens with a back-reference: only the layout tells them apart.
    first = [*FERRY[:2], "Fares for island residents", *FERRY[2:]]
    second = [
        "It is the second new route announced by the harbour authority this year.",
        "A catamaran service from Keelung to Yilan's Guishan Island will start in April, "
        "carrying 200 passengers on each crossing, the authority said in a statement.",
        "Tickets for the Guishan Island catamaran will go on sale in February.",
    ]
    text = laid_out([first, second], "\n\n", "\n\n\n")
    assert spans(text) == [(1, 9), (12, 16)]


def test_one_blank_line_everywhere_says_nothing() -> None:
    text = laid_out(ARTICLES, "\n\n", "\n\n")
    assert spans(text) == [(1, 7), (9, 15), (17, 23)]


# -- hard-wrapped paragraphs ----------------------------------------------------------------------


def wrapped(articles: list[list[str]], width: int = 72) -> str:
    paras = [textwrap.fill(p, width) for a in articles for p in a]
    return "\n\n".join(paras) + "\n"


def test_hard_wrapped_paragraphs_are_rejoined_before_splitting() -> None:
    text = wrapped(ARTICLES)
    articles = split_text(text)
    assert len(articles) == 3
    assert articles[0].paragraphs == tuple(FERRY)
    lines = text.split("\n")
    for a in articles:
        assert lines[a.start_line - 1] and lines[a.end_line - 1]
    assert articles[-1].end_line == len(lines) - 1


def test_rewrapping_at_another_width_keeps_the_ids() -> None:
    assert [a.id for a in split_text(wrapped(ARTICLES, 72))] == [
        a.id for a in split_text(wrapped(ARTICLES, 64))
    ]


# -- the cut-off last line of an excerpt ----------------------------------------------------------


def test_a_cut_off_last_line_is_not_a_headline_of_the_next_story() -> None:
    # Excerpts cut mid-sentence, on lines short enough to look like headlines.
    endings = [
        "The harbour authority had said the old ferry would be sold, with",
        "Separately, the growers asked for help with the cost of hail nets on the",
        "“We want the same crossing for residents and visitors alike and the fares to st",
    ]
    lines = [*FERRY[:3], endings[0], *ORCHARD[:3], endings[1], *CHESS[:3], endings[2], *FERRY]
    assert spans("\n".join(lines) + "\n") == [(1, 4), (5, 8), (9, 12), (13, 16)]


def test_a_headline_after_a_cut_off_excerpt_still_opens_its_story() -> None:
    lines = [*FERRY[:2], "The authority said the catamarans would", "Apple harvest hit by hail"]
    lines += ORCHARD
    assert spans("\n".join(lines) + "\n") == [(1, 3), (4, 8)]


# -- captions, credits and notes on top of a story -------------------------------------------------


def test_caption_above_a_dateline_opens_the_dateline_story() -> None:
    captions = [
        "A catamaran is tested off Kaohsiung harbour, Jan. 8, 2027. (CNA)",
        "FILE - Apple orchards on a slope above Lishan, Taichung, on Oct. 2, 2026.",
        "A player studies the board during the national final in this undated photo [Getty Images]",
    ]
    lines = [
        *FERRY,
        captions[1],
        "TAICHUNG (Reuters) - " + ORCHARD[0],
        *ORCHARD[1:],
        captions[2],
        "TAINAN, Taiwan — " + CHESS[0],
        *CHESS[1:],
    ]
    assert spans("\n".join(lines) + "\n") == [(1, 4), (5, 9), (10, 14)]
    lines = [*FERRY, captions[0], "(Adds fares in paragraph 4)", "KEELUNG, Jan 9 (Reuters) - Hi"]
    assert spans("\n".join(lines) + "\n") == [(1, 4), (5, 7)]


def test_a_credit_after_a_closed_story_goes_with_the_next() -> None:
    lines = [*FERRY, "(Reporting by Lin Wen; Editing by Ann Hu)", "Graphic: Lishan farmers' "]
    lines[-1] += "association"
    lines += ["LISHAN, Taiwan — " + ORCHARD[0], *ORCHARD[1:]]
    assert spans("\n".join(lines) + "\n") == [(1, 5), (6, 10)]


def test_agency_credit_alone_on_its_line_stays_inside_the_story() -> None:
    lines = [*CHESS[:2], "(Yonhap)", *CHESS[2:], *FERRY]
    assert spans("\n".join(lines) + "\n") == [(1, 5), (6, 9)]


# -- subheads and labels inside a story ------------------------------------------------------------


def test_short_subheads_inside_a_story_do_not_start_one() -> None:
    lines = [*FERRY[:2], "Fares unchanged", *FERRY[2:], "Winter crossings", FERRY[0], *ORCHARD]
    lines[-5] = "Ferry operators said the old overnight boat would keep its winter timetable."
    assert spans("\n".join(lines) + "\n") == [(1, 7), (8, 11)]


def test_a_longer_subhead_is_known_by_the_paragraph_under_it_pointing_back() -> None:
    under = "He said the island's old ferry pier would be rebuilt for the catamarans by June."
    lines = [*FERRY[:2], "A faster crossing for island residents", under, *FERRY[2:], *ORCHARD]
    assert spans("\n".join(lines) + "\n") == [(1, 6), (7, 10)]


def test_a_short_headline_over_a_dateline_still_opens_a_story() -> None:
    lines = [*FERRY, "Lishan harvest shrinks", "LISHAN, Taiwan — " + ORCHARD[0], *ORCHARD[1:]]
    assert spans("\n".join(lines) + "\n") == [(1, 4), (5, 9)]


def test_video_and_photo_labels_inside_a_story_do_not_start_one() -> None:
    lines = [*FERRY[:2], "Harbour authority video", *FERRY[2:], *ORCHARD]
    assert spans("\n".join(lines) + "\n") == [(1, 5), (6, 9)]
    lines = [*FERRY[:2], "ON THE NEW ROUTE", *FERRY[2:], *ORCHARD]
    assert spans("\n".join(lines) + "\n") == [(1, 5), (6, 9)]


def test_sign_offs_and_asides_close_a_story_where_they_stand() -> None:
    lines = [*FERRY, "($1 = 32.4 New Taiwan dollars)", "(By Lin Wen and Ann Hu)", "Enditem"]
    lines += ORCHARD
    assert spans("\n".join(lines) + "\n") == [(1, 7), (8, 11)]


# -- lower-case headlines, lists and end credits ---------------------------------------------------


def test_a_lower_case_brand_headline_opens_a_story() -> None:
    lines = [*FERRY, "eBay opens a marketplace for Lishan apples", *ORCHARD]
    assert spans("\n".join(lines) + "\n") == [(1, 4), (5, 9)]


def test_lists_team_sheets_and_end_credits_are_not_headlines() -> None:
    lines = [
        *CHESS[:2],
        "The final standings were:",
        "1. Lin Yu-chen (Tainan)",
        "2. Wu Chia-hao (Taipei)",
        "3. Chen Pei-shan (Hsinchu)",
        *CHESS[2:],
        "Tainan: Lin Yu-chen, Kao Wen, Chou Mei, Tsai Po-han, Lee An, Hsu Jo-yun",
        "The tournament film is out now on the federation's channel",
        "Lishan growers count hail losses",
        *ORCHARD,
    ]
    assert spans("\n".join(lines) + "\n") == [(1, 10), (11, 15)]


def test_dated_datelines_and_piped_credits_open_their_story() -> None:
    lines = [
        *FERRY,
        "Lin Yu-chen studies the board in the final on Sunday. | CNA",
        "TAINAN, 3 March 2027: " + CHESS[0],
        *CHESS[1:],
    ]
    assert spans("\n".join(lines) + "\n") == [(1, 4), (5, 9)]


# -- topic shift over whole candidate articles -----------------------------------------------------


def test_alike_neighbours_merge_only_when_the_second_points_back() -> None:
    ferry = {"ferry": 2.0, "matsu": 3.0, "catamaran": 2.5, "harbour": 1.5}
    aside = {"matsu": 3.0, "catamaran": 2.5, "radio": 2.0}
    apples = {"apple": 2.0, "lishan": 3.0, "hail": 2.5}
    vecs = [ferry, ferry, aside, ferry, apples, apples]
    chosen = [True, False, True, False, True, False]
    soft = [False, True, True, True, True, True]
    # "In a radio interview on Wednesday, he said ..." points back and shares the story's terms.
    back = [False, False, True, False, True, False]
    no_leads = [False] * 6
    assert revise(chosen, vecs, soft, back, no_leads) == [True, False, False, False, True, False]
    # Without words pointing back, a same-topic neighbour stays a story of its own.
    assert revise(chosen, vecs, soft, [False] * 6, no_leads) == chosen
    # A layout cue that settled the gap is never undone.
    assert revise(chosen, vecs, [False] * 6, back, no_leads) == chosen


def test_unlike_halves_are_cut_where_the_second_opens_like_a_lead() -> None:
    ferry = {"ferry": 2.0, "matsu": 3.0, "catamaran": 2.5}
    apples = {"apple": 2.0, "lishan": 3.0, "hail": 2.5}
    vecs = [ferry, ferry, ferry, apples, apples, apples]
    run = [True, False, False, False, False, False]
    soft = [False, True, True, True, True, True]
    lead = [False, False, False, True, False, False]  # "... on Tuesday ..." in its first sentence
    cut = [True, False, False, True, False, False]
    assert revise(run, vecs, soft, [False] * 6, lead) == cut
    # No lead-like opening, no cut: off-topic quotes inside a story stay in it.
    assert revise(run, vecs, soft, [False] * 6, [False] * 6) == run


def test_windows_cut_wrapped_and_two_blank_layouts_as_the_whole_text_does() -> None:
    for text in (wrapped(ARTICLES * 4), laid_out(ARTICLES * 4, "\n\n", "\n\n\n")):
        whole = spans(text)
        windowed = [
            (a.start_line, a.end_line)
            for batch in iter_split(text, "x", first_window=20, window=30, margin=12)
            for a in batch
        ]
        assert len(whole) == 12
        assert windowed == whole
