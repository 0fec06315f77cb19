"""Finding the quoted stretches of an article from its quotation marks alone.

This layer knows nothing about speakers or scare quotes: it pairs double marks (curly or straight)
into regions, follows the newswire convention that a paragraph which opens a quote without closing
it continues into the next paragraph that reopens it, and trims each piece to the words inside.
Single marks are top-level quote marks only in an article that has no double mark at all (the
British style); otherwise apostrophes ("China’s", "’90s") and nested ‘…’ quotations simply stay
part of the text. Every step is one left-to-right pass.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.analysis.quotes.chars import CLOSERS, OPENERS, STRAIGHT_DOUBLE
from newsreader.model import Span

_MARK_RE = re.compile("[" + re.escape("".join(sorted(OPENERS | CLOSERS)) + STRAIGHT_DOUBLE) + "]")
# What may sit right before an opening mark / right after a closing one.
_BEFORE_OPEN = frozenset("([{—–-/‘'“„«:;")
_AFTER_CLOSE = frozenset(".,;:!?)]}—–-’'”»…")
_SINGLE_RE = re.compile("[‘’]")
#: Hard-wrapped copy breaks lines at 60–80 columns; a longer line is a paragraph of its own.
_MAX_WRAPPED_LINE = 100
# A filler that cannot be mistaken for a word, a space or sentence punctuation.
FILLER = "\u2591"


@dataclass(frozen=True, slots=True)
class Region:
    """One quoted stretch, possibly over several paragraphs, before any judgement about speech.

    ``pieces`` are the trimmed spans of text inside the marks (the last one without a trailing
    comma or full stop); ``raw`` the untrimmed stretches between the marks; ``open_at`` is the
    opening mark of the first piece and ``close_at`` the closing mark of the last piece (``None``
    when the quote was never closed).
    """

    pieces: tuple[Span, ...]
    raw: tuple[Span, ...]
    open_at: tuple[int, int]
    close_at: tuple[int, int] | None

    def text(self, paragraphs: Sequence[str]) -> str:
        return " ".join(paragraphs[s.paragraph][s.start : s.end] for s in self.pieces)


def _role(text: str, i: int, is_open: bool) -> str:
    """Decide whether the mark at ``i`` opens or closes, from the characters around it.

    Curly marks say what they are, but typists swap them; a straight mark says nothing. The
    neighbours decide when they are unambiguous; otherwise the caller falls back to the state.
    """
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    can_open = not nxt.isspace() and (prev.isspace() or prev in _BEFORE_OPEN)
    can_close = not prev.isspace() and (nxt.isspace() or nxt in _AFTER_CLOSE)
    if ch in OPENERS:
        return "close" if is_open and can_close and not can_open else "open"
    if ch in CLOSERS:
        return "open" if not is_open and can_open and not can_close else "close"
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "close" if is_open else "open"


def pair_marks(text: str) -> list[tuple[int, int | None]]:
    """Pair the double quotation marks of one paragraph.

    Returns ``(open_index, close_index)`` for each top-level quoted region, with ``None`` for a
    region that is still open at the end of the paragraph (only the last one can be). A stray
    closing mark is ignored. When every mark pairs up, an opening mark inside an open region
    starts a nested quotation (“He read out “the rules” to us”) and the outer region ends at
    the mark that closes it; when they do not, an opening mark inside an open region restarts
    it (the earlier mark was stray), so one stray mark cannot swallow the paragraph.
    """
    nested = _pair(text, nest=True)
    if nested is not None:
        return nested
    flat = _pair(text, nest=False)
    assert flat is not None
    return flat


def _pair(text: str, nest: bool) -> list[tuple[int, int | None]] | None:
    """One left-to-right pairing; ``None`` when nesting leaves an inner quotation open."""
    regions: list[tuple[int, int | None]] = []
    open_at: int | None = None
    depth = 0
    nested = False
    for m in _MARK_RE.finditer(text):
        i = m.start()
        if _role(text, i, open_at is not None) == "open":
            if open_at is None or not nest:
                open_at = i
                depth = 0
            nested = nested or depth > 0
            depth += 1
        elif open_at is not None:
            depth -= 1
            if depth == 0:
                regions.append((open_at, i))
                open_at = None
    if open_at is not None:
        # Left open with a quotation inside: a quotation that goes on into the next paragraph
        # opens its paragraph; anywhere else the first mark was stray.
        if depth > 1 or (nested and text[:open_at].strip()):
            return None
        regions.append((open_at, None))
    return regions


def _trim(text: str, start: int, end: int, last: bool) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if last and end > start and text[end - 1] in ",." and not text[start:end].endswith(".."):
        end -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


def _wrapped_continuation(previous: str, line: str) -> int | None:
    """Where a quotation left open by a hard-wrapped ``previous`` line closes in ``line``.

    The previous line must stop mid-sentence (a word or a comma, no final full stop) and this
    line must not reopen the quotation; its first mark, if any, must close it: that is a
    paragraph broken at a space, not a new paragraph. ``len(line)`` when the quotation runs on
    past this line too; ``None`` when ``line`` is not a continuation.
    """
    tail = previous.rstrip()[-1:]
    if not tail or tail in '.!?:;”"' or not line or line[0].isspace():
        return None
    if _MARK_RE.match(line):
        return None  # a newswire continuation paragraph reopens with a mark: the usual path
    first_mark = _MARK_RE.search(line)
    if first_mark is None:
        return len(line)
    i = first_mark.start()
    if _role(line, i, True) != "close":
        return None
    return i


def _starts_with_mark(text: str, index: int) -> bool:
    return text[:index].strip() == ""


def pair_single_marks(text: str) -> list[tuple[int, int | None]]:
    """Pair curly single marks as quotation marks, for articles written in the British style
    (‘We will fight,’ he said). An apostrophe is never a closing mark: not inside a word
    ("don’t"), not after a space ("’90s") and not after a plural "s" ("the players’ union")."""
    regions: list[tuple[int, int | None]] = []
    open_at: int | None = None
    for m in _SINGLE_RE.finditer(text):
        i = m.start()
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if m.group() == "‘":
            if open_at is None and (prev.isspace() or prev in _BEFORE_OPEN) and nxt.isalpha():
                open_at = i
        elif (
            open_at is not None
            and not prev.isspace()
            and not nxt.isalnum()
            and (prev in ".,!?" or nxt in _AFTER_CLOSE or prev != "s")
        ):
            regions.append((open_at, i))
            open_at = None
    if open_at is not None:
        regions.append((open_at, None))
    return regions


def _hard_wrapped(paragraphs: Sequence[str]) -> bool:
    """Lines broken at a fixed width: most short, most ending mid-sentence."""
    lines = [t for t in paragraphs if t.strip()]
    if len(lines) < 3:
        return False
    short = sum(len(t) <= _MAX_WRAPPED_LINE for t in lines)
    open_ended = sum(t.rstrip()[-1:] not in ".!?:;”\"'’)" for t in lines)
    return 2 * short > len(lines) and 2 * open_ended > len(lines)


def _single_mark_style(paragraphs: Sequence[str]) -> bool:
    """No double mark anywhere, and a single one opening a quotation somewhere."""
    has_single = False
    for text in paragraphs:
        if _MARK_RE.search(text):
            return False
        has_single = has_single or "‘" in text
    return has_single


def find_regions(paragraphs: Sequence[str]) -> list[Region]:
    """All quoted regions of an article in reading order, multi-paragraph ones joined."""
    single = _single_mark_style(paragraphs)
    pair = pair_single_marks if single else pair_marks
    wrapped_copy = not single and _hard_wrapped(paragraphs)
    out: list[Region] = []
    # A quote still open at the end of the previous paragraph: its raw pieces and opening mark.
    pending: list[tuple[int, int, int]] | None = None
    pending_open: tuple[int, int] = (0, 0)

    def finish(
        raw: list[tuple[int, int, int]], open_at: tuple[int, int], close_at: tuple[int, int] | None
    ) -> None:
        spans: list[Span] = []
        for k, (p, s, e) in enumerate(raw):
            a, b = _trim(paragraphs[p], s, e, k == len(raw) - 1)
            if b > a:
                spans.append(Span(p, a, b))
        if spans:
            whole = tuple(Span(p, s, e) for p, s, e in raw)
            out.append(Region(tuple(spans), whole, open_at, close_at))

    for p, text in enumerate(paragraphs):
        pairs = pair(text)
        first = 0
        wrapped = None
        if pending is not None and wrapped_copy:
            wrapped = _wrapped_continuation(paragraphs[p - 1], text)
        if pending is not None and wrapped is not None:
            # A hard-wrapped line: the quotation goes on in this line, unmarked.
            pending.append((p, 0, wrapped))
            if wrapped == len(text):
                continue
            finish(pending, pending_open, (p, wrapped))
            pending = None
            rest = wrapped + 1
            pairs = [
                (o + rest, None if c is None else c + rest) for o, c in pair_marks(text[rest:])
            ]
        elif pending is not None:
            if pairs and _starts_with_mark(text, pairs[0][0]):
                o, c = pairs[0]
                pending.append((p, o + 1, len(text) if c is None else c))
                first = 1
                if c is not None:
                    finish(pending, pending_open, (p, c))
                    pending = None
            else:
                finish(pending, pending_open, None)
                pending = None
        for o, c in pairs[first:]:
            if c is None:
                pending, pending_open = [(p, o + 1, len(text))], (p, o)
            else:
                finish([(p, o + 1, c)], (p, o), (p, c))
    if pending is not None:
        finish(pending, pending_open, None)
    return out


def masked(paragraph: str, regions: Sequence[tuple[int, int]]) -> str:
    """The paragraph with quoted words replaced by filler, so that cues are searched outside quotes.

    Offsets are kept. A final ``.``, ``!`` or ``?`` inside a region is kept so that sentence
    boundaries after a quotation are still seen.
    """
    if not regions:
        return paragraph
    parts: list[str] = []
    pos = 0
    for a, b in regions:
        if a < pos or b <= a:
            continue
        parts.append(paragraph[pos:a])
        keep_last = paragraph[b - 1] in ".!?"
        parts.append(FILLER * (b - a - 1) + (paragraph[b - 1] if keep_last else FILLER))
        pos = b
    parts.append(paragraph[pos:])
    return "".join(parts)
