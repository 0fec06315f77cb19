"""Who is who in one article: people, organisations and anonymous sources, and what refers to them.

Attribution finds the words that name a speaker ("he", "Chiu", "the MAC", "the source"); this
module turns those words into the canonical speaker the reader wants to see ("Ho Cheng-hui",
"Chiu Wen-hsiang", "Mainland Affairs Council", "a source"). It first indexes the article's
capitalised runs once (names after titles or role nouns, hyphenated Chinese and Korean given
names, organisations with their acronyms), then answers look-ups by position with bisection, so an
article of any length costs one pass plus a logarithm per look-up.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.analysis.quote_lexicon import (
    FEMALE_WORDS,
    MALE_WORDS,
    NON_NAME_WORDS,
    ORG_ANAPHORS,
    ORG_WORDS,
    PLACE_WORDS,
    PLURAL_HEADS,
    ROLE_WORDS,
    TITLE_WORDS,
    wordset,
)
from newsreader.analysis.quote_marks import FILLER
from newsreader.model import Entity, Span

Pos = tuple[int, int]

# A word: letters/digits with inner apostrophes, hyphens, ampersands and dots ("U.S", "Wen-hsiang").
TOKEN_RE = re.compile(r"(?<![\w’'&-])[A-Za-z0-9](?:[\w’'&-]|\.(?=\w))*")
_CAP_RE = re.compile(r"(?<![\w’'&.-])[A-Z](?:[\w’'&-]|\.(?=\w))*")
_NAME_TOKEN_RE = re.compile(r"[A-Z][A-Za-z]*[a-z][A-Za-z]*(?:[’'][A-Z][a-z]+)?(?:-[A-Za-z]+)?")
_HYPHEN_GIVEN_RE = re.compile(r"[A-Z][a-z]+-[a-z]+")
_ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9&]{1,8}s?")
_ACRONYM_DEF_RE = re.compile(r"\(\s*([A-Z][A-Za-z0-9&]{1,11})\s*\)")
_PAREN_RE = re.compile(r"\([^()\n]{0,80}\)")
_AGE_AFTER_RE = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?,\s*\d{1,3}(?:\s*,|\s|$)")
_VERB_AFTER_RE = re.compile(r"\s*,?\s*(?:said|says|told|wrote|added)\b")
_ROLE_COMMA_RE = re.compile(r"\b([a-z][a-z-]+),\s$")
_SURNAMED_RE = re.compile(r"\bsurnamed\s+([A-Z][a-z]+)")
_CONNECTORS = frozenset({"of", "and", "for", "the", "on", "&", "de", "du", "van", "von"})
_DOCUMENT_HEADS = wordset(
    "statement report ruling verdict judgment judgement letter notice release announcement post "
    "message filing document communique communiqué"
)
_PREPOSITIONS = wordset("at from with by for to via")
_ADJECTIVE_POSTMODIFIERS = wordset("familiar close knowledgeable speaking who")
_PERSON_NOUNS = wordset("man woman boy girl teenager youngster mother father")
_AGE_NOUN_RE = re.compile(r"\d{1,3}-year-old")
_LOWER_OPENERS = wordset("A An The Two Three Some Several Many")
_PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n", "we": "p"}
_POSTMODIFIERS = wordset(
    "in at from with of for on familiar close who whom that which contacted based speaking named "
    "knowledgeable involved responsible quoted cited according inside outside near"
)


def is_possessive(token: str) -> bool:
    return token.endswith(("’s", "'s", "s’", "s'"))


def strip_possessive(token: str) -> str:
    if token.endswith(("’s", "'s")):
        return token[:-2]
    if token.endswith(("s’", "s'")):
        return token[:-1]
    return token


def is_acronym(token: str) -> bool:
    return bool(_ACRONYM_RE.fullmatch(token))


def _is_name_token(token: str) -> bool:
    """Shaped like a name, not a title or a function word (organisation words are judged later)."""
    low = token.lower()
    if low in NON_NAME_WORDS or low in TITLE_WORDS:
        return False
    return bool(_NAME_TOKEN_RE.fullmatch(token))


def blank_parentheses(text: str) -> str:
    """Blank short parentheticals, keeping offsets ("Chiu (邱文祥)" -> "Chiu      ")."""
    return _PAREN_RE.sub(lambda m: " " * (m.end() - m.start()), text)


@dataclass(frozen=True, slots=True)
class Tok:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: ``name`` is canonical, ``mention`` the words as written and ``at``
    where they are written (so nothing has to search the text for them again)."""

    name: str | None
    mention: str | None
    kind: str  # "person", "org", "anon", "pronoun-unresolved", "none"
    plural: bool = False
    at: Span | None = None


NO_SPEAKER = Speaker(None, None, "none")


def cap_tokens(text: str) -> list[Tok]:
    return [Tok(m.start(), m.end(), m.group()) for m in _CAP_RE.finditer(text)]


def cap_runs(
    text: str, connectors: bool = False, toks: Sequence[Tok] | None = None
) -> list[list[Tok]]:
    """Runs of capitalised words separated by single spaces (and by "of"/"and"/… if asked)."""
    runs: list[list[Tok]] = []
    current: list[Tok] = []
    for tok in cap_tokens(text) if toks is None else toks:
        if current:
            gap = text[current[-1].end : tok.start]
            joined = gap == " " or (
                connectors
                and len(gap) < 8
                and gap.startswith(" ")
                and gap.endswith(" ")
                and all(w in _CONNECTORS for w in gap.split())
            )
            if joined and not is_possessive(current[-1].text):
                current.append(tok)
                continue
            runs.append(current)
        current = [tok]
    if current:
        runs.append(current)
    return runs


def _word_before(text: str, start: int) -> str:
    """The lower-case word right before ``start`` when only one space separates them."""
    if start < 2 or text[start - 1] != " ":
        return ""
    i = start - 1
    lo = max(0, start - 40)
    while i > lo and (text[i - 1].isalnum() or text[i - 1] in "-’'"):
        i -= 1
    return text[i : start - 1]


def person_tail(tokens: Sequence[Tok]) -> tuple[int, int]:
    """The slice of ``tokens`` that is a personal name once titles and organisations are cut off.

    An organisation or place word ends a title ("Ministry of Trade and Industry Ryota Shimizu")
    unless it is a surname before a hyphenated given name ("Park Ji-hoon"); as the last word it
    means the run names no person at all ("Seoul Central District Court").
    """
    n = len(tokens)
    cut = -1
    for i, t in enumerate(tokens):
        low = t.text.lower()
        surname = i == n - 2 and bool(_HYPHEN_GIVEN_RE.fullmatch(tokens[i + 1].text))
        heads = (low in ORG_WORDS or low in PLACE_WORDS) and not surname
        if heads or not _is_name_token(t.text) or is_possessive(t.text):
            cut = i
    return cut + 1, n


def initials(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w and w[0].isupper())


@dataclass(slots=True)
class _Person:
    name: str
    gender: str | None
    roles: set[str]


class Discourse:
    """The people, organisations and anonymous sources of one article, indexed by position."""

    def __init__(
        self,
        paragraphs: Sequence[str],
        masked: Sequence[str],
        starts: Sequence[Sequence[int]],
        entities: Sequence[Entity] = (),
    ) -> None:
        self.paragraphs = paragraphs
        self.masked = masked
        self.starts = starts
        self.people: dict[str, _Person] = {}
        self._mention_pos: list[Pos] = []
        self._mention_name: list[str] = []
        self._keys: dict[str, list[tuple[Pos, str]]] = {}
        self._orgs: list[tuple[Pos, str]] = []
        # Organisations named after a preposition ("an analyst at Yuanta"): poor antecedents.
        self._oblique: set[Pos] = set()
        self.acronyms: dict[str, str] = {}
        self._anon_pos: list[Pos] = []
        self._anon: list[tuple[str, bool, str]] = []
        self._speech_pos: list[Pos] = []
        self._speech: list[Speaker] = []
        # People named as speech subjects, appended in reading order while events are found.
        self._dyn_pos: list[Pos] = []
        self._dyn_name: list[str] = []
        self._entity_spans: dict[int, list[tuple[int, int, str]]] = {}
        self._build(entities)

    # ----------------------------------------------------------------- index building
    def _build(self, entities: Sequence[Entity]) -> None:
        full: list[tuple[Pos, str, list[str]]] = []
        single_title: list[tuple[Pos, str]] = []
        singles: list[tuple[int, Tok]] = []
        for p, text in enumerate(self.masked):
            clean = blank_parentheses(text) if "(" in text else text
            toks = cap_tokens(clean)
            for run in cap_runs(clean, toks=toks):
                if len(run) == 1:
                    singles.append((p, run[0]))
                self._person_from_run(p, clean, run, full, single_title)
            if any(t.text.lower() in ORG_WORDS for t in toks):
                self._orgs_in(p, clean, toks)
            if "(" in text:
                self._acronyms_in(p, text)
        by_ent = [e for e in entities if e.label == "PERSON"]
        for e in by_ent:
            if (
                0 <= e.paragraph < len(self.masked)
                and self.paragraphs[e.paragraph][e.start : e.end] == e.text
            ):
                self._entity_spans.setdefault(e.paragraph, []).append((e.start, e.end, e.text))
                name = " ".join(strip_possessive(w) for w in e.text.split())
                inside_quote = self.masked[e.paragraph][e.start : e.start + 1] == FILLER
                if len(name.split()) >= 2 and not inside_quote:
                    full.append(((e.paragraph, e.start), name, []))
        for e in entities:
            if e.label == "ORG" and 0 <= e.paragraph < len(self.masked) and e.text:
                self._orgs.append(((e.paragraph, e.start), re.sub(r"^(?:the|The)\s+", "", e.text)))
        for spans in self._entity_spans.values():
            spans.sort()
        full.sort(key=lambda item: item[0])
        seen_at: set[Pos] = set()
        for pos, name, roles in full:
            if pos in seen_at:
                continue
            seen_at.add(pos)
            person = self.people.setdefault(name, _Person(name, None, set()))
            person.roles.update(roles)
            for r in roles:
                person.gender = person.gender or _gender_of(r)
            self._add_mention(pos, name)
            for key in _keys_of(name):
                self._keys.setdefault(key, []).append((pos, name))
        # Surname-only mentions ("Chiu said"), now that full names are known.
        for p, tok in singles:
            key = strip_possessive(tok.text)
            if key in self._keys and (p, tok.start) not in seen_at:
                found = self.resolve_key(key, (p, tok.start))
                if found:
                    self._add_mention((p, tok.start), found)
        for pos, key in single_title:
            found = self.resolve_key(key, pos)
            if found:
                self._add_mention(pos, found)
        order = sorted(range(len(self._mention_pos)), key=self._mention_pos.__getitem__)
        self._mention_pos = [self._mention_pos[i] for i in order]
        self._mention_name = [self._mention_name[i] for i in order]
        self._orgs.sort(key=lambda item: item[0])

    def _add_mention(self, pos: Pos, name: str) -> None:
        self._mention_pos.append(pos)
        self._mention_name.append(name)

    def _person_from_run(
        self,
        p: int,
        text: str,
        run: list[Tok],
        full: list[tuple[Pos, str, list[str]]],
        single_title: list[tuple[Pos, str]],
    ) -> None:
        a, b = person_tail(run)
        tail = run[a:b]
        if not tail or len(tail) > 4:
            return
        before = run[a - 1].text.lower() if a > 0 else ""
        titled = before in TITLE_WORDS
        org_before = a > 0 and (before in ORG_WORDS or is_acronym(run[a - 1].text))
        prev_word = _word_before(text, run[0].start).lower() if a == 0 else ""
        if a == 0 and not prev_word:
            rc = _ROLE_COMMA_RE.search(text[max(0, run[0].start - 40) : run[0].start])
            if rc and rc.group(1) in ROLE_WORDS:
                prev_word = rc.group(1)
        role_before = prev_word in ROLE_WORDS or prev_word in TITLE_WORDS
        poss_before = a > 0 and is_possessive(run[a - 1].text)
        if a == 0 and run[0].start >= 3 and text[run[0].start - 1] == " ":
            prev = text[max(0, run[0].start - 40) : run[0].start - 1]
            poss_before = poss_before or prev.endswith(("’s", "'s"))
        if len(tail) > 2 and _HYPHEN_GIVEN_RE.fullmatch(tail[-1].text):
            # "Striker Tao Chen-yu": an unlisted title before a Chinese or Korean name.
            roles_extra = [t.text.lower() for t in tail[:-2]]
            tail = tail[-2:]
        else:
            roles_extra = []
        after = text[tail[-1].end : tail[-1].end + 60]
        if len(tail) == 1:
            if titled or role_before:
                single_title.append(((p, tail[0].start), tail[0].text))
            return
        hyphen = len(tail) == 2 and bool(_HYPHEN_GIVEN_RE.fullmatch(tail[1].text))
        evidence = (
            titled
            or org_before
            or role_before
            or poss_before
            or bool(_AGE_AFTER_RE.match(after))
            or bool(_VERB_AFTER_RE.match(after))
        )
        if not hyphen and not (len(tail) <= 3 and evidence):
            return
        roles = [t.text.lower() for t in run[:a] if t.text.lower() in TITLE_WORDS] + roles_extra
        if role_before:
            roles.append(prev_word)
        name = " ".join(t.text for t in tail)
        full.append(((p, tail[0].start), name, roles))

    def _orgs_in(self, p: int, clean: str, toks: Sequence[Tok]) -> None:
        for run in cap_runs(clean, connectors=True, toks=toks):
            if not any(t.text.lower() in ORG_WORDS for t in run):
                continue
            name = _org_extent(clean, run)
            if name:
                self._orgs.append(((p, run[0].start), name))
                if _word_before(clean, run[0].start).lower() in _PREPOSITIONS:
                    self._oblique.add((p, run[0].start))

    def _acronyms_in(self, p: int, text: str) -> None:
        for m in _ACRONYM_DEF_RE.finditer(text):
            acr = m.group(1)
            if acr in self.acronyms:
                continue
            window_start = max(0, m.start() - 160)
            window = blank_parentheses(text[window_start : m.start()])
            runs = cap_runs(window, connectors=True)
            if not runs or window[runs[-1][-1].end :].strip():
                continue
            words = _run_words(window, runs[-1])
            full = _expand_acronym(acr, words)
            if full:
                self.acronyms[acr] = full
                self._orgs.append(((p, window_start + runs[-1][0].start), full))

    # ----------------------------------------------------------------- look-ups
    def resolve_key(self, key: str, pos: Pos) -> str | None:
        """The full name a surname refers to: the latest before ``pos``, else the first after."""
        entries = self._keys.get(key)
        if not entries:
            return None
        best: str | None = None
        for epos, name in entries:
            if epos <= pos:
                best = name
            elif best is None:
                return name
            else:
                break
        return best

    def sentence_of(self, pos: Pos) -> Pos:
        starts = self.starts[pos[0]]
        return (pos[0], starts[bisect_right(starts, pos[1]) - 1])

    def _compatible(self, name: str, gender: str | None) -> bool:
        person = self.people.get(name)
        known = person.gender if person else None
        return gender is None or known is None or known == gender

    def person_before(self, pos: Pos, gender: str | None) -> str | None:
        """Who "he"/"she" at ``pos`` means.

        The antecedent sentence is the last one naming a person (of a compatible gender, when
        known). In it, the subject of a speech verb wins ("Asked about Lai’s remarks, Chu said"),
        else the first person named, the likely subject ("Chen criticized Premier Cho").
        """
        i = bisect_left(self._mention_pos, pos) - 1
        j = bisect_left(self._dyn_pos, pos) - 1
        last: tuple[Pos, str] | None = None
        fallback: tuple[Pos, str] | None = None
        for _ in range(8):
            if i < 0 and j < 0:
                break
            if j < 0 or (i >= 0 and self._mention_pos[i] >= self._dyn_pos[j]):
                cand = (self._mention_pos[i], self._mention_name[i])
                i -= 1
            else:
                cand = (self._dyn_pos[j], self._dyn_name[j])
                j -= 1
            fallback = fallback or cand
            if self._compatible(cand[1], gender):
                last = cand
                break
        if last is None:
            return fallback[1] if fallback else None
        sentence = self.sentence_of(last[0])
        j = bisect_left(self._dyn_pos, pos) - 1
        while j >= 0 and self._dyn_pos[j] >= sentence:
            if self.sentence_of(self._dyn_pos[j]) == sentence and self._compatible(
                self._dyn_name[j], gender
            ):
                return self._dyn_name[j]
            j -= 1
        first = last[1]
        i = bisect_left(self._mention_pos, last[0]) - 1
        steps = 0
        while i >= 0 and self._mention_pos[i] >= sentence and steps < 20:
            if self._compatible(self._mention_name[i], gender):
                first = self._mention_name[i]
            i -= 1
            steps += 1
        return first

    def note_gender(self, name: str, gender: str) -> None:
        person = self.people.get(name)
        if person is not None and person.gender is None:
            person.gender = gender

    def org_with(self, words: Sequence[str], pos: Pos) -> str | None:
        """The latest organisation named with one of ``words`` ("the ministry" -> "Ministry …")."""
        i = bisect_left(self._orgs, (pos, "")) - 1
        steps = 0
        oblique: str | None = None
        while i >= 0 and steps < 200:
            opos, name = self._orgs[i]
            lowered = {w.lower() for w in name.split()}
            if any(w in lowered for w in words):
                if opos not in self._oblique:
                    return name
                oblique = oblique or name
            i -= 1
            steps += 1
        return oblique

    def role_holder(self, role: str, pos: Pos) -> str | None:
        i = bisect_left(self._mention_pos, pos) - 1
        steps = 0
        while i >= 0 and steps < 200:
            name = self._mention_name[i]
            person = self.people.get(name)
            if person is not None and role in person.roles:
                return name
            i -= 1
            steps += 1
        return None

    def expand_acronym(self, acr: str, pos: Pos) -> str | None:
        if acr in self.acronyms:
            return self.acronyms[acr]
        i = bisect_left(self._orgs, (pos, "")) - 1
        steps = 0
        while i >= 0 and steps < 200:
            name = self._orgs[i][1]
            if len(acr) >= 2 and initials(name.split()) == acr:
                return name
            i -= 1
            steps += 1
        return None

    def anon_before(self, pos: Pos, plural: bool | None, head: str | None) -> str | None:
        i = bisect_left(self._anon_pos, pos) - 1
        steps = 0
        fallback: str | None = None
        while i >= 0 and steps < 50:
            canonical, is_plural, ahead = self._anon[i]
            if head is not None:
                if ahead == head or ahead.rstrip("s") == head.rstrip("s"):
                    return canonical
            elif plural is None or is_plural == plural:
                return canonical
            elif fallback is None:
                fallback = canonical
            i -= 1
            steps += 1
        return fallback if head is None else None

    def speaker_before(self, pos: Pos, kinds: Sequence[str]) -> Speaker | None:
        i = bisect_left(self._speech_pos, pos) - 1
        steps = 0
        while i >= 0 and steps < 50:
            sp = self._speech[i]
            if sp.kind in kinds:
                return sp
            i -= 1
            steps += 1
        return None

    def note_speaker(self, pos: Pos, speaker: Speaker) -> None:
        """Remember a speech subject so that later "they", "it" and "the source" can find it."""
        if speaker.name is None:
            return
        if not self._speech_pos or self._speech_pos[-1] <= pos:
            self._speech_pos.append(pos)
            self._speech.append(speaker)
        named = speaker.kind == "person" and (speaker.mention or "he").lower() not in _PRONOUNS
        if named and (not self._dyn_pos or self._dyn_pos[-1] <= pos):
            self._dyn_pos.append(pos)
            self._dyn_name.append(speaker.name)
            self.people.setdefault(speaker.name, _Person(speaker.name, None, set()))
        if speaker.kind == "anon" and (not self._anon_pos or self._anon_pos[-1] <= pos):
            head = speaker.name.split()[-1].lower()
            self._anon_pos.append(pos)
            self._anon.append((speaker.name, speaker.plural, head))

    # ----------------------------------------------------------------- noun phrases
    def resolve(self, p: int, start: int, end: int) -> Speaker:
        """Turn the attributing words ``paragraphs[p][start:end]`` into a speaker."""
        text = self.paragraphs[p]
        clean = blank_parentheses(text[start:end])
        toks = [
            Tok(start + m.start(), start + m.end(), m.group()) for m in TOKEN_RE.finditer(clean)
        ]
        if not toks:
            return NO_SPEAKER
        pos = (p, toks[0].start)
        first = toks[0].text.lower()
        if len(toks) == 1 and first in _PRONOUNS:
            return self._pronoun(toks[0], pos)
        whole = Span(p, toks[0].start, toks[-1].end)
        mention_all = text[whole.start : whole.end]
        surnamed = _SURNAMED_RE.search(clean)
        if surnamed:
            # "a company manager surnamed Lai": the surname is all the name there is.
            name = surnamed.group(1)
            known = self.people.setdefault(name, _Person(name, None, set()))
            known.gender = known.gender or _gender_of_phrase([t.text for t in toks])
            return Speaker(name, mention_all, "person", at=whole)
        body = toks[1:] if first == "the" and len(toks) > 1 and toks[1].text[:1].isupper() else toks
        if len(body) == 1 and is_acronym(body[0].text):
            acr = body[0].text
            at = Span(p, body[0].start, body[0].end)
            return Speaker(self.expand_acronym(acr, pos) or acr, acr, "org", at=at)
        named = self._person_at_end(body, pos, text)
        if named is not None:
            return named
        words = [t.text for t in body]
        if all(w[:1].isupper() or w in _CONNECTORS for w in words):
            written = text[body[0].start : body[-1].end]
            name = _trim_org(" ".join(words))
            if written.startswith(name):
                written = name
            at = Span(p, body[0].start, body[0].start + len(written))
            return Speaker(name, written, "org", at=at)
        if first == "the" and len(toks) >= 2:
            return self._definite(toks, pos, text)
        return self._anonymous(toks, pos, text)

    def _person_at_end(self, body: list[Tok], pos: Pos, text: str) -> Speaker | None:
        """A name closing the phrase after its titles: "MAC Deputy Minister Chiu Wen-hsiang"."""
        for i in range(1, len(body)):
            if body[i].text.lower() not in _POSTMODIFIERS:
                continue
            prev = body[i - 1].text
            if prev[:1].islower():
                return None  # "a convenience store worker in Miyako": an anonymous source
            if (
                _is_name_token(prev)
                and prev.lower() not in ORG_WORDS
                and prev.lower() not in PLACE_WORDS
            ):
                body = body[:i]  # "analyst Bea Sorensen of Nordbank"
                break
        caps_start = len(body)
        while caps_start > 0 and body[caps_start - 1].text[:1].isupper():
            caps_start -= 1
        run = body[caps_start:]
        if not run:
            return None
        a, _ = person_tail(run)
        tail = run[a:]
        if len(tail) > 2 and _HYPHEN_GIVEN_RE.fullmatch(tail[-1].text):
            a += len(tail) - 2
            tail = tail[-2:]
        if not tail or len(tail) > 4:
            return None
        entity = self._person_entity(pos[0], body[0].start, body[-1].end)
        if entity is not None:
            e_text = entity[2]
            words = e_text.split()
            mention = e_text
            at = Span(pos[0], entity[0], entity[1])
        else:
            words = [t.text for t in tail]
            mention = text[tail[0].start : tail[-1].end]
            at = Span(pos[0], tail[0].start, tail[-1].end)
        name = (self.resolve_key(words[0], pos) or words[0]) if len(words) == 1 else " ".join(words)
        gender = _gender_of_phrase([t.text for t in body[: caps_start + a]])
        if gender:
            self.note_gender(name, gender)
        return Speaker(name, mention, "person", at=at)

    def _person_entity(self, p: int, start: int, end: int) -> tuple[int, int, str] | None:
        """The last PERSON entity the recogniser found inside ``[start, end)``, if any."""
        spans = self._entity_spans.get(p)
        if not spans:
            return None
        i = bisect_right(spans, (end, -1, "")) - 1
        while i >= 0 and spans[i][0] >= start:
            if spans[i][1] <= end:
                return spans[i]
            i -= 1
        return None

    def _pronoun(self, tok: Tok, pos: Pos) -> Speaker:
        kind = _PRONOUNS[tok.text.lower()]
        at = Span(pos[0], tok.start, tok.end)
        if kind in ("m", "f"):
            name = self.person_before(pos, kind)
            if name:
                self.note_gender(name, kind)
                return Speaker(name, tok.text, "person", at=at)
            return Speaker(None, tok.text, "pronoun-unresolved", at=at)
        if kind == "p":
            anon = self.anon_before(pos, True, None)
            if anon:
                return Speaker(anon, tok.text, "anon", plural=True, at=at)
            org = self.speaker_before(pos, ("org",))
            if org:
                return Speaker(org.name, tok.text, "org", at=at)
            return Speaker(None, tok.text, "pronoun-unresolved", at=at)
        org = self.speaker_before(pos, ("org",))
        if org:
            return Speaker(org.name, tok.text, "org", at=at)
        return Speaker(None, tok.text, "pronoun-unresolved", at=at)

    def _definite(self, toks: list[Tok], pos: Pos, text: str) -> Speaker:
        np_toks = _cut_postmodifiers(toks)
        head = np_toks[-1].text.lower()
        mention = text[toks[0].start : toks[-1].end]
        at = Span(pos[0], toks[0].start, toks[-1].end)
        if head in _DOCUMENT_HEADS:
            # "the statement said": whoever issued it, the latest named speaker.
            issuer = self.speaker_before(pos, ("org", "person", "anon"))
            if issuer is not None:
                return Speaker(issuer.name, mention, issuer.kind, issuer.plural, at=at)
        if head in ROLE_WORDS or head in TITLE_WORDS:
            holder = self.role_holder(head, pos)
            if holder:
                return Speaker(holder, mention, "person", at=at)
        if head in ORG_ANAPHORS:
            org = self.org_with(ORG_ANAPHORS[head], pos)
            if org:
                return Speaker(org, mention, "org", at=at)
        anon = self.anon_before(pos, None, head)
        if anon:
            return Speaker(anon, mention, "anon", plural=_is_plural(head), at=at)
        if head in _PERSON_NOUNS or _AGE_NOUN_RE.fullmatch(head):
            # "the 19-year-old", "the woman": the person last named, as a pronoun would be.
            person = self.person_before(pos, _gender_of(head))
            if person:
                return Speaker(person, mention, "person", at=at)
        phrase = " ".join(t.text for t in np_toks).lower()
        return Speaker(phrase, mention, "anon", plural=_is_plural(head), at=at)

    def _anonymous(self, toks: list[Tok], pos: Pos, text: str) -> Speaker:
        np_toks = _cut_postmodifiers(toks)
        words = [t.text for t in np_toks]
        if (
            words
            and words[0][:1].isupper()
            and not is_acronym(words[0])
            and not is_possessive(words[0])
        ):
            rest_lower = all(not w[:1].isupper() for w in words[1:])
            nationality = words[0].endswith(("ese", "ian", "ish", "an"))
            if (rest_lower and not nationality) or words[0] in _LOWER_OPENERS:
                words[0] = words[0].lower()
        head = words[-1].lower() if words else ""
        short = toks
        for i, t in enumerate(toks):
            if i > 0 and t.text.lower() in _ADJECTIVE_POSTMODIFIERS:
                short = toks[:i]
                break
        mention = text[short[0].start : short[-1].end]
        at = Span(pos[0], short[0].start, short[-1].end)
        return Speaker(" ".join(words), mention, "anon", plural=_is_plural(head), at=at)


def _is_plural(head: str) -> bool:
    return head in PLURAL_HEADS or (head.endswith("s") and not head.endswith("ss"))


def _cut_postmodifiers(toks: list[Tok]) -> list[Tok]:
    """ "a source familiar with …" -> "a source"; "Ministry of Labor officials" stays whole."""
    for i, t in enumerate(toks):
        if i == 0 or t.text.lower() not in _POSTMODIFIERS:
            continue
        prev = toks[i - 1].text
        # The first word may be capitalised only because it starts the sentence ("People familiar").
        common = prev[:1].islower() or (
            i == 1 and prev.lower() not in ORG_WORDS and not is_acronym(prev)
        )
        if common:
            return toks[:i]
    return toks


def _gender_of(word: str) -> str | None:
    low = word.lower()
    if low in FEMALE_WORDS:
        return "f"
    if low in MALE_WORDS:
        return "m"
    return None


def _gender_of_phrase(words: Sequence[str]) -> str | None:
    for w in reversed(words):
        g = _gender_of(w)
        if g:
            return g
    return None


def _keys_of(name: str) -> list[str]:
    """Surnames a later mention may use: Chinese order for hyphenated given names, else the last."""
    words = name.split()
    if len(words) < 2:
        return words
    if len(words) == 2 and _HYPHEN_GIVEN_RE.fullmatch(words[1]):
        return [words[0]]
    if len(words) == 2:
        return [words[1], words[0]]
    return [words[-1]]


def _run_words(text: str, run: list[Tok]) -> list[str]:
    """The words of a run with its connectors ("Ministry", "of", "Health", "and", "Welfare")."""
    words: list[str] = []
    for k, t in enumerate(run):
        if k > 0:
            words.extend(text[run[k - 1].end : t.start].split())
        words.append(t.text)
    return words


def _org_extent(text: str, run: list[Tok]) -> str | None:
    """The organisation a capitalised run names, if any, without a leading title or "Shares of"."""
    words = _run_words(text, run)
    while words and (words[0].lower() in NON_NAME_WORDS or is_possessive(words[0])):
        words = words[1:]
    for i in range(len(words) - 1, -1, -1):
        if is_possessive(words[i]):
            words = words[i + 1 :]
            break
    if not any(w.lower() in ORG_WORDS for w in words if w not in _CONNECTORS):
        return None
    # "Shares of Foxlink Precision Co" -> start at the first part that names an organisation.
    start = 0
    for i, w in enumerate(words):
        if w in _CONNECTORS:
            continue
        if w.lower() in ORG_WORDS:
            break
        if i + 1 < len(words) and words[i + 1] in _CONNECTORS:
            start = i + 1
    words = words[start:]
    while words and words[0] in _CONNECTORS:
        words = words[1:]
    # Stop before a title that starts a person's description ("Council Deputy Minister Chiu").
    for i, w in enumerate(words):
        if i > 0 and w.lower() in TITLE_WORDS and w.lower() not in ORG_WORDS:
            words = words[:i]
            break
    # Keep what follows the last organisation word only through "of"/"for" ("Centers for
    # Disease Control"), not a stray capital after it ("Cathay United Bank NT$10 million").
    org_at = [i for i, w in enumerate(words) if w.lower() in ORG_WORDS and w not in _CONNECTORS]
    if not org_at:
        return None
    last_org = org_at[-1]
    if last_org + 1 < len(words) and words[last_org + 1] not in _CONNECTORS:
        words = words[: last_org + 1]
    while words and words[-1] in _CONNECTORS:
        words = words[:-1]
    if not words or all(w.lower() in PLACE_WORDS for w in words):
        return None
    return " ".join(words)


def _expand_acronym(acr: str, words: list[str]) -> str | None:
    """The words before "(ACR)" that it abbreviates: by initials, else the organisation named."""
    letters = (acr[:-1] if acr.endswith("s") and acr[:-1].isupper() else acr).upper()
    for i in range(len(words) - 1, -1, -1):
        if words[i] in _CONNECTORS:
            continue
        cand = [w for w in words[i:] if w not in _CONNECTORS]
        if "".join(strip_possessive(w)[0].upper() for w in cand) == letters:
            return _trim_org(" ".join(words[i:]))
    joined = " ".join(words)
    name = _org_extent(
        joined, [Tok(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", joined)]
    )
    if name:
        return name
    return joined if len(words) <= 6 else None


def _trim_org(name: str) -> str:
    """Drop a trailing "of China’s …" from an organisation ("Eastern Theater Command of …")."""
    m = re.search(r"\s+of\s+\S+(?:’s|'s)\b", name)
    if m:
        return name[: m.start()]
    return name
