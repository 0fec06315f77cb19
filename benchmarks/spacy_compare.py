#!/usr/bin/env python3
"""Entity quality and speed: spaCy alone, the built-in recogniser alone, and the two combined.

usage: benchmarks/spacy_compare.py [GOLD_DIR ...] [--scorer PATH] [--repeat N]

For every NAME.txt with a NAME.gold.json (newsreader-gold/1) it analyses the gold article spans,
so that splitting errors do not blur the comparison, scores each recogniser with the reference
scorer's ``entities_score`` (imported from ``../shared/tools/score.py``, so the figures are its
figures) and prints one JSON line per corpus per recogniser. Speed is words per second over the
corpus, each recogniser timed on the same articles one after the other; the pipeline is loaded
(and warmed on one article) before timing, and its load time is reported on its own line.
``spacy_full`` times the whole en_core_web_sm pipeline as people usually run it (parser, tagger,
lemmatizer and all), the anchor for the built-in's ">= 20x spaCy" target; ``spacy`` is the
entity-only pipeline the backend actually runs.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsreader.analysis.entities.find import find_entities  # noqa: E402
from newsreader.analysis.merge.combine import combine_entities  # noqa: E402
from newsreader.analysis.spacy_backend import (  # noqa: E402
    installed_pipeline,
    load_pipeline,
    spacy_entities,
)
from newsreader.model import Entity  # noqa: E402
from newsreader.text import clean_text  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from nlp_quality import gold_articles, scorer_for  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "shared" / "dev"

Recogniser = Callable[[Sequence[str]], list[Entity]]


def gold_paragraphs(text: str, gold: dict[str, Any]) -> list[tuple[str, ...]]:
    """Each gold article's non-blank lines, as the splitter would hand them to analysis."""
    return [a.paragraphs for a in gold_articles(text, gold, "gold")]


def combined(paragraphs: Sequence[str]) -> list[Entity]:
    return combine_entities(spacy_entities(paragraphs), find_entities(paragraphs), paragraphs)


def spacy_full_timer() -> Callable[[Sequence[str]], None]:
    """Run the complete pipeline (nothing disabled), only to time it."""
    name = installed_pipeline()
    if name is None:
        raise SystemExit("no spaCy pipeline installed")
    nlp = importlib.import_module(name).load()

    def run(paragraphs: Sequence[str]) -> None:
        for _ in nlp.pipe(paragraphs, batch_size=64):
            pass

    return run


def timed(
    run: Callable[[Sequence[str]], Any], articles: list[tuple[str, ...]], repeat: int
) -> float:
    """Best wall time of ``repeat`` passes over every article (best, to damp a busy machine)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for paras in articles:
            run(paras)
        best = min(best, time.perf_counter() - t0)
    return best


def score(scorer: ModuleType, gold: dict[str, Any], found: list[list[Entity]]) -> dict[str, Any]:
    records = [{"entities": [{"text": e.text, "label": e.label} for e in ents]} for ents in found]
    figures: dict[str, Any] = scorer.entities_score(gold["articles"], records)
    return figures


def run_corpus(
    gold_path: Path, scorer: ModuleType, full: Callable[[Sequence[str]], None], repeat: int
) -> list[dict[str, Any]]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    txt = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
    articles = gold_paragraphs(clean_text(txt.read_text(encoding="utf-8")), gold)
    words = sum(len(p.split()) for paras in articles for p in paras)
    recognisers: dict[str, Recogniser] = {
        "spacy": spacy_entities,
        "builtin": find_entities,
        "combined": combined,
    }
    # Warm every side on the first article so first-call costs (caches, lazy tables) are not timed.
    for run in (full, *recognisers.values()):
        run(articles[0])
    # Best of several passes steadies the figures on a small corpus; the built-in is fast
    # enough for many more.
    slow = max(1, repeat // 2)
    seconds = {
        "spacy_full": timed(full, articles, slow),
        "spacy": timed(spacy_entities, articles, slow),
        "builtin": timed(find_entities, articles, repeat * 4),
        "combined": timed(combined, articles, slow),
    }
    base = {"corpus": txt.stem, "articles": len(articles), "words": words}
    rows: list[dict[str, Any]] = []
    for name, seconds_taken in seconds.items():
        row: dict[str, Any] = {**base, "recogniser": name}
        if name in recognisers:
            row.update(score(scorer, gold, [recognisers[name](paras) for paras in articles]))
        row["words_per_s"] = round(words / max(seconds_taken, 1e-9))
        rows.append(row)
    for row in rows:
        row["speed_vs_spacy_full"] = round(row["words_per_s"] / rows[0]["words_per_s"], 2)
        row["speed_vs_spacy"] = round(row["words_per_s"] / rows[1]["words_per_s"], 2)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("gold_dirs", nargs="*", type=Path, default=[DEFAULT_GOLD])
    ap.add_argument("--scorer", type=Path, default=None, help="reference score.py")
    ap.add_argument("--repeat", type=int, default=4, help="timing passes (spaCy: half of them)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    nlp = load_pipeline()
    load_s = time.perf_counter() - t0
    full = spacy_full_timer()
    print(
        json.dumps(
            {
                "pipeline": installed_pipeline(),
                "components": nlp.pipe_names,
                "load_s": round(load_s, 2),
            }
        ),
        flush=True,
    )
    for gold_dir in args.gold_dirs:
        scorer = scorer_for(gold_dir, args.scorer)
        for gold_path in sorted(gold_dir.glob("*.gold.json")):
            if not gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).exists():
                continue
            for row in run_corpus(gold_path, scorer, full, max(1, args.repeat)):
                print(json.dumps(row, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
