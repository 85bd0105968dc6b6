"""The Losses views draw exactly what torch computes, react to their controls and survive bad input."""

from __future__ import annotations

import html
import json
import re

import numpy as np
import pyqtgraph as pg
import pytest
import torch
import torch.nn.functional as F

from app import losses
from widgets import i18n
from widgets.loss_view import GUI_MAX_CLASSES
from widgets.loss_views import BceMseView, MseView
from widgets.softmax_views import CrossEntropyView, SoftmaxView

VIEWS = (MseView, SoftmaxView, CrossEntropyView, BceMseView)
from widgets.theme import THEMES

CPU = torch.device("cpu")
DEFAULT = [2.0, 1.0, 0.1]   # the views' starting logits
LIGHT, DARK = THEMES["light"], THEMES["dark"]


def make(qtbot, cls):
    view = cls()
    qtbot.addWidget(view)
    view.resize(1100, 650)
    return view


def type_logits(qtbot, view, text: str, expect_changed: bool = True) -> None:
    view.logits.setText(text)
    if expect_changed:
        with qtbot.waitSignal(view.changed, timeout=1000):
            view.logits.editingFinished.emit()
    else:
        with qtbot.assertNotEmitted(view.changed):
            view.logits.editingFinished.emit()


def texts(plot: pg.PlotItem) -> dict[tuple[float, float], str]:
    """Every TextItem of `plot` by its (x, y) position."""
    return {(item.pos().x(), item.pos().y()): item.toPlainText()
            for item in plot.items if isinstance(item, pg.TextItem)}


def torch_jacobian(logits: list[float], temperature: float) -> np.ndarray:
    z = torch.tensor(logits, dtype=torch.float64)
    return torch.autograd.functional.jacobian(lambda v: torch.softmax(v / temperature, dim=0), z).numpy()


def test_mse_target_slider_redraws_loss_and_gradient(qtbot):
    view = make(qtbot, MseView)
    with qtbot.waitSignal(view.changed, timeout=1000):
        view.target.setValue(-1.5)
    view.draw(CPU, LIGHT)
    expected = losses.mse_curve(-1.5)
    pred, loss = view.loss_curve.getData()
    np.testing.assert_allclose(pred, expected.pred)
    np.testing.assert_allclose(loss, (expected.pred + 1.5) ** 2, atol=1e-12)
    np.testing.assert_allclose(view.grad_curve.getData()[1], 2 * (expected.pred + 1.5), atol=1e-12)
    marks = [item.value() for item in view.loss_plot.items if isinstance(item, pg.InfiniteLine) and item.angle == 90]
    assert marks == [pytest.approx(-1.5)]
    assert losses.LOSS_FORMULAS["mse"].split(",  ")[0] in view.formula.text()


def test_mse_csv_matches_torch(qtbot):
    view = make(qtbot, MseView)
    view.target.setValue(0.5)
    view.draw(CPU, LIGHT)
    columns = view.csv_columns()
    assert list(columns) == ["pred", "loss", "grad"]
    assert {len(c) for c in columns.values()} == {len(columns["pred"])}
    pred = torch.tensor(columns["pred"], requires_grad=True)
    loss = F.mse_loss(pred, torch.full_like(pred, 0.5), reduction="none")
    loss.sum().backward()
    np.testing.assert_allclose(columns["loss"], loss.detach().numpy(), atol=1e-12)
    np.testing.assert_allclose(columns["grad"], pred.grad.numpy(), atol=1e-12)


def test_softmax_controls_redraw_bars_and_jacobian(qtbot):
    view = make(qtbot, SoftmaxView)
    view.draw(CPU, LIGHT)
    logits = [0.5, -1.0, 3.0, 2.0]
    type_logits(qtbot, view, "0.5, -1, 3, 2")
    with qtbot.waitSignal(view.changed, timeout=1000):
        view.temperature.setValue(0.5)
    view.draw(CPU, LIGHT)
    probs = F.softmax(torch.tensor(logits, dtype=torch.float64) / 0.5, dim=0).numpy()
    np.testing.assert_allclose(view.prob_bars.opts["height"], probs, atol=1e-12)
    printed = sorted(texts(view.prob_plot).items())   # each value just above its bar
    np.testing.assert_allclose([xy for xy, _ in printed], np.column_stack([np.arange(4), probs]))
    assert [text for _, text in printed] == [f"{p:.3f}" for p in probs]
    jacobian = torch_jacobian(logits, 0.5)
    assert view.jacobian_image.axisOrder == "row-major"   # image[i, j]: row i = class i, column j = logit j
    np.testing.assert_allclose(view.jacobian_image.image, jacobian, atol=1e-12)
    cells = texts(view.jacobian_plot)   # the value of J[i, j] is written at x = j, y = i
    assert all(cells[(j, i)] in (f"{jacobian[i, j]:.3f}", "0") for i in range(4) for j in range(4))
    assert view.jacobian_plot.getViewBox().yInverted()   # row 0 at the top


def test_softmax_csv_matches_torch(qtbot):
    view = make(qtbot, SoftmaxView)
    view.temperature.setValue(2.0)
    view.draw(CPU, LIGHT)
    columns = view.csv_columns()
    assert list(columns) == ["class", "logit", "prob", "d_p0", "d_p1", "d_p2"]
    assert {len(c) for c in columns.values()} == {3}
    np.testing.assert_allclose(columns["prob"], F.softmax(torch.tensor([1.0, 0.5, 0.05], dtype=torch.float64),
                                                          dim=0).numpy(), atol=1e-12)
    jacobian = torch_jacobian([2.0, 1.0, 0.1], 2.0)
    for j in range(3):   # column d_pj, row i: ∂p_j/∂z_i
        np.testing.assert_allclose(columns[f"d_p{j}"], jacobian[j, :], atol=1e-12)


def test_softmax_bad_logits_show_an_error_and_keep_the_picture(qtbot):
    view = make(qtbot, SoftmaxView)
    view.draw(CPU, LIGHT)
    before = view.prob_bars.opts["height"].copy()
    type_logits(qtbot, view, "1, abc", expect_changed=False)
    assert "abc" in view.message.text()
    view.draw(CPU, DARK)   # a theme change with bad text still shows the last good numbers
    assert "abc" in view.message.text()
    np.testing.assert_allclose(view.prob_bars.opts["height"], before)
    assert len(view.csv_columns()["prob"]) == 3
    type_logits(qtbot, view, "1, 2")
    view.draw(CPU, LIGHT)
    assert view.message.text() == ""
    assert len(view.prob_bars.opts["height"]) == 2


def test_cross_entropy_readout_bars_and_target_range(qtbot):
    view = make(qtbot, CrossEntropyView)
    type_logits(qtbot, view, "1, 2, 3, 0.5")
    assert view.target.maximum() == 3
    with qtbot.waitSignal(view.changed, timeout=1000):
        view.target.setValue(3)
    view.draw(CPU, LIGHT)
    z = torch.tensor([1.0, 2.0, 3.0, 0.5], dtype=torch.float64, requires_grad=True)
    loss = F.cross_entropy(z[None], torch.tensor([3]))
    loss.backward()
    readout = view.readout.text()
    assert f"{loss.item():.10f}" in readout
    assert "agree" in readout
    softmax, one_hot, grad = (bars.opts["height"] for bars in view.bars)
    np.testing.assert_allclose(softmax, F.softmax(z.detach(), dim=0).numpy(), atol=1e-12)
    np.testing.assert_allclose(one_hot, [0, 0, 0, 1])
    np.testing.assert_allclose(grad, z.grad.numpy(), atol=1e-12)
    columns = view.csv_columns()
    assert list(columns) == ["class", "logit", "softmax", "one_hot", "grad"]
    assert {len(c) for c in columns.values()} == {4}
    np.testing.assert_allclose(columns["grad"], columns["softmax"] - columns["one_hot"], atol=1e-12)
    type_logits(qtbot, view, "1, 2")   # fewer classes: the target is clamped, not left out of range
    assert (view.target.maximum(), view.target.value()) == (1, 1)


def test_cross_entropy_names_the_overflow_of_the_naive_route(qtbot):
    view = make(qtbot, CrossEntropyView)
    type_logits(qtbot, view, "1000, 0")
    view.target.setValue(1)
    view.draw(CPU, LIGHT)
    assert "inf" in view.readout.text()
    assert "overflowed" in view.readout.text()
    assert f"{1000.0:.10f}" in view.readout.text()   # F.cross_entropy itself stays exact


def test_cross_entropy_readout_is_runnable_pytorch(qtbot):
    view = make(qtbot, CrossEntropyView)
    type_logits(qtbot, view, "0.1, -2.5, 3.25, 1e-3")
    view.target.setValue(2)
    view.draw(CPU, LIGHT)
    code = [html.unescape(c) for c in re.findall(r"<code>(.*?)</code>", view.readout.text())]
    values = [float(v) for v in re.findall(r"= <b>(.*?)</b>", view.readout.text())]
    assert all(line.isascii() for line in code)   # ASCII minus: it pastes into Python
    assert code[2:] == ["F.cross_entropy(z, t)", "F.nll_loss(F.log_softmax(z, dim=-1), t)",
                        "-torch.log(torch.softmax(z, dim=-1))[t]"]
    scope = {"torch": torch, "F": F}
    for line in code[:2]:   # z = torch.tensor([...]) and t = torch.tensor(2)
        exec(line, scope)
    z = torch.tensor([0.1, -2.5, 3.25, 1e-3], dtype=torch.float64)
    assert torch.equal(scope["z"], z) and scope["t"].item() == 2
    expected = F.cross_entropy(z[None], torch.tensor([2])).item()
    for expression, shown in zip(code[2:], values):
        assert float(eval(expression, scope)) == pytest.approx(shown, abs=1e-10)
        assert shown == pytest.approx(expected, abs=1e-10)


def test_bce_vs_mse_curves_and_caption_numbers(qtbot):
    view = make(qtbot, BceMseView)
    with qtbot.waitSignal(view.changed, timeout=1000):
        view.target.setValue(0.0)
    view.draw(CPU, LIGHT)
    z, bce = view.curves["bce"].getData()
    zt = torch.tensor(z, requires_grad=True)
    expected = F.binary_cross_entropy_with_logits(zt, torch.zeros_like(zt), reduction="none")
    expected.sum().backward()
    np.testing.assert_allclose(bce, expected.detach().numpy(), atol=1e-12)
    np.testing.assert_allclose(view.curves["dbce_dz"].getData()[1], zt.grad.numpy(), atol=1e-12)
    np.testing.assert_allclose(view.curves["dmse_dz"].getData()[1],
                               losses.bce_vs_mse(0.0, points=601).dmse_dz, atol=1e-12)
    # y = 0: badly wrong at z = +5, where dBCE/dz = p and dMSE/dz = 2p·p(1 − p).
    p5 = torch.sigmoid(torch.tensor(5.0, dtype=torch.float64)).item()
    caption = view.caption.text()
    assert f"{p5:.3g}" in caption and f"{2 * p5 * p5 * (1 - p5):.3g}" in caption
    assert [plot.legend is not None for plot in (view.loss_plot, view.grad_plot)] == [True, True]
    assert {len(c) for c in view.csv_columns().values()} == {601}


@pytest.mark.parametrize("cls", VIEWS)
def test_every_view_draws_in_both_themes(qtbot, cls):
    view = make(qtbot, cls)
    assert view.csv_columns() == {}
    for theme in (LIGHT, DARK):
        view.draw(CPU, theme)
        assert view.figure.backgroundBrush().color().name() == theme.plot_background
        assert view.message.text() == ""
    view.retranslate()
    assert all(label.text() for label in view.labels.values())
    columns = view.csv_columns()
    assert all(name.isascii() for name in columns)
    assert len({len(c) for c in columns.values()}) == 1


# --- bad numbers, in place redraws, saved settings --------------------------------------------------


def test_softmax_overflow_is_reported_in_the_current_language(qtbot, monkeypatch):
    # error_text() passes the InputError's template through tr(): a stand-in translator marks it.
    monkeypatch.setattr(i18n, "tr", lambda text: f"«{text}»")
    view = make(qtbot, SoftmaxView)
    view.draw(CPU, LIGHT)
    before = view.prob_bars.opts["height"].copy()
    type_logits(qtbot, view, "1e308, 0")
    view.temperature.setValue(0.05)
    view.draw(CPU, LIGHT)   # pyproject turns any numpy RuntimeWarning into a failure
    assert view.message.text() == ("«softmax overflowed: logits divided by T = 0.05 are too large for float64; "
                                   "use smaller logits or a larger T»")
    np.testing.assert_array_equal(view.prob_bars.opts["height"], before)   # the last good picture stays
    assert np.all(np.isfinite(view.jacobian_image.image))
    view.temperature.setValue(1.0)   # 1e308 / 1 is finite: softmax is one-hot, the error goes away
    view.draw(CPU, LIGHT)
    assert view.message.isHidden()
    np.testing.assert_array_equal(view.prob_bars.opts["height"], [1.0, 0.0])


def test_logit_field_stops_at_the_gui_limit(qtbot):
    view = make(qtbot, SoftmaxView)
    type_logits(qtbot, view, ", ".join(["0"] * (GUI_MAX_CLASSES + 1)), expect_changed=False)
    assert str(GUI_MAX_CLASSES) in view.message.text()
    type_logits(qtbot, view, ", ".join(["0"] * GUI_MAX_CLASSES))


def test_softmax_slider_updates_items_in_place(qtbot):
    view = make(qtbot, SoftmaxView)
    logits = [2.0, 1.0, 0.1, -1.0, 3.0, 0.5, -2.0, 1.5, 0.0, 2.5]
    type_logits(qtbot, view, ", ".join(map(str, logits)))
    view.temperature.setValue(0.5)
    view.draw(CPU, LIGHT)
    image, bars, cells = view.jacobian_image, view.prob_bars, view.cell_texts
    view.temperature.setValue(3.0)
    view.draw(CPU, LIGHT)
    assert view.jacobian_image is image and view.prob_bars is bars and view.cell_texts is cells
    jacobian = torch_jacobian(logits, 3.0)
    np.testing.assert_allclose(image.image, jacobian, atol=1e-12)
    limit = np.abs(jacobian).max()
    assert image.levels == pytest.approx([-limit, limit])
    probs = F.softmax(torch.tensor(logits, dtype=torch.float64) / 3.0, dim=0).numpy()
    np.testing.assert_allclose(bars.opts["height"], probs, atol=1e-12)
    printed = sorted(texts(view.prob_plot).items())   # moved with its bar, not left at the old height
    np.testing.assert_allclose([xy for xy, _ in printed], np.column_stack([np.arange(10), probs]))
    assert [text for _, text in printed] == [f"{p:.3f}" for p in probs]
    cells_now = texts(view.jacobian_plot)
    assert all(cells_now[(j, i)] in (f"{jacobian[i, j]:.2f}", "0") for i in range(10) for j in range(10))
    # Each value is written in black on a light cell and in white on a dark one, as the image renders it.
    image.render()
    for i in range(10):
        for j in range(10):
            cell = image.qimage.pixelColor(j, i)
            light = 0.299 * cell.red() + 0.587 * cell.green() + 0.114 * cell.blue() > 140
            assert cells[i][j].color.name() == ("#000000" if light else "#ffffff")
    assert {item.color.name() for row in cells for item in row} == {"#000000", "#ffffff"}
    # In place draws the same picture as a fresh view: same texts and the same black or white on each cell.
    fresh = make(qtbot, SoftmaxView)
    type_logits(qtbot, fresh, ", ".join(map(str, logits)))
    fresh.temperature.setValue(3.0)
    fresh.draw(CPU, LIGHT)
    for row, fresh_row in zip(view.cell_texts, fresh.cell_texts):
        for item, fresh_item in zip(row, fresh_row):
            assert (item.toPlainText(), item.color.name()) == (fresh_item.toPlainText(), fresh_item.color.name())
    type_logits(qtbot, view, "1, 2")   # fewer classes: the items are made again
    view.draw(CPU, LIGHT)
    assert view.jacobian_image is not image and len(view.cell_texts) == 2
    assert len(texts(view.jacobian_plot)) == 4 and len(texts(view.prob_plot)) == 2
    view.draw(CPU, DARK)   # a theme change makes them again too
    assert view.figure.backgroundBrush().color().name() == DARK.plot_background


def test_cross_entropy_target_change_updates_in_place(qtbot):
    view = make(qtbot, CrossEntropyView)
    view.draw(CPU, LIGHT)
    bars, labels = view.bars, view.grad_texts
    view.target.setValue(2)
    view.draw(CPU, LIGHT)
    assert view.bars is bars and view.grad_texts is labels
    z = torch.tensor(DEFAULT, dtype=torch.float64, requires_grad=True)
    F.cross_entropy(z[None], torch.tensor([2])).backward()
    np.testing.assert_allclose(bars[2].opts["height"], z.grad.numpy(), atol=1e-12)
    np.testing.assert_array_equal(bars[1].opts["height"], [0, 0, 1])
    for j, (item, g) in enumerate(zip(labels, z.grad.numpy())):
        assert item.toPlainText() == f"{g:.3f}" and (item.pos().x(), item.pos().y()) == pytest.approx((j + 0.27, g))
        assert item.anchor.y() == (1.0 if g >= 0 else 0.0)   # above a positive bar, below a negative one
    ticks = view.plot.getAxis("bottom")._tickLevels[0]
    assert [label for _, label in ticks][2].startswith("2 ")


def test_mse_target_label_follows_the_slider(qtbot):
    view = make(qtbot, MseView)
    view.draw(CPU, LIGHT)
    curve = view.loss_curve
    view.target.setValue(-0.75)
    view.draw(CPU, LIGHT)
    assert view.loss_curve is curve
    assert view.target_lines[0].label.toPlainText() == "target y = -0.75"
    assert [line.value() for line in view.target_lines] == [-0.75, -0.75]


STATES = {
    MseView: {"target": -1.25},
    SoftmaxView: {"logits": [0.5, -1.0, 0.123456789, 4.0], "temperature": 2.5},
    CrossEntropyView: {"logits": [3.0, -0.1, 2.0, 1e-5, 7.0], "target": 4},
    BceMseView: {"target": 0.3},
}


def controls(view) -> dict:
    """What the controls show, read from the widgets themselves."""
    values = {name: getattr(view, name).value() for name in ("target", "temperature") if hasattr(view, name)}
    if hasattr(view, "logits"):
        values["logits"] = view.logits.values()
    return values


@pytest.mark.parametrize("cls", VIEWS)
def test_state_round_trip(qtbot, cls):
    view = make(qtbot, cls)
    view.set_state(STATES[cls])
    state = view.state()
    assert state == STATES[cls] and json.loads(json.dumps(state)) == state
    restored = make(qtbot, cls)
    emitted = []
    restored.changed.connect(lambda: emitted.append(1))
    restored.set_state(json.loads(json.dumps(state)))
    assert emitted == [1]   # once, not once per control
    assert controls(restored) == controls(view) == STATES[cls]
    if cls is CrossEntropyView:
        assert restored.target.maximum() == 4
    restored.draw(CPU, LIGHT)
    assert restored.message.isHidden() and restored.csv_columns()


@pytest.mark.parametrize("cls", VIEWS)
@pytest.mark.parametrize("state", [
    {"logits": "abc", "temperature": -5, "target": None},
    {"logits": [1, "x"], "temperature": "2", "target": True},
    {"logits": [1.0], "temperature": float("nan"), "target": 99},
    {"logits": [0.0] * (GUI_MAX_CLASSES + 1), "temperature": 1e9, "target": -4},
    {"logits": [1, float("inf")], "target": 7.5},
    {}, None, [], "garbage",
])
def test_bad_state_leaves_the_defaults(qtbot, cls, state):
    defaults = controls(make(qtbot, cls))
    view = make(qtbot, cls)
    with qtbot.waitSignal(view.changed, timeout=1000):
        view.set_state(state)
    assert controls(view) == defaults


def test_cross_entropy_state_keeps_a_target_within_the_restored_logits(qtbot):
    view = make(qtbot, CrossEntropyView)
    view.set_state({"logits": [1.0, 2.0], "target": 2})   # class 2 does not exist among two logits
    assert (view.logits.values(), view.target.maximum(), view.target.value()) == ([1.0, 2.0], 1, 0)
