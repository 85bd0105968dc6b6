"""The Activations & Losses panel: activation curves, then four views of the course's losses."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app import devices, tables
from widgets import plots
from widgets.activation_view import ActivationView
from widgets.i18n import N_, tr
from widgets.loss_views import BceMseView, MseView
from widgets.softmax_views import CrossEntropyView, SoftmaxView
from widgets.panel import Panel
from widgets.view import PlotView


VIEW_CLASSES: tuple[type[PlotView], ...] = (ActivationView, MseView, SoftmaxView, CrossEntropyView, BceMseView)


class ActivationsPanel(Panel):
    key = "activations"
    title = N_("Activations & Losses")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        # A view is built the first time its tab is shown: start-up pays for one view, not five.
        self._built: dict[int, PlotView] = {}
        self._stale: set[int] = set()
        self._saved: dict[str, dict] = {}   # remembered view states, applied when a view is built
        self._pending: set[PlotView] = set()
        for _cls in VIEW_CLASSES:
            page = QWidget()
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(page, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.retranslate()

    def view_at(self, index: int) -> PlotView:
        if index not in self._built:
            view = VIEW_CLASSES[index]()
            saved = self._saved.pop(view.key, None)
            if isinstance(saved, dict):
                view.set_state(saved)
            view.changed.connect(lambda v=view: self._schedule(v))
            self.tabs.widget(index).layout().addWidget(view)
            self._built[index] = view
            self._stale.add(index)
        return self._built[index]

    def current_view(self) -> PlotView:
        return self.view_at(self.tabs.currentIndex())

    def views(self) -> list[tuple[str, str]]:
        return [(cls.key, cls.title) for cls in VIEW_CLASSES]

    def show_view(self, key: str) -> None:
        self.tabs.setCurrentIndex([cls.key for cls in VIEW_CLASSES].index(key))

    def recompute(self) -> None:
        """Redraw the visible view now; the others redraw when they are shown."""
        self._stale = set(self._built)
        self._draw(self.current_view())

    def _tab_changed(self, index: int) -> None:
        view = self.view_at(index)
        if index in self._stale:
            self._draw(view)

    def _schedule(self, view: PlotView) -> None:
        """Draw once the pending events are handled: a burst of changes (a dragged slider, a
        restored state) costs one redraw, not one per step."""
        if view not in self._pending:
            self._pending.add(view)
            QTimer.singleShot(0, lambda: self._draw_pending(view))

    def _draw_pending(self, view: PlotView) -> None:
        self._pending.discard(view)
        self._draw(view)

    def _draw(self, view: PlotView) -> None:
        view.draw(self.device, self.theme)
        self._stale.discard(VIEW_CLASSES.index(type(view)))
        if not view.message.text():   # the status bar speaks of numbers actually computed
            self.computed.emit(devices.describe(self.device))

    def retranslate(self) -> None:
        for index, cls in enumerate(VIEW_CLASSES):
            self.tabs.setTabText(index, tr(cls.title))
        for view in self._built.values():
            view.retranslate()
        self.request_recompute()   # plot titles and legends carry text too

    def state(self) -> dict:
        views = dict(self._saved)
        views.update({view.key: view.state() for view in self._built.values()})
        return {"view": self.current_view().key, "views": views}

    def set_state(self, state: dict) -> None:
        views = state.get("views")
        if isinstance(views, dict):
            self._saved = {k: v for k, v in views.items() if isinstance(v, dict)}
            for view in self._built.values():
                if view.key in self._saved:
                    view.set_state(self._saved.pop(view.key))
        if state.get("view") in [cls.key for cls in VIEW_CLASSES]:
            self.show_view(state["view"])

    def export_formats(self) -> list[str]:
        return ["png", "svg", "csv"]

    def export(self, path: str) -> None:
        view = self.current_view()
        if view.message.text():   # the picture and numbers are the last good ones, not what is typed
            raise ValueError(tr("Fix the input first: {0}").format(view.message.text()))
        if Path(path).suffix.lower() == ".csv":
            tables.write_csv(path, view.csv_columns())
        else:
            plots.export_image(view.figure, path)


if __name__ == "__main__":
    from widgets.application import preview
    preview(ActivationsPanel)
