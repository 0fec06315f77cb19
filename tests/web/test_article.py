"""fetch_article end to end against a local server: the article, or one line saying why not."""

from __future__ import annotations

from pytest_httpserver import HTTPServer

from newsreader.web.article import NO_ARTICLE, fetch_article
from newsreader.web.extract import extract_article

PARAGRAPHS = [
    "The ferry company said on Friday that the night crossing would stop for the winter, "
    "as fewer passengers had travelled on it than in any year since it began.",
    "“We cannot run an empty boat through the storms,” said Ada Brenn, who runs the line. "
    "“It will be back in April, when the days are longer.”",
    "Islanders who work on the mainland said the decision would make their week harder, "
    "and the council asked the company to keep one late sailing on Fridays.",
]


def article_page(extra_head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<html><head><title>Night ferry stops</title>{extra_head}</head><body><article>"
        f"<h1>Night ferry stops for the winter</h1>{body}"
        '<p>The timetable is on <a href="timetable.html">the company\'s site</a>.</p>'
        "</article></body></html>"
    )


def test_an_article_after_a_redirect_resolves_links_against_the_final_page(
    httpserver: HTTPServer,
) -> None:
    final = httpserver.url_for("/news/ferry").replace("localhost", "127.0.0.1")
    httpserver.expect_request("/short").respond_with_data(
        "", status=301, headers={"Location": final}
    )
    httpserver.expect_request("/news/ferry").respond_with_data(
        article_page(), content_type="text/html"
    )
    result = fetch_article(httpserver.url_for("/short"))
    assert result.ok
    assert result.error is None
    assert result.page.moved_to_other_host
    assert result.article is not None
    assert result.article.title == "Night ferry stops for the winter"  # the h1 over <title>
    assert list(result.article.paragraphs[:3]) == PARAGRAPHS
    assert result.article.links == (final.rsplit("/", 1)[0] + "/timetable.html",)


def test_a_page_without_an_article_says_so(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/wall").respond_with_data(
        "<html><body><h1>Night ferry</h1><p>Subscribe to continue reading.</p></body></html>",
        content_type="text/html",
    )
    result = fetch_article(httpserver.url_for("/wall"))
    assert result.article is None
    assert result.error == NO_ARTICLE
    assert not result.ok


def test_a_fetch_error_is_the_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/doc.pdf").respond_with_data(
        b"%PDF-1.4 ...", content_type="application/pdf"
    )
    result = fetch_article(httpserver.url_for("/doc.pdf"))
    assert result.error == "not a web page (application/pdf)"
    assert result.article is None


def test_a_saved_page_resolves_links_against_its_canonical_url() -> None:
    page = article_page('<link rel="canonical" href="https://ferries.example/news/ferry">')
    article = extract_article(page.encode("utf-8"))
    assert article is not None
    assert article.canonical_url == "https://ferries.example/news/ferry"
    assert article.links == ("https://ferries.example/news/timetable.html",)


def test_a_saved_page_without_an_address_keeps_only_absolute_links() -> None:
    article = extract_article(article_page().encode("utf-8"))
    assert article is not None
    assert article.canonical_url is None
    assert article.links == ()
    assert "The timetable is on the company's site." in article.paragraphs


def test_a_base_element_decides_what_relative_links_resolve_against() -> None:
    page = article_page('<base href="https://cdn.example/ferries/">')
    article = extract_article(page, "https://ferries.example/news/ferry")
    assert article is not None
    assert article.links == ("https://cdn.example/ferries/timetable.html",)
