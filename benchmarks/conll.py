#!/usr/bin/env python3
"""Entity quality on CoNLL++ (CoNLL-2003 Reuters wire with the corrected test set).

usage: benchmarks/conll.py SOURCE [--split dev] [--recogniser builtin,combined,spacy]
                           [--limit N] [--scorer PATH] [--errors N]

SOURCE is a local copy of the CrossWeigh repository, as a git directory (a mirror, read with
``git show``) or a checked-out folder; nothing is downloaded. The three files are copied once into
``benchmarks/data/conllpp/`` (gitignored), so later runs need only ``benchmarks/data``.

Each CoNLL document becomes one article and each of its sentences one paragraph: Reuters
paragraphs are mostly one sentence, and the tokenised data keeps no paragraph breaks. Tokens are
joined back into ordinary text ("Leicestershire 's" becomes "Leicestershire's") so that the
recognisers see wire copy, not a token list. Gold PER, ORG and LOC become PERSON, ORG and GPE;
MISC is marked optional (finding a MISC span under any label is neither rewarded nor penalised),
since our schema splits it over NORP, EVENT, PRODUCT and others. Scoring is the reference
scorer's document-level ``entities_score`` (each article's bag of (text, label) mentions), core
classes PERSON/ORG/place, so the figures compare with those on the real-news dev corpora.

The test split is for reporting only: tune on ``train`` and ``dev``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from nlp_quality import scorer_for  # noqa: E402

from newsreader.model import Entity  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "conllpp"
SPLITS = ("train", "dev", "test")
LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE", "MISC": "MISC"}
CORE = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}
_NO_SPACE_BEFORE = frozenset(",.;:!?)]}%") | {"'s", "'S", "n't", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = frozenset("([{$")

Recogniser = Callable[[Sequence[str]], list[Entity]]


@dataclass
class Document:
    """One CoNLL document as an article: its paragraphs and its gold entities."""

    paragraphs: list[str]
    entities: list[tuple[str, str]]  # (text, label) per mention


def local_copy(source: Path | None) -> Path:
    """``benchmarks/data/conllpp``, filled from ``source`` when a file is missing."""
    DATA.mkdir(parents=True, exist_ok=True)
    for split in SPLITS:
        target = DATA / f"conllpp_{split}.txt"
        if target.exists():
            continue
        if source is None:
            raise SystemExit(f"{target} is missing: give the CrossWeigh copy as SOURCE")
        name = f"data/conllpp_{split}.txt"
        if (source / name).exists():
            target.write_bytes((source / name).read_bytes())
        else:
            blob = subprocess.run(
                ["git", f"--git-dir={source}", "show", f"HEAD:{name}"],
                check=True,
                capture_output=True,
            ).stdout
            target.write_bytes(blob)
    return DATA


def detokenise(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Tokens joined as ordinary text, and each token's (start, end) in it."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    quote_open = False
    glue_next = True
    for tok in tokens:
        if tok == "." and out and out[-1].endswith("."):
            spans.append((pos, pos))  # "U.S. ." is "U.S." at a sentence's end
            continue
        glue = glue_next or tok in _NO_SPACE_BEFORE
        glue_next = tok in _NO_SPACE_AFTER
        if tok == '"':
            if quote_open:
                glue = True
            else:
                glue_next = True
            quote_open = not quote_open
        if not glue:
            out.append(" ")
            pos += 1
        spans.append((pos, pos + len(tok)))
        out.append(tok)
        pos += len(tok)
    return "".join(out), spans


def read_documents(path: Path) -> list[Document]:
    docs: list[Document] = []
    for sentences in _split_documents(path.read_text(encoding="utf-8")):
        paragraphs: list[str] = []
        entities: list[tuple[str, str]] = []
        for sentence in sentences:
            tokens = [t for t, _ in sentence]
            text, spans = detokenise(tokens)
            paragraphs.append(text)
            for first, last, label in _chunks([tag for _, tag in sentence]):
                entities.append((text[spans[first][0] : spans[last][1]], LABELS[label]))
        if paragraphs:
            docs.append(Document(paragraphs, entities))
    return docs


def _split_documents(raw: str) -> Iterator[list[list[tuple[str, str]]]]:
    doc: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []
    for line in raw.split("\n"):
        fields = line.split()
        if not fields:
            if sentence:
                doc.append(sentence)
                sentence = []
            continue
        if fields[0] == "-DOCSTART-":
            if doc:
                yield doc
            doc = []
            continue
        sentence.append((fields[0], fields[-1]))
    if sentence:
        doc.append(sentence)
    if doc:
        yield doc


def _chunks(tags: Sequence[str]) -> Iterator[tuple[int, int, str]]:
    """(first token, last token, type) of each entity; reads IOB1 and IOB2 alike."""
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        continues = prefix == "I" and typ == kind
        if kind and not continues:
            yield start, i - 1, kind
            kind = ""
        if prefix == "B" or (prefix == "I" and not continues):
            start, kind = i, typ
    return


def gold_record(doc: Document) -> dict[str, Any]:
    counts = Counter(e for e in doc.entities if e[1] != "MISC")
    ents: list[dict[str, Any]] = [
        {"text": t, "label": label, "count": n} for (t, label), n in counts.items()
    ]
    ents += [
        {"text": t, "label": "MISC", "optional": True}
        for t in sorted({t for t, label in doc.entities if label == "MISC"})
    ]
    return {"entities": ents}


def recognisers(names: Sequence[str]) -> dict[str, Recogniser]:
    from newsreader.analysis.entities.find import find_entities

    def combined(paragraphs: Sequence[str]) -> list[Entity]:
        from newsreader.analysis.merge.combine import combine_entities
        from newsreader.analysis.spacy_backend import spacy_entities

        return combine_entities(spacy_entities(paragraphs), find_entities(paragraphs), paragraphs)

    def spacy_alone(paragraphs: Sequence[str]) -> list[Entity]:
        from newsreader.analysis.spacy_backend import spacy_entities

        return spacy_entities(paragraphs)

    table: dict[str, Recogniser] = {
        "builtin": find_entities,
        "combined": combined,
        "spacy": spacy_alone,
    }
    return {n: table[n] for n in names}


def per_class(
    scorer: Any, gold: list[dict[str, Any]], pred: list[dict[str, Any]]
) -> dict[str, float]:
    """F1 of each core class on its own, by the reference scorer on that class's mentions."""
    out: dict[str, float] = {}
    for cls in ("PERSON", "ORG", "PLACE"):

        def keep(e: dict[str, Any], cls: str = cls) -> bool:
            return CORE.get(e["label"]) == cls

        g = [{"entities": [e for e in a["entities"] if e.get("optional") or keep(e)]} for a in gold]
        p = [{"entities": [e for e in a["entities"] if keep(e)]} for a in pred]
        out[f"f1_{cls}"] = scorer.entities_score(g, p)["ent_core_f1"]
    return out


def errors(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], top: int
) -> dict[str, list[tuple[str, int]]]:
    """The commonest false positives and misses, as "text/LABEL" with counts (for tuning)."""
    fps: Counter[str] = Counter()
    fns: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        opt = {e["text"] for e in g["entities"] if e.get("optional")}
        gc = Counter()
        for e in g["entities"]:
            if not e.get("optional"):
                gc[(e["text"], CORE.get(e["label"], "OTHER"))] += e["count"]
        pc: Counter[tuple[str, str]] = Counter()
        for e in p["entities"]:
            cls = CORE.get(e["label"], "OTHER")
            if cls != "OTHER" and not (e["text"] in opt and (e["text"], cls) not in gc):
                pc[(e["text"], cls)] += 1
        gc = Counter({k: v for k, v in gc.items() if k[1] != "OTHER"})
        for (t, c), n in (pc - gc).items():
            fps[f"{t}/{c}"] += n
        for (t, c), n in (gc - pc).items():
            fns[f"{t}/{c}"] += n
    return {"false_pos": fps.most_common(top), "missed": fns.most_common(top)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("source", nargs="?", type=Path, default=None, help="CrossWeigh copy")
    ap.add_argument("--split", default="dev", choices=SPLITS)
    ap.add_argument("--recogniser", default="builtin,combined,spacy")
    ap.add_argument("--limit", type=int, default=0, help="first N documents only")
    ap.add_argument("--scorer", type=Path, default=None, help="reference score.py")
    ap.add_argument("--errors", type=int, default=0, help="print the N commonest errors")
    args = ap.parse_args(argv)
    data = local_copy(args.source)
    docs = read_documents(data / f"conllpp_{args.split}.txt")
    if args.limit:
        docs = docs[: args.limit]
    scorer = scorer_for(ROOT.parent / "shared" / "dev", args.scorer)
    gold = [gold_record(d) for d in docs]
    words = sum(len(p.split()) for d in docs for p in d.paragraphs)
    for name, run in recognisers(args.recogniser.split(",")).items():
        run(docs[0].paragraphs)  # load tables and pipelines before the clock starts
        t0 = time.perf_counter()
        found = [run(d.paragraphs) for d in docs]
        seconds = time.perf_counter() - t0
        pred = [{"entities": [{"text": e.text, "label": e.label} for e in f]} for f in found]
        figures = scorer.entities_score(gold, pred)
        row: dict[str, Any] = {
            "corpus": f"conllpp_{args.split}",
            "documents": len(docs),
            "recogniser": name,
            "ent_core_p": figures["ent_core_p"],
            "ent_core_r": figures["ent_core_r"],
            "ent_core_f1": figures["ent_core_f1"],
            **per_class(scorer, gold, pred),
            "words_per_s": round(words / max(seconds, 1e-9)),
        }
        print(json.dumps(row, ensure_ascii=False), flush=True)
        if args.errors:
            print(json.dumps(errors(gold, pred, args.errors), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
