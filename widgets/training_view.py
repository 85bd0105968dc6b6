"""The Training panel's picture: the data with the model's boundary map (or fitted line), the train
and test loss curves with the accuracy, and the network with its weights (the Stepper's drawing)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QWidget

from app import backprop, datasets
from app.decision_map import BoundaryMap
from widgets import plots
from widgets.i18n import tr
from widgets.network_view import NetworkView
from widgets.theme import Theme

MAP_ALPHA = 0.55   # how strongly a confident region is tinted; the points stay readable on top


def class_colours(theme: Theme, classes: int) -> list[QColor]:
    return [QColor(theme.curves[c % len(theme.curves)]) for c in range(max(classes, 2))]


def map_image(boundary: BoundaryMap, theme: Theme) -> np.ndarray:
    """RGBA (rows = y, columns = x) tinting each cell by its class colours, weighted by probability,
    and more strongly the surer the model is."""
    probs = boundary.values
    classes = probs.shape[2]
    colours = np.array([c.getRgbF()[:3] for c in class_colours(theme, classes)])[:classes]
    rgb = probs @ colours
    confidence = (probs.max(axis=2) - 1 / classes) / (1 - 1 / classes)
    alpha = MAP_ALPHA * np.clip(confidence, 0, 1) ** 0.7
    return (np.dstack([rgb, alpha]) * 255).astype(np.ubyte)


class FittedNetworkView(NetworkView):
    """The Stepper's drawing, scaled down to fit when the row is shorter than the drawing's minimum."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(200, 150)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _rebuild(self) -> None:
        super()._rebuild()
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)


class TrainingView(QWidget):
    """Draws what the panel hands it; emits `point_clicked(index)` for a training point clicked."""

    point_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_figure = plots.make_layout()
        self.data_plot = plots.add_plot(self.data_figure, 0, 0)
        self.data_plot.setAspectLocked(False)
        self.map_item = pg.ImageItem(axisOrder="row-major")
        self.map_item.setZValue(-10)
        self.data_plot.addItem(self.map_item)
        self.fit_curve = self.data_plot.plot([], [])
        self.train_points = pg.ScatterPlotItem()
        self.test_points = pg.ScatterPlotItem()
        self.chosen = pg.ScatterPlotItem()
        for item in (self.train_points, self.test_points, self.chosen):
            self.data_plot.addItem(item)
        self.train_points.sigClicked.connect(self._clicked)
        self.curves_figure = plots.make_layout()
        self.loss_plot = plots.add_plot(self.curves_figure, 0, 0)
        self.accuracy_plot = plots.add_plot(self.curves_figure, 1, 0)
        for plot in (self.loss_plot, self.accuracy_plot):
            plots.integer_ticks(plot)
        self.accuracy_plot.setXLink(self.loss_plot)
        self.legend = self.loss_plot.addLegend(offset=(-10, 10))
        self.train_curve = self.loss_plot.plot([], [])
        self.test_curve = self.loss_plot.plot([], [])
        self.accuracy_curve = self.accuracy_plot.plot([], [])
        self.network_view = FittedNetworkView()
        self.theme: Theme | None = None
        self.dataset: datasets.Dataset | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.data_figure, 0, 0)
        grid.addWidget(self.curves_figure, 0, 1)
        grid.addWidget(self.network_view, 1, 0, 1, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)

    # --- drawing -------------------------------------------------------------------------------------
    def show_data(self, dataset: datasets.Dataset, theme: Theme) -> None:
        """The points: training points filled, test points hollow, one colour per class."""
        self.dataset, self.theme = dataset, theme
        outline = pg.mkPen(theme.plot_background, width=1)
        if dataset.info.kind == datasets.REGRESSION:
            colour = theme.curves[0]
            train = [{"pos": (float(x), float(y)), "data": i, "brush": colour, "pen": outline}
                     for i, (x, y) in enumerate(zip(dataset.x_train[:, 0], dataset.y_train[:, 0]))]
            test = [{"pos": (float(x), float(y)), "brush": None, "pen": pg.mkPen(colour, width=2)}
                    for x, y in zip(dataset.x_test[:, 0], dataset.y_test[:, 0])]
            plots.set_labels(self.data_plot, "x", "y", theme)
        else:
            colours = class_colours(theme, dataset.info.classes)
            train = [{"pos": (float(p[0]), float(p[1])), "data": i, "brush": colours[int(c)], "pen": outline}
                     for i, (p, c) in enumerate(zip(dataset.x_train, dataset.y_train))]
            test = [{"pos": (float(p[0]), float(p[1])), "brush": None, "pen": pg.mkPen(colours[int(c)], width=2)}
                    for p, c in zip(dataset.x_test, dataset.y_test)]
            plots.set_labels(self.data_plot, "x₁", "x₂", theme)
        self.train_points.setData(train, size=9, symbol="o")
        self.test_points.setData(test, size=9, symbol="o")
        x0, x1, y0, y1 = dataset.bounds()
        self.data_plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        plots.set_title(self.data_plot, tr("Data: filled = training, hollow = test"), theme)
        self.map_item.clear()
        self.fit_curve.setData([], [])

    def show_boundary(self, boundary: BoundaryMap | None) -> None:
        if boundary is None or self.theme is None:
            return
        if boundary.kind == datasets.REGRESSION:
            self.map_item.clear()
            self.fit_curve.setData(boundary.xs, boundary.values, pen=plots.curve_pen(self.theme, 1, width=3))
            return
        self.fit_curve.setData([], [])
        x0, x1, y0, y1 = boundary.bounds
        self.map_item.setImage(map_image(boundary, self.theme), autoLevels=False)
        self.map_item.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))

    def show_chosen(self, position: tuple[float, float] | None) -> None:
        if position is None or self.theme is None:
            self.chosen.setData([])
            return
        self.chosen.setData([{"pos": position}], size=22, symbol="o", brush=None,
                            pen=pg.mkPen(self.theme.plot_foreground, width=3))

    def show_history(self, epochs: np.ndarray, train: np.ndarray, test: np.ndarray, accuracy: np.ndarray) -> None:
        theme = self.theme
        if theme is None:
            return
        self.train_curve.setData(epochs, train, pen=plots.curve_pen(theme, 0), name=tr("train loss"))
        self.test_curve.setData(epochs, test, pen=plots.curve_pen(theme, 1, dashed=True), name=tr("test loss"))
        self.legend.clear()
        self.legend.addItem(self.train_curve, tr("train loss"))
        self.legend.addItem(self.test_curve, tr("test loss"))
        has_accuracy = accuracy.size > 0 and not np.isnan(accuracy).all()
        self.accuracy_plot.setVisible(bool(has_accuracy))
        if has_accuracy:
            self.accuracy_curve.setData(epochs, accuracy * 100, pen=plots.curve_pen(theme, 2))
            self.accuracy_plot.setYRange(0, 100, padding=0.05)
        plots.set_labels(self.loss_plot, tr("epoch"), tr("loss"), theme)
        plots.set_labels(self.accuracy_plot, tr("epoch"), tr("test accuracy (%)"), theme)
        plots.set_title(self.loss_plot, tr("Loss"), theme)

    def show_network(self, spec) -> None:
        """The network with its current weights: the Stepper's drawing, before any step."""
        if self.theme is None:
            return
        trace = backprop.step(spec)
        self.network_view.show_state(trace, 0, self.theme, highlight=False)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        for figure in (self.data_figure, self.curves_figure):
            plots.apply_background(figure, theme)
        for plot in (self.data_plot, self.loss_plot, self.accuracy_plot):
            plots.style_plot(plot, theme)

    def _clicked(self, _item, points, *_args) -> None:
        if len(points):
            self.point_clicked.emit(int(points[0].data()))
