"""The basins map as a picture (PNG): the map with axes' extent, a title and a legend, drawn by Qt.

Used by the arena's "Save map…" and by `torch-playground basins --out FILE.png`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from app import basins, files
from widgets import basins_colours
from widgets.i18n import tr

MAP_SIDE = 640
LEGEND_WIDTH = 300


def title_of(result: basins.BasinsMap) -> str:
    c = result.config
    return tr("{run}, {steps} steps, {n}×{n} starts").format(run=c.run_spec((0.0, 0.0)).label(), steps=c.steps,
                                                           n=result.n)


def legend_text(key: str) -> str:
    return tr(key) if key in basins.OUTCOME_KEYS else key


def picture(result: basins.BasinsMap) -> QImage:
    """The map (y up) beside its legend, on white."""
    rgba = np.ascontiguousarray(basins_colours.rgba(result)[::-1])   # row 0 of an image is its top
    n = result.n
    source = QImage(rgba.data, n, n, 4 * n, QImage.Format.Format_RGBA8888).copy()
    image = QImage(MAP_SIDE + LEGEND_WIDTH + 40, MAP_SIDE + 70, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        font = QFont()
        font.setPointSize(11)
        painter.setFont(font)
        painter.setPen(QColor("#000000"))
        painter.drawText(QRect(20, 8, MAP_SIDE + LEGEND_WIDTH, 24), Qt.AlignmentFlag.AlignLeft, title_of(result))
        target = QRect(20, 40, MAP_SIDE, MAP_SIDE)
        painter.drawImage(target, source)
        x0, x1, y0, y1 = result.extent
        small = QFont(font)
        small.setPointSize(9)
        painter.setFont(small)
        painter.drawText(QRect(20, 42 + MAP_SIDE, MAP_SIDE, 20), Qt.AlignmentFlag.AlignLeft,
                         f"x: {x0:g} … {x1:g},  y: {y0:g} … {y1:g}")
        painter.setFont(font)
        top = 48
        for colour, key, share in basins_colours.legend_entries(result):
            painter.fillRect(QRect(MAP_SIDE + 36, top, 18, 18), QColor(colour))
            painter.drawText(QRect(MAP_SIDE + 62, top - 2, LEGEND_WIDTH - 30, 22), Qt.AlignmentFlag.AlignLeft,
                             f"{legend_text(key)}  {100 * share:.1f}%")
            top += 28
        painter.setFont(small)
        painter.drawText(QRect(MAP_SIDE + 36, top + 6, LEGEND_WIDTH - 10, 60), Qt.TextFlag.TextWordWrap,
                         tr("Darker: more steps to get there."))
    finally:
        painter.end()
    return image


def save_png(result: basins.BasinsMap, path) -> None:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    picture(result).save(buffer, "PNG")
    buffer.close()
    files.write_bytes(path, bytes(data.data()))


def render_basins(result: basins.BasinsMap, path: Path) -> None:
    """The command line's picture (a QApplication is needed for fonts)."""
    from widgets.application import create_app
    create_app()
    save_png(result, path)
