"""The network drawn as units and weighted edges, showing what the stepper has computed so far."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

from app import label_layout, network
from app.backprop import Trace, bias_name, fmt, unit_name, weight_name
from widgets.i18n import tr
from widgets.theme import Theme

RADIUS = 22
NODE_FONT_PT = 12
VALUE_FONT_PT = 10           # never smaller: the numbers must read on a projector
MAX_UNITS_FOR_ALL_VALUES = 4  # above this, values show for the current step and on hover only
MAX_EDGES_FOR_ALL_LABELS = 16
MIN_SIZE = (460, 360)
HOVER_WIDTH = 9   # pixels around an edge that show its tooltip: a 1-px line is too thin to find
MARGIN = 72
VMARGIN = 34
LOSS_GAP = 0.55   # the loss box needs less room than a layer of edges
LOSS_MIN_GAP = 95   # pixels from the output column to E: room for "mse_half_sum" under E


class EdgeLine(QGraphicsLineItem):
    """An edge whose hover and click area is a few pixels wide, however thin its weight draws it."""

    def shape(self) -> QPainterPath:
        path = QPainterPath(self.line().p1())
        path.lineTo(self.line().p2())
        stroker = QPainterPathStroker()
        stroker.setWidth(max(HOVER_WIDTH, self.pen().widthF()))
        return stroker.createStroke(path)


@dataclass(frozen=True)
class Unstepped:
    """What the drawing needs of a Trace when nothing has been stepped yet."""

    spec: network.NetworkSpec
    steps: tuple = ()


def _font(points: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSize(points)
    font.setBold(bold)
    return font


class NetworkView(QGraphicsView):
    """Draws `trace` as it stands after `position` steps; the current step's units and edges glow.

    Double-clicking an edge emits `edge_activated` with its (layer, to unit, from unit): the panel
    asks for a new weight there.
    """

    edge_activated = Signal(object)
    # At most this many edges between two layers get their weight written on them; the rest (and
    # every edge) show it on hover.
    edge_label_limit = MAX_EDGES_FOR_ALL_LABELS
    # True: an edge's label sits on its own line and crosses no other edge, or is left to the
    # tooltip (the Training view, where labels beside crossing edges read as a pile).
    labels_clear_of_edges = False

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setMinimumSize(360, 260)
        self.trace: Trace | None = None
        self.position = 0
        self.theme: Theme | None = None
        self.highlight = True
        self._edit_hint = ""   # set by the panel, translated
        self.highlighted_units: set = set()
        self.highlighted_edges: set = set()
        self.labels: list[QGraphicsSimpleTextItem] = []   # every visible text, for tests and export
        self.node_text: dict[tuple, str] = {}
        self.edge_text: dict[tuple, str] = {}

    def show_weights(self, spec: network.NetworkSpec, theme: Theme) -> None:
        """Just the network and its weights, before any step: nothing computed (a saturated output
        that the Stepper's BCE refuses to step through still draws)."""
        self.show_state(Unstepped(spec), 0, theme, highlight=False)

    def show_state(self, trace: Trace, position: int, theme: Theme, highlight: bool = True) -> None:
        self.trace, self.position, self.theme, self.highlight = trace, position, theme, highlight
        self._rebuild()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.trace is not None:
            self._rebuild()

    # --- what is known after `position` steps --------------------------------------------------------
    def _known(self) -> dict:
        known: dict = {}
        for step in self.trace.steps[:self.position]:
            known.update(step.reveals)
        return known

    def _current(self):
        return self.trace.steps[self.position - 1] if self.position > 0 else None

    # --- drawing -----------------------------------------------------------------------------------------
    def _rebuild(self) -> None:
        scene, trace, theme = self.scene(), self.trace, self.theme
        scene.clear()
        self.labels, self.node_text, self.edge_text = [], {}, {}
        spec = trace.spec
        width, height = self._scene_size()
        scene.setSceneRect(0, 0, width - 2, height - 2)
        self.setBackgroundBrush(QBrush(QColor(theme.plot_background)))
        centres = self._centres(width, height)
        known, step = self._known(), self._current()
        self._mark_current(step)
        show_all = max(spec.layers) <= MAX_UNITS_FOR_ALL_VALUES

        obstacles = [label_layout.Box(x - RADIUS, y - RADIUS, 2 * RADIUS, 2 * RADIUS)
                     for column in centres for x, y in column]
        # Walls around the picture: a label placed where there is room is never cut off at its edge
        # (the current unit's numbers went above a unit of the top row, past the top).
        far = 1e5
        obstacles += [label_layout.Box(-far, -far, 3 * far, far), label_layout.Box(-far, height - 2, 3 * far, far),
                      label_layout.Box(-far, -far, far, 3 * far), label_layout.Box(width - 2, -far, far, 3 * far)]
        loss_x, loss_y = centres[-1][0]
        obstacles.append(label_layout.Box(loss_x - RADIUS, loss_y - RADIUS, 2 * RADIUS, 2 * RADIUS))
        for layer, column in enumerate(centres[:-1]):
            for unit, (x, y) in enumerate(column):
                lines = self._unit_lines(layer, unit, known)
                self.node_text[(layer, unit)] = "\n".join(lines)
                if show_all:   # under the unit where there is room (a short picture: beside it, or on hover)
                    block = self._add_value_block(x, y + RADIUS + 4, lines, obstacles)
                    if block is not None:
                        obstacles.append(block)
                elif (layer, unit) in self.highlighted_units and lines:
                    # Crowded columns: the current unit's numbers go wherever they cover nothing.
                    block = self._add_value_block(x, y + RADIUS + 4, lines, obstacles)
                    if block is not None:
                        obstacles.append(block)
        # E's formula last, where it covers no unit's numbers: with one output, E sits level with it
        # and a wide formula (BCE) centred under E ran over the output's "t = 0".
        loss_block = self._draw_loss(centres, loss_x, loss_y, known, obstacles)
        if loss_block is not None:
            obstacles.append(loss_block)
        self._draw_edges(centres, known)
        for layer, column in enumerate(centres[:-1]):
            for unit, (x, y) in enumerate(column):
                self._draw_unit(x, y, layer, unit)
        self._draw_edge_labels(centres, known, obstacles)

    def _mark_current(self, step) -> None:
        self.highlighted_units, self.highlighted_edges = set(), set()
        if step is None or not self.highlight:
            return
        if step.kind == "loss":
            self.highlighted_units = {"loss"}
        elif step.unit >= 0:
            self.highlighted_units = {(step.layer, step.unit)}
        if step.kind == "grad_a" and step.layer == self.trace.spec.depth:
            self.highlighted_units.add("loss")
        self.highlighted_edges = set(step.edges)

    def _unit_lines(self, layer: int, unit: int, known: dict) -> list[str]:
        spec = self.trace.spec
        if layer == 0:
            lines = [f"x = {fmt(spec.input[unit], 4)}"]
            if ("grad_a", 0, unit) in known:
                lines.append(f"∂E/∂x = {fmt(known[('grad_a', 0, unit)], 4)}")
            return lines
        lines = []
        for key, label in (("z", "z"), ("a", "a"), ("grad_z", "δ")):
            if (key, layer, unit) in known:
                lines.append(f"{label} = {fmt(known[(key, layer, unit)], 4)}")
        if layer == spec.depth and spec.target:
            lines.append(f"t = {fmt(spec.target[unit], 4)}")
        return lines

    def _text(self, text: str, points: int, colour: str, bold: bool = False) -> QGraphicsSimpleTextItem:
        item = QGraphicsSimpleTextItem(text)
        item.setFont(_font(points, bold))
        item.setBrush(QBrush(QColor(colour)))
        self.scene().addItem(item)
        item.setZValue(4)
        return item

    def _add_value_block(self, cx: float, top: float, lines: list[str],
                         avoid: list | None = None) -> label_layout.Box | None:
        """The numbers of a unit under it, or (given `avoid`) wherever around it is free."""
        item = self._text("\n".join(lines), VALUE_FONT_PT, self.theme.plot_foreground)
        rect = item.boundingRect()
        if avoid is None:
            left = max(4.0, cx - rect.width() / 2)   # never past the left edge of the picture
            box = label_layout.Box(left - 3, top - 1, rect.width() + 6, rect.height() + 2)
        else:
            box = label_layout.place_near((cx, top - RADIUS - 4), RADIUS, (rect.width() + 6, rect.height() + 2),
                                          avoid)
            if box is None:
                self.scene().removeItem(item)
                if len(lines) > 1:   # one line fits above the top row or below the bottom one
                    return self._add_value_block(cx, top, ["   ".join(lines)], avoid)
                return None   # nowhere free: the tooltip has the numbers
        item.setPos(box.x + 3, box.y + 1)
        self.labels.append(item)
        self._add_backing(box)
        return box

    def _add_backing(self, box: label_layout.Box) -> None:
        """A patch of background behind a text, so edges crossing it do not strike through the numbers."""
        back = QGraphicsRectItem(QRectF(box.x, box.y, box.w, box.h))
        colour = QColor(self.theme.plot_background)
        colour.setAlpha(225)
        back.setBrush(QBrush(colour))
        back.setPen(QPen(Qt.PenStyle.NoPen))
        back.setZValue(3.5)
        self.scene().addItem(back)

    def _fill(self, current: bool) -> QColor:
        """A unit's fill: opaque, so the edges that meet at its centre never strike through its name;
        the current unit a pale tint of the highlight colour over the background."""
        back = QColor(self.theme.plot_background)
        if not current:
            return back
        tint, share = QColor(self.theme.highlight), 55 / 255
        return QColor.fromRgbF(*(share * t + (1 - share) * b for t, b in
                                 zip(tint.getRgbF()[:3], back.getRgbF()[:3])))

    def _draw_unit(self, x: float, y: float, layer: int, unit: int) -> None:
        theme, spec = self.theme, self.trace.spec
        current = (layer, unit) in self.highlighted_units
        circle = QGraphicsEllipseItem(x - RADIUS, y - RADIUS, 2 * RADIUS, 2 * RADIUS)
        circle.setBrush(QBrush(self._fill(current)))
        circle.setPen(QPen(QColor(theme.highlight if current else theme.plot_foreground), 4 if current else 1.5))
        circle.setZValue(3)
        tip = [unit_name(spec, layer, unit), self.node_text[(layer, unit)]]
        if layer > 0:
            tip.append(f"{bias_name(spec, layer, unit)} = {fmt(spec.biases[layer - 1][unit])}")
            tip.append(spec.activations[layer - 1])
        circle.setToolTip("\n".join(t for t in tip if t))
        self.scene().addItem(circle)
        name = self._text(unit_name(spec, layer, unit), NODE_FONT_PT, theme.plot_foreground, bold=True)
        rect = name.boundingRect()
        name.setPos(x - rect.width() / 2, y - rect.height() / 2)
        self.labels.append(name)

    def _draw_loss(self, centres, x: float, y: float, known: dict, avoid: list) -> label_layout.Box | None:
        theme = self.theme
        current = "loss" in self.highlighted_units
        pen = QPen(QColor(theme.plot_foreground), 1.2, Qt.PenStyle.DashLine)
        for ox, oy in centres[-2]:
            line = QGraphicsLineItem(ox + RADIUS, oy, x - RADIUS, y)
            line.setPen(pen)
            self.scene().addItem(line)
        box = QGraphicsRectItem(x - RADIUS, y - RADIUS, 2 * RADIUS, 2 * RADIUS)
        box.setBrush(QBrush(self._fill(current)))
        box.setPen(QPen(QColor(theme.highlight if current else theme.plot_foreground), 4 if current else 1.5))
        box.setZValue(3)
        box.setToolTip(f"{tr(network.LOSS_LABELS[self.trace.spec.loss])}\n{tr(network.LOSS_FORMULAS[self.trace.spec.loss])}")
        self.scene().addItem(box)
        name = self._text("E", NODE_FONT_PT, theme.plot_foreground, bold=True)
        rect = name.boundingRect()
        name.setPos(x - rect.width() / 2, y - rect.height() / 2)
        self.labels.append(name)
        formula = network.loss_equation(self.trace.spec.loss)
        value = [f"E = {fmt(known[('loss',)], 4)}"] if ("loss",) in known else []
        block = self._add_value_block(x, y + RADIUS + 4, [formula, *value], avoid)
        if block is None and " + " in formula:   # a long formula (BCE) fits on two shorter lines
            head, _, tail = formula.partition(" + ")
            block = self._add_value_block(x, y + RADIUS + 4, [head, "  + " + tail, *value], avoid)
        return block   # None: no room anywhere; E's tooltip has the formula

    def _edge_width(self, weight: float, largest: float) -> float:
        return 1.0 + 5.0 * abs(weight) / largest if largest > 0 else 1.0

    def _draw_edges(self, centres, known: dict) -> None:
        theme, spec = self.theme, self.trace.spec
        largest = max((abs(v) for w in spec.weights for row in w for v in row), default=0.0)
        for layer in range(1, spec.depth + 1):
            for j, (x2, y2) in enumerate(centres[layer]):
                for i, (x1, y1) in enumerate(centres[layer - 1]):
                    w = spec.weights[layer - 1][j][i]
                    key = (layer, j, i)
                    self.edge_text[key] = self._edge_lines(key, known)
                    if key in self.highlighted_edges:
                        glow = QColor(theme.highlight)
                        glow.setAlpha(110)
                        under = QGraphicsLineItem(x1, y1, x2, y2)
                        under.setPen(QPen(glow, self._edge_width(w, largest) + 8, Qt.PenStyle.SolidLine,
                                          Qt.PenCapStyle.RoundCap))
                        under.setZValue(1)
                        self.scene().addItem(under)
                    line = EdgeLine(x1, y1, x2, y2)
                    colour = theme.curves[0] if w >= 0 else theme.curves[1]
                    line.setPen(QPen(QColor(colour), self._edge_width(w, largest)))
                    line.setZValue(2)
                    line.setToolTip("\n".join(t for t in (self.edge_text[key], self._edit_hint) if t))
                    line.setData(0, key)
                    self.scene().addItem(line)

    def _edge_lines(self, key: tuple, known: dict) -> str:
        layer, j, i = key
        spec = self.trace.spec
        name = weight_name(spec, layer, j, i)
        lines = [f"{name} = {fmt(spec.weights[layer - 1][j][i], 4)}"]
        if ("new_w",) + key in known:   # after the update: old → new on one line
            lines[0] += f" → {fmt(known[('new_w',) + key], 4)}"
        if ("grad_w",) + key in known:
            lines.append(f"∂E/∂{name} = {fmt(known[('grad_w',) + key], 4)}")
        return "\n".join(lines)

    def _edge_labels(self, key: tuple, current: bool) -> list[str]:
        """What an edge's label may say, fullest first: the next is tried when there is no room.

        The current step's edges say what the step computed; the others what is known of them
        (weight, gradient) if it fits, else just their weight.
        """
        lines = self.edge_text[key].split("\n")
        weight = lines[0].split(" → ")[0]
        step = self._current()
        if current and step is not None and step.kind == "update":   # the new weight: w₁⁺ = 0.1498
            name, _, values = lines[0].partition(" = ")
            return [f"{name}⁺ = {values.split(' → ')[-1]}"]
        full = "\n".join([weight, *lines[1:]])
        return [full, weight] if full != weight else [weight]

    def _draw_edge_labels(self, centres, known: dict, obstacles: list) -> None:
        spec = self.trace.spec
        keys = [(layer, j, i) for layer in range(1, spec.depth + 1)
                for j in range(spec.layers[layer]) for i in range(spec.layers[layer - 1])]
        pairs_small = all(spec.layers[k] * spec.layers[k + 1] <= self.edge_label_limit for k in range(spec.depth))
        wanted = [k for k in keys if k in self.highlighted_edges]   # the current step's edges first
        if self.labels_clear_of_edges:   # pair by pair: a crowded pair does not silence a sparse one
            wanted += [k for k in keys if k not in self.highlighted_edges
                       and spec.layers[k[0] - 1] * spec.layers[k[0]] <= self.edge_label_limit]
        elif pairs_small:
            wanted += [k for k in keys if k not in self.highlighted_edges]
        segments = {k: (centres[k[0] - 1][k[2]], centres[k[0]][k[1]]) for k in keys}
        taken = list(obstacles)
        for key in wanted:
            layer, j, i = key
            current = key in self.highlighted_edges
            segment = (centres[layer - 1][i], centres[layer][j])
            for text in self._edge_labels(key, current):
                item = self._text(text, VALUE_FONT_PT, self.theme.plot_foreground, bold=current)
                rect = item.boundingRect()
                size = (rect.width() + 6, rect.height() + 2)
                if self.labels_clear_of_edges:
                    others = [seg for k, seg in segments.items() if k != key]
                    box = label_layout.place_on_segment_clear(segment, size, taken, others)
                else:
                    box = label_layout.place_on_segment(segment, size, taken)
                if box is None:   # no room for this much: try less; the tooltip always has it all
                    self.scene().removeItem(item)
                    continue
                taken.append(box)
                item.setPos(box.x + 3, box.y + 1)
                self._add_backing(box)
                self.labels.append(item)
                break

    def set_edit_hint(self, text: str) -> None:
        self._edit_hint = text

    def mouseDoubleClickEvent(self, event) -> None:
        for item in self.items(event.position().toPoint()):
            key = item.data(0)
            if isinstance(key, tuple):
                self.edge_activated.emit(key)
                return
        super().mouseDoubleClickEvent(event)

    def edge_midpoint(self, key: tuple) -> QPointF:
        """Where an edge's middle is on screen (tests double-click there)."""
        layer, j, i = key
        a, b = self.centre_of(layer - 1, i), self.centre_of(layer, j)
        return self.mapFromScene((a + b) / 2)

    def label_rects(self) -> list[QRectF]:
        """Where each visible text is, in scene coordinates (tests check that none overlap)."""
        return [item.sceneBoundingRect() for item in self.labels]

    def centre_of(self, layer: int, unit: int) -> QPointF:
        width, height = self._scene_size()
        x, y = self._centres(width, height)[layer][unit]
        return QPointF(x, y)

    def _scene_size(self) -> tuple[int, int]:
        """The drawing's size: the viewport's, but never smaller than the units need."""
        return max(self.viewport().width(), MIN_SIZE[0]), max(self.viewport().height(), MIN_SIZE[1])

    def _centres(self, width: float, height: float) -> list:
        """Unit centres by column, the loss E in a column of its own on the right: never closer to
        the outputs than LOSS_MIN_GAP pixels, or its numbers would sit on the output units."""
        layers = self.trace.spec.depth
        usable = width - 2 * MARGIN
        gap = max(LOSS_GAP, LOSS_MIN_GAP * layers / max(usable - LOSS_MIN_GAP, 1.0))
        return label_layout.column_positions([*self.trace.spec.layers, 1], width, height, margin=MARGIN,
                                             last_gap=gap, vmargin=VMARGIN)
