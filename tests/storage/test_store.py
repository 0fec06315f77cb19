"""The Store's public behaviour: bookmarks, tags, read marks, metadata, undo, export/import."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader.paths import cache_dir, data_dir, default_db_path
from newsreader.storage.store import ArticleMeta, Store, StoreError
from newsreader.tags import normalise_tag

META = ArticleMeta("Kinmen votes", "seed.txt", ("Ho Cheng-hui: “The more Kinmen residents…”",))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "newsreader.json"


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    s = Store(db)
    yield s
    s.close()


def test_new_database_is_created_with_its_folder(db: Path) -> None:
    with Store(db) as s:
        assert s.warnings == []
        assert s.last_error is None
        assert s.bookmarks() == frozenset()
    assert db.is_file()
    assert Path(f"{db}.journal").is_file()
    assert json.loads(db.read_text())["meta"]["1"]["schema_version"] == 1


def test_bookmarks(store: Store) -> None:
    assert store.toggle_bookmark("a1", META) is True
    assert store.is_bookmarked("a1")
    assert store.meta("a1") == META
    assert store.toggle_bookmark("a1") is False
    assert not store.is_bookmarked("a1")
    store.set_bookmark("a2", True)
    store.set_bookmark("a2", True)
    assert store.bookmarks() == frozenset({"a2"})
    store.set_bookmark("a2", False)
    assert store.bookmarks() == frozenset()


def test_tags_are_normalised(store: Store) -> None:
    store.add_tag("a1", "  Cross   Strait ", META)
    store.add_tag("a1", "DEFENCE")
    assert store.tags_of("a1") == frozenset({"cross-strait", "defence"})
    assert store.ids_with_tag("Cross Strait") == frozenset({"a1"})
    assert store.tag_counts() == {"cross-strait": 1, "defence": 1}
    store.remove_tag("a1", "Defence")
    assert store.tags_of("a1") == frozenset({"cross-strait"})
    store.set_tags("a2", ["x", " ", "Y z", "x"])
    assert store.tags_of("a2") == frozenset({"x", "y-z"})
    store.set_tags("a2", "Single Tag")
    assert store.tags_of("a2") == frozenset({"single-tag"})
    store.set_tags("a2", [])
    assert store.tags_of("a2") == frozenset()
    assert store.tag_counts() == {"cross-strait": 1}
    assert store.ids_with_tag("") == frozenset()


def test_blank_tags_and_ids_are_rejected(store: Store) -> None:
    with pytest.raises(ValueError):
        store.add_tag("a1", "   ")
    with pytest.raises(ValueError):
        store.add_tag("", "x")
    with pytest.raises(ValueError):
        normalise_tag("")
    assert normalise_tag("\tNew\nYork ") == "new-york"


def test_read_marks(store: Store) -> None:
    store.mark_read("a1")
    store.mark_read("a2")
    assert store.is_read("a1")
    assert store.read_ids() == frozenset({"a1", "a2"})
    store.mark_read("a1", False)
    assert store.read_ids() == frozenset({"a2"})


def test_everything_survives_reopening(db: Path) -> None:
    with Store(db) as s:
        s.toggle_bookmark("a1", META)
        s.add_tag("a2", "x", ArticleMeta("Two", "b.txt"))
        s.mark_read("a3")
        before = s.export_all()
    with Store(db) as s:
        assert s.export_all() == before
        assert s.meta("a1") == META


def test_changes_survive_without_close(db: Path) -> None:
    """Nothing waits for close(): each call is already on disk (replayed from the journal)."""
    s = Store(db)
    s.toggle_bookmark("a1", META)
    s.set_tags("a1", ["p", "q"])
    s.mark_read("a9")
    expected = s.export_all()
    again = Store(db)  # s is never closed, as if the process had died
    assert again.export_all() == expected
    again.close()
    s.close()


def test_version_bumps_on_change_only(store: Store) -> None:
    v = store.version
    store.mark_read("a1")
    assert store.version > v
    v = store.version
    store.mark_read("a1")
    assert store.version == v


def test_no_op_writes_nothing(db: Path, store: Store) -> None:
    store.mark_read("a1")
    journal = Path(f"{db}.journal")
    size = journal.stat().st_size
    store.mark_read("a1")
    store.remove_tag("a1", "never-there")
    assert journal.stat().st_size == size


def test_undo(store: Store) -> None:
    assert store.undo() is None
    store.toggle_bookmark("a1", META)
    store.add_tag("a1", "x")
    store.add_tag("a1", "y")
    description = store.undo()
    assert description is not None and "Kinmen votes" in description
    assert store.tags_of("a1") == frozenset({"x"})
    store.undo()
    assert store.tags_of("a1") == frozenset()
    store.undo()
    assert not store.is_bookmarked("a1")
    assert store.undo() is None


def test_undo_of_unbookmark_restores_it_with_meta(db: Path) -> None:
    with Store(db) as s:
        s.set_bookmark("a1", True, META)
        s.set_bookmark("a1", False)
        assert "removal" in (s.undo() or "")
        assert s.is_bookmarked("a1")
    with Store(db) as s:
        assert s.is_bookmarked("a1")
        assert s.meta("a1") == META


def test_undo_does_not_touch_read_marks(store: Store) -> None:
    store.add_tag("a1", "x")
    store.mark_read("a1")
    store.undo()
    assert store.is_read("a1")
    assert store.tags_of("a1") == frozenset()


def test_set_read_is_one_undoable_change(db: Path) -> None:
    with Store(db) as s:
        s.mark_read("a2")  # already read: not part of the change, so undo leaves it read
        assert s.set_read(["a1", "a2", "a3", "a1"], True, "Undid marking 3 read") == 2
        assert s.read_ids() == frozenset({"a1", "a2", "a3"})
        s.add_tag("a1", "x")
        s.undo()
        assert s.undo() == "Undid marking 3 read"
        assert s.read_ids() == frozenset({"a2"})
        assert s.set_read(["a2"], False, "Undid unread") == 1
        assert not s.is_read("a2")
        assert s.undo() == "Undid unread"
    with Store(db) as s:  # the undo was written like any other change
        assert s.read_ids() == frozenset({"a2"})


def test_set_read_with_nothing_to_change_leaves_no_undo(store: Store) -> None:
    store.mark_read("a1")
    assert store.set_read(["a1"], True, "nothing") == 0
    assert store.undo() is None


def test_undo_of_set_tags(store: Store) -> None:
    store.set_tags("a1", ["a", "b"])
    store.set_tags("a1", ["c"])
    store.undo()
    assert store.tags_of("a1") == frozenset({"a", "b"})


def test_set_meta_pushes_no_undo_entry(db: Path) -> None:
    """Notes saved after analysis are not a change of the user's: undo skips past them."""
    plain = ArticleMeta("Kinmen votes", "seed.txt")
    with Store(db) as s:
        s.add_tag("a1", "x", plain)
        s.toggle_bookmark("a1", plain)
        s.set_meta("a1", META)
        assert s.meta("a1") == META
        assert s.tags_of("a1") == frozenset({"x"}) and s.is_bookmarked("a1")
        assert "bookmark" in (s.undo() or "")
        assert not s.is_bookmarked("a1")
        assert s.tags_of("a1") == frozenset({"x"})
        s.undo()
        assert s.tags_of("a1") == frozenset()
        assert s.undo() is None
    with Store(db) as s:
        assert not s.is_bookmarked("a1")


def test_set_meta_keeps_tags_another_instance_added(db: Path) -> None:
    with Store(db) as mine, Store(db) as other:
        mine.add_tag("a1", "x")
        other.add_tag("a1", "y")
        mine.set_meta("a1", META)
        assert mine.tags_of("a1") == frozenset({"x", "y"})
        assert mine.meta("a1") == META


def test_export_import_round_trip(db: Path, tmp_path: Path) -> None:
    with Store(db) as s:
        s.toggle_bookmark("a1", META)
        s.add_tag("a1", "kinmen")
        s.add_tag("a2", "kinmen", ArticleMeta("Two", "b.txt"))
        s.set_tags("a3", ["x", "y"], ArticleMeta("Three", "c.txt", ("n1", "n2")))
        for i in range(50):
            s.mark_read(f"r{i}")
        exported = s.export_all()
    text = json.dumps(exported)
    with Store(tmp_path / "other.json") as other:
        assert other.import_data(json.loads(text)) > 0
        assert other.export_all() == exported
        assert other.import_data(json.loads(text)) == 0  # a second import changes nothing
        assert other.meta("a3") == ArticleMeta("Three", "c.txt", ("n1", "n2"))
    with Store(tmp_path / "other.json") as other:
        assert other.export_all() == exported


def test_import_merges(store: Store) -> None:
    store.add_tag("a1", "mine")
    changed = store.import_data(
        {"schema_version": 1, "bookmarks": ["b1"], "tags": {"Theirs": ["a1"]}, "read": ["a1"]}
    )
    assert changed == 3
    assert store.tags_of("a1") == frozenset({"mine", "theirs"})
    assert store.is_bookmarked("b1") and store.is_read("a1")


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"schema_version": 99},
        {"schema_version": 1, "bookmarks": "a1"},
        {"schema_version": 1, "bookmarks": [1]},
        {"schema_version": 1, "tags": {"x": "a1"}},
        {"schema_version": 1, "tags": {" ": ["a1"]}},
        {"schema_version": 1, "articles": {"a1": {"title": 3}}},
        {"schema_version": 1, "read": [""]},
    ],
)
def test_import_rejects_malformed_data(store: Store, data: dict[str, object]) -> None:
    store.mark_read("keep")
    before = store.export_all()
    with pytest.raises(ValueError):
        store.import_data(data)
    assert store.export_all() == before


def test_export_keeps_meta_of_saved_articles_only(store: Store) -> None:
    store.set_bookmark("a1", True, META)
    store.set_bookmark("a1", False)
    store.add_tag("a2", "x", META)
    assert set(store.export_all()["articles"]) == {"a2"}


def test_second_instance_sees_changes_after_reload(db: Path) -> None:
    with Store(db) as a, Store(db) as b:
        a.toggle_bookmark("a1", META)
        assert not b.is_bookmarked("a1")
        v = b.version
        assert b.reload() is True
        assert b.is_bookmarked("a1") and b.meta("a1") == META
        assert b.version > v
        assert b.reload() is False
        a.flush()  # a compacts: b must notice the new snapshot generation
        a.add_tag("a1", "after-compaction")
        assert b.reload() is True
        assert b.tags_of("a1") == frozenset({"after-compaction"})


def test_no_lost_update_between_stale_instances(db: Path) -> None:
    """Each write is applied to the freshly read state, not to the instance's stale copy."""
    with Store(db) as a, Store(db) as b:
        a.add_tag("x", "from-a")
        b.add_tag("x", "from-b")  # b has not reloaded; it must still keep a's tag
        a.set_tags("y", ["one"])
        b.toggle_bookmark("y")
        a.flush()
        b.add_tag("x", "from-b-again")
    with Store(db) as c:
        assert c.tags_of("x") == frozenset({"from-a", "from-b", "from-b-again"})
        assert c.tags_of("y") == frozenset({"one"}) and c.is_bookmarked("y")


def test_toggle_uses_fresh_state(db: Path) -> None:
    with Store(db) as a, Store(db) as b:
        a.set_bookmark("z", True)
        assert b.toggle_bookmark("z") is False  # b saw a's bookmark before toggling


def test_closed_store_refuses_changes(db: Path) -> None:
    s = Store(db)
    s.close()
    s.close()
    with pytest.raises(StoreError):
        s.mark_read("a1")
    assert s.reload() is False


def test_unusable_locations(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot create the folder"):
        Store(blocker / "newsreader.json")
    folder = tmp_path / "dir.json"
    folder.mkdir()
    with pytest.raises(StoreError, match="is a folder"):
        Store(folder)


def test_default_paths_follow_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert data_dir() == tmp_path / "share" / "newsreader"
    assert default_db_path() == tmp_path / "share" / "newsreader" / "newsreader.json"
    assert cache_dir() == tmp_path / "cache" / "newsreader"


_ids = st.sampled_from([f"a{i}" for i in range(8)])
_tags = st.sampled_from(["x", "Y", "z z", "kinmen"])
_ops = st.lists(
    st.one_of(
        st.tuples(st.just("bm"), _ids, st.booleans()),
        st.tuples(st.just("tag+"), _ids, _tags),
        st.tuples(st.just("tag-"), _ids, _tags),
        st.tuples(st.just("tags"), _ids, st.lists(_tags, max_size=3)),
        st.tuples(st.just("read"), _ids, st.booleans()),
        st.tuples(st.just("undo"), _ids, st.none()),
    ),
    max_size=25,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ops)
def test_replay_and_round_trip_property(ops: list[tuple[str, str, object]]) -> None:
    """Any sequence of changes: reopening replays it exactly, and export/import reproduces it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "db.json"
        s = Store(path, compact_after=7)
        for kind, article_id, arg in ops:
            meta = ArticleMeta(f"T {article_id}", "s.txt")
            if kind == "bm":
                s.set_bookmark(article_id, bool(arg), meta)
            elif kind == "tag+":
                s.add_tag(article_id, str(arg), meta)
            elif kind == "tag-":
                s.remove_tag(article_id, str(arg))
            elif kind == "tags":
                s.set_tags(article_id, arg, meta)  # type: ignore[arg-type]
            elif kind == "read":
                s.mark_read(article_id, bool(arg))
            else:
                s.undo()
        exported = s.export_all()
        with Store(path) as again:
            assert again.export_all() == exported
        with Store(Path(tmp) / "copy.json") as copy:
            copy.import_data(json.loads(json.dumps(exported)))
            assert copy.export_all() == exported
        s.close()
