"""Windowed splitting gives the same articles as splitting the whole text at once."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.split import split_text
from newsreader.split.stream import iter_split

SEED = Path(__file__).resolve().parents[2] / "samples" / "000_f977d078cdb8bfdf.txt"


def _spans(batches: list[list[object]]) -> list[tuple[int, int]]:
    return [(a.start_line, a.end_line) for batch in batches for a in batch]  # type: ignore[attr-defined]


def test_repeated_seed_matches_whole_file_split() -> None:
    text = SEED.read_text(encoding="utf-8").rstrip("\n")
    big = "\n".join([text] * 40)
    whole = [(a.start_line, a.end_line, a.id) for a in split_text(big, "x")]
    batches = list(iter_split(big, "x", first_window=30, window=90, margin=25))
    streamed = [(a.start_line, a.end_line, a.id) for b in batches for a in b]
    assert len(batches) > 3
    assert streamed == whole


def test_article_longer_than_the_window_is_kept_whole() -> None:
    text = SEED.read_text(encoding="utf-8")
    batches = list(iter_split(text, "x", first_window=3, window=3, margin=2))
    assert _spans(batches)[0] == (1, 16)


def test_line_numbers_are_absolute_and_paragraphs_intact() -> None:
    text = "\n".join(f"Story {i} ends here with a full stop." for i in range(50))
    arts = [a for b in iter_split(text, "x", first_window=7, window=11, margin=3) for a in b]
    for a in arts:
        lines = text.split("\n")[a.start_line - 1 : a.end_line]
        assert tuple(line.strip() for line in lines if line.strip()) == a.paragraphs


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(["", "The council met.", "He said it was late", "Photo: A B"]), max_size=60
    )
)
def test_every_non_blank_line_lands_in_exactly_one_article(lines: list[str]) -> None:
    text = "\n".join(lines)
    arts = [a for b in iter_split(text, "x", first_window=5, window=8, margin=3) for a in b]
    covered = [n for a in arts for n in range(a.start_line, a.end_line + 1) if lines[n - 1].strip()]
    assert covered == [i + 1 for i, line in enumerate(lines) if line.strip()]


def test_raw_windows_are_cleaned() -> None:
    text = "The \x1b[31mharbour\x1b[0m reopened on Tuesday, officials said.\nIt\u202e was calm."
    arts = [a for b in iter_split(text, "x") for a in b]
    assert arts[0].paragraphs[0] == "The harbour reopened on Tuesday, officials said."
    assert all("\u202e" not in p for a in arts for p in a.paragraphs)
