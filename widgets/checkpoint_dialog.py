"""Save checkpoint: "state_dict only" (safe, the default) against "whole model", as the course explains."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from widgets.i18n import tr


class SaveKindDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Save checkpoint"))
        self.safe = QRadioButton(tr("state_dict only (safe, the default)"))
        self.safe.setChecked(True)
        safe_text = QLabel(tr("torch.save of a plain dict: the weights (model.state_dict()), the optimizer's "
                              "state, the network spec, the data settings, the epoch and the loss history. It "
                              "opens with torch.load(..., weights_only=True): tensors and numbers only, nothing "
                              "in the file can run. This app opens it and resumes training exactly."))
        self.whole = QRadioButton(tr("whole model (torch.save(model))"))
        whole_text = QLabel(tr("Pickles the model object itself. Loading it needs its class and "
                               "torch.load(..., weights_only=False), and unpickling can run any code hidden in "
                               "the file: open such files only from people you trust. For use in a notebook; "
                               "this app refuses to open them."))
        layout = QVBoxLayout(self)
        for widget in (self.safe, safe_text, self.whole, whole_text):
            if isinstance(widget, QLabel):
                widget.setWordWrap(True)
                widget.setContentsMargins(24, 0, 0, 8)
            layout.addWidget(widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)


def ask_save_kind(parent: QWidget) -> bool | None:
    """True for the whole model, False for the safe state_dict checkpoint, None if cancelled."""
    dialog = SaveKindDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.whole.isChecked()
