"""Pictures and animations of `torch-playground optimize --out FILE.png|.gif|.mp4`, drawn by the
window's own arena view (3-D needs OpenGL: on a machine without a screen, a virtual one)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication


def render_optimize(surface, trajectories, path: Path) -> None:
    """Draw `trajectories` (app.trajectories.Trajectory) on `surface` and save the picture or animation."""
    from app import animation
    from widgets import arena_images, theme as themes
    from widgets.application import create_app, release_widget
    from widgets.arena_view import ArenaView

    create_app()   # starts Xvfb (with GLX) where there is no screen
    theme = themes.get("light")
    themes.apply_palette(QApplication.instance(), theme)
    view = ArenaView()
    view.resize(1400, 820)
    view.show()
    try:
        view.set_surface(surface, surface.log_height, theme)
        view.set_runs(list(trajectories))
        view.retranslate()
        for _ in range(3):   # layouts settle and GL initialises on the first paints
            QApplication.processEvents()
        last = view.playback.count() - 1
        if Path(path).suffix.lower() == ".png":
            arena_images.save_png(path, view.frame_image(last))
        else:
            for _done in animation.write_animation(path, animation.frame_indices(last + 1), view.frame_image):
                pass
    finally:
        # Destroyed now, while the QApplication exists (left to interpreter exit, pyqtgraph crashes).
        view.close()
        release_widget(view)
