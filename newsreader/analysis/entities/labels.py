"""Passes 2 and 3 of the built-in recogniser: give each candidate name a label.

Pass 2 labels the candidates with a strong cue (a head word, a title before, the gazetteer, the
form of a romanised name, a wire story's dateline) and learns from each what the rest of the
article may call it: "Chiu" alone after "Chiu Wen-hsiang", "Kujira" after "Typhoon Kujira". Pass 3
then labels the rest from those aliases, from the words around them ("in Hokkaido", "shares of
Pinewood Foods") and, last, from defaults. The order matters: an alias must be learnt before the
weaker cues are read, so the two passes run over all candidates one after the other.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Final

from newsreader.analysis.entities.candidates import (
    ACRONYM,
    CHINESE_GIVEN_NAME,
    CJK_PAREN,
    CORPORATE_SUFFIXES,
    MONTHS,
    OF_GAPS,
    ArticleNames,
    CandidateName,
    head_label_of,
    looks_chinese_name,
)
from newsreader.analysis.entities.gazetteer import LANGUAGES_AMBIGUOUS, LANGUAGES_ONLY
from newsreader.analysis.entities.lexicon import (
    ACRONYM_PLACES,
    ACRONYM_STOP,
    EVENT_PREFIXES,
    HEAD_FIRST,
    HEADS,
    LANGUAGE_CUES_AFTER,
    MASCOTS,
    NEWS_AGENCIES,
    NOT_NAMES_ALONE,
    ORG_NOUNS_AFTER,
    ORG_OPENERS,
    PERSON_ROLES,
    PLACE_NOUNS_AFTER,
    PLACE_NOUNS_OF,
    PLACE_PREPOSITIONS,
    SINGLE_LAWS,
    SINGLE_ORGS,
    STOP_START,
    SURNAMES,
    words_of,
)
from newsreader.model import PLACE_LABELS

_PREV_WORD: Final = re.compile(r"([A-Za-z][\w-]*)\W*$")
_PREV_TWO: Final = re.compile(r"([a-z]+) of(?: the)? $")
_NEXT_WORD: Final = re.compile(r"\W{0,3}?([A-Za-z][\w-]*)")
_WAR_NUMBER: Final = frozenset({"One", "Two", "I", "II"})
#: Words before a name that say it is a company: a business noun, or "shares of".
_ORG_BEFORE: Final = re.compile(
    r"(?:\b(?i:shares|stock|stocks|stake|stakes|bonds|invested|investment|investments) (?:of|in)"
    r"|\b(?:developer|maker|startup|start-up|carmaker|automaker|chipmaker|planemaker"
    r"|drugmaker|retailer|lender|insurer|conglomerate|manufacturer|supplier|brewer|operator"
    r"|carrier|airline|firm|company|giant|subsidiary|unit)) (?:the )?$"
)
#: Between two teams in a result: "Manchester City beat Aston Villa 3-1".
_RESULT_VERB: Final = re.compile(
    r" (?:beat|beats|defeated|defeats|edged|edges|thrashed|routed|downed|crushed|stunned"
    r"|upset|overcame|hammered|blanked|drew with|draw with|lost to|lose to|fell to)(?: the)? "
)
#: Last words of club names that say nothing on their own ("Leeds United").
_CLUBS: Final = words_of("United Rovers Wanderers Athletic Albion Hotspur FC AFC SC CF Celtic")
_SCORE: Final = re.compile(r" \d{1,3}-\d{1,3}(?![\w-])")
#: A road code before the kind of road: "the A12 motorway".
_ROAD_AFTER: Final = re.compile(r" (?:motorway|highway|expressway|freeway|autobahn|autoroute)\b")
#: After a capitalised place at the start of a paragraph: ", Region, Date (Agency) —".
_DATELINE_AFTER: Final = re.compile(r"(?:,[^—–\n(]{1,40}?)?(?: \([A-Z][\w .&-]{0,30}\))? ?[—–-] ")
#: After the place of a dateline that stands on its own line: "RANGOON 1996-12-07".
_DATELINE_DATE_ONLY: Final = re.compile(
    r"[ ,]+(?:\d{4}-\d\d-\d\d|[A-Z][a-z]{2,8}\.? \d{1,2}(?:,? \d{4})?)\s*$"
)
_DATELINE_STOP: Final = words_of(
    "UPDATE UPDATED BREAKING EXCLUSIVE ANALYSIS CORRECTED CORRECTION WRAPUP FACTBOX INTERVIEW"
    " PREVIEW OPINION EDITORIAL REVIEW FEATURE URGENT FLASH ALERT NEWS"
)
_DIRECTIONS: Final = words_of(
    "North South East West Northern Southern Eastern Western Central Upper Lower Greater"
    " Northeast Northwest Southeast Southwest Northeastern Northwestern Southeastern Southwestern"
)
#: After a lone name, words only a person is followed by: "who", an age, a player's act.
_PERSON_AFTER: Final = re.compile(
    r"(?:,? (?:who|whose)\b|, (?:\d{1,2}|aged \d{1,2}),| \(\d{1,3}(?:st|nd|rd|th)?\b"
    r"| (?:scored|netted|headed|bowled|pitched"
    r"|homered|singled|doubled|tripled|struck out|clocked|crossed|volleyed|dribbled|saved)\b)"
)
#: Head words that are common surnames too.
_SURNAME_HEADS: Final = words_of("Hill Lane Woods Hall Banks Brooks Rivers Fields Wood Fort")
#: Members of a party, named by it: "a Democrat from Oregon".
PARTY_MEMBERS: Final = words_of("Democrat Democrats Republican Republicans")


def opens_dateline(para: str, end: int, in_capitals: bool = True) -> bool:
    """True when a paragraph-opening name ending at ``end`` is a dateline's place.

    A name in ordinary case before a dash opens a list ("Barcelona - Ronaldo (5th)"), not a
    dateline, which wire copy writes in capitals.
    """
    if _DATELINE_DATE_ONLY.match(para, end):
        return True
    return in_capitals and bool(_DATELINE_AFTER.match(para, end))


def _is_dateline(doc: ArticleNames, para: str, part: CandidateName) -> bool:
    """True for the capitalised place that opens a wire story: "PHOENIX (AP) — ".

    A kicker in the same place ("PRESS DIGEST - ", "MARKET TALK - ") is made of everyday
    words; a place's name is not.
    """
    return (
        part.start == 0
        and not any(w in _DATELINE_STOP for w in part.words)
        and not all(doc.gaz.is_common(w) for w in part.words)
        and bool(_DATELINE_AFTER.match(para, part.end))
    )


def label_strong_cues(doc: ArticleNames) -> None:
    """Pass 2: label the candidates a strong cue decides, and learn their aliases."""
    # several-word names first, so that "Keiko Arai" makes a later "Arai" a person
    for single in (False, True):
        for part in doc.parts:
            if (len(part.toks) == 1) is single:
                label = _strong_label(doc, part)
                if label:
                    part.label = label
                    _learn(doc, part)
    _label_teams(doc)


def _label_teams(doc: ArticleNames) -> None:
    """A result names teams: "Manchester City beat Aston Villa 3-1" is two clubs, not places."""
    parts = doc.parts
    for p, q in pairwise(parts):
        if p.para != q.para or p.dropped or q.dropped:
            continue
        para = doc.paragraphs[p.para]
        if not (_RESULT_VERB.fullmatch(para, p.end, q.start) and _SCORE.match(para, q.end)):
            continue
        for r in (p, q):
            if doc.text(r) in doc.gaz.countries:
                continue  # a national team keeps its country's label, as the gold does
            if r.label in PLACE_LABELS or (r.label is None and r.words[-1] in _CLUBS):
                r.label = "ORG"
                doc.aliases[doc.text(r)] = "ORG"
                if len(r.toks) > 1:
                    doc.aliases.setdefault(r.words[-1], "ORG")  # "Villa", "City" alone


def _strong_label(doc: ArticleNames, part: CandidateName) -> str | None:
    g = doc.gaz
    words = part.words
    para = doc.paragraphs[part.para]
    text = doc.text(part)
    n = len(words)
    last = words[-1]
    if all(p in MONTHS for w in words for p in w.split("-")):
        part.dropped = True  # "Saturday-Sunday", "June-July"
        return None
    if part.start == 0 and _DATELINE_DATE_ONLY.match(para, part.end):
        return "GPE"
    if n == 1:
        w = words[0]
        if w in doc.not_entities:
            part.dropped = True
            return None
        if w in NEWS_AGENCIES:
            return "ORG"
        if (ACRONYM.fullmatch(w) and not w.endswith("s")) or w in ACRONYM_PLACES:
            return _acronym_label(doc, part, w)
        if w in LANGUAGES_ONLY:
            return "LANGUAGE"
        if w in g.nationalities:
            if w in LANGUAGES_AMBIGUOUS and _language_context(doc, part):
                return "LANGUAGE"
            return "NORP"
        if w in SINGLE_ORGS:
            return "ORG"
        if w in SINGLE_LAWS:
            return "LAW"
        if w in PARTY_MEMBERS:
            return "NORP"
        if part.extend_to and w in HEADS:
            return HEADS[w]  # "Terminal 3", "Gate 12"
        if part.after_title:
            # "President Clinton": a later "Clinton" alone is the same person
            doc.aliases.setdefault(w, "PERSON")
            return "PERSON"
        if part.defines is not None:
            return None  # decided by the long form, in the next pass
        if doc.aliases.get(w) == "PERSON":
            return "PERSON"  # "Jordan" after "Michael Jordan": the person, not the country
        prev = _prev_word(para, part.start)
        if prev == "surnamed" or (
            prev == "named" and (w in SURNAMES or CJK_PAREN.match(para, part.end))
        ):
            return "PERSON"
        if w in g.major_places:
            return g.places[w]
        return None  # a smaller town's name may be a surname: decided after the aliases
    # several words
    if text in g.places:
        return g.places[text]
    if text in g.nationalities:
        return "NORP"
    upper = text.upper() == text
    if upper and text.title() in g.places:
        return g.places[text.title()]
    if upper and _is_dateline(doc, para, part):
        return "GPE"
    if words[0] in _DIRECTIONS and n >= 2:
        rest = para[part.toks[1][0] : part.end]
        if rest in g.places and HEADS.get(words[-1]) is None:
            return g.places[rest]
    first = words[0]
    if first in EVENT_PREFIXES and n >= 2 and not g.is_common(last):
        return "EVENT"
    if first == "World" and n == 3 and words[1] == "War" and last in _WAR_NUMBER:
        return "EVENT"
    if (
        n == 2
        and last in _SURNAME_HEADS
        and first in g.name_words
        and not g.is_common(first)
        and first not in g.places
    ):
        return "PERSON"  # "Damon Hill", "Barry Lane": a given name, then a surname
    head = head_label_of(words[-2] if last == "No." and n > 2 else last)
    if head is not None:
        return head
    # "Bank of Korea", "Directorate General of Highways"; a place's word opens the name only
    # right before "of" ("City of London", not "City University of New York")
    if (
        first in HEAD_FIRST
        and (
            HEAD_FIRST[first] != "GPE" or para[part.toks[0][1] : part.toks[1][0]].strip() in OF_GAPS
        )
        and any(para[a[1] : b[0]].strip() in OF_GAPS for a, b in pairwise(part.toks))
    ):
        return HEAD_FIRST[first]
    for k in range(n - 1):
        w = words[k]
        if w in HEAD_FIRST or w in HEADS:
            gap = para[part.toks[k][1] : part.toks[k + 1][0]].strip()
            if gap in OF_GAPS:
                return HEAD_FIRST.get(w) or HEADS[w]
            if HEADS.get(w) == "ORG" and all(x in g.places for x in words[k + 1 :]):
                return "ORG"  # "Wild Bird Federation Taiwan"
    if first in ("Mount", "Mt.", "Mt", "Lake", "Cape"):
        return "LOC"
    if last in MASCOTS:
        return "ORG"
    if part.after_title:
        return "PERSON"
    if looks_chinese_name(words):
        return "PERSON"
    if CJK_PAREN.match(para, part.end) and n <= 3:
        return "PERSON"
    return None


def _acronym_label(doc: ArticleNames, part: CandidateName, w: str) -> str | None:
    g = doc.gaz
    if w in doc.not_entities or w in ACRONYM_STOP or w.split("-")[0] in ACRONYM_STOP:
        part.dropped = True
        return None
    if w in ACRONYM_PLACES:
        return "GPE"
    if _ROAD_AFTER.match(doc.paragraphs[part.para], part.end):
        return "FAC"  # "the A12 motorway"
    para = doc.paragraphs[part.para]
    if len(w) >= 3 and w not in NEWS_AGENCIES and _is_dateline(doc, para, part):
        doc.aliases.setdefault(w.title(), "GPE")  # "in Phoenix" later is the same place
        return "GPE"  # "PHOENIX (AP) —": a dateline names a place
    if len(w) >= 4 and w.isalpha() and g.is_common(w) and w.title() not in g.places:
        part.dropped = True  # "NOTE", "CAPS", "UPDATE": a label in capitals, not an acronym
        return None
    if sum(ch.isdigit() for ch in w) and sum(ch.isalpha() for ch in w) >= 2:
        part.dropped = True  # a code, not a name: "H5N1", "PM2.5"
        return None
    title = w.title()
    if len(w) >= 4 and title in g.places:
        return g.places[title]
    if part.defines is not None:
        return None
    return "ORG"


def _language_context(doc: ArticleNames, part: CandidateName) -> bool:
    para = doc.paragraphs[part.para]
    nxt = _NEXT_WORD.match(para, part.end)
    if nxt and nxt.group(1).lower() in LANGUAGE_CUES_AFTER and nxt.start(1) - part.end <= 2:
        return True
    # a list with a word that is only a language: "Mandarin, English, Japanese and Korean"
    window = para[max(0, part.start - 40) : part.end + 40]
    return any(lang in window for lang in LANGUAGES_ONLY)


def _prev_word(para: str, start: int) -> str:
    m = _PREV_WORD.search(para, max(0, start - 40), start)
    return m.group(1).lower() if m else ""


def _learn(doc: ArticleNames, part: CandidateName) -> None:
    """Remember what the rest of the article may call this entity."""
    label = part.label
    words = part.words
    if label is None or len(words) < 2:
        return
    g = doc.gaz
    if label == "PERSON":
        if CHINESE_GIVEN_NAME.fullmatch(words[-1]) or len(words) == 2:
            candidates = [words[0], words[-1]] if len(words) == 2 else [words[0]]
            if CHINESE_GIVEN_NAME.fullmatch(words[-1]):
                candidates = [words[0]]
        else:
            candidates = [words[-1]]
        given_name_first = (
            words[0] in g.name_words
            and len(words[0]) > 2
            and words[0] not in g.major_places
            and words[0] not in STOP_START
        )
        for w in candidates:
            # "Bob Dole", then "Dole"; "Nadia Jordan", then "Jordan" (a country as a surname
            # needs a given name that is no everyday word)
            if w in g.major_places:
                surname = given_name_first and not g.is_common(words[0])
            else:
                surname = given_name_first or not g.is_common(w)
            surname = surname and w == words[-1] and len(words) <= 3 and w not in STOP_START
            common = g.is_common(w) and not (
                (w in SURNAMES and CHINESE_GIVEN_NAME.fullmatch(words[-1])) or surname
            )
            if surname or (w not in g.major_places and w not in STOP_START and not common):
                doc.aliases.setdefault(w, "PERSON")
    elif label == "ORG":
        stem = words[:-1] if words[-1] in CORPORATE_SUFFIXES else words
        if len(stem) >= 1 and stem != words:
            doc.aliases.setdefault(" ".join(stem), "ORG")
        if len(words) >= 3 and words[1] not in HEADS and words[0] not in g.places:
            doc.aliases.setdefault(" ".join(words[:2]), "ORG")  # "Hon Hai" of "Hon Hai ... Co"
        first = words[0]
        if (
            first not in g.major_places
            and first not in g.nationalities
            and first not in HEADS
            and first not in HEAD_FIRST
            and first not in ORG_OPENERS
            and first not in STOP_START
            and not g.is_common(first)
            and not ACRONYM.fullmatch(first)
        ):
            doc.aliases.setdefault(first, "ORG")
        if words[-1] in MASCOTS:
            doc.aliases.setdefault(words[-1], "ORG")
    elif label == "EVENT" and words[0] in EVENT_PREFIXES:
        doc.aliases.setdefault(words[-1], "EVENT")
    elif label in ("GPE", "LOC") and HEADS.get(words[-1]) == "GPE" and len(words) == 2:
        doc.aliases.setdefault(words[0], label)


def label_remaining(doc: ArticleNames) -> None:
    """Pass 3: label what pass 2 left, from aliases, context and defaults, in that order."""
    # acronyms take the label of the name they abbreviate
    for part in doc.parts:
        if part.defines is not None and part.label is None and not part.dropped:
            long_label = part.defines.label or _default_multi(doc, part.defines)
            if long_label:
                part.label = long_label
                doc.aliases.setdefault(part.words[0], long_label)
    # several-word parts without a strong cue
    for part in doc.parts:
        if part.label is None and not part.dropped and len(part.toks) > 1:
            text = doc.text(part)
            part.label = doc.aliases.get(text)
            if part.label is None:
                part.label = _default_multi(doc, part)
                part.guessed = True
            if part.label and text not in doc.aliases:
                _learn(doc, part)
    # single words: context cues first, so that one "in Hokkaido" labels every "Hokkaido"
    singles = [p for p in doc.parts if p.label is None and not p.dropped and len(p.toks) == 1]
    for part in singles:
        w = part.words[0]
        if w in doc.aliases or w in doc.gaz.places:
            continue
        cue = _single_context(doc, part)
        if cue:
            part.label = cue
            doc.aliases.setdefault(w, cue)
    places = doc.gaz.places
    for part in singles:
        if part.label is None:
            w = part.words[0]
            part.label = doc.aliases.get(w) or places.get(w)
            if part.label is None:
                part.label = _default_single(doc, part)
                part.guessed = True
    _settle_surnames(doc)


def _settle_surnames(doc: ArticleNames) -> None:
    """A word the article uses as a person's surname is that person wherever it stands alone.

    Full names are labelled in every pass, so a surname learnt late ("Bob Dole" labelled by
    its form in pass 3) may already have been read as a town or a company elsewhere.
    """
    for part in doc.parts:
        if len(part.toks) != 1 or part.dropped or part.label not in ("GPE", "LOC", "ORG"):
            continue
        w = part.words[0]
        if part.start == 0 and opens_dateline(doc.paragraphs[part.para], part.end):
            continue  # "AMSTERDAM 1996-08-20": a dateline's place, whatever else the name is
        if doc.aliases.get(w) == "PERSON" and not w.isupper():
            part.label = "PERSON"
            part.guessed = False


def _default_multi(doc: ArticleNames, part: CandidateName) -> str | None:
    g = doc.gaz
    words = part.words
    if all(w.isupper() and g.is_common(w) for w in words):
        # a kicker in capitals ("PRESS DIGEST"), unless a head names it ("DAILY HERALD")
        return head_label_of(words[-1].title())
    if "&" in doc.text(part):
        return "ORG"  # "Marks & Spencer", "Douglas & Lomason": partners' names make a firm
    first = words[0]
    n = len(words)
    if first in g.nationalities and n >= 2:
        return "ORG" if n >= 3 else None
    if first in g.major_places and first not in SURNAMES:
        return "ORG"  # "Tokyo Electron"
    if first in ORG_OPENERS:
        return "ORG"
    if n > 4:
        return None
    if any(ACRONYM.fullmatch(w) and w not in ACRONYM_STOP for w in words):
        return "ORG"
    para = doc.paragraphs[part.para]
    if _ORG_BEFORE.search(para, max(0, part.start - 40), part.start):
        return "ORG"  # "truck developer Kinetica Mobility", "shares of Pinewood Foods"
    name_like = [
        w not in NOT_NAMES_ALONE and (w in g.name_words or not g.is_common(w)) for w in words
    ]
    if part.title_left:
        return "ORG"
    if n <= 3 and _prev_word(para, part.start) in PERSON_ROLES and not part.sentence_initial:
        return "PERSON"  # "swimmer Lilly King", "striker Jan Olsen"
    if (
        n == 2
        and words[0] in g.name_words
        and not g.is_common(words[0])
        and words[1] in g.name_words
        and words[1] not in g.major_places
    ):
        return "PERSON"  # a given name, then a surname that is also a word ("Lilly King")
    if n == 2 and words[1] in g.major_places and not name_like[0]:
        return "ORG"  # "Statistics Korea": a common noun before a country's name
    if (
        n == 2
        and name_like[0]
        and not name_like[1]
        and words[0] not in g.name_words
        and words[1] not in NOT_NAMES_ALONE
        and len(words[1]) >= 6  # short common words are often surnames too ("Smit")
    ):
        return "ORG"  # "Shinwa Auction": an unknown name before a common noun
    if all(name_like) or (n == 2 and words[1] in ("Emperor", "Empress") and name_like[0]):
        return "PERSON"
    # "Dow Jones Industrial Average" is a name of something; "Autumn Rain" may be nothing
    return "ORG" if n >= 3 and any(name_like) else None


def _single_context(doc: ArticleNames, part: CandidateName) -> str | None:
    para = doc.paragraphs[part.para]
    w = part.words[0]
    if _ORG_BEFORE.search(para, max(0, part.start - 40), part.start):
        return "ORG"  # "shares in Airbus": "in" does not make it a place here
    if CJK_PAREN.match(para, part.end):
        return "GPE"
    nxt = _NEXT_WORD.match(para, part.end)
    if nxt and nxt.start(1) - part.end <= 1:
        word_after = nxt.group(1)
        if word_after in PLACE_NOUNS_AFTER:
            return "LOC" if word_after in ("island", "islands", "peninsula", "region") else "GPE"
        if word_after in ORG_NOUNS_AFTER and not doc.gaz.is_common(w):
            return "ORG"
    before = para[max(0, part.start - 30) : part.start]
    m = _PREV_TWO.search(before)
    if m and m.group(1) in PLACE_NOUNS_OF:
        return "GPE"
    prev = _prev_word(para, part.start)
    if prev in PLACE_PREPOSITIONS and not part.sentence_initial and not doc.gaz.is_common(w):
        return "GPE"
    return None


def _default_single(doc: ArticleNames, part: CandidateName) -> str | None:
    w = part.words[0]
    g = doc.gaz
    if w in NOT_NAMES_ALONE or w in STOP_START or w in MONTHS or len(w.rstrip(".")) < 2:
        return None
    if g.is_common(w) or doc.written_in_lower_case(w):
        return None
    if w in SURNAMES:
        return "PERSON"
    if part.sentence_initial:
        # an opener that is no English word and no known name: most often a company
        if _PERSON_AFTER.match(doc.paragraphs[part.para], part.end):
            return "PERSON"
        return None if w in g.name_words or "-" in w else "ORG"
    if part.title_left:
        return "ORG"
    para = doc.paragraphs[part.para]
    prev = _prev_word(para, part.start)
    if prev in PERSON_ROLES or _PERSON_AFTER.match(para, part.end):
        return "PERSON"
    return "ORG"
