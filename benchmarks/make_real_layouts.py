#!/usr/bin/env python3
"""Lay the real-text dev articles out in the layouts the dev set itself lacks.

usage: benchmarks/make_real_layouts.py [REAL_DIR] [--out benchmarks/data/real_layouts]

``../shared/dev/real`` has four layouts; held-out sets also use one blank line between
paragraphs and two between articles, and untitled runs of one section. This script rebuilds
those from ``REAL_DIR/articles/NN.txt`` (one paragraph per line) with span-only gold
(newsreader-gold/1, no quotes or entities), into a gitignored folder: the text stays third-party
and out of the repo. They are the same 36 dev articles, so figures on them are dev figures.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REAL = ROOT.parent / "shared" / "dev" / "real"
DEFAULT_OUT = ROOT / "benchmarks" / "data" / "real_layouts"

#: Articles by section (from the dev set's topic list), in a fixed mixed-up order.
SECTIONS = {
    "weather": ["20", "18", "22", "23", "19", "21", "25"],
    "courts": ["08", "04", "10", "06", "12", "09", "07"],
    "business": ["16", "11", "14", "17", "13", "15"],
    "politics": ["05", "02", "36", "01", "03"],
    "sport_culture": ["29", "31", "35", "28", "33", "30", "34"],
}
MIXED = ["03", "28", "16", "09", "19", "35", "05", "13", "24", "08", "31", "22", "26", "01"]


def _truncated(real: Path) -> dict[str, bool]:
    out = {}
    for row in (real / "sources.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cols = row.split("\t")
        out[cols[0]] = cols[-1].strip() == "yes"
    return out


def build(
    real: Path,
    names: list[str],
    out: Path,
    name: str,
    para_gap: int,
    article_gap: int,
    whole: bool = False,
) -> None:
    """Write one corpus; ``whole`` drops each excerpt's cut-off last paragraph, so that no
    article ends mid-sentence and only the topic says where the next begins."""
    truncated = _truncated(real)
    lines: list[str] = []
    arts = []
    for k, nn in enumerate(names):
        paras = [
            p.strip()
            for p in (real / "articles" / f"{nn}.txt").read_text(encoding="utf-8").splitlines()
        ]
        paras = [p for p in paras if p]
        cut = truncated.get(nn, False)
        if whole and cut and len(paras) > 2:
            paras, cut = paras[:-1], False
        if k:
            lines.extend([""] * article_gap)
        start = len(lines) + 1
        for j, p in enumerate(paras):
            if j:
                lines.extend([""] * para_gap)
            lines.append(p)
        arts.append(
            {
                "start_line": start,
                "end_line": len(lines),
                "headline": None,
                "truncated": cut,
                "quotes": [],
                "entities": [],
            }
        )
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    gold = {"schema": "newsreader-gold/1", "file": f"{name}.txt", "articles": arts}
    (out / f"{name}.gold.json").write_text(json.dumps(gold, indent=1), encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("real", nargs="?", type=Path, default=DEFAULT_REAL)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    build(args.real, MIXED, args.out, "lay_blank2", 1, 2)
    build(args.real, MIXED, args.out, "lay_untitled_mixed", 0, 0)
    build(args.real, MIXED, args.out, "lay_whole_mixed", 0, 0, whole=True)
    for section, names in SECTIONS.items():
        build(args.real, names, args.out, f"lay_section_{section}", 0, 0)
        build(args.real, names, args.out, f"lay_whole_section_{section}", 0, 0, whole=True)
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
