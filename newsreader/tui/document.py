"""Turn an article and its analysis into styled ``Content`` blocks for the reader pane.

Pure: no widgets, no app, so it can be tested and benchmarked directly. Article text is only
ever wrapped in ``Content(text)`` with explicit spans — never parsed as markup — so "[bold]" or
"[@click=app.quit]" in a story is drawn as the characters it is.

Spans in the analysis index paragraphs; the document adds a header, blank lines between
paragraphs, notes where text was left out and the speakers of quotes (``attribution`` decides
where: "he [Ho Cheng-hui] said", or "— speaker" after a continued quote), so this module also
keeps the map from (paragraph, offset) to a document offset that the reader needs to scroll to a
quote or a match.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from textual.content import Content
from textual.content import Span as ContentSpan
from textual.style import Style

from newsreader.model import CATEGORIES, Analysis, Article, Entry, Span, label_category
from newsreader.tui.attribution import attribute
from newsreader.tui.safe import one_line, visible
from newsreader.tui.versions import rich_version

#: Longest paragraph the reader lays out; the rest is summarised (a 20 MB line must not hang).
MAX_PARAGRAPH_CHARS = 200_000
#: Most characters laid out per article, over all its paragraphs.
MAX_CHARS_SHOWN = 400_000
#: Most paragraphs laid out: wrapping costs per line, and 500,000 one-word lines take seconds.
MAX_PARAGRAPHS_SHOWN = 2_000

#: The style role of each entity category where it is not the category's own name (the CSS
#: class of a group is ``reader--norp``).
_CATEGORY_ROLE = {"group": "norp"}


def entity_role(label: str) -> str:
    """The style role that colours an entity with this OntoNotes label."""
    category = label_category(label)
    return _CATEGORY_ROLE.get(category, category)


#: The legend, in order: (role, what to call it).
LEGEND: tuple[tuple[str, str], ...] = tuple(
    (_CATEGORY_ROLE.get(category, category), category) for category in CATEGORIES
)

#: Every role a style must be supplied for.
ROLES: tuple[str, ...] = (
    "title",
    "meta",
    "legend",
    "quote",
    "quote-current",
    "speaker",
    "mention",
    "match",
    "match-current",
    "notice",
    *(role for role, _ in LEGEND),
)


#: The last line of an article whose text stops mid-story (an excerpt), so the end of the text
#: is not taken for the end of the story.
TRUNCATED_MARK = "✂ The text stops here: this article is an excerpt, cut off mid-story."

#: What is between two blocks of a document: the end of a line and one blank line.
BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Options:
    """What the reader currently shows."""

    quotes: bool = True
    entities: bool = True
    matches: tuple[Span, ...] = ()
    current_match: int | None = None
    current_quote: int | None = None


class Document:
    """The styled text as blocks (the header, each paragraph, a closing notice) that are
    shown one blank line apart, plus where each block, quote and match starts in the text.

    Kept as blocks so the reader can wrap only the paragraphs on screen: wrapping a whole
    20k-character article as one ``Content`` took most of the time to open it. ``content``,
    the whole text as one ``Content``, is assembled only when something asks for it.
    """

    __slots__ = (
        "_content",
        "block_offsets",
        "blocks",
        "match_offsets",
        "paragraph_offsets",
        "quote_offsets",
    )

    def __init__(
        self,
        blocks: Sequence[Content],
        *,
        quote_offsets: tuple[int, ...] = (),
        match_offsets: tuple[int, ...] = (),
        paragraph_offsets: tuple[int, ...] = (),
    ) -> None:
        self.blocks: tuple[Content, ...] = tuple(blocks) or (Content(),)
        starts: list[int] = []
        offset = 0
        for block in self.blocks:
            starts.append(offset)
            offset += len(block) + len(BLOCK_SEPARATOR)
        self.block_offsets: tuple[int, ...] = tuple(starts)
        self.quote_offsets = quote_offsets
        self.match_offsets = match_offsets
        self.paragraph_offsets = paragraph_offsets
        self._content: Content | None = None

    @property
    def content(self) -> Content:
        """Every block as one ``Content`` (built on first use; the reader draws blocks)."""
        if self._content is None:
            parts: list[Content | str] = []
            for number, block in enumerate(self.blocks):
                if number:
                    parts.append(BLOCK_SEPARATOR)
                parts.append(block)
            self._content = Content.assemble(*parts, strip_control_codes=False)
        return self._content

    @property
    def plain(self) -> str:
        return BLOCK_SEPARATOR.join(block.plain for block in self.blocks)

    def block_at(self, offset: int) -> tuple[int, int]:
        """The block showing text ``offset``, and the offset within that block."""
        number = max(0, bisect_right(self.block_offsets, offset) - 1)
        return number, offset - self.block_offsets[number]


def empty_document(message: str, styles: Mapping[str, Style]) -> Document:
    """What the reader shows before an article is opened."""
    return Document([Content(message).stylize(styles.get("meta", Style()), 0)])


def build_document(
    article: Article,
    analysis: Analysis | None,
    styles: Mapping[str, Style],
    options: Options = Options(),  # frozen, so sharing one default is safe
) -> Document:
    """Lay out ``article`` with its quotes, entities and search matches styled."""
    style = _Styles(styles)
    header = _header(article, analysis, style, options)
    shown = _shown_paragraphs(article.paragraphs)
    texts = shown.texts

    # Per-paragraph span lists and insertions (a bracketed speaker, or "— speaker").
    spans: list[list[ContentSpan]] = [[] for _ in texts]
    inserts: list[list[tuple[int, Content]]] = [[] for _ in texts]

    quotes = analysis.quotes if analysis is not None else ()
    mentions: list[Span] = []
    if options.quotes:
        for number, quote in enumerate(quotes):
            role = "quote-current" if number == options.current_quote else "quote"
            for span in quote.spans:
                _add(spans, texts, span, style[role])
        for attribution in attribute(quotes, texts):
            if attribution.mention is not None:
                mentions.append(attribution.mention)
            extra = attribution.insert
            if extra is not None:
                dim = Content(extra.text).stylize(style["speaker"], extra.styled)
                inserts[extra.paragraph].append((extra.offset, dim))
    if options.entities and analysis is not None:
        for entity in analysis.entities:
            role = entity_role(entity.label)
            _add(spans, texts, Span(entity.paragraph, entity.start, entity.end), style[role])
    for mention in mentions:  # after the entities: the speaker reads in the quote's colour
        _add(spans, texts, mention, style["mention"])
    for number, span in enumerate(options.matches):
        role = "match-current" if number == options.current_match else "match"
        _add(spans, texts, span, style[role])

    # One block per paragraph, remembering where each one starts in the document.
    blocks: list[Content] = [header]
    offset = len(header) + len(BLOCK_SEPARATOR)
    paragraph_offsets: list[int] = []
    insert_maps: list[tuple[list[int], list[int]]] = []
    for number, text in enumerate(texts):
        paragraph = Content(visible(text), spans[number], strip_control_codes=False)
        if number == 0 and article.headline is not None:
            paragraph = paragraph.stylize_before(style["title"])
        block, positions, widths = _insert(paragraph, inserts[number])
        if shown.cut[number]:
            notice = f"\n… {shown.cut[number]:,} more characters of this paragraph not shown"
            block = block + Content(notice).stylize(style["notice"], 1)
        insert_maps.append((positions, widths))
        paragraph_offsets.append(offset)
        offset += len(block) + len(BLOCK_SEPARATOR)
        blocks.append(block)
    if shown.hidden_paragraphs:
        notice = (
            f"… {_count(shown.hidden_paragraphs, 'more paragraph')} "
            f"({_count(shown.hidden_chars, 'character')}) not shown"
        )
        blocks.append(Content(notice).stylize(style["notice"]))
    if article.truncated:
        blocks.append(Content(TRUNCATED_MARK).stylize(style["notice"]))

    def locate(span: Span) -> int | None:
        if span.paragraph >= len(texts):
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
        blocks,
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
    if isinstance(article, Entry):
        facts = [one_line(article.source)]
        if article.author:
            facts.append(one_line(article.author))
        if article.published is not None:
            facts.append(entry_date(article.published, long=True))
        kind = article.text_kind()
        if kind == "web page":
            facts.append("whole story from the web page (F: feed text)")
        elif kind == "feed, by choice":
            facts.append("feed text (F: whole story)")
        elif kind.startswith("feed: "):
            facts.append(f"feed text ({kind.removeprefix('feed: ')})")
    else:
        # The file's name, not its whole path, so the facts fit on one line of a narrow pane.
        name = article.source.replace("\\", "/").rsplit("/", 1)[-1] or article.source
        where = (
            f"line {article.start_line}"
            if article.start_line == article.end_line
            else f"lines {article.start_line}–{article.end_line}"
        )
        facts = [one_line(name), where]
    if article.truncated:
        facts.append("excerpt")
    if analysis is None:
        facts.append("analysing…")
    else:
        facts.append(_count(len(analysis.quotes), "quote"))
        facts.append(_count(len(analysis.entities), "entity", "entities"))
    lines.append(Content(" · ".join(facts)).stylize(style["meta"]))
    if isinstance(article, Entry) and article.link:
        lines.append(Content(one_line(article.link)).stylize(style["meta"]))
    legend = _legend(style, options)
    if legend is not None:
        lines.append(legend)
    return Content("\n").join(lines)


def entry_date(seconds: float, *, long: bool = False, now: float | None = None) -> str:
    """A feed entry's date in local time: ``Dec 03`` this year (``Dec 03 14:05`` long), else
    ``2025-12-03``; the list shows the short form, the reader the long one."""
    when = datetime.fromtimestamp(seconds)
    this_year = datetime.fromtimestamp(time.time() if now is None else now).year
    if when.year != this_year:
        return when.strftime("%Y-%m-%d %H:%M" if long else "%Y-%m-%d")
    return when.strftime("%b %d %H:%M" if long else "%b %d")


def _legend(style: _Styles, options: Options) -> Content | None:
    """The legend, whatever is toggled: what is off is drawn plain, so the header keeps its
    lines and the text below does not jump when ``w`` or ``e`` is pressed."""

    def on(role: str, shown: bool) -> Style:
        return style[role] if shown else style["legend"]

    parts = [Content(label).stylize(on(role, options.entities)) for role, label in LEGEND]
    parts.append(
        Content("“quote”").stylize(on("quote", options.quotes))
        + Content(" he").stylize(on("mention", options.quotes), 1)
        + Content(" [who]").stylize(on("speaker", options.quotes), 1)
    )
    return Content("  ").join(parts)


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number:,} {singular if number == 1 else (plural or singular + 's')}"


@dataclass(frozen=True, slots=True)
class _Shown:
    """The part of an article that is laid out, and what was left out of it."""

    texts: list[str]
    #: characters cut from the end of each shown paragraph
    cut: list[int]
    hidden_paragraphs: int = 0
    hidden_chars: int = 0


def _shown_paragraphs(paragraphs: Sequence[str]) -> _Shown:
    """The paragraphs within the caps: each cut at ``MAX_PARAGRAPH_CHARS``, at most
    ``MAX_CHARS_SHOWN`` characters in all and ``MAX_PARAGRAPHS_SHOWN`` paragraphs."""
    texts: list[str] = []
    cut: list[int] = []
    room = MAX_CHARS_SHOWN
    for number, text in enumerate(paragraphs):
        if room <= 0 or len(texts) >= MAX_PARAGRAPHS_SHOWN:
            rest = paragraphs[number:]
            return _Shown(texts, cut, len(rest), sum(map(len, rest)))
        keep = min(len(text), MAX_PARAGRAPH_CHARS, room)
        texts.append(text if keep == len(text) else text[:keep])
        cut.append(len(text) - keep)
        room -= keep
    return _Shown(texts, cut)


def _add(spans: list[list[ContentSpan]], shown: Sequence[str], span: Span, style: Style) -> None:
    """Add a span if it lies in a shown paragraph (clamped: the analysis saw the whole text)."""
    if not (0 <= span.paragraph < len(shown)):
        return
    end = min(span.end, len(shown[span.paragraph]))
    start = max(0, span.start)
    if end > start and style:
        spans[span.paragraph].append(ContentSpan(start, end, style))


def _insert(
    paragraph: Content, inserts: list[tuple[int, Content]]
) -> tuple[Content, list[int], list[int]]:
    """``paragraph`` with ``inserts`` placed at their offsets, and where they went."""
    if not inserts:
        return paragraph, [], []
    inserts.sort(key=lambda item: item[0])
    pieces: list[Content] = []
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
    return Content.assemble(*pieces, strip_control_codes=False), positions, widths


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


def wrapped_height(content: Content, width: int) -> int:
    """How many lines ``content.wrap(width)`` gives, without building them.

    The reader needs the height of the whole article for its scrollbar but wraps only the
    paragraphs on screen; this finds the same line breaks on the plain text (the rule
    ``Content.wrap`` uses) in half the time of wrapping, and leaves no objects behind.
    """
    plain = content.plain
    divide_line = _line_breaker()
    if divide_line is None or "\t" in plain:  # tabs: wrap expands them first; rare
        return len(content.wrap(width))
    return sum(len(divide_line(line, width, fold=True)) + 1 for line in plain.split("\n"))


#: The Rich whose private ``rich._wrap.divide_line`` (what ``Content.wrap`` breaks lines with)
#: ``wrapped_height`` was written and measured against (3.6 ms against 7.6 ms for wrapping a
#: 31k-character article at width 80); on any other Rich it wraps for real.
RICH_WRITTEN_FOR = "15.0.0"

LineBreaker = Callable[..., list[int]]


@cache
def _line_breaker() -> LineBreaker | None:
    return line_breaker_for(rich_version())


def line_breaker_for(version: str | None) -> LineBreaker | None:
    """``rich._wrap.divide_line`` on the Rich it was checked with, else None."""
    if version != RICH_WRITTEN_FOR:
        return None
    try:
        from rich._wrap import divide_line
    except ImportError:  # pragma: no cover - the version check should rule this out
        return None
    breaker: LineBreaker = divide_line
    return breaker
