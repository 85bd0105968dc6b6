"""The main window: menus, settings that persist, language and theme switching, export, devices."""

import csv
import re
from xml.etree import ElementTree

import numpy as np
import pytest
import torch
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from widgets import i18n
from widgets import theme as themes
from widgets.activations_panel import ActivationsPanel
from widgets.main_window import MainWindow


def test_opens_with_the_activations_panel(window):
    assert isinstance(window.current_panel(), ActivationsPanel)
    assert window.sidebar.currentItem().text() == "Activations & Losses"
    assert window.sidebar.isHidden() == (len(window.panels) == 1)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&View", "&Help"]
    assert window.status_device.text() == "Computed on CPU"


def test_device_selector_offers_only_real_devices(window):
    keys = [window.device_box.itemData(i) for i in range(window.device_box.count())]
    assert keys[:2] == ["auto", "cpu"]
    assert ("cuda:0" in keys) == torch.cuda.is_available()
    assert "mps" not in keys or torch.backends.mps.is_available()


def test_settings_persist_between_runs(qtbot, settings):
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.set_theme("dark")
    first.set_language("zh_CN")
    first.set_device("cpu")
    first.resize(1111, 777)
    first.panels[0].show_view("softmax")
    first.close()
    i18n.set_language("en")

    second = MainWindow(settings)
    qtbot.addWidget(second)
    try:
        assert second.theme_actions["dark"].isChecked()
        assert second.language_actions["zh_CN"].isChecked()
        qtbot.waitUntil(lambda: second.windowTitle() == "Torch 实验场 — 激活函数与损失函数")   # Qt posts LanguageChange
        assert second.device_box.currentData() == "cpu"
        assert second.size().width() == 1111
        assert second.current_panel().key == "activations"
    finally:
        i18n.set_language("en")


def test_a_vanished_device_falls_back_to_auto(qtbot, settings):
    settings.setValue("device", "cuda:7")
    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert win.device_box.currentData() == "auto"


def test_language_switch_retranslates_visible_widgets(window, qtbot):
    panel = window.current_panel()
    view = panel.current_view()
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.windowTitle() == "Torch 实验场 — 激活函数与损失函数")   # Qt posts LanguageChange
    assert window.menuBar().actions()[0].text() == "文件(&F)"
    assert panel.tabs.tabText(0) == "激活函数"
    assert view.labels["points"].text() == "点数"
    assert window.status_device.text().startswith("计算设备")
    assert window.device_box.itemText(0) == "自动"
    assert window.language_actions["en"].text() == "English"
    assert view.f_plot.titleLabel.text == "f(x)：激活函数"
    window.set_language("en")
    qtbot.waitUntil(lambda: window.windowTitle() == "Torch Playground — Activations & Losses")
    assert panel.tabs.tabText(0) == "Activations"


def test_theme_switch_changes_plot_background(window):
    view = window.current_panel().current_view()
    window.set_theme("dark")
    assert view.figure.backgroundBrush().color().name() == "#1e1e1e"
    assert themes.CHECK_ICON.exists() and themes.CHECK_ICON.as_posix() in QApplication.instance().styleSheet()
    window.set_theme("light")
    assert view.figure.backgroundBrush().color().name() == "#ffffff"
    assert QApplication.instance().styleSheet() == ""


def test_export_png_svg_csv(window, tmp_path):
    view = window.current_panel().current_view()
    png, svg, table = tmp_path / "a.png", tmp_path / "a.svg", tmp_path / "a.csv"
    for path in (png, svg, table):
        assert window.export_to(str(path))
    image = QImage(str(png))
    assert image.width() >= 600
    colours = {image.pixelColor(x, image.height() // 3).name() for x in range(0, image.width(), 7)}
    assert len(colours) > 3, "the PNG should show curves, not a blank"
    assert ElementTree.parse(svg).getroot().tag.endswith("svg")
    with table.open() as f:
        rows = list(csv.DictReader(f))
    assert set(rows[0]) >= {"x", "sigmoid_f", "sigmoid_df", "tanh_f", "relu_df"}
    x = torch.tensor([float(r["x"]) for r in rows], dtype=torch.float64)
    np.testing.assert_allclose([float(r["tanh_f"]) for r in rows], torch.tanh(x).numpy(), atol=1e-15)
    assert len(rows) == view.points.value()


def test_export_to_a_bad_place_says_why_and_keeps_running(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("widgets.main_window.QMessageBox.warning", lambda *a: shown.append(a[2]))
    assert not window.export_to(str(tmp_path / "a.txt"))
    assert shown and "\n" not in shown[0]
    assert window.export_to(str(tmp_path / "ok.csv"))


def test_about_names_the_versions(window):
    text = window.about_text()
    assert torch.__version__ in text and "Qt " in text and "pyqtgraph" in text and "CPU" in text


@pytest.mark.parametrize("key", ["activations", "mse", "softmax", "cross_entropy", "bce_mse"])
def test_every_view_draws(window, key):
    panel = window.current_panel()
    panel.show_view(key)
    assert panel.current_view().key == key
    assert panel.current_view().message.text() == ""


def test_language_switches_keep_one_translator(window, qtbot):
    from PySide6.QtCore import QTranslator
    for _ in range(10):
        window.set_language("zh_CN")
        window.set_language("en")
    qtbot.waitUntil(lambda: len(QApplication.instance().findChildren(QTranslator)) == 0)


def test_fits_a_1024_projector_with_second_derivative(window, qtbot):
    window.resize(1024, 700)
    view = window.current_panel().current_view()
    view.second.setChecked(True)
    qtbot.waitUntil(lambda: view.figure.width() < 1024)
    for plot in (view.f_plot, view.df_plot):
        right = plot.mapRectToScene(plot.boundingRect()).right()
        assert right <= view.figure.viewport().width() + 1, "the plot runs past the window's edge"


def test_panel_state_persists(qtbot, settings):
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    view = first.current_panel().current_view()
    view.set_shown(["elu", "gelu"])
    view.param_editor("alpha").setValue(0.5)
    view.range_to.setValue(3.0)
    view.second.setChecked(True)
    first.current_panel().show_view("bce_mse")
    first.close()

    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.show()
    panel = second.current_panel()
    assert panel.current_view().key == "bce_mse"
    panel.show_view("activations")
    restored = panel.current_view()
    assert restored.shown_names() == ["elu", "gelu"] and restored.current_name() == "elu"
    assert restored.params["elu"]["alpha"] == pytest.approx(0.5)
    assert restored.range_to.value() == 3.0 and restored.second.isChecked()
    assert restored.curves["elu"].x[-1] == 3.0


def test_damaged_panel_state_is_ignored(qtbot, settings):
    settings.setValue("panels/activations", '{"view": 7, "views": {"activations": {"shown": "x", '
                                            '"params": {"elu": {"alpha": "abc"}}, "range": [1], "points": "9"}}}')
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    view = win.current_panel().current_view()
    assert view.shown_names() == ["sigmoid", "tanh", "relu"] and view.params["elu"]["alpha"] == 1.0
    settings.setValue("panels/activations", "not json")
    other = MainWindow(settings)
    qtbot.addWidget(other)


def test_a_burst_of_changes_redraws_once(window, qtbot, monkeypatch):
    panel = window.current_panel()
    view = panel.current_view()
    draws = []
    monkeypatch.setattr(view, "draw", lambda device, theme: draws.append(view.range_to.value()))
    for value in (2.0, 3.0, 4.0, 6.0):
        view.range_to.setValue(value)
    qtbot.waitUntil(lambda: draws == [6.0])


def test_choosing_a_device_recomputes_there(window, qtbot, monkeypatch):
    view = window.current_panel().current_view()
    seen = []
    real_draw = view.draw
    monkeypatch.setattr(view, "draw", lambda device, theme: (seen.append(device), real_draw(device, theme)))
    window.status_device.clear()
    index = window.device_box.findData("cpu")
    window.device_box.setCurrentIndex(window.device_box.findData("auto"))
    window.device_box.setCurrentIndex(index)
    qtbot.waitUntil(lambda: seen and seen[-1] == torch.device("cpu"))
    assert window.status_device.text() == "Computed on CPU"
    assert window.settings.value("device") == "cpu"


def test_file_export_uses_the_chosen_format(window, tmp_path, monkeypatch):
    chosen = tmp_path / "figure"
    monkeypatch.setattr("widgets.main_window.QFileDialog.getSaveFileName",
                        lambda *a: (str(chosen), "SVG vector image (*.svg)"))
    window.export_current()
    assert (tmp_path / "figure.svg").exists()
    assert window.settings.value("export_folder") == str(tmp_path)


def test_export_is_refused_while_the_input_is_wrong(window, qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("widgets.main_window.QMessageBox.warning", lambda *a: shown.append(a[2]))
    panel = window.current_panel()
    panel.show_view("cross_entropy")
    view = panel.current_view()
    view.logits.setText("1, abc")
    view.logits.editingFinished.emit()
    qtbot.waitUntil(lambda: view.message.text() != "")
    assert not window.export_to(str(tmp_path / "ce.csv"))
    assert shown and "abc" in shown[0] and not (tmp_path / "ce.csv").exists()


def test_export_failures_speak_the_language(window, qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("widgets.main_window.QMessageBox.warning", lambda *a: shown.append(a[2]))
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.windowTitle().startswith("Torch 实验场"))
    window.export_to(str(tmp_path / "a.txt"))
    window.export_to(str(tmp_path / "missing" / "deeper" / "x.csv").replace(str(tmp_path), "/proc"))
    assert len(shown) == 2 and all(re.search(r"[\u4e00-\u9fff]", m) for m in shown)
    window.set_language("en")


def test_qt_own_dialogs_speak_chinese(window, qtbot):
    from PySide6.QtWidgets import QMessageBox
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.windowTitle().startswith("Torch 实验场"))
    box = QMessageBox(QMessageBox.Icon.Warning, "t", "x", QMessageBox.StandardButton.Close)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Close).text() == "关闭"
    window.set_language("en")


def test_an_error_line_does_not_shift_the_controls(window, qtbot):
    window.resize(1024, 700)
    view = window.current_panel().current_view()
    view.set_shown(["hardtanh"])
    qtbot.waitUntil(lambda: view.param_editor("min_val") is not None)

    def box_below_scroll_top() -> int:
        return view.param_box.mapTo(view.side, view.param_box.rect().topLeft()).y()

    def list_bottom() -> int:
        return view.list.mapTo(view.side, view.list.rect().bottomLeft()).y()

    qtbot.waitUntil(lambda: list_bottom() < box_below_scroll_top())   # laid out: box under the list
    before, side_top = box_below_scroll_top(), view.side.y()
    view.show_error("a message")
    qtbot.waitUntil(lambda: view.side.y() > side_top)   # the line pushed the whole column down
    assert box_below_scroll_top() == before           # and moved no row inside it
    assert list_bottom() < box_below_scroll_top()
