"""A damaged database or journal: the store starts, says where the bad file went, keeps it intact.

Also: schema migration from the version-0 layout, and refusing a file from a newer version.
"""

from __future__ import annotations

import builtins
import errno
import json
import random
from pathlib import Path
from typing import Any

import pytest

from newsreader.storage.journal import encode_record, header_record
from newsreader.storage.store import ArticleMeta, Store, StoreError

META = ArticleMeta("Title", "seed.txt")


def _valid_snapshot(tmp_path: Path) -> bytes:
    path = tmp_path / "model" / "newsreader.json"
    with Store(path) as s:
        for i in range(20):
            s.set_bookmark(f"a{i}", True, META)
            s.mark_read(f"a{i}")
    return path.read_bytes()


def _garbage() -> bytes:
    return random.Random(5).randbytes(3000)


CASES: dict[str, Any] = {
    "truncated-json": lambda tmp: _valid_snapshot(tmp)[:-40],
    "garbage": lambda tmp: _garbage(),
    "zero-bytes": lambda tmp: b"",
    "invalid-utf8": lambda tmp: b'{"meta": "\xff\xfe"}',
    "json-list": lambda tmp: b"[1, 2, 3]",
    "json-scalar": lambda tmp: b"42",
    "table-not-object": lambda tmp: b'{"meta": 5}',
    "bad-doc-id": lambda tmp: b'{"meta": {"x": {"schema_version": 1, "generation": 1}}}',
    "ids-not-list": lambda tmp: json.dumps(
        {"meta": {"1": {"schema_version": 1, "generation": 1}}, "bookmarks": {"1": {"ids": "a"}}}
    ).encode(),
    "no-generation": lambda tmp: b'{"meta": {"1": {"schema_version": 1}}}',
    "another-apps-json": lambda tmp: b'{"users": {"1": {"name": "x"}}}',
    "deep-nesting": lambda tmp: b"[" * 100_000,
    "nul-bytes": lambda tmp: b"\x00" * 512,
}


def _check_moved_aside(store: Store, db: Path, bad: bytes) -> Path:
    assert len(store.warnings) == 1, store.warnings
    asides = sorted(db.parent.glob(f"{db.name}.corrupt-*"))
    assert len(asides) == 1
    aside = asides[0]
    assert str(aside) in store.warnings[0]
    assert aside.read_bytes() == bad  # kept byte-identical, never overwritten
    return aside


@pytest.mark.parametrize("case", sorted(CASES))
def test_corrupt_database_is_moved_aside(tmp_path: Path, case: str) -> None:
    bad = CASES[case](tmp_path)
    db = tmp_path / "data" / "newsreader.json"
    db.parent.mkdir()
    db.write_bytes(bad)
    with Store(db) as s:
        _check_moved_aside(s, db, bad)
        assert s.bookmarks() == frozenset()
        s.toggle_bookmark("new", META)
    with Store(db) as s:  # the replacement is a healthy database
        assert s.warnings == []
        assert s.is_bookmarked("new")


def test_unreadable_database_is_moved_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests run as root (chmod 000 would not stop us), so reading is made to fail instead."""
    db = tmp_path / "newsreader.json"
    good = _valid_snapshot(tmp_path)
    db.write_bytes(good)
    real_open = builtins.open

    def fake_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(db):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(builtins, "open", fake_open)
        s = Store(db)
    aside = _check_moved_aside(s, db, good)
    assert "Permission denied" in s.warnings[0]
    s.close()
    with Store(aside) as recovered:  # the moved file is still the user's data
        assert len(recovered.bookmarks()) == 20


def test_two_corruptions_in_one_second_get_distinct_names(tmp_path: Path) -> None:
    db = tmp_path / "newsreader.json"
    db.write_bytes(b"garbage one")
    Store(db).close()
    db.write_bytes(b"garbage two")
    Store(db).close()
    asides = sorted(p.read_bytes() for p in tmp_path.glob("newsreader.json.corrupt-*"))
    assert asides == [b"garbage one", b"garbage two"]


def _journal(db: Path) -> Path:
    return Path(f"{db}.journal")


def _crashed_store(db: Path, n: int) -> None:
    """Leave a snapshot plus a journal with ``n`` changes, as a killed process would."""
    s = Store(db)
    for i in range(n):
        s.add_tag(f"a{i}", "journalled", META)
    # no close(): the changes stay in the journal only


def test_garbage_in_the_middle_of_the_journal(tmp_path: Path) -> None:
    db = tmp_path / "newsreader.json"
    _crashed_store(db, 3)
    journal = _journal(db)
    extra = encode_record({"op": "read", "id": "after-garbage", "on": True})
    bad = journal.read_bytes() + b"\x00garbage line\n" + extra
    journal.write_bytes(bad)
    with Store(db) as s:
        assert len(s.warnings) == 1
        (aside,) = tmp_path.glob("newsreader.json.journal.corrupt-*")
        assert str(aside) in s.warnings[0] and "recovered" in s.warnings[0]
        assert aside.read_bytes() == bad
        assert s.ids_with_tag("journalled") == frozenset({"a0", "a1", "a2"})
        assert s.is_read("after-garbage")  # good lines after the damage are kept too
    with Store(db) as s:
        assert s.warnings == [] and len(s.ids_with_tag("journalled")) == 3


def test_garbage_journal(tmp_path: Path) -> None:
    db = tmp_path / "newsreader.json"
    _crashed_store(db, 2)
    with Store(db) as s:
        pass
    bad = _garbage()
    _journal(db).write_bytes(bad)
    with Store(db) as s:
        (aside,) = tmp_path.glob("newsreader.json.journal.corrupt-*")
        assert str(aside) in s.warnings[0]
        assert aside.read_bytes() == bad
        assert len(s.ids_with_tag("journalled")) == 2  # the snapshot had them
        s.mark_read("x")
    with Store(db) as s:
        assert s.warnings == [] and s.is_read("x")


def test_torn_last_line_is_ignored_silently(tmp_path: Path) -> None:
    db = tmp_path / "newsreader.json"
    _crashed_store(db, 3)
    journal = _journal(db)
    torn = encode_record({"op": "read", "id": "torn", "on": True})[:-7]
    journal.write_bytes(journal.read_bytes() + torn)
    with Store(db) as s:
        assert s.warnings == []
        assert len(s.ids_with_tag("journalled")) == 3 and not s.is_read("torn")
        s.mark_read("after")  # appended after cutting the torn bytes off, not glued to them
    with Store(db) as s:
        assert s.warnings == [] and s.is_read("after")


def test_zero_byte_journal_is_replaced(tmp_path: Path) -> None:
    db = tmp_path / "newsreader.json"
    Store(db).close()
    _journal(db).write_bytes(b"")
    with Store(db) as s:
        assert s.warnings == []
        s.mark_read("x")
    with Store(db) as s:
        assert s.is_read("x")


def test_journal_of_a_newer_snapshot_is_kept_aside(tmp_path: Path) -> None:
    db = tmp_path / "newsreader.json"
    _crashed_store(db, 1)
    journal = _journal(db)
    future = encode_record(header_record(999)) + encode_record(
        {"op": "read", "id": "future", "on": True}
    )
    journal.write_bytes(future)
    with Store(db) as s:
        (aside,) = tmp_path.glob("newsreader.json.journal.orphan-*")
        assert str(aside) in s.warnings[0]
        assert aside.read_bytes() == future
        assert not s.is_read("future")


def test_stale_journal_is_not_replayed(tmp_path: Path) -> None:
    db = tmp_path / "newsreader.json"
    with Store(db) as s:
        s.add_tag("a", "x")
        s.flush()
        s.flush()  # generation >= 2 now
        s.remove_tag("a", "x")
    stale = encode_record(header_record(1)) + encode_record(
        {"op": "tag+", "id": "a", "tag": "x", "meta": None}
    )
    _journal(db).write_bytes(stale)
    with Store(db) as s:
        assert s.warnings == []
        assert s.tags_of("a") == frozenset()


def test_damaged_snapshot_keeps_the_journals_recent_changes(tmp_path: Path) -> None:
    db = tmp_path / "newsreader.json"
    _crashed_store(db, 4)
    db.write_bytes(b"{ truncated")
    with Store(db) as s:
        assert any(".corrupt-" in w for w in s.warnings)
        assert len(s.ids_with_tag("journalled")) == 4


def test_newer_schema_is_refused_and_untouched(tmp_path: Path) -> None:
    db = tmp_path / "newsreader.json"
    future = json.dumps({"meta": {"1": {"schema_version": 99, "generation": 1}}}).encode()
    db.write_bytes(future)
    with pytest.raises(StoreError, match="newer newsreader"):
        Store(db)
    assert db.read_bytes() == future
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_migration_from_schema_0(tmp_path: Path) -> None:
    db = tmp_path / "newsreader.json"
    v0 = {
        "_default": {
            "1": {
                "article_id": "a1",
                "bookmarked": True,
                "read": True,
                "tags": ["Cross Strait", " "],
                "title": "Kinmen",
                "source": "seed.txt",
            },
            "2": {"article_id": "a2", "bookmarked": False, "read": True, "tags": []},
        }
    }
    old = json.dumps(v0).encode()
    db.write_bytes(old)
    with Store(db) as s:
        assert s.is_bookmarked("a1") and s.read_ids() == frozenset({"a1", "a2"})
        assert s.tags_of("a1") == frozenset({"cross-strait"})
        assert s.meta("a1") == ArticleMeta("Kinmen", "seed.txt")
        (backup,) = tmp_path.glob("newsreader.json.schema-0.bak*")
        assert backup.read_bytes() == old
        assert str(backup) in s.warnings[0]
    assert json.loads(db.read_bytes())["meta"]["1"]["schema_version"] == 1
    with Store(db) as s:
        assert s.warnings == [] and s.is_bookmarked("a1")


def test_empty_tinydb_file_is_accepted(tmp_path: Path) -> None:
    db = tmp_path / "newsreader.json"
    db.write_bytes(b'{"_default": {}}')
    with Store(db) as s:
        assert s.warnings == []
        s.mark_read("x")
    with Store(db) as s:
        assert s.is_read("x")


def test_snapshot_damaged_while_running_is_rebuilt_from_memory(tmp_path: Path) -> None:
    db = tmp_path / "newsreader.json"
    with Store(db) as s:
        for i in range(5):
            s.set_bookmark(f"a{i}", True, META)
        s.flush()
        s.mark_read("journalled")
        db.write_bytes(b"garbage written by something else")
        s.add_tag("a0", "after")
        assert any(".corrupt-" in w for w in s.warnings)
        assert len(s.bookmarks()) == 5
    with Store(db) as s:
        assert s.warnings == []
        assert len(s.bookmarks()) == 5 and s.is_read("journalled")
        assert s.tags_of("a0") == frozenset({"after"})


def test_database_deleted_while_running_is_rewritten(tmp_path: Path) -> None:
    db = tmp_path / "newsreader.json"
    with Store(db) as s:
        s.set_bookmark("a", True)
        s.flush()
        db.unlink()
        s.set_bookmark("b", True)
    with Store(db) as s:
        assert s.bookmarks() == frozenset({"a", "b"})
