"""Who is who in one article: the people, organisations and anonymous sources it names.

Attribution finds the words that name a speaker ("he", "Chiu", "the MAC", "the source");
:mod:`~newsreader.analysis.quotes.speaker_phrases` turns those words into the canonical speaker the
reader wants to see ("Ho Cheng-hui", "Chiu Wen-hsiang", "Mainland Affairs Council", "a source")
by asking the :class:`Discourse` built here. It first indexes the article's capitalised runs once
(names after titles or role nouns, hyphenated Chinese and Korean given names, organisations with
their acronyms), then answers look-ups by position with bisection, so an article of any length
costs one pass plus a logarithm per look-up. Speech subjects are noted as attribution reads on,
so that a later "they" or "the source" finds the latest one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.analysis.quotes.lexicon import (
    ORG_WORDS,
    ROLE_WORDS,
    TITLE_WORDS,
    wordset,
)
from newsreader.analysis.quotes.marks import FILLER
from newsreader.analysis.quotes.org_names import acronym_expansion, org_extent, run_words
from newsreader.analysis.quotes.speaker_words import (
    HYPHENATED_GIVEN_NAME,
    PRONOUN_KINDS,
    Pos,
    Speaker,
    Tok,
    blank_parentheses,
    cap_runs,
    cap_tokens,
    gender_of,
    initials,
    is_acronym,
    is_possessive,
    person_tail,
    strip_possessive,
    word_before,
)
from newsreader.model import Entity

_ACRONYM_DEF_RE = re.compile(r"\(\s*([A-Z][A-Za-z0-9&]{1,11})\s*\)")
_AGE_AFTER_RE = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?,\s*\d{1,3}(?:\s*,|\s|$)")
_VERB_AFTER_RE = re.compile(r"\s*,?\s*(?:said|says|told|wrote|added)\b")
_ROLE_COMMA_RE = re.compile(r"\b([a-z][a-z-]+),\s$")
_PREPOSITIONS = wordset("at from with by for to via")
_INTERVIEWER_ROLES = wordset(
    "reporter host co-host anchor moderator interviewer presenter correspondent journalist editor "
    "columnist"
)
_OBLIQUE_PREPOSITIONS = wordset("at from with by for to via of about against on toward towards")


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
                person.gender = person.gender or gender_of(r)
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
        prev_word = word_before(text, run[0].start).lower() if a == 0 else ""
        if a == 0 and not prev_word:
            rc = _ROLE_COMMA_RE.search(text[max(0, run[0].start - 40) : run[0].start])
            if rc and rc.group(1) in ROLE_WORDS:
                prev_word = rc.group(1)
        role_before = prev_word in ROLE_WORDS or prev_word in TITLE_WORDS
        poss_before = a > 0 and is_possessive(run[a - 1].text)
        if a == 0 and run[0].start >= 3 and text[run[0].start - 1] == " ":
            prev = text[max(0, run[0].start - 40) : run[0].start - 1]
            poss_before = poss_before or prev.endswith(("’s", "'s"))
        if len(tail) > 2 and HYPHENATED_GIVEN_NAME.fullmatch(tail[-1].text):
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
        hyphen = len(tail) == 2 and bool(HYPHENATED_GIVEN_NAME.fullmatch(tail[1].text))
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
            name = org_extent(clean, run)
            if name:
                self._orgs.append(((p, run[0].start), name))
                if word_before(clean, run[0].start).lower() in _PREPOSITIONS:
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
            words = run_words(window, runs[-1])
            full = acronym_expansion(acr, words)
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
        # The first person the sentence names, unless a preposition governs it ("In his address
        # to La Raza, Graham told …": Graham is the subject, La Raza an object).
        first = last[1]
        first_direct = None if self._oblique_person(last[0]) else last[1]
        i = bisect_left(self._mention_pos, last[0]) - 1
        steps = 0
        while i >= 0 and self._mention_pos[i] >= sentence and steps < 20:
            if self._compatible(self._mention_name[i], gender):
                first = self._mention_name[i]
                if not self._oblique_person(self._mention_pos[i]):
                    first_direct = first
            i -= 1
            steps += 1
        return first_direct or first

    def _oblique_person(self, pos: Pos) -> bool:
        return word_before(self.masked[pos[0]], pos[1]).lower() in _OBLIQUE_PREPOSITIONS

    def main_person(self) -> str | None:
        """The person the article names most often who is not an interviewer (the one who
        answers in a Q&A)."""
        counts: dict[str, int] = {}
        for name in self._mention_name + self._dyn_name:
            person = self.people.get(name)
            if person is not None and person.roles & _INTERVIEWER_ROLES:
                continue
            counts[name] = counts.get(name, 0) + 1
        return max(counts, key=counts.__getitem__) if counts else None

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
        if oblique is not None:
            return oblique
        # A lead that names its organisation only later ("the weather agency said …" before
        # "The Meteorological Agency issued …"): the first one after.
        i = bisect_left(self._orgs, (pos, ""))
        for opos, name in self._orgs[i : i + 200]:
            if opos[0] > pos[0] + 10:
                break
            if any(w in {x.lower() for x in name.split()} for w in words):
                return name
        return None

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
        """The organisation ``acr`` stands for; "BoK" and "BOK" both stand for "Bank of Korea"."""
        if acr in self.acronyms:
            return self.acronyms[acr]
        for known, name in self.acronyms.items():
            if known.upper() == acr.upper():
                return name
        capitals = "".join(ch for ch in acr if ch.isupper())
        i = bisect_left(self._orgs, (pos, "")) - 1
        steps = 0
        while i >= 0 and steps < 200:
            name = self._orgs[i][1]
            words = name.split()
            every = "".join(w[0] for w in words).upper()
            if len(acr) >= 2 and (initials(words) in (acr, capitals) or every == acr.upper()):
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
        named = speaker.kind == "person" and (speaker.mention or "he").lower() not in PRONOUN_KINDS
        if named and (not self._dyn_pos or self._dyn_pos[-1] <= pos):
            self._dyn_pos.append(pos)
            self._dyn_name.append(speaker.name)
            self.people.setdefault(speaker.name, _Person(speaker.name, None, set()))
        if speaker.kind == "anon" and (not self._anon_pos or self._anon_pos[-1] <= pos):
            head = speaker.name.split()[-1].lower()
            self._anon_pos.append(pos)
            self._anon.append((speaker.name, speaker.plural, head))

    def note_person(self, name: str, gender: str | None) -> None:
        """Know ``name`` as a person from here on, and its gender if none is known yet."""
        known = self.people.setdefault(name, _Person(name, None, set()))
        known.gender = known.gender or gender

    def person_entity(self, p: int, start: int, end: int) -> tuple[int, int, str] | None:
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


def _keys_of(name: str) -> list[str]:
    """Surnames a later mention may use: Chinese order for hyphenated given names, else the last."""
    words = name.split()
    if len(words) < 2:
        return words
    if len(words) == 2 and HYPHENATED_GIVEN_NAME.fullmatch(words[1]):
        return [words[0]]
    if len(words) == 2:
        return [words[1], words[0]]
    return [words[-1]]
