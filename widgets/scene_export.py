"""Export a QGraphicsScene drawing (the network, the autograd graph) as PNG or SVG, atomically."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene

from app import files

IMAGE_FORMATS = ("png", "svg")
PNG_SCALE = 2   # twice the screen size: sharp on slides and projectors; text scales with the scene


def export_scene(scene: QGraphicsScene, path: str | Path, background: str) -> None:
    path = Path(path)
    ext = path.suffix.lower().lstrip(".")
    if ext not in IMAGE_FORMATS:
        raise ValueError(f"cannot export an image as '.{ext}'; use .png or .svg")
    source = scene.itemsBoundingRect().adjusted(-12, -12, 12, 12)
    with files.atomic_path(path) as tmp:
        if ext == "png":
            image = QImage(int(source.width() * PNG_SCALE), int(source.height() * PNG_SCALE),
                           QImage.Format.Format_ARGB32)
            image.fill(QColor(background))
            painter = QPainter(image)
            try:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
                scene.render(painter, QRectF(0, 0, image.width(), image.height()), source,
                             Qt.AspectRatioMode.KeepAspectRatio)
            finally:
                painter.end()
            if not image.save(str(tmp), "PNG"):
                raise OSError(f"could not write {path}")
        else:
            generator = QSvgGenerator()
            generator.setFileName(str(tmp))
            size = source.size().toSize()
            generator.setSize(size)
            generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
            generator.setTitle("Torch Playground")
            painter = QPainter(generator)
            try:
                painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor(background))
                scene.render(painter, QRectF(0, 0, size.width(), size.height()), source)
            finally:
                painter.end()
