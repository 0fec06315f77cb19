"""Shared fixtures: every test gets its own data and cache directories under tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "000_f977d078cdb8bfdf.txt"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point XDG dirs at a temp folder so nothing can touch the user's real database or cache."""
    base = tmp_path_factory.mktemp("xdg")
    monkeypatch.setenv("XDG_DATA_HOME", str(base / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "config"))
    # The built-in recogniser by default, whether or not spaCy is installed, so results do not
    # depend on the machine; the spaCy tests ask for it explicitly.
    monkeypatch.setenv("NEWSREADER_ENTITIES", "builtin")


@pytest.fixture
def seed_path() -> Path:
    return SEED
