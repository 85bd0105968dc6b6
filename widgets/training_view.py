"""The Training panel's picture: the data with the model's boundary map (or fitted line), the train
and test loss curves with the accuracy, and the network with its weights (the Stepper's drawing)."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QLabel, QToolTip, QVBoxLayout, QWidget

from app import datasets
from app.decision_map import BoundaryMap
from widgets import plots
from widgets.i18n import tr
from widgets.network_view import RADIUS, VMARGIN, NetworkView
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
    """The Stepper's drawing at the row's own size (scaled down only when its units need more room),
    the weights shown as the lines' colour and thickness: a weight is written on its line only where
    the label crosses no other line and no other text (small networks); every line shows its value
    on hover."""

    edge_label_limit = 8          # a layer pair of more edges is a web: its values are on hover
    labels_clear_of_edges = True
    MIN_WIDTH = 360
    UNIT_PITCH = 2 * RADIUS + 8   # vertical room per unit in the tallest column

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(200, 200)   # a 4-unit column at full size, once the window is 800 high
        self.clicked_text = ""
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _scene_size(self) -> tuple[int, int]:
        """The viewport's size, enlarged in both directions by the same factor when the tallest
        column needs more height: scaled back to fit, the drawing then fills the whole row."""
        tallest = max(self.trace.spec.layers) if self.trace is not None else 1
        needed = tallest * self.UNIT_PITCH + 2 * VMARGIN
        width, height = max(self.viewport().width(), 1), max(self.viewport().height(), 1)
        grow = max(1.0, needed / height)
        return max(int(width * grow), self.MIN_WIDTH), max(int(height * grow), needed)

    def _rebuild(self) -> None:
        super()._rebuild()
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def mousePressEvent(self, event) -> None:
        """A click on a line or a unit shows its value at once (easier than hovering on a projector)."""
        for item in self.items(event.position().toPoint()):
            if item.toolTip():
                self.clicked_text = item.toolTip()
                QToolTip.showText(event.globalPosition().toPoint(), self.clicked_text, self)
                return
        super().mousePressEvent(event)


class TrainingView(QWidget):
    """Draws what the panel hands it; emits `point_clicked(index)` for a training point clicked."""

    point_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_figure = plots.make_layout()
        self.data_caption = _caption()
        self.network_caption = _caption()
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
            # Left playing for a lesson, a run has 10⁵ epochs: draw a few points per pixel, not all of them.
            plot.setDownsampling(auto=True, mode="peak")
            plot.setClipToView(True)
        self.accuracy_plot.setXLink(self.loss_plot)
        self.legend = self.loss_plot.addLegend(offset=(-10, 10))
        self.train_curve = self.loss_plot.plot([], [])
        self.test_curve = self.loss_plot.plot([], [])
        self.accuracy_legend = self.accuracy_plot.addLegend(offset=(-10, -10))
        self.train_accuracy_curve = self.accuracy_plot.plot([], [])
        self.accuracy_curve = self.accuracy_plot.plot([], [])   # on the test set
        self.network_view = FittedNetworkView()
        self.theme: Theme | None = None
        self.dataset: datasets.Dataset | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(_stacked(self.data_figure, self.data_caption), 0, 0)
        grid.addWidget(self.curves_figure, 0, 1)
        grid.addWidget(_stacked(self.network_view, self.network_caption), 1, 0, 1, 2)
        grid.setRowStretch(0, 4)
        grid.setRowStretch(1, 3)

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
        self.retranslate()
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

    def retranslate(self) -> None:
        """The titles and captions in the current language and colours."""
        theme, dataset = self.theme, self.dataset
        self.network_caption.setText(tr("Line colour: the weight's sign (blue +, orange −); thickness: |w|. "
                                        "Hover or click a line or a unit for its value."))
        if theme is None or dataset is None:
            return
        plots.set_title(self.data_plot, tr("Data: filled = training, hollow = test"), theme)
        self.data_caption.setText(data_legend(dataset, theme))

    def show_history(self, epochs: np.ndarray, train: np.ndarray, test: np.ndarray, accuracy: np.ndarray,
                     train_accuracy: np.ndarray | None = None) -> None:
        """Train (solid) and test (dashed) loss, and, for classification, train and test accuracy."""
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
            if train_accuracy is None or train_accuracy.shape != accuracy.shape:
                train_accuracy = np.full_like(accuracy, np.nan)
            self.train_accuracy_curve.setData(epochs, train_accuracy * 100, pen=plots.curve_pen(theme, 0),
                                              connect="finite")
            self.accuracy_curve.setData(epochs, accuracy * 100, pen=plots.curve_pen(theme, 1, dashed=True),
                                        connect="finite")
            self.accuracy_legend.clear()
            self.accuracy_legend.addItem(self.train_accuracy_curve, tr("train accuracy"))
            self.accuracy_legend.addItem(self.accuracy_curve, tr("test accuracy"))
            self.accuracy_plot.setYRange(0, 100, padding=0.05)
        plots.set_labels(self.loss_plot, tr("epoch"), tr("loss"), theme)
        plots.set_labels(self.accuracy_plot, tr("epoch"), tr("accuracy (%)"), theme)
        plots.set_title(self.loss_plot, tr("Loss"), theme)

    def show_network(self, spec) -> None:
        """The network with its current weights: the Stepper's drawing, before any step."""
        if self.theme is None:
            return
        self.network_view.show_weights(spec, self.theme)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.retranslate()   # the legend's swatches are in the theme's colours
        for figure in (self.data_figure, self.curves_figure):
            plots.apply_background(figure, theme)
        for plot in (self.data_plot, self.loss_plot, self.accuracy_plot):
            plots.style_plot(plot, theme)

    def _clicked(self, _item, points, *_args) -> None:
        if len(points):
            self.point_clicked.emit(int(points[0].data()))


def _caption() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setContentsMargins(6, 0, 6, 2)
    return label


def _stacked(top: QWidget, caption: QLabel) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(top, 1)
    layout.addWidget(caption)
    return box


def _swatch(colour: QColor, text: str) -> str:
    return f'<span style="color:{colour.name()}; font-size:large">●</span>&nbsp;{html.escape(text)}'


def data_legend(dataset: datasets.Dataset, theme: Theme) -> str:
    """Which colour is which class, and what the background shading (or the line) means: rich text."""
    if dataset.info.kind == datasets.REGRESSION:
        return " &nbsp; ".join([_swatch(QColor(theme.curves[0]), tr("data points")),
                                _swatch(QColor(theme.curves[1]), tr("line: the model's prediction ŷ = f(x)"))])
    colours = class_colours(theme, dataset.info.classes)
    swatches = " &nbsp; ".join(_swatch(colours[c], tr("class {0}").format(c)) for c in range(dataset.info.classes))
    if dataset.info.kind == datasets.MULTICLASS:
        shading = tr("Shading: the class the model predicts, paler where it is unsure.")
    else:
        shading = tr("Shading: the model's probability of class 1, paler near the boundary (0.5).")
    return f"{swatches} &nbsp; {html.escape(shading)}"
