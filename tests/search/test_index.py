"""The inverted index must answer exactly what a plain scan would, just faster."""

from __future__ import annotations

import itertools
import random
import threading
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.model import Analysis, Article, Entity, Quote, Span
from newsreader.search.highlight import match_spans
from newsreader.search.index import SearchIndex
from newsreader.search.query import Query, parse_query, tokens
from newsreader.search.scan import scan_match
from newsreader.search.tokens import canonical_text, entity_names
from tests.helpers import FakeState


def article(
    ident: str, *paragraphs: str, source: str = "seed.txt", truncated: bool = False
) -> Article:
    return Article(
        id=ident,
        source=source,
        start_line=1,
        end_line=len(paragraphs),
        title=paragraphs[0][:80],
        headline=None,
        truncated=truncated,
        paragraphs=tuple(paragraphs),
    )


def person(name: str) -> Entity:
    return Entity(name, "PERSON", 0, 0, len(name))


CORPUS = [
    article(
        "a0",
        "The CCP is pushing residents of Kinmen to acquire Chinese ID cards, a source said.",
        "“There is increasing evidence of espionage,” Ho Cheng-hui (何澄輝) said.",
    ),
    article("a1", "Weather: rain in Taipéi and Kinmen, the Central Weather Administration said."),
    article("a2", "Chinese officials deny the ID story", source="other.txt", truncated=True),
    article("a3", "Deputy Minister Francois Wu said Taiwan would respond."),
]
ANALYSES = [
    Analysis(
        entities=(
            person("Ho Cheng-hui"),
            Entity("Kinmen", "GPE", 0, 0, 6),
            Entity("CCP", "ORG", 0, 0, 3),
        ),
        quotes=(
            Quote("There is increasing evidence of espionage", "Ho Cheng-hui", "Ho Cheng-hui", ()),
        ),
    ),
    Analysis(
        entities=(
            Entity("Central Weather Administration", "ORG", 0, 0, 30),
            Entity("CWA", "ORG", 0, 0, 3),
            Entity("Taipéi", "GPE", 0, 0, 6),
        )
    ),
    Analysis(),
    Analysis(
        entities=(person("Francois Wu"), Entity("Taiwan", "GPE", 0, 0, 6)),
        quotes=(Quote("x", "Francois Wu", "Wu", ()),),
    ),
]


@pytest.fixture
def index() -> SearchIndex:
    idx = SearchIndex()
    for doc, (a, an) in enumerate(zip(CORPUS, ANALYSES, strict=True)):
        idx.add(doc, a, an)
    return idx


def search(idx: SearchIndex, text: str, state: FakeState | None = None) -> list[int]:
    return idx.search(parse_query(text), state)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kinmen", [0, 1]),
        ("KINMEN ", [0, 1]),
        ("kinm", [0, 1]),
        ("k", [0, 1]),
        ('kinmen "chinese id"', [0]),
        ('"chinese id"', [0]),
        ('"id chinese"', []),
        ("chinese", [0, 2]),
        ("chinese -weather", [0, 2]),
        ('chinese -"id cards"', [2]),
        ("taipei", [1]),
        ("Taipéi", [1]),
        ("何澄輝", [0]),
        ("cheng-hui", [0]),
        ("zzz", []),
        ("kinmen zzz", []),
        ("-kinmen", [2, 3]),
        ('"said in a st', []),
        ('"a source s', [0]),
    ],
)
def test_words_phrases_prefixes(index: SearchIndex, text: str, expected: list[int]) -> None:
    assert search(index, text) == expected


def test_phrase_does_not_cross_paragraphs(index: SearchIndex) -> None:
    # a0 ends paragraph 0 with "said" and starts paragraph 1 with "there".
    assert search(index, '"said there"') == []
    assert search(index, '"source said"') == [0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("person:ho", [0]),
        ('person:"Ho Cheng-hui"', [0]),
        ("person:cheng", [0]),
        ("person:hen", []),  # inside a token: no
        ('person:"ho ch"', [0]),  # last token a prefix
        ("person:wu", [3]),
        ("person:cwa", []),
        ("org:cwa", [1]),
        ('org:"central weather"', [1]),
        ("place:kinmen", [0]),
        ("place:taipei", [1]),
        ("said:ho", [0]),
        ("said:wu", [3]),
        ("said:kinmen", []),
        ("-person:ho", [1, 2, 3]),
        ("kinmen person:ho", [0]),
    ],
)
def test_entity_fields(index: SearchIndex, text: str, expected: list[int]) -> None:
    assert search(index, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("source:seed", [0, 1, 3]),
        ("source:seed.txt", [0, 1, 3]),
        ("source:other.txt", [2]),
        ("-source:other", [0, 1, 3]),
        ("source:eed", []),
        ("is:truncated", [2]),
        ("-is:truncated", [0, 1, 3]),
    ],
)
def test_source_and_truncated(index: SearchIndex, text: str, expected: list[int]) -> None:
    assert search(index, text) == expected


def test_user_state(index: SearchIndex) -> None:
    state = FakeState(bookmarks={"a1", "a3", "nope"}, tags={"defence": {"a0", "a3"}}, read={"a0"})
    assert search(index, "is:bookmarked", state) == [1, 3]
    assert search(index, "-is:bookmarked", state) == [0, 2]
    assert search(index, "is:bookmarked is:unread", state) == [1, 3]
    assert search(index, "is:read", state) == [0]
    assert search(index, "is:unread", state) == [1, 2, 3]
    assert search(index, "-is:unread", state) == [0]
    assert search(index, "tag:defence", state) == [0, 3]
    assert search(index, "tag:defence -is:read", state) == [3]
    assert search(index, "-tag:defence", state) == [1, 2]
    assert search(index, "tag:unknown", state) == []
    assert search(index, "kinmen tag:defence", state) == [0]
    assert search(index, "is:bookmarked -is:bookmarked", state) == []


def test_without_a_store_nothing_is_marked(index: SearchIndex) -> None:
    assert search(index, "is:bookmarked") == []
    assert search(index, "tag:x") == []
    assert search(index, "is:read") == []
    assert search(index, "is:unread") == [0, 1, 2, 3]
    assert search(index, "-tag:x") == [0, 1, 2, 3]


def test_state_changes_are_seen(index: SearchIndex) -> None:
    state = FakeState(bookmarks={"a1"})
    assert search(index, "is:bookmarked", state) == [1]
    state.marked = frozenset({"a1", "a2"})
    assert search(index, "is:bookmarked", state) == [1, 2]
    state.marked = frozenset()
    assert search(index, "is:bookmarked", state) == []


def test_state_may_be_any_iterable(index: SearchIndex) -> None:
    class ListState(FakeState):
        def bookmarks(self) -> list[str]:  # type: ignore[override]
            return ["a0", "a0"]

    assert search(index, "is:bookmarked", ListState()) == [0]


def test_empty_query_returns_everything(index: SearchIndex) -> None:
    assert search(index, "") == [0, 1, 2, 3]
    assert index.count(parse_query("")) == 4
    assert index.count(parse_query("kinmen")) == 2


def test_documents_must_come_in_order() -> None:
    idx = SearchIndex()
    with pytest.raises(ValueError, match="in order"):
        idx.add(1, CORPUS[0])


def test_analysis_can_come_later_and_only_once() -> None:
    idx = SearchIndex()
    for doc, a in enumerate(CORPUS):
        idx.add(doc, a)
    assert idx.analysed_count == 0
    assert search(idx, "person:ho") == []
    assert search(idx, "-person:ho") == [0, 1, 2, 3]
    idx.add_analysis(0, ANALYSES[0])
    idx.add_analysis(0, ANALYSES[0])
    assert idx.analysed_count == 1
    assert idx.is_analysed(0) and not idx.is_analysed(1)
    assert search(idx, "person:ho") == [0]
    with pytest.raises(ValueError, match="not been added"):
        idx.add_analysis(9, Analysis())


def test_compacted_entity_postings_keep_growing() -> None:
    idx = SearchIndex()
    ho = Analysis(entities=(person("Ho Cheng-hui"),))
    for doc in range(100):
        idx.add(doc, article(f"x{doc}", f"Story {doc}"), ho if doc % 2 else Analysis())
    idx.compact()
    for doc in range(100, 120):
        idx.add(doc, article(f"x{doc}", f"Story {doc}"), ho)
    want = [d for d in range(120) if d % 2 or d >= 100]
    assert search(idx, "person:ho") == want
    assert (
        SearchIndex.restore(
            idx.snapshot(), [article(f"x{d}", f"Story {d}") for d in range(120)]
        ).search(parse_query("person:ho"))
        == want
    )


def test_duplicate_ids_share_state() -> None:
    idx = SearchIndex()
    idx.add(0, article("same", "one text"))
    idx.add(1, article("other", "two text"))
    idx.add(2, article("same", "one text"))
    assert search(idx, "is:bookmarked", FakeState(bookmarks={"same"})) == [0, 2]


def test_entity_names() -> None:
    names = entity_names(ANALYSES[0])
    assert names["person"] == {"ho cheng hui"}
    assert names["place"] == {"kinmen"}
    assert names["org"] == {"ccp"}
    assert names["said"] == {"ho cheng hui"}


def test_canonical_text() -> None:
    text = canonical_text(CORPUS[0])
    assert text.startswith(" the ccp is pushing")
    assert " | there is " in text
    assert text.endswith(" said ")


def test_title_is_indexed_when_it_is_not_the_lead() -> None:
    a = Article("h", "s", 1, 1, "Storm hits Kinmen", None, False, ("Rain fell all day.",))
    idx = SearchIndex()
    idx.add(0, a)
    assert search(idx, "storm") == [0]
    assert search(idx, '"hits kinmen rain"') == []


def test_snapshot_round_trip(index: SearchIndex) -> None:
    restored = SearchIndex.restore(index.snapshot(), CORPUS)
    for text in ("kinmen", "kinm", '"chinese id"', "person:ho", "source:other", "is:truncated"):
        assert search(restored, text) == search(index, text)
    assert restored.analysed_count == index.analysed_count
    restored.add(4, article("a4", "Kinmen again, with novelword"))
    assert search(restored, "kinmen") == [0, 1, 4]
    assert search(restored, "novelw") == [4]


def test_restore_rejects_a_snapshot_of_other_articles(index: SearchIndex) -> None:
    with pytest.raises(ValueError):
        SearchIndex.restore(index.snapshot(), CORPUS[:2])


# --- the index against the scan, on a corpus big enough for the dense (cached) paths --------

WORDS = ["alpha", "beta", "gamma", "delta", "alp", "beth", "taipei", "kinmen", "id", "i"]


def random_corpus(seed: int, n: int) -> list[Article]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        paras = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 8)))
            for _ in range(rng.randint(1, 3))
        ]
        out.append(
            article(
                f"d{i}", *paras, source=rng.choice(["x.txt", "y.txt"]), truncated=rng.random() < 0.3
            )
        )
    return out


def expected(corpus: Sequence[Article], query: Query, state: FakeState | None = None) -> list[int]:
    out = []
    for doc, a in enumerate(corpus):
        if not scan_match(query, canonical_text(a), a.source, a.truncated):
            continue
        ident = a.id
        marked = state.bookmarks() if state else frozenset()
        read = state.read_ids() if state else frozenset()
        if query.bookmarked and ident not in marked:
            continue
        if "bookmarked" in query.excluded_flags and ident in marked:
            continue
        if query.read and ident not in read:
            continue
        if query.unread and ident in read:
            continue
        out.append(doc)
    return out


query_text = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(WORDS).map(lambda w: w[:2]),
        st.tuples(st.sampled_from(WORDS), st.sampled_from(WORDS)).map(lambda t: f'"{t[0]} {t[1]}"'),
        st.sampled_from(WORDS).map(lambda w: f"-{w}"),
        st.tuples(st.sampled_from(WORDS), st.sampled_from(WORDS)).map(
            lambda t: f'-"{t[0]} {t[1]}"'
        ),
        st.sampled_from(
            ["is:truncated", "-is:truncated", "source:x", "-source:y", "is:bookmarked", "is:unread"]
        ),
    ),
    min_size=1,
    max_size=4,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(text=query_text, trailing=st.booleans())
def test_index_agrees_with_scan(text: str, trailing: bool) -> None:
    corpus = _CORPUS_200
    state = FakeState(
        bookmarks={f"d{i}" for i in range(0, 200, 3)}, read={f"d{i}" for i in range(0, 200, 2)}
    )
    query = parse_query(text + (" " if trailing else ""))
    assert _INDEX_200.search(query, state) == expected(corpus, query, state)


_CORPUS_200 = random_corpus(1, 200)
_INDEX_200 = SearchIndex()
_INDEX_200_PAIRS = SearchIndex()
for _doc, _a in enumerate(_CORPUS_200):
    _INDEX_200.add(_doc, _a)
    if _doc < 150:
        _INDEX_200_PAIRS.add(_doc, _a)
_INDEX_200_PAIRS.index_pairs()  # then 50 more documents get their pairs as they come
for _doc, _a in enumerate(_CORPUS_200[150:], start=150):
    _INDEX_200_PAIRS.add(_doc, _a)


@settings(max_examples=300, deadline=None)
@given(text=query_text, trailing=st.booleans())
def test_index_with_pairs_agrees_with_scan(text: str, trailing: bool) -> None:
    state = FakeState(bookmarks={f"d{i}" for i in range(0, 200, 3)})
    query = parse_query(text + (" " if trailing else ""))
    assert _INDEX_200_PAIRS.search(query, state) == expected(_CORPUS_200, query, state)


def test_pairs_survive_a_snapshot() -> None:
    assert _INDEX_200_PAIRS.has_pairs
    restored = SearchIndex.restore(_INDEX_200_PAIRS.snapshot(), _CORPUS_200)
    assert restored.has_pairs
    for text in ('"alpha beta"', '"beta gamma delta"', '"i id"', '"kinmen taipei"'):
        q = parse_query(text)
        assert restored.search(q) == expected(_CORPUS_200, q)


def test_cached_bitmaps_follow_new_documents() -> None:
    corpus = random_corpus(2, 300)
    idx = SearchIndex()
    for doc, a in enumerate(corpus[:150]):
        idx.add(doc, a)
    idx.index_pairs()
    idx.index_pairs()  # a second call changes nothing
    for text in ("alpha", "al", "a", '"alpha beta"', "is:truncated", "source:x"):
        assert idx.search(parse_query(text)) == expected(corpus[:150], parse_query(text))
    for doc, a in enumerate(corpus[150:], start=150):
        idx.add(doc, a)
    for text in ("alpha", "al", "a", '"alpha beta"', "is:truncated", "source:x", "zeta"):
        assert idx.search(parse_query(text)) == expected(corpus, parse_query(text))


def test_state_bitmap_is_patched_correctly() -> None:
    idx = _INDEX_200
    big = {f"d{i}" for i in range(0, 200, 2)}
    state = FakeState(read=big)
    q = parse_query("is:read")
    assert idx.search(q, state) == expected(_CORPUS_200, q, state)
    state.read = frozenset(big | {"d1", "d3"}) - {"d0"}
    assert idx.search(q, state) == expected(_CORPUS_200, q, state)


def test_searching_while_another_thread_adds() -> None:
    corpus = random_corpus(3, 2000)
    idx = SearchIndex()
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            for doc, a in enumerate(corpus):
                idx.add(doc, a)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    queries = [parse_query(t) for t in ("alpha", "al", '"alpha beta"', "a", "-gamma kinm")]
    while thread.is_alive():
        for q in queries:
            n = len(idx)
            found = idx.search(q)
            assert all(0 <= d < len(idx) for d in found)
            assert found == sorted(set(found))
            assert set(expected(corpus[:n], q)) <= set(found)
    thread.join()
    assert errors == []
    for q in queries:
        assert idx.search(q) == expected(corpus, q)


# --- match spans ----------------------------------------------------------------------------


def spans(a: Article, text: str) -> list[tuple[int, str]]:
    return [
        (s.paragraph, a.paragraphs[s.paragraph][s.start : s.end])
        for s in match_spans(a, parse_query(text))
    ]


def test_spans_of_words_phrases_and_prefix() -> None:
    a = CORPUS[0]
    assert spans(a, "kinmen ") == [(0, "Kinmen")]
    assert spans(a, '"chinese id"') == [(0, "Chinese ID")]
    assert spans(a, "cheng-hui ") == [(1, "Cheng-hui")]
    assert spans(a, "espi") == [(1, "espionage")]
    assert spans(a, "the ") == [(0, "The")]
    assert spans(a, "zzz") == []
    assert spans(a, "tag:x is:read") == []


def test_spans_map_folded_text_back_to_the_original() -> None:
    a = article("x", "Rain in Taipéi and STRASSE and Straße; e\u0301t\u00e9 done")
    assert spans(a, "taipei ") == [(0, "Taipéi")]
    assert spans(a, "strasse ") == [(0, "STRASSE"), (0, "Straße")]
    assert spans(a, "ete ") == [(0, "e\u0301t\u00e9")]


def test_spans_are_sorted_and_do_not_overlap() -> None:
    a = article("x", "Chinese ID cards and Chinese ID", "ID again")
    found = match_spans(a, parse_query('"chinese id" id cards'))
    assert found == sorted(found, key=lambda s: (s.paragraph, s.start))
    for x, y in itertools.pairwise(found):
        assert x.paragraph < y.paragraph or x.end <= y.start
    # "ID" lies inside the phrase "Chinese ID": one span; "cards" (being typed) its own.
    assert found[:2] == [Span(0, 0, 10), Span(0, 11, 16)]


def test_spans_agree_with_tokens() -> None:
    a = CORPUS[1]
    for s in match_spans(a, parse_query("weather administration ")):
        assert tokens(a.paragraphs[s.paragraph][s.start : s.end])[0] in {
            "weather",
            "administration",
        }


def test_the_index_numbers_names_the_same_whatever_order_they_come_in() -> None:
    """Names arrive as sets, ordered by each interpreter's hash seed (the app's, an analysis
    child's): the same names must give the same snapshot in any order."""
    article = Article("a1", "s.txt", 1, 1, "Ho and Chen", None, False, ("Ho met Chen.",))
    people = ["ho cheng hui", "chen wei ting", "lin", "wu chao hsieh"]
    snapshots = []
    for order in (people, people[::-1], sorted(people)):
        index = SearchIndex()
        index.add(0, article)
        index.add_names(0, {"person": order, "org": [], "place": ["kinmen"], "said": order})
        snapshots.append(index.snapshot())
    assert snapshots[0] == snapshots[1] == snapshots[2]
    assert snapshots[0]["fields"]["person"][0] == sorted(people)
