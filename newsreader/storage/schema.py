"""The snapshot: a TinyDB file with few, large documents, and its schema migrations.

Layout (schema 1) — a handful of documents however much the user has read:

- ``meta``: one document ``{"schema_version": 1, "generation": G}``. ``generation`` grows by one
  at every compaction and ties the journal to the snapshot it extends.
- ``bookmarks``: ``{"ids": [...]}``.
- ``tags``: one document per tag, ``{"tag": "defence", "ids": [...]}``.
- ``read``: read marks sharded by a hash of the id into 16 buckets ``{"bucket": n, "ids": [...]}``,
  so documents stay a sixteenth of the marks and a storage that rewrites single documents would
  touch one bucket per change.
- ``articles``: ``{"id", "title", "source", "notes"}`` for bookmarked or tagged articles only, so
  exports work without the news files.

Schema 0 is the naive layout a first version would write — one document per article in
TinyDB's ``_default`` table (``{"article_id", "bookmarked", "read", "tags", "title", "source"}``);
:func:`migrate` turns it into schema 1 and shows where the next migration goes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import MemoryStorage

from newsreader.storage.atomic import AtomicJSONStorage, CorruptFileError
from newsreader.storage.state import ArticleMeta, UserState, meta_from_json, meta_to_json
from newsreader.tags import normalise_tag

SCHEMA_VERSION = 1
READ_BUCKETS = 16

Raw = dict[str, dict[str, Any]]


class NewerSchemaError(Exception):
    """The file was written by a newer newsreader; we must neither read nor overwrite it."""

    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


@dataclass
class Snapshot:
    state: UserState
    generation: int
    migrated_from: int | None = None


def detect_version(raw: Raw) -> int | None:
    """The schema of a parsed file; None for a database with no data at all."""
    meta = raw.get("meta")
    if meta:
        doc = next(iter(meta.values()))
        version = doc.get("schema_version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise CorruptFileError("the schema_version is missing or invalid")
        return version
    if not any(raw.values()):
        return None
    default = raw.get("_default")
    if (
        default
        and set(raw) <= {"_default"}
        and all(isinstance(doc.get("article_id"), str) for doc in default.values())
    ):
        return 0
    raise CorruptFileError("the file is JSON but not a newsreader database")


def _migrate_0_to_1(raw: Raw) -> Raw:
    """One document per article -> few documents (see the module docstring)."""
    state = UserState()
    bookmarks: set[str] = set()
    read: set[str] = set()
    tags: dict[str, set[str]] = {}
    meta: dict[str, ArticleMeta] = {}
    for doc in raw.get("_default", {}).values():
        article_id = doc["article_id"]
        if not article_id:
            raise CorruptFileError("a schema 0 document has an empty article_id")
        if doc.get("bookmarked") is True:
            bookmarks.add(article_id)
        if doc.get("read") is True:
            read.add(article_id)
        doc_tags = doc.get("tags", [])
        if not isinstance(doc_tags, list):
            raise CorruptFileError("a schema 0 document has malformed tags")
        for tag in doc_tags:
            try:
                tags.setdefault(normalise_tag(tag), set()).add(article_id)
            except ValueError:
                continue  # an empty tag carries no information
        title, source = doc.get("title"), doc.get("source")
        if isinstance(title, str) and isinstance(source, str):
            meta[article_id] = ArticleMeta(title, source)
    state.load(bookmarks, tags, read, meta)
    return encode(state, generation=1)


#: ``MIGRATIONS[n]`` turns a schema-n file into a schema-(n+1) one.
MIGRATIONS: dict[int, Callable[[Raw], Raw]] = {0: _migrate_0_to_1}


def migrate(raw: Raw, version: int) -> Raw:
    while version < SCHEMA_VERSION:
        raw = MIGRATIONS[version](raw)
        version += 1
    return raw


def _bucket(article_id: str) -> int:
    # Cheap and stable across runs (``hash()`` is salted per process); ids end in hex digits.
    return ord(article_id[-1]) % READ_BUCKETS


def encode(state: UserState, generation: int) -> Raw:
    """The snapshot of ``state`` as TinyDB tables, built through TinyDB's own table API."""
    db = TinyDB(storage=MemoryStorage)
    _fill(db, state, generation)
    raw = db.storage.read()
    return raw if raw is not None else {}


def _fill(db: TinyDB, state: UserState, generation: int) -> None:
    db.drop_tables()
    db.table("meta").insert({"schema_version": SCHEMA_VERSION, "generation": generation})
    db.table("bookmarks").insert({"ids": list(state.bookmarks)})
    db.table("tags").insert_multiple(
        {"tag": tag, "ids": list(ids)} for tag, ids in state.tags.items() if ids
    )
    buckets: list[list[str]] = [[] for _ in range(READ_BUCKETS)]
    for article_id in state.read:
        buckets[_bucket(article_id)].append(article_id)
    db.table("read").insert_multiple(
        {"bucket": n, "ids": ids} for n, ids in enumerate(buckets) if ids
    )
    saved = state.saved_ids()
    db.table("articles").insert_multiple(
        {"id": article_id, **(meta_to_json(m) or {})}
        for article_id, m in state.meta.items()
        if article_id in saved
    )


def write_snapshot(path: Path, state: UserState, generation: int) -> None:
    """Atomically replace the snapshot: TinyDB batches the tables, then one durable write."""
    storage = CachingMiddleware(AtomicJSONStorage)  # type: ignore[no-untyped-call]
    db = TinyDB(str(path), storage=storage)
    storage.cache = {}  # start from nothing: never read (or trust) the file being replaced
    _fill(db, state, generation)
    storage.flush()  # type: ignore[no-untyped-call]  # the only disk write; raises OSError and leaves the old file intact


def _ids(doc: Any, what: str) -> list[str]:
    ids = doc.get("ids")
    if not isinstance(ids, list) or not all(isinstance(i, str) and i for i in ids):
        raise CorruptFileError(f"a {what} document has malformed ids")
    return ids


def decode(raw: Raw) -> tuple[UserState, int]:
    """Schema-1 tables -> state and generation; raises CorruptFileError on a wrong shape."""
    db = TinyDB(storage=MemoryStorage)
    db.storage.write(raw)
    meta_docs = db.table("meta").all()
    generation = meta_docs[0].get("generation") if meta_docs else None
    if not isinstance(generation, int) or isinstance(generation, bool) or generation < 0:
        raise CorruptFileError("the generation number is missing or invalid")
    bookmarks = [i for doc in db.table("bookmarks").all() for i in _ids(doc, "bookmarks")]
    read = [i for doc in db.table("read").all() for i in _ids(doc, "read")]
    tags: dict[str, list[str]] = {}
    for doc in db.table("tags").all():
        tag = doc.get("tag")
        if not isinstance(tag, str) or not tag:
            raise CorruptFileError("a tag document has no tag")
        tags.setdefault(tag, []).extend(_ids(doc, "tag"))
    meta: dict[str, ArticleMeta] = {}
    for doc in db.table("articles").all():
        article_id = doc.get("id")
        try:
            parsed = meta_from_json(doc)
        except ValueError:
            parsed = None
        if not isinstance(article_id, str) or parsed is None:
            raise CorruptFileError("an article document is malformed")
        meta[article_id] = parsed
    state = UserState()
    state.load(bookmarks, tags, read, meta)
    return state, generation


def read_snapshot(path: Path) -> Snapshot | None:
    """The snapshot at ``path`` (migrated in memory if old), or None if there is none.

    Raises CorruptFileError (damaged), NewerSchemaError (from the future), or OSError
    (unreadable) — the caller decides what to tell the user.
    """
    raw = AtomicJSONStorage(path).read()
    if raw is None:
        return None
    version = detect_version(raw)
    if version is None:
        return Snapshot(UserState(), generation=0)
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(version)
    migrated_from = None
    if version < SCHEMA_VERSION:
        try:
            raw = migrate(raw, version)
        except (KeyError, TypeError, AttributeError, ValueError):
            raise CorruptFileError(f"a schema {version} file could not be migrated") from None
        migrated_from = version
    state, generation = decode(raw)
    return Snapshot(state, generation, migrated_from)
