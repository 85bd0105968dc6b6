"""f(x), f′(x) and f″(x) of the catalog's activations, computed by autograd and overlaid."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
import torch
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QLabel,
                               QListWidget, QListWidgetItem, QSpinBox, QWidget)

from app import activations
from widgets import plots
from widgets.controls import SliderSpin
from widgets.i18n import N_, error_text, tr
from widgets.theme import Theme
from widgets.view import PlotView

DEFAULT_SHOWN = ("sigmoid", "tanh", "relu")
GUI_MAX_POINTS = 200_000
# Qt strokes lines wider than 1 px about four times slower; past this many points a 1 px line
# keeps a dragged slider smooth (bench/redraw.py) and dense curves look no thinner.
THIN_LINES_ABOVE = 2_000


class ActivationView(PlotView):
    key = "activations"
    title = N_("Activations")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.params = {name: activations.resolve_params(name) for name in activations.ACTIVATIONS}
        self.curves: dict[str, activations.Curve] = {}
        self._items: dict[tuple[str, str], pg.PlotDataItem] = {}
        self._shading: list[tuple[pg.PlotItem, pg.LinearRegionItem]] = []
        self._theme: Theme | None = None
        self._cursor_x: float | None = None   # where the crosshair was left: redraws keep reading there
        self._build_controls()
        self._build_plots()
        self.retranslate()

    # --- building ------------------------------------------------------------------------------
    def _build_controls(self) -> None:
        self.list = QListWidget()
        for name, act in activations.ACTIVATIONS.items():
            item = QListWidgetItem(act.label)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in DEFAULT_SHOWN else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.setMinimumHeight(200)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        self.list.currentItemChanged.connect(self._current_changed)

        self.param_box = QGroupBox()
        self.param_form = QFormLayout(self.param_box)
        self.range_from, self.range_to = QDoubleSpinBox(), QDoubleSpinBox()
        for spin, value in ((self.range_from, -5.0), (self.range_to, 5.0)):
            spin.setRange(-1000.0, 1000.0)
            spin.setValue(value)
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(self.changed)
        self.points = QSpinBox()
        self.points.setRange(2, GUI_MAX_POINTS)
        self.points.setValue(1001)
        self.points.setSingleStep(100)
        self.points.setKeyboardTracking(False)
        self.points.valueChanged.connect(self.changed)
        self.second = QCheckBox()
        self.second.toggled.connect(self.changed)
        self.shade = QCheckBox()
        self.shade.setChecked(True)
        self.shade.toggled.connect(self.changed)
        self.threshold = QDoubleSpinBox()
        self.threshold.setDecimals(4)
        self.threshold.setRange(1e-4, 0.5)
        self.threshold.setSingleStep(0.01)
        self.threshold.setValue(0.01)
        self.threshold.setKeyboardTracking(False)
        self.threshold.valueChanged.connect(self.changed)
        self.formulas = QLabel()
        self.formulas.setWordWrap(True)
        self.formulas.setTextFormat(Qt.TextFormat.RichText)
        self.readout = QLabel()
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.labels = {k: QLabel() for k in ("list", "from", "to", "points", "threshold")}
        self.form.addRow(self.labels["list"])
        self.form.addRow(self.list)
        self.form.addRow(self.param_box)
        self.form.addRow(self.labels["from"], self.range_from)
        self.form.addRow(self.labels["to"], self.range_to)
        self.form.addRow(self.labels["points"], self.points)
        self.form.addRow(self.second)
        self.form.addRow(self.shade)
        self.form.addRow(self.labels["threshold"], self.threshold)
        self.form.addRow(self.formulas)
        self.form.addRow(self.readout)
        self._build_param_rows()

    def _build_plots(self) -> None:
        self.f_plot = plots.add_plot(self.figure, 0, 0)
        self.df_plot = plots.add_plot(self.figure, 1, 0)
        self.df_plot.setXLink(self.f_plot)
        for plot in (self.f_plot, self.df_plot):
            plot.addLegend(offset=(10, 10), labelTextSize="10pt")
        self.crosshair = plots.Crosshair([self.f_plot, self.df_plot], self._show_readout)

    def _build_param_rows(self) -> None:
        """One row per parameter of the current activation: a slider, or a combo box for choices."""
        while self.param_form.rowCount():
            self.param_form.removeRow(0)
        name = self.current_name()
        act = activations.get(name)
        self.param_box.setVisible(bool(act.params))
        self._param_labels = []
        for param in act.params:
            label = QLabel()
            self._param_labels.append((label, param))
            if param.choices:
                editor = QComboBox()
                editor.addItems(list(param.choices))
                editor.setCurrentText(str(self.params[name][param.key]))
                editor.currentTextChanged.connect(lambda v, k=param.key: self._set_param(k, v))
            else:
                editor = SliderSpin(param.minimum, param.maximum, float(self.params[name][param.key]))
                editor.valueChanged.connect(lambda v, k=param.key: self._set_param(k, v))
            editor.setObjectName(f"param_{param.key}")
            self.param_form.addRow(label, editor)
        self._retranslate_params()

    # --- reacting ------------------------------------------------------------------------------
    def current_name(self) -> str:
        item = self.list.currentItem() or self.list.item(0)
        return item.data(Qt.ItemDataRole.UserRole)

    def shown_names(self) -> list[str]:
        """Checked activations, in catalog order; the current one is always among them."""
        names = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.checkState() == Qt.CheckState.Checked or item is self.list.currentItem():
                names.append(item.data(Qt.ItemDataRole.UserRole))
        return names

    def set_shown(self, names: list[str]) -> None:
        """Check exactly `names` and make the first one current (used by tests and screenshots)."""
        self.list.blockSignals(True)
        for row in range(self.list.count()):
            item = self.list.item(row)
            name = item.data(Qt.ItemDataRole.UserRole)
            item.setCheckState(Qt.CheckState.Checked if name in names else Qt.CheckState.Unchecked)
            if names and name == names[0]:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._build_param_rows()
        self.changed.emit()

    def param_editor(self, key: str) -> QWidget | None:
        return self.param_box.findChild(QWidget, f"param_{key}")

    def _current_changed(self, *_args) -> None:
        self._build_param_rows()
        self.changed.emit()

    def _set_param(self, key: str, value) -> None:
        self.params[self.current_name()][key] = value
        self.changed.emit()

    # --- drawing -------------------------------------------------------------------------------
    def draw(self, device: torch.device, theme: Theme) -> None:
        try:
            curves = {name: activations.curve(name, self.params[name],
                                              (self.range_from.value(), self.range_to.value()),
                                              self.points.value(), self.second.isChecked(), device)
                      for name in self.shown_names()}
        except ValueError as exc:
            self.show_error(error_text(exc))
            return
        self.clear_error()
        self.show_curves(curves, theme)

    def show_curves(self, curves: dict[str, activations.Curve], theme: Theme) -> None:
        """Draw computed curves: from draw(), or handed in whole by the command line."""
        self.curves = curves
        if theme is not self._theme:
            self._restyle(theme)
        self._update_items(theme)
        self._update_shading(theme)
        self._update_formulas(theme)
        self._set_titles(theme)
        x = next(iter(curves.values())).x
        self.f_plot.setXRange(x[0], x[-1], padding=0.02)
        cursor = self._cursor_x if self._cursor_x is not None and x[0] <= self._cursor_x <= x[-1] else None
        if cursor is None:
            cursor = 1.0 if x[0] < 1.0 < x[-1] else 0.5 * (x[0] + x[-1])   # f(1) is worth reading
        self._show_readout(cursor)

    def _restyle(self, theme: Theme) -> None:
        self._theme = theme
        plots.apply_background(self.figure, theme)
        for plot in (self.f_plot, self.df_plot):
            plots.style_plot(plot, theme)
        self.crosshair.set_pen(theme.plot_foreground)
        for item in list(self._items.values()):
            self._remove_item(item)
        self._items.clear()

    def _update_items(self, theme: Theme) -> None:
        """setData on existing curves (cheap while a slider drags); add or remove only what changed."""
        wanted = {}
        width = 1.0 if len(next(iter(self.curves.values())).x) > THIN_LINES_ABOVE else 2.0
        for colour_index, (name, c) in enumerate(self.curves.items()):
            label = tr(activations.get(name).label)
            pen = plots.curve_pen(theme, colour_index, width)
            wanted[(name, "f")] = (self.f_plot, c.f, pen, label)
            wanted[(name, "df")] = (self.df_plot, c.df, pen, label + " f′")
            if c.d2f is not None:
                wanted[(name, "d2f")] = (self.df_plot, c.d2f, plots.curve_pen(theme, colour_index, width, True),
                                         label + " f″")
        for key in [k for k in self._items if k not in wanted]:
            self._remove_item(self._items.pop(key))
        for key, (plot, y, pen, label) in wanted.items():
            x = self.curves[key[0]].x
            if key in self._items and self._items[key].opts["pen"] == pen:
                self._items[key].setData(x, y)
            else:   # new, or its colour moved because the set of curves changed
                if key in self._items:
                    self._remove_item(self._items.pop(key))
                self._items[key] = plot.plot(x, y, pen=pen, name=label)

    def _remove_item(self, item: pg.PlotDataItem) -> None:
        for plot in (self.f_plot, self.df_plot):
            if item in plot.items:
                if plot.legend is not None:
                    plot.legend.removeItem(item)
                plot.removeItem(item)

    def _update_shading(self, theme: Theme) -> None:
        for plot, region in self._shading:
            plot.removeItem(region)
        self._shading.clear()
        current = self.curves.get(self.current_name())
        if not self.shade.isChecked() or current is None:
            return
        for a, b in activations.vanishing_regions(current.x, current.df, self.threshold.value()):
            for plot in (self.f_plot, self.df_plot):
                region = pg.LinearRegionItem((a, b), movable=False, brush=pg.mkBrush(*theme.shade),
                                             pen=pg.mkPen(None))
                region.setZValue(-10)
                plot.addItem(region, ignoreBounds=True)
                self._shading.append((plot, region))

    def _set_titles(self, theme: Theme) -> None:
        plots.set_title(self.f_plot, tr("f(x): the activation"), theme)
        title = tr("f′(x) by autograd")
        if next(iter(self.curves.values())).d2f is not None:
            title = tr("f′ (solid) and f″ (dashed) by autograd")
        if self.shade.isChecked():
            title += "; " + tr("shaded: |f′| < {0}").format(f"{self.threshold.value():g}")
        plots.set_title(self.df_plot, title, theme)
        plots.set_labels(self.f_plot, "x", "f(x)", theme)
        plots.set_labels(self.df_plot, "x", "f′(x)", theme)

    def _update_formulas(self, theme: Theme) -> None:
        rows = []
        for i, name in enumerate(self.curves):
            act = activations.get(name)
            colour = theme.curves[i % len(theme.curves)]
            rows.append(f"<p><b style='color:{colour}'>{html.escape(tr(act.label))}</b> "
                        f"<i>{html.escape(tr(act.description))}</i><br>{html.escape(tr(act.formula))}<br>"
                        f"{html.escape(tr(act.derivative))}</p>")
        text = "".join(rows)
        if text != self.formulas.text():   # re-laying out rich text is not free while a slider drags
            self.formulas.setText(text)

    def _show_readout(self, x: float) -> None:
        """The values under the crosshair, read from the computed arrays (nearest sample)."""
        if not self.curves:
            return
        self._cursor_x = x
        second = next(iter(self.curves.values())).d2f is not None
        rows = [f"<tr><th></th><th>f</th><th>f′</th>{'<th>f″</th>' if second else ''}</tr>"]
        for name, c in self.curves.items():
            i = _nearest(c.x, x)
            cells = [c.f[i], c.df[i]] + ([c.d2f[i]] if c.d2f is not None else [])
            rows.append(f"<tr><td>{html.escape(tr(activations.get(name).label))}</td>"
                        + "".join(f"<td align='right'>{v:.6g}</td>" for v in cells) + "</tr>")
        first = next(iter(self.curves.values()))
        i = _nearest(first.x, x)
        self.readout.setText(f"<b>x = {first.x[i]:.6g}</b><table cellspacing='4'>{''.join(rows)}</table>")

    # --- text and export -----------------------------------------------------------------------
    def retranslate(self) -> None:
        self._theme = None   # legends carry names: rebuild the curves at the next draw
        self.labels["list"].setText(tr("Activations (tick to overlay; the selected one is edited)"))
        self.labels["from"].setText(tr("x from"))
        self.labels["to"].setText(tr("x to"))
        self.labels["points"].setText(tr("Points"))
        self.labels["threshold"].setText(tr("Threshold"))
        self.second.setText(tr("Show f″(x) (second derivative)"))
        self.shade.setText(tr("Shade vanishing gradients"))
        self.shade.setToolTip(tr("Where |f′(x)| is below the threshold, gradients flowing back through "
                                 "this activation almost vanish and learning stalls."))
        for row in range(self.list.count()):
            item = self.list.item(row)
            act = activations.get(item.data(Qt.ItemDataRole.UserRole))
            item.setText(tr(act.label))
            item.setToolTip(tr(act.description))
        self._retranslate_params()

    def _retranslate_params(self) -> None:
        self.param_box.setTitle(tr("Parameters of {0}").format(tr(activations.get(self.current_name()).label)))
        for label, param in getattr(self, "_param_labels", []):
            label.setText(tr(param.label))

    def state(self) -> dict:
        return {"shown": self.shown_names(), "current": self.current_name(), "params": self.params,
                "range": [self.range_from.value(), self.range_to.value()], "points": self.points.value(),
                "second": self.second.isChecked(), "shade": self.shade.isChecked(),
                "threshold": self.threshold.value()}

    def set_state(self, state: dict) -> None:
        saved_params = state.get("params")
        for name, params in saved_params.items() if isinstance(saved_params, dict) else ():
            try:
                self.params[name] = activations.resolve_params(name, params)
            except (ValueError, TypeError):
                pass   # an activation or parameter range that changed since: keep the default
        controls = [self.range_from, self.range_to, self.points, self.second, self.shade, self.threshold]
        for control in controls:
            control.blockSignals(True)
        try:
            rng = state.get("range")
            if isinstance(rng, list) and len(rng) == 2 and all(isinstance(v, (int, float)) for v in rng):
                self.range_from.setValue(rng[0])
                self.range_to.setValue(rng[1])
            for spin, key, kind in ((self.points, "points", int), (self.threshold, "threshold", (int, float))):
                if isinstance(state.get(key), kind) and not isinstance(state.get(key), bool):
                    spin.setValue(state[key])
            for box, key in ((self.second, "second"), (self.shade, "shade")):
                if isinstance(state.get(key), bool):
                    box.setChecked(state[key])
        finally:
            for control in controls:
                control.blockSignals(False)
        shown = [n for n in state.get("shown", []) if n in activations.ACTIVATIONS] \
            if isinstance(state.get("shown"), list) else []
        current = state.get("current")
        if current in shown:   # set_shown makes the first one current
            shown.remove(current)
            shown.insert(0, current)
        self.set_shown(shown or self.shown_names())   # rebuilds the parameter rows, emits changed once

    def csv_columns(self) -> dict[str, np.ndarray]:
        if not self.curves:
            return {}
        columns = {"x": next(iter(self.curves.values())).x}
        for name, c in self.curves.items():
            columns[f"{name}_f"] = c.f
            columns[f"{name}_df"] = c.df
            if c.d2f is not None:
                columns[f"{name}_d2f"] = c.d2f
        return columns


def _nearest(xs: np.ndarray, x: float) -> int:
    """Index of the sample of the sorted array `xs` closest to x."""
    i = int(np.clip(np.searchsorted(xs, x), 1, len(xs) - 1))
    return i - 1 if abs(xs[i - 1] - x) <= abs(xs[i] - x) else i
