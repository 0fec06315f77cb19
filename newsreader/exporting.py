"""Export what the user made (bookmarks, tags, notes) as JSON or Markdown.

Exports are built from the store alone: each bookmarked or tagged article's title, source and
quote notes are saved with it, so an export works without the news files that produced it.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

from newsreader.storage.store import ArticleMeta


class _ExportSource(Protocol):
    def bookmarks(self) -> frozenset[str]: ...
    def tags_of(self, article_id: str) -> frozenset[str]: ...
    def tag_counts(self) -> dict[str, int]: ...
    def ids_with_tag(self, tag: str) -> frozenset[str]: ...
    def meta(self, article_id: str) -> ArticleMeta | None: ...
    def export_all(self) -> dict[str, Any]: ...


def saved_items(store: _ExportSource) -> list[dict[str, Any]]:
    """Every bookmarked or tagged article, bookmarks first, then by title."""
    ids: set[str] = set(store.bookmarks())
    for tag in store.tag_counts():
        ids |= store.ids_with_tag(tag)
    bookmarks = store.bookmarks()
    items: list[dict[str, Any]] = []
    for article_id in ids:
        meta = store.meta(article_id)
        items.append(
            {
                "id": article_id,
                "title": meta.title if meta else None,
                "source": meta.source if meta else None,
                "bookmarked": article_id in bookmarks,
                "tags": sorted(store.tags_of(article_id)),
                "notes": list(meta.notes) if meta else [],
            }
        )
    items.sort(key=lambda it: (not it["bookmarked"], (it["title"] or "").lower(), it["id"]))
    return items


def export_json(store: _ExportSource, everything: bool = False) -> str:
    """Bookmarks and tags as JSON; ``everything`` gives the full, importable dump."""
    data: Any = store.export_all() if everything else {"items": saved_items(store)}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=everything) + "\n"


def export_markdown(store: _ExportSource) -> str:
    """A reading list: one section per saved article with its tags and quote notes."""
    items = saved_items(store)
    lines = ["# newsreader: saved articles", ""]
    if not items:
        lines += ["(nothing bookmarked or tagged yet)", ""]
    for it in items:
        mark = "★ " if it["bookmarked"] else ""
        lines.append(f"## {mark}{_md(it['title'] or it['id'])}")
        lines.append("")
        if it["source"]:
            lines.append(f"- source: {_md(it['source'])}")
        if it["tags"]:
            lines.append("- tags: " + ", ".join(f"`{t}`" for t in it["tags"]))
        lines.append(f"- id: `{it['id']}`")
        for note in it["notes"]:
            lines.append(f"> {_md(note)}")
            lines.append(">")
        if it["notes"]:
            lines.pop()
        lines.append("")
    return "\n".join(lines)


def _md(text: str) -> str:
    """Keep article text from being read as Markdown structure or HTML."""
    out = text.replace("\\", "\\\\")
    for ch in "`*_[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return out
