"""How a feed's address is kept: one spelling per feed, so it is never subscribed twice."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from urllib.request import url2pathname

__all__ = ["normal_location"]


def normal_location(url: str) -> str:
    """``url`` spelled the one way the archive keeps it, so one feed is never subscribed twice:
    scheme and host in lower case, a ``file://`` URL or a relative path as an absolute path."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        host = parts.netloc.rsplit("@", 1)
        host[-1] = host[-1].lower()
        return urlunsplit((scheme, "@".join(host), parts.path or "/", parts.query, ""))
    if scheme == "file":
        return os.path.abspath(url2pathname(parts.path))
    if scheme and len(scheme) > 1:
        return url  # not ours to spell (and refused when subscribing)
    return os.path.abspath(Path(url).expanduser())
