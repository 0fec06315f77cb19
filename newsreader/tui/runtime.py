"""What the app changes beyond itself, done in one place and only when it owns the process.

``run_app`` (the ``newsreader`` command) calls :func:`own_process` and hands the result to the
app; an app built any other way (tests, screenshots, embedding) leaves the interpreter as it
found it. The settings, each measured where it is defined:

- a short GIL switch interval (``UI_SWITCH_INTERVAL_S``), so the UI thread gets the GIL back
  from the loader and indexer threads at once;
- the idle garbage collector (``tui/collector.py``): full collections wait for a quiet moment,
  and what is loaded is frozen out of the collector's sight;
- the frame clock (``tui/frame_clock.py``): the main screen repaints at the next frame after a
  late one, on the Textual it was written for.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

from textual.screen import Screen

from newsreader.tui.collector import IdleCollector
from newsreader.tui.frame_clock import main_screen_class

#: How long a thread may hold the GIL while another waits (CPython's default is 5 ms). The
#: loader and indexer threads are CPU-bound; with the default, every time the UI thread wants
#: the GIL back it can wait up to 5 ms, many times per repaint. Measured with
#: ``benchmarks/scale.py --sizes 10000 --parts tui``: j p95 130 -> 66 ms, PgDn 157 -> 73 ms,
#: opening a 20k-character article 291 -> 66 ms, while indexing.
UI_SWITCH_INTERVAL_S = 0.0005


def _main_screen() -> type[Screen[None]]:
    return main_screen_class()


@dataclass(frozen=True)
class Runtime:
    """The process-level choices an app runs with (the default: none of its own)."""

    #: Runs full garbage collections between keys (None: the interpreter's own schedule).
    collector: IdleCollector | None = None
    #: The class of the app's main screen.
    screen_class: type[Screen[None]] = field(default_factory=_main_screen)


def own_process() -> Runtime:
    """Make the process-wide settings the TUI wants; the runtime to build the app with."""
    sys.setswitchinterval(UI_SWITCH_INTERVAL_S)
    return Runtime(collector=IdleCollector())


def keyboard_from_terminal() -> None:
    """After ``newsreader -`` read the articles from a pipe, take keys from the terminal.

    Textual reads keys from file descriptor 0; when that was the pipe, point it at the
    controlling terminal instead (what pagers and fzf do). Without a terminal, leave it be.
    """
    try:
        if os.isatty(0):
            return
        tty = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        return
    try:
        os.dup2(tty, 0)
    finally:
        os.close(tty)
