"""Cue entities: what the text itself says a name is, read by small rules of the merge.

Romanised names with Chinese characters after them, acronyms defined once and reused, storms,
numbered routes, "Minister of ... Name" titles, "Kenya’s Faith Chebet" and the caption lines
(:mod:`~newsreader.analysis.merge.captions`) are conventions of this kind of paper that neither
recogniser reads as well on its own. The cues outrank spaCy in the selection and tell which
built-in entities to trust.

Every regex here is linear-time: inputs may be one 20 MB line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from newsreader.analysis.merge.captions import caption_entities
from newsreader.analysis.merge.conventions import (
    CJK_PAREN,
    HEAD_LABEL,
    TOKEN,
    is_gazetteer_place,
    is_title,
    looks_like_person,
    trimmed_entity,
)
from newsreader.analysis.merge.selection import RANK_CERTAIN, RANK_CUE, RANK_FILL, RankedSpan
from newsreader.model import NAME_LABELS, Entity

#: A cue entity with this label only blocks its span (the portfolio in "Minister of Digital
#: Affairs Kao Shu-fen", which the gold leaves out as part of a title) and is never returned.
BLOCK_LABEL = "BLOCK_LABEL"
_ALIAS_PAREN = re.compile(r" ?\(([A-Z][A-Za-z0-9&]{1,11})\)")
_WORD = re.compile(r"[A-Z][\w’'.&-]*|of|and|for|the|on|de|du|van|von")
_HYPHENATED_NAME = re.compile(r"[A-Z][a-z]+-[a-z]+")
_ROUTE = re.compile(
    r"\b((?:[A-Z][a-z]+ ){0,3}(?:Highway|Route|Freeway|Expressway|Line|Road)) \d{1,4}[A-Z]?\b"
)
_SENTENCE_WORDS = frozenset({"On", "In", "At", "The", "Along", "Near", "From", "To", "Via", "A"})
_TITLE_OF = re.compile(r"\b(?:Minister|Secretary|Commissioner|Director(?:-General)?) of (?=[A-Z])")
_STORM = re.compile(r"\b(?:Typhoon|Hurricane|Cyclone|Tropical Storm|Super Typhoon) [A-Z][a-z]+\b")
_POSSESSIVE_PLACE = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)[’']s\b")
_POSSESSOR_NAME = re.compile(
    r"([A-Z][a-z]+)[’']s ([A-Z][a-z]+(?:-[a-z]+)? [A-Z][a-z]+(?:-[a-z]+)?)\b"
)
# The last characters of a Chinese name say what kind of thing it is (used only when the
# romanised side does not look like a personal name: given names use these characters too).
_CJK_SUFFIX_LABEL = (
    ("國家公園", "LOC"),
    ("公園", "FAC"),
    ("機場", "FAC"),
    ("公司", "ORG"),
    ("開發", "ORG"),
    ("銀行", "ORG"),
    ("協會", "ORG"),
    ("大學", "ORG"),
    ("醫院", "ORG"),
    *((ch, "LAW") for ch in "法"),
    *((ch, "ORG") for ch in "社會黨署局部"),
    *((ch, "FAC") for ch in "站場橋港寺宮廟路"),
    *((ch, "LOC") for ch in "山溪河江湖島鼻灣海"),
    *((ch, "GPE") for ch in "縣市區鄉鎮村里"),
)


def cue_entities(
    paragraphs: Sequence[str], spacy_ents: Sequence[Entity], builtin_ents: Sequence[Entity]
) -> Iterator[RankedSpan]:
    """Every cue entity of the article, ranked; the recognisers' name spans help fix extents."""
    ending_at: dict[tuple[int, int], Entity] = {}
    for e in (*builtin_ents, *spacy_ents):
        if e.label in NAME_LABELS:
            ending_at.setdefault((e.paragraph, e.end), e)
    yield from _chinese_names(paragraphs, ending_at)
    yield from (RankedSpan(e, RANK_CUE) for e in _other_cues(paragraphs, ending_at))


def _other_cues(
    paragraphs: Sequence[str], ending_at: dict[tuple[int, int], Entity]
) -> Iterator[Entity]:
    yield from _acronyms(paragraphs, ending_at)
    for index, para in enumerate(paragraphs):
        yield from caption_entities(index, para)
        yield from _titled_portfolios(index, para)
        for m in _STORM.finditer(para):
            yield Entity(m.group(), "EVENT", index, m.start(), m.end())
        for m in _ROUTE.finditer(para):
            start = m.start()
            while para[start : para.find(" ", start)] in _SENTENCE_WORDS:
                start = para.find(" ", start) + 1
            yield Entity(para[start : m.end()], "FAC", index, start, m.end())


def _chinese_names(
    paragraphs: Sequence[str], ending_at: dict[tuple[int, int], Entity]
) -> Iterator[RankedSpan]:
    """``Chiu Wen-hsiang (邱文祥)``, ``Jhubei (竹北)``: the name before the characters.

    A lone character ("Lin (林)", a surname) or a telling last word ("... County") makes the
    label certain, above the built-in's; otherwise the built-in's reading of the cue wins.
    """
    for index, para in enumerate(paragraphs):
        for m in CJK_PAREN.finditer(para):
            end = m.start()
            run = _capitalised_run(para, end)
            if not run:
                continue
            hanzi = m.group(1)
            label = _cjk_label(hanzi, [para[a:b] for a, b in run])
            if label == "PERSON":
                keep = 1 if len(hanzi) == 1 else min(2, len(run))
                tokens = [para[a:b] for a, b in run[-keep:]]
                if not looks_like_person(tokens) or is_title(tokens[0]):
                    continue
                start = run[-keep][0]
            else:
                known = ending_at.get((index, end))
                start = known.start if known is not None and known.start >= run[0][0] else run[0][0]
            entity = trimmed_entity(para, index, start, end, label)
            if entity is not None:
                certain = len(hanzi) == 1 or (
                    len(run) > 1 and para[run[-1][0] : end].lower() in HEAD_LABEL
                )
                yield RankedSpan(entity, RANK_CERTAIN if certain else RANK_CUE)


def _cjk_label(hanzi: str, latin: list[str]) -> str:
    last = latin[-1].lower().rstrip(".")
    if len(latin) > 1 and last in HEAD_LABEL:
        return HEAD_LABEL[last]
    if len(hanzi) == 1:
        return "PERSON"  # a surname on its own: "Lin (林)"
    if len(latin) >= 2 and "-" in latin[-1] and latin[-1][0].isupper():
        return "PERSON"  # surname + hyphenated given name: "Kuo Tung-hai (郭東海)"
    for suffix, label in _CJK_SUFFIX_LABEL:
        if hanzi.endswith(suffix) and len(hanzi) > len(suffix):
            return label
    if len(latin) == 1:
        return "GPE"  # one romanised word for two or more characters: a place, "Jhubei (竹北)"
    return "PERSON"


def _capitalised_run(para: str, end: int) -> list[tuple[int, int]]:
    """Capitalised words (with inner of/and/for) ending at ``end``; stops at ’s and -based."""
    tokens: list[tuple[int, int]] = []
    pos = end
    while len(tokens) < 8:
        a = pos
        while a > max(0, pos - 40) and not para[a - 1].isspace():
            a -= 1
        word = para[a:pos]
        if a > 0 and not para[a - 1].isspace():
            break  # a "word" longer than any name: not a name
        if not word or not _WORD.fullmatch(word) or word.endswith(("’s", "'s", "-based", ",")):
            break
        tokens.append((a, pos))
        if a == 0 or para[a - 1] != " ":
            break
        pos = a - 1
    tokens.reverse()
    while tokens and not para[tokens[0][0]].isupper():
        tokens.pop(0)
    if tokens and para[tokens[0][0] : tokens[0][1]] in {"The", "A", "An"}:
        tokens.pop(0)
    return tokens


def _acronyms(
    paragraphs: Sequence[str], ending_at: dict[tuple[int, int], Entity]
) -> Iterator[Entity]:
    """``Central Weather Administration (CWA)``: both names, and every other ``CWA``."""
    aliases: dict[str, str] = {}
    for index, para in enumerate(paragraphs):
        for m in _ALIAS_PAREN.finditer(para):
            alias, end = m.group(1), m.start()
            known = ending_at.get((index, end))
            if known is not None and _abbreviates(alias, known.text):
                start = known.start
                label = known.label if known.label in NAME_LABELS - {"PERSON"} else "ORG"
            else:
                run = _capitalised_run(para, end)
                found = _expansion_start(para, run, alias)
                if found is None:
                    continue
                start = found
                label = HEAD_LABEL.get(para[run[-1][0] : end].lower().rstrip("."), "ORG")
            entity = trimmed_entity(para, index, start, end, label)
            if entity is None:
                continue
            yield entity
            aliases.setdefault(alias, label)
    if not aliases:
        return
    names = "|".join(map(re.escape, sorted(aliases, key=len, reverse=True)))
    pattern = re.compile(rf"(?<![A-Za-z0-9])({names})(?![A-Za-z0-9])")
    for index, para in enumerate(paragraphs):
        for m in pattern.finditer(para):
            yield Entity(m.group(1), aliases[m.group(1)], index, m.start(1), m.end(1))


def _abbreviates(alias: str, name: str) -> bool:
    """True when ``alias`` reads as a short form of ``name`` (its letters in order, same first)."""
    name = name.lower()
    low = alias.lower()
    if not name or low[0] != name[0] or low == name:
        return False
    pos = 0
    for ch in low:
        pos = name.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def _expansion_start(para: str, run: list[tuple[int, int]], alias: str) -> int | None:
    if not run:
        return None
    end = run[-1][1]
    for a, _ in run:
        if para[a].isupper() and _abbreviates(alias, para[a:end]):
            capitals = [w for w in para[a:end].split() if w[:1].isupper()]
            if alias.isupper() and len(capitals) > len(alias):
                continue
            return a
    return None


def _titled_portfolios(index: int, para: str) -> Iterator[Entity]:
    """``Minister of Economy, Trade and Industry Ryota Shimizu``: a title, then the PERSON."""
    for m in _TITLE_OF.finditer(para):
        tokens: list[tuple[int, int]] = []
        for t in TOKEN.finditer(para, m.end(), min(len(para), m.end() + 160)):
            word = t.group().rstrip(",")
            plain = word.isalpha() and (word[:1].isupper() or word in {"and", "of", "for", "the"})
            if not plain and not _HYPHENATED_NAME.fullmatch(word):
                break
            tokens.append((t.start(), t.start() + len(word)))
            if t.group().endswith(",") and len(tokens) >= 3:
                break
        if len(tokens) < 3:
            continue
        name = tokens[-2:]
        words = [para[a:b] for a, b in name]
        if not looks_like_person(words) or para[tokens[-3][1] : name[0][0]] != " ":
            continue
        yield Entity(para[m.end() : tokens[-3][1]], BLOCK_LABEL, index, m.end(), tokens[-3][1])
        yield Entity(para[name[0][0] : name[1][1]], "PERSON", index, name[0][0], name[1][1])


def possessor_names(
    paragraphs: Sequence[str], spacy_ents: Sequence[Entity]
) -> Iterator[RankedSpan]:
    """``Kenya’s Faith Chebet``: a place's possessive before two capitalised words names someone.

    Such a name only fills a gap, unless the model saw part of it as a person ("Kiptoo" of
    "Josphat Kiptoo"), when it replaces that part. The possessor itself (``Taichung’s Wuri
    District``) fills a gap as a GPE when the gazetteer knows it.
    """
    people = {(e.paragraph, e.end) for e in spacy_ents if e.label == "PERSON"}
    for index, para in enumerate(paragraphs):
        for m in _POSSESSIVE_PLACE.finditer(para):
            if is_gazetteer_place(m.group(1)):
                yield RankedSpan(Entity(m.group(1), "GPE", index, m.start(1), m.end(1)), RANK_FILL)
        for m in _POSSESSOR_NAME.finditer(para):
            words = m.group(2).split()
            if not is_gazetteer_place(m.group(1)) or not looks_like_person(words):
                continue
            if any(is_title(w) for w in words):
                continue
            rank = RANK_CUE if (index, m.end(2)) in people else RANK_FILL
            yield RankedSpan(Entity(m.group(2), "PERSON", index, m.start(2), m.end(2)), rank)
