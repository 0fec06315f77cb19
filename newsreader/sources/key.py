"""What must be unchanged for a source's cached articles to be reused.

Keys name the source (absolute path, or the name as given for stdin), its size and mtime_ns, a
hash of its text or raw bytes, and a fingerprint of the code that split it
(``library.cache.code_fingerprint``).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

__all__ = ["SourceKey", "file_key", "source_key"]


@dataclass(frozen=True, slots=True)
class SourceKey:
    """What must be unchanged for a source's cached articles to be reused."""

    name: str
    size: int
    mtime_ns: int
    digest: str
    code: str

    @property
    def token(self) -> str:
        """A short stable digest of the whole key (names cache files, builds index keys)."""
        raw = "\x00".join((self.name, str(self.size), str(self.mtime_ns), self.digest, self.code))
        return hashlib.blake2b(raw.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def source_key(name: str, text: str, code: str = "") -> SourceKey:
    """The key of ``text`` read from ``name``; file size and mtime come from disk when it is one.

    The text is hashed as well, because size and mtime alone miss an edit that keeps both (a copy
    with preserved times) and stdin has neither; SHA-1 over the UTF-8 text runs at ~1 GB/s, far
    cheaper than splitting.
    """
    data = text.encode("utf-8", "surrogatepass")
    digest = "t" + hashlib.sha1(data, usedforsecurity=False).hexdigest()
    size, mtime_ns, where = len(data), 0, name
    if name and not name.startswith("<"):
        try:
            st = os.stat(name)
        except (OSError, ValueError):
            pass
        else:
            size, mtime_ns, where = st.st_size, st.st_mtime_ns, os.path.abspath(name)
    return SourceKey(where, size, mtime_ns, digest, code)


def file_key(name: str, sha1: str, st: os.stat_result, code: str = "") -> SourceKey:
    """The key of a file from the SHA-1 of its raw bytes (``st`` its stat): no decoding needed
    to look it up (:func:`newsreader.sources.stream.file_digest` hashes it in pieces)."""
    return SourceKey(os.path.abspath(name), st.st_size, st.st_mtime_ns, "b" + sha1, code)
