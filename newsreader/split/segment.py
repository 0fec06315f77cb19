"""Cut a plain-text file of concatenated news articles into articles.

The input has no separators we can trust: blank lines may part paragraphs, articles, both or
neither. Hard-wrapped lines are first rejoined into paragraphs (``split.reflow``). Then every gap
between two paragraphs is judged on evidence, strongest first:

0. The blank-line layout, when it is two-tier: one blank line between paragraphs and more
   between articles settles every gap. (When every gap has one blank line it says nothing.)
1. Layout cues that settle a gap outright. A headline, byline or dateline opens a story; an
   excerpt that stops mid-sentence or an end credit closes one. A headline or byline binds to
   what follows it, a paragraph that continues an open quotation or starts in lower case binds to
   what precedes it, and a bare photo credit belongs to the story around it. Captions and
   credits above a dateline open the dateline's story.
2. Everything else is weighed: lexical cohesion with the current story (see
   ``split.cohesion``), plus words that point back ("he said", "the agency", a surname named
   earlier) against signs of a fresh lead (a newly defined acronym, a joined-up excerpt).
   A short headline-shaped line after a paragraph (a subhead or a new story's headline) and
   a short line without a final stop (a label or a cut-off excerpt) are weighed too.
3. A last look over whole candidate articles (``split.wholes``) rejoins a story that an aside
   pointing back ("In a speech on Monday, he said ...") had cut in two, and cuts one whose
   halves share next to nothing where the second half opens like a lead.

A single left-to-right pass with a small window keeps the cost linear in the input.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsreader.model import Article
from newsreader.split.cohesion import NAME_BOOST, History, Vocabulary, hits, smoothed, vectors
from newsreader.split.cues import Kind, Para, classify, starts_lower
from newsreader.split.leads import LeadCues, lead_cues
from newsreader.split.reflow import Line, reflow
from newsreader.split.titles import derive_title
from newsreader.split.wholes import revise

__all__ = ["article_id", "split_window"]

#: Windows, in paragraphs: the story's last few, its last two, and as far back as names are
#: looked up (a lead's names recur at the end of the story); then how many paragraphs after a
#: gap are compared with them, the nearest weighing most.
LEFT_WINDOW = 6
NEAR_WINDOW = 2
FAR_WINDOW = 20
RIGHT_WINDOW = 3
DECAY = 0.6
#: Cohesion shares are shrunk toward PRIOR by STRENGTH idf-weighted units (see ``smoothed``).
PRIOR = 0.15
STRENGTH = 8.0
#: Decoding rounds; each re-measures cohesion against the stories the previous round cut.
PASSES = 3
#: Headline-shaped lines of at most this many words may be subheads ("Projected win").
SUBHEAD_WORDS = 3
#: A line that stops mid-sentence and is no longer than this may be a label, not an excerpt.
LABEL_CHARS = 100
#: A lone paragraph this short right above a dateline is taken for its caption.
CAPTION_CHARS = 350
#: Penalty for closing a story with 0, 1 or 2 body paragraphs (an excerpt is exempt).
SHORT_PENALTY = (6.0, 3.0, 1.0)

#: Log-odds weights of the soft evidence for "a new story starts here". Fitted by logistic
#: regression on gaps from the dev corpora (and reshuffled versions of them), then rounded; the
#: cohesion terms enter as log(share + 0.02). "headline" (a short headline-shaped line) and
#: "after_cut" (after a short line with no final stop) were set by hand afterwards: a lean
#: toward a boundary that cohesion can still overrule.
WEIGHTS: dict[str, float] = {
    "bias": -7.1,
    "lcoh": -1.49,
    "lcoh1": -0.04,
    "lcohn": -1.19,
    "lcohf": 0.06,
    "lcohfwd": 1.57,
    "depth": 1.54,
    "dated": 2.91,
    "acronym_new": 1.02,
    "redefined": 0.81,
    "caption": 0.45,
    "headline": 2.0,
    "after_cut": 2.5,
    "blank": 1.07,
    "excerpt": 8.0,
    "quote": -0.7,
    "pronoun": -0.1,
    "connective": -0.43,
    "anaphor": -0.35,
    "name_back": -0.66,
    "definite_back": -0.68,
    "definite": -0.46,
}


@dataclass(slots=True)
class _Gap:
    """Evidence about the gap before one paragraph (kept with ``keep_evidence`` for tuning)."""

    index: int
    verdict: str
    score: float = 0.0
    features: dict[str, float] = field(default_factory=dict)


def article_id(paragraphs: Sequence[str]) -> str:
    """A stable id from the article's normalised text (16 hex digits of BLAKE2b).

    Normalisation (NFC, collapsed whitespace, paragraphs joined by newlines) means re-wrapping or
    re-encoding the same file keeps bookmarks attached to the same articles.
    """
    norm = "\n".join(" ".join(unicodedata.normalize("NFC", p).split()) for p in paragraphs)
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest()


def split_window(text: str, source: str = "<stdin>") -> list[Article]:
    """Split one window of text judged as a whole (what ``iter_split`` does per window)."""
    paras = _paragraphs(text)
    if not paras:
        return []
    starts, _ = _Segmenter(paras).run()
    bounds = [*_captions_go_with_their_story(paras, starts), len(paras)]
    return [_article(paras[a:b], source) for a, b in itertools.pairwise(bounds)]


def _captions_go_with_their_story(paras: Sequence[Para], starts: list[int]) -> list[int]:
    """Move a start back over the captions and credits that belong to the story it opens.

    Web and wire copy put a story's photo caption (and its credit) above the dateline, so
    they open the story the dateline starts, not close the one before it. A bare credit stays
    with the story above it, unless that story had already closed (cut off mid-sentence, or
    ended by an end credit). The story before keeps at least one paragraph.
    """
    out = starts[:1]
    for s in starts[1:]:
        opener = paras[s].dateline or paras[s].kind is Kind.BYLINE
        movable = (Kind.CAPTION, Kind.CREDIT) if opener else (Kind.CREDIT,)
        j = s
        while j - 1 > out[-1] and paras[j - 1].kind in movable:
            j -= 1
        before = paras[j - 1]
        if before.kind is not Kind.TAIL and not before.truncated:
            while j < s and paras[j].kind is Kind.CREDIT:
                j += 1
        story = paras[out[-1] : j]
        if opener and (
            all(p.kind in movable for p in story)
            or (len(story) == 1 and len(story[0].text) <= CAPTION_CHARS and out[-1] > 0)
        ):
            # The story so far is only its captions, or one short paragraph (a caption with no
            # credit, a standfirst): the dateline below goes on with it.
            continue
        out.append(j)
    return out


def _paragraphs(text: str) -> list[Para]:
    lines: list[Line] = []
    blanks = 0
    for n, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            blanks += 1
            continue
        lines.append(Line(n, line, blanks if lines else 0))
        blanks = 0
    return [
        classify(i, b.first, b.text, b.blank_before, b.last) for i, b in enumerate(reflow(lines))
    ]


def _article(paras: Sequence[Para], source: str) -> Article:
    texts = tuple(p.text for p in paras)
    headline = paras[0].text if paras[0].kind is Kind.HEADLINE else None
    last = next((p for p in reversed(paras) if p.kind is not Kind.CREDIT), paras[-1])
    return Article(
        id=article_id(texts),
        source=source,
        start_line=paras[0].line,
        end_line=paras[-1].end_line,
        title=derive_title(texts, headline),
        headline=headline,
        truncated=last.truncated,
        paragraphs=texts,
    )


def _subhead_or_headline(prev: Para, nxt: Para, verdict: str | None) -> str | None:
    """The verdict before a headline-shaped line, from the paragraphs on either side of it.

    A dateline or byline under it makes it a headline; a paragraph under it that points back
    ("He said ...", "However, ...") makes it a subhead, since no story opens that way.
    """
    if verdict == "join" or prev.kind is not Kind.BODY or prev.truncated:
        return verdict
    if nxt.dateline or nxt.kind is Kind.BYLINE:
        return "start"
    if nxt.kind is Kind.BODY:
        cues = lead_cues(nxt)
        if cues.pronoun or cues.connective or cues.anaphor:
            return "join"
    return verdict


def _short(text: str, words: int) -> bool:
    return text.count(" ") < words


def _hard_verdict(prev: Para, cur: Para, prev_opened: bool, wrapped: bool = False) -> str | None:
    """ "start", "join" or None (weigh it) for the gap between ``prev`` and ``cur``.

    In hard-wrapped text (most lines short and stopping mid-sentence) a line that stops
    mid-sentence is just wrapped: it binds to the next line unless a blank line follows it.
    """
    if prev.kind in (Kind.HEADLINE, Kind.BYLINE):
        return "join"
    if prev.kind is Kind.CAPTION and prev_opened:
        return "join"
    lower = starts_lower(cur.text)
    if wrapped and (prev.truncated or cur.kind is Kind.HEADLINE) and not cur.blank_before:
        return "join"
    if prev.truncated:
        if lower:
            return "join"
        # A short line without a final stop may be an excerpt cut off or a label inside the
        # story ("Video: ...", "The BBC's correspondent reports"): the text after it decides.
        if wrapped or len(prev.text) <= LABEL_CHARS:
            return "start" if cur.kind in (Kind.HEADLINE, Kind.BYLINE) or cur.dateline else None
        return "start"
    if cur.kind is Kind.TAIL:
        return "join"  # sign-offs come in runs: "(By ...)" then "Enditem"
    if prev.kind is Kind.TAIL:
        return "start"
    if cur.kind is Kind.HEADLINE and prev.kind is Kind.BODY and _short(cur.text, SUBHEAD_WORDS):
        # A few words after a paragraph: a new story's headline or a subhead of this one.
        # Which, the paragraphs after it say (do they go on with this story?).
        return None
    if cur.kind in (Kind.HEADLINE, Kind.BYLINE) or cur.dateline:
        return "start"
    if prev.opens_quote and cur.starts_quote:
        return "join"
    if prev.ends_colon or lower or cur.kind is Kind.LIST:
        return "join"
    if cur.kind in (Kind.SUBHEAD, Kind.TAIL) or prev.kind is Kind.SUBHEAD:
        return "join"
    return None


class _Segmenter:
    """Decides every gap of one input: layout cues first, then weighed evidence, then decoding.

    Bare credits are transparent: the gaps are those between the other paragraphs ("units"),
    and a credit stays with the story of the paragraph before it.
    """

    def __init__(self, paras: Sequence[Para]) -> None:
        self.paras = paras
        self.units = [p.index for p in paras if p.kind is not Kind.CREDIT]
        vocab = Vocabulary()
        terms = []
        for i in self.units:
            t = vocab.terms(paras[i].text)
            terms.append(t)
            vocab.add(t)
        self.vecs = vectors(terms, vocab.idf())
        # Only which terms were names is kept; the weighted vectors carry the rest.
        self.names = [frozenset(w for w, b in t.items() if b == NAME_BOOST) for t in terms]
        del terms
        self.totals = [sum(v.values()) for v in self.vecs]
        n = len(self.units)
        self.wrapped = _hard_wrapped([paras[i] for i in self.units])
        self.hard: list[str | None] = [None] * n
        for k in range(1, n):
            # A caption right under a headline or byline belongs to the story they open.
            opened = k >= 2 and self.para(k - 2).kind in (Kind.HEADLINE, Kind.BYLINE)
            self.hard[k] = _hard_verdict(self.para(k - 1), self.para(k), opened, self.wrapped)
            if self.para(k).kind is Kind.HEADLINE and k + 1 < n:
                self.hard[k] = _subhead_or_headline(
                    self.para(k - 1), self.para(k + 1), self.hard[k]
                )
        self.blank_cue = _blank_separator_level(paras)
        if self.blank_cue > 1:
            # One blank line between paragraphs and a wider gap between articles: the layout
            # says where every article starts, and nothing else is needed.
            for k in range(1, n):
                gap = self.para(k).blank_before
                self.hard[k] = "start" if gap >= self.blank_cue else "join"
        self.cues: dict[int, LeadCues] = {
            k: lead_cues(self.para(k)) for k in range(1, n) if self.hard[k] is None
        }
        self.fwd = [self._forward_share(k) for k in range(n)]

    def para(self, k: int) -> Para:
        return self.paras[self.units[k]]

    def run(self, keep_evidence: bool = False) -> tuple[list[int], list[_Gap]]:
        n = len(self.units)
        if n == 0:
            return [0], []
        chosen = [self.hard[k] == "start" for k in range(n)]
        chosen[0] = True
        feats: dict[int, dict[str, float]] = {}
        cohs: list[float | None] = [None] * n
        used: dict[int, tuple[int, int]] = {}
        scores: list[float | None] = [None] * n
        for round_no in range(PASSES):
            contexts = self._contexts(chosen)
            if round_no == 0:
                self._sweep(contexts, feats, cohs)
                dirty = set(feats)
            else:
                dirty = set()
                for k, ctx in enumerate(contexts):
                    if ctx is not None and used.get(k) != ctx:
                        self._measure_local(k, ctx, feats, cohs)
                        dirty.update((k - 1, k, k + 1))
            used = {k: c for k, c in enumerate(contexts) if c is not None}
            for k in dirty:
                f = feats.get(k)
                if f is None:
                    continue
                f.pop("depth", None)
                around = [c for c in (cohs[k - 1], cohs[k + 1] if k + 1 < n else None) if c]
                if around:
                    mean = sum(math.log(c + 0.02) for c in around) / len(around)
                    f["depth"] = round(mean - math.log(f["coh"] + 0.02), 3)
                scores[k] = _combine(f)
            new = _decode(self.paras, self.units, self.hard, scores)
            new[0] = True
            if new == chosen:
                break
            chosen = new
        if n > 2:
            soft = [k > 0 and self.hard[k] is None for k in range(n)]
            back = [
                k in self.cues
                and (self.cues[k].pronoun or self.cues[k].connective or self.cues[k].anaphor)
                for k in range(n)
            ]
            leads = [
                k in self.cues and not back[k] and not self.cues[k].quote and self.cues[k].dated
                for k in range(n)
            ]
            chosen = revise(chosen, self.vecs, soft, back, leads)
        gaps = []
        for k in range(1, n if keep_evidence else 1):
            f = feats.get(k, {})
            gaps.append(
                _Gap(self.units[k], "start" if chosen[k] else "join", _combine(f) if f else 0.0, f)
            )
        starts = [0] + [self.units[k] for k in range(1, n) if chosen[k]]
        return starts, gaps

    def _contexts(self, chosen: Sequence[bool]) -> list[tuple[int, int] | None]:
        """For each measured gap: where the current story starts and where the look-ahead ends."""
        n = len(self.units)
        out: list[tuple[int, int] | None] = [None] * n
        seg_start = 0
        next_start = n
        ends = [n] * n
        for k in range(n - 1, -1, -1):
            ends[k] = next_start
            if chosen[k]:
                next_start = k
        for k in range(1, n):
            if self.hard[k] != "start":
                out[k] = (seg_start, min(ends[k], k + RIGHT_WINDOW))
            if chosen[k]:
                seg_start = k
        return out

    def _sweep(
        self,
        contexts: Sequence[tuple[int, int] | None],
        feats: dict[int, dict[str, float]],
        cohs: list[float | None],
    ) -> None:
        history = History()
        for k in range(1, len(self.units)):
            history.add(k - 1, self.vecs[k - 1], self.names[k - 1])
            ctx = contexts[k]
            if ctx is not None:
                self._measure(k, ctx, history, feats, cohs)

    def _measure_local(
        self,
        k: int,
        ctx: tuple[int, int],
        feats: dict[int, dict[str, float]],
        cohs: list[float | None],
    ) -> None:
        history = History()
        for m in range(max(ctx[0], k - FAR_WINDOW), k):
            history.add(m, self.vecs[m], self.names[m])
        self._measure(k, ctx, history, feats, cohs)

    def _measure(
        self,
        k: int,
        ctx: tuple[int, int],
        history: History,
        feats: dict[int, dict[str, float]],
        cohs: list[float | None],
    ) -> None:
        seg_start, right_end = ctx
        lows = [
            max(seg_start, k - FAR_WINDOW),
            max(seg_start, k - LEFT_WINDOW),
            max(seg_start, k - NEAR_WINDOW),
        ]
        total = 0.0
        got = [0.0, 0.0, 0.0]
        factor = 1.0
        first_hit = first_total = 0.0
        for m in range(k, right_end):
            h = hits(self.vecs[m], history, lows)
            t = self.totals[m]
            if m == k:
                first_hit, first_total = h[1], t
            total += t * factor
            for j in range(3):
                got[j] += h[j] * factor
            factor *= DECAY
        coh = smoothed(got[1], total, PRIOR, STRENGTH)
        cohs[k] = coh
        if self.hard[k] is not None:
            return
        f: dict[str, float] = {
            "coh": round(coh, 3),
            "coh1": round(smoothed(first_hit, first_total, PRIOR, STRENGTH), 3),
            "cohn": round(smoothed(got[2], total, PRIOR, STRENGTH), 3),
            "cohf": round(smoothed(got[0], total, PRIOR, STRENGTH), 3),
            "cohfwd": round(self.fwd[k], 3),
        }
        self._lexical_cues(k, history, lows[0], f)
        feats[k] = f

    def _lexical_cues(self, k: int, history: History, lo: int, f: dict[str, float]) -> None:
        cues = self.cues[k]
        cur = self.para(k)
        for name, on in (
            ("pronoun", cues.pronoun),
            ("connective", cues.connective),
            ("anaphor", cues.anaphor),
            ("quote", cues.quote),
            ("dated", cues.dated),
            ("excerpt", cues.excerpt),
            ("caption", cur.kind is Kind.CAPTION),
            ("headline", cur.kind is Kind.HEADLINE),
            ("after_cut", self.para(k - 1).truncated),
            ("blank", bool(self.blank_cue) and cur.blank_before >= self.blank_cue),
        ):
            if on:
                f[name] = 1
        if cues.subject and history.named(cues.subject, lo):
            f["name_back"] = 1

        if cues.definite:
            f["definite_back" if history.seen(cues.definite, lo) else "definite"] = 1
        # A story defines an acronym, and glosses a Chinese name, at first mention only: doing
        # it for something the current story already named means a new story has begun.
        for acro, keys, in_lead in cues.acronyms:
            if history.seen(acro, lo) or (keys and all(history.named(w, lo) for w in keys)):
                f["redefined"] = 1
                break
            if in_lead:
                f["acronym_new"] = 1
        for keys in cues.glossed:
            if all(history.named(w, lo) for w in keys):
                f["redefined"] = 1
                break

    def _forward_share(self, k: int) -> float:
        """Share of paragraph ``k`` repeated in the next two: a lead's names recur after it."""
        ahead: set[str] = set()
        for m in range(k + 1, min(k + RIGHT_WINDOW, len(self.units))):
            if self.hard[m] == "start":
                break
            ahead.update(self.vecs[m])
        vec = self.vecs[k]
        hit = sum(w for t, w in vec.items() if t in ahead)
        return smoothed(hit, self.totals[k], PRIOR, STRENGTH)


def _combine(f: dict[str, float]) -> float:
    w = WEIGHTS
    score = w["bias"]
    for k, v in f.items():
        if k.startswith("coh"):
            score += w.get("l" + k, 0.0) * math.log(v + 0.02)
        else:
            score += w.get(k, 0.0) * v
    return score


def _decode(
    paras: Sequence[Para],
    units: Sequence[int],
    hard: Sequence[str | None],
    scores: Sequence[float | None],
) -> list[bool]:
    """Choose soft boundaries maximising their evidence minus a penalty for very short stories.

    A Viterbi pass over a tiny state space (body paragraphs in the current story, capped), so it
    stays linear: the penalty is what keeps a lone closing paragraph with no shared vocabulary
    ("Taiwan aims to reach net zero by 2050.") from being cut off as a story of its own.
    """
    cap = len(SHORT_PENALTY)
    neg = float("-inf")

    def body(k: int) -> int:
        return 1 if paras[units[k]].kind in (Kind.BODY, Kind.SUBHEAD) else 0

    def close_cost(count: int, k_last: int) -> float:
        if paras[units[k_last]].truncated or count >= cap:
            return 0.0
        return SHORT_PENALTY[count]

    n = len(units)
    best = [neg] * (cap + 1)
    best[min(body(0), cap)] = 0.0
    back: list[list[tuple[int, bool]]] = []
    for k in range(1, n):
        nxt = [neg] * (cap + 1)
        ptr: list[tuple[int, bool]] = [(-1, False)] * (cap + 1)
        b = body(k)
        allow_join = hard[k] != "start"
        allow_start = hard[k] != "join"
        gain = scores[k] or 0.0
        for c in range(cap + 1):
            v = best[c]
            if v == neg:
                continue
            if allow_join:
                c2 = min(c + b, cap)
                if v > nxt[c2]:
                    nxt[c2] = v
                    ptr[c2] = (c, False)
            if allow_start:
                if paras[units[k - 1]].kind is Kind.CAPTION and c == 0 and hard[k] is None:
                    continue
                v2 = v - close_cost(c, k - 1) + gain
                c2 = min(b, cap)
                if v2 > nxt[c2]:
                    nxt[c2] = v2
                    ptr[c2] = (c, True)
        best = nxt
        back.append(ptr)
    # Close the last story too.
    final = [best[c] - close_cost(c, n - 1) if best[c] != neg else neg for c in range(cap + 1)]
    c = max(range(cap + 1), key=lambda i: final[i])
    chosen = [False] * n
    for k in range(n - 1, 0, -1):
        c, started = back[k - 1][c]
        chosen[k] = started
    return chosen


def _hard_wrapped(paras: Sequence[Para]) -> bool:
    """True for text wrapped at a fixed width: most lines short and stopping mid-sentence."""
    if len(paras) < 6:
        return False
    cut = sum(1 for p in paras if len(p.text) <= 100 and (p.truncated or p.kind is Kind.HEADLINE))
    return cut >= 0.5 * len(paras)


def _blank_separator_level(paras: Sequence[Para]) -> int:
    """Blank-line count that marks an article break, or 0 if blank lines tell us nothing.

    When most gaps have no blank line, a blank line is a separator; when most gaps have one, only
    a wider gap is. Either way the cue is soft: it tips a close call, it does not decide one.
    """
    if len(paras) < 3:
        return 0
    counts = sorted(p.blank_before for p in paras[1:])
    typical = counts[len(counts) // 2]
    level = typical + 1
    share = sum(1 for c in counts if c >= level) / len(counts)
    return level if 0 < share <= 0.4 else 0
