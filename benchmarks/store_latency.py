"""Bookmark / tag / mark-read latency at scale, every operation durable (fsync'd).

Seeds a database with 100,000 read marks and 10,000 tagged or bookmarked articles (with
titles), then times each public mutating call on random articles. Prints JSON: p50/p95/p99/max
in milliseconds per operation, plus open, compaction (flush) and reload times, and the same
operations while a second instance writes to the same database.

    .venv/bin/python benchmarks/store_latency.py [--ops N] [--read-marks N] [--saved N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsreader.storage.atomic import sync_data  # noqa: E402
from newsreader.storage.store import ArticleMeta, Store  # noqa: E402

TAGS = ["defence", "kinmen", "economy", "weather", "politics", "health", "tech", "sport"]


def _ids(rng: random.Random, n: int) -> list[str]:
    return [f"{rng.getrandbits(64):016x}" for _ in range(n)]


def _seed(path: Path, rng: random.Random, read_marks: int, saved: int) -> list[str]:
    ids = _ids(rng, max(read_marks, saved))
    saved_ids = ids[:saved]
    tags: dict[str, list[str]] = {t: [] for t in TAGS}
    for i, article_id in enumerate(saved_ids):
        if i % 2 == 0:
            tags[TAGS[i % len(TAGS)]].append(article_id)
    data = {
        "schema_version": 1,
        "bookmarks": saved_ids[1::2],
        "tags": tags,
        "read": ids[:read_marks],
        "articles": {
            a: {"title": f"Article {a} about Kinmen and the strait", "source": "corpus.txt"}
            for a in saved_ids
        },
    }
    with Store(path) as store:
        store.import_data(data)
    return ids


def _stats(samples: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in samples)
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return {
        "n": len(ms),
        "p50_ms": round(q[49], 3),
        "p95_ms": round(q[94], 3),
        "p99_ms": round(q[98], 3),
        "max_ms": round(ms[-1], 3),
    }


def _time_ops(store: Store, rng: random.Random, ids: list[str], n: int) -> dict[str, Any]:
    fresh = _ids(rng, n)
    added = [rng.choice(TAGS) for _ in range(n)]
    meta = ArticleMeta("A new article", "corpus.txt", ("Someone: “a quote”",))
    ops: dict[str, Callable[[int], object]] = {
        "toggle_bookmark": lambda i: store.toggle_bookmark(rng.choice(ids), meta),
        "add_tag": lambda i: store.add_tag(fresh[i], added[i], meta),
        "remove_tag": lambda i: store.remove_tag(fresh[i], added[i]),
        "set_tags": lambda i: store.set_tags(rng.choice(ids), rng.sample(TAGS, 2), meta),
        "mark_read": lambda i: store.mark_read(fresh[i]),
        "mark_unread": lambda i: store.mark_read(rng.choice(ids), False),
        "undo": lambda i: store.undo(),
    }
    samples: dict[str, list[float]] = {name: [] for name in ops}
    order = [(name, i) for i in range(n) for name in ops]
    for name, i in order:
        t0 = time.perf_counter()
        ops[name](i)
        samples[name].append(time.perf_counter() - t0)
    every = [s for v in samples.values() for s in v]
    out: dict[str, Any] = {name: _stats(v) for name, v in samples.items()}
    out["all"] = _stats(every)
    return out


_WRITER = """
import sys, time
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from newsreader.storage.store import Store
s = Store(Path(sys.argv[1]))
print("ready", flush=True)
i = 0
while True:
    s.add_tag(f"other{i}", "from-the-other-instance")
    i += 1
    time.sleep(0.002)
"""


def _raw_fsync(path: Path) -> dict[str, float]:
    """The disk's floor: one small append + fdatasync, as the journal does."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    samples = []
    try:
        for _ in range(200):
            t0 = time.perf_counter()
            os.write(fd, b"x" * 80 + b"\n")
            sync_data(fd)
            samples.append(time.perf_counter() - t0)
    finally:
        os.close(fd)
    stats = _stats(samples)
    return {"p50_ms": stats["p50_ms"], "p95_ms": stats["p95_ms"]}


def run(ops: int, read_marks: int, saved: int) -> dict[str, Any]:
    rng = random.Random(20240601)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "newsreader.json"
        ids = _seed(path, rng, read_marks, saved)
        t0 = time.perf_counter()
        store = Store(path)
        open_s = time.perf_counter() - t0
        result: dict[str, Any] = {
            "read_marks": len(store.read_ids()),
            "saved_articles": len(store.bookmarks() | set().union(*map(store.ids_with_tag, TAGS))),
            "snapshot_bytes": path.stat().st_size,
            "open_ms": round(open_s * 1000, 1),
        }
        result["ops"] = _time_ops(store, rng, ids, ops)
        t0 = time.perf_counter()
        store.reload()
        result["reload_no_change_ms"] = round((time.perf_counter() - t0) * 1000, 3)
        t0 = time.perf_counter()
        store.flush()
        # what every operation would cost if each rewrote the whole file (the naive design)
        result["compaction_whole_file_rewrite_ms"] = round((time.perf_counter() - t0) * 1000, 1)
        result["raw_fdatasync_append_ms"] = _raw_fsync(Path(tmp) / "probe")

        writer = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path), str(ROOT)],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert writer.stdout is not None
            writer.stdout.readline()
            result["ops_with_second_instance_writing"] = _time_ops(
                store, rng, ids, max(50, ops // 4)
            )["all"]
        finally:
            writer.kill()
            writer.wait()
        store.close()
        result["journal_compacted_every_ops"] = 5000
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, default=1000, help="operations per kind")
    parser.add_argument("--read-marks", type=int, default=100_000)
    parser.add_argument("--saved", type=int, default=10_000)
    args = parser.parse_args()
    print(json.dumps(run(args.ops, args.read_marks, args.saved), indent=2))


if __name__ == "__main__":
    main()
