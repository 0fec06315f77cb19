"""The Library: loading (from the cache when possible), lazy analysis, and search at all times."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsreader.library import Library
from newsreader.library.analyses import AnalysisCache
from newsreader.model import Analysis, Article, Entity, Quote
from tests.helpers import FakeState

TEXT = """\
Kinmen residents get Chinese ID cards, a source said.
Rain is expected in Taipei, the Central Weather Administration said.
Ho Cheng-hui said the islands are at risk.
Deputy Minister Francois Wu said Taiwan would respond
"""


class Splitter:
    """One article per non-blank line (the real splitter is tested elsewhere); counts calls."""

    version = "test-1"

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, text: str, source: str) -> Iterator[Article]:
        self.calls += 1
        for n, line in enumerate(text.split("\n"), start=1):
            if line.strip():
                yield Article(
                    id=hashlib.blake2b(line.encode(), digest_size=8).hexdigest(),
                    source=source,
                    start_line=n,
                    end_line=n,
                    title=line[:80],
                    headline=None,
                    truncated=not line.endswith("."),
                    paragraphs=(line,),
                )


class Analyzer:
    """Capitalised words after "said"-free heuristics are people; counts calls."""

    version = "test-1"

    def __init__(self) -> None:
        self.calls = 0
        self.lock = threading.Lock()

    def __call__(self, article: Article) -> Analysis:
        with self.lock:
            self.calls += 1
        text = article.paragraphs[0]
        entities = []
        for name in ("Ho Cheng-hui", "Francois Wu"):
            if name in text:
                entities.append(
                    Entity(name, "PERSON", 0, text.index(name), text.index(name) + len(name))
                )
        for name in ("Kinmen", "Taipei", "Taiwan"):
            if name in text:
                entities.append(
                    Entity(name, "GPE", 0, text.index(name), text.index(name) + len(name))
                )
        quotes = tuple(Quote("x", e.text, e.text, ()) for e in entities if e.label == "PERSON")
        return Analysis(quotes=quotes, entities=tuple(entities))


def make_library(tmp_path: Path, **kwargs: object) -> tuple[Library, Splitter, Analyzer]:
    splitter, analyzer = Splitter(), Analyzer()
    library = Library(tmp_path / "cache", analyzer, splitter=splitter, **kwargs)  # type: ignore[arg-type]
    return library, splitter, analyzer


def test_load_and_search_before_and_after_the_index(tmp_path: Path) -> None:
    library, _, _ = make_library(tmp_path)
    batches: list[tuple[int, int]] = []
    library.load_texts([("news.txt", TEXT)], on_batch=lambda n, b: batches.append((n, b)))
    assert len(library.articles) == 4
    assert batches and batches[-1] == (4, len(TEXT))
    queries = [
        "kinmen",
        "said",
        "kin",
        '"source said"',
        "-kinmen",
        "is:truncated",
        "source:news",
        "zzz",
        "",
    ]
    before = {q: library.search(q) for q in queries}
    assert library.index_status().indexed == 0
    assert before["kinmen"] == [0]
    assert before["kin"] == [0]
    assert before["-kinmen"] == [1, 2, 3]
    assert before["is:truncated"] == [3]
    assert before[""] == [0, 1, 2, 3]
    progress: list[tuple[int, int]] = []
    library.ensure_index(on_progress=lambda d, t: progress.append((d, t)))
    status = library.index_status()
    assert status.words_ready and status.complete
    assert progress[-1] == (8, 8)
    for q in queries:
        assert library.search(q) == before[q], q


def test_entity_fields_need_the_index(tmp_path: Path) -> None:
    library, _, _ = make_library(tmp_path)
    library.load_texts([("news.txt", TEXT)])
    assert library.search("person:ho") == []  # not analysed yet: no entity matches
    library.ensure_index()
    assert library.search("person:ho") == [2]
    assert library.search("person:wu") == [3]
    assert library.search("said:francois") == [3]
    assert library.search("place:taip") == [1]
    assert library.search("-person:ho") == [0, 1, 3]


def test_state_filters_before_and_after_the_index(tmp_path: Path) -> None:
    library, _, _ = make_library(tmp_path)
    library.load_texts([("news.txt", TEXT)])
    ids = [a.id for a in library.articles]
    state = FakeState(bookmarks={ids[1]}, tags={"defence": {ids[0], ids[3]}}, read={ids[0]})
    queries = [
        "is:bookmarked",
        "is:unread",
        "is:read",
        "tag:defence",
        "-tag:defence said",
        "tag:none",
    ]
    before = {q: library.search(q, state) for q in queries}
    assert before["is:bookmarked"] == [1]
    assert before["is:unread"] == [1, 2, 3]
    assert before["tag:defence"] == [0, 3]
    assert before["-tag:defence said"] == [1, 2]
    library.ensure_index()
    for q in queries:
        assert library.search(q, state) == before[q], q
    assert library.search("is:bookmarked") == []


def test_index_of_and_counts(tmp_path: Path) -> None:
    library, _, _ = make_library(tmp_path)
    library.load_texts([("news.txt", TEXT)])
    first = library.articles[0].id
    assert library.index_of(first) == 0
    assert library.index_of("missing") is None
    state = FakeState(bookmarks={first, "gone"}, tags={"t": {first}}, read={first})
    counts = library.counts(state)
    assert (counts.total, counts.bookmarked, counts.read, counts.unread, counts.truncated) == (
        4,
        1,
        1,
        3,
        1,
    )
    assert library.counts().unread == 4
    assert library.tag_counts(state, ["t", "u"]) == {"t": 1, "u": 0}
    assert library.count("said") == 4
    library.ensure_index()
    assert library.count("said") == 4
    assert library.count("kinmen") == 1


def test_analysis_is_lazy_and_cached(tmp_path: Path) -> None:
    library, _, analyzer = make_library(tmp_path, analysis_cache_size=2)
    library.load_texts([("news.txt", TEXT)])
    assert analyzer.calls == 0
    first = library.analysis(2)
    assert library.analysis(2) is first
    assert analyzer.calls == 1
    library.analysis(0)
    library.analysis(1)  # evicts article 2
    library.analysis(2)
    assert analyzer.calls == 4


def test_index_build_reuses_cached_analyses(tmp_path: Path) -> None:
    library, _, analyzer = make_library(tmp_path)
    library.load_texts([("news.txt", TEXT)])
    library.analysis(0)
    library.ensure_index()
    assert analyzer.calls == 4


def test_second_start_reads_the_cache(tmp_path: Path) -> None:
    source = tmp_path / "news.txt"
    source.write_text(TEXT, encoding="utf-8")
    first, splitter1, analyzer1 = make_library(tmp_path)
    first.load_texts([(str(source), TEXT)])
    first.ensure_index()
    assert splitter1.calls == 1 and analyzer1.calls == 4

    second, splitter2, analyzer2 = make_library(tmp_path)
    second.load_texts([(str(source), TEXT)])
    assert splitter2.calls == 0
    assert second.articles == first.articles
    second.ensure_index()
    assert analyzer2.calls == 0  # entities came from the cached index
    assert second.search("person:ho kinm") == first.search("person:ho kinm")
    assert second.search("person:ho") == [2]


def test_load_files_reads_the_cache_by_bytes(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_bytes(TEXT.encode("utf-8") + b"Bad byte \xff here.\n")
    first, splitter1, _ = make_library(tmp_path)
    sizes: list[int] = []
    first.load_files([path], on_batch=lambda _n, done: sizes.append(done))
    assert splitter1.calls == 1
    assert len(first.articles) == 5
    assert "\ufffd" in first.articles[4].paragraphs[0]
    assert first.warnings == [f"{path}: 1 invalid UTF-8 byte sequence(s) replaced with �"]
    assert sizes[-1] == path.stat().st_size == first.bytes_total
    second, splitter2, _ = make_library(tmp_path)
    second.load_files([str(path)])
    assert splitter2.calls == 0  # read from the cache: not decoded, so no warning again
    assert second.warnings == []
    assert second.articles == first.articles
    second.ensure_index()
    assert second.search("kinmen") == [0]


def test_the_streaming_splitter_reads_a_file_as_split_text_reads_it_whole(tmp_path: Path) -> None:
    from newsreader.split import split_text
    from newsreader.text import clean_text

    line = "Story {0}: a quake shook Hualien.\r\nIt was the {0}th.\x1b[31m Red\r\n"
    text = "".join(line.format(i) for i in range(900))
    path = tmp_path / "news.txt"
    path.write_bytes(text.encode("utf-8"))
    library = Library(tmp_path / "cache", use_cache=False)
    library.load_files([path])
    assert library.articles == split_text(clean_text(text), str(path))
    assert library.warnings == []


def test_a_preload_holds_after_its_first_batch_until_resumed(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text("".join(f"Story {i} about Kinmen.\n\n" for i in range(3000)), "utf-8")
    library, _, _ = make_library(tmp_path)
    library.preload_files([path])
    deadline = time.monotonic() + 10
    while not library.articles and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)
    assert 0 < len(library.articles) < 3000  # the first batch, then waiting
    seen: list[int] = []
    library.resume()
    library.follow(lambda n, _done: seen.append(n))
    assert len(library.articles) == 3000 and seen[-1] == 3000


def test_a_preload_error_is_raised_by_follow(tmp_path: Path) -> None:
    library, _, _ = make_library(tmp_path)
    library.preload_files([tmp_path / "missing.txt"])
    with pytest.raises(OSError):
        library.follow()


def test_load_files_with_a_damaged_cache_reads_the_file_again(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text("".join(f"Story {i} about Kinmen.\n" for i in range(2500)), encoding="utf-8")
    first, _, _ = make_library(tmp_path)
    first.load_files([path])
    (cache_file,) = (tmp_path / "cache").glob("*.articles")
    data = bytearray(cache_file.read_bytes())
    data[-200] ^= 0xFF  # the last batch
    cache_file.write_bytes(bytes(data))
    second, splitter, _ = make_library(tmp_path)
    second.load_files([path])
    assert splitter.calls == 1
    assert second.articles == first.articles


def test_load_files_default_decoding(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_bytes(b"Caf\xc3\xa9 in Kinmen.\n")
    library, _, _ = make_library(tmp_path, use_cache=False)
    library.load_files([path])
    assert library.articles[0].paragraphs == ("Café in Kinmen.",)
    with pytest.raises(OSError):
        library.load_files([tmp_path / "missing.txt"])


def test_changed_text_is_split_again(tmp_path: Path) -> None:
    first, _, _ = make_library(tmp_path)
    first.load_texts([("<stdin>", TEXT)])
    second, splitter, _ = make_library(tmp_path)
    second.load_texts([("<stdin>", TEXT + "A new line about Kinmen.\n")])
    assert splitter.calls == 1
    assert len(second.articles) == 5


def test_corrupt_cache_is_rebuilt(tmp_path: Path) -> None:
    first, _, _ = make_library(tmp_path)
    first.load_texts([("<stdin>", TEXT)])
    first.ensure_index()
    for path in (tmp_path / "cache").iterdir():
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))
    second, splitter, analyzer = make_library(tmp_path)
    second.load_texts([("<stdin>", TEXT)])
    assert splitter.calls == 1
    assert second.articles == first.articles
    second.ensure_index()
    assert analyzer.calls == 4
    assert second.search("person:ho") == [2]


def test_cache_can_be_off(tmp_path: Path) -> None:
    library, _, _ = make_library(tmp_path, use_cache=False)
    library.load_texts([("<stdin>", TEXT)])
    library.ensure_index()
    assert not (tmp_path / "cache").exists()
    assert library.search("kinmen") == [0]


def test_several_sources_in_order(tmp_path: Path) -> None:
    library, _, _ = make_library(tmp_path)
    library.load_texts(iter([("a.txt", "Kinmen one.\n"), ("b.txt", "Kinmen two.\nOther.\n")]))
    assert [a.source for a in library.articles] == ["a.txt", "b.txt", "b.txt"]
    library.ensure_index()
    assert library.search("kinmen source:b") == [1]
    assert library.bytes_total == len("Kinmen one.\n") + len("Kinmen two.\nOther.\n")


def test_index_builds_while_loading(tmp_path: Path) -> None:
    """ensure_index started first picks up what load_texts appends from another thread."""
    lines = "".join(f"Story {i} about Kinmen and topic{i % 7}.\n" for i in range(3000))
    library, _, _ = make_library(tmp_path)
    builder = threading.Thread(target=library.ensure_index)
    builder.start()  # before the load, as a UI's two workers may race
    seen: list[int] = []

    def on_batch(n: int, _bytes: int) -> None:
        seen.append(len(library.search("kinmen topic3")))

    library.load_texts([("<stdin>", lines)], on_batch=on_batch)
    builder.join(timeout=60)
    assert not builder.is_alive()
    assert len(library.articles) == 3000
    assert library.index_status().complete
    assert library.search("kinmen topic3") == [i for i in range(3000) if i % 7 == 3]
    assert seen == sorted(seen)


def test_ensure_index_without_any_load_returns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newsreader.library.builder.FIRST_LOAD_GRACE", 0.05)
    library, _, _ = make_library(tmp_path)
    library.ensure_index()
    assert library.index_status().indexed == 0
    assert library.search("") == []


def test_close_stops_a_build(tmp_path: Path) -> None:
    lines = "".join(f"Story {i} about Kinmen.\n" for i in range(5000))
    library, _, _ = make_library(tmp_path)
    library.load_texts([("<stdin>", lines)])
    library.close()
    library.ensure_index()  # returns at once
    assert library.index_status().indexed < 5000
    assert len(library.search("kinmen")) == 5000  # still right: the scan covers the rest


def test_spans_and_query_helpers(tmp_path: Path) -> None:
    library, _, _ = make_library(tmp_path)
    library.load_texts([("news.txt", TEXT)])
    spans = library.spans(0, "kinmen ")
    assert [(s.start, s.end) for s in spans] == [(0, 6)]
    assert library.query("kinmen") is library.query("kinmen")


def test_default_splitter_and_cache_dir(tmp_path: Path, seed_path: Path) -> None:
    """With no injection: the real splitter, and the cache under XDG_CACHE_HOME (see conftest)."""
    pytest.importorskip("newsreader.split")
    text = seed_path.read_text(encoding="utf-8")
    library = Library(analyzer=Analyzer())
    library.load_texts([(str(seed_path), text)])
    assert library.articles
    library.ensure_index()
    found = library.search("kinmen")
    assert found
    again = Library(analyzer=Analyzer())
    again.load_texts([(str(seed_path), text)])
    assert again.articles == library.articles


def test_same_article_is_analysed_once_by_reader_and_index() -> None:
    """The reader (remembers) and the index builder (does not) want one article at once."""
    calls: list[str] = []
    gate = threading.Event()

    def slow(article: Article) -> Analysis:
        calls.append(article.id)
        gate.wait(5)
        return Analysis()

    analyses = AnalysisCache(slow)
    article = Article("a", "a.txt", 1, 1, "Harbour", None, False, ("The harbour reopened.",))
    results: list[Analysis] = []
    reader = threading.Thread(target=lambda: results.append(analyses.get(article)))
    reader.start()
    while not calls:
        threading.Event().wait(0.01)
    indexer = threading.Thread(target=lambda: results.append(analyses.get(article, remember=False)))
    indexer.start()
    threading.Event().wait(0.05)
    gate.set()
    reader.join(5)
    indexer.join(5)
    assert calls == [article.id]
    assert len(results) == 2 and results[0] is results[1]
    assert analyses.get(article) is results[0], "kept for the reader's next look"


def test_the_analysis_cache_is_bounded_and_keeps_what_the_reader_uses() -> None:
    analyzer = Analyzer()
    analyses = AnalysisCache(analyzer, size=2)
    one, two, three = (
        Article(x, "a.txt", 1, 1, x, None, False, (f"Story {x}.",)) for x in ("1", "2", "3")
    )
    first = analyses.get(one)
    assert analyses.get(one) is first and analyzer.calls == 1
    analyses.get(two, remember=False)  # the index builder's: not kept
    analyses.get(two, remember=False)
    assert analyzer.calls == 3
    analyses.get(two)
    analyses.get(three)  # evicts "1", the least recently used
    analyses.get(one)
    assert analyzer.calls == 6


def test_the_analysis_cache_tells_what_it_keeps_without_computing() -> None:
    analyzer = Analyzer()
    analyses = AnalysisCache(analyzer)
    story = Article("s", "a.txt", 1, 1, "Story", None, False, ("Story s.",))
    assert analyses.kept(story) is None and analyzer.calls == 0
    assert analyses.kept(story) is None  # asking again computes nothing either
    found = analyses.get(story)
    assert analyses.kept(story) is found and analyzer.calls == 1


def test_a_big_file_is_split_by_a_child_process_with_the_same_articles(tmp_path: Path) -> None:
    text = "".join(
        f"Quake {i} shakes Hualien\n\nHUALIEN (CNA) A quake struck on day {i}, officials said.\n"
        f'"It was strong," said Chen Wei-ting. Bad byte \xff here.\n\n'
        for i in range(700)
    )
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode("utf-8").replace("\xff".encode(), b"\xff"))  # invalid UTF-8
    here = Library(tmp_path / "cache1", use_cache=False)
    here.load_files([path])
    child = Library(tmp_path / "cache2", use_cache=False)
    child.child_split_bytes = 1  # every file goes to a child process
    done: list[int] = []
    child.load_files([path], on_batch=lambda _n, d: done.append(d))
    assert child.articles == here.articles and len(here.articles) > 100
    assert child.warnings == here.warnings != []
    assert done[-1] == path.stat().st_size


def test_a_child_split_of_a_missing_file_fails_cleanly(tmp_path: Path) -> None:
    from newsreader.split.child import ChildSplit

    split = ChildSplit(str(tmp_path / "gone.txt"), "gone.txt")
    with pytest.raises(RuntimeError, match="FileNotFoundError"):
        list(split)


def test_building_the_index_steps_aside_while_the_user_presses_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newsreader.library.builder.COURTESY_S", 60.0)
    library, _, _ = make_library(tmp_path, use_cache=False)
    library.load_texts([("a.txt", "".join(f"Story {i} about Kinmen.\n" for i in range(300)))])
    library.user_active()
    worker = threading.Thread(target=library.ensure_index)
    worker.start()
    time.sleep(0.3)
    assert library.index_status().indexed == 0  # waiting for the keys to stop
    library.close()
    worker.join(timeout=10)
    assert not worker.is_alive()


def _quake_corpus(count: int) -> list[tuple[str, str]]:
    text = "".join(
        f"Quake {i} shakes Hualien\n\nHUALIEN (CNA) A quake struck Taipei on day {i}, the "
        f"Central Weather Administration said.\n"
        f'"It was strong," said Chen Wei-ting{i % 7}. Residents of Kinmen felt it too.\n\n'
        for i in range(count)
    )
    return [("quakes.txt", text)]


def test_the_index_names_from_an_analysis_child_equal_those_found_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader.analysis.child import ChildAnalysis
    from newsreader.library import default_library

    answered: list[int] = []
    real_iter = ChildAnalysis.__iter__

    def counting(child: ChildAnalysis) -> Iterator[list[tuple[int, Any]]]:
        for answers in real_iter(child):
            answered.extend(doc for doc, _ in answers)
            yield answers

    monkeypatch.setattr(ChildAnalysis, "__iter__", counting)

    here = default_library(tmp_path / "here", "builtin")
    here.child_recogniser = None
    child = default_library(tmp_path / "child", "builtin")
    child.child_analysis_min = 1  # always in a child
    assert child.child_recogniser == "builtin"
    for library in (here, child):
        library.load_texts(_quake_corpus(60))
        library.ensure_index()
    assert len(child.articles) == len(here.articles) > 50
    assert child.index_status().complete
    assert len(answered) == len(child.articles), "the child answered for every article"
    assert child._builder.index.snapshot() == here._builder.index.snapshot()
    for query in ('said:"chen wei-ting3"', "person:chen", "place:kinmen", "org:central"):
        assert child.search(query) == here.search(query) != [], query


def test_a_failed_analysis_child_leaves_the_rest_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A child that dies (here: cannot even start its module) must cost nothing but time."""
    import newsreader.child_pipe as child_pipe
    from newsreader.library import default_library

    real_spawn = child_pipe.spawn
    monkeypatch.setattr(
        "newsreader.analysis.child.spawn",
        lambda module, *args: real_spawn("newsreader.no_such_module", *args),
    )
    library = default_library(tmp_path, "builtin")
    library.child_analysis_min = 1
    library.load_texts(_quake_corpus(30))
    library.ensure_index()
    assert library.index_status().complete
    assert library.search('said:"chen wei-ting3"') != []


def test_an_analysis_child_reports_articles_it_could_not_analyse() -> None:
    from newsreader.analysis.child import ChildAnalysis

    good = Article("g", "s.txt", 1, 1, "Fine", None, False, ("Chen Wei-ting said it was fine.",))
    child = ChildAnalysis("no-such-recogniser")  # every analysis raises in the child
    try:
        child.start([good], [0])
        answers = [pair for batch in child for pair in batch]
    finally:
        child.close()
    assert answers == [(0, None)]
