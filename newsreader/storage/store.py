"""The user's bookmarks, tags and read marks: durable, shared safely between instances.

On disk (next to each other, see :mod:`newsreader.storage`):

- ``newsreader.json`` — the TinyDB snapshot, only ever replaced atomically;
- ``newsreader.json.journal`` — one checksummed line per change since the snapshot, fsync'd
  before a mutating call returns;
- ``newsreader.json.lock`` — held around every read-modify-write.

A change is: take the lock, catch up with whatever other instances wrote (tail their journal
lines, or reload after they compacted), apply the change to that fresh state, append it, fsync,
release. So no update is lost and every call returns only once its change would survive a crash.
When writing fails (full disk...), the change stays in memory, ``last_error`` says so, and the
next call or :meth:`Store.flush` retries; the files on disk are left exactly as they were.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from newsreader.storage.aside import keep_copy, move_aside
from newsreader.storage.atomic import CorruptFileError, remove_stale_temps
from newsreader.storage.journal import Contents, Journal
from newsreader.storage.lock import LockTimeout, ProcessLock
from newsreader.storage.schema import NewerSchemaError, read_snapshot, write_snapshot
from newsreader.storage.state import (
    ArticleMeta,
    Op,
    UserState,
    check_id,
    merge_payload,
    meta_from_json,
    meta_to_json,
    valid_op,
)
from newsreader.tags import normalise_tag

__all__ = ["ArticleMeta", "Store", "StoreError"]

UNDO_DEPTH = 100


class StoreError(Exception):
    """The database cannot be used at all (bad location, newer schema...); one-line message."""


@dataclass(frozen=True)
class _Undo:
    description: str
    #: The operations that put back what the change altered (one, or one per read mark).
    inverse: tuple[Op, ...]


Builder = Callable[[UserState], Op]
UndoMaker = Callable[[UserState, Op], _Undo]

_Ident = tuple[int, int, int, int]


def _ident(path: Path) -> _Ident | None:
    """What changes when another process replaces the snapshot (inode) or it is edited."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _label(article_id: str, meta: ArticleMeta | None) -> str:
    text = meta.title if meta and meta.title else article_id
    return f"“{text[:57]}…”" if len(text) > 60 else f"“{text}”"


class Store:
    """Bookmarks, tags and read marks of one database file (see the module docstring).

    ``compact_after``/``compact_bytes`` bound the journal before it is folded into the snapshot;
    ``lock_timeout`` is how long a change waits for another instance before it is kept pending.
    """

    def __init__(
        self,
        path: Path,
        *,
        compact_after: int = 5000,
        compact_bytes: int = 4 << 20,
        lock_timeout: float = 5.0,
    ) -> None:
        self.path = Path(path).expanduser().absolute()
        self.warnings: list[str] = []
        self.last_error: str | None = None
        self.version = 0
        self._compact_after = compact_after
        self._compact_bytes = compact_bytes
        self._lock_timeout = lock_timeout
        self._mutex = threading.RLock()
        self._state = UserState()
        self._pending: list[Op] = []
        self._undo: list[_Undo] = []
        self._generation = 0
        self._snap_ident: _Ident | None = None
        self._need_snapshot = False  # the snapshot must be (re)written before anything else
        self._need_journal = False  # the journal file is stale or missing: start a fresh one
        self._backup_label: str | None = None  # copy the old file there before the next rewrite
        self._blocked: str | None = None  # set while the file on disk must not be written
        self._compact_retry_at = 0
        self._closed = False

        folder = self.path.parent
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder, not a database file")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder {folder}: {_why(exc)}") from None
        try:
            self._lock = ProcessLock(Path(f"{self.path}.lock"))
        except OSError as exc:
            raise StoreError(f"cannot use the folder {folder}: {_why(exc)}") from None
        self._journal = Journal(Path(f"{self.path}.journal"))
        try:
            with self._lock.hold(lock_timeout):
                remove_stale_temps(self.path)
                remove_stale_temps(self._journal.path)
                self._load_locked(initial=True)
        except LockTimeout:
            self._shut()
            raise StoreError(
                f"{self.path} is locked by another newsreader that is not responding"
            ) from None
        except StoreError:
            self._shut()
            raise
        except OSError as exc:
            self._shut()
            raise StoreError(f"cannot use {self.path}: {_why(exc)}") from None

    # -- reading ------------------------------------------------------------------------------

    def is_bookmarked(self, article_id: str) -> bool:
        with self._mutex:
            return article_id in self._state.bookmarks

    def bookmarks(self) -> frozenset[str]:
        with self._mutex:
            return self._state.frozen_bookmarks()

    def tags_of(self, article_id: str) -> frozenset[str]:
        with self._mutex:
            return self._state.tags_of(article_id)

    def tag_counts(self) -> dict[str, int]:
        with self._mutex:
            return {tag: len(ids) for tag, ids in self._state.tags.items() if ids}

    def ids_with_tag(self, tag: str) -> frozenset[str]:
        try:
            norm = normalise_tag(tag)
        except ValueError:
            return frozenset()
        with self._mutex:
            return self._state.frozen_tag(norm)

    def is_read(self, article_id: str) -> bool:
        with self._mutex:
            return article_id in self._state.read

    def read_ids(self) -> frozenset[str]:
        with self._mutex:
            return self._state.frozen_read()

    def meta(self, article_id: str) -> ArticleMeta | None:
        with self._mutex:
            return self._state.meta.get(article_id)

    def export_all(self) -> dict[str, Any]:
        """Everything, sorted; :meth:`import_data` of this into an empty store reproduces it."""
        with self._mutex:
            return self._state.export()

    # -- changing -----------------------------------------------------------------------------

    def toggle_bookmark(self, article_id: str, meta: ArticleMeta | None = None) -> bool:
        check_id(article_id)

        def build(state: UserState) -> Op:
            on = article_id not in state.bookmarks
            return {"op": "bm", "id": article_id, "on": on, "meta": meta_to_json(meta)}

        self._change(build, self._undo_bookmark)
        return self.is_bookmarked(article_id)

    def set_bookmark(self, article_id: str, on: bool, meta: ArticleMeta | None = None) -> None:
        check_id(article_id)
        op = {"op": "bm", "id": article_id, "on": bool(on), "meta": meta_to_json(meta)}
        self._change(lambda _s: op, self._undo_bookmark)

    def set_tags(
        self, article_id: str, tags: Iterable[str], meta: ArticleMeta | None = None
    ) -> None:
        """Replace the article's tags; blank entries are skipped so a split input string works."""
        check_id(article_id)
        if isinstance(tags, str):
            tags = [tags]  # one tag, not one per character
        norm = sorted(
            {normalise_tag(t) for t in tags if not (isinstance(t, str) and not t.strip())}
        )
        op = {"op": "tags", "id": article_id, "tags": norm, "meta": meta_to_json(meta)}
        self._change(lambda _s: op, self._undo_tags)

    def add_tag(self, article_id: str, tag: str, meta: ArticleMeta | None = None) -> None:
        """Raises ValueError for a blank tag."""
        check_id(article_id)
        op = {"op": "tag+", "id": article_id, "tag": normalise_tag(tag), "meta": meta_to_json(meta)}
        self._change(lambda _s: op, self._undo_tags)

    def remove_tag(self, article_id: str, tag: str) -> None:
        check_id(article_id)
        op = {"op": "tag-", "id": article_id, "tag": normalise_tag(tag)}
        self._change(lambda _s: op, self._undo_tags)

    def set_meta(self, article_id: str, meta: ArticleMeta) -> None:
        """Replace the article's saved title, source and notes, leaving no undo entry.

        For what the program learns later (the quote notes of an article bookmarked before it
        was analysed): ``undo`` must undo the user's own change, not this. Written as a
        ``tags`` operation that keeps the tags the article has in the fresh state, so the
        journal stays readable by older versions and another instance's tags are not lost.
        """
        check_id(article_id)

        def build(state: UserState) -> Op:
            tags = sorted(state.article_tags.get(article_id, ()))
            return {"op": "tags", "id": article_id, "tags": tags, "meta": meta_to_json(meta)}

        self._change(build)

    def mark_read(self, article_id: str, read: bool = True) -> None:
        check_id(article_id)
        op = {"op": "read", "id": article_id, "on": bool(read)}
        self._change(lambda _s: op)

    def set_read(self, article_ids: Sequence[str], read: bool, description: str) -> int:
        """Mark articles read (or unread) as one undoable change; how many changed.

        The reader's own marks (opening an article, ``N``, ``A``) go through here so that an
        article opened by accident, or a whole view marked read, is one ``u`` away from how
        it was. ``undo`` then says ``description``. Marks already as asked are left alone
        and not part of the undo.
        """
        for article_id in article_ids:
            check_id(article_id)
        on = bool(read)

        def build(state: UserState) -> tuple[list[Op], _Undo]:
            ids = [i for i in dict.fromkeys(article_ids) if (i in state.read) != on]
            ops = [{"op": "read", "id": i, "on": on} for i in ids]
            inverse = tuple({"op": "read", "id": i, "on": not on} for i in ids)
            return ops, _Undo(description, inverse)

        return self._change_many(build)

    def import_data(self, data: Mapping[str, Any]) -> int:
        """Merge an :meth:`export_all` dump (a union of everything); ValueError if malformed."""
        op = {"op": "merge", "data": merge_payload(data)}
        return self._change(lambda _s: op)

    def undo(self) -> str | None:
        """Undo this instance's last bookmark, tag or read-mark change; what was undone, or None."""
        with self._mutex:
            if not self._undo or self._closed:
                return None
            entry = self._undo.pop()
            self._change_many(lambda _s: (list(entry.inverse), None))
            return entry.description

    # -- syncing ------------------------------------------------------------------------------

    def reload(self) -> bool:
        """Pick up other instances' changes (cheap when there are none: two ``stat`` calls)."""
        with self._mutex:
            if self._closed:
                return False
            try:
                with self._lock.hold(min(self._lock_timeout, 1.0)):
                    changed = self._refresh_locked()
                    if self._pending:
                        self._save_locked()
                    return changed
            except LockTimeout:
                return False

    def flush(self) -> None:
        """Retry pending writes and fold the journal into the snapshot (a whole-file rewrite)."""
        with self._mutex:
            if self._closed:
                return
            try:
                with self._lock.hold(self._lock_timeout):
                    self._refresh_locked()
                    compact = self._journal.count > 0 or bool(self._pending)
                    self._save_locked(compact=compact)
            except LockTimeout:
                self.last_error = self._locked_message()

    def close(self) -> None:
        with self._mutex:
            if self._closed:
                return
            self.flush()
            self._closed = True
            self._shut()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- internals: changes ---------------------------------------------------------------------

    def _change(self, build: Builder, make_undo: UndoMaker | None = None) -> int:
        return self._under_lock(lambda: self._apply(build, make_undo))

    def _change_many(self, build: Callable[[UserState], tuple[list[Op], _Undo | None]]) -> int:
        """:meth:`_change` for several operations that undo as one (``entry``, if any)."""
        return self._under_lock(lambda: self._apply_many(build))

    def _under_lock(self, apply: Callable[[], int]) -> int:
        """Run ``apply`` on the freshest state, under the lock, and save what it changed."""
        with self._mutex:
            if self._closed:
                raise StoreError(f"{self.path} is closed")
            try:
                with self._lock.hold(self._lock_timeout):
                    self._refresh_locked()
                    changed = apply()
                    self._save_locked()
                    return changed
            except LockTimeout:
                # We cannot see the other instance's writes, so apply to what we have and keep
                # the change pending; the next call that gets the lock merges and saves it.
                changed = apply()
                if self._pending:
                    self.last_error = self._locked_message()
                return changed

    def _apply_many(self, build: Callable[[UserState], tuple[list[Op], _Undo | None]]) -> int:
        ops, entry = build(self._state)
        changed = 0
        for op in ops:
            done = self._state.apply(op)
            if done:
                self._pending.append(op)
                changed += done
        if changed:
            self.version += 1
            if entry is not None:
                self._undo.append(entry)
                del self._undo[:-UNDO_DEPTH]
        return changed

    def _apply(self, build: Builder, make_undo: UndoMaker | None) -> int:
        op = build(self._state)
        entry = make_undo(self._state, op) if make_undo else None
        changed = self._state.apply(op)
        if changed:
            self._pending.append(op)
            self.version += 1
            if entry is not None:
                self._undo.append(entry)
                del self._undo[:-UNDO_DEPTH]
        return changed

    def _undo_bookmark(self, state: UserState, op: Op) -> _Undo:
        article_id = op["id"]
        before = state.meta.get(article_id)
        was = article_id in state.bookmarks
        label = _label(article_id, state.meta.get(article_id) or _meta_of(op))
        what = "bookmark removal" if was else "bookmark"
        inverse = {"op": "bm", "id": article_id, "on": was, "meta": meta_to_json(before)}
        return _Undo(f"Undid {what}: {label}", (inverse,))

    def _undo_tags(self, state: UserState, op: Op) -> _Undo:
        article_id = op["id"]
        before = state.meta.get(article_id)
        tags = sorted(state.article_tags.get(article_id, ()))
        label = _label(article_id, before or _meta_of(op))
        shown = ", ".join(tags) if tags else "none"
        inverse = {"op": "tags", "id": article_id, "tags": tags, "meta": meta_to_json(before)}
        return _Undo(f"Undid tag change: {label} (tags: {shown})", (inverse,))

    def _locked_message(self) -> str:
        return (
            f"{self.path} is locked by another newsreader; your changes are kept in memory "
            "and will be saved when it is free"
        )

    # -- internals: disk (all called with the process lock held) ------------------------------

    def _save_locked(self, compact: bool = False) -> None:
        if self._blocked:
            self.last_error = self._blocked
            return
        if not (self._pending or self._need_snapshot or self._need_journal or compact):
            self.last_error = None  # everything this instance knows is on disk
            return
        try:
            if compact or self._need_snapshot:
                self._compact_locked()
            else:
                if self._need_journal:
                    self._journal.create(self._generation)
                    self._need_journal = False
                if self._pending:
                    self._journal.append(self._pending)
                    self._pending = []
        except OSError as exc:
            kept = (
                "your changes are kept in memory and will be retried"
                if self._pending
                else "your changes are safe in the journal"
            )
            self.last_error = f"Could not save to {self.path}: {_why(exc)}; {kept}"
            return
        self.last_error = None
        self._maybe_compact_locked()

    def _maybe_compact_locked(self) -> None:
        journal = self._journal
        big = journal.count >= self._compact_after or journal.offset >= self._compact_bytes
        if not big or journal.count < self._compact_retry_at:
            return
        try:
            self._compact_locked()
        except OSError:
            # Everything is already durable in the journal; try again a while later rather
            # than paying a failing whole-file write on every keypress.
            self._compact_retry_at = journal.count + max(100, self._compact_after // 10)
        else:
            self._compact_retry_at = 0

    def _compact_locked(self) -> None:
        """Write snapshot G+1 holding everything (pending included), then a fresh journal."""
        if self._backup_label is not None:
            kept = keep_copy(self.path, self._backup_label)
            self.warnings.append(f"Upgraded {self.path}; the previous version is kept at {kept}")
            self._backup_label = None
        generation = self._generation + 1
        write_snapshot(self.path, self._state, generation)
        self._generation = generation
        self._snap_ident = _ident(self.path)
        self._pending = []
        self._need_snapshot = False
        self._need_journal = True  # the old journal is now stale, whatever happens next
        self._journal.create(generation)
        self._need_journal = False

    def _refresh_locked(self) -> bool:
        """Catch up with the files; True if that changed what this instance shows."""
        try:
            changed = self._catch_up_locked()
        except StoreError as exc:
            self._blocked = str(exc)
            return False
        except OSError as exc:
            # Writing on top of a state we could not read could lose another instance's
            # update, so hold changes back until the files can be read again.
            self._blocked = f"Could not read {self.path}: {_why(exc)}; changes are kept in memory"
            return False
        self._blocked = None
        return changed

    def _catch_up_locked(self) -> bool:
        if _ident(self.path) != self._snap_ident:
            return self._reload_locked()
        if self._need_journal:
            return self._reload_locked() if self._journal_replaced() else False
        records = self._journal.poll(valid_op)
        if records is None:
            return self._reload_locked()
        if not records:
            return False
        if self._pending:
            # Our unsaved changes were applied before these; rebuild so they land after.
            return self._reload_locked()
        changed = sum(self._state.apply(r) for r in records)
        if changed:
            self.version += 1
        return changed > 0

    def _journal_replaced(self) -> bool:
        return _ident(self._journal.path) is not None and self._journal.poll(valid_op) is None

    def _reload_locked(self) -> bool:
        before = self._state
        self._load_locked(initial=False)
        if before.same_as(self._state):
            return False
        self.version += 1
        return True

    def _load_locked(self, initial: bool) -> None:
        """Rebuild the state from the files (then re-apply pending changes) and repair them.

        A file that cannot be *read* is moved aside only at start-up, so the app can start;
        later the error propagates and changes are held back until a retry succeeds.
        """
        snapshot = None
        try:
            snapshot = read_snapshot(self.path)
        except NewerSchemaError as exc:
            raise StoreError(
                f"{self.path} was written by a newer newsreader (schema {exc.version}); "
                "upgrade newsreader to use it"
            ) from None
        except IsADirectoryError:
            raise StoreError(f"{self.path} is a folder, not a database file") from None
        except CorruptFileError as exc:
            self._set_aside(self.path, "database", exc.reason)
        except OSError as exc:
            if not initial:
                raise
            self._set_aside(self.path, "database", f"it cannot be read: {_why(exc)}")

        try:
            contents = self._journal.load(valid_op)
        except OSError as exc:
            if not initial:
                raise
            contents = Contents("corrupt", reason=f"it cannot be read: {_why(exc)}")

        if snapshot is None:
            # No usable snapshot: adopt the journal's generation so its lines — the user's most
            # recent changes — still apply. Start empty, or, if the file broke (or vanished)
            # while we were running, from what this instance holds: replaying the journal over
            # it in order gives the same result, as every operation sets rather than flips.
            state = self._state.copy() if self._snap_ident is not None else UserState()
            generation = contents.generation if contents.generation is not None else 0
            need_snapshot = True
        else:
            state, generation = snapshot.state, snapshot.generation
            need_snapshot = snapshot.migrated_from is not None or generation == 0
            if snapshot.migrated_from is not None:
                self._backup_label = f"schema-{snapshot.migrated_from}.bak"

        applies = contents.generation == generation
        if contents.status == "corrupt":
            self._set_aside(self._journal.path, "change journal", contents.reason)
            if applies and contents.records:
                need_snapshot = True  # the recovered lines now live only in the moved file
                self.warnings[-1] += f"; {len(contents.records)} change(s) were recovered from it"
        elif (
            contents.status == "ok"
            and contents.generation is not None
            and contents.generation > generation
        ):
            # It extends a newer snapshot than the one we have (an old copy restored?): its
            # lines cannot be applied safely, so keep them for the user instead.
            aside = move_aside(self._journal.path, "orphan")
            self.warnings.append(
                f"The change journal {self._journal.path} does not match {self.path}; "
                f"it was moved to {aside}"
            )
            self._journal.close()
            applies = False
        if applies:
            for record in contents.records:
                state.apply(record)
        for op in self._pending:
            state.apply(op)

        self._state = state
        self._generation = generation
        self._snap_ident = _ident(self.path)
        self._need_snapshot = need_snapshot
        self._need_journal = not (contents.status == "ok" and applies)
        if self._need_snapshot or self._need_journal:
            self._save_locked()

    def _set_aside(self, path: Path, what: str, reason: str) -> Path:
        try:
            aside = move_aside(path)
        except OSError as exc:
            raise StoreError(
                f"the {what} {path} is damaged ({reason}) and could not be moved aside: {_why(exc)}"
            ) from None
        self.warnings.append(
            f"The {what} {path} could not be used ({reason}); it was moved to {aside}"
            + (" and a new one was started" if what == "database" else "")
        )
        if path == self._journal.path:
            self._journal.close()
        return aside

    def _shut(self) -> None:
        self._journal.close()
        self._lock.close()


def _meta_of(op: Op) -> ArticleMeta | None:
    try:
        return meta_from_json(op.get("meta"))
    except ValueError:
        return None
