"""The redraw throttle: a burst of pokes draws at once, then at most once per period; fire() draws
what waits. Driven by a fake clock and explicit calls, never real time."""

from __future__ import annotations

from widgets.throttle import Throttle


def test_a_burst_draws_once_now_and_once_when_the_period_is_over(qtbot):
    now = [100.0]
    drawn = []
    throttle = Throttle(lambda: drawn.append(now[0]), 0.25, clock=lambda: now[0])
    throttle.poke()
    assert drawn == [100.0]                       # the first result is drawn at once
    for t in (100.05, 100.1, 100.2):
        now[0] = t
        throttle.poke()
    assert drawn == [100.0] and throttle.timer.isActive()   # the rest wait for the period
    assert 1 <= throttle.timer.remainingTime() <= 250
    now[0] = 100.25
    throttle.timer.timeout.emit()                 # what the timer does when the period is over
    assert drawn == [100.0, 100.25] and not throttle.pending
    now[0] = 101.0
    throttle.poke()                               # a quiet while later: drawn at once again
    assert drawn == [100.0, 100.25, 101.0]


def test_fire_draws_what_waits_and_only_that(qtbot):
    now = [0.0]
    drawn = []
    throttle = Throttle(lambda: drawn.append(now[0]), 0.25, clock=lambda: now[0])
    throttle.poke()
    now[0] = 0.1
    throttle.poke()
    throttle.fire()                               # the computation ended: its last result now
    assert drawn == [0.0, 0.1] and not throttle.timer.isActive()
    throttle.fire()
    assert drawn == [0.0, 0.1]                    # nothing waited
    throttle.poke()
    throttle.cancel()                             # the runs were replaced: nothing to draw
    throttle.fire()
    assert drawn == [0.0, 0.1]
