"""The baseline for the startup benchmark: import torch, PySide6 and pyqtgraph, show an empty
QMainWindow, and report the first painted frame exactly as `main.py --smoke` does."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyqtgraph  # noqa: E402,F401
import torch  # noqa: E402,F401
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402

from widgets.application import smoke_test  # noqa: E402

if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1400, 860)
    sys.exit(smoke_test(window))
