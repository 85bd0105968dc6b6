"""Softmax with a temperature and its Jacobian; cross-entropy computed three ways."""

from __future__ import annotations

import html
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QSpinBox

from app import losses
from widgets import plots
from widgets.i18n import N_, tr
from widgets.loss_view import (DEFAULT_LOGITS, LossView, add_text, formula_html, hline, move_text, restyle,
                               set_texts, ticks, wrapping_label)
from widgets.theme import Theme


# Diverging maps centred at 0: white centre on a light background, black centre on a dark one.
DIVERGING = {"light": "CET-D1", "dark": "CET-D4"}


class SoftmaxView(LossView):
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
        self.formula.setText(formula_html((tr("Softmax"), "softmax")))
        self.caption.setText(tr("The Jacobian is (diag(p) − ppᵀ) / T. Raising zᵢ raises pᵢ (positive "
                                "diagonal) and lowers every other pⱼ (negative entries); each row and "
                                "column sums to 0 because the probabilities always sum to 1. Small T "
                                "sharpens the distribution towards the largest logit, large T flattens it."))

    def state(self) -> dict:
        return self._with_logits({"temperature": self.temperature.value()})

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
        restyle(plot, theme)
        plot.showGrid(x=False, y=True, alpha=0.25)
        self.prob_bars = plots.bars(plot, r.probs, theme.curves[0])
        size = 9 if n <= 6 else 7
        self.prob_texts = [add_text(plot, "", i, 0.0, theme.plot_foreground, point_size=size) for i in range(n)]
        plot.setRange(xRange=(-0.6, n - 0.4), yRange=(0.0, 1.1), padding=0.02)

        plot = self.jacobian_plot
        restyle(plot, theme)
        plot.showGrid(x=False, y=False)   # grid lines would run through the cell values
        plot.getAxis("left").setStyle(tickTextOffset=10)   # keeps CJK axis labels off the tick numbers
        self.jacobian_cmap = pg.colormap.get(DIVERGING.get(theme.name, "CET-D1"))
        # Row-major: image[i, j] sits at x = j, y = i, so row i is class i.
        self.jacobian_image = pg.ImageItem(r.jacobian, axisOrder="row-major")
        self.jacobian_image.setColorMap(self.jacobian_cmap)
        self.jacobian_image.setRect(QRectF(-0.5, -0.5, n, n))
        plot.addItem(self.jacobian_image)
        size = 9 if n <= 5 else 7
        self.cell_texts = [[add_text(plot, "", j, i, "#000000", anchor=(0.5, 0.5), point_size=size)
                            for j in range(n)] for i in range(n)]
        self._light_cells = np.ones((n, n), dtype=bool)   # the cells' text is black to start with
        for axis in ("bottom", "left"):
            ticks(plot, [str(k) for k in range(n)], axis)
        plot.invertY(True)   # row 0 at the top, as the matrix is written
        plot.setAspectLocked(True)
        plot.setRange(xRange=(-0.5, n - 0.5), yRange=(-0.5, n - 0.5), padding=0.02)

    def _update(self, r: losses.SoftmaxResult, theme: Theme) -> None:
        n = len(r.probs)
        set_texts(self.prob_plot, theme, tr("Probabilities p at T = {0}").format(f"{r.temperature:g}"),
               tr("class i"), tr("probability pᵢ"))
        self.prob_bars.setOpts(height=r.probs)
        for i, (item, p) in enumerate(zip(self.prob_texts, r.probs)):
            move_text(item, f"{p:.3f}", i, p)
        # Each bar's logit under its index, while there is room for it.
        ticks(self.prob_plot, [f"{i}\nz={z:g}" if n <= 6 else str(i) for i, z in enumerate(r.logits)])
        self._update_jacobian(r.jacobian, theme)

    def _update_jacobian(self, jacobian: np.ndarray, theme: Theme) -> None:
        n = len(jacobian)
        set_texts(self.jacobian_plot, theme, tr("Jacobian ∂pᵢ/∂zⱼ"), tr("j (logit zⱼ)"), tr("i (probability pᵢ)"))
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


class CrossEntropyView(LossView):
    key = "cross_entropy"
    title = N_("Cross-entropy")

    def _build(self) -> None:
        self.logits = self._logit_edit()
        self.target = QSpinBox()
        self.target.setRange(0, len(DEFAULT_LOGITS) - 1)
        self.target.valueChanged.connect(self.changed)
        self._row("target", self.target)
        self.readout = wrapping_label(rich=True)
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
        self.formula.setText(formula_html((tr("Cross-entropy"), "cross_entropy"),
                                          (tr("Negative log-likelihood"), "nll")))
        self.caption.setText(tr("gradient = softmax − one-hot: gradient descent pushes the target logit up "
                                "and every other logit down, each in proportion to its probability."))
        if self.result is not None:
            self._set_readout(self.result)

    def state(self) -> dict:
        return self._with_logits({"target": self.target.value()})

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
        restyle(self.plot, theme)
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.bars = []
        for k, name in enumerate(self._series_names()):
            item = plots.bars(self.plot, np.zeros(n), theme.curves[k], x0=(k - 1) * 0.27, width=0.25)
            self.plot.legend.addItem(item, name)
            self.bars.append(item)
        self.grad_texts = [add_text(self.plot, "", j + 0.27, 0.0, theme.plot_foreground, point_size=8)
                           for j in range(n)]
        hline(self.plot, theme)
        self.plot.setRange(xRange=(-0.6, n - 0.4), yRange=(-1.15, 1.35), padding=0)

    def _update(self, r: losses.CrossEntropyResult, theme: Theme) -> None:
        self._set_readout(r)
        set_texts(self.plot, theme, tr("softmax, one-hot and the gradient ∂L/∂z"), tr("class j"), tr("value"))
        for item, values in zip(self.bars, (r.softmax, r.one_hot, r.grad)):
            item.setOpts(height=values)
        for j, (item, g) in enumerate(zip(self.grad_texts, r.grad)):
            move_text(item, f"{g:.3f}", j + 0.27, g, anchor=(0.5, 1.0 if g >= 0 else 0.0))
        ticks(self.plot, [tr("{0} (target)").format(j) if j == r.target else str(j)
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
