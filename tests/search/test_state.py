"""One state filter for the index and the scan: both must answer every state query alike."""

from __future__ import annotations

import itertools

import pytest

from newsreader.library import Library
from newsreader.model import Article
from newsreader.search.index import SearchIndex
from newsreader.search.query import parse_query
from newsreader.search.state import resolve_state, wants_state


class SetState:
    def __init__(self, marked: set[str], read: set[str], tags: dict[str, set[str]]) -> None:
        self.marked = frozenset(marked)
        self.read = frozenset(read)
        self.tags = {k: frozenset(v) for k, v in tags.items()}

    def bookmarks(self) -> frozenset[str]:
        return self.marked

    def read_ids(self) -> frozenset[str]:
        return self.read

    def ids_with_tag(self, tag: str) -> frozenset[str]:
        return self.tags.get(tag, frozenset())


def _article(i: int) -> Article:
    return Article(
        id=f"a{i}",
        source="s.txt",
        start_line=i,
        end_line=i,
        title=f"story {i}",
        headline=None,
        truncated=i % 3 == 0,
        paragraphs=(f"story number {i} about the harbour",),
    )


STATE = SetState({"a1", "a2", "a5"}, {"a0", "a2", "a4"}, {"x": {"a2", "a3"}, "y": {"a5"}})
TERMS = ["is:bookmarked", "is:read", "is:unread", "tag:x", "tag:y", "tag:z", "is:truncated"]
QUERIES = [
    " ".join(("-" if neg else "") + term for term, neg in zip(terms, signs, strict=True))
    for size in (1, 2)
    for terms in itertools.combinations(TERMS, size)
    for signs in itertools.product((False, True), repeat=size)
] + ["is:bookmarked -is:bookmarked", "-is:read -tag:x"]


def _holds(term: str, article: Article, state: SetState | None) -> bool:
    """One term, answered the obvious way (no store: nothing marked, read or tagged)."""
    if term == "is:truncated":
        return article.truncated
    if state is None:
        return term == "is:unread"
    if term.startswith("tag:"):
        return article.id in state.ids_with_tag(term[4:])
    marked = {"is:bookmarked": state.marked, "is:read": state.read}
    if term == "is:unread":
        return article.id not in state.read
    return article.id in marked[term]


def _expected(text: str, articles: list[Article], state: SetState | None) -> list[int]:
    return [
        i
        for i, a in enumerate(articles)
        if all(_holds(t.lstrip("-"), a, state) != t.startswith("-") for t in text.split())
    ]


def test_without_state_terms_everything_passes() -> None:
    query = parse_query("harbour is:truncated")
    assert not wants_state(query)
    assert resolve_state(query, STATE).everything
    assert resolve_state(query, None).everything


@pytest.mark.parametrize(
    ("text", "nothing"),
    [
        ("is:read", True),
        ("tag:x", True),
        ("is:bookmarked", True),
        ("-is:unread", True),
        ("is:unread", False),
        ("-tag:x", False),
        ("-is:bookmarked", False),
    ],
)
def test_without_a_store_nothing_is_marked(text: str, nothing: bool) -> None:
    resolved = resolve_state(parse_query(text), None)
    assert resolved.nothing is nothing
    assert resolved.accepts("a1") is not nothing


def test_filter_requires_and_excludes() -> None:
    resolved = resolve_state(parse_query("is:bookmarked -tag:x"), STATE)
    assert [i for i in map("a{}".format, range(6)) if resolved.accepts(i)] == ["a1", "a5"]
    assert resolve_state(parse_query("is:bookmarked -is:bookmarked"), STATE).nothing


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("with_store", [True, False])
def test_index_and_scan_agree(text: str, with_store: bool) -> None:
    articles = [_article(i) for i in range(6)]
    state = STATE if with_store else None
    index = SearchIndex()
    for doc, art in enumerate(articles):
        index.add(doc, art)
    scanning = Library(use_cache=False, splitter=lambda text, name: articles)
    scanning.load_texts([("s.txt", "unused")])  # never indexed: every search scans
    expected = _expected(text, articles, state)
    assert index.search(parse_query(text), state) == expected
    assert scanning.search(text, state) == expected
