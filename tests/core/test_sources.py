"""A source is a plug-in: the Library loads any object with the ``Source`` shape."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newsreader.library import Library
from newsreader.model import Article
from newsreader.sources.key import SourceKey
from newsreader.sources.source import FileSource, PieceSplitter, Source, TextSource


class MemorySource:
    """Ready-made articles (as a feed archive would give them): the splitter is not used."""

    def __init__(self, name: str, titles: list[str], cacheable: bool = False) -> None:
        self.name = name
        self.size = len(titles)
        self.warnings: list[str] = []
        self._titles = titles
        self._cacheable = cacheable
        self.reads = 0

    def cache_key(self, code: str) -> SourceKey | None:
        if not self._cacheable:
            return None
        return SourceKey(self.name, self.size, 0, "m" + "|".join(self._titles), code)

    def articles(self, split: PieceSplitter) -> Iterator[Article]:
        del split
        self.reads += 1
        for i, title in enumerate(self._titles, start=1):
            yield Article(f"{self.name}-{i}", self.name, i, i, title, None, False, (title,))
        self.warnings.append(f"{self.name}: read")

    def progress(self, end_line: int) -> int:
        return end_line


def test_the_library_loads_a_plugged_in_source(tmp_path: Path) -> None:
    source = MemorySource("feed:news", ["Harbour reopens", "Kinmen ferry resumes", "Rain"])
    plugged: Source = source
    library = Library(tmp_path, use_cache=False)
    progress: list[tuple[int, int]] = []
    library.load_sources([plugged], on_batch=lambda n, done: progress.append((n, done)))
    assert [a.title for a in library.articles] == [
        "Harbour reopens",
        "Kinmen ferry resumes",
        "Rain",
    ]
    assert library.bytes_total == 3 and progress[-1] == (3, 3)
    assert library.warnings == ["feed:news: read"]
    assert library.search("kinmen") == [1]
    library.ensure_index()
    assert library.index_status().complete
    assert library.search("harbour") == [0]


def test_a_plugged_in_source_is_cached_by_its_key(tmp_path: Path) -> None:
    first = MemorySource("feed:news", ["Harbour reopens", "Rain"], cacheable=True)
    Library(tmp_path).load_sources([first])
    again = MemorySource("feed:news", ["Harbour reopens", "Rain"], cacheable=True)
    library = Library(tmp_path)
    library.load_sources([again])
    assert again.reads == 0, "read back from the cache"
    assert [a.title for a in library.articles] == ["Harbour reopens", "Rain"]


def test_text_and_file_sources_give_the_same_articles(tmp_path: Path) -> None:
    text = "Harbour reopens\n\nThe harbour reopened on Tuesday, officials said.\n"
    path = tmp_path / "news.txt"
    path.write_text(text, encoding="utf-8")
    from_text = Library(use_cache=False)
    from_text.load_sources([TextSource(str(path), text)])
    from_file = Library(use_cache=False)
    from_file.load_sources([FileSource(str(path))])
    assert from_text.articles == from_file.articles != []
    assert FileSource(str(path)).size == len(text.encode())
