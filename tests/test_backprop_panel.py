"""The Backprop Stepper panel: stepping both ways, what is highlighted and shown, update, exports."""

from __future__ import annotations

import itertools
import json
from xml.etree import ElementTree

import numpy as np
import pytest
import torch
from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QImage

from app import backprop, network, worked_example
from widgets import theme as themes
from widgets.backprop_panel import BackpropPanel
from widgets.network_view import VALUE_FONT_PT, NetworkView


@pytest.fixture
def panel(qtbot):
    p = BackpropPanel()
    qtbot.addWidget(p)
    p.resize(1300, 820)
    p.show()
    qtbot.waitExposed(p)
    return p


def expected_units(trace, step):
    if step.kind == "loss":
        return {"loss"}
    units = {(step.layer, step.unit)}
    if step.kind == "grad_a" and step.layer == trace.spec.depth:
        units.add("loss")
    return units


def test_stepping_forward_and_back_follows_the_trace(panel):
    trace = panel.trace
    assert trace.spec == network.MAZUR and len(trace.steps) == 25
    assert panel.playback.count() == 26 and panel.playback.position() == 0
    positions = list(range(1, 26)) + list(range(24, -1, -1))
    for position in positions:
        panel.playback.step(1 if position > panel.playback.position() else -1)
        assert panel.playback.position() == position
        if position == 0:
            assert not panel.network_view.highlighted_units
            continue
        step = trace.steps[position - 1]
        view = panel.network_view
        if step.unit >= 0 or step.kind == "loss":
            assert view.highlighted_units == expected_units(trace, step)
        assert view.highlighted_edges == set(step.edges)
        shown = " ".join(panel.formula.toPlainText().split())   # non-breaking spaces keep products whole
        for formula, plugged in step.lines:
            assert " ".join(formula.split()) in shown and " ".join(plugged.split()) in shown
        assert step.title in panel.step_title.text()


def test_numbers_appear_on_the_drawing_as_they_are_computed(panel):
    view = panel.network_view
    panel.playback.set_position(1)   # z(h₁) = 0.3775, nothing else yet
    assert "z = 0.3775" in view.node_text[(1, 0)] and "a = " not in view.node_text[(1, 0)]
    panel.playback.set_position(2)
    assert "a = 0.5933" in view.node_text[(1, 0)]
    texts = [item.text() for item in view.labels]
    assert "z = 0.3775\na = 0.5933" in texts
    grad_w5 = next(i for i, s in enumerate(panel.trace.steps, 1) if s.kind == "grad_w" and s.layer == 2)
    panel.playback.set_position(grad_w5 - 1)
    assert "∂E/∂w₅" not in view.edge_text[(2, 0, 0)]
    panel.playback.set_position(grad_w5)
    assert "∂E/∂w₅ = 0.08217" in view.edge_text[(2, 0, 0)]
    assert any("∂E/∂w₅ = 0.08217" in item.text() for item in view.labels)   # shown on the edge
    panel.playback.set_position(grad_w5 - 1)   # and gone again one step back
    assert not any("∂E/∂w₅" in item.text() for item in view.labels)


def test_the_autograd_graph_highlights_in_step(panel):
    panel.show_view("autograd")
    graph = panel.trace.check.graph
    for position in range(1, len(panel.trace.steps) + 1):
        panel.playback.set_position(position)
        step = panel.trace.steps[position - 1]
        assert panel.graph_view.highlighted == set(graph.tagged(step.graph_tags))
        assert panel.graph_view.highlighted   # every step maps to a node of the graph
    sigmoid = graph.tagged([(2, "activation")])[0]
    panel.graph_view.select_node(sigmoid)
    details = panel.details.toPlainText()
    assert "SigmoidBackward0" in details and "_saved_result" in details and "0.751365" in details
    leaf = next(n.id for n in graph.nodes if n.leaf == "2.weight")
    panel.graph_view.select_node(leaf)
    assert "requires_grad=True" in panel.details.toPlainText() and "0.082167" in panel.details.toPlainText()


def test_apply_update_reproduces_mazur_and_plots_the_loss(panel):
    panel.apply_update()
    w = panel.form.spec.weights
    assert w[1][0][0] == pytest.approx(0.35891648, abs=1e-8) and w[0][0][0] == pytest.approx(0.149780716, abs=1e-9)
    assert panel.history == [pytest.approx(0.298371109, abs=1e-9)]
    assert panel.trace.loss < panel.history[0]
    assert "w₅: 0.4 → 0.358916" in panel.update_text.toPlainText()
    assert panel.playback.position() == 0
    curve = panel.loss_plot.listDataItems()[0]
    assert len(curve.getData()[1]) == 2
    panel.apply_update(9)   # nine more: ten SGD steps from Mazur's start, as torch would take them
    assert len(panel.history) == 10 and len(panel.loss_plot.listDataItems()[0].getData()[1]) == 11
    model = network.build_module(network.MAZUR)
    optimizer = torch.optim.SGD([model[0].weight, model[2].weight], lr=0.5)
    x, t = torch.tensor([[0.05, 0.1]], dtype=torch.float64), torch.tensor([[0.01, 0.99]], dtype=torch.float64)
    for _ in range(10):
        optimizer.zero_grad()
        (0.5 * ((t - model(x)) ** 2).sum()).backward()
        optimizer.step()
    np.testing.assert_allclose(panel.form.spec.weights[1], model[2].weight.detach().numpy(), atol=1e-12)
    assert "w₅: 0.358916 → " in panel.update_text.toPlainText()
    assert panel.form.preset.currentData() == "custom"   # the weights are no longer Mazur's
    panel.form.choose_preset(network.MAZUR_KEY)            # choosing the preset again restores them
    assert panel.form.spec.weights == network.MAZUR.weights
    panel.form.choose_preset("mlp")   # a new network starts a new curve
    assert panel.history == []


def test_unzeroed_gradients_accumulate_in_the_graph(panel):
    panel.zero_grad.setChecked(False)
    first = panel.trace
    panel.apply_update()
    second = panel.trace
    assert second.check.agrees
    leaf = next(n for n in second.check.graph.nodes if n.leaf == "2.weight")
    fresh = backprop.step(second.spec).layers[1].grad_weight
    np.testing.assert_allclose(leaf.grad, fresh + first.layers[1].grad_weight, atol=1e-15)
    panel.zero_grad.setChecked(True)   # ticking it again zeroes them
    assert panel.carried is None
    np.testing.assert_allclose(panel.trace.used_weight_grads[1], fresh, atol=1e-15)


@pytest.mark.parametrize("key", list(network.PRESETS))
def test_presets_compute(panel, key):
    panel.form.choose_preset(key)
    assert panel.trace.spec.layers == network.PRESETS[key].layers
    assert panel.trace.check.agrees and not panel.message.isVisible()


def test_bad_input_says_what_and_keeps_the_last_network(panel, tmp_path):
    panel.form.layers.setText("2, x, 2")
    panel.form.layers.editingFinished.emit()
    assert panel.message.isVisible() and "layers" in panel.message.text()
    assert panel.trace.spec == network.MAZUR
    with pytest.raises(ValueError, match="Fix the input first"):
        panel.export(str(tmp_path / "a.md"))
    panel.form.layers.setText("2, 3, 2")
    panel.form.layers.editingFinished.emit()
    assert not panel.message.isVisible() and panel.trace.spec.layers == (2, 3, 2)


def test_typed_weights_through_json(panel):
    data = network.MAZUR.to_dict()
    data["weights"][1][0][0] = -1.5
    panel.form.json_edit.setPlainText(json.dumps(data))
    panel.form.apply_json()
    assert panel.trace.spec.weights[1][0][0] == -1.5 and panel.trace.check.agrees
    panel.form.json_edit.setPlainText('{"layers": [2, 2]}')
    panel.form.apply_json()
    assert "activation is missing" in panel.message.text()


def test_keyboard_steps(panel, qtbot):
    panel.activateWindow()
    panel.network_view.setFocus()
    qtbot.waitUntil(panel.network_view.hasFocus)
    qtbot.keyClick(panel.network_view, Qt.Key.Key_Right)
    qtbot.keyClick(panel.network_view, Qt.Key.Key_Right)
    assert panel.playback.position() == 2
    qtbot.keyClick(panel.network_view, Qt.Key.Key_Left)
    assert panel.playback.position() == 1


def test_play_is_driven_by_ticks(panel):
    panel.playback.play()
    for _ in range(30):
        panel.playback.tick()
    assert panel.playback.position() == 25 and not panel.playback.is_playing()


def test_exports_parse_back(panel, tmp_path):
    panel.playback.set_position(14)
    for view in ("network", "autograd"):
        panel.show_view(view)
        png, svg = tmp_path / f"{view}.png", tmp_path / f"{view}.svg"
        panel.export(str(png))
        panel.export(str(svg))
        image = QImage(str(png))
        assert image.width() > 300 and image.height() > 200
        root = ElementTree.parse(svg).getroot()
        assert root.tag.endswith("svg")
        assert "0.3775" in svg.read_text() or view == "autograd"
    panel.export(str(tmp_path / "spec.json"))
    assert network.from_json((tmp_path / "spec.json").read_text()) == network.MAZUR
    panel.export(str(tmp_path / "notes.md"))
    tables = worked_example.parse_markdown_tables((tmp_path / "notes.md").read_text())
    assert float({r[0]: r[5] for r in tables[1][1:]}["w₅"]) == pytest.approx(0.35891648, abs=1e-8)
    panel.export(str(tmp_path / "notes.tex"))
    assert (tmp_path / "notes.tex").read_text().startswith(r"\documentclass")


def test_state_round_trip(qtbot, panel):
    panel.form.choose_preset("mlp")
    panel.zero_grad.setChecked(False)
    panel.show_view("autograd")
    state = json.loads(json.dumps(panel.state()))
    other = BackpropPanel()
    qtbot.addWidget(other)
    other.set_state(state)
    assert other.form.spec == panel.form.spec and not other.zero_grad.isChecked()
    assert other.current_view_key() == "autograd"
    other.set_state({"spec": {"layers": "broken"}, "seed": "x", "view": 3})   # ignored, no exception
    assert other.form.spec == panel.form.spec


# --- readability of the drawing ----------------------------------------------------------------


def overlapping(rects):
    return [(a, b) for a, b in itertools.combinations(rects, 2) if a.intersects(b)]


@pytest.mark.parametrize("shape", [(2, 2, 2), (3, 4, 4, 2), (4, 8, 8, 3), (8, 8, 8, 8, 8)])
def test_no_two_numbers_overlap_and_fonts_stay_readable(qtbot, shape):
    view = NetworkView()
    qtbot.addWidget(view)
    view.resize(640, 480)
    view.show()
    spec = network.from_dict({"layers": list(shape), "activation": "tanh", "loss": "mse", "seed": 1,
                              "input": [0.5] * shape[0], "target": [0.0] * shape[-1], "lr": 0.1})
    trace = backprop.step(spec)
    stride = max(1, len(trace.steps) // 24)
    for position in range(0, len(trace.steps) + 1, stride):
        view.show_state(trace, position, themes.get("light"))
        rects = view.label_rects()
        assert not overlapping(rects), (shape, position)
        assert all(item.font().pointSize() >= VALUE_FONT_PT for item in view.labels)
        step = trace.steps[position - 1] if position else None
        if step is not None and step.kind == "grad_w":
            for key in step.edges:   # each gradient is on its edge's tooltip, whatever the size
                assert "∂E/∂w" in view.edge_text[key]
            if max(shape) <= 2:   # and, in a small network, written on the edge itself
                shown = "\n".join(item.text() for item in view.labels)
                for key in step.edges:
                    assert view.edge_text[key].split("\n")[1] in shown


@pytest.mark.parametrize("size", [(640, 480), (460, 360), (900, 300)])
def test_one_output_keeps_its_target_clear_of_the_loss_formula(qtbot, size):
    """With one output, E sits level with it: the wide BCE formula once covered the output's "t = 0"."""
    view = NetworkView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    spec = network.from_dict({"layers": [2, 4, 4, 1], "activation": ["tanh", "tanh", "sigmoid"], "loss": "bce",
                              "seed": 1, "input": [0.5, -0.5], "target": [0.0], "lr": 0.1})
    trace = backprop.step(spec)
    for position in (0, [s.kind for s in trace.steps].index("loss") + 1, len(trace.steps)):
        view.show_state(trace, position, themes.get("light"))
        assert not overlapping(view.label_rects()), (size, position)
        shown = "\n".join(item.text() for item in view.labels)
        if position == 0:   # both still drawn (later, numbers with no room left are on hover)
            assert "t = 0" in shown and "ln(1 − o)" in shown, (size, position)


def test_double_click_an_edge_to_type_its_weight(panel, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr("widgets.backprop_panel.QInputDialog.getDouble",
                        lambda *a: (asked.append(a[2]) or (-0.7, True)))
    view = panel.network_view
    point = view.edge_midpoint((2, 0, 0))   # w₅, h₁ → o₁
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert asked and "w₅" in asked[0]
    assert panel.form.spec.weights[1][0][0] == -0.7 and panel.trace.spec.weights[1][0][0] == -0.7
    assert panel.trace.check.agrees and panel.form.preset.currentData() == "custom"


def test_in_the_window_exports_and_speaks_chinese(window, qtbot, tmp_path):
    window.show_panel("backprop")
    panel = window.current_panel()
    assert isinstance(panel, BackpropPanel)
    for ext in ("png", "svg", "md", "tex", "json"):
        assert window.export_to(str(tmp_path / f"step.{ext}")), ext
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: panel.tabs.tabText(1) == "自动求导计算图")
    assert panel.apply_button.text() == "执行更新"
    assert "链式法则" in panel.check_label.text()
    panel.playback.set_position(1)
    assert panel.step_title.text() == "前向：h₁ 的预激活值"
    window.set_language("en")


def test_switching_losses_keeps_a_valid_target(panel):
    form = panel.form
    for loss, target in (("none", ()), ("mse", (0.0, 0.0)), ("cross_entropy", (1.0, 0.0)), ("bce", (1.0, 0.0))):
        form.loss.setCurrentIndex(form.loss.findData(loss))
        form.loss.activated.emit(form.loss.currentIndex())
        assert panel.trace.spec.loss == loss and panel.trace.spec.target == target
        assert not panel.message.isVisible() and panel.trace.check.agrees
    form.output.setCurrentIndex(form.output.findData("identity"))   # bce on a linear output: refused
    form.output.activated.emit(form.output.currentIndex())
    assert panel.message.isVisible() and "bce" in panel.message.text()


@pytest.mark.parametrize("field, text, fragment", [
    ("layers", "2,,3", "layers"),
    ("layers", "0", "layers"),
    ("layers", "100", "layers"),
    ("layers", "2, 100, 2", "up to 4 layers of 8"),
    ("layers", "2, 0, 2", "layers[1]"),
    ("layers", "2, 2.5, 2", "layers"),
    ("input", "0.05, nan", "input[1]"),
    ("input", "0.05, 1e400", "input[1]"),
    ("target", "0.01", "target"),
    ("json", '{"layers": [2, 2, 2], "weights": [[[0.1, ', "not valid JSON"),
    ("json", "[" * 5000 + "]" * 5000, "not valid JSON"),
    ("json", '{"layers": [2, 16], "activation": "tanh", "loss": "none", "seed": 1, "input": [1, 2], "lr": 0.1}',
     "up to 4 layers of 8"),
])
def test_bad_typed_input_is_one_red_line_and_the_last_picture_stays(panel, field, text, fragment):
    before = panel.trace
    labels = [item.text() for item in panel.network_view.labels]
    if field == "json":
        panel.form.json_edit.setPlainText(text)
        panel.form.apply_json()
    else:
        edit = getattr(panel.form, field)
        edit.setText(text)
        edit.editingFinished.emit()
    assert panel.message.isVisible() and fragment in panel.message.text()
    assert "\n" not in panel.message.text() and "Traceback" not in panel.message.text()
    assert panel.trace is before and panel.form.spec == network.MAZUR
    assert [item.text() for item in panel.network_view.labels] == labels
    panel.playback.step(1)   # stepping the last good network still works
    assert panel.network_view.highlighted_units == {(1, 0)}


def test_no_number_sits_on_a_unit_and_e_keeps_clear_of_the_outputs(qtbot):
    """In a deep network the loss column is close to the outputs: E's numbers must not cover them."""
    view = NetworkView()
    qtbot.addWidget(view)
    view.resize(640, 480)
    view.show()
    spec = network.from_dict({"layers": [8, 8, 8, 8, 8], "activation": "relu", "loss": "mse_half_sum", "seed": 3,
                              "input": [0.5] * 8, "target": [0.0] * 8, "lr": 0.1})
    trace = backprop.step(spec)
    names = {backprop.unit_name(spec, k, j) for k in range(5) for j in range(8)} | {"E"}
    view.show_state(trace, [s.kind for s in trace.steps].index("loss") + 1, themes.get("light"))
    circles = [QRectF(view.centre_of(k, j) - QPointF(22, 22), QSizeF(44, 44)) for k in range(5) for j in range(8)]
    numbers = [item.sceneBoundingRect() for item in view.labels if item.text() not in names]
    assert numbers and not [(n, c) for n in numbers for c in circles if n.intersects(c)]


def test_the_loss_plot_counts_updates_in_whole_numbers(panel):
    axis = panel.loss_plot.getAxis("bottom")
    for low, high in ((0, 1), (0, 3), (0, 40), (0, 1000)):
        spacing = axis.tickSpacing(low, high, 180)
        assert spacing and all(s >= 1 and float(s).is_integer() for s, _ in spacing), (high, spacing)
    assert panel.loss_plot.getAxis("left").integer is False   # the loss itself is a real number


def test_every_number_lies_inside_the_picture(qtbot):
    """The current unit's numbers go where there is room: never above the top row, past the edge."""
    view = NetworkView()
    qtbot.addWidget(view)
    view.resize(640, 480)
    view.show()
    spec = network.from_dict({"layers": [8, 8, 8, 8, 8], "activation": "relu", "loss": "mse", "seed": 3,
                              "input": [0.5] * 8, "target": [0.0] * 8, "lr": 0.1})
    trace = backprop.step(spec)
    for position in range(1, len(trace.steps) + 1, 3):
        view.show_state(trace, position, themes.get("light"))
        scene = view.sceneRect()
        assert all(scene.contains(rect) for rect in view.label_rects()), position


def test_a_clicked_node_stays_selected_while_stepping(panel):
    panel.show_view("autograd")
    graph = panel.trace.check.graph
    leaf = next(n.id for n in graph.nodes if n.leaf == "2.weight")
    panel.graph_view.select_node(leaf)
    ring = panel.graph_view._ring
    assert ring is not None and ring.rect().contains(panel.graph_view.items[leaf].rect())
    for _ in range(3):
        panel.playback.step(1)
        assert panel.graph_view.selected_node() == leaf and panel.graph_view._ring is not None
        assert "2.weight" in panel.details.toPlainText()
    panel.graph_view.scene().clearSelection()
    assert panel.graph_view._ring is None
    panel.playback.step(1)
    assert "Click a node" in panel.details.toPlainText()


def test_diverging_updates_stop_at_the_last_good_network(panel):
    """× 1000 at a learning rate of 10 overflows: the panel keeps every good step and says where it stopped."""
    spec = network.from_dict({"layers": [2, 3, 2], "activation": ["elu", "identity"], "loss": "mse", "seed": 1,
                              "input": [5.0, -5.0], "target": [100.0, -100.0], "lr": 10})
    panel.form.accept(spec)
    panel.apply_update(1000)
    done = len(panel.history)
    assert 0 < done < 1000 and panel.message.isVisible()
    assert f"SGD stopped after {done} updates" in panel.message.text() and "\n" not in panel.message.text()
    assert np.isfinite(panel.trace.loss) and panel.form.spec == panel.trace.spec
    again = backprop.step(spec)   # the network shown is exactly `done` plain SGD steps from the start
    for _ in range(done - 1):
        again = backprop.step(again.next_spec())
    assert panel.trace.spec.weights == again.next_spec().weights


def test_an_unzeroed_update_says_so_above_its_formulas(panel):
    panel.zero_grad.setChecked(False)
    panel.apply_update()
    panel.playback.set_position(panel.playback.count() - 1)   # the last SGD update
    shown = panel.formula.toPlainText()
    assert shown.startswith(backprop.GRAD_ACCUMULATED) and "w₅⁺ = w₅ − η·w₅.grad" in shown.replace("\xa0", " ")


def test_a_small_or_large_rate_from_json_survives_other_edits(panel):
    for lr in (1e-5, 50.0):
        data = {**network.MAZUR.to_dict(), "lr": lr}
        panel.form.json_edit.setPlainText(json.dumps(data))
        panel.form.apply_json()
        panel.form.input.setText("0.1, 0.2")   # an edit elsewhere re-reads every control
        panel.form.input.editingFinished.emit()
        assert panel.trace.spec.input == (0.1, 0.2) and panel.trace.spec.lr == lr
    panel.form.lr.setValue(0.25)
    assert panel.trace.spec.lr == 0.25


def test_precise_inputs_from_json_survive_other_edits(panel):
    data = {**network.MAZUR.to_dict(), "input": [0.123456789, 2.0], "target": [0.3333333333, 0.5]}
    panel.form.json_edit.setPlainText(json.dumps(data))
    panel.form.apply_json()
    assert panel.form.input.text() == "0.123456789, 2"
    panel.form.loss.setCurrentIndex(panel.form.loss.findData("mse"))   # re-reads input and target text
    panel.form.loss.activated.emit(panel.form.loss.currentIndex())
    assert panel.trace.spec.input == (0.123456789, 2.0) and panel.trace.spec.target == (0.3333333333, 0.5)
