"""The feed archive: schema, entries kept forever, transactions, corrupt files kept aside."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsreader.storage.archive import (
    SCHEMA_VERSION,
    Archive,
    ArchiveError,
    NewEntry,
    entry_guid,
    entry_id,
)


def _entry(guid: str, title: str = "A title", text: str = "Some text.") -> NewEntry:
    return NewEntry(
        guid=entry_guid(guid, None, title, None),
        link=f"https://example.org/{guid}",
        title=title,
        author="Ann Writer",
        published=1_700_000_000.0,
        updated=None,
        paragraphs=(text, "Second paragraph."),
        links=("https://example.org/x",),
    )


def _store(
    archive: Archive, feed_id: int, entries: list[NewEntry], batch: int = 1
) -> tuple[int, int]:
    result = archive.store_entries(
        feed_id, entries, status="200", etag='"v1"', last_modified=None, next_due=None, batch=batch
    )
    return result.new, result.updated


def test_new_archive_has_the_current_schema_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "archive.sqlite3"
    Archive(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_entries_are_new_then_unchanged_then_updated_in_place(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.sqlite3") as archive:
        feed, created = archive.add_feed("https://example.org/feed.xml", tags=["news"])
        assert created
        assert _store(archive, feed.id, [_entry("1"), _entry("2")]) == (2, 0)
        assert _store(archive, feed.id, [_entry("1"), _entry("2")], batch=2) == (0, 0)
        assert _store(archive, feed.id, [_entry("1", text="Edited.")], batch=3) == (0, 1)
        rows = archive.entries()
        assert [r.title for r in rows] == ["A title", "A title"]
        assert [r.batch for r in rows] == [1, 1]  # an edit keeps the entry's batch and place
        assert archive.body(rows[0].rowid) == "Edited.\nSecond paragraph."
        assert archive.links(rows[0].rowid) == ("https://example.org/x",)


def test_entries_dropped_by_the_feed_stay_in_the_archive(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.sqlite3") as archive:
        feed, _ = archive.add_feed("https://example.org/feed.xml")
        _store(archive, feed.id, [_entry("1"), _entry("2")])
        _store(archive, feed.id, [_entry("3")], batch=2)
        assert len(archive.entries()) == 3
        assert [r.batch for r in archive.entries(after=2)] == [2]


def test_duplicate_guids_within_one_fetch_are_stored_once(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.sqlite3") as archive:
        feed, _ = archive.add_feed("https://example.org/feed.xml")
        assert _store(archive, feed.id, [_entry("1"), _entry("1", title="Again")]) == (1, 0)


def test_entry_ids_survive_the_feed_moving(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.sqlite3") as archive:
        feed, _ = archive.add_feed("http://old.example/feed")
        archive.record_fetch(feed.id, status="301", new_url="https://new.example/feed")
        moved = archive.feed("https://new.example/feed")
        assert (
            moved is not None and moved.id == feed.id and moved.origin == "http://old.example/feed"
        )
        _store(archive, feed.id, [_entry("g")])
        guid = entry_guid("g", None, "A title", None)
        assert archive.entries()[0].id == entry_id("http://old.example/feed", guid)


def test_entry_guid_falls_back_to_link_then_title_and_date() -> None:
    assert entry_guid("abc", "https://x", "T", 1.0) == "g:abc"
    assert entry_guid(None, "https://x", "T", 1.0) == "l:https://x"
    assert entry_guid("", None, "T", 1.0) != entry_guid("", None, "T", 2.0)


def test_adding_again_merges_tags_and_revives_a_gone_feed(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.sqlite3") as archive:
        feed, _ = archive.add_feed("https://example.org/feed.xml", tags=["a"])
        archive.record_fetch(feed.id, status="410", error="gone", gone=True)
        assert archive.feeds()[0].gone
        again, created = archive.add_feed("https://example.org/feed.xml", "Mine", ["b", "a"])
        assert not created and not again.gone
        assert again.tags == ("a", "b") and again.name == "Mine"


def test_remove_feed_deletes_its_entries_only(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.sqlite3") as archive:
        one, _ = archive.add_feed("https://one.example/feed")
        two, _ = archive.add_feed("https://two.example/feed")
        _store(archive, one.id, [_entry("1")])
        _store(archive, two.id, [_entry("2")])
        assert archive.remove_feed("https://one.example/feed") is not None
        assert [r.feed for r in archive.entries()] == [two.id]
        assert archive.remove_feed("https://nowhere.example/") is None


def test_a_failed_store_keeps_nothing_of_it(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.sqlite3") as archive:
        feed, _ = archive.add_feed("https://example.org/feed.xml")

        class Boom(NewEntry):
            @property
            def digest(self) -> str:
                raise RuntimeError("killed")

        bad = Boom(**{f: getattr(_entry("2"), f) for f in NewEntry.__dataclass_fields__})
        with pytest.raises(RuntimeError):
            archive.store_entries(
                feed.id, [_entry("1"), bad], status="200", etag=None, last_modified=None,
                next_due=None,
            )  # fmt: skip
        assert archive.entries() == []
        assert archive.feeds()[0].last_fetched is None


def test_a_second_connection_sees_committed_entries(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    with Archive(path) as writer, Archive(path) as reader:
        feed, _ = writer.add_feed("https://example.org/feed.xml")
        _store(writer, feed.id, [_entry("1")])
        assert len(reader.entries()) == 1


def test_a_corrupt_archive_is_kept_aside_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with Archive(path) as archive:
        assert archive.feeds() == []
        assert any("kept as" in w for w in archive.warnings)
    kept = [p for p in tmp_path.iterdir() if "corrupt" in p.name]
    assert kept and kept[0].read_bytes().startswith(b"this is not a database")


def test_an_archive_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    Archive(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(ArchiveError, match="newer newsreader"):
        Archive(path)
    assert path.exists()


def test_a_version_1_archive_is_migrated_with_a_copy_kept(tmp_path: Path) -> None:
    from newsreader.storage.archive import _SCHEMA_V1, _run

    path = tmp_path / "a.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    _run(db, _SCHEMA_V1)
    db.execute("PRAGMA user_version = 1")
    db.execute(
        "INSERT INTO feeds (url, origin, tags, added) VALUES ('https://x/f', 'https://x/f', "
        "'[]', 0)"
    )
    db.close()
    with Archive(path) as archive:
        [feed] = archive.feeds()
        assert feed.url == "https://x/f"
        assert _store(archive, feed.id, [_entry("1")]) == (1, 0)
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert check.execute("SELECT full_text FROM feeds").fetchone()[0] == "auto"
    assert [p for p in tmp_path.iterdir() if "schema-1" in p.name]  # the way back


def test_the_whole_story_replaces_the_feed_text_and_is_kept(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.sqlite3") as archive:
        feed, _ = archive.add_feed("https://example.org/feed.xml", full_text="always")
        assert feed.full_text == "always"
        _store(archive, feed.id, [_entry("1", text="A teaser…")])
        [row] = archive.entries()
        assert archive.page(row.rowid) is None
        archive.store_page(row.rowid, "https://example.org/1", ("Whole story.", "More."), ("u",))
        assert archive.body(row.rowid) == "Whole story.\nMore."
        assert archive.links(row.rowid) == ("u",)
        assert archive.feed_text(row.rowid).startswith("A teaser…")
        archive.store_page(row.rowid, "https://example.org/1", error="no article text found")
        page = archive.page(row.rowid)
        assert page is not None and page.error == "no article text found"
        assert archive.body(row.rowid).startswith("A teaser…")  # the summary stays
        with pytest.raises(ArchiveError):
            archive.set_full_text(feed.id, "sometimes")


def test_a_corrupt_archive_comes_back_with_its_subscriptions(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    with Archive(path) as archive:
        archive.add_feed("https://one.example/feed", "One", ["world"], full_text="never")
        archive.add_feed("https://two.example/feed")
    assert (tmp_path / "a.feeds.json").exists()
    path.write_bytes(b"garbage" * 1000)
    with Archive(path) as archive:
        feeds = {f.url: f for f in archive.feeds()}
        assert set(feeds) == {"https://one.example/feed", "https://two.example/feed"}
        one = feeds["https://one.example/feed"]
        assert one.name == "One" and one.tags == ("world",) and one.full_text == "never"
        assert any("subscribed again" in w for w in archive.warnings)


def test_a_failed_migration_leaves_the_file_where_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader.storage import archive as module

    path = tmp_path / "a.sqlite3"
    Archive(path).close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    monkeypatch.setitem(module._MIGRATIONS, 2, "ALTER TABLE nowhere ADD COLUMN x;")
    with pytest.raises(ArchiveError, match="cannot open the archive"):
        Archive(path)
    assert path.exists() and not [p for p in tmp_path.iterdir() if "corrupt" in p.name]


def test_removing_a_feed_keeps_the_entries_the_user_saved(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.sqlite3") as archive:
        feed, _ = archive.add_feed("https://example.org/feed.xml")
        _store(archive, feed.id, [_entry("1"), _entry("2")])
        saved = archive.entries()[0].id
        removed = archive.remove_feed("https://example.org/feed.xml", keep={saved})
        assert removed is not None and removed[1] == 1
        assert [r.id for r in archive.entries()] == [saved]
        assert archive.feeds() == [] and len(archive.feeds(removed=True)) == 1
        again, created = archive.add_feed("https://example.org/feed.xml")
        assert created and again.id == feed.id  # revived with the kept entry


def test_a_closed_archive_reads_nothing_and_refuses_writes(tmp_path: Path) -> None:
    """Threads still finishing as the app exits must not crash on a closed connection."""
    archive = Archive(tmp_path / "a.sqlite3")
    feed, _ = archive.add_feed("https://example.org/feed.xml")
    _store(archive, feed.id, [_entry("1")])
    archive.close()
    archive.close()  # twice is fine
    assert archive.body(1) == "" and archive.entries() == []
    with pytest.raises(ArchiveError, match="closed"):
        archive.add_feed("https://example.org/other.xml")
    assert not (tmp_path / "a.sqlite3-wal").exists()  # folded back on close
