"""looks_like_teaser: what the per-feed ``auto`` mode fetches the full text for."""

from __future__ import annotations

import pytest

from newsreader.web.teaser import TEASER_WORDS, looks_like_teaser

SENTENCE = "The council met again on Tuesday to talk about the state of the harbour wall. "
LONG = [SENTENCE * 4, SENTENCE * 4, SENTENCE * 4]  # 15 words a sentence, 180 in all


def test_a_whole_article_is_not_a_teaser() -> None:
    assert not looks_like_teaser(LONG)


def test_no_text_is_a_teaser() -> None:
    assert looks_like_teaser([])
    assert looks_like_teaser(["", "  "])


def test_a_short_summary_is_a_teaser() -> None:
    assert looks_like_teaser([SENTENCE * 2])
    words = ("word " * (TEASER_WORDS - 1)).strip() + "."
    assert looks_like_teaser([words])
    assert not looks_like_teaser([words + " more"])


@pytest.mark.parametrize(
    "ending",
    [
        "and then…",
        "and then...",
        "and then […]",
        "and then [...]",
        "and then (more…)",
        "Read more",
        "Read more [3]",
        "Read more »",
        "Continue reading →",
        "Continue reading [4]",
        "Continue reading on Medium",
        "Read the full story",
        "Keep reading",
    ],
)
def test_a_long_text_that_ends_like_an_excerpt_is_a_teaser(ending: str) -> None:
    assert looks_like_teaser([*LONG, ending])
    assert looks_like_teaser([*LONG[:-1], LONG[-1] + ending])


def test_the_wordpress_footer_is_set_aside() -> None:
    footer = "The post Harbour news [2] appeared first on The Courier [3]."
    assert not looks_like_teaser([*LONG, footer])
    assert looks_like_teaser([*LONG[:-1], LONG[-1] + " […]", footer])


def test_reading_words_inside_a_sentence_do_not_count() -> None:
    assert not looks_like_teaser([*LONG, "She said she would read more books this winter, too."])
