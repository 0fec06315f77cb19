#!/usr/bin/env python3
"""Score quote detection and speaker attribution on PolNeAR (political news, train/dev only).

usage: benchmarks/polnear.py MIRROR [--split dev|train] [--limit N] [--errors N] [--rebuild]

MIRROR is a PolNeAR git directory (what the search tool's ``fetch`` returns) or a checkout with a
``data/`` folder. The first run copies the train and dev text and one annotator's attributions per
article into ``benchmarks/data/polnear/`` (gitignored); nothing is downloaded and the test split
is never read. Output is one JSON object.

What is scored, exactly:

* **Gold segments.** PolNeAR marks attributions (Source, Cue, Content). Every stretch inside
  double quotation marks (curly or straight; an inner quotation stays part of the outer one), per
  paragraph, of which at least half lies in Content spans is one gold segment: a quotation over
  three paragraphs is three segments. Its span is the text between the marks, trailing comma or
  full stop dropped. A gold stretch of at most six words in title case ("Make America Great
  Again") is a title inside reported speech: optional, neither rewarded nor penalised.
* **Predicted segments.** Each piece (``Quote.spans``) of every quote ``analyze`` finds, run on the
  article's non-blank lines as paragraphs with the builtin recogniser.
* **Matching.** One to one, greedy by overlap: a predicted and a gold segment match when their
  character ranges overlap by at least half of their union. Unmatched predictions are false
  positives; those that fall on a quoted stretch no attribution covers (scare quotes, titles, or
  quotations the annotators left out) are also counted apart as ``fp_unannotated``. A
  prediction that matches an optional segment counts as nothing. A prediction that overlaps no
  quoted stretch at all (a transcript line printed without marks, "SMITH: …") cannot be scored
  against gold made of quoted stretches: it is counted apart as ``pred_unmarked``.
* **Speaker accuracy**, on matched segments whose attribution has a Source: the gold *head word*
  is the last word of the Source's first noun phrase (the Source cut before its first comma,
  parenthesis, or "who/which/that/of/for/from/at/in/with/on/to/familiar/close", possessives
  dropped: "longtime Democratic pollster Pat Caddell" -> caddell, "a spokesman for the campaign"
  -> spokesman, "he" -> he). The prediction is right when that word is one of the words of the
  predicted mention or canonical name, or when the last word of the predicted name is a
  non-possessive word of the Source ("Trump's campaign manager, Kellyanne Conway" and "Conway").
  ``speaker_acc_coref`` also accepts, for a Source whose head is a pronoun ("he", "who"), the
  head word of what PolNeAR's own CoreNLP coreference chains link that pronoun to (kept in
  ``NAME.coref.json`` by the build step): the reader is shown a name, not "he".
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsreader.analysis import analyze  # noqa: E402
from newsreader.model import Article  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "polnear"
SPLITS = ("train", "dev")  # never "test": that is what held-out figures are measured on
_OPEN = "“„«"
_CLOSE = "”»"
_WORD_RE = re.compile(r"[\w’'-]+")
_SMALL = frozenset(
    ["a", "an", "the", "of", "and", "or", "for", "in", "on", "at", "to", "by", "with", "from", "vs"]
)
_SOURCE_CUT_RE = re.compile(
    r"[,(;]|\s(?:who|which|that|of|for|from|at|in|with|on|to|familiar|close)\s", re.IGNORECASE
)


# ----------------------------------------------------------------------------- local copy
def _git_files(mirror: Path, folder: str) -> list[str]:
    out = subprocess.run(
        ["git", f"--git-dir={mirror}", "ls-tree", "--name-only", "HEAD", folder + "/"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line for line in out.splitlines() if line]


def _git_show(mirror: Path, path: str) -> str:
    return subprocess.run(
        ["git", f"--git-dir={mirror}", "show", f"HEAD:{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _read(mirror: Path, rel: str, checkout: bool) -> str:
    return (mirror / rel).read_text(encoding="utf-8") if checkout else _git_show(mirror, rel)


def build(mirror: Path, rebuild: bool = False) -> None:
    """Copy train/dev texts and the first annotator's attributions per article under DATA,
    and keep from PolNeAR's CoreNLP files only what pronoun sources refer to."""
    if DATA.exists() and not rebuild:
        if not (DATA / "coref.done").exists():
            _build_coref(mirror)
        return
    if DATA.exists():
        shutil.rmtree(DATA)
    checkout = (mirror / "data").is_dir()
    for split in SPLITS:
        out = DATA / split
        out.mkdir(parents=True)
        if checkout:
            texts = sorted(
                str(p.relative_to(mirror)) for p in (mirror / "data" / split / "text").iterdir()
            )
            anns = sorted(
                str(p.relative_to(mirror))
                for p in (mirror / "data" / split / "attributions").iterdir()
            )
        else:
            texts = sorted(_git_files(mirror, f"data/{split}/text"))
            anns = sorted(_git_files(mirror, f"data/{split}/attributions"))
        first_ann: dict[str, str] = {}
        for rel in anns:
            stem = re.sub(r"_[0-9a-f]{4}\.ann$", "", Path(rel).name)
            first_ann.setdefault(stem, rel)
        for rel in texts:
            stem = Path(rel).stem
            if stem not in first_ann:
                continue
            (out / f"{stem}.txt").write_text(_read(mirror, rel, checkout), encoding="utf-8")
            ann = _read(mirror, first_ann[stem], checkout)
            (out / f"{stem}.ann").write_text(ann, encoding="utf-8")
    _build_coref(mirror)


_PRONOUNS = frozenset(
    [
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "him",
        "her",
        "them",
        "us",
        "his",
        "its",
        "their",
        "our",
        "who",
        "whom",
        "which",
        "that",
    ]
)


def _build_coref(mirror: Path) -> None:
    """``NAME.coref.json``: offset of each pronoun that CoreNLP links to a chain -> the head
    word of the chain's representative mention (when that is not a pronoun too)."""
    from lxml import etree

    checkout = (mirror / "data").is_dir()
    for split in SPLITS:
        for txt in sorted((DATA / split).glob("*.txt")):
            rel = f"data/{split}/corenlp/{txt.name}.xml"
            try:
                xml = _read(mirror, rel, checkout)
            except (OSError, subprocess.CalledProcessError):
                continue
            root = etree.fromstring(xml.encode("utf-8"))
            tokens: dict[tuple[int, int], tuple[int, str]] = {}
            for sent in root.iter("sentence"):
                sid = int(sent.get("id") or 0)
                for tok in sent.iter("token"):
                    begin = int(tok.findtext("CharacterOffsetBegin") or 0)
                    tokens[(sid, int(tok.get("id") or 0))] = (begin, tok.findtext("word") or "")
            refers: dict[int, str] = {}
            for chain in root.iter("coreference"):
                mentions = chain.findall("mention")
                if not mentions:
                    continue
                rep = next((m for m in mentions if m.get("representative") == "true"), None)
                if rep is None:
                    continue
                head = tokens.get(
                    (int(rep.findtext("sentence") or 0), int(rep.findtext("head") or 0))
                )
                if head is None or head[1].lower() in _PRONOUNS:
                    continue
                for m in mentions:
                    key = (int(m.findtext("sentence") or 0), int(m.findtext("head") or 0))
                    tok = tokens.get(key)
                    if tok is not None and tok[1].lower() in _PRONOUNS:
                        refers[tok[0]] = head[1].lower()
            txt.with_suffix(".coref.json").write_text(json.dumps(refers), encoding="utf-8")
    (DATA / "coref.done").write_text("1", encoding="utf-8")


# ----------------------------------------------------------------------------- gold
@dataclass
class Attribution:
    content: list[tuple[int, int]]
    source: str | None
    source_span: tuple[int, int] | None = None


@dataclass
class Segment:
    start: int
    end: int
    source: str | None = None
    optional: bool = False
    source_span: tuple[int, int] | None = None


def read_attributions(ann: str) -> list[Attribution]:
    spans: dict[str, tuple[list[tuple[int, int]], str]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            _kind, ranges = parts[1].split(" ", 1)
            pieces = [tuple(map(int, r.split())) for r in ranges.split(";")]
            spans[parts[0]] = ([(a, b) for a, b in pieces], parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    out = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if content is None:
            continue
        source = spans.get(rel.get("Source", ""))
        if source is None:
            out.append(Attribution(content[0], None))
        else:
            where = (source[0][0][0], source[0][-1][1])
            out.append(Attribution(content[0], source[1], where))
    return out


def quoted_stretches(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Top-level double-quoted stretches in ``text[start:end]`` (inner text, untrimmed).

    A mark left open runs to ``end``; a closing mark with nothing open starts at ``start`` (the
    piece continues a quotation opened earlier).
    """
    out: list[tuple[int, int]] = []
    depth = 0
    straight_open = False
    opened = start
    seen_any = False
    for i in range(start, end):
        ch = text[i]
        if ch in _OPEN or (ch == '"' and not straight_open and depth == 0):
            if depth == 0:
                opened = i + 1
                straight_open = ch == '"'
            depth += 1
            seen_any = True
        elif ch in _CLOSE or ch == '"':
            if depth == 0:
                if not seen_any:
                    out.append((start, i))
                    seen_any = True
                continue
            if ch == '"' and not straight_open:
                continue
            depth -= 1
            if depth == 0:
                out.append((opened, i))
                straight_open = False
    if depth > 0:
        out.append((opened, end))
    return out


def trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",."):
        b -= 1
    return a, b


def gold_segments(
    text: str, paragraphs: list[tuple[int, str]], attrs: list[Attribution]
) -> tuple[list[Segment], list[tuple[int, int]]]:
    """The gold segments, and the quoted stretches no attribution covers (not gold).

    A stretch is gold when at least half its characters lie in Content spans; its speaker is the
    Source of the attribution covering most of it. A short stretch in title case ("Make America
    Great Again", "Saturday Night Live") is a title even inside reported speech: optional.
    """
    gold: list[Segment] = []
    other: list[tuple[int, int]] = []
    for s, e in all_stretches(text, paragraphs):
        best, best_cover, covered = None, 0, 0
        for attr in attrs:
            cover = sum(max(0, min(e, b) - max(s, a)) for a, b in attr.content)
            covered += cover
            if cover > best_cover:
                best, best_cover = attr, cover
        if best is None or 2 * covered < e - s:
            other.append((s, e))
            continue
        gold.append(Segment(s, e, best.source, _title_like(text[s:e]), best.source_span))
    return gold, other


def _title_like(words_text: str) -> bool:
    words = _WORD_RE.findall(words_text)
    if not words or len(words) > 6 or words_text.rstrip()[-1:] in ".!?":
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _SMALL for w in words)


def all_stretches(text: str, paragraphs: list[tuple[int, str]]) -> list[tuple[int, int]]:
    out = []
    for off, para in paragraphs:
        for s, e in quoted_stretches(text, off, off + len(para)):
            s, e = trimmed(text, s, e)
            if e > s and any(ch.isalnum() for ch in text[s:e]):
                out.append((s, e))
    return out


def source_head(source: str) -> str | None:
    first = _SOURCE_CUT_RE.split(" " + source + " ", maxsplit=1)[0]
    words = [w for w in _WORD_RE.findall(first) if not w.endswith(("’s", "'s", "s’", "s'"))]
    return words[-1].lower() if words else None


def source_words(source: str) -> set[str]:
    return {w.lower() for w in _WORD_RE.findall(source) if not w.endswith(("’s", "'s", "s’", "s'"))}


# ----------------------------------------------------------------------------- prediction
def paragraphs_of(text: str) -> list[tuple[int, str]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            out.append((pos + line.index(stripped[0]), stripped))
        pos += len(line) + 1
    return out


@dataclass
class Predicted:
    start: int
    end: int
    speaker: str | None
    mention: str | None


def predict(text: str, paragraphs: list[tuple[int, str]]) -> list[Predicted]:
    paras = tuple(p for _, p in paragraphs)
    art = Article(
        "polnear", "polnear", 1, len(paras), paras[0] if paras else "", None, False, paras
    )
    analysis = analyze(art, recogniser="builtin")
    out = []
    for q in analysis.quotes:
        for span in q.spans:
            off = paragraphs[span.paragraph][0]
            out.append(Predicted(off + span.start, off + span.end, q.speaker, q.mention))
    return out


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def speaker_ok(source: str, pred: Predicted) -> bool:
    head = source_head(source)
    words = {w.lower() for w in _WORD_RE.findall(f"{pred.mention or ''} {pred.speaker or ''}")}
    words |= {w[:-2] for w in words if w.endswith(("’s", "'s"))}
    if head is not None and head in words:
        return True
    name = _WORD_RE.findall(pred.speaker or "")
    return bool(name) and name[-1].lower() in source_words(source)


def resolved_ok(gold: Segment, pred: Predicted, refers: dict[int, str]) -> bool:
    """A pronoun source ("he", "who") counts through what CoreNLP says it refers to."""
    if gold.source is None or gold.source_span is None:
        return False
    if source_head(gold.source) not in _PRONOUNS:
        return False
    a, b = gold.source_span
    heads = {w for c, w in refers.items() if a <= c < b}
    words = {w.lower() for w in _WORD_RE.findall(f"{pred.mention or ''} {pred.speaker or ''}")}
    return bool(heads & words)


# ----------------------------------------------------------------------------- scoring
def score(split: str, limit: int | None, errors: int) -> dict[str, Any]:
    folder = DATA / split
    tp = fp = fn = fp_unannotated = unmarked = spk_n = spk_ok = spk_ok_coref = words = 0
    seconds = 0.0
    samples: list[dict[str, Any]] = []
    docs = sorted(folder.glob("*.txt"))[: limit or None]
    for txt in docs:
        text = txt.read_text(encoding="utf-8")
        attrs = read_attributions(txt.with_suffix(".ann").read_text(encoding="utf-8"))
        coref = txt.with_suffix(".coref.json")
        refers = (
            {int(k): v for k, v in json.loads(coref.read_text(encoding="utf-8")).items()}
            if coref.exists()
            else {}
        )
        paragraphs = paragraphs_of(text)
        gold, other = gold_segments(text, paragraphs, attrs)
        t0 = time.perf_counter()
        pred = predict(text, paragraphs)
        seconds += time.perf_counter() - t0
        words += len(text.split())
        pairs = sorted(
            (
                (overlap((g.start, g.end), (p.start, p.end)), gi, pi)
                for gi, g in enumerate(gold)
                for pi, p in enumerate(pred)
            ),
            reverse=True,
        )
        g_used: dict[int, int] = {}
        p_used: set[int] = set()
        for ov, gi, pi in pairs:
            if ov < 0.5:
                break
            if gi in g_used or pi in p_used:
                continue
            g_used[gi] = pi
            p_used.add(pi)
        stretches = [(g.start, g.end) for g in gold] + other
        for pi, p in enumerate(pred):
            if pi in p_used:
                continue
            if not any(overlap(s, (p.start, p.end)) > 0 for s in stretches):
                unmarked += 1  # a transcript line without marks: outside what PolNeAR scores
                continue
            fp += 1
            if any(overlap(s, (p.start, p.end)) >= 0.5 for s in other):
                fp_unannotated += 1
            if len(samples) < errors:
                samples.append({"doc": txt.stem, "fp": text[p.start : p.end][:120]})
        for gi, g in enumerate(gold):
            if g.optional:
                continue
            if gi not in g_used:
                fn += 1
                if len(samples) < errors:
                    samples.append({"doc": txt.stem, "fn": text[g.start : g.end][:120]})
                continue
            tp += 1
            if not g.source:
                continue
            p = pred[g_used[gi]]
            spk_n += 1
            strict = speaker_ok(g.source, p)
            spk_ok += strict
            spk_ok_coref += strict or resolved_ok(g, p, refers)
            if not strict and len(samples) < errors:
                samples.append(
                    {
                        "doc": txt.stem,
                        "quote": text[g.start : g.end][:60],
                        "gold_source": g.source,
                        "pred": [p.speaker, p.mention],
                    }
                )
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    lenient_p = tp / (tp + fp - fp_unannotated) if tp + fp - fp_unannotated else 1.0
    result: dict[str, Any] = {
        "corpus": f"polnear_{split}",
        "articles": len(docs),
        "gold_segments": tp + fn,
        "quote_p": round(precision, 4),
        "quote_r": round(recall, 4),
        "quote_f1": round(f1, 4),
        "fp": fp,
        "fp_unannotated": fp_unannotated,
        "quote_p_annotated_only": round(lenient_p, 4),
        "pred_unmarked": unmarked,
        "speaker_acc": round(spk_ok / spk_n, 4) if spk_n else None,
        "speaker_acc_coref": round(spk_ok_coref / spk_n, 4) if spk_n else None,
        "speaker_n": spk_n,
        "words": words,
        "analysis_words_per_s": round(words / max(seconds, 1e-9)),
    }
    if errors:
        result["errors"] = samples
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mirror", type=Path, help="PolNeAR git dir or checkout (read, never fetched)")
    ap.add_argument("--split", choices=SPLITS, default="dev")
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--errors", type=int, default=0, help="list up to N errors")
    ap.add_argument("--rebuild", action="store_true", help="rebuild benchmarks/data/polnear")
    args = ap.parse_args(argv)
    build(args.mirror, args.rebuild)
    warm = ("Officials in Washington said on Monday the council would meet.",)
    analyze(Article("w", "w", 1, 1, "w", None, False, warm))  # word lists load before the clock
    print(json.dumps(score(args.split, args.limit, args.errors), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
