"""At most a few redraws a second for results that stream in faster than they are worth drawing."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Throttle(QObject):
    """`poke()` asks for `flush()`; it runs at once when the last flush is at least `period` seconds
    old, else once when the period is over (however many pokes came meanwhile). `fire()` flushes
    now if a poke is waiting (a computation ended: its last result is drawn without delay).

    The arena redraws its loss curves, paths and table from whole trajectories: drawn for every
    computed chunk, the work grows with the steps so far and long races stalled the window.
    """

    def __init__(self, flush: Callable[[], None], period: float, clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.flush, self.period, self.clock = flush, period, clock
        self.pending = False
        self._last = -float("inf")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.fire)

    def poke(self) -> None:
        self.pending = True
        wait = self._last + self.period - self.clock()
        if wait <= 0:
            self.fire()
        elif not self.timer.isActive():
            self.timer.start(max(1, round(wait * 1000)))

    def fire(self) -> None:
        self.timer.stop()
        if self.pending:
            self.pending = False
            self._last = self.clock()
            self.flush()

    def cancel(self) -> None:
        """Forget a waiting poke (what it would draw is gone)."""
        self.timer.stop()
        self.pending = False
