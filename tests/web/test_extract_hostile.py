"""extract_article on hostile or absurd pages: bounded time, no exception, no garbage article."""

from __future__ import annotations

import random
import time

import pytest

from newsreader.web import extract
from newsreader.web.extract import extract_article

SENTENCE = "The council met on Tuesday and voted to rebuild the quay before the storms came."


def test_a_page_too_big_for_the_extractor_is_read_from_its_article_element(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(extract, "MAX_EXTRACTOR_ELEMENTS", 50)
    nav = "".join(f'<li><a href="/s{n}">Section {n}</a></li>' for n in range(40))
    story = "".join(f'<p>{SENTENCE} <a href="/p{n}">Part {n}</a>.</p>' for n in range(30))
    html = f"<html><body><nav><ul>{nav}</ul></nav><article>{story}</article></body></html>"
    article = extract_article(html, "https://news.example.com/q")
    assert article is not None
    assert len(article.paragraphs) == 30
    assert article.paragraphs[0] == f"{SENTENCE} Part 0 [1]."
    assert article.links[0] == "https://news.example.com/p0"
    assert not any("Section" in p for p in article.paragraphs)


@pytest.mark.slow
def test_a_five_megabyte_page_of_links_takes_seconds_not_minutes() -> None:
    story = "".join(
        f'<p>Paragraph {n} has <a href="/l{n}">a link</a> and a few more words.</p>'
        for n in range(70_000)
    )
    started = time.monotonic()
    article = extract_article(f"<html><body><article>{story}</article></body></html>")
    assert time.monotonic() - started < 30
    assert article is not None
    assert len(article.paragraphs) == 70_000


def test_a_tag_with_fifty_thousand_attributes_is_quick() -> None:
    attributes = " ".join(f'a{n}="v"' for n in range(50_000))
    html = f"<html><body><article><p {attributes}>{SENTENCE * 5}</p></article></body></html>"
    started = time.monotonic()
    article = extract_article(html)
    assert time.monotonic() - started < 5
    assert article is not None
    assert article.paragraphs == (SENTENCE * 5,)


def test_a_long_data_uri_keeps_its_tag() -> None:
    image = f'<img src="data:image/png;base64,{"A" * 30_000}=" alt="The quay at dawn">'
    assert extract._LONG_TAG.sub(extract._without_monster_attributes, image) == image
    html = f"<html><body><article><p>{SENTENCE * 3}</p>{image}<p>{SENTENCE}</p></article></body>"
    article = extract_article(html)
    assert article is not None
    assert article.paragraphs[0] == SENTENCE * 3


def test_random_bytes_are_no_article() -> None:
    noise = random.Random(7).randbytes(200_000)
    assert extract_article(noise) is None
    assert extract_article(noise, content_type="text/html; charset=utf-8") is None


def test_deep_nesting_gives_no_exception() -> None:
    html = "<html><body>" + "<div>" * 20_000 + f"<p>{SENTENCE}</p>" + "</div>" * 20_000
    started = time.monotonic()
    extract_article(html)  # libxml2 gives up on the depth: None or the words, never an error
    assert time.monotonic() - started < 5


def test_a_body_of_nul_bytes_and_escapes_is_no_article() -> None:
    assert extract_article("<html><body>" + "<p>a\x00b \x1b[31m c</p>" * 1000) is None
