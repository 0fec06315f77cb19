"""Split a large text window by window, so the first articles are ready in milliseconds.

``split_text`` looks at a whole file (cohesion statistics, a decoding pass over every gap), which
at 100,000 articles takes tens of seconds: far too long to wait for the first screen. Articles are
local, though: where one story ends depends on its own paragraphs and its neighbours, not on text
a thousand lines away. So the text is split in windows. Each window is split with a margin of
extra lines after it; only the articles that end inside the window proper are kept, and the next
window starts on the line after the last kept article, so every boundary is decided with context
on both sides and every non-blank line still lands in exactly one article.

The first window is small (the first screen), later ones large (throughput).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

from newsreader.model import Article
from newsreader.split import split_text
from newsreader.text import clean_lines

#: Lines in the first window: enough for a screenful of titles.
FIRST_WINDOW = 400
#: Lines in each later window.
WINDOW = 4000
#: Lines of look-ahead after a window, so its last boundary is judged with what follows it.
MARGIN = 300

Splitter = Callable[[str, str], list[Article]]


def iter_split(
    text: str,
    source: str = "<stdin>",
    *,
    first_window: int = FIRST_WINDOW,
    window: int = WINDOW,
    margin: int = MARGIN,
    splitter: Splitter = split_text,
    clean: Callable[[str], str] | None = clean_lines,
) -> Iterator[list[Article]]:
    """Yield the articles of ``text`` in order, one batch per window.

    Line numbers in the articles are those of the whole text, as ``split_text`` would give.
    ``text`` must have LF line endings (:func:`newsreader.text.normalise_newlines`); ``clean``
    (line-local, :func:`newsreader.text.clean_lines` by default) runs on each window, so an
    already-cleaned text is fine too and a raw one is cleaned only as far as it is read.
    """
    # Windows are cut straight out of ``text`` by offset: a list of every line of a 100 MB file
    # would cost more memory than the articles themselves.
    pos = 0  # offset of the first character of the current window
    line = 0  # number of lines before it
    size = first_window
    while pos < len(text) or (pos == 0 and text):
        end = _skip_lines(text, pos, size)  # the window proper is text[pos:end]
        stop = _skip_lines(text, end, margin)
        chunk = text[pos:stop].removesuffix("\n")
        articles = splitter(clean(chunk) if clean else chunk, source)
        if stop >= len(text):
            yield [_shift(a, line) for a in articles]
            return
        kept = [a for a in articles if a.end_line <= size]
        if not kept:
            # One article longer than the window: widen it and try again from the same line.
            size *= 2
            continue
        yield [_shift(a, line) for a in kept]
        pos = _skip_lines(text, pos, kept[-1].end_line)
        line += kept[-1].end_line
        size = window


def _skip_lines(text: str, pos: int, n: int) -> int:
    """The offset just after the ``n``-th newline from ``pos`` (or the end of ``text``)."""
    for _ in range(n):
        nl = text.find("\n", pos)
        if nl < 0:
            return len(text)
        pos = nl + 1
    return pos


def _shift(article: Article, offset: int) -> Article:
    if offset == 0:
        return article
    return dataclasses.replace(
        article, start_line=article.start_line + offset, end_line=article.end_line + offset
    )
