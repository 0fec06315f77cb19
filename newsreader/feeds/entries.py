"""Parsed entries as the archive keeps them: a title for every one, links listed under the text
the way newsboat shows them, dates as Unix seconds, and an identity (``entry_guid``)."""

from __future__ import annotations

from newsreader.feeds.model import ParsedFeed
from newsreader.storage.archive import NewEntry, entry_guid

__all__ = ["new_entries"]


def new_entries(parsed: ParsedFeed) -> list[NewEntry]:
    """The entries of ``parsed`` to store (empty items, all a broken feed may leave, dropped)."""
    from newsreader.split import derive_title

    out = []
    for e in parsed.entries:
        # An Atom entry may give only <updated>: that is its date then.
        when = e.published or e.updated
        published = when.timestamp() if when is not None else None
        updated = e.updated.timestamp() if e.updated is not None else None
        paragraphs = tuple(p for p in e.paragraphs if p.strip())
        if not (e.title or e.link or paragraphs):
            continue  # an empty <item> (often all that is left of a broken feed's last one)
        title = e.title or (derive_title(paragraphs, None) if paragraphs else "(untitled)")
        if e.links:
            paragraphs += ("Links:", *(f"[{n}]: {url}" for n, url in enumerate(e.links, 1)))
        out.append(
            NewEntry(
                guid=entry_guid(e.guid, e.link, e.title, published),
                link=e.link,
                title=title,
                author=e.author,
                published=published,
                updated=updated,
                paragraphs=paragraphs,
                links=e.links,
            )
        )
    return out
