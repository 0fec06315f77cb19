"""``tag:kin`` while it is still being typed matches the tags that begin with it.

Words in the search bar match as prefixes until a space ends them (``kinm`` finds Kinmen), and a
tag should behave the same, or ``tag:kin`` shows nothing until the whole name is typed. The
parser keeps tags as typed and the search asks the store for each tag's articles, so the app
hands the search a view of the store in which the one tag being typed (which the query module
finds: :func:`newsreader.search.query.typing_tag`) stands for every tag it begins. Exclusions
(``-tag:x``) and finished tags stay exact, as words do.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsreader.search.query import typing_tag
from newsreader.search.state import ReadState
from newsreader.tags import tag_or_none


def tag_being_typed(text: str) -> str | None:
    """The (normalised) tag of a final ``tag:`` term with no space after it yet, if any."""
    return typing_tag(text)


class TypingTagState:
    """The store as a search sees it, with the tag being typed widened to a prefix."""

    def __init__(self, store: ReadState, typed: str) -> None:
        self._store = store
        self._typed = typed

    def bookmarks(self) -> Iterable[str]:
        return self._store.bookmarks()

    def read_ids(self) -> Iterable[str]:
        return self._store.read_ids()

    def tag_counts(self) -> dict[str, int]:
        return self._store.tag_counts()

    def ids_with_tag(self, tag: str) -> Iterable[str]:
        if tag_or_none(tag) != self._typed:
            return self._store.ids_with_tag(tag)
        found: set[str] = set()
        for name in self._store.tag_counts():
            if name.startswith(self._typed):
                found.update(self._store.ids_with_tag(name))
        return frozenset(found)


def search_state(store: ReadState, text: str) -> ReadState | TypingTagState:
    """What to give ``Library.search`` for ``text``: the store, or the widened view of it."""
    typed = tag_being_typed(text)
    return store if typed is None else TypingTagState(store, typed)
