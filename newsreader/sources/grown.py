"""A text file that grew since it was loaded (``r`` in the reader): only its new articles.

News files are often appended to while they are read. Splitting the grown file again gives
the same articles, with the same ids, for the text that was there before, so the articles
already loaded are skipped and only the new ones join the list. The last article of the old
text may have gone on in the new one: it then comes back as a new, longer article, and the
short one stays (articles are never removed while the app runs).
"""

from __future__ import annotations

from collections.abc import Container, Iterator

from newsreader.model import Article
from newsreader.sources.key import SourceKey
from newsreader.sources.source import FileSource, PieceSplitter

__all__ = ["GrownFile"]


class GrownFile:
    """The articles of file ``name`` whose ids are not in ``known``."""

    #: Only the new part: caching it under the file's key would pass it off as the whole file.
    cache_articles = False

    def __init__(self, name: str, known: Container[str]) -> None:
        self._file = FileSource(name)
        self.name = name
        self._known = known

    @property
    def size(self) -> int:
        return self._file.size

    @property
    def warnings(self) -> list[str]:
        return self._file.warnings

    def cache_key(self, code: str) -> SourceKey | None:
        """The file's key, marked as a continuation: the index over "the file as first read,
        then what it grew by" is not the index of the grown file read in one go."""
        key = self._file.cache_key(code)
        assert key is not None
        return SourceKey(key.name, key.size, key.mtime_ns, key.digest + "+grown", key.code)

    def articles(self, split: PieceSplitter) -> Iterator[Article]:
        known = self._known
        return (a for a in self._file.articles(split) if a.id not in known)

    def progress(self, end_line: int) -> int:
        return self._file.progress(end_line)
