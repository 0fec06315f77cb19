"""``newsreader feed add|remove|list|import|export`` and ``newsreader refresh``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from newsreader.commands.common import (
    CommandError,
    iso_time,
    open_archive,
    read_store,
    write_output,
)
from newsreader.storage.archive import FULL_TEXT_MODES, Archive, FeedRow

__all__ = ["add_feed_parsers", "cmd_feed", "cmd_refresh"]

ParserFactory = Callable[..., argparse.ArgumentParser]


def add_feed_parsers(
    make: ParserFactory, add_db: Callable[[argparse.ArgumentParser], None]
) -> dict[str, argparse.ArgumentParser]:
    """The ``feed`` parser (with its five actions) and the ``refresh`` parser."""
    feed = make(prog="newsreader feed", description="Subscribe to feeds and manage them.")
    actions = feed.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="subscribe to a feed, a web page that links one, or a local file",
        description="Subscribe to URL (RSS, Atom or JSON Feed; a web page that links its feed; "
        "a local file or file:// URL) and fetch it once.",
    )
    add.add_argument("url", metavar="URL")
    add.add_argument("--title", default=None, help="the name to show instead of the feed's")
    add.add_argument(
        "--tag", dest="tags", action="append", default=[], metavar="TAG", help="repeatable"
    )
    add.add_argument(
        "--full-text",
        choices=FULL_TEXT_MODES,
        default=None,
        help="fetch each entry's whole story from its web page: auto (when the feed sends a "
        "teaser; the default), always, or never",
    )
    remove = actions.add_parser("remove", help="unsubscribe (bookmarks and tags are kept)")
    remove.add_argument("url", metavar="URL")
    listing = actions.add_parser("list", help="the subscriptions, with counts and last fetch")
    listing.add_argument("--json", action="store_true", help="one JSON object per feed")
    imp = actions.add_parser("import", help="subscribe to every feed of an OPML file")
    imp.add_argument("file", type=Path, metavar="FILE.opml")
    exp = actions.add_parser("export", help="write the subscriptions as OPML 2.0")
    exp.add_argument("-o", "--output", type=Path, default=None, help="a file instead of stdout")
    for sub in (add, remove, listing, imp, exp):
        add_db(sub)

    refresh = make(
        prog="newsreader refresh",
        description="Fetch the feeds that are due (or URL ...), store new entries; one line per "
        "feed and a summary.",
    )
    refresh.add_argument("urls", nargs="*", metavar="URL", help="only these feeds")
    refresh.add_argument("--json", action="store_true", help="one JSON object per feed")
    refresh.add_argument(
        "--force", action="store_true", help="also fetch feeds whose interval has not passed"
    )
    add_db(refresh)
    return {"feed": feed, "refresh": refresh}


def _archive(args: argparse.Namespace) -> Archive:
    archive = open_archive(args.db)
    assert archive is not None
    return archive


def cmd_feed(args: argparse.Namespace, out: TextIO) -> int:
    actions: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
        "add": _add,
        "remove": _remove,
        "list": _list,
        "import": _import,
        "export": _export,
    }
    return actions[args.action](args, out)


def _add(args: argparse.Namespace, out: TextIO) -> int:
    from newsreader.feeds.subscribe import SubscribeError, subscribe

    with _archive(args) as archive:
        batch = archive.new_batch()
        try:
            done = subscribe(
                archive, args.url, args.title, args.tags, full_text=args.full_text, batch=batch
            )
        except SubscribeError as exc:
            raise CommandError(str(exc)) from None
        _whole_stories(archive, batch, quiet=False)
    for warning in done.outcome.warnings:
        print(f"newsreader: warning: {done.feed.name}: {warning}", file=sys.stderr)
    found = f" (found on {done.page})" if done.page else ""
    changed = args.title or args.tags or args.full_text
    verb = (
        "subscribed to"
        if done.created
        else "already subscribed (settings updated) to"
        if changed
        else "already subscribed to"
    )
    outcome = done.outcome
    what = f"{_count(outcome.new, 'new entry', 'new entries')}" if outcome.status == "ok" else ""
    what = what or outcome.line()
    out.write(f"{verb} {done.feed.name} <{done.feed.url}>{found}: {what}\n")
    return 0 if done.outcome.status != "error" else 1


def _remove(args: argparse.Namespace, out: TextIO) -> int:
    from newsreader.feeds.locations import normal_location

    keep = _saved_ids(args.db)
    with _archive(args) as archive:
        removed = archive.remove_feed(args.url, keep) or archive.remove_feed(
            normal_location(args.url), keep
        )
    if removed is None:
        raise CommandError(f"{args.url}: not subscribed (see `newsreader feed list`)")
    feed, deleted = removed
    out.write(
        f"unsubscribed from {feed.name} <{feed.url}>: {_count(deleted, 'entry', 'entries')} "
        "left the archive (bookmarked and tagged entries are kept)\n"
    )
    return 0


def _saved_ids(db: Path | None) -> frozenset[str]:
    """Ids the user bookmarked or tagged: a removed feed keeps those entries."""

    def saved(store: Any) -> frozenset[str]:
        tagged = {i for tag in store.tag_counts() for i in store.ids_with_tag(tag)}
        return frozenset(store.bookmarks() | tagged)

    return read_store(db, saved, frozenset())


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _whole_stories(archive: Archive, batch: int, *, quiet: bool) -> None:
    """Fetch the pages of the new entries whose feed wants them (``--full-text``)."""
    from newsreader.feeds.fulltext import fetch_many_pages, wanted

    todo = wanted(archive, batch)
    if not todo:
        return
    print(f"newsreader: fetching the whole story of {len(todo)} entries …", file=sys.stderr)
    kept = failed = 0
    for page in fetch_many_pages(archive, todo):
        if page.error is None:
            kept += 1
        else:
            failed += 1
            if not quiet:
                print(f"newsreader: {page.title}: {page.error} (the feed's text stays)",
                      file=sys.stderr)  # fmt: skip
    print(f"newsreader: whole stories: {kept} kept, {failed} not found", file=sys.stderr)


def _subscribed(feeds: list[FeedRow]) -> list[FeedRow]:
    """The user's feeds, without the app's own sources (web pages opened by URL)."""
    return [f for f in feeds if not f.url.startswith("newsreader:")]


def _status_value(status: str | None) -> int | str | None:
    """An HTTP status as a number; ``"file"`` (a local feed) or ``"error"`` (no answer) as
    words; None before the first fetch."""
    return int(status) if status and status.isdigit() else status


def _feed_record(feed: FeedRow, entries: int, unread: int) -> dict[str, Any]:
    return {
        "url": feed.url,
        "title": feed.name,
        "tags": list(feed.tags),
        "entries": entries,
        "unread": unread,
        "last_fetched": iso_time(feed.last_fetched),
        "last_status": _status_value(feed.last_status),
        "last_error": feed.last_error,
        "gone": feed.gone,
    }


def _read_ids(db: Path | None) -> frozenset[str]:
    return read_store(db, lambda store: frozenset(store.read_ids()), frozenset())


def _list(args: argparse.Namespace, out: TextIO) -> int:
    archive = open_archive(args.db, must_exist=True)
    if archive is None:
        feeds: list[FeedRow] = []
        ids: dict[int, list[str]] = {}
    else:
        with archive:
            feeds, ids = _subscribed(archive.feeds()), archive.ids_by_feed()
    read = _read_ids(args.db) if feeds else frozenset()
    records = []
    for feed in feeds:
        mine = ids.get(feed.id, [])
        records.append(_feed_record(feed, len(mine), sum(1 for i in mine if i not in read)))
    if args.json:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return 0
    if not records:
        out.write("no feeds yet: newsreader feed add URL (or feed import FILE.opml)\n")
        return 0
    for r in records:
        state = f"error: {r['last_error']}" if r["last_error"] else r["last_status"] or "never"
        tags = f" [{', '.join(r['tags'])}]" if r["tags"] else ""
        counts = f"{_count(r['entries'], 'entry', 'entries')}, {r['unread']} unread"
        fetched = (
            f"last fetched {r['last_fetched']} ({state})" if r["last_fetched"] else "never fetched"
        )
        out.write(f"{r['title']}{tags}\n    {r['url']}\n    {counts}; {fetched}\n")
    return 0


def _import(args: argparse.Namespace, out: TextIO) -> int:
    from newsreader.feeds.locations import normal_location
    from newsreader.feeds.opml import OpmlError, read_opml
    from newsreader.feeds.subscribe import SubscribeError, feed_location
    from newsreader.tags import tag_or_none

    try:
        data = args.file.read_bytes()
    except FileNotFoundError:
        raise CommandError(f"{args.file}: no such file") from None
    except OSError as exc:
        raise CommandError(f"{args.file}: cannot read: {exc.strerror or exc}") from None
    try:
        feeds = read_opml(data)
    except OpmlError as exc:
        raise CommandError(f"{args.file}: {exc}") from None
    added = known = bad = 0
    with _archive(args) as archive:
        for feed in feeds:
            try:
                url = normal_location(
                    feed_location(feed.url) if "://" not in feed.url else feed.url
                )
            except SubscribeError as exc:
                print(f"newsreader: skipped: {exc}", file=sys.stderr)
                bad += 1
                continue
            tags = [t for t in (tag_or_none(tag) for tag in feed.tags) if t]
            if archive.feed(url) is not None:
                known += 1
                continue
            archive.add_feed(url, feed.title, tags)
            added += 1
    out.write(
        f"imported {added} feed(s); {known} already subscribed"
        + (f", {bad} skipped" if bad else "")
        + ("; run `newsreader refresh` to fetch them\n" if added else "\n")
    )
    return 0


def _export(args: argparse.Namespace, out: TextIO) -> int:
    from newsreader.feeds.opml import OpmlFeed, write_opml

    archive = open_archive(args.db, must_exist=True)
    feeds = [] if archive is None else _subscribed(archive.feeds())
    if archive is not None:
        archive.close()
    # A local feed goes out as a file:// URL: other readers (and our import) take only URLs.
    text = write_opml(
        OpmlFeed(f.url if "://" in f.url else Path(f.url).as_uri(), f.name, f.tags) for f in feeds
    )
    write_output(text, args.output, out, f"{len(feeds)} feed(s)")
    return 0


def cmd_refresh(args: argparse.Namespace, out: TextIO) -> int:
    from newsreader.feeds.refresh import refresh

    counts = {"ok": 0, "not_modified": 0, "error": 0, "skipped": 0}
    new = updated = 0
    with _archive(args) as archive:
        if not _subscribed(archive.feeds()):
            raise CommandError("no feeds yet: newsreader feed add URL (or feed import FILE.opml)")
        batch = archive.new_batch()
        for outcome in refresh(archive, args.urls, force=args.force, batch=batch):
            counts[outcome.status] += 1
            new += outcome.new
            updated += outcome.updated
            if args.json:
                out.write(json.dumps(outcome.record(), ensure_ascii=False) + "\n")
            else:
                out.write(outcome.line() + "\n")
            out.flush()
            for warning in outcome.warnings:
                print(f"newsreader: warning: {outcome.name}: {warning}", file=sys.stderr)
        _whole_stories(archive, batch, quiet=args.json)
    total = sum(counts.values())
    summary = (
        f"{total} feed(s): {new} new, {updated} updated entries; {counts['ok']} fetched, "
        f"{counts['not_modified']} not modified, {counts['skipped']} not due, "
        f"{counts['error']} failed"
    )
    print(summary, file=sys.stderr if args.json else out)
    return 1 if counts["error"] else 0
