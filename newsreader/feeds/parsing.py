"""Parsing fetched feeds off the interpreter that fetches, stores and draws.

Parsing is pure Python CPU work (lxml builds the tree, but turning every entry's HTML into
paragraphs is ours): in the app's process it would hold the GIL against the UI and the fetching
threads, and on one core it is most of a refresh. So a refresh of many feeds parses in worker
processes (``spawn``: the parent has threads, and forking them is unsafe), as many as there are
cores, while the parent fetches and stores; a refresh of a few feeds parses in place, sooner than
a worker would start.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from newsreader.feeds.model import FeedParseError, ParsedFeed
from newsreader.storage.archive import NewEntry

__all__ = ["POOL_MIN_FEEDS", "Parsed", "Parser", "parse_body"]

#: A refresh of this many feeds or more parses in worker processes.
POOL_MIN_FEEDS = 8


@dataclass(frozen=True, slots=True)
class Parsed:
    """A parsed feed, its entries ready for the archive (or the one-line ``error``)."""

    title: str | None = None
    ttl: int | None = None
    entries: tuple[NewEntry, ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None


def parse_body(body: bytes, content_type: str | None, url: str) -> Parsed:
    """Parse one feed body into archive entries (in a worker or in place); never raises for a
    bad feed."""
    from newsreader.feeds.entries import new_entries
    from newsreader.feeds.parse import parse_feed

    try:
        feed: ParsedFeed = parse_feed(body, content_type, url)
    except FeedParseError as exc:
        return Parsed(error=str(exc))
    return Parsed(feed.title, feed.ttl, tuple(new_entries(feed)), feed.warnings)


class Parser:
    """Parses in place, or in a pool of worker processes for a big refresh."""

    def __init__(self, feeds: int) -> None:
        self._feeds = feeds
        self._submitted = 0
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, body: bytes, content_type: str | None, url: str) -> Future[Parsed]:
        self._submitted += 1
        # The pool starts with the second body to parse: a refresh where (nearly) every feed
        # answers "not modified" never pays for starting workers.
        if self._pool is None and self._feeds >= POOL_MIN_FEEDS and self._submitted >= 2:
            workers = max(1, min(os.cpu_count() or 1, 4))
            context = multiprocessing.get_context("spawn")
            _start_resource_tracker()
            self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_quiet)
        if self._pool is None:
            done: Future[Parsed] = Future()
            done.set_result(parse_body(body, content_type, url))
            return done
        return self._pool.submit(parse_body, body, content_type, url)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real stderr to hand it.

    Under a Textual app ``sys.stderr`` is Textual's capture, whose ``fileno()`` is -1, and the
    tracker's start passes that descriptor on ("bad value(s) in fds_to_keep"): so it is started
    here, once, with the process's own stderr swapped in for the moment.
    """
    from multiprocessing import resource_tracker

    stderr = sys.stderr
    try:
        if stderr is None or stderr.fileno() < 0:
            raise ValueError
    except (AttributeError, OSError, ValueError):
        sys.stderr = sys.__stderr__
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = stderr


def _quiet() -> None:
    """A worker's output would land on the reader's screen: send it nowhere."""
    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the worker's life
