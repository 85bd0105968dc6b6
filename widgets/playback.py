"""Playback controls shared by the animated panels: Reset, Step back, Play/Pause, Step, speed, scrubber.

The panel computes its frames first (app/ does the maths); this widget only says which frame to
show. Tests drive it with tick() and step(), never with real time.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from widgets.i18n import tr


class Playback(QWidget):
    """Which frame of `count()` is shown, and the buttons and shortcuts that move it."""

    position_changed = Signal(int)   # the frame to show changed, for whatever reason

    def __init__(self, speeds: tuple[int, ...] = (1,), interval_ms: int = 33,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._count = 0
        self._position = 0
        self._speeds = tuple(speeds)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.tick)
        self.reset_button = QPushButton()
        self.back_button = QPushButton()
        self.play_button = QPushButton()
        self.step_button = QPushButton()
        self.speed = QComboBox()
        for value in self._speeds:
            self.speed.addItem(f"×{value:,}", value)
        self.speed.setVisible(len(self._speeds) > 1)
        self.scrubber = QSlider(Qt.Orientation.Horizontal)
        self.scrubber.setRange(0, 0)
        self.readout = QLabel()
        self.readout.setMinimumWidth(self.readout.fontMetrics().horizontalAdvance("0" * 16))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.reset_button, self.back_button, self.play_button, self.step_button, self.speed):
            layout.addWidget(widget)
        layout.addWidget(self.scrubber, 1)
        layout.addWidget(self.readout)
        self.reset_button.clicked.connect(self.reset)
        self.back_button.clicked.connect(lambda: self.step(-1))
        self.play_button.clicked.connect(self.toggle)
        self.step_button.clicked.connect(lambda: self.step(1))
        self.scrubber.valueChanged.connect(self.set_position)
        self.retranslate()

    # --- frames -------------------------------------------------------------------------------
    def count(self) -> int:
        return self._count

    def set_count(self, n: int) -> None:
        """Frames 0..n-1 are available; the shown frame is kept if it still exists."""
        self._count = max(0, int(n))
        self.scrubber.blockSignals(True)
        self.scrubber.setRange(0, max(0, self._count - 1))
        self.scrubber.blockSignals(False)
        if self._count == 0:
            self.pause()
        self._move_to(self._position)
        self._update_readout()

    def position(self) -> int:
        return self._position

    def set_position(self, i: int) -> None:
        self._move_to(i)

    def _move_to(self, i: int) -> None:
        i = min(max(0, int(i)), max(0, self._count - 1))
        changed = i != self._position
        self._position = i
        self.scrubber.blockSignals(True)   # the scrubber follows; it must not echo back
        self.scrubber.setValue(i)
        self.scrubber.blockSignals(False)
        self._update_readout()
        if changed:
            self.position_changed.emit(i)

    # --- actions ------------------------------------------------------------------------------
    def step(self, delta: int = 1) -> None:
        """Step forward or back by `delta` frames; a manual step stops playback."""
        self.pause()
        self._move_to(self._position + delta)

    def speed_value(self) -> int:
        return self.speed.currentData() or 1

    def tick(self) -> None:
        """One timer tick: advance by the speed; stop at the last frame."""
        last = self._count - 1
        self._move_to(min(self._position + self.speed_value(), last))
        if self._position >= last:
            self.pause()

    def play(self) -> None:
        if self._count <= 1:
            return
        if self._position >= self._count - 1:   # Play at the end starts again, as media players do
            self._move_to(0)
        self.timer.start()
        self._update_play_text()

    def pause(self) -> None:
        self.timer.stop()
        self._update_play_text()

    def toggle(self) -> None:
        self.pause() if self.is_playing() else self.play()

    def is_playing(self) -> bool:
        return self.timer.isActive()

    def reset(self) -> None:
        self.pause()
        self._move_to(0)

    def install_shortcuts(self, widget: QWidget) -> None:
        """Space play/pause, Right/Left step, Home reset, whenever focus is inside `widget`.

        A text field or spin box with focus keeps its own keys (Qt gives them the key first).
        """
        for key, action in ((Qt.Key.Key_Space, self.toggle), (Qt.Key.Key_Right, lambda: self.step(1)),
                            (Qt.Key.Key_Left, lambda: self.step(-1)), (Qt.Key.Key_Home, self.reset)):
            shortcut = QShortcut(QKeySequence(key), widget)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)

    # --- text -----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.reset_button.setText(tr("Reset"))
        self.reset_button.setToolTip(tr("Back to the first step (Home)"))
        self.back_button.setText(tr("◀ Step back"))
        self.back_button.setToolTip(tr("One step back (Left arrow)"))
        self.step_button.setText(tr("Step ▶"))
        self.step_button.setToolTip(tr("One step forward (Right arrow)"))
        self.speed.setToolTip(tr("Steps advanced per frame while playing"))
        self.scrubber.setToolTip(tr("Drag to any step"))
        self._update_play_text()
        self._update_readout()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update_play_text(self) -> None:
        self.play_button.setText(tr("Pause") if self.is_playing() else tr("Play"))
        self.play_button.setToolTip(tr("Play or pause (Space)"))

    def _update_readout(self) -> None:
        if self._count == 0:
            self.readout.setText("")
        else:
            self.readout.setText(tr("step {i} / {n}").format(i=f"{self._position:,}", n=f"{self._count - 1:,}"))
