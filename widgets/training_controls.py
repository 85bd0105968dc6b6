"""The Training panel's controls: data, model, optimizer and seed, as a TrainConfig.

Changes that make a new model or new data (dataset, noise, split, layers, neurons, activation,
loss, seed) emit `restart`; the optimizer, learning rate and batch size emit `live_changed` and
apply from the next epoch, as TensorFlow Playground does (a caption says so).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import datasets, optimizers, training
from widgets.i18n import N_, tr

LOSS_LABELS = {"mse": N_("Mean squared error (MSE)"), "bce": N_("Binary cross-entropy (BCE)"),
               "cross_entropy": N_("Cross-entropy (softmax)")}
ACTIVATION_LABELS = {"tanh": "Tanh", "relu": "ReLU", "sigmoid": "Sigmoid", "identity": N_("Identity (linear)")}


class TrainingControls(QWidget):
    restart = Signal()        # the model or the data changed: training starts again
    live_changed = Signal()   # optimizer, learning rate or batch size: from the next epoch

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dataset = QComboBox()
        for info in datasets.CATALOG.values():
            self.dataset.addItem("", info.name)
        self.noise = QDoubleSpinBox()
        self.noise.setRange(0.0, datasets.MAX_NOISE)
        self.noise.setSingleStep(0.05)
        self.noise.setDecimals(2)
        self.test_percent = QSpinBox()
        self.test_percent.setRange(int(datasets.MIN_TEST * 100), int(datasets.MAX_TEST * 100))
        self.test_percent.setSuffix(" %")
        self.test_percent.setValue(30)
        self.samples = QSpinBox()
        self.samples.setRange(datasets.MIN_SAMPLES, 1000)
        self.samples.setSingleStep(50)
        self.samples.setValue(300)
        self.layers = QSpinBox()
        self.layers.setRange(0, training.MAX_HIDDEN_LAYERS)
        self.layers.setValue(2)
        self.neurons = [QSpinBox() for _ in range(training.MAX_HIDDEN_LAYERS)]
        for box in self.neurons:
            box.setRange(1, training.MAX_NEURONS)
            box.setValue(4)
        self.activation = QComboBox()
        for name in training.HIDDEN_ACTIVATIONS:
            self.activation.addItem("", name)
        self.loss = QComboBox()
        self.loss_note = QLabel()
        self.loss_note.setWordWrap(True)
        self.optimizer = QComboBox()
        for spec in optimizers.OPTIMIZERS.values():
            self.optimizer.addItem(spec.label, spec.name)
        self.lr = QDoubleSpinBox()
        self.lr.setDecimals(4)
        self.lr.setRange(0.0001, 10.0)
        self.lr.setSingleStep(0.01)
        self.lr.setValue(0.3)
        self.batch = QSpinBox()
        self.batch.setRange(1, 1000)
        self.batch.setValue(10)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.live_note = QLabel()
        self.live_note.setWordWrap(True)
        self.data_box, self.model_box, self.optimizer_box = QGroupBox(), QGroupBox(), QGroupBox()
        self.labels: dict[str, QLabel] = {}
        self._build()
        self.set_config(training.TrainConfig())
        for box in (self.dataset,):
            box.currentIndexChanged.connect(lambda _i: self._dataset_changed())
        for box in (self.activation, self.loss):
            box.currentIndexChanged.connect(lambda _i: self.restart.emit())
        for spin in (self.noise, self.test_percent, self.samples, self.seed, *self.neurons):
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(lambda _v: self.restart.emit())
        self.layers.valueChanged.connect(lambda _v: (self._neurons_enabled(), self.restart.emit()))
        self.optimizer.currentIndexChanged.connect(lambda _i: self.live_changed.emit())
        for spin in (self.lr, self.batch):
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(lambda _v: self.live_changed.emit())
        self.retranslate()

    def _build(self) -> None:
        data = QFormLayout(self.data_box)
        self._row(data, "dataset", self.dataset)
        self._row(data, "noise", self.noise)
        self._row(data, "test", self.test_percent)
        self._row(data, "samples", self.samples)
        self._row(data, "seed", self.seed)
        model = QFormLayout()
        self._row(model, "layers", self.layers)
        neurons = QHBoxLayout()
        for box in self.neurons:
            neurons.addWidget(box)
        holder = QWidget()
        holder.setLayout(neurons)
        neurons.setContentsMargins(0, 0, 0, 0)
        self._row(model, "neurons", holder)
        self._row(model, "activation", self.activation)
        self._row(model, "loss", self.loss)
        _stack(self.model_box, model, self.loss_note)
        opt = QFormLayout()
        self._row(opt, "optimizer", self.optimizer)
        self._row(opt, "lr", self.lr)
        self._row(opt, "batch", self.batch)
        _stack(self.optimizer_box, opt, self.live_note)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        for box in (self.data_box, self.model_box, self.optimizer_box):
            column.addWidget(box)
        column.addStretch(1)

    def _row(self, form: QFormLayout, key: str, widget: QWidget) -> None:
        label = QLabel()
        self.labels[key] = label
        form.addRow(label, widget)

    # --- keeping the choices consistent ---------------------------------------------------------------
    def _fill_losses(self) -> None:
        """Offer only the losses that fit the dataset, and say which output each one implies."""
        name = self.dataset.currentData()
        kind = datasets.get(name).kind
        current = self.loss.currentData()
        self.loss.blockSignals(True)
        self.loss.clear()
        for loss in training.LOSSES_FOR[kind]:
            self.loss.addItem(tr(LOSS_LABELS[loss]), loss)
        index = self.loss.findData(current)
        self.loss.setCurrentIndex(max(index, 0))
        self.loss.blockSignals(False)
        self._loss_note()

    def _loss_note(self) -> None:
        kind = datasets.get(self.dataset.currentData()).kind
        notes = {datasets.REGRESSION: N_("Regression: one output, no activation (identity), MSE. With no hidden "
                                         "layer this is linear regression."),
                 datasets.BINARY: N_("Two classes: one sigmoid output. With no hidden layer and BCE this is "
                                     "logistic regression."),
                 datasets.MULTICLASS: N_("Several classes: one output per class (logits) and cross-entropy, "
                                         "which applies the softmax itself.")}
        self.loss_note.setText(tr(notes[kind]))

    def _dataset_changed(self) -> None:
        info = datasets.get(self.dataset.currentData())
        self.noise.blockSignals(True)
        self.noise.setValue(info.default_noise)
        self.noise.blockSignals(False)
        if info.kind == datasets.REGRESSION and self.layers.value():
            self.layers.blockSignals(True)
            self.layers.setValue(0)   # the course starts with linear regression: no hidden layer
            self.layers.blockSignals(False)
            self._neurons_enabled()
        self._fill_losses()
        self.restart.emit()

    def _neurons_enabled(self) -> None:
        for k, box in enumerate(self.neurons):
            box.setEnabled(k < self.layers.value())
        self.activation.setEnabled(self.layers.value() > 0)   # no hidden layer: nothing for it to act on

    # --- the config ---------------------------------------------------------------------------------
    def config(self) -> training.TrainConfig:
        data = datasets.DataConfig(name=self.dataset.currentData(), noise=round(self.noise.value(), 4),
                                   test_fraction=self.test_percent.value() / 100, samples=self.samples.value(),
                                   seed=self.seed.value())
        return training.TrainConfig(
            data=data, hidden=tuple(box.value() for box in self.neurons[:self.layers.value()]),
            activation=self.activation.currentData(), loss=self.loss.currentData(),
            optimizer=self.optimizer.currentData(), lr=float(self.lr.value()), batch_size=self.batch.value())

    def set_config(self, config: training.TrainConfig) -> None:
        """Show `config` in the controls without emitting anything."""
        widgets = [self.dataset, self.noise, self.test_percent, self.samples, self.seed, self.layers, *self.neurons,
                   self.activation, self.loss, self.optimizer, self.lr, self.batch]
        for w in widgets:
            w.blockSignals(True)
        self.dataset.setCurrentIndex(self.dataset.findData(config.data.name))
        self.noise.setValue(config.data.noise)
        self.test_percent.setValue(round(config.data.test_fraction * 100))
        self.samples.setValue(config.data.samples)
        self.seed.setValue(config.data.seed)
        self.layers.setValue(len(config.hidden))
        for box, n in zip(self.neurons, config.hidden):
            box.setValue(n)
        self.activation.setCurrentIndex(self.activation.findData(config.activation))
        self._fill_losses()
        self.loss.setCurrentIndex(self.loss.findData(config.loss))
        self.optimizer.setCurrentIndex(self.optimizer.findData(config.optimizer))
        self.lr.setValue(config.lr)
        self.batch.setValue(config.batch_size)
        for w in widgets:
            w.blockSignals(False)
        self._neurons_enabled()

    def retranslate(self) -> None:
        for index, info in enumerate(datasets.CATALOG.values()):
            self.dataset.setItemText(index, tr(info.label))
        self.dataset.setToolTip(tr(datasets.get(self.dataset.currentData()).description))
        for index, name in enumerate(training.HIDDEN_ACTIVATIONS):
            self.activation.setItemText(index, tr(ACTIVATION_LABELS[name]))
        for index in range(self.loss.count()):
            self.loss.setItemText(index, tr(LOSS_LABELS[self.loss.itemData(index)]))
        for index in range(self.optimizer.count()):
            self.optimizer.setItemText(index, tr(optimizers.get(self.optimizer.itemData(index)).label))
        self.data_box.setTitle(tr("Data"))
        self.model_box.setTitle(tr("Model"))
        self.optimizer_box.setTitle(tr("Optimizer"))
        texts = {"dataset": tr("Dataset"), "noise": tr("Noise"), "test": tr("Test share"),
                 "samples": tr("Points"), "seed": tr("Seed"), "layers": tr("Hidden layers"),
                 "neurons": tr("Neurons per layer"), "activation": tr("Activation"), "loss": tr("Loss"),
                 "optimizer": tr("Optimizer"), "lr": tr("Learning rate"), "batch": tr("Batch size")}
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.seed.setToolTip(tr("Seeds the data, the initial weights and the shuffling: the same seed, the same run"))
        self.live_note.setText(tr("Optimizer, learning rate and batch size apply from the next epoch; "
                                  "any other change starts training again."))
        self._loss_note()


def _stack(box: QGroupBox, form: QFormLayout, note: QLabel) -> None:
    """The box's rows, then its note below them. (As a row of the form itself, a note that grew from
    two lines to three kept two lines' height and its text spilled over the row above.)"""
    column = QVBoxLayout(box)
    column.addLayout(form)
    column.addWidget(note)
