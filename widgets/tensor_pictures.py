"""Pictures of what an op did: the dim= picture (input with the reduced axis banded and arrowed,
the output beside it in its real shape) and the broadcasting picture (operands stretched to the
result's shape, the stretched copies dashed). They draw app.tensor_results records; no maths here."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.tensor_results import BroadcastPicture, Cards, DimPicture
from widgets.i18n import tr
from widgets.tensor_grid import ValueColours, draw_cell, format_value, mono_font
from widgets.theme import Theme

CELL_W, CELL_H = 50, 26
MARGIN = 16
CARD_GAP = 14
BLOCK_GAP = 70
LABEL_H = 22


def _shape_text(shape: tuple[int, ...]) -> str:
    return "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"


def explanation(picture: DimPicture) -> list[str]:
    """The sentences under the code line, in the current language."""
    dim = picture.dims[0] if picture.dims else 0
    if picture.axis == "all":
        lines = [tr("No dim: all elements are reduced to one value") if picture.reduces
                 else tr("All dims at once")]
    elif picture.reduces:
        lines = [{"rows": tr("dim={0} runs down the rows: each column is reduced to one value"),
                  "cols": tr("dim={0} runs along each row: each row is reduced to one value"),
                  "cards": tr("dim={0} runs across the slices: matching cells are reduced to one value"),
                  }[picture.axis].format(dim)]
    else:
        lines = [{"rows": tr("dim={0} runs down the rows: the op works on each column separately"),
                  "cols": tr("dim={0} runs along each row: the op works on each row separately"),
                  "cards": tr("dim={0} runs across the slices: the op works on each stack of matching cells"),
                  }[picture.axis].format(dim)]
    if picture.reduces and picture.axis != "all":
        lines.append(tr("keepdim=True: the reduced dimension stays, with size 1") if picture.keepdim
                     else tr("keepdim=False: the reduced dimension is removed"))
    return lines


class _Canvas(QWidget):
    """Shared painting helpers: theme colours, text lines, card grids."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme: Theme | None = None
        self.code = ""
        self.picture = None
        self._size = QSize(200, 100)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return self._size

    def set_picture(self, picture: DimPicture | BroadcastPicture, code: str, theme: Theme) -> None:
        """Show `picture` (a DimPicture or BroadcastPicture from app/) for `code`, sized to fit."""
        self.picture, self.code, self.theme = picture, code, theme
        self._size = self._layout_size()
        self.updateGeometry()
        self.resize(self._size)
        self.update()

    def tints(self) -> tuple[QColor, QColor]:
        a, b = QColor(self.theme.curves[0]), QColor(self.theme.curves[1])
        a.setAlpha(80)
        b.setAlpha(80)
        return a, b

    def border(self) -> QColor:
        colour = QColor(self.theme.text)
        colour.setAlpha(90)
        return colour

    def text_lines(self, painter: QPainter, lines: list[str], y: float) -> float:
        painter.setPen(QColor(self.theme.text))
        for k, line in enumerate(lines):
            font = mono_font(10) if k == 0 else QFont(self.font())
            font.setBold(k == 0)
            painter.setFont(font)
            painter.drawText(QPointF(MARGIN, y + 15), line)
            y += LABEL_H
        return y

    def arrow(self, painter: QPainter, start: QPointF, end: QPointF, colour: QColor, width: float = 1.6) -> None:
        pen = QPen(colour, width)
        painter.setPen(pen)
        painter.drawLine(start, end)
        direction = end - start
        length = max((direction.x() ** 2 + direction.y() ** 2) ** 0.5, 1e-6)
        ux, uy = direction.x() / length, direction.y() / length
        head = QPainterPath(end)
        head.lineTo(end - QPointF(ux * 8 - uy * 4, uy * 8 + ux * 4))
        head.lineTo(end - QPointF(ux * 8 + uy * 4, uy * 8 - ux * 4))
        head.closeSubpath()
        painter.fillPath(head, colour)


class DimPictureWidget(_Canvas):
    """Input with the dim= axis highlighted (bands and arrows), the output beside it."""

    # Layout ------------------------------------------------------------------------------------
    def _cards_size(self, cards: Cards) -> tuple[float, float]:
        rows, cols = cards.grids[0].shape if cards.grids else (1, 1)
        width = len(cards.grids) * cols * CELL_W + (len(cards.grids) - 1) * CARD_GAP
        width += CELL_W / 2 if cards.more_cols or cards.more_cards else 0
        height = rows * CELL_H + (CELL_H / 2 if cards.more_rows else 0)
        return width, height

    def _top(self) -> float:
        return MARGIN + LABEL_H * (1 + len(explanation(self.picture)))

    def _positions(self) -> tuple[QPointF, list[QPointF]]:
        """Where the input card block and each output block start (their label's top-left)."""
        top = self._top() + 8
        input_at = QPointF(MARGIN, top)
        in_w, in_h = self._cards_size(self.picture.input)
        outputs = []
        if self.picture.axis == "rows":   # the column sums sit under the columns they came from
            y = top + LABEL_H + in_h + BLOCK_GAP * 0.6
            x = MARGIN
            for _label, cards in self.picture.outputs:
                outputs.append(QPointF(x, y))
                x += self._cards_size(cards)[0] + BLOCK_GAP
        else:
            x = MARGIN + in_w + BLOCK_GAP
            for _label, cards in self.picture.outputs:
                outputs.append(QPointF(x, top))
                x += self._cards_size(cards)[0] + BLOCK_GAP * 0.6
        return input_at, outputs

    def _layout_size(self) -> QSize:
        input_at, outputs = self._positions()
        in_w, in_h = self._cards_size(self.picture.input)
        right = input_at.x() + in_w
        bottom = input_at.y() + LABEL_H + in_h
        for at, (_label, cards) in zip(outputs, self.picture.outputs):
            w, h = self._cards_size(cards)
            right = max(right, at.x() + w)
            bottom = max(bottom, at.y() + LABEL_H + h)
        texts = [self.code, *explanation(self.picture)]
        text_w = max(self.fontMetrics().horizontalAdvance(t) for t in texts) * 1.2 + 2 * MARGIN
        return QSize(int(max(right + MARGIN, text_w, 300)), int(bottom + MARGIN + 30))

    # Tints: a band along the axis shares one tint with the output cell it becomes ------------------
    def _input_tint(self, card: int, i: int, j: int) -> int:
        axis = self.picture.axis
        if axis == "rows":
            return j % 2
        if axis == "cols":
            return i % 2
        if axis == "cards":
            return (i + j) % 2
        return 0

    def _output_tint(self, grid: np.ndarray, card: int, i: int, j: int) -> int:
        axis = self.picture.axis
        if axis == "all":
            return 0
        if axis == "cards":
            return (i + j) % 2
        if not self.picture.reduces:
            return self._input_tint(card, i, j)
        if grid.shape[0] == 1:   # a flat result: its position is the surviving index
            return j % 2
        return (i if axis == "cols" else j) % 2

    # Painting -----------------------------------------------------------------------------------
    def _draw_cards(self, painter: QPainter, at: QPointF, label: str, cards: Cards, tint_of, integer: bool,
                    boolean: bool) -> list[QRectF]:
        painter.setFont(QFont(self.font()))
        painter.setPen(QColor(self.theme.text))
        painter.drawText(QPointF(at.x(), at.y() + 15), label)
        painter.setFont(mono_font())
        tints = self.tints()
        base = QColor(self.theme.base)
        rects = []
        x0, y0 = at.x(), at.y() + LABEL_H
        for card, grid in enumerate(cards.grids):
            rows, cols = grid.shape
            for i in range(rows):
                for j in range(cols):
                    rect = QRectF(x0 + j * CELL_W, y0 + i * CELL_H, CELL_W, CELL_H)
                    painter.fillRect(rect, base)
                    draw_cell(painter, rect, _over(base, tints[tint_of(grid, card, i, j)]),
                              format_value(float(grid[i, j]), integer, boolean), self.border())
            rects.append(QRectF(x0, y0, cols * CELL_W, rows * CELL_H))
            painter.setPen(QColor(self.theme.text))
            if cards.more_cols:
                painter.drawText(QPointF(x0 + cols * CELL_W + 4, y0 + CELL_H * 0.7), "…")
            if cards.more_rows:
                painter.drawText(QPointF(x0 + 4, y0 + rows * CELL_H + CELL_H * 0.45), "⋮")
            x0 += cols * CELL_W + CARD_GAP
        if cards.more_cards:
            painter.drawText(QPointF(x0 - CARD_GAP + 4, y0 + CELL_H * 0.7), "…")
        return rects

    def _draw_axis_arrows(self, painter: QPainter, rects: list[QRectF]) -> None:
        colour = QColor(self.theme.text)
        colour.setAlpha(150)
        axis = self.picture.axis
        if axis == "rows":
            for rect in rects:
                for j in range(int(rect.width() // CELL_W)):
                    x = rect.left() + (j + 0.5) * CELL_W + CELL_W * 0.36
                    self.arrow(painter, QPointF(x, rect.top() + 4), QPointF(x, rect.bottom() - 3), colour)
        elif axis == "cols":
            for rect in rects:
                for i in range(int(rect.height() // CELL_H)):
                    y = rect.top() + (i + 0.5) * CELL_H + CELL_H * 0.32
                    self.arrow(painter, QPointF(rect.left() + 3, y), QPointF(rect.right() - 3, y), colour)
        elif axis == "cards" and rects:
            y = rects[0].bottom() + 10
            self.arrow(painter, QPointF(rects[0].left(), y), QPointF(rects[-1].right(), y), colour, 2.2)

    def paintEvent(self, event) -> None:
        if self.picture is None or self.theme is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.text_lines(painter, [self.code, *explanation(self.picture)], MARGIN)
        input_at, outputs = self._positions()
        picture = self.picture
        integer = all(np.all(np.mod(g, 1) == 0) for g in picture.input.grids)
        rects = self._draw_cards(painter, input_at, tr("input {0}").format(_shape_text(picture.input.shape)),
                                 picture.input, lambda grid, card, i, j: self._input_tint(card, i, j), integer, False)
        self._draw_axis_arrows(painter, rects)
        in_w, in_h = self._cards_size(picture.input)
        arrow_colour = QColor(self.theme.highlight)
        for at, (label, cards) in zip(outputs, picture.outputs):
            name = tr("output {0}").format(_shape_text(cards.shape)) if not label else f"{label} {_shape_text(cards.shape)}"
            out_integer = label == "indices" or all(np.all(np.mod(g, 1) == 0) for g in cards.grids)
            self._draw_cards(painter, at, name, cards, self._output_tint, out_integer, False)
        if outputs:
            first = outputs[0]
            if picture.axis == "rows":
                self.arrow(painter, QPointF(MARGIN + 20, input_at.y() + LABEL_H + in_h + 6),
                           QPointF(MARGIN + 20, first.y() + 2), arrow_colour, 2.4)
            else:
                mid = input_at.y() + LABEL_H + min(in_h, CELL_H * 2) / 2
                self.arrow(painter, QPointF(MARGIN + in_w + 12, mid), QPointF(first.x() - 12, mid), arrow_colour, 2.4)
        painter.end()


class BroadcastPictureWidget(_Canvas):
    """Operands stretched to the result's shape: their own values solid, the copies dashed."""

    def lines(self) -> list[str]:
        p = self.picture
        lines = [self.code, tr("Broadcasting lines the shapes up from the right and stretches every size 1 to match")]
        for operand in p.operands:
            steps = [_shape_text(operand.shape)]
            if operand.aligned != operand.shape:
                steps.append(_shape_text(operand.aligned))
            steps.append(_shape_text(p.result))
            lines.append("   →   ".join(steps))
        return lines

    def _grids(self) -> list[tuple[np.ndarray, np.ndarray | None]]:
        p = self.picture
        if any(o.values is None for o in p.operands) or p.result_values is None:
            return []
        return [(p.operands[0].values, p.operands[0].real), (p.operands[1].values, p.operands[1].real),
                (p.result_values, None)]

    def _layout_size(self) -> QSize:
        lines = self.lines()
        height = MARGIN + LABEL_H * len(lines) + 12
        width = max(self.fontMetrics().horizontalAdvance(t) for t in lines) * 1.2 + 2 * MARGIN
        grids = self._grids()
        if grids:
            rows, cols = grids[2][0].shape
            width = max(width, MARGIN * 2 + 3 * cols * CELL_W + 2 * BLOCK_GAP)
            height += rows * CELL_H + LABEL_H
        return QSize(int(max(width, 300)), int(height + MARGIN))

    def paintEvent(self, event) -> None:
        if self.picture is None or self.theme is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        y = self.text_lines(painter, self.lines(), MARGIN) + 12
        grids = self._grids()
        if not grids:
            painter.end()
            return
        every = np.concatenate([g.ravel() for g, _ in grids])
        finite = every[np.isfinite(every)]
        low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        colours = ValueColours(self.theme, low, high)
        integer = bool(np.all(np.mod(finite, 1) == 0))
        x = MARGIN
        symbols = [self.picture.op, "="]
        painter.setFont(mono_font())
        for k, (values, real) in enumerate(grids):
            rows, cols = values.shape
            for i in range(rows):
                for j in range(cols):
                    rect = QRectF(x + j * CELL_W, y + i * CELL_H, CELL_W, CELL_H)
                    ghost = real is not None and not bool(real[i, j])
                    painter.fillRect(rect, QColor(self.theme.base))
                    draw_cell(painter, rect, colours.colour(float(values[i, j])),
                              format_value(float(values[i, j]), integer, False), self.border(), ghost)
            x += cols * CELL_W
            if k < 2:
                painter.setPen(QColor(self.theme.text))
                big = QFont(self.font())
                big.setPointSize(16)
                big.setBold(True)
                painter.setFont(big)
                painter.drawText(QRectF(x, y, BLOCK_GAP, rows * CELL_H), Qt.AlignmentFlag.AlignCenter, symbols[k])
                painter.setFont(mono_font())
                x += BLOCK_GAP
        painter.end()


def _over(base: QColor, tint: QColor) -> QColor:
    """`tint` (with alpha) composited over `base`: an opaque colour the text colour can be chosen for."""
    a = tint.alphaF()
    return QColor(round(base.red() * (1 - a) + tint.red() * a), round(base.green() * (1 - a) + tint.green() * a),
                  round(base.blue() * (1 - a) + tint.blue() * a))
