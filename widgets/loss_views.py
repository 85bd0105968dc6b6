"""The Losses views: MSE, softmax and its Jacobian, cross-entropy three ways, BCE against MSE.

Each view only draws what app.losses returns; a bad input keeps the last good picture on screen.
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
from widgets.i18n import N_, tr
from widgets.theme import Theme
from widgets.view import PlotView

MAX_CLASSES = 10
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


def _reset(plot: pg.PlotItem, theme: Theme, title: str, bottom: str, left: str) -> None:
    """Empty `plot` and style it, with its texts in the current language."""
    plot.clear()
    for axis in ("bottom", "left"):
        plot.getAxis(axis).enableAutoSIPrefix(False)   # "gradient (x0.001)" would puzzle a student
    plots.style_plot(plot, theme)
    plots.set_title(plot, title, theme)
    plots.set_labels(plot, bottom, left, theme)


def _text(plot: pg.PlotItem, text: str, x: float, y: float, colour, anchor=(0.5, 1.0),
          point_size: int = 9) -> pg.TextItem:
    item = pg.TextItem(text, color=colour, anchor=anchor)
    font = QFont()
    font.setPointSize(point_size)
    item.setFont(font)
    item.setPos(x, y)
    plot.addItem(item, ignoreBounds=True)
    return item


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


class _LossView(PlotView):
    """Template: compute through app.losses; on success remember and draw, on error keep the old result."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result = None
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
        edit = NumberListEdit(DEFAULT_LOGITS, 2, MAX_CLASSES)
        edit.invalid.connect(self.show_error)
        edit.numbersChanged.connect(self._logits_changed)
        self._row("logits", edit)
        return edit

    def _logits_changed(self, values: list) -> None:
        self.changed.emit()

    def draw(self, device: torch.device, theme: Theme) -> None:
        try:
            self.result = self._compute(str(device))
        except ValueError as exc:
            self.show_error(str(exc))
            if self.result is None:
                return
        else:
            self.clear_error()
        plots.apply_background(self.figure, theme)
        self._render(self.result, theme)

    def retranslate(self) -> None:
        if "logits" in self.labels:
            self.labels["logits"].setText(tr("Logits z"))
            self.logits.setPlaceholderText(tr("e.g. 2, 1, 0.1"))
            self.logits.hint = tr("Comma-separated logits z, from {0} to {1} numbers").format(2, MAX_CLASSES)
            self.logits.setToolTip(self.logits.hint)

    def csv_columns(self) -> dict[str, np.ndarray]:
        if self.result is None:
            return {}
        return self._columns(self.result)

    # --- subclasses implement ----------------------------------------------------------------
    def _build(self) -> None:
        """Add the controls' rows to self.form and the plots to self.figure."""
        raise NotImplementedError

    def _compute(self, device: str):
        """Call app.losses with the controls' values; raises ValueError on bad input."""
        raise NotImplementedError

    def _render(self, result, theme: Theme) -> None:
        """Redraw every plot from `result`."""
        raise NotImplementedError

    def _columns(self, result) -> dict[str, np.ndarray]:
        raise NotImplementedError


class MseView(_LossView):
    key = "mse"
    title = N_("MSE")

    def _build(self) -> None:
        self.target = self._slider("target", -3.0, 3.0, 1.0, 2)
        self.loss_plot = self.figure.addPlot(row=0, col=0)
        self.grad_plot = self.figure.addPlot(row=1, col=0)
        self.grad_plot.setXLink(self.loss_plot)

    def retranslate(self) -> None:
        self.labels["target"].setText(tr("Target y"))
        self.labels["target"].setToolTip(tr("The true value the prediction ŷ should reach"))
        self.formula.setText(_formula_html((tr("Mean squared error"), "mse")))
        self.caption.setText(tr("The loss is a parabola with its minimum at the target; the gradient is a "
                                "straight line through zero there: the further off the prediction, the "
                                "harder the gradient pulls it back."))

    def _compute(self, device: str) -> losses.MseCurve:
        return losses.mse_curve(self.target.value(), device=device)

    def _render(self, r: losses.MseCurve, theme: Theme) -> None:
        _reset(self.loss_plot, theme, tr("Loss L = (ŷ − y)²"), tr("prediction ŷ"), tr("loss L"))
        _reset(self.grad_plot, theme, tr("Gradient ∂L/∂ŷ = 2(ŷ − y)"), tr("prediction ŷ"), tr("gradient"))
        self.loss_curve = self.loss_plot.plot(r.pred, r.loss, pen=plots.curve_pen(theme, 0))
        self.grad_curve = self.grad_plot.plot(r.pred, r.grad, pen=plots.curve_pen(theme, 1))
        _hline(self.grad_plot, theme)
        _vline(self.loss_plot, r.target, theme, tr("target y = {0}").format(f"{r.target:.2f}"))
        _vline(self.grad_plot, r.target, theme)

    def _columns(self, r: losses.MseCurve) -> dict[str, np.ndarray]:
        return {"pred": r.pred, "loss": r.loss, "grad": r.grad}


class SoftmaxView(_LossView):
    key = "softmax"
    title = N_("Softmax")

    def _build(self) -> None:
        self.logits = self._logit_edit()
        self.temperature = self._slider("temperature", 0.05, 10.0, 1.0, 2)
        self.prob_plot = self.figure.addPlot(row=0, col=0)
        self.jacobian_plot = self.figure.addPlot(row=0, col=1)
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

    def _compute(self, device: str) -> losses.SoftmaxResult:
        return losses.softmax_with_jacobian(self.logits.values(), self.temperature.value(), device=device)

    def _render(self, r: losses.SoftmaxResult, theme: Theme) -> None:
        n = len(r.probs)
        plot = self.prob_plot
        _reset(plot, theme, tr("Probabilities p at T = {0}").format(f"{r.temperature:g}"),
               tr("class i"), tr("probability pᵢ"))
        plot.showGrid(x=False, y=True, alpha=0.25)
        self.prob_bars = plots.bars(plot, r.probs, theme.curves[0])
        size = 9 if n <= 6 else 7
        for i, p in enumerate(r.probs):
            _text(plot, f"{p:.3f}", i, p, theme.plot_foreground, point_size=size)
        # Each bar's logit under its index, while there is room for it.
        labels = [f"{i}\nz={z:g}" if n <= 6 else str(i) for i, z in enumerate(r.logits)]
        plots.index_ticks(plot, labels)
        plot.setRange(xRange=(-0.6, n - 0.4), yRange=(0.0, 1.1), padding=0.02)
        self._render_jacobian(r.jacobian, theme)

    def _render_jacobian(self, jacobian: np.ndarray, theme: Theme) -> None:
        n = len(jacobian)
        plot = self.jacobian_plot
        _reset(plot, theme, tr("Jacobian ∂pᵢ/∂zⱼ"), tr("j (logit zⱼ)"), tr("i (probability pᵢ)"))
        plot.showGrid(x=False, y=False)   # grid lines would run through the cell values
        plot.getAxis("left").setStyle(tickTextOffset=10)   # keeps CJK axis labels off the tick numbers
        limit = max(float(np.abs(jacobian).max()), 1e-12)
        cmap = pg.colormap.get(DIVERGING.get(theme.name, "CET-D1"))
        # Row-major: image[i, j] sits at x = j, y = i, so row i is class i.
        self.jacobian_image = pg.ImageItem(jacobian, axisOrder="row-major", levels=(-limit, limit))
        self.jacobian_image.setColorMap(cmap)
        self.jacobian_image.setRect(QRectF(-0.5, -0.5, n, n))
        plot.addItem(self.jacobian_image)
        rgba = cmap.map(((jacobian + limit) / (2 * limit)).ravel(), mode="byte").reshape(n, n, 4)
        digits, size = (3, 9) if n <= 5 else (2, 7)
        for i in range(n):
            for j in range(n):
                value = jacobian[i, j]
                text = f"{value:.{digits}f}" if abs(value) >= 0.5 * 10 ** -digits else "0"   # no "-0.00"
                light_cell = rgba[i, j, :3] @ (0.299, 0.587, 0.114) > 140
                _text(plot, text, j, i, "#000000" if light_cell else "#ffffff", anchor=(0.5, 0.5),
                      point_size=size)
        for axis in ("bottom", "left"):
            plots.index_ticks(plot, [str(k) for k in range(n)], axis)
        plot.invertY(True)   # row 0 at the top, as the matrix is written
        plot.setAspectLocked(True)
        plot.setRange(xRange=(-0.5, n - 0.5), yRange=(-0.5, n - 0.5), padding=0.02)

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
        self.plot = self.figure.addPlot(row=0, col=0)
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

    def _compute(self, device: str) -> losses.CrossEntropyResult:
        return losses.cross_entropy_parts(self.logits.values(), self.target.value(), device=device)

    def _render(self, r: losses.CrossEntropyResult, theme: Theme) -> None:
        self._set_readout(r)
        n = len(r.logits)
        _reset(self.plot, theme, tr("softmax, one-hot and the gradient ∂L/∂z"), tr("class j"), tr("value"))
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        series = [(r.softmax, tr("softmax p")), (r.one_hot, tr("one-hot")),
                  (r.grad, tr("gradient ∂L/∂z = p − one-hot"))]
        self.bars = []
        for k, (values, name) in enumerate(series):
            item = plots.bars(self.plot, values, theme.curves[k], x0=(k - 1) * 0.27, width=0.25)
            self.plot.legend.addItem(item, name)
            self.bars.append(item)
        for j, g in enumerate(r.grad):
            _text(self.plot, f"{g:.3f}", j + 0.27, g, theme.plot_foreground,
                  anchor=(0.5, 1.0 if g >= 0 else 0.0), point_size=8)
        _hline(self.plot, theme)
        labels = [tr("{0} (target)").format(j) if j == r.target else str(j) for j in range(n)]
        plots.index_ticks(self.plot, labels)
        self.plot.setRange(xRange=(-0.6, n - 0.4), yRange=(-1.15, 1.35), padding=0)

    def _set_readout(self, r: losses.CrossEntropyResult) -> None:
        rows = [("F.cross_entropy(z, t)", r.cross_entropy),
                ("F.nll_loss(F.log_softmax(z), t)", r.nll_of_log_softmax),
                ("−log(softmax(z)[t])", r.neg_log_softmax)]
        # Code above value, not side by side: the side bar is narrow.
        lines = "".join(f"<code>{html.escape(code)}</code><br>&nbsp;&nbsp;= <b>{value:.10f}</b><br>"
                        for code, value in rows)
        self.readout.setText(f"<p>{lines}{html.escape(self._agreement(r))}</p>")

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
        self.loss_plot = self.figure.addPlot(row=0, col=0)
        self.grad_plot = self.figure.addPlot(row=1, col=0)
        self.grad_plot.setXLink(self.loss_plot)
        for plot in (self.loss_plot, self.grad_plot):
            plot.addLegend(offset=(10, 10))

    def retranslate(self) -> None:
        self.labels["target"].setText(tr("Target y"))
        self.labels["target"].setToolTip(tr("The true label: 1 for the positive class, 0 for the negative"))
        self.formula.setText(_formula_html((tr("Binary cross-entropy"), "bce"),
                                           (tr("Mean squared error on a sigmoid output"), "mse_sigmoid")))
        if self.result is not None:
            self.caption.setText(self._lesson(self.result, self._badly_wrong_index(self.result)))

    def _compute(self, device: str) -> losses.BceVsMse:
        # 601 points put z = ±5 exactly on the grid.
        return losses.bce_vs_mse(self.target.value(), points=601, device=device)

    def _render(self, r: losses.BceVsMse, theme: Theme) -> None:
        title = tr("Loss of p = σ(z) against the target y = {0}").format(f"{r.target:g}")
        _reset(self.loss_plot, theme, title, tr("logit z"), tr("loss"))
        _reset(self.grad_plot, theme, tr("Gradient ∂L/∂z (what the logit learns from)"), tr("logit z"),
               tr("gradient"))
        self.curves = {}
        for key, plot, y, k in (("bce", self.loss_plot, r.bce, 0), ("mse", self.loss_plot, r.mse, 1),
                                ("dbce_dz", self.grad_plot, r.dbce_dz, 0),
                                ("dmse_dz", self.grad_plot, r.dmse_dz, 1)):
            self.curves[key] = plot.plot(r.z, y, pen=plots.curve_pen(theme, k), name=("BCE", "MSE")[k])
        _hline(self.grad_plot, theme)
        self._place_legends(r.target)
        i = self._badly_wrong_index(r)
        _vline(self.loss_plot, r.z[i], theme)
        _vline(self.grad_plot, r.z[i], theme)
        for k, value in enumerate((r.dbce_dz[i], r.dmse_dz[i])):
            colour = theme.curves[k]
            self.grad_plot.plot([r.z[i]], [value], pen=None, symbol="o", symbolBrush=colour, symbolPen=colour)
            # The value beside its dot, on the side facing the middle of the plot, away from the curve.
            anchor = (-0.1 if r.z[i] < 0 else 1.1, 0.0 if value < 0 else 1.0)
            _text(self.grad_plot, f"{value:.3g}", r.z[i], value, colour, anchor=anchor)
        self.caption.setText(self._lesson(r, i))

    def _place_legends(self, target: float) -> None:
        """Put each legend in a corner the curves leave empty (they mirror as y goes from 1 to 0)."""
        loss_x = 1.0 if target > 0.6 else 0.0 if target < 0.4 else 0.5   # the losses are low there
        corners = ((self.loss_plot, (loss_x, 0)), (self.grad_plot, (1, 1) if target >= 0.5 else (0, 0)))
        for plot, corner in corners:
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
