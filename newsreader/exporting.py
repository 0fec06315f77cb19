"""Export what the user made (bookmarks, tags, notes) as JSON or Markdown.

Exports are built from the store alone: each bookmarked or tagged article's title, source and
quote notes are saved with it, so an export works without the news files that produced it.
"""

from __future__ import annotations

import json
import os
from typing import Any, Protocol

from newsreader.storage.store import ArticleMeta


class _ExportSource(Protocol):
    def bookmarks(self) -> frozenset[str]: ...
    def tags_of(self, article_id: str) -> frozenset[str]: ...
    def tag_counts(self) -> dict[str, int]: ...
    def ids_with_tag(self, tag: str) -> frozenset[str]: ...
    def meta(self, article_id: str) -> ArticleMeta | None: ...
    def export_all(self) -> dict[str, Any]: ...
    def read_ids(self) -> frozenset[str]: ...


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
                "link": meta.link if meta else None,
                "saved_at": meta.saved_at if meta else None,
            }
        )
    items.sort(key=lambda it: (not it["bookmarked"], (it["title"] or "").lower(), it["id"]))
    return items


def export_json(store: _ExportSource, everything: bool = False) -> str:
    """Bookmarks and tags as JSON; ``everything`` gives the full, importable dump."""
    data: Any = store.export_all() if everything else {"items": saved_items(store)}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=everything) + "\n"


def export_markdown(store: _ExportSource, everything: bool = False, cwd: str | None = None) -> str:
    """A reading list in the order things were saved (oldest first; those saved before the
    time was kept come last, by title): each article's link (feed entries), its source file
    relative to ``cwd`` (default: the current folder), tags and notes. ``everything`` adds
    the count of read marks (the reading list has no other state to show)."""

    def saved_order(it: dict[str, Any]) -> tuple[bool, float, str, str]:
        return (
            it["saved_at"] is None,
            it["saved_at"] or 0.0,
            (it["title"] or "").lower(),
            it["id"],
        )

    items = sorted(saved_items(store), key=saved_order)
    lines = ["# newsreader: saved articles", ""]
    if everything:
        lines += [f"{len(store.read_ids()):,} articles read.", ""]
    if not items:
        lines += ["(nothing bookmarked or tagged yet)", ""]
    for it in items:
        mark = "★ " if it["bookmarked"] else ""
        lines.append(f"## {mark}{_md(it['title'] or it['id'])}")
        lines.append("")
        link = it["link"]
        if link and link.startswith(("http://", "https://")) and not any(c in link for c in " <>"):
            lines.append(f"- link: <{link}>")
        elif link:
            lines.append(f"- link: {_md(link)}")
        if it["source"]:
            lines.append(f"- source: {_md(_relative(it['source'], cwd))}")
        if it["tags"]:
            lines.append("- tags: " + ", ".join(f"`{t}`" for t in it["tags"]))
        lines.append(f"- id: `{it['id']}`")
        if it["notes"]:
            lines.append("")
        for note in it["notes"]:
            lines.append(f"> {_md(note)}")
            lines.append(">")
        if it["notes"]:
            lines.pop()
        lines.append("")
    return "\n".join(lines)


def _relative(source: str, cwd: str | None) -> str:
    """A file's path relative to ``cwd`` when it lies under it (as it was given when it was
    opened from there); a feed's name or a path elsewhere as it is."""
    if not os.path.isabs(source):
        return source
    base = os.path.abspath(cwd or os.getcwd())
    try:
        common = os.path.commonpath([base, source])
    except ValueError:  # another drive
        return source
    return os.path.relpath(source, base) if common == base else source


def _md(text: str) -> str:
    """Keep article text from being read as Markdown structure or HTML."""
    out = text.replace("\\", "\\\\")
    for ch in "`*_[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return out
