"""Last line of defence before text reaches the terminal.

Sources already clean their text (``newsreader.text.clean_text``), but the TUI must not depend on
every future source remembering to. This pass replaces each control or bidi character with one
visible placeholder, character for character, so the offsets of quotes, entities and search
spans computed on the original text still line up with what is drawn.
"""

from __future__ import annotations

import re

_PLACEHOLDER = "\ufffd"

_TABLE: dict[int, str] = {
    **{code: _PLACEHOLDER for code in range(0x00, 0x20) if code not in (0x0A,)},
    0x09: " ",
    0x7F: _PLACEHOLDER,
    **{code: _PLACEHOLDER for code in range(0x80, 0xA0)},
    **{code: _PLACEHOLDER for code in range(0x202A, 0x202F)},
    **{code: _PLACEHOLDER for code in range(0x2066, 0x206A)},
    0x200E: _PLACEHOLDER,
    0x200F: _PLACEHOLDER,
    0x061C: _PLACEHOLDER,
}

_LINE_TABLE = {**_TABLE, 0x0A: " "}

# Checking first is ~20x faster than translating, and almost all text is clean.
_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def visible(text: str) -> str:
    """``text`` with controls made visible; same length, so spans still index it."""
    return text.translate(_TABLE) if _UNSAFE.search(text) else text


def one_line(text: str) -> str:
    """Like ``visible``, and newlines become spaces (for titles in one-row places)."""
    if "\n" in text or _UNSAFE.search(text):
        return text.translate(_LINE_TABLE)
    return text


def quoted(title: str, limit: int = 50) -> str:
    """A title for a toast, in quotes and cut to ``limit`` characters: every message that
    changed an article names it, since the one changed may not be the one under the cursor."""
    text = one_line(title).strip() or "untitled"
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"“{text}”"
