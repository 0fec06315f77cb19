"""Run the ``newsreader`` command as a user would, noting when its first screen and its full load
are painted: ``benchmarks/launch_app.py ARGS`` is ``newsreader ARGS`` plus the timing.

The app knows nothing of benchmarks: it calls one optional milestone callback
(``NewsReaderApp(on_milestone=...)``, passed through ``newsreader.cli.main``), and this script
installs it. With ``$NEWSREADER_BENCH_OUT`` naming a file, each milestone is appended to it as
``FIRST_SCREEN`` or ``LOADED`` (see ``_timing.py`` for the line format), with the peak memory of
the app's finished child processes (``RUSAGE_CHILDREN``) at ``LOADED``. Leaving is the
harness's part: it presses q when it reads the event it waits for (``run_in_pty``'s
``quit_after``), so the app shuts down the way it does for a user.
"""

from __future__ import annotations

import os
import resource
import sys
import time


def milestone(name: str) -> None:
    """Append ``name`` (upper-cased) and the time to ``$NEWSREADER_BENCH_OUT``."""
    out = os.environ.get("NEWSREADER_BENCH_OUT")
    if not out:
        return
    stamp = time.monotonic_ns()
    fields = ""
    if name == "loaded":
        # Linux counts the app's own size at the fork into this (the children start as copies
        # of it), so it is an upper bound; run_in_pty also polls each child's own VmHWM.
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        fields = f" ru_children_maxrss_kb={children}"
    with open(out, "a", encoding="utf-8") as fh:
        fh.write(f"{name.upper()} {stamp}{fields}\n")


def main(argv: list[str]) -> int:
    from newsreader.cli import main as newsreader

    return newsreader(argv, on_milestone=milestone)


if __name__ == "__main__":  # not when a child process re-imports this as __mp_main__
    raise SystemExit(main(sys.argv[1:]))
