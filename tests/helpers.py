"""Small helpers shared by test modules in several folders (test modules never import each
other: see ``tests/core/test_test_layout.py``)."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path


def imported_modules(path: Path) -> set[str]:
    """Every module a Python file imports (``import a.b`` and ``from a.b import c`` give a.b)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


class FakeState:
    """The store's read side (``newsreader.search.state.ReadState``) from plain sets."""

    def __init__(
        self,
        bookmarks: Iterable[str] = (),
        tags: dict[str, Iterable[str]] | None = None,
        read: Iterable[str] = (),
    ) -> None:
        self.marked = frozenset(bookmarks)
        self.tags = {k: frozenset(v) for k, v in (tags or {}).items()}
        self.read = frozenset(read)

    def bookmarks(self) -> frozenset[str]:
        return self.marked

    def ids_with_tag(self, tag: str) -> frozenset[str]:
        return self.tags.get(tag, frozenset())

    def read_ids(self) -> frozenset[str]:
        return self.read

    def tag_counts(self) -> dict[str, int]:
        return {tag: len(ids) for tag, ids in self.tags.items() if ids}
