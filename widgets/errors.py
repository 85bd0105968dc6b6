"""Unexpected errors: logged to a file, shown in a non-modal dialog, and the app keeps running."""

from __future__ import annotations

import datetime
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from widgets.i18n import tr


def log_path() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base or Path.home() / ".torch-playground") / "errors.log"


class ErrorReporter(QObject):
    """Installs itself as sys.excepthook and threading.excepthook.

    An exception in a slot, a paint handler or a worker thread arrives here; the dialog is
    shown from the GUI thread (the signal is queued when it comes from another thread).
    """

    reported = Signal(str, str)   # one-line summary, full traceback

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parent = parent
        self.dialogs: list[QMessageBox] = []
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._previous = (sys.excepthook, threading.excepthook)

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def handle(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous[0](exc_type, exc, tb)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        summary = f"{exc_type.__name__}: {exc}".splitlines()[0][:300]
        self._log(details)
        sys.stderr.write(details)
        self.reported.emit(summary, details)

    def _log(self, details: str) -> None:
        try:
            path = log_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as f:
                f.write(f"--- {datetime.datetime.now().isoformat(timespec='seconds')}\n{details}\n")
        except OSError:
            pass   # a read-only home must not turn one error into two

    def _show(self, summary: str, details: str) -> None:
        # The same failure repeating (a slider dragged over a broken value) updates one dialog
        # with a count instead of piling up dozens.
        for box in self.dialogs:
            if box.property("summary") == summary:
                count = box.property("count") + 1
                box.setProperty("count", count)
                box.setText(self._text(summary, count))
                return
        box = QMessageBox(QMessageBox.Icon.Warning, tr("Something went wrong"), self._text(summary, 1),
                          QMessageBox.StandardButton.Close, self._parent)
        box.setProperty("summary", summary)
        box.setProperty("count", 1)
        box.setDetailedText(details + "\n" + tr("Logged to {0}").format(log_path()))
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.finished.connect(lambda _result, b=box: self._forget(b))
        self.dialogs.append(box)
        box.show()

    @staticmethod
    def _text(summary: str, count: int) -> str:
        text = tr("The last action failed; the app keeps running.") + "\n\n" + summary
        return text if count == 1 else text + "\n\n" + tr("(happened {0} times)").format(count)

    def _forget(self, box: QMessageBox) -> None:
        if box in self.dialogs:
            self.dialogs.remove(box)
        box.deleteLater()
