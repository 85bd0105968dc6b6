"""Shared plot pieces: themed pyqtgraph layouts, crosshairs, bar charts and file export."""

from __future__ import annotations

import html
import math
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from pyqtgraph import exporters
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator

from app import files
from widgets.theme import Theme

IMAGE_FORMATS = ("png", "svg")


class ReadableAxis(pg.AxisItem):
    """One level of ticks and grid lines: the coarsest spacing that still labels 3 or more values.

    pyqtgraph's minor level draws a second set of grid lines, which doubles the cost of every
    repaint on the CPU renderer (bench/redraw.py); dropping it alone can leave a narrow range
    with a single label. Plain numbers, no '(x0.001)' unit prefix a student would misread.
    """

    def __init__(self, orientation: str, **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)
        self.integer = False   # set by integer_ticks(): counts have no tick at 0.2

    def tickSpacing(self, minVal: float, maxVal: float, size: float):
        levels = super().tickSpacing(minVal, maxVal, size)
        if self.integer:
            levels = [(s, o) for s, o in levels if s >= 1 and float(s).is_integer()] or [(1.0, 0.0)]
        for spacing, offset in levels:
            if spacing > 0 and math.floor(maxVal / spacing) - math.ceil(minVal / spacing) + 1 >= 3:
                return [(spacing, offset)]
        return levels[-1:]


def make_layout() -> pg.GraphicsLayoutWidget:
    layout = pg.GraphicsLayoutWidget()
    layout.setMinimumSize(320, 240)
    return layout


def add_plot(layout: pg.GraphicsLayoutWidget, row: int, col: int, **kwargs) -> pg.PlotItem:
    """A plot in `layout` with readable axes (every plot of the app is made here)."""
    return layout.addPlot(row=row, col=col, axisItems={"left": ReadableAxis("left"),
                                                       "bottom": ReadableAxis("bottom")}, **kwargs)


def integer_ticks(plot: pg.PlotItem, axis: str = "bottom") -> None:
    """Ticks on whole numbers only, for an axis that counts (steps, updates)."""
    plot.getAxis(axis).integer = True


def style_plot(plot: pg.PlotItem, theme: Theme) -> None:
    """Axis lines, tick labels and titles in the theme's foreground colour."""
    pen = pg.mkPen(theme.plot_foreground)
    for name in ("left", "bottom", "right", "top"):
        axis = plot.getAxis(name)
        axis.setPen(pen)
        axis.setTextPen(pen)
    plot.showGrid(x=True, y=True, alpha=0.25)
    if plot.legend is not None:
        plot.legend.setLabelTextColor(theme.plot_foreground)
        plot.legend.setBrush(pg.mkBrush(theme.plot_background + "c0"))


def _changed(plot: pg.PlotItem, what: str, value) -> bool:
    """Remember `value` on the plot; True if it differs from last time.

    Setting a title or an axis label re-lays out the whole figure, which costs more than a
    redraw while a slider drags: skip it when nothing changed.
    """
    memo = plot.__dict__.setdefault("_playground_memo", {})
    if memo.get(what) == value:
        return False
    memo[what] = value
    return True


def set_title(plot: pg.PlotItem, text: str, theme: Theme) -> None:
    """A plain-text title (pyqtgraph reads titles as HTML: '<' must be escaped)."""
    if _changed(plot, "title", (text, theme.name)):
        plot.setTitle(html.escape(text), color=theme.plot_foreground, size="11pt")


def set_labels(plot: pg.PlotItem, bottom: str, left: str, theme: Theme) -> None:
    if _changed(plot, "labels", (bottom, left, theme.name)):
        style = {"color": theme.plot_foreground, "font-size": "10pt"}
        plot.setLabel("bottom", bottom, **style)
        plot.setLabel("left", left, **style)


def apply_background(layout: pg.GraphicsLayoutWidget, theme: Theme) -> None:
    layout.setBackground(theme.plot_background)


def curve_pen(theme: Theme, index: int, width: float = 2.0, dashed: bool = False) -> pg.QtGui.QPen:
    pen = pg.mkPen(theme.curves[index % len(theme.curves)], width=width)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def bars(plot: pg.PlotItem, values: np.ndarray, colour: str, *, x0: float = 0.0,
         width: float = 0.6) -> pg.BarGraphItem:
    """Add a bar chart of `values` at x = x0, x0 + 1, ... (negative values hang below zero)."""
    x = np.arange(len(values), dtype=float) + x0
    item = pg.BarGraphItem(x=x, height=np.asarray(values, dtype=float), width=width,
                           brush=pg.mkBrush(colour), pen=pg.mkPen(colour))
    plot.addItem(item)
    return item


def index_ticks(plot: pg.PlotItem, labels: list[str], axis: str = "bottom") -> None:
    plot.getAxis(axis).setTicks([list(enumerate(labels))])


def export_image(layout: pg.GraphicsLayoutWidget, path: str | Path) -> None:
    """Write the whole figure (every plot in the layout) as PNG or SVG, atomically."""
    path = Path(path)
    ext = path.suffix.lower().lstrip(".")
    if ext not in IMAGE_FORMATS:
        raise ValueError(f"cannot export an image as '.{ext}'; use .png or .svg")
    with files.atomic_path(path) as tmp:
        if ext == "png":
            # At the on-screen size: legends and value labels ignore the painter's scale, so
            # a scaled-up export would shrink them next to everything else.
            exporters.ImageExporter(layout.ci).export(str(tmp))
        else:
            _export_svg(layout, tmp)


def _export_svg(layout: pg.GraphicsLayoutWidget, path: Path) -> None:
    """Vector SVG through Qt's own generator (pyqtgraph 0.14's SVGExporter fails on Qt 6.11's 'Z' paths)."""
    source = layout.ci.sceneBoundingRect()
    size = source.size().toSize()
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle("Torch Playground")
    painter = QPainter(generator)
    try:
        painter.fillRect(QRectF(0, 0, size.width(), size.height()), layout.backgroundBrush())
        layout.scene().render(painter, QRectF(0, 0, size.width(), size.height()), source)
    finally:
        painter.end()


class Crosshair:
    """A vertical line that follows the mouse across linked plots and reports the x under it."""

    def __init__(self, plots: list[pg.PlotItem], on_move) -> None:
        self._plots = plots
        self._on_move = on_move
        self.lines = [pg.InfiniteLine(angle=90, movable=False) for _ in plots]
        for plot, line in zip(plots, self.lines):
            plot.addItem(line, ignoreBounds=True)
            line.hide()
            plot.scene().sigMouseMoved.connect(self._mouse_moved)

    def set_pen(self, colour: str) -> None:
        for line in self.lines:
            line.setPen(pg.mkPen(colour, width=1, style=Qt.PenStyle.DotLine))

    def _mouse_moved(self, pos) -> None:
        for plot in self._plots:
            if plot.sceneBoundingRect().contains(pos):
                self.move_to(plot.vb.mapSceneToView(pos).x())
                return

    def move_to(self, x: float) -> None:
        for line in self.lines:
            line.setPos(x)
            line.show()
        self._on_move(x)
