"""Fetch feeds politely and safely: the public face of the fetching layer.

:func:`fetch_one` takes one :class:`~newsreader.feeds.model.FetchRequest` (a URL and the
validators of its last fetch) to a :class:`~newsreader.feeds.model.FetchResult`, over HTTP(S)
(:mod:`.fetch_http`) or from a local file (:mod:`.fetch_file`); it never raises for a per-feed
failure, the result's ``error`` says what went wrong in one line. :func:`fetch_many` runs many at
once with bounded concurrency and hands each result over as soon as it is ready, so the refresh
pipeline can parse and store one feed while others are still downloading.

Threads and a synchronous httpx client rather than asyncio: the work per feed is network waiting
plus decompression in zlib, which releases the GIL, so threads overlap both, while one event loop
inflates every body on its single thread (on 200 local feeds, threads took about half the time of
an asyncio client with the same 16 connections). The refresh pipeline and the CLI are synchronous
code and the TUI already refreshes in a worker thread, so no caller has an event loop to own or
share.
"""

from __future__ import annotations

import importlib.metadata
import queue
import re
import threading
from collections.abc import Iterable, Iterator
from http.cookiejar import CookieJar, DefaultCookiePolicy

import httpx

from newsreader.feeds.fetch_file import fetch_file, local_path
from newsreader.feeds.fetch_http import STOPPED, fetch_http
from newsreader.feeds.fetch_limits import FetchLimits
from newsreader.feeds.model import FetchRequest, FetchResult

__all__ = [
    "ACCEPT",
    "DEFAULT_LIMITS",
    "STOPPED",
    "USER_AGENT",
    "FetchLimits",
    "fetch_many",
    "fetch_one",
    "new_client",
]

DEFAULT_LIMITS = FetchLimits()


def _version() -> str:
    try:
        return importlib.metadata.version("newsreader")
    except importlib.metadata.PackageNotFoundError:
        return "0"


#: Names the program and its version, so a feed's owner can see who fetches it and how often.
USER_AGENT = f"newsreader/{_version()} (terminal news reader)"

#: Feed formats first; HTML last, because a page that links its feed is still useful (discovery).
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, "
    "application/json;q=0.8, text/html;q=0.5, */*;q=0.1"
)

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def new_client(limits: FetchLimits = DEFAULT_LIMITS) -> httpx.Client:
    """An httpx client set up for :func:`fetch_one`: our User-Agent, gzip/deflate (decoded by
    us, see :mod:`.http_decoding`), redirects left to us, a pool as large as the concurrency.

    Cookies are refused: feeds need none, and a shared client would otherwise carry what one
    response set into every later request to that site (and let a server grow the jar)."""
    return httpx.Client(
        cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
        headers={"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"},
        follow_redirects=False,
        limits=httpx.Limits(
            max_connections=limits.concurrency, max_keepalive_connections=limits.concurrency
        ),
        timeout=httpx.Timeout(
            limits.total_timeout, connect=limits.connect_timeout, read=limits.read_timeout
        ),
    )


def fetch_one(
    request: FetchRequest,
    client: httpx.Client,
    limits: FetchLimits = DEFAULT_LIMITS,
    stop: threading.Event | None = None,
) -> FetchResult:
    """Fetch one feed: http(s) through ``client``, a plain path or ``file://`` URL from disk.

    Never raises for a per-feed failure. ``stop`` set while fetching ends the fetch early with
    the error :data:`STOPPED`.
    """
    try:
        match = _SCHEME.match(request.url.strip())
        scheme = match.group(1).lower() if match else ""
        if scheme in ("http", "https"):
            return fetch_http(request, client, limits, stop)
        if scheme in ("", "file"):
            path = local_path(request.url)
            if isinstance(path, str):
                return _failed(request, path)
            return fetch_file(request, path, limits)
        return _failed(request, "not an http(s) or file URL")
    except Exception as unexpected:  # the contract: one feed never takes the others down
        # No logging: nothing configures it, so Python would print to stderr, over the TUI.
        return _failed(request, f"unexpected error ({type(unexpected).__name__})")


def fetch_many(
    requests: Iterable[FetchRequest],
    limits: FetchLimits = DEFAULT_LIMITS,
    stop: threading.Event | None = None,
) -> Iterator[FetchResult]:
    """Fetch every request, ``limits.concurrency`` at a time, yielding results as they complete.

    Once ``stop`` is set (or the caller stops iterating) no pending request is started, fetches
    under way end at their next piece of body, and the iterator ends within a tick without
    yielding them: a stopped refresh stores nothing half-done.

    The workers are daemon threads, not a ``ThreadPoolExecutor``'s: the interpreter joins those
    at exit, so quitting during a refresh would wait for the slowest silent server.
    """
    todo: queue.SimpleQueue[FetchRequest] = queue.SimpleQueue()
    for request in requests:
        todo.put(request)
    count = todo.qsize()
    halt = _Halt(stop)
    if not count or halt.is_set():
        return
    done: queue.SimpleQueue[FetchResult] = queue.SimpleQueue()
    client = new_client(limits)

    def work() -> None:
        while not halt.is_set():
            try:
                request = todo.get_nowait()
            except queue.Empty:
                return
            done.put(fetch_one(request, client, limits, halt))

    workers = [
        threading.Thread(target=work, name=f"fetch-{n}", daemon=True)
        for n in range(min(limits.concurrency, count))
    ]
    for worker in workers:
        worker.start()
    try:
        for _ in range(count):
            result = _next_result(done, stop)
            if result is None:
                return
            yield result
    finally:
        halt.set()
        threading.Thread(target=_close_when_idle, args=(workers, client), daemon=True).start()


class _Halt(threading.Event):
    """Set when the caller's ``stop`` is, or when we set it ourselves (the caller walked away
    from the iterator): one flag for workers and fetches under way to check."""

    def __init__(self, stop: threading.Event | None) -> None:
        super().__init__()
        self._stop = stop

    def is_set(self) -> bool:
        return super().is_set() or (self._stop is not None and self._stop.is_set())


def _next_result(
    done: queue.SimpleQueue[FetchResult], stop: threading.Event | None
) -> FetchResult | None:
    """The next result, or None as soon as ``stop`` is set (checked every 50 ms)."""
    if stop is None:
        return done.get()
    while not stop.is_set():
        try:
            return done.get(timeout=0.05)
        except queue.Empty:
            continue
    return None


def _close_when_idle(workers: list[threading.Thread], client: httpx.Client) -> None:
    """Close the client once the last fetch under way has let go of it (off the caller's
    thread, so stopping never waits for a slow server)."""
    for worker in workers:
        worker.join()
    client.close()


def _failed(request: FetchRequest, error: str) -> FetchResult:
    return FetchResult(url=request.url, final_url=request.url, error=error)
