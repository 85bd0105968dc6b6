"""The arena's controls: surface, racers (optimizer + hyperparameters), start points, steps, presets.

They turn what is typed into an app.arena.ArenaConfig; the catalog decides which editors an
optimizer gets, so a new catalog entry needs no change here.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from app import arena, optimizers, surfaces, trajectories
from app.arena import ArenaConfig, Racer
from widgets.i18n import N_, tr

MODE_TEXT = {"both": N_("3-D and map"), "3d": N_("3-D only"), "contour": N_("Map only")}


class HyperEditor(QWidget):
    """An editor for one hyperparameter, of the kind the catalog gives."""

    def __init__(self, hyper: optimizers.Hyper, default: object) -> None:
        super().__init__()
        self.hyper = hyper
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.fields: list = []
        if hyper.kind == optimizers.BOOL:
            box = QCheckBox()
            box.setChecked(bool(default))
            self.fields.append(box)
        else:
            values = default if hyper.kind == optimizers.TUPLE else (default,)
            for value in values:
                spin = QSpinBox() if hyper.kind == optimizers.INT else QDoubleSpinBox()
                if hyper.kind != optimizers.INT:
                    spin.setDecimals(10 if hyper.log else 4)
                    spin.setMaximumWidth(130)
                    spin.setSingleStep(0.01)
                spin.setRange(hyper.minimum, hyper.maximum)
                spin.setKeyboardTracking(False)
                spin.setValue(value)
                self.fields.append(spin)
        for field in self.fields:
            layout.addWidget(field)

    def value(self) -> object:
        if self.hyper.kind == optimizers.BOOL:
            return self.fields[0].isChecked()
        if self.hyper.kind == optimizers.TUPLE:
            return tuple(f.value() for f in self.fields)
        return self.fields[0].value()


class ArenaControls(QWidget):
    changed = Signal()            # the race changed: compute again
    display_changed = Signal()    # only how it is drawn changed (height scale, which views)
    invalid = Signal(str)         # what is wrong with the input, translated

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.config = ArenaConfig()
        # Surface
        self.surface_box = QComboBox()
        for surface in surfaces.SURFACES.values():
            self.surface_box.addItem("", surface.name)
        self.surface_box.addItem("", surfaces.CUSTOM)
        self.expression = QLineEdit()
        self.expression.setPlaceholderText("(x**2 + y - 11)**2 + (x + y**2 - 7)**2")
        self.formula = QLabel()
        self.formula.setWordWrap(True)
        self.log_height = QCheckBox()
        self.log_height.setChecked(True)
        self.mode_box = QComboBox()
        for mode in MODE_TEXT:
            self.mode_box.addItem("", mode)
        self.surface_group = QGroupBox()
        form = QFormLayout(self.surface_group)
        self.surface_label, self.expression_label, self.mode_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.surface_label, self.surface_box)
        form.addRow(self.expression_label, self.expression)
        form.addRow(self.formula)
        form.addRow(self.log_height)
        form.addRow(self.mode_label, self.mode_box)
        # Racers
        self.optimizer_box = QComboBox()
        for spec in optimizers.OPTIMIZERS.values():
            self.optimizer_box.addItem(spec.label, spec.name)
        self.rates = QLineEdit("0.001")
        self.hyper_form = QFormLayout()
        self.editors: dict[str, HyperEditor] = {}
        self.hyper_labels: dict[str, QLabel] = {}
        self.add_button = QPushButton()
        self.racer_list = QListWidget()
        self.racer_list.setMaximumHeight(90)
        self.remove_button = QPushButton()
        # The race's racers first; below, in its own frame, the form for a new one: a form reading
        # "Optimizer: SGD" above a list holding Adam looked like the race's own setting.
        self.racer_group = QGroupBox()
        racer_layout = QVBoxLayout(self.racer_group)
        racer_layout.addWidget(self.racer_list)
        racer_layout.addWidget(self.remove_button)
        self.new_racer_group = QGroupBox()
        new_layout = QVBoxLayout(self.new_racer_group)
        top = QFormLayout()
        self.optimizer_label, self.rates_label = QLabel(), QLabel()
        top.addRow(self.optimizer_label, self.optimizer_box)
        top.addRow(self.rates_label, self.rates)
        new_layout.addLayout(top)
        new_layout.addLayout(self.hyper_form)
        new_layout.addWidget(self.add_button)
        racer_layout.addWidget(self.new_racer_group)
        # Starts and steps
        self.starts = QLineEdit(arena.format_starts(self.config.starts))
        self.starts_hint = QLabel()
        self.starts_hint.setWordWrap(True)
        self.steps = QSpinBox()
        self.steps.setRange(1, trajectories.MAX_STEPS)
        self.steps.setSingleStep(1000)
        self.steps.setKeyboardTracking(False)
        self.steps.setValue(self.config.steps)
        self.dtype_box = QComboBox()
        for dtype in trajectories.DTYPES:
            self.dtype_box.addItem(dtype, dtype)
        self.run_group = QGroupBox()
        run_form = QFormLayout(self.run_group)
        self.starts_label, self.steps_label, self.dtype_label = QLabel(), QLabel(), QLabel()
        run_form.addRow(self.starts_label, self.starts)
        run_form.addRow(self.starts_hint)
        run_form.addRow(self.steps_label, self.steps)
        run_form.addRow(self.dtype_label, self.dtype_box)
        # Presets
        self.course_button = QPushButton()
        self.compare_button = QPushButton()
        for box in (self.surface_box, self.mode_box, self.optimizer_box, self.dtype_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(10)
        self.expression.setMinimumWidth(120)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.course_button)
        layout.addWidget(self.compare_button)
        layout.addWidget(self.surface_group)
        layout.addWidget(self.racer_group)
        layout.addWidget(self.run_group)
        layout.addStretch(1)
        self._build_editors()
        self._show_config()
        self.surface_box.currentIndexChanged.connect(self._surface_changed)
        self.expression.editingFinished.connect(self._read)
        self.log_height.toggled.connect(lambda _on: self.display_changed.emit())
        self.mode_box.currentIndexChanged.connect(lambda _i: self.display_changed.emit())
        self.optimizer_box.currentIndexChanged.connect(lambda _i: self._build_editors())
        self.add_button.clicked.connect(self.add_racers)
        self.remove_button.clicked.connect(self.remove_racer)
        self.starts.editingFinished.connect(self._read)
        self.steps.valueChanged.connect(lambda _v: self._read())
        self.dtype_box.currentIndexChanged.connect(lambda _i: self._read())
        self.course_button.clicked.connect(lambda: self.apply_preset("course"))
        self.compare_button.clicked.connect(lambda: self.apply_preset("sgd_vs_adam"))
        self.retranslate()

    # --- the config ---------------------------------------------------------------------------
    def mode(self) -> str:
        return self.mode_box.currentData()

    def apply_preset(self, name: str) -> None:
        self.set_config(arena.PRESETS[name])

    def set_config(self, config: ArenaConfig) -> None:
        """Show `config` in the controls and announce it (one `changed`)."""
        self.config = config
        self._show_config()
        self.changed.emit()

    def add_start(self, x: float, y: float) -> None:
        self.set_config(arena.with_start(self.config, (round(x, 3), round(y, 3))))

    def add_racers(self) -> None:
        """The chosen optimizer with these settings, once per learning rate typed."""
        try:
            rates = arena.parse_rates(self.rates.text())
            name = self.optimizer_box.currentData()
            spec = optimizers.get(name)
            values = {key: editor.value() for key, editor in self.editors.items()}
            racers = []
            for lr in rates:
                hypers = dict(values, lr=lr)
                spec.settings(hypers)   # refuse a bad combination now, not in the worker
                defaults = spec.defaults()
                racers.append(Racer(name, tuple((k, v) for k, v in hypers.items() if k == "lr" or v != defaults[k])))
        except ValueError as exc:
            self.invalid.emit(_text(exc))
            return
        self.set_config(replace(self.config, racers=tuple(dict.fromkeys(self.config.racers + tuple(racers)))))

    def remove_racer(self) -> None:
        row = self.racer_list.currentRow()
        if row < 0 and self.config.racers:
            row = len(self.config.racers) - 1
        if 0 <= row < len(self.config.racers) and len(self.config.racers) > 1:
            racers = self.config.racers[:row] + self.config.racers[row + 1:]
            self.set_config(replace(self.config, racers=racers))

    def _read(self) -> None:
        """Controls -> config; a bad start list or expression is reported, the last good race stays."""
        try:
            starts = arena.parse_starts(self.starts.text())
        except ValueError as exc:
            self.invalid.emit(_text(exc))
            return
        config = replace(self.config, surface=self.surface_box.currentData(), expression=self.expression.text(),
                         starts=starts, steps=self.steps.value(), dtype=self.dtype_box.currentData())
        if config != self.config:
            self.config = config
            self.changed.emit()

    def _surface_changed(self) -> None:
        custom = self.surface_box.currentData() == surfaces.CUSTOM
        self.expression.setEnabled(custom)
        if custom and not self.expression.text().strip():
            self.expression.setText("x**2 + 3*sin(y)**2")
        self._show_formula()
        self._read()

    def _show_config(self) -> None:
        c = self.config
        for widget in (self.surface_box, self.expression, self.starts, self.steps, self.dtype_box):
            widget.blockSignals(True)
        self.surface_box.setCurrentIndex(max(0, self.surface_box.findData(c.surface)))
        self.expression.setText(c.expression)
        self.expression.setEnabled(c.surface == surfaces.CUSTOM)
        self.starts.setText(arena.format_starts(c.starts))
        self.steps.setValue(c.steps)
        self.dtype_box.setCurrentIndex(max(0, self.dtype_box.findData(c.dtype)))
        for widget in (self.surface_box, self.expression, self.starts, self.steps, self.dtype_box):
            widget.blockSignals(False)
        self.racer_list.clear()
        for racer in c.racers:
            self.racer_list.addItem(trajectories.RunSpec(racer.optimizer, (0.0, 0.0), racer.hypers).label())
        if c.surface != surfaces.CUSTOM:
            self.log_height.setChecked(surfaces.get(c.surface).log_height)
        self._show_formula()

    def _show_formula(self) -> None:
        name = self.surface_box.currentData()
        if name == surfaces.CUSTOM:
            self.formula.setText(tr("Allowed: x, y, numbers, + − * / **, and sin, cos, exp, log, sqrt, abs, "
                                    "tanh, ... written sin(x) or torch.sin(x); pi and e."))
        else:
            surface = surfaces.get(name)
            self.formula.setText(f"{surface.formula}\n{tr(surface.description)}")

    def _build_editors(self) -> None:
        while self.hyper_form.rowCount():
            self.hyper_form.removeRow(0)
        self.editors, self.hyper_labels = {}, {}
        spec = optimizers.get(self.optimizer_box.currentData())
        defaults = spec.defaults()
        for hyper in spec.hypers:
            if hyper.name == "lr":
                continue   # the learning-rate field above takes a list
            editor = HyperEditor(hyper, defaults[hyper.name])
            label = QLabel()
            self.editors[hyper.name], self.hyper_labels[hyper.name] = editor, label
            self.hyper_form.addRow(label, editor)
        self.rates.setText(f"{defaults['lr']:g}")
        self._retranslate_editors()

    # --- text ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.course_button.setText(tr("Course experiment: Adam from 4 starts"))
        self.course_button.setToolTip(tr("Adam, lr 0.001, from (−4, 0), (4, 0), (0, 0) and (1, 0), "
                                         "20,000 steps on Himmelblau's function"))
        self.compare_button.setText(tr("Why Adam and SGD differ"))
        self.compare_button.setToolTip(tr("SGD, SGD with momentum and Adam on a bowl 50 times more curved "
                                          "along y than along x"))
        self.surface_group.setTitle(tr("Surface"))
        self.surface_label.setText(tr("f(x, y)"))
        for index in range(self.surface_box.count()):
            name = self.surface_box.itemData(index)
            self.surface_box.setItemText(index, tr("Custom f(x, y)") if name == surfaces.CUSTOM
                                         else tr(surfaces.get(name).label))
        self.expression_label.setText(tr("Formula"))
        self.log_height.setText(tr("Log-scaled height"))
        self.log_height.setToolTip(tr("Draw log₁₀(1 + f − min f): flattens high walls so the valleys show"))
        self.mode_label.setText(tr("Show"))
        for index in range(self.mode_box.count()):
            self.mode_box.setItemText(index, tr(MODE_TEXT[self.mode_box.itemData(index)]))
        self.racer_group.setTitle(tr("Racers"))
        self.new_racer_group.setTitle(tr("Add a racer"))
        self.optimizer_label.setText(tr("Optimizer"))
        self.rates_label.setText(tr("Learning rates"))
        self.rates.setToolTip(tr("One or more, separated by commas: one racer each"))
        self.add_button.setText(tr("Add to the race"))
        self.remove_button.setText(tr("Remove selected racer"))
        self.run_group.setTitle(tr("Start points and steps"))
        self.starts_label.setText(tr("Starts"))
        self.starts.setToolTip(tr("x, y pairs separated by semicolons, e.g. -4, 0; 4, 0"))
        self.starts_hint.setText(tr("Click the map to add a start point."))
        self.steps_label.setText(tr("Steps"))
        self.dtype_label.setText(tr("dtype"))
        self._retranslate_editors()
        self._show_formula()

    def _retranslate_editors(self) -> None:
        for name, label in self.hyper_labels.items():
            hyper = self.editors[name].hyper
            label.setText(tr(hyper.label))
            if hyper.help:
                label.setToolTip(tr(hyper.help))
                self.editors[name].setToolTip(tr(hyper.help))
        spec = optimizers.get(self.optimizer_box.currentData())
        self.optimizer_box.setToolTip(tr(spec.description))


def _text(exc: Exception) -> str:
    from widgets.i18n import error_text
    return error_text(exc)
