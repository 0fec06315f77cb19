"""SIGKILL at random moments never loses an acknowledged change.

A child process applies bookmark/tag/read changes and prints ``<n>`` after each call returns
(i.e. after its durable write). The test kills it with SIGKILL after a random delay — during
start-up, mid-operation, mid-compaction (the child compacts every 25 changes, rewriting a
snapshot that holds 2,000 read marks) — then opens the database and checks that every
acknowledged change is there and nothing was reported corrupt.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from newsreader.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]
KILLS = 30
SEEDED = 2000
SEED = int(os.environ.get("NEWSREADER_CRASH_SEED", "20240611"))  # override to stress

CHILD = r"""
import sys
from pathlib import Path
from newsreader.storage.store import ArticleMeta, Store

path, start, prefix = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
if len(sys.argv) > 4:  # hold still around each rename so the parent can kill right there
    import os, time
    real_replace = os.replace
    def replace(src, dst):
        print("replace", os.path.basename(dst), flush=True)
        time.sleep(0.02)
        real_replace(src, dst)
        print("replaced", os.path.basename(dst), flush=True)
        time.sleep(0.02)
    os.replace = replace
store = Store(path, compact_after=25)
print("ready", flush=True)
i = start
while True:
    aid = f"{prefix}{i}"
    kind = i % 5
    if kind == 0:
        store.set_bookmark(aid, True, ArticleMeta(f"Title {i}", "crash.txt", (f"note {i}",)))
    elif kind == 1:
        store.add_tag(aid, f"t{i % 7}", ArticleMeta(f"Title {i}", "crash.txt"))
    elif kind == 2:
        store.mark_read(aid)
    elif kind == 3:
        store.set_tags(aid, [f"x{i % 3}", "y"])
    else:
        # a killed predecessor may have done part of this already: make each step a change
        store.remove_tag(aid, "z")
        if not store.is_bookmarked(aid):
            store.toggle_bookmark(aid)
        store.add_tag(aid, "z")
        store.undo()  # the tag goes again; the bookmark stays
    print(i, flush=True)
    i += 1
"""


def _holds(store: Store, i: int, prefix: str = "a") -> bool:
    aid = f"{prefix}{i}"
    kind = i % 5
    if kind == 0:
        meta = store.meta(aid)
        return store.is_bookmarked(aid) and meta is not None and meta.notes == (f"note {i}",)
    if kind == 1:
        return f"t{i % 7}" in store.tags_of(aid)
    if kind == 2:
        return store.is_read(aid)
    if kind == 3:
        return store.tags_of(aid) == frozenset({f"x{i % 3}", "y"})
    return store.is_bookmarked(aid) and store.tags_of(aid) == frozenset()


class Child:
    """A writer process whose acknowledgements are collected by a thread as they arrive."""

    def __init__(self, path: Path, start: int, prefix: str = "a", *extra: str) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        self.proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(start), prefix, *extra],
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.changed = threading.Condition()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self.changed:
                self.lines.append(line.strip())
                self.changed.notify_all()
            self.ready.set()

    def wait_for(self, line: str, timeout: float = 30) -> None:
        with self.changed:
            assert self.changed.wait_for(lambda: line in self.lines, timeout), line

    def kill(self) -> list[int]:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)
        self.thread.join(30)
        return [int(x) for x in self.lines if x.isdigit()]


def _run_and_kill(path: Path, start: int, rng: random.Random) -> list[int]:
    child = Child(path, start)
    if rng.random() < 0.15:
        time.sleep(rng.uniform(0.0, 0.2))  # somewhere in start-up / recovery
    else:
        assert child.ready.wait(30), "child never started"
        time.sleep(rng.uniform(0.0, 0.06))
    return child.kill()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_never_loses_acknowledged_changes(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    path = tmp_path / "newsreader.json"
    acked: set[int] = set()
    next_start = 0
    kills_mid_run = kills_mid_rewrite = 0
    seed = [f"seed{i}" for i in range(SEEDED)]
    with Store(path) as store:  # bulk, so each compaction is a real multi-100-kB rewrite
        store.import_data({"schema_version": 1, "read": seed})
    for _ in range(KILLS):
        got = _run_and_kill(path, next_start, rng)
        kills_mid_rewrite += any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
        if got:
            kills_mid_run += 1
            acked.update(got)
            next_start = max(got) + 1
        store = Store(path)
        try:
            assert store.warnings == [], store.warnings
            missing = sorted(i for i in acked if not _holds(store, i))
            assert missing == [], f"acknowledged but lost: {missing[:10]}"
            assert store.read_ids().issuperset(seed)
        finally:
            store.close()
    print(
        f"kills={KILLS} mid_run={kills_mid_run} mid_rewrite={kills_mid_rewrite} acked={len(acked)}"
    )
    assert kills_mid_run >= KILLS // 2
    assert len(acked) >= 100
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_one_of_two_concurrent_writers(tmp_path: Path) -> None:
    """A writer killed while another runs (maybe holding the lock) costs the other nothing."""
    rng = random.Random(SEED + 1)
    path = tmp_path / "newsreader.json"
    acked: dict[str, set[int]] = {"p": set(), "q": set()}
    start = {"p": 0, "q": 0}
    for _ in range(8):
        children = {who: Child(path, start[who], who) for who in acked}
        for child in children.values():
            assert child.ready.wait(30)
        time.sleep(rng.uniform(0.0, 0.05))
        victim = rng.choice(sorted(children))
        order = [victim] + [w for w in children if w != victim]
        for who in order:  # the victim dies first, the other keeps writing meanwhile
            got = children[who].kill()
            if got:
                acked[who].update(got)
                start[who] = max(got) + 1
            time.sleep(rng.uniform(0.0, 0.02))
        with Store(path) as store:
            assert store.warnings == []
            for who, done in acked.items():
                lost = sorted(i for i in done if not _holds(store, i, who))
                assert lost == [], f"{who}: acknowledged but lost {lost[:10]}"
    assert all(len(done) >= 50 for done in acked.values())


KILL_POINTS = [
    "replace newsreader.json",  # snapshot G+1 fully written to a temp file, not yet renamed
    "replaced newsreader.json",  # snapshot G+1 in place, journal still the old generation
    "replace newsreader.json.journal",  # fresh journal written, not yet renamed
    "replaced newsreader.json.journal",  # compaction complete, folder not yet fsync'd
]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("point", KILL_POINTS)
def test_sigkill_at_each_step_of_a_compaction(tmp_path: Path, point: str) -> None:
    """Deterministic kills inside the rename sequence that random timing rarely hits."""
    path = tmp_path / "newsreader.json"
    with Store(path) as store:
        store.import_data({"schema_version": 1, "read": [f"seed{i}" for i in range(500)]})
    acked: set[int] = set()
    start = 0
    for _ in range(2):
        child = Child(path, start, "a", "slow-rename")
        child.wait_for("ready")
        child.wait_for(point)
        got = child.kill()
        assert got, "no change was acknowledged before the compaction"
        acked.update(got)
        start = max(got) + 1
        with Store(path) as store:
            assert store.warnings == [], store.warnings
            assert [i for i in acked if not _holds(store, i)] == []
            assert len(store.read_ids()) >= 500
