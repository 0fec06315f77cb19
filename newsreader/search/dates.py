"""``since:`` values: an absolute date (``2026-11-01``, ``2026-11-01T08:00``) or a span back
from now (``7d``, ``24h``, ``2w``, ``90m``).

Kept as written in the parsed query and turned into a time only when searching, because the
parsed query is memoised and "7d" must mean seven days before *this* search.
"""

from __future__ import annotations

import re
import time
from datetime import datetime

__all__ = ["since_threshold", "valid_since"]

_SPAN = re.compile(r"^(\d{1,6})([mhdw])$")
_UNITS = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def valid_since(value: str) -> bool:
    return since_threshold(value, 0.0) is not None


def since_threshold(value: str, now: float | None = None) -> float | None:
    """Unix seconds that ``value`` means (local time for dates), or None if it means nothing."""
    value = value.strip().lower()
    span = _SPAN.match(value)
    if span:
        now = time.time() if now is None else now
        return now - int(span.group(1)) * _UNITS[span.group(2)]
    try:
        when = datetime.fromisoformat(value.upper() if "t" in value else value)
    except ValueError:
        return None
    return when.timestamp()
