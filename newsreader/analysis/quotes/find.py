"""Direct quotations and who said them.

Three passes over an article, each linear in its length:

1. ``marks`` pairs the double marks into regions (multi-paragraph and hard-wrapped quotes
   joined, nested quotations kept inside) and masks them, so every later cue is searched in the
   reporter's words only; in a transcript, ``transcripts`` cuts the regions at speaker labels
   and adds the labelled lines printed without marks.
2. ``speech_events`` resolves the subject of every speech verb outside quotes, in reading order,
   through ``speaker_phrases`` and ``speakers.Discourse`` ("Chiu" -> "Chiu Wen-hsiang", "they" ->
   "security officials").
3. Here each region is attributed from its label, else from the words after it ("…,” Chiu
   said", "…,” said Chiu"), else from its own sentence before it ("Chiu said: “…”", "said that …
   “this much”"), else from a paragraph that ends in a colon ("He told the crowd:"), else by
   continuing the previous quotation; and it is kept unless it is a scare quote or a title: one
   to four words that no speech verb introduces, or a term ("so-called", "known as", a
   possessive or a number before it, a noun after it when no speech verb governs the sentence:
   Beijing’s “united front” efforts).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsreader.analysis.quotes.lexicon import (
    NAMING_VERBS,
    POST_VERBS,
    STANCE_VERBS,
    TITLE_WORDS,
    wordset,
)
from newsreader.analysis.quotes.marks import FILLER, Region, find_regions, masked
from newsreader.analysis.quotes.speaker_phrases import resolve_speaker
from newsreader.analysis.quotes.speaker_words import NO_SPEAKER, TOKEN_RE, Speaker
from newsreader.analysis.quotes.speakers import Discourse
from newsreader.analysis.quotes.speech_events import (
    MAX_NP_WORDS,
    MAX_PRE,
    NOT_IN_NP,
    OPEN_MARKS,
    SpeechEvents,
    is_phrasal_speech_verb,
    sentence_starts,
)
from newsreader.analysis.quotes.transcripts import (
    Label,
    is_transcript,
    speaker_name,
    split_labelled,
    unquoted_lines,
)
from newsreader.model import Entity, Quote, Span

__all__ = ["find_quotes"]

_MAX_POST = 250
_MAX_APPOSITIVE_WORDS = 40
_MAX_TRAILING_ATTRIBUTION = 8
_AUXILIARIES = wordset("will would can could may might should must has have had did does do")
#: ", who has guided tours there for 20 years,": skipped when looking for the main verb.
_RELATIVE_CLAUSE = re.compile(r",\s*(?:who|which|whose)\b[^,:]{0,200},")
#: The main verb of a sentence that ends in a colon before a quotation ("was candid", "warned").
_LEAD_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|seemed|remained|appeared|sounded|looked|became|grew"
    r"|felt|got|put|gave|struck|took|offered|kept|summed)\b"
    r"|\b(?!(?:sur)?named\b|based\b|aged\b|dubbed\b)[a-z]{2,}ed\b"
)
_NP_CAN_NOT_START = wordset(
    "and but or which that as while when in on at to for with because so if then who after before"
)
_FUNCTION_WORDS = wordset(
    "a an the no not this that these those it its we they i you he she our their my your his her "
    "is are was were be been will would can could should must may might do does did have has had "
    "very too so to of for with in on at by from as and or but if than all any some more most much "
    "many never always only just what who how why there here me us them him yes"
)
# Words that may follow a quoted phrase without making it a modifier of a noun.
_AFTER_PHRASE_OK = wordset(
    "to toward towards on for who which that and or but was were is are in of at with as by from "
    "about against after before between during into over under since than because despite amid "
    "around among through within without would will could should can may might had has have "
    "given if when while where whom whose said says told so then"
)
_NUMBER_WORDS = wordset(
    "one two three four five six seven eight nine ten eleven twelve hundred thousand"
)
_NAME_CUE_RE = re.compile(
    r"(?:\bso-called|\bso called|\bknown\s+as|\bdubbed|\btitled|\bentitled|\bnicknamed|\btermed|"
    r"\bbilled\s+as|\bbranded|\blabell?ed|\bsuch\s+as|\bthe\s+(?:term|phrase|word|words|slogan|"
    r"motto|hashtag|label|name|banner|concept|notion|principle|policy|idea|title)(?:\s+of)?)"
    r"\s*[,:]?\s*$",
    re.IGNORECASE,
)
#: "what the agency called an “unprecedented downpour”": the words are the agency's, quoted.
_WHAT_X_CALLS_RE = re.compile(
    r"\bwhat\s+(?:\S+\s+){1,4}(?:calls?|called|terms?|termed|describes?\s+as|described\s+as|"
    r"refers?\s+to\s+as|referred\s+to\s+as)(?:\s+(?:an?|the|its|his|her|their))?\s*$"
)
_NAMING_VERB_BEFORE_RE = re.compile(r"\b(?:" + "|".join(sorted(NAMING_VERBS)) + r")\s*$")
_TITLE_SMALL = wordset("a an the of and or for in on at to by with from over under vs")
_STRIP = "‘’'\",.:;!?()"


def find_quotes(paragraphs: Sequence[str], entities: Sequence[Entity] = ()) -> list[Quote]:
    """Every direct quotation in an article's paragraphs, with its speaker.

    ``entities`` (PERSON/ORG mentions from the entity recogniser) help name speakers but are not
    needed. Any text is accepted: unbalanced or stray marks never raise.
    """
    paras = [p if isinstance(p, str) else str(p) for p in paragraphs]
    regions = find_regions(paras)
    labels: dict[Region, Label] = {}
    if is_transcript(paras):
        regions, labels = _transcript_regions(paras, regions)
    ranges: list[list[tuple[int, int]]] = [[] for _ in paras]
    for region in regions:
        for s in region.raw:
            ranges[s.paragraph].append((s.start, s.end))
    masks = [masked(text, rs) for text, rs in zip(paras, ranges, strict=True)]
    starts = [sentence_starts(m) for m in masks]
    disc = Discourse(paras, masks, starts, entities)
    events = SpeechEvents(paras, masks, starts, disc)
    return _Attribution(paras, masks, disc, events, labels).run(regions)


def _transcript_regions(
    paras: list[str], regions: list[Region]
) -> tuple[list[Region], dict[Region, Label]]:
    """Quoted regions cut at speaker labels, plus the labelled lines that have no marks."""
    out: list[Region] = []
    labels: dict[Region, Label] = {}
    for region in regions:
        for sub, label in split_labelled(region, paras):
            out.append(sub)
            if label is not None:
                labels[sub] = label
    quoted = {s.paragraph for region in regions for s in region.raw}
    for region, label in unquoted_lines(paras, quoted):
        out.append(region)
        labels[region] = label
    out.sort(key=lambda r: (r.pieces[0].paragraph, r.pieces[0].start))
    return out, labels


class _Attribution:
    def __init__(
        self,
        paras: list[str],
        masks: list[str],
        disc: Discourse,
        events: SpeechEvents,
        labels: dict[Region, Label],
    ) -> None:
        self.paras = paras
        self.masks = masks
        self.disc = disc
        self.events = events
        self.labels = labels

    def run(self, regions: Sequence[Region]) -> list[Quote]:
        quotes: list[Quote] = []
        prev: Speaker | None = None
        prev_para = -10
        for region in regions:
            text = region.text(self.paras)
            if not any(ch.isalnum() for ch in text):
                continue
            first_para = region.pieces[0].paragraph
            label = self.labels.get(region)
            if label is not None:
                speaker = self.labelled(label, first_para)
                quotes.append(Quote(text, speaker.name, speaker.mention, region.pieces, speaker.at))
                prev, prev_para = speaker, region.pieces[-1].paragraph
                continue
            post = self.after(region)
            direct = post or self.before(region) or self.colon_lead(region)
            direct = direct or self.paragraph_lead(region)
            if not self.is_speech(region, text.split(), direct is not None, post is not None):
                continue
            if direct is not None:
                speaker = direct
            elif (subject := self.sentence_subject(region)) is not None:
                speaker = subject  # "Gorka also made the point that … “…”": no speech verb
            elif prev is not None and prev_para == first_para:
                speaker = prev  # "“A,” Chiu said. “B.”": same speaker, same mention
            elif prev is not None and prev_para == first_para - 1:
                # A quotation continued in the next paragraph: same speaker, no mention of its own.
                speaker = Speaker(prev.name, None, prev.kind)
            else:
                near = self.events.nearest_before(region.open_at, first_para - 1)
                speaker = Speaker(near.name, None, near.kind) if near is not None else NO_SPEAKER
            quotes.append(Quote(text, speaker.name, speaker.mention, region.pieces, speaker.at))
            prev = speaker
            prev_para = region.pieces[-1].paragraph
        return quotes

    # ----------------------------------------------------------------- attribution
    def labelled(self, label: Label, p: int) -> Speaker:
        """ "MS. QUIST: …": the label names the speaker; "A:" is the article's main person."""
        at = Span(p, label.start, label.start + len(label.words))
        if label.words == "A":
            return Speaker(self.disc.main_person(), label.words, "person", at=at)
        name = speaker_name(label, [n for n in self.disc.people if " " in n])
        return Speaker(name, label.words, "person" if name else "none", at=at)

    def sentence_subject(self, region: Region) -> Speaker | None:
        """The named person leading the quotation's own sentence when no speech verb does."""
        p, o = region.open_at
        s = self.events.sentence_start(p, o)
        lead = self.masks[p][s:o].strip()
        if not lead or (lead.endswith(":") and lead.isupper()):
            return None  # a rubric ("UPDATE: “…”") is nobody
        speaker = self.events.leading_subject(p, s, o)
        return (
            speaker if speaker is not None and speaker.kind in ("person", "org", "anon") else None
        )

    def paragraph_lead(self, region: Region) -> Speaker | None:
        """A quotation that opens its paragraph after one that ends in a colon ("He told the
        crowd:"): the speaker that sentence names, or the subject of its main verb."""
        p, o = region.open_at
        if p == 0 or self.masks[p][:o].strip():
            return None
        lead = self.masks[p - 1].rstrip()
        if not lead.endswith(":"):
            return None
        end = len(lead) - 1
        s = self.events.sentence_start(p - 1, end)
        said = self.events.last_between(p - 1, s, end + 1)
        if said is not None:
            return said
        clause = _RELATIVE_CLAUSE.sub(lambda m: " " * len(m.group()), lead[s:end])
        # "When Wallis died, Governor Lee released the following statement:": the first verb
        # with a subject that names someone.
        for verb in _LEAD_VERB.finditer(clause):
            if verb.start() == 0:
                continue
            speaker = self.events.subject_before(p - 1, s, s + verb.start())
            if speaker is not None and speaker.kind in ("person", "org", "anon"):
                return speaker
        return None

    def after(self, region: Region) -> Speaker | None:
        """ "…,” Chiu said" / "…,” said Chiu" / "…,” according to …": the words after the quote."""
        if region.close_at is None:
            return None
        p, c = region.close_at
        text = self.masks[p]
        stop = self.events.sentence_end(p, c + 1)
        if (
            c > 0
            and self.paras[p][c - 1] in "?!."
            and not text[c + 1 : stop].strip()
            and self.before(region) is None
        ):
            # "“Why now?” Bell asked.": the question ends the quote, not the reporter's sentence
            # (unless the sentence already named its speaker: "Bell asked, “Why?” Dale said …").
            # After a full stop only a short "Name said." counts: a long sentence is news.
            following = self.events.sentence_end(p, stop)
            short = len(text[stop:following].split()) <= _MAX_TRAILING_ATTRIBUTION
            if self.paras[p][c - 1] != "." or short:
                stop = following
        end = min(len(text), c + 1 + _MAX_POST, stop)
        window = text[c + 1 : end]
        for k, ch in enumerate(window):
            if ch in OPEN_MARKS or ch == FILLER:
                window = window[:k]
                break
        count = 0
        # "…,” David Roe, leader of the dig and an archaeologist, said": after a name and a
        # comma, an appositive may hold any words until ", said".
        appositive = False
        for m in TOKEN_RE.finditer(window):
            low = m.group().lower()
            after_comma = window[: m.start()].rstrip().endswith(",")
            appositive = appositive or (
                count > 0 and after_comma and (not m.group()[:1].isupper() or low in ("a", "an"))
            )
            phrasal = is_phrasal_speech_verb(window, m.end(), low)
            if low in POST_VERBS or phrasal or (low == "according" and count == 0):
                if appositive and not after_comma:
                    count += 1
                    continue
                ev = self.events.at(p, c + 1 + m.start())
                return ev.speaker if ev is not None and ev.speaker.kind != "none" else None
            if low in _AUXILIARIES and count > 0:
                continue  # "…,” he will say", "…,” she has said"
            # an acronym is a name, even when it spells "WHO" or "IT"
            acronym = m.group().isupper() and len(m.group()) > 1
            if not acronym and count == 0 and low in _NP_CAN_NOT_START:
                return None
            if (
                not appositive
                and not acronym
                and low in NOT_IN_NP
                and not (low in ("and", "or") and window[m.end() + 1 : m.end() + 2].isupper())
            ):
                return None
            count += 1
            if count > (_MAX_APPOSITIVE_WORDS if appositive else MAX_NP_WORDS):
                return None
        stripped = text.rstrip()
        last_word = stripped.rsplit(" ", 1)[-1].rstrip(".").lower()
        mid_sentence = stripped[-1:].isalnum() or (
            stripped.endswith(".") and last_word in TITLE_WORDS  # "… Bank of Korea Gov."
        )
        if end == len(text) and p + 1 < len(self.masks) and mid_sentence and count > 0:
            # A hard-wrapped line: "…," Bank of Korea Gov. / Lee Seong-tae said at …
            wrapped = self._verb_on_next_line(p + 1, MAX_NP_WORDS - count)
            if wrapped is not None:
                return wrapped
        # An excerpt cut right after its attribution: "…,” KMT Legislator Hsu Chih-hao" (verb lost).
        last = p == len(self.masks) - 1 and end == len(text)
        if last and 0 < count <= 10 and text[-40:].rstrip()[-1:] not in '.!?”"’)':
            words = list(TOKEN_RE.finditer(window))
            if words and window[: words[0].start()].strip(" ,—–-") == "":
                return resolve_speaker(
                    self.disc, p, c + 1 + words[0].start(), c + 1 + words[-1].end()
                )
        return None

    def _verb_on_next_line(self, p: int, words_left: int) -> Speaker | None:
        text = self.masks[p]
        for k, m in enumerate(TOKEN_RE.finditer(text[: self.events.sentence_end(p, 0)])):
            low = m.group().lower()
            if low in POST_VERBS:
                ev = self.events.at(p, m.start())
                return ev.speaker if ev is not None and ev.speaker.kind != "none" else None
            if k >= words_left or (low in NOT_IN_NP and not m.group().isupper()):
                return None
        return None

    def before(self, region: Region) -> Speaker | None:
        """ "Chiu said: “…”" / "said that … “this much”": a speech verb earlier in the sentence."""
        p, o = region.open_at
        s = max(self.events.sentence_start(p, o), o - MAX_PRE)
        return self.events.last_between(p, s, o)

    def colon_lead(self, region: Region) -> Speaker | None:
        """ "Marchand was candid about the delays: “…”": the subject of the sentence the colon ends.

        Only a named person or organisation is taken: a colon after "The sign read" or "The
        figures are stark" introduces no speaker, and the nearest earlier one is a better guess.
        """
        p, o = region.open_at
        text = self.masks[p]
        colon = text.rfind(":", max(0, o - 4), o)
        if colon < 0 or text[colon + 1 : o].strip():
            return None
        s = self.events.sentence_start(p, o)
        lead = _RELATIVE_CLAUSE.sub(lambda m: " " * len(m.group()), text[s:colon])
        verb = _LEAD_VERB.search(lead)
        if verb is None or verb.start() == 0:
            return self._name_label(p, s, colon)
        speaker = self.events.subject_before(p, s, s + verb.start())
        if speaker is None or speaker.kind not in ("person", "org"):
            return None
        return speaker

    def _name_label(self, p: int, s: int, colon: int) -> Speaker | None:
        """ "Pollsters agree - Ann Lee: “…”": a bare name before the colon is the speaker."""
        text = self.masks[p]
        start = s
        for d in (" - ", "—", "–"):
            at = text.rfind(d, s, colon)
            if at >= 0:
                start = max(start, at + len(d))
        words = text[start:colon].split()
        if not 1 <= len(words) <= 6 or not all(
            w[:1].isupper() or w in ("and", "of", "&") for w in words
        ):
            return None
        if all(w.isupper() for w in words if w[:1].isalpha()):
            return None  # a rubric in capitals ("UPDATE:"), not a name
        a = start + len(text[start:colon]) - len(text[start:colon].lstrip())
        speaker = resolve_speaker(self.disc, p, a, colon)
        return speaker if speaker.kind in ("person", "org") else None

    # ----------------------------------------------------------------- scare quotes and titles
    def is_speech(self, region: Region, words: list[str], attributed: bool, post: bool) -> bool:
        p, o = region.open_at
        before = self.masks[p][max(0, o - 60) : o]
        n = len(words)
        if _NAME_CUE_RE.search(before) and n <= 25:
            return False
        if _WHAT_X_CALLS_RE.search(before) and n <= 25:
            # "… what she calls “real solutions.”": her words, closing the sentence; "what it
            # calls “patrols” in the area" goes on and names a thing.
            return attributed and self._ends_sentence(region)
        exclaimed = words[-1][-1:] in "!?"  # "“USA! USA!”" is chanted, not a title
        if n <= 10 and _title_case(words) and not exclaimed and (n >= 2 or not attributed):
            return False
        if n > 4:
            return True
        if not attributed:
            return self._own_sentence(region)
        if not _term_like(words) or (post and self._ends_in_punctuation(region)):
            return True  # "“Safety comes first,” the statement said" is said, not named
        if self._stance_only(region):
            return False  # "dismissed Beijing’s proposal for “integrated development”"
        if _NAMING_VERB_BEFORE_RE.search(before) or before.rstrip().endswith(("’s", "'s")):
            return False
        if any(
            w.strip(_STRIP).lower() in _NUMBER_WORDS or any(ch.isdigit() for ch in w) for w in words
        ):
            return False
        # "He said the house was the “showy” kind": a speech verb governs the phrase; without
        # one, a phrase before a noun names it ("a “united front” campaign").
        return self._said_before(region) or not self._modifier_after(region)

    def _ends_sentence(self, region: Region) -> bool:
        if region.close_at is None:
            return False
        p, c = region.close_at
        after = self.paras[p][c + 1 : c + 3].lstrip()
        return (c > 0 and self.paras[p][c - 1] in ".!?") or after[:1] in (".", "!", "?", "")

    def _said_before(self, region: Region) -> bool:
        p, o = region.open_at
        event = self.events.last_event_between(p, self.events.sentence_start(p, o), o)
        return event is not None and event.verb in POST_VERBS

    def _stance_only(self, region: Region) -> bool:
        """Attributed by a stance verb alone ("dismissed", "blamed"), whose object a short
        phrase usually names, unless "as" hands the words to the subject ("… as “absurd”")."""
        p, o = region.open_at
        event = self.events.last_event_between(p, self.events.sentence_start(p, o), o)
        if event is None or event.verb not in STANCE_VERBS:
            return False
        return not re.search(r"\b(?:as|that)\s*$", self.masks[p][max(0, o - 12) : o])

    def _ends_in_punctuation(self, region: Region) -> bool:
        if region.close_at is None:
            return False
        p, c = region.close_at
        return c > 0 and self.paras[p][c - 1] in ",.!?"

    def _own_sentence(self, region: Region) -> bool:
        """A short quotation that is a sentence of its own ("“Inflation is under control.”")."""
        p, o = region.open_at
        first = region.pieces[0]
        last = region.pieces[-1]
        text = self.paras[first.paragraph]
        if not text[first.start : first.start + 1].isupper():
            return False
        if region.close_at is None:
            # An excerpt cut inside a quotation that opens its paragraph ("“We can expect").
            return last.paragraph == len(self.paras) - 1 and not self.masks[p][:o].strip()
        closing = self.paras[last.paragraph][last.end : region.close_at[1]]
        starts_sentence = self.masks[p][self.events.sentence_start(p, o) : o].strip() == ""
        return starts_sentence and closing.strip()[:1] in (".", "!", "?")

    def _modifier_after(self, region: Region) -> bool:
        if region.close_at is None:
            return False
        p, c = region.close_at
        if c > 0 and self.paras[p][c - 1] in ",.!?;:":
            return False  # "“blur national identities,” a source said": the phrase has ended
        m = re.match(r" ([a-z][a-z-]*)\b", self.masks[p][c + 1 : c + 40])
        return (
            m is not None
            and m.group(1) not in _AFTER_PHRASE_OK
            and m.group(1) not in _FUNCTION_WORDS
        )


def _title_case(words: list[str]) -> bool:
    core = [w.strip(_STRIP) for w in words]
    core = [w for w in core if w]
    if not core:
        return False
    for i, w in enumerate(core):
        if i > 0 and w.lower() in _TITLE_SMALL:
            continue
        if not w[:1].isupper() and not w[:1].isdigit():
            return False
    return True


def _term_like(words: list[str]) -> bool:
    """Could name a thing: no function word, adverb or contracted verb ("can’t", "we’ll")."""
    for w in words:
        core = w.strip(_STRIP).lower().replace("’", "'")
        if core in _FUNCTION_WORDS or (core.endswith("ly") and len(core) > 4):
            return False
        if core.endswith(("n't", "'ll", "'re", "'ve", "'d", "'m")):
            return False
    return True
