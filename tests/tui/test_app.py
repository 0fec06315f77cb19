"""Functional tests of the TUI through Textual's Pilot.

Every app gets its own database and cache under ``tmp_path``; nothing touches the user's data.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.table import Table
from textual import events

from newsreader.library import Library
from newsreader.storage.store import Store
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.keys import COMMANDS
from newsreader.tui.messages import LoadProgress
from newsreader.tui.screens.help import HelpScreen
from newsreader.tui.screens.tag_editor import TagEditor
from newsreader.tui.widgets.article_list import BOOKMARK_MARK, ArticleList
from tests.tui.pilot_helpers import (
    HARBOUR,
    SAMPLE,
    focused,
    loaded,
    make_app,
    pane_text,
    screen_text,
)

# -- tests -------------------------------------------------------------------------------------


async def test_samples_open_and_move(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        articles = app.library.articles
        assert len(articles) >= 2
        listing = app.article_list
        assert listing.row_count == len(articles)
        assert listing.cursor == 0
        await pilot.press("j")
        assert listing.cursor == 1
        await pilot.press("k")
        assert listing.cursor == 0
        await pilot.press("G")
        assert listing.cursor == len(articles) - 1
        await pilot.press("g")
        assert listing.cursor == 0
        await pilot.press("down", "down", "up")
        assert listing.cursor == 1
        await pilot.press("end")
        assert listing.cursor == len(articles) - 1
        await pilot.press("home")
        assert listing.cursor == 0


async def test_the_seed_has_five_articles(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        assert len(app.library.articles) == 5
        assert app.article_list.row_count == 5


async def test_open_article_shows_title_and_speaker(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        first = app.library.articles[0]
        await pilot.press("enter")
        await loaded(app, pilot)
        reader = app.reader
        assert reader.index == 0
        assert first.title in reader.text
        assert reader.analysis is not None
        speakers = [q.speaker for q in reader.analysis.quotes if q.speaker]
        assert speakers, "the first sample article has attributed quotes"
        assert speakers[0] in reader.text
        assert app.store.is_read(first.id)
        # Enter opened it to read (newsboat's habit); Tab goes back to the list and again to
        # the reader.
        assert focused(app) is reader
        await pilot.press("tab")
        assert focused(app) is app.article_list
        await pilot.press("tab")
        assert focused(app) is reader


async def test_speakers_read_as_prose(tmp_path: Path) -> None:
    """Named: the name is styled, nothing added; a pronoun: the name in brackets after it;
    a continued quote with no words of its own: "— name" after the closing mark."""
    app = make_app(tmp_path, texts=[("harbour.txt", HARBOUR)])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("enter")
        await loaded(app, pilot)
        reader = app.reader
        assert reader.analysis is not None and len(reader.analysis.quotes) == 3
        text = reader.text
        assert "return,” harbour master Mira Okonkwo said." in text
        assert "sea wall,” she [Mira Okonkwo] said, adding" in text
        assert text.endswith("“Nobody had seen the water so high.” — Mira Okonkwo")
        assert text.count("Mira Okonkwo") == 3
        drawn = pane_text(reader)
        assert "she [Mira Okonkwo] said" in drawn
        # The words naming the speaker are styled as the speaker (bold, in the quote colour).
        mention = reader.get_component_rich_style("reader--mention")
        assert mention.bold
        content = reader.document.content
        start = text.index("she [")
        styled = [s for s in content.spans if s.start <= start and s.end >= start + 3]
        assert any(s.style.bold for s in styled if not isinstance(s.style, str))
        # The jump to each quote still lands on it, after the inserted names.
        for offset, quote in zip(
            reader.document.quote_offsets, reader.analysis.quotes, strict=True
        ):
            assert text[offset : offset + len(quote.text)] == quote.text
        await pilot.press("w")
        assert "[Mira Okonkwo]" not in reader.text and "— Mira" not in reader.text


async def test_search_shrinks_the_list_and_escape_restores(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        total = app.article_list.row_count
        await pilot.press("slash")
        assert app.focused is app.search_bar
        await pilot.press(*"Kinmen")
        await pilot.pause(0.2)
        await loaded(app, pilot)
        rows = app.article_list.rows
        assert rows is not None
        assert 0 < len(rows) < total
        for index in rows:
            assert "kinmen" in app.library.articles[index].text.casefold()
        await pilot.press("enter")
        assert focused(app) is app.article_list
        await pilot.press("enter")
        await loaded(app, pilot)
        assert app.reader.matches, "the open article highlights its matches"
        await pilot.press("n")
        assert app.reader.current_match == 0
        await pilot.press("p")
        assert app.reader.current_match == len(app.reader.matches) - 1
        await pilot.press("escape")
        await pilot.pause()
        assert app.article_list.rows is None
        assert app.article_list.row_count == total
        assert not app.search_bar.has_class("-visible")


async def test_bookmark_and_tag_survive_a_restart(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("j")
        target = app.library.articles[1]
        await pilot.press("b")
        assert app.store.is_bookmarked(target.id)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TagEditor)
        await pilot.press(*"defence, kinmen")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, TagEditor)
        assert sorted(app.store.tags_of(target.id)) == ["defence", "kinmen"]
        # Remove one with the "-tag" syntax.
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"-kinmen")
        await pilot.press("enter")
        await pilot.pause()
        assert list(app.store.tags_of(target.id)) == ["defence"]
        await pilot.press("q")
    assert app.return_code == 0

    again = make_app(tmp_path)
    async with again.run_test(size=(120, 40)) as pilot:
        await loaded(again, pilot)
        assert again.store.is_bookmarked(target.id)
        assert list(again.store.tags_of(target.id)) == ["defence"]
        text = screen_text(again)
        assert BOOKMARK_MARK in text
        assert "#defence" in text
        # The tag filters the list.
        again.apply_query("tag:defence")
        await loaded(again, pilot)
        assert again.article_list.rows == [1]


async def test_undo_reverts_the_last_change(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        first = app.library.articles[0]
        await pilot.press("b")
        assert app.store.is_bookmarked(first.id)
        await pilot.press("u")
        assert not app.store.is_bookmarked(first.id)


async def test_markup_in_text_is_shown_literally(tmp_path: Path) -> None:
    hostile = (
        "[bold]Not bold[/] and [link=https://example.com]no link[/link] here.\n"
        "Press [@click=app.quit]this[/] to quit, said nobody.\n"
    )
    app = make_app(tmp_path, texts=[("hostile.txt", hostile)])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("enter")
        await loaded(app, pilot)
        assert app.is_running
        text = pane_text(app.reader)
        assert "[bold]Not bold[/]" in text
        assert "[link=https://example.com]" in text
        assert "[@click=app.quit]this[/]" in text


async def test_corrupt_database_warning_is_shown(tmp_path: Path) -> None:
    (tmp_path / "db.json").write_text('{"bookmarks": [tru', encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        assert app.store.warnings
        shown = [n.message for n in app._notifications]
        assert any(warning in shown for warning in app.store.warnings)
        assert len(app.library.articles) >= 1
    kept = [p for p in tmp_path.iterdir() if ".corrupt" in p.name]
    assert kept, "the bad file is kept aside"


async def test_input_warnings_are_notifications(tmp_path: Path) -> None:
    app = make_app(tmp_path, warnings=["input.txt: invalid UTF-8 replaced [3 bytes]"])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        shown = [n.message for n in app._notifications]
        assert "input.txt: invalid UTF-8 replaced [3 bytes]" in shown


async def test_help_lists_every_command(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        tables = [part for part in app.screen.table.renderables if isinstance(part, Table)]
        keys = [str(cell) for table in tables for cell in table.columns[0].cells]
        names = [str(cell) for table in tables for cell in table.columns[1].cells]
        for command in COMMANDS:
            assert command.key_display in keys, command.id
            assert command.description in names, command.id
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_help_scrolls_at_80x24_and_closes_with_q(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        dialog = app.screen.query_one("#help-dialog")
        assert dialog.region.bottom <= 24 and dialog.region.right <= 80
        assert dialog.max_scroll_y > 0, "at 80x24 the keys do not fit: the help must scroll"
        assert "newsreader — keys" in screen_text(app)
        await pilot.press("j")
        assert dialog.scroll_y == 1
        await pilot.press("G")
        await pilot.pause()
        assert dialog.scroll_y == dialog.max_scroll_y
        text = screen_text(app)
        assert "other reversed" in text  # the last line of the help is reachable
        assert "newsreader — keys" in text  # the title stays in the border
        await pilot.press("g")
        assert dialog.scroll_y == 0
        await pilot.press("pagedown")
        assert dialog.scroll_y > 1
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen) and app.is_running
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_every_app_binding_is_in_the_registry(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        ids = {command.id for command in COMMANDS}
        registry_ids = {b.id for _, b in app._bindings if b.id}
        assert registry_ids <= ids
        list_ids = {b.id for _, b in app.article_list._bindings if b.id}
        assert {"open", "cursor_down", "first", "last"} <= list_ids


async def test_narrow_terminal_stacks_the_panes(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert app.screen.has_class("-narrow")
        listing, reader = app.article_list, app.reader
        assert listing.region.width == reader.region.width
        assert listing.region.bottom <= reader.region.y
        await pilot.press("enter")
        await loaded(app, pilot)
        assert app.library.articles[0].title[:20] in screen_text(app)
        await pilot.press("j", "b", "s")
        await pilot.pause()
        assert app.sidebar.display


async def test_sidebar_filters_by_bookmark(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("j", "b")
        await pilot.press("s")
        await pilot.pause()
        assert app.focused is app.sidebar
        labels = [str(app.sidebar.get_option_at_index(i).prompt) for i in range(3)]
        assert labels[2].startswith("Bookmarked") and labels[2].split()[-1] == "1"
        await pilot.press("down", "down", "enter")
        await loaded(app, pilot)
        assert app.query_text == "is:bookmarked "  # finished, as if a space had been typed
        assert app.article_list.rows == [1]
        # j/k move in the sidebar as in the list.
        app.sidebar.focus()
        await pilot.press("k", "k", "j")
        assert app.sidebar.highlighted == 1
        await pilot.press("enter")
        await loaded(app, pilot)
        assert app.query_text == "is:unread "


async def test_toggles_and_quote_jumps(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("enter")
        await loaded(app, pilot)
        reader = app.reader
        assert reader.analysis is not None and reader.analysis.quotes
        await pilot.press("right_square_bracket")
        assert reader.current_quote == 0
        await pilot.press("right_square_bracket")
        assert reader.current_quote == 1 % len(reader.analysis.quotes)
        await pilot.press("left_square_bracket")
        assert reader.current_quote == 0
        await pilot.press("w")
        assert not reader.show_quotes
        body = reader.text.split("\n\n", 1)[1]
        assert "— " not in body
        assert not any(f"[{q.speaker}]" in body for q in reader.analysis.quotes if q.speaker)
        await pilot.press("w", "e")
        assert reader.show_quotes and not reader.show_entities


async def test_an_article_read_before_reopens_highlighted_at_once(tmp_path: Path) -> None:
    """The app keeps no analyses of its own: the library's cache answers a re-opened
    article before any worker runs, so it is drawn with its highlights in one go."""
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        app.open_article(0)
        await loaded(app, pilot)
        first = app.reader.analysis
        assert first is not None
        app.open_article(1)
        await loaded(app, pilot)
        app.open_article(0)  # no pause: what show() drew, before any worker
        assert app.reader.index == 0 and app.reader.analysis is first


async def test_list_click_selects(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.click(ArticleList, offset=(5, 2))
        assert app.article_list.cursor == 2
        await pilot.click(ArticleList, offset=(5, 2))
        await loaded(app, pilot)
        assert app.reader.index == 2


@pytest.mark.parametrize("count", [3000])
async def test_many_articles_load_progressively(tmp_path: Path, count: int) -> None:
    text = "\n\n".join(
        f"Story number {n} about Kinmen and the weather, officials said on Monday."
        for n in range(count)
    )
    app = make_app(tmp_path, texts=[("many.txt", text)])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        assert not app.loading
        assert app.article_list.row_count == len(app.library.articles) > 0
        await pilot.press("G")
        assert app.article_list.cursor == app.article_list.row_count - 1


async def test_hostile_markup_and_controls_never_reach_the_terminal(tmp_path: Path) -> None:
    hostile = (
        "Officials said [bold red]alarm[/] at [link=file:///etc/passwd]this link[/link] today.\n"
        "A \x1b[31mred\x1b[0m word, a \x1b]0;title\x07 title and \x1b]52;c;aGk=\x07 a paste, "
        "and \u202eabc reversed, officials said.\n"
    )
    app = make_app(tmp_path, texts=[("hostile.txt", hostile)])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("enter")
        await loaded(app, pilot)
        svg = app.export_screenshot()
        assert "\x1b" not in svg and "\u202e" not in svg and "\x07" not in svg
        text = pane_text(app.reader)
        assert "[bold red]alarm[/]" in text
        assert "[link=file:///etc/passwd]this link[/link]" in text
        assert app.is_running


async def test_write_failure_is_reported_as_an_error(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        store = app.store
        real, real_set = store.toggle_bookmark, store.set_meta

        def failing(article_id: str, meta: Any = None) -> bool:
            result = real(article_id, meta)
            store.last_error = "No space left on device"
            return result

        def failing_set(article_id: str, meta: Any) -> None:
            real_set(article_id, meta)  # the quote notes, saved once analysed
            store.last_error = "No space left on device"

        store.toggle_bookmark = failing  # type: ignore[method-assign]
        store.set_meta = failing_set  # type: ignore[method-assign]
        await pilot.press("b")
        await pilot.pause()
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and "No space left on device" in errors[-1].message
        status = str(app.query_one("#status").render())
        # First after the count: the status line is cut at the pane's width.
        assert status.index("NOT SAVED") < status.index("quotes on")
        store.last_error = None
        store.toggle_bookmark = real  # type: ignore[method-assign]
        store.set_meta = real_set  # type: ignore[method-assign]


async def test_reload_shows_another_instances_bookmark(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        target = app.library.articles[2]
        other = Store(tmp_path / "db.json")
        try:
            other.toggle_bookmark(target.id)
            other.flush()
        finally:
            other.close()
        await pilot.press("r")
        await pilot.pause()
        assert app.store.is_bookmarked(target.id)
        assert BOOKMARK_MARK in screen_text(app)


async def test_undo_of_a_tag_edit(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        first = app.library.articles[0]
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"kinmen", "enter")
        await pilot.pause()
        assert list(app.store.tags_of(first.id)) == ["kinmen"]
        await pilot.press("u")
        await pilot.pause()
        assert not list(app.store.tags_of(first.id))


async def test_tag_editor_suggests_existing_tags_and_cancels(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"defence", "enter")
        await pilot.pause()
        await pilot.press("j", "t")
        await pilot.pause()
        await pilot.press(*"kinmen, def")
        await pilot.pause(0.1)
        await pilot.press("right")  # accept the suggestion
        await pilot.pause()
        editor_input = app.screen.query_one("#tag-input")
        assert editor_input.value == "kinmen, defence"  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.pause()
        assert not list(app.store.tags_of(app.library.articles[1].id))


async def test_command_palette_runs_registry_commands(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Bookmark")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert app.store.is_bookmarked(app.library.articles[0].id)


class _SlowLibrary(Library):
    """Loads the first text, then waits for the test before loading the rest."""

    def __init__(self, cache_dir: Path, gate: threading.Event) -> None:
        super().__init__(cache_dir=cache_dir)
        self.gate = gate

    def load_texts(
        self,
        texts: Any,
        on_batch: Callable[[int, int], None] | None = None,
    ) -> None:
        texts = list(texts)
        super().load_texts(texts[:1], on_batch)
        self.gate.wait(10)
        super().load_texts(texts[1:], on_batch)


async def test_rows_are_usable_while_loading_continues(tmp_path: Path) -> None:
    gate = threading.Event()
    sample = SAMPLE.read_text(encoding="utf-8")
    more = "\n".join(f"Second file story {n}: the weather bureau said rain." for n in range(50))
    library = _SlowLibrary(tmp_path / "cache", gate)
    app = make_app(tmp_path, texts=[("a.txt", sample), ("b.txt", more)], library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(50):
            await pilot.pause(0.02)
            if app.article_list.row_count:
                break
        assert app.loading
        assert app.article_list.row_count == len(library.articles) > 0
        assert "loading" in str(app.query_one("#status").render())
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert app.reader.index == 0
        gate.set()
        await loaded(app, pilot)
        assert not app.loading
        assert app.article_list.row_count == len(library.articles) > 5
        assert "loading" not in str(app.query_one("#status").render())


async def test_unusable_database_still_starts_and_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "db.json"
    folder.mkdir()  # a folder where the database file should be
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert any("will not be saved" in message for message in errors)
        await pilot.press("b")  # still works, in a throwaway store
        assert app.store.is_bookmarked(app.library.articles[0].id)
    assert folder.is_dir() and not any(folder.iterdir())


async def test_reader_scrolls_with_keys_and_wheel(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("tab")  # open the first (long) article and move to the reader
        await loaded(app, pilot)
        reader = app.reader
        assert app.focused is reader
        assert reader.max_scroll_y > 0
        await pilot.press("j", "j")
        assert reader.scroll_y == 2
        await pilot.press("G")
        await pilot.pause()
        assert reader.scroll_y == reader.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert reader.scroll_y == 0
        reader.post_message(events.MouseScrollDown(reader, 5, 5, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert reader.scroll_y > 0


async def test_background_updates_while_a_modal_is_open(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        app.saved.after_change(research=True)
        app.saved.reload()
        app.on_load_progress(LoadProgress("loading", 1, 2))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")  # closes help, not the app
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, HelpScreen)


async def test_files_given_as_paths_load_and_report_bad_bytes(tmp_path: Path) -> None:
    """The CLI hands files over as paths; the load worker reads, decodes and cleans them."""
    story = tmp_path / "story.txt"
    story.write_bytes(
        b"The \x1b[31mharbour\x1b[0m reopened on Tuesday, port officials said.\n"
        b"Ferries resumed their \xff schedule by noon.\n"
    )
    cache = tmp_path / "cache"
    cache.mkdir()
    app = NewsReaderApp(texts=[], paths=[str(story)], db_path=tmp_path / "db.json", cache_dir=cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        assert len(app.library.articles) == 1
        assert app.library.articles[0].paragraphs[0].startswith("The harbour reopened")
        await pilot.press("enter")
        await loaded(app, pilot)
        shown = screen_text(app)
        assert "\x1b" not in shown and "The harbour reopened" in shown
        notes = [n.message for n in app._notifications]
        assert any("invalid UTF-8" in m for m in notes)


async def test_quit_with_unsaved_changes_asks_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk: the bookmark stays in memory, q warns once, a second q quits anyway."""
    import errno

    from newsreader.storage import atomic

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        db_before = (tmp_path / "db.json").read_bytes() if (tmp_path / "db.json").exists() else None

        def full(*args: object, **kwargs: object) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        # Every write fails: the journal's pwrite and the snapshot's write alike.
        monkeypatch.setattr(atomic.os, "pwrite", full)
        monkeypatch.setattr(atomic.os, "write", full)
        await pilot.press("b")
        await pilot.pause()
        assert app.store.last_error
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert any("q again" in m for m in errors)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    after = (tmp_path / "db.json").read_bytes() if (tmp_path / "db.json").exists() else None
    assert after == db_before


async def test_milestones_are_reported_once_each_in_order(tmp_path: Path) -> None:
    seen: list[str] = []
    app = NewsReaderApp(
        texts=[(SAMPLE.name, SAMPLE.read_text(encoding="utf-8"))],
        db_path=tmp_path / "db.json",
        cache_dir=tmp_path / "cache",
        on_milestone=seen.append,
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("j", "enter")
        await loaded(app, pilot)
    assert seen == ["first_screen", "loaded"]
