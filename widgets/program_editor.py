"""The Tensor Lab's program editor: Ctrl+Enter runs, Up/Down at the edges recall earlier programs."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from widgets.tensor_grid import mono_font

MAX_HISTORY = 100


class ProgramEditor(QPlainTextEdit):
    """A plain-text editor for short programs, with a shell-like history of the ones that ran."""

    run_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(mono_font(11))
        self.setTabChangesFocus(True)
        # Wrapped: a one-line program with ';' runs past the edge, and a learner does not scroll sideways.
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.history: list[str] = []
        self._position = 0          # len(history) means "the text being written"
        self._draft = ""

    def remember(self, program: str) -> None:
        """Add a program that ran to the history (not twice in a row)."""
        program = program.strip()
        if program and (not self.history or self.history[-1] != program):
            self.history.append(program)
            del self.history[:-MAX_HISTORY]
        self._position = len(self.history)

    def recall(self, step: int) -> None:
        """Show the previous (-1) or next (+1) program of the history."""
        if not self.history:
            return
        if self._position == len(self.history):
            self._draft = self.toPlainText()
        self._position = min(max(self._position + step, 0), len(self.history))
        text = self._draft if self._position == len(self.history) else self.history[self._position]
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.End)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods & Qt.KeyboardModifier.ControlModifier:
            self.run_requested.emit()
            return
        cursor = self.textCursor()
        plain = not (mods & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier))
        if key == Qt.Key.Key_Up and plain and cursor.blockNumber() == 0 and _visual_line(cursor) == 0:
            self.recall(-1)
            return
        if (key == Qt.Key.Key_Down and plain and cursor.blockNumber() == self.blockCount() - 1
                and _visual_line(cursor) == cursor.block().layout().lineCount() - 1):
            self.recall(+1)
            return
        super().keyPressEvent(event)


def _visual_line(cursor: QTextCursor) -> int:
    """The wrapped line the cursor is on inside its paragraph: Up/Down move within a wrapped line first."""
    line = cursor.block().layout().lineForTextPosition(cursor.positionInBlock())
    return line.lineNumber() if line.isValid() else 0
