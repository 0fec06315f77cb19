"""Unit tests of the TUI's pure parts: document layout, tag edits, the key registry, safety."""

from __future__ import annotations

import asyncio

from textual.content import Content
from textual.style import Style

from newsreader.model import Analysis, Article, Entity, Quote, Span
from newsreader.tui.document import (
    MAX_CHARS_SHOWN,
    ROLES,
    Options,
    build_document,
    line_of_offset,
)
from newsreader.tui.keys import COMMANDS, bindings, by_id
from newsreader.tui.safe import one_line, visible
from newsreader.tui.screens.help import help_content
from newsreader.tui.screens.tag_editor import TagSuggester, apply_tag_edit

PARAGRAPHS = (
    "“Getting a Chinese ID is equivalent to pledging allegiance,” he said.",
    "Ho Cheng-hui (何澄輝) spoke in Kinmen on March 11 last year.",
    "“It will not stop here,” an official said. “Nor there,” she added.",
)
ARTICLE = Article("a1", "seed.txt", 3, 5, "Kinmen and the ID cards", None, False, PARAGRAPHS)
ANALYSIS = Analysis(
    quotes=(
        Quote("Getting a Chinese ID is equivalent to pledging allegiance,", "Ho Cheng-hui", "he",
              (Span(0, 1, 59),)),
        Quote("It will not stop here,", "an official", "an official", (Span(2, 1, 23),)),
        Quote("Nor there,", None, "she", (Span(2, 44, 54),)),
    ),
    entities=(
        Entity("Ho Cheng-hui", "PERSON", 1, 0, 12),
        Entity("Kinmen", "GPE", 1, 28, 34),
        Entity("March 11 last year", "DATE", 1, 38, 56),
    ),
)  # fmt: skip
STYLES = {role: Style(bold=True) for role in ROLES}


def test_spans_in_fixture_are_right() -> None:
    for quote in ANALYSIS.quotes:
        span = quote.spans[0]
        assert PARAGRAPHS[span.paragraph][span.start : span.end] == quote.text
    for entity in ANALYSIS.entities:
        assert PARAGRAPHS[entity.paragraph][entity.start : entity.end] == entity.text


def test_document_shows_title_source_lines_and_speakers() -> None:
    doc = build_document(ARTICLE, ANALYSIS, STYLES)
    text = doc.content.plain
    assert text.startswith("Kinmen and the ID cards\n")
    assert "seed.txt · lines 3–5 · 3 quotes · 3 entities" in text
    assert "allegiance,” — Ho Cheng-hui he said." in text
    assert "stop here,” — an official an official said." in text
    assert "“Nor there,” — speaker unknown she added." in text


def test_quote_offsets_point_at_the_quotes_after_insertions() -> None:
    doc = build_document(ARTICLE, ANALYSIS, STYLES)
    text = doc.content.plain
    assert len(doc.quote_offsets) == 3
    for offset, quote in zip(doc.quote_offsets, ANALYSIS.quotes, strict=True):
        assert text[offset : offset + len(quote.text)] == quote.text


def test_match_offsets_and_current_match_style() -> None:
    matches = (Span(1, 28, 34), Span(0, 11, 18))
    doc = build_document(ARTICLE, ANALYSIS, STYLES, Options(matches=matches, current_match=1))
    text = doc.content.plain
    assert [text[o : o + 6] for o in doc.match_offsets] == ["Kinmen", "Chines"]


def test_entity_and_quote_spans_are_styled_and_toggle_off() -> None:
    person = Style(foreground=None, italic=True)
    styles = {**STYLES, "person": person}
    doc = build_document(ARTICLE, ANALYSIS, styles)
    start = doc.content.plain.index("Ho Cheng-hui (")
    assert any(
        span.start == start and span.end == start + 12 and span.style == person
        for span in doc.content.spans
    )
    plain = build_document(ARTICLE, ANALYSIS, styles, Options(quotes=False, entities=False))
    assert "— Ho Cheng-hui" not in plain.content.plain
    assert not any(span.style == person for span in plain.content.spans)


def test_markup_stays_literal() -> None:
    hostile = Article(
        "h", "h.txt", 1, 1, "[bold]x[/]", None, False, ("[@click=app.quit]q[/] [link=x]y[/link]",)
    )
    doc = build_document(hostile, None, STYLES)
    assert "[bold]x[/]" in doc.content.plain
    assert "[@click=app.quit]q[/] [link=x]y[/link]" in doc.content.plain
    assert "analysing…" in doc.content.plain


def test_spans_beyond_the_text_are_ignored() -> None:
    bad = Analysis(entities=(Entity("x", "ORG", 7, 0, 3), Entity("y", "ORG", 0, 60, 999)))
    doc = build_document(ARTICLE, bad, STYLES)
    assert all(span.end <= len(doc.content.plain) for span in doc.content.spans)


def test_a_huge_article_is_cut_for_display() -> None:
    huge = Article("big", "big.txt", 1, 1, "Big", None, False, ("word " * 100_000,))
    doc = build_document(huge, None, STYLES)
    assert len(doc.content.plain) < MAX_CHARS_SHOWN + 1000
    assert "more characters not shown" in doc.content.plain


def test_headline_paragraph_is_not_repeated() -> None:
    article = Article("h", "s", 1, 2, "Quake hits", "Quake hits", False, ("Quake hits", "Body."))
    text = build_document(article, None, STYLES).content.plain
    assert text.count("Quake hits") == 1


def test_line_of_offset_follows_wrapping() -> None:
    content = Content("alpha beta gamma delta epsilon\n\nzeta eta theta")
    lines = content.wrap(11)
    plain = content.plain
    for word in ("alpha", "gamma", "epsilon", "zeta", "theta"):
        line = line_of_offset(content, lines, plain.index(word))
        assert word in lines[line].plain


def test_apply_tag_edit() -> None:
    assert apply_tag_edit([], "Defence, kinmen") == ("defence", "kinmen")
    assert apply_tag_edit(["defence", "kinmen"], "-kinmen, +china") == ("china", "defence")
    assert apply_tag_edit(["a"], " , -, +,") == ("a",)
    assert apply_tag_edit([], "cross  strait") == ("cross-strait",)


def test_tag_suggester_completes_the_last_item() -> None:
    suggester = TagSuggester(["defence", "kinmen", "diplomacy"])

    def suggest(value: str) -> str | None:
        return asyncio.run(suggester.get_suggestion(value))

    assert suggest("de") == "defence"
    assert suggest("kinmen, di") == "kinmen, diplomacy"
    assert suggest("a, -ki") == "a, -kinmen"
    assert suggest("kinmen,") is None
    assert suggest("") is None
    assert suggest("zz") is None


def test_registry_ids_are_unique_and_bindings_carry_them() -> None:
    ids = [command.id for command in COMMANDS]
    assert len(ids) == len(set(ids))
    for scope in ("app", "list", "reader"):
        for binding in bindings(scope):
            assert by_id(binding.id or "").key == binding.key  # type: ignore[union-attr]


def test_help_lists_every_command() -> None:
    text = help_content().plain
    for command in COMMANDS:
        assert f"{command.key_display}" in text
        assert command.description in text


def test_keys_users_expect() -> None:
    assert by_id("search").key == "slash"
    assert by_id("bookmark").key == "b"
    assert by_id("tag").key == "t"
    assert by_id("help").key == "question_mark"
    assert by_id("quit").key == "q"
    assert by_id("palette").key == "ctrl+p"
    assert "j" in by_id("cursor_down").key and "G" in by_id("last").key


def test_visible_keeps_length_and_removes_controls() -> None:
    text = "a\x1b[31mb\x07c\u202ed\x9be\tf\ng"
    shown = visible(text)
    assert len(shown) == len(text)
    assert not any(ch in shown for ch in "\x1b\x07\u202e\x9b\t")
    assert "\n" in shown
    assert "\n" not in one_line(text)
    assert visible("plain text") == "plain text"


def test_speaker_goes_after_the_closing_mark_past_punctuation() -> None:
    article = Article("p", "s", 1, 1, "T", None, False, ("“We are ready,” he said.",))
    quote = Quote("We are ready", "Ho", "he", (Span(0, 1, 13),))
    text = build_document(article, Analysis(quotes=(quote,)), STYLES).content.plain
    assert "“We are ready,” — Ho he said." in text
