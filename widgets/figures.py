"""Pictures for the command line, drawn by the same views as the window."""

from __future__ import annotations

import os
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt


def render_activation(curve, path: Path) -> None:
    """Draw `curve` (an app.activations.Curve) as the Activations view does, and save it."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # 2-D plots need no GL
    from widgets import plots, theme as themes
    from widgets.activation_view import ActivationView
    from widgets.application import create_app

    create_app()
    view = ActivationView()
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view.params[curve.name] = dict(curve.params)
    view.range_from.setValue(float(curve.x[0]))
    view.range_to.setValue(float(curve.x[-1]))
    view.points.setValue(len(curve.x))
    view.second.setChecked(curve.d2f is not None)
    view.set_shown([curve.name])
    view.side.hide()   # the picture is the plots alone
    view.resize(1000, 760)
    view.show()
    view.draw(curve.device, themes.get("light"))
    try:
        plots.export_image(view.figure, path)
    finally:
        # Destroy the view now, while the QApplication exists: left to interpreter shutdown,
        # pyqtgraph's scene outlives the application and the process segfaults on exit.
        view.close()
        shiboken6.delete(view)
