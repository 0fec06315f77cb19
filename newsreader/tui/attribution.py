"""Where the reader shows who said a quote, so that the text still reads as prose.

A dim "— speaker" right after every closing mark doubled what the article already says
("…,” — a source a source said."). Instead the attributing words the quote finder recorded
(``Quote.mention``) are found again in the text and styled as the speaker; only when they do not
already name the speaker ("he", "Chiu", "the ministry") is the name added, bracketed, right after
them ("he [Ho Cheng-hui] said"). A quote with no mention of its own (a continuation) or whose
mention cannot be found keeps "— speaker" after its closing mark.

Pure and bounded: each quote searches a fixed window around itself, so thousands of quotes in a
huge paragraph cost thousands of small searches, not thousands of scans of the paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.analysis.quote_marks import CLOSING_MARKS
from newsreader.model import Quote, Span
from newsreader.tui.safe import one_line

#: How far from a quote its attribution may sit (the quote finder looks 600 characters back).
WINDOW = 600

UNKNOWN = "speaker unknown"

_TRAILING_PUNCTUATION = frozenset(",.;:!?…")
_ARTICLES = ("the ", "a ", "an ")


@dataclass(frozen=True, slots=True)
class Insert:
    """Text the document adds at ``offset`` of ``paragraph``; only ``text[styled:]`` is dim."""

    paragraph: int
    offset: int
    text: str
    styled: int = 1


@dataclass(frozen=True, slots=True)
class Attribution:
    """How one quote's speaker is shown: words to style, text to add, either or neither."""

    mention: Span | None = None
    insert: Insert | None = None


def attribute(quotes: Sequence[Quote], paragraphs: Sequence[str]) -> list[Attribution]:
    """One ``Attribution`` per quote, in order, for the ``paragraphs`` actually shown."""
    taken = _QuoteSpans(quotes, len(paragraphs))
    claimed: dict[tuple[int, int], str | None] = {}
    out: list[Attribution] = []
    for quote in quotes:
        shown = [span for span in quote.spans if span.paragraph < len(paragraphs)]
        if not shown:
            out.append(Attribution())
            continue
        speaker = one_line(quote.speaker) if quote.speaker else None
        found = _find_mention(quote, shown, paragraphs, taken) if quote.mention else None
        if found is not None:
            key = (found.paragraph, found.start)
            if key in claimed:
                # "“A,” Chiu said. “B.”": both quotes hang on one mention, styled once.
                if claimed[key] == speaker:
                    out.append(Attribution())
                    continue
                found = None
            else:
                claimed[key] = speaker
        if found is None:
            last = shown[-1]
            at = after_closing_mark(paragraphs[last.paragraph], last.end)
            out.append(Attribution(insert=Insert(last.paragraph, at, f" — {speaker or UNKNOWN}")))
            continue
        mention = paragraphs[found.paragraph][found.start : found.end]
        if speaker is not None and names_speaker(mention, speaker):
            out.append(Attribution(mention=found))
        else:
            text = f" [{speaker or UNKNOWN}]"
            out.append(Attribution(found, Insert(found.paragraph, found.end, text)))
    return out


def names_speaker(mention: str, speaker: str) -> bool:
    """True when the words as written already name the speaker ("a source" for "the source",
    "spokesman Liang Wen-chieh" for "Liang Wen-chieh"), ignoring case and a leading article."""
    said, who = _normal(mention), _normal(speaker)
    if not said or not who:
        return False
    return f" {who} " in f" {said} "


def after_closing_mark(text: str, end: int) -> int:
    """Where "— speaker" goes: after the closing mark, past the punctuation inside it ("…,”")."""
    at = min(end, len(text))
    probe = at
    while probe < len(text) and probe - at < 3 and text[probe] in _TRAILING_PUNCTUATION:
        probe += 1
    if probe < len(text) and text[probe] in CLOSING_MARKS:
        return probe + 1
    return at


def _normal(text: str) -> str:
    words = " ".join(text.casefold().split())
    for article in _ARTICLES:
        if words.startswith(article):
            return words[len(article) :]
    return words


class _QuoteSpans:
    """Every quote's spans per paragraph, to tell attribution words from quoted words."""

    def __init__(self, quotes: Sequence[Quote], count: int) -> None:
        spans: list[list[tuple[int, int]]] = [[] for _ in range(count)]
        for quote in quotes:
            for span in quote.spans:
                if 0 <= span.paragraph < count:
                    spans[span.paragraph].append((span.start, span.end))
        self._spans = [sorted(found) for found in spans]
        self._starts = [[start for start, _ in found] for found in self._spans]

    def inside(self, paragraph: int, start: int, end: int) -> bool:
        """True if ``[start, end)`` overlaps a quote in ``paragraph`` (quotes do not overlap)."""
        spans = self._spans[paragraph]
        i = bisect_left(self._starts[paragraph], end) - 1
        # Quotes never overlap, but be safe with bad input: look back a few spans.
        return any(spans[j][1] > start for j in range(i, max(-1, i - 4), -1))


def _find_mention(
    quote: Quote, spans: Sequence[Span], paragraphs: Sequence[str], taken: _QuoteSpans
) -> Span | None:
    """The occurrence of ``quote.mention`` nearest the quote, outside every quote.

    Looks in the paragraph where the quote ends ("…,” he said"), then where it starts
    ("He said: “…"), within ``WINDOW`` characters either side.
    """
    mention = (quote.mention or "").strip()  # as written: searched in the raw paragraph
    if not mention or "\n" in mention:
        return None
    pattern = re.compile(r"(?<!\w)" + re.escape(mention) + r"(?!\w)", re.IGNORECASE)
    order = [spans[-1].paragraph]
    if spans[0].paragraph != order[0]:
        order.append(spans[0].paragraph)
    for paragraph in order:
        here = [span for span in spans if span.paragraph == paragraph]
        low = min(span.start for span in here)
        high = max(span.end for span in here)
        text = paragraphs[paragraph]
        best: tuple[int, int, int] | None = None
        for match in pattern.finditer(text, max(0, low - WINDOW), min(len(text), high + WINDOW)):
            start, end = match.span()
            if taken.inside(paragraph, start, end):
                continue
            distance = start - high if start >= high else max(0, low - end)
            if best is None or distance < best[0]:
                best = (distance, start, end)
        if best is not None:
            return Span(paragraph, best[1], best[2])
    return None
