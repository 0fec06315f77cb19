"""The settings in the TUI: remapped keys work and show in the key bar, help and palette; the
configured theme applies and a theme chosen later is remembered; colours and problems."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.config import load_config
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.commands import KeyCommands
from newsreader.tui.keys import by_id, registry_rows, remap
from newsreader.tui.screens.help import help_content
from newsreader.tui.widgets.key_bar import KeyBar
from tests.tui.pilot_helpers import SAMPLE, loaded


@pytest.fixture(autouse=True)
def _default_keys() -> Iterator[None]:
    yield
    remap({})  # the registry is the process's: leave it as the other tests expect


def _app(tmp_path: Path, text: str) -> NewsReaderApp:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "cache").mkdir(exist_ok=True)
    return NewsReaderApp(
        texts=[(SAMPLE.name, SAMPLE.read_text(encoding="utf-8"))],
        db_path=tmp_path / "db.json",
        cache_dir=tmp_path / "cache",
        config=load_config(path, commands=registry_rows()),
    )


async def test_a_remapped_key_works_and_shows_everywhere(tmp_path: Path) -> None:
    app = _app(tmp_path, '[keys]\nbookmark = "B"\nhelp = "f1"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        first = app.library.articles[0].id
        await pilot.press("b")
        assert not app.store.is_bookmarked(first), "b is no longer bookmark"
        await pilot.press("B")
        assert app.store.is_bookmarked(first)
        bar = str(app.query_one(KeyBar).render())
        assert " B  Bookmark " in bar and " F1  Help " in bar.replace("f1", "F1")
        assert by_id("bookmark").key_display == "B"
        help_text = help_content().plain
        assert "B  Bookmark" in help_text
        entries = KeyCommands(app.screen)._entries()
        bookmark = next(help_text for name, help_text, _ in entries if name == "Bookmark")
        assert "(key: B)" in bookmark


async def test_the_configured_theme_applies_and_a_new_one_is_remembered(tmp_path: Path) -> None:
    app = _app(tmp_path, '# my settings\ntheme = "nord"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        assert app.theme == "nord"
        app.theme = "gruvbox"  # what ctrl+p > Change theme does
        await pilot.pause()
    saved = (tmp_path / "config.toml").read_text(encoding="utf-8")
    assert saved == '# my settings\ntheme = "gruvbox"\n'


async def test_config_problems_are_shown_and_the_rest_applies(tmp_path: Path) -> None:
    app = _app(tmp_path, 'theme = "no-such"\n[colours]\nperson = "#ff0000"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        shown = [str(n.message) for n in app._notifications]
        assert any("unknown theme 'no-such'" in m for m in shown)
        style = app.reader.get_component_rich_style("reader--person")
        assert style.color is not None and style.color.triplet is not None
        assert style.color.triplet.hex == "#ff0000"


async def test_a_broken_config_gives_one_error_and_the_defaults(tmp_path: Path) -> None:
    app = _app(tmp_path, "theme = \n")
    for message in app.config.messages():
        app._messages.append((message, "error"))  # as the CLI passes them on
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        shown = [str(n.message) for n in app._notifications if "config.toml" in str(n.message)]
        assert len(shown) == 1 and "not valid TOML" in shown[0]
        assert app.theme == "textual-dark"
