"""Turn an article and its analysis into one styled ``Content`` for the reader pane.

Pure: no widgets, no app, so it can be tested and benchmarked directly. Article text is only
ever wrapped in ``Content(text)`` with explicit spans — never parsed as markup — so "[bold]" or
"[@click=app.quit]" in a story is drawn as the characters it is.

Spans in the analysis index paragraphs; the document adds a header, blank lines between
paragraphs and a dim "— speaker" after each quote, so this module also keeps the map from
(paragraph, offset) to a document offset that the reader needs to scroll to a quote or a match.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from textual.content import Content
from textual.content import Span as ContentSpan
from textual.style import Style

from newsreader.model import Analysis, Article, Span
from newsreader.tui.safe import one_line, visible

#: Longest text the reader lays out; the rest is summarised (a 20 MB line must not hang the UI).
MAX_CHARS_SHOWN = 100_000

#: Entity label -> the style role that colours it (OntoNotes labels).
ENTITY_ROLES: dict[str, str] = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "norp",
    "DATE": "date",
    "TIME": "date",
    "CARDINAL": "number",
    "QUANTITY": "number",
    "MONEY": "number",
    "PERCENT": "number",
    "ORDINAL": "number",
}

#: The legend, in order: (role, what to call it).
LEGEND: tuple[tuple[str, str], ...] = (
    ("person", "person"),
    ("org", "org"),
    ("place", "place"),
    ("norp", "group"),
    ("date", "date"),
    ("number", "number"),
    ("other", "other"),
)

#: Every role a style must be supplied for.
ROLES: tuple[str, ...] = (
    "title",
    "meta",
    "legend",
    "quote",
    "quote-current",
    "speaker",
    "match",
    "match-current",
    "notice",
    *(role for role, _ in LEGEND),
)

_CLOSING_MARKS = frozenset("”’\"'»›」』")
_TRAILING_PUNCTUATION = frozenset(",.;:!?…")


@dataclass(frozen=True, slots=True)
class Options:
    """What the reader currently shows."""

    quotes: bool = True
    entities: bool = True
    matches: tuple[Span, ...] = ()
    current_match: int | None = None
    current_quote: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """The styled text plus where each quote and match starts in it."""

    content: Content
    quote_offsets: tuple[int, ...] = ()
    match_offsets: tuple[int, ...] = ()
    paragraph_offsets: tuple[int, ...] = field(default=())


def empty_document(message: str, styles: Mapping[str, Style]) -> Document:
    """What the reader shows before an article is opened."""
    return Document(Content(message).stylize(styles.get("meta", Style()), 0))


def build_document(
    article: Article,
    analysis: Analysis | None,
    styles: Mapping[str, Style],
    options: Options = Options(),  # frozen, so sharing one default is safe
) -> Document:
    """Lay out ``article`` with its quotes, entities and search matches styled."""
    style = _Styles(styles)
    header = _header(article, analysis, style, options)
    shown, hidden_chars = _shown_paragraphs(article.paragraphs)

    # Per-paragraph span lists and insertions ("— speaker" after a quote).
    spans: list[list[ContentSpan]] = [[] for _ in shown]
    inserts: list[list[tuple[int, Content]]] = [[] for _ in shown]

    quotes = analysis.quotes if analysis is not None else ()
    if options.quotes:
        for number, quote in enumerate(quotes):
            role = "quote-current" if number == options.current_quote else "quote"
            for span in quote.spans:
                _add(spans, shown, span, style[role])
            if quote.spans:
                last = quote.spans[-1]
                if last.paragraph < len(shown):
                    at = _after_closing_mark(shown[last.paragraph], last.end)
                    speaker = one_line(quote.speaker) if quote.speaker else "speaker unknown"
                    inserts[last.paragraph].append(
                        (at, Content(f" — {speaker}").stylize(style["speaker"], 1))
                    )
    if options.entities and analysis is not None:
        for entity in analysis.entities:
            role = ENTITY_ROLES.get(entity.label, "other")
            _add(spans, shown, Span(entity.paragraph, entity.start, entity.end), style[role])
    for number, span in enumerate(options.matches):
        role = "match-current" if number == options.current_match else "match"
        _add(spans, shown, span, style[role])

    # Assemble paragraphs, remembering where each one starts in the document.
    pieces: list[Content] = [header]
    offset = len(header)
    paragraph_offsets: list[int] = []
    insert_maps: list[tuple[list[int], list[int]]] = []
    for number, text in enumerate(shown):
        paragraph = Content(visible(text), spans[number], strip_control_codes=False)
        if number == 0 and article.headline is not None:
            paragraph = paragraph.stylize_before(style["title"])
        positions, widths = _insert(paragraph, inserts[number], pieces)
        insert_maps.append((positions, widths))
        paragraph_offsets.append(offset)
        offset += len(text) + sum(widths)
        if number < len(shown) - 1:
            pieces.append(Content("\n\n"))
            offset += 2
    if hidden_chars:
        notice = f"\n\n[… {hidden_chars:,} more characters not shown]"
        pieces.append(Content(notice).stylize(style["notice"], 2))

    def locate(span: Span) -> int | None:
        if span.paragraph >= len(shown):
            return None
        positions, widths = insert_maps[span.paragraph]
        before = sum(widths[: bisect_right(positions, span.start)])
        return paragraph_offsets[span.paragraph] + span.start + before

    def located(spans: Iterable[Span]) -> tuple[int, ...]:
        found = (locate(span) for span in spans)
        return tuple(at for at in found if at is not None)

    quote_offsets = located(quote.spans[0] for quote in quotes if quote.spans)
    match_offsets = located(options.matches)
    return Document(
        Content.assemble(*pieces, strip_control_codes=False),
        quote_offsets=quote_offsets,
        match_offsets=match_offsets,
        paragraph_offsets=tuple(paragraph_offsets),
    )


class _Styles:
    """Role -> style, with a null style for any role the caller did not supply."""

    def __init__(self, styles: Mapping[str, Style]) -> None:
        self._styles = styles

    def __getitem__(self, role: str) -> Style:
        return self._styles.get(role) or Style()


def _header(
    article: Article, analysis: Analysis | None, style: _Styles, options: Options
) -> Content:
    lines: list[Content] = []
    if article.headline is None:
        lines.append(Content(one_line(article.title)).stylize(style["title"]))
    lines_text = (
        f"line {article.start_line}"
        if article.start_line == article.end_line
        else f"lines {article.start_line}–{article.end_line}"
    )
    facts = [one_line(article.source), lines_text]
    if article.truncated:
        facts.append("excerpt")
    if analysis is None:
        facts.append("analysing…")
    else:
        facts.append(_count(len(analysis.quotes), "quote"))
        facts.append(_count(len(analysis.entities), "entity", "entities"))
    lines.append(Content(" · ".join(facts)).stylize(style["meta"]))
    legend = _legend(style, options)
    if legend is not None:
        lines.append(legend)
    return Content("\n").join(lines) + Content("\n\n")


def _legend(style: _Styles, options: Options) -> Content | None:
    parts: list[Content] = []
    if options.entities:
        parts.extend(Content(label).stylize(style[role]) for role, label in LEGEND)
    if options.quotes:
        parts.append(
            Content("“quote”").stylize(style["quote"])
            + Content(" — speaker").stylize(style["speaker"], 1)
        )
    if not parts:
        return None
    return Content("  ").join(parts)


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else (plural or singular + 's')}"


def _after_closing_mark(text: str, end: int) -> int:
    """Where "— speaker" goes: after the closing mark, past the punctuation inside it ("…,”")."""
    at = min(end, len(text))
    probe = at
    while probe < len(text) and probe - at < 3 and text[probe] in _TRAILING_PUNCTUATION:
        probe += 1
    if probe < len(text) and text[probe] in _CLOSING_MARKS:
        return probe + 1
    return at


def _shown_paragraphs(paragraphs: Sequence[str]) -> tuple[list[str], int]:
    """The paragraphs that fit in ``MAX_CHARS_SHOWN`` (the last one cut), and what was left out."""
    shown: list[str] = []
    room = MAX_CHARS_SHOWN
    hidden = 0
    for text in paragraphs:
        if room <= 0:
            hidden += len(text)
        elif len(text) > room:
            shown.append(text[:room])
            hidden += len(text) - room
            room = 0
        else:
            shown.append(text)
            room -= len(text)
    return shown, hidden


def _add(spans: list[list[ContentSpan]], shown: Sequence[str], span: Span, style: Style) -> None:
    """Add a span if it lies in a shown paragraph (clamped: the analysis saw the whole text)."""
    if not (0 <= span.paragraph < len(shown)):
        return
    end = min(span.end, len(shown[span.paragraph]))
    start = max(0, span.start)
    if end > start and style:
        spans[span.paragraph].append(ContentSpan(start, end, style))


def _insert(
    paragraph: Content, inserts: list[tuple[int, Content]], pieces: list[Content]
) -> tuple[list[int], list[int]]:
    """Append ``paragraph`` to ``pieces`` with ``inserts`` placed at their offsets."""
    if not inserts:
        pieces.append(paragraph)
        return [], []
    inserts.sort(key=lambda item: item[0])
    positions: list[int] = []
    widths: list[int] = []
    start = 0
    for at, extra in inserts:
        pieces.append(paragraph[start:at])
        pieces.append(extra)
        positions.append(at)
        widths.append(len(extra))
        start = at
    pieces.append(paragraph[start:])
    return positions, widths


def line_of_offset(content: Content, lines: Sequence[Content], offset: int) -> int:
    """The index of the wrapped line that shows document character ``offset``.

    Wrapping drops the spaces it breaks at, so each line is found in the plain text from where
    the previous one ended rather than by adding up lengths.
    """
    plain = content.plain
    position = 0
    for number, line in enumerate(lines):
        text = line.plain.rstrip()
        found = plain.find(text, position) if text else position
        if found < 0:
            found = position
        end = found + len(text)
        if offset < end or (offset == end and not text):
            return number
        position = end
    return max(0, len(lines) - 1)
