"""Command line: the TUI by default, plus scriptable sub-commands.

``newsreader [PATH ...]`` opens the reader; ``newsreader analyze|search|export|import …`` are for
scripts. Every user error ends in a one-line ``newsreader: …`` message and a non-zero exit code
(2 for bad input, 1 for an unusable database), never a traceback. The TUI is imported lazily so
that the scriptable commands start without loading Textual.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from newsreader import __version__
from newsreader.analysis import RECOGNISERS
from newsreader.sources import SourceError, SourceText, read_paths
from newsreader.sources.text import default_sample_paths

SUBCOMMANDS = ("analyze", "search", "show", "feed", "refresh", "export", "import", "config")
EXIT_INPUT = 2
EXIT_DATA = 1


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in our one-line style (exit code 2 as usual)."""

    def error(self, message: str) -> Any:
        self.exit(EXIT_INPUT, f"newsreader: {message} (see --help)\n")


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        type=Path,
        default=None,
        help="database file (default: the platform's user data dir, e.g. "
        "$XDG_DATA_HOME/newsreader/newsreader.json)",
    )


def _add_recogniser(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--entities",
        choices=RECOGNISERS,
        default=None,
        help="entity recogniser: builtin rules, spacy (needs newsreader[nlp] and a model), or auto "
        "(spacy when installed, else builtin; default, or $NEWSREADER_ENTITIES)",
    )


def build_parser() -> dict[str, argparse.ArgumentParser]:
    """One parser per mode; kept separate so a bare PATH never collides with a sub-command."""
    tui = _Parser(
        prog="newsreader",
        description="Read plain-text news in the terminal, with quotes and named entities "
        f"highlighted. Sub-commands: {', '.join(SUBCOMMANDS)} (newsreader COMMAND --help).",
    )
    tui.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="file, directory of .txt, or - for stdin (default: the bundled samples)",
    )
    _add_db(tui)
    _add_recogniser(tui)
    tui.add_argument(
        "--refresh",
        action="store_true",
        default=os.environ.get("NEWSREADER_REFRESH_ON_START", "") not in ("", "0"),
        help="refresh the feeds in the background as the reader opens (newsboat's "
        "refresh-on-startup; also $NEWSREADER_REFRESH_ON_START=1)",
    )
    tui.add_argument("--version", action="version", version=f"newsreader {__version__}")

    analyze = _Parser(
        prog="newsreader analyze",
        description="Split and analyse; print one JSON object per article (JSON Lines).",
    )
    analyze.add_argument("paths", nargs="+", metavar="PATH")
    _add_recogniser(analyze)

    # No -h: a query term like -hualien (exclude "hualien") must not be read as an option.
    search = _Parser(
        prog="newsreader search",
        description="Print the articles and feed entries matching QUERY, the words joined "
        'with spaces (the same language as the TUI\'s / search): words, "a phrase", -word, '
        "tag:T, is:bookmarked|unread|read|truncated, person:/org:/place:/said:NAME, "
        "source:NAME, feed:NAME, since:2026-11-01 or since:7d.",
        add_help=False,
    )
    search.add_argument("--help", action="help", help="show this help message and exit")
    search.add_argument("query", nargs="*", metavar="QUERY")
    search.add_argument(
        "--in",
        dest="paths",
        action="append",
        default=[],
        metavar="PATH",
        help="file, directory or - to search too (repeatable; default: your feeds, or the "
        "bundled samples before you subscribe to any)",
    )
    search.add_argument("--json", action="store_true", help="JSON Lines instead of a table")
    _add_db(search)

    export = _Parser(
        prog="newsreader export",
        description="Export bookmarks and tags "
        "(with --all also read marks, for `newsreader import`).",
    )
    export.add_argument("--format", choices=("json", "markdown"), default="json")
    export.add_argument(
        "--all",
        action="store_true",
        help="everything: bookmarks, tags, read marks (the JSON is what `newsreader import` "
        "takes; the Markdown adds the count of read articles)",
    )
    export.add_argument(
        "-o", "--output", type=Path, default=None, help="write to a file instead of stdout"
    )
    _add_db(export)

    imp = _Parser(
        prog="newsreader import", description="Merge an `export --all` file into the database."
    )
    imp.add_argument("file", type=Path)
    _add_db(imp)
    from newsreader.commands.config import add_config_parser
    from newsreader.commands.feeds import add_feed_parsers
    from newsreader.commands.show import add_show_parser

    show = add_show_parser(_Parser, _add_db, _add_recogniser)
    return {
        "config": add_config_parser(_Parser),
        "tui": tui,
        "analyze": analyze,
        "search": search,
        "show": show,
        **add_feed_parsers(_Parser, _add_db),
        "export": export,
        "import": imp,
    }


def _fail(message: str, code: int = EXIT_INPUT) -> int:
    print(f"newsreader: {message}", file=sys.stderr)
    return code


def _hint_at_terminal_stdin(paths: Sequence[str]) -> None:
    """``-`` typed at a terminal waits for the user's typing: say so, or the wait looks like a
    hang (a blank screen in the TUI)."""
    from newsreader.sources.text import STDIN

    if STDIN in paths and sys.stdin is not None and sys.stdin.isatty():
        print("newsreader: reading articles from standard input; end with Ctrl+D", file=sys.stderr)


def _read_sources(paths: Sequence[str], *, clean: bool = True) -> list[SourceText]:
    _hint_at_terminal_stdin(paths)
    sources = read_paths(paths or default_sample_paths(), clean=clean)
    for src in sources:
        for warning in src.warnings:
            print(f"newsreader: warning: {warning}", file=sys.stderr)
    return sources


def _recogniser(choice: str | None) -> str:
    """Resolve --entities / $NEWSREADER_ENTITIES once, failing early with the install hint."""
    from newsreader.analysis import RecogniserError, requested_recogniser, resolve_recogniser

    try:
        return resolve_recogniser(requested_recogniser(choice))
    except RecogniserError as exc:
        raise SourceError(str(exc)) from None


def _db_path(arg: Path | None) -> Path:
    from newsreader.paths import default_db_path

    return arg if arg is not None else default_db_path()


def _articles_of(src: SourceText) -> list[Any]:
    """The articles of one input: a saved page's one article, or a text cut by the splitter."""
    from newsreader.sources.html import html_article, is_html_path
    from newsreader.split import split_text

    if is_html_path(src.name):
        article, warnings = html_article(src.name)
        for warning in warnings:
            print(f"newsreader: warning: {warning}", file=sys.stderr)
        return [article] if article is not None else []
    return split_text(src.text, src.name)


def cmd_analyze(args: argparse.Namespace, out: TextIO) -> int:
    from newsreader.analysis import analyze
    from newsreader.records import article_record

    recogniser = _recogniser(args.entities)
    for src in _read_sources(args.paths):
        for article in _articles_of(src):
            record = article_record(article, analyze(article, recogniser=recogniser))
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.flush()
    return 0


def _open_store(db: Path | None, read_only: bool = False) -> Any:
    """The user's store; ``read_only`` commands get an empty one rather than create a file."""
    from newsreader.storage.store import Store, StoreError

    path = _db_path(db)
    if read_only and not path.exists():
        return _EmptyStore()
    try:
        store = Store(path)
    except StoreError as exc:
        raise _DataError(str(exc)) from None
    for warning in store.warnings:
        print(f"newsreader: warning: {warning}", file=sys.stderr)
    return store


class _DataError(Exception):
    pass


class _EmptyStore:
    """What a read-only command sees when there is no database yet: nothing saved."""

    warnings: tuple[str, ...] = ()

    def bookmarks(self) -> frozenset[str]:
        return frozenset()

    def read_ids(self) -> frozenset[str]:
        return frozenset()

    def ids_with_tag(self, tag: str) -> frozenset[str]:
        return frozenset()

    def tags_of(self, article_id: str) -> frozenset[str]:
        return frozenset()

    def tag_counts(self) -> dict[str, int]:
        return {}

    def meta(self, article_id: str) -> None:
        return None

    def export_all(self) -> dict[str, Any]:
        from newsreader.storage.state import UserState

        return UserState().export()

    def close(self) -> None:
        pass


def _archive_sources(db: Path | None) -> tuple[list[Any], bool, Any]:
    """The feed archive's entries as Library sources, and whether any feed is subscribed (then
    the bundled samples are not searched by default: the user has news of their own)."""
    from newsreader.commands.common import open_archive
    from newsreader.sources.archive import archive_sources

    archive = open_archive(db, must_exist=True)
    if archive is None:
        return [], False, None
    return archive_sources(archive), bool(archive.feeds()), archive


def cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    from newsreader.commands.show import entry_fields
    from newsreader.library import Library
    from newsreader.sources.html import HtmlFileSource, is_html_path
    from newsreader.sources.source import TextSource

    query = " ".join(args.query).strip()
    if not query:
        return _fail("search needs a QUERY, e.g. newsreader search kinmen -weather")
    args.query = query
    entries, has_feeds, archive = _archive_sources(args.db)
    sources = _read_sources(args.paths) if args.paths or not has_feeds else []
    store = _open_store(args.db, read_only=True)
    try:
        library = Library()
        if archive is not None:
            library.follow_feed_tags(
                lambda: {f.url: list(f.tags) for f in archive.feeds(removed=True)}
            )
        library.load_sources(
            [
                *(
                    HtmlFileSource(s.name) if is_html_path(s.name) else TextSource(s.name, s.text)
                    for s in sources
                ),
                *entries,
            ],
        )
        library.ensure_index()
        found = library.arrange(library.search(args.query, store))
        for i in found:
            a = library.articles[i]
            extra = entry_fields(a)
            if args.json:
                row = {"id": a.id, "source": a.source, "start_line": a.start_line, "title": a.title}
                out.write(json.dumps({**row, **extra}, ensure_ascii=False) + "\n")
            elif extra:
                out.write(f"{a.source} {(extra['published'] or '')[:10]}\t{a.title}\n")
            else:
                out.write(f"{a.source}:{a.start_line}\t{a.title}\n")
    finally:
        store.close()
    return 0 if found else 1  # like grep: a script can test whether anything matched


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from newsreader.exporting import export_json, export_markdown

    store = _open_store(args.db, read_only=True)
    try:
        text = (
            export_markdown(store, everything=args.all)
            if args.format == "markdown"
            else export_json(store, everything=args.all)
        )
    finally:
        store.close()
    from newsreader.commands.common import write_output

    write_output(text, args.output, out, "your saved articles")
    return 0


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    try:
        data = json.loads(args.file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return _fail(f"{args.file}: no such file")
    except (OSError, UnicodeDecodeError) as exc:
        return _fail(f"{args.file}: cannot read: {exc}")
    except json.JSONDecodeError as exc:
        return _fail(f"{args.file}: not JSON ({exc.msg}, line {exc.lineno})")
    if not isinstance(data, dict):
        return _fail(f"{args.file}: not a newsreader export (expected a JSON object)")
    if "items" in data and "schema_version" not in data:
        return _fail(
            f"{args.file}: this is a reading-list export; import takes the full one "
            "made by `newsreader export --all`"
        )
    store = _open_store(args.db)
    try:
        changed = store.import_data(data)
    except (ValueError, KeyError, TypeError) as exc:
        return _fail(f"{args.file}: not a newsreader export ({exc})")
    finally:
        store.close()
    out.write(f"imported {changed} change(s)\n")
    return 0


def cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    from newsreader.commands.show import cmd_show as show

    return show(args, out, _recogniser(args.entities))


def _keep_pages(archive: Any, urls: Sequence[str]) -> str:
    """Fetch and keep each page (``newsreader URL``); the id of the last one, to open."""
    from newsreader.commands.common import CommandError
    from newsreader.web.keep import PageError, keep_page

    if archive is None:
        raise CommandError("the feed archive cannot be opened, so a web page cannot be kept", 1)
    kept = ""
    for url in urls:
        print(f"newsreader: fetching {url} …", file=sys.stderr)
        try:
            kept = keep_page(archive, url)
        except PageError as exc:
            raise CommandError(str(exc), 1) from None
    return kept


def _user_config(warnings: list[str]) -> Any:
    """The settings file (created on first use), its problems added to ``warnings``; the
    defaults when it is broken. Read without Textual: themes are checked by the app."""
    from newsreader.config import load_config
    from newsreader.tui.keys import registry_rows

    config = load_config(commands=registry_rows())
    warnings.extend(config.messages())
    return config


def cmd_tui(args: argparse.Namespace, on_milestone: Callable[[str], None] | None = None) -> int:
    from newsreader.sources.text import STDIN, read_stdin, resolve_inputs
    from newsreader.web.keep import is_web_page_url

    urls = [p for p in args.paths if is_web_page_url(p)]
    args.paths = [p for p in args.paths if not is_web_page_url(p)]
    # Files are only checked here; the library reads them in a thread, so the window opens at
    # once, a cached file is never decoded, and a fresh one is read and cleaned piece by piece.
    inputs = resolve_inputs(args.paths or ([] if urls else default_sample_paths()))
    texts: list[tuple[str, str]] = []
    warnings: list[str] = []
    if STDIN in inputs:
        _hint_at_terminal_stdin(inputs)
        piped = read_stdin(clean=False)
        texts.append((piped.name, piped.text))
        warnings.extend(piped.warnings)
    config = _user_config(warnings)
    entities = args.entities
    if entities is None and not os.environ.get("NEWSREADER_ENTITIES"):
        entities = config.recogniser  # --entities and the environment win over the file
    recogniser = _recogniser(entities)
    if "NEWSREADER_REFRESH_ON_START" not in os.environ and config.refresh_on_start is not None:
        args.refresh = args.refresh or config.refresh_on_start
    from newsreader.commands.common import CommandError, open_archive
    from newsreader.library import default_library
    from newsreader.sources.archive import ArchiveFollower

    try:
        archive = open_archive(args.db, report=False)
    except CommandError as exc:  # the reader still opens the files, without feeds
        warnings.append(str(exc))
        archive = None
    if archive is not None:
        warnings.extend(archive.warnings)
    open_id = _keep_pages(archive, urls) if urls else None
    follower = ArchiveFollower(archive) if archive is not None else None
    has_feeds = archive is not None and bool(archive.feeds())
    if not args.paths and has_feeds:
        inputs = []  # the user's own news: the bundled samples only stand in for it
    files = [p for p in inputs if p != STDIN]

    # Loading starts now, in a thread, before Textual is imported: hashing the files and
    # reading the first cached (or split) batch overlap with the UI starting up. Files come
    # first and the archive after, so a refresh only ever appends (see ``sources.archive``).
    library = default_library(None, recogniser)
    if archive is not None:
        feeds_archive = archive
        library.follow_feed_tags(
            lambda: {f.url: list(f.tags) for f in feeds_archive.feeds(removed=True)}
        )

    def load() -> None:
        if files:
            library.load_files(files)
        if follower is not None:
            library.load_sources(follower.new_sources())

    library.preload(load)
    from newsreader.tui.app import run_app

    try:
        return run_app(
            texts=texts,
            db_path=_db_path(args.db),
            cache_dir=None,
            warnings=warnings,
            recogniser=recogniser,
            library=library,
            on_milestone=on_milestone,
            feeds=follower,
            refresh_on_start=args.refresh and has_feeds,
            open_id=open_id,
            config=config,
        )
    finally:
        if archive is not None:
            archive.close()  # folds the write-ahead log back: no -wal file left behind


def main(
    argv: Sequence[str] | None = None, *, on_milestone: Callable[[str], None] | None = None
) -> int:
    """The ``newsreader`` command; ``on_milestone`` goes to the TUI (see ``run_app``)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parsers = build_parser()
    mode = argv[0] if argv and argv[0] in SUBCOMMANDS else "tui"
    rest = argv[1:] if mode != "tui" else argv
    if mode == "search" and rest == ["-h"]:
        # No -h option (it would swallow -hualien), but a lone -h is a plea for help, not a
        # search for articles without the letter h.
        parsers[mode].print_help()
        return 0
    if mode == "search":
        # "-weather" is a query term (exclude the word), not an unknown option.
        args, extra = parsers[mode].parse_known_args(rest)
        words = set(args.query) | set(extra)
        args.query = [a for a in rest if a in words]
    else:
        args = parsers[mode].parse_args(rest)
    from newsreader.commands.common import CommandError
    from newsreader.commands.config import cmd_config
    from newsreader.commands.feeds import cmd_feed, cmd_refresh

    commands: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
        "config": cmd_config,
        "analyze": cmd_analyze,
        "search": cmd_search,
        "show": cmd_show,
        "feed": cmd_feed,
        "refresh": cmd_refresh,
        "export": cmd_export,
        "import": cmd_import,
    }
    try:
        if mode == "tui":
            return cmd_tui(args, on_milestone)
        return commands[mode](args, sys.stdout)
    except SourceError as exc:
        return _fail(str(exc))
    except _DataError as exc:
        return _fail(str(exc), EXIT_DATA)
    except CommandError as exc:
        return _fail(str(exc), exc.code)
    except BrokenPipeError:
        # `newsreader analyze … | head`: the reader went away; that is not an error.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
