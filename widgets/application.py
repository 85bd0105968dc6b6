"""Starting the GUI: the QApplication, the main window, screenshots and the smoke test."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from app import files, process
from widgets import display

ORGANIZATION, APPLICATION = "TorchPlayground", "Torch Playground"


def create_app(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, set up the way every entry point (app, previews, tests) needs it."""
    existing = QApplication.instance()
    if existing is not None:
        return existing
    virtual = display.ensure_display()
    if virtual:
        print(f"No display found: running on a virtual screen ({virtual}).", file=sys.stderr)
    # pyqtgraph caches compiled GL shaders globally: a second GL view draws black without this.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    qapp = QApplication(argv if argv is not None else sys.argv[:1])
    qapp.setOrganizationName(ORGANIZATION)
    qapp.setApplicationName(APPLICATION)
    import pyqtgraph as pg
    pg.setConfigOptions(antialias=True)
    return qapp


def user_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def run_gui(screenshot: str | None = None, smoke: bool = False) -> int:
    qapp = create_app()
    from widgets.errors import ErrorReporter
    from widgets.main_window import MainWindow

    scratch = None
    if screenshot or smoke:   # leave the user's remembered theme, language and panel alone
        scratch = tempfile.TemporaryDirectory()
        settings = QSettings(str(Path(scratch.name) / "settings.ini"), QSettings.Format.IniFormat)
    else:
        settings = user_settings()
    window = MainWindow(settings)
    reporter = ErrorReporter(window)
    reporter.install()
    try:
        if screenshot:
            for path in take_screenshots(window, Path(screenshot)):
                print(path)
            return 0
        if smoke:
            return smoke_test(window)
        window.show()
        return qapp.exec()
    finally:
        reporter.uninstall()
        window.close()
        # Destroyed now, while the (maybe virtual) X server is still up: GL contexts released at
        # interpreter exit, after atexit stopped Xvfb, break the X connection and the exit code.
        release_widget(window)
        if scratch:
            scratch.cleanup()


def release_widget(widget) -> None:
    """Delete `widget` now, and what its deletion left for later (GL contexts and surfaces)."""
    shiboken6.delete(widget)
    QCoreApplication.processEvents()   # the GL view's surface and context go with deferred deletes
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


# Which language and theme each round of screenshots uses: every view in English, again in
# Chinese, and again in the dark theme.
SCREENSHOT_ROUNDS = [("en", "light"), ("zh_CN", "light"), ("en", "dark")]


def take_screenshots(window, out_dir: Path) -> list[Path]:
    """Render every view of every panel to PNG; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    window.resize(1400, 860)
    window.show()
    written = []
    for language, theme in SCREENSHOT_ROUNDS:
        window.set_language(language)
        window.set_theme(theme)
        for panel in window.panels:
            window.show_panel(panel.key)
            for view_key, _title in panel.views():
                panel.show_view(view_key)
                if hasattr(panel, "settle"):   # a panel computing in the background finishes first
                    panel.settle()
                for _ in range(3):   # let layouts settle and pyqtgraph repaint
                    QApplication.processEvents()
                path = out_dir / f"{panel.key}-{view_key}-{language}-{theme}.png"
                with files.atomic_path(path) as tmp:
                    if not window.grab().save(str(tmp), "PNG"):
                        raise OSError(f"could not write {path}")
                written.append(path)
    return written


class _FirstPaint(QObject):
    """Reports once, just after the window's first paint has been processed."""

    def __init__(self, callback) -> None:
        super().__init__()
        self._callback = callback
        self._seen = False

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint and not self._seen:
            self._seen = True
            QTimer.singleShot(0, self._callback)
        return False


def smoke_test(window) -> int:
    qapp = QApplication.instance()
    result = {}

    def report() -> None:
        result["seconds"] = process.seconds_since_start()
        qapp.quit()

    watcher = _FirstPaint(report)
    window.installEventFilter(watcher)
    window.show()
    QTimer.singleShot(60_000, qapp.quit)   # never hang a CI job
    qapp.exec()
    if "seconds" not in result:
        print("error: the window was never painted", file=sys.stderr)
        return 1
    print(f"first_frame_s={result['seconds']:.3f}")
    return 0


def preview(panel_cls) -> None:
    """Open one panel alone, for a quick look: `python -m widgets.<panel>`."""
    from widgets import theme as themes

    qapp = create_app()
    theme = themes.get("light")
    themes.apply_palette(qapp, theme)
    panel = panel_cls()
    panel.setWindowTitle(panel_cls.title)
    panel.apply_theme(theme)
    panel.resize(1200, 800)
    panel.show()
    sys.exit(qapp.exec())
