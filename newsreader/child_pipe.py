"""The plumbing the worker processes share: how one is started and how messages cross the pipe.

A plain subprocess (``python -m newsreader.<module>``) rather than ``multiprocessing``, whose
"spawn" re-imports the parent's ``__main__`` (which may be any script embedding the library).
Messages are ``(kind, payload)`` pickles, each after its length. Only our own child's output
is unpickled, over a private pipe. A child's stderr goes to ``/dev/null``: a traceback must
never land on the parent's screen, so failures travel as "error" messages instead.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import struct
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

_FRAME = struct.Struct("<Q")


class ChildGone(RuntimeError):
    """The other end closed the pipe in the middle of a message, or before one."""


def spawn(module: str, *args: str) -> subprocess.Popen[bytes]:
    """Start ``python -m module args…`` with pipes on stdin and stdout, importing this package."""
    package_root = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    return subprocess.Popen(
        [sys.executable, "-m", module, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        close_fds=True,
    )


def send(out: IO[bytes], kind: str, payload: Any) -> None:
    data = pickle.dumps((kind, payload), protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_FRAME.pack(len(data)))
    out.write(data)
    out.flush()


def send_last(out: IO[bytes], kind: str, payload: Any) -> None:
    """``send``, unless the other end is gone (then there is nobody to tell)."""
    with contextlib.suppress(OSError):
        send(out, kind, payload)


def receive(fh: IO[bytes]) -> tuple[str, Any]:
    """The next message; ``ChildGone`` at the end of the pipe."""
    head = fh.read(_FRAME.size)
    if len(head) != _FRAME.size:
        raise ChildGone("the other process ended unexpectedly")
    (length,) = _FRAME.unpack(head)
    data = fh.read(length)
    if len(data) != length:
        raise ChildGone("the other process ended unexpectedly")
    kind, payload = pickle.loads(data)
    return str(kind), payload


def stop(process: subprocess.Popen[bytes]) -> None:
    """Kill ``process`` if it still runs, reap it, and close our ends of its pipes."""
    if process.poll() is None:
        process.kill()
    process.wait(timeout=5)
    for pipe in (process.stdin, process.stdout):
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()
