"""Fault injection: a full disk or an I/O error never damages what is already on disk.

Each test makes the next write fail (``os.pwrite`` for journal appends, ``os.write``/``os.replace``
for whole-file rewrites, ``fdatasync``/``fsync``), checks that the snapshot and the journal are
byte-identical to before, that ``last_error`` says so and the change is still visible, and then
that the retry succeeds once the disk recovers.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from newsreader.storage.atomic import atomic_write_bytes
from newsreader.storage.store import ArticleMeta, Store

META = ArticleMeta("Title", "seed.txt")


def _enospc(*_args: Any, **_kwargs: Any) -> Any:
    raise OSError(errno.ENOSPC, "No space left on device")


def _eio(*_args: Any, **_kwargs: Any) -> Any:
    raise OSError(errno.EIO, "Input/output error")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "newsreader.json"


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    s = Store(db)
    s.set_bookmark("before", True, META)
    s.add_tag("before", "kept")
    yield s
    s.close()


def _files(db: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(db.parent.iterdir()) if p.is_file()}


def _reopened(db: Path) -> Store:
    return Store(db)


def _half_then_fail(real: Callable[..., int]) -> Callable[..., int]:
    """A write that lands half its bytes on disk and then hits a full disk."""
    calls = {"n": 0}

    def fake(fd: int, data: bytes | memoryview, *rest: Any) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return real(fd, bytes(data)[: max(1, len(data) // 2)], *rest)
        raise OSError(errno.ENOSPC, "No space left on device")

    return fake


@pytest.mark.parametrize(
    "target, make",
    [
        ("pwrite", lambda real: _enospc),
        ("pwrite", _half_then_fail),
        ("fdatasync", lambda real: _eio),
    ],
    ids=["append-enospc", "append-partial-then-enospc", "fdatasync-eio"],
)
def test_failed_append_leaves_files_identical_and_is_retried(
    db: Path,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    make: Callable[[Callable[..., Any]], Callable[..., Any]],
) -> None:
    before = _files(db)
    with monkeypatch.context() as m:
        m.setattr(os, target, make(getattr(os, target)))
        store.set_bookmark("new", True, META)
        store.add_tag("new", "pending")
        assert _files(db) == before
    assert store.last_error is not None and "kept in memory" in store.last_error
    assert store.is_bookmarked("new") and store.tags_of("new") == frozenset({"pending"})
    # the disk recovered: the next change writes the pending ones first, in order
    store.mark_read("later")
    assert store.last_error is None
    with _reopened(db) as again:
        assert again.is_bookmarked("new")
        assert again.tags_of("new") == frozenset({"pending"})
        assert again.is_read("later") and again.is_bookmarked("before")


def test_flush_retries_pending_changes(
    db: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as m:
        m.setattr(os, "pwrite", _enospc)
        store.mark_read("x")
    assert store.last_error is not None
    store.flush()
    assert store.last_error is None
    with _reopened(db) as again:
        assert again.is_read("x")


@pytest.mark.parametrize("target", ["replace", "write", "fsync"])
def test_failed_compaction_leaves_snapshot_identical(
    db: Path, store: Store, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    store.mark_read("in-journal")
    before = _files(db)
    with monkeypatch.context() as m:
        m.setattr(os, target, _enospc)
        store.flush()  # compaction: a whole-file rewrite through the atomic storage
        assert _files(db) == before  # no temp file left behind either
    assert store.last_error is not None and "safe in the journal" in store.last_error
    with _reopened(db) as again:  # nothing was lost: the journal still has the change
        assert again.is_read("in-journal")
    store.flush()
    assert store.last_error is None
    assert json_generation(db) > 1


def json_generation(db: Path) -> int:
    import json

    return int(json.loads(db.read_bytes())["meta"]["1"]["generation"])


def test_failed_import_keeps_old_file(
    db: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = {"schema_version": 1, "read": [f"r{i}" for i in range(2000)]}
    before = _files(db)
    with monkeypatch.context() as m:
        m.setattr(os, "pwrite", _enospc)
        m.setattr(os, "replace", _enospc)
        assert store.import_data(big) == 2000
        assert _files(db) == before
    assert store.last_error is not None
    assert len(store.read_ids()) == 2000
    store.flush()
    assert store.last_error is None
    with _reopened(db) as again:
        assert len(again.read_ids()) == 2000


def test_new_database_on_a_full_disk_starts_and_retries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "fresh.json"
    with monkeypatch.context() as m:
        m.setattr(os, "replace", _enospc)
        s = Store(db)
        assert s.last_error is not None
        s.toggle_bookmark("a1", META)
        assert s.is_bookmarked("a1")
        assert not db.exists()
    s.flush()
    assert s.last_error is None
    s.close()
    with Store(db) as again:
        assert again.is_bookmarked("a1") and again.meta("a1") == META


def test_crash_between_snapshot_and_journal_reset(
    db: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Snapshot G+1 written, journal still G: the stale journal must be ignored, not re-applied."""
    from newsreader.storage.journal import Journal

    store.add_tag("t", "x")
    store.remove_tag("t", "x")
    with monkeypatch.context() as m:
        m.setattr(Journal, "create", _enospc)
        store.flush()
    assert store.last_error is not None
    with _reopened(db) as again:
        assert again.tags_of("t") == frozenset()
        assert again.warnings == []
        again.add_tag("t", "y")
    with _reopened(db) as again:
        assert again.tags_of("t") == frozenset({"y"})
    store.add_tag("t", "z")  # the stale instance catches up and resets its journal
    assert store.last_error is None
    with _reopened(db) as again:
        assert again.tags_of("t") == frozenset({"y", "z"})


def test_atomic_write_failure_keeps_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "f.json"
    target.write_bytes(b"old")
    for name in ("write", "fsync", "replace"):
        with monkeypatch.context() as m:
            m.setattr(os, name, _enospc)
            with pytest.raises(OSError):
                atomic_write_bytes(target, b"new contents")
        assert target.read_bytes() == b"old"
        assert [p.name for p in tmp_path.iterdir()] == ["f.json"]
    atomic_write_bytes(target, b"new contents")
    assert target.read_bytes() == b"new contents"


@pytest.mark.parametrize("other_compacts", [False, True], ids=["tail", "reload"])
def test_unreadable_files_while_running_hold_changes_back(
    db: Path, store: Store, monkeypatch: pytest.MonkeyPatch, other_compacts: bool
) -> None:
    """If another instance's changes cannot be read, writing on a stale state could lose them."""
    other = Store(db)
    other.mark_read("from-other")
    if other_compacts:
        other.close()
    before = _files(db)
    with monkeypatch.context() as m:
        m.setattr(os, "pread", _eio)
        store.mark_read("mine")
    assert _files(db) == before  # nothing written, nothing moved aside
    assert store.last_error is not None and "Could not read" in store.last_error
    assert store.is_read("mine")
    store.mark_read("mine-too")
    assert store.last_error is None
    assert store.is_read("from-other") and store.warnings == []
    other.close()
    with _reopened(db) as again:
        assert {"mine", "mine-too", "from-other"} <= again.read_ids()
