"""Pictures of the arena as numpy arrays: grabbed widgets side by side, for PNG, GIF and MP4."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def qimage_to_rgb(image: QImage) -> np.ndarray:
    """(h, w, 3) uint8 RGB copy of a QImage."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    h, w, stride = image.height(), image.width(), image.bytesPerLine()
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=h * stride).reshape(h, stride)
    return data[:, :w * 3].reshape(h, w, 3).copy()


def side_by_side(images: list[np.ndarray], background: tuple[int, int, int] = (255, 255, 255)) -> np.ndarray:
    """Images in a row, top-aligned, on `background`."""
    images = [i for i in images if i.size]
    if not images:
        return np.zeros((2, 2, 3), np.uint8)
    h = max(i.shape[0] for i in images)
    out = np.empty((h, sum(i.shape[1] for i in images), 3), np.uint8)
    out[:] = background
    x = 0
    for image in images:
        out[:image.shape[0], x:x + image.shape[1]] = image
        x += image.shape[1]
    return out


def save_png(path, rgb: np.ndarray) -> None:
    """Write an RGB array as PNG, atomically."""
    from app import files
    image = QImage(np.ascontiguousarray(rgb).data, rgb.shape[1], rgb.shape[0], rgb.shape[1] * 3,
                   QImage.Format.Format_RGB888)
    with files.atomic_path(path) as tmp:
        if not image.save(str(tmp), "PNG"):
            raise OSError(f"could not write {path}")


def with_caption(rgb: np.ndarray, text: str, background: str, foreground: str) -> np.ndarray:
    """`rgb` with a line of text above it (which step a frame of an animation shows)."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QPainter

    band = 28
    image = QImage(rgb.shape[1], rgb.shape[0] + band, QImage.Format.Format_RGB888)
    image.fill(QColor(background))
    painter = QPainter(image)
    try:
        body = QImage(np.ascontiguousarray(rgb).data, rgb.shape[1], rgb.shape[0], rgb.shape[1] * 3,
                      QImage.Format.Format_RGB888)
        painter.drawImage(0, band, body)
        font = QFont()
        font.setPixelSize(16)
        painter.setFont(font)
        painter.setPen(QColor(foreground))
        painter.drawText(QRect(8, 0, rgb.shape[1] - 16, band), Qt.AlignmentFlag.AlignVCenter, text)
    finally:
        painter.end()
    return qimage_to_rgb(image)
