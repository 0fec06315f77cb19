"""Issue 13's export and search details: the Markdown reading list (links, relative sources,
notes, in the order things were saved; ``--all``), and ``search`` exiting 1 on no match."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.exporting import export_markdown
from newsreader.storage.store import ArticleMeta, Store


def test_markdown_reading_list(tmp_path: Path) -> None:
    news = tmp_path / "news" / "wire.txt"
    with Store(tmp_path / "db.json") as store:
        store.toggle_bookmark("b" * 16, ArticleMeta("Second", str(news), saved_at=200.0))
        store.toggle_bookmark(
            "a" * 16,
            ArticleMeta("First", "Harbour News", ("Mira: “Ready soon”",),
                        link="https://harbour.example/1", saved_at=100.0),
        )  # fmt: skip
        store.add_tag("c" * 16, "kinmen")  # saved before times were kept: last
        store.mark_read("a" * 16)
        md = export_markdown(store, cwd=str(tmp_path))
        everything = export_markdown(store, everything=True, cwd=str(tmp_path))
    assert md.index("First") < md.index("Second") < md.index("`kinmen`")
    assert "- link: <https://harbour.example/1>" in md
    assert f"- source: news{os.sep}wire.txt" in md, "relative to where it was opened"
    assert "> Mira: “Ready soon”" in md
    assert "1 articles read." in everything and "articles read" not in md


def test_export_all_markdown_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "db.json"
    with Store(db) as store:
        store.toggle_bookmark("a" * 16, ArticleMeta("Title", "seed.txt"))
    assert main(["export", "--all", "--format", "markdown", "--db", str(db)]) == 0
    assert "## ★ Title" in capsys.readouterr().out


def test_search_exits_1_when_nothing_matches(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.json"
    assert main(["search", "--db", str(db), "zzqqxxnothing"]) == 1
    assert capsys.readouterr().out == ""
    assert main(["search", "--db", str(db), "kinmen"]) == 0


def test_search_minus_h_shows_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "-h"]) == 0
    assert "usage: newsreader search" in capsys.readouterr().out
