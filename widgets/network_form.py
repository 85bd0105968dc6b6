"""The stepper's controls: a preset, layer sizes, activations, loss, weights (random or typed), input and target.

Every change builds a new app.network.NetworkSpec through `network.from_dict` (which validates);
the form emits it, or emits the translated error and keeps the last good spec.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import activations, network
from app.network import NetworkSpec
from widgets.i18n import N_, error_text, tr

CUSTOM = "custom"
PANEL_MAX_UNITS = 8
PANEL_MAX_LAYERS = 4   # Linear layers


def _numbers_text(values) -> str:
    """Short where that is exact (0.5, 2), every digit otherwise: reading the text back never changes a value."""
    return ", ".join(f"{v:g}" if float(f"{v:g}") == v else repr(float(v)) for v in values)


class NetworkForm(QWidget):
    spec_changed = Signal(object)   # a valid NetworkSpec
    invalid = Signal(str)           # what is wrong, translated

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec: NetworkSpec = network.MAZUR
        self.preset = QComboBox()
        for key in (network.MAZUR_KEY, *network.PRESETS, CUSTOM):
            self.preset.addItem("", key)
        self.layers = QLineEdit()
        self.hidden = QComboBox()
        self.output = QComboBox()
        for box in (self.hidden, self.output):
            for name in network.activation_names():
                box.addItem("", name)
        self.loss = QComboBox()
        for key in network.LOSSES:
            self.loss.addItem("", key)
        self.seed = QSpinBox()
        self.seed.setRange(0, 99_999)
        self.seed.setMaximumWidth(110)
        self.random_button = QPushButton()
        self.input = QLineEdit()
        self.target = QLineEdit()
        self.lr = QDoubleSpinBox()
        self.lr.setDecimals(4)
        self.lr.setRange(0.0, 100.0)   # what a spec allows
        self.lr.setSingleStep(0.05)
        self.lr.setKeyboardTracking(False)
        self.dtype = QComboBox()
        for name in network.DTYPES:
            self.dtype.addItem(name, name)
        self.update_biases = QCheckBox()
        self.json_edit = QPlainTextEdit()
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.json_edit.setFont(mono)
        self.json_edit.setMinimumHeight(160)
        self.json_button = QPushButton()
        for box in (self.preset, self.hidden, self.output, self.loss, self.dtype):
            # Long (Chinese) names must not widen the form past its scroll area.
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(8)
        self.labels = {k: QLabel() for k in ("preset", "layers", "hidden", "output", "loss", "seed", "input",
                                             "target", "lr", "dtype", "json")}
        form = QFormLayout()
        for key, field in (("preset", self.preset), ("layers", self.layers), ("hidden", self.hidden),
                           ("output", self.output), ("loss", self.loss), ("seed", self.seed)):
            form.addRow(self.labels[key], field)
        # A row of its own: beside the seed it pushed the form past its column in the dark theme.
        form.addRow("", self.random_button)
        for key, field in (("input", self.input), ("target", self.target), ("lr", self.lr), ("dtype", self.dtype)):
            form.addRow(self.labels[key], field)
        form.addRow(self.update_biases)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.labels["json"])
        layout.addWidget(self.json_edit, 1)
        layout.addWidget(self.json_button)
        self.preset.activated.connect(lambda _i: self.choose_preset(self.preset.currentData()))
        for edit in (self.layers, self.input, self.target):
            edit.editingFinished.connect(self._edited)
        for box in (self.hidden, self.output, self.loss, self.dtype):
            box.activated.connect(lambda _i: self._edited())
        self.lr.valueChanged.connect(lambda _v: self._edited())
        self.update_biases.toggled.connect(lambda _c: self._edited())
        self.seed.valueChanged.connect(lambda _v: self._new_weights())
        self.random_button.clicked.connect(lambda: self.seed.setValue(self.seed.value() + 1))
        self.json_button.clicked.connect(self.apply_json)
        self.set_spec(self.spec)
        self.retranslate()

    # --- from the spec to the controls -------------------------------------------------------------
    def set_spec(self, spec: NetworkSpec, preset: str | None = None) -> None:
        """Show `spec` in the controls (no signal)."""
        self.spec = spec
        widgets = (self.preset, self.layers, self.hidden, self.output, self.loss, self.input, self.target,
                   self.lr, self.dtype, self.update_biases, self.seed)
        for w in widgets:
            w.blockSignals(True)
        if preset is not None:
            self.preset.setCurrentIndex(self.preset.findData(preset))
        self.layers.setText(_numbers_text(spec.layers))
        self.hidden.setCurrentIndex(self.hidden.findData(spec.activations[0]))
        self.hidden.setEnabled(spec.depth > 1)
        self.output.setCurrentIndex(self.output.findData(spec.activations[-1]))
        self.loss.setCurrentIndex(self.loss.findData(spec.loss))
        self.input.setText(_numbers_text(spec.input))
        self.target.setText(_numbers_text(spec.target))
        self.target.setEnabled(spec.loss != "none")
        for edit in (self.layers, self.input, self.target):
            edit.setCursorPosition(0)   # a long list shows its start, not its tail
        self.lr.setValue(spec.lr)
        self.dtype.setCurrentIndex(self.dtype.findData(spec.dtype))
        self.update_biases.setChecked(spec.update_biases)
        for w in widgets:
            w.blockSignals(False)
        self.json_edit.setPlainText(spec.to_json())

    def choose_preset(self, key: str) -> None:
        if key == CUSTOM:
            return
        self._emit(network.preset_spec(key, self.seed.value()), key)

    # --- from the controls to a spec -------------------------------------------------------------------
    def _fields(self) -> dict:
        """The spec the controls describe, as JSON-like data (validated by network.from_dict)."""
        data = self.spec.to_dict()
        data.pop("name", None)
        data["layers"] = _parse_list(self.layers.text(), int)
        depth = len(data["layers"]) - 1 if isinstance(data["layers"], list) else 0
        data["activation"] = [self.hidden.currentData()] * max(depth - 1, 0) + [self.output.currentData()]
        data["loss"] = self.loss.currentData()
        data["input"] = _parse_list(self.input.text(), float)
        data["target"] = _parse_list(self.target.text(), float) if data["loss"] != "none" else []
        # The box rounds to its decimals: an untouched box keeps a JSON rate like 1e-5 as it is.
        data["lr"] = self.spec.lr if self.lr.value() == round(self.spec.lr, self.lr.decimals()) else self.lr.value()
        data["dtype"] = self.dtype.currentData()
        data["update_biases"] = self.update_biases.isChecked()
        return data

    def _edited(self) -> None:
        data = self._fields()
        layers = data["layers"]
        if isinstance(layers, list) and (len(layers) - 1 > PANEL_MAX_LAYERS or any(
                isinstance(n, int) and n > PANEL_MAX_UNITS for n in layers)):
            self.invalid.emit(tr("The panel draws up to {0} layers of {1} units; use the step command for more.")
                              .format(PANEL_MAX_LAYERS, PANEL_MAX_UNITS))
            return
        if isinstance(layers, list) and tuple(layers) != self.spec.layers:
            data.pop("weights")   # a new shape: new weights from the seed, input and target resized
            data.pop("biases")
            data["seed"] = self.seed.value()
            data["input"] = _resize(data["input"], layers[0] if layers else 0, 0.5)
            if data["loss"] != "none":
                data["target"] = _resize(data["target"], layers[-1], 0.0)
                if data["loss"] == "cross_entropy" and layers:
                    data["target"] = [1.0] + [0.0] * (layers[-1] - 1)
        elif data["loss"] == "cross_entropy" and self.spec.loss != "cross_entropy" and isinstance(layers, list):
            data["target"] = [1.0] + [0.0] * (layers[-1] - 1)   # a one-hot target to start from
        elif data["loss"] != "none" and self.spec.loss == "none" and isinstance(layers, list):
            data["target"] = [0.0] * layers[-1]   # the field was empty while no loss needed a target
        self._emit_data(data)

    def _new_weights(self) -> None:
        data = self._fields()
        data.pop("weights")
        data.pop("biases")
        data["seed"] = self.seed.value()
        self._emit_data(data)

    def apply_json(self) -> None:
        try:
            spec = network.from_json(self.json_edit.toPlainText())
        except ValueError as exc:
            self.invalid.emit(error_text(exc))
            return
        if spec.depth > PANEL_MAX_LAYERS or max(spec.layers) > PANEL_MAX_UNITS:
            self.invalid.emit(tr("The panel draws up to {0} layers of {1} units; use the step command for more.")
                              .format(PANEL_MAX_LAYERS, PANEL_MAX_UNITS))
            return
        self._emit(spec, CUSTOM)

    def _emit_data(self, data: dict) -> None:
        try:
            spec = network.from_dict(data)
        except ValueError as exc:
            self.invalid.emit(error_text(exc))
            return
        self._emit(spec, CUSTOM)

    def accept(self, spec: NetworkSpec) -> None:
        """A spec edited elsewhere (a weight typed on the drawing): show it and announce it."""
        self._emit(spec, CUSTOM)

    def _emit(self, spec: NetworkSpec, preset: str) -> None:
        self.set_spec(spec, preset)
        self.spec_changed.emit(spec)

    # --- text ------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        names = {network.MAZUR_KEY: network.MAZUR_LABEL, CUSTOM: N_("Custom (edited)"),
                 **{k: p.label for k, p in network.PRESETS.items()}}
        for i in range(self.preset.count()):
            self.preset.setItemText(i, tr(names[self.preset.itemData(i)]))
        for box in (self.hidden, self.output):
            for i in range(box.count()):
                name = box.itemData(i)
                box.setItemText(i, tr(network.IDENTITY_LABEL) if name == network.IDENTITY
                                else tr(activations.get(name).label))
        for i in range(self.loss.count()):
            self.loss.setItemText(i, tr(network.LOSS_LABELS[self.loss.itemData(i)]))
            self.loss.setItemData(i, tr(network.LOSS_FORMULAS[self.loss.itemData(i)]), Qt.ItemDataRole.ToolTipRole)
        texts = {"preset": tr("Network"), "layers": tr("Layer sizes"), "hidden": tr("Hidden activation"),
                 "output": tr("Output activation"), "loss": tr("Loss"), "seed": tr("Seed"),
                 "input": tr("Input x"), "target": tr("Target t"), "lr": tr("Learning rate η"),
                 "dtype": tr("dtype"), "json": tr("Network spec (JSON): type weights here")}
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.layers.setToolTip(tr("Units per layer, input first, e.g. 2, 2, 2 (up to 4 layers of 8)"))
        self.random_button.setText(tr("New random weights"))
        self.random_button.setToolTip(tr("Draw weights as nn.Linear does, U(−1/√in, 1/√in), from the next seed"))
        self.update_biases.setText(tr("Update the biases too"))
        self.update_biases.setToolTip(tr("Mazur's worked example leaves the biases unchanged"))
        self.json_button.setText(tr("Apply JSON"))
        self.json_edit.setToolTip(tr("weights[k][out][in] like nn.Linear.weight; biases[k][out]"))


def _parse_list(text: str, kind) -> object:
    """'2, 2, 2' → [2, 2, 2]; anything unparsable is passed on as text so that from_dict names the field.

    An empty item ('2,,3') is refused rather than dropped: the student meant a number there.
    """
    parts = [p.strip() for p in text.replace("，", ",").replace(";", ",").split(",")]
    if parts and not parts[-1]:
        parts.pop()   # a trailing comma is harmless
    if not all(parts) and text.strip():
        return text
    parts = [p for p in parts if p]
    try:
        return [kind(p) for p in parts]
    except ValueError:
        return text


def _resize(values: object, n: int, fill: float) -> object:
    if not isinstance(values, list):
        return values
    return (values + [fill] * n)[:n]

