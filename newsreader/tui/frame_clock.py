"""A screen whose repaints come at the next frame, not the one after it.

Textual paints a screen from a 60 fps timer that is paused while nothing changes. When a
tick starts late (a repaint that took a while, or a timer woken long after its slot), the
timer of Textual 8.2.8 counts the late slot as one more than it is, so the next tick is
between one and two frames away instead of at most one. Measured at 100k articles, that was
the largest part of the time from a keystroke to its result on screen: the key was handled
in 2 ms, then the repaint waited 30 ms for the timer (PgDn p95 43 -> 30 ms with this fix, in a
timeline of ``Screen._on_timer_update``). ``FrameTimer`` is that timer with the slot
counted right; ``FramedScreen`` paints with it. Everything else is Textual's own. Measured
again at 10k articles (``benchmarks/scale.py --sizes 10000 --parts tui``, two runs each):
opening a 20k-character article p95 30 and 27 ms with it, 41 and 43 ms without; j, PgDn and
search p95 the same within noise.

It overrides private parts of ``Timer`` and ``Screen``, so it is used only on the Textual it
was written for (``WRITTEN_FOR``); on any other, ``main_screen_class`` gives the stock
``Screen``. ``tests/tui/test_frames.py`` has the canary: it fails once Textual's own timer no
longer skips a frame, and then this module can go.
"""

from __future__ import annotations

from textual import _time
from textual.screen import UPDATE_PERIOD, Screen  # the frame period: 1 / TEXTUAL_FPS (60)
from textual.timer import EventTargetGone, Timer

from newsreader.tui.versions import textual_version

#: The Textual whose ``Timer._run`` this copies (one change, marked below).
WRITTEN_FOR = "8.2.8"


class FrameTimer(Timer):
    """``Timer`` whose next tick after a late one is at the next slot (never two away)."""

    async def _run(self) -> None:
        count = 0
        repeat = self._repeat
        interval = self._interval
        await self._active.wait()
        start = _time.get_time()
        while repeat is None or count <= repeat:
            next_timer = start + ((count + 1) * interval)
            now = _time.get_time()
            if self._skip and next_timer < now:
                # The slot now is the one in progress; the next tick is the one after it.
                # (Textual adds one more here, which skips a whole frame.)
                count = int((now - start) / interval)
                continue
            await _time.sleep(max(0.0, next_timer - now))
            count += 1
            await self._active.wait()
            if self._reset:
                start = _time.get_time()
                count = 0
                self._reset = False
                continue
            try:
                await self._tick(next_timer=next_timer, count=count)
            except EventTargetGone:
                break


class FramedScreen(Screen[None]):
    """The app's main screen: Textual's ``Screen``, painted by a ``FrameTimer``."""

    _frame_timer: Timer | None = None

    @property
    def _update_timer(self) -> Timer:
        if self._frame_timer is None:
            timer = FrameTimer(
                self,
                UPDATE_PERIOD,
                name="screen_update",
                callback=self._on_timer_update,
                pause=True,
            )
            timer._start()
            self._timers.add(timer)
            self._frame_timer = timer
        return self._frame_timer


def main_screen_class(version: str | None = None) -> type[Screen[None]]:
    """``FramedScreen`` on the Textual it was written for, else Textual's own ``Screen``."""
    if (version or textual_version()) == WRITTEN_FOR:
        return FramedScreen
    return Screen
