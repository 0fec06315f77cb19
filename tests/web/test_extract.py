"""extract_article on pages written for these tests: the article, and nothing around it."""

from __future__ import annotations

from datetime import UTC, datetime

from newsreader.web.extract import extract_article

STORY = [
    "The harbour council voted on Tuesday to rebuild the old stone quay, ending a dispute that "
    "had kept the fishing fleet at anchor in the bay for most of the winter.",
    "“We have waited long enough,” said Marta Ilves, who chairs the council. “The boats need a "
    "safe berth before the autumn storms, and the quay is the only place to give them one.”",
    "Engineers expect the work to take eleven months. The first stones will be lifted in March, "
    "once the spring tides have passed, and the new wall will be two metres higher than the old.",
    "Not everyone is pleased. Traders on the waterfront fear that the building site will keep "
    "visitors away during the busiest months of the year, and some asked for the work to wait.",
]


def page(
    title: str = "Harbour council votes to rebuild the quay",
    story: list[str] | None = None,
    extra_article_html: str = "",
) -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in (story if story is not None else STORY))
    return f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>{title} | The Coastal Courier</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="The Coastal Courier">
<meta name="author" content="Jon Varga">
<meta property="article:published_time" content="2026-11-03T09:30:00+01:00">
<script>var tracking = "do not show this";</script>
<style>.x {{ color: red }}</style>
</head><body>
<div id="cookie-banner" class="cookie-consent">
  <p>We use cookies to improve your experience. By using this site you accept cookies.</p>
  <button>Accept all</button>
</div>
<header><nav><ul>
  <li><a href="/">Home</a></li><li><a href="/news">News</a></li>
  <li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li>
</ul></nav></header>
<div class="ad-slot advert"><p>Advertisement</p><a href="https://ads.example/click">
  Buy cheap boat insurance now</a></div>
<main><article>
<h1>{title}</h1>
<p class="byline">By Jon Varga</p>
<figure><img src="/quay.jpg" alt="The quay at low tide">
<figcaption>The old quay at low tide. Photo: Courier archive</figcaption></figure>
{paragraphs}
<p>The full decision is on the <a href="/council/minutes">council's website</a>, and a map
of the works is <a href="https://maps.example.org/quay">published by the port</a>.</p>
<ul><li>Work starts in March.</li><li>The quay reopens next winter.</li></ul>
<blockquote><p>“A harbour without a quay is only a beach,” an old fisherman told us.</p>
</blockquote>
{extra_article_html}
<div class="newsletter-box"><h3>Sign up for our newsletter</h3>
<p>Get the Coastal Courier newsletter delivered to your inbox every morning.</p>
<form><input type="email"><button>Subscribe</button></form></div>
<aside class="related"><h2>Related stories</h2><ul>
  <li><a href="/a">Storm damages the lighthouse</a></li>
  <li><a href="/b">Fish prices rise again</a></li></ul></aside>
</article></main>
<footer><p>© 2026 The Coastal Courier. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul></footer>
</body></html>"""


def test_the_article_and_its_metadata() -> None:
    article = extract_article(page(), "https://news.example.com/2026/quay")
    assert article is not None
    assert article.title == "Harbour council votes to rebuild the quay"
    assert article.author == "Jon Varga"
    assert article.site_name == "The Coastal Courier"
    assert article.published == datetime(2026, 11, 3, 8, 30, tzinfo=UTC)
    for paragraph in STORY:
        assert paragraph in article.paragraphs
    assert article.text_chars == sum(len(p) for p in article.paragraphs)
    assert not article.truncated


def test_boilerplate_around_and_inside_the_article_is_gone() -> None:
    article = extract_article(page(), "https://news.example.com/2026/quay")
    assert article is not None
    text = "\n".join(article.paragraphs)
    for noise in (
        "cookies",
        "Home",
        "Advertisement",
        "boat insurance",
        "newsletter",
        "Related stories",
        "Storm damages",
        "All rights reserved",
        "Privacy",
        "do not show this",
        "color: red",
        "Photo: Courier archive",
    ):
        assert noise not in text, noise
    # The headline is shown above the text, not repeated as its first paragraph.
    assert article.paragraphs[0] != article.title


def test_links_are_numbered_and_absolute_lists_and_quotes_readable() -> None:
    article = extract_article(page(), "https://news.example.com/2026/quay")
    assert article is not None
    assert article.links == (
        "https://news.example.com/council/minutes",
        "https://maps.example.org/quay",
    )
    assert (
        "The full decision is on the council's website [1], and a map of the works is "
        "published by the port [2]." in article.paragraphs
    )
    assert "• Work starts in March." in article.paragraphs
    assert "• The quay reopens next winter." in article.paragraphs
    assert "> “A harbour without a quay is only a beach,” an old fisherman told us." in (
        article.paragraphs
    )


def test_a_link_at_the_end_of_its_words_does_not_glue_to_the_next_word() -> None:
    story = [*STORY]
    story[1] = 'The plan was <a href="https://example.org/plan">first reported </a>by the Courier.'
    article = extract_article(page(story=story), "https://news.example.com/q")
    assert article is not None
    assert "The plan was first reported [1] by the Courier." in article.paragraphs


def test_terminal_escapes_go_and_markup_stays_literal() -> None:
    story = [*STORY]
    story[0] = "The vote \x1b[31mwas red\x1b[0m and [bold]loud[/] and \x1b]0;pwned\x07done."
    article = extract_article(
        page(title="Quay [bold]x[/] vote \x1b[2J", story=story), "https://news.example.com/q"
    )
    assert article is not None
    assert article.title == "Quay [bold]x[/] vote"
    assert "The vote was red and [bold]loud[/] and done." in article.paragraphs
    for text in (*article.paragraphs, article.title):
        assert "\x1b" not in text and "\x07" not in text


def test_entities_that_decode_to_controls_are_harmless() -> None:
    story = [*STORY]
    story[0] = "Escape &#27;[31mhere and a bidi &#x202E;override in the text of the story."
    article = extract_article(page(story=story), "https://news.example.com/q")
    assert article is not None
    assert all("\x1b" not in p and "\u202e" not in p for p in article.paragraphs)


def test_an_empty_page_has_no_article() -> None:
    assert extract_article("") is None
    assert extract_article(b"   ") is None
    assert extract_article("<html><body></body></html>") is None


def test_a_page_of_navigation_only_has_no_article() -> None:
    links = "".join(f'<li><a href="/s{n}">Section {n}</a></li>' for n in range(30))
    assert extract_article(f"<html><body><nav><ul>{links}</ul></nav></body></html>") is None


def test_a_paywall_with_only_a_lead_has_no_article() -> None:
    lead = [
        STORY[0],
        "Subscribe to continue reading. Already a subscriber? Sign in.",
    ]
    assert extract_article(page(story=lead), "https://news.example.com/q") is None


def test_a_long_excerpt_before_a_paywall_is_kept_and_marked_truncated() -> None:
    long_story = [*STORY, *STORY, *STORY[:2], "Subscribe now to continue reading this article."]
    long_story = [f"{p} ({n})" for n, p in enumerate(long_story)]
    article = extract_article(page(story=long_story), "https://news.example.com/q")
    assert article is not None
    assert article.truncated
    assert not any("Subscribe" in p for p in article.paragraphs)


def test_latin1_bytes_labelled_utf8_are_read_as_latin1() -> None:
    html = page(story=[*STORY, "The café on the quay will stay open, said the mayor’s aide."])
    straight = {0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"'}
    body = html.translate(straight).encode("latin-1")
    article = extract_article(body, "https://news.example.com/q", "text/html; charset=utf-8")
    assert article is not None
    assert "The café on the quay will stay open, said the mayor's aide." in article.paragraphs


def test_utf8_bytes_labelled_latin1_are_read_as_utf8() -> None:
    html = page(story=[*STORY, "Zoë said the crêpe stall would move to the square."])
    article = extract_article(
        html.encode("utf-8"), "https://news.example.com/q", "text/html; charset=ISO-8859-1"
    )
    assert article is not None
    assert "Zoë said the crêpe stall would move to the square." in article.paragraphs


def test_a_meta_charset_alone_decides() -> None:
    html = page(story=[*STORY, "Ð¡Ð»Ð¾Ð²Ð¾"]).replace('<meta charset="utf-8">', "")
    russian = "Мэр сказал, что причал откроется зимой."
    html = html.replace("<head>", '<head><meta charset="windows-1251">', 1).replace(
        "Ð¡Ð»Ð¾Ð²Ð¾", russian
    )
    article = extract_article(html.encode("cp1251", errors="replace"), "https://example.com/q")
    assert article is not None
    assert russian in article.paragraphs


def test_hover_cards_and_screen_reader_labels_are_not_text() -> None:
    story = [*STORY]
    story[0] = (
        'The harbour master, <span class="rollover-people"><a href="/people/ilves">Marta Ilves'
        '</a><span class="rollover-people-block"><a href="/people/ilves">Marta J. Ilves</a>'
        '<a href="/other">Three other stories about her</a></span></span>, voted for the plan'
        ' <span class="sr-only">(opens in a new window)</span>with the <span class="has-tooltip">'
        "harbour board</span> on Tuesday."
    )
    article = extract_article(page(story=story), "https://news.example.com/q")
    assert article is not None
    assert (
        "The harbour master, Marta Ilves [1], voted for the plan with the harbour board on Tuesday."
        in article.paragraphs
    )
    assert article.links[0] == "https://news.example.com/people/ilves"
