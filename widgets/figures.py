"""Pictures for the command line, drawn by the same views as the window."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QWidget


@contextlib.contextmanager
def offscreen_view(make: Callable[[], QWidget], width: int, height: int) -> Iterator[QWidget]:
    """The view `make()` builds, shown off screen at width × height for a picture, then destroyed."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # 2-D plots need no GL
    from widgets.application import create_app

    create_app()
    qInstallMessageHandler(_quiet_offscreen)
    view = make()
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view.resize(width, height)
    view.show()
    try:
        yield view
    finally:
        # Destroy the view now, while the QApplication exists: left to interpreter shutdown,
        # pyqtgraph's scene outlives the application and the process segfaults on exit.
        view.close()
        shiboken6.delete(view)


def settle_layout() -> None:
    """Axes widen to fit their labels one layout pass after the first paint."""
    for _ in range(3):
        QApplication.processEvents()


def render_activation(curve, path: Path) -> None:
    """Draw `curve` (an app.activations.Curve) as the Activations view does, and save it."""
    from widgets import plots
    from widgets import theme as themes
    from widgets.activation_view import ActivationView

    with offscreen_view(ActivationView, 1000, 760) as view:
        view.set_shown([curve.name])
        view.side.hide()   # the picture is the plots alone
        # The curve itself, not its settings replayed through the GUI's controls: those clamp
        # ranges and decimals to what a person types, and the picture must match the numbers.
        view.show_curves({curve.name: curve}, themes.get("light"))
        settle_layout()
        plots.export_image(view.figure, path)


def render_step(trace, path: Path) -> None:
    """Draw a step's network (app.backprop.Trace) with every value computed, as the panel does."""
    from widgets import theme as themes
    from widgets.network_view import NetworkView
    from widgets.scene_export import export_scene

    with offscreen_view(NetworkView, 900, 560) as view:
        theme = themes.get("light")
        # Every step revealed, none highlighted: the whole worked example in one picture.
        view.show_state(trace, len(trace.steps) - trace.spec.depth, theme, highlight=False)
        export_scene(view.scene(), path, theme.plot_background)


def _quiet_offscreen(kind, context, message: str) -> None:
    """Drop the offscreen plugin's notice about size hints, which every picture would print."""
    if "propagateSizeHints" not in message:
        sys.stderr.write(message + "\n")
