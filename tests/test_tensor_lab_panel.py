"""The Tensor Lab panel: building, running, history, the dim= and broadcasting pictures, slices and
pages, tuple parts, the device switch, the size-limit preference and export."""

from __future__ import annotations

import csv

import numpy as np
import pytest
import torch
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from widgets.main_window import MainWindow
from widgets.tensor_lab_panel import TensorLabPanel


@pytest.fixture
def lab_window(settings, request):
    """conftest's window, opened on the Tensor Lab as a student who left it there would find it."""
    settings.setValue("panel", "tensor_lab")
    return request.getfixturevalue("window")


@pytest.fixture
def lab(lab_window) -> TensorLabPanel:
    panel = lab_window.current_panel()
    assert isinstance(panel, TensorLabPanel)
    return panel


def run(lab, program: str) -> None:
    lab.editor.setPlainText(program)
    lab.run_editor()


def test_opens_on_a_computed_result(lab, lab_window):
    expected = torch.arange(20.0).reshape(5, 4).sum(dim=0, keepdim=True)
    assert torch.equal(lab.shown.value, expected)
    assert lab.result.grid.values.tolist() == expected.tolist()
    assert [lab.result.grid.cell_text(0, j) for j in range(4)] == ["40", "45", "50", "55"]
    assert lab.variables.table.item(0, 0).text() == "A" and lab.variables.table.item(0, 1).text() == "(5, 4)"
    assert "device cpu" in lab.result.facts.text() and "contiguous" in lab.result.facts.text()
    assert lab_window.status_device.text() == "Computed on CPU"
    assert lab_window.sidebar.item(0).text() == "Tensor Lab"


def test_the_build_form_creates_a_named_tensor(lab, qtbot):
    form = lab.build
    form.set_key("zeros")
    form.edits["size"].setText("3, 2")
    form.dtype.setCurrentIndex(form.dtype.findData("float64"))
    form.requires_grad.setChecked(True)
    form.name.setText("W")
    qtbot.mouseClick(form.create, Qt.MouseButton.LeftButton)
    w = lab.session.env["W"]
    assert torch.equal(w, torch.zeros(3, 2, dtype=torch.float64)) and w.requires_grad and w.is_leaf
    assert lab.editor.history[-1] == "W = torch.zeros(3, 2, dtype=torch.float64, requires_grad=True)"
    names = [lab.variables.table.item(r, 0).text() for r in range(lab.variables.table.rowCount())]
    assert "W" in names and form.name.text() == "B"
    assert "W = torch.zeros(3, 2" in lab.result.code.toPlainText()


def test_a_bad_name_or_program_shows_the_red_line_and_loses_nothing(lab, lab_window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("widgets.main_window.QMessageBox.warning", lambda *a: shown.append(a[2]))
    lab.build.name.setText("2x")
    lab.build.submit()
    assert lab.message.isVisible() and "variable name" in lab.message.text()
    run(lab, "A = torch.zeros(3)\nB = A @ torch.ones(4)")
    assert lab.message.isVisible()
    assert lab.message.text().startswith("Line 2, column 5:") and "(3,) @ (4,)" in lab.message.text()
    assert lab.session.env["A"].shape == (5, 4)   # the failed program assigned nothing
    out = tmp_path / "exports"
    out.mkdir()
    assert not lab_window.export_to(str(out / "a.csv"))   # refused while the input is wrong
    assert list(out.iterdir()) == [] and "Fix the input first" in shown[0]
    run(lab, "A.T")
    assert not lab.message.isVisible() and lab.shown.value.shape == (4, 5)


def test_ctrl_enter_runs_and_up_down_recall_history(lab, qtbot):
    lab.editor.setPlainText("x = torch.tensor([1.0, 2.0])")
    qtbot.keyClick(lab.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    lab.editor.setPlainText("x * 10")
    qtbot.keyClick(lab.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert lab.shown.value.tolist() == [10.0, 20.0]
    lab.editor.setPlainText("draft")
    qtbot.keyClick(lab.editor, Qt.Key.Key_Up)
    assert lab.editor.toPlainText() == "x * 10"
    qtbot.keyClick(lab.editor, Qt.Key.Key_Up)
    assert lab.editor.toPlainText() == "x = torch.tensor([1.0, 2.0])"
    qtbot.keyClick(lab.editor, Qt.Key.Key_Down)
    qtbot.keyClick(lab.editor, Qt.Key.Key_Down)
    assert lab.editor.toPlainText() == "draft"


def test_a_long_line_wraps_and_up_moves_within_it_before_recalling(lab, qtbot):
    from PySide6.QtGui import QTextCursor
    lab.editor.remember("earlier")
    long_line = "; ".join(f"v{i} = torch.ones(3)" for i in range(30))
    lab.editor.setPlainText(long_line)
    lab.editor.moveCursor(QTextCursor.MoveOperation.End)
    assert lab.editor.document().firstBlock().layout().lineCount() > 1   # wrapped, not scrolled sideways
    qtbot.keyClick(lab.editor, Qt.Key.Key_Up)   # up one wrapped line, still the same program
    assert lab.editor.toPlainText() == long_line
    lab.editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(lab.editor, Qt.Key.Key_Up)
    assert lab.editor.toPlainText() == "earlier"


def pixel(widget, x: float, y: float) -> QColor:
    return widget.grab().toImage().pixelColor(int(x), int(y))


def input_cell_centre(picture, i: int, j: int):
    from widgets.tensor_pictures import CELL_H, CELL_W, LABEL_H
    at, _outputs = picture._positions()
    return at.x() + j * CELL_W + 8, at.y() + LABEL_H + i * CELL_H + 6


@pytest.mark.parametrize("dim, keepdim, axis, out_shape", [
    (0, False, "rows", (3,)), (1, False, "cols", (2,)), (1, True, "cols", (2, 1)), (0, True, "rows", (1, 3)),
])
def test_the_dim_picture_bands_the_reduced_axis(lab, dim, keepdim, axis, out_shape):
    run(lab, f"A = torch.arange(6.0).reshape(2, 3)\nA.sum(dim={dim}, keepdim={keepdim})")
    lab.show_view("picture")
    picture = lab.result.dim_picture
    assert lab.result.picture_stack.currentIndex() == 0
    assert picture.picture.axis == axis and picture.picture.input.shape == (2, 3)
    assert picture.picture.outputs[0][1].shape == out_shape
    np.testing.assert_array_equal(picture.picture.outputs[0][1].grids[0].ravel(),
                                  torch.arange(6.0).reshape(2, 3).sum(dim=dim).numpy())
    # Cells along the axis share a band colour; neighbours across it do not.
    same = (1, 0) if axis == "rows" else (0, 1)
    other = (0, 1) if axis == "rows" else (1, 0)
    base = pixel(picture, *input_cell_centre(picture, 0, 0))
    assert pixel(picture, *input_cell_centre(picture, *same)) == base
    assert pixel(picture, *input_cell_centre(picture, *other)) != base
    assert ("keepdim=True" if keepdim else "keepdim=False") in " ".join(
        __import__("widgets.tensor_pictures", fromlist=["explanation"]).explanation(picture.picture))


def test_tuple_results_show_each_part_and_their_dim_picture(lab):
    run(lab, "A = torch.tensor([[4, 1, 3], [2, 6, 5]])\nA.max(dim=1)")
    assert [lab.result.part.itemText(i) for i in range(lab.result.part.count())] == ["[0] values", "[1] indices"]
    assert lab.result.current().tolist() == [4, 6]
    lab.result.part.setCurrentIndex(1)
    assert lab.result.current().tolist() == [0, 1]
    assert lab.result.grid.values.tolist() == [[0, 1]]
    assert lab.result.grid.dims == 1   # drawn as one row of values, with no row index beside it
    labels = [label for label, _cards in lab.result.dim_picture.picture.outputs]
    assert labels == ["values", "indices"]


def test_broadcasting_is_drawn_as_the_expanded_shapes(lab):
    run(lab, "a = torch.tensor([[1.0], [2.0], [3.0]])\nb = torch.tensor([10.0, 20.0])\na + b")
    view = lab.result
    assert view.picture_stack.currentIndex() == 1
    picture = view.broadcast_picture.picture
    left, right = picture.operands
    assert left.shape == (3, 1) and right.shape == (2,) and right.aligned == (1, 2) and picture.result == (3, 2)
    assert left.real[:, 0].all() and not left.real[:, 1].any()      # column 1 of a is a stretched copy
    assert right.real[0].all() and not right.real[1:].any()
    np.testing.assert_array_equal(picture.result_values, (torch.tensor([[1.0], [2.0], [3.0]])
                                                          + torch.tensor([10.0, 20.0])).numpy())
    assert "(2,)   →   (1, 2)   →   (3, 2)" in view.broadcast_picture.lines()


def test_three_d_values_have_a_slice_selector(lab):
    run(lab, "X = torch.arange(24).reshape(2, 3, 4)\nX")
    view = lab.result
    assert len(view.slice_spins) == 1 and view.slice_spins[0].maximum() == 1
    view.slice_spins[0].setValue(1)
    assert view.grid.values.tolist() == torch.arange(24).reshape(2, 3, 4)[1].tolist()
    assert view.slice_index.text() == "→ X[1, :, :]"   # which slice, written as the learner indexes it
    run(lab, "torch.ones(2, 3)")   # a 2-D result: the old selector is gone from the layout at once
    assert view.slice_spins == [] and view.slice_index.isHidden()
    assert view.slices_row.count() == 0


def test_every_variable_cell_says_something(lab):
    run(lab, "w = torch.ones(2, requires_grad=True)\nk = 3")
    table = lab.variables.table
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())}
    assert rows["A"][4:] == ["False", "no"]   # not empty cells, which read as "missing"
    assert rows["w"][4:] == ["True", "no"]
    assert rows["k"][4:] == ["—", "—"]
    run(lab, "w.sum().backward()")
    assert [table.item(r, 5).text() for r in range(table.rowCount()) if table.item(r, 0).text() == "w"] == ["yes"]


def test_large_tensors_are_paged(lab):
    run(lab, "torch.arange(1000).reshape(50, 20)")
    view = lab.result
    assert view.grid.values.shape == (20, 12) and view.row_from.isVisibleTo(view)
    view.row_from.setValue(40)
    view.col_from.setValue(12)
    assert view.grid.values.tolist() == torch.arange(1000).reshape(50, 20)[40:60, 12:24].tolist()
    assert "rows 40–49 of 50" in view.page_label.text()


def test_non_tensor_values_are_shown_as_pytorch_prints_them(lab):
    run(lab, "torch.ones(2, 3).shape")
    assert lab.result.scalar.text() == "torch.Size([2, 3])"
    run(lab, "print('hi', 3); torch.tensor(2.5).item()")
    assert lab.result.scalar.text() == "2.5" and lab.result.output.toPlainText() == "hi 3"


def test_switching_device_moves_the_variables(lab, lab_window):
    run(lab, "w = torch.ones(2, requires_grad=True)\n(w * 3).sum().backward()\nw")
    lab.set_device(torch.device("meta"))   # a second device on every machine
    assert lab.session.env["w"].device.type == "meta" and lab.session.env["w"].grad is not None
    devices = {lab.variables.table.item(r, 0).text(): lab.variables.table.item(r, 3).text()
               for r in range(lab.variables.table.rowCount())}
    assert devices == {"A": "meta", "w": "meta"}
    assert lab.shown.value.device.type == "meta"   # the value on screen followed its variable
    assert 'torch.set_default_device("meta")' in lab.result.code.toPlainText()
    assert "device meta" in lab.result.facts.text()
    lab.set_device(torch.device("cpu"))   # meta tensors have no data to copy back: said, nothing moved
    assert "Cannot move" in lab.message.text() and lab.session.env["w"].device.type == "meta"


def test_the_op_picker_explains_and_pastes_examples(lab):
    from app import tensor_ops
    lab.picker.select("cumsum")
    assert lab.picker.explanation.text() == tensor_ops.OPS["cumsum"].explanation
    assert lab.picker.signature.text() == "torch.cumsum(input, dim)"
    lab.picker.paste.click()
    assert lab.editor.toPlainText() == tensor_ops.OPS["cumsum"].example
    lab.run_editor()
    assert lab.shown.value.tolist() == [[0.0, 1.0, 3.0], [3.0, 7.0, 12.0]]


@pytest.mark.parametrize("suffix", ["csv", "npy", "pt"])
def test_export_writes_the_part_on_screen(lab, lab_window, tmp_path, suffix):
    run(lab, "torch.tensor([[1.5, -2.0], [3.0, 4.0]]).max(dim=0)")
    lab.result.part.setCurrentIndex(1)   # the indices
    path = tmp_path / f"out.{suffix}"
    assert lab_window.export_to(str(path))
    expected = torch.tensor([[1.5, -2.0], [3.0, 4.0]]).max(dim=0).indices
    if suffix == "csv":
        with path.open() as f:
            assert list(csv.reader(f)) == [["value"], ["1"], ["1"]]
    elif suffix == "npy":
        np.testing.assert_array_equal(np.load(path), expected.numpy())
    else:
        assert torch.equal(torch.load(path, weights_only=True), expected)


def test_the_size_limit_is_a_kept_preference(qtbot, settings, lab):
    lab.limit.setValue(1000)
    run(lab, "torch.ones(2000)")
    assert "over the limit of 1,000" in lab.message.text()
    window = lab.window()
    window.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    panel = again.panels[0]
    assert panel.limit.value() == 1000 and panel.session.limit == 1000
    assert "A.sum(dim=0, keepdim=True)" in panel.editor.history[0]


def test_damaged_state_is_ignored(qtbot, settings):
    settings.setValue("panels/tensor_lab", '{"program": 3, "history": "x", "limit": "big", "build": 7, '
                                           '"op": null, "view": ["x"]}')
    settings.setValue("panel", "tensor_lab")
    win = MainWindow(settings)
    qtbot.addWidget(win)
    panel = win.panels[0]
    assert panel.limit.value() == 50_000_000 and panel.editor.history == []


def test_chinese_interface(lab, lab_window, qtbot):
    lab_window.set_language("zh_CN")
    qtbot.waitUntil(lambda: lab.run_button.text() == "运行")
    assert lab.picker.group.itemText(0) == "创建"
    assert lab.result.tabs.tabText(0) == "数值"
    lab.picker.select("sum")
    assert "keepdim=True" in lab.picker.explanation.text() and "求和" in lab.picker.explanation.text()
    run(lab, "torch.ones(3) @ torch.ones(4)")
    assert lab.message.text().startswith("第 1 列：")
    lab_window.set_language("en")   # the red line follows the language too
    qtbot.waitUntil(lambda: lab.message.text().startswith("Column 1: "))
