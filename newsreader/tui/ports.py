"""The read state a search filters by, as ``tui/typing_tags.py`` sees the store.

Everything else in the TUI is typed against the real ``Library`` and ``Store``; this one shape
stays because ``TypingTagState`` stands in for the store in a search (it widens the tag being
typed to a prefix) and passes through only these calls.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class StoreLike(Protocol):
    """Bookmarks, read marks and tags, enough to filter a search by."""

    def bookmarks(self) -> Iterable[str]: ...
    def read_ids(self) -> Iterable[str]: ...
    def ids_with_tag(self, tag: str) -> Iterable[str]: ...
    def tag_counts(self) -> dict[str, int]: ...
