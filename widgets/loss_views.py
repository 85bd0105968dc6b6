"""The Losses views: MSE, softmax and its Jacobian, cross-entropy three ways, BCE against MSE.

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
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QSpinBox, QWidget

from app import losses
from widgets import plots
from widgets.controls import NumberListEdit, SliderSpin
from widgets.i18n import N_, error_text, tr
from widgets.theme import Theme
from widgets.view import PlotView

# app.losses takes up to losses.MAX_CLASSES (64) logits; the window stops at 10 because past that
# the bars, their value labels and the Jacobian's n² printed cells are too small to read.
GUI_MAX_CLASSES = 10
DEFAULT_LOGITS = [2.0, 1.0, 0.1]
# Diverging maps centred at 0: white centre on a light background, black centre on a dark one.
DIVERGING = {"light": "CET-D1", "dark": "CET-D4"}
BADLY_WRONG_Z = 5.0   # |z| where the BCE-vs-MSE caption reads its numbers


def _wrapping_label(rich: bool = False) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _formula_html(*parts: tuple[str, str]) -> str:
    """(heading, formula key) pairs as rich text: a bold heading, then one formula clause a line."""
    blocks = []
    for heading, key in parts:
        lines = [html.escape(line) for line in losses.LOSS_FORMULAS[key].split(",  ")]
        blocks.append(f"<b>{html.escape(heading)}</b><br>" + "<br>".join(lines))
    return "<br>".join(blocks)


def _restyle(plot: pg.PlotItem, theme: Theme) -> None:
    """Empty `plot` and style it in `theme`; its items are then made again."""
    plot.clear()
    plots.style_plot(plot, theme)


def _texts(plot: pg.PlotItem, theme: Theme, title: str, bottom: str, left: str) -> None:
    """Title and axis labels in the current language (plots.* skip the re-layout when unchanged)."""
    plots.set_title(plot, title, theme)
    plots.set_labels(plot, bottom, left, theme)


def _ticks(plot: pg.PlotItem, labels: list[str], axis: str = "bottom") -> None:
    """Index tick labels, set only when they change (setting them re-lays out the axis)."""
    memo = plot.__dict__.setdefault("_loss_ticks", {})
    if memo.get(axis) != labels:
        memo[axis] = labels
        plots.index_ticks(plot, labels, axis)


def _text(plot: pg.PlotItem, text: str, x: float, y: float, colour, anchor=(0.5, 1.0),
          point_size: int = 9) -> pg.TextItem:
    item = pg.TextItem(text, color=colour, anchor=anchor)
    font = QFont()
    font.setPointSize(point_size)
    item.setFont(font)
    item.setPos(x, y)
    plot.addItem(item, ignoreBounds=True)
    return item


def _move_text(item: pg.TextItem, text: str, x: float, y: float, anchor=None) -> None:
    """Update a TextItem in place: cheaper than a new one, and no re-layout when the text is unchanged."""
    if item.toPlainText() != text:
        item.setText(text)
    if anchor is not None and tuple(item.anchor) != tuple(anchor):
        item.setAnchor(anchor)
    item.setPos(x, y)


def _vline(plot: pg.PlotItem, x: float, theme: Theme, label: str | None = None) -> pg.InfiniteLine:
    pen = pg.mkPen(theme.plot_foreground, width=1.5, style=Qt.PenStyle.DashLine)
    line = pg.InfiniteLine(x, angle=90, pen=pen, label=label,
                           labelOpts={"position": 0.92, "color": theme.plot_foreground,
                                      "fill": pg.mkBrush(theme.plot_background + "c0")})
    plot.addItem(line, ignoreBounds=True)
    return line


def _hline(plot: pg.PlotItem, theme: Theme) -> None:
    plot.addItem(pg.InfiniteLine(0.0, angle=0, pen=pg.mkPen(theme.plot_foreground, width=1)),
                 ignoreBounds=True)


# --- restoring saved control values: anything that does not fit is skipped -------------------------


def _saved_number(state: dict, key: str, low: float, high: float) -> float | None:
    """state[key] as a float in [low, high], or None when it is missing or not such a number."""
    value = state.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return value if math.isfinite(value) and low <= value <= high else None


def _saved_logits(state: dict) -> list[float] | None:
    """state['logits'] as 2 to GUI_MAX_CLASSES finite floats, or None."""
    values = state.get("logits")
    if not isinstance(values, (list, tuple)) or not 2 <= len(values) <= GUI_MAX_CLASSES:
        return None
    numbers = [_saved_number({"v": v}, "v", -math.inf, math.inf) for v in values]
    return None if None in numbers else numbers


def _logit_text(values: list[float]) -> str:
    """'2, 1, 0.1' where %g is exact, the full repr otherwise, so a restored list is the saved one."""
    return ", ".join(f"{v:g}" if float(f"{v:g}") == v else repr(v) for v in values)


class _LossView(PlotView):
    """Template: compute through app.losses; on success remember and draw, on error keep the old result.

    Subclasses make their plot items in `_build_items` (called when `_layout_key` changes) and
    set their data in `_update` (called on every draw).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result = None
        self._items_for = None   # the _layout_key the current plot items were made for
        self.labels: dict[str, QLabel] = {}
        self.formula = _wrapping_label(rich=True)
        self.caption = _wrapping_label()
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

    def _restore_logits(self, state: dict) -> list[float] | None:
        values = _saved_logits(state)
        if values is not None:
            self.logits.setText(_logit_text(values))
            self.logits.setStyleSheet("")   # no red border left from input that was replaced
            self.logits.setToolTip(self.logits.hint)
        return values

    @staticmethod
    def _restore_slider(slider: SliderSpin, state: dict, key: str) -> None:
        value = _saved_number(state, key, slider.spin.minimum(), slider.spin.maximum())
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


class MseView(_LossView):
    key = "mse"
    title = N_("MSE")

    def _build(self) -> None:
        self.target = self._slider("target", -3.0, 3.0, 1.0, 2)
        self.loss_plot = plots.add_plot(self.figure, 0, 0)
        self.grad_plot = plots.add_plot(self.figure, 1, 0)
        self.grad_plot.setXLink(self.loss_plot)

    def retranslate(self) -> None:
        self.labels["target"].setText(tr("Target y"))
        self.labels["target"].setToolTip(tr("The true value the prediction ŷ should reach"))
        self.formula.setText(_formula_html((tr("Mean squared error"), "mse")))
        self.caption.setText(tr("The loss is a parabola with its minimum at the target; the gradient is a "
                                "straight line through zero there: the further off the prediction, the "
                                "harder the gradient pulls it back."))

    def state(self) -> dict:
        return {"target": self.target.value()}

    def _restore(self, state: dict) -> None:
        self._restore_slider(self.target, state, "target")

    def _compute(self, device: str) -> losses.MseCurve:
        return losses.mse_curve(self.target.value(), device=device)

    def _build_items(self, r: losses.MseCurve, theme: Theme) -> None:
        for plot in (self.loss_plot, self.grad_plot):
            _restyle(plot, theme)
        self.loss_curve = self.loss_plot.plot(pen=plots.curve_pen(theme, 0))
        self.grad_curve = self.grad_plot.plot(pen=plots.curve_pen(theme, 1))
        _hline(self.grad_plot, theme)
        self.target_lines = (_vline(self.loss_plot, r.target, theme, ""), _vline(self.grad_plot, r.target, theme))

    def _update(self, r: losses.MseCurve, theme: Theme) -> None:
        _texts(self.loss_plot, theme, tr("Loss L = (ŷ − y)²"), tr("prediction ŷ"), tr("loss L"))
        _texts(self.grad_plot, theme, tr("Gradient ∂L/∂ŷ = 2(ŷ − y)"), tr("prediction ŷ"), tr("gradient"))
        self.loss_curve.setData(r.pred, r.loss)
        self.grad_curve.setData(r.pred, r.grad)
        for line in self.target_lines:
            line.setValue(r.target)
        label = tr("target y = {0}").format(f"{r.target:.2f}")
        self.target_lines[0].label.setFormat(label.replace("{", "{{").replace("}", "}}"))  # a format string

    def _columns(self, r: losses.MseCurve) -> dict[str, np.ndarray]:
        return {"pred": r.pred, "loss": r.loss, "grad": r.grad}


class SoftmaxView(_LossView):
    key = "softmax"
    title = N_("Softmax")

    def _build(self) -> None:
        self.logits = self._logit_edit()
        self.temperature = self._slider("temperature", 0.05, 10.0, 1.0, 2)
        self.prob_plot = plots.add_plot(self.figure, 0, 0)
        self.jacobian_plot = plots.add_plot(self.figure, 0, 1)
        # The heatmap keeps square cells, so it gets the wider share.
        for column, (plot, share) in enumerate(((self.prob_plot, 2), (self.jacobian_plot, 3))):
            plot.setPreferredWidth(100 * share)
            self.figure.ci.layout.setColumnStretchFactor(column, share)

    def retranslate(self) -> None:
        super().retranslate()
        self.labels["temperature"].setText(tr("Temperature T"))
        self.labels["temperature"].setToolTip(tr("Small T sharpens the distribution, large T flattens it"))
        self.formula.setText(_formula_html((tr("Softmax"), "softmax")))
        self.caption.setText(tr("The Jacobian is (diag(p) − ppᵀ) / T. Raising zᵢ raises pᵢ (positive "
                                "diagonal) and lowers every other pⱼ (negative entries); each row and "
                                "column sums to 0 because the probabilities always sum to 1. Small T "
                                "sharpens the distribution towards the largest logit, large T flattens it."))

    def state(self) -> dict:
        state = {"temperature": self.temperature.value()}
        logits = self._logit_values()
        if logits is not None:
            state["logits"] = logits
        return state

    def _restore(self, state: dict) -> None:
        self._restore_logits(state)
        self._restore_slider(self.temperature, state, "temperature")

    def _compute(self, device: str) -> losses.SoftmaxResult:
        return losses.softmax_with_jacobian(self.logits.values(), self.temperature.value(), device=device)

    def _layout_key(self, r: losses.SoftmaxResult, theme: Theme) -> tuple:
        return (len(r.probs), theme.name)

    def _build_items(self, r: losses.SoftmaxResult, theme: Theme) -> None:
        n = len(r.probs)
        plot = self.prob_plot
        _restyle(plot, theme)
        plot.showGrid(x=False, y=True, alpha=0.25)
        self.prob_bars = plots.bars(plot, r.probs, theme.curves[0])
        size = 9 if n <= 6 else 7
        self.prob_texts = [_text(plot, "", i, 0.0, theme.plot_foreground, point_size=size) for i in range(n)]
        plot.setRange(xRange=(-0.6, n - 0.4), yRange=(0.0, 1.1), padding=0.02)

        plot = self.jacobian_plot
        _restyle(plot, theme)
        plot.showGrid(x=False, y=False)   # grid lines would run through the cell values
        plot.getAxis("left").setStyle(tickTextOffset=10)   # keeps CJK axis labels off the tick numbers
        self.jacobian_cmap = pg.colormap.get(DIVERGING.get(theme.name, "CET-D1"))
        # Row-major: image[i, j] sits at x = j, y = i, so row i is class i.
        self.jacobian_image = pg.ImageItem(r.jacobian, axisOrder="row-major")
        self.jacobian_image.setColorMap(self.jacobian_cmap)
        self.jacobian_image.setRect(QRectF(-0.5, -0.5, n, n))
        plot.addItem(self.jacobian_image)
        size = 9 if n <= 5 else 7
        self.cell_texts = [[_text(plot, "", j, i, "#000000", anchor=(0.5, 0.5), point_size=size)
                            for j in range(n)] for i in range(n)]
        self._light_cells = np.ones((n, n), dtype=bool)   # the cells' text is black to start with
        for axis in ("bottom", "left"):
            _ticks(plot, [str(k) for k in range(n)], axis)
        plot.invertY(True)   # row 0 at the top, as the matrix is written
        plot.setAspectLocked(True)
        plot.setRange(xRange=(-0.5, n - 0.5), yRange=(-0.5, n - 0.5), padding=0.02)

    def _update(self, r: losses.SoftmaxResult, theme: Theme) -> None:
        n = len(r.probs)
        _texts(self.prob_plot, theme, tr("Probabilities p at T = {0}").format(f"{r.temperature:g}"),
               tr("class i"), tr("probability pᵢ"))
        self.prob_bars.setOpts(height=r.probs)
        for i, (item, p) in enumerate(zip(self.prob_texts, r.probs)):
            _move_text(item, f"{p:.3f}", i, p)
        # Each bar's logit under its index, while there is room for it.
        _ticks(self.prob_plot, [f"{i}\nz={z:g}" if n <= 6 else str(i) for i, z in enumerate(r.logits)])
        self._update_jacobian(r.jacobian, theme)

    def _update_jacobian(self, jacobian: np.ndarray, theme: Theme) -> None:
        n = len(jacobian)
        _texts(self.jacobian_plot, theme, tr("Jacobian ∂pᵢ/∂zⱼ"), tr("j (logit zⱼ)"), tr("i (probability pᵢ)"))
        limit = max(float(np.abs(jacobian).max()), 1e-12)
        self.jacobian_image.setImage(jacobian, levels=(-limit, limit))
        # Each cell's colour, to write its value in black on light cells and white on dark ones.
        rgba = self.jacobian_cmap.map((0.5 + 0.5 * jacobian / limit).ravel(), mode="byte").reshape(n, n, 4)
        light = rgba[..., :3] @ (0.299, 0.587, 0.114) > 140
        digits = 3 if n <= 5 else 2
        for i, row in enumerate(self.cell_texts):
            for j, item in enumerate(row):
                value = jacobian[i, j]
                text = f"{value:.{digits}f}" if abs(value) >= 0.5 * 10 ** -digits else "0"   # no "-0.00"
                if item.toPlainText() != text:
                    item.setText(text)
                if light[i, j] != self._light_cells[i, j]:
                    item.setColor("#000000" if light[i, j] else "#ffffff")
        self._light_cells = light

    def _columns(self, r: losses.SoftmaxResult) -> dict[str, np.ndarray]:
        columns = {"class": np.arange(len(r.probs)), "logit": r.logits, "prob": r.probs}
        # Column d_pj, row i: ∂p_j/∂z_i (the Jacobian is symmetric, so also ∂p_i/∂z_j).
        columns.update({f"d_p{j}": r.jacobian[j, :] for j in range(len(r.probs))})
        return columns


class CrossEntropyView(_LossView):
    key = "cross_entropy"
    title = N_("Cross-entropy")

    def _build(self) -> None:
        self.logits = self._logit_edit()
        self.target = QSpinBox()
        self.target.setRange(0, len(DEFAULT_LOGITS) - 1)
        self.target.valueChanged.connect(self.changed)
        self._row("target", self.target)
        self.readout = _wrapping_label(rich=True)
        self.form.addRow(self.readout)
        self.plot = plots.add_plot(self.figure, 0, 0)
        self.plot.addLegend(offset=(10, 5), colCount=3)

    def _logits_changed(self, values: list) -> None:
        self.target.blockSignals(True)   # one `changed` for the edit, not a second for the clamp
        self.target.setMaximum(len(values) - 1)
        self.target.blockSignals(False)
        super()._logits_changed(values)

    def retranslate(self) -> None:
        super().retranslate()
        self.labels["target"].setText(tr("Target class t"))
        self.labels["target"].setToolTip(tr("The index of the correct class"))
        self.formula.setText(_formula_html((tr("Cross-entropy"), "cross_entropy"),
                                          (tr("Negative log-likelihood"), "nll")))
        self.caption.setText(tr("gradient = softmax − one-hot: gradient descent pushes the target logit up "
                                "and every other logit down, each in proportion to its probability."))
        if self.result is not None:
            self._set_readout(self.result)

    def state(self) -> dict:
        state = {"target": self.target.value()}
        logits = self._logit_values()
        if logits is not None:
            state["logits"] = logits
        return state

    def _restore(self, state: dict) -> None:
        logits = self._restore_logits(state)
        classes = len(logits if logits is not None else self._logit_values() or DEFAULT_LOGITS)
        self.target.setMaximum(classes - 1)
        target = state.get("target")
        if isinstance(target, int) and not isinstance(target, bool) and 0 <= target < classes:
            self.target.setValue(target)

    def _compute(self, device: str) -> losses.CrossEntropyResult:
        return losses.cross_entropy_parts(self.logits.values(), self.target.value(), device=device)

    def _series_names(self) -> tuple[str, str, str]:
        return tr("softmax p"), tr("one-hot"), tr("gradient ∂L/∂z = p − one-hot")

    def _layout_key(self, r: losses.CrossEntropyResult, theme: Theme) -> tuple:
        return (len(r.logits), theme.name, self._series_names())   # the legend holds translated names

    def _build_items(self, r: losses.CrossEntropyResult, theme: Theme) -> None:
        n = len(r.logits)
        _restyle(self.plot, theme)
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.bars = []
        for k, name in enumerate(self._series_names()):
            item = plots.bars(self.plot, np.zeros(n), theme.curves[k], x0=(k - 1) * 0.27, width=0.25)
            self.plot.legend.addItem(item, name)
            self.bars.append(item)
        self.grad_texts = [_text(self.plot, "", j + 0.27, 0.0, theme.plot_foreground, point_size=8)
                           for j in range(n)]
        _hline(self.plot, theme)
        self.plot.setRange(xRange=(-0.6, n - 0.4), yRange=(-1.15, 1.35), padding=0)

    def _update(self, r: losses.CrossEntropyResult, theme: Theme) -> None:
        self._set_readout(r)
        _texts(self.plot, theme, tr("softmax, one-hot and the gradient ∂L/∂z"), tr("class j"), tr("value"))
        for item, values in zip(self.bars, (r.softmax, r.one_hot, r.grad)):
            item.setOpts(height=values)
        for j, (item, g) in enumerate(zip(self.grad_texts, r.grad)):
            _move_text(item, f"{g:.3f}", j + 0.27, g, anchor=(0.5, 1.0 if g >= 0 else 0.0))
        _ticks(self.plot, [tr("{0} (target)").format(j) if j == r.target else str(j)
                           for j in range(len(r.logits))])

    @staticmethod
    def readout_code(r: losses.CrossEntropyResult) -> tuple[list[str], list[tuple[str, float]]]:
        """Runnable PyTorch: the lines that make z and t, then each expression with its value."""
        logits = ", ".join(repr(float(v)) for v in r.logits)   # repr: the exact float64 of each logit
        setup = [f"z = torch.tensor([{logits}], dtype=torch.float64)", f"t = torch.tensor({r.target})"]
        rows = [("F.cross_entropy(z, t)", r.cross_entropy),
                ("F.nll_loss(F.log_softmax(z, dim=-1), t)", r.nll_of_log_softmax),
                ("-torch.log(torch.softmax(z, dim=-1))[t]", r.neg_log_softmax)]
        return setup, rows

    def _set_readout(self, r: losses.CrossEntropyResult) -> None:
        setup, rows = self.readout_code(r)
        code = "".join(f"<code>{html.escape(line)}</code><br>" for line in setup)
        # Code above value, not side by side: the side bar is narrow.
        lines = "".join(f"<code>{html.escape(expr)}</code><br>&nbsp;&nbsp;= <b>{value:.10f}</b><br>"
                        for expr, value in rows)
        self.readout.setText(f"<p>{code}</p><p>{lines}{html.escape(self._agreement(r))}</p>")

    @staticmethod
    def _agreement(r: losses.CrossEntropyResult) -> str:
        values = np.array([r.cross_entropy, r.nll_of_log_softmax, r.neg_log_softmax])
        if not np.all(np.isfinite(values)):
            return tr("The naive −log(softmax) overflowed: softmax rounded to 0. That is why "
                      "F.cross_entropy works on log-probabilities directly.")
        spread = float(values.max() - values.min())
        if spread == 0.0:
            return tr("The three values agree exactly.")
        return tr("The three values agree to within {0}.").format(f"1e{math.ceil(math.log10(spread))}")

    def _columns(self, r: losses.CrossEntropyResult) -> dict[str, np.ndarray]:
        return {"class": np.arange(len(r.logits)), "logit": r.logits, "softmax": r.softmax,
                "one_hot": r.one_hot, "grad": r.grad}


class BceMseView(_LossView):
    key = "bce_mse"
    title = N_("BCE vs MSE")

    def _build(self) -> None:
        self.target = self._slider("target", 0.0, 1.0, 1.0, 2)
        self.loss_plot = plots.add_plot(self.figure, 0, 0)
        self.grad_plot = plots.add_plot(self.figure, 1, 0)
        self.grad_plot.setXLink(self.loss_plot)
        for plot in (self.loss_plot, self.grad_plot):
            plot.addLegend(offset=(10, 10))
        self._legend_corners = None

    def retranslate(self) -> None:
        self.labels["target"].setText(tr("Target y"))
        self.labels["target"].setToolTip(tr("The true label: 1 for the positive class, 0 for the negative"))
        self.formula.setText(_formula_html((tr("Binary cross-entropy"), "bce"),
                                           (tr("Mean squared error on a sigmoid output"), "mse_sigmoid")))
        if self.result is not None:
            self.caption.setText(self._lesson(self.result, self._badly_wrong_index(self.result)))

    def state(self) -> dict:
        return {"target": self.target.value()}

    def _restore(self, state: dict) -> None:
        self._restore_slider(self.target, state, "target")

    def _compute(self, device: str) -> losses.BceVsMse:
        # 601 points put z = ±5 exactly on the grid.
        return losses.bce_vs_mse(self.target.value(), points=601, device=device)

    def _build_items(self, r: losses.BceVsMse, theme: Theme) -> None:
        for plot in (self.loss_plot, self.grad_plot):
            _restyle(plot, theme)
        self.curves = {}
        for key, plot, k in (("bce", self.loss_plot, 0), ("mse", self.loss_plot, 1),
                             ("dbce_dz", self.grad_plot, 0), ("dmse_dz", self.grad_plot, 1)):
            self.curves[key] = plot.plot(pen=plots.curve_pen(theme, k), name=("BCE", "MSE")[k])
        _hline(self.grad_plot, theme)
        self.wrong_lines = (_vline(self.loss_plot, 0.0, theme), _vline(self.grad_plot, 0.0, theme))
        self.wrong_dots, self.wrong_texts = [], []
        for colour in theme.curves[:2]:
            self.wrong_dots.append(self.grad_plot.plot([0.0], [0.0], pen=None, symbol="o",
                                                       symbolBrush=colour, symbolPen=colour))
            self.wrong_texts.append(_text(self.grad_plot, "", 0.0, 0.0, colour))

    def _update(self, r: losses.BceVsMse, theme: Theme) -> None:
        title = tr("Loss of p = σ(z) against the target y = {0}").format(f"{r.target:g}")
        _texts(self.loss_plot, theme, title, tr("logit z"), tr("loss"))
        _texts(self.grad_plot, theme, tr("Gradient ∂L/∂z (what the logit learns from)"), tr("logit z"),
               tr("gradient"))
        for key, curve in self.curves.items():
            curve.setData(r.z, getattr(r, key))
        self._place_legends(r.target)
        i = self._badly_wrong_index(r)
        for line in self.wrong_lines:
            line.setValue(r.z[i])
        for dot, text, value in zip(self.wrong_dots, self.wrong_texts, (r.dbce_dz[i], r.dmse_dz[i])):
            dot.setData([r.z[i]], [value])
            # The value beside its dot, on the side facing the middle of the plot, away from the curve.
            anchor = (-0.1 if r.z[i] < 0 else 1.1, 0.0 if value < 0 else 1.0)
            _move_text(text, f"{value:.3g}", r.z[i], value, anchor)
        self.caption.setText(self._lesson(r, i))

    def _place_legends(self, target: float) -> None:
        """Put each legend in a corner the curves leave empty (they mirror as y goes from 1 to 0)."""
        loss_x = 1.0 if target > 0.6 else 0.0 if target < 0.4 else 0.5   # the losses are low there
        corners = ((loss_x, 0), (1, 1) if target >= 0.5 else (0, 0))
        if corners == self._legend_corners:
            return
        self._legend_corners = corners
        for plot, corner in zip((self.loss_plot, self.grad_plot), corners):
            offset = tuple(10 * (1 - 2 * c) for c in corner)   # 10 px inwards (0 px from the centre)
            plot.legend.anchor(itemPos=corner, parentPos=corner, offset=offset)

    @staticmethod
    def _badly_wrong_index(r: losses.BceVsMse) -> int:
        """The grid point with p = σ(z) far on the wrong side of the target."""
        z_wrong = -BADLY_WRONG_Z if r.target >= 0.5 else BADLY_WRONG_Z
        return int(np.argmin(np.abs(r.z - z_wrong)))

    @staticmethod
    def _lesson(r: losses.BceVsMse, i: int) -> str:
        bce, mse = r.dbce_dz[i], r.dmse_dz[i]
        text = tr("At z = {0} the prediction p = {1} is far from the target y = {2}. The BCE gradient is {3} "
                  "but the MSE gradient only {4}.").format(f"{r.z[i]:.1f}", f"{r.p[i]:.3f}", f"{r.target:g}",
                                                          f"{bce:.3g}", f"{mse:.3g}")
        if mse != 0.0:
            text += " " + tr("BCE pulls about {0} times harder.").format(f"{abs(bce / mse):.0f}")
        return text + " " + tr("BCE keeps learning when the prediction is badly wrong; MSE's gradient vanishes "
                               "because σ′(z) = p(1 − p) is tiny there.")

    def _columns(self, r: losses.BceVsMse) -> dict[str, np.ndarray]:
        return {"z": r.z, "p": r.p, "bce": r.bce, "mse": r.mse, "dbce_dz": r.dbce_dz, "dmse_dz": r.dmse_dz}


VIEWS = (MseView, SoftmaxView, CrossEntropyView, BceMseView)
