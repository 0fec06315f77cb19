"""The search language shared by the TUI's search bar and ``newsreader search``.

A query is a list of whitespace-separated terms, all of which must hold (AND)::

    kinmen "chinese id"      words and phrases
    -weather -"a phrase"     exclusions
    tag:defence is:unread    user state (also is:bookmarked, is:read, is:truncated)
    person:"Ho Cheng-hui" org:CWA place:Kinmen said:Ho    what the analysis found
    source:seed.txt          where the article came from (feed:NAME is the same, for feeds)
    since:2026-11-01 since:7d    feed entries published since a date, or in the last 7 days

Any term may be negated with a leading ``-`` (``-tag:done``, ``-is:read``). Field names are
case-insensitive. The parser never raises: it is fed every keystroke, so half-typed input has to
mean something sensible rather than fail. Hence:

* the last word, while still being typed (the text does not end in whitespace), matches as a
  prefix: ``kinm`` finds Kinmen; in an unfinished phrase (``"said in a st``) the finished words
  must be a phrase and the last one is a prefix anywhere in the article, until the closing
  quote makes the whole phrase exact; a trailing space makes a word exact again;
* an unclosed quote runs to the end of the text;
* an unknown field (``foo:bar``, ``7:25am``) is just text to look for, and a field with nothing
  after the colon yet is ignored instead of matching everything or nothing.

Words are compared after :func:`fold` (case-insensitive, accents removed) and split into ``\\w+``
tokens, so ``Cheng-hui`` and ``cheng hui`` are the same two-token phrase.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields
from typing import TypeVar

from newsreader.search.dates import valid_since
from newsreader.tags import tag_or_none

__all__ = [
    "FIELDS",
    "FLAGS",
    "SEPARATOR",
    "Query",
    "fold",
    "parse_query",
    "text_tokens",
    "tokens",
    "typing_tag",
]

#: Entity-backed fields and the analysis they read (see ``newsreader.search``).
ENTITY_FIELDS = ("person", "org", "place", "said")
#: Every field name the parser knows.
FIELDS = ("tag", "is", "source", "feed", "since", *ENTITY_FIELDS)
#: Values accepted after ``is:``; several spellings map to one flag.
FLAGS = {
    "bookmarked": "bookmarked",
    "bookmark": "bookmarked",
    "starred": "bookmarked",
    "unread": "unread",
    "new": "unread",
    "read": "read",
    "truncated": "truncated",
    "excerpt": "truncated",
}

_T = TypeVar("_T")
_WORD = re.compile(r"\w+")
# Combining marks left over after NFKD; removing them is what makes "Taipéi" match "taipei".
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_QUOTES = frozenset('"“”„‟«»')
_SPACE = frozenset(" \t\n\r\f\v\u00a0\u3000")


def fold(text: str) -> str:
    """Lower-case and strip accents so that comparisons ignore both.

    ASCII text (most news) takes the fast path; the rest is case-folded and decomposed.
    """
    if text.isascii():
        return text.lower()
    return _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))


def tokens(text: str) -> list[str]:
    """The folded ``\\w+`` tokens of ``text``: the unit of matching everywhere."""
    return _WORD.findall(fold(text))


#: Stands between paragraphs in ``text_tokens`` output; no token can equal it.
SEPARATOR = "\x01"
_JOIN = f" {SEPARATOR} "
# Punctuation common in news that would otherwise push a whole paragraph off the ASCII fast path.
_PUNCT = re.compile("[\u00a0\u2010-\u2015\u2018-\u201f\u2026\u2032\u2033\u3000]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_ASCII_WORDS = bytes(
    (c + 32 if 65 <= c <= 90 else c)
    if (48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122 or c == 95 or c == 1)
    else 32
    for c in range(256)
)


def _ascii_tokens(text: str) -> list[str]:
    return text.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()


def text_tokens(paragraphs: list[str] | tuple[str, ...]) -> list[str]:
    """``tokens`` of each paragraph, with ``SEPARATOR`` between paragraphs, fast.

    Gives exactly what ``tokens`` would, paragraph by paragraph, at several times the speed:
    the ASCII bulk of a text goes through one byte translation and ``split``; only the
    space-delimited chunks that hold a non-ASCII letter (an accented name, Chinese characters)
    take the Unicode path. This is what indexing 100k articles spends most of its time on.
    """
    text = _JOIN.join(p.replace(SEPARATOR, " ") for p in paragraphs)
    text = _PUNCT.sub(" ", text)
    if text.isascii():
        return _ascii_tokens(text)
    out: list[str] = []
    done = 0  # everything before this index is tokenised
    for m in _NON_ASCII.finditer(text):
        if m.start() < done:
            continue  # inside the chunk just handled
        space = text.rfind(" ", done, m.start())
        start = done if space < 0 else space + 1
        end = text.find(" ", m.end())
        end = len(text) if end < 0 else end
        if start > done:
            out.extend(_ascii_tokens(text[done:start]))
        out.extend(_WORD.findall(fold(text[start:end])))
        done = end
    if done < len(text):
        out.extend(_ascii_tokens(text[done:]))
    return out


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query. Words and phrases are folded; phrases are tokens joined by one space.

    ``prefix`` is the single word still being typed (matched as the start of any token); it is
    empty when the query text ended in whitespace. Field values for ``person``/``org``/
    ``place``/``said``/``source`` are folded the same way; tags are kept as typed (trimmed), the
    store decides how tags compare.
    """

    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    prefix: str = ""
    excluded_words: tuple[str, ...] = ()
    excluded_phrases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    excluded_tags: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()
    excluded_flags: frozenset[str] = frozenset()
    persons: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    said: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    #: ``since:`` values as written (``search.dates`` turns them into times when searching).
    since: tuple[str, ...] = ()
    #: Negated entity/source fields as (field, folded value), e.g. ("person", "ho").
    excluded_fields: tuple[tuple[str, str], ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when the query restricts nothing (every article matches)."""
        return not any(getattr(self, f.name) for f in fields(self))

    @property
    def has_text(self) -> bool:
        """True when the query looks for words in the text (what the reader highlights)."""
        return bool(self.words or self.phrases or self.prefix)

    @property
    def needs_analysis(self) -> bool:
        """True when answering needs entities or quotes, not only the words."""
        return bool(
            self.persons
            or self.orgs
            or self.places
            or self.said
            or any(f in ENTITY_FIELDS for f, _ in self.excluded_fields)
        )

    @property
    def bookmarked(self) -> bool:
        return "bookmarked" in self.flags

    @property
    def unread(self) -> bool:
        return "unread" in self.flags

    @property
    def read(self) -> bool:
        return "read" in self.flags

    @property
    def truncated(self) -> bool:
        return "truncated" in self.flags

    def field_values(self, name: str) -> tuple[str, ...]:
        """The folded values given for an entity/source field (``"person"`` -> ``persons``)."""
        return {
            "person": self.persons,
            "org": self.orgs,
            "place": self.places,
            "said": self.said,
            "source": self.sources,
        }[name]


@dataclass(slots=True)
class _Term:
    negated: bool
    field: str | None  # a known field name, or None for plain text
    value: str
    quoted: bool
    last: bool  # the final term of the text, still being typed


def _scan(text: str) -> list[_Term]:
    """Cut ``text`` into terms with a single left-to-right pass (no regex, no backtracking)."""
    out: list[_Term] = []
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i] in _SPACE:
            i += 1
        if i >= n:
            break
        negated = False
        if text[i] == "-" and i + 1 < n and text[i + 1] not in _SPACE:
            negated = True
            i += 1
        field: str | None = None
        quoted = False
        if text[i] in _QUOTES:
            value, i = _quoted(text, i + 1)
            quoted = True
        else:
            start = i
            while i < n and text[i] not in _SPACE and text[i] not in _QUOTES:
                i += 1
            value = text[start:i]
            name, colon, rest = value.partition(":")
            if colon and name.lower() in FIELDS:
                field = name.lower()
                if not rest and i < n and text[i] in _QUOTES:
                    rest, i = _quoted(text, i + 1)
                    quoted = True
                value = rest
            elif i < n and text[i] in _QUOTES:
                # A quote glued to a word (kinmen"chinese id") starts a new term.
                pass
        out.append(_Term(negated, field, value, quoted, last=False))
    if out and text and text[-1] not in _SPACE:
        out[-1].last = True
    return out


def _quoted(text: str, i: int) -> tuple[str, int]:
    """Read up to the closing quote (or the end of the text); return (value, next index)."""
    start = i
    while i < len(text) and text[i] not in _QUOTES:
        i += 1
    value = text[start:i]
    if i < len(text):
        i += 1  # the closing quote; the term is complete
    return value, i


def parse_query(text: str) -> Query:
    """Parse ``text`` (see the module docstring). Never raises."""
    words: list[str] = []
    phrases: list[str] = []
    prefix = ""
    ex_words: list[str] = []
    ex_phrases: list[str] = []
    tags: list[str] = []
    ex_tags: list[str] = []
    flags: set[str] = set()
    ex_flags: set[str] = set()
    values: dict[str, list[str]] = {name: [] for name in (*ENTITY_FIELDS, "source")}
    ex_fields: list[tuple[str, str]] = []
    since: list[str] = []

    terms = _scan(text)
    # A closed quote is complete even when it ends the text: only an open one is a prefix.
    open_quote = bool(terms) and terms[-1].quoted and _ends_open(text)
    for term in terms:
        typing = term.last and (not term.quoted or open_quote)
        field = term.field
        if field == "is":
            wanted = term.value.lower()
            flag = FLAGS.get(wanted)
            if flag is not None:
                (ex_flags if term.negated else flags).add(flag)
                continue
            if not wanted or (typing and any(name.startswith(wanted) for name in FLAGS)):
                continue  # "is:" or "is:bo" on the way to "is:bookmarked": wait for the rest
            field, term.value = None, f"is:{term.value}"  # an unknown flag is plain text
        if field == "feed":
            field = "source"  # a feed's articles carry its name as their source
        if field == "since":
            if valid_since(term.value) and not term.negated:
                since.append(term.value.strip())
            continue  # half-typed ("since:2026-1") or not a date: no filter yet
        if field == "tag":
            tag = term.value.strip()
            if tag:
                (ex_tags if term.negated else tags).append(tag)
            continue
        if field is not None:
            value = " ".join(tokens(term.value))
            if not value:
                continue
            if term.negated:
                ex_fields.append((field, value))
            else:
                values[field].append(value)
            continue
        toks = tokens(term.value)
        if not toks:
            continue
        joined = " ".join(toks)
        if term.negated:
            (ex_words if len(toks) == 1 else ex_phrases).append(joined)
        elif typing:
            # The phrase so far must hold as typed; only its last, unfinished word is loose, so
            # every keystroke reuses the answer for the finished part.
            *done, prefix = toks
            if len(done) == 1:
                words.append(done[0])
            elif done:
                phrases.append(" ".join(done))
        elif len(toks) == 1:
            words.append(joined)
        else:
            phrases.append(joined)

    return Query(
        words=_unique(words),
        phrases=_unique(phrases),
        prefix=prefix,
        excluded_words=_unique(ex_words),
        excluded_phrases=_unique(ex_phrases),
        tags=_unique(tags),
        excluded_tags=_unique(ex_tags),
        flags=frozenset(flags),
        excluded_flags=frozenset(ex_flags),
        persons=_unique(values["person"]),
        orgs=_unique(values["org"]),
        places=_unique(values["place"]),
        said=_unique(values["said"]),
        sources=_unique(values["source"]),
        since=_unique(since),
        excluded_fields=_unique(ex_fields),
    )


def _ends_open(text: str) -> bool:
    """True when ``text`` ends inside an unclosed quotation."""
    return sum(1 for ch in text if ch in _QUOTES) % 2 == 1


def _unique(items: list[_T]) -> tuple[_T, ...]:
    return tuple(dict.fromkeys(items))


def typing_tag(text: str, cursor: int | None = None) -> str | None:
    """The normalised tag of a ``tag:`` term still being typed at ``cursor`` (default: the end).

    Words match as prefixes until a space ends them, and so should a tag, or ``tag:kin`` shows
    nothing until the whole name is typed; the caller widens this one tag to every tag it
    begins. None when the cursor is not at the end of a ``tag:`` term, when the term is an
    exclusion (``-tag:x`` stays exact) or a finished quoted tag (``tag:"x"``).
    """
    end = len(text) if cursor is None else max(0, min(cursor, len(text)))
    if end < len(text) and text[end] not in _SPACE:
        return None  # the cursor is inside a word, not at the end of one
    head = text[:end]
    if not head or head[-1].isspace():
        return None
    last = head.rsplit(None, 1)[-1]
    if last[:4].lower() != "tag:":
        return None
    value = last[4:]
    if value[-1:] in _QUOTES:
        return None  # tag:"x" is finished
    return tag_or_none(value.lstrip("".join(_QUOTES)))
