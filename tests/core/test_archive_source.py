"""Feed entries as Library articles: lazy text, search, and an index that survives a refresh."""

from __future__ import annotations

from pathlib import Path

from newsreader.library import Library
from newsreader.model import Entry
from newsreader.sources.archive import archive_sources
from newsreader.storage.archive import Archive, NewEntry, entry_guid


def _entries(words: list[str], start: int = 0) -> list[NewEntry]:
    return [
        NewEntry(
            guid=entry_guid(f"g{start + i}", None, None, None),
            link=f"https://example.org/{start + i}",
            title=f"Story about {word}",
            author=None,
            published=1_700_000_000.0 + i,
            updated=None,
            paragraphs=(f"The harbour master spoke about {word} on Monday.", "More text."),
        )
        for i, word in enumerate(words)
    ]


def _archive(tmp_path: Path) -> tuple[Archive, int]:
    archive = Archive(tmp_path / "archive.sqlite3")
    feed, _ = archive.add_feed("https://example.org/feed.xml", "Harbour News")
    return archive, feed.id


def _store(archive: Archive, feed: int, entries: list[NewEntry]) -> None:
    archive.store_entries(
        feed, entries, status="200", etag=None, last_modified=None, next_due=None,
        batch=archive.new_batch(),
    )  # fmt: skip


def test_entries_load_as_lazy_articles_with_their_feed(tmp_path: Path) -> None:
    archive, feed = _archive(tmp_path)
    _store(archive, feed, _entries(["ferries", "tides"]))
    library = Library(cache_dir=tmp_path / "cache")
    library.load_sources(archive_sources(archive))
    first = library.articles[0]
    assert isinstance(first, Entry)
    assert first.source == "Harbour News" and first.link == "https://example.org/0"
    assert first.paragraphs[:2] == (
        "Story about ferries",  # the title is the headline paragraph
        "The harbour master spoke about ferries on Monday.",
    )
    assert first.headline == "Story about ferries"
    library.ensure_index()
    assert library.search("tides") == [1]
    assert library.search("source:harbour") == [0, 1]


def test_the_index_saved_before_a_refresh_is_reused_after_it(tmp_path: Path) -> None:
    archive, feed = _archive(tmp_path)
    _store(archive, feed, _entries(["ferries", "tides"]))
    first = Library(cache_dir=tmp_path / "cache")
    first.load_sources(archive_sources(archive))
    first.ensure_index()

    _store(archive, feed, _entries(["lighthouse"], start=2))
    second = Library(cache_dir=tmp_path / "cache")
    second.load_sources(archive_sources(archive))
    restored: list[int] = []
    original = second._builder._restore

    def spy() -> object:
        index = original()
        restored.append(0 if index is None else len(index))
        return index

    second._builder._restore = spy  # type: ignore[method-assign]
    second.ensure_index()
    assert restored == [2]  # the two old entries came from the cache, one was indexed
    assert second.search("lighthouse") == [2]
    assert second.search("ferries") == [0]
    assert second.search("harbour master") == [0, 1, 2]
