"""The user's data in memory and the operations that change it.

Every change is an *operation* (a small JSON-able dict) applied by :meth:`UserState.apply`. The
same function replays the journal at start-up, applies another instance's appends, and applies
local changes, so there is exactly one definition of what each change means. Operations set
values ("bookmark X on", "add tag T to X") rather than flip them, so applying one twice is
harmless — which is what makes replay after a crash and re-application of a pending change safe.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from newsreader.tags import normalise_tag

Op = dict[str, Any]

EXPORT_FORMAT = "newsreader-userdata"


@dataclass(frozen=True)
class ArticleMeta:
    """Stored with bookmarked/tagged items so export works without the corpus."""

    title: str
    source: str
    notes: tuple[str, ...] = ()
    #: A feed entry's link (None for articles cut from text files).
    link: str | None = None
    #: When the user first bookmarked or tagged it (Unix seconds; None if not known): the
    #: Markdown reading list is in this order.
    saved_at: float | None = None


def check_id(article_id: str) -> str:
    if not isinstance(article_id, str) or not article_id:
        raise ValueError("an article id must be a non-empty string")
    return article_id


def meta_to_json(meta: ArticleMeta | None) -> dict[str, Any] | None:
    if meta is None:
        return None
    out: dict[str, Any] = {"title": meta.title, "source": meta.source, "notes": list(meta.notes)}
    # Written only when known, so the files of older versions (which ignore them) look alike.
    if meta.link is not None:
        out["link"] = meta.link
    if meta.saved_at is not None:
        out["saved_at"] = meta.saved_at
    return out


def meta_from_json(value: Any) -> ArticleMeta | None:
    """The meta encoded by :func:`meta_to_json`; raises ValueError on anything else."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ValueError("article metadata must be an object")
    title, source, notes = value.get("title"), value.get("source"), value.get("notes", [])
    if not isinstance(title, str) or not isinstance(source, str):
        raise ValueError("article metadata needs a text title and source")
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        raise ValueError("article notes must be a list of text")
    link, saved_at = value.get("link"), value.get("saved_at")
    if link is not None and not isinstance(link, str):
        raise ValueError("an article's link must be text")
    if saved_at is not None and (
        isinstance(saved_at, bool) or not isinstance(saved_at, (int, float))
    ):
        raise ValueError("an article's saved_at must be a number")
    return ArticleMeta(title, source, tuple(notes), link, float(saved_at) if saved_at else None)


def _str_list(value: Any, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"{what} must be a list of non-empty strings")
    return value


def merge_payload(data: Mapping[str, Any]) -> dict[str, Any]:
    """Validate an export (see :meth:`UserState.export`) and return it in canonical form.

    Raises ValueError with a short reason; tags are normalised so a hand-edited file still fits.
    """
    if not isinstance(data, Mapping):
        raise ValueError("expected a JSON object")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ValueError("missing schema_version")
    if version > 1 or version < 1:
        raise ValueError(f"unsupported schema_version {version}")
    bookmarks = _str_list(data.get("bookmarks", []), "bookmarks")
    read = _str_list(data.get("read", []), "read")
    raw_tags = data.get("tags", {})
    if not isinstance(raw_tags, Mapping):
        raise ValueError("tags must be an object of tag -> ids")
    tags: dict[str, list[str]] = {}
    for tag, ids in raw_tags.items():
        tags.setdefault(normalise_tag(tag), []).extend(_str_list(ids, f"tag {tag!r}"))
    raw_articles = data.get("articles", {})
    if not isinstance(raw_articles, Mapping):
        raise ValueError("articles must be an object of id -> metadata")
    articles: dict[str, Any] = {}
    for article_id, meta in raw_articles.items():
        check_id(article_id)
        articles[article_id] = meta_to_json(meta_from_json(meta))
    return {"bookmarks": bookmarks, "tags": tags, "read": read, "articles": articles}


def _is_meta(value: Any) -> bool:
    try:
        meta_from_json(value)
    except ValueError:
        return False
    return True


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


def _is_tag(value: Any) -> bool:
    try:
        return isinstance(value, str) and normalise_tag(value) == value
    except ValueError:
        return False


def valid_op(op: Mapping[str, Any]) -> bool:
    """Whether a journal record is an operation this version understands."""
    kind = op.get("op")
    if kind == "bm":
        return _is_id(op.get("id")) and isinstance(op.get("on"), bool) and _is_meta(op.get("meta"))
    if kind == "tag+":
        return _is_id(op.get("id")) and _is_tag(op.get("tag")) and _is_meta(op.get("meta"))
    if kind == "tag-":
        return _is_id(op.get("id")) and _is_tag(op.get("tag"))
    if kind == "tags":
        tags = op.get("tags")
        return (
            _is_id(op.get("id"))
            and isinstance(tags, list)
            and all(_is_tag(t) for t in tags)
            and _is_meta(op.get("meta"))
        )
    if kind == "read":
        return _is_id(op.get("id")) and isinstance(op.get("on"), bool)
    if kind == "merge":
        try:
            merge_payload({"schema_version": 1, **op.get("data", {})})
        except (ValueError, TypeError):
            return False
        return True
    return False


class UserState:
    """Bookmarks, tags (both directions), read marks and metadata, with cached frozen views."""

    def __init__(self) -> None:
        self.bookmarks: set[str] = set()
        self.tags: dict[str, set[str]] = {}  # tag -> article ids
        self.article_tags: dict[str, set[str]] = {}  # article id -> tags
        self.read: set[str] = set()
        self.meta: dict[str, ArticleMeta] = {}
        self._frozen_bookmarks: frozenset[str] | None = None
        self._frozen_read: frozenset[str] | None = None
        self._frozen_tags: dict[str, frozenset[str]] = {}

    # -- views ------------------------------------------------------------------------------

    def frozen_bookmarks(self) -> frozenset[str]:
        if self._frozen_bookmarks is None:
            self._frozen_bookmarks = frozenset(self.bookmarks)
        return self._frozen_bookmarks

    def frozen_read(self) -> frozenset[str]:
        if self._frozen_read is None:
            self._frozen_read = frozenset(self.read)
        return self._frozen_read

    def frozen_tag(self, tag: str) -> frozenset[str]:
        cached = self._frozen_tags.get(tag)
        if cached is None:
            cached = frozenset(self.tags.get(tag, ()))
            self._frozen_tags[tag] = cached
        return cached

    def tags_of(self, article_id: str) -> frozenset[str]:
        return frozenset(self.article_tags.get(article_id, ()))

    def saved_ids(self) -> set[str]:
        """Articles whose metadata is worth keeping: bookmarked or tagged."""
        return self.bookmarks | self.article_tags.keys()

    def same_as(self, other: UserState) -> bool:
        return (
            self.bookmarks == other.bookmarks
            and self.article_tags == other.article_tags
            and self.read == other.read
            and self.meta == other.meta
        )

    # -- mutation ---------------------------------------------------------------------------

    def apply(self, op: Mapping[str, Any]) -> int:
        """Apply one operation; returns how many items it changed (0 when it was a no-op)."""
        kind = op["op"]
        article_id = op.get("id", "")
        changed = 0
        if kind in ("bm", "tag+", "tags"):
            changed += self._set_meta(article_id, meta_from_json(op.get("meta")))
        if kind == "bm":
            changed += self._set_bookmark(article_id, op["on"])
        elif kind == "tag+":
            changed += self._add_tag(article_id, op["tag"])
        elif kind == "tag-":
            changed += self._remove_tag(article_id, op["tag"])
        elif kind == "tags":
            wanted = set(op["tags"])
            have = self.article_tags.get(article_id, set())
            for tag in sorted(have - wanted):
                changed += self._remove_tag(article_id, tag)
            for tag in sorted(wanted - have):
                changed += self._add_tag(article_id, tag)
        elif kind == "read":
            changed += self._set_read(article_id, op["on"])
        elif kind == "merge":
            changed += self._merge(op["data"])
        else:  # pragma: no cover - valid_op() filters these out
            raise ValueError(f"unknown operation {kind!r}")
        return changed

    def _set_meta(self, article_id: str, meta: ArticleMeta | None) -> int:
        if meta is None or self.meta.get(article_id) == meta:
            return 0
        self.meta[article_id] = meta
        return 1

    def _set_bookmark(self, article_id: str, on: bool) -> int:
        if (article_id in self.bookmarks) == on:
            return 0
        if on:
            self.bookmarks.add(article_id)
        else:
            self.bookmarks.discard(article_id)
        self._frozen_bookmarks = None
        return 1

    def _add_tag(self, article_id: str, tag: str) -> int:
        ids = self.tags.setdefault(tag, set())
        if article_id in ids:
            return 0
        ids.add(article_id)
        self.article_tags.setdefault(article_id, set()).add(tag)
        self._frozen_tags.pop(tag, None)
        return 1

    def _remove_tag(self, article_id: str, tag: str) -> int:
        ids = self.tags.get(tag)
        if not ids or article_id not in ids:
            return 0
        ids.discard(article_id)
        if not ids:
            del self.tags[tag]
        mine = self.article_tags[article_id]
        mine.discard(tag)
        if not mine:
            del self.article_tags[article_id]
        self._frozen_tags.pop(tag, None)
        return 1

    def _set_read(self, article_id: str, on: bool) -> int:
        if (article_id in self.read) == on:
            return 0
        if on:
            self.read.add(article_id)
        else:
            self.read.discard(article_id)
        self._frozen_read = None
        return 1

    def _merge(self, data: Mapping[str, Any]) -> int:
        changed = 0
        for article_id, meta in data.get("articles", {}).items():
            changed += self._set_meta(article_id, meta_from_json(meta))
        for article_id in data.get("bookmarks", []):
            changed += self._set_bookmark(article_id, True)
        for tag, ids in data.get("tags", {}).items():
            for article_id in ids:
                changed += self._add_tag(article_id, tag)
        for article_id in data.get("read", []):
            changed += self._set_read(article_id, True)
        return changed

    # -- bulk ---------------------------------------------------------------------------------

    def load(
        self,
        bookmarks: Iterable[str],
        tags: Mapping[str, Iterable[str]],
        read: Iterable[str],
        meta: Mapping[str, ArticleMeta],
    ) -> None:
        """Fill an empty state from a snapshot without going through per-item operations."""
        self.bookmarks = set(bookmarks)
        self.read = set(read)
        self.meta = dict(meta)
        self.tags = {}
        self.article_tags = {}
        for tag, ids in tags.items():
            for article_id in ids:
                self._add_tag(article_id, tag)
        self._frozen_bookmarks = self._frozen_read = None
        self._frozen_tags = {}

    def copy(self) -> UserState:
        other = UserState()
        other.load(self.bookmarks, self.tags, self.read, self.meta)
        return other

    def export(self) -> dict[str, Any]:
        """Every bookmark, tag, read mark and (for saved articles) metadata, sorted for diffs."""
        saved = self.saved_ids()
        return {
            "format": EXPORT_FORMAT,
            "schema_version": 1,
            "bookmarks": sorted(self.bookmarks),
            "tags": {tag: sorted(ids) for tag, ids in sorted(self.tags.items()) if ids},
            "read": sorted(self.read),
            "articles": {
                article_id: meta_to_json(meta)
                for article_id, meta in sorted(self.meta.items())
                if article_id in saved
            },
        }
