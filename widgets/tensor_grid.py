"""A tensor's values as a grid of cells coloured by value, drawn with QPainter.

The colours come from the theme: a diverging scale (blue below zero, red above) when values
have both signs, a one-colour scale otherwise; each cell's text is black or white, whichever
reads better on it, so both themes stay legible.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from widgets.theme import Theme

CELL_W, CELL_H = 60, 26
HEADER_W, HEADER_H = 40, 20

# Ends of the scales: ColorBrewer RdBu, lighter on the dark theme so they stay distinct from it.
_SCALES = {
    "light": {"neutral": "#f7f7f7", "low": "#2166ac", "high": "#b2182b", "true": "#1b7837"},
    "dark": {"neutral": "#3a3a3a", "low": "#4393c3", "high": "#d6604d", "true": "#5aae61"},
}


def mono_font(size: int = 9) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(size)
    return font


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    t = min(max(t, 0.0), 1.0)
    return QColor(round(a.red() + (b.red() - a.red()) * t), round(a.green() + (b.green() - a.green()) * t),
                  round(a.blue() + (b.blue() - a.blue()) * t))


def text_on(colour: QColor) -> QColor:
    """Black or white, whichever contrasts more with `colour` (relative luminance)."""
    def linear(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    luminance = 0.2126 * linear(colour.red()) + 0.7152 * linear(colour.green()) + 0.0722 * linear(colour.blue())
    return QColor("#000000") if luminance > 0.179 else QColor("#ffffff")


class ValueColours:
    """Maps values to cell colours for one tensor: its range decides the scale."""

    def __init__(self, theme: Theme, low: float, high: float, boolean: bool = False) -> None:
        scale = _SCALES.get(theme.name, _SCALES["light"])
        self.neutral, self.low, self.high = QColor(scale["neutral"]), QColor(scale["low"]), QColor(scale["high"])
        self.true = QColor(scale["true"])
        self.nan = QColor("#9a9a9a")
        self.boolean = boolean
        self.diverging = low < 0 < high
        self.span = max(abs(low), abs(high)) if self.diverging else (high - low)
        self.origin = 0.0 if self.diverging else low

    def colour(self, value: float) -> QColor:
        if not math.isfinite(value):
            return self.nan
        if self.boolean:
            return self.true if value else self.neutral
        if self.span <= 0:
            return _mix(self.neutral, self.high, 0.35)
        if self.diverging:
            end = self.high if value >= 0 else self.low
            return _mix(self.neutral, end, abs(value) / self.span)
        return _mix(self.neutral, self.high if self.origin >= 0 else self.low, 0.15 + 0.85 * (value - self.origin)
                    / self.span)


def format_value(value: float, integer: bool, boolean: bool) -> str:
    if boolean:
        return "True" if value else "False"
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if integer:
        return str(int(value))
    for text in (f"{value:.4g}", f"{value:.3g}", f"{value:.1e}"):   # the most digits that fit a cell
        if len(text) <= 7:
            return text
    return text


def draw_cell(painter: QPainter, rect: QRectF, fill: QColor, text: str, border: QColor, ghost: bool = False) -> None:
    """One cell; a ghost (a value broadcasting repeats) is faded and outlined with dashes."""
    if ghost:
        fill = QColor(fill)
        fill.setAlpha(90)
    painter.fillRect(rect, fill)
    pen = QPen(border)
    pen.setStyle(Qt.PenStyle.DashLine if ghost else Qt.PenStyle.SolidLine)
    painter.setPen(pen)
    painter.drawRect(rect)
    colour = text_on(fill if not ghost else _mix(fill, QColor(border), 0.0))
    if ghost:
        colour = QColor(border)
    painter.setPen(colour)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


class TensorGrid(QWidget):
    """One page of a 2-D slice: row and column indices around cells coloured by value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values = np.zeros((0, 0))
        self.row0 = self.col0 = 0
        self.dims = 2
        self.integer = self.boolean = False
        self.colours: ValueColours | None = None
        self.theme: Theme | None = None
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_page(self, values: np.ndarray, row0: int, col0: int, integer: bool, boolean: bool,
                 colours: ValueColours, theme: Theme, dims: int = 2) -> None:
        """`dims`: the tensor's own dimensions; a 1-D tensor has no row index, a 0-D one no index at all."""
        self.values = np.atleast_2d(values)
        self.dims = dims
        self.row0, self.col0 = row0, col0
        self.integer, self.boolean = integer, boolean
        self.colours, self.theme = colours, theme
        self.updateGeometry()
        self.resize(self.sizeHint())
        self.update()

    def sizeHint(self) -> QSize:
        rows, cols = self.values.shape
        return QSize(HEADER_W + cols * CELL_W + 2, HEADER_H + rows * CELL_H + 2)

    def cell_text(self, row: int, col: int) -> str:
        return format_value(float(self.values[row, col]), self.integer, self.boolean)

    def paintEvent(self, event) -> None:
        if self.colours is None or self.theme is None:
            return
        painter = QPainter(self)
        painter.setFont(mono_font())
        text = QColor(self.theme.text)
        border = QColor(self.theme.text)
        border.setAlpha(70)
        rows, cols = self.values.shape
        painter.setPen(text)
        for j in range(cols if self.dims >= 1 else 0):
            painter.drawText(QRectF(HEADER_W + j * CELL_W, 0, CELL_W, HEADER_H), Qt.AlignmentFlag.AlignCenter,
                             str(self.col0 + j))
        for i in range(rows):
            painter.setPen(text)
            if self.dims >= 2:   # x[0] of a 1-D x is its first value, not a row: no "0" beside the row
                painter.drawText(QRectF(0, HEADER_H + i * CELL_H, HEADER_W - 4, CELL_H),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(self.row0 + i))
            for j in range(cols):
                value = float(self.values[i, j])
                rect = QRectF(HEADER_W + j * CELL_W, HEADER_H + i * CELL_H, CELL_W, CELL_H)
                draw_cell(painter, rect, self.colours.colour(value), self.cell_text(i, j), border)
        painter.end()
