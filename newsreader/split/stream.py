"""Split a large text window by window, so the first articles are ready in milliseconds.

``split_window`` looks at a whole text (cohesion statistics, a decoding pass over every gap), which
at 100,000 articles takes tens of seconds: far too long to wait for the first screen. Articles are
local, though: where one story ends depends on its own paragraphs and its neighbours, not on text
a thousand lines away. So the text is split in windows. Each window is split with a margin of
extra lines after it; only the articles that end inside the window proper are kept, and the next
window starts on the line after the last kept article, so every boundary is decided with context
on both sides and every non-blank line still lands in exactly one article.

The first window is small (the first screen), later ones large (throughput).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from newsreader.model import Article
from newsreader.split.segment import split_window
from newsreader.text import clean_lines

#: Lines in the first window: enough for a screenful of titles. (Smaller windows split
#: sooner but see less context: at 150 lines, three times as many boundaries differed from a
#: whole-file split on a 600 kB sample as at 400.)
FIRST_WINDOW = 400
#: Lines in each later window.
WINDOW = 4000
#: Lines of look-ahead after a window, so its last boundary is judged with what follows it.
MARGIN = 300

Splitter = Callable[[str, str], list[Article]]


def iter_split(
    text: str | Iterable[str],
    source: str = "<stdin>",
    *,
    first_window: int = FIRST_WINDOW,
    window: int = WINDOW,
    margin: int = MARGIN,
    splitter: Splitter = split_window,
    clean: Callable[[str], str] | None = clean_lines,
    start_line: int = 0,
) -> Iterator[list[Article]]:
    """Yield the articles of ``text`` in order, one batch per window.

    ``text`` is the whole text or its pieces in order (a :class:`~newsreader.sources.stream.
    TextStream`): pieces are pulled only as far as the next window needs, so a huge file is
    never held whole. Line numbers in the articles are those of the whole text, as
    a whole-text split would give, and the batches are the same however the text is cut into
    pieces. The text must have LF line endings (:func:`newsreader.text.normalise_newlines`);
    ``clean`` (line-local, :func:`newsreader.text.clean_lines` by default) runs on each window,
    so an already-cleaned text is fine too and a raw one is cleaned only as far as it is read.

    ``start_line`` skips that many lines first: with ``first_window=window`` and the line
    after the last article of an earlier run's first batch, it yields exactly the rest of
    that run (``split.child`` continues the UI thread's first window this way).
    """
    buffer = _Buffer(iter([text] if isinstance(text, str) else text))
    line = start_line  # number of lines before the current window
    if start_line:
        buffer.ensure_lines(start_line)
        buffer.advance(_skip_lines(buffer.text, buffer.pos, start_line))
    size = first_window
    while buffer.more():
        # Windows are cut straight out of the buffer by offset: a list of every line of a
        # 100 MB file would cost more memory than the articles themselves.
        buffer.ensure_lines(size + margin)
        held, pos = buffer.text, buffer.pos
        end = _skip_lines(held, pos, size)  # the window proper is held[pos:end]
        stop = _skip_lines(held, end, margin)
        chunk = held[pos:stop].removesuffix("\n")
        articles = splitter(clean(chunk) if clean else chunk, source)
        if stop >= len(held) and buffer.exhausted:
            yield [_shift(a, line) for a in articles]
            return
        kept = [a for a in articles if a.end_line <= size]
        if not kept:
            # One article longer than the window: widen it and try again from the same line.
            size *= 2
            continue
        yield [_shift(a, line) for a in kept]
        buffer.advance(_skip_lines(held, pos, kept[-1].end_line))
        line += kept[-1].end_line
        size = window


class _Buffer:
    """The unsplit rest of the text: what has been pulled from the pieces and not yet used."""

    def __init__(self, pieces: Iterator[str]) -> None:
        self._pieces = pieces
        self.text = ""
        self.pos = 0
        self.exhausted = False

    def more(self) -> bool:
        """Is there text left (pulling a piece to find out)?"""
        while self.pos >= len(self.text) and not self.exhausted:
            self._pull()
        return self.pos < len(self.text)

    def ensure_lines(self, n: int) -> None:
        """Hold at least ``n`` lines after ``pos`` and one character more, or all there is.

        The extra character makes "the window reaches the end of the text" the same question
        whether the text came whole or in pieces.
        """
        while not self.exhausted and self.text.count("\n", self.pos) < n + 1:
            self._pull()

    def advance(self, pos: int) -> None:
        self.pos = pos
        if pos > len(self.text) // 2:  # drop what has been used, at most once per window
            self.text = self.text[pos:]
            self.pos = 0

    def _pull(self) -> None:
        piece = next(self._pieces, None)
        if piece is None:
            self.exhausted = True
        else:
            self.text = self.text[self.pos :] + piece
            self.pos = 0


def _skip_lines(text: str, pos: int, n: int) -> int:
    """The offset just after the ``n``-th newline from ``pos`` (or the end of ``text``)."""
    for _ in range(n):
        nl = text.find("\n", pos)
        if nl < 0:
            return len(text)
        pos = nl + 1
    return pos


def _shift(article: Article, offset: int) -> Article:
    return article if offset == 0 else article.moved(offset)
