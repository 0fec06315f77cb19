"""The list's orders (``S`` in the TUI): file order, newest first, title, source."""

from __future__ import annotations

from typing import Any

from newsreader.library.order import SORTS, DisplayOrder, next_sort
from newsreader.model import Article, Entry


class _NoTexts:
    def body(self, rowid: int) -> str:
        raise AssertionError("sorting must not read an entry's text")


def _text(title: str, source: str = "b.txt") -> Article:
    return Article(title, source, 1, 1, title, None, False, (f"{title}.",))


def _entry(title: str, feed: str, published: float | None) -> Entry:
    texts: Any = _NoTexts()
    return Entry.lazy(title, feed, title, rowid=1, texts=texts, published=published)


ARTICLES: list[Article] = [
    _text("zebra crossing"),
    _entry("old harbour", "Harbour News", 100.0),
    _text("Apple harvest", "a.txt"),
    _entry("new harbour", "Harbour News", 300.0),
    _entry("council", "City Desk", 200.0),
    _entry("undated", "City Desk", None),
]


def _titles(order: list[int] | None) -> list[str]:
    assert order is not None
    return [ARTICLES[i].title for i in order]


def test_file_order_is_texts_then_feeds_newest_first() -> None:
    order = DisplayOrder(ARTICLES)
    assert _titles(order.order()) == [
        "zebra crossing", "Apple harvest", "council", "undated", "new harbour", "old harbour",
    ]  # fmt: skip


def test_newest_first_puts_undated_articles_last_in_file_order() -> None:
    order = DisplayOrder(ARTICLES)
    assert _titles(order.order("newest")) == [
        "new harbour", "council", "old harbour", "zebra crossing", "Apple harvest", "undated",
    ]  # fmt: skip


def test_title_ignores_case_and_source_keeps_each_source_in_file_order() -> None:
    order = DisplayOrder(ARTICLES)
    assert _titles(order.order("title"))[:2] == ["Apple harvest", "council"]
    assert _titles(order.order("source")) == [
        "Apple harvest", "zebra crossing", "council", "undated", "new harbour", "old harbour",
    ]  # fmt: skip


def test_arrange_follows_the_current_sort_and_the_order_follows_growth() -> None:
    articles = list(ARTICLES)
    order = DisplayOrder(articles)
    order.sort = "title"
    assert [articles[i].title for i in order.arrange([0, 2, 4])] == [
        "Apple harvest", "council", "zebra crossing",
    ]  # fmt: skip
    articles.append(_text("aardvark"))
    shown = order.order()
    assert shown is not None and shown[0] == len(articles) - 1


def test_s_cycles_every_sort() -> None:
    sort = SORTS[0]
    seen = []
    for _ in SORTS:
        seen.append(sort)
        sort = next_sort(sort)
    assert seen == list(SORTS) and sort == SORTS[0]
