"""The arena's 2-D figures: the contour map with trajectories and arrows, and loss against step."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtWidgets import QGraphicsItem

from app import surfaces
from app.trajectories import Trajectory
from widgets import plots
from widgets.arena_scene import COLORMAP
from widgets.theme import Theme

MAX_DRAWN = 800     # points of a path drawn per frame: denser paths are thinned evenly (the last point kept)
BANDS = 18          # colour bands on the map: read like contour lines, cost one image
ARROW_SPAN = 0.12
LOG_FLOOR = 1e-12   # arrows show directions, each this fraction of the view long


class ContourPlot(pg.GraphicsLayoutWidget):
    """Heights as colour bands (log-scaled where the surface asks), runs as lines with a head."""

    clicked = Signal(float, float)   # a click on the map, in surface coordinates

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setMinimumSize(240, 200)
        self.plot = plots.add_plot(self, 0, 0)
        self.plot.setAspectLocked(True)
        self.plot.setMenuEnabled(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(pg.colormap.get(COLORMAP))
        self.plot.addItem(self.image)
        self.marks = pg.ScatterPlotItem(size=12, pxMode=True)
        self.starts = pg.ScatterPlotItem(size=9, pxMode=True, symbol="s")
        self.heads = pg.ScatterPlotItem(size=11, pxMode=True)
        self.paths: list[pg.PlotDataItem] = []
        self.halos: list[pg.PlotDataItem] = []   # a band of the background's colour under each path
        # Contour lines over the basins map (which hides the height bands): shown on request.
        self.lines = pg.PlotDataItem(connect="finite", antialias=True)
        self.lines.setZValue(7)
        self.lines.hide()
        self.plot.addItem(self.lines)
        self._line_source: tuple | None = None   # (heights, levels, x, y, pen colour, key) the lines come from
        self._lines_key = None
        self.halo_colour = "#ffffff"
        self.data: list[np.ndarray] = []
        self.pens: list[str] = []
        self.arrows = {name: (pg.PlotDataItem(), pg.ArrowItem(headLen=14, tailLen=0, pen=None))
                       for name in ("gradient", "update", "momentum")}
        for item in (self.marks, self.starts, self.heads):
            item.setZValue(20)
            self.plot.addItem(item)
        for depth, (line, head) in enumerate(self.arrows.values()):
            line.setZValue(32 - 2 * depth)   # gradient on top of the update, both over momentum
            head.setZValue(33 - 2 * depth)
            self.plot.addItem(line)
            self.plot.addItem(head)
        self.span = 1.0
        self._brushes: list = []
        self._head_pen = pg.mkPen("#ffffff", width=1.5)
        self._angles: dict[str, float] = {}
        for name, (line, _head) in self.arrows.items():
            line.setPen(pg.mkPen(ARROW_COLOURS[name], width=ARROW_WIDTHS[name]))
            _head.setStyle(brush=ARROW_COLOURS[name])
        cache_static(self.plot, self.image)
        self.scene().sigMouseClicked.connect(self._mouse_clicked)

    def set_surface(self, grid: surfaces.Grid, surface: surfaces.Surface, log: bool, theme: Theme) -> None:
        plots.apply_background(self, theme)
        plots.style_plot(self.plot, theme)
        self.plot.showGrid(x=False, y=False)
        heights = surfaces.height_for_display(grid.z, log)
        finite = heights[np.isfinite(heights)]
        low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        banded = np.floor((heights - low) / ((high - low) or 1.0) * BANDS) / BANDS
        levels = low + (high - low) * np.arange(1, BANDS) / BANDS   # the bands' borders
        # What the lines depend on (the surface, its scale, their colour): the key that skips redrawing them.
        self._line_source = (heights, levels, grid.x, grid.y, theme.plot_foreground, (surface, log, theme.plot_foreground))
        self.halo_colour = theme.plot_background
        if self.lines.isVisible():
            self._draw_lines()
        self.image.setImage(np.nan_to_num(banded.T, nan=1.0), levels=(0.0, 1.0))
        x0, x1, y0, y1 = surface.bounds
        # Sample k lies at x0 + k·dx (linspace over the view): its pixel is centred there, so the
        # bands line up with the contour lines and the basins map (the half pixel over the edge
        # is outside the plot's range).
        dx, dy = (x1 - x0) / (len(grid.x) - 1), (y1 - y0) / (len(grid.y) - 1)
        self.image.setRect(QRectF(x0 - dx / 2, y0 - dy / 2, x1 - x0 + dx, y1 - y0 + dy))
        self.plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        self.span = max(x1 - x0, y1 - y0)
        spots = [{"pos": p, "symbol": "+", "brush": "#e02020", "pen": pg.mkPen("#ffffff", width=1)}
                 for p in surface.minima]
        spots += [{"pos": p, "symbol": "x", "brush": "#ffffff", "pen": pg.mkPen("#000000", width=1)}
                  for p in surface.maxima + surface.saddles]
        self.marks.setData(spots)

    def show_lines(self, on: bool) -> None:
        """Contour lines at the bands' borders, drawn over whatever covers the bands (the basins map)."""
        self.lines.setVisible(on)
        if on:
            self._draw_lines()

    def _draw_lines(self) -> None:
        if self._line_source is None:
            return
        heights, levels, xs, ys, colour, key = self._line_source
        if key == self._lines_key:
            return
        self._lines_key = key
        x, y = contour_lines(heights, levels, xs, ys)
        pen = pg.mkColor(colour)
        pen.setAlpha(120)
        self.lines.setData(x, y, pen=pg.mkPen(pen, width=1))

    def set_runs(self, trajectories: list[Trajectory | None], colours: list[str],
                 starts: list[tuple[float, float]] = ()) -> None:
        while len(self.paths) < len(trajectories):
            halo = pg.PlotDataItem()
            halo.setZValue(9)
            self.plot.addItem(halo)
            self.halos.append(halo)
            item = pg.PlotDataItem()
            item.setZValue(10)
            self.plot.addItem(item)
            self.paths.append(item)
        for item in self.paths[len(trajectories):] + self.halos[len(trajectories):]:
            item.setData([], [])
        self.pens = list(colours)
        self._brushes = [pg.mkBrush(c) for c in colours]   # made once: set_frame runs 30 times a second
        self.heads.setData([])
        self.data = []
        for index, t in enumerate(trajectories):
            self.update_run(index, t)
        starts = list(starts) or [t.spec.start for t in trajectories if t is not None]
        self.starts.setData([{"pos": start, "brush": colour, "pen": pg.mkPen("#ffffff")}
                             for start, colour in zip(starts, colours)])

    def update_run(self, index: int, trajectory: Trajectory | None) -> None:
        while len(self.data) <= index:
            self.data.append(np.zeros((0, 2)))
        self.data[index] = trajectory.points if trajectory is not None else np.zeros((0, 2))
        self.paths[index].setPen(pg.mkPen(self.pens[index], width=2))
        halo = pg.mkColor(self.halo_colour)
        halo.setAlpha(210)
        self.halos[index].setPen(pg.mkPen(halo, width=5))

    def set_frame(self, step: int, selected: Trajectory | None, selected_step: int) -> None:
        heads, brushes = [], []
        for index, points in enumerate(self.data):
            shown = thinned(points[:step + 1])
            self.paths[index].setData(shown[:, 0], shown[:, 1])
            self.halos[index].setData(shown[:, 0], shown[:, 1])
            if len(shown):
                heads.append(shown[-1])
                brushes.append(self._brushes[index])
        self.heads.setData(pos=np.array(heads).reshape(-1, 2), brush=brushes, pen=self._head_pen)
        self._draw_arrows(selected, selected_step)

    def drawn_heads(self) -> np.ndarray:
        return np.array([[p.x(), p.y()] for p in (s.pos() for s in self.heads.points())])

    def _draw_arrows(self, t: Trajectory | None, k: int) -> None:
        """−gradient (the way down), the update actually taken, and the momentum direction."""
        vectors = {}
        if t is not None and 0 <= k < len(t.points):
            vectors["gradient"] = -t.grad[k]
            vectors["update"] = t.update[k]
            momentum = next((t.state[n][k] for n in ("momentum_buffer", "exp_avg") if n in t.state), None)
            if momentum is not None:
                vectors["momentum"] = -momentum
        for name, (line, head) in self.arrows.items():
            vector = vectors.get(name)
            norm = float(np.hypot(*vector)) if vector is not None and np.isfinite(vector).all() else 0.0
            if norm == 0.0:
                line.hide()
                head.hide()
                continue
            start = t.points[k]
            end = start + vector / norm * ARROW_SPAN * self.span
            line.setData([start[0], end[0]], [start[1], end[1]])
            angle = round(180 - math.degrees(math.atan2(end[1] - start[1], end[0] - start[0])))
            if self._angles.get(name) != angle:   # a new angle rebuilds the arrow's shape
                self._angles[name] = angle
                head.setStyle(angle=angle)
            head.setPos(QPointF(end[0], end[1]))
            line.show()
            head.show()

    def _mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.double():
            return
        if self.plot.vb.sceneBoundingRect().contains(event.scenePos()):
            point = self.plot.vb.mapSceneToView(event.scenePos())
            self.clicked.emit(point.x(), point.y())


ARROW_COLOURS = {"gradient": "#ff3030", "update": "#ffffff", "momentum": "#ffb000"}
ARROW_WIDTHS = {"gradient": 3, "update": 2, "momentum": 6}


class LossPlot(pg.GraphicsLayoutWidget):
    """f against step for every run (log axis when every value is positive), a line at the frame."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setMinimumSize(240, 140)
        self.plot = plots.add_plot(self, 0, 0)
        self.plot.setMenuEnabled(False)
        self.curves: list[pg.PlotDataItem] = []
        self.cursor = pg.InfiniteLine(angle=90, movable=False)
        self.plot.addItem(self.cursor, ignoreBounds=True)
        self.log = False
        cache_static(self.plot)

    def set_runs(self, trajectories: list[Trajectory | None], colours: list[str], theme: Theme,
                 labels: list[str] = ()) -> None:
        if self.plot.legend is None:
            # Bottom left: losses start high on the left and fall to the right, so it stays clear.
            self.plot.addLegend(offset=(8, -8), labelTextSize="8pt", verSpacing=-6)
        self.plot.legend.clear()
        plots.apply_background(self, theme)
        plots.style_plot(self.plot, theme)
        self.cursor.setPen(pg.mkPen(theme.plot_foreground, width=1, style=Qt.PenStyle.DotLine))
        while len(self.curves) < len(trajectories):
            curve = pg.PlotDataItem(antialias=False)
            curve.setDownsampling(auto=True, method="peak")
            curve.setClipToView(True)
            # Only the step cursor moves while playing: the curves repaint from a cached pixmap.
            curve.curve.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            self.plot.addItem(curve)
            self.curves.append(curve)
        for curve in self.curves[len(trajectories):]:
            curve.setData([], [])
        self.colours = list(colours)
        for index, t in enumerate(trajectories):
            self.update_run(index, t, trajectories)
        for curve, label in zip(self.curves, labels):   # the legend of every view's colours
            self.plot.legend.addItem(curve, label)

    def update_run(self, index: int, trajectory: Trajectory | None, everything: list) -> None:
        losses = [t.loss for t in everything if t is not None and len(t.loss)]
        # A log axis unless some f is negative (a saddle, a typed surface); an exact 0 is drawn at 1e-12.
        log = all(np.nanmin(loss) >= 0 for loss in losses) if losses else True
        if log != self.log:
            self.log = log
            self.plot.setLogMode(y=log)
            for other, t in enumerate(everything):
                if other != index:
                    self._draw(other, t)
        self._draw(index, trajectory)

    def _draw(self, index: int, trajectory: Trajectory | None) -> None:
        self.curves[index].setPen(pg.mkPen(self.colours[index], width=1))
        if trajectory is None:
            self.curves[index].setData([], [])
            return
        loss = np.maximum(trajectory.loss, LOG_FLOOR) if self.log else trajectory.loss
        self.curves[index].setData(np.arange(len(loss)), loss)

    def relabel(self, labels: list[str]) -> None:
        """New legend texts (the language changed)."""
        if self.plot.legend is not None:
            for (_sample, label), text in zip(self.plot.legend.items, labels):
                label.setText(text)

    def set_frame(self, step: int) -> None:
        self.cursor.setPos(step)


def thinned(points: np.ndarray, limit: int = MAX_DRAWN) -> np.ndarray:
    """At most about `limit` evenly spaced points of a path, always with its last point.

    Adam with lr 1e-3 takes thousands of steps shorter than a pixel; drawing all of them every
    frame costs the frame rate and changes nothing on screen.
    """
    if len(points) <= limit:
        return points
    stride = -(-len(points) // limit)
    kept = points[::stride]
    return kept if (len(points) - 1) % stride == 0 else np.vstack([kept, points[-1:]])


def contour_lines(heights: np.ndarray, levels, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lines where `heights` (heights[i, j] at (xs[i], ys[j])) crosses each level, as x and y arrays
    with NaN between pieces (one item draws them all)."""
    pieces = []
    dx = (xs[-1] - xs[0]) / (len(xs) - 1)
    dy = (ys[-1] - ys[0]) / (len(ys) - 1)
    data = np.nan_to_num(heights, nan=np.nanmax(heights) if np.isfinite(heights).any() else 0.0)
    for level in levels:
        for line in pg.functions.isocurve(data, float(level), connected=True):
            points = np.asarray(line, dtype=np.float64) - 0.5   # isocurve puts sample (i, j) at i + ½, j + ½
            pieces.append(np.column_stack([xs[0] + points[:, 0] * dx, ys[0] + points[:, 1] * dy]))
            pieces.append(np.full((1, 2), np.nan))
    if not pieces:
        return np.zeros(0), np.zeros(0)
    joined = np.vstack(pieces)
    return joined[:, 0], joined[:, 1]


def cache_static(plot: pg.PlotItem, *items) -> None:
    """Axes (and `items`) repaint from a pixmap: while playing, only the moving items are drawn."""
    for name in ("left", "bottom"):
        plot.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    for item in items:
        item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
