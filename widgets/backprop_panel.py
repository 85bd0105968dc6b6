"""The Backprop Stepper: one training step of a small network, node by node, checked against autograd.

app/backprop.py computes the whole trace at once (a few milliseconds); this panel only walks it.
Frame 0 is the network before the forward pass; frame i shows what the first i steps computed,
with step i highlighted in the network drawing, in the autograd graph and in the formula box.
"""

from __future__ import annotations

import html
from pathlib import Path

import numpy as np
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import backprop, devices, files, network, worked_example
from app.backprop import fmt
from widgets import graph_details, plots
from widgets.controls import ErrorLine, scrolling_column
from widgets.graph_view import AutogradGraphView
from widgets.i18n import N_, error_text, tr
from widgets.network_form import CUSTOM, NetworkForm
from widgets.network_view import NetworkView
from widgets.panel import TabbedPanel
from widgets.playback import Playback
from widgets.scene_export import export_scene

VIEWS = (("network", N_("Network")), ("autograd", N_("Autograd graph")))
FORMULA_PT = 14
PLAY_INTERVAL_MS = 900   # slow enough to say each step aloud


class BackpropPanel(TabbedPanel):
    key = "backprop"
    title = N_("Backprop Stepper")
    VIEWS = VIEWS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.trace: backprop.Trace | None = None
        self.history: list[float] = []       # the loss before each applied update
        self.carried = None                  # gradients left in .grad when they are not zeroed
        self.update_lines: list[str] = []
        self.form = NetworkForm()
        self.network_view = NetworkView()
        self.graph_view = AutogradGraphView()
        self.details = QTextBrowser()
        self.playback = Playback(speeds=(1,), interval_ms=PLAY_INTERVAL_MS)
        self.apply_button = QPushButton()
        self.repeat = QSpinBox()   # how many SGD steps one click takes: watch the loss fall
        self.repeat.setRange(1, 1000)
        self.repeat.setPrefix("× ")
        self.zero_grad = QCheckBox()
        self.zero_grad.setChecked(True)
        self.step_title = QLabel()
        self.formula = QTextBrowser()
        self.check_label = QLabel()
        self.caption = QLabel()
        self.update_title = QLabel()
        self.update_text = QPlainTextEdit()   # scrolls: a 4-layer net changes 200+ numbers
        self.loss_figure = plots.make_layout()
        self.loss_plot = plots.add_plot(self.loss_figure, 0, 0)
        plots.integer_ticks(self.loss_plot)
        self.message = ErrorLine()
        self.tabs = QTabWidget()
        self._build()
        self.form.spec_changed.connect(self._spec_changed)
        self.form.invalid.connect(self.message.show_error)
        self.playback.position_changed.connect(lambda _i: self._show_position())
        self.apply_button.clicked.connect(lambda: self.apply_update(self.repeat.value()))
        self.zero_grad.toggled.connect(self._zero_grad_toggled)
        self.graph_view.node_selected.connect(self._node_selected)
        self.network_view.edge_activated.connect(self._ask_weight)
        self.tabs.currentChanged.connect(lambda _i: self._show_position())
        self.playback.install_shortcuts(self)
        self.retranslate()

    # --- building ----------------------------------------------------------------------------------
    def _build(self) -> None:
        scroll = scrolling_column(self.form)
        left = QVBoxLayout()
        left.addWidget(self.message)
        left.addWidget(scroll, 1)
        left_box = QWidget()
        left_box.setLayout(left)
        left_box.setMinimumWidth(340)   # long loss and preset names still read in full
        left_box.setMaximumWidth(400)

        network_page = QWidget()
        side = QVBoxLayout()
        self.update_title.setStyleSheet("font-weight: bold;")
        self.update_text.setReadOnly(True)
        self.update_text.setFrameShape(QFrame.Shape.NoFrame)
        self.loss_figure.setMinimumSize(190, 180)
        side.addWidget(self.update_title)
        side.addWidget(self.update_text, 1)
        side.addWidget(self.loss_figure, 1)
        side_box = QWidget()
        side_box.setLayout(side)
        side_box.setFixedWidth(210)
        row = QHBoxLayout(network_page)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.network_view, 1)
        row.addWidget(side_box)
        graph_page = QWidget()
        row = QHBoxLayout(graph_page)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.graph_view, 1)
        self.details.setFixedWidth(280)
        row.addWidget(self.details)
        self.tabs.addTab(network_page, "")
        self.tabs.addTab(graph_page, "")

        title_font = QFont()
        title_font.setPointSize(12)
        title_font.setBold(True)
        self.step_title.setFont(title_font)
        formula_font = QFont()
        formula_font.setPointSize(FORMULA_PT)
        self.formula.setFont(formula_font)
        self.formula.setFixedHeight(150)
        self.caption.setWordWrap(True)
        update_row = QHBoxLayout()
        update_row.addWidget(self.apply_button)
        update_row.addWidget(self.repeat)
        update_row.addWidget(self.zero_grad)
        update_row.addWidget(self.caption, 1)
        right = QVBoxLayout()
        right.addWidget(self.tabs, 1)
        right.addWidget(self.step_title)
        right.addWidget(self.formula)
        right.addWidget(self.check_label)
        right.addWidget(self.playback)
        right.addLayout(update_row)
        layout = QHBoxLayout(self)
        layout.addWidget(left_box)
        layout.addLayout(right, 1)

    # --- Panel ---------------------------------------------------------------------------------------
    def recompute(self) -> None:
        """Compute the step for the form's spec on self.device and show the current frame."""
        try:
            trace = backprop.step(self.form.spec, self.carried, self.device)
        except ValueError as exc:
            self.message.show_error(error_text(exc))
            return
        self.message.clear_error()
        self.trace = trace
        self.playback.set_count(len(trace.steps) + 1)
        self._show_position()
        self.computed.emit(devices.describe(self.device))

    def retranslate(self) -> None:
        self.retranslate_tabs()
        self.form.retranslate()
        self.apply_button.setText(tr("Apply update"))
        self.apply_button.setToolTip(tr("Take the SGD step: w ← w − η·∂E/∂w, then step through the new network"))
        self.repeat.setToolTip(tr("How many SGD steps one click takes"))
        self.zero_grad.setText(tr("Zero gradients between steps"))
        self.zero_grad.setToolTip(tr("optimizer.zero_grad(): untick to see .grad accumulate over steps"))
        self.update_title.setText(tr("Last update (old → new)"))
        self.caption.setText(tr("Edges: blue positive, orange negative, width by |w|; double-click one to type "
                                "its weight. Space plays, → and ← step, Home resets. Hover a unit or an edge "
                                "for all its numbers."))
        self.network_view.set_edit_hint(tr("Double-click to type a new weight"))
        self.loss_figure.setToolTip(tr("The loss before each applied update"))
        self.request_recompute()

    def apply_theme(self, theme) -> None:
        super().apply_theme(theme)
        plots.apply_background(self.loss_figure, theme)
        plots.style_plot(self.loss_plot, theme)

    # --- stepping ------------------------------------------------------------------------------------
    def _show_position(self) -> None:
        if self.trace is None:
            return
        position = self.playback.position()
        step = self.trace.steps[position - 1] if position > 0 else None
        if self.current_view_key() == "network":
            self.network_view.show_state(self.trace, position, self.theme)
        else:
            self.graph_view.show_graph(self.trace.check.graph, step.graph_tags if step else (), self.theme)
            selected = self.graph_view.selected_node()
            if selected is None:
                self.details.setHtml(graph_details.overview(self.zero_grad.isChecked()))
        self._show_step(step)
        self._show_check()
        self._draw_losses()
        text = "\n".join(self.update_lines) if self.update_lines else tr("None yet.")
        if self.update_text.toPlainText() != text:
            self.update_text.setPlainText(text)

    def _show_step(self, step) -> None:
        if step is None:
            self.step_title.setText(tr("Start: input and weights set"))
            self.formula.setHtml("<p>" + html.escape(tr(
                "Press Step ▶ (or →) to compute the forward pass one unit at a time, then the loss, "
                "then the backward pass by the chain rule, then the SGD update.")) + "</p>")
            return
        title = tr(step.title_template).format(**step.title_values)
        self.step_title.setText(title)
        notes, rows = [], []
        for formula, plugged in step.lines:
            note = backprop.GRAD_ACCUMULATED
            if note in formula:   # a sentence: above the table, not widening its formula column
                formula = formula.replace(note, "").rstrip()
                notes.append(f"<p><i>{html.escape(tr(note))}</i></p>")
            rows.append(f"<tr><td style='padding-right:14px'>{_breaks_before_equals(_translate_notes(formula))}</td>"
                        f"<td>{_breaks_before_equals(plugged)}</td></tr>")
        self.formula.setHtml("".join(notes) + f"<table style='font-size:{FORMULA_PT}pt'>{''.join(rows)}</table>")

    def _show_check(self) -> None:
        check = self.trace.check
        if check.agrees:
            text = tr("✓ The chain rule agrees with torch.autograd: largest relative difference {0} "
                      "(tolerance {1}, {2})").format(f"{check.max_difference:.1e}", f"{check.tolerance:g}", check.dtype)
            colour = "#1a8a3a" if self.theme.name == "light" else "#52c46e"   # legible on the dark window too
        else:
            text = tr("✗ The chain rule and torch.autograd differ: largest relative difference {0}").format(
                f"{check.max_difference:.1e}")
            colour = "#d03030"
        self.check_label.setText(text)
        self.check_label.setStyleSheet(f"color: {colour}; font-weight: bold;")

    def _draw_losses(self) -> None:
        self.loss_plot.clear()
        values = [*self.history, self.trace.loss]
        x = np.arange(len(values), dtype=float)
        self.loss_plot.plot(x, np.asarray(values), pen=plots.curve_pen(self.theme, 0), symbol="o", symbolSize=6,
                            symbolBrush=self.theme.curves[0])
        plots.set_labels(self.loss_plot, tr("update"), "E", self.theme)
        self.loss_plot.setXRange(0, max(len(values) - 1, 1), padding=0.05)
        low, high = min(0.0, min(values)), max(0.0, max(values))
        self.loss_plot.setYRange(low, high if high > low else low + 1, padding=0.08)

    def apply_update(self, times: int = 1) -> None:
        """The SGD step (`times` of them): the network takes its new weights; stepping starts again."""
        if self.trace is None or self.message.isVisible():
            return
        first = before = trace = self.trace
        applied, carried, error = [], self.carried, None
        for _ in range(times):
            kept = None if self.zero_grad.isChecked() else (trace.used_weight_grads, trace.used_bias_grads)
            try:
                following = backprop.step(trace.next_spec(), kept, self.device)
            except ValueError as exc:   # SGD diverged (too large a rate): stop at the last good network
                error = exc
                break
            applied.append(trace.loss)
            before, trace, carried = trace, following, kept
        if applied:
            self.history += applied
            self.carried = carried
            self.update_lines = format_update(first, before)
            # The weights are no longer the preset's: say so, so choosing the preset again restores it.
            self.form.set_spec(trace.spec, CUSTOM)
            self.recompute()
            self.playback.reset()
        if error is not None:
            self.message.show_error(tr("SGD stopped after {0} updates: {1}").format(len(applied), error_text(error)))

    def _ask_weight(self, key: tuple) -> None:
        layer, j, i = key
        spec = self.form.spec
        name = backprop.weight_name(spec, layer, j, i)
        value, ok = QInputDialog.getDouble(self, tr("Edit weight"), tr("New value of {0}:").format(name),
                                           spec.weights[layer - 1][j][i], -1000.0, 1000.0, 4)
        if ok:
            self.set_weight(key, value)

    def set_weight(self, key: tuple, value: float) -> None:
        """Type one weight in: a new network, stepped from the start."""
        layer, j, i = key
        weights = [[list(row) for row in w] for w in self.form.spec.weights]
        weights[layer - 1][j][i] = value
        self.form.accept(self.form.spec.with_parameters(weights, self.form.spec.biases))

    def _zero_grad_toggled(self, checked: bool) -> None:
        if checked and self.carried is not None:
            self.carried = None
            self.recompute()
        else:
            self._show_position()

    def _spec_changed(self, _spec) -> None:
        """A new network from the form: its own loss curve and fresh gradients."""
        self.history, self.carried, self.update_lines = [], None, []
        self.playback.reset()
        self.request_recompute()

    def load_spec(self, spec: network.NetworkSpec) -> None:
        """Step through `spec` (from the Training panel: its weights, one sample and its label)."""
        self.form.set_spec(spec, CUSTOM)
        self._spec_changed(spec)

    def _node_selected(self, node_id: int) -> None:
        graph = self.trace.check.graph
        self.details.setHtml(graph_details.describe(graph, graph.node(node_id), self.zero_grad.isChecked()))

    # --- state and export --------------------------------------------------------------------------------
    def state(self) -> dict:
        return {"spec": self.form.spec.to_dict(), "preset": self.form.preset.currentData(),
                "seed": self.form.seed.value(), "view": self.current_view_key(),
                "zero_grad": self.zero_grad.isChecked()}

    def set_state(self, state: dict) -> None:
        seed = state.get("seed")
        if isinstance(seed, int) and not isinstance(seed, bool) and 0 <= seed <= self.form.seed.maximum():
            self.form.seed.blockSignals(True)
            self.form.seed.setValue(seed)
            self.form.seed.blockSignals(False)
        spec = state.get("spec")
        if isinstance(spec, dict):
            try:
                restored = network.from_dict(spec)
            except (ValueError, TypeError):
                restored = None   # an older or hand-edited settings file: keep the default
            if restored is not None and restored.depth <= 4 and max(restored.layers) <= 8:
                preset = state.get("preset")
                self.form.set_spec(restored, preset if preset in [self.form.preset.itemData(i) for i in
                                                                  range(self.form.preset.count())] else None)
        if isinstance(state.get("zero_grad"), bool):
            self.zero_grad.setChecked(state["zero_grad"])
        if state.get("view") in [k for k, _ in VIEWS]:
            self.show_view(state["view"])
        self.request_recompute()

    def export_formats(self) -> list[str]:
        return ["png", "svg", "md", "tex", "json"]

    def export(self, path: str) -> None:
        if self.message.isVisible():   # what is drawn is the last good network, not what is typed
            raise ValueError(tr("Fix the input first: {0}").format(self.message.text()))
        if self.trace is None:
            self.recompute()
        ext = Path(path).suffix.lower()
        if ext == ".md":
            files.write_text(path, worked_example.markdown(self.trace))
        elif ext == ".tex":
            files.write_text(path, worked_example.latex(self.trace))
        elif ext == ".json":
            files.write_text(path, self.form.spec.to_json())
        else:
            view = self.network_view if self.current_view_key() == "network" else self.graph_view
            if not view.scene().items():   # the other tab has not been drawn yet
                self._show_position()
            export_scene(view.scene(), path, self.theme.plot_background)


def _translate_notes(formula: str) -> str:
    for note in backprop.FORMULA_NOTES:
        formula = formula.replace(note, tr(note))
    return formula


def _breaks_before_equals(plugged: str) -> str:
    """A formula or its numbers as rich text that wraps only before an "=" or a "+": never inside a product,
    never with the result alone after a dangling "=" at the end of a line."""
    pieces = [html.escape(piece).replace(" ", "&nbsp;").replace("&nbsp;+&nbsp;", " +&nbsp;")
              for piece in plugged.split(" = ")]
    return " =&nbsp;".join(pieces)


def format_update(first: backprop.Trace, last: backprop.Trace | None = None) -> list[str]:
    """'w₅: 0.4 → 0.358916' for every weight and bias, from before `first` to after `last`."""
    last = last or first
    spec, lines = first.spec, []
    for k, (a, b) in enumerate(zip(first.layers, last.layers), 1):
        for j in range(a.weight.shape[0]):
            for i in range(a.weight.shape[1]):
                lines.append(f"{backprop.weight_name(spec, k, j, i)}: {fmt(a.weight[j, i])} → {fmt(b.new_weight[j, i])}")
        for j in range(len(a.bias)):
            lines.append(f"{backprop.bias_name(spec, k, j)}: {fmt(a.bias[j])} → {fmt(b.new_bias[j])}")
    return lines


if __name__ == "__main__":
    from widgets.application import preview
    preview(BackpropPanel)
