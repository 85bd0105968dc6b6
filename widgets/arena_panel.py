"""The Optimizer Arena: optimizers racing on a surface, in 3-D and on a map, step by step.

Controls give an app.arena.ArenaConfig; app.trajectories.race computes the runs a chunk at a
time in a Worker (off the GUI thread); chunks are drawn as they come, at most REDRAW_PERIOD
apart, and playback starts at once, so even 4 × 100,000 steps never freeze the window.
"""

from __future__ import annotations

import contextlib
from dataclasses import asdict, replace
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import (QFileDialog, QGridLayout, QHBoxLayout, QMessageBox, QProgressBar, QPushButton,
                               QVBoxLayout, QWidget)

from app import animation, basins, devices, tables, trajectories
from app.arena import ArenaConfig, Racer
from widgets import arena_images
from widgets.arena_controls import ArenaControls
from widgets.arena_export import export_animation
from widgets.basins_layer import BasinsLayer, restore, state_of
from widgets.controls import ErrorLine, scrolling_column
from widgets.i18n import N_, error_text, tr
from widgets.panel import Panel
from widgets.throttle import Throttle
from widgets.worker import Worker

CHUNK = 1000   # steps per run computed between two updates from the worker
REDRAW_PERIOD = 0.25   # seconds: while results stream in, curves, paths and table redraw at most 4 times a second


class ArenaPanel(Panel):
    key = "arena"
    title = N_("Optimizer Arena")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.autoplay = True   # tests turn it off and drive playback by hand
        self.controls = ArenaControls()
        self.controls.set_config(self._default_config())
        self.basins = BasinsLayer()
        # The 3-D view (OpenGL, pyqtgraph.opengl) is built when the panel is first shown: start-up
        # with another panel in front neither imports nor initialises GL.
        self.view = None
        self.worker = Worker(self)
        self.message = ErrorLine()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.stop_button = QPushButton()
        self.gif_button = QPushButton()
        self.mp4_button = QPushButton()
        self.png_button = QPushButton()
        self.csv_button = QPushButton()
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.stop_button)
        exports = QGridLayout()
        for index, button in enumerate((self.png_button, self.csv_button, self.gif_button, self.mp4_button)):
            exports.addWidget(button, index // 2, index % 2)
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.controls)
        column.addWidget(self.basins)
        column.addLayout(exports)
        side = self.side = scrolling_column(content, 320, 420)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.message)   # above the scrolling controls: never scrolled out of sight
        left.addLayout(busy)
        left.addWidget(side, 1)
        self._layout = QHBoxLayout(self)
        self._layout.addLayout(left)
        self._layout.addStretch(1)
        self._set_busy(False)
        self.trajectories: list[trajectories.Trajectory | None] = []
        self.surface = None
        self.specs: list[trajectories.RunSpec] = []
        self._scheduled = False
        self._following = False
        self._grown: set[int] = set()   # runs computed further since they were last drawn
        self.redraws = Throttle(self._draw_grown, REDRAW_PERIOD, parent=self)

        self.controls.changed.connect(self._schedule)
        self.controls.display_changed.connect(self.redraw)
        self.controls.invalid.connect(self.show_error)
        self.basins.invalid.connect(self.show_error)
        self.basins.run_requested.connect(self._run_from_map)
        self.basins.copy_button.clicked.connect(lambda: self.basins.use_racer(self.controls.config.racers[0]))
        self.worker.partial.connect(self._partial)
        self.worker.progress.connect(lambda f: self.progress.setValue(round(1000 * f)))
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(lambda exc: self._stopped(error_text(exc)))
        self.stop_button.clicked.connect(self.stop)
        self.png_button.clicked.connect(lambda: self._save_as("png"))
        self.csv_button.clicked.connect(lambda: self._save_as("csv"))
        self.gif_button.clicked.connect(lambda: self._save_as("gif"))
        self.mp4_button.clicked.connect(lambda: self._save_as("mp4"))
        self.retranslate()

    def ensure_view(self):
        """The display, built on first use."""
        if self.view is None:
            from widgets.arena_view import ArenaView
            self.view = ArenaView()
            self._layout.takeAt(1)   # the stretch that held its place
            self._layout.addWidget(self.view, 1)
            self.view.contour.clicked.connect(self._map_clicked)
            self.basins.attach(self.view)
            self.view.playback.install_shortcuts(self)
            self.view.retranslate()
        return self.view

    def showEvent(self, event) -> None:
        self.ensure_view()
        super().showEvent(event)

    def views(self) -> list[tuple[str, str]]:
        return [(self.key, self.title), ("arena_basins", N_("Basins of attraction"))]

    def show_view(self, key: str) -> None:
        self.basins.show_box.setChecked(key == "arena_basins")
        if key == "arena_basins":   # its controls and legend sit below the race's
            self.side.ensureWidgetVisible(self.basins, 0, 0)

    def _map_clicked(self, x: float, y: float) -> None:
        """With the basins map shown a click runs from there; otherwise it adds a start point."""
        if not self.basins.map_clicked(x, y):
            self.controls.add_start(x, y)

    def _run_from_map(self, config, x: float, y: float) -> None:
        """The single run the map shows at (x, y), animated: the map's optimizer, settings and steps."""
        racer = Racer(config.optimizer, tuple(config.hypers))
        # (x, y) is the map cell's own start, unrounded: the run is exactly the one that pixel shows.
        self.controls.set_config(replace(self.controls.config, racers=(racer,), starts=((x, y),), steps=config.steps))

    @staticmethod
    def _default_config() -> ArenaConfig:
        from app.arena import COURSE_EXPERIMENT
        return COURSE_EXPERIMENT

    # --- computing ----------------------------------------------------------------------------
    def _schedule(self) -> None:
        """One recompute for a burst of changes (a preset sets several controls)."""
        if not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self._run_scheduled)

    def _run_scheduled(self) -> None:
        self._scheduled = False
        self.request_recompute()

    def recompute(self) -> None:
        """Start the race for the current controls (the newest request wins)."""
        config = self.controls.config
        try:
            surface = config.resolve_surface()
            specs = config.specs()
        except ValueError as exc:
            self.worker.cancel()
            self._set_busy(False)
            self.show_error(error_text(exc))
            return
        self.clear_error()
        self.ensure_view()
        self.basins.set_context(config.surface, config.expression, config.dtype, self.device)
        self.surface = surface
        self.specs = specs
        self.trajectories = [None] * len(specs)
        self.redraws.cancel()
        self._grown.clear()
        self._draw_all()
        device, dtype = self.device, config.dtype
        self._following = self.autoplay
        self._set_busy(True)
        self.worker.start(lambda: trajectories.race(surface, specs, dtype=dtype, device=device, chunk=CHUNK))

    def stop(self) -> None:
        """Stop computing; what was computed stays on screen and can be replayed."""
        self.worker.cancel()
        self._stopped("")

    def _partial(self, update: trajectories.RaceUpdate) -> None:
        self.trajectories[update.index] = update.trajectory
        self._grown.add(update.index)
        self.redraws.poke()

    def _draw_grown(self) -> None:
        """Draw the runs that grew since the last drawing (at most REDRAW_PERIOD apart)."""
        playback = self.view.playback
        before = playback.count()
        grown, self._grown = sorted(self._grown), set()
        self.view.update_runs({index: self.trajectories[index] for index in grown})
        # Follow the computation: playback that caught up with the last computed step goes on.
        if self._following and not playback.is_playing() and playback.position() >= before - 1:
            playback.play()

    def _finished(self) -> None:
        self.redraws.fire()
        self._set_busy(False)
        self._following = False
        self.computed.emit(devices.describe(self.device))

    def _stopped(self, message: str) -> None:
        self.redraws.fire()
        self._set_busy(False)
        self._following = False
        if message:
            self.show_error(message)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.stop_button.setVisible(busy)
        if busy:
            self.progress.setValue(0)

    def settle(self, timeout_ms: int = 120_000) -> None:
        """Wait (the event loop running) until the race is computed, then show its last step:
        screenshots and command-line pictures show finished content."""
        if self.basins.timer.isActive():
            self.basins.recompute()
        for worker in (self.worker, self.basins.worker):
            if worker.is_running():
                loop = QEventLoop()
                worker.running_changed.connect(lambda running, loop=loop: None if running else loop.quit())
                QTimer.singleShot(timeout_ms, loop.quit)
                if worker.is_running():
                    loop.exec()
        if self.view is None:
            return
        self.view.playback.pause()
        self.view.playback.set_position(self.view.playback.count() - 1)

    # --- drawing ------------------------------------------------------------------------------
    def _draw_all(self) -> None:
        if self.surface is None or self.view is None:
            return
        self.view.set_mode(self.controls.mode())
        self.view.set_surface(self.surface, self.controls.log_height.isChecked(), self.theme)
        self.view.set_runs(self.trajectories, self.specs)

    def redraw(self) -> None:
        """Height scale, views shown or theme changed: draw the same runs again, same step."""
        if self.view is None:
            return
        step = self.view.playback.position()
        self._draw_all()
        self.view.playback.set_position(step)

    def apply_theme(self, theme) -> None:
        self.theme = theme
        self.basins.set_background(theme.plot_background)
        if self.surface is None:
            self.request_recompute()
        else:
            self.redraw()

    def show_error(self, text: str) -> None:
        self.message.show_error(text)

    def clear_error(self) -> None:
        self.message.clear_error()

    # --- text, state, export ------------------------------------------------------------------
    def retranslate(self) -> None:
        self.controls.retranslate()
        self.basins.retranslate()
        if self.view is not None:
            self.view.retranslate()
        self.stop_button.setText(tr("Stop"))
        self.stop_button.setToolTip(tr("Stop computing; the steps computed so far stay"))
        self.progress.setToolTip(tr("Steps computed"))
        self.png_button.setText(tr("PNG…"))
        self.png_button.setToolTip(tr("Save the 3-D view and the map as a picture"))
        self.csv_button.setText(tr("CSV…"))
        self.csv_button.setToolTip(tr("Save every step of every run as a table"))
        self.gif_button.setText(tr("GIF…"))
        self.gif_button.setToolTip(tr("Save the animation as an animated GIF"))
        self.mp4_button.setText(tr("MP4…"))
        reason = animation.mp4_unavailable_reason()
        self.mp4_button.setEnabled(reason is None)
        self.mp4_button.setToolTip(tr(reason) if reason else tr("Save the animation as an MP4 video"))

    def state(self) -> dict:
        config = asdict(self.controls.config)
        return {"config": config, "mode": self.controls.mode(), "log": self.controls.log_height.isChecked(),
                "basins": state_of(self.basins)}

    def set_state(self, state: dict) -> None:
        config = _config_from(state.get("config"))
        if config is not None:
            self.controls.set_config(config)
        if isinstance(state.get("log"), bool):
            self.controls.log_height.setChecked(state["log"])
        index = self.controls.mode_box.findData(state.get("mode"))
        if index >= 0:
            self.controls.mode_box.setCurrentIndex(index)
        restore(self.basins, state.get("basins"))

    def export_formats(self) -> list[str]:
        formats = ["png", "csv", "gif"]
        formats = formats + ["mp4"] if animation.mp4_unavailable_reason() is None else formats
        # The basins map as numbers (basin code and steps per start), while it is shown and finished.
        return formats + ["npy"] if self.basins.shown() and self.basins.result is not None else formats

    def export(self, path: str) -> None:
        if self.message.text():
            raise ValueError(tr("Fix the input first: {0}").format(self.message.text()))
        if self.worker.is_running():
            raise ValueError(tr("The runs are still being computed: wait, or press Stop first."))
        if not any(t is not None for t in self.trajectories):
            raise ValueError(tr("There is nothing to export yet."))
        ext = Path(path).suffix.lower()
        if ext == ".npy" and self.basins.result is not None:
            basins.save(self.basins.result, path)
        elif ext == ".csv":
            tables.write_csv(path, trajectories.table_columns([t for t in self.trajectories if t is not None]))
        elif ext == ".png":
            arena_images.save_png(path, self.view.image())
        elif not export_animation(self.view, path, self):
            raise ValueError(tr("Export cancelled."))

    def _save_as(self, ext: str) -> None:
        path, _chosen = QFileDialog.getSaveFileName(self, tr("Export current view"), f"arena.{ext}", f"*.{ext}")
        if not path:
            return
        path = path if Path(path).suffix else f"{path}.{ext}"
        try:
            self.export(path)
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, tr("Export failed"), error_text(exc))

    def closeEvent(self, event) -> None:
        self.worker.cancel()
        self.basins.shutdown()
        super().closeEvent(event)


def _config_from(data) -> ArenaConfig | None:
    """An ArenaConfig from saved JSON, or None when it does not fit any more."""
    if not isinstance(data, dict):
        return None
    with contextlib.suppress(TypeError, ValueError, KeyError):
        racers = tuple(Racer(str(r["optimizer"]), tuple((str(k), tuple(v) if isinstance(v, list) else v)
                                                         for k, v in r.get("hypers", ())))
                       for r in data["racers"])
        config = ArenaConfig(surface=str(data["surface"]), expression=str(data.get("expression", "")),
                             racers=racers, starts=tuple((float(x), float(y)) for x, y in data["starts"]),
                             steps=int(data["steps"]), dtype=str(data.get("dtype", "float32")))
        config.specs()   # every optimizer and setting still exists
        if config.surface != "custom":
            config.resolve_surface()
        return config
    return None


if __name__ == "__main__":
    from widgets.application import preview
    preview(ArenaPanel)
