"""Teams named after places: in a sports story, "Somerset", "Chicago" or "Karlsruhe" is a club.

Sports copy names clubs by their town, county or state ("Leicestershire beat Somerset by an
innings", "CHICAGO 70 62 .530" in a standings table), so the gazetteer's answer (a place) is
wrong there, while the same word after "in" or "at", or opening a dateline, is still the place.
National teams are left as places, as the gold conventions of wire corpora do. Whether a story is
about sport is read from its own vocabulary, so a business story that mentions a city keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from newsreader.analysis.entities.candidates import ArticleNames, CandidateName
from newsreader.analysis.entities.labels import opens_dateline
from newsreader.analysis.entities.lexicon import ACRONYM_PLACES, words_of

_SPORT_WORDS: Final = words_of(
    """
    soccer football cricket tennis golf rugby baseball basketball hockey boxing athletics
    cycling skiing swimming squash badminton volleyball handball snooker darts motorsport
    innings wicket wickets batsman batsmen bowler bowled goalkeeper striker midfielder defender
    halftime half-time homer homers inning innings pitcher touchdown quarterback rebounds
    playoff playoffs semifinal semifinals semi-final semi-finals quarterfinal quarterfinals
    quarter-final quarter-finals seeded standings league championship tournament coach
    unbeaten scored goals equaliser equalizer penalty striker hat-trick runs-up runner-up
    sprint marathon medal medals podium lap laps grand slam title-holder relegation promoted
    """
)
_SCORE: Final = re.compile(r"(?<![\w.-])\d{1,3}-\d{1,3}(?![\w-])")
_WORD: Final = re.compile(r"[a-z][a-z-]+")
_PLACE_BEFORE: Final = re.compile(
    r"\b(?:in|at|near|from|to|into|outside|around|across|of|via|visit|visited|visiting)\s+$",
    re.IGNORECASE,
)
_TEAM_LABELS: Final = frozenset({"GPE"})
#: After a name, words a team does: "Somerset were bowled out", "Chicago beat Boston".
_TEAM_AFTER: Final = re.compile(
    r"(?:['’]s)? (?:beat|beats|defeated|defeats|drew|draw|lost|lose|won|win|wins|led|lead|leads"
    r"|trail|trails|trailed|scored|score|bowled|batted|declared|replied|were|are|have|finished"
    r"|clinched|edged|thrashed|routed|host|hosts|hosted|play|plays|played|rallied|swept|blanked"
    r"|held|hold|need|needed|moved|climbed|slipped|stay|stayed|remain|remained)\b"
)
#: Before a name, words that put a team there: "beat Somerset", "against Chicago".
_TEAM_BEFORE: Final = re.compile(
    r"\b(?:beat|beating|defeated|against|over|v|vs\.?|versus|drew with|lost to|host|hosts"
    r"|hosting|to face|face|faces|facing|at home to|visiting)\s+$",
    re.IGNORECASE,
)
#: A lower-case noun after the name makes it a modifier: "against Rio silver medalist".
_MODIFIER_AFTER: Final = re.compile(
    r" (?!(?:by|in|on|at|and|or|to|for|with|after|before|when|as|but|while|on|in|of)\b)[a-z]"
)
#: A result or a table row after a name: "CHICAGO 70 62 .530", "Leeds 2 Everton 1".
_NUMBERS_AFTER: Final = re.compile(r" \d{1,3}(?: |,|$)")


def is_sports_story(paragraphs: Sequence[str]) -> bool:
    """True when the story's own words are those of sport (two sport words, or one and scores)."""
    text = "\n".join(paragraphs)
    words = set(_WORD.findall(text.lower())) & _SPORT_WORDS
    if len(words) >= 2:
        return True
    return bool(words) and len(_SCORE.findall(text)) >= 2


def relabel_teams(doc: ArticleNames) -> None:
    """In a sports story, a town, county or state used as a name is the team: ORG."""
    if not doc.sports:
        return
    places = [p for p in doc.parts if not p.dropped and p.label in _TEAM_LABELS]
    teams = {doc.text(p).lower() for p in places if _is_team_use(doc, p)}
    for part in places:
        if doc.text(part).lower() in teams and not _is_place_use(doc, part):
            part.label = "ORG"
            part.guessed = False
    # "Hansa Rostock 2 Werder Bremen 1": a name ending in its town, with a score or a table
    # row after it, is a club wherever it stands
    clubs = {doc.text(p) for p in doc.parts if _is_club_with_town(doc, p)}
    for part in doc.parts:
        if not part.dropped and doc.text(part) in clubs:
            part.label = "ORG"
            part.guessed = False


def _is_club_with_town(doc: ArticleNames, part: CandidateName) -> bool:
    words = part.words
    return (
        not part.dropped
        and len(words) == 2
        and words[1] in doc.gaz.places
        and words[1] not in doc.gaz.name_words
        and not words[0].endswith(".")
        and bool(_NUMBERS_AFTER.match(doc.paragraphs[part.para], part.end))
    )


def _is_team_use(doc: ArticleNames, part: CandidateName) -> bool:
    text = doc.text(part)
    if text in doc.gaz.countries or text.title() in doc.gaz.countries or text in ACRONYM_PLACES:
        return False
    para = doc.paragraphs[part.para]
    return bool(
        _TEAM_AFTER.match(para, part.end)
        or _NUMBERS_AFTER.match(para, part.end)
        or (
            _TEAM_BEFORE.search(para, max(0, part.start - 16), part.start)
            and not _MODIFIER_AFTER.match(para, part.end)
        )
    )


def _is_place_use(doc: ArticleNames, part: CandidateName) -> bool:
    para = doc.paragraphs[part.para]
    if part.start == 0 and opens_dateline(para, part.end, doc.text(part).isupper()):
        return True
    if _PLACE_BEFORE.search(para, max(0, part.start - 12), part.start):
        return True
    # "Leeds, England": a place qualified by its country
    after = para[part.end : part.end + 40]
    return after.startswith(", ") and after[2:].split(" ")[0].strip(",.") in doc.gaz.countries
