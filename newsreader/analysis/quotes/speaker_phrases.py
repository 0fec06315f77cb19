"""Reading one attributing phrase as a speaker: a name, a pronoun, a title or an anonymous source.

The phrase comes from attribution ("MAC Deputy Minister Chiu Wen-hsiang", "he", "the ministry",
"a source familiar with the matter"); its shape says which look-up of the article's
:class:`~newsreader.analysis.quotes.speakers.Discourse` answers it: a pronoun takes the latest
person or group of a compatible kind, "the statement" its issuer, "the minister" the holder of
that title, "the ministry" the latest organisation of that kind, and a phrase no look-up answers
is an anonymous source named by its own words.
"""

from __future__ import annotations

import re

from newsreader.analysis.quotes.lexicon import (
    JUNK_EDGE_WORDS,
    ORG_ANAPHORS,
    ORG_WORDS,
    PLACE_WORDS,
    PLURAL_HEADS,
    ROLE_WORDS,
    TITLE_WORDS,
    wordset,
)
from newsreader.analysis.quotes.org_names import trim_org_name
from newsreader.analysis.quotes.speaker_words import (
    HYPHENATED_GIVEN_NAME,
    NAME_CONNECTORS,
    NO_SPEAKER,
    PRONOUN_KINDS,
    TOKEN_RE,
    Pos,
    Speaker,
    Tok,
    blank_parentheses,
    gender_of,
    gender_of_phrase,
    is_acronym,
    is_name_token,
    is_possessive,
    person_tail,
)
from newsreader.analysis.quotes.speakers import Discourse
from newsreader.model import Span

_SURNAMED_RE = re.compile(r"\bsurnamed\s+([A-Z][a-z]+)")
_DOCUMENT_HEADS = wordset(
    "statement report ruling verdict judgment judgement letter notice release announcement post "
    "message filing document communique communiqué decision"
)
_COURT_DOCUMENTS = wordset("ruling verdict judgment judgement decision")
_ADJECTIVE_POSTMODIFIERS = wordset("familiar close knowledgeable speaking who")
_PERSON_NOUNS = wordset("man woman boy girl teenager youngster mother father")
_AGE_NOUN_RE = re.compile(r"\d{1,3}-year-old")
_LOWER_OPENERS = wordset("A An The Two Three Some Several Many")
_RELATIVE_PRONOUNS = wordset("who whom which whose that")
# Words a speaker phrase never starts or ends with: prepositions, possessives, months, adverbs.
_NOT_SPEAKER_WORDS = wordset(
    """
    with without in on at by for from to of about into onto over under after before during
    since until including despite amid among between through via per than as like its his her
    their our my your not no last next shortly soon also instead every each this these those
    such what whose whom
    """
)
_TITLE_ABBREVIATIONS = wordset(
    "sen rep gov gen lt col sgt capt cmdr adm supt atty dr mr mrs ms prof rev st sens reps"
)
# Single words that are dates, not speakers ("Dec", "Monday"); "Jun" may also be a given name.
_DATE_WORDS = wordset(
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
    "saturday sunday"
)
_LEADING_JUNK = wordset(
    "with without in on at by for from to of about since until including despite amid as "
    "last next shortly soon not also instead every"
)
# Finite verbs that show a phrase is a clause ("Gallup finds", "pollsters tried to").
_CLAUSE_VERBS = wordset(
    "says said finds found tells told turns went goes tried tries wants wanted thinks shows "
    "shown is are was were has have had will would can could should may might does did"
)
# Nouns that end in -ly and may end a speaker phrase ("the assembly", "a family").
_LY_NOUNS = wordset("assembly family ally rally supply monopoly anomaly bully belly")
_POSTMODIFIERS = wordset(
    "in at from with of for on familiar close who whom that which contacted based speaking named "
    "knowledgeable involved responsible quoted cited according inside outside near"
)


def resolve_speaker(disc: Discourse, p: int, start: int, end: int) -> Speaker:
    """Turn the attributing words ``paragraphs[p][start:end]`` into a speaker."""
    text = disc.paragraphs[p]
    clean = blank_parentheses(text[start:end])
    toks = _trim_edges(
        [Tok(start + m.start(), start + m.end(), m.group()) for m in TOKEN_RE.finditer(clean)]
    )
    if len(toks) > 1 and toks[-1].text.lower() in PRONOUN_KINDS:
        toks = toks[-1:]  # "every time he", "since 2008 she": the pronoun is the subject
    toks = _strip_leading_prepositions(toks)
    if not toks or _is_junk_phrase(toks):
        return NO_SPEAKER
    pos = (p, toks[0].start)
    first = toks[0].text.lower()
    if len(toks) == 1 and first in PRONOUN_KINDS:
        return _pronoun(disc, toks[0], pos)
    whole = Span(p, toks[0].start, toks[-1].end)
    mention_all = text[whole.start : whole.end]
    surnamed = _SURNAMED_RE.search(clean)
    if surnamed:
        # "a company manager surnamed Lai": the surname is all the name there is.
        name = surnamed.group(1)
        disc.note_person(name, gender_of_phrase([t.text for t in toks]))
        return Speaker(name, mention_all, "person", at=whole)
    body = toks[1:] if first == "the" and len(toks) > 1 and toks[1].text[:1].isupper() else toks
    if len(body) == 1 and is_acronym(body[0].text):
        acr = body[0].text
        at = Span(p, body[0].start, body[0].end)
        return Speaker(disc.expand_acronym(acr, pos) or acr, acr, "org", at=at)
    named = _person_at_end(disc, body, pos, text)
    if named is not None:
        return named
    words = [t.text for t in body]
    if all(w[:1].isupper() or w in NAME_CONNECTORS for w in words):
        written = text[body[0].start : body[-1].end]
        name = trim_org_name(" ".join(words))
        if written.startswith(name):
            written = name
        at = Span(p, body[0].start, body[0].start + len(written))
        return Speaker(name, written, "org", at=at)
    if first == "the" and len(toks) >= 2:
        return _definite(disc, toks, pos, text)
    return _anonymous(toks, pos, text)


def _is_edge_junk(word: str, first: bool) -> bool:
    """A word that may border a subject but never names one ("Also", "instead", "famously").

    At the start, a relative pronoun goes too ("whom he called …" -> "he").
    """
    low = word.lower()
    if low in JUNK_EDGE_WORDS or (first and low in _RELATIVE_PRONOUNS):
        return True
    return word.islower() and len(word) > 4 and low.endswith("ly") and low not in _LY_NOUNS


def _is_junk_phrase(toks: list[Tok]) -> bool:
    """Words that cannot name a speaker: "With", "Dec", "its", "giving", "Gallup finds",
    "articles from" (a clause or a fragment, not a noun phrase). Only the phrase's head part
    is judged: "an aide who was not allowed to speak" is a speaker."""
    core = toks
    for i, t in enumerate(toks):
        if i > 0 and t.text.lower() in _POSTMODIFIERS:
            core = toks[:i]
            break
    first = core[0].text
    low = first.lower()
    if len(toks) == 1 and (
        low in _NOT_SPEAKER_WORDS
        or low in _DATE_WORDS
        or low in _TITLE_ABBREVIATIONS  # "Sen" alone; "King" may be a surname
        or first.isdigit()
        or (first.islower() and low.endswith("ing"))
    ):
        return True
    if len(core) == len(toks) and toks[-1].text.lower() in _NOT_SPEAKER_WORDS:
        return True
    if toks[-1].text.lower() in _RELATIVE_PRONOUNS:
        return True  # "candidates who" (the clause's verb was taken for a speech verb)
    return any(t.text in _CLAUSE_VERBS for t in core)


def _strip_leading_prepositions(toks: list[Tok]) -> list[Tok]:
    """ "In Ohio Governor Ann Lee" -> "Ohio Governor Ann Lee"? No: only bare prepositions and
    adverbs that end up before a subject ("With", "Last", "Shortly") go."""
    i = 0
    while i < len(toks) - 1 and toks[i].text.lower() in _LEADING_JUNK:
        i += 1
    return toks[i:]


def _trim_edges(toks: list[Tok]) -> list[Tok]:
    a, b = 0, len(toks)
    while a < b and _is_edge_junk(toks[a].text, True):
        a += 1
    while b > a and _is_edge_junk(toks[b - 1].text, False):
        b -= 1
    return toks[a:b]


def _person_at_end(disc: Discourse, body: list[Tok], pos: Pos, text: str) -> Speaker | None:
    """A name closing the phrase after its titles: "MAC Deputy Minister Chiu Wen-hsiang"."""
    for i in range(1, len(body)):
        if body[i].text.lower() not in _POSTMODIFIERS:
            continue
        prev = body[i - 1].text
        if prev[:1].islower():
            # "a convenience store worker in Miyako": an anonymous source; but "representative
            # in Guinea Georges Okafor" ends in a person the recogniser found.
            found = disc.person_entity(pos[0], body[i].start, body[-1].end)
            if found is not None and found[1] == body[-1].end:
                at = Span(pos[0], found[0], found[1])
                return Speaker(found[2], found[2], "person", at=at)
            return None
        if (
            is_name_token(prev)
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
    surname_like_title = len(run) == 1 and caps_start > 0 and run[0].text.lower() in TITLE_WORDS
    if not tail and (surname_like_title or disc.resolve_key(run[-1].text, pos)):
        tail = run[-1:]  # "a clearly frustrated King": a surname that is also a title
        a = len(run) - 1
    if len(tail) > 2 and HYPHENATED_GIVEN_NAME.fullmatch(tail[-1].text):
        a += len(tail) - 2
        tail = tail[-2:]
    if not tail or len(tail) > 4:
        return None
    entity = disc.person_entity(pos[0], body[0].start, body[-1].end)
    if entity is not None:
        e_text = entity[2]
        words = e_text.split()
        while len(words) > 2 and words[0].rstrip(".").lower() in TITLE_WORDS:
            words = words[1:]  # "Sen. Ada Lunde" -> "Ada Lunde"
        mention = e_text
        at = Span(pos[0], entity[0], entity[1])
    else:
        mention = text[tail[0].start : tail[-1].end]
        # "Ada O. Lunde" keeps the full stop of its initial
        words = mention.split() if re.fullmatch(r"[\w.’' -]+", mention) else [t.text for t in tail]
        at = Span(pos[0], tail[0].start, tail[-1].end)
    name = (disc.resolve_key(words[0], pos) or words[0]) if len(words) == 1 else " ".join(words)
    gender = gender_of_phrase([t.text for t in body[: caps_start + a]])
    if gender:
        disc.note_gender(name, gender)
    return Speaker(name, mention, "person", at=at)


def _pronoun(disc: Discourse, tok: Tok, pos: Pos) -> Speaker:
    kind = PRONOUN_KINDS[tok.text.lower()]
    at = Span(pos[0], tok.start, tok.end)
    if kind in ("m", "f"):
        name = disc.person_before(pos, kind)
        if name:
            disc.note_gender(name, kind)
            return Speaker(name, tok.text, "person", at=at)
        return Speaker(None, tok.text, "pronoun-unresolved", at=at)
    if kind == "p":
        anon = disc.anon_before(pos, True, None)
        if anon:
            return Speaker(anon, tok.text, "anon", plural=True, at=at)
        org = disc.speaker_before(pos, ("org",))
        if org:
            return Speaker(org.name, tok.text, "org", at=at)
        return Speaker(None, tok.text, "pronoun-unresolved", at=at)
    org = disc.speaker_before(pos, ("org",))
    if org:
        return Speaker(org.name, tok.text, "org", at=at)
    return Speaker(None, tok.text, "pronoun-unresolved", at=at)


def _definite(disc: Discourse, toks: list[Tok], pos: Pos, text: str) -> Speaker:
    np_toks = _cut_postmodifiers(toks)
    head = np_toks[-1].text.lower()
    mention = text[toks[0].start : toks[-1].end]
    at = Span(pos[0], toks[0].start, toks[-1].end)
    if head in _COURT_DOCUMENTS:
        court = disc.org_with(("court", "tribunal"), pos)
        if court:
            return Speaker(court, mention, "org", at=at)  # "the ruling said" -> the court
    if head in _DOCUMENT_HEADS:
        # "the statement said": whoever issued it, the latest named speaker.
        issuer = disc.speaker_before(pos, ("org", "person", "anon"))
        if issuer is not None:
            return Speaker(issuer.name, mention, issuer.kind, issuer.plural, at=at)
    if head in ROLE_WORDS or head in TITLE_WORDS:
        holder = disc.role_holder(head, pos)
        if holder:
            return Speaker(holder, mention, "person", at=at)
    if head in ORG_ANAPHORS:
        org = disc.org_with(ORG_ANAPHORS[head], pos)
        if org:
            return Speaker(org, mention, "org", at=at)
    anon = disc.anon_before(pos, None, head)
    if anon:
        return Speaker(anon, mention, "anon", plural=_is_plural(head), at=at)
    if head in _PERSON_NOUNS or _AGE_NOUN_RE.fullmatch(head):
        # "the 19-year-old", "the woman": the person last named, as a pronoun would be.
        person = disc.person_before(pos, gender_of(head))
        if person:
            return Speaker(person, mention, "person", at=at)
    phrase = " ".join(t.text for t in np_toks).lower()
    return Speaker(phrase, mention, "anon", plural=_is_plural(head), at=at)


def _anonymous(toks: list[Tok], pos: Pos, text: str) -> Speaker:
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
