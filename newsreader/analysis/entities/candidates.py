"""Pass 1 of the built-in recogniser: find the capitalised runs of an article and cut them into
candidate names.

A run of capitalised words is rarely one name: "MAC Deputy Minister Chiu Wen-hsiang",
"Kaohsiung and Pingtung County", "Taichung-based Hsiangyun Travel Co" each hold several, or a
title that is no name at all. The cuts happen here, before any labelling, so that the labelling
passes (:mod:`newsreader.analysis.entities.labels`) see one candidate per name and can learn aliases
from whole names. The candidates and the per-article state the passes share live here too, with
the few word shapes (months, acronyms, romanised Chinese names) both the cuts and the labels test.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Final

from newsreader.analysis.entities.boundaries import (
    Token,
    adjective_then_name,
    capitals_then_title_case,
    country_then_person,
    credit_then_dateline,
    nationality_then_person,
)
from newsreader.analysis.entities.gazetteer import Gazetteer
from newsreader.analysis.entities.lexicon import (
    ACRONYM_PLACES,
    ACRONYM_STOP,
    HEAD_FIRST,
    HEADS,
    MASCOTS,
    NEWS_AGENCIES,
    PERSON_ROLES,
    SINGLE_ORGS,
    STOP_START,
    SURNAMES,
    TITLE_CORE,
    TITLE_MODIFIERS,
    words_of,
)

_UP = "A-ZÀ-ÖØ-Þ"
_ABBREV = (
    r"(?:Co|Corp|Inc|Ltd|Bros|Dr|Mr|Mrs|Ms|St|Jr|Sr|Prof|Gen|Lt|Col|Gov|Sen|Rep|Mt|Ft|Capt"
    r"|Sgt|Adm|Cmdr|Rev|No|Ala|Ariz|Ark|Calif|Colo|Conn|Fla|Ill|Ind|Kan|Md|Mass|Mich|Minn"
    r"|Mont|Neb|Nev|Okla|Ore|Tenn|Tex|Wash|Wis|Wyo)\."
)
_WORD = (
    rf"(?:[{_UP}](?:\.[{_UP}])+\.|{_ABBREV}|[A-Z]{{1,3}}&[A-Z]{{1,3}}|[{_UP}]\.(?= [{_UP}][a-z])"
    rf"|[{_UP}]\w*(?:-\w+|['’](?=[{_UP}])\w+)*)(?![\w$&])"
)
_GAP = (
    r"(?:(?:['’]s|(?<=s)['’])?[ \u00a0](?:(?:of|for|and|de|du|del|da|la|le|di|dos|van|von|der"
    r"|al|bin|ibn|bint|&)[ \u00a0]"
    r"(?:(?:the|der|den|la|de|al)[ \u00a0])?)?"
    rf"|,[ ](?=[{_UP}][\w-]*[ ]and[ ][{_UP}]))"
)
#: A run of capitalised words joined by spaces, "of", "and", a possessive or a list comma.
_RUN: Final = re.compile(rf"(?<![\w'’]){_WORD}(?:{_GAP}{_WORD})*")
_TOKEN: Final = re.compile(_WORD)
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Chinese characters in parentheses right after a name: "Ho Cheng-hui (何澄輝)".
CJK_PAREN: Final = re.compile(rf"[ \u00a0]?[（(][^()（）]{{0,12}}[{_CJK}][^()（）]{{0,40}}[)）]")
_SENTENCE_END: Final = frozenset(".!?:;—–-(")
_OPEN_MARKS: Final = " \u00a0“\"‘'«[("
_LOWER_WORD: Final = re.compile(r"(?<![\w-])[a-z]+(?![\w-])")
ACRONYM: Final = re.compile(r"[A-Z][A-Z0-9&.\-]*[A-Z0-9]\.?|[A-Z]{2,}s")
_SYLLABLE: Final = re.compile(r"[A-Z][a-z]{1,4}")
CHINESE_GIVEN_NAME: Final = re.compile(r"[A-Z][a-z]{0,6}-[a-z]{1,8}")
_NUMBER_EXTENDABLE: Final = words_of(
    "Highway Route Freeway Expressway Road Line Expo Terminal Gate Pier Platform Exit Article "
    "Building Hall Airport Station No."
)
_NUMBER_AFTER: Final = re.compile(r"[ \u00a0](\d{1,4}[A-Z]?)\b")
OF_GAPS: Final = frozenset({"of", "for", "of the", "for the"})
CORPORATE_SUFFIXES: Final = frozenset({"Co", "Co.", "Corp", "Corp.", "Inc", "Inc.", "Ltd", "Ltd."})
_POSSESSIVE_KEEP: Final = words_of(
    "People Workers Women Children Farmers Citizens Men Veterans Teachers Nurses Lawyers "
    "Journalists Writers Consumers Employers Students Martyrs Saints Fishermen Mothers "
    "Fathers Soldiers Traders Investors Producers Artists Writers Doctors"
)
_NAME_PARTICLES: Final = words_of("de du del da la le di dos van von der den al bin ibn bint")
_WEEKDAYS: Final = words_of("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
_CREDIT_WORDS: Final = words_of("Photo Photos PHOTO PHOTOS Video VIDEO File FILE Handout Pool")
MONTHS: Final = words_of(
    "January February March April May June July August September October November December "
    "Jan Jan. Feb Feb. Mar Mar. Apr Apr. Jun Jun. Jul Jul. Aug Aug. Sep Sep. Sept Sept. Oct "
    "Oct. Nov Nov. Dec Dec. Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
)


@dataclass(slots=True)
class CandidateName:
    """A candidate name: a cut of one capitalised run."""

    para: int
    toks: list[Token]
    label: str | None = None
    sentence_initial: bool = False
    after_title: bool = False
    title_left: bool = False
    defines: CandidateName | None = None
    dropped: bool = False
    extend_to: int = 0
    #: Labelled by a default (the word's shape alone), with no cue in the text or the lists.
    guessed: bool = False

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
class ArticleNames:
    """The candidate names of one article and what the labelling passes learn about them.

    The passes share this state because a cue read in one paragraph (an alias, an acronym of a
    common noun) decides a name in another.
    """

    paragraphs: Sequence[str]
    gaz: Gazetteer
    parts: list[CandidateName] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)
    not_entities: set[str] = field(default_factory=set)
    #: Set by the caller when the article is a sports story (its unknown names are players).
    sports: bool = False
    _lower_words: set[str] | None = None

    def text(self, part: CandidateName) -> str:
        return self.paragraphs[part.para][part.start : part.end]

    def written_in_lower_case(self, word: str) -> bool:
        """True when the article also uses ``word`` as an ordinary lower-case word."""
        if self._lower_words is None:
            self._lower_words = set(_LOWER_WORD.findall("\n".join(self.paragraphs)))
        return word.lower() in self._lower_words


def collect_candidates(doc: ArticleNames, index: int, para: str) -> None:
    """Add the candidate names of paragraph ``index`` to ``doc``, cut and with titles dropped."""
    prev_end = -1
    prev_parts: list[CandidateName] = []
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
            if _defines(doc, long_part.words, toks[0][2]):
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


def _defines(doc: ArticleNames, long_words: list[str], short: str) -> bool:
    """True when ``short`` can abbreviate ``long_words`` ("MAC", "Taipower", "TR").

    A place or nationality in brackets says where the name is from ("Anna Berg (Sweden)"),
    and a word that is no acronym must open like the name ("Taipower" for "Taiwan Power").
    """
    if not long_words or short in long_words:
        return False
    if short in doc.gaz.places or short in doc.gaz.nationalities or short in ACRONYM_PLACES:
        return False
    if not ACRONYM.fullmatch(short) and short[:2].lower() != long_words[0][:2].lower():
        return False
    if len(long_words) == 1 and long_words[0][:1] != short[:1]:
        return False
    return long_words[0][:1].upper() == short[:1].upper()


def _check_lowercase_definition(doc: ArticleNames, para: str, start: int, short: str) -> None:
    """Forget acronyms of common nouns: "artificial intelligence (AI)"."""
    before = para[max(0, start - 80) : start - 1].split()
    n = len(short)
    words = [w for w in before[-n:] if w.isalpha()]
    if words and all(w.islower() for w in words):
        initials = "".join(w[0] for w in words).upper()
        if initials == short.upper():
            doc.not_entities.add(short)


def _cut_run(
    doc: ArticleNames, index: int, para: str, toks: list[Token], sentence_initial: bool
) -> list[CandidateName]:
    """Split one capitalised run into candidate parts and drop titles."""
    groups: list[list[Token]] = [[toks[0]]]
    run_has_head = any(head_label_of(t[2]) for t in toks)
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
        elif (
            (prev[2] in CORPORATE_SUFFIXES and tok[2] not in CORPORATE_SUFFIXES)
            or (prev[2].endswith(".") and tok[2] in STOP_START)
            or credit_then_dateline(doc.gaz, para, prev, tok)
            or capitals_then_title_case(groups[-1], tok)
            or (tok[2] in _WEEKDAYS and prev[2] not in MONTHS)  # "Bob Dole Wednesday"
        ):
            cut = True
        if cut:
            groups.append([tok])
        else:
            groups[-1].append(tok)
    parts: list[CandidateName] = []
    for g_index, group in enumerate(groups):
        initial = sentence_initial and g_index == 0
        # Leading function words: "The", "In", "Two".
        skip = 0
        while skip < len(group) and (
            group[skip][2] in STOP_START
            or (group[skip][2] in ("THE", "A", "AN") and skip < len(group) - 1)
        ):
            skip += 1
        if skip:
            group = group[skip:]
            initial = False
        group = _split_hyphen_modifiers(doc, para, group, parts, index)
        while group and group[-1][2] in _CREDIT_WORDS and len(group) > 1:
            group = group[:-1]  # "AP Photo": the agency, not the word for its picture
        if not group:
            continue
        if (
            len(group) > 2
            and group[0][2] in doc.gaz.nationalities
            and group[1][2] in HEAD_FIRST
            and para[group[1][1] : group[2][0]].strip() in OF_GAPS
        ):
            # "Japanese Ministry of Foreign Affairs": a nationality, then the ministry.
            parts.append(CandidateName(index, group[:1], sentence_initial=initial))
            group = group[1:]
            initial = False
        parts.extend(_split_titles(doc, index, para, group, initial))
    return parts


def _split_hyphen_modifiers(
    doc: ArticleNames, para: str, group: list[Token], out: list[CandidateName], index: int
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
                out.append(CandidateName(index, [*result, (s, s + len(head), head)]))
                result = []
                continue
        if known and all(p.islower() for p in pieces[1:]):
            # A modifier: the name is the part before the hyphen and the run stops here.
            out_tok = (s, s + len(head), head)
            if head in HEADS:
                # "Taiwan Stock Exchange-listed": the head closes the name before it
                out.append(CandidateName(index, [*result, out_tok]))
                result = []
                continue
            if head in ACRONYM_STOP:
                if result:
                    out.append(CandidateName(index, result))
                return []
            if result or k < len(group) - 1:
                # close what came before, keep this as its own part, continue after it
                if result:
                    out.append(CandidateName(index, result))
                out.append(CandidateName(index, [out_tok]))
                result = []
                continue
            result.append(out_tok)
            continue
        if (
            len(pieces) > 1
            and all(p[:1].isupper() for p in pieces)
            and all(_known_word(doc, p) for p in pieces)
            and not all(p.isupper() and len(p) > 1 for p in pieces)  # "EPA-EFE": one credit
        ):
            if result:
                out.append(CandidateName(index, result))
                result = []
            pos = s
            for p in pieces:
                out.append(CandidateName(index, [(pos, pos + len(p), p)]))
                pos += len(p) + 1
            continue
        result.append((s, e, w))
    return result


def _known_word(doc: ArticleNames, word: str) -> bool:
    g = doc.gaz
    return (
        word in g.major_places
        or word in g.nationalities
        or word in ACRONYM_PLACES
        or word in ACRONYM_STOP
        or bool(ACRONYM.fullmatch(word))
    )


def _split_titles(
    doc: ArticleNames, index: int, para: str, group: list[Token], initial: bool
) -> list[CandidateName]:
    """Cut lists apart, then drop each piece's title and mark what follows it as a person."""
    out: list[CandidateName] = []
    for k, piece in enumerate(_split_lists(para, group)):
        first = initial and k == 0
        if nationality_then_person(doc.gaz, para, piece):
            # "American Jessica Lind": a nationality, then a given name and a surname.
            out.append(CandidateName(index, piece[:1], sentence_initial=first))
            piece, first = piece[1:], False
        elif country_then_person(doc.gaz, para, piece):
            # "the WHO's representative in Guinea Georges Ki-Zerbo": a place, then a person
            out.append(CandidateName(index, piece[:1], sentence_initial=first))
            piece, first = piece[1:], False
        elif first and adjective_then_name(doc.gaz, piece):
            # "Outspoken Anna Berg said": the sentence's first word only describes her
            piece, first = piece[1:], False
        out.extend(_drop_title(doc, index, para, piece, first))
    return out


def _drop_title(
    doc: ArticleNames, index: int, para: str, group: list[Token], initial: bool
) -> list[CandidateName]:
    words = [t[2] for t in group]
    n = len(words)
    if n == 1 and words[0] in TITLE_CORE and words[0] in doc.gaz.name_words:
        # "King" alone: a surname when the article names a "Lilly King", else labelled nothing
        return [CandidateName(index, group, sentence_initial=initial)]
    for c, w in enumerate(words):
        if w not in TITLE_CORE and not (
            c == 0 and initial and n in (3, 4) and w.lower() in PERSON_ROLES
        ):
            continue
        if c and para[group[c - 1][1] : group[c][0]].strip() in OF_GAPS:
            continue  # "Ministry of Justice", "Office of the President": part of the name
        if (
            c == n - 1
            and c > 0
            and w in doc.gaz.name_words
            and words[c - 1] in doc.gaz.name_words  # a given name: "Lilly King"
            and words[c - 1] not in doc.gaz.places  # not a title's scope: "US President"
            and words[c - 1] not in doc.gaz.nationalities
            and words[c - 1] not in ACRONYM_PLACES
            and words[c - 1] not in TITLE_MODIFIERS
            and words[c - 1] not in TITLE_CORE
            and para[group[c - 1][1] : group[c][0]] == " "
        ):
            continue  # a title word ending a name is a surname: "Lilly King", "Bob Marshal"
        run_start = c
        while run_start > max(0, c - 6) and (
            words[run_start - 1] in TITLE_MODIFIERS
            or words[run_start - 1] in TITLE_CORE
            # "Manhattan District Attorney": a court district's officers, not the district
            or (words[run_start - 1] == "District" and w in ("Attorney", "Judge"))
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
        if (
            len(name) > 2
            and looks_chinese_name([t[2] for t in name[-2:]])
            and not looks_chinese_name([t[2] for t in name])
        ):
            name = name[-2:]  # "Minister Without Portfolio Lo Ping-cheng"
        left = _with_left(index, group[:run_start], initial)
        if name:
            left.append(CandidateName(index, name, after_title=True))
        return left
    return [CandidateName(index, group, sentence_initial=initial)]


def _with_left(index: int, left: list[Token], initial: bool) -> list[CandidateName]:
    if not left:
        return []
    return [CandidateName(index, left, sentence_initial=initial, title_left=True)]


def _plausible_name(doc: ArticleNames, para: str, toks: list[Token]) -> bool:
    if not 1 <= len(toks) <= 4:
        return False
    for prev, tok in pairwise(toks):
        gap = para[prev[1] : tok[0]]
        if gap not in (" ", "\u00a0") and not all(w in _NAME_PARTICLES for w in gap.split()):
            return False
    korean_or_chinese = looks_chinese_name([t[2] for t in toks])
    for k, (_, _, w) in enumerate(toks):
        # a title word may end a name as its surname ("Lilly King")
        title = w in TITLE_CORE and not (k == len(toks) - 1 > 0 and w in doc.gaz.name_words)
        # a head word ends a name of a thing, unless it is a given name too ("Bill Clinton")
        head = w in HEADS and (k == len(toks) - 1 or w not in doc.gaz.name_words)
        if (head and not korean_or_chinese) or w in MONTHS or title:
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
    last_is_head = head_label_of(last_word) is not None or last_word in MASCOTS
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
            # companies are listed, not joined: "Quanta Computer and Wistron Corp"; "and the"
            # starts a new name: "Guinea and the World Health Organization"
            cut = (
                not joined
                or last_word in CORPORATE_SUFFIXES
                or (gap == "and the" and not head_first)
            )
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


def head_label_of(word: str) -> str | None:
    """The label a head word gives; plural organisation heads count ("Magistrates’ Courts")."""
    label = HEADS.get(word)
    if label is None and word.endswith("s"):
        singular = word[:-3] + "y" if word.endswith("ies") else word[:-1]
        if HEADS.get(singular) == "ORG":
            return "ORG"  # "Magistrates’ Courts", "Red Crescent Societies"
    return label


def looks_chinese_name(words: list[str]) -> bool:
    """Shaped like a romanised Chinese or Korean name: "Chiu Wen-hsiang", "Lin Chia-lung"."""
    if len(words) == 2:
        surname, given = words
        if CHINESE_GIVEN_NAME.fullmatch(given) and surname[:1].isupper() and len(surname) <= 7:
            return True
        return surname in SURNAMES and given[:1].isupper() and given[1:].islower()
    if len(words) == 3:
        if words[0] in SURNAMES and all(_SYLLABLE.fullmatch(w) for w in words[1:]):
            return True  # "Park Geun Hye", "Moon Jae In": a Korean name written in three parts
        return words[1] in SURNAMES and bool(CHINESE_GIVEN_NAME.fullmatch(words[2]))
    return False
