"""What one paragraph, read on its own, says about where articles start and end.

Newspapers mark the edges of a story in ways that survive being flattened into plain text: a
headline (short, no final full stop), a byline ("By Jane Doe / Staff reporter"), a dateline
("TOKYO (Reuters) -"), an end credit ("(Reporting by ...)"), and an excerpt that simply stops
mid-sentence. Photo credits and captions also survive, but they sit *inside* a story, so they must
not be mistaken for its edges. This module recognises those shapes; deciding what they mean in
context is ``split.py``'s job.

Every pattern here is applied to a bounded slice of the paragraph (its head or its tail) and uses
bounded repetition only, so a 20 MB single line costs no more than a short one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one string (easier to read and edit than a list literal)."""
    return frozenset(text.split())


class Kind(Enum):
    """The role a paragraph plays in the layout of a story."""

    BODY = "body"
    HEADLINE = "headline"
    BYLINE = "byline"  # "By ...", "Staff writer, with CNA", "AFP, MANILA": opens a story
    CREDIT = "credit"  # a bare photo credit: belongs to the story around it
    CAPTION = "caption"  # a descriptive sentence ending in a photo credit
    TAIL = "tail"  # "(Reporting by ...; Editing by ...)": closes a story
    SUBHEAD = "subhead"  # an all-capitals crosshead inside a story
    LIST = "list"  # a bullet, a numbered item, a team sheet: part of the story around it


@dataclass(frozen=True, slots=True)
class Para:
    """One non-blank input line and the cues it carries by itself."""

    index: int
    line: int
    text: str
    kind: Kind
    truncated: bool  # a body paragraph that stops mid-sentence
    dateline: bool  # a body paragraph that opens with a dateline
    opens_quote: bool  # leaves a quotation open at its end
    starts_quote: bool
    ends_colon: bool
    sentences: int  # rough count, capped; only counted for a truncated paragraph
    blank_before: int  # blank lines between this paragraph and the previous one
    last_line: int = 0  # the paragraph's last input line when rejoined from wrapped lines

    @property
    def end_line(self) -> int:
        return self.last_line or self.line


HEAD = 240  # characters of a paragraph's start that the start patterns look at
TAIL_CHARS = 240  # characters of a paragraph's end that the end patterns look at
CREDIT_CHARS = 110  # characters of a caption's end that can hold its credit

_CLOSERS = "\"'”’»)]"
_TERMINAL = ".!?…"

# Words a headline never ends on: a line ending on one was cut off mid-phrase.
_DANGLING = word_set(
    "a an the of to in on at for and or but nor with by from as that which who whom whose is are "
    "was were be been has have had will would can could should may might must his her its their "
    "our my your this these those than into onto over under about after before between during "
    "against including such said told"
)

_PROSE_VERB = re.compile(r"\b(?:was|were|had|did|been|wasn’t|didn’t|wasn't|didn't)\b")
_PROSE_OPENER = re.compile(
    r"(?:However|Separately|Meanwhile|Still|Moreover|Furthermore|Instead|Nevertheless|So far|"
    r"In addition|By contrast|In contrast|At the same time|Earlier|Later|Previously),"
)
_PROSE_CLAUSE = re.compile(
    r"(?:, (?:with|and|but|which|who|as|after|while|when|where|although|the|a|his|her|their|its)"
    r"|[,!?][”\"’]) [a-z]|, [a-z]{1,3}$|\b(?:is|are) (?:out now|now out|available)\b"
)

_PROSE_WORDS = word_set(
    "a an the is are was were be been his her its their this that these those which who"
)

_AGENCY_NAMES = (
    r"Reuters|AP|AFP|CNA|Kyodo(?: News)?|Yonhap|Bloomberg|Xinhua|UPI|dpa|DPA|Jiji|AFP-JIJI|NHK|"
    r"Bernama|PTI|IANS|ANI|Anadolu|EFE|ANSA|TASS|Interfax|Lusa|Antara|KCNA|AAP|CP|RIA Novosti|"
    r"Central News Agency|Associated Press|Agence France-Presse|Kyodo News|Nikkei|Focus Taiwan"
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?"
_WORD = r"[A-Z][A-Za-z.'’-]{0,24}"
_PLACE = rf"{_WORD}(?: {_WORD}){{0,3}}"
_CAPS_PLACE = r"[A-Z][A-Z.'’-]{1,24}(?: [A-Z][A-Z.'’-]{0,24}){0,3}"
_DATE = rf"(?:,? {_MONTH} \d{{1,2}})"
_DASH = r"(?:-{1,2}|—|–)"

# "TOKYO (Reuters) - ", "HSINCHU, Taiwan, May 14 (Reuters) - ", "Hualien, Nov. 12 (CNA) ".
_DATELINE_AGENCY = re.compile(
    rf"(?P<place>{_PLACE})(?:, {_PLACE}){{0,2}}(?P<date>{_DATE})? ?\((?:{_AGENCY_NAMES})\)"
    rf"(?P<dash> ?{_DASH})? ?(?=\S)"
)
# "TOKYO — ", "WASHINGTON, March 3 -- ": a capitalised place and a dash, no agency.
_DATELINE_DASH = re.compile(
    rf"{_CAPS_PLACE}(?:, {_PLACE}){{0,2}}{_DATE}?(?: {_DASH} ?| ?{_DASH} )(?=[\"“‘A-Z0-9])"
)
# "BANGKOK, 8 December 2022: ", "GENEVA, March 3, 2024 - ": a full date, then a colon or dash.
_DATELINE_DATED = re.compile(
    rf"{_CAPS_PLACE}(?:, {_PLACE}){{0,2}},? (?:\d{{1,2}} {_MONTH}|{_MONTH} \d{{1,2}},?) \d{{4}}"
    rf" ?(?::|{_DASH}) ?(?=\S)"
)
# "TAIPEI, May 3 (Xinhua) -": an agency we do not know, but with a dash after it.
_DATELINE_OTHER = re.compile(
    rf"{_CAPS_PLACE}(?:, {_PLACE}){{0,2}}{_DATE}? ?\([A-Z][A-Za-z.&-]{{1,20}}\) ?{_DASH} ?(?=\S)"
)

_BYLINE_BY = re.compile(r"(?:By|BY)\s+[A-Z][\w.'’-]*")
_BYLINE_STAFF = re.compile(
    r"(?:(?:Staff|Special|Senior) (?:writer|reporter|correspondent)s?\b|From staff reporters?\b|"
    r"Special to the\b|From [A-Z][\w-]+ correspondents?\b)",
    re.IGNORECASE,
)
# "AFP, MANILA", "Reuters and AP, TOKYO", "Bloomberg, HONG KONG": agencies then a place in capitals.
_AGENCY_LINE = re.compile(
    rf"(?:{_PLACE})(?:(?:,| and| with) {_PLACE}){{0,3}}, {_CAPS_PLACE}(?:, {_PLACE})?"
)

_CREDIT_WORDS = (
    r"(?:Photos?|Photograph|Graphic|Image|Illustration|Picture|Screengrab|Screen grab|Video grab|"
    r"File photo|Cartoon|Infographic)"
)
_CREDIT_RELATION = r"(?::|courtesy of|provided by|copied from|taken from|supplied by|credit:|by)"
_BARE_CREDIT = re.compile(rf"{_CREDIT_WORDS}\s*{_CREDIT_RELATION}\s*\S", re.IGNORECASE)
_FILE_PHOTO = re.compile(r"(?:[A-Z][\w ]{0,30} )?file photos?$", re.IGNORECASE)
# The credit at the end of a caption, after the caption's own sentence.
_CAPTION_TAIL = re.compile(
    rf"[.!?”\"’)] *(?:(?i:{_CREDIT_WORDS})\s*{_CREDIT_RELATION}\s*[^.!?]{{1,120}}|"
    rf"(?:[A-Z][\w ]{{0,30}} )?file photo)\.?$"
)
# Credits that close a caption in wire and web copy: "[Getty Images]", "(AP Photo/NOAA)",
# "... 2021. (Xinhua)", "... in New York City. / Reuters", "REUTERS/Kim Hong-Ji/File Photo".
_CAPTION_CREDIT_END = re.compile(
    r"(?:\[[A-Z][\w .&/'’-]{1,40}\]"
    r"|\((?:[A-Z][\w.&'’ -]{0,30} )?(?:Photo|Image|Picture|Photograph)s?\b[^()]{0,60}\)"
    r"|[.!?”\"’\w] ?\((?:" + _AGENCY_NAMES + r"|KCNA|EPA|EPA-EFE|Getty Images)\)"
    r"|[.!?”\"’] ?\| ?[A-Z][\w.&/'’ -]{1,40}"
    r"|[.!?”\"’] ?/ ?(?:" + _AGENCY_NAMES + r")"
    r"|\b[A-Z]{2,}/[A-Z][\w .'’-]{1,40}(?:/[\w .'’-]{1,30})?)\.?$"
)
# "FILE - ...", "FILE PHOTO: ...", "This image made available by ...", "In this undated photo".
_CAPTION_HEAD = re.compile(
    r"(?:FILE(?: PHOTO)? ?[-–—:]|(?:This|In this) (?:[a-z]+ ){0,2}"
    r"(?:image|photo|picture|photograph|handout|video grab)s?\b)"
)
# "(Adds typhoon makes landfall ...)", "(Updates with ...)": a wire story's update note, on top.
_UPDATE_NOTE = re.compile(
    r"\((?:Adds|Updates|Recasts|Corrects|Changes|Rewrites|Refiles|Repeats|Releads|Removes|"
    r"Inserts|Fixes|Clarifies|Edits)\b[^()]{0,160}\)$"
)
# "(Yonhap)", "(AP Photo/Ahn Young-joon)": a credit alone on its line.
_PAREN_CREDIT = re.compile(
    r"\((?:" + _AGENCY_NAMES + r"|KCNA|EPA|EPA-EFE|Getty Images|[A-Z][\w.&'’ -]{0,30} Photo"
    r"(?:/[\w.'’ -]{1,40})?)\)"
)
_TAIL_CREDIT = re.compile(
    r"(?:Enditem|\(end\)|ENDS?|-30-|###)$|"
    r"\(?(?:(?:Additional )?reporting|Writing|Editing|Edited|Compiled|Translated|Translation|"
    r"Research|Sub-edited) by\b|\((?:By|Written by|Reported by) [A-Z]|"
    r"(?:Some )?(?:information|material) (?:for|in) this (?:report|story|article) (?:was|came)|"
    r"[—–-]{1,2} ?(?:" + _AGENCY_NAMES + r")$",
    re.IGNORECASE,
)
_MULTI_SENTENCE = re.compile(r"[a-z0-9)][.!?][”\"’]? +[“\"‘]?[A-Z]")
_SENTENCE_END = re.compile(r"[a-z0-9%)][.!?][”\"’]?(?: +|$)")


def classify(index: int, line: int, text: str, blank_before: int, last_line: int = 0) -> Para:
    """Read the cues one paragraph carries by itself."""
    head = text[:HEAD]
    tail = text[-TAIL_CHARS:]
    kind = _kind(text, head, tail)
    # A line wholly in parentheses ("($1 = 1,150 won)") is an aside, never a cut-off sentence.
    complete = ends_sentence(tail) or (text[:1] == "(" and text[-1:] == ")")
    ends_colon = tail.rstrip().endswith(":")
    truncated = kind is Kind.BODY and not complete and not ends_colon
    opens = _opens_quote(text)
    return Para(
        index=index,
        line=line,
        text=text,
        kind=kind,
        truncated=truncated,
        dateline=kind is Kind.BODY and dateline_length(head) > 0,
        opens_quote=opens,
        starts_quote=head[:1] in "“\"‘'",
        ends_colon=ends_colon,
        sentences=_count_sentences(text) if truncated else 0,
        blank_before=blank_before,
        last_line=last_line if last_line > line else 0,
    )


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence (a final mark, perhaps inside closing quotes).

    A closing quote right after a word (``called it “a victory”``) also counts as an end: the
    excerpts this guards against are cut at a word, never just after a quotation.
    """
    t = text.rstrip()
    i = len(t)
    while i and t[i - 1] in _CLOSERS:
        i -= 1
    if i == 0:
        return True
    if t[i - 1] in _TERMINAL:
        return True
    return i < len(t) and t[i - 1].isalnum() and t[i] in '”’"'


def dateline_length(head: str) -> int:
    """Length of the dateline that opens ``head``, or 0."""
    m = _DATELINE_AGENCY.match(head)
    if m:
        place = m.group("place")
        if place.isupper() or m.group("date") or m.group("dash"):
            return m.end()
    m = _DATELINE_DASH.match(head) or _DATELINE_OTHER.match(head) or _DATELINE_DATED.match(head)
    if m:
        return m.end()
    return 0


def is_byline(text: str) -> bool:
    if len(text) > 110 or text.endswith("."):
        return False
    if _BYLINE_BY.match(text):
        words = text.split()
        return len(words) <= 16 and not _MULTI_SENTENCE.search(text)
    if _BYLINE_STAFF.match(text):
        return len(text) <= 80
    return len(text) <= 70 and _AGENCY_LINE.fullmatch(text) is not None


def is_bare_credit(text: str) -> bool:
    if len(text) > 160:
        return False
    return bool(
        _BARE_CREDIT.match(text) or _FILE_PHOTO.fullmatch(text) or _PAREN_CREDIT.fullmatch(text)
    )


def is_update_note(text: str) -> bool:
    """A wire update note such as "(Adds details)": it sits on top of its story."""
    return len(text) <= 200 and _UPDATE_NOTE.match(text) is not None


def is_caption(tail: str, length: int, head: str = "") -> bool:
    if length > 700:
        return False
    if _CAPTION_TAIL.search(tail) or _CAPTION_CREDIT_END.search(tail[-CREDIT_CHARS:]):
        return True
    return bool(head) and _CAPTION_HEAD.match(head) is not None and length <= 400


def is_tail_credit(text: str) -> bool:
    return len(text) <= 240 and _TAIL_CREDIT.match(text) is not None


def is_subhead(text: str) -> bool:
    if len(text) > 60 or (ends_sentence(text) and text.rstrip()[-1:] == "."):
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def headline_like(text: str) -> bool:
    """A short title-shaped line: no final full stop, not a sentence cut off mid-phrase."""
    if len(text) > 160 or len(text) < 8:
        return False
    words = text.split()
    if not 2 <= len(words) <= 22:
        return False
    bare = text.lstrip("“\"‘'")
    first = bare[:1]
    if not (first.isupper() or first.isdigit() or first in "$¥€£" or is_camel(bare)):
        return False
    t = text.rstrip()
    last = t[-1]
    if last in ".,;:-–—(/&":
        return False
    if last in _CLOSERS and ends_sentence(t) and t.rstrip(_CLOSERS)[-1:] == ".":
        return False
    if _MULTI_SENTENCE.search(text):
        return False
    tail_word = re.sub(r"[^\w'’-]", "", words[-1]).lower()
    if tail_word in _DANGLING:
        return False
    if re.search(r"[,”\"] (?:he|she|they|it|we|I) (?:said|says|added|asked)\b", text):
        return False
    # Headlines drop articles, copulas and pronouns; a fragment of prose keeps them.
    smalls = sum(1 for w in words if w.lower() in _PROSE_WORDS)
    return smalls <= max(2, len(words) // 4) and not reads_as_prose(text)


def reads_as_prose(text: str) -> bool:
    """A line shaped like a headline that is really a sentence cut off (the end of an excerpt).

    Headlines are written in the present tense without articles; a sentence keeps its past
    tense and auxiliaries ("was", "had said"), its articles, its attributions (``,” he said``)
    and its openers ("Separately, ..."), and a quotation cut off before its closing mark.
    """
    if _PROSE_VERB.search(text) or _PROSE_OPENER.match(text) or _PROSE_CLAUSE.search(text):
        return True
    if text[:1] in '“"‘' and not any(c in text[1:] for c in '”"’'):
        return True
    inner = text.split()[1:]
    return sum(1 for w in inner if w in ("a", "an", "the")) >= 2


def starts_lower(text: str) -> bool:
    """Does ``text`` open in lower case (a continuation)? "iTunes ...", "eBay ..." do not."""
    return text[:1].islower() and not is_camel(text)


def is_camel(text: str) -> bool:
    """Does ``text`` open with a lower-case brand name such as "iTunes" or "eBay"?"""
    first = text[:24].split(" ", 1)[0]
    return first[:1].islower() and any(c.isupper() for c in first)


def is_list_item(text: str) -> bool:
    """A bullet or numbered item, or a run of names (a team sheet, a seeding list).

    Such lines stop without a full stop and are short, so they look like headlines or cut-off
    excerpts, but they sit inside the story that introduces them.
    """
    if _LIST_MARK.match(text):
        return True
    if len(text) > 600 or text.count(",") + text.count(";") < 4:
        return False
    words = [w for w in text.split() if w[:1].isalnum()]
    named = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return len(words) >= 6 and named >= 0.7 * len(words)


_LIST_MARK = re.compile(r"(?:[•●▪◦·*]|[-–](?= )|\d{1,2}[.)](?= \S))")


def _kind(text: str, head: str, tail: str) -> Kind:
    if is_bare_credit(text):
        return Kind.CREDIT
    if is_tail_credit(text):
        return Kind.TAIL
    if is_byline(text) or is_update_note(text):
        return Kind.BYLINE
    if is_caption(tail, len(text), head):
        return Kind.CAPTION
    if is_list_item(text):
        return Kind.LIST
    if is_subhead(text):
        return Kind.SUBHEAD
    if headline_like(text) and dateline_length(head) == 0:
        return Kind.HEADLINE
    return Kind.BODY


def _opens_quote(text: str) -> bool:
    """True if a quotation is still open at the end of ``text`` (a multi-paragraph quote)."""
    opened = text.count("“")
    closed = text.count("”")
    if opened or closed:
        return opened > closed
    straight = text.count('"')
    if straight % 2 == 0:
        return False
    i = text.rfind('"')
    return i == 0 or text[i - 1].isspace()


def _count_sentences(text: str) -> int:
    n = 0
    for _ in _SENTENCE_END.finditer(text[:4000]):
        n += 1
        if n >= 5:
            break
    return n
