"""The basins map as a picture (PNG): the map with axes' extent, a title and a legend, drawn by Qt.

Used by the arena's "Save map…" and by `torch-playground basins --out FILE.png`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from app import basins, files, surfaces
from widgets import basins_colours
from widgets.i18n import N_, tr

MAP_SIDE = 640
LEGEND_WIDTH = 300
LEGEND_MINIMA = 12   # a legend lists at most this many minima (the largest basins), then "N more"
# How the map was computed (BasinsMap.path), for the legend's timing line.
PATH_TEXT = {"compiled": N_("compiled closed form"), "fast eager": N_("closed form, eager"),
             "torch.optim": N_("torch.optim with autograd")}


def title_of(result: basins.BasinsMap) -> str:
    c = result.config
    return tr("{run}, {steps} steps, {n}×{n} starts").format(run=c.run_spec((0.0, 0.0)).label(), steps=c.steps,
                                                           n=result.n)


def point_text(point) -> str:
    """A minimum for a student: '(−2.81, 3.13)' (the command line keeps its exact key)."""
    return "({}, {})".format(*(f"{round(float(v), 2) + 0.0:g}".replace("-", "\u2212") for v in point[:2]))


def legend_text(key: str) -> str:
    """A legend key in the current language: 'diverged', or a minimum's key rounded."""
    if key in basins.OUTCOME_KEYS:
        return tr(key)
    try:
        return point_text([float(v) for v in key.strip("()").split(",")])
    except ValueError:
        return key


def path_text(path: str) -> str:
    return tr(PATH_TEXT[path]) if path in PATH_TEXT else path


def timing_text(result: basins.BasinsMap) -> str:
    return tr("{seconds:.2f} s, {rate} point-steps/s ({path})").format(
        seconds=result.seconds, rate=f"{result.point_steps_per_second():.3g}", path=path_text(result.path))


UNLISTED_MARK = "*"


def listed_count(result: basins.BasinsMap) -> int:
    """How many of the map's minima the surface lists (the rest are where runs were found to settle)."""
    config = result.config
    return 0 if config.surface == surfaces.CUSTOM else len(surfaces.get(config.surface).minima)


def shown_entries(result: basins.BasinsMap, background: str, limit: int = LEGEND_MINIMA,
                  skip_empty: bool = False) -> list[tuple[str, str]]:
    """(swatch colour, text) for the legend: the largest basins (at most `limit`, the rest summed
    up), then diverged and unconverged; with `skip_empty`, entries no start reached are left out.
    On a surface that lists its minima, a place where runs settled that it does not list (a local
    minimum, or a cycle the stopping test took for rest) is marked, with a line saying so."""
    entries = basins_colours.legend_entries(result, background)
    minima, outcomes = entries[:-2], entries[-2:]
    listed = listed_count(result)
    unlisted = set(result.labels()[listed:]) if listed else set()
    ranked = [e for e in sorted(minima, key=lambda entry: -entry[2]) if e[2] > 0 or not skip_empty]

    def text(key: str, share: float) -> str:
        mark = UNLISTED_MARK if key in unlisted else ""
        return f"{legend_text(key)}{mark} {100 * share:.1f}%"

    rows = [(colour, text(key, share)) for colour, key, share in ranked[:limit]]
    if len(ranked) > limit:
        rest = ranked[limit:]
        rows.append(("", tr("Other minima ({count}): {share}% together").format(
            count=len(rest), share=f"{100 * sum(e[2] for e in rest):.1f}")))
    rows += [(colour, f"{legend_text(key)} {100 * share:.1f}%") for colour, key, share in outcomes
             if share > 0 or not skip_empty]
    if any(key in unlisted for _colour, key, _share in ranked[:limit]):
        rows.append(("", f"{UNLISTED_MARK} " + tr("not a listed minimum: runs stopped there, at a local minimum "
                                                  "or bouncing back and forth")))
    return rows


def steps_text(result: basins.BasinsMap) -> str:
    """What faint and strong mean on this map ('' when every start that reached a minimum took the
    same steps, or none did: there is no scale to read)."""
    low, high = basins_colours.steps_range(result)
    if low >= high:
        return ""
    return tr("Faint: few steps (≤ {low}), strong: many (≥ {high}), log scale").format(low=low, high=high)


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
        for colour, text in shown_entries(result, "#ffffff"):
            if colour:
                painter.fillRect(QRect(MAP_SIDE + 36, top, 18, 18), QColor(colour))
            painter.drawText(QRect(MAP_SIDE + 62, top - 2, LEGEND_WIDTH - 30, 22), Qt.AlignmentFlag.AlignLeft, text)
            top += 28
        if steps_text(result):
            for index, colour in enumerate(basins_colours.shade_swatches("#ffffff")):
                painter.fillRect(QRect(MAP_SIDE + 36 + 18 * index, top + 4, 18, 14), QColor(colour))
            painter.setFont(small)
            painter.drawText(QRect(MAP_SIDE + 36, top + 22, LEGEND_WIDTH - 10, 60), Qt.TextFlag.TextWordWrap,
                             steps_text(result))
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
