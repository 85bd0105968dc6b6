"""Frames per second of the Optimizer Arena's animation: 4 runs (the course's experiment) on a
200 × 200 Himmelblau surface, 3-D view and map side by side, playback as fast as it can go.
A frame counts once both the 3-D picture and the map have painted it. Target: >= 30 fps.
For scale, the same window showing the surface alone (no runs, rotated a degree a frame) is
measured in the same run."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_FPS = 30.0


def paint_counter(widget):
    """An event filter counting the paint events `widget` receives (`.count`; `.remove()`).

    Qt is imported here, after __main__ started the virtual screen: PySide's exit handler must
    run before the screen's, or the GL context's teardown finds the X server gone.
    """
    from PySide6.QtCore import QEvent, QObject

    class PaintCounter(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.count = 0
            widget.installEventFilter(self)

        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

        def remove(self) -> None:
            widget.removeEventFilter(self)

    return PaintCounter()


def measure(view, seconds: float, advance) -> float:
    """Frames drawn per second while `advance` runs on a 0-ms timer."""
    from PySide6.QtCore import QEventLoop, QTimer

    gl_paints = paint_counter(view.scene_display)
    map_paints = paint_counter(view.contour.viewport())
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(advance)
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    start = time.perf_counter()
    timer.start()
    loop.exec()
    timer.stop()
    elapsed = time.perf_counter() - start
    gl_paints.remove()
    map_paints.remove()
    frames = min(gl_paints.count, map_paints.count) if view.contour.isVisible() else gl_paints.count
    return frames / elapsed


def run(seconds: float = 6.0) -> dict:
    from PySide6.QtWidgets import QApplication

    from app import arena, trajectories
    from widgets import theme as themes
    from widgets.application import create_app, release_widget
    from widgets.arena_view import GRID, ArenaView

    create_app()
    theme = themes.get("light")
    themes.apply_palette(QApplication.instance(), theme)
    config = arena.COURSE_EXPERIMENT
    surface = config.resolve_surface()
    runs = trajectories.run_all(surface, config.specs())   # computed ahead, as in the panel
    view = ArenaView()
    view.resize(1400, 860)
    view.show()
    view.set_surface(surface, True, theme)
    view.set_runs([])
    for _ in range(10):
        QApplication.processEvents()

    def rotate() -> None:
        view.scene.orbit(1, 0)
        view.scene_display.refresh()
        view.contour.viewport().update()

    bare = measure(view, seconds / 2, rotate)

    view.set_runs(runs)
    playback = view.playback
    playback.speed.setCurrentIndex(1)   # ×5: about 1,100 frames for the longest run

    def advance() -> None:
        if playback.position() >= playback.count() - 1:
            playback.set_position(0)
        playback.tick()

    for _ in range(10):
        QApplication.processEvents()
    fps = measure(view, seconds, advance)
    view.close()
    release_widget(view)   # now, while the X server is up (its GL view with it)
    return {"fps": fps, "bare_fps": bare, "runs": len(runs), "grid": GRID,
            "steps": [r.steps for r in runs], "seconds": seconds}


if __name__ == "__main__":
    from widgets.display import ensure_display
    ensure_display()
    r = run()
    print(f"arena: {r['runs']} runs ({', '.join(f'{s:,}' for s in r['steps'])} steps), {r['grid']}x{r['grid']} "
          f"surface: {r['fps']:.1f} fps, ratio {r['fps'] / TARGET_FPS:.2f} of the 30 fps target "
          f"(surface alone, rotating: {r['bare_fps']:.1f} fps)")
