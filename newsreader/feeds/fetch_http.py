"""One feed over HTTP(S): conditional GET, redirects followed by hand, a streamed body with a cap.

Redirects are followed here rather than by httpx so that each hop's status is seen: the feed's
stored URL may only change when every hop was permanent (301/308), a loop is reported as one,
and a redirect to anything but http(s) (``file:``, ``javascript:``) is refused.

The body is read raw and decoded by :mod:`.http_decoding` piece by piece, counting decoded bytes,
so neither a 100 MB body nor a gzip bomb ever sits in memory beyond the cap. The total deadline
is checked after every piece (a body that never ends, a trickle); the per-read timeout handles a
server that goes silent, since a blocked read cannot check anything.
"""

from __future__ import annotations

import re
import socket
import ssl
import threading
import time
from dataclasses import replace

import httpx

from newsreader.feeds.fetch_limits import FetchLimits, describe_seconds, describe_size
from newsreader.feeds.http_decoding import EncodingError, decoded_pieces
from newsreader.feeds.http_policy import max_age_seconds, retry_after_seconds, status_line
from newsreader.feeds.model import FetchRequest, FetchResult

__all__ = ["fetch_http"]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
_RETRY_LATER = frozenset({429, 503})
_LONGEST_HEADER = 1024
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_DRAIN = 16 * 1024  # largest unwanted body read anyway, to keep the connection
_DRAIN_SECONDS = 0.25  # and the longest we wait for it

#: Said when the caller's stop event ends a fetch; the caller asked for it, so it knows.
STOPPED = "stopped"


class _Failed(Exception):
    """A per-feed failure with its one-line message, raised inside and turned into a result."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def fetch_http(
    request: FetchRequest,
    client: httpx.Client,
    limits: FetchLimits,
    stop: threading.Event | None = None,
) -> FetchResult:
    """Fetch ``request.url`` (http or https); never raises for a per-feed failure."""
    started = time.monotonic()
    deadline = started + limits.total_timeout
    trail = [request.url]  # every URL asked for, so a failure can say where it happened
    try:
        return _fetch(request, client, limits, stop, deadline, started, trail)
    except _Failed as failure:
        error, status = failure.message, failure.status
    except httpx.TimeoutException as timeout:
        error, status = _timeout_error(timeout, limits, deadline), None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol):
        error, status = "not a valid URL", None
    except httpx.HTTPError as failure:
        error, status = _network_error(failure), None
    return FetchResult(
        url=request.url,
        status=status,
        final_url=trail[-1],
        error=error,
        elapsed=time.monotonic() - started,
    )


def _fetch(
    request: FetchRequest,
    client: httpx.Client,
    limits: FetchLimits,
    stop: threading.Event | None,
    deadline: float,
    started: float,
    trail: list[str],
) -> FetchResult:
    url = httpx.URL(request.url.strip())
    seen = {url}
    all_permanent = True
    headers = _conditional_headers(request)
    for _hop in range(limits.max_redirects + 1):
        _check(stop, deadline, limits)
        with client.stream("GET", url, headers=headers, timeout=_timeout(limits, deadline)) as r:
            if r.status_code not in _REDIRECTS:
                permanent = str(url) if len(seen) > 1 and all_permanent else None
                return _result(request, r, permanent, limits, stop, deadline, started)
            _drain(r, deadline)
            location = r.headers.get("location", "").strip()
            if not location:
                raise _Failed(f"{status_line(r.status_code)} without a Location", r.status_code)
            try:
                target = url.join(location)
            except httpx.InvalidURL:
                raise _Failed("redirect to an invalid URL", r.status_code) from None
            if target.scheme not in ("http", "https"):
                raise _Failed("redirect to a non-http(s) URL", r.status_code)
            if target in seen:
                raise _Failed("redirect loop", r.status_code)
            all_permanent = all_permanent and r.status_code in _PERMANENT
            seen.add(target)
            trail.append(str(target))
            url = target
    raise _Failed(f"too many redirects (more than {limits.max_redirects})")


def _result(
    request: FetchRequest,
    response: httpx.Response,
    permanent_url: str | None,
    limits: FetchLimits,
    stop: threading.Event | None,
    deadline: float,
    started: float,
) -> FetchResult:
    status = response.status_code
    headers = response.headers
    if not 200 <= status < 300:
        _drain(response, deadline)
    base = FetchResult(
        url=request.url, status=status, final_url=str(response.url), permanent_url=permanent_url
    )
    if status == 304:
        return replace(
            base,
            etag=_header(headers, "etag") or request.etag,
            last_modified=_header(headers, "last-modified") or request.last_modified,
            not_modified=True,
            max_age=max_age_seconds(headers),
            elapsed=time.monotonic() - started,
        )
    if status == 410:
        return replace(
            base,
            gone=True,
            error=status_line(status),
            elapsed=time.monotonic() - started,
        )
    if status in _RETRY_LATER:
        retry_after = retry_after_seconds(headers)
        error = status_line(status)
        if retry_after is not None:
            error += f" (retry after {describe_seconds(round(retry_after))})"
        return replace(
            base,
            retry_after=retry_after,
            error=error,
            elapsed=time.monotonic() - started,
        )
    if not 200 <= status < 300:
        return replace(
            base,
            error=status_line(status),
            elapsed=time.monotonic() - started,
        )
    try:
        body = _read_body(response, limits, stop, deadline)
    except _Failed as failure:
        failure.status = status
        raise
    return replace(
        base,
        body=body,
        content_type=_header(headers, "content-type"),
        etag=_header(headers, "etag"),
        last_modified=_header(headers, "last-modified"),
        max_age=max_age_seconds(headers),
        elapsed=time.monotonic() - started,
    )


def _read_body(
    response: httpx.Response,
    limits: FetchLimits,
    stop: threading.Event | None,
    deadline: float,
) -> bytes:
    too_large = _Failed(f"response larger than {describe_size(limits.max_bytes)}")
    encoding = response.headers.get("content-encoding")
    declared = response.headers.get("content-length", "").strip()
    if not encoding and declared.isdigit() and int(declared) > limits.max_bytes:
        raise too_large
    body = bytearray()
    try:
        for piece in decoded_pieces(response.iter_raw(), encoding):
            if len(body) + len(piece) > limits.max_bytes:
                raise too_large
            body += piece
            _check(stop, deadline, limits)
    except EncodingError as undecodable:
        raise _Failed(str(undecodable)) from None
    return bytes(body)


def _header(headers: httpx.Headers, name: str) -> str | None:
    """A header we hand on (and may send back as a validator), or None when it holds control
    characters or is absurdly long: stored and sent back, such a value would fail every
    refresh, or reach a screen."""
    value: str | None = headers.get(name)
    if value is None:
        return None
    value = value.strip()
    if not value or len(value) > _LONGEST_HEADER or _CONTROL.search(value):
        return None
    return value


def _drain(response: httpx.Response, deadline: float) -> None:
    """Read a short body we do not want (a 304's, a redirect's, an error page) so the
    connection goes back to the pool: closing it mid-response would cost a new TCP (and TLS)
    handshake per feed, which is most of a refresh where nothing changed. Long, unsized or
    slow bodies are not worth the wait; the connection is closed instead."""
    declared = response.headers.get("content-length", "").strip()
    if response.status_code != 304 and not (declared.isdigit() and int(declared) <= _DRAIN):
        return
    give_up = min(deadline, time.monotonic() + _DRAIN_SECONDS)
    try:
        for _ in response.iter_raw():
            if time.monotonic() >= give_up:
                return
    except httpx.HTTPError:
        pass  # the connection is closed instead; the result does not depend on it


def _conditional_headers(request: FetchRequest) -> dict[str, str]:
    headers = {}
    if request.etag:
        headers["If-None-Match"] = request.etag
    if request.last_modified:
        headers["If-Modified-Since"] = request.last_modified
    return headers


def _timeout(limits: FetchLimits, deadline: float) -> httpx.Timeout:
    """Each wait is also bounded by what is left of the total, so redirects and slow hops
    cannot add up past it."""
    remaining = max(0.001, deadline - time.monotonic())
    return httpx.Timeout(
        connect=min(limits.connect_timeout, remaining),
        read=min(limits.read_timeout, remaining),
        write=remaining,
        pool=remaining,
    )


def _check(stop: threading.Event | None, deadline: float, limits: FetchLimits) -> None:
    if stop is not None and stop.is_set():
        raise _Failed(STOPPED)
    if time.monotonic() >= deadline:
        raise _Failed(f"timed out after {describe_seconds(limits.total_timeout)}")


def _timeout_error(timeout: httpx.TimeoutException, limits: FetchLimits, deadline: float) -> str:
    if time.monotonic() >= deadline - 0.01:
        return f"timed out after {describe_seconds(limits.total_timeout)}"
    if isinstance(timeout, httpx.ConnectTimeout):
        return f"could not connect within {describe_seconds(limits.connect_timeout)}"
    if isinstance(timeout, httpx.ReadTimeout):
        return f"no answer from the server for {describe_seconds(limits.read_timeout)}"
    if isinstance(timeout, httpx.PoolTimeout):
        return "timed out waiting for a free connection"
    return "timed out sending the request"


def _network_error(failure: httpx.HTTPError) -> str:
    """One line for a transport failure, from the OS error underneath when there is one (the
    messages of the layers above add nothing a reader can act on)."""
    cause = _root_cause(failure)
    if isinstance(cause, ConnectionRefusedError):
        return "connection refused"
    if isinstance(cause, socket.gaierror):
        return "host not found"
    if isinstance(cause, ssl.SSLCertVerificationError):
        return f"TLS certificate not accepted: {cause.verify_message}"
    if isinstance(cause, ssl.SSLError):
        return "TLS handshake failed"
    if isinstance(cause, ConnectionResetError):
        return "connection reset by the server"
    if isinstance(failure, httpx.RemoteProtocolError):
        message = str(failure)
        if "without sending a response" in message:
            return "server closed the connection without answering"
        if "location header" in message:  # httpx checks it before handing the response over
            return "redirect to an invalid URL"
        if "without sending complete message body" in message:
            return "server closed the connection before the body was complete"
        return "server broke the HTTP protocol"
    if isinstance(failure, httpx.LocalProtocolError):
        return "invalid request (a stored validator or the URL is malformed)"
    if isinstance(cause, OSError) and cause.strerror:
        return f"network error: {cause.strerror.lower()}"
    if isinstance(failure, httpx.ConnectError):
        return "could not connect"
    return f"network error ({type(failure).__name__})"


def _root_cause(failure: BaseException) -> BaseException:
    seen: set[int] = set()
    while id(failure) not in seen:
        seen.add(id(failure))
        following = failure.__cause__ or failure.__context__
        if following is None:
            break
        failure = following
    return failure
