"""Runs an app/ generator off the GUI thread and hands what it yields to the GUI thread.

    worker = Worker(parent)
    worker.partial.connect(draw_what_came)      # each yielded item, in the GUI thread
    worker.finished.connect(...)                # the generator ended by itself
    worker.failed.connect(...)                  # it raised (the exception object)
    worker.start(lambda: app_module.compute(config))

The newest start wins: starting again cancels the previous run, whose late items are dropped.
Cancel is checked between items (app/ generators yield often). Nothing here touches a widget from
the worker thread: items cross over through queued signals. Jobs run on Qt's global thread pool;
`shutdown()` (called for every worker when the application quits, and when a worker is deleted
with its panel) cancels and waits, so no thread outlives the window.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

Factory = Callable[[], Iterator[object]]


class _Relay(QObject):
    """Carries one job's items to the GUI thread (it lives there; the job emits from the pool)."""

    item = Signal(object)
    failed = Signal(object)
    done = Signal()


class _Job(QRunnable):
    def __init__(self, factory: Factory, relay: _Relay, cancel: threading.Event) -> None:
        super().__init__()
        self.factory, self.relay, self.cancel = factory, relay, cancel

    def run(self) -> None:
        _yield_cpu_to_the_window()
        try:
            generator = self.factory()
            try:
                for item in generator:
                    if self.cancel.is_set():
                        break
                    self.relay.item.emit(item)
            finally:
                close = getattr(generator, "close", None)   # a plain iterator has none
                if close is not None:
                    close()   # a cancelled generator cleans up (closes its files) now
        except Exception as exc:  # noqa: BLE001 -- any failure is reported to the GUI thread, which shows it
            if not self.cancel.is_set():
                self.relay.failed.emit(exc)
        finally:
            self.relay.done.emit()


BACKGROUND_NICE = 10   # how much lower than the GUI thread a job's thread runs (Linux nice steps)


def _yield_cpu_to_the_window() -> None:
    """Run this pool thread at a lower OS priority than the GUI thread (once; it stays so).

    On a busy two-core machine a long race competed with the window (and the X server) for the
    CPU: frames waited ~100-200 ms now and then. Linux applies nice to one thread when given its
    id; elsewhere (or where it is refused) nothing changes.
    """
    if not hasattr(os, "setpriority") or getattr(_niced, "done", False):
        return
    _niced.done = True
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + BACKGROUND_NICE))
    except OSError:
        pass


_niced = threading.local()


# Relays of jobs still running: kept alive here until their `done` reaches the GUI thread, so a
# relay is never deleted from the pool thread nor while a job still emits through it.
_live: dict[_Relay, threading.Event] = {}


def _forget(relay: _Relay) -> None:
    _live.pop(relay, None)
    relay.deleteLater()


def shutdown_all(timeout_ms: int = 10_000) -> bool:
    """Cancel every running job and wait for the pool; True if all ended in time."""
    for cancel in _live.values():
        cancel.set()
    return QThreadPool.globalInstance().waitForDone(timeout_ms)


class Worker(QObject):
    """One background computation at a time for its owner (a panel)."""

    partial = Signal(object)
    progress = Signal(float)   # items with a float `progress` attribute (0..1) report it here too
    finished = Signal()        # the generator ran to its end
    failed = Signal(object)    # it raised this exception instead
    running_changed = Signal(bool)

    _hooked = False

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay: _Relay | None = None
        self._cancel: threading.Event | None = None
        self._error = False
        self._cancels: list[threading.Event] = []
        if not Worker._hooked and QCoreApplication.instance() is not None:
            QCoreApplication.instance().aboutToQuit.connect(shutdown_all)
            Worker._hooked = True
        # Deleted with its panel: stop its jobs. The closure holds the events, not the dying worker.
        cancels = self._cancels
        self.destroyed.connect(lambda *_: [cancel.set() for cancel in cancels])

    def start(self, factory: Factory) -> None:
        """Run `factory()`'s generator in the pool; a run already going is cancelled first."""
        self.cancel()
        relay, cancel = _Relay(), threading.Event()
        _live[relay] = cancel
        relay.item.connect(self._item)
        relay.failed.connect(self._failed)
        relay.done.connect(self._done)
        relay.done.connect(lambda r=relay: _forget(r))
        self._relay, self._cancel, self._error = relay, cancel, False
        self._cancels[:] = [c for c in self._cancels if not c.is_set()] + [cancel]
        QThreadPool.globalInstance().start(_Job(factory, relay, cancel))
        self.running_changed.emit(True)

    def cancel(self) -> None:
        """Stop the current run; nothing more it yields reaches `partial`."""
        if self._relay is None:
            return
        self._cancel.set()
        self._relay.item.disconnect(self._item)
        self._relay.failed.disconnect(self._failed)
        self._relay.done.disconnect(self._done)
        self._relay = self._cancel = None
        self.running_changed.emit(False)

    def is_running(self) -> bool:
        return self._relay is not None

    def _item(self, item: object) -> None:
        if self.sender() is not self._relay:
            return   # a late item of a cancelled run
        self.partial.emit(item)
        fraction = getattr(item, "progress", None)
        if isinstance(fraction, float):
            self.progress.emit(fraction)

    def _failed(self, exc: object) -> None:
        if self.sender() is self._relay:
            self._error = True
            self.failed.emit(exc)

    def _done(self) -> None:
        if self.sender() is not self._relay:
            return
        self._relay = self._cancel = None
        self.running_changed.emit(False)
        if not self._error:
            self.finished.emit()
