"""The scale benchmark's corpus generator: deterministic, N distinct articles, seed-like text."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest


def _write(
    make_corpus: ModuleType, folder: Path, n: int, seed: int
) -> tuple[str, list[dict[str, Any]]]:
    out, truth = folder / f"c{seed}.txt", folder / f"c{seed}.truth.jsonl"
    figures = make_corpus.write_corpus(n, out, seed=seed, truth=truth)
    assert figures["articles"] == n
    assert figures["bytes"] == out.stat().st_size
    rows = [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines()]
    return out.read_text(encoding="utf-8"), rows


def test_same_seed_same_bytes_other_seed_other_text(
    make_corpus: ModuleType, tmp_path: Path
) -> None:
    a, _ = _write(make_corpus, tmp_path / "a", 150, seed=1)
    b, _ = _write(make_corpus, tmp_path / "b", 150, seed=1)
    c, _ = _write(make_corpus, tmp_path / "c", 150, seed=2)
    assert a == b
    assert a != c


def test_n_distinct_articles_covering_every_line(make_corpus: ModuleType, tmp_path: Path) -> None:
    text, rows = _write(make_corpus, tmp_path, 300, seed=3)
    lines = text.split("\n")
    assert lines[-1] == ""  # ends with a newline
    lines = lines[:-1]
    assert len(rows) == 300
    assert rows[0]["start_line"] == 1 and rows[-1]["end_line"] == len(lines)
    for prev, cur in itertools.pairwise(rows):
        assert cur["start_line"] == prev["end_line"] + 1
    bodies = {"\n".join(lines[r["start_line"] - 1 : r["end_line"]]) for r in rows}
    assert len(bodies) == 300


def test_text_looks_like_the_seed(make_corpus: ModuleType, tmp_path: Path) -> None:
    text, rows = _write(make_corpus, tmp_path, 400, seed=4)
    lines = text.rstrip("\n").split("\n")
    # One paragraph a line, no blank lines, no separators.
    assert all(line.strip() == line and line for line in lines)
    excerpts = [r for r in rows if r["truncated"]]
    full = [r for r in rows if not r["truncated"]]
    assert 0.2 < len(excerpts) / len(rows) < 0.7
    for r in excerpts:  # single lines of ~600-700 characters cut mid-sentence at a word
        assert r["start_line"] == r["end_line"]
        line = lines[r["start_line"] - 1]
        assert 300 <= len(line) <= 800, len(line)
        assert line[-1] not in '.!?”"’'
    lengths = {r["end_line"] - r["start_line"] + 1 for r in full}
    assert max(lengths) >= 10 and min(lengths) <= 4  # varied lengths
    assert any(r["headline"] for r in rows)
    for r in rows:
        if r["headline"]:
            assert lines[r["start_line"] - 1] == r["headline"]
    assert any(re.fullmatch(r"Photo: [^.]+", line) for line in lines)  # bare credit lines
    assert any(". Photo: " in line for line in lines)  # descriptive captions
    said = sum(
        bool(re.search(r"[”\"],? (?:[A-Z][\w-]+ )*(?:said|he said|she said)", line))
        for line in lines
    )
    assert said > len(rows) / 2  # quotes with attributions
    assert re.search(
        r"[A-Z][a-z]+ [A-Z][a-z]+-[a-z]+ \([\u4e00-\u9fff]+\)", text
    )  # "Ho Cheng-hui (何澄輝)"


def test_cli_prints_figures(
    make_corpus: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cli.txt"
    assert make_corpus.main(["25", str(out), "--seed", "9"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["articles"] == 25
    assert figures["bytes"] == out.stat().st_size > 0
    assert figures["seconds"] >= 0
