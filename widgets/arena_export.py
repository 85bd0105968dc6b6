"""Writing the arena's animation as GIF or MP4 with a progress dialog and Cancel.

Frames are drawn by the GUI thread (GL and widgets can only be drawn there), a few per turn of
the event loop, so the window keeps repainting and Cancel answers at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from app import animation
from widgets.i18n import tr

FRAMES_PER_TURN = 2


def export_animation(view, path: str | Path, parent: QWidget | None = None,
                     max_frames: int = animation.MAX_FRAMES) -> bool:
    """Write `view`'s animation to `path`; False if the user cancelled (no file is left)."""
    playback = view.playback
    indices = animation.frame_indices(playback.count(), max_frames)
    was = playback.position()
    playback.pause()
    frames = animation.write_animation(path, indices, view.frame_image)
    dialog = QProgressDialog(tr("Writing {0}…").format(Path(path).name), tr("Cancel"), 0, len(indices), parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    outcome: dict[str, object] = {}
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(0)

    def finish(**result) -> None:
        outcome.update(result)
        timer.stop()
        loop.quit()

    def turn() -> None:
        if dialog.wasCanceled():
            frames.close()   # GeneratorExit inside: the temporary file is removed
            return finish(done=False)
        try:
            for _ in range(FRAMES_PER_TURN):
                dialog.setValue(next(frames))
        except StopIteration:
            finish(done=True)
        except Exception as exc:  # noqa: BLE001 -- handed to the caller after the loop ends
            finish(error=exc)

    timer.timeout.connect(turn)
    timer.start()
    loop.exec()
    dialog.close()
    dialog.deleteLater()
    playback.set_position(was)
    if "error" in outcome:
        raise outcome["error"]
    return bool(outcome.get("done"))

