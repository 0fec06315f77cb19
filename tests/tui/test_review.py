"""Pilot tests for what a new user's review of the TUI found (one test per finding).

Each app has its own database and cache under ``tmp_path``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from newsreader.exporting import saved_items
from newsreader.library import Library
from newsreader.storage.store import Store
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.messages import LoadProgress
from newsreader.tui.screens.help import QUERY_HELP
from newsreader.tui.screens.tag_editor import TagEditor
from newsreader.tui.typing_tags import tag_being_typed
from newsreader.tui.widgets.status_line import StatusLine
from tests.tui.pilot_helpers import HARBOUR, focused, loaded, make_app

STORIES = [
    ("harbour.txt", HARBOUR),
    (
        "kinmen.txt",
        "Kinmen ferries resume\n\nKINMEN, Monday — Ferries to Kinmen resumed on Monday.\n\n"
        "The Kinmen county office said the Kinmen pier was repaired, and Kinmen welcomed it.\n",
    ),
]


def _status(app: NewsReaderApp) -> str:
    return app.query_one("#status", StatusLine).shown.plain


async def burst(app: NewsReaderApp, pilot: Pilot[Any], *keys: str) -> None:
    """Send ``keys`` the way one terminal write does: all queued before any is handled."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        char = key if len(key) == 1 else None
        if key == "slash":
            char = "/"
        event = events.Key(key, char)
        event.set_sender(app)
        driver.send_message(event)
    await pilot.pause()
    await pilot.pause()


# 1. Tab accepts the tag suggestion.


async def test_tab_accepts_the_tag_suggestion(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        first, second = app.library.articles[0], app.library.articles[1]
        app.store.set_tags(first.id, ["defence"])
        await pilot.press("j", "t")
        await pilot.pause()
        assert isinstance(app.screen, TagEditor)
        await pilot.press("d", "e")
        await pilot.pause(0.1)
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.query_one("#tag-input", Input).value == "defence"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, TagEditor)
        assert list(app.store.tags_of(second.id)) == ["defence"]
        # Tab with nothing to complete leaves the text alone and the editor open.
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("x", "tab")
        await pilot.pause()
        assert isinstance(app.screen, TagEditor)
        assert app.screen.query_one("#tag-input", Input).value == "x"
        assert "Tab" in str(app.screen.query_one("#tag-help").render())


# 2. Bookmarking from the list keeps the quote notes.


async def test_bookmark_and_tag_from_the_list_save_the_quote_notes(tmp_path: Path) -> None:
    app = make_app(tmp_path, texts=STORIES)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        harbour = app.library.articles[0]
        assert app.reader.index is None  # never opened
        await pilot.press("b")
        assert app.store.is_bookmarked(harbour.id)  # at once, before any analysis
        await loaded(app, pilot)
        store = app.store
        assert isinstance(store, Store)
        meta = store.meta(harbour.id)
        assert meta is not None and len(meta.notes) == 3
        assert meta.notes[0].startswith("Mira Okonkwo: We will have the pier ready")
        exported = {item["id"]: item for item in saved_items(store)}
        assert exported[harbour.id]["notes"] == list(meta.notes)
        # Undo still undoes the bookmark (refreshing the notes is not a change of its own).
        await pilot.press("u")
        assert not app.store.is_bookmarked(harbour.id)
        # Tagging the second article from the list keeps its (empty) notes and its tag.
        await pilot.press("j", "t")
        await pilot.pause()
        await pilot.press(*"ferries", "enter")
        await loaded(app, pilot)
        kinmen = app.library.articles[1]
        assert list(app.store.tags_of(kinmen.id)) == ["ferries"]
        assert store.meta(kinmen.id) is not None
        await pilot.press("u")
        assert not list(app.store.tags_of(kinmen.id))


# 3. Keys typed right after / or Enter land where they should.


async def test_keys_right_after_slash_go_to_the_search_bar(tmp_path: Path) -> None:
    app = make_app(tmp_path, texts=STORIES)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("slash", "k", "i", "n", "m", "e", "n")
        assert app.search_bar.value == "kinmen"
        assert app.reader.show_entities


async def test_one_terminal_write_after_slash_and_enter(tmp_path: Path) -> None:
    app = make_app(tmp_path, texts=STORIES)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await burst(app, pilot, "slash", *"Kinmen")
        assert app.search_bar.value == "Kinmen"
        assert app.reader.show_entities
        await burst(app, pilot, "enter", "enter", "n")
        await loaded(app, pilot)
        assert app.search_bar.value == "Kinmen"
        assert focused(app) is app.reader  # Enter opens the article to read (newsboat's)
        assert app.reader.index == 1
        assert app.reader.current_match == 0
        # "/" typed inside the bar is text, not "open the search".
        await burst(app, pilot, "slash", "slash")
        assert app.search_bar.value == "Kinmen/"


# 4. The status line counts matches out of the total, and says which match is shown.


async def test_status_counts_matches_of_total_and_the_current_match(tmp_path: Path) -> None:
    app = make_app(tmp_path, texts=STORIES)
    async with app.run_test(size=(160, 40)) as pilot:
        await loaded(app, pilot)
        app.apply_query("Kinmen")
        await loaded(app, pilot)
        assert "1 of 2 articles match “Kinmen”" in _status(app)
        await pilot.press("enter")
        await loaded(app, pilot)
        total = len(app.reader.matches)
        assert total == 6
        await pilot.press("n", "n", "n")
        assert f"match 3/{total}" in _status(app)
        await pilot.press("p")
        assert f"match 2/{total}" in _status(app)


# 5. tag: matches tags by prefix while it is being typed.


async def test_tag_being_typed_matches_by_prefix(tmp_path: Path) -> None:
    app = make_app(tmp_path, texts=STORIES)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        first, second = app.library.articles[0], app.library.articles[1]
        app.store.set_tags(first.id, ["kinmen"])
        app.store.set_tags(second.id, ["kinship"])
        await pilot.press("slash", *"tag:kin")
        await loaded(app, pilot)
        assert app.article_list.rows == [0, 1]
        await pilot.press("m")
        await loaded(app, pilot)
        assert app.article_list.rows == [0]
        await pilot.press("backspace", "space")  # a finished word is exact
        await loaded(app, pilot)
        assert app.article_list.rows == []
        # Exclusions stay exact, and so does a filter chosen from the sidebar or palette.
        app.apply_query("-tag:kin")
        await loaded(app, pilot)
        assert app.article_list.rows == [0, 1]
        app.apply_query("tag:kin")
        await loaded(app, pilot)
        assert app.article_list.rows == []
        assert app.search_bar.value == "tag:kin "


def test_tag_being_typed() -> None:
    assert tag_being_typed("kinmen tag:Kin") == "kin"
    assert tag_being_typed('tag:"cross str') is None  # only the last word counts
    assert tag_being_typed('tag:"cross') == "cross"
    assert tag_being_typed('tag:"cross"') is None
    assert tag_being_typed("tag:kin ") is None
    assert tag_being_typed("-tag:kin") is None
    assert tag_being_typed("tag:") is None
    assert tag_being_typed("") is None


# 6. The loading percentage follows the bytes read.


class _Reading(Library):
    """A library whose reading progress the test sets (``bytes_done`` of ``bytes_total``)."""

    done = 0
    total = 0

    @property
    def bytes_done(self) -> int:
        return self.done

    @property
    def bytes_total(self) -> int:
        return self.total


async def test_loading_percentage_follows_bytes_done(tmp_path: Path) -> None:
    library = _Reading(cache_dir=tmp_path / "cache")
    app = make_app(tmp_path, texts=STORIES, library=library)
    async with app.run_test(size=(160, 40)) as pilot:
        await loaded(app, pilot)
        app.loader.state.loading = True
        library.total, library.done = 1000, 300
        app.on_load_progress(LoadProgress("loading", 300, 1000))
        assert "30%" in _status(app)
        library.done = 750  # a later, coalesced message reports a stale figure
        app.on_load_progress(LoadProgress("loading", 300, 1000))
        assert "75%" in _status(app)


# 7. Cosmetics.


async def test_undo_notice_says_undid_once(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"kinmen", "enter")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        last = app._notifications and list(app._notifications)[-1].message
        assert isinstance(last, str) and last.startswith("Undid tag change")
        assert "Undone" not in last


def test_help_lists_every_flag() -> None:
    for flag in ("is:bookmarked", "is:unread", "is:read", "is:truncated"):
        assert flag in QUERY_HELP


async def test_page_up_after_page_down_returns_to_the_same_rows(tmp_path: Path) -> None:
    """PgDn pages the view and the cursor together, so PgUp puts both back exactly."""
    many = "\n\n".join(
        f"Story {n} about ferries\n\nThe ferry ran on time, said crew {n}." for n in range(120)
    )
    app = make_app(tmp_path, texts=[("many.txt", many)])
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
        listing = app.article_list
        assert listing.row_count > 100
        for start in (0, 3):
            listing.cursor = start
            await pilot.pause()
            for presses in (1, 2):
                await pilot.press(*["pagedown"] * presses)
                await pilot.pause()
                assert listing.scroll_y > 0
                assert listing.cursor - round(listing.scroll_y) == start
                await pilot.press(*["pageup"] * presses)
                await pilot.pause()
                assert (listing.cursor, listing.scroll_y) == (start, 0), (start, presses)
