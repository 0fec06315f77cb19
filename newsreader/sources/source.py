"""A source is a plug-in: anything the Library can turn into articles.

The Library asks a source only for its name, its cache key, its size and its articles (with a
progress figure and warnings); it does not know whether they come from a text file, standard
input or (next) a feed archive. Text sources cut their text with the splitter they are given;
a source of ready-made articles may ignore it.

Two kinds exist today: :class:`TextSource` (text already in memory: standard input, tests) and
:class:`FileSource` (a text file, read piece by piece and, when big, split by a child process).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

from newsreader.model import Article
from newsreader.sources.key import SourceKey, file_key, source_key
from newsreader.sources.stream import TextStream, file_digest

if TYPE_CHECKING:
    from newsreader.split.child import ChildSplit

__all__ = ["FileSource", "PieceSplitter", "Source", "TextSource", "stream_split"]

#: Cuts a text, given piece by piece, into articles named after the source (``name``).
PieceSplitter = Callable[[Iterable[str], str], Iterator[Article]]


class Source(Protocol):
    """One input on its way into the Library."""

    @property
    def name(self) -> str:
        """The source name the articles carry (a path as given, ``<stdin>``, a feed's URL)."""
        ...

    @property
    def size(self) -> int:
        """How big it is, in the unit ``progress`` counts (characters or bytes)."""
        ...

    @property
    def warnings(self) -> list[str]:
        """What went wrong reading it (bad UTF-8 …); complete once ``articles`` has ended."""
        ...

    def cache_key(self, code: str) -> SourceKey | None:
        """What must be unchanged for its cached articles to be reused (``code``: the
        splitter's fingerprint); None when it is not to be cached."""
        ...

    def articles(self, split: PieceSplitter) -> Iterator[Article]:
        """Its articles in order; closing the iterator early stops any work in progress."""
        ...

    def progress(self, end_line: int) -> int:
        """How much of ``size`` lies before line ``end_line`` (the last article taken)."""
        ...


def stream_split(pieces: Iterable[str], source: str) -> Generator[Article, None, None]:
    """Window by window (see ``split.stream``): the first articles come out in milliseconds,
    the text is pulled piece by piece as the windows need it, and each window is cleaned of
    control characters as it is split."""
    from newsreader.split.stream import iter_split

    for batch in iter_split(pieces, source):
        yield from batch


class TextSource:
    """Text already in memory (standard input, a test's string), with the name it came from."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self._text = text
        self._lines = max(1, text.count("\n") + 1)
        self.size = len(text)
        self.warnings: list[str] = []

    def cache_key(self, code: str) -> SourceKey | None:
        return source_key(self.name, self._text, code)

    def articles(self, split: PieceSplitter) -> Iterator[Article]:
        return split((self._text,), self.name)

    def progress(self, end_line: int) -> int:
        return min(self.size, self.size * end_line // self._lines)


class FileSource:
    """A text file, streamed through :class:`TextStream` and never whole in memory.

    Its cache key hashes the raw bytes, so a cached file is never decoded. A file of
    ``child_bytes`` or more (None: never) is split by a child process (``split.child``) after
    its first window, so that minutes of splitting do not take the interpreter from the UI.
    """

    def __init__(self, name: str, child_bytes: int | None = None) -> None:
        self.name = name
        self.size = os.stat(name).st_size
        self.warnings: list[str] = []
        self._child_bytes = child_bytes
        self._stream: TextStream | None = None
        self._child: ChildSplit | None = None

    def cache_key(self, code: str) -> SourceKey | None:
        with open(self.name, "rb") as fh:
            st = os.fstat(fh.fileno())
            self.size = st.st_size
            return file_key(self.name, file_digest(fh), st, code)

    def _pieces(self) -> Iterator[str]:
        with open(self.name, "rb") as fh:
            stream = self._stream = TextStream(self.name, fh)
            yield from stream
        self.warnings.extend(stream.warnings)

    def articles(self, split: PieceSplitter) -> Iterator[Article]:
        if self._child_bytes is not None and self.size >= self._child_bytes:
            return self._split_in_child()
        return split(self._pieces(), self.name)

    def _split_in_child(self) -> Generator[Article, None, None]:
        """The first window split here (its rows are on screen in a fraction of a second), the
        rest by a child process: started first, so it is ready when told where to go on."""
        from newsreader.split.child import ChildSplit
        from newsreader.split.stream import iter_split

        child = ChildSplit(self.name, self.name)
        try:
            first = next(iter_split(self._pieces(), self.name), [])
            child.start(first[-1].end_line if first else 0)
            self._child = child
            yield from first
            for batch in child:
                yield from batch
            self.warnings.extend(child.warnings)
        finally:
            child.close()

    def progress(self, end_line: int) -> int:
        del end_line  # bytes read so far: a piece ahead of the split at most
        if self._child is not None:
            return self._child.bytes_read
        return 0 if self._stream is None else self._stream.bytes_read
