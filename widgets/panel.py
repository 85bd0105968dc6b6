"""What every panel offers the main window: views, device, theme, language, export."""

from __future__ import annotations

import torch
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QWidget

from widgets import theme as themes
from widgets.i18n import tr


class Panel(QWidget):
    """Base class of the main window's panels.

    A panel computes through app/ on `self.device`, draws with `self.theme`, and sets every
    visible text in `retranslate()`, which runs again whenever the language changes.
    """

    computed = Signal(str)     # the device the numbers on screen were computed on, for the status bar
    key = "panel"              # settings key and screenshot file prefix
    title = ""                 # English, marked with N_(); shown through tr()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.device = torch.device("cpu")
        self.theme = themes.get("light")
        self._dirty = True

    # --- the main window calls these ------------------------------------------------------
    def views(self) -> list[tuple[str, str]]:
        """(key, English title) of each view the panel can show; one screenshot each."""
        return [(self.key, self.title)]

    def show_view(self, key: str) -> None:
        """Bring the view `key` to the front."""

    def set_device(self, device: torch.device) -> None:
        self.device = device
        self.request_recompute()

    def apply_theme(self, theme: themes.Theme) -> None:
        self.theme = theme
        self.request_recompute()

    def request_recompute(self) -> None:
        """Recompute now if the panel is on screen, else when it is next shown.

        Start-up sets language, theme and device one after another: a hidden panel draws once.
        """
        if self.isVisible():
            self._dirty = False
            self.recompute()
        else:
            self._dirty = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self._dirty = False
            self.recompute()

    def state(self) -> dict:
        """What to remember of this panel between runs (JSON-friendly)."""
        return {}

    def set_state(self, state: dict) -> None:
        """Restore state(); anything that no longer fits is ignored."""

    def export_formats(self) -> list[str]:
        return []

    def export(self, path: str) -> None:
        raise NotImplementedError

    # --- subclasses implement ---------------------------------------------------------------
    def recompute(self) -> None:
        """Compute what is shown, on self.device, and draw it."""

    def retranslate(self) -> None:
        """Set every visible text again in the current language."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class TabbedPanel(Panel):
    """A panel whose views are the pages of `self.tabs`, listed in VIEWS as (key, English title)."""

    VIEWS: tuple[tuple[str, str], ...] = ()

    def views(self) -> list[tuple[str, str]]:
        return list(self.VIEWS)

    def show_view(self, key: str) -> None:
        self.tabs.setCurrentIndex([k for k, _ in self.VIEWS].index(key))

    def current_view_key(self) -> str:
        return self.VIEWS[self.tabs.currentIndex()][0]

    def retranslate_tabs(self) -> None:
        for index, (_key, title) in enumerate(self.VIEWS):
            self.tabs.setTabText(index, tr(title))
