"""The background Worker: items reach the GUI thread, cancel stops a run, failures are reported."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication

from widgets.worker import Worker


def counting(n: int, gate: threading.Event | None = None, fail_at: int | None = None):
    for i in range(n):
        if gate is not None:
            gate.wait(5)
        if i == fail_at:
            raise ValueError("bad input at 3")
        yield i


def test_items_arrive_in_the_gui_thread_in_order(qtbot):
    worker = Worker()
    seen, threads = [], []
    worker.partial.connect(lambda item: (seen.append(item), threads.append(QThread.currentThread())))
    with qtbot.waitSignal(worker.finished, timeout=5000):
        worker.start(lambda: counting(5))
    assert seen == [0, 1, 2, 3, 4]
    assert all(t is QApplication.instance().thread() for t in threads)
    assert not worker.is_running()


def test_progress_is_relayed_from_items_that_carry_it(qtbot):
    class Item:
        def __init__(self, fraction):
            self.progress = fraction

    worker = Worker()
    fractions = []
    worker.progress.connect(fractions.append)
    with qtbot.waitSignal(worker.finished, timeout=5000):
        worker.start(lambda: (Item(f) for f in (0.5, 1.0)))
    assert fractions == [0.5, 1.0]


def test_cancel_stops_the_run_and_drops_late_items(qtbot):
    worker = Worker()
    gate = threading.Event()
    seen = []
    worker.partial.connect(seen.append)
    worker.finished.connect(lambda: seen.append("finished"))
    worker.start(lambda: counting(1000, gate))
    worker.cancel()
    gate.set()
    assert not worker.is_running()
    from PySide6.QtCore import QThreadPool
    assert QThreadPool.globalInstance().waitForDone(5000)
    QApplication.processEvents()
    assert seen == []


def test_a_new_start_replaces_the_old_run(qtbot):
    worker = Worker()
    gate = threading.Event()
    seen = []
    worker.partial.connect(seen.append)
    worker.start(lambda: counting(1000, gate))
    with qtbot.waitSignal(worker.finished, timeout=5000):
        worker.start(lambda: iter(["new"]))
        gate.set()
    assert seen == ["new"]


def test_failure_is_reported_not_raised(qtbot):
    worker = Worker()
    finished = []
    worker.finished.connect(lambda: finished.append(True))
    with qtbot.waitSignal(worker.failed, timeout=5000) as blocker:
        worker.start(lambda: counting(10, fail_at=3))
    assert isinstance(blocker.args[0], ValueError) and finished == []
    qtbot.waitUntil(lambda: not worker.is_running())


@pytest.mark.parametrize("how", ["delete", "shutdown"])
def test_no_job_outlives_its_owner(qtbot, how):
    from PySide6.QtCore import QThreadPool

    from widgets import worker as worker_module
    owner = QObject()
    worker = Worker(owner)
    gate = threading.Event()
    started = threading.Event()

    def endless():
        started.set()
        while True:
            gate.wait(0.01)
            yield 1

    worker.start(endless)
    assert started.wait(5)
    if how == "delete":
        import shiboken6
        shiboken6.delete(owner)   # the panel goes away with its window
    else:
        worker_module.shutdown_all(0)
    assert QThreadPool.globalInstance().waitForDone(5000)
