"""One splitter for every caller: ``analyze``, ``search`` and the TUI cut a file the same way.

An article id bookmarked in the TUI must be found by ``newsreader analyze`` and ``search``, so
all three must give the same ids and line ranges, also on a file long enough to be split in
several windows.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from newsreader.cli import main
from newsreader.tui.app import NewsReaderApp


def _cli(*argv: str) -> list[dict[str, Any]]:
    out = io.StringIO()
    sys_stdout, sys.stdout = sys.stdout, out
    try:
        assert main(list(argv)) == 0
    finally:
        sys.stdout = sys_stdout
    return [json.loads(line) for line in out.getvalue().splitlines()]


async def test_analyze_search_and_the_tui_cut_a_long_file_the_same_way(
    tmp_path: Path, make_corpus: ModuleType
) -> None:
    corpus = tmp_path / "corpus.txt"
    # Seed 1 at 200 articles is about 1,000 lines: more than the first window and its margin,
    # and one of its boundaries came out differently when judged on the whole file.
    make_corpus.write_corpus(200, corpus, seed=1)
    assert corpus.read_text(encoding="utf-8").count("\n") > 900

    analysed = [(r["id"], r["start_line"], r["end_line"]) for r in _cli("analyze", str(corpus))]
    searched = [
        (r["id"], r["start_line"])
        for r in _cli(
            "search",
            "-zzqqxxnotaword",
            "--in",
            str(corpus),
            "--json",
            "--db",
            str(tmp_path / "none.json"),
        )
    ]

    app = NewsReaderApp(
        [], tmp_path / "db.json", tmp_path / "cache", paths=[str(corpus)], recogniser="builtin"
    )
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        shown = [(a.id, a.start_line, a.end_line) for a in app.library.articles]
        app.exit()

    assert len(analysed) > 150
    assert shown == analysed
    assert searched == [(i, start) for i, start, _ in analysed]
