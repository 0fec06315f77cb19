"""Two processes (and two threads) writing one database at once lose no update.

Each writer applies 300 changes; a third of them add a distinct tag to the *same* article, which
is exactly where a read-modify-write on a stale copy would drop the other writer's tags. Both
compact often (every 40 changes), so each also has to notice the other's new snapshots.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from newsreader.storage.store import ArticleMeta, Store

ROOT = Path(__file__).resolve().parents[2]
OPS = 300

WRITER = r"""
import sys
from pathlib import Path
from newsreader.storage.store import ArticleMeta, Store

path, who, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
store = Store(path, compact_after=40)
print("ready", flush=True)
sys.stdin.readline()  # start together
for i in range(n):
    kind = i % 3
    if kind == 0:
        store.set_bookmark(f"{who}{i}", True, ArticleMeta(f"{who} {i}", "c.txt"))
    elif kind == 1:
        store.add_tag("shared", f"{who}-{i}")
    else:
        store.mark_read(f"{who}{i}")
    assert store.last_error is None, store.last_error
store.close()
print("done", flush=True)
"""


def _expect(store: Store, who: str) -> list[str]:
    missing = []
    for i in range(OPS):
        kind = i % 3
        ok = (
            store.is_bookmarked(f"{who}{i}") and store.meta(f"{who}{i}") is not None
            if kind == 0
            else f"{who}-{i}" in store.tags_of("shared")
            if kind == 1
            else store.is_read(f"{who}{i}")
        )
        if not ok:
            missing.append(f"{who}{i}")
    return missing


def test_two_processes_lose_no_update(tmp_path: Path) -> None:
    path = tmp_path / "newsreader.json"
    Store(path).close()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), who, str(OPS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        for who in ("a", "b")
    ]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        out, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
        assert out.strip() == "done"
    with Store(path) as store:
        assert store.warnings == []
        assert _expect(store, "a") == [] and _expect(store, "b") == []
        assert len(store.tags_of("shared")) == 2 * (OPS // 3)
        assert len(store.bookmarks()) + len(store.read_ids()) == 2 * (OPS - OPS // 3)


def test_two_instances_in_threads(tmp_path: Path) -> None:
    path = tmp_path / "newsreader.json"
    stores = [Store(path, compact_after=30), Store(path, compact_after=30)]
    errors: list[BaseException] = []

    def work(store: Store, who: str) -> None:
        try:
            for i in range(150):
                store.add_tag("shared", f"{who}-{i}", ArticleMeta("Shared", "c.txt"))
                store.mark_read(f"{who}{i}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=work, args=(s, w)) for s, w in zip(stores, "AB", strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    for s in stores:
        s.close()
    with Store(path) as store:
        assert len(store.tags_of("shared")) == 300
        assert len(store.read_ids()) == 300


def test_one_instance_shared_by_threads(tmp_path: Path) -> None:
    with Store(tmp_path / "newsreader.json", compact_after=50) as store:

        def work(who: str) -> None:
            for i in range(100):
                store.add_tag(f"{who}{i % 10}", f"t{i}")
                store.bookmarks()
                store.read_ids()

        threads = [threading.Thread(target=work, args=(w,)) for w in "ABC"]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert sum(store.tag_counts().values()) == 300
