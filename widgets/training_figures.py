"""The picture `train --plot FILE.png` writes, drawn by the Training panel's own view."""

from __future__ import annotations

from pathlib import Path

from app import files, training


def render_train(trainer, record, path: Path) -> None:
    """Data with the boundary (or fitted line), the loss and accuracy curves, the network."""
    import numpy as np

    from widgets import theme as themes
    from widgets.figures import offscreen_view, settle_layout
    from widgets.training_view import TrainingView

    with offscreen_view(TrainingView, 1100, 760) as view:
        theme = themes.get("light")
        view.apply_theme(theme)
        view.show_data(trainer.dataset, theme)
        view.show_boundary(record.boundary or trainer.boundary())
        h = trainer.history
        view.show_history(np.asarray([e["epoch"] for e in h], dtype=float), training.history_array(h, "train_loss"),
                          training.history_array(h, "test_loss"), training.history_array(h, "accuracy"),
                          training.history_array(h, "train_accuracy"))
        view.show_network(record.spec)
        settle_layout()
        with files.atomic_path(path) as tmp:
            if not view.grab().save(str(tmp), "PNG"):
                raise OSError(f"could not write {path}")
