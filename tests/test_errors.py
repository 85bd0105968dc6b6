"""An unexpected exception in a slot shows a message, is logged, and the window keeps working."""

import threading

import pytest
from PySide6.QtCore import QTimer

from widgets import errors
from widgets.errors import ErrorReporter

pytestmark = pytest.mark.qt_no_exception_capture   # the reporter, not pytest-qt, must see them


@pytest.fixture
def reporter(window, tmp_path, monkeypatch):
    monkeypatch.setattr(errors, "log_path", lambda: tmp_path / "errors.log")   # this test's log only
    r = ErrorReporter(window)
    r.install()
    yield r
    for dialog in list(r.dialogs):
        dialog.close()
    r.uninstall()


def fail_in_a_slot(qtbot, reporter, message):
    def broken_slot():
        raise RuntimeError(message)

    with qtbot.waitSignal(reporter.reported, timeout=5000):
        QTimer.singleShot(0, broken_slot)


def test_exception_in_a_slot_is_shown_logged_and_survived(window, qtbot, reporter):
    fail_in_a_slot(qtbot, reporter, "injected failure")
    qtbot.waitUntil(lambda: len(reporter.dialogs) == 1)
    dialog = reporter.dialogs[0]
    assert not dialog.isModal()
    assert "injected failure" in dialog.text()
    assert "Traceback" in dialog.detailedText()
    assert "injected failure" in errors.log_path().read_text(encoding="utf-8")

    # Still alive: a control still recomputes and redraws.
    view = window.current_panel().current_view()
    assert view.curves["sigmoid"].x[-1] == 5.0
    view.range_to.setValue(7.0)
    qtbot.waitUntil(lambda: view.curves["sigmoid"].x[-1] == 7.0)


def test_exception_in_a_worker_thread_reaches_the_gui_thread(qtbot, reporter):
    thread = threading.Thread(target=lambda: 1 / 0)
    with qtbot.waitSignal(reporter.reported, timeout=5000) as blocker:
        thread.start()
        thread.join()
    assert "ZeroDivisionError" in blocker.args[0]
    qtbot.waitUntil(lambda: len(reporter.dialogs) == 1)


def test_a_repeating_error_updates_one_dialog(qtbot, reporter):
    for _ in range(5):
        fail_in_a_slot(qtbot, reporter, "same failure")
    qtbot.waitUntil(lambda: reporter.dialogs and reporter.dialogs[0].property("count") == 5)
    assert len(reporter.dialogs) == 1
    assert "5" in reporter.dialogs[0].text()
