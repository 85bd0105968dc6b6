"""The Tensor Lab's side controls: the build form, the op picker and the variables table."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from app import tensor_ops
from app.tensor_program import VariableInfo
from widgets.i18n import error_text, tr
from widgets.tensor_grid import mono_font


class BuildForm(QGroupBox):
    """Pick a creation function, fill in its parameters, name the tensor: emits the line to run."""

    code_ready = Signal(str)
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.function = QComboBox()
        for op in tensor_ops.creation_ops():
            self.function.addItem(op.label, op.key)
        self.fields_box = QWidget()
        self.fields = QFormLayout(self.fields_box)
        self.fields.setContentsMargins(0, 0, 0, 0)
        self.edits: dict[str, QLineEdit] = {}
        self.dtype = QComboBox()
        self.dtype.addItem("", "")
        for name in tensor_ops.DTYPES:
            self.dtype.addItem(f"torch.{name}", name)
        self.requires_grad = QCheckBox("requires_grad=True")
        self.name = QLineEdit("A")
        self.name.setMaximumWidth(120)
        self.create = QPushButton()
        self.create.clicked.connect(self.submit)
        self.name.returnPressed.connect(self.submit)
        self.function_label, self.dtype_label, self.name_label = QLabel(), QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.function_label, self.function)
        form.addRow(self.fields_box)
        form.addRow(self.dtype_label, self.dtype)
        form.addRow(self.requires_grad)
        row = QHBoxLayout()
        row.addWidget(self.name)
        row.addWidget(self.create)
        form.addRow(self.name_label, row)
        self.setLayout(form)
        self.function.currentIndexChanged.connect(self._rebuild_fields)
        self._rebuild_fields()
        self.retranslate()

    def key(self) -> str:
        return self.function.currentData()

    def set_key(self, key: str) -> None:
        index = self.function.findData(key)
        if index >= 0:
            self.function.setCurrentIndex(index)

    def _rebuild_fields(self) -> None:
        while self.fields.rowCount():
            self.fields.removeRow(0)
        self.edits = {}
        for field in tensor_ops.OPS[self.key()].form:
            edit = QLineEdit(field.default)
            edit.setFont(mono_font(10))
            edit.returnPressed.connect(self.submit)
            self.edits[field.name] = edit
            self.fields.addRow(field.name + ("=" if field.keyword else ""), edit)

    def code(self) -> str:
        """The line to run; raises InputError when the name or a field cannot make one."""
        return tensor_ops.creation_code(self.key(), {k: e.text() for k, e in self.edits.items()},
                                        self.name.text(), self.dtype.currentData(), self.requires_grad.isChecked())

    def submit(self) -> None:
        try:
            self.code_ready.emit(self.code())
        except ValueError as exc:
            self.failed.emit(error_text(exc))

    def retranslate(self) -> None:
        self.setTitle(tr("Build a tensor"))
        self.function_label.setText(tr("Function"))
        self.dtype_label.setText(tr("dtype"))
        self.dtype.setItemText(0, tr("default"))
        self.name_label.setText(tr("Name"))
        self.create.setText(tr("Create"))
        self.create.setToolTip(tr("Runs the line this form builds, so it also appears in the program's code"))


class OpPicker(QGroupBox):
    """The catalog by group: each op's explanation, parameters, and a button that pastes its example."""

    example_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QComboBox()
        for group in tensor_ops.GROUPS:
            self.group.addItem("", group)
        self.ops = QListWidget()
        self.ops.setMinimumHeight(150)
        self.signature = QLabel()
        self.signature.setFont(mono_font(9))
        self.signature.setWordWrap(True)
        self.signature.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.paste = QPushButton()
        self.paste.clicked.connect(self._paste)
        self.ops.itemDoubleClicked.connect(lambda _item: self._paste())
        self.ops.currentItemChanged.connect(lambda _a, _b: self._describe())
        self.group.currentIndexChanged.connect(self._fill)
        layout = QVBoxLayout(self)
        layout.addWidget(self.group)
        layout.addWidget(self.ops)
        layout.addWidget(self.signature)
        layout.addWidget(self.explanation)
        layout.addWidget(self.paste)
        self._fill()
        self.retranslate()

    def current_op(self) -> tensor_ops.Op | None:
        item = self.ops.currentItem()
        return tensor_ops.OPS[item.data(Qt.ItemDataRole.UserRole)] if item is not None else None

    def select(self, key: str) -> None:
        op = tensor_ops.OPS.get(key)
        if op is None:
            return
        self.group.setCurrentIndex(self.group.findData(op.group))
        for row in range(self.ops.count()):
            if self.ops.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.ops.setCurrentRow(row)

    def _fill(self) -> None:
        self.ops.clear()
        for op in tensor_ops.in_group(self.group.currentData()):
            item = QListWidgetItem(op.label)
            item.setData(Qt.ItemDataRole.UserRole, op.key)
            self.ops.addItem(item)
        self.ops.setCurrentRow(0)

    def _describe(self) -> None:
        op = self.current_op()
        self.signature.setText(op.signature if op else "")
        self.explanation.setText(tr(op.explanation) if op else "")
        self.ops.setToolTip(tr(op.explanation) if op else "")

    def _paste(self) -> None:
        op = self.current_op()
        if op is not None:
            self.example_chosen.emit(op.example)

    def retranslate(self) -> None:
        self.setTitle(tr("Op catalog"))
        for index in range(self.group.count()):
            self.group.setItemText(index, tr(self.group.itemData(index)))
        self.paste.setText(tr("Paste the example into the editor"))
        self._describe()


class VariablesTable(QGroupBox):
    """name, shape, dtype, device, requires_grad and whether a gradient is there; a click shows one."""

    chosen = Signal(str)
    COLUMNS = ("name", "shape", "dtype", "device", "requires_grad", "grad")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(False)   # stretched, it ran past the edge
        self.table.setMinimumHeight(120)
        self.table.cellClicked.connect(lambda row, _col: self.chosen.emit(self.table.item(row, 0).text()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        self._rows: list[VariableInfo] = []
        self.retranslate()

    def set_variables(self, variables: list[VariableInfo]) -> None:
        self._rows = variables
        self.table.setRowCount(len(variables))
        for row, v in enumerate(variables):
            shape = "(" + ", ".join(map(str, v.shape)) + ("," if len(v.shape or ()) == 1 else "") + ")" \
                if v.shape is not None else v.kind
            tensor = v.shape is not None
            # every cell says something: an empty cell reads as "not computed", not as False
            cells = [v.name, shape, v.dtype or "—", v.device or "—", str(v.requires_grad) if tensor else "—",
                     (tr("yes") if v.has_grad else tr("no")) if tensor else "—"]
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))

    def retranslate(self) -> None:
        self.setTitle(tr("Variables"))
        headers = [tr("name"), tr("shape"), "dtype", tr("device"), "requires_grad", ".grad"]
        self.table.setHorizontalHeaderLabels(headers)
        self.set_variables(self._rows)
