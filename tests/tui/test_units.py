"""Unit tests of the TUI's pure parts: document layout, tag edits, the key registry, safety."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from textual.content import Content
from textual.style import Style

from newsreader.model import (
    CATEGORIES,
    ENTITY_LABELS,
    PLACE_LABELS,
    Analysis,
    Article,
    Entity,
    Quote,
    Span,
)
from newsreader.tags import normalise_tag
from newsreader.tui.document import (
    LEGEND,
    MAX_CHARS_SHOWN,
    MAX_PARAGRAPH_CHARS,
    MAX_PARAGRAPHS_SHOWN,
    ROLES,
    Options,
    build_document,
    entity_role,
    line_of_offset,
)
from newsreader.tui.keys import COMMANDS, SCOPE_TITLES, bindings, by_id
from newsreader.tui.safe import one_line, visible
from newsreader.tui.screens.help import help_content, help_rows
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
              (Span(0, 1, 59),), Span(0, 61, 63)),
        Quote("It will not stop here,", "an official", "an official", (Span(2, 1, 23),),
              Span(2, 25, 36)),
        Quote("Nor there,", None, "she", (Span(2, 44, 54),), Span(2, 56, 59)),
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
    deep = Article("d", "/news/2024/03/wire.txt", 1, 1, "T", None, False, ("Body.",))
    assert "\nwire.txt · line 1 · analysing…\n" in build_document(deep, None, STYLES).content.plain
    assert "allegiance,” he [Ho Cheng-hui] said." in text
    assert "stop here,” an official said." in text
    assert "“Nor there,” she [speaker unknown] added." in text


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


def test_a_huge_paragraph_is_cut_and_the_next_one_still_shown() -> None:
    huge = "word " * 100_000
    article = Article("big", "big.txt", 1, 2, "Big", None, False, (huge, "After the flood."))
    doc = build_document(article, None, STYLES)
    text = doc.content.plain
    assert len(text) < MAX_PARAGRAPH_CHARS + 1000
    hidden = len(huge) - MAX_PARAGRAPH_CHARS
    assert f"… {hidden:,} more characters of this paragraph not shown" in text
    assert text.endswith("After the flood.")
    assert text[doc.paragraph_offsets[1] :] == "After the flood."


def test_all_text_and_paragraph_counts_are_capped() -> None:
    lines = tuple(f"line {n}" for n in range(MAX_PARAGRAPHS_SHOWN + 500))
    doc = build_document(Article("m", "m.txt", 1, 1, "M", None, False, lines), None, STYLES)
    text = doc.content.plain
    assert len(doc.paragraph_offsets) == MAX_PARAGRAPHS_SHOWN
    hidden = sum(len(line) for line in lines[MAX_PARAGRAPHS_SHOWN:])
    assert text.endswith(f"… 500 more paragraphs ({hidden:,} characters) not shown")
    wide = ("x" * MAX_PARAGRAPH_CHARS,) * 3
    doc = build_document(Article("w", "w.txt", 1, 3, "W", None, False, wide), None, STYLES)
    assert len(doc.paragraph_offsets) == MAX_CHARS_SHOWN // MAX_PARAGRAPH_CHARS
    assert doc.content.plain[doc.paragraph_offsets[0] :].count("x") == MAX_CHARS_SHOWN


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


@pytest.mark.parametrize("typed", ["Cross Strait", " New\u3000York ", "ÉTÉ\x1fx", "a\u00a0b"])
def test_tag_editor_spells_tags_as_the_store_does(typed: str) -> None:
    assert apply_tag_edit([], typed) == (normalise_tag(typed),)


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
    for scope in SCOPE_TITLES:
        for binding in bindings(scope):
            assert by_id(binding.id or "").key == binding.key  # type: ignore[union-attr]
    # Keys an Input or an OptionList handles itself are documented, never bound (a binding
    # would not fire).
    unbound = [command for command in COMMANDS if not command.bound]
    assert unbound and all(command.scope in ("tags", "links") for command in unbound)
    assert not {b.id for b in bindings("tags")} & {c.id for c in unbound}  # type: ignore[union-attr]


def test_help_lists_every_command() -> None:
    text = help_content().plain
    for command in COMMANDS:
        assert f"{command.key_display}" in text
        assert command.description in text
    titles = [title for title, *_ in help_rows()]
    assert list(dict.fromkeys(titles)) == list(SCOPE_TITLES.values())


def test_keys_users_expect() -> None:
    assert by_id("search").key == "slash"
    assert by_id("bookmark").key == "b"
    assert by_id("tag").key == "t"
    assert by_id("help").key == "question_mark"
    assert by_id("quit").key == "q,Q"
    assert by_id("palette").key == "ctrl+p"
    assert "j" in by_id("cursor_down").key and "G" in by_id("last").key


def test_newsboat_keys() -> None:
    """The newsboat habits of issue 13, and where vim's N (previous match) went."""
    expected = {
        "back": "q",
        "reader_escape": "escape",
        "toggle_read": "N",
        "mark_all_read": "A",
        "next_article": "J",
        "previous_article": "K",
        "reader_space": "space",
        "undo": "u",
        "sort": "S",
        "open_link": "o",
        "copy_link": "y",
        "next_match": "n",
        "previous_match": "p",
    }
    assert {key: by_id(key).key for key in expected} == expected
    assert by_id("back").scope == "reader" and by_id("quit").scope == "app"
    assert "p" in by_id("previous_match").explanation and "N" in by_id("previous_match").help


def test_no_key_is_bound_twice_in_one_scope() -> None:
    for scope in SCOPE_TITLES:
        keys = [key for c in COMMANDS if c.scope == scope and c.bound for key in c.key.split(",")]
        assert len(keys) == len(set(keys)), scope


def test_the_whole_story_keys_have_one_meaning_each() -> None:
    """f/F (the whole story), l (links) and 1…9 (link n) are bound once, to those commands."""
    owners: dict[str, list[str]] = {}
    for c in COMMANDS:
        if c.scope in ("app", "list", "reader"):
            for key in c.key.split(","):
                owners.setdefault(key, []).append(c.id)
    assert owners["f"] == ["full_text"] and owners["F"] == ["feed_text"]
    assert owners["l"] == ["links"]
    assert all(owners[digit] == ["link_number"] for digit in "123456789")


def test_visible_keeps_length_and_removes_controls() -> None:
    text = "a\x1b[31mb\x07c\u202ed\x9be\tf\ng"
    shown = visible(text)
    assert len(shown) == len(text)
    assert not any(ch in shown for ch in "\x1b\x07\u202e\x9b\t")
    assert "\n" in shown
    assert "\n" not in one_line(text)
    assert visible("plain text") == "plain text"


# -- where the speaker is shown ---------------------------------------------------------------

MENTION = Style(underline=True, italic=True)
DIM = Style(dim=True)
SPEAKER_STYLES = {**STYLES, "mention": MENTION, "speaker": DIM}


def _one(paragraphs: tuple[str, ...], *quotes: Quote, **options: object) -> tuple[str, Content]:
    """The body of a one-article document (the paragraphs, without the header), styled."""
    article = Article("s", "s.txt", 1, len(paragraphs), "T", None, False, paragraphs)
    doc = build_document(
        article,
        Analysis(quotes=quotes),
        SPEAKER_STYLES,
        Options(**options),  # type: ignore[arg-type]
    )
    body = doc.content[doc.paragraph_offsets[0] :]
    return body.plain, body


def _quote(
    paragraph: str, words: str, speaker: str | None, mention: str | None, at: int | None = None
) -> Quote:
    """A quote of ``words`` whose mention is written at ``at`` (default: where it first is)."""
    start = paragraph.index(words)
    found = paragraph.find(mention) if mention and at is None else at
    where = Span(0, found, found + len(mention)) if mention and found not in (None, -1) else None
    return Quote(words, speaker, mention, (Span(0, start, start + len(words)),), where)


def _styled(content: Content, style: Style) -> list[str]:
    plain = content.plain
    return [plain[span.start : span.end] for span in content.spans if span.style == style]


def test_mention_that_names_the_speaker_is_styled_and_nothing_is_added() -> None:
    text = "“The ferry will run again in June,” the Harbour Office said on Friday."
    quote = _quote(
        text, "The ferry will run again in June,", "harbour office", "the Harbour Office"
    )
    body, content = _one((text,), quote)
    assert body == text
    assert _styled(content, MENTION) == ["the Harbour Office"]
    # "a source" and "the source" are the same speaker; so is a title before the name.
    text = "To “blur the border,” a source said."
    body, _ = _one((text,), _quote(text, "blur the border,", "the source", "a source"))
    assert body == text
    text = "“Not yet,” spokeswoman Mira Okonkwo said."
    body, _ = _one((text,), _quote(text, "Not yet,", "Mira Okonkwo", "spokeswoman Mira Okonkwo"))
    assert body == text


def test_a_pronoun_or_surname_gets_the_name_in_brackets_after_it() -> None:
    text = "“We need more boats,” she said, and Okonkwo left."
    body, content = _one((text,), _quote(text, "We need more boats,", "Mira Okonkwo", "she"))
    assert body == "“We need more boats,” she [Mira Okonkwo] said, and Okonkwo left."
    assert _styled(content, MENTION) == ["she"]
    assert _styled(content, DIM) == ["[Mira Okonkwo]"]
    text = "Okonkwo said: “The pier is finished.”"
    body, _ = _one((text,), _quote(text, "The pier is finished.", "Mira Okonkwo", "Okonkwo"))
    assert body == "Okonkwo [Mira Okonkwo] said: “The pier is finished.”"
    text = "“Closed,” the ministry said."
    body, _ = _one((text,), _quote(text, "Closed,", "Ministry of Transport", "the ministry"))
    assert body == "“Closed,” the ministry [Ministry of Transport] said."


def test_the_mention_is_shown_where_the_analysis_found_it() -> None:
    text = "She arrived at dawn. “She is late, she always is,” she said."
    quote = _quote(text, "She is late, she always is,", "Mira Okonkwo", "she", text.rindex("she"))
    body, _ = _one((text,), quote)
    assert body == "She arrived at dawn. “She is late, she always is,” she [Mira Okonkwo] said."
    text = "Okonkwo spoke first. Later, in the hall, Okonkwo said: “Again.” At last Okonkwo sat."
    at = text.index("Okonkwo said")
    body, _ = _one((text,), _quote(text, "Again.", "Mira Okonkwo", "Okonkwo", at))
    assert "hall, Okonkwo [Mira Okonkwo] said: “Again.” At last Okonkwo sat." in body
    assert body.count("[Mira Okonkwo]") == 1
    # Not the same words nearer the quote: the words the analysis attributed it to.
    text = "Okonkwo said: “Again.” Okonkwo sat."
    body, _ = _one((text,), _quote(text, "Again.", "Mira Okonkwo", "Okonkwo", 0))
    assert body == "Okonkwo [Mira Okonkwo] said: “Again.” Okonkwo sat."


def test_a_mention_the_text_shown_does_not_hold_gets_a_dash() -> None:
    text = "“Fine,” Lin said."
    body, _ = _one((text,), _quote(text, "Fine,", "Lin Mei-hua", "Lin", text.index("said")))
    assert body == "“Fine,” — Lin Mei-hua Lin said."


def test_a_continued_quote_or_a_lost_mention_gets_a_dash_after_the_mark() -> None:
    first = "“The water rose fast,” Okonkwo said."
    second = "“Nobody had seen it so high.”"
    quotes = (
        _quote(first, "The water rose fast,", "Mira Okonkwo", "Okonkwo"),
        Quote("Nobody had seen it so high.", "Mira Okonkwo", None, (Span(1, 1, 28),)),
    )
    body, content = _one((first, second), *quotes)
    assert body.endswith("“Nobody had seen it so high.” — Mira Okonkwo")
    assert "[" not in body.split("\n\n")[1]
    assert _styled(content, DIM)[-1] == "— Mira Okonkwo"
    text = "“Fine,” said the mayor."  # the finder's mention is not in the text
    body, _ = _one((text,), _quote(text, "Fine,", "Lin Mei-hua", "Mayor Lin"))
    assert body == "“Fine,” — Lin Mei-hua said the mayor."
    body, _ = _one((text,), _quote(text, "Fine,", None, None))
    assert body == "“Fine,” — speaker unknown said the mayor."


def test_two_quotes_on_one_mention_show_it_once() -> None:
    text = "“Go home,” Okonkwo said. “Stay dry.”"
    quotes = (
        _quote(text, "Go home,", "Mira Okonkwo", "Okonkwo"),
        _quote(text, "Stay dry.", "Mira Okonkwo", "Okonkwo"),
    )
    body, _ = _one((text,), *quotes)
    assert body == "“Go home,” Okonkwo [Mira Okonkwo] said. “Stay dry.”"


def test_speakers_are_not_shown_when_quotes_are_off() -> None:
    text = "“We need more boats,” she said."
    body, content = _one((text,), _quote(text, "We need more boats,", "Mira", "she"), quotes=False)
    assert body == text
    assert not _styled(content, MENTION)


def test_inserted_names_keep_every_other_offset_right() -> None:
    text = "“Rain,” he said. Okonkwo met Chen in Kinmen. “Sun,” Okonkwo said in Kinmen."
    quotes = (
        _quote(text, "Rain,", "Mira Okonkwo", "he"),
        _quote(text, "Sun,", "Mira Okonkwo", "Okonkwo", text.index("Okonkwo said")),
    )
    kinmen = [m.start() for m in re.finditer("Kinmen", text)]
    entities = tuple(Entity("Kinmen", "GPE", 0, at, at + 6) for at in kinmen)
    matches = tuple(Span(0, at, at + 6) for at in kinmen)
    article = Article("o", "o.txt", 1, 1, "T", None, False, (text,))
    place = Style(bold=True, italic=True)
    styles = {**SPEAKER_STYLES, "place": place}
    doc = build_document(
        article, Analysis(quotes=quotes, entities=entities), styles, Options(matches=matches)
    )
    plain = doc.content.plain
    assert plain.count("[Mira Okonkwo]") == 2
    assert [plain[at : at + 6] for at in doc.match_offsets] == ["Kinmen", "Kinmen"]
    assert [plain[at : at + 4] for at in doc.quote_offsets] == ["Rain", "Sun,"]
    body = doc.content[doc.paragraph_offsets[0] :]
    assert _styled(body, place) == ["Kinmen", "Kinmen"]
    assert _styled(body, MENTION) == ["he", "Okonkwo"]
    assert _styled(body, DIM) == ["[Mira Okonkwo]", "[Mira Okonkwo]"]


def test_speaker_goes_after_the_closing_mark_past_punctuation() -> None:
    article = Article("p", "s", 1, 1, "T", None, False, ("“We are ready,” he said.",))
    quote = Quote("We are ready", "Ho", "he", (Span(0, 1, 13),), Span(0, 16, 18))
    text = build_document(article, Analysis(quotes=(quote,)), STYLES).content.plain
    assert "“We are ready,” he [Ho] said." in text
    no_mention = Quote("We are ready", "Ho", None, (Span(0, 1, 13),))
    text = build_document(article, Analysis(quotes=(no_mention,)), STYLES).content.plain
    assert "“We are ready,” — Ho he said." in text


def test_reader_colours_entities_by_the_one_label_map() -> None:
    """Every label gets a styled role, places look alike, and the legend names each category."""
    assert {entity_role(label) for label in ENTITY_LABELS} <= set(ROLES)
    assert {entity_role(label) for label in PLACE_LABELS} == {"place"}
    assert entity_role("NOT_A_LABEL") == "other"
    assert [name for _, name in LEGEND] == list(CATEGORIES)
    roles = {entity_role(label) for label in (*ENTITY_LABELS, "NOT_A_LABEL")}
    assert {role for role, _ in LEGEND} == roles


def test_status_line_puts_what_matters_first_and_shows_both_index_passes() -> None:
    from newsreader.tui.widgets.status_line import StatusState, status_content

    loading = status_content(
        StatusState(articles=1200, recogniser="builtin", loading=True, bytes_done=1, bytes_total=4)
    ).plain
    assert loading.startswith(" loading 1,200 articles…, 25% of the input read")
    # More input joined (the total grew): the share shown does not go backwards.
    grown = StatusState(1300, loading=True, bytes_done=1, bytes_total=8, load_percent=25)
    assert "25% of the input read" in status_content(grown).plain
    failing = status_content(
        StatusState(articles=5, recogniser="spacy", unsaved=True, query="kinmen", query_error="x")
    ).plain
    assert failing.index("NOT SAVED") < failing.index("query error: x") < failing.index("quotes")
    assert "spacy" not in failing, "the recogniser is named in the help, not here"
    words = StatusState(articles=10, recogniser="b", indexing=True, index_done=3, index_total=20)
    assert "indexing words 3/10 articles" in status_content(words).plain
    entities = StatusState(
        articles=10, recogniser="b", indexing=True, index_done=18, index_total=20
    )
    assert "finding names in 8/10 articles" in status_content(entities).plain
    where = StatusState(5431, position=12, unread=3210, sort="newest first")
    assert status_content(where).plain.startswith(" 12/5,431 · 3,210 unread · newest first")
    found = StatusState(articles=5, recogniser="b", query="kinmen ", shown_rows=2, current_match=0)
    assert "2 of 5 articles match “kinmen”" in status_content(found).plain


def test_progress_is_coalesced_but_the_first_rows_are_always_told() -> None:
    """A preload holds after its first batch until the UI paints it; if the message saying
    rows exist were coalesced away, nothing would come after it and the first screen would
    wait out the hold."""
    from newsreader.tui.controllers.load import _Coalesced
    from newsreader.tui.messages import LoadProgress

    class Posts:
        def __init__(self) -> None:
            self.sent: list[LoadProgress] = []

        def post_message(self, message: LoadProgress) -> bool:
            self.sent.append(message)
            return True

    app = Posts()
    report = _Coalesced(app, "loading")  # type: ignore[arg-type]
    report(0, 100, rows=0)  # before the first batch
    report(10, 100, rows=50)  # the first rows, a moment later: told at once
    report(20, 100, rows=100)  # within the interval: coalesced
    assert [m.done for m in app.sent] == [0, 10]


def test_readme_key_table_is_the_registry() -> None:
    from newsreader.tui.screens.help import markdown_key_table

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    table = markdown_key_table()
    assert table in readme, "regenerate it: python -m newsreader.tui.screens.help"


def test_a_truncated_article_ends_with_a_visible_marker() -> None:
    from newsreader.tui.document import TRUNCATED_MARK

    cut = Article("c1", "wire.txt", 1, 2, "Cut", None, True, ("The story began, and then",))
    plain = build_document(cut, None, STYLES).content.plain
    assert plain.rstrip().endswith(TRUNCATED_MARK) and "excerpt" in plain
    whole = build_document(ARTICLE, ANALYSIS, STYLES).content.plain
    assert TRUNCATED_MARK not in whole


def test_help_says_where_previous_match_went() -> None:
    from newsreader.tui.screens.help import HABITS_HELP, help_table

    assert "previous match is p" in HABITS_HELP and "N toggles read" in HABITS_HELP
    assert any(getattr(part, "plain", "") == HABITS_HELP for part in help_table().renderables)
