"""The feed corpus generator: deterministic, every format, every feed parses cleanly."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from newsreader.feeds.parse import parse_feed

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def feedgen() -> ModuleType:
    """``benchmarks/feedgen.py`` loaded by path: ``benchmarks/`` is a folder of scripts."""
    spec = importlib.util.spec_from_file_location("feedgen", BENCHMARKS / "feedgen.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["feedgen"] = module
    spec.loader.exec_module(module)
    return module


def test_same_seed_same_bytes(feedgen: ModuleType, tmp_path: Path) -> None:
    a = feedgen.generate(tmp_path / "a", n=8, seed=4, max_bytes=40_000)
    b = feedgen.generate(tmp_path / "b", n=8, seed=4, max_bytes=40_000)
    c = feedgen.generate(tmp_path / "c", n=8, seed=5, max_bytes=40_000)
    assert [f.path.read_bytes() for f in a] == [f.path.read_bytes() for f in b]
    assert [f.path.read_bytes() for f in a] != [f.path.read_bytes() for f in c]


def test_every_format_parses_with_the_html_furniture_removed(
    feedgen: ModuleType, tmp_path: Path
) -> None:
    feeds = feedgen.generate(tmp_path, n=16, seed=2, max_bytes=60_000)
    assert {f.kind for f in feeds} == {"rss20", "atom10", "rss10", "jsonfeed10", "jsonfeed11"}
    sizes = [f.bytes for f in feeds]
    assert min(sizes) < 3_000 and 40_000 < max(sizes) < 90_000
    for generated in feeds:
        assert generated.bytes == generated.path.stat().st_size
        parsed = parse_feed(generated.path.read_bytes(), None, "https://corpus.example/feed")
        assert parsed.kind == generated.kind
        assert len(parsed.entries) == generated.entries
        assert parsed.warnings == ()
        text = " ".join(p for entry in parsed.entries for p in entry.paragraphs)
        assert "Share" not in text and "pixel" not in text
        assert "\u201c" in text
        assert all(entry.published is not None for entry in parsed.entries)


def test_entries_are_distinct_parsed_entries(feedgen: ModuleType) -> None:
    made = list(feedgen.entries(500, seed=3))
    assert len(made) == 500
    assert len({e.guid for e in made}) == 500
    assert len({e.paragraphs for e in made}) == 500
    assert made == list(feedgen.entries(500, seed=3))
    assert all(e.published is not None and e.published.tzinfo is not None for e in made)
    dates = [e.published for e in made]
    assert dates == sorted(dates, reverse=True)
    with_links = [e for e in made if e.links]
    assert with_links
    assert all(f"[{len(e.links)}]" in " ".join(e.paragraphs) for e in with_links)
