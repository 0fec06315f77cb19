"""Saved pages (``.html``/``.htm``, or a folder of them) open like text files, one article each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.library import Library
from tests.web.page_fixture import PAGE

Capsys = pytest.CaptureFixture[str]


def test_analyze_reads_a_saved_page_as_one_article(tmp_path: Path, capsys: Capsys) -> None:
    page = tmp_path / "quay.html"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["analyze", str(page)]) == 0
    [record] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert record["title"] == "Quay wall repaired before the winter storms"
    assert record["headline"] == record["title"] == record["paragraphs"][0]
    assert not any("cookies" in p or "newsletter" in p for p in record["paragraphs"])
    assert {q["speaker"] for q in record["quotes"]} == {"Mara Quint"}


def test_a_folder_of_pages_and_piles_and_a_page_without_an_article(
    tmp_path: Path, capsys: Capsys
) -> None:
    (tmp_path / "quay.htm").write_text(PAGE, encoding="utf-8")
    (tmp_path / "menu.html").write_text("<html><body><nav>Home</nav></body></html>")
    (tmp_path / "pile.txt").write_text("Ferries resume\n\nThe ferries run again, the port said.\n")
    library = Library(cache_dir=tmp_path / "cache")
    library.load_files([str(p) for p in sorted(tmp_path.glob("*.*"))])
    titles = [a.title for a in library.articles]
    assert "Quay wall repaired before the winter storms" in titles
    assert any("no article text found" in w for w in library.warnings)
    assert main(["search", "quay", "--in", str(tmp_path), "--json"]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [h["title"] for h in hits] == ["Quay wall repaired before the winter storms"]


async def test_the_reader_opens_a_saved_page(tmp_path: Path) -> None:
    from newsreader.tui.app import NewsReaderApp
    from tests.tui.pilot_helpers import loaded

    page = tmp_path / "quay.html"
    page.write_text(PAGE, encoding="utf-8")
    cache = tmp_path / "cache"
    cache.mkdir()
    app = NewsReaderApp(texts=[], paths=[str(page)], db_path=tmp_path / "db.json",
                        cache_dir=cache, recogniser="builtin")  # fmt: skip
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("enter")
        await loaded(app, pilot)
        analysis = app.reader.analysis
        assert analysis is not None and [q.speaker for q in analysis.quotes] == ["Mara Quint"]
        assert app.library.articles[0].paragraphs[-2:] == (
            "[1]: https://example.org/minutes",
            "[2]: https://example.org/plan",
        )
