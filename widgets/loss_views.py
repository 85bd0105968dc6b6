"""Loss curves: MSE and its gradient, and BCE against MSE on a sigmoid output."""

from __future__ import annotations


import numpy as np

from app import losses
from widgets import plots
from widgets.i18n import N_, tr
from widgets.loss_view import LossView, add_text, formula_html, hline, move_text, restyle, set_texts, vline
from widgets.theme import Theme


BADLY_WRONG_Z = 5.0   # |z| where the BCE-vs-MSE caption reads its numbers


class MseView(LossView):
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
        self.formula.setText(formula_html((tr("Mean squared error"), "mse")))
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
            restyle(plot, theme)
        self.loss_curve = self.loss_plot.plot(pen=plots.curve_pen(theme, 0))
        self.grad_curve = self.grad_plot.plot(pen=plots.curve_pen(theme, 1))
        hline(self.grad_plot, theme)
        self.target_lines = (vline(self.loss_plot, r.target, theme, ""), vline(self.grad_plot, r.target, theme))

    def _update(self, r: losses.MseCurve, theme: Theme) -> None:
        set_texts(self.loss_plot, theme, tr("Loss L = (ŷ − y)²"), tr("prediction ŷ"), tr("loss L"))
        set_texts(self.grad_plot, theme, tr("Gradient ∂L/∂ŷ = 2(ŷ − y)"), tr("prediction ŷ"), tr("gradient"))
        self.loss_curve.setData(r.pred, r.loss)
        self.grad_curve.setData(r.pred, r.grad)
        for line in self.target_lines:
            line.setValue(r.target)
        label = tr("target y = {0}").format(f"{r.target:.2f}")
        self.target_lines[0].label.setFormat(label.replace("{", "{{").replace("}", "}}"))  # a format string

    def _columns(self, r: losses.MseCurve) -> dict[str, np.ndarray]:
        return {"pred": r.pred, "loss": r.loss, "grad": r.grad}


class BceMseView(LossView):
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
        self.formula.setText(formula_html((tr("Binary cross-entropy"), "bce"),
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
            restyle(plot, theme)
        self.curves = {}
        for key, plot, k in (("bce", self.loss_plot, 0), ("mse", self.loss_plot, 1),
                             ("dbce_dz", self.grad_plot, 0), ("dmse_dz", self.grad_plot, 1)):
            self.curves[key] = plot.plot(pen=plots.curve_pen(theme, k), name=("BCE", "MSE")[k])
        hline(self.grad_plot, theme)
        self.wrong_lines = (vline(self.loss_plot, 0.0, theme), vline(self.grad_plot, 0.0, theme))
        self.wrong_dots, self.wrong_texts = [], []
        for colour in theme.curves[:2]:
            self.wrong_dots.append(self.grad_plot.plot([0.0], [0.0], pen=None, symbol="o",
                                                       symbolBrush=colour, symbolPen=colour))
            self.wrong_texts.append(add_text(self.grad_plot, "", 0.0, 0.0, colour))

    def _update(self, r: losses.BceVsMse, theme: Theme) -> None:
        title = tr("Loss of p = σ(z) against the target y = {0}").format(f"{r.target:g}")
        set_texts(self.loss_plot, theme, title, tr("logit z"), tr("loss"))
        set_texts(self.grad_plot, theme, tr("Gradient ∂L/∂z (what the logit learns from)"), tr("logit z"),
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
            move_text(text, f"{value:.3g}", r.z[i], value, anchor)
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
