"""The benchmark hook: when ``$NEWSREADER_BENCH_OUT`` names a file, the app notes two moments.

``benchmarks/scale.py`` times the real ``newsreader`` command from outside; only the app knows
when its first rows are on screen and when loading is over. The contract (see
``benchmarks/_timing.py``): one line ``<EVENT> <time.monotonic_ns()> [key=value ...]`` appended
per event, ``FIRST_SCREEN`` after the refresh that painted the first rows, ``LOADED`` once the
articles are split and the index (entities too) is complete and cached; and with
``$NEWSREADER_BENCH_EXIT=first_screen|loaded`` the app exits right after that event. With the
variable unset (always, outside benchmarks) every function here is a dictionary lookup.
"""

from __future__ import annotations

import os
import time

__all__ = ["FIRST_SCREEN", "LOADED", "exit_after", "note"]

ENV_OUT = "NEWSREADER_BENCH_OUT"
ENV_EXIT = "NEWSREADER_BENCH_EXIT"
FIRST_SCREEN = "FIRST_SCREEN"
LOADED = "LOADED"

_noted: set[str] = set()


def note(event: str, **fields: object) -> bool:
    """Append ``event`` once per process; True if the app should now exit."""
    out = os.environ.get(ENV_OUT)
    if not out or event in _noted:
        return False
    _noted.add(event)
    stamp = time.monotonic_ns()
    extra = "".join(f" {k}={v}" for k, v in fields.items())
    with open(out, "a", encoding="utf-8") as fh:
        fh.write(f"{event} {stamp}{extra}\n")
    return exit_after() == event.lower()


def exit_after() -> str | None:
    """Which event the app should exit after (``first_screen`` or ``loaded``), if any."""
    value = os.environ.get(ENV_EXIT, "").strip().lower()
    if not value and os.environ.get("NEWSREADER_BENCH_FIRST_SCREEN") == "1":
        value = "first_screen"
    return value if value in ("first_screen", "loaded") else None
