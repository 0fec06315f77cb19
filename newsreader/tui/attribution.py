"""Where the reader shows who said a quote, so that the text still reads as prose.

A dim "— speaker" right after every closing mark doubled what the article already says
("…,” — a source a source said."). Instead the attributing words the quote finder recorded, at
the place it recorded them (``Quote.mention_span``), are styled as the speaker; only when they
do not already name the speaker ("he", "Chiu", "the ministry") is the name added, bracketed,
right after them ("he [Ho Cheng-hui] said"). A quote with no mention of its own (a continuation)
or whose mention is not among the paragraphs shown keeps "— speaker" after its closing mark.

Pure and cheap: nothing is searched for, so thousands of quotes cost thousands of lookups.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.analysis.quotes.chars import CLOSING_MARKS
from newsreader.model import Quote, Span
from newsreader.tui.safe import one_line

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
    claimed: dict[tuple[int, int], str | None] = {}
    out: list[Attribution] = []
    for quote in quotes:
        shown = [span for span in quote.spans if span.paragraph < len(paragraphs)]
        if not shown:
            out.append(Attribution())
            continue
        speaker = one_line(quote.speaker) if quote.speaker else None
        found = _shown_mention(quote, paragraphs)
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


def _shown_mention(quote: Quote, paragraphs: Sequence[str]) -> Span | None:
    """Where the quote's mention is, if it has one and it is in the text shown.

    A span that does not hold the mention (the paragraph is shown cut short before it, or the
    analysis was of other text) is no place to style or to insert a name after.
    """
    span = quote.mention_span
    if not quote.mention or span is None or not 0 <= span.paragraph < len(paragraphs):
        return None
    written = paragraphs[span.paragraph][span.start : span.end] if span.start >= 0 else None
    return span if written == quote.mention else None


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
