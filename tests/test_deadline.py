"""The per-item clock: it interrupts runaway work, and only inside its limit."""
import signal

import pytest

from newsgraph.deadline import ItemClock
from newsgraph.errors import ItemTimeout


def spin_forever() -> None:
    while True:
        pass


def test_a_runaway_loop_is_interrupted():
    clock = ItemClock()
    with pytest.raises(ItemTimeout):
        with clock.limit(0.2):
            spin_forever()


def test_library_code_cannot_swallow_the_timeout():
    """`except Exception` (trafilatura has many) lets the timeout through; a bare `except:`
    gets a second one."""
    def swallowing():
        try:
            spin_forever()
        except Exception:
            return "swallowed"

    def swallowing_everything():
        try:
            spin_forever()
        except:  # noqa: E722 - what careless library code does
            pass
        spin_forever()

    clock = ItemClock()
    for work in (swallowing, swallowing_everything):
        with pytest.raises(ItemTimeout):
            with clock.limit(0.2):
                work()


def test_work_within_the_limit_is_untouched_and_the_timer_is_put_back():
    def previous(signum, frame):
        pass

    old = signal.signal(signal.SIGALRM, previous)
    try:
        clock = ItemClock()
        with clock.limit(30):
            total = sum(range(1000))
        assert total == 499500
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        assert signal.getsignal(signal.SIGALRM) is previous
    finally:
        signal.signal(signal.SIGALRM, old)


def test_no_time_left_and_no_limit():
    clock = ItemClock()
    with pytest.raises(ItemTimeout):
        with clock.limit(0):
            pass
    with clock.limit(None):
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
