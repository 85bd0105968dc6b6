"""Test set-up: Qt under Xvfb (pytest-xvfb), shared GL contexts, isolated settings, no stray threads."""

from __future__ import annotations

import threading

import pytest
from hypothesis import settings as hypothesis_settings
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, Qt, QThreadPool

# Must precede the QApplication: pyqtgraph shares compiled GL shaders between views.
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
# Error logs and default settings go to a test location, never the developer's own.
QStandardPaths.setTestModeEnabled(True)
# Generated programs are the same on every run: CI never fails on an example a developer's run
# did not see. No example database: nothing is written into the clone.
hypothesis_settings.register_profile("repeatable", derandomize=True, database=None)
hypothesis_settings.load_profile("repeatable")


@pytest.fixture(autouse=True)
def _no_thread_left_running():
    before = set(threading.enumerate())
    yield
    pool = QThreadPool.globalInstance()
    pool.waitForDone(5000)
    leftover = [t for t in threading.enumerate() if t not in before and t.is_alive() and not t.daemon]
    assert not leftover, f"test left threads running: {leftover}"
    assert pool.activeThreadCount() == 0


@pytest.fixture
def settings(tmp_path):
    s = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    s.setValue("panel", "activations")   # the window tests were written for it; other panels' tests pick theirs
    return s


@pytest.fixture
def window(qtbot, settings):
    """The main window, English, light theme, on the CPU, with throwaway settings."""
    from widgets import i18n
    from widgets.main_window import MainWindow

    settings.setValue("device", "cpu")
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.resize(1300, 820)
    win.show()
    qtbot.waitExposed(win)
    yield win
    i18n.set_language("en")


@pytest.fixture
def arena_panel(qtbot):
    """An Optimizer Arena on screen in the light theme, autoplay off; stopped afterwards."""
    from widgets import theme as themes
    from widgets.arena_panel import ArenaPanel
    p = ArenaPanel()
    p.autoplay = False
    qtbot.addWidget(p)
    p.apply_theme(themes.get("light"))
    p.resize(1300, 820)
    p.show()
    qtbot.waitExposed(p)
    yield p
    p.stop()


def assert_one_line_input_error(call, fragment: str) -> None:
    """`call()` raises a ValueError whose one-line message holds `fragment`; an InputError's
    template, filled with its values, is that same message (what the window shows translated)."""
    from app.errors import InputError

    with pytest.raises(ValueError) as info:
        call()
    message = str(info.value)
    assert fragment in message and "\n" not in message
    if isinstance(info.value, InputError):
        assert info.value.template.format(**info.value.values) == message
