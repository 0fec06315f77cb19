"""remove_boilerplate: short blocks with a widget's wording go, article paragraphs stay."""

from __future__ import annotations

import lxml.html
import pytest

from newsreader.web.boilerplate import LONGEST_BOILERPLATE, remove_boilerplate

ARTICLE = "The council met on Tuesday and voted to rebuild the quay before the winter storms."


def texts_after(blocks: str) -> tuple[list[str], tuple[str, ...], bool]:
    body = lxml.html.fromstring(f"<body><p>{ARTICLE}</p>{blocks}</body>")
    removed = remove_boilerplate(body)
    left = [" ".join(p.text_content().split()) for p in body.iter("p", "li", "h2")]
    return left, removed.kinds, removed.paywall


@pytest.mark.parametrize(
    ("block", "kind"),
    [
        ("<p>We use cookies to give you the best experience.</p>", "cookies"),
        ("<p>Sign up for our daily newsletter.</p>", "newsletter"),
        ("<p>Thanks for signing up!</p>", "newsletter"),
        ("<h2>Morning Briefing Newsletter</h2>", "newsletter"),
        ("<p>Subscribe to continue reading.</p>", "paywall"),
        ("<p>To Read the Full Story</p>", "paywall"),
        ("<p>Already a subscriber? Log in</p>", "paywall"),
        ("<p>Related: Storm hits the coast</p>", "related"),
        ("<p>Advertisement</p>", "slug"),
        ("<p>Story continues below advertisement</p>", "slug"),
        ("<p>Photo: Jane Roe for the Courier</p>", "caption"),
        ("<p>The quay at dawn. (Photo by Jane Roe)</p>", "caption"),
        ("<p>Follow us on Twitter</p>", "social"),
        ("<p>Follow The Courier Opinion section on Facebook, Twitter and Instagram.</p>", "social"),
        ("<p>Filed under: Harbour, Council</p>", "tags"),
    ],
)
def test_each_kind_of_widget_goes(block: str, kind: str) -> None:
    left, kinds, paywall = texts_after(block)
    assert left == [ARTICLE]
    assert kinds == (kind,)
    assert paywall == (kind == "paywall")


def test_a_related_heading_takes_its_list_along() -> None:
    left, kinds, _ = texts_after(
        "<h2>Related stories</h2><ul><li>Storm hits the coast</li><li>Fish prices</li></ul>"
    )
    assert left == [ARTICLE]
    assert kinds == ("related",)


def test_article_paragraphs_that_mention_the_words_stay() -> None:
    long = (
        "The council said the website uses cookies to count visitors, and that readers who "
        "sign up for our newsletter hear of meetings first. "
    ) * 3
    assert len(long) > LONGEST_BOILERPLATE
    blocks = f"<p>{long}</p><p>She said she would read more about the quay.</p>"
    left, kinds, paywall = texts_after(blocks)
    assert len(left) == 3
    assert kinds == ()
    assert not paywall


def test_text_after_a_removed_block_is_kept() -> None:
    body = lxml.html.fromstring("<body><div><p>Advertisement</p>tail words</div></body>")
    remove_boilerplate(body)
    assert " ".join(body.text_content().split()) == "tail words"


def test_a_related_heading_takes_the_link_only_blocks_after_it() -> None:
    left, kinds, _ = texts_after(
        "<h2>You may also like...</h2>"
        '<p><a href="/a">Storm hits the coast</a></p><p><a href="/b">Fish prices rise</a></p>'
        "<p>The council will meet again in <a href='/m'>March</a> to choose a builder.</p>"
    )
    assert left == [ARTICLE, "The council will meet again in March to choose a builder."]
    assert kinds == ("related",)
