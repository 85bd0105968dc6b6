"""The Training panel: train the Stepper's network on 2-D data, live, in real PyTorch.

app/training.py trains; this panel runs its generator on a Worker (off the GUI thread), keeps the
records it yields and redraws at most REDRAW_PERIOD apart (the network drawing less often).
The window only touches the Trainer holding its lock, so it never reads half an epoch.
"""

from __future__ import annotations

import json
import math
import threading
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import checkpoints, devices, files, tables, training, training_code
from widgets.checkpoint_dialog import ask_save_kind
from widgets.controls import ErrorLine, scrolling_column
from widgets.i18n import N_, error_text, tr
from widgets.panel import TabbedPanel
from widgets.throttle import Throttle
from widgets.training_controls import TrainingControls
from widgets.training_view import TrainingView
from widgets.worker import Worker

VIEWS = (("training", N_("Training")), ("code", N_("Code")))
REDRAW_PERIOD = 1 / 30    # curves and map: no faster than the screen shows
NETWORK_PERIOD = 0.25     # the network drawing rebuilds a scene: a few times a second is plenty
SETTLE_EPOCHS = 60        # screenshots show a trained network, not a random one


class TrainingPanel(TabbedPanel):
    key = "training"
    title = N_("Training")
    VIEWS = VIEWS
    step_through = Signal(object)   # a NetworkSpec: open the Backprop Stepper on it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.trainer: training.Trainer | None = None
        self.last: training.Record | None = None
        self.history: list[dict] = []
        self.columns = training.HistoryColumns()   # the history as arrays, for the curves
        self.cancel_event: threading.Event | None = None
        self.controls = TrainingControls()
        self.view = TrainingView()
        self.worker = Worker(self)
        self.throttle = Throttle(self._redraw, REDRAW_PERIOD, parent=self)
        self.network_throttle = Throttle(self._redraw_network, NETWORK_PERIOD, parent=self)
        self.message = ErrorLine()
        self.status = QLabel()
        self.play_button, self.epoch_button, self.batch_button, self.reset_button = (QPushButton() for _ in range(4))
        self.save_button, self.open_button = QPushButton(), QPushButton()
        self.sample = QSpinBox()
        self.sample_label = QLabel()
        self.step_through_button = QPushButton()
        self.code = QPlainTextEdit()
        self.copy_button = QPushButton()
        self.code_note = QLabel()
        self.tabs = QTabWidget()
        self._build()
        self.controls.restart.connect(self.reset)
        self.controls.live_changed.connect(self._live_changed)
        self.worker.partial.connect(self._record)
        self.worker.finished.connect(self._stopped)
        self.worker.failed.connect(self._failed)
        self.play_button.clicked.connect(self.toggle)
        self.epoch_button.clicked.connect(self.step_epoch)
        self.batch_button.clicked.connect(self.step_batch)
        self.reset_button.clicked.connect(self.reset)
        self.save_button.clicked.connect(self._ask_save)
        self.open_button.clicked.connect(self._ask_open)
        self.sample.valueChanged.connect(lambda _v: self._show_chosen())
        self.view.point_clicked.connect(self.sample.setValue)
        self.step_through_button.clicked.connect(self.request_step_through)
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.code.toPlainText()))
        self.tabs.currentChanged.connect(lambda _i: self._show_code())
        for key, action in ((Qt.Key.Key_Space, self.toggle), (Qt.Key.Key_Right, self.step_epoch),
                            (QKeySequence("Ctrl+S"), self._ask_save), (QKeySequence("Ctrl+O"), self._ask_open)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)
        self.retranslate()

    def _build(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.message)
        left.addWidget(scrolling_column(self.controls), 1)
        left_box = QWidget()
        left_box.setLayout(left)
        left_box.setMinimumWidth(330)
        left_box.setMaximumWidth(390)
        buttons = QHBoxLayout()
        for button in (self.reset_button, self.play_button, self.epoch_button, self.batch_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.save_button)
        sample_row = QHBoxLayout()
        sample_row.addWidget(self.sample_label)
        sample_row.addWidget(self.sample)
        sample_row.addWidget(self.step_through_button)
        sample_row.addStretch(1)
        training_page = QWidget()
        page = QVBoxLayout(training_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.view, 1)
        page.addLayout(sample_row)
        code_page = QWidget()
        code_layout = QVBoxLayout(code_page)
        self.code.setReadOnly(True)
        self.code.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(font.pointSize(), 11))
        self.code.setFont(font)
        code_top = QHBoxLayout()
        self.code_note.setWordWrap(True)
        code_top.addWidget(self.code_note, 1)
        code_top.addWidget(self.copy_button)
        code_layout.addLayout(code_top)
        code_layout.addWidget(self.code, 1)
        self.tabs.addTab(training_page, "")
        self.tabs.addTab(code_page, "")
        bold = QFont()
        bold.setBold(True)
        self.status.setFont(bold)
        self.status.setWordWrap(True)   # a long Chinese status line wraps rather than widening the window
        right = QVBoxLayout()
        right.addWidget(self.tabs, 1)
        right.addWidget(self.status)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(left_box)
        layout.addLayout(right, 1)

    # --- Panel ------------------------------------------------------------------------------------------
    def recompute(self) -> None:
        """A fresh run for the controls' settings on self.device (the device or the settings changed)."""
        if self.trainer is None or self.trainer.device != self.device:
            self.reset()
        else:
            self._redraw_all()

    def apply_theme(self, theme) -> None:
        super().apply_theme(theme)
        self.view.apply_theme(theme)
        if self.trainer is not None:
            self.view.show_data(self.trainer.dataset, theme)
            self._redraw_all()

    def hideEvent(self, event) -> None:
        """Another panel shown, or the window closed: stop training (no thread outlives the window)."""
        self.pause()
        super().hideEvent(event)

    def settle(self) -> None:
        """For screenshots: stop, and train a little if nothing has been trained yet."""
        self.pause()
        if self.trainer is None:
            self.reset()
        if self.trainer is not None and self.trainer.epoch == 0:
            for _ in range(SETTLE_EPOCHS):
                self.trainer.run_epoch()
            self._sync()

    # --- running ------------------------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self.worker.is_running()

    def toggle(self) -> None:
        self.pause() if self.is_running() else self.play()

    def play(self) -> None:
        if self.trainer is None or self.is_running() or self.message.isVisible():
            return
        self.cancel_event = cancel = threading.Event()
        trainer = self.trainer
        trainer.diverged = False   # no worker runs: the flag is the window's to clear
        self.worker.start(lambda: training.train(trainer, cancel=cancel))
        self._buttons()

    def pause(self) -> None:
        """Stop after the epoch in progress; what is shown is then exactly the trainer's state."""
        was_running = self.is_running()
        if self.cancel_event is not None:
            self.cancel_event.set()
        self.worker.cancel()
        if was_running and self.trainer is not None:
            with self.trainer.lock:   # waits for an epoch in progress, which then is the last
                self._sync()
        self._buttons()

    def step_epoch(self) -> None:
        """Train to the end of the current epoch (the whole epoch at its start)."""
        self.pause()
        if self.trainer is None or self.message.isVisible():
            return
        with self.trainer.lock:
            self.trainer.diverged = False
            finite = self.trainer.run_epoch()
            self._sync()
        if not finite:
            self._diverged(self.trainer.epoch + 1)

    def step_batch(self) -> None:
        """One optimizer step on the next mini-batch."""
        self.pause()
        if self.trainer is None or self.message.isVisible():
            return
        with self.trainer.lock:
            self.trainer.diverged = False
            loss = self.trainer.step_batch()
            self._sync(batch_loss=loss if math.isfinite(loss) else None)
        if self.trainer.diverged:
            self._diverged(self.trainer.epoch + 1)

    def reset(self) -> None:
        """A new model and data from the controls, at epoch 0."""
        self.pause()
        try:
            trainer = training.Trainer(self.controls.config(), self.device)
        except ValueError as exc:
            self.message.show_error(error_text(exc))
            self._buttons()
            return
        self.message.clear_error()
        self.trainer = trainer
        self.sample.setRange(0, len(trainer.x_train) - 1)
        self.view.apply_theme(self.theme)
        self.view.show_data(trainer.dataset, self.theme)
        self._sync()
        self.computed.emit(devices.describe(self.device))

    def _live_changed(self) -> None:
        if self.trainer is None:
            return
        config = self.controls.config()
        try:
            with self.trainer.lock:
                self.trainer.request(config.optimizer, config.lr, config.batch_size)
        except ValueError as exc:
            self.message.show_error(error_text(exc))
            return
        self.message.clear_error()
        self._show_status()

    def _sync(self, batch_loss: float | None = None) -> None:
        """Show the trainer's state now (the caller holds its lock, or no worker runs)."""
        self.history = [dict(h) for h in self.trainer.history]
        self.last = self.trainer.record(batch_loss=batch_loss)
        self._redraw_all()

    def _record(self, record: training.Record) -> None:
        if not self.history or self.history[-1]["epoch"] < record.epoch:
            self.history.append({"epoch": record.epoch, "train_loss": record.metrics.train_loss,
                                 "test_loss": record.metrics.test_loss, "accuracy": record.metrics.accuracy,
                                 "train_accuracy": record.metrics.train_accuracy})
        boundary = record.boundary or (self.last.boundary if self.last is not None else None)
        self.last = record if record.boundary is not None else _with_boundary(record, boundary)
        if record.diverged:
            self.pause()
            self._diverged(record.epoch + 1)
        self.throttle.poke()
        self.network_throttle.poke()

    def _diverged(self, epoch: int) -> None:
        self.message.show_error(tr("Training diverged in epoch {0}: the loss became NaN or infinite, so the "
                                   "network is kept as it was before it. Lower the learning rate, then press "
                                   "Play or Reset.").format(epoch))

    def _stopped(self) -> None:
        self.throttle.fire()
        self.network_throttle.fire()
        self._buttons()

    def _failed(self, exc: object) -> None:
        self.message.show_error(error_text(exc) if isinstance(exc, Exception) else str(exc))
        self._buttons()

    # --- drawing -----------------------------------------------------------------------------------------
    def _redraw_all(self) -> None:
        self.throttle.cancel()
        self.network_throttle.cancel()
        self._redraw()
        self._redraw_network()
        self._show_chosen()
        self._show_code()

    def _redraw(self) -> None:
        if self.last is None:
            return
        self.view.show_boundary(self.last.boundary)
        c = self.columns.of(self.history)
        self.view.show_history(c["epoch"], c["train_loss"], c["test_loss"], c["accuracy"], c["train_accuracy"])
        self._show_status()

    def _redraw_network(self) -> None:
        if self.last is not None:
            self.view.show_network(self.last.spec)

    def _show_status(self) -> None:
        if self.last is None:
            return
        m, r = self.last.metrics, self.last
        text = tr("Epoch {0}").format(r.epoch)
        if r.batch:
            text += " " + tr("(+ batch {0} of {1})").format(r.batch, r.batches)
        text += " · " + tr("train loss {0}").format(f"{m.train_loss:.4f}")
        text += " · " + tr("test loss {0}").format(f"{m.test_loss:.4f}")
        if m.accuracy is not None:
            text += " · " + tr("test accuracy {0}").format(f"{m.accuracy:.1%}")
        if r.spec.layers == (1, 1):   # linear regression: the line it found (the data follow y = 2x − 0.5)
            w, b = r.spec.weights[0][0][0], r.spec.biases[0][0]
            text += " · " + tr("fitted line {0}").format(f"ŷ = {w:.3f}·x {'−' if b < 0 else '+'} {abs(b):.3f}")
        if r.saturated:
            text += "\n⚠ " + tr("The sigmoid output is exactly the wrong 0 or 1 for {0} of {1} training points: its "
                                 "gradient is zero there, so they stay wrong. Lower the learning rate and press Reset.").format(
                r.saturated, len(self.trainer.x_train))
        self.status.setText(text)
        self._buttons()

    def _show_chosen(self) -> None:
        if self.trainer is None:
            return
        x = self.trainer.dataset.x_train[self.sample.value()]
        if self.trainer.dataset.info.kind == "regression":
            position = (float(x[0]), float(self.trainer.dataset.y_train[self.sample.value()][0]))
        else:
            position = (float(x[0]), float(x[1]))
        self.view.show_chosen(position)

    def _show_code(self) -> None:
        if self.trainer is None or self.current_view_key() != "code":
            return
        with self.trainer.lock:
            spec, config, epoch = self.trainer.spec(), self.trainer.config, self.trainer.epoch
        text = training_code.model_code(spec) + "\n\n# " + tr("Training loop: reproduces this run") + "\n" + \
            training_code.script(config, max(epoch, 1))
        if self.code.toPlainText() != text:
            self.code.setPlainText(text)

    def _buttons(self) -> None:
        running = self.is_running()
        self.play_button.setText(tr("⏸ Pause") if running else tr("▶ Play"))

    # --- the Backprop Stepper ---------------------------------------------------------------------------
    def current_spec(self):
        """The network now, with the chosen training point as input and its label as target."""
        with self.trainer.lock:
            return self.trainer.spec(self.sample.value())

    def request_step_through(self) -> None:
        if self.trainer is None:
            return
        self.pause()
        self.step_through.emit(self.current_spec())

    # --- checkpoints ------------------------------------------------------------------------------------
    def save_checkpoint(self, path: str, whole_model: bool = False) -> None:
        """Write a state_dict checkpoint (or, when asked, the whole pickled model for a notebook)."""
        self.pause()
        if self.trainer is None:
            return
        if whole_model:
            checkpoints.save_whole_model(self.trainer, path)
        else:
            checkpoints.save(self.trainer, path)

    def open_checkpoint(self, path: str) -> bool:
        """Restore a checkpoint: settings, weights, optimizer, epoch and history; False (and a red
        line saying why) when the file is refused."""
        self.pause()
        try:
            restored = checkpoints.load(path, self.device).trainer
        except ValueError as exc:
            self.message.show_error(error_text(exc))
            return False
        self.message.clear_error()
        self.trainer = restored
        self.controls.set_config(restored.config)
        self.sample.setRange(0, len(restored.x_train) - 1)
        self.view.show_data(restored.dataset, self.theme)
        self._sync()
        return True

    def _ask_save(self) -> None:
        whole = ask_save_kind(self)
        if whole is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, tr("Save checkpoint"), str(Path.home() / "training.pt"),
                                              tr("PyTorch checkpoint") + " (*.pt *.pth)")
        if path:
            try:
                self.save_checkpoint(path, whole)
            except OSError as exc:
                QMessageBox.warning(self, tr("Save failed"), tr("Cannot write {0}: {1}").format(path, exc))

    def _ask_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Open checkpoint"), str(Path.home()),
                                              tr("PyTorch checkpoint") + " (*.pt *.pth);;* (*)")
        if path:
            self.open_checkpoint(path)

    # --- state and export -------------------------------------------------------------------------------
    def state(self) -> dict:
        config = self.controls.config()
        return {"data": config.data.to_dict(), **config.to_dict(), "view": self.current_view_key()}

    def set_state(self, state: dict) -> None:
        try:
            from app import datasets
            hidden = state.get("hidden")
            config = training.check(training.TrainConfig(
                data=datasets.config_from_dict(state.get("data")), hidden=tuple(hidden),
                activation=state["activation"], loss=state["loss"], optimizer=state["optimizer"],
                lr=state["lr"], batch_size=state["batch_size"]))
        except (ValueError, KeyError, TypeError):
            config = None   # an older or hand-edited settings file: keep the defaults
        if config is not None:
            self.controls.set_config(config)
            self.trainer = None
        if state.get("view") in [k for k, _ in VIEWS]:
            self.show_view(state["view"])
        self.request_recompute()

    def export_formats(self) -> list[str]:
        return ["png", "csv", "json"]

    def export(self, path: str) -> None:
        if self.message.isVisible():
            raise ValueError(tr("Fix the input first: {0}").format(self.message.text()))
        if self.trainer is None:
            self.reset()
        self.pause()
        ext = Path(path).suffix.lower()
        if ext == ".png":
            widget = self.view if self.current_view_key() == "training" else self.code
            with files.atomic_path(path) as tmp:
                if not widget.grab().save(str(tmp), "PNG"):
                    raise OSError(f"could not write {path}")
        elif ext == ".csv":
            rows = training.history_rows(self.history)
            tables.write_csv(path, {key: [np.nan if r[key] is None else r[key] for r in rows]
                                    for key in ("epoch", "train_loss", "test_loss", "accuracy")})
        else:   # the Stepper's spec (it opens there too) plus the run's settings and history
            with self.trainer.lock:
                record = self.trainer.spec(self.sample.value()).to_dict()
                record["training"] = {"data": self.trainer.config.data.to_dict(), **self.trainer.config.to_dict(),
                                      "epoch": self.trainer.epoch}
            record["history"] = training.history_rows(self.history)
            files.write_text(path, json.dumps(record, indent=1, allow_nan=True) + "\n")

    # --- text ---------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.retranslate_tabs()
        self.controls.retranslate()
        self.view.retranslate()
        self.epoch_button.setText(tr("Step epoch ▶"))
        self.epoch_button.setToolTip(tr("Train one epoch: every training point once, in shuffled batches (→)"))
        self.batch_button.setText(tr("Step batch"))
        self.batch_button.setToolTip(tr("One optimizer step on the next mini-batch"))
        self.reset_button.setText(tr("Reset"))
        self.reset_button.setToolTip(tr("New initial weights from the seed, epoch 0"))
        self.play_button.setToolTip(tr("Train epoch after epoch until paused (Space)"))
        self.save_button.setText(tr("Save…"))
        self.save_button.setToolTip(tr("Save a checkpoint: weights, optimizer, settings, epoch, history (Ctrl+S)"))
        self.open_button.setText(tr("Open…"))
        self.open_button.setToolTip(tr("Open a checkpoint and resume exactly where it stopped (Ctrl+O)"))
        self.sample_label.setText(tr("Sample (click a point):"))
        self.sample.setToolTip(tr("Which training point to step through; click one on the plot to choose it"))
        self.step_through_button.setText(tr("Step through this sample in the Backprop Stepper"))
        self.step_through_button.setToolTip(tr("Opens the Backprop Stepper on the current weights, with this point "
                                               "as the input and its label as the target"))
        self.copy_button.setText(tr("Copy"))
        self.code_note.setText(tr("The model as nn.Sequential and as an nn.Module subclass, then the training "
                                  "loop a student would type: run it and it prints this run's losses."))
        self._buttons()
        self._show_status()
        if self.trainer is not None:
            self._redraw_all()


def _with_boundary(record: training.Record, boundary) -> training.Record:
    """The record, keeping the last computed map (maps are computed only a few times a second)."""
    from dataclasses import replace
    return replace(record, boundary=boundary)


if __name__ == "__main__":
    from widgets.application import preview
    preview(TrainingPanel)
