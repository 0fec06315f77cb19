#!/usr/bin/env python3
"""Compare feed parsers on speed, recovery from broken feeds and safety; print JSON.

usage: benchmarks/feed_parsers.py [--repeat 5]

Contenders: feedparser, fastfeedparser, and newsreader's own ``parse_feed`` (lxml with safe
options; note it also turns every entry's HTML into paragraphs, which the other two do not).

* speed: median seconds per parse of a small (~5 KB) and the largest RSS 2.0 feed and the
  largest Atom feed of a small generated corpus (``benchmarks/feedgen.py``; sizes are in the
  labels, the largest feed of the corpus is 2 MB; feedparser runs fewer times on big feeds);
  ``fastfeedparser+entry_text`` adds our HTML-to-paragraphs step to fastfeedparser's parse.
* recovery: for each broken feed, how many of its 3 entries come back and whether the accented
  title survives: unclosed tags, HTML entities XML does not know, a bare ``&``, Latin-1 bytes
  labelled UTF-8, UTF-8 bytes labelled Latin-1, Latin-1 with no label, a truncated body.
* safety: a billion-laughs entity bomb and an external entity naming a local file, each parsed
  in a fresh interpreter: seconds, peak RSS (MB) and whether the file's contents leaked.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BENCHMARKS = ROOT / "benchmarks"
PARSERS = ("feedparser", "fastfeedparser", "newsreader")
#: fastfeedparser plus our entry HTML → paragraphs, to compare like with like on speed.
WITH_CONTENT = "fastfeedparser+entry_text"
TITLE = "Café on the quay"
SECRET = "CROWN-JEWELS-7731"


def _parser(name: str) -> Callable[[bytes], Any]:
    if name == "feedparser":
        import feedparser

        return feedparser.parse  # type: ignore[no-any-return]
    if name == "fastfeedparser":
        import fastfeedparser

        return fastfeedparser.parse  # type: ignore[no-any-return]
    if name == WITH_CONTENT:
        return _fastfeedparser_with_content
    from newsreader.feeds.parse import parse_feed

    return parse_feed


def _fastfeedparser_with_content(body: bytes) -> Any:
    import fastfeedparser

    from newsreader.feeds.content import entry_text

    result = fastfeedparser.parse(body)
    for entry in result["entries"]:
        content = entry.get("content")
        html = content[0].get("value", "") if content else entry.get("description", "")
        entry_text(html or "", entry.get("link") or "")
    return result


def _entry_titles(name: str, result: Any) -> list[str]:
    if name == "newsreader":
        return [e.title or "" for e in result.entries]
    return [str(e.get("title", "")) for e in result["entries"]]


def _feeds() -> dict[str, bytes]:
    import feedgen  # benchmarks/feedgen.py, next to this file

    folder = Path(tempfile.mkdtemp(prefix="feed-parsers-"))
    made = feedgen.generate(folder, n=24, seed=7, max_bytes=2_000_000)
    small = min((f for f in made if f.kind == "rss20"), key=lambda f: abs(f.bytes - 5_000))
    large = max((f for f in made if f.kind == "rss20"), key=lambda f: f.bytes)
    atom = max((f for f in made if f.kind == "atom10"), key=lambda f: f.bytes)
    return {
        f"rss20_{small.bytes // 1000}KB": small.path.read_bytes(),
        f"rss20_{large.bytes // 1000}KB": large.path.read_bytes(),
        f"atom10_{atom.bytes // 1000}KB": atom.path.read_bytes(),
    }


def speed(repeat: int) -> dict[str, dict[str, float]]:
    figures: dict[str, dict[str, float]] = {}
    for label, body in _feeds().items():
        row = {}
        for name in (*PARSERS, WITH_CONTENT):
            parse = _parser(name)
            runs = max(1, repeat // 3) if name == "feedparser" and len(body) > 100_000 else repeat
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                parse(body)
                times.append(time.perf_counter() - started)
            row[name] = round(statistics.median(times), 5)
        figures[label] = row
    return figures


def _rss(items: str, declaration: str = '<?xml version="1.0" encoding="utf-8"?>') -> str:
    return f'{declaration}<rss version="2.0"><channel><title>Broken</title>{items}</channel></rss>'


def _items(title: str = TITLE) -> str:
    return "".join(
        f"<item><guid>{i}</guid><title>{title} {i}</title><description>Text {i}</description>"
        "</item>"
        for i in range(3)
    )


def _broken() -> dict[str, bytes]:
    good = _rss(_items())
    return {
        "unclosed_tags": good.replace("</title>", "", 1).replace("</description>", "", 2).encode(),
        "html_entities": _rss(_items(TITLE + " &nbsp;&copy;")).encode(),
        "bare_ampersand": _rss(_items(TITLE + " fish & chips")).encode(),
        "latin1_labelled_utf8": good.encode("latin-1"),
        "utf8_labelled_latin1": _rss(
            _items(), '<?xml version="1.0" encoding="iso-8859-1"?>'
        ).encode(),
        "latin1_unlabelled": _rss(_items(), "").encode("latin-1"),
        "truncated": good.encode()[: len(good.encode()) * 2 // 3],
    }


def recovery() -> dict[str, dict[str, str]]:
    figures: dict[str, dict[str, str]] = {}
    for label, body in _broken().items():
        row = {}
        for name in PARSERS:
            try:
                titles = _entry_titles(name, _parser(name)(body))
            except Exception as error:  # a benchmark: every failure is a figure
                row[name] = f"error: {type(error).__name__}"
                continue
            right = sum(1 for t in titles if t.startswith(TITLE))
            row[name] = f"{len(titles)} entries, {right} titles right"
        figures[label] = row
    return figures


_CHILD = """
import sys, time
sys.path.insert(0, sys.argv[3])
sys.path.insert(0, sys.argv[4])
from feed_parsers import _parser
body = open(sys.argv[2], "rb").read()
started = time.perf_counter()
try:
    out = repr(_parser(sys.argv[1])(body))
except Exception as error:
    out = "error: " + type(error).__name__ + ": " + str(error)
print(round(time.perf_counter() - started, 4))
status = open("/proc/self/status").read().split("VmHWM:")[1]
print(round(int(status.split()[0]) / 1024, 1))  # ru_maxrss would include the parent's, pre-exec
print(out[:200000].replace(chr(10), " "))
"""


def _laughs() -> bytes:
    levels = "\n".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 "lol">\n{levels}\n]>\n'
        '<rss version="2.0"><channel><title>&lol9;</title><item><guid>1</guid>'
        "<title>&lol9;</title></item></channel></rss>"
    ).encode()


def safety() -> dict[str, dict[str, object]]:
    folder = Path(tempfile.mkdtemp(prefix="feed-safety-"))
    secret = folder / "secret.txt"
    secret.write_text(SECRET)
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        '<rss version="2.0"><channel><title>t &x;</title><item><guid>1</guid>'
        "<title>&x;</title><description>&x;</description></item></channel></rss>"
    ).encode()
    cases = {"billion_laughs": _laughs(), "xxe_local_file": xxe}
    figures: dict[str, dict[str, object]] = {}
    for label, body in cases.items():
        path = folder / f"{label}.xml"
        path.write_bytes(body)
        row: dict[str, object] = {}
        for name in PARSERS:
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, name, str(path), str(ROOT), str(BENCHMARKS)],
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            lines = done.stdout.split("\n", 2)
            if done.returncode != 0 or len(lines) < 3:
                row[name] = {"crashed": done.returncode, "stderr": done.stderr[-200:]}
                continue
            row[name] = {
                "seconds": float(lines[0]),
                "peak_rss_mb": float(lines[1]),
                "file_read": SECRET in lines[2],
                "output_chars": len(lines[2]),
            }
        figures[label] = row
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(BENCHMARKS))
    versions = {}
    for name in ("feedparser", "fastfeedparser", "lxml"):
        from importlib.metadata import version

        versions[name] = version(name)
    print(
        json.dumps(
            {
                "versions": versions,
                "speed_seconds": speed(args.repeat),
                "recovery": recovery(),
                "safety": safety(),
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
