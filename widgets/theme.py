"""Light and dark themes: the Qt palette and the colours plots use."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Theme:
    name: str
    window: str
    base: str
    text: str
    plot_background: str
    plot_foreground: str
    highlight: str
    shade: tuple[int, int, int, int]   # vanishing-gradient regions
    curves: tuple[str, ...]            # Okabe-Ito: tells apart for colour-blind students too


_OKABE_ITO_ON_LIGHT = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C6D00")
_OKABE_ITO_ON_DARK = ("#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#F0E442", "#D55E00", "#FFFFFF", "#0072B2")

THEMES = {
    "light": Theme("light", "#f3f3f3", "#ffffff", "#1a1a1a", "#ffffff", "#333333", "#2f6fd0",
                   (230, 60, 60, 40), _OKABE_ITO_ON_LIGHT),
    "dark": Theme("dark", "#2b2b2b", "#1e1e1e", "#e6e6e6", "#1e1e1e", "#d0d0d0", "#4a90e2",
                  (240, 90, 90, 55), _OKABE_ITO_ON_DARK),
}


def get(name: str) -> Theme:
    return THEMES.get(name, THEMES["light"])


def apply_palette(app: QApplication, theme: Theme) -> None:
    """Fusion style with our palette, so both themes look the same on every platform."""
    app.setStyle("Fusion")
    p = QPalette()
    window, base, text = QColor(theme.window), QColor(theme.base), QColor(theme.text)
    for role, colour in [
        (QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, window),
        (QPalette.ColorRole.Text, text), (QPalette.ColorRole.Button, window),
        (QPalette.ColorRole.ButtonText, text), (QPalette.ColorRole.ToolTipBase, base),
        (QPalette.ColorRole.ToolTipText, text), (QPalette.ColorRole.Highlight, QColor(theme.highlight)),
        (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
        (QPalette.ColorRole.PlaceholderText, QColor("#888888")),
    ]:
        p.setColor(role, colour)
    disabled = QColor("#888888")
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    app.setPalette(p)
    app.setStyleSheet(_DARK_INDICATORS.format(check=CHECK_ICON.as_posix()) if theme.name == "dark" else "")


# Fusion outlines check boxes in the window colour darkened, which vanishes on a dark base:
# in the dark theme students could not tell an unticked activation from no box at all.
CHECK_ICON = Path(__file__).resolve().parent.parent / "resources" / "icons" / "check-light.svg"
_DARK_INDICATORS = """
QAbstractItemView::indicator, QCheckBox::indicator {{
    border: 1px solid #a0a0a0; background: #1e1e1e; width: 11px; height: 11px; border-radius: 2px; }}
QAbstractItemView::indicator:checked, QCheckBox::indicator:checked {{ image: url({check}); }}
"""
