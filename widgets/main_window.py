"""The main window: a sidebar of panels, menus, the device selector and the status bar."""

from __future__ import annotations

import json
import platform
from pathlib import Path

import pyqtgraph as pg
import PySide6
import torch
from PySide6.QtCore import QByteArray, QEvent, QSettings, qVersion
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (QApplication, QComboBox, QFileDialog, QLabel, QListWidget, QMainWindow,
                               QMessageBox, QSplitter, QStackedWidget, QToolBar)

import app
from app import devices
from widgets import i18n, theme as themes
from widgets.activations_panel import ActivationsPanel
from widgets.arena_panel import ArenaPanel
from widgets.backprop_panel import BackpropPanel
from widgets.i18n import N_, error_text, tr
from widgets.panel import Panel
from widgets.tensor_lab_panel import TensorLabPanel
from widgets.training_panel import TrainingPanel

# The panels, in sidebar order. A new panel is one more entry here.
PANELS: list[type[Panel]] = [TensorLabPanel, ActivationsPanel, BackpropPanel, ArenaPanel, TrainingPanel]

FORMAT_NAMES = {"png": N_("PNG image"), "svg": N_("SVG vector image"), "csv": N_("CSV table"),
                "npy": N_("NumPy array"), "pt": N_("PyTorch tensor"),
                "md": N_("Markdown worked example"), "tex": N_("LaTeX worked example"),
                "json": N_("Network spec (JSON)"), "gif": N_("GIF animation"), "mp4": N_("MP4 video")}


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings) -> None:
        super().__init__()
        self.settings = settings
        self.panels: list[Panel] = [cls() for cls in PANELS]
        self.sidebar = QListWidget()
        self.stack = QStackedWidget()
        for panel in self.panels:
            self.sidebar.addItem("")
            self.stack.addWidget(panel)
            panel.computed.connect(self._computed)
        self.sidebar.setMaximumWidth(220)
        # A sidebar with one entry only costs width on a 1024-px projector; the title names the panel.
        self.sidebar.setVisible(len(self.panels) > 1)
        self.sidebar.currentRowChanged.connect(self._panel_changed)
        splitter = QSplitter()
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([180, 1100])
        self.setCentralWidget(splitter)
        self.device_label = QLabel()
        self.device_box = QComboBox()
        for option in devices.available():
            self.device_box.addItem(option.label, option.key)
        self.status_device = QLabel()
        self.statusBar().addPermanentWidget(self.status_device)
        self._build_menus()
        self._build_toolbar()
        for panel in self.panels:   # the Training panel's "step through this sample"
            if isinstance(panel, TrainingPanel):
                panel.step_through.connect(self.step_through)
        self.retranslate()
        self._restore()

    # --- building --------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.export_action = self.file_menu.addAction("", self.export_current)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.file_menu.addSeparator()
        self.quit_action = self.file_menu.addAction("", self.close)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.view_menu = bar.addMenu("")
        self.theme_menu = self.view_menu.addMenu("")
        self.theme_actions = self._exclusive(self.theme_menu, list(themes.THEMES), self.set_theme)
        self.language_menu = self.view_menu.addMenu("")
        self.language_actions = self._exclusive(self.language_menu, list(i18n.LANGUAGES), self.set_language)
        for code, action in self.language_actions.items():
            action.setText(i18n.LANGUAGES[code])   # each language named in itself
        self.help_menu = bar.addMenu("")
        self.about_action = self.help_menu.addAction("", self.show_about)

    def _exclusive(self, menu, keys, slot) -> dict[str, QAction]:
        group = QActionGroup(self)
        actions = {}
        for key in keys:
            action = menu.addAction("")
            action.setCheckable(True)
            action.setActionGroup(group)
            action.triggered.connect(lambda _checked, k=key: slot(k))
            actions[key] = action
        return actions

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.addWidget(self.device_label)
        self.toolbar.addWidget(self.device_box)
        self.addToolBar(self.toolbar)
        self.device_box.currentIndexChanged.connect(lambda _i: self.set_device(self.device_box.currentData()))

    # --- state -----------------------------------------------------------------------------------
    def current_panel(self) -> Panel:
        return self.stack.currentWidget()

    def set_theme(self, name: str) -> None:
        theme = themes.get(name)
        themes.apply_palette(QApplication.instance(), theme)
        self.theme_actions[theme.name].setChecked(True)
        self.settings.setValue("theme", theme.name)
        for panel in self.panels:
            panel.apply_theme(theme)

    def set_language(self, code: str) -> None:
        code = i18n.set_language(code)   # Qt sends LanguageChange: every widget retranslates itself
        self.language_actions[code].setChecked(True)
        self.settings.setValue("language", code)

    def set_device(self, key: str) -> None:
        try:
            device = devices.resolve(key)
        except ValueError:   # a remembered GPU that is gone: fall back rather than fail
            key, device = "auto", devices.resolve("auto")
        index = self.device_box.findData(key)
        if index != self.device_box.currentIndex():
            self.device_box.blockSignals(True)
            self.device_box.setCurrentIndex(index)
            self.device_box.blockSignals(False)
        self.settings.setValue("device", key)
        for panel in self.panels:
            panel.set_device(device)   # hidden panels recompute when shown

    def show_panel(self, key: str) -> None:
        for row, panel in enumerate(self.panels):
            if panel.key == key:
                self.sidebar.setCurrentRow(row)

    def step_through(self, spec) -> None:
        """Open the Backprop Stepper on `spec` (a network and one sample from the Training panel)."""
        for panel in self.panels:
            if isinstance(panel, BackpropPanel):
                panel.load_spec(spec)
                self.show_panel(panel.key)

    def _panel_changed(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        self.settings.setValue("panel", self.panels[row].key)
        self.retranslate()

    def _computed(self, where: str) -> None:
        self._where = where
        self.status_device.setText(tr("Computed on {0}").format(where))

    def _restore(self) -> None:
        s = self.settings
        geometry = s.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        self.set_language(str(s.value("language", "en")))
        self.set_theme(str(s.value("theme", "light")))
        for panel in self.panels:
            try:
                saved = json.loads(str(s.value(f"panels/{panel.key}", "{}")))
            except ValueError:
                saved = None   # a hand-edited or older settings file: start fresh
            if isinstance(saved, dict):
                panel.set_state(saved)
        remembered = str(s.value("panel", self.panels[0].key))   # read first: selecting row 0 overwrites it
        self.sidebar.setCurrentRow(0)
        self.show_panel(remembered)
        self.set_device(str(s.value("device", "auto")))

    def closeEvent(self, event) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        for panel in self.panels:
            self.settings.setValue(f"panels/{panel.key}", json.dumps(panel.state()))
        self.settings.sync()
        super().closeEvent(event)

    # --- actions ---------------------------------------------------------------------------------
    def export_current(self) -> None:
        panel = self.current_panel()
        formats = panel.export_formats()
        if not formats:
            self.statusBar().showMessage(tr("This view has nothing to export."), 5000)
            return
        filters = [f"{tr(FORMAT_NAMES[f])} (*.{f})" for f in formats]
        folder = Path(str(self.settings.value("export_folder", Path.home())))
        path, chosen = QFileDialog.getSaveFileName(self, tr("Export current view"),
                                                   str(folder / f"{panel.key}.{formats[0]}"),
                                                   ";;".join(filters))
        if path:
            ext = formats[filters.index(chosen)] if chosen in filters else formats[0]
            self.export_to(path if Path(path).suffix else f"{path}.{ext}")

    def export_to(self, path: str) -> bool:
        """Export the current view to `path` (format from the extension); says how it went."""
        panel = self.current_panel()
        ext = Path(path).suffix.lower().lstrip(".")
        try:
            if ext not in panel.export_formats():
                raise ValueError(tr("Cannot export as '.{0}'; choose one of: {1}").format(
                    ext, ", ".join(f".{f}" for f in panel.export_formats())))
            panel.export(path)
        except OSError as exc:
            return self._export_failed(tr("Cannot write {0}: {1}").format(path, exc.strerror or exc))
        except ValueError as exc:
            return self._export_failed(error_text(exc))
        self.settings.setValue("export_folder", str(Path(path).parent))
        self.statusBar().showMessage(tr("Saved {0}").format(path), 8000)
        return True

    def _export_failed(self, message: str) -> bool:
        QMessageBox.warning(self, tr("Export failed"), message)
        return False

    def about_text(self) -> str:
        device = devices.describe(devices.resolve(str(self.settings.value("device", "auto"))))
        return (f"<h3>Torch Playground {app.__version__}</h3>"
                f"<p>{tr('Learn PyTorch by touching it: every number is computed live by PyTorch.')}</p>"
                f"<p>PyTorch {torch.__version__}<br>Qt {qVersion()} (PySide6 {PySide6.__version__})<br>"
                f"pyqtgraph {pg.__version__}<br>Python {platform.python_version()}<br>"
                f"{tr('Device')}: {device}</p>")

    def show_about(self) -> None:
        QMessageBox.about(self, tr("About Torch Playground"), self.about_text())

    # --- text ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(tr("Torch Playground") + " — " + tr(self.current_panel().title))
        self.file_menu.setTitle(tr("&File"))
        self.export_action.setText(tr("&Export current view..."))
        self.quit_action.setText(tr("&Quit"))
        self.view_menu.setTitle(tr("&View"))
        self.theme_menu.setTitle(tr("&Theme"))
        self.theme_actions["light"].setText(tr("Light"))
        self.theme_actions["dark"].setText(tr("Dark"))
        self.language_menu.setTitle(tr("&Language"))
        self.help_menu.setTitle(tr("&Help"))
        self.about_action.setText(tr("&About Torch Playground"))
        self.device_label.setText(tr("Device:") + " ")
        self.device_box.setToolTip(tr("Where PyTorch computes: Auto picks a GPU when one is present."))
        self.device_box.setItemText(self.device_box.findData("auto"), tr("Auto"))
        for row, panel in enumerate(self.panels):
            self.sidebar.item(row).setText(tr(panel.title))
        if getattr(self, "_where", None):
            self._computed(self._where)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
