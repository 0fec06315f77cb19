"""Messages that workers post back to the app.

Workers run in threads and must not touch widgets; they post one of these and the app applies it
on the event loop. Each is a small dataclass so tests can watch for them with ``message_hook``.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from newsreader.model import Analysis
from newsreader.sorting import Sort


@dataclass
class LoadProgress(Message):
    """Some articles (or index entries) are ready. Coalesced: at most ~20 a second."""

    stage: str
    done: int
    total: int


@dataclass
class LoadFinished(Message):
    """Loading (and indexing) is over; ``error`` is set if it failed."""

    articles: int
    error: str | None = None


@dataclass
class IndexFinished(Message):
    """The search index covers every article (words, then entities), or ``error``."""

    error: str | None = None


@dataclass
class SearchDone(Message):
    """The result of the search for ``text``; stale results are recognised by ``generation``."""

    text: str
    generation: int
    rows: list[int] | None
    error: str | None = None


@dataclass
class AnalysisReady(Message):
    """The analysis of the article at ``index`` (or why it failed)."""

    index: int
    analysis: Analysis | None
    error: str | None = None


@dataclass
class NotesReady(Message):
    """The analysis of an article bookmarked or tagged before it was analysed (for its notes)."""

    index: int
    analysis: Analysis


@dataclass
class FeedRefreshed(Message):
    """One feed of a refresh is done (``done`` of ``total``); ``line`` says how it went."""

    done: int
    total: int
    new: int
    line: str
    failed: bool


@dataclass
class RefreshFinished(Message):
    """A refresh is over (or could not start: ``error``)."""

    feeds: int
    new: int
    updated: int
    failed: int
    error: str | None = None
    #: Rowids of the entries whose whole story was fetched and kept after the feeds.
    pages: frozenset[int] = frozenset()


@dataclass
class EntriesLoaded(Message):
    """Entries a refresh stored are now in the library (``count`` of them)."""

    count: int


@dataclass
class PageFetched(Message):
    """Fetching an entry's web page (``f``) is over: ``error`` says why there is no whole
    story ("cancelled" when Esc stopped it)."""

    index: int
    title: str
    error: str | None


@dataclass
class SortReady(Message):
    """The list's order ``sort`` is computed (``S``): it can be shown without sorting."""

    sort: Sort


@dataclass
class FilesGrown(Message):
    """The new articles of files that grew are loaded (``count``; ``error`` if it failed)."""

    files: list[str]
    count: int
    error: str | None = None
