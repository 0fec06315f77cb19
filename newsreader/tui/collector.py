"""When Python's garbage collector may stop the UI: between keys, not in the middle of one.

A full collection walks every container object it tracks. ``gc.freeze()`` takes the articles
and their index out of its sight, but the reader's layout caches, the store's sets and the
widgets' strips still make a full pass 20-30 ms at 100k articles, and CPython starts one
whenever enough objects have survived, which is often in the middle of painting a search
result or a page of the list. So, while the app owns the process, automatic full
collections are switched off and run instead when no key has come for ``QUIET_S``; young
collections (well under 3 ms) stay automatic, so short-lived garbage is freed as before.
``MAX_WAIT_S`` bounds how long cyclic garbage can wait when keys never stop coming.
"""

from __future__ import annotations

import gc
from time import monotonic

#: No key for this long: the user is reading, and a full collection goes unnoticed.
QUIET_S = 1.0
#: A full collection runs at least this often, keys or not.
MAX_WAIT_S = 60.0
#: How often the app asks (``IdleCollector.tick``).
TICK_S = 2.0
#: Young collections between automatic full ones: high enough never to be reached.
_NEVER = 1_000_000


class IdleCollector:
    """Full collections only at quiet moments; ``install`` and ``uninstall`` bracket its use."""

    def __init__(self) -> None:
        self._saved: tuple[int, int, int] | None = None
        self._last_key = monotonic()
        self._last_full = monotonic()
        self.full_collections = 0

    @property
    def installed(self) -> bool:
        return self._saved is not None

    def install(self) -> None:
        if self._saved is None:
            self._saved = gc.get_threshold()
            young, middle, _full = self._saved
            gc.set_threshold(young, middle, _NEVER)

    def uninstall(self) -> None:
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    def key(self) -> None:
        """A key arrived: a collection now would delay its answer."""
        self._last_key = monotonic()

    def freeze(self) -> None:
        """What exists now lives as long as the app: never walk it again (an O(1) splice)."""
        if self._saved is not None:
            gc.freeze()

    def tick(self) -> bool:
        """Collect fully if the user is quiet (or it has waited too long); True if it ran."""
        if self._saved is None:
            return False
        now = monotonic()
        if now - self._last_key < QUIET_S and now - self._last_full < MAX_WAIT_S:
            return False
        if gc.get_count()[2] == 0 and now - self._last_full < MAX_WAIT_S:
            return False  # no young collection since the last full one: nothing new to find
        gc.collect()
        self._last_full = monotonic()
        self.full_collections += 1
        return True
