"""Offline feeds: a local path or ``file://`` URL read with the same size cap as the network.

A file has no ETag, so its validator is ``"mtime_ns:size"`` in the ``last_modified`` slot: the
refresh pipeline stores and sends it back like any other, and an untouched file costs one
``stat`` on the next refresh.
"""

from __future__ import annotations

import mimetypes
import stat
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newsreader.feeds.fetch_limits import FetchLimits, describe_size
from newsreader.feeds.model import FetchRequest, FetchResult

__all__ = ["fetch_file", "local_path"]


def local_path(url: str) -> Path | str:
    """The path a plain path or ``file://`` URL names, or a one-line error for a file URL on
    another host."""
    url = url.strip()
    if not url.lower().startswith("file:"):
        return Path(url).expanduser()
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        return "file URL on another host"
    return Path(unquote(parts.path))


def fetch_file(request: FetchRequest, path: Path, limits: FetchLimits) -> FetchResult:
    """Read ``path`` as a feed body; never raises for a missing or unreadable file."""
    started = time.monotonic()

    def failed(error: str) -> FetchResult:
        return FetchResult(
            url=request.url,
            final_url=request.url,
            error=error,
            elapsed=time.monotonic() - started,
        )

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return failed("is a directory, not a feed file")
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block, a device might never end
            return failed("not a regular file")
        validator = f"{info.st_mtime_ns}:{info.st_size}"
        if request.last_modified == validator:
            return FetchResult(
                url=request.url,
                final_url=request.url,
                last_modified=validator,
                not_modified=True,
                elapsed=time.monotonic() - started,
            )
        if info.st_size > limits.max_bytes:
            return failed(f"file larger than {describe_size(limits.max_bytes)}")
        with path.open("rb") as handle:
            body = handle.read(limits.max_bytes + 1)  # it may have grown since the stat
    except FileNotFoundError:
        return failed("no such file")
    except PermissionError:
        return failed("permission denied")
    except OSError as error:
        return failed(f"could not read the file: {error.strerror or type(error).__name__}")
    if len(body) > limits.max_bytes:
        return failed(f"file larger than {describe_size(limits.max_bytes)}")
    return FetchResult(
        url=request.url,
        body=body,
        content_type=mimetypes.guess_type(path.name)[0],
        last_modified=validator,
        final_url=request.url,
        elapsed=time.monotonic() - started,
    )
