"""The Losses views draw exactly what torch computes, react to their controls and survive bad input."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
import torch
import torch.nn.functional as F

from app import losses
from widgets.loss_views import VIEWS, BceMseView, CrossEntropyView, MseView, SoftmaxView
from widgets.theme import THEMES

CPU = torch.device("cpu")
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


def test_bce_vs_mse_curves_and_caption_numbers(qtbot):
    view = make(qtbot, BceMseView)
    with qtbot.waitSignal(view.changed, timeout=1000):
        view.target.setValue(0.0)
    view.draw(CPU, LIGHT)
    z, bce = view.curves["bce"].getData()
    zt = torch.tensor(z, requires_grad=True)
    p = torch.sigmoid(zt)
    expected = F.binary_cross_entropy(p, torch.zeros_like(p), reduction="none")
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
