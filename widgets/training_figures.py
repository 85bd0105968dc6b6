"""The picture `train --plot FILE.png` writes, drawn by the Training panel's own view."""

from __future__ import annotations

import os
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from app import files, training


def render_train(trainer, record, path: Path) -> None:
    """Data with the boundary (or fitted line), the loss and accuracy curves, the network."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import numpy as np

    from widgets import theme as themes
    from widgets.application import create_app
    from widgets.figures import _quiet_offscreen
    from widgets.training_view import TrainingView

    create_app()
    qInstallMessageHandler(_quiet_offscreen)
    view = TrainingView()
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view.resize(1100, 760)
    view.show()
    try:
        theme = themes.get("light")
        view.apply_theme(theme)
        view.show_data(trainer.dataset, theme)
        view.show_boundary(record.boundary or trainer.boundary())
        h = trainer.history
        view.show_history(np.asarray([e["epoch"] for e in h], dtype=float), training.history_array(h, "train_loss"),
                          training.history_array(h, "test_loss"), training.history_array(h, "accuracy"),
                          training.history_array(h, "train_accuracy"))
        view.show_network(record.spec)
        for _ in range(3):
            QApplication.processEvents()
        with files.atomic_path(path) as tmp:
            if not view.grab().save(str(tmp), "PNG"):
                raise OSError(f"could not write {path}")
    finally:
        view.close()
        shiboken6.delete(view)
