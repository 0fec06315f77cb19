"""entry_text: entry HTML into paragraphs and numbered links, the way a terminal reader shows it."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.feeds.content import entry_text, safe_text, strip_markup
from newsreader.text import clean_text

BASE = "https://quay.example/news/item"


def test_one_paragraph_per_block_and_entities_decoded() -> None:
    paragraphs, links = entry_text(
        "<h2>Tide&nbsp;tables</h2><p>Low &amp; high   water</p><div>Third\n block</div>", BASE
    )
    assert paragraphs == ("Tide tables", "Low & high water", "Third block")
    assert links == ()


def test_lists_and_block_quotes_stay_readable() -> None:
    paragraphs, _ = entry_text(
        "<ul><li>Nets</li><li><p>Ropes</p></li></ul><ol><li>First</li><li>Second</li></ol>"
        "<blockquote><p>\u201cThe harbour wall held,\u201d said Harbourmaster Eda Voss.</p>"
        "<p>\u201cBarely.\u201d</p></blockquote>",
        BASE,
    )
    assert paragraphs == (
        "• Nets",
        "• Ropes",
        "1. First",
        "2. Second",
        "> \u201cThe harbour wall held,\u201d said Harbourmaster Eda Voss.",
        "> \u201cBarely.\u201d",
    )


def test_links_are_numbered_deduplicated_and_absolute() -> None:
    paragraphs, links = entry_text(
        '<p><a href="/one">One</a>, <a href="https://quay.example/one">again</a>, '
        '<a href="two">two</a> and <a href="https://other.example/">other</a>.</p>',
        BASE,
    )
    assert paragraphs == ("One [1], again [1], two [2] and other [3].",)
    assert links == (
        "https://quay.example/one",
        "https://quay.example/news/two",
        "https://other.example/",
    )


def test_unsafe_links_keep_their_text_but_get_no_number() -> None:
    paragraphs, links = entry_text(
        '<p><a href="javascript:alert(1)">click</a> <a href="JaVaScRiPt:x">again</a> '
        '<a href="data:text/html,&lt;script&gt;">data</a> <a href="mailto:ed@quay.example">mail</a>'
        ' <a href=" java\tscript:y">tab</a> <a>no href</a></p>',
        BASE,
    )
    assert paragraphs == ("click again data mail tab no href",)
    assert links == ()


def test_scripts_styles_widgets_and_trackers_are_dropped() -> None:
    paragraphs, links = entry_text(
        "<style>p{color:red}</style><script>alert('x')</script><p>Story</p>"
        '<iframe src="https://video.example/"></iframe><form><input name="q"></form>'
        '<nav><a href="/home">Home</a></nav>'
        '<div class="share-bar"><a href="https://social.example/share">Share</a></div>'
        '<div id="newsletter-signup">Subscribe now</div>'
        '<p class="related-posts">Related: <a href="/old">old story</a></p>'
        '<p style="display: none">hidden</p>'
        '<img src="https://quay.example/p.gif" width="1" height="1" alt="tracker">'
        '<img src="https://feeds.feedburner.com/~r/x/~4/abc" alt="fb">'
        '<img src="/photo.jpg" alt="The new pier at dawn"><img src="/decor.png" alt="">',
        BASE,
    )
    assert paragraphs == ("Story", "[image: The new pier at dawn]")
    assert links == ()


def test_a_long_article_is_kept_whatever_its_wrapper_is_called() -> None:
    story = " ".join(f"Sentence {i} about the new ferry." for i in range(40))
    paragraphs, _ = entry_text(
        f'<div class="post social-share-enabled"><p>{story}</p>'
        '<div class="share-row"><a href="https://s.example/">Share</a></div></div>',
        BASE,
    )
    assert paragraphs == (story,)


def test_double_br_splits_paragraphs_single_br_does_not() -> None:
    paragraphs, _ = entry_text("First line<br>same paragraph<br><br>Second<br/> <br/>Third", BASE)
    assert paragraphs == ("First line same paragraph", "Second", "Third")


def test_plain_text_splits_on_blank_lines_or_newlines() -> None:
    assert entry_text("One\nstill one\n\nTwo &amp; more")[0] == ("One still one", "Two & more")
    assert entry_text("Line one\nLine two\n")[0] == ("Line one", "Line two")
    assert entry_text("   ") == ((), ())
    assert entry_text("") == ((), ())


def test_text_is_cleaned_never_escaped() -> None:
    paragraphs, _ = entry_text(
        "<p>\x1b[31m[bold red]alarm[/]\x1b[0m &lt;b&gt; &#x202e;reversed &#27;]0;t&#7;</p>", BASE
    )
    (paragraph,) = paragraphs
    assert paragraph.startswith("[bold red]alarm[/] <b> reversed")
    assert "\x1b" not in paragraph and "\u202e" not in paragraph and "\x07" not in paragraph


def test_tables_and_pre() -> None:
    paragraphs, _ = entry_text(
        "<table><tr><th>Boat</th><th>Berth</th></tr><tr><td>Kestrel</td><td>4</td></tr></table>"
        "<pre>line  one\nline two</pre>",
        BASE,
    )
    assert paragraphs == ("Boat Berth", "Kestrel 4", "line one", "line two")


def test_strip_markup_for_titles() -> None:
    title = strip_markup("<b>Bold</b> &amp;amp; [i]kept[/i]\n  spaced")
    assert title == "Bold & [i]kept[/i] spaced"
    assert strip_markup("a < b and c > d") == "a < b and c > d"


def test_huge_input_is_linear() -> None:
    unit = '<p>Word <a href="/l{}">link</a> and <b>bold</b> text.</p>'
    small = "".join(unit.format(i) for i in range(2_000))
    big = "".join(unit.format(i) for i in range(20_000))
    started = time.perf_counter()
    entry_text(small, BASE)
    small_time = time.perf_counter() - started
    started = time.perf_counter()
    paragraphs, links = entry_text(big, BASE)
    big_time = time.perf_counter() - started
    assert len(paragraphs) == 20_000 and len(links) == 20_000
    assert big_time < max(small_time, 0.01) * 30
    long_paragraph = "<p>" + "word " * 200_000 + "<br>" * 1000 + "</p>"
    started = time.perf_counter()
    assert entry_text(long_paragraph, BASE)[0]
    assert time.perf_counter() - started < 5


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_safe_text_cleans_like_clean_text_up_to_whitespace(text: str) -> None:
    assert " ".join(safe_text(text).split()) == " ".join(clean_text(text).split())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_clean_paragraphs(text: str) -> None:
    paragraphs, links = entry_text(text, BASE)
    for paragraph in paragraphs:
        assert paragraph == clean_text(paragraph)
        assert paragraph.strip() and "\n" not in paragraph
    assert all(link.startswith(("http://", "https://")) for link in links)


def test_charset_declarations_inside_entry_html_are_ignored() -> None:
    assert entry_text('<meta charset="iso-8859-1"><p>Café Ørsted</p>')[0] == ("Café Ørsted",)
    assert entry_text('<?xml version="1.0" encoding="latin-1"?><p>Café</p>')[0] == ("Café",)


def test_a_link_ending_in_a_space_keeps_its_marker_off_the_next_word() -> None:
    paragraphs, links = entry_text('<p>It <a href="https://x.example/a">reported </a>WeWork.</p>')
    assert paragraphs == ("It reported [1] WeWork.",) and links == ("https://x.example/a",)
