"""``r`` after a news file grew: only its new articles join the library."""

from __future__ import annotations

from pathlib import Path

from newsreader.library import Library

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "000_f977d078cdb8bfdf.txt"

MORE = """

Harbour to reopen after the storm

PORT ELLAND, Tuesday — The harbour will reopen next week, officials said on Tuesday after
divers checked the pier and found the foundations sound.

“We will have the pier ready before the ferries return,” harbour master Mira Okonkwo said.
"""


def test_a_grown_file_adds_only_its_new_articles(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    library = Library(tmp_path / "cache")
    library.load_files([str(path)])
    before = list(library.articles)
    assert library.grown_files() == []
    with path.open("a", encoding="utf-8") as fh:
        fh.write(MORE)
    assert library.grown_files() == [str(path)]
    added = library.load_grown(library.grown_files())
    assert added >= 1
    assert library.articles[: len(before)] == before
    ids = [article.id for article in library.articles]
    assert len(ids) == len(set(ids)), "the articles already loaded are not loaded again"
    assert any("Okonkwo" in a.text for a in library.articles[len(before) :])
    assert {a.source for a in library.articles} == {str(path)}
    assert library.grown_files() == [], "what was read is remembered"
