"""A plot view inside a panel: controls on the left, a figure of one or more plots on the right."""

from __future__ import annotations

import numpy as np
import torch
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QVBoxLayout, QWidget

from widgets import plots
from widgets.controls import ErrorLine, scrolling_column
from widgets.theme import Theme


class PlotView(QWidget):
    """Subclasses build controls into `self.form`, plots into `self.figure`, and implement `draw`.

    A control change emits `changed`; the panel then calls `draw(device, theme)`. Errors the user
    can fix (a bad logit list) go to `self.message`, never to an exception dialog.
    """

    changed = Signal()
    key = "view"
    title = ""       # English, marked with N_(); shown through tr()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = plots.make_layout()
        self.form = QFormLayout()
        self.message = ErrorLine()
        self.message.setMaximumWidth(400)
        side = QVBoxLayout()
        side.addLayout(self.form)
        side.addStretch(1)
        content = QWidget()
        content.setLayout(side)
        self.side = scrolling_column(content, 300, 400)
        # The error line sits above the scrolling controls, not inside them: shown or hidden, it
        # never shifts rows under a student's mouse, and it is never scrolled out of sight.
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.message)
        column.addWidget(self.side, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(column)
        layout.addWidget(self.figure, 1)

    def draw(self, device: torch.device, theme: Theme) -> None:
        """Compute through app/ on `device` and (re)draw every plot in `theme`'s colours."""
        raise NotImplementedError

    def retranslate(self) -> None:
        """Set control labels again; plot titles are set in draw()."""

    def state(self) -> dict:
        """The control values worth keeping between runs, as JSON-friendly data."""
        return {}

    def set_state(self, state: dict) -> None:
        """Restore what state() returned; values that no longer fit are ignored, never raised."""

    def csv_columns(self) -> dict[str, np.ndarray]:
        """The numbers on screen, as named columns of equal length, for CSV export."""
        raise NotImplementedError

    def show_error(self, text: str) -> None:
        self.message.show_error(text)

    def clear_error(self) -> None:
        self.message.clear_error()
