"""Split a big file in a child process, so the UI's interpreter is left to the UI.

Splitting is pure Python and runs at about 1-2 MB/s: on a 100 MB archive it holds the GIL for
minutes, and a thread doing it takes half of every second from the thread that draws the
screen (the keys held down while loading stalled past 100 ms). In a child process it runs on
the other core; the parent only unpickles finished batches (``Article.stored`` rows, a C loop)
and appends them. The child also keeps the splitter's garbage out of the parent's heap.

The child reads the file itself (a :class:`~newsreader.sources.stream.TextStream`) and sends
each window's batch as soon as it is split, then its decoding warnings.
Nothing here needs a terminal: the child reads no input and its errors go to ``/dev/null``
(see ``child_pipe``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import IO

from newsreader.child_pipe import receive, send, send_last, spawn, stop
from newsreader.model import Article
from newsreader.sources.text import SourceError

__all__ = ["ChildSplit"]


class ChildSplit:
    """The articles of one file, split by a child process; iterate once, then read
    ``warnings``. ``close()`` stops the child (safe to call at any time, from any thread).

    The child is ``python -m newsreader.split.child PATH SOURCE``: it starts (imports, opens
    the file) while the parent splits the first window itself, then :meth:`start` tells it the
    line to go on from, and it writes its batches to its stdout.
    """

    def __init__(self, path: str, source: str) -> None:
        self._process = spawn("newsreader.split.child", path, source)
        assert self._process.stdout is not None
        self._out: IO[bytes] = self._process.stdout
        self.source = source
        self.warnings: list[str] = []
        #: Bytes of the file the child has read so far (progress).
        self.bytes_read = 0

    def start(self, line: int) -> None:
        """Split from the line after line ``line`` (0: from the top) to the end."""
        stdin = self._process.stdin
        assert stdin is not None
        if stdin.closed:
            return
        try:
            stdin.write(f"{line}\n".encode("ascii"))
            stdin.close()
        except OSError:
            pass  # the child is gone; iterating says so

    def __iter__(self) -> Iterator[list[Article]]:
        source = self.source
        self.start(0)  # no-op once started
        try:
            while True:
                kind, payload = receive(self._out)
                if kind == "batch":
                    rows, self.bytes_read = payload
                    yield [Article.from_stored(row[0], source, *row[1:]) for row in rows]
                elif kind == "done":
                    self.warnings = list(payload)
                    return
                elif kind == "source-error":
                    raise SourceError(payload)
                else:
                    raise RuntimeError(f"splitting failed: {payload}")
        finally:
            self.close()

    def close(self) -> None:
        stop(self._process)


def _child_main(path: str, source: str) -> int:
    """The child's whole life: split ``path`` and send every batch, then the warnings."""
    from newsreader.sources.stream import TextStream  # imported while the parent still splits
    from newsreader.split.stream import iter_split

    del TextStream, iter_split
    out = sys.stdout.buffer
    try:
        line = sys.stdin.readline().strip()
        if not line:
            return 0  # the parent did not need us after all
        _split_and_send(path, source, int(line), out)
    except SourceError as error:
        send_last(out, "source-error", str(error))
    except BaseException as error:  # reported to the parent, which shows it
        send_last(out, "error", f"{type(error).__name__}: {error}")
    return 0


def _split_and_send(path: str, source: str, start_line: int, out: IO[bytes]) -> None:
    from newsreader.sources.stream import TextStream
    from newsreader.split.stream import FIRST_WINDOW, WINDOW, iter_split

    with open(path, "rb") as fh:
        stream = TextStream(path, fh)
        first = WINDOW if start_line else FIRST_WINDOW
        for batch in iter_split(stream, source, first_window=first, start_line=start_line):
            send(out, "batch", ([a.stored() for a in batch], stream.bytes_read))
    send(out, "done", stream.warnings)


if __name__ == "__main__":
    raise SystemExit(_child_main(sys.argv[1], sys.argv[2]))
