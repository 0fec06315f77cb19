"""``newsreader show ID``: one article (from a text file or the feed archive), analysed."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from newsreader.commands.common import CommandError, iso_time, open_archive
from newsreader.model import Analysis, Article, Entry

__all__ = ["add_show_parser", "cmd_show", "entry_fields", "find_article"]


def add_show_parser(
    make: Callable[..., argparse.ArgumentParser],
    add_db: Callable[[argparse.ArgumentParser], None],
    add_recogniser: Callable[[argparse.ArgumentParser], None],
) -> argparse.ArgumentParser:
    show = make(
        prog="newsreader show",
        description="Print one article by its id (from `search --json`, `analyze` or the "
        "TUI): a feed entry from the archive, an article of the text files given with --in, "
        "or the article at an http(s) URL (fetched once, kept under 'Web pages').",
    )
    show.add_argument("id", metavar="ID|URL")
    show.add_argument("--json", action="store_true", help="the analyze JSON object")
    show.add_argument(
        "--in",
        dest="paths",
        action="append",
        default=[],
        metavar="PATH",
        help="text files to look in too (repeatable; default: the bundled samples)",
    )
    add_db(show)
    add_recogniser(show)
    return show


def entry_fields(article: Article) -> dict[str, Any]:
    """What a feed entry adds to the analyze contract (nothing for a text article)."""
    if not isinstance(article, Entry):
        return {}
    return {
        "feed": article.source,
        "feed_url": article.feed_url,
        "link": article.link,
        "author": article.author,
        "published": iso_time(article.published),
    }


def find_article(article_id: str, db: Any, paths: Sequence[str]) -> Article | None:
    """The article with ``article_id``: the archive first (a look-up), then the text files."""
    from newsreader.sources.archive import archive_entry
    from newsreader.web.keep import PageError, is_web_page_url, keep_page

    if is_web_page_url(article_id):
        web_archive = open_archive(db)
        assert web_archive is not None
        try:
            kept = keep_page(web_archive, article_id)
        except PageError as exc:
            raise CommandError(str(exc), 1) from None
        return archive_entry(web_archive, kept)
    archive = open_archive(db, must_exist=True)
    if archive is not None:
        entry = archive_entry(archive, article_id)
        if entry is not None:
            return entry  # its text is read from the archive, which stays open until exit
    from newsreader.sources import read_paths
    from newsreader.sources.html import html_article, is_html_path
    from newsreader.sources.text import default_sample_paths
    from newsreader.split import split_text

    for src in read_paths(paths or default_sample_paths()):
        articles = (
            [a for a in [html_article(src.name)[0]] if a is not None]
            if is_html_path(src.name)
            else split_text(src.text, src.name)
        )
        for article in articles:
            if article.id == article_id:
                return article
    return None


def _print_text(article: Article, analysis: Analysis, out: TextIO) -> None:
    out.write(f"{article.title}\n")
    extra = entry_fields(article)
    if extra:
        parts = [extra["feed"], extra["author"], extra["published"]]
        out.write(" · ".join(p for p in parts if p) + "\n")
        if extra["link"]:
            out.write(f"{extra['link']}\n")
    else:
        out.write(f"{article.source}:{article.start_line}\n")
    out.write("\n" + "\n\n".join(article.paragraphs) + "\n")
    if analysis.quotes:
        out.write("\nQuotes:\n")
        for q in analysis.quotes:
            out.write(f"  “{q.text}” — {q.speaker or 'unattributed'}\n")
    if analysis.entities:
        out.write("\nEntities:\n")
        seen: dict[tuple[str, str], None] = {}
        for e in analysis.entities:
            seen.setdefault((e.label, e.text), None)
        for label, text in seen:
            out.write(f"  {label:<8} {text}\n")


def cmd_show(args: argparse.Namespace, out: TextIO, recogniser: str) -> int:
    from newsreader.analysis import analyze
    from newsreader.records import article_record

    article = find_article(args.id, args.db, args.paths)
    if article is None:
        raise CommandError(
            f"no article with id {args.id} in the feed archive or "
            + (", ".join(args.paths) if args.paths else "the bundled samples")
            + " (ids come from `newsreader search --json` or `analyze`)"
        )
    analysis = analyze(article, recogniser=recogniser)
    if args.json:
        record = {**article_record(article, analysis), **entry_fields(article)}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        _print_text(article, analysis, out)
    return 0
