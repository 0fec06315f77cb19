"""An article's numbered links: the ``Links:`` list under its text (``[1]: https://…``), as
feed entries, saved pages and web pages carry it (newsboat's style). Only http(s) links are
ever handed to a browser."""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["article_links", "openable"]

_ITEM = re.compile(r"^\[(\d{1,4})\]: (\S+)$")


def article_links(paragraphs: Sequence[str]) -> list[tuple[int, str]]:
    """``(number, url)`` of every link in the ``Links:`` list at the end of ``paragraphs``."""
    try:
        start = len(paragraphs) - 1 - list(reversed(paragraphs)).index("Links:")
    except ValueError:
        return []
    out = []
    for line in paragraphs[start + 1 :]:
        found = _ITEM.match(line)
        if found:
            out.append((int(found.group(1)), found.group(2)))
    return out


def openable(url: str) -> bool:
    """Only http(s): a ``javascript:``, ``data:`` or ``file:`` link is never opened."""
    return url[:8].lower().startswith(("http://", "https://"))
