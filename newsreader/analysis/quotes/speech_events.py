"""Speech verbs outside quotations and the subjects that go with them.

Every "said", "told", "according to", "adding" … in the reporter's words (quotes are masked)
becomes an event whose subject is resolved once, in reading order, so that a later "they" or "the
source" can find the anonymous source an earlier sentence introduced even when that sentence
quoted nothing. Quote attribution then only has to find the right event next to a quotation.
Subjects are looked for in a bounded window around each verb, so the pass is linear.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.analysis.quotes.chars import CLOSING_MARKS, OPENING_MARKS
from newsreader.analysis.quotes.lexicon import (
    FINITE_VERBS,
    JUNK_EDGE_WORDS,
    ORG_WORDS,
    PARTICIPLES,
    PHRASAL_SPEECH_VERBS,
    ROLE_WORDS,
    SUBORDINATORS,
    TITLE_WORDS,
    wordset,
)
from newsreader.analysis.quotes.marks import FILLER
from newsreader.analysis.quotes.speaker_phrases import resolve_speaker
from newsreader.analysis.quotes.speaker_words import (
    PRONOUN_KINDS,
    TOKEN_RE,
    Pos,
    Speaker,
    blank_parentheses,
)
from newsreader.analysis.quotes.speakers import Discourse

WORD_RE = re.compile(r"(?<![\w’'-])[A-Za-z][a-z]+(?![\w’'-])")
_BOUNDARY_RE = re.compile(r"[.!?…][”\"’')\]]*\s+(?=[A-Z]|[“\"‘][^\s])")
_ABBREVIATIONS = wordset(
    "mr mrs ms dr st jr sr co corp inc ltd no gen col lt sgt prof rep sen gov jan feb mar apr jun "
    "jul aug sep sept oct nov dec u.s u.k u.n vs etc mt ft ave dept fig vol approx"
)
CLOSE_MARKS = CLOSING_MARKS + FILLER  # a masked quotation ends in filler
OPEN_MARKS = OPENING_MARKS
MAX_PRE = 600
_MAX_SUBJECT = 300  # a subject with its appositives ("Chen Yi-hsun, a marine biologist at …")
_MARK_CHARS = tuple(set(CLOSE_MARKS + OPEN_MARKS))
MAX_NP_WORDS = 14
# Words that cannot be part of a subject noun phrase.
NOT_IN_NP = wordset(
    "is are was were be been being has have had will would can could should may might must do does "
    "did not and but or that which because so if then than when while although though"
)
_ADVERBS = wordset(
    "also later then further again once previously earlier yesterday today recently repeatedly "
    "separately reportedly publicly privately quickly simply only just initially subsequently "
    "already often frequently finally has have had would will tonight"
)
_TIME_TAIL_RE = re.compile(
    r"(?:\s+(?:on|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|"
    r"night|month|year|morning|afternoon|evening))+\s*$"
)
_CLAUSE_RE = re.compile(
    r"(?:,\s*|\s)(?:and|but|while|whereas|because|although|though|so|that|if|what|amid|after|"
    r"before|when|since|until|despite|as)\s+(?=[a-z])|"
    r",\s*(?:and|but)\s+|\b(?:that|because|although|while|whereas|after|before|when|since|"
    r"until|unless|once|if|what)\s+(?=[A-Z])|^\s*(?:and|but|or|so|yet|then)\s+"
)
_INTRO_RE = re.compile(
    r"^\s*(?:However|Meanwhile|Separately|But|And|Also|Still|Yet|Moreover|Instead|Later|Earlier|"
    r"Yesterday|Today|Previously)\b,?\s*"
)
_LEADING_INTRO_WORDS = wordset(
    "in on at after before asked writing speaking however meanwhile separately outside inside "
    "during since when while as yesterday today early late earlier later shortly soon once "
    "recently eventually ultimately back first last next then now still again citing"
)
_INTRO_PHRASE_RE = re.compile(r"\s*([^,]{1,80}),\s*")
_AFTER_QUOTE_RE = re.compile("[" + re.escape(CLOSE_MARKS) + r"]\s*,$")
_AND_RE = re.compile(r"(?:^|[\s,])(?:and|but)$")
_PREPOSITIONS = wordset("in on at during with after before by for from under through via")
_INVERTED_STOP = wordset("who which adding as when after while in at on during through")


@dataclass(frozen=True, slots=True)
class Event:
    pos: Pos
    verb: str
    speaker: Speaker


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start in a masked paragraph (quoted sentences are not counted)."""
    out = [0]
    for m in _BOUNDARY_RE.finditer(text):
        i = m.start()
        j = i
        while j > 0 and j > i - 12 and (text[j - 1].isalpha() or text[j - 1] == "."):
            j -= 1
        word = text[j:i].lower()
        if word in _ABBREVIATIONS or (len(word) == 1 and text[j].isupper()):
            continue
        out.append(m.end())
    return out


def is_phrasal_speech_verb(text: str, end: int, verb: str) -> bool:
    """ "shot back", "fired back", "went on": a reply or a continuation, said aloud."""
    particle = PHRASAL_SPEECH_VERBS.get(verb)
    return particle is not None and text.startswith(" " + particle, end)


def np_words_ok(words: Sequence[str]) -> bool:
    """No finite verbs or clause words, except "and"/"or" inside a capitalised name."""
    for k, w in enumerate(words):
        low = w.lower()
        if low in NOT_IN_NP:
            inner = low in ("and", "or") and 0 < k < len(words) - 1 and words[k + 1][:1].isupper()
            if not inner:
                return False
    return True


class SpeechEvents:
    """The speech events of one article, found once and looked up by position."""

    def __init__(
        self,
        paragraphs: Sequence[str],
        masks: Sequence[str],
        starts: Sequence[list[int]],
        disc: Discourse,
    ) -> None:
        self.paragraphs = paragraphs
        self.masks = masks
        self.disc = disc
        self.starts = starts
        self.events: dict[Pos, Event] = {}
        for p in range(len(masks)):
            self._scan(p)
        self.keys = sorted(self.events)

    # ----------------------------------------------------------------- sentences
    def sentence_start(self, p: int, index: int) -> int:
        starts = self.starts[p]
        return starts[bisect_right(starts, index) - 1]

    def sentence_end(self, p: int, index: int) -> int:
        starts = self.starts[p]
        k = bisect_right(starts, index)
        return starts[k] if k < len(starts) else len(self.masks[p])

    def at(self, p: int, index: int) -> Event | None:
        return self.events.get((p, index))

    def last_between(self, p: int, start: int, end: int) -> Speaker | None:
        """The speaker of the last event in ``[start, end)`` of paragraph ``p`` that has one."""
        event = self.last_event_between(p, start, end)
        return event.speaker if event is not None else None

    def last_event_between(self, p: int, start: int, end: int) -> Event | None:
        """The last event in ``[start, end)`` of paragraph ``p`` that has a speaker."""
        i = bisect_right(self.keys, (p, end - 1)) - 1
        while i >= 0 and self.keys[i] >= (p, start):
            event = self.events[self.keys[i]]
            if event.speaker.kind != "none":
                return event
            i -= 1
        return None

    def nearest_before(self, pos: Pos, first_para: int) -> Speaker | None:
        """The latest named speech subject before ``pos``, no earlier than ``first_para``."""
        i = bisect_right(self.keys, pos) - 1
        steps = 0
        while i >= 0 and self.keys[i][0] >= first_para and steps < 50:
            sp = self.events[self.keys[i]].speaker
            if sp.name is not None:
                return sp
            i -= 1
            steps += 1
        return None

    # ----------------------------------------------------------------- scanning
    def _scan(self, p: int) -> None:
        text = self.masks[p]
        previous: tuple[int, Speaker] | None = None
        for m in WORD_RE.finditer(text):
            verb = m.group().lower()
            phrasal = is_phrasal_speech_verb(text, m.end(), verb)
            if (
                verb not in FINITE_VERBS
                and verb not in PARTICIPLES
                and verb != "according"
                and not phrasal
            ):
                continue
            v = m.start()
            s = self.sentence_start(p, v)
            if m.group()[0].isupper() and text[s:v].strip(" " + OPEN_MARKS):
                continue  # "Stated Lee:" opens a sentence; "Said" mid-sentence is a name
            if previous is not None and previous[0] != s:
                previous = None
            speaker = self._subject(p, s, m, previous)
            if speaker is None:
                continue
            self.events[(p, v)] = Event((p, v), verb, speaker)
            if speaker.name is not None:
                self.disc.note_speaker((p, v), speaker)
                previous = (s, speaker)

    def _subject(
        self, p: int, s: int, m: re.Match[str], previous: tuple[int, Speaker] | None
    ) -> Speaker | None:
        text = self.masks[p]
        verb = m.group().lower()
        v = m.start()
        lo = max(s, v - MAX_PRE)
        window = text[lo:v]
        if verb == "according":
            to = re.match(r"\s+to\s+", text[m.end() : m.end() + 10])
            return self.np_after(p, m.end() + to.end()) if to else None
        if verb in PARTICIPLES:
            if verb == "saying":
                passive = re.search(
                    r"\b(?:was|were|is|are|been)\s+quoted(?:\s+by\s+[^,;]{1,80}?)?\s+as\s*$", window
                )
                if passive:
                    return self.subject_before(p, lo, lo + passive.start())
                quoted = re.search(r"\bquoted\s+(\S.{0,100}?)\s+as\s*$", window)
                if quoted:
                    return resolve_speaker(self.disc, p, lo + quoted.start(1), lo + quoted.end(1))
            if previous is not None:
                return previous[1]
            return self.leading_subject(p, s, v)
        stripped = window[-80:].rstrip()
        if not stripped or stripped[-1] in CLOSE_MARKS or _AFTER_QUOTE_RE.search(stripped):
            return self.np_after(p, m.end())  # "…,” said Chiu" / "Said the minister: …"
        if _AND_RE.search(stripped):
            if previous is not None:
                return previous[1]  # "Liang warned …, and said …"
            # "Reid voted early and says …": the subject of the clause the verb is joined to.
            return self.leading_subject(p, s, v)
        return self.subject_before(p, lo, v)

    def np_after(self, p: int, start: int) -> Speaker | None:
        """The subject after an inverted verb ("said passenger Chou Ya-ting (周雅婷), 31, …")."""
        text = self.masks[p]
        tail = blank_parentheses(text[start : start + 160])
        end = len(tail)
        for i, ch in enumerate(tail):
            if ch == "." and _abbreviation_before(tail, i):
                continue  # "said Sen. Ada O. Lee": a title or an initial, not a full stop
            if ch in ",.;:!?”" + FILLER + OPEN_MARKS:
                end = i
                break
        words = list(TOKEN_RE.finditer(tail[:end]))
        keep = 0
        for k, w in enumerate(words):
            low = w.group().lower()
            if (k > 0 and low in _INVERTED_STOP) or low in NOT_IN_NP or k >= 10:
                break
            if (
                low in ("of", "from")
                and k > 0
                and words[k - 1].group().lower() not in TITLE_WORDS | ORG_WORDS
            ):
                break  # "said analyst Bea Sorensen of Nordbank"; not "said Minister of Finance …"
            keep = k + 1
        if keep == 0:
            return None
        return resolve_speaker(
            self.disc, p, start + words[0].start(), start + words[keep - 1].end()
        )

    def subject_before(self, p: int, lo: int, v: int) -> Speaker | None:
        """The subject of a finite verb at ``v``: the noun phrase right before it in its clause."""
        text = self.masks[p]
        lo = max(lo, v - _MAX_SUBJECT)
        seg = max(lo, max(text.rfind(ch, lo, v) for ch in _MARK_CHARS) + 1)
        # A cleaned copy with the same offsets: parentheticals and adverbs turned into spaces.
        clean = _strip_adverbs(blank_parentheses(text[seg:v]))
        if not clean.strip():
            return None
        # A dash sets off a clause as a comma does ("… it can be!— Lee called").
        pieces = re.sub("[—–]", ",", clean).split(",")
        offsets: list[int] = []
        acc = 0
        for piece in pieces:
            offsets.append(acc)
            acc += len(piece) + 1
        idx = len(pieces) - 1
        if not pieces[idx].strip():
            # An appositive chain: "Lee Min-jun, 44, whose mother …, said" -> "Lee Min-jun".
            idx -= 1
            while idx > 0 and _is_appositive(pieces[idx]):
                idx -= 1
        if idx < 0:
            return None
        piece = pieces[idx]
        cut = 0
        for mc in _CLAUSE_RE.finditer(piece):
            cut = mc.end()
        intro = _INTRO_RE.match(piece[cut:])
        if intro:
            cut += intro.end()
        if len(piece[cut:].split()) > MAX_NP_WORDS:
            return None
        words = list(TOKEN_RE.finditer(piece[cut:]))
        if words and cut > 0 and words[0].group().lower() in _PREPOSITIONS:
            # "The council met and in a statement said …": the subject leads the sentence.
            return self.leading_subject(p, lo, v)
        if not words or len(words) > MAX_NP_WORDS or not np_words_ok([w.group() for w in words]):
            return None
        base = seg + offsets[idx] + cut
        return resolve_speaker(self.disc, p, base + words[0].start(), base + words[-1].end())

    def leading_subject(self, p: int, s: int, v: int) -> Speaker | None:
        """The subject of a sentence's main clause, for "Tsai conceded defeat, saying that …".

        Introductory phrases are skipped ("Hours later, ", "However, ", "Speaking in Ohio, ",
        "When he returned"), so that the subject is never an adverb or a subordinator.
        """
        text = self.masks[p]
        sub = text[s:v]
        offset = 0
        for _ in range(3):
            intro = _INTRO_PHRASE_RE.match(sub, offset)
            if intro is None or not _is_intro(intro.group(1)):
                break
            offset = intro.end()
        words = list(TOKEN_RE.finditer(sub, offset))
        if words and words[0].group().lower() in SUBORDINATORS:
            # "When he returned he began by saying": the last subject pronoun is the main one.
            pronouns = [w for w in words[1:] if _pronoun_part(w.group())]
            words = pronouns[-1:] if len(pronouns) >= 2 else []
        if not words:
            return None
        pronoun = _pronoun_part(words[0].group())
        if pronoun:
            a = s + words[0].start()
            return resolve_speaker(self.disc, p, a, a + len(pronoun))
        keep = 0
        determiner = words[0].group().lower() in ("the", "a", "an")
        for k, w in enumerate(words):
            t = w.group()
            capital = t[:1].isupper() or (k > 0 and t in ("of", "and", "for"))
            noun = (
                determiner
                and k < 4
                and not t.endswith("ed")
                and t not in NOT_IN_NP
                and (
                    not any(w.group()[:1].isupper() for w in words[1:k])
                    or (k + 1 < len(words) and words[k + 1].group()[:1].isupper())
                )
            )  # "the harbour council", "The Korean presidential Office"; not "The Council met"
            # "Ferry captain Olaf Brandt": a role noun between capitals belongs to the subject
            role = (
                k > 0
                and (t in ROLE_WORDS or t in TITLE_WORDS)
                and k + 1 < len(words)
                and words[k + 1].group()[:1].isupper()
            )
            if k == 0 and determiner:
                keep = 1
            elif capital or noun or role:
                keep = k + 1
            else:
                break
        if keep == 0 or words[0].group().lower() in JUNK_EDGE_WORDS:
            return None
        return resolve_speaker(self.disc, p, s + words[0].start(), s + words[keep - 1].end())


def _is_intro(phrase: str) -> bool:
    """ "Hours later", "However", "Speaking to reporters", "In Ohio": not a subject."""
    first = phrase.split(" ", 1)[0]
    low = first.lower()
    return (
        low in _LEADING_INTRO_WORDS
        or low in JUNK_EDGE_WORDS
        or low in SUBORDINATORS
        or low.endswith("ing")
        or first[:1].isdigit()
    )


def _pronoun_part(token: str) -> str | None:
    """ "he" -> "he", "He’s" -> "He" (a contraction keeps its pronoun), "Heath" -> None."""
    base = re.sub(r"[’'](?:s|d|ll|re|ve)$", "", token)
    return base if base.lower() in PRONOUN_KINDS else None


def _abbreviation_before(text: str, i: int) -> bool:
    """The full stop at ``i`` ends a title abbreviation or an initial ("Sen.", "O.")."""
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    word = text[j:i]
    if not word[:1].isupper():
        return False
    return len(word) == 1 or word.lower() in _ABBREVIATIONS


def _strip_adverbs(region: str) -> str:
    """Blank adverbs and time phrases between a subject and its verb, keeping offsets."""
    out = region.rstrip()
    while True:
        tail = _TIME_TAIL_RE.search(out, max(0, len(out) - 60))
        if tail:
            out = out[: tail.start()].rstrip()
            continue
        parts = out.rsplit(" ", 1)
        if len(parts) == 2 and parts[1].lower() in _ADVERBS:
            out = parts[0].rstrip()
            continue
        return out + " " * (len(region) - len(out))


def _is_appositive(piece: str) -> bool:
    s = piece.strip()
    if not s:
        return True
    return (
        s[0].islower()
        or s[0].isdigit()
        or s.split()[0] in ("a", "an", "the", "who", "whose", "which")
    )
