"""The feed archive as a source of articles for the Library.

Entries come out in arrival order (``entries.rowid``) as lazy :class:`~newsreader.model.Entry`
articles: metadata in memory, text read from the archive when something reads it.

The archive is cut into batches (the entries one refresh brought), one source each, with a key
over the batch's (rowid, id) pairs. A batch never changes membership once its refresh is over,
so the sources of the next start are those of this one plus the new batches, and the search
index saved now is still good for all of the old ones (``library.builder`` restores the longest
saved prefix and indexes only the rest). An edited entry keeps its key on purpose: re-indexing
every later batch for one corrected typo would cost minutes; the index keeps its first words.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator

from newsreader.model import Article, Entry
from newsreader.sources.key import SourceKey
from newsreader.sources.source import PieceSplitter
from newsreader.storage.archive import Archive, EntryRow

__all__ = ["ArchiveFollower", "ArchiveSource", "archive_entry", "archive_sources"]


def _entry(archive: Archive, row: EntryRow, names: dict[int, tuple[str, str]]) -> Entry:
    feed_name, feed_url = names.get(row.feed, ("?", ""))
    return Entry.lazy(
        row.id,
        feed_name,
        row.title,
        rowid=row.rowid,
        texts=archive,
        feed_url=feed_url,
        link=row.link,
        author=row.author,
        # An entry the feed gave no date is dated when it was first seen (sorting needs one).
        published=row.published if row.published is not None else row.first_seen,
    )


def archive_entry(archive: Archive, article_id: str) -> Entry | None:
    """The entry with ``article_id``, or None (``newsreader show``)."""
    row = archive.entry(article_id)
    if row is None:
        return None
    return _entry(archive, row, {f.id: (f.name, f.url) for f in archive.feeds(removed=True)})


class ArchiveSource:
    """One batch of the archive: ready-made articles, no splitting, not cached as articles
    (the archive is their cache), but keyed so the search index over them is. Its rows are
    read when its articles are, a chunk at a time, never all held at once."""

    #: The Loader must not copy these articles into its corpus cache (it would read every
    #: entry's text to pickle it).
    cache_articles = False

    def __init__(
        self,
        archive: Archive,
        batch: tuple[int, int, int],
        names: dict[int, tuple[str, str]],
    ) -> None:
        self._archive = archive
        self._batch = batch
        self._names = names
        number, first, last = batch
        self.name = f"feed archive {archive.path}#{number}"
        self.size = last - first + 1  # rowids: an upper bound on its entries
        self.warnings: list[str] = []
        self.last_rowid = last
        self._done = 0

    def cache_key(self, code: str) -> SourceKey | None:
        del code  # entries are not split: the key is the batch's membership alone
        digest = hashlib.blake2b(digest_size=16)
        count = 0
        # An entry whose whole story is shown is indexed by it: the key changes with it, so
        # the next start indexes this batch again (and the ones after it) with the new text.
        shown = self._archive.shown_pages(*self._batch)
        for rows in self._archive.batch_entries(*self._batch, chunk=16384):
            count += len(rows)
            digest.update(
                "".join(
                    f"{r.rowid}:{r.id}{'+' if r.rowid in shown else ''};" for r in rows
                ).encode()
            )
        path = str(self._archive.path.resolve())
        return SourceKey(path, count, self._batch[1], "a" + digest.hexdigest(), "archive")

    def articles(self, split: PieceSplitter) -> Iterator[Article]:
        del split  # entries are articles already
        for rows in self._archive.batch_entries(*self._batch):
            for row in rows:
                yield _entry(self._archive, row, self._names)
            self._done = rows[-1].rowid - self._batch[1] + 1

    def progress(self, end_line: int) -> int:
        del end_line
        return self._done


def archive_sources(archive: Archive, after: int = 0) -> list[ArchiveSource]:
    """The archive's entries after rowid ``after``, one source per batch, in arrival order."""
    names = archive.feed_names()
    return [ArchiveSource(archive, batch, names) for batch in archive.batches(after)]


class ArchiveFollower:
    """Hands out the archive's entries once each: all of them at start, then after every
    refresh only those that arrived since (the Library appends them; the list grows)."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.last_rowid = 0
        self._lock = threading.Lock()

    def new_sources(self) -> list[ArchiveSource]:
        with self._lock:
            sources = archive_sources(self.archive, self.last_rowid)
            if sources:
                self.last_rowid = sources[-1].last_rowid
            return sources
