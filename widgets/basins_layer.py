"""The arena's basins layer: which minimum each start reaches, drawn under the paths of the map.

It has its own optimizer, learning rate, steps and resolution (its title says which optimizer the
map shows; "Use the first racer" copies the race's), computes app.basins in a Worker, fills the
map chunk by chunk with a progress bar and Cancel, and recomputes (debounced, the previous job
cancelled) when a setting, the surface or the device changes.
"""

from __future__ import annotations

import html
import threading
from dataclasses import replace

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout, QGroupBox,
                               QHBoxLayout, QLabel, QMessageBox, QProgressBar, QPushButton, QSpinBox, QVBoxLayout)

from app import basins, optimizers, trajectories
from app.arena import Racer
from widgets import basins_colours, basins_figures
from widgets.i18n import error_text, tr
from widgets.worker import Worker

RESOLUTIONS = (64, 128, 256, 512, 1024)
DEBOUNCE_MS = 250      # a burst of changes (typing, dragging a spin box) starts one job
GUI_CHUNK = 32_768     # points per update: a 256² map fills in 2 bands (eager runs ~2× faster than in 16k chunks)


class BasinsLayer(QGroupBox):
    """Controls, legend and the map image (added to a ContourPlot with `attach`)."""

    run_requested = Signal(object, float, float)   # (BasinsConfig, x, y): a click on the shown map
    invalid = Signal(str)
    done = Signal()                                # a map finished (tests wait on it)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.show_box = QCheckBox()
        self.optimizer_box = QComboBox()
        for spec in optimizers.OPTIMIZERS.values():
            if not spec.needs_closure:   # L-BFGS mixes all points: app.basins refuses it
                self.optimizer_box.addItem(spec.label, spec.name)
        self.optimizer_box.setCurrentIndex(self.optimizer_box.findData("adam"))
        self.lr = QDoubleSpinBox()
        self.lr.setDecimals(5)
        self.lr.setRange(1e-5, 10.0)
        self.lr.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        self.lr.setValue(0.1)
        self.lr.setKeyboardTracking(False)
        self.steps = QSpinBox()
        self.steps.setRange(1, trajectories.MAX_STEPS)
        self.steps.setSingleStep(100)
        self.steps.setValue(500)
        self.steps.setKeyboardTracking(False)
        self.resolution = QComboBox()
        for n in RESOLUTIONS:
            self.resolution.addItem(f"{n} × {n}", n)
        self.resolution.setCurrentIndex(RESOLUTIONS.index(256))
        self.copy_button = QPushButton()
        self.save_button = QPushButton()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.cancel_button = QPushButton()
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        form = QFormLayout()
        self.optimizer_label, self.lr_label, self.steps_label, self.resolution_label = (QLabel() for _ in range(4))
        form.addRow(self.optimizer_label, self.optimizer_box)
        form.addRow(self.lr_label, self.lr)
        form.addRow(self.steps_label, self.steps)
        form.addRow(self.resolution_label, self.resolution)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)   # the legend near the top: in view as soon as the map is
        layout.addWidget(self.show_box)
        layout.addLayout(busy)
        layout.addWidget(self.legend)
        layout.addLayout(form)
        layout.addWidget(self.copy_button)
        layout.addWidget(self.hint)
        layout.addWidget(self.save_button)
        self.extra_hypers: tuple = ()    # a copied racer's settings besides lr
        self.surface, self.expression, self.dtype, self.device = "himmelblau", "", "float32", "cpu"
        self.result: basins.BasinsMap | None = None
        self.config: basins.BasinsConfig | None = None
        self._job_cancel: threading.Event | None = None
        self.background = "#ffffff"   # the plot's: fills are mixed into it
        self.extent: tuple | None = None   # of the map requested last (a click snaps to its cells)
        self._drawn: basins.BasinsMap | None = None   # the map on screen, finished or not
        self.contour = None
        self.map_legend = QLabel()   # replaced by the view's, under the map, in attach
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(5)   # over the height bands, under paths (10) and marks (20)
        self.image.hide()
        self.worker = Worker(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.recompute)
        self.worker.partial.connect(self._partial)
        self.worker.progress.connect(lambda f: self.progress.setValue(round(1000 * f)))
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.worker.running_changed.connect(self._set_busy)
        self.show_box.toggled.connect(self._toggled)
        self.optimizer_box.currentIndexChanged.connect(self._optimizer_changed)
        for signal in (self.lr.valueChanged, self.steps.valueChanged, self.resolution.currentIndexChanged):
            signal.connect(lambda *_: self.schedule())
        self.cancel_button.clicked.connect(self.cancel)
        self.save_button.clicked.connect(self._save_as)
        self._set_busy(False)
        self._show_options()
        self.retranslate()

    # --- wiring -------------------------------------------------------------------------------
    def attach(self, view) -> None:
        """Draw into an ArenaView: the image on its map, a compact legend right under the map."""
        self.contour = view.contour
        self.contour.plot.addItem(self.image)
        self.map_legend = view.map_legend
        self._show_map_extras()

    def set_background(self, colour: str) -> None:
        """The plot's background (the theme changed): the fills are mixed into it."""
        if colour != self.background:
            self.background = colour
            if self._drawn is not None:
                self._draw(self._drawn, self._drawn.done)

    def _show_map_extras(self) -> None:
        """Contour lines over the map and the legend under it, while the map is shown."""
        on = self.shown()
        if self.contour is not None:
            self.contour.show_lines(on)
        self.map_legend.setVisible(on and bool(self.map_legend.text()))

    def shown(self) -> bool:
        return self.show_box.isChecked()

    def set_context(self, surface: str, expression: str, dtype: str, device) -> None:
        """The arena's surface and dtype and the window's device: a change recomputes the map."""
        context = (surface, expression, dtype, str(device))
        if context != (self.surface, self.expression, self.dtype, str(self.device)):
            self.surface, self.expression, self.dtype, self.device = surface, expression, dtype, device
            self.result = None
            self.schedule()

    def use_racer(self, racer: Racer) -> None:
        """The map shows this racer's optimizer and settings (steps stay the layer's)."""
        hypers = dict(racer.hypers)
        for widget in (self.optimizer_box, self.lr):
            widget.blockSignals(True)
        index = self.optimizer_box.findData(racer.optimizer)
        if index >= 0:
            self.optimizer_box.setCurrentIndex(index)
        self.lr.setValue(float(hypers.pop("lr", optimizers.get(racer.optimizer).defaults()["lr"])))
        for widget in (self.optimizer_box, self.lr):
            widget.blockSignals(False)
        self.extra_hypers = tuple(hypers.items()) if index >= 0 else ()
        self._show_options()
        self.schedule()

    def current_config(self) -> basins.BasinsConfig:
        hypers = (("lr", self.lr.value()),) + tuple(self.extra_hypers)
        return basins.BasinsConfig(optimizer=self.optimizer_box.currentData(), hypers=hypers,
                                   steps=self.steps.value(), grid=self.resolution.currentData(),
                                   surface=self.surface, expression=self.expression, dtype=self.dtype)

    # --- computing ----------------------------------------------------------------------------
    def schedule(self) -> None:
        """Recompute after a short pause, if the map is shown (the newest request wins)."""
        if self.shown():
            self.timer.start()

    def recompute(self) -> None:
        self.timer.stop()
        config = self.current_config()
        try:
            config.check()
            config.resolve_surface()
        except ValueError as exc:
            self.worker.cancel()
            self.invalid.emit(error_text(exc))
            return
        self.config = config
        self.extent = tuple(config.extent or config.resolve_surface().bounds)
        self.result = self._drawn = None
        self.image.clear()
        device = self.device
        computing = html.escape(tr("Computing {title}…").format(title=self._title(config)))
        self.legend.setText(computing)
        self.map_legend.setText(computing)
        self._show_map_extras()
        # The worker checks its own flag between chunks; this one is also read inside a chunk (every
        # 200 steps), so a long chunk stops soon after a newer request, Cancel or closing the window.
        self._stop_job()
        cancel = self._job_cancel = threading.Event()
        self.worker.start(lambda: basins.compute(config, device=device, chunk=GUI_CHUNK, compile=False,
                                                 cancel=cancel))

    def _stop_job(self) -> None:
        if self._job_cancel is not None:
            self._job_cancel.set()
            self._job_cancel = None

    def cancel(self) -> None:
        self.timer.stop()
        self._stop_job()
        self.worker.cancel()
        if self.result is None and self.config is not None:
            # What was computed stays drawn (the rest of the map transparent); the legend says so.
            text = html.escape(tr("Cancelled: {title} is not finished.").format(title=self._title(self.config)))
            self.legend.setText(text)
            self.map_legend.setText(text)
            self._show_map_extras()

    def is_running(self) -> bool:
        return self.worker.is_running() or self.timer.isActive()

    def _partial(self, update: basins.BasinsChunk) -> None:
        self._draw(update.map, update.stop)

    def _finished(self) -> None:
        self.done.emit()

    def _failed(self, exc) -> None:
        self.invalid.emit(error_text(exc))

    def _draw(self, result: basins.BasinsMap, done: int) -> None:
        """The map so far; rows past `done` may be half written by the worker: shown as not computed."""
        view = replace(result, basin=result.basin.copy(), steps=result.steps.copy(), minima=list(result.minima))
        view.basin.reshape(-1)[done:] = basins.PENDING
        self.result = view if done == result.n * result.n else None
        self._drawn = view
        self.image.setImage(basins_colours.rgba(view, self.background), levels=(0, 255))
        x0, x1, y0, y1 = view.extent
        self.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        self.image.setVisible(self.shown())
        self._show_legend(view)

    def _show_legend(self, result: basins.BasinsMap) -> None:
        """The legend in the column (every entry, the timing) and a compact one under the map."""
        title = f"<b>{html.escape(self._title(result.config))}</b>"
        if self.result is None:
            title += " " + html.escape(tr("({percent}% computed)").format(percent=round(100 * result.done / result.n ** 2)))
        steps = self._steps_scale(result)
        rows = [title]
        rows += [f"{_swatch(colour)} {html.escape(text)}"
                 for colour, text in basins_figures.shown_entries(result, self.background)]
        rows += [steps] if steps else []
        if self.result is not None:
            rows.append(html.escape(basins_figures.timing_text(result)))
        self.legend.setText("<br>".join(rows))
        entries = basins_figures.shown_entries(result, self.background, limit=4, skip_empty=True)
        # &nbsp; keeps a swatch with its text when the line wraps.
        line = " &nbsp; ".join(f"{_swatch(colour)}&nbsp;{html.escape(text).replace(' ', '&nbsp;')}" if colour
                               else html.escape(text) for colour, text in entries)
        self.map_legend.setText(f"{title} &nbsp; {line}" + (f"<br>{steps}" if steps else ""))
        self._show_map_extras()

    def _steps_scale(self, result: basins.BasinsMap) -> str:
        if not basins_figures.steps_text(result):
            return ""
        swatches = "".join(_swatch(colour) for colour in basins_colours.shade_swatches(self.background))
        return f"{swatches} {html.escape(basins_figures.steps_text(result))}"

    @staticmethod
    def _title(config: basins.BasinsConfig) -> str:
        return tr("{run}, {steps} steps, {n}×{n} starts").format(run=config.run_spec((0.0, 0.0)).label(),
                                                               steps=config.steps, n=config.grid)

    # --- reacting -----------------------------------------------------------------------------
    def _toggled(self, on: bool) -> None:
        self.image.setVisible(on and self.image.image is not None)
        self._show_map_extras()
        if on and self.result is None:
            self.recompute()
        elif not on:
            self.cancel()
        self._show_options()

    def _optimizer_changed(self) -> None:
        self.extra_hypers = ()   # a copied racer's extra settings belonged to its optimizer
        self.schedule()

    def _show_options(self) -> None:
        for widget in (self.optimizer_box, self.lr, self.steps, self.resolution, self.copy_button, self.save_button):
            widget.setEnabled(self.shown())

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setValue(0)

    def map_clicked(self, x: float, y: float) -> bool:
        """A click on the shown map: run from the start of the cell under the mouse (True)."""
        if not self.shown() or self.config is None:
            return False
        self.run_requested.emit(self.config, *self.start_at(x, y))
        return True

    def start_at(self, x: float, y: float) -> tuple[float, float]:
        """The start the map computed in the cell holding (x, y) (outside the map: (x, y) itself)."""
        where = basins.pixel_of(self.extent, self.config.grid, x, y) if self.extent else None
        if where is None:
            return x, y
        xs, ys = basins.grid_axes(self.extent, self.config.grid)
        return float(xs[where[1]]), float(ys[where[0]])

    def _save_as(self) -> None:
        if self.result is None:
            QMessageBox.warning(self, tr("Export failed"), tr("There is nothing to export yet."))
            return
        path, _chosen = QFileDialog.getSaveFileName(self, tr("Save the basins map"), "basins.png",
                                                    "*.png *.csv *.npy")
        if not path:
            return
        try:
            basins.save(self.result, path, basins_figures.save_png)
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, tr("Export failed"), error_text(exc))

    def shutdown(self) -> None:
        self.timer.stop()
        self._stop_job()
        self.worker.cancel()

    def retranslate(self) -> None:
        self.setTitle(tr("Basins of attraction"))
        self.show_box.setText(tr("Show the basins map"))
        self.show_box.setToolTip(tr("Colour every start point of the map by the minimum its run reaches"))
        self.optimizer_label.setText(tr("Optimizer"))
        self.lr_label.setText(tr("Learning rate"))
        self.steps_label.setText(tr("Steps"))
        self.resolution_label.setText(tr("Resolution"))
        self.copy_button.setText(tr("Use the first racer's settings"))
        self.cancel_button.setText(tr("Cancel"))
        self.save_button.setText(tr("Save map…"))
        self.save_button.setToolTip(tr("Save the basins map as PNG, CSV (one row per start) or NPY"))
        self.hint.setText(tr("Each start point is coloured by the minimum it reaches, the colour stronger the "
                             "more steps it took. Click the map to watch the run from that point."))
        if self._drawn is not None:
            self._show_legend(self._drawn)


def state_of(layer: BasinsLayer) -> dict:
    return {"shown": layer.shown(), "optimizer": layer.optimizer_box.currentData(), "lr": layer.lr.value(),
            "steps": layer.steps.value(), "grid": layer.resolution.currentData()}


def restore(layer: BasinsLayer, state: dict) -> None:
    """Put back what state_of saved; fields that do not fit are ignored."""
    if not isinstance(state, dict):
        return
    index = layer.optimizer_box.findData(state.get("optimizer"))
    if index >= 0:
        layer.optimizer_box.setCurrentIndex(index)
    if isinstance(state.get("lr"), (int, float)) and not isinstance(state.get("lr"), bool):
        layer.lr.setValue(float(state["lr"]))
    if isinstance(state.get("steps"), int) and not isinstance(state.get("steps"), bool):
        layer.steps.setValue(state["steps"])
    index = layer.resolution.findData(state.get("grid"))
    if index >= 0:
        layer.resolution.setCurrentIndex(index)
    if isinstance(state.get("shown"), bool):
        layer.show_box.setChecked(state["shown"])


def pixel_colour(layer: BasinsLayer, x: float, y: float) -> np.ndarray | None:
    """The drawn colour at (x, y) (tests)."""
    if layer.result is None:
        return None
    where = basins.pixel_of(layer.result.extent, layer.result.n, x, y)
    return None if where is None else basins_colours.rgba(layer.result, layer.background)[where]


def _swatch(colour: str) -> str:
    """A coloured square in rich text ('' colour: a blank of the same width)."""
    if not colour:
        return '<span style="font-size:13pt">&nbsp;&nbsp;</span>'
    return f'<span style="color:{colour}; font-size:13pt">■</span>'
