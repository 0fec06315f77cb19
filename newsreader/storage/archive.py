"""The feed archive: every feed subscribed to and every entry ever fetched, in SQLite.

Why SQLite (stdlib ``sqlite3``) and not the TinyDB store: the archive grows without bound
(newsboat keeps every item; so do we), is written by refreshes while the app reads it, and its
texts must stay on disk: the list needs titles and dates, search needs the index, and only the
article being read needs its text. SQLite gives that with WAL (readers never block the one
writer, a second copy of the app included), transactions (a refresh killed halfway leaves what
it committed and nothing half-written), and a schema version with migrations.

The user's own data (bookmarks, tags, read marks) stays in the TinyDB store, keyed by article id;
an entry's id is derived from its feed's *first* URL and its guid (see :func:`entry_id`), so it
survives the feed moving (301) and rewriting the entry.

Layout: ``feeds`` (one row per subscription), ``entries`` (metadata, small rows: listing 100k of
them reads little) and ``texts`` (the paragraphs, fetched one entry at a time). ``entries.rowid``
is the order entries arrived in; the Library loads in that order, so an index built over the
archive stays a prefix of the next one (see ``sources.archive``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsreader.storage.aside import keep_copy, move_aside
from newsreader.storage.atomic import atomic_write_bytes

__all__ = [
    "FULL_TEXT_MODES",
    "SCHEMA_VERSION",
    "Archive",
    "ArchiveError",
    "EntryRow",
    "FeedRow",
    "NewEntry",
    "PageRow",
    "StoreResult",
    "entry_id",
]

#: The schema this code writes; older archives are migrated on open, newer ones refused.
SCHEMA_VERSION = 2

_SCHEMA_V1 = """
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,           -- where it is fetched from now (301/308 update it)
    origin TEXT NOT NULL,               -- the URL it was added with: entry ids derive from it
    title TEXT,                         -- the feed's own title
    user_title TEXT,                    -- --title, wins over the feed's
    tags TEXT NOT NULL DEFAULT '[]',    -- JSON list
    added REAL NOT NULL,
    etag TEXT,
    last_modified TEXT,
    last_fetched REAL,
    last_status TEXT,                   -- HTTP status, "file", "not modified" or "error"
    last_error TEXT,
    next_due REAL,                      -- not fetched before this (ttl, max-age, Retry-After)
    gone INTEGER NOT NULL DEFAULT 0     -- 410 Gone: never fetched again until re-added
);
CREATE TABLE entries (
    rowid INTEGER PRIMARY KEY AUTOINCREMENT,  -- arrival order, never reused: the load order
    id TEXT NOT NULL UNIQUE,            -- the article id (bookmarks and tags use it)
    feed INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    guid TEXT NOT NULL,                 -- what identified it in the feed (see entry_id)
    link TEXT,
    title TEXT NOT NULL,
    author TEXT,
    published REAL,                     -- Unix seconds, or NULL when the feed gave no date
    updated REAL,
    first_seen REAL NOT NULL,
    batch INTEGER NOT NULL,             -- the refresh that brought it (see new_batch)
    digest TEXT NOT NULL                -- of title and text: tells an edit from a repeat
);
CREATE INDEX entries_by_feed ON entries(feed);
CREATE TABLE texts (
    entry INTEGER PRIMARY KEY REFERENCES entries(rowid) ON DELETE CASCADE,
    body TEXT NOT NULL,                 -- the paragraphs joined with newlines
    links TEXT NOT NULL DEFAULT '[]'    -- JSON list, links[0] is the text's [1]
);
"""

#: Migrations from version N-1 to N, by N. A new archive is made at version 1 and migrated up,
#: so every migration runs in every test that opens an archive.
_MIGRATIONS: dict[int, str] = {
    # 2: the whole story from the entry's web page, beside the feed's text, and a per-feed
    # choice of when to fetch it.
    2: """
ALTER TABLE feeds ADD COLUMN full_text TEXT NOT NULL DEFAULT 'auto';
-- Unsubscribed, kept only for the entries the user bookmarked or tagged.
ALTER TABLE feeds ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;
CREATE TABLE pages (
    entry INTEGER PRIMARY KEY REFERENCES entries(rowid) ON DELETE CASCADE,
    fetched REAL NOT NULL,
    url TEXT,                       -- where the text came from (after redirects)
    body TEXT,                      -- the extracted paragraphs joined with newlines; NULL: none
    links TEXT NOT NULL DEFAULT '[]',
    error TEXT,                     -- why there is no body ("no article text found", HTTP 404)
    shown INTEGER NOT NULL DEFAULT 1 -- 0: the reader asked for the feed's text instead (F)
);
""",
}


def _corrupt(exc: sqlite3.DatabaseError) -> bool:
    """Does ``exc`` say the file itself is damaged (not locked, not full, not a bad query)?"""
    text = str(exc).lower()
    return any(words in text for words in ("not a database", "malformed", "corrupt", "encrypted"))


def _run(db: sqlite3.Connection, script: str) -> None:
    """Each statement of ``script`` inside the caller's transaction (``executescript`` would
    commit first)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ArchiveError(f"incomplete SQL in a schema script: {statement[:60]!r}")


class ArchiveError(Exception):
    """The archive cannot be used (corrupt, from a newer newsreader, unwritable)."""


def entry_id(feed_origin: str, guid: str) -> str:
    """An entry's article id: stable across refreshes, edits and the feed moving.

    ``guid`` is the feed's own id for the entry, else its link, else title and date (the
    caller picks: :func:`entry_guid`). 16 hex digits like a text article's id, with a different
    prefix byte in the hash input so the two kinds can never collide by construction.
    """
    raw = f"entry\x00{feed_origin}\x00{guid}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(raw, digest_size=8).hexdigest()


def entry_guid(
    guid: str | None, link: str | None, title: str | None, published: float | None
) -> str:
    """What identifies an entry within its feed: guid, else link, else title and date."""
    if guid:
        return "g:" + guid
    if link:
        return "l:" + link
    return f"t:{title or ''}\x00{published if published is not None else ''}"


@dataclass(frozen=True, slots=True)
class FeedRow:
    """One subscription as the archive knows it."""

    id: int
    url: str
    origin: str
    title: str | None
    user_title: str | None
    tags: tuple[str, ...]
    added: float
    etag: str | None
    last_modified: str | None
    last_fetched: float | None
    last_status: str | None
    last_error: str | None
    next_due: float | None
    gone: bool
    #: "auto" (when the feed's text looks like a teaser), "always" or "never".
    full_text: str = "auto"

    @property
    def name(self) -> str:
        """What the user sees: their title, the feed's, else the URL."""
        return self.user_title or self.title or self.url


@dataclass(frozen=True, slots=True)
class EntryRow:
    """An entry's metadata (no text): what the list and the index key need."""

    rowid: int
    id: str
    feed: int
    link: str | None
    title: str
    author: str | None
    published: float | None
    first_seen: float
    batch: int


@dataclass(frozen=True, slots=True)
class NewEntry:
    """An entry on its way into the archive (the refresh builds these from parsed entries)."""

    guid: str
    link: str | None
    title: str
    author: str | None
    published: float | None
    updated: float | None
    paragraphs: tuple[str, ...]
    links: tuple[str, ...] = ()

    @property
    def digest(self) -> str:
        raw = "\x00".join((self.title, *self.paragraphs, "\x01", *self.links))
        return hashlib.blake2b(raw.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


@dataclass(frozen=True, slots=True)
class PageRow:
    """The whole story fetched from an entry's web page, or why there is none."""

    fetched: float
    url: str | None
    body: str | None
    links: tuple[str, ...]
    error: str | None

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(self.body.split("\n")) if self.body else ()


@dataclass(frozen=True, slots=True)
class StoreResult:
    """What storing one fetch of a feed did."""

    new: int
    updated: int


_FEED_COLUMNS = (
    "id, url, origin, title, user_title, tags, added, etag, last_modified, last_fetched, "
    "last_status, last_error, next_due, gone, full_text"
)
#: When a feed's entries get their whole story from the web page (``feed add --full-text``).
FULL_TEXT_MODES = ("auto", "always", "never")
_ENTRY_COLUMNS = "rowid, id, feed, link, title, author, published, first_seen, batch"


def _feed(row: Sequence[Any]) -> FeedRow:
    values: list[Any] = list(row)
    values[5] = tuple(json.loads(str(values[5])))
    values[13] = bool(values[13])
    return FeedRow(*values)


class Archive:
    """The archive file; safe to share between threads (one connection, one lock).

    Every write is one transaction. Reads outside a write see the last committed state, so a
    refresh in a worker never shows the reader half a feed.
    """

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.warnings: list[str] = []
        self._lock = threading.RLock()
        self._read_only = read_only
        self._last_body: tuple[int, str] = (0, "")
        self._closed = False
        self._db = self._open()

    # -- opening -------------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        if not self._read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        db = None
        try:
            db = self._connect()
            self._prepare(db)
            return db
        except sqlite3.DatabaseError as exc:
            if db is not None:
                db.close()
            if self._read_only or not self.path.exists() or not _corrupt(exc):
                # Locked, a failed migration, a full disk: the file is left as it is.
                raise ArchiveError(f"{self.path}: cannot open the archive: {exc}") from None
            return self._start_again(exc)

    def _start_again(self, exc: Exception) -> sqlite3.Connection:
        """Keep a corrupt file aside (never overwritten: the user may want it back), start a
        new archive, and subscribe it again to the feeds of the last subscription list."""
        aside = move_aside(self.path)
        for suffix in ("-wal", "-shm"):
            extra = Path(str(self.path) + suffix)
            if extra.exists():
                os.replace(extra, Path(str(aside) + suffix))
        db = self._connect()
        self._prepare(db)
        restored = self._restore_subscriptions(db)
        again = (
            f"your {restored} feed(s) were subscribed again from {self.subscriptions_path.name}; "
            "`newsreader refresh` fetches them"
            if restored
            else "your feeds must be added again"
        )
        self.warnings.append(
            f"the feed archive {self.path} was unreadable ({exc}); it was kept as {aside} and "
            f"a new one started: {again}"
        )
        return db

    @property
    def subscriptions_path(self) -> Path:
        """The subscription list kept beside the archive (``*.feeds.json``), written after
        every change to it: losing the archive must not lose what the user subscribed to."""
        return self.path.with_name(self.path.name.removesuffix(".sqlite3") + ".feeds.json")

    def _save_subscriptions(self) -> None:
        feeds = [
            {"url": f.url, "origin": f.origin, "title": f.user_title, "tags": list(f.tags),
             "full_text": f.full_text}
            for f in self.feeds()
        ]  # fmt: skip
        try:
            text = json.dumps({"feeds": feeds}, ensure_ascii=False, indent=1) + "\n"
            atomic_write_bytes(self.subscriptions_path, text.encode("utf-8"))
        except OSError as exc:
            self.warnings.append(f"could not save the subscription list: {exc}")

    def _restore_subscriptions(self, db: sqlite3.Connection) -> int:
        try:
            saved = json.loads(self.subscriptions_path.read_text(encoding="utf-8"))["feeds"]
        except (OSError, ValueError, KeyError, TypeError):
            return 0
        count = 0
        for feed in saved:
            if not isinstance(feed, dict) or not isinstance(feed.get("url"), str):
                continue
            db.execute(
                "INSERT OR IGNORE INTO feeds (url, origin, user_title, tags, added, full_text) "
                "VALUES (?,?,?,?,?,?)",
                (
                    feed["url"], feed.get("origin") or feed["url"], feed.get("title"),
                    json.dumps(feed.get("tags") or []), time.time(),
                    feed.get("full_text") if feed.get("full_text") in FULL_TEXT_MODES else "auto",
                ),
            )  # fmt: skip
            count += 1
        return count

    def _connect(self) -> sqlite3.Connection:
        if self._read_only:
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            db = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
        else:
            db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        db.execute("PRAGMA busy_timeout = 10000")
        return db

    def _prepare(self, db: sqlite3.Connection) -> None:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise ArchiveError(
                f"{self.path}: the archive was written by a newer newsreader "
                f"(schema {version}, this one knows {SCHEMA_VERSION}); upgrade to read it"
            )
        if self._read_only:
            if version < SCHEMA_VERSION and version != 0:
                raise ArchiveError(f"{self.path}: the archive needs migrating; open it writable")
            return
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable across app crashes
        db.execute("PRAGMA foreign_keys = ON")
        if version == SCHEMA_VERSION:
            db.execute("SELECT count(*) FROM feeds").fetchone()  # a corrupt file fails here
            return
        if version != 0:
            keep_copy(self.path, f"schema-{version}")  # a way back if a migration is wrong
        db.execute("BEGIN IMMEDIATE")
        try:
            if version == 0:
                _run(db, _SCHEMA_V1)
                version = 1
            for step in range(version + 1, SCHEMA_VERSION + 1):
                _run(db, _MIGRATIONS[step])
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """Close, folding the write-ahead log back into the file (so no ``-wal`` is left
        beside it when this was the last connection)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if not self._read_only:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction, taken at once (IMMEDIATE) so two writers queue instead of failing
        half-way; rolled back whole on any error."""
        if self._read_only:
            raise ArchiveError(f"{self.path}: the archive is open read-only")
        with self._lock:
            if self._closed:
                raise ArchiveError(f"{self.path}: the archive is closed")
            db = self._db
            try:
                db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise ArchiveError(f"{self.path}: the archive is busy ({exc})") from None
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def _read(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        with self._lock:
            if self._closed:
                return []  # a thread still finishing as the app exits: nothing more to read
            return self._db.execute(sql, params).fetchall()

    # -- feeds ---------------------------------------------------------------------------------

    def feeds(self, *, removed: bool = False) -> list[FeedRow]:
        """The subscriptions (with ``removed``, also the unsubscribed feeds whose bookmarked
        or tagged entries are kept)."""
        where = "" if removed else " WHERE removed = 0"
        rows = self._read(f"SELECT {_FEED_COLUMNS} FROM feeds{where} ORDER BY id")
        return [_feed(r) for r in rows]

    def feed(self, url: str) -> FeedRow | None:
        """The subscription fetched from ``url`` (or first added as ``url``)."""
        rows = self._read(
            f"SELECT {_FEED_COLUMNS} FROM feeds WHERE (url = ? OR origin = ?) AND removed = 0 "
            "ORDER BY url = ? DESC",
            (url, url, url),
        )
        return _feed(rows[0]) if rows else None

    def add_feed(
        self,
        url: str,
        title: str | None = None,
        tags: Iterable[str] = (),
        full_text: str | None = None,
    ) -> tuple[FeedRow, bool]:
        """Subscribe to ``url``; returns the feed and whether it is new.

        Adding a feed again updates its title and adds its tags, and revives a gone one (or
        one removed, with the entries that were kept for their bookmarks).
        """
        tags = tuple(dict.fromkeys(tags))
        if full_text is not None and full_text not in FULL_TEXT_MODES:
            raise ArchiveError(f"full text must be one of {', '.join(FULL_TEXT_MODES)}")
        with self._write() as db:
            row = db.execute(
                f"SELECT {_FEED_COLUMNS} FROM feeds WHERE url = ? OR origin = ?", (url, url)
            ).fetchone()
            if row is None:
                db.execute(
                    "INSERT INTO feeds (url, origin, user_title, tags, added, full_text) "
                    "VALUES (?,?,?,?,?,?)",
                    (url, url, title, json.dumps(list(tags)), time.time(), full_text or "auto"),
                )
                created = True
            else:
                old = _feed(row)
                revived = bool(
                    db.execute("SELECT removed FROM feeds WHERE id = ?", (old.id,)).fetchone()[0]
                )
                merged = tuple(dict.fromkeys((*old.tags, *tags)))
                db.execute(
                    "UPDATE feeds SET user_title = coalesce(?, user_title), tags = ?, gone = 0, "
                    "removed = 0, next_due = NULL, full_text = coalesce(?, full_text) "
                    "WHERE id = ?",
                    (title, json.dumps(list(merged)), full_text, old.id),
                )
                created = revived
        self._save_subscriptions()
        found = self.feed(url)
        assert found is not None
        return found, created

    def remove_feed(self, url: str, keep: Collection[str] = ()) -> tuple[FeedRow, int] | None:
        """Unsubscribe: delete the feed's entries but those in ``keep`` (the ones the user
        bookmarked or tagged: they stay readable, under a feed no longer fetched). Returns the
        feed and how many entries were deleted."""
        feed = self.feed(url)
        if feed is None:
            return None
        with self._write() as db:
            ids = [r[0] for r in db.execute("SELECT id FROM entries WHERE feed = ?", (feed.id,))]
            gone = [i for i in ids if i not in keep]
            for start in range(0, len(gone), 500):
                chunk = gone[start : start + 500]
                marks = ",".join("?" * len(chunk))
                db.execute(f"DELETE FROM entries WHERE id IN ({marks})", chunk)
            if len(gone) == len(ids):
                db.execute("DELETE FROM feeds WHERE id = ?", (feed.id,))
            else:
                db.execute("UPDATE feeds SET removed = 1 WHERE id = ?", (feed.id,))
            self._last_body = (0, "")
        self._save_subscriptions()
        return feed, len(gone)

    def set_feed_tags(self, feed_id: int, tags: Iterable[str]) -> None:
        with self._write() as db:
            db.execute(
                "UPDATE feeds SET tags = ? WHERE id = ?",
                (json.dumps(list(dict.fromkeys(tags))), feed_id),
            )
        self._save_subscriptions()

    def record_fetch(
        self,
        feed_id: int,
        *,
        status: str,
        error: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        keep_validators: bool = False,
        next_due: float | None = None,
        gone: bool = False,
        new_url: str | None = None,
        title: str | None = None,
        when: float | None = None,
    ) -> None:
        """Note how a fetch went (its own small transaction, also after a failure)."""
        when = time.time() if when is None else when
        with self._write() as db:
            self._record(
                db, feed_id, status, error, etag, last_modified, keep_validators, next_due, gone,
                new_url, title, when,
            )  # fmt: skip
        if new_url:
            self._save_subscriptions()

    def _record(
        self,
        db: sqlite3.Connection,
        feed_id: int,
        status: str,
        error: str | None,
        etag: str | None,
        last_modified: str | None,
        keep_validators: bool,
        next_due: float | None,
        gone: bool,
        new_url: str | None,
        title: str | None,
        when: float,
    ) -> None:
        sets = ["last_fetched = ?", "last_status = ?", "last_error = ?", "next_due = ?"]
        params: list[object] = [when, status, error, next_due]
        if not keep_validators:
            sets += ["etag = ?", "last_modified = ?"]
            params += [etag, last_modified]
        if gone:
            sets.append("gone = 1")
        if title:
            sets.append("title = ?")
            params.append(title)
        if new_url:
            clash = db.execute(
                "SELECT id FROM feeds WHERE url = ? AND id != ?", (new_url, feed_id)
            ).fetchone()
            if clash is None:
                sets.append("url = ?")
                params.append(new_url)
        db.execute(f"UPDATE feeds SET {', '.join(sets)} WHERE id = ?", (*params, feed_id))

    def store_entries(
        self,
        feed_id: int,
        entries: Sequence[NewEntry],
        *,
        status: str,
        etag: str | None,
        last_modified: str | None,
        next_due: float | None,
        new_url: str | None = None,
        title: str | None = None,
        when: float | None = None,
        batch: int = 0,
    ) -> StoreResult:
        """Store one fetch of a feed: new entries appended, edited ones updated in place,
        and the fetch recorded, all in one transaction (a kill before COMMIT keeps nothing of
        it, so the next refresh does it again with no duplicates). ``batch`` names the refresh
        (:meth:`new_batch`): entries of one batch never change membership, which keeps the
        search index over earlier batches reusable (``sources.archive``)."""
        when = time.time() if when is None else when
        new = updated = 0
        with self._write() as db:
            origin = db.execute("SELECT origin FROM feeds WHERE id = ?", (feed_id,)).fetchone()
            if origin is None:
                raise ArchiveError(f"no feed with id {feed_id}")
            # One look at what the feed already has, and the new entries in two executemany
            # calls: a 2 MB feed of 1,000 entries was 3,000 statements one by one.
            known = {
                str(i): (int(r), str(d))
                for i, r, d in db.execute(
                    "SELECT id, rowid, digest FROM entries WHERE feed = ?", (feed_id,)
                )
            }
            seen: set[str] = set()
            rows: list[tuple[object, ...]] = []
            texts: list[tuple[str, str, str]] = []
            for entry in entries:
                eid = entry_id(str(origin[0]), entry.guid)
                if eid in seen:
                    continue  # a duplicate guid within one fetch: the first one wins
                seen.add(eid)
                digest = entry.digest
                found = known.get(eid)
                if found is None:
                    rows.append((
                        eid, feed_id, entry.guid, entry.link, entry.title, entry.author,
                        entry.published, entry.updated, when, batch, digest,
                    ))  # fmt: skip
                    texts.append(("\n".join(entry.paragraphs), json.dumps(entry.links), eid))
                    new += 1
                elif found[1] != digest:
                    db.execute(
                        "UPDATE entries SET link = ?, title = ?, author = ?, "
                        "published = coalesce(?, published), updated = ?, digest = ? "
                        "WHERE rowid = ?",
                        (
                            entry.link, entry.title, entry.author, entry.published,
                            entry.updated, digest, found[0],
                        ),
                    )  # fmt: skip
                    self._last_body = (0, "")
                    db.execute(
                        "UPDATE texts SET body = ?, links = ? WHERE entry = ?",
                        ("\n".join(entry.paragraphs), json.dumps(entry.links), found[0]),
                    )
                    updated += 1
            db.executemany(
                "INSERT INTO entries (id, feed, guid, link, title, author, published, "
                "updated, first_seen, batch, digest) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                rows,
            )
            db.executemany(
                "INSERT INTO texts (entry, body, links) SELECT rowid, ?, ? FROM entries "
                "WHERE id = ?",
                texts,
            )
            self._record(
                db, feed_id, status, None, etag, last_modified, False, next_due, False,
                new_url, title, when,
            )  # fmt: skip
        if new_url:
            self._save_subscriptions()
        return StoreResult(new, updated)

    # -- entries -------------------------------------------------------------------------------

    def new_batch(self) -> int:
        """A number for the next refresh's entries, above every batch stored."""
        rows = self._read("SELECT coalesce(max(batch), 0) FROM entries")
        return int(rows[0][0]) + 1

    def entries(self, after: int = 0) -> list[EntryRow]:
        """Entries that arrived after ``rowid`` ``after``, in arrival order (no text)."""
        rows = self._read(
            f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE rowid > ? ORDER BY rowid", (after,)
        )
        return [EntryRow(*r) for r in rows]

    def batches(self, after: int = 0) -> list[tuple[int, int, int]]:
        """``(batch, first rowid, last rowid)`` of the entries after rowid ``after``, in
        arrival order."""
        rows = self._read(
            "SELECT batch, min(rowid), max(rowid) FROM entries WHERE rowid > ? "
            "GROUP BY batch ORDER BY min(rowid)",
            (after,),
        )
        return [(int(b), int(lo), int(hi)) for b, lo, hi in rows]

    def shown_pages(self, batch: int, first: int, last: int) -> frozenset[int]:
        """Rowids of the entries of ``batch`` (in ``[first, last]``) shown by their whole story."""
        rows = self._read(
            "SELECT p.entry FROM pages p JOIN entries e ON e.rowid = p.entry WHERE e.batch = ? "
            "AND p.entry BETWEEN ? AND ? AND p.body IS NOT NULL AND p.shown",
            (batch, first, last),
        )
        return frozenset(int(r[0]) for r in rows)

    def batch_entries(
        self, batch: int, first: int, last: int, chunk: int = 4096
    ) -> Iterator[list[EntryRow]]:
        """The entries of ``batch`` with rowids in ``[first, last]``, a chunk at a time (each
        chunk one short read, so a refresh writing meanwhile is never held up for long)."""
        after = first - 1
        while True:
            rows = self._read(
                f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE batch = ? AND rowid > ? "
                "AND rowid <= ? ORDER BY rowid LIMIT ?",
                (batch, after, last, chunk),
            )
            if not rows:
                return
            yield [EntryRow(*r) for r in rows]
            after = rows[-1][0]

    def entry(self, article_id: str) -> EntryRow | None:
        rows = self._read(f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE id = ?", (article_id,))
        return EntryRow(*rows[0]) if rows else None

    def body(self, rowid: int) -> str:
        """The entry's paragraphs joined with newlines: the whole story from its web page
        when one was fetched, else the feed's text ('' if it was removed meanwhile).

        The last one read is kept: indexing and drawing an entry read it twice in a row.
        """
        last = self._last_body
        if last[0] == rowid:
            return last[1]
        rows = self._read(
            "SELECT CASE WHEN pages.shown THEN coalesce(pages.body, texts.body) "
            "ELSE texts.body END FROM texts LEFT JOIN pages "
            "ON pages.entry = texts.entry WHERE texts.entry = ?",
            (rowid,),
        )
        text = str(rows[0][0]) if rows else ""
        self._last_body = (rowid, text)
        return text

    def feed_text(self, rowid: int) -> str:
        """The text the feed gave, even when the whole story was fetched (``F``)."""
        rows = self._read("SELECT body FROM texts WHERE entry = ?", (rowid,))
        return str(rows[0][0]) if rows else ""

    def page(self, rowid: int) -> PageRow | None:
        """What fetching the entry's web page gave, if it was fetched."""
        rows = self._read(
            "SELECT fetched, url, body, links, error FROM pages WHERE entry = ?", (rowid,)
        )
        if not rows:
            return None
        fetched, url, body, links, error = rows[0]
        return PageRow(fetched, url, body, tuple(json.loads(links)), error)

    def store_page(
        self,
        rowid: int,
        url: str | None,
        paragraphs: Sequence[str] = (),
        links: Sequence[str] = (),
        error: str | None = None,
    ) -> None:
        """Keep the whole story of entry ``rowid`` (or, with ``error``, why there is none, so
        it is not fetched again)."""
        body = "\n".join(paragraphs) if paragraphs and error is None else None
        with self._write() as db:
            db.execute(
                "INSERT OR REPLACE INTO pages (entry, fetched, url, body, links, error) "
                "VALUES (?,?,?,?,?,?)",
                (rowid, time.time(), url, body, json.dumps(list(links)), error),
            )
            self._last_body = (0, "")

    def pages_wanted(self, batch: int) -> list[tuple[int, str, str, str]]:
        """Entries of ``batch`` with a link and no page yet, from feeds whose ``full_text``
        is not "never": ``(rowid, link, title, mode)``."""
        rows = self._read(
            "SELECT e.rowid, e.link, e.title, f.full_text FROM entries e "
            "JOIN feeds f ON f.id = e.feed LEFT JOIN pages p ON p.entry = e.rowid "
            "WHERE e.batch = ? AND p.entry IS NULL AND e.link IS NOT NULL "
            "AND f.full_text != 'never' AND f.url NOT LIKE 'newsreader:%' ORDER BY e.rowid",
            (batch,),
        )
        return [(int(r), str(link), str(title), str(mode)) for r, link, title, mode in rows]

    def text_kind(self, rowid: int) -> str:
        """Which text :meth:`body` gives: "web page" (the whole story), "feed" (no page
        fetched), "feed, by choice" (``F``) or "feed: <why there is no page>"."""
        rows = self._read(
            "SELECT body IS NOT NULL, error, shown FROM pages WHERE entry = ?", (rowid,)
        )
        if not rows:
            return "feed"
        has_body, error, shown = rows[0]
        if not has_body:
            return f"feed: {error}"
        return "web page" if shown else "feed, by choice"

    def show_page(self, rowid: int, shown: bool) -> None:
        """Show the whole story (True) or the feed's text (False) for entry ``rowid``."""
        with self._write() as db:
            db.execute("UPDATE pages SET shown = ? WHERE entry = ?", (int(shown), rowid))
            self._last_body = (0, "")

    def set_full_text(self, feed_id: int, mode: str) -> None:
        if mode not in FULL_TEXT_MODES:
            raise ArchiveError(f"full text must be one of {', '.join(FULL_TEXT_MODES)}")
        with self._write() as db:
            db.execute("UPDATE feeds SET full_text = ? WHERE id = ?", (mode, feed_id))
        self._save_subscriptions()

    def links(self, rowid: int) -> tuple[str, ...]:
        """The links of the text ``body`` gives (the page's when the whole story was fetched)."""
        rows = self._read(
            "SELECT CASE WHEN pages.body IS NOT NULL AND pages.shown THEN pages.links "
            "ELSE texts.links END "
            "FROM texts LEFT JOIN pages ON pages.entry = texts.entry WHERE texts.entry = ?",
            (rowid,),
        )
        return tuple(json.loads(str(rows[0][0]))) if rows else ()

    def feed_names(self) -> dict[int, tuple[str, str]]:
        """Feed id -> (name, URL), for every feed row (a cheap query: entries are loaded
        with their feed's name after every feed a refresh brings)."""
        rows = self._read("SELECT id, coalesce(user_title, title, url), url FROM feeds")
        return {int(i): (str(name), str(url)) for i, name, url in rows}

    def counts(self) -> dict[int, int]:
        """Entries per feed id."""
        return {
            int(f): int(n)
            for f, n in self._read("SELECT feed, count(*) FROM entries GROUP BY feed")
        }

    def ids_by_feed(self) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for feed, eid in self._read("SELECT feed, id FROM entries ORDER BY rowid"):
            out.setdefault(int(feed), []).append(str(eid))
        return out

    def text_bytes(self) -> int:
        """Bytes of entry text in the archive (the benchmark's yardstick for memory)."""
        rows = self._read("SELECT coalesce(sum(length(CAST(body AS BLOB))), 0) FROM texts")
        return int(rows[0][0])
