"""Per-item time limits inside one process: a timer interrupts the item's work.

`ItemClock.limit(seconds)` arms SIGALRM; when it fires, `ItemTimeout` is raised in the
main thread wherever the item's code is. Python code and regular expressions are
interrupted at once; a long call into compiled code (spaCy's parser on one huge text)
returns first. Outside the main thread, or where the platform has no SIGALRM, the clock
only measures: there an item is bounded by the worker supervision in `batch.py` alone.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from newsgraph.errors import ItemTimeout

# After the first ring the timer rings again at this interval, in case library code
# swallowed the exception with a bare `except:` and went on working.
RING_AGAIN_SECONDS = 1.0


class ItemClock:
    def __init__(self) -> None:
        self.interrupts = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        self._armed = False

    @contextmanager
    def limit(self, seconds: float | None) -> Iterator[None]:
        """Run the body with at most `seconds` (None: no limit); raises ItemTimeout."""
        if seconds is not None and seconds <= 0:
            raise ItemTimeout
        if seconds is None or not self.interrupts:
            yield
            return
        previous = signal.signal(signal.SIGALRM, self._ring)
        self._armed = True
        signal.setitimer(signal.ITIMER_REAL, seconds, RING_AGAIN_SECONDS)
        try:
            yield
        finally:
            self._disarm(previous)

    def _ring(self, signum: int, frame: object) -> None:
        if self._armed:
            raise ItemTimeout

    def _disarm(self, previous: object) -> None:
        # A ring may land while disarming; once `_armed` is False none raises, so retry
        # until that line has run. An ItemTimeout already on its way out is unaffected.
        while True:
            try:
                self._armed = False
                break
            except ItemTimeout:
                continue
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)  # type: ignore[arg-type]
