"""The Tensor Lab: build tensors, type short programs, see values, what dim= did, and the code.

Programs run through app.tensor_program (the safe evaluator) on the GUI thread: every op is
size-checked on the meta device first, so a run is bounded (the limit, and the multiply-adds of a
matrix product) and the variables table always matches what the learner sees.
"""

from __future__ import annotations

from typing import Any

import torch
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import devices, tensor_program, tensor_results
from app.tensor_program import Session, Step
from widgets.controls import ErrorLine, scrolling_column
from widgets.i18n import N_, error_text, tr
from widgets.panel import Panel
from widgets.program_editor import ProgramEditor
from widgets.tensor_result_view import TABS, ResultView
from widgets.tensor_side import BuildForm, OpPicker, VariablesTable

DEFAULT_PROGRAM = "A = torch.arange(20.0).reshape(5, 4)\nA.sum(dim=0, keepdim=True)"
VIEW_TITLES = dict(TABS)


class TensorLabPanel(Panel):
    key = "tensor_lab"
    title = N_("Tensor Lab")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = Session(self.device)
        self.error = ""           # what the red line says; export is refused while it says something
        self._failure: Exception | None = None
        self._ran = False
        self.shown: Step | None = None
        self.build = BuildForm()
        self.picker = OpPicker()
        self.variables = VariablesTable()
        self.limit = QSpinBox()
        self.limit.setRange(tensor_program.MIN_LIMIT, tensor_program.MAX_LIMIT)
        self.limit.setSingleStep(1_000_000)
        self.limit.setGroupSeparatorShown(True)
        self.limit.setValue(tensor_program.DEFAULT_LIMIT)
        self.limit.setKeyboardTracking(False)
        self.limit.valueChanged.connect(self.session.set_limit)
        self.preferences = QGroupBox()
        self.limit_label = QLabel()
        prefs = QFormLayout(self.preferences)
        prefs.addRow(self.limit_label, self.limit)

        self.editor = ProgramEditor()
        self.editor.setPlainText(DEFAULT_PROGRAM)
        self.editor.setMinimumHeight(90)
        self.run_button, self.clear_button = QPushButton(), QPushButton()
        self.hint = QLabel()
        self.message = ErrorLine()
        self.result = ResultView()

        self.build.code_ready.connect(self.run_line)
        self.build.failed.connect(self.show_error)
        self.picker.example_chosen.connect(self.paste_example)
        self.variables.chosen.connect(self.show_variable)
        self.editor.run_requested.connect(self.run_editor)
        self.run_button.clicked.connect(self.run_editor)
        self.clear_button.clicked.connect(self.clear_variables)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.run_editor,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._lay_out()
        self.retranslate()

    def _lay_out(self) -> None:
        side_content = QWidget()
        side_layout = QVBoxLayout(side_content)
        for box in (self.build, self.picker, self.variables, self.preferences):
            side_layout.addWidget(box)
        side_layout.addStretch(1)
        side = scrolling_column(side_content, 400, 470)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.hint, 1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.editor, 1)
        top_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.result)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([150, 600])
        main = QVBoxLayout()
        main.addWidget(self.message)
        main.addWidget(splitter, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(side)
        layout.addLayout(main, 1)

    # --- running ----------------------------------------------------------------------------------
    def run_editor(self) -> None:
        if self.run(self.editor.toPlainText()):
            self.editor.remember(self.editor.toPlainText())

    def run_line(self, line: str) -> None:
        """A line from the build form: runs like typed code, and lands in the editor's history."""
        if self.run(line):
            self.editor.remember(line)
            self.build.name.setText(self._next_name())

    def run(self, program: str) -> bool:
        """Run `program` in the session; show its value or the error. True when it ran."""
        self._ran = True
        try:
            result = self.session.run(program)
        except ValueError as exc:   # EvalError and InputError: the red line, nothing lost
            self.show_error(error_text(exc))
            self._failure = exc   # said again in the new language if the language changes
            return False
        self.clear_error()
        self.shown = result.shown
        self.result.set_code(self.session.equivalent_code(), result.output, result.warnings)
        self.result.show_step(self.shown, self.theme)
        self.variables.set_variables(self.session.variables())
        self.computed.emit(devices.describe(self.session.device))
        return True

    def paste_example(self, example: str) -> None:
        self.editor.setPlainText(example)
        self.editor.setFocus()

    def show_variable(self, name: str) -> None:
        if name in self.session.env:
            self.shown = Step(0, name, self.session.env[name], True)
            self.result.show_step(self.shown, self.theme)

    def clear_variables(self) -> None:
        self.session.reset()
        self.shown = None
        self.variables.set_variables([])
        self.result.show_step(None, self.theme)
        self.result.set_code(self.session.equivalent_code(), [], [])
        self.clear_error()

    def _next_name(self) -> str:
        for name in "ABCDEFGHJKLMNPQRSTUVWXYZ":
            if name not in self.session.env:
                return name
        return "T"

    def show_error(self, text: str) -> None:
        self._failure = None
        self.error = text
        self.message.show_error(text)

    def clear_error(self) -> None:
        self._failure = None
        self.error = ""
        self.message.clear_error()

    # --- what the main window calls ----------------------------------------------------------------
    def views(self) -> list[tuple[str, str]]:
        return [(key, title) for key, title in TABS if key != "output"]

    def show_view(self, key: str) -> None:
        keys = [k for k, _title in TABS]
        if key in keys:
            self.result.tabs.setCurrentIndex(keys.index(key))

    def set_device(self, device: torch.device) -> None:
        """Variables move with the device; the value on screen is shown again from its new home."""
        old = {id(v): name for name, v in self.session.env.items()}
        try:
            self.session.set_device(device)
        except ValueError as exc:
            self.show_error(error_text(exc))
            return
        self.device = device
        if self.shown is not None and id(self.shown.value) in old:
            name = old[id(self.shown.value)]
            self.shown = Step(self.shown.line, self.shown.code, self.session.env[name], True)
        self.variables.set_variables(self.session.variables())
        self.result.set_code(self.session.equivalent_code(), [], [])
        self.request_recompute()

    def recompute(self) -> None:
        """The first time: run the editor's program, so the lab opens on a result. Later: redraw."""
        if not self._ran:
            self.run_editor()
        else:
            self.result.show_step(self.shown, self.theme)
        if not self.error:
            self.computed.emit(devices.describe(self.session.device))

    def retranslate(self) -> None:
        self.build.retranslate()
        self.picker.retranslate()
        self.variables.retranslate()
        self.result.retranslate()
        self.preferences.setTitle(tr("Preferences"))
        self.limit_label.setText(tr("Size limit (elements)"))
        self.limit.setToolTip(tr("A program that would build a larger tensor is refused before it allocates"))
        self.run_button.setText(tr("Run"))
        self.run_button.setToolTip(tr("Ctrl+Enter"))
        self.clear_button.setText(tr("Clear variables"))
        self.hint.setText(tr("Ctrl+Enter runs · Up/Down recall earlier programs"))
        self.editor.setPlaceholderText(tr("Type PyTorch code, e.g. A = torch.arange(6).reshape(2, 3); A.sum(dim=0)"))
        if self._failure is not None:
            failure = self._failure
            self.show_error(error_text(failure))
            self._failure = failure

    def state(self) -> dict:
        return {"program": self.editor.toPlainText(), "history": self.editor.history[-50:],
                "limit": self.limit.value(), "build": self.build.key(),
                "op": self.picker.current_op().key if self.picker.current_op() else "",
                "view": [k for k, _t in TABS][self.result.tabs.currentIndex()]}

    def set_state(self, state: dict) -> None:
        if isinstance(state.get("program"), str):
            self.editor.setPlainText(state["program"])
        history = state.get("history")
        if isinstance(history, list):
            for program in history:
                if isinstance(program, str):
                    self.editor.remember(program)
        limit = state.get("limit")
        if isinstance(limit, int) and not isinstance(limit, bool):
            self.limit.setValue(limit)   # clamped to the allowed range by the spin box
        if isinstance(state.get("build"), str):
            self.build.set_key(state["build"])
        if isinstance(state.get("op"), str):
            self.picker.select(state["op"])
        if isinstance(state.get("view"), str):
            self.show_view(state["view"])

    def export_formats(self) -> list[str]:
        return list(tensor_results.EXPORT_FORMATS)

    def export(self, path: str) -> None:
        if self.error:   # the values on screen are the last good ones, not what is typed
            raise ValueError(tr("Fix the input first: {0}").format(self.error))
        value: Any = self.result.current()
        if not tensor_results.exportable(value):
            raise ValueError(tr("Only a tensor can be exported: run a program whose last line is a tensor"))
        tensor_results.export_tensor(value, path)


if __name__ == "__main__":
    from widgets.application import preview
    preview(TensorLabPanel)
