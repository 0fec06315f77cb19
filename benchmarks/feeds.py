#!/usr/bin/env python3
"""Feed benchmarks: refresh speed, the TUI during a refresh, and a 100,000-entry archive.

usage: benchmarks/feeds.py [--workdir DIR] [--feeds 200] [--entries 100000]
                           [--parts refresh,tui_refresh,archive] [--keys 60] [--out FILE.json]

Everything is served from this machine: ``feedgen.py`` writes the feed corpus (RSS 2.0, Atom,
RSS 1.0, JSON Feed, 1 KB to 2 MB), and a threaded ``http.server`` in this process serves it with
ETag and Last-Modified (answering 304 to a matching conditional GET), as a polite server does.

- refresh: a fresh archive subscribed to every feed; the first refresh, the way the app runs it:
  entries join the library as feeds come in and the word index (what search needs; names and
  quotes are analysed after that, in the background) is built alongside, until every entry is
  stored and indexed; CPU seconds beside the wall time (a busy machine stretches the latter).
  Then a second refresh with nothing changed (``--force``, so every feed is asked), which must
  be all ``not modified``.
- tui_refresh: the app (``App.run_test``) on that subscription list, never fetched; ``R`` starts
  a refresh and, while it runs, j and search keystrokes are timed from the key to the repaint
  that shows their effect (the app's own compositor refresh, as in ``scale.py``).
- archive: an archive of ``--entries`` entries (``feedgen.entries``, 100 feeds), then
  ``newsreader --db …`` on a pseudo-terminal: first screen, cold (no index yet) and on a second
  start, next to the bare Textual app showing as many rows; the peak RSS of the cold run until
  loading and indexing are over (app plus its largest child), against the archive's text size;
  and search keystroke → list in the app over the archive.

Prints one JSON object per part and a summary with the issue's targets and pass flags.
"""

from __future__ import annotations

import argparse
import asyncio
import email.utils
import hashlib
import http.server
import json
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(ROOT))

from _timing import FIRST_SCREEN, LOADED, run_in_pty, summary_ms  # noqa: E402
from feedgen import entries as generated_entries  # noqa: E402
from feedgen import generate  # noqa: E402

TERMINAL = (120, 40)
TARGETS = {
    "first_refresh_s": (5.0, "<= 5 s for 200 feeds (fetch, parse, store, index)"),
    "second_refresh_s": (0.5, "<= 0.5 s, every feed not modified"),
    "keys_during_refresh_p95_ms": (50.0, "<= 50 ms (j and search keystrokes)"),
    "archive_first_screen_x_bare": (3.0, "<= 3x the bare Textual app"),
    "archive_search_p95_ms": (50.0, "<= 50 ms"),
    "archive_rss_x_text": (2.0, "<= 2x the archive's text size"),
}


# --- a polite local server --------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    """Serves files from ``server.folder`` with ETag/Last-Modified and 304s."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        folder: Path = self.server.folder  # type: ignore[attr-defined]
        path = folder / self.path.lstrip("/")
        if not path.is_file():
            self.send_error(404)
            return
        st = path.stat()
        etag = (
            '"'
            + hashlib.blake2b(f"{st.st_size}:{st.st_mtime_ns}".encode(), digest_size=8).hexdigest()
            + '"'
        )
        modified = email.utils.formatdate(st.st_mtime, usegmt=True)
        if self.headers.get("If-None-Match") == etag or (
            self.headers.get("If-None-Match") is None
            and self.headers.get("If-Modified-Since") == modified
        ):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = path.read_bytes()
        kind = "application/feed+json" if path.suffix == ".json" else "application/xml"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", modified)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.request_queue_size = 64
    server.folder = folder  # type: ignore[attr-defined]
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _corpus(workdir: Path, n: int) -> tuple[Path, list[Any]]:
    folder = workdir / f"feeds-{n}"
    marker = folder / "done.json"
    if marker.exists():
        feeds = json.loads(marker.read_text())
        return folder, feeds
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    made = generate(folder, n=n, seed=1)
    feeds = [
        {"name": Path(f.path).name, "kind": f.kind, "entries": f.entries, "bytes": f.bytes}
        for f in made
    ]
    marker.write_text(json.dumps(feeds))
    return folder, feeds


def _subscribe_all(db: Path, base: str, feeds: list[Any]) -> Any:
    from newsreader.paths import archive_path_for
    from newsreader.storage.archive import Archive

    archive = Archive(archive_path_for(db))
    for f in feeds:
        archive.add_feed(f"{base}/{f['name']}")
    return archive


# --- parts ------------------------------------------------------------------------------------


def part_refresh(workdir: Path, n: int) -> dict[str, Any]:
    from newsreader.feeds.refresh import refresh
    from newsreader.library import Library
    from newsreader.sources.archive import ArchiveFollower

    folder, feeds = _corpus(workdir, n)
    base = workdir / "refresh"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir()
    out: dict[str, Any] = {
        "feeds": len(feeds),
        "corpus_mb": round(sum(f["bytes"] for f in feeds) / 1e6, 1),
        "kinds": sorted({f["kind"] for f in feeds}),
    }
    with serve(folder) as url:
        archive = _subscribe_all(base / "db.json", url, feeds)
        # As the app does it: entries are loaded into the library as feeds come in, and the
        # index is built alongside; done when every entry is stored and in the word index.
        library = Library(cache_dir=base / "cache")
        follower = ArchiveFollower(archive)
        cpu0 = _cpu()
        t0 = time.perf_counter()
        builders: list[threading.Thread] = []

        def index_more() -> None:
            # ``ensure_index`` returns once it has caught up; the app starts it again when a
            # refresh brings more (``LoadController.index_more``), and so does this.
            if not builders or not builders[-1].is_alive():
                builders.append(threading.Thread(target=library.ensure_index, daemon=True))
                builders[-1].start()

        first = []
        for outcome in refresh(archive, force=True):
            first.append(outcome)
            if outcome.new:
                library.load_sources(follower.new_sources())
                index_more()
        stored = time.perf_counter() - t0
        library.load_sources(follower.new_sources())
        while library.index_status().indexed < len(library.articles):
            index_more()
            time.sleep(0.005)
        total = time.perf_counter() - t0
        cpu = _cpu() - cpu0
        library.close()
        for builder in builders:
            builder.join(timeout=60)
        t2 = time.perf_counter()
        second = list(refresh(archive, force=True))
        again = time.perf_counter() - t2
        archive.close()
    out["first"] = {
        "fetch_parse_store_s": round(stored, 3),
        "total_s": round(total, 3),
        "cpu_s": round(cpu, 2),
        "statuses": _count(o.status for o in first),
        "new_entries": sum(o.new for o in first),
        "indexed": len(library.articles),
        "errors": [o.line() for o in first if o.status == "error"][:5],
    }
    out["second"] = {
        "seconds": round(again, 3),
        "statuses": _count(o.status for o in second),
        "all_not_modified": all(o.status == "not_modified" for o in second),
    }
    return out


def _cpu() -> float:
    """CPU seconds of this process and its reaped children (the parse workers)."""
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _count(items: Iterator[str] | Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return counts


def part_tui_refresh(workdir: Path, n: int, keys: int) -> dict[str, Any]:
    return asyncio.run(_tui_refresh(workdir, n, keys))


async def _tui_refresh(workdir: Path, n: int, keys: int) -> dict[str, Any]:
    from scale import PaintClock, send_key

    from newsreader.sources.archive import ArchiveFollower
    from newsreader.tui.app import NewsReaderApp
    from newsreader.tui.runtime import own_process

    folder, feeds = _corpus(workdir, n)
    base = workdir / "tui_refresh"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir()
    switch = sys.getswitchinterval()
    try:
        with serve(folder) as url:
            archive = _subscribe_all(base / "db.json", url, feeds)
            app = NewsReaderApp(
                texts=[],
                db_path=base / "db.json",
                cache_dir=base / "cache",
                recogniser="builtin",
                runtime=own_process(),
                feeds=ArchiveFollower(archive),
            )
            j_times: list[float] = []
            search_times: list[float] = []
            async with app.run_test(size=TERMINAL) as pilot:
                clock = PaintClock(app)
                await pilot.pause()
                t0 = time.perf_counter()
                await pilot.press("R")
                # Wait for the first entries, then time keys while the refresh goes on.
                while not app.library.articles and time.perf_counter() - t0 < 60:
                    await asyncio.sleep(0.01)
                # Search keystrokes first (the heavier), then j in the list, alternating
                # in rounds until the refresh is over.
                lst = app.article_list
                words = ["ferry", "council", "harbour", "storm", "minister", "court"]
                i = 0
                while app.feeds.running and i < keys:
                    await pilot.press("slash")
                    for _ in range(4):
                        word = words[i % len(words)]
                        i += 1
                        app.search_bar.value = word[:-1]
                        app.search_bar.cursor_position = len(word) - 1
                        await asyncio.sleep(0.02)
                        t = time.perf_counter()
                        send_key(app, word[-1])

                        def shown(word: str = word) -> bool:
                            return app.query_text == word and not app.searcher.state.searching

                        painted = await clock.until_painted(shown, 30)
                        search_times.append((painted or time.perf_counter()) - t)
                    await pilot.press("escape", "escape")
                    lst.focus()
                    for _ in range(4):
                        before = lst.cursor
                        t = time.perf_counter()
                        send_key(app, "j")

                        def moved(before: int = before) -> bool:
                            return lst.cursor != before or lst.cursor >= lst.row_count - 1

                        painted = await clock.until_painted(moved, 30)
                        j_times.append((painted or time.perf_counter()) - t)
                        await asyncio.sleep(0.02)
                refresh_running_at_end = app.feeds.running
                while app.feeds.running and time.perf_counter() - t0 < 120:
                    await asyncio.sleep(0.05)
                refresh_s = time.perf_counter() - t0
                entries = len(app.library.articles)
                await pilot.press("escape", "q")
            archive.close()
    finally:
        sys.setswitchinterval(switch)
    both = j_times + search_times
    return {
        "feeds": len(feeds),
        "entries_after": entries,
        "refresh_seconds_in_app": round(refresh_s, 2),
        "keys_while_refreshing": {"j": summary_ms(j_times), "search": summary_ms(search_times)},
        "all_keys": summary_ms(both),
        "refresh_still_running_after_keys": refresh_running_at_end,
    }


def _fill_archive(db: Path, count: int, per_feed: int = 1000) -> dict[str, Any]:
    """An archive of ``count`` generated entries, ``per_feed`` to a feed, one batch each."""
    from newsreader.feeds.entries import new_entries
    from newsreader.feeds.model import ParsedFeed
    from newsreader.paths import archive_path_for
    from newsreader.storage.archive import Archive

    path = archive_path_for(db)
    marker = path.with_suffix(".done")
    if marker.exists():
        return json.loads(marker.read_text())
    path.unlink(missing_ok=True)
    t0 = time.perf_counter()
    archive = Archive(path)
    made = generated_entries(count, seed=3)
    feed_no = 0
    while True:
        chunk = [e for _, e in zip(range(per_feed), made, strict=False)]
        if not chunk:
            break
        feed, _ = archive.add_feed(f"https://feeds.example/{feed_no}.xml", f"Desk {feed_no:03d}")
        parsed = ParsedFeed(title=None, link=None, kind="rss20", entries=tuple(chunk))
        archive.store_entries(
            feed.id, new_entries(parsed), status="200", etag=None, last_modified=None,
            next_due=None, batch=archive.new_batch(),
        )  # fmt: skip
        feed_no += 1
    info = {
        "entries": len(archive.entries()),
        "feeds": feed_no,
        "text_mb": round(archive.text_bytes() / 1e6, 1),
        "file_mb": round(path.stat().st_size / 1e6, 1),
        "build_s": round(time.perf_counter() - t0, 1),
    }
    archive.close()
    marker.write_text(json.dumps(info))
    return info


def _pty(argv: list[str], base: Path, event: str, timeout: float) -> dict[str, Any]:
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(base / "cache"),
        "XDG_DATA_HOME": str(base / "data"),
        "XDG_CONFIG_HOME": str(base / "config"),
        "PYTHONPATH": str(ROOT),
    }
    run = run_in_pty(argv, env, base / f"events-{event}.txt", timeout=timeout, size=TERMINAL,
                     cwd=base, quit_after=event)  # fmt: skip
    seconds = run.since_start(event)
    app_mb = (run.maxrss_kb or 0) / 1024
    child_mb = (run.children_maxrss_kb or 0) / 1024
    return {
        "seconds": None if seconds is None else round(seconds, 3),
        "peak_rss_mb": round(app_mb + child_mb, 1),
        "app_peak_rss_mb": round(app_mb, 1),
        "child_peak_rss_mb": round(child_mb, 1),
        "exit_code": run.returncode,
    }


def part_archive(workdir: Path, count: int, reps: int) -> dict[str, Any]:
    base = workdir / f"archive-{count}"
    base.mkdir(parents=True, exist_ok=True)
    db = base / "db.json"
    out: dict[str, Any] = {"archive": _fill_archive(db, count)}
    shutil.rmtree(base / "cache", ignore_errors=True)
    # The built-in recogniser, as a default install has it (spaCy, when installed, analyses in
    # this process and would take the better part of an hour for 100k entries).
    app = [sys.executable, str(HERE / "launch_app.py"), "--db", str(db), "--entities", "builtin"]
    bare = [sys.executable, str(HERE / "bare_app.py"), str(count)]
    out["bare_first_screen"] = [_pty(bare, base, FIRST_SCREEN, 120) for _ in range(reps)]
    # Cold: no index yet; run until everything is indexed, for the peak memory.
    cold_screen = _pty(app, base, FIRST_SCREEN, 300)
    shutil.rmtree(base / "cache", ignore_errors=True)
    cold = _pty(app, base, LOADED, 1800)
    out["cold_first_screen"] = cold_screen
    out["cold_loaded"] = cold
    out["warm_first_screen"] = [_pty(app, base, FIRST_SCREEN, 120) for _ in range(reps)]
    out["search"] = asyncio.run(_archive_search(base, db))
    bare_s = _median([r["seconds"] for r in out["bare_first_screen"]])
    cold_s = cold_screen["seconds"]
    warm_s = _median([r["seconds"] for r in out["warm_first_screen"]])
    out["first_screen_x_bare"] = {
        "cold": None if not (bare_s and cold_s) else round(cold_s / bare_s, 2),
        "warm": None if not (bare_s and warm_s) else round(warm_s / bare_s, 2),
    }
    text_mb = out["archive"]["text_mb"]
    out["rss_x_text"] = round(cold["peak_rss_mb"] * 1.048576 / text_mb, 2) if text_mb else None
    return out


def _median(values: list[Any]) -> float | None:
    xs = sorted(v for v in values if v is not None)
    return xs[len(xs) // 2] if xs else None


async def _archive_search(base: Path, db: Path, queries: int = 40) -> dict[str, Any]:
    """Search keystrokes in the app over the archive (index from the cold run's cache)."""
    from scale import PaintClock, send_key

    from newsreader.paths import archive_path_for
    from newsreader.sources.archive import ArchiveFollower
    from newsreader.storage.archive import Archive
    from newsreader.tui.app import NewsReaderApp
    from newsreader.tui.runtime import own_process
    from newsreader.tui.typing_tags import search_state

    os.environ["XDG_CACHE_HOME"] = str(base / "cache")
    archive = Archive(archive_path_for(db))
    switch = sys.getswitchinterval()
    words = ["ferry", "council", "harbour", "storm", "minister", "court", "mayor", "river",
             "budget", "strike", '"said on"', "feed:desk", "since:30d", "person:ada"]  # fmt: skip
    times: list[float] = []
    try:
        app = NewsReaderApp(texts=[], db_path=db, cache_dir=None, runtime=own_process(),
                            recogniser="builtin", feeds=ArchiveFollower(archive))  # fmt: skip
        async with app.run_test(size=TERMINAL) as pilot:
            clock = PaintClock(app)
            t0 = time.perf_counter()
            while (app.loading or not app.library.index_status().words_ready) and (
                time.perf_counter() - t0 < 300
            ):
                await asyncio.sleep(0.05)
            await pilot.press("slash")
            for i in range(queries):
                q = words[i % len(words)] + ("" if i < len(words) else " ")
                await pilot.press("escape")
                await pilot.press("slash")
                app.search_bar.value = q[:-1]
                app.search_bar.cursor_position = len(q) - 1
                await pilot.pause()
                expected = app.library.arrange(app.library.search(q, search_state(app.store, q)))

                def shown(q: str = q, expected: list[int] = expected) -> bool:
                    return app.query_text == q and app.article_list.rows == expected

                t = time.perf_counter()
                send_key(app, q[-1])
                painted = await clock.until_painted(shown, 30)
                times.append((painted or time.perf_counter()) - t)
            await pilot.press("escape", "q")
    finally:
        sys.setswitchinterval(switch)
        archive.close()
    return {"queries": len(times), "keystroke_to_list": summary_ms(times)}


# --- main -------------------------------------------------------------------------------------


def _judge(results: dict[str, Any]) -> dict[str, Any]:
    figures: dict[str, float | None] = {}
    r = results.get("refresh", {})
    if "first" in r:
        figures["first_refresh_s"] = r["first"]["total_s"]
        figures["second_refresh_s"] = r["second"]["seconds"]
    t = results.get("tui_refresh", {})
    if "all_keys" in t:
        figures["keys_during_refresh_p95_ms"] = t["all_keys"].get("p95_ms")
    a = results.get("archive", {})
    if "first_screen_x_bare" in a:
        figures["archive_first_screen_x_bare"] = a["first_screen_x_bare"]["cold"]
        figures["archive_search_p95_ms"] = a["search"]["keystroke_to_list"].get("p95_ms")
        figures["archive_rss_x_text"] = a["rss_x_text"]
    summary = {}
    for name, value in figures.items():
        limit, text = TARGETS[name]
        summary[name] = {
            "value": value,
            "target": text,
            "pass": value is not None and value <= limit,
        }
    if "second" in r:
        summary["second_refresh_s"]["pass"] = bool(
            summary["second_refresh_s"]["pass"] and r["second"]["all_not_modified"]
        )
    return summary


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--workdir", type=Path, default=None)
    p.add_argument("--feeds", type=int, default=200)
    p.add_argument("--entries", type=int, default=100_000)
    p.add_argument("--parts", default="refresh,tui_refresh,archive")
    p.add_argument("--keys", type=int, default=60)
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--out", type=Path, default=None)
    args = p.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="nr-feeds-"))
    workdir.mkdir(parents=True, exist_ok=True)
    parts = args.parts.split(",")
    results: dict[str, Any] = {}
    runners = {
        "refresh": lambda: part_refresh(workdir, args.feeds),
        "tui_refresh": lambda: part_tui_refresh(workdir, args.feeds, args.keys),
        "archive": lambda: part_archive(workdir, args.entries, args.reps),
    }
    for part in parts:
        try:
            results[part] = runners[part]()
        except Exception as exc:
            results[part] = {
                "error": f"{type(exc).__name__}: {exc}",
                "trace": traceback.format_exc()[-2000:],
            }
        print(json.dumps({part: results[part]}), flush=True)
    summary = _judge(results)
    print(json.dumps({"summary": summary}), flush=True)
    if args.out:
        args.out.write_text(json.dumps({**results, "summary": summary}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
