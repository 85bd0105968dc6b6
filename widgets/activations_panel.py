"""The Activations & Losses panel: activation curves, then four views of the course's losses."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app import devices, tables
from widgets import plots
from widgets.activation_view import ActivationView
from widgets.i18n import N_, tr
from widgets.loss_views import BceMseView, CrossEntropyView, MseView, SoftmaxView
from widgets.panel import Panel
from widgets.view import PlotView


class ActivationsPanel(Panel):
    key = "activations"
    title = N_("Activations & Losses")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.plot_views: list[PlotView] = [ActivationView(), MseView(), SoftmaxView(),
                                           CrossEntropyView(), BceMseView()]
        self._stale = set(range(len(self.plot_views)))
        for view in self.plot_views:
            self.tabs.addTab(view, "")
            view.changed.connect(lambda v=view: self._draw(v))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.retranslate()

    def current_view(self) -> PlotView:
        return self.tabs.currentWidget()

    def views(self) -> list[tuple[str, str]]:
        return [(v.key, v.title) for v in self.plot_views]

    def show_view(self, key: str) -> None:
        for view in self.plot_views:
            if view.key == key:
                self.tabs.setCurrentWidget(view)

    def recompute(self) -> None:
        """Redraw the visible view now; the hidden ones redraw when they are shown."""
        self._stale = set(range(len(self.plot_views)))
        self._draw(self.current_view())

    def _tab_changed(self, index: int) -> None:
        if index in self._stale:
            self._draw(self.plot_views[index])

    def _draw(self, view: PlotView) -> None:
        view.draw(self.device, self.theme)
        self._stale.discard(self.plot_views.index(view))
        self.computed.emit(devices.describe(self.device))

    def retranslate(self) -> None:
        for index, view in enumerate(self.plot_views):
            self.tabs.setTabText(index, tr(view.title))
            view.retranslate()
        self.recompute()   # plot titles and legends carry text too

    def export_formats(self) -> list[str]:
        return ["png", "svg", "csv"]

    def export(self, path: str) -> None:
        view = self.current_view()
        if Path(path).suffix.lower() == ".csv":
            tables.write_csv(path, view.csv_columns())
        else:
            plots.export_image(view.figure, path)


if __name__ == "__main__":
    from widgets.application import preview
    preview(ActivationsPanel)
