#!/usr/bin/env python3
"""Measure splitting, quotes and entities against gold corpora (newsreader-gold/1).

usage: benchmarks/nlp_quality.py [GOLD_DIR ...] [--gold-split] [--recogniser builtin|spacy|auto]
                                 [--scorer PATH] [--save-pred DIR] [--split-only] [--table]

For every NAME.txt with a NAME.gold.json it runs the same pipeline as ``newsreader analyze``,
scores the result with the reference scorer (``../shared/tools/score.py`` by default, imported, so
the figures are its figures) and prints one JSON line per corpus plus words per second.
``--gold-split`` analyses the gold article spans instead of the splitter's, to measure quotes and
entities independently of splitting.

Every corpus is also split by the anchors of ``split_anchors`` (a cue-only splitter, nltk's
TextTiling, the "two blank lines start an article" rule), scored by the same scorer and printed
under ``"anchors"``; ``--table`` ends with one row per corpus, newsreader beside the anchors.
``--split-only`` skips quotes and entities. ``benchmarks/make_real_layouts.py`` builds the
layouts the real dev set lacks (two blank lines between articles, one-section runs).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsreader.analysis import analyze  # noqa: E402
from newsreader.model import Article  # noqa: E402
from newsreader.records import article_record  # noqa: E402
from newsreader.split import article_id, derive_title, split_text  # noqa: E402
from newsreader.text import clean_text  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from split_anchors import ANCHORS  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "shared" / "dev"


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("nr_reference_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scorer_for(gold_dir: Path, explicit: Path | None = None) -> ModuleType:
    """The reference scorer: ``explicit``, else ``tools/score.py`` beside the gold folder's
    parent (``../shared/tools`` for ``../shared/dev``), else the shared checkout's."""
    path = explicit or (gold_dir.resolve().parent / "tools" / "score.py")
    if not path.exists():
        path = ROOT.parent / "shared" / "tools" / "score.py"
    return load_scorer(path)


def gold_articles(text: str, gold: dict[str, Any], source: str) -> list[Article]:
    lines = text.split("\n")
    out = []
    for g in gold["articles"]:
        paras = tuple(
            lines[n - 1].strip()
            for n in range(g["start_line"], g["end_line"] + 1)
            if lines[n - 1].strip()
        )
        out.append(
            Article(
                id=article_id(paras),
                source=source,
                start_line=g["start_line"],
                end_line=g["end_line"],
                title=derive_title(paras, g.get("headline")),
                headline=g.get("headline"),
                truncated=bool(g.get("truncated")),
                paragraphs=paras,
            )
        )
    return out


def headline_figures(gold: dict[str, Any], pred: list[dict[str, Any]]) -> dict[str, Any]:
    by_start = {p["start_line"]: p for p in pred}
    heads = [g for g in gold["articles"] if g.get("headline")]
    exact = sum(
        1 for g in heads if by_start.get(g["start_line"], {}).get("headline") == g["headline"]
    )
    false_heads = sum(
        1
        for p in pred
        if p.get("headline") and p["headline"] not in {g.get("headline") for g in heads}
    )
    return {
        "headlines_exact": f"{exact}/{len(heads)}",
        "headline_acc": round(exact / len(heads), 4) if heads else None,
        "headlines_false": false_heads,
        "truncated_acc": _truncated_acc(gold, by_start),
    }


def _truncated_acc(gold: dict[str, Any], by_start: dict[int, dict[str, Any]]) -> float:
    arts = gold["articles"]
    ok = sum(
        1 for g in arts if by_start.get(g["start_line"], {}).get("truncated") == g["truncated"]
    )
    return round(ok / len(arts), 4) if arts else 1.0


def run_corpus(
    txt: Path,
    gold_path: Path,
    scorer: ModuleType,
    gold_split: bool,
    recogniser: str,
    save: Path | None,
    split_only: bool = False,
) -> dict[str, Any]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    raw = txt.read_text(encoding="utf-8")
    text = clean_text(raw)
    words = len(raw.split())
    t0 = time.perf_counter()
    articles = gold_articles(text, gold, txt.name) if gold_split else split_text(text, txt.name)
    t1 = time.perf_counter()
    analyses = [] if split_only else [analyze(a, recogniser=recogniser) for a in articles]
    t2 = time.perf_counter()
    records = (
        [{"start_line": a.start_line, "end_line": a.end_line} for a in articles]
        if split_only
        else [article_record(a, an) for a, an in zip(articles, analyses, strict=True)]
    )
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        pred_path = Path(fh.name)
    if save is not None:
        save.mkdir(parents=True, exist_ok=True)
        (save / f"{txt.stem}.pred.jsonl").write_text(
            pred_path.read_text(encoding="utf-8"), encoding="utf-8"
        )
    lines = raw.split("\n")
    gold_arts = gold["articles"]
    res: dict[str, Any] = {"corpus": txt.stem, "split": "gold" if gold_split else "newsreader"}
    res.update(scorer.segments_score(gold_arts, records, lines))
    res["anchors"] = anchor_figures(scorer, gold_arts, lines)
    if not split_only:
        res.update(scorer.quotes_score(gold_arts, records))
        res.update(scorer.entities_score(gold_arts, records))
        res.update(headline_figures(gold, records))
        res["recogniser"] = analyses[0].recogniser if analyses else recogniser
    res["words"] = words
    res["split_words_per_s"] = round(words / max(t1 - t0, 1e-9))
    res["analysis_words_per_s"] = round(words / max(t2 - t1, 1e-9))
    pred_path.unlink()
    return res


def anchor_figures(
    scorer: ModuleType, gold_arts: list[dict[str, Any]], lines: list[str]
) -> dict[str, dict[str, Any]]:
    out = {}
    for name, anchor in ANCHORS.items():
        spans = [{"start_line": a, "end_line": b} for a, b in anchor(lines)]
        seg = scorer.segments_score(gold_arts, spans, lines)
        out[name] = {k: seg[k] for k in ("boundary_f1", "pk", "articles_exact")}
    return out


def table(rows: list[dict[str, Any]]) -> str:
    """One line per corpus: F1 / Pk / exact for newsreader, then for each anchor."""
    names = ["newsreader", *ANCHORS]
    head = f"{'corpus':34}" + "".join(f"{n:>24}" for n in names)
    out = [head, " " * 34 + "".join(f"{'F1   Pk    exact':>24}" for _ in names)]
    for r in rows:
        cells = [r, *(r["anchors"][n] for n in ANCHORS)]
        out.append(
            f"{r['corpus']:34}"
            + "".join(
                f"{c['boundary_f1']:>9.2f} {c['pk']:5.2f} {c['articles_exact']:>8}" for c in cells
            )
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dirs", nargs="*", type=Path, default=[DEFAULT_GOLD])
    ap.add_argument("--gold-split", action="store_true", help="analyse the gold article spans")
    ap.add_argument("--recogniser", default="builtin", choices=["builtin", "spacy", "auto"])
    ap.add_argument("--scorer", type=Path, default=None, help="reference score.py")
    ap.add_argument("--save-pred", type=Path, default=None, help="write NAME.pred.jsonl here")
    ap.add_argument("--split-only", action="store_true", help="score splitting only")
    ap.add_argument("--table", action="store_true", help="end with a table of split figures")
    ap.add_argument(
        "--public",
        action="store_true",
        help="also the public dev splits (PolNeAR quotes, CoNLL++ entities with spaCy sm alone "
        "beside), from benchmarks/data/ as polnear.py and conll.py build it",
    )
    args = ap.parse_args(argv)
    rows = []
    # Load gazetteers (and a spaCy pipeline) before any clock starts: words/s is steady-state.
    warm = ("Officials in Taipei said on Monday the council would meet.",)
    analyze(Article("w", "w", 1, 1, "w", None, False, warm), recogniser=args.recogniser)
    for gold_dir in args.gold_dirs:
        scorer = scorer_for(gold_dir, args.scorer)
        for gold_path in sorted(gold_dir.glob("*.gold.json")):
            txt = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
            if not txt.exists():
                continue
            res = run_corpus(
                txt,
                gold_path,
                scorer,
                args.gold_split,
                args.recogniser,
                args.save_pred,
                args.split_only,
            )
            rows.append(res)
            print(json.dumps(res, ensure_ascii=False), flush=True)
    if args.table:
        print(table(rows))
    if args.public:
        public_dev_splits()
    return 0


def public_dev_splits() -> None:
    """PolNeAR dev (quotes, speakers) and CoNLL++ dev (entities: builtin, builtin+spaCy, spaCy
    sm alone), each by its own script on the local copy in ``benchmarks/data/`` (built once
    from a mirror the scripts are given; nothing is downloaded). Only dev splits: never test."""
    import subprocess

    here = Path(__file__).resolve().parent
    runs = {
        "polnear_dev": (here / "data" / "polnear", ["polnear.py", "--split", "dev"]),
        "conllpp_dev": (here / "data" / "conllpp", ["conll.py", "--split", "dev"]),
    }
    for name, (data, (script, *rest)) in runs.items():
        if not data.exists():
            print(json.dumps({"corpus": name, "skipped": f"no {data}; build it with {script}"}))
            continue
        argv = [sys.executable, str(here / script), *rest]
        if script == "polnear.py":
            argv.insert(2, str(data))  # its mirror argument: the local copy serves as one
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
        try:
            result: Any = json.loads(done.stdout)
        except ValueError:
            lines = done.stdout.strip().splitlines()
            try:
                result = [json.loads(line) for line in lines]
            except ValueError:
                result = {"error": (done.stderr or done.stdout).strip()[-300:]}
        print(json.dumps({"corpus": name, "result": result}), flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
