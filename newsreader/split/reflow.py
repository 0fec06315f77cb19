"""Rejoin hard-wrapped lines into paragraphs before any cue is read.

E-mail and wire copy break every paragraph into lines of about 72 columns. Read line by line,
each of those lines looks like an excerpt cut mid-sentence or a headline (short, no final full
stop), and the splitter would cut the text into shreds. A wrapping program breaks a line only
when the next word does not fit, so a break where the next word *would* have fitted is a
deliberate one (a paragraph's last line, a headline, a sign-off); that is the classic reflow
rule, and it needs only the wrap width, read off the text itself.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.split.cues import ends_sentence

#: Wider than this, lines are paragraphs, not wrapped lines.
MAX_WIDTH = 100
#: Lines needed before the text's shape can be judged.
MIN_LINES = 6
#: Share of in-paragraph breaks that must look forced for the text to count as wrapped.
FORCED_SHARE = 0.6
#: Share of in-paragraph breaks that must fall mid-sentence.
OPEN_SHARE = 0.5
#: Slack, in columns, for wrappers that count the width a little differently.
SLACK = 2


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank input line (stripped), its 1-based number and the blank lines before it."""

    number: int
    text: str
    blank_before: int


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph: one line, or several rejoined, spanning ``first``..``last``."""

    first: int
    last: int
    text: str
    blank_before: int


def wrap_width(lines: Sequence[Line]) -> int:
    """The width the text was wrapped at, or 0 if it was not hard-wrapped."""
    if len(lines) < MIN_LINES:
        return 0
    followed = [len(a.text) for a, b in itertools.pairwise(lines) if b.blank_before == 0]
    if len(followed) < 0.3 * len(lines) or len(followed) < MIN_LINES - 1:
        return 0
    followed.sort()
    width = followed[int(0.9 * (len(followed) - 1))]
    if width > MAX_WIDTH:
        return 0
    pairs = [(a.text, b.text) for a, b in itertools.pairwise(lines) if b.blank_before == 0]
    forced = sum(1 for a, b in pairs if _forced(a, b, width))
    # Wrapped lines mostly stop mid-sentence; one short sentence per line is not wrapping.
    open_ended = sum(1 for a, _ in pairs if not ends_sentence(a))
    if forced < FORCED_SHARE * len(pairs) or open_ended < OPEN_SHARE * len(pairs):
        return 0
    return width


def reflow(lines: Sequence[Line]) -> list[Block]:
    """Paragraphs of ``lines``: wrapped lines rejoined, every other line on its own."""
    width = wrap_width(lines)
    blocks: list[Block] = []
    previous = ""  # the last physical line: its length is what the wrapper saw
    for line in lines:
        if (
            width
            and blocks
            and line.blank_before == 0
            and line.number == blocks[-1].last + 1
            and _forced(previous, line.text, width)
        ):
            prev = blocks[-1]
            blocks[-1] = Block(
                prev.first, line.number, _join(prev.text, line.text), prev.blank_before
            )
        else:
            blocks.append(Block(line.number, line.number, line.text, line.blank_before))
        previous = line.text
    return blocks


def _forced(text: str, nxt: str, width: int) -> bool:
    """Would the next line's first word not have fitted on this line?"""
    first = nxt.split(" ", 1)[0]
    return len(text) + 1 + len(first) > width - SLACK


def _join(left: str, right: str) -> str:
    # A word broken at its hyphen ("long-\nterm") is rejoined without a space.
    if left.endswith("-") and left[-2:-1].isalpha() and right[:1].isalpha():
        return left + right
    return f"{left} {right}"
