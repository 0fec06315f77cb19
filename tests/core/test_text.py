"""Control characters and escape sequences never survive input cleaning."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsreader.text import PLACEHOLDER, clean_text


def test_csi_and_osc_sequences_are_removed() -> None:
    raw = (
        "a\x1b[31mred\x1b[0m b\x1b]8;;http://x\x07link\x1b]8;;\x07 "
        "c\x1b]52;c;aGk=\x07 d\x1b]0;title\x1b\\"
    )
    assert clean_text(raw) == "ared blink c d"


def test_c1_csi_is_removed() -> None:
    assert clean_text("x\x9b2Jy") == "xy"


def test_lone_controls_become_visible_placeholders() -> None:
    assert clean_text("a\x00b\x07c\x7fd") == f"a{PLACEHOLDER}b{PLACEHOLDER}c{PLACEHOLDER}d"


def test_bidi_overrides_are_stripped() -> None:
    assert clean_text("file\u202etxt.exe") == "filetxt.exe"


def test_line_endings_and_tabs_are_normalised() -> None:
    assert clean_text("a\r\nb\rc\td") == "a\nb\nc d"


def test_markup_is_left_alone() -> None:
    assert (
        clean_text("[bold red]x[/] [link=file:///etc/passwd]y")
        == "[bold red]x[/] [link=file:///etc/passwd]y"
    )


@given(st.text())
def test_clean_text_output_has_no_controls(raw: str) -> None:
    out = clean_text(raw)
    assert "\x1b" not in out
    assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in out)


def test_clean_lines_never_changes_the_line_count() -> None:
    raw = "a\x1b]0;unterminated title\nb\x1b[2\nc\u202e\nd"
    assert clean_text(raw).count("\n") == raw.count("\n")


@given(st.text())
def test_clean_lines_is_line_local(raw: str) -> None:
    from newsreader.text import clean_lines, normalise_newlines

    text = normalise_newlines(raw)
    assert clean_lines(text).count("\n") == text.count("\n")
