"""What the four loss views share: the LossView base class and small plotting helpers.

Each view only draws what app.losses returns; a bad input keeps the last good picture on screen.
Plot items are made once per layout (number of classes, theme, legend language) and then updated
in place, so dragging a slider costs a few setData calls, not a rebuild of every bar and label.
"""

from __future__ import annotations

import html
import math

import numpy as np
import pyqtgraph as pg
import torch
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

from app import losses
from widgets import plots
from widgets.controls import NumberListEdit, SliderSpin
from widgets.i18n import error_text, tr
from widgets.theme import Theme
from widgets.view import PlotView

# app.losses takes up to losses.MAX_CLASSES (64) logits; the window stops at 10 because past that
# the bars, their value labels and the Jacobian's n² printed cells are too small to read.
GUI_MAX_CLASSES = 10
DEFAULT_LOGITS = [2.0, 1.0, 0.1]


def wrapping_label(rich: bool = False) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def formula_html(*parts: tuple[str, str]) -> str:
    """(heading, formula key) pairs as rich text: a bold heading, then one formula clause a line."""
    blocks = []
    for heading, key in parts:
        lines = [html.escape(line) for line in losses.LOSS_FORMULAS[key].split(",  ")]
        blocks.append(f"<b>{html.escape(heading)}</b><br>" + "<br>".join(lines))
    return "<br>".join(blocks)


def restyle(plot: pg.PlotItem, theme: Theme) -> None:
    """Empty `plot` and style it in `theme`; its items are then made again."""
    plot.clear()
    plots.style_plot(plot, theme)


def set_texts(plot: pg.PlotItem, theme: Theme, title: str, bottom: str, left: str) -> None:
    """Title and axis labels in the current language (plots.* skip the re-layout when unchanged)."""
    plots.set_title(plot, title, theme)
    plots.set_labels(plot, bottom, left, theme)


def ticks(plot: pg.PlotItem, labels: list[str], axis: str = "bottom") -> None:
    """Index tick labels, set only when they change (setting them re-lays out the axis)."""
    memo = plot.__dict__.setdefault("_loss_ticks", {})
    if memo.get(axis) != labels:
        memo[axis] = labels
        plots.index_ticks(plot, labels, axis)


def add_text(plot: pg.PlotItem, text: str, x: float, y: float, colour, anchor=(0.5, 1.0),
          point_size: int = 9) -> pg.TextItem:
    item = pg.TextItem(text, color=colour, anchor=anchor)
    font = QFont()
    font.setPointSize(point_size)
    item.setFont(font)
    item.setPos(x, y)
    plot.addItem(item, ignoreBounds=True)
    return item


def move_text(item: pg.TextItem, text: str, x: float, y: float, anchor=None) -> None:
    """Update a TextItem in place: cheaper than a new one, and no re-layout when the text is unchanged."""
    if item.toPlainText() != text:
        item.setText(text)
    if anchor is not None and tuple(item.anchor) != tuple(anchor):
        item.setAnchor(anchor)
    item.setPos(x, y)


def vline(plot: pg.PlotItem, x: float, theme: Theme, label: str | None = None) -> pg.InfiniteLine:
    pen = pg.mkPen(theme.plot_foreground, width=1.5, style=Qt.PenStyle.DashLine)
    line = pg.InfiniteLine(x, angle=90, pen=pen, label=label,
                           labelOpts={"position": 0.92, "color": theme.plot_foreground,
                                      "fill": pg.mkBrush(theme.plot_background + "c0")})
    plot.addItem(line, ignoreBounds=True)
    return line


def hline(plot: pg.PlotItem, theme: Theme) -> None:
    plot.addItem(pg.InfiniteLine(0.0, angle=0, pen=pg.mkPen(theme.plot_foreground, width=1)),
                 ignoreBounds=True)


# --- restoring saved control values: anything that does not fit is skipped -------------------------


def saved_number(state: dict, key: str, low: float, high: float) -> float | None:
    """state[key] as a float in [low, high], or None when it is missing or not such a number."""
    value = state.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return value if math.isfinite(value) and low <= value <= high else None


def saved_logits(state: dict) -> list[float] | None:
    """state['logits'] as 2 to GUI_MAX_CLASSES finite floats, or None."""
    values = state.get("logits")
    if not isinstance(values, (list, tuple)) or not 2 <= len(values) <= GUI_MAX_CLASSES:
        return None
    numbers = [saved_number({"v": v}, "v", -math.inf, math.inf) for v in values]
    return None if None in numbers else numbers


def logit_text(values: list[float]) -> str:
    """'2, 1, 0.1' where %g is exact, the full repr otherwise, so a restored list is the saved one."""
    return ", ".join(f"{v:g}" if float(f"{v:g}") == v else repr(v) for v in values)


class LossView(PlotView):
    """Template: compute through app.losses; on success remember and draw, on error keep the old result.

    Subclasses make their plot items in `_build_items` (called when `_layout_key` changes) and
    set their data in `_update` (called on every draw).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result = None
        self._items_for = None   # the _layout_key the current plot items were made for
        self.labels: dict[str, QLabel] = {}
        self.formula = wrapping_label(rich=True)
        self.caption = wrapping_label()
        self._build()
        self.form.addRow(self.formula)
        self.form.addRow(self.caption)
        self.side.setMinimumWidth(320)   # room for formulas and the readout next to the plots
        self.retranslate()

    def _row(self, key: str, widget: QWidget) -> None:
        self.labels[key] = QLabel()
        self.form.addRow(self.labels[key], widget)

    def _slider(self, key: str, minimum: float, maximum: float, value: float, decimals: int) -> SliderSpin:
        slider = SliderSpin(minimum, maximum, value, decimals)
        slider.label.hide()   # the form row carries the label
        slider.valueChanged.connect(self.changed)
        self._row(key, slider)
        return slider

    def _logit_edit(self) -> NumberListEdit:
        edit = NumberListEdit(DEFAULT_LOGITS, 2, GUI_MAX_CLASSES)
        edit.invalid.connect(self.show_error)   # its messages are translated already
        edit.numbersChanged.connect(self._logits_changed)
        self._row("logits", edit)
        return edit

    def _logits_changed(self, values: list) -> None:
        self.changed.emit()

    def draw(self, device: torch.device, theme: Theme) -> None:
        try:
            self.result = self._compute(str(device))
        except ValueError as exc:
            self.show_error(error_text(exc))
            if self.result is None:
                return
        else:
            self.clear_error()
        key = self._layout_key(self.result, theme)
        if key != self._items_for:
            plots.apply_background(self.figure, theme)
            self._build_items(self.result, theme)
            self._items_for = key
        self._update(self.result, theme)

    def retranslate(self) -> None:
        if "logits" in self.labels:
            self.labels["logits"].setText(tr("Logits z"))
            self.logits.setPlaceholderText(tr("e.g. 2, 1, 0.1"))
            self.logits.hint = tr("Comma-separated logits z, from {0} to {1} numbers").format(2, GUI_MAX_CLASSES)
            self.logits.setToolTip(self.logits.hint)

    def csv_columns(self) -> dict[str, np.ndarray]:
        if self.result is None:
            return {}
        return self._columns(self.result)

    # --- saved settings --------------------------------------------------------------------------
    def set_state(self, state: dict) -> None:
        # The view's own signals are blocked: every control's change reaches the panel through
        # `changed`, which is emitted once at the end instead of once per control.
        self.blockSignals(True)
        try:
            self._restore(state if isinstance(state, dict) else {})
        finally:
            self.blockSignals(False)
        self.changed.emit()

    def _logit_values(self) -> list[float] | None:
        """The logits typed in the field, or None while the text does not parse."""
        try:
            return self.logits.values()
        except ValueError:
            return None

    def _with_logits(self, state: dict) -> dict:
        """`state` plus the typed logits, when they parse (a half-typed list is not worth keeping)."""
        logits = self._logit_values()
        return state if logits is None else {**state, "logits": logits}

    def _restore_logits(self, state: dict) -> list[float] | None:
        values = saved_logits(state)
        if values is not None:
            self.logits.setText(logit_text(values))
            self.logits.setStyleSheet("")   # no red border left from input that was replaced
            self.logits.setToolTip(self.logits.hint)
        return values

    @staticmethod
    def _restore_slider(slider: SliderSpin, state: dict, key: str) -> None:
        value = saved_number(state, key, slider.spin.minimum(), slider.spin.maximum())
        if value is not None:
            slider.setValue(value)

    # --- subclasses implement ----------------------------------------------------------------
    def _build(self) -> None:
        """Add the controls' rows to self.form and the plots to self.figure."""
        raise NotImplementedError

    def _restore(self, state: dict) -> None:
        """Set the controls from a state() dict, skipping what is missing or does not fit."""
        raise NotImplementedError

    def _compute(self, device: str):
        """Call app.losses with the controls' values; raises ValueError on bad input."""
        raise NotImplementedError

    def _layout_key(self, result, theme: Theme) -> tuple:
        """What the plot items depend on; they are made again only when it changes."""
        return (theme.name,)

    def _build_items(self, result, theme: Theme) -> None:
        """Empty and style the plots, then add the items `_update` fills."""
        raise NotImplementedError

    def _update(self, result, theme: Theme) -> None:
        """Put `result` into the existing items, titles and captions."""
        raise NotImplementedError

    def _columns(self, result) -> dict[str, np.ndarray]:
        raise NotImplementedError
