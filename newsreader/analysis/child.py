"""Find the entities and speakers of every article for the index, in a child process.

After a cold load, the index needs the names in 100k articles: minutes of pure Python that
would hold the GIL beside the UI and leave a hundred megabytes of the analyser's garbage and
fragmented heap in the app (the cold start's peak memory was 1.5x the second start's). In a
child it runs on the other core and its heap goes when it exits; the app receives only the
folded names per article (``search.tokens.entity_names``), a few strings each.

Protocol (``child_pipe`` messages): the parent sends "batch" messages of ``(doc, Article)``
pairs (an ``Article`` pickles as its compact stored form) and then closes the pipe; the child
answers each batch with "names", ``(doc, names or None)`` per article (None: the analyser
failed on it), and ends with "done". Only the built-in recogniser runs
here: a spaCy model in a second process would double the largest thing in memory.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from typing import IO

from newsreader.child_pipe import ChildGone, receive, send, send_last, spawn, stop
from newsreader.model import Article
from newsreader.search.tokens import EntityNames

__all__ = ["BATCH", "ChildAnalysis"]

#: Articles per message each way: a few hundred kB of text, well under a second of analysis.
BATCH = 200
#: How much the child lowers its priority, so the UI's process wins a contended core.
NICENESS = 5


class ChildAnalysis:
    """Names of the given articles, analysed by ``python -m newsreader.analysis.child``.

    ``feed`` (a thread of its own, which ``start`` makes) writes the articles while iterating
    reads the answers, so neither pipe fills up while the other waits. ``close()`` stops the
    child at any time.
    """

    def __init__(self, recogniser: str) -> None:
        self._process = spawn("newsreader.analysis.child", recogniser)
        assert self._process.stdin is not None and self._process.stdout is not None
        self._in: IO[bytes] = self._process.stdin
        self._out: IO[bytes] = self._process.stdout
        self._feeder: threading.Thread | None = None
        self._closed = threading.Event()

    def start(self, articles: Sequence[Article], docs: Sequence[int]) -> None:
        self._feeder = threading.Thread(
            target=self._feed, args=(articles, docs), name="analysis-feeder", daemon=True
        )
        self._feeder.start()

    def _feed(self, articles: Sequence[Article], docs: Sequence[int]) -> None:
        try:
            for i in range(0, len(docs), BATCH):
                if self._closed.is_set():
                    break
                send(self._in, "batch", [(d, articles[d]) for d in docs[i : i + BATCH]])
        except (OSError, ValueError):
            pass  # the child is gone (or closed): iterating says so
        finally:
            with contextlib.suppress(OSError, ValueError):
                self._in.close()

    def __iter__(self) -> Iterator[list[tuple[int, EntityNames | None]]]:
        try:
            while True:
                kind, payload = receive(self._out)
                if kind == "names":
                    yield payload
                elif kind == "done":
                    return
                else:
                    raise RuntimeError(f"analysis failed: {payload}")
        except (ChildGone, OSError, ValueError) as gone:  # ValueError: closed meanwhile
            raise RuntimeError(f"analysis failed: {gone}") from None

    def close(self) -> None:
        self._closed.set()
        stop(self._process)
        if self._feeder is not None:
            self._feeder.join(timeout=5)


def _child_main(recogniser: str) -> int:
    with contextlib.suppress(OSError, AttributeError):
        os.nice(NICENESS)
    out = sys.stdout.buffer
    try:
        _analyse_and_send(recogniser, sys.stdin.buffer, out)
    except BaseException as error:  # reported to the parent, which analyses in-process instead
        send_last(out, "error", f"{type(error).__name__}: {error}")
    return 0


def _analyse_and_send(recogniser: str, inp: IO[bytes], out: IO[bytes]) -> None:
    from newsreader.analysis import analyze
    from newsreader.search.tokens import entity_names

    while True:
        try:
            kind, batch = receive(inp)
        except ChildGone:
            break  # the parent closed the pipe: every batch is answered
        if kind != "batch":
            continue
        answers: list[tuple[int, EntityNames | None]] = []
        for doc, article in batch:
            try:
                answers.append((doc, entity_names(analyze(article, recogniser=recogniser))))
            except Exception:
                answers.append((doc, None))
        send(out, "names", answers)
    send(out, "done", None)


if __name__ == "__main__":
    raise SystemExit(_child_main(sys.argv[1]))
