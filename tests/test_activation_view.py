"""The Activations view: controls drive the curves, and the curves are torch's numbers."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from widgets.activation_view import ActivationView
from widgets.theme import THEMES

CPU = torch.device("cpu")


@pytest.fixture
def view(qtbot):
    v = ActivationView()
    qtbot.addWidget(v)
    v.changed.connect(lambda: v.draw(CPU, THEMES["light"]))
    v.resize(1200, 800)
    v.show()
    v.draw(CPU, THEMES["light"])
    return v


def plotted(view, name, kind):
    return view._items[(name, kind)].getData()


def test_default_curves_are_torch(view):
    assert view.shown_names() == ["sigmoid", "tanh", "relu"]
    x, y = plotted(view, "tanh", "f")
    np.testing.assert_allclose(y, torch.tanh(torch.as_tensor(x, dtype=torch.float64)).numpy(), atol=1e-15)
    x, dy = plotted(view, "sigmoid", "df")
    s = torch.sigmoid(torch.as_tensor(x, dtype=torch.float64)).numpy()
    np.testing.assert_allclose(dy, s * (1 - s), atol=1e-15)


def test_dragging_a_parameter_changes_the_curve(view, qtbot):
    view.set_shown(["leaky_relu"])
    editor = view.param_editor("negative_slope")
    with qtbot.waitSignal(view.changed):
        editor.slider.setValue(500)    # the middle of 0..1
    assert view.params["leaky_relu"]["negative_slope"] == pytest.approx(0.5)
    x, y = plotted(view, "leaky_relu", "f")
    xt = torch.as_tensor(x, dtype=torch.float64)
    np.testing.assert_allclose(y, F.leaky_relu(xt, 0.5).numpy())
    _, dy = plotted(view, "leaky_relu", "df")
    assert set(np.round(dy, 12)) == {0.5, 1.0}


def test_choice_parameter(view):
    view.set_shown(["gelu"])
    combo = view.param_editor("approximate")
    combo.setCurrentText("tanh")
    x, y = plotted(view, "gelu", "f")
    np.testing.assert_allclose(y, F.gelu(torch.as_tensor(x, dtype=torch.float64), approximate="tanh").numpy())


def test_second_derivative_toggle(view):
    assert ("sigmoid", "d2f") not in view._items
    view.second.setChecked(True)
    x, d2 = plotted(view, "sigmoid", "d2f")
    s = torch.sigmoid(torch.as_tensor(x, dtype=torch.float64)).numpy()
    np.testing.assert_allclose(d2, s * (1 - s) * (1 - 2 * s), atol=1e-14)
    view.second.setChecked(False)
    assert ("sigmoid", "d2f") not in view._items


def test_overlay_and_remove(view):
    row = list(view.params).index("silu")
    from PySide6.QtCore import Qt
    view.list.item(row).setCheckState(Qt.CheckState.Checked)
    assert "silu" in view.shown_names() and ("silu", "f") in view._items
    view.list.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert ("silu", "f") not in view._items


def test_vanishing_gradient_shading_follows_threshold(view):
    view.set_shown(["sigmoid"])
    regions = [r.getRegion() for _, r in view._shading]
    assert regions, "sigmoid's tails should be shaded"
    lows = sorted(regions)[0]
    s = torch.sigmoid(torch.tensor(lows[1], dtype=torch.float64))
    assert (s * (1 - s)).item() == pytest.approx(0.01, rel=0.05)
    view.shade.setChecked(False)
    assert view._shading == []


def test_readout_follows_the_crosshair(view):
    view.crosshair.move_to(1.0)
    text = view.readout.text()
    assert "x = 1" in text
    assert f"{torch.tanh(torch.tensor(1.0, dtype=torch.float64)).item():.6g}" in text


def test_reversed_range_says_so_and_keeps_the_picture(view):
    before = plotted(view, "sigmoid", "f")[1].copy()
    view.range_from.setValue(8.0)
    assert "A < B" in view.message.text()
    np.testing.assert_array_equal(plotted(view, "sigmoid", "f")[1], before)
    view.range_from.setValue(-8.0)
    assert view.message.text() == ""


def test_formulas_shown_beside_the_plot(view):
    assert "σ′(x) = σ(x)(1 − σ(x))" in view.formulas.text()
    assert "tanh′(x) = 1 − tanh²(x)" in view.formulas.text()
