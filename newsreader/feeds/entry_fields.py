"""The fields every feed format shares, read the same way: dates, titles, ids, authors, the
duplicate-guid rule, and the warnings a parse collects (summarised, so 50,000 bad dates make one
line, not 50,000)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from newsreader.feeds.content import safe_text, strip_markup
from newsreader.feeds.model import ParsedEntry
from newsreader.text import clean_text

__all__ = [
    "MAX_TITLE",
    "ParseNotes",
    "clean_author",
    "clean_id",
    "clean_title",
    "parse_date",
    "unique_entries",
]

_NAME_IN_PARENS = re.compile(r"^\S+@\S+\s*\((.+)\)\s*$")

#: Titles are one line on screen; a feed that puts its article in the title is cut here.
MAX_TITLE = 1000

#: How many example values a summarised warning quotes.
_EXAMPLES = 2


@dataclass
class ParseNotes:
    """Warnings, summarised: 50,000 bad dates make one line, not 50,000."""

    lines: list[str] = field(default_factory=list)
    recovered: bool = False
    #: The document uses xml:base; only then is lxml's (costly) ``.base`` worth asking.
    xml_base: bool = False
    counts: dict[str, list[str]] = field(default_factory=dict)

    def add(self, line: str) -> None:
        self.lines.append(line)

    def count(self, what: str, example: str) -> None:
        self.counts.setdefault(what, []).append(example)

    def result(self) -> tuple[str, ...]:
        summaries = []
        for what, examples in self.counts.items():
            shown = ", ".join(repr(e[:60]) for e in examples[:_EXAMPLES])
            more = " …" if len(examples) > _EXAMPLES else ""
            summaries.append(f"{len(examples)} {what} (e.g. {shown}{more})")
        return tuple(clean_text(line).replace("\n", " ") for line in [*self.lines, *summaries])


# --- fields --------------------------------------------------------------------------------------


def unique_entries(entries: Iterable[ParsedEntry], notes: ParseNotes) -> tuple[ParsedEntry, ...]:
    """Entries in feed order, a repeated guid's later entries dropped."""
    seen: set[str] = set()
    kept = []
    for entry in entries:
        if entry.guid is not None:
            if entry.guid in seen:
                notes.count("entries repeat an earlier guid and were skipped", entry.guid)
                continue
            seen.add(entry.guid)
        if entry.published is None and entry.updated is None:
            notes.count("entries have no date", entry.title or entry.guid or entry.link or "")
        kept.append(entry)
    return tuple(kept)


def clean_title(text: str) -> str | None:
    """One line of plain text; a title longer than :data:`MAX_TITLE` is cut at a word."""
    title = strip_markup(text)
    if len(title) > MAX_TITLE:
        title = title[:MAX_TITLE].rsplit(" ", 1)[0] + "…"
    return title or None


def clean_id(text: str) -> str | None:
    return " ".join(safe_text(text).split()) or None


def clean_author(text: str) -> str | None:
    text = strip_markup(text)
    match = _NAME_IN_PARENS.match(text)
    return (match.group(1).strip() if match else text) or None


_DATE_READERS: tuple[Callable[[str], datetime], ...] = (
    lambda text: datetime.fromisoformat(text.replace("z", "Z")),
    parsedate_to_datetime,
    lambda text: datetime.fromisoformat(text.replace(" ", "T", 1)),
)


def parse_date(text: str, notes: ParseNotes) -> datetime | None:
    """A timezone-aware UTC datetime; None (and a counted warning) when it cannot be read."""
    text = " ".join(text.split())
    if not text:
        return None
    for reader in _DATE_READERS:
        try:
            value = reader(text)
        except (ValueError, TypeError, IndexError, OverflowError):
            continue
        try:
            if value.tzinfo is None:
                return value.replace(tzinfo=UTC)
            return value.astimezone(UTC)
        except (ValueError, OverflowError):
            break
    notes.count("dates could not be read", text)
    return None
