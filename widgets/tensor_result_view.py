"""The Tensor Lab's result: the parts of a value, its facts, its values page by page, the picture
of what its op did, the equivalent plain PyTorch program, and what print() wrote."""

from __future__ import annotations

from typing import Any

import torch
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QScrollArea,
                               QSpinBox, QStackedWidget, QTabWidget, QVBoxLayout, QWidget)

from app import tensor_results
from app.tensor_program import Step
from app.tensor_results import BroadcastPicture, DimPicture
from widgets.i18n import N_, tr
from widgets.tensor_grid import TensorGrid, ValueColours, mono_font
from widgets.tensor_pictures import BroadcastPictureWidget, DimPictureWidget
from widgets.theme import Theme

PAGE_ROWS, PAGE_COLS = 20, 12
TABS = (("values", N_("Values")), ("picture", N_("What the op did")), ("code", N_("Plain PyTorch")),
        ("output", N_("Printed")))


def _shape(shape) -> str:
    return "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"


class ResultView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme: Theme | None = None
        self.step: Step | None = None
        self.value: Any = None
        self._range = (0.0, 1.0)
        self.title = QLabel()
        self.title.setFont(mono_font(10))
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.part = QComboBox()
        self.part.currentIndexChanged.connect(lambda _i: self._show_part())
        self.part_label = QLabel()
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addSpacing(16)
        head.addWidget(self.part_label)
        head.addWidget(self.part)
        head.addStretch(1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._values_tab(), "")
        self.tabs.addTab(self._picture_tab(), "")
        self.tabs.addTab(self._code_tab(), "")
        self.tabs.addTab(self._output_tab(), "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.facts)
        layout.addWidget(self.tabs, 1)
        self.retranslate()

    # --- building ---------------------------------------------------------------------------------
    def _values_tab(self) -> QWidget:
        self.slices_row = QHBoxLayout()
        self.slice_spins: list[QSpinBox] = []
        self.slice_label = QLabel()
        self.row_from, self.col_from = QSpinBox(), QSpinBox()
        self.row_from.setSingleStep(PAGE_ROWS)
        self.col_from.setSingleStep(PAGE_COLS)
        self.row_label, self.col_label, self.page_label = QLabel(), QLabel(), QLabel()
        for spin in (self.row_from, self.col_from):
            spin.valueChanged.connect(lambda _v: self._draw_grid())
        controls = QHBoxLayout()
        controls.addWidget(self.slice_label)
        controls.addLayout(self.slices_row)
        self.slice_index = QLabel()   # t[1, :, :]: the slice on screen, written as the learner indexes it
        self.slice_index.setFont(mono_font(10))
        controls.addWidget(self.slice_index)
        controls.addSpacing(16)
        for widget in (self.row_label, self.row_from, self.col_label, self.col_from, self.page_label):
            controls.addWidget(widget)
        controls.addStretch(1)
        self.grid = TensorGrid()
        self.scalar = QLabel()
        self.scalar.setFont(mono_font(12))
        self.scalar.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.scalar.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.values_stack = QStackedWidget()
        self.values_stack.addWidget(_scrolled(self.grid))
        self.values_stack.addWidget(_scrolled(self.scalar))
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(controls)
        layout.addWidget(self.values_stack, 1)
        return page

    def _picture_tab(self) -> QWidget:
        self.dim_picture = DimPictureWidget()
        self.broadcast_picture = BroadcastPictureWidget()
        self.no_picture = QLabel()
        self.no_picture.setWordWrap(True)
        self.no_picture.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.picture_stack = QStackedWidget()
        for widget in (self.dim_picture, self.broadcast_picture, self.no_picture):
            self.picture_stack.addWidget(_scrolled(widget))
        return self.picture_stack

    def _code_tab(self) -> QWidget:
        self.code = QPlainTextEdit()
        self.code.setReadOnly(True)
        self.code.setFont(mono_font(10))
        self.copy = QPushButton()
        self.copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.code.toPlainText()))
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.code, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.copy)
        layout.addLayout(row)
        return page

    def _output_tab(self) -> QWidget:
        self.output = QPlainTextEdit()
        self.output.setReadOnly(True)
        self.output.setFont(mono_font(10))
        return self.output

    # --- showing ------------------------------------------------------------------------------------
    def show_step(self, step: Step | None, theme: Theme) -> None:
        """Show a step's value (None: nothing to show) and the picture of its op."""
        self.step, self.theme = step, theme
        self.value = step.value if step is not None else None
        parts = tensor_results.parts(self.value)
        self.part.blockSignals(True)
        self.part.clear()
        for index, part in enumerate(parts):   # "[0] values": the index to write, and the name
            label = part.label if part.label and not part.label.startswith("[") else ""
            self.part.addItem(f"[{index}] {label}".rstrip())
        self.part.blockSignals(False)
        several = len(parts) > 1
        self.part.setVisible(several)
        self.part_label.setVisible(several)
        self.part_label.setText(tr("Part of the result ({0} parts):").format(len(parts)))
        self.title.setText(step.code.replace("\n", "; ") if step is not None else "")
        self._show_part()
        self._draw_picture()

    def set_code(self, code: str, printed: list[str], warnings: list[str]) -> None:
        self.code.setPlainText(code)
        lines = list(printed) + [tr("Warning from PyTorch: {0}").format(w) for w in warnings]
        self.output.setPlainText("\n".join(lines))

    def current(self) -> Any:
        """The part on screen (for export)."""
        parts = tensor_results.parts(self.value)
        index = self.part.currentIndex()
        return parts[index].value if 0 <= index < len(parts) else self.value

    def redraw(self, theme: Theme) -> None:
        self.theme = theme
        self._draw_grid()
        self._draw_picture()

    def _show_part(self) -> None:
        value = self.current()
        tensor = isinstance(value, torch.Tensor)
        drawable = tensor and value.device.type != "meta" and value.numel() > 0
        self._set_slices(value if drawable else None)
        if tensor:
            f = tensor_results.facts(value)
            self.facts.setText(
                tr("shape {0} · dtype {1} · device {2} · strides {3} · {4}").format(
                    _shape(f.shape), f.dtype.replace("torch.", ""), f.device, _shape(f.strides),
                    tr("contiguous") if f.contiguous else tr("not contiguous"))
                + "\n" + tr("requires_grad={0} · grad: {1} · grad_fn: {2}").format(
                    f.requires_grad, tr("yes") if f.has_grad else tr("none"), f.grad_fn or "—"))
            self._range = tensor_results.value_range(value)
        else:
            self.facts.setText(tr("A Python value of type {0}").format(type(value).__name__)
                               if self.step is not None else "")
        if drawable:
            self.values_stack.setCurrentIndex(0)
        else:
            self.scalar.setText(tensor_results.plain_text(value) if self.step is not None else "")
            self.scalar.adjustSize()
            self.values_stack.setCurrentIndex(1)
        self._draw_grid()

    def _set_slices(self, tensor: torch.Tensor | None) -> None:
        for spin in self.slice_spins:   # out of the layout now: deleteLater waits for the event loop
            self.slices_row.removeWidget(spin)
            spin.hide()
            spin.deleteLater()
        self.slice_spins = []
        leading = tensor.shape[:-2] if tensor is not None and tensor.dim() > 2 else ()
        for size in leading:
            spin = QSpinBox()
            spin.setRange(0, max(size - 1, 0))
            spin.valueChanged.connect(lambda _v: self._draw_grid())
            self.slices_row.addWidget(spin)
            self.slice_spins.append(spin)
        self.slice_label.setVisible(bool(leading))
        self.slice_index.setVisible(bool(leading))
        matrix = tensor_results.as_matrix(tensor) if tensor is not None else None
        rows, cols = matrix.shape if matrix is not None else (0, 0)
        for spin, label, count, page in ((self.row_from, self.row_label, rows, PAGE_ROWS),
                                         (self.col_from, self.col_label, cols, PAGE_COLS)):
            spin.blockSignals(True)
            spin.setRange(0, max(count - 1, 0))
            spin.setValue(0)
            spin.blockSignals(False)
            spin.setVisible(count > page)
            label.setVisible(count > page)
        self.page_label.setVisible(rows > PAGE_ROWS or cols > PAGE_COLS)

    def leading(self) -> tuple[int, ...]:
        return tuple(spin.value() for spin in self.slice_spins)

    def _draw_grid(self) -> None:
        value = self.current()
        if (self.theme is None or not isinstance(value, torch.Tensor) or value.device.type == "meta"
                or value.numel() == 0):
            return
        row0, col0 = self.row_from.value(), self.col_from.value()
        values = tensor_results.page(value, self.leading(), row0, col0, PAGE_ROWS, PAGE_COLS)
        boolean = value.dtype == torch.bool
        integer = not value.is_floating_point() and not value.is_complex()
        colours = ValueColours(self.theme, *self._range, boolean=boolean)
        self.grid.set_page(values, row0, col0, integer, boolean, colours, self.theme, dims=value.dim())
        rows, cols = tensor_results.as_matrix(value, self.leading()).shape
        if self.slice_spins:
            # the variable's name when the value is one; an expression's value is just indexed
            name = self.step.code if self.step is not None and self.step.code.isidentifier() else ""
            index = ", ".join([str(i) for i in self.leading()] + [":", ":"])
            self.slice_index.setText(f"→ {name}[{index}]")
        self.page_label.setText(tr("rows {0}–{1} of {2}, columns {3}–{4} of {5}").format(
            row0, min(row0 + PAGE_ROWS, rows) - 1, rows, col0, min(col0 + PAGE_COLS, cols) - 1, cols))

    def _draw_picture(self) -> None:
        if self.theme is None:
            return
        picture = tensor_results.picture_for(self.step) if self.step is not None else None
        code = self.step.code.replace("\n", "; ") if self.step is not None else ""
        if isinstance(picture, DimPicture):
            self.dim_picture.set_picture(picture, code, self.theme)
            self.picture_stack.setCurrentIndex(0)
        elif isinstance(picture, BroadcastPicture):
            self.broadcast_picture.set_picture(picture, code, self.theme)
            self.picture_stack.setCurrentIndex(1)
        elif self.step is not None and self.step.events:
            self.no_picture.setText(tr("The picture shows tensors of up to 3 dimensions."))
            self.picture_stack.setCurrentIndex(2)
        else:
            self.no_picture.setText(tr("Run an op with dim= (sum, mean, max, cumsum, softmax…) or an operator "
                                       "between tensors of different shapes to see a picture of what it did."))
            self.picture_stack.setCurrentIndex(2)

    def retranslate(self) -> None:
        for index, (_key, title) in enumerate(TABS):
            self.tabs.setTabText(index, tr(title))
        self.part_label.setText(tr("Part of the result ({0} parts):").format(self.part.count()))
        self.slice_label.setText(tr("Slice"))
        self.row_label.setText(tr("Rows from"))
        self.col_label.setText(tr("Columns from"))
        self.copy.setText(tr("Copy"))
        if self.step is not None and self.theme is not None:
            self._show_part()
            self._draw_picture()


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(isinstance(widget, QLabel))
    return area
