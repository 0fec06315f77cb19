"""Shared helpers for the scale benchmarks: percentiles, the milestone events, a pty runner.

Apps are timed from outside, by one rule for the bare Textual floor (``bare_app.py``) and for
newsreader (``launch_app.py``, which runs the real command and installs the app's one milestone
callback; the app itself carries no benchmark code):

- ``NEWSREADER_BENCH_OUT=<file>`` names the events file. Each event is appended to it as one
  line ``<EVENT> <time.monotonic_ns()> [key=value ...]``.
- ``FIRST_SCREEN`` is written once, after the screen refresh that painted the first rows.
- ``LOADED`` is written once when loading is over: articles split, the search index complete
  (entities included) and the caches written, again after the refresh that followed.
- Neither app exits by itself: ``run_in_pty(quit_after=EVENT)`` presses q once the event is in
  the file, and the app shuts down as it would for a user.

``time.monotonic_ns`` is CLOCK_MONOTONIC on Linux, one clock for every process, so the parent's
"before Popen" and the child's event times can be subtracted.
"""

from __future__ import annotations

import contextlib
import fcntl
import math
import os
import signal
import struct
import termios
import threading
import time
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENV_OUT = "NEWSREADER_BENCH_OUT"
#: ``run_in_pty`` looks at child processes and the events file every this many 2 ms polls.
CHILD_POLL_EVERY = 50
FIRST_SCREEN = "FIRST_SCREEN"
LOADED = "LOADED"


# --- statistics -----------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (numpy's default), without needing numpy."""
    if not values:
        return math.nan
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def summary_ms(seconds: Sequence[float]) -> dict[str, Any]:
    """p50/p95/max/mean in milliseconds of a list of durations in seconds."""
    if not seconds:
        return {"n": 0}
    return {
        "n": len(seconds),
        "p50_ms": round(percentile(seconds, 50) * 1000, 3),
        "p95_ms": round(percentile(seconds, 95) * 1000, 3),
        "max_ms": round(max(seconds) * 1000, 3),
        "mean_ms": round(sum(seconds) / len(seconds) * 1000, 3),
    }


def target(
    value: float | None, limit: float, text: str, *, higher_is_better: bool = False
) -> dict[str, Any]:
    """A figure with its target and a pass flag (``None`` when the figure could not be measured)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return {"value": None, "target": text, "pass": None}
    ok = value >= limit if higher_is_better else value <= limit
    return {"value": round(value, 4), "target": text, "pass": bool(ok)}


# --- the hook, app side ---------------------------------------------------------------------


def bench_event(event: str, **fields: object) -> None:
    """Append one event line to ``$NEWSREADER_BENCH_OUT`` (no-op when the hook is off)."""
    out = os.environ.get(ENV_OUT)
    if not out:
        return
    stamp = time.monotonic_ns()
    extra = "".join(f" {k}={v}" for k, v in fields.items())
    with open(out, "a", encoding="utf-8") as fh:
        fh.write(f"{event} {stamp}{extra}\n")


def read_events(path: Path) -> dict[str, tuple[int, dict[str, str]]]:
    """The first occurrence of each event: ``{EVENT: (monotonic_ns, fields)}``."""
    events: dict[str, tuple[int, dict[str, str]]] = {}
    if not path.exists():
        return events
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2 or parts[0] in events:
            continue
        try:
            stamp = int(parts[1])
        except ValueError:
            continue
        fields = dict(p.split("=", 1) for p in parts[2:] if "=" in p)
        events[parts[0]] = (stamp, fields)
    return events


# --- running an app under a pseudo-terminal -------------------------------------------------


@dataclass
class PtyRun:
    """What one child run under a pty produced."""

    start_ns: int
    returncode: int | None
    wall_s: float
    maxrss_kb: int | None
    #: The largest peak RSS (``VmHWM``) of any of its child processes, polled like its own.
    children_maxrss_kb: int | None
    events: dict[str, tuple[int, dict[str, str]]]
    timed_out: bool
    output_tail: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def since_start(self, event: str) -> float | None:
        """Seconds from just before ``Popen`` to ``event``, or None if it never came."""
        got = self.events.get(event)
        return None if got is None else (got[0] - self.start_ns) / 1e9


def _peak_rss_kb(pid: int) -> int | None:
    """The process's own peak RSS so far (``VmHWM``), or None where /proc cannot tell.

    ``wait4``'s ``ru_maxrss`` is no good for a child: Linux carries the parent's high-water mark
    across fork and exec, so a small child of a big benchmark process reports the parent's size.
    """
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def _children(pid: int) -> list[int]:
    """The process's children now, whichever of its threads started them
    (``/proc/PID/task/*/children``; [] where /proc cannot tell)."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                found.extend(int(p) for p in fh.read().split())
        except (OSError, ValueError):
            continue
    return found


def _drain(fd: int, sink: deque[bytes]) -> None:
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            return
        if not data:
            return
        sink.append(data)


def run_in_pty(
    argv: Sequence[str],
    env: Mapping[str, str],
    events_file: Path,
    *,
    timeout: float,
    size: tuple[int, int] = (120, 40),
    cwd: Path | None = None,
    quit_after: str | None = None,
    quit_key: bytes = b"q",
) -> PtyRun:
    """Run ``argv`` on a fresh pty (stdin/stdout/stderr) of ``size`` and wait for it to exit.

    A real terminal driver is used, as a user would get, rather than Textual's headless driver:
    writing the frame to the terminal is part of "the first rows are on screen". The child's
    peak RSS is its ``VmHWM``, polled every 2 ms until it exits (``ru_maxrss`` where there is no
    /proc), and each child process's own every 100 ms (a splitting or analysing child). With
    ``quit_after``, ``quit_key`` is typed into the terminal once that event is in the file.
    """
    import subprocess

    events_file.unlink(missing_ok=True)
    master, slave = os.openpty()
    cols, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    child_env = dict(env)
    child_env.update({ENV_OUT: str(events_file), "TERM": child_env.get("TERM", "xterm-256color")})
    child_env["COLUMNS"], child_env["LINES"] = str(cols), str(rows)
    sink: deque[bytes] = deque(maxlen=64)
    drainer = threading.Thread(target=_drain, args=(master, sink), daemon=True)
    drainer.start()
    start_ns = time.monotonic_ns()
    proc = subprocess.Popen(
        list(argv),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=child_env,
        cwd=cwd,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    deadline = time.monotonic() + timeout
    status: int | None = None
    rusage = None
    timed_out = False
    hwm: int | None = None
    children_hwm: int | None = None
    quit_sent = quit_after is None
    polls = 0
    while True:
        now_hwm = _peak_rss_kb(proc.pid)  # read before reaping: a zombie has no memory figures
        if now_hwm is not None:
            hwm = max(hwm or 0, now_hwm)
        polls += 1
        if polls % CHILD_POLL_EVERY == 0:
            # Less often: the app's threads are many files to read, and this process shares
            # the machine with the one it times. A high-water mark loses nothing by waiting.
            for child in _children(proc.pid):
                child_hwm = _peak_rss_kb(child)
                if child_hwm is not None:
                    children_hwm = max(children_hwm or 0, child_hwm)
            if not quit_sent and quit_after in read_events(events_file):
                quit_sent = True
                with contextlib.suppress(OSError):
                    os.write(master, quit_key)
        pid, st, ru = os.wait4(proc.pid, os.WNOHANG)
        if pid == proc.pid:
            status, rusage = st, ru
            break
        if time.monotonic() > deadline:
            timed_out = True
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            _, status, rusage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.002)
    wall = (time.monotonic_ns() - start_ns) / 1e9
    proc.returncode = os.waitstatus_to_exitcode(status) if status is not None else None
    drainer.join(timeout=1.0)
    with contextlib.suppress(OSError):
        os.close(master)
    tail = b"".join(sink)[-4000:].decode("utf-8", "replace")
    return PtyRun(
        start_ns=start_ns,
        returncode=proc.returncode,
        wall_s=wall,
        maxrss_kb=hwm if hwm is not None else (int(rusage.ru_maxrss) if rusage else None),
        children_maxrss_kb=children_hwm,
        events=read_events(events_file),
        timed_out=timed_out,
        output_tail=tail,
    )


def strip_ansi(text: str) -> str:
    """The readable part of a terminal transcript (for error messages)."""
    import re

    text = re.sub(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)", "", text)
    text = re.sub(r"\x1b\[[0-?]*[ -/]*[@-~]", "", text)
    text = re.sub(r"\x1b[@-Z\\-_]", "", text)
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text)
