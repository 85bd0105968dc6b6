"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call and, after
~60,000 of them, aborts the interpreter. pyproject.toml keeps that pair out; this guards it."""

import sys

from PySide6.QtWidgets import QWidget


def test_void_calls_keep_none_alive(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(10_000):
        widget.update()
    lost = before - sys.getrefcount(None)
    assert lost < 100, f"{lost} references to None lost in 10,000 update() calls"
