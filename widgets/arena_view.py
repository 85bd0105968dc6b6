"""The arena's display: 3-D surface and contour map, playback, loss curves, the state readout and
the table of runs. It draws trajectories it is given; computing them is the panel's business."""

from __future__ import annotations

import html
import time

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QSplitter, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from app import optimizers, surfaces
from app.trajectories import CONVERGED, DIVERGED, MAX_STEPS_STATUS, RunSpec, Trajectory
from widgets import arena_images
from widgets.arena_plots import ContourPlot, LossPlot
from widgets.arena_scene import SceneDisplay
from widgets.i18n import N_, tr
from widgets.playback import Playback
from widgets.theme import Theme

GRID = 200
SPEEDS = (1, 5, 20, 100, 500)
MODES = ("both", "3d", "contour")
READOUT_PERIOD = 0.12   # seconds between readout updates while playing

STATUS_TEXT = {CONVERGED: N_("converged"), DIVERGED: N_("diverged"), MAX_STEPS_STATUS: N_("out of steps"),
               "running": N_("computing…")}
# What each optimizer keeps per coordinate (torch's names in brackets, as in optimizer.state).
STATE_TEXT = {
    "momentum_buffer": N_("velocity (momentum_buffer)"),
    "exp_avg": N_("first moment m (exp_avg)"),
    "exp_avg_sq": N_("second moment v (exp_avg_sq)"),
    "max_exp_avg_sq": N_("largest v so far (max_exp_avg_sq)"),
    "square_avg": N_("mean square of g (square_avg)"),
    "grad_avg": N_("mean of g (grad_avg)"),
    "acc_delta": N_("mean square of updates (acc_delta)"),
    "sum": N_("sum of squared gradients (sum)"),
    "exp_inf": N_("running max of |g| (exp_inf)"),
    "d": N_("search direction (d)"),
    "prev_flat_grad": N_("previous gradient (prev_flat_grad)"),
}
COLUMNS = (N_("Run"), N_("Status"), N_("Steps"), N_("Minimum"), N_("Final point"), N_("Final f"))


def _pair(v) -> str:
    return f"({v[0]:.6g}, {v[1]:.6g})"


def _short_pair(v) -> str:
    """A table cell: 4 decimals at most and 4 significant digits (the readout shows 6), so a point
    that converged to (0, 0) reads (0, 0), not (-0.0002714, -5.209e-26)."""
    return "({}, {})".format(*(f"{round(float(c), 4) + 0.0:.4g}" for c in v[:2]))


class ArenaView(QWidget):
    """Shows runs at one step at a time; `playback` says which step."""

    selected_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene_display = SceneDisplay()
        self.scene = self.scene_display.scene   # the GL view, rendered off screen
        self.contour = ContourPlot()
        self.losses = LossPlot()
        self.playback = Playback(speeds=SPEEDS)
        self.playback.speed.setCurrentIndex(2)
        self.readout = QLabel()
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setWordWrap(True)
        self.readout.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Every column but the run's name fits its content; the name takes what is left and wraps
        # (rows grow to fit), so status, minimum, final point and f stay in view without scrolling.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.pictures = QSplitter(Qt.Orientation.Horizontal)
        self.pictures.addWidget(self.scene_display)
        # The map with, under it, the basins legend (empty and hidden unless the basins map is shown).
        self.map_legend = QLabel()
        self.map_legend.setTextFormat(Qt.TextFormat.RichText)
        self.map_legend.setWordWrap(True)
        self.map_legend.hide()
        self.map_box = QWidget()
        map_column = QVBoxLayout(self.map_box)
        map_column.setContentsMargins(0, 0, 0, 0)
        map_column.setSpacing(2)
        map_column.addWidget(self.contour, 1)
        map_column.addWidget(self.map_legend)
        self.pictures.addWidget(self.map_box)
        details = QSplitter(Qt.Orientation.Horizontal)
        details.addWidget(self.losses)
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.readout, 3)
        column.addWidget(self.table, 2)
        details.addWidget(side)
        details.setSizes([450, 550])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pictures, 5)
        layout.addWidget(self.playback)
        layout.addWidget(details, 4)
        self.playback.position_changed.connect(self.show_step)
        self.trajectories: list[Trajectory | None] = []
        self.specs: list[RunSpec] = []
        self.colours: list[str] = []
        self.selected = 0
        self.mode = "both"
        self.surface: surfaces.Surface | None = None
        self.theme: Theme | None = None
        self._readout_time = 0.0
        self._readout_timer = QTimer(self)
        self._readout_timer.setSingleShot(True)
        self._readout_timer.setInterval(round(1000 * READOUT_PERIOD))
        self._readout_timer.timeout.connect(self._refresh_readout)

    # --- what is shown ------------------------------------------------------------------------
    def set_surface(self, surface: surfaces.Surface, log: bool, theme: Theme) -> None:
        self.surface, self.theme = surface, theme
        grid = surfaces.grid(surface, GRID)
        self.scene.set_surface(grid, surface, log, theme)
        self.contour.set_surface(grid, surface, log, theme)
        self.scene_display.refresh()

    def set_mode(self, mode: str) -> None:
        self.mode = mode if mode in MODES else "both"
        self.scene_display.setVisible(self.mode in ("both", "3d"))
        self.map_box.setVisible(self.mode in ("both", "contour"))

    def set_runs(self, trajectories: list[Trajectory | None], specs: list[RunSpec] | None = None) -> None:
        """Start over with these runs (None: not computed yet, named by `specs`); shows step 0."""
        self.trajectories = list(trajectories)
        self.colours = [self.theme.curves[i % len(self.theme.curves)] for i in range(len(trajectories))]
        specs = specs or [t.spec for t in trajectories if t is not None]
        self.specs = list(specs)
        self.scene.set_runs(self.trajectories, self.colours)
        self.contour.set_runs(self.trajectories, self.colours, [spec.start for spec in specs])
        self.losses.set_runs(self.trajectories, self.colours, self.theme, [run_label(s) for s in specs])
        self.table.setRowCount(len(trajectories))
        for index in range(len(trajectories)):
            self._fill_row(index)
        self.selected = min(self.selected, max(0, len(trajectories) - 1))
        self._update_count()
        self.playback.reset()
        self.show_step(0)

    def update_run(self, index: int, trajectory: Trajectory) -> None:
        """A run grew (or finished) while being computed."""
        self.update_runs({index: trajectory})

    def update_runs(self, grown: dict[int, Trajectory]) -> None:
        """Runs grew (or finished) while being computed: draw them, then the current step once."""
        for index, trajectory in grown.items():
            self.trajectories[index] = trajectory
            self.scene.update_run(index, trajectory)
            self.contour.update_run(index, trajectory)
            self.losses.update_run(index, trajectory, self.trajectories)
            self._fill_row(index)
        self._update_count()
        self.show_step(self.playback.position())

    def _update_count(self) -> None:
        lengths = [len(t.points) for t in self.trajectories if t is not None]
        self.playback.set_count(max(lengths, default=0))

    def show_step(self, step: int) -> None:
        selected = self.trajectories[self.selected] if self.selected < len(self.trajectories) else None
        k = min(step, len(selected.points) - 1) if selected is not None else 0
        self.scene.set_frame(step)
        self.scene_display.refresh()
        self.contour.set_frame(step, selected, k)
        # While playing, the readout (rich text, re-laid out on every change) and the loss plot's
        # cursor (a repaint of every curve) follow at ~8 Hz; paused or stepped, they are exact at once.
        now = time.monotonic()
        if not self.playback.is_playing() or now - self._readout_time > READOUT_PERIOD:
            self._show_details(selected, k, step)
        elif not self._readout_timer.isActive():
            self._readout_timer.start()

    def _show_details(self, selected: Trajectory | None, k: int, step: int) -> None:
        self._readout_time = time.monotonic()
        self.losses.set_frame(step)
        self.readout.setText(self.readout_html(selected, k))

    def _refresh_readout(self) -> None:
        selected = self.trajectories[self.selected] if self.selected < len(self.trajectories) else None
        step = self.playback.position()
        self._show_details(selected, min(step, len(selected.points) - 1) if selected is not None else 0, step)

    # --- the readout and the table --------------------------------------------------------------
    def readout_html(self, t: Trajectory | None, k: int) -> str:
        if t is None:
            return ""
        spec = optimizers.get(t.spec.optimizer)
        lr = float(t.spec.settings()["lr"])
        rows = [(tr("point θ"), _pair(t.points[k])), (tr("f(θ)"), f"{t.loss[k]:.6g}"),
                (tr("gradient ∇f"), f"{_pair(t.grad[k])}, |∇f| = {np.hypot(*t.grad[k]):.4g}")]
        update = t.update[k]
        if np.isfinite(update).all():
            rows.append((tr("update Δθ"), f"{_pair(update)}, |Δθ| = {np.hypot(*update):.4g}"))
            slope = np.hypot(*t.grad[k])
            if slope > 0:
                rows.append((tr("|Δθ| / (lr·|∇f|)"), f"{np.hypot(*update) / (lr * slope):.4g}"))
        for name, values in t.state.items():
            if np.isfinite(values[k]).all():
                rows.append((tr(STATE_TEXT[name]) if name in STATE_TEXT else name, _pair(values[k])))
        if t.finished and k == len(t.points) - 1:   # the run ends here: say how
            rows.append((tr("Status"), tr(STATUS_TEXT.get(t.status, t.status))))
            if t.status == DIVERGED:
                rows.append(("", tr("the next step overflowed or flew far outside the view: "
                                    "this is the last finite point")))
        cells = "".join(f"<tr><td>{html.escape(a)}&nbsp;&nbsp;</td><td>{html.escape(b)}</td></tr>" for a, b in rows)
        colour = self.colours[self.selected] if self.selected < len(self.colours) else "#000000"
        title = tr("{run}, step {step}").format(run=self._run_label(t), step=f"{k:,}")
        legend = tr("Arrows show directions: red −∇f (steepest descent), white the update taken, "
                    "orange the momentum.")
        return (f"<p><b><span style='color:{colour}'>■</span> {html.escape(title)}</b></p>"
                f"<table>{cells}</table><p>{html.escape(tr(spec.description))}</p>"
                f"<p><i>{html.escape(legend)}</i></p>")

    def _run_label(self, t: Trajectory) -> str:
        return run_label(t.spec)

    def _fill_row(self, index: int) -> None:
        t = self.trajectories[index]
        if t is None:
            cells = ["", tr(STATUS_TEXT["running"]), "", "", "", ""]
        else:
            cells = ["■ " + self._run_label(t), tr(STATUS_TEXT.get(t.status, t.status)), f"{t.steps:,}",
                     _short_pair(t.minimum) if t.minimum is not None else "—", _short_pair(t.final),
                     f"{t.final_loss:.4g}"]
        for column, text in enumerate(cells):
            item = self.table.item(index, column)
            if item is None:
                item = QTableWidgetItem()
                self.table.setItem(index, column, item)
            if item.text() != text:   # an unchanged cell costs the table no new layout
                item.setText(text)
                item.setToolTip(text)
            if column == 0 and index < len(self.colours):
                item.setForeground(_brush(self.colours[index]))

    def _selection_changed(self) -> None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if rows:
            self.select(min(rows))

    def select(self, index: int) -> None:
        self.selected = index
        self.show_step(self.playback.position())
        self.selected_changed.emit(index)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.playback.retranslate()
        for index in range(len(self.trajectories)):
            self._fill_row(index)
        self.losses.relabel([run_label(spec) for spec in self.specs])
        if self.trajectories:
            self.show_step(self.playback.position())
        self.losses.plot.setLabel("bottom", tr("step"))
        self.losses.plot.setLabel("left", tr("f(θ)"))

    # --- pictures -------------------------------------------------------------------------------
    def frame_image(self, step: int) -> np.ndarray:
        """Step `step` drawn, as RGB with a caption naming the surface and the step."""
        if step != self.playback.position():
            self.playback.set_position(step)   # draws it through position_changed
        name = tr(self.surface.label) if self.surface and self.surface.name != surfaces.CUSTOM else (
            self.surface.formula if self.surface else "")
        caption = tr("{surface}, step {step}").format(surface=name, step=f"{step:,}")
        return arena_images.with_caption(self.image(), caption, self.theme.plot_background,
                                         self.theme.plot_foreground)

    def image(self) -> np.ndarray:
        """What is on screen of the 3-D view and the map, side by side, as RGB."""
        pictures = []
        if self.scene_display.isVisible():
            pictures.append(self.scene.image())
        if self.map_box.isVisible():   # the map with its basins legend, when shown
            pictures.append(arena_images.qimage_to_rgb(self.map_box.grab().toImage()))
        background = tuple(int(self.theme.plot_background[i:i + 2], 16) for i in (1, 3, 5)) if self.theme else (255,) * 3
        return arena_images.side_by_side(pictures, background)


def run_label(spec: RunSpec) -> str:
    """'Adam lr=0.001 from (-4, 0)' in the current language."""
    return tr("{optimizer} from {start}").format(optimizer=spec.label(), start=f"({spec.start[0]:g}, {spec.start[1]:g})")


def _brush(colour: str):
    from PySide6.QtGui import QBrush, QColor
    return QBrush(QColor(colour))
