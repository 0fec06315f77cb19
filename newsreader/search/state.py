"""The user's own state as a query sees it: ``is:bookmarked``, ``is:read``/``is:unread``, ``tag:``.

One implementation for both ways of answering a query: the index turns the resolved sets into
bitmaps (cached per key), the linear scan asks ``accepts`` per article. Both therefore agree on
every corner (no store, a flag both wanted and excluded, ``-is:unread``) by construction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from newsreader.search.query import Query

__all__ = ["ReadState", "StateFilter", "resolve_state", "wants_state"]

#: Names of the id sets a filter uses (the index caches a bitmap per name).
BOOKMARKS = ("bookmarks",)
READ = ("read",)


class ReadState(Protocol):
    """The user's state as a search reads it: the one store-shaped protocol for read state.

    Implemented by :class:`newsreader.storage.store.Store`, by the CLI's empty stand-in when
    there is no database yet, and by the TUI's view that widens the tag being typed.

    Returning the same ``frozenset`` while nothing changed is cheapest: the index caches the
    bitmap of each set and recognises it by identity.
    """

    def bookmarks(self) -> Iterable[str]: ...
    def ids_with_tag(self, tag: str) -> Iterable[str]: ...
    def read_ids(self) -> Iterable[str]: ...
    def tag_counts(self) -> dict[str, int]: ...


#: One id set of a filter: its cache key (``BOOKMARKS``, ``READ`` or ``("tag", name)``) and ids.
KeyedIds = tuple[tuple[str, ...], frozenset[str]]


@dataclass(frozen=True, slots=True)
class StateFilter:
    """The user-state part of a query, resolved against a store.

    A match must be in every ``require`` set and in no ``exclude`` set; ``nothing`` says no
    article can match at all (``is:bookmarked`` without a store, or wanted and excluded).
    """

    require: tuple[KeyedIds, ...] = ()
    exclude: tuple[KeyedIds, ...] = ()
    nothing: bool = False

    @property
    def everything(self) -> bool:
        """Does the filter let every article through (no state terms, or none that bite)?"""
        return not (self.nothing or self.require or self.exclude)

    def accepts(self, article_id: str) -> bool:
        """Does one article pass (for the linear scan; the index uses the sets whole)?"""
        if self.nothing:
            return False
        return all(article_id in ids for _, ids in self.require) and not any(
            article_id in ids for _, ids in self.exclude
        )


_EVERYTHING = StateFilter()
_NOTHING = StateFilter(nothing=True)


def wants_state(query: Query) -> bool:
    """Does the query filter on the user's state at all (``is:truncated`` is the article's)?"""
    return bool(
        query.tags or query.excluded_tags or (query.flags | query.excluded_flags) - {"truncated"}
    )


def resolve_state(query: Query, state: ReadState | None) -> StateFilter:
    """The sets of ids the state terms of ``query`` require and exclude, read from ``state``.

    Without a store nothing is bookmarked, tagged or read: ``is:unread`` and ``-tag:x`` keep
    every article, ``is:read`` and ``tag:x`` none.
    """
    if not wants_state(query):
        return _EVERYTHING
    flags, ex_flags = query.flags, query.excluded_flags
    if state is None:
        if query.tags or "bookmarked" in flags or "read" in flags or "unread" in ex_flags:
            return _NOTHING
        return _EVERYTHING
    if "bookmarked" in flags and "bookmarked" in ex_flags:
        return _NOTHING
    require: list[KeyedIds] = []
    exclude: list[KeyedIds] = []
    if "bookmarked" in flags or "bookmarked" in ex_flags:
        marked = (BOOKMARKS, frozenset(state.bookmarks()))
        (require if "bookmarked" in flags else exclude).append(marked)
    if {"read", "unread"} & (flags | ex_flags):
        read = (READ, frozenset(state.read_ids()))
        if "read" in flags or "unread" in ex_flags:
            require.append(read)
        if "unread" in flags or "read" in ex_flags:
            exclude.append(read)
    require.extend((("tag", tag), frozenset(state.ids_with_tag(tag))) for tag in query.tags)
    exclude.extend(
        (("tag", tag), frozenset(state.ids_with_tag(tag))) for tag in query.excluded_tags
    )
    return StateFilter(tuple(require), tuple(exclude))
