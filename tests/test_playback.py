"""The shared playback controls: frames move by buttons, ticks, the scrubber and the keyboard."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from widgets.playback import Playback


@pytest.fixture
def playback(qtbot):
    host = QWidget()
    widget = Playback(speeds=(1, 10), interval_ms=10)
    QVBoxLayout(host).addWidget(widget)
    widget.install_shortcuts(host)
    qtbot.addWidget(host)
    widget.set_count(25)
    yield widget
    widget.pause()


def test_step_and_step_back_clamp_and_report(playback, qtbot):
    seen = []
    playback.position_changed.connect(seen.append)
    playback.step_button.click()
    playback.step_button.click()
    playback.back_button.click()
    playback.back_button.click()
    playback.back_button.click()          # already at 0: nothing moves, nothing is reported
    assert seen == [1, 2, 1, 0]
    playback.set_position(1000)
    assert playback.position() == 24 and playback.scrubber.value() == 24


def test_ticks_advance_by_speed_and_stop_at_the_end(playback):
    playback.speed.setCurrentIndex(1)     # ×10
    playback.play()
    assert playback.is_playing() and playback.play_button.text() == "Pause"
    playback.tick()
    playback.tick()
    assert playback.position() == 20
    playback.tick()
    assert playback.position() == 24 and not playback.is_playing()
    playback.play()                        # Play at the end starts again from the first step
    assert playback.position() == 0 and playback.is_playing()
    playback.step(1)                       # a manual step pauses
    assert not playback.is_playing() and playback.position() == 1


def test_scrubber_moves_the_frame_and_readout(playback):
    playback.scrubber.setValue(7)
    assert playback.position() == 7
    assert playback.readout.text() == "step 7 / 24"


def test_timer_plays_to_the_end(playback, qtbot):
    playback.speed.setCurrentIndex(1)
    playback.play()
    qtbot.waitUntil(lambda: not playback.is_playing(), timeout=5000)
    assert playback.position() == 24


def test_fewer_frames_keep_a_valid_position(playback):
    playback.set_position(20)
    playback.set_count(5)
    assert playback.position() == 4 and playback.scrubber.maximum() == 4
    playback.set_count(0)
    assert playback.position() == 0 and playback.readout.text() == ""
    playback.play()
    assert not playback.is_playing()


def test_keyboard_shortcuts(playback, qtbot):
    host = playback.parentWidget()
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    host.setFocus()
    qtbot.waitUntil(host.hasFocus)
    qtbot.keyClick(host, Qt.Key.Key_Right)
    qtbot.keyClick(host, Qt.Key.Key_Right)
    qtbot.keyClick(host, Qt.Key.Key_Left)
    assert playback.position() == 1
    qtbot.keyClick(host, Qt.Key.Key_Space)
    assert playback.is_playing()
    qtbot.keyClick(host, Qt.Key.Key_Space)
    assert not playback.is_playing()
    qtbot.keyClick(host, Qt.Key.Key_Home)
    assert playback.position() == 0
