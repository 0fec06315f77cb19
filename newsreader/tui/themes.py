"""Textual's themes, by name (``newsreader config check`` checks a configured theme with it)."""

from __future__ import annotations

from textual.theme import BUILTIN_THEMES


def theme_names() -> set[str]:
    """The built-in themes' names."""
    return set(BUILTIN_THEMES)
