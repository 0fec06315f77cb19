"""Refresh: fetch many feeds at once, parse each, store what is new, one result per feed.

The pipeline is the `reader` library's: retrieve → parse → decide what is new → store, yielding
one :class:`FeedOutcome` per feed as it finishes, so the CLI prints lines as they come and the
TUI grows its list while the others are still on the wire. Fetching runs in a bounded pool of
threads (``feeds.fetch``); parsing and storing run in the caller's thread, one transaction per
feed, so a refresh killed halfway keeps every feed it finished and the next one does the rest.

Politeness lives here too: a feed is not fetched before its ``next_due`` (from ``<ttl>``,
Cache-Control/Expires, or a 429/503's Retry-After) unless forced, and a feed that answered
410 Gone is never fetched again (forced or not) until it is added again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass

from newsreader.feeds.fetch import FetchLimits, fetch_many
from newsreader.feeds.locations import normal_location
from newsreader.feeds.model import FetchRequest, FetchResult
from newsreader.feeds.parsing import Parsed, Parser, parse_body
from newsreader.storage.archive import Archive, FeedRow

__all__ = ["FeedOutcome", "due_feeds", "refresh", "store_fetch"]

#: The longest a feed's own hints may hold it back (a week): a typo'd ttl must not silence a
#: feed for a year.
MAX_INTERVAL = 7 * 24 * 3600.0


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    """How refreshing one feed went.

    ``status`` is ``"ok"``, ``"not_modified"``, ``"error"`` or ``"skipped"`` (not due yet:
    ``reason`` says until when); ``error`` says what went wrong in one line.
    """

    url: str
    name: str
    status: str
    new: int = 0
    updated: int = 0
    error: str | None = None
    warnings: tuple[str, ...] = ()
    reason: str | None = None

    def line(self) -> str:
        """One line for the terminal: ``name: 3 new, 1 updated`` / ``not modified`` / …"""
        if self.status == "ok":
            what = f"{self.new} new" + (f", {self.updated} updated" if self.updated else "")
        elif self.status == "not_modified":
            what = "not modified"
        elif self.status == "skipped":
            what = f"skipped ({self.reason})"
        else:
            what = f"error: {self.error}"
        return f"{self.name}: {what}"

    def record(self) -> dict[str, object]:
        """The ``refresh --json`` object."""
        return {
            "url": self.url,
            "title": self.name,
            "status": self.status,
            "new": self.new,
            "updated": self.updated,
            "error": self.error,
            **({"reason": self.reason} if self.reason else {}),
        }


def due_feeds(
    archive: Archive, urls: Iterable[str] = (), *, force: bool = False, now: float | None = None
) -> tuple[list[FeedRow], list[FeedOutcome]]:
    """The feeds to fetch now, and a ``skipped`` outcome for each one that is not.

    ``urls`` limits the refresh to those feeds (an unknown one is an error outcome).
    """
    now = time.time() if now is None else now
    wanted = list(urls)
    feeds = archive.feeds()
    skipped: list[FeedOutcome] = []
    if wanted:
        chosen = []
        for url in wanted:
            feed = archive.feed(url) or archive.feed(normal_location(url))
            if feed is None:
                skipped.append(FeedOutcome(url, url, "error", error="not subscribed"))
            elif feed not in chosen:
                chosen.append(feed)
        feeds = chosen
    todo = []
    for feed in feeds:
        if feed.url.startswith("newsreader:"):
            continue  # a source of the app's own (web pages opened by URL): nothing to fetch
        if feed.gone:
            gone = "gone (410): no longer fetched; `feed add` it again to retry"
            skipped.append(FeedOutcome(feed.url, feed.name, "error", error=gone))
        elif not force and feed.next_due is not None and feed.next_due > now:
            when = time.strftime("%H:%M", time.localtime(feed.next_due))
            reason = f"not due until {when}; --force fetches it now"
            skipped.append(FeedOutcome(feed.url, feed.name, "skipped", reason=reason))
        else:
            todo.append(feed)
    return todo, skipped


def refresh(
    archive: Archive,
    urls: Iterable[str] = (),
    *,
    force: bool = False,
    limits: FetchLimits | None = None,
    stop: threading.Event | None = None,
    batch: int | None = None,
) -> Iterator[FeedOutcome]:
    """Refresh the due feeds (or ``urls``), yielding each outcome as soon as it is stored.

    New entries are stored under ``batch`` (default: a new one), which
    ``feeds.fulltext.wanted`` takes to find the pages worth fetching afterwards.

    Bodies are parsed in worker processes when there are many (``feeds.parsing``) while the
    next ones download; each feed is stored as soon as its parse is back.
    """
    todo, skipped = due_feeds(archive, urls, force=force)
    yield from skipped
    if not todo:
        return
    by_url = {feed.url: feed for feed in todo}
    requests = [FetchRequest(f.url, f.etag, f.last_modified) for f in todo]
    batch = archive.new_batch() if batch is None else batch
    parser = Parser(len(todo))
    pending: list[tuple[FeedRow, FetchResult, Future[Parsed] | None]] = []
    try:
        for result in fetch_many(requests, limits or FetchLimits(), stop):
            feed = by_url.get(result.url)
            if feed is None:
                continue
            job = None
            if result.ok and not result.not_modified and result.body is not None:
                url = result.final_url or feed.url
                job = parser.submit(result.body, result.content_type, url)
            pending.append((feed, result, job))
            yield from _store_ready(archive, pending, batch, wait=False)
            if stop is not None and stop.is_set():
                return
        yield from _store_ready(archive, pending, batch, wait=True)
    finally:
        parser.close()


def _store_ready(
    archive: Archive,
    pending: list[tuple[FeedRow, FetchResult, Future[Parsed] | None]],
    batch: int,
    *,
    wait: bool,
) -> Iterator[FeedOutcome]:
    """Store the pending fetches whose parse is done (all of them, waiting, if ``wait``)."""
    for item in list(pending):
        feed, result, job = item
        if job is not None and not job.done() and not wait:
            continue
        pending.remove(item)
        try:
            parsed = job.result() if job is not None else None
        except Exception as exc:  # a worker died (killed, out of memory): this feed only
            parsed = Parsed(error=f"could not parse: {type(exc).__name__}: {exc}")
        yield store_fetch(archive, feed, result, batch, parsed)


def _next_due(result: FetchResult, ttl: int | None, now: float) -> float | None:
    """The earliest next fetch the server or feed asked for (None: whenever asked). A local
    file has no server to spare: it is read whenever asked."""
    if result.status is None:
        return None
    waits = [result.retry_after, result.max_age, ttl * 60.0 if ttl else None]
    wait = max((w for w in waits if w is not None and w > 0), default=None)
    return None if wait is None else now + min(wait, MAX_INTERVAL)


def _status(result: FetchResult) -> str:
    return str(result.status) if result.status is not None else "file"


def store_fetch(
    archive: Archive,
    feed: FeedRow,
    result: FetchResult,
    batch: int | None = None,
    parsed: Parsed | None = None,
) -> FeedOutcome:
    """Parse (unless ``parsed`` is given) and store one fetch result; every failure is an
    outcome, never an exception."""
    now = time.time()
    name = feed.name
    moved = result.permanent_url if result.permanent_url != feed.url else None
    if result.gone:
        archive.record_fetch(
            feed.id, status="410", error="gone (410): no longer fetched", gone=True,
            keep_validators=True, when=now,
        )  # fmt: skip
        return FeedOutcome(feed.url, name, "error", error="gone (410): no longer fetched")
    if result.error is not None:
        status = str(result.status) if result.status is not None else "error"
        archive.record_fetch(
            feed.id, status=status, error=result.error, keep_validators=True,
            next_due=_next_due(result, None, now), when=now,
        )  # fmt: skip
        return FeedOutcome(feed.url, name, "error", error=result.error)
    if result.not_modified or result.body is None:
        archive.record_fetch(
            feed.id, status="304" if result.status == 304 else _status(result),
            etag=result.etag or feed.etag,
            last_modified=result.last_modified or feed.last_modified,
            next_due=_next_due(result, None, now), new_url=moved, when=now,
        )  # fmt: skip
        return FeedOutcome(result.permanent_url or feed.url, name, "not_modified")
    if parsed is None:
        parsed = parse_body(result.body, result.content_type, result.final_url or feed.url)
    if parsed.error is not None:
        archive.record_fetch(
            feed.id, status="error", error=parsed.error, keep_validators=True, when=now
        )
        return FeedOutcome(feed.url, name, "error", error=parsed.error)
    stored = archive.store_entries(
        feed.id, parsed.entries, status=_status(result), etag=result.etag,
        last_modified=result.last_modified, next_due=_next_due(result, parsed.ttl, now),
        new_url=moved, title=parsed.title, when=now,
        batch=archive.new_batch() if batch is None else batch,
    )  # fmt: skip
    name = feed.user_title or parsed.title or feed.url
    return FeedOutcome(
        result.permanent_url or feed.url, name, "ok", stored.new, stored.updated,
        warnings=parsed.warnings,
    )  # fmt: skip
