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


# -- feeds ---------------------------------------------------------------------------------------

#: Entries of a small fictional feed (our own text), with quotes, names and places.
HARBOUR_ITEMS: tuple[dict[str, str], ...] = (
    {
        "guid": "harbour-1",
        "title": "Ferry timetable changes at Port Ellery",
        "date": "Mon, 30 Nov 2026 08:15:00 +0000",
        "html": "<p>The Port Ellery Ferry Company will run two extra crossings.</p>"
        "<p>&#8220;We listened to the islanders,&#8221; said Mara Quint, the harbour master. "
        'Details are on <a href="https://example.org/timetable">the timetable page</a>.</p>',
    },
    {
        "guid": "harbour-2",
        "title": "Lighthouse restoration wins grant",
        "date": "Tue, 01 Dec 2026 10:00:00 +0000",
        "html": "<p>The Ellery Heritage Trust received a grant for the old lighthouse.</p>"
        "<ul><li>New lamp</li><li>New stairs</li></ul>",
    },
    {
        "guid": "harbour-3",
        "title": "Storm warning for the Grey Sound",
        "date": "Wed, 02 Dec 2026 18:30:00 +0000",
        "html": "<p>&#8220;Stay in port tonight,&#8221; the coastguard officer Tomas Reyl told "
        "fishermen in Port Ellery.</p>",
    },
)


def rss_feed(
    items: Iterable[dict[str, str]] = HARBOUR_ITEMS, title: str = "Harbour News", ttl: int = 0
) -> bytes:
    """An RSS 2.0 feed of ``items`` (keys guid, title, date, html; link defaults from guid)."""
    from xml.sax.saxutils import escape

    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>',
        f"<title>{escape(title)}</title><link>https://example.org/</link>",
        f"<ttl>{ttl}</ttl>" if ttl else "",
    ]
    for item in items:
        link = item.get("link", f"https://example.org/{item['guid']}")
        parts.append(
            f"<item><guid>{escape(item['guid'])}</guid><title>{escape(item['title'])}</title>"
            f"<link>{escape(link)}</link><pubDate>{item['date']}</pubDate>"
            f"<description>{escape(item['html'])}</description></item>"
        )
    parts.append("</channel></rss>\n")
    return "".join(parts).encode("utf-8")
