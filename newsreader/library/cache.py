"""An on-disk cache of split articles and of the search index, so a second start is instant.

Splitting and indexing 100k articles takes minutes; reading them back takes a fraction of a
second. Everything here can be rebuilt from the news files, so the cache is allowed to be wrong in
only one way: missing. A file that is absent, from another format version, truncated, corrupt or
unreadable is ignored (and overwritten on the next save); nothing in this module raises to its
caller on a bad cache.

Keys. Articles are keyed by the source (``sources.key.SourceKey``: absolute path, or the name as
given for stdin, its size and mtime_ns, a hash of its text or bytes, and a fingerprint of the code
that split it); the index by the keys of all sources in order plus the analyser's fingerprint.
Any change, including a new version of newsreader, misses and rebuilds.

Format. A file is ``MAGIC``, then frames of ``<u32 length><u32 crc32><pickle>``: a header frame
(format version, kind, key), data frames, and an end frame, so truncation and bit rot are both
detected. Article frames hold a batch each and are yielded as they are read, so the first rows
show before the rest of the file is read; the index is one frame per part (long lists in
chunks), so saving or loading it never needs a second copy of all of it in memory. Pickles are
read by an unpickler that refuses to load any class: only tuples, lists, dicts, strings, bytes
and numbers can come out of a cache file.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import struct
import sys
import tempfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from newsreader.model import Article
from newsreader.sources.key import SourceKey

__all__ = [
    "FORMAT_VERSION",
    "CacheError",
    "CorpusCache",
    "code_fingerprint",
    "default_cache_dir",
]

#: Bump when the layout of cached articles or of the index snapshot changes.
FORMAT_VERSION = 4
MAGIC = b"NRCACHE\x00"
_FRAME = struct.Struct("<II")
_END = b"end"
#: Articles per frame: small enough that the first frame reads in milliseconds.
BATCH = 1000
#: Index snapshot entries that are long lists, saved so many items per frame, a few MB each (and
#: concatenated on reading; ``newsreader.search.index.SNAPSHOT_CHUNKED`` names the same ones).
_CHUNKED = {"canon": 500, "postings": 1, "frozen": 64}
#: Cache files kept (newest first); older ones are deleted after a save.
KEEP_FILES = 24


class CacheError(Exception):
    """A cache file that cannot be trusted; callers treat it as a miss."""


def default_cache_dir() -> Path:
    """``<user cache dir>/corpus`` (platformdirs, honours ``XDG_CACHE_HOME``)."""
    from newsreader.paths import cache_dir

    return cache_dir() / "corpus"


def code_fingerprint(*objects: object) -> str:
    """A digest of the code that produced a cached result, so a new version never reads stale data.

    Covers the size and mtime of every ``.py`` file of the ``newsreader`` package (outside the TUI)
    and the qualified names of the given callables (an injected splitter or analyser), or the
    given strings themselves (``"newsreader.analysis.analyze:spacy"`` names the recogniser too).
    """
    parts = [f"v{FORMAT_VERSION}", sys.version.split()[0]]
    root = Path(__file__).resolve().parent.parent  # the newsreader package
    for path in sorted(root.rglob("*.py")):
        if "tui" in path.relative_to(root).parts:
            continue
        with contextlib.suppress(OSError):
            st = path.stat()
            parts.append(f"{path.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}")
    for obj in objects:
        if isinstance(obj, str):  # a name given as a key ("…analyze:spacy"): its value counts
            parts.append(f"key:{obj}")
            continue
        module = getattr(obj, "__module__", "?")
        name = getattr(obj, "__qualname__", type(obj).__qualname__)
        parts.append(f"{module}.{name}:{getattr(obj, 'version', '')}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=12).hexdigest()


class _NoClasses(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"cache files hold no classes ({module}.{name})")


def _unpickle(payload: bytes) -> Any:
    return _NoClasses(io.BytesIO(payload)).load()


def _frame(obj: object) -> bytes:
    payload = pickle.dumps(obj, protocol=5)
    return _FRAME.pack(len(payload), zlib.crc32(payload)) + payload


def _read_frame(fh: BinaryIO) -> Any:
    head = fh.read(_FRAME.size)
    if len(head) != _FRAME.size:
        raise CacheError("truncated")
    length, crc = _FRAME.unpack(head)
    payload = fh.read(length)
    if len(payload) != length or zlib.crc32(payload) != crc:
        raise CacheError("corrupt frame")
    try:
        return _unpickle(payload)
    except Exception as exc:  # any failure to decode is a corrupt cache, never a crash
        raise CacheError(f"undecodable frame: {exc}") from exc


def _article_row(a: Article) -> tuple[object, ...]:
    return a.stored()


def _article(row: Any, source: str) -> Article:
    ident, start, end, title, headline, truncated, body = row
    if not (
        isinstance(ident, str)
        and isinstance(start, int)
        and isinstance(end, int)
        and isinstance(title, str)
        and (headline is None or headline is True or isinstance(headline, str))
        and isinstance(truncated, bool)
        and (
            isinstance(body, bytes)
            or (isinstance(body, tuple) and all(isinstance(p, str) for p in body))
        )
    ):
        raise CacheError("malformed article")
    return Article.from_stored(ident, source, start, end, title, headline, truncated, body)


class CorpusCache:
    """Cache files in one folder (created on first save). ``folder=None`` is the user cache dir."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_cache_dir()

    # -- articles ------------------------------------------------------------------------------

    def articles_path(self, key: SourceKey) -> Path:
        return self.folder / f"{key.token}.articles"

    def read_articles(
        self, key: SourceKey, source: str | None = None
    ) -> tuple[int, Iterator[list[Article]]] | None:
        """How many articles ``key`` has cached and an iterator over their batches, or None when
        there is no usable entry.

        ``source`` names the articles (default: the name they were saved with), so a file
        opened by another relative path shows under the name given now. The header is checked
        before this returns; a frame that turns out corrupt later raises ``CacheError`` from
        the iterator, after the batches before it were yielded.
        """
        path = self.articles_path(key)
        try:
            fh = path.open("rb")
        except OSError:
            return None
        try:
            header = self._header(fh, "articles", key.token)
            saved, count = header.get("source"), header.get("count")
            if not isinstance(saved, str) or not isinstance(count, int):
                raise CacheError("bad header")
        except (CacheError, OSError):
            fh.close()
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: pruned last
        return count, self._article_batches(fh, saved if source is None else source, count)

    def _article_batches(self, fh: BinaryIO, source: str, count: int) -> Iterator[list[Article]]:
        with fh:
            seen = 0
            while True:
                try:
                    rows = _read_frame(fh)
                except OSError as exc:
                    raise CacheError(str(exc)) from exc
                if rows == _END:
                    if seen != count:
                        raise CacheError("article count mismatch")
                    return
                if not isinstance(rows, list):
                    raise CacheError("bad frame")
                try:
                    batch = [_article(row, source) for row in rows]
                except (TypeError, ValueError) as exc:
                    raise CacheError("malformed article") from exc
                seen += len(batch)
                yield batch

    def write_articles(self, key: SourceKey, source: str, articles: Sequence[Article]) -> bool:
        """Save the articles split from ``key``'s text (all with source name ``source``)."""
        header = {"count": len(articles), "source": source}

        def frames() -> Iterator[bytes]:
            for i in range(0, len(articles), BATCH):
                yield _frame([_article_row(a) for a in articles[i : i + BATCH]])

        return self._write(self.articles_path(key), "articles", key.token, header, frames())

    # -- the index -----------------------------------------------------------------------------

    def index_path(self, token: str) -> Path:
        return self.folder / f"{token}.index"

    def read_index(self, token: str) -> dict[str, Any] | None:
        """The index snapshot saved under ``token``, or None."""
        snapshot: dict[str, Any] = {}
        try:
            with self.index_path(token).open("rb") as fh:
                self._header(fh, "index", token)
                while True:
                    item = _read_frame(fh)
                    if item == _END:
                        return snapshot
                    if not (
                        isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)
                    ):
                        return None
                    name, value = item
                    if name in _CHUNKED:
                        snapshot.setdefault(name, []).extend(value)
                    else:
                        snapshot[name] = value
        except (CacheError, OSError, TypeError):
            return None

    def write_index(self, token: str, snapshot: dict[str, Any] | Iterable[tuple[str, Any]]) -> bool:
        """Save a snapshot one part per frame (long lists in chunks), so neither writing nor
        reading it ever holds a second copy of the whole index in memory.

        ``snapshot`` is a dict or, better, its ``(name, part)`` items made one at a time
        (``SearchIndex.snapshot_items``); a chunked name may come several times.
        """
        items = snapshot.items() if isinstance(snapshot, dict) else snapshot

        def frames() -> Iterator[bytes]:
            for name, value in items:
                step = _CHUNKED.get(name)
                if step is None:
                    yield _frame((name, value))
                    continue
                for i in range(0, max(1, len(value)), step):
                    yield _frame((name, value[i : i + step]))

        return self._write(self.index_path(token), "index", token, {}, frames())

    # -- plumbing ------------------------------------------------------------------------------

    def _header(self, fh: BinaryIO, kind: str, token: str) -> dict[str, Any]:
        if fh.read(len(MAGIC)) != MAGIC:
            raise CacheError("not a cache file")
        header = _read_frame(fh)
        if (
            not isinstance(header, dict)
            or header.get("version") != FORMAT_VERSION
            or header.get("kind") != kind
            or header.get("key") != token
        ):
            raise CacheError("other version or key")
        return header

    def _write(
        self, path: Path, kind: str, token: str, header: dict[str, Any], frames: Iterable[bytes]
    ) -> bool:
        """Write ``path`` atomically (temp file + rename); False, never an exception, on failure.

        No fsync: a cache torn by a crash fails its checks and is rebuilt, which is cheaper than
        making every save wait for the disk.
        """
        tmp: str | None = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=self.folder)
            with os.fdopen(fd, "wb") as fh:
                fh.write(MAGIC)
                fh.write(_frame({**header, "version": FORMAT_VERSION, "kind": kind, "key": token}))
                for frame in frames:
                    fh.write(frame)
                fh.write(_frame(_END))
            os.replace(tmp, path)
            tmp = None
        except (OSError, pickle.PicklingError, ValueError, OverflowError):
            return False
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        self.prune()
        return True

    def prune(self, keep: int = KEEP_FILES) -> None:
        """Delete all but the ``keep`` most recently written cache files."""
        try:
            entries = [
                (p.stat().st_mtime_ns, p)
                for p in self.folder.iterdir()
                if p.suffix in (".articles", ".index") and not p.name.startswith(".tmp-")
            ]
        except OSError:
            return
        entries.sort(reverse=True)
        for _, path in entries[keep:]:
            with contextlib.suppress(OSError):
                path.unlink()
