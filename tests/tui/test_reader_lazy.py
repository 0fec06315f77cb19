"""The reader wraps only the paragraphs on screen: it must still draw, scroll and jump exactly as
if the whole article had been wrapped as one ``Content``.

Each app gets its own database and cache under ``tmp_path``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.strip import Strip
from textual.style import Style

from newsreader.model import Article, Span
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.document import (
    BLOCK_SEPARATOR,
    ROLES,
    Options,
    build_document,
    line_of_offset,
    wrapped_height,
)
from newsreader.tui.messages import SearchDone
from newsreader.tui.widgets.reader import Reader

STYLES = {role: Style(bold=True) for role in ROLES}

# fmt: off
WORDS = [
    "harbour", "tide", "ferry", "council", "minister", "Kinmen", "budget", "storm", "the", "of",
    "and", "a", "to", "in", "extraordinarily-long-hyphenated-compound-word", "台灣海峽",
    "weather",
]
# fmt: on


def paragraph(seed: int, words: int) -> str:
    """Deterministic prose of varied word lengths (a CJK word and a very long one included)."""
    out = [WORDS[(seed * 7 + k * 13 + k * k) % len(WORDS)] for k in range(words)]
    if seed % 5 == 0:
        out.insert(words // 2, "needle")
    text = " ".join(out).capitalize() + "."
    if seed % 7 == 3:
        text += f" “The {WORDS[seed % 6]} will reopen when the storm passes,” she said."
    return text


def long_story(paragraphs: int = 60) -> str:
    lines = [
        "Storm closes Kinmen harbour for a week",
        "Harbour master Mira Okonkwo spoke to reporters on Monday.",
    ]
    lines.extend(paragraph(n, 20 + (n * 11) % 90) for n in range(paragraphs))
    return "\n".join(lines) + "\n"


async def loaded(app: NewsReaderApp, pilot: Pilot[Any]) -> None:
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def make_app(tmp_path: Path) -> NewsReaderApp:
    short = "Ferry timetable changes\nThe ferry leaves at nine from now on.\n"
    cache = tmp_path / "cache"
    cache.mkdir(exist_ok=True)
    return NewsReaderApp(
        texts=[("long.txt", long_story()), ("short.txt", short)],
        db_path=tmp_path / "db.json",
        cache_dir=cache,
    )


def cells(strip: Strip) -> list[tuple[str, Any]]:
    """Each character drawn with its style (segments may be cut differently)."""
    return [(char, segment.style) for segment in strip for char in segment.text]


def drawn_lines(reader: Reader) -> list[list[tuple[str, Any]]]:
    """Every line of the reader as drawn, scrolling through it a screen at a time."""
    height = reader.scrollable_content_region.height
    out = []
    for top in range(0, reader.virtual_size.height, height):
        reader.scroll_to(y=top, animate=False, immediate=True)
        assert reader.scroll_offset.y == min(top, reader.max_scroll_y)
        for y in range(height):
            number = reader.scroll_offset.y + y
            if number < top or number >= reader.virtual_size.height:
                continue
            out.append(cells(reader.render_line(y)))
    return out


def whole_lines(reader: Reader) -> list[list[tuple[str, Any]]]:
    """The same lines from wrapping the whole document at once (what the reader used to do)."""
    width = reader.scrollable_content_region.width
    out = []
    for line in reader.document.content.wrap(width):
        segments = list(line.render_segments(reader.visual_style))
        strip = Strip(segments, line.cell_length).adjust_cell_length(width, reader.rich_style)
        out.append(cells(strip))
    return out


# -- the line count ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "one",
        "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu",
        "x" * 250,
        "a " * 90,
        "trailing spaces      ",
        "   leading spaces and  double  spaces",
        "line one\nline two is a little longer than the first\n\nafter a blank",
        "何澄輝說" * 40,
        "mixed 台灣 words and 海峽 wide ones " * 8,
        "emoji 🙂🙂 in 🙂 text " * 10,
        "ends with a newline\n",
        "tab\tin\tthe\ttext " * 6,
        "extraordinarily-long-hyphenated-compound-word " * 6,
    ],
)
@pytest.mark.parametrize("width", [1, 2, 7, 11, 40, 116])
def test_wrapped_height_counts_the_lines_wrap_makes(text: str, width: int) -> None:
    content = Content(text)
    assert wrapped_height(content, width) == len(content.wrap(width))


def test_blocks_join_to_the_whole_text_and_offsets_find_them() -> None:
    paragraphs = tuple(paragraph(n, 30) for n in range(6))
    article = Article("a", "a.txt", 1, 6, "Title", None, False, paragraphs)
    doc = build_document(article, None, STYLES)
    plain = doc.content.plain
    assert plain == BLOCK_SEPARATOR.join(block.plain for block in doc.blocks) == doc.plain
    assert len(doc.blocks) == 1 + len(paragraphs)
    for number, offset in enumerate(doc.paragraph_offsets):
        assert doc.block_at(offset) == (number + 1, 0)
        assert plain[offset : offset + len(paragraphs[number])] == paragraphs[number]
    block, inner = doc.block_at(doc.paragraph_offsets[2] + 5)
    assert (block, inner) == (3, 5)


def test_line_of_offset_within_a_block_matches_the_whole_document() -> None:
    paragraphs = tuple(paragraph(n, 60) for n in range(5))
    article = Article("a", "a.txt", 1, 5, "Title", None, False, paragraphs)
    matches = tuple(Span(p, 10, 16) for p in range(5))
    doc = build_document(article, None, STYLES, Options(matches=matches))
    width = 23
    lines = doc.content.wrap(width)
    start = 0
    starts = []
    for piece in doc.blocks:
        starts.append(start)
        start += len(piece.wrap(width)) + 1
    for offset in doc.match_offsets:
        block, inner = doc.block_at(offset)
        blockwise = starts[block] + line_of_offset(
            doc.blocks[block], doc.blocks[block].wrap(width), inner
        )
        assert blockwise == line_of_offset(doc.content, lines, offset)


# -- in the app --------------------------------------------------------------------------------


async def test_every_line_is_drawn_as_the_whole_wrap_would_draw_it(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(70, 24)) as pilot:
        await loaded(app, pilot)
        app.apply_query("needle")
        await loaded(app, pilot)
        await pilot.press("enter")
        await loaded(app, pilot)
        reader = app.reader
        assert reader.index == 0 and reader.analysis is not None and reader.matches
        expected = whole_lines(reader)
        assert reader.virtual_size.height == len(expected)
        assert drawn_lines(reader) == expected
        # Narrower: every paragraph is counted and wrapped again at the new width.
        await pilot.resize_terminal(52, 24)
        await pilot.pause()
        expected = whole_lines(reader)
        assert reader.virtual_size.height == len(expected)
        assert drawn_lines(reader) == expected


async def test_n_and_next_quote_scroll_to_the_line_showing_them(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(70, 20)) as pilot:
        await loaded(app, pilot)
        app.apply_query("needle")
        await loaded(app, pilot)
        await pilot.press("tab")
        await loaded(app, pilot)
        reader = app.reader
        width = reader.scrollable_content_region.width
        content = reader.document.content
        lines = content.wrap(width)
        count = len(reader.matches)
        assert count >= 5
        for number in range(count):
            await pilot.press("n")
            await pilot.pause()
            assert reader.current_match == number
            offset = reader.document.match_offsets[number]
            line = line_of_offset(content, lines, offset)
            assert reader.scroll_offset.y == min(max(0, line - 2), reader.max_scroll_y)
            drawn = reader.render_line(line - reader.scroll_offset.y).text
            assert drawn.rstrip() == lines[line].plain.rstrip()
            assert "needle" in drawn.casefold()
        # The quotes, after the speakers' names were put in ("she [Mira Okonkwo] said").
        assert reader.analysis is not None and len(reader.analysis.quotes) >= 5
        assert "[Mira Okonkwo]" in reader.text
        text = reader.text
        for number, quote in enumerate(reader.analysis.quotes):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert reader.current_quote == number
            offset = reader.document.quote_offsets[number]
            assert text[offset : offset + len(quote.text)] == quote.text
            line = line_of_offset(content, lines, offset)
            assert reader.scroll_offset.y == min(max(0, line - 2), reader.max_scroll_y)
            drawn = reader.render_line(line - reader.scroll_offset.y).text
            assert drawn.rstrip() == lines[line].plain.rstrip() != ""


async def test_a_search_repaints_the_list_before_finding_the_matches(tmp_path: Path) -> None:
    """The open article's matches are found after the list is repainted, yet n right after
    the result still goes to the first one."""
    app = make_app(tmp_path)
    async with app.run_test(size=(70, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("enter")
        await loaded(app, pilot)
        calls: list[int] = []
        spans = app.library.spans

        def counted(index: int, text: str) -> list[Span]:
            calls.append(index)
            return spans(index, text)

        app.library.spans = counted  # type: ignore[method-assign]
        search = app.searcher.state
        search.text = "needle"
        search.generation += 1
        app.on_search_done(SearchDone("needle", search.generation, [0]))
        assert app.article_list.rows == [0]
        assert calls == [] and app.reader.matches == ()
        await pilot.pause()
        assert calls == [0] and app.reader.matches
        assert app.reader.current_match is None

        # Again, but n comes before the repaint: the matches are found there and then.
        search.text = "harbour"
        search.generation += 1
        app.on_search_done(SearchDone("harbour", search.generation, [0]))
        app.action_next_match()
        assert calls == [0, 0]
        assert app.reader.current_match == 0
        offset = app.reader.document.match_offsets[0]
        assert app.reader.text[offset : offset + 7].casefold() == "harbour"
        await pilot.pause()
        assert calls == [0, 0], "the deferred search found nothing left to do"
        assert app.reader.current_match == 0


async def test_opening_with_a_query_highlights_the_matches_after_the_first_paint(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(70, 24)) as pilot:
        await loaded(app, pilot)
        app.apply_query("needle")
        await loaded(app, pilot)
        app.open_article(0)
        assert app.reader.index == 0
        await loaded(app, pilot)
        assert app.reader.matches
        assert all(
            app.reader.text[o : o + 6].casefold() == "needle"
            for o in app.reader.document.match_offsets
        )
        # Moving on before the deferred work ran: the next article's matches, not these.
        app.open_article(0)
        app.open_article(1)
        await loaded(app, pilot)
        assert app.reader.index == 1
        assert app.reader.matches == ()
        assert app.reader.analysis is not None


async def test_marking_read_redraws_only_through_the_rows_own_marks(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(70, 24)) as pilot:
        await loaded(app, pilot)
        listing = app.article_list
        before = [listing.render_line(y).text for y in range(2)]
        assert all("●" in row for row in before)
        await pilot.press("enter")
        await loaded(app, pilot)
        after = [listing.render_line(y).text for y in range(2)]
        assert "●" not in after[0] and "●" in after[1]
        app.store.set_bookmark(app.library.articles[1].id, True, None)
        listing.refresh()
        assert "★" in listing.render_line(1).text


def test_rich_line_breaker_is_used_only_on_the_rich_it_was_checked_with() -> None:
    """Canary: ``wrapped_height`` borrows Rich's private line breaker on the version it was
    checked with (``test_wrapped_height_counts_the_lines_wrap_makes`` checks it); any other
    Rich wraps for real."""
    from newsreader.tui import document
    from newsreader.tui.versions import rich_version

    assert rich_version() == document.RICH_WRITTEN_FOR, "re-check document.wrapped_height"
    assert document._line_breaker() is not None
    assert document.line_breaker_for("16.0.0") is None
