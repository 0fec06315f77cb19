"""Every built-in Textual theme keeps the reader legible (issue 13): the WCAG contrast of the
text, of quotes and of each entity category against the reader's background, as drawn.

The ANSI themes are left out: they draw with the terminal's own palette, whose colours are
not known to the app (their highlights are ANSI colours, see ``tui/colours.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import Color as RichColor
from textual.color import Color
from textual.theme import BUILTIN_THEMES

from newsreader.tui.colours import contrast, legible
from newsreader.tui.document import LEGEND
from tests.tui.pilot_helpers import loaded, make_app

THEMES = sorted(name for name in BUILTIN_THEMES if not name.startswith("ansi"))
HIGHLIGHTS = (
    "quote", "quote-current", "speaker", "mention", "meta", "legend", "notice", "title",
    *(role for role, _ in LEGEND),
)  # fmt: skip


def _colour(rich: RichColor | None) -> Color:
    assert rich is not None and rich.triplet is not None, rich
    return Color(*rich.triplet)


async def test_every_theme_keeps_text_quotes_and_entities_legible(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    failures: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("enter")
        await loaded(app, pilot)
        reader = app.reader
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            background = reader.background_colors[1]
            text = _colour(reader.rich_style.color)
            if (ratio := contrast(text, background)) < 4.5:
                failures.append(f"{theme}: text {ratio:.2f}")
            for role in HIGHLIGHTS:
                style = reader.get_component_rich_style(f"reader--{role}")
                on = background
                if style.bgcolor is not None and style.bgcolor.triplet is not None:
                    on = Color(*style.bgcolor.triplet)
                ratio = contrast(_colour(style.color), on)
                if ratio < 3.0:
                    failures.append(f"{theme}: {role} {ratio:.2f}")
    assert failures == []


def test_the_highlight_search_reaches_its_target_on_hard_backgrounds() -> None:
    for background in ("#808080", "#ffffff", "#000000", "#fdf6e3", "#e0e0e0"):
        for hue in (0, 42, 130, 210, 275):
            colour = legible(hue, 0.8, Color.parse(background))
            assert contrast(colour, Color.parse(background)) >= 4.5, (background, hue)


@pytest.mark.parametrize("theme", ["textual-light", "solarized-light"])
async def test_light_themes_do_not_use_the_dark_palette(tmp_path: Path, theme: str) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        await loaded(app, pilot)
        quote = _colour(app.reader.get_component_rich_style("reader--quote").color)
        assert quote.brightness < 0.5, "a dark ink on a light page"


async def test_no_color_keeps_every_category_distinguishable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        assert app.has_class("-no-color")
        looks = {}
        for role in ("quote", *(role for role, _ in LEGEND)):
            style = app.reader.get_component_rich_style(f"reader--{role}")
            looks[role] = (style.bold, style.italic, style.underline, style.dim, style.reverse)
        assert len(set(looks.values())) == len(looks), looks
        assert all(any(look) for look in looks.values()), "plain text would hide it"


def test_help_explains_the_legend() -> None:
    from newsreader.tui.screens.help import LEGEND_HELP

    for _, category in LEGEND:
        assert category in LEGEND_HELP
    assert "NO_COLOR" in LEGEND_HELP and "[who]" in LEGEND_HELP
