"""Newsboat habits (issue 13): q/Esc/Q, read marks and their undo, J/K, n/p, Space, and the
article a key acts on while the reader has focus."""

from __future__ import annotations

from pathlib import Path

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.screens.confirm import ConfirmScreen
from newsreader.tui.widgets.status_line import StatusLine
from tests.tui.pilot_helpers import HARBOUR, SAMPLE, focused, loaded, make_app, pane_text


def _messages(app: NewsReaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def _read(app: NewsReaderApp, index: int) -> bool:
    return app.store.is_read(app.library.articles[index].id)


async def test_q_goes_back_from_the_reader_and_quits_from_the_list(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("j", "tab")
        await loaded(app, pilot)
        assert focused(app) is app.reader
        await pilot.press("J")  # on to the next article, still reading
        await loaded(app, pilot)
        await pilot.press("q")
        assert app.return_code is None, "q in the reader must not quit"
        assert focused(app) is app.article_list
        assert app.article_list.current == 2 == app.reader.index
        await pilot.press("q")
    assert app.return_code == 0


async def test_capital_q_quits_from_the_reader(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("tab")
        await loaded(app, pilot)
        assert focused(app) is app.reader
        await pilot.press("Q")
    assert app.return_code == 0


async def test_escape_in_the_reader_clears_the_search_first(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        app.apply_query("Kinmen")
        await loaded(app, pilot)
        await pilot.press("tab")
        await loaded(app, pilot)
        assert focused(app) is app.reader and app.reader.matches
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_text == ""
        assert focused(app) is app.reader, "the first Esc only clears the search"
        await pilot.press("escape")
        assert focused(app) is app.article_list


async def test_opening_marks_read_and_u_undoes_it(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("enter")
        await loaded(app, pilot)
        assert _read(app, 0)
        await pilot.press("u")
        await pilot.pause()
        assert not _read(app, 0), "an article opened by accident is one u from unread"
        assert any("Undid read mark" in m for m in _messages(app))


async def test_capital_n_toggles_the_article_being_read(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("j", "j", "tab")
        await loaded(app, pilot)
        title = app.library.articles[2].title
        app.article_list.cursor = 0  # the list cursor elsewhere: N acts on the reader's article
        await pilot.press("N")
        assert not _read(app, 2) and not _read(app, 0)
        assert any("unread" in m and title[:20] in m for m in _messages(app))
        await pilot.press("N")
        assert _read(app, 2)
        await pilot.press("u")
        assert not _read(app, 2)


async def test_mark_all_read_asks_and_is_undoable(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        count = len(app.library.articles)
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert f"{count} unread articles" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert not any(_read(app, i) for i in range(count))
        await pilot.press("A")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert all(_read(app, i) for i in range(count))
        await pilot.press("A")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert "Nothing unread in this view." in _messages(app)
        await pilot.press("u")
        await pilot.pause()
        assert not any(_read(app, i) for i in range(count))


async def test_mark_all_read_marks_only_the_filtered_view(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        app.apply_query("Kinmen")
        await loaded(app, pilot)
        shown = set(app.article_list.rows or [])
        assert 0 < len(shown) < len(app.library.articles)
        await pilot.press("A")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        for index in range(len(app.library.articles)):
            assert _read(app, index) == (index in shown)


async def test_j_and_k_step_through_articles_from_the_reader(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("tab")
        await loaded(app, pilot)
        await pilot.press("J", "J")
        await loaded(app, pilot)
        assert app.reader.index == 2 and focused(app) is app.reader
        assert app.article_list.cursor == 2
        await pilot.press("K")
        await loaded(app, pilot)
        assert app.reader.index == 1
        await pilot.press("K", "K")
        assert app.reader.index == 0
        assert "This is the first article." in _messages(app)


async def test_space_at_the_end_goes_on_to_the_next_unread(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        app.store.mark_read(app.library.articles[1].id)
        await pilot.press("tab")
        await loaded(app, pilot)
        reader = app.reader
        pages = 0
        while reader.index == 0 and pages < 200:
            await pilot.press("space")
            await pilot.pause()
            pages += 1
        assert pages > 1, "Space pages through the article first"
        assert reader.index == 2, "then skips the read article 1"
        assert focused(app) is reader


async def test_n_without_a_search_opens_the_next_unread(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        for index in (1, 2):
            app.store.mark_read(app.library.articles[index].id)
        await pilot.press("enter")
        await loaded(app, pilot)
        await pilot.press("n")
        await loaded(app, pilot)
        assert app.reader.index == 3
        await pilot.press("p")  # 2, 1 and 0 (opened) are read: round to the last one
        await loaded(app, pilot)
        assert app.reader.index == 4
        await pilot.press("n", "n")
        await loaded(app, pilot)
        assert "No unread articles left in this view." in _messages(app)


async def test_bookmark_and_links_name_the_article_being_read(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("j", "tab")
        await loaded(app, pilot)
        app.article_list.cursor = 3
        await pilot.press("b")
        read = app.library.articles[1]
        assert app.store.is_bookmarked(read.id)
        assert not app.store.is_bookmarked(app.library.articles[3].id)
        assert any(m.startswith("Bookmarked “") and read.title[:20] in m for m in _messages(app))
        meta = app.store.meta(read.id)
        assert meta is not None and meta.saved_at is not None, "the reading list's order"
        for key in ("o", "y"):
            app.clear_notifications()
            await pilot.press(key)
            assert any("has no link" in m and read.title[:20] in m for m in _messages(app))


async def test_keys_with_nothing_to_do_say_so(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("escape", "right_square_bracket")
        assert "No search to clear." in _messages(app)
        assert "No article open." in _messages(app)


async def test_capital_s_cycles_the_order_and_the_status_line_says_it(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        status = app.query_one("#status", StatusLine)
        assert "file order" in status.shown.plain
        await pilot.press("j", "j")
        keep = app.article_list.current
        await pilot.press("S", "S")
        await loaded(app, pilot)
        assert app.library.sort == "title"
        titles = [app.library.articles[i].title.casefold() for i in app.article_list.rows or []]
        assert titles == sorted(titles) and len(titles) == len(app.library.articles)
        assert app.article_list.current == keep, "the cursor keeps its article"
        assert "by title" in status.shown.plain
        position = app.article_list.cursor + 1
        assert status.shown.plain.startswith(f" {position}/{len(titles)} · ")
        await pilot.press("S", "S")
        await loaded(app, pilot)
        assert app.library.sort == "file"


async def test_status_line_follows_the_cursor_and_counts_unread(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        status = app.query_one("#status", StatusLine)
        total = len(app.library.articles)
        assert status.shown.plain.startswith(f" 1/{total} · {total} unread")
        await pilot.press("j", "enter")
        await loaded(app, pilot)
        assert status.shown.plain.startswith(f" 2/{total} · {total - 1} unread")


async def test_r_reads_what_an_open_file_gained(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "cache").mkdir()
    app = NewsReaderApp(
        texts=[], paths=[str(path)], db_path=tmp_path / "db.json", cache_dir=tmp_path / "cache"
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        before = len(app.library.articles)
        await pilot.press("j", "j")
        keep = app.article_list.current
        await pilot.press("r")
        assert "Nothing new on disk" in _messages(app)
        with path.open("a", encoding="utf-8") as fh:
            fh.write("\n\n" + HARBOUR)
        await pilot.press("r")
        await loaded(app, pilot)
        assert len(app.library.articles) > before
        assert app.article_list.row_count == len(app.library.articles)
        assert app.article_list.current == keep, "the cursor stays on its article"
        assert any("new article(s) from news.txt" in m for m in _messages(app))
        app.apply_query("Okonkwo")
        await loaded(app, pilot)
        assert app.article_list.row_count >= 1, "the new articles are searchable"


async def test_tags_typed_with_a_hash_or_capitals_say_how_they_were_saved(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"#Hash, Cross Strait, kinmen")
        await pilot.press("enter")
        await pilot.pause()
        article = app.library.articles[0]
        assert sorted(app.store.tags_of(article.id)) == ["cross-strait", "hash", "kinmen"]
        notes = [m for m in _messages(app) if m.startswith("Tags are saved in one spelling")]
        assert notes == [
            "Tags are saved in one spelling: “#Hash” → hash, “Cross Strait” → cross-strait"
        ]
        assert "##" not in pane_text(app.article_list)


async def test_q_and_escape_close_the_sidebar_rather_than_quit(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        for key in ("q", "escape"):
            await pilot.press("s")
            await pilot.pause()
            assert focused(app) is app.sidebar
            await pilot.press(key)
            await pilot.pause()
            assert app.return_code is None and not app.sidebar.has_class("-visible")
            assert focused(app) is app.article_list


async def test_j_from_the_list_opens_the_one_after_the_cursor(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("J")  # nothing open: the article under the cursor
        await loaded(app, pilot)
        assert app.reader.index == 0 and focused(app) is app.article_list
        await pilot.press("j", "j", "J")
        await loaded(app, pilot)
        assert app.reader.index == 3 == app.article_list.cursor
