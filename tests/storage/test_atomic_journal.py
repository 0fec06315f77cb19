"""The storage pieces on their own: journal lines, damage classification, snapshot, lock."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tinydb import TinyDB

from newsreader.storage.atomic import AtomicJSONStorage, CorruptFileError, remove_stale_temps
from newsreader.storage.journal import (
    Journal,
    decode_record,
    encode_record,
    parse_lines,
)
from newsreader.storage.lock import LockTimeout, ProcessLock
from newsreader.storage.schema import SCHEMA_VERSION, read_snapshot, write_snapshot
from newsreader.storage.state import ArticleMeta, UserState, valid_op
from newsreader.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]


def _ok(record: dict[str, object]) -> bool:
    return True


@given(st.dictionaries(st.text(), st.one_of(st.text(), st.integers(), st.booleans())))
def test_record_round_trip(record: dict[str, object]) -> None:
    line = encode_record(record)
    assert line.endswith(b"\n") and line.count(b"\n") == 1 and line.isascii()
    assert decode_record(line[:-1]) == record


@given(st.binary(max_size=200))
def test_random_bytes_never_decode(data: bytes) -> None:
    assert decode_record(data) is None  # a random line passes the CRC with p = 2**-32


def test_flipped_bit_is_detected() -> None:
    line = bytearray(encode_record({"op": "read", "id": "abc", "on": True})[:-1])
    line[-3] ^= 0x01
    assert decode_record(bytes(line)) is None


def test_parse_lines_classifies_damage() -> None:
    a, b = encode_record({"n": 1}), encode_record({"n": 2})
    torn = parse_lines(a + b + b"0000", 0, _ok)
    assert [r["n"] for r in torn.records] == [1, 2]
    assert torn.end == len(a + b) and not torn.corrupt
    bad_tail = parse_lines(a + b"garbage\n" + b"more garbage\n", 0, _ok)
    assert bad_tail.end == len(a) and not bad_tail.corrupt
    middle = parse_lines(a + b"garbage\n" + b, 0, _ok)
    assert middle.corrupt and [r["n"] for r in middle.records] == [1, 2]


def test_journal_append_poll_and_replace(tmp_path: Path) -> None:
    path = tmp_path / "j"
    writer, reader = Journal(path), Journal(path)
    writer.create(3)
    assert reader.load(_ok).generation == 3
    writer.append([{"n": 1}, {"n": 2}])
    assert reader.poll(_ok) == [{"n": 1}, {"n": 2}]
    assert reader.poll(_ok) == []
    writer.create(4)  # a compaction replaced the file: the reader must reload
    assert reader.poll(_ok) is None
    assert writer.count == 0


def test_journal_append_cuts_a_torn_tail(tmp_path: Path) -> None:
    path = tmp_path / "j"
    j = Journal(path)
    j.create(1)
    j.append([{"n": 1}])
    with open(path, "ab") as fh:
        fh.write(b'deadbeef {"n":')  # a writer killed mid-line
    j2 = Journal(path)
    assert [r["n"] for r in j2.load(_ok).records] == [1]
    j2.append([{"n": 2}])
    assert [r["n"] for r in Journal(path).load(_ok).records] == [1, 2]


def test_valid_op_rejects_unknown_and_malformed() -> None:
    assert valid_op({"op": "read", "id": "a", "on": True})
    assert not valid_op({"op": "read", "id": "", "on": True})
    assert not valid_op({"op": "tag+", "id": "a", "tag": "Not Normal", "meta": None})
    assert not valid_op({"op": "bm", "id": "a", "on": True, "meta": {"title": 1}})
    assert not valid_op({"op": "explode"})
    assert not valid_op({"op": "merge", "data": {"read": "x"}})


def test_snapshot_round_trip_through_tinydb(tmp_path: Path) -> None:
    state = UserState()
    state.load(
        ["b1"],
        {"x": ["a1", "a2"], "y": ["a2"]},
        [f"r{i:x}" for i in range(100)],
        {"a1": ArticleMeta("T", "s", ("n",))},
    )
    path = tmp_path / "snap.json"
    write_snapshot(path, state, 7)
    snap = read_snapshot(path)
    assert snap is not None and snap.generation == 7
    assert snap.state.same_as(state)
    db = TinyDB(path, storage=AtomicJSONStorage)  # a plain TinyDB can read it
    assert db.table("meta").all() == [{"schema_version": SCHEMA_VERSION, "generation": 7}]
    assert len(db.table("read").all()) <= 16  # few documents however many marks
    db.close()


def test_storage_rejects_damage_instead_of_guessing(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    storage = AtomicJSONStorage(path)
    assert storage.read() is None
    for bad in (b"", b"{", b"[]", b'{"t": []}', b'{"t": {"one": {}}}'):
        path.write_bytes(bad)
        with pytest.raises(CorruptFileError):
            storage.read()
    storage.write({"t": {"1": {"a": 1}}})
    assert storage.read() == {"t": {"1": {"a": 1}}}


def test_stale_temp_files_are_removed(tmp_path: Path) -> None:
    db = tmp_path / "newsreader.json"
    (tmp_path / ".newsreader.json.abc123.tmp").write_bytes(b"half a write")
    (tmp_path / "unrelated.tmp").write_bytes(b"")
    remove_stale_temps(db)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["unrelated.tmp"]


HOLD = r"""
import sys, time
from pathlib import Path
from newsreader.storage.lock import ProcessLock
lock = ProcessLock(Path(sys.argv[1]))
with lock.hold(5):
    print("held", flush=True)
    sys.stdin.readline()
"""


def _holder(lock_path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(lock_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_lock_excludes_other_processes(tmp_path: Path) -> None:
    lock_path = tmp_path / "x.lock"
    proc = _holder(lock_path)
    lock = ProcessLock(lock_path)
    try:
        with pytest.raises(LockTimeout), lock.hold(0.05):
            pass
    finally:
        proc.communicate("\n", timeout=10)
    with lock.hold(1), lock.hold(1):  # reentrant in one thread
        pass
    lock.close()


def test_change_while_locked_is_kept_and_saved_later(tmp_path: Path) -> None:
    db = tmp_path / "newsreader.json"
    Store(db).close()
    store = Store(db, lock_timeout=0.05)
    proc = _holder(Path(f"{db}.lock"))
    try:
        store.toggle_bookmark("a1")
        assert store.is_bookmarked("a1")
        assert store.last_error is not None and "locked" in store.last_error
    finally:
        proc.communicate("\n", timeout=10)
    store.mark_read("a2")
    assert store.last_error is None
    store.close()
    with Store(db) as again:
        assert again.is_bookmarked("a1") and again.is_read("a2")


def test_lock_held_at_start_is_a_store_error(tmp_path: Path) -> None:
    from newsreader.storage.store import StoreError

    db = tmp_path / "newsreader.json"
    proc = _holder(Path(f"{db}.lock"))
    try:
        with pytest.raises(StoreError, match="locked"):
            Store(db, lock_timeout=0.05)
    finally:
        proc.communicate("\n", timeout=10)


def test_snapshot_file_is_compact_json(tmp_path: Path) -> None:
    db = tmp_path / "newsreader.json"
    with Store(db) as s:
        s.mark_read("a")
    raw = json.loads(db.read_bytes())
    assert set(raw) == {"meta", "bookmarks", "tags", "read", "articles"}
