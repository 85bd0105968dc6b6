"""The autograd graph of the step: grad_fn nodes and AccumulateGrad leaves, laid out by app/autograd_graph."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

from app.autograd_graph import AutogradGraph, GraphNode, layered_layout
from widgets.theme import Theme

ROW_HEIGHT = 58
GAP = 18
FONT_PT = 10


class _NodeItem(QGraphicsRectItem):
    def __init__(self, node_id: int, rect: QRectF) -> None:
        super().__init__(rect)
        self.node_id = node_id
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setCursor(Qt.CursorShape.PointingHandCursor)


def node_caption(node: GraphNode) -> str:
    """Two lines: the grad_fn's class, then the parameter (leaves) or the gradient's shape."""
    if node.is_leaf:
        return f"{node.name}\n{node.leaf}  {tuple(node.shape)}"
    return node.name


class AutogradGraphView(QGraphicsView):
    """Click a node to select it; `node_selected` says which."""

    node_selected = Signal(int)   # the node's number in app.autograd_graph.AutogradGraph

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(360, 260)
        self.graph: AutogradGraph | None = None
        self.items: dict[int, _NodeItem] = {}
        self.highlighted: set[int] = set()
        self._ring: QGraphicsRectItem | None = None
        self.scene().selectionChanged.connect(self._selection_changed)

    def show_graph(self, graph: AutogradGraph, tags, theme: Theme) -> None:
        """Draw `graph` with the nodes of `tags` highlighted. A node clicked in the same graph stays
        selected while the stepper moves on, so its details stay in view."""
        kept = self.selected_node() if graph is self.graph else None
        self.graph, self.theme = graph, theme
        self.highlighted = set(graph.tagged(tags))
        self._rebuild()
        if kept in self.items:
            self.scene().blockSignals(True)
            self.items[kept].setSelected(True)
            self.scene().blockSignals(False)
            self._mark_selection()

    def selected_node(self) -> int | None:
        chosen = [i for i in self.scene().selectedItems() if isinstance(i, _NodeItem)]
        return chosen[0].node_id if chosen else None

    def select_node(self, node_id: int) -> None:
        self.scene().clearSelection()
        if node_id in self.items:
            self.items[node_id].setSelected(True)

    def _selection_changed(self) -> None:
        self._mark_selection()
        node = self.selected_node()
        if node is not None:
            self.node_selected.emit(node)

    def _mark_selection(self) -> None:
        """A thick dashed ring round the clicked node: Qt's own thin dashes vanish on a projector."""
        if self._ring is not None and self._ring.scene() is self.scene():
            self.scene().removeItem(self._ring)
        self._ring = None
        node = self.selected_node()
        if node is None:
            return
        self._ring = QGraphicsRectItem(self.items[node].rect().adjusted(-5, -5, 5, 5))
        self._ring.setPen(QPen(QColor(self.theme.plot_foreground), 2.5, Qt.PenStyle.DashLine))
        self._ring.setZValue(3)
        self.scene().addItem(self._ring)

    def _rebuild(self) -> None:
        scene, graph, theme = self.scene(), self.graph, self.theme
        scene.blockSignals(True)
        scene.clear()
        scene.blockSignals(False)
        self.items, self._ring = {}, None
        self.setBackgroundBrush(QBrush(QColor(theme.plot_background)))
        places = layered_layout(graph)
        font = QFont()
        font.setPointSize(FONT_PT)
        texts, sizes = {}, {}
        for node in graph.nodes:
            text = QGraphicsSimpleTextItem(node_caption(node))
            text.setFont(font)
            text.setBrush(QBrush(QColor(theme.plot_foreground)))
            bounds = text.boundingRect()
            texts[node.id] = text
            sizes[node.id] = (bounds.width() + 16, bounds.height() + 10)
        rects = self._pack(places, sizes)
        for node in graph.nodes:
            rect = rects[node.id]
            item = _NodeItem(node.id, rect)
            item.setBrush(QBrush(self._fill(node)))
            lit = node.id in self.highlighted
            item.setPen(QPen(QColor(theme.highlight if lit else theme.plot_foreground), 4 if lit else 1.2))
            item.setZValue(2)
            item.setToolTip(node.name)
            scene.addItem(item)
            texts[node.id].setParentItem(item)
            texts[node.id].setPos(rect.x() + 8, rect.y() + 5)
            self.items[node.id] = item
        pen = QPen(QColor(theme.plot_foreground), 1.2)
        for src, dst in graph.edges:
            a, b = rects[src], rects[dst]
            start, end = QPointF(a.center().x(), a.bottom()), QPointF(b.center().x(), b.top())
            line = QGraphicsLineItem(start.x(), start.y(), end.x(), end.y())
            line.setPen(pen)
            line.setZValue(1)
            scene.addItem(line)
            scene.addItem(self._arrow_head(start, end, theme))
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-10, -10, 10, 10))
        if self.highlighted:   # the current step's node stays in sight in a tall graph
            self.ensureVisible(rects[min(self.highlighted, key=lambda n: rects[n].top())], 20, 40)

    def _pack(self, places, sizes) -> dict[int, QRectF]:
        """Each row's boxes side by side at their own widths, centred: narrow enough for the panel."""
        rows: dict[int, list[int]] = {}
        for node_id, place in sorted(places.items(), key=lambda kv: (kv[1].row, kv[1].column)):
            rows.setdefault(place.row, []).append(node_id)
        widths = {r: sum(sizes[n][0] for n in ids) + GAP * (len(ids) - 1) for r, ids in rows.items()}
        width = max(self.viewport().width() - 24, *widths.values())
        rects = {}
        for r, ids in rows.items():
            x = (width - widths[r]) / 2
            for n in ids:
                w, h = sizes[n]
                rects[n] = QRectF(x, 20 + r * ROW_HEIGHT + (ROW_HEIGHT - 18 - h) / 2, w, h)
                x += w + GAP
        return rects

    def _fill(self, node: GraphNode) -> QColor:
        theme = self.theme
        if node.is_leaf:
            colour = QColor(theme.curves[2])     # green: leaves hold the parameters
        elif node.tag and node.tag[1] == "loss":
            colour = QColor(theme.curves[4])
        else:
            colour = QColor(theme.curves[0])
        colour.setAlpha(60)
        return colour

    @staticmethod
    def _arrow_head(start: QPointF, end: QPointF, theme: Theme) -> QGraphicsPolygonItem:
        angle = math.atan2(end.y() - start.y(), end.x() - start.x())
        size = 9
        left = QPointF(end.x() - size * math.cos(angle - 0.4), end.y() - size * math.sin(angle - 0.4))
        right = QPointF(end.x() - size * math.cos(angle + 0.4), end.y() - size * math.sin(angle + 0.4))
        head = QGraphicsPolygonItem(QPolygonF([end, left, right]))
        head.setBrush(QBrush(QColor(theme.plot_foreground)))
        head.setPen(QPen(Qt.PenStyle.NoPen))
        head.setZValue(1)
        return head
