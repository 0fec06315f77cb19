"""What a feed server's response headers ask of us: how long to wait, how long a copy stays fresh.

Servers are not always right about their own headers (garbage dates, negative numbers, quoted
values), so every parser here answers None for what it cannot read instead of raising, and never
answers a negative number of seconds. Times are measured against the response's own ``Date`` when
it has one: the server's clock is the one its dates were written with.
"""

from __future__ import annotations

import email.utils
import http
import time
from collections.abc import Mapping
from datetime import UTC

__all__ = ["max_age_seconds", "retry_after_seconds", "status_line"]


def status_line(status: int) -> str:
    """``"HTTP 404 Not Found"``: the standard reason, never the server's own phrase (it is the
    server's text, and could carry anything)."""
    try:
        return f"HTTP {status} {http.HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def retry_after_seconds(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP-date), or None."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    when = _http_date(value)
    if when is None:
        return None
    return max(0.0, when - _server_now(headers, now))


def max_age_seconds(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """How long the response stays fresh, from Cache-Control or else Expires minus Date.

    ``no-cache``/``no-store`` mean 0 (ask every time); ``s-maxage`` is for shared caches, not
    for a reader. An Expires that is not a date means "already expired" (RFC 9111), so 0.
    """
    directives = _cache_control(headers.get("cache-control", ""))
    if "no-cache" in directives or "no-store" in directives:
        return 0.0
    max_age = directives.get("max-age")
    if max_age is not None:
        return float(max_age) if max_age.isdigit() else None
    expires = headers.get("expires")
    if expires is None:
        return None
    when = _http_date(expires)
    if when is None:
        return 0.0
    return max(0.0, when - _server_now(headers, now))


def _cache_control(value: str) -> dict[str, str]:
    directives: dict[str, str] = {}
    for part in value.split(","):
        name, _, argument = part.partition("=")
        name = name.strip().lower()
        if name:
            directives.setdefault(name, argument.strip().strip('"'))
    return directives


def _server_now(headers: Mapping[str, str], now: float | None) -> float:
    date = headers.get("date")
    server_now = _http_date(date) if date else None
    if server_now is not None:
        return server_now
    return time.time() if now is None else now


def _http_date(value: str) -> float | None:
    """An HTTP-date (any of the three RFC 9110 forms) as a POSIX timestamp, or None."""
    try:
        parsed = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed.tzinfo is None:  # HTTP dates are GMT even when they say "-0000" or nothing
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.timestamp()
    except (OverflowError, ValueError, OSError):
        return None
