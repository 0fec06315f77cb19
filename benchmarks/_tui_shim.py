#!/usr/bin/env python3
"""Run ``newsreader`` (the real CLI entry) with the benchmark hook added from outside.

usage: benchmarks/_tui_shim.py [newsreader arguments ...]

Used by ``scale.py`` only while newsreader's TUI does not carry the hook itself (see
``_timing.py`` for the contract). It wraps ``NewsReaderApp``'s load-progress and load-finished
handlers: once the article list has a row, a ``call_after_refresh`` callback writes
``FIRST_SCREEN`` (so after the refresh that painted it); once loading is finished and the
library's index is complete (entities included, so its cache has been written), ``LOADED``.
The patching costs microseconds, so the figures are the CLI's own: interpreter start, imports,
reading the file, the app's start-up and the first rows.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
# newsreader comes from $PYTHONPATH (scale.py's frozen copy) or the install; the tree is a fallback.
sys.path.append(str(Path(__file__).resolve().parent.parent))

from _timing import FIRST_SCREEN, LOADED, bench_event, bench_exit_after


def install() -> None:
    from newsreader.tui import app as app_module

    cls: Any = app_module.NewsReaderApp
    done: set[str] = set()

    def rows(self: Any) -> int:
        try:
            return int(self.article_list.row_count)
        except Exception:
            return len(getattr(self.library, "articles", ()))

    def first_screen(self: Any) -> None:
        if FIRST_SCREEN in done:
            return
        done.add(FIRST_SCREEN)
        bench_event(FIRST_SCREEN, rows=rows(self), articles=len(self.library.articles))
        if bench_exit_after() == "first_screen":
            self.exit(0)

    def loaded(self: Any) -> None:
        if LOADED in done:
            return
        done.add(LOADED)
        bench_event(LOADED, articles=len(self.library.articles))
        if bench_exit_after() == "loaded":
            self.exit(0)

    def check(self: Any) -> None:
        if FIRST_SCREEN not in done and rows(self) > 0:
            self.call_after_refresh(first_screen, self)

    original_progress = cls.on_load_progress
    original_finished = cls.on_load_finished

    def on_load_progress(self: Any, message: Any) -> Any:
        result = original_progress(self, message)
        check(self)
        return result

    def index_complete(self: Any) -> bool:
        status = getattr(self.library, "index_status", None)
        if not callable(status):
            return True
        now = status()  # complete, and the build (which saves the index cache) has returned
        return bool(getattr(now, "complete", True)) and not getattr(now, "building", False)

    def on_load_finished(self: Any, message: Any) -> Any:
        result = original_finished(self, message)
        check(self)

        def poll() -> None:  # the index (entities too) may still be building in a worker
            if index_complete(self):
                timer.stop()
                self.call_after_refresh(loaded, self)

        timer = self.set_interval(0.05, poll)
        poll()
        return result

    cls.on_load_progress = on_load_progress
    cls.on_load_finished = on_load_finished


def main() -> int:
    install()
    from newsreader.cli import main as cli_main

    code = cli_main(sys.argv[1:])
    if bench_exit_after() is not None:
        # The app has exited after its event; do not wait for a loader thread still splitting.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
