"""Splitting a plain-text pile of news into articles.

One public splitter serves every caller (``analyze``, ``search``, the TUI): ``iter_split`` cuts
the text window by window (``stream``), each window rejoined where it was hard-wrapped
(``reflow``) and judged as a whole by ``segment`` from the layout cues of ``cues`` and ``leads``
and the lexical cohesion of ``cohesion`` and ``wholes``; ``split_text`` is
the same split as one list. Big files are split in a child process (``child``); ``titles`` names
the articles.
"""

from __future__ import annotations

from newsreader.model import Article
from newsreader.split.segment import article_id
from newsreader.split.stream import iter_split
from newsreader.split.titles import derive_title

__all__ = ["article_id", "derive_title", "iter_split", "split_text"]


def split_text(text: str, source: str = "<stdin>") -> list[Article]:
    """Split ``text`` into articles; every non-blank line lands in exactly one article.

    The same cut as ``iter_split`` (window by window), so an id bookmarked in the TUI is the id
    ``analyze`` prints, however long the file. ``text`` is taken as it is: callers clean it first
    (:func:`newsreader.text.clean_text`), as the TUI's reader cleans each window.
    """
    return [article for batch in iter_split(text, source, clean=None) for article in batch]
