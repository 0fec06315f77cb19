"""Shared fixtures: every test gets its own data and cache directories under tmp_path."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "000_f977d078cdb8bfdf.txt"
BENCHMARKS = ROOT / "benchmarks"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point XDG dirs at a temp folder so nothing can touch the user's real database or cache."""
    base = tmp_path_factory.mktemp("xdg")
    monkeypatch.setenv("XDG_DATA_HOME", str(base / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "config"))
    monkeypatch.delenv("NEWSREADER_CONFIG", raising=False)
    monkeypatch.delenv("NEWSREADER_REFRESH_ON_START", raising=False)
    # The built-in recogniser by default, whether or not spaCy is installed, so results do not
    # depend on the machine; the spaCy tests ask for it explicitly.
    monkeypatch.setenv("NEWSREADER_ENTITIES", "builtin")


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def make_corpus() -> ModuleType:
    """``benchmarks/make_corpus.py``, loaded by path: ``benchmarks/`` is a folder of scripts,
    not a package, and both its own tests and the splitter's long-file test use it."""
    spec = importlib.util.spec_from_file_location("make_corpus", BENCHMARKS / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module
    spec.loader.exec_module(module)
    return module
