"""The Losses numbers against closed forms and torch called directly."""

import ast
import math
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from conftest import assert_one_line_input_error
from hypothesis import given, settings
from hypothesis import strategies as st

from app import losses
from app.errors import InputError

# No example database: the tests must not write files into the repository.
QUICK = settings(max_examples=40, deadline=None, database=None)

logit_lists = st.lists(st.floats(-20, 20), min_size=2, max_size=64)


def sig(z):
    """The logistic sigmoid by torch, as numpy."""
    return torch.sigmoid(torch.as_tensor(z, dtype=torch.float64)).numpy()


# --- MSE ---------------------------------------------------------------------------------------


@QUICK
@given(st.floats(-10, 10))
def test_mse_loss_and_gradient(target):
    r = losses.mse_curve(target, (-3, 3), 61)
    assert r.target == target and r.pred.shape == r.loss.shape == r.grad.shape == (61,)
    assert r.grad.dtype == np.float64
    np.testing.assert_array_equal(r.pred, torch.linspace(-3, 3, 61, dtype=torch.float64).numpy())
    np.testing.assert_allclose(r.loss, (r.pred - target) ** 2, rtol=1e-14, atol=1e-300)
    np.testing.assert_allclose(r.grad, 2 * (r.pred - target), rtol=1e-14, atol=1e-14)


def test_mse_defaults():
    r = losses.mse_curve("0.5")
    assert r.pred.shape == (401,) and r.target == 0.5 and r.pred[0] == -3.0 and r.pred[-1] == 3.0


# --- softmax and its Jacobian ------------------------------------------------------------------


@QUICK
@given(logit_lists, st.floats(0.05, 20))
def test_softmax_jacobian_closed_form(logits, temperature):
    r = losses.softmax_with_jacobian(logits, temperature)
    n = len(logits)
    assert r.probs.shape == (n,) and r.jacobian.shape == (n, n) and r.temperature == temperature
    assert math.isclose(r.probs.sum(), 1.0, rel_tol=1e-12)
    z = np.array(logits) / temperature
    e = np.exp(z - z.max())
    p = e / e.sum()
    np.testing.assert_allclose(r.probs, p, rtol=1e-10, atol=1e-300)
    expected = (np.diag(p) - np.outer(p, p)) / temperature
    # p(1 − p) cancels when p ≈ 1, on both sides: an absolute error of a few ulps of 1/T.
    np.testing.assert_allclose(r.jacobian, expected, rtol=1e-9, atol=1e-13)


def test_jacobian_orientation():
    # Raising z_0 raises p_0 and lowers p_1: J[i, j] = ∂p_i/∂z_j, so row 1 column 0 is negative.
    r = losses.softmax_with_jacobian([2.0, 0.0, -1.0])
    assert r.jacobian[0, 0] > 0 and r.jacobian[1, 0] < 0
    np.testing.assert_allclose(r.jacobian.sum(axis=0), 0.0, atol=1e-15)  # probabilities always sum to 1


def test_high_temperature_flattens():
    cold = losses.softmax_with_jacobian([1, 2, 3], 0.1).probs
    hot = losses.softmax_with_jacobian([1, 2, 3], 100).probs
    assert cold.max() > 0.99 and hot.max() - hot.min() < 0.01


# --- cross-entropy -----------------------------------------------------------------------------


@QUICK
@given(st.data())
def test_cross_entropy_three_ways_agree(data):
    logits = data.draw(logit_lists)
    target = data.draw(st.integers(0, len(logits) - 1))
    r = losses.cross_entropy_parts(logits, target)
    z = np.array(logits)
    expected = float(torch.logsumexp(torch.tensor(z), 0)) - z[target]
    for value in (r.cross_entropy, r.nll_of_log_softmax, r.neg_log_softmax):
        assert math.isclose(value, expected, rel_tol=1e-12, abs_tol=1e-12)
    assert r.target == target
    np.testing.assert_array_equal(r.one_hot, np.eye(len(z))[target])
    np.testing.assert_allclose(r.grad, r.softmax - r.one_hot, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(r.softmax, torch.softmax(torch.tensor(z), 0).numpy(), rtol=1e-14)


def test_cross_entropy_matches_torch_directly():
    z = torch.tensor([0.5, -1.0, 2.0, 0.0], dtype=torch.float64)
    r = losses.cross_entropy_parts(z.tolist(), 2)
    assert r.cross_entropy == F.cross_entropy(z[None], torch.tensor([2])).item()


def test_naive_cross_entropy_overflows_where_fused_does_not():
    # softmax underflows to exactly 0 for the target, so −log gives inf; the fused loss stays exact.
    r = losses.cross_entropy_parts([0.0, 800.0], 0)
    assert r.cross_entropy == pytest.approx(800.0) and math.isinf(r.neg_log_softmax)


# --- BCE versus MSE on a sigmoid output --------------------------------------------------------


@QUICK
@given(st.floats(0, 1))
def test_bce_and_mse_gradients_closed_form(target):
    r = losses.bce_vs_mse(target, (-6, 6), 121)
    p = sig(r.z)
    np.testing.assert_allclose(r.p, p, rtol=1e-15)
    np.testing.assert_allclose(r.bce, -(target * np.log(p) + (1 - target) * np.log1p(-p)), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(r.mse, (p - target) ** 2, rtol=1e-14, atol=1e-300)
    np.testing.assert_allclose(r.dbce_dz, p - target, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(r.dmse_dz, 2 * (p - target) * p * (1 - p), rtol=1e-12, atol=1e-300)


def test_bce_keeps_learning_where_mse_stalls():
    # Confidently wrong (target 1, logit −5): the sigmoid is flat, which cancels MSE's gradient but not BCE's.
    r = losses.bce_vs_mse(1.0, (-5, 5), 11)
    assert r.z[0] == -5.0
    assert abs(r.dbce_dz[0]) > 10 * abs(r.dmse_dz[0])


def test_bce_shapes_and_dtypes():
    r = losses.bce_vs_mse(0.25)
    for arr in (r.z, r.p, r.bce, r.mse, r.dbce_dz, r.dmse_dz):
        assert arr.shape == (401,) and arr.dtype == np.float64
    assert r.target == 0.25


@pytest.mark.parametrize("z", [-50.0, -30.0, 30.0, 50.0])
@pytest.mark.parametrize("target", [0.0, 1.0])
def test_bce_gradient_stays_p_minus_y_where_the_sigmoid_saturates(z, target):
    # F.binary_cross_entropy(σ(z), y) clamps log at −100: y = 0, z = 30 gave 0.0935 and z ≥ 40 gave 0.
    r = losses.bce_vs_mse(target, (-abs(z), abs(z)), 3)
    i = 0 if z < 0 else 2
    assert r.z[i] == z
    expected = torch.sigmoid(torch.tensor(z, dtype=torch.float64)).item() - target
    assert r.dbce_dz[i] == pytest.approx(expected, rel=1e-12, abs=1e-300)
    # softplus(z) for y = 0, softplus(−z) for y = 1, written so that it cannot overflow.
    s = z if target == 0.0 else -z
    assert r.bce[i] == pytest.approx(max(s, 0.0) + math.log1p(math.exp(-abs(s))), rel=1e-14)


@pytest.mark.parametrize("target", [0.0, 0.3, 1.0])
def test_bce_vs_mse_stays_finite_over_a_wide_range(target):
    r = losses.bce_vs_mse(target, z_range=(-60, 60))
    for arr in (r.z, r.p, r.bce, r.mse, r.dbce_dz, r.dmse_dz):
        assert np.all(np.isfinite(arr))
    np.testing.assert_allclose(r.dbce_dz, sig(r.z) - target, rtol=1e-12, atol=1e-300)
    # Still p − y at the ends: −y at z = −60, 1 − y at z = 60, never the clamp's 0.
    assert r.dbce_dz[0] == pytest.approx(-target, abs=1e-25) and r.dbce_dz[-1] == pytest.approx(1 - target)


# --- formulas, strings, errors -----------------------------------------------------------------


def test_formulas_are_one_line_each():
    assert {"mse", "softmax", "cross_entropy", "bce", "nll"} <= set(losses.LOSS_FORMULAS)
    assert set(losses.LOSS_LABELS) == set(losses.LOSS_FORMULAS)
    for text in losses.LOSS_FORMULAS.values():
        assert text and "\n" not in text and len(text) < 80


def test_catalog_strings():
    strings = losses.catalog_strings()
    assert "Cross-entropy" in strings and all(isinstance(s, str) and s for s in strings)


ERRORS = [
    (lambda: losses.mse_curve("x"), "target must be a number, got 'x'"),
    (lambda: losses.mse_curve(float("nan")), "target must be a finite number"),
    (lambda: losses.mse_curve(0, (2, -2)), "prediction range must satisfy A < B, got 2,-2"),
    (lambda: losses.mse_curve(0, points=1), "points must be between 2 and"),
    (lambda: losses.softmax_with_jacobian([1.0]), "logits must have between 2 and 64 values, got 1"),
    (lambda: losses.softmax_with_jacobian([0.0] * 65), "logits must have between 2 and 64 values, got 65"),
    (lambda: losses.softmax_with_jacobian([1, float("inf")]), "each logit must be a finite number"),
    (lambda: losses.softmax_with_jacobian([1, "a"]), "each logit must be a number, got 'a'"),
    (lambda: losses.softmax_with_jacobian("12"), "logits must be a list of numbers"),
    (lambda: losses.softmax_with_jacobian(3.0), "logits must be a list of numbers"),
    (lambda: losses.softmax_with_jacobian([1, 2], 0), "temperature must be positive, got 0.0"),
    (lambda: losses.softmax_with_jacobian([1, 2], -1), "temperature must be positive"),
    (lambda: losses.softmax_with_jacobian([1, 2], float("inf")), "temperature must be a finite number"),
    (lambda: losses.cross_entropy_parts([1, 2, 3], 3), "target must be a class index from 0 to 2, got 3"),
    (lambda: losses.cross_entropy_parts([1, 2, 3], -1), "target must be a class index from 0 to 2, got -1"),
    (lambda: losses.cross_entropy_parts([1, 2, 3], 1.0), "target must be a class index"),
    (lambda: losses.cross_entropy_parts([1, 2, 3], True), "target must be a class index"),
    (lambda: losses.cross_entropy_parts([1], 0), "logits must have between 2 and 64 values"),
    (lambda: losses.bce_vs_mse(1.5), "target must be between 0 and 1, got 1.5"),
    (lambda: losses.bce_vs_mse(-0.1), "target must be between 0 and 1"),
    (lambda: losses.bce_vs_mse(0.5, (0, 0)), "logit range must satisfy A < B, got 0,0"),
    (lambda: losses.bce_vs_mse(0.5, device="nonsense"), "device 'nonsense' is not available"),
    # Finite inputs whose results are not: reported, never returned as inf or NaN.
    (lambda: losses.softmax_with_jacobian([1e308, 0.0], 0.05),
     "softmax overflowed: logits divided by T = 0.05 are too large for float64; use smaller logits or a larger T"),
    (lambda: losses.softmax_with_jacobian([0.0, 1e-312], 1e-310), "the softmax Jacobian overflowed float64"),
    (lambda: losses.cross_entropy_parts([1e308, -1e308], 1),
     "cross-entropy overflowed float64: the target's logit -1e+308 lies too far below the largest logit 1e+308"),
    (lambda: losses.mse_curve(0.0, (-1e200, 1e200)), "the squared error overflowed float64"),
]


@pytest.mark.parametrize("call, fragment", ERRORS)
def test_bad_input_raises_one_line_value_error(call, fragment):
    assert_one_line_input_error(call, fragment)


OUR_ERRORS = [
    lambda: losses.softmax_with_jacobian("12"),
    lambda: losses.softmax_with_jacobian([1.0]),
    lambda: losses.softmax_with_jacobian([1, 2], 0),
    lambda: losses.softmax_with_jacobian([1e308, 0.0], 0.05),
    lambda: losses.softmax_with_jacobian([0.0, 1e-312], 1e-310),
    lambda: losses.cross_entropy_parts([1, 2, 3], 3),
    lambda: losses.cross_entropy_parts([1e308, -1e308], 1),
    lambda: losses.bce_vs_mse(1.5),
    lambda: losses.mse_curve(0.0, (-1e200, 1e200)),
]


@pytest.mark.parametrize("call", OUR_ERRORS)
def test_errors_of_this_module_are_translatable(call):
    with pytest.raises(InputError) as info:
        call()
    assert "{" in info.value.template or info.value.values == {}
    assert info.value.template.format(**info.value.values) == str(info.value)


def test_every_error_template_is_a_literal_the_translation_script_can_read():
    tree = ast.parse((Path(losses.__file__)).read_text(encoding="utf-8"))
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)]
    assert not [c for c in calls if c.func.id == "ValueError"]   # user-input errors are InputError
    templates = [c for c in calls if c.func.id == "InputError"]
    assert len(templates) >= 9
    for call in templates:
        assert isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)


@pytest.mark.filterwarnings("error")
def test_overflow_is_reported_without_numpy_warnings():
    with pytest.raises(ValueError, match="softmax overflowed"):
        losses.softmax_with_jacobian(["1e308", "0"], 0.05)
    # The same logits at T = 1 are fine: z / T is finite, softmax is one-hot.
    r = losses.softmax_with_jacobian([1e308, 0.0], 1.0)
    np.testing.assert_array_equal(r.probs, [1.0, 0.0])
    np.testing.assert_array_equal(r.jacobian, np.zeros((2, 2)))


def test_cross_entropy_keeps_the_naive_inf_but_not_a_fused_one():
    # 1e308 apart: the fused loss, 1e308, is finite and exact; the naive one is inf, and that is the lesson.
    r = losses.cross_entropy_parts([1e308, 0.0], 1)
    assert r.cross_entropy == r.nll_of_log_softmax == 1e308 and math.isinf(r.neg_log_softmax)
    np.testing.assert_array_equal(r.grad, [1.0, -1.0])


def test_float32_device_reports_a_range_it_cannot_hold(monkeypatch):
    # MPS computes in float32: ±1e300 is finite in float64 but inf there, and the message names float32.
    monkeypatch.setattr(losses, "resolve_device", lambda device: (torch.device("cpu"), torch.float32))
    with pytest.raises(InputError, match="logit range -1e\\+300,1e\\+300 does not fit in float32 on this device"):
        losses.bce_vs_mse(0.5, (-1e300, 1e300), 5)
    # Each end fits, but B − A does not: linspace's step is inf and its points NaN.
    with pytest.raises(InputError, match="not finite in float32 over the logit range -3e\\+38,3e\\+38"):
        losses.bce_vs_mse(0.5, (-3e38, 3e38), 5)
    with pytest.raises(InputError, match="squared error overflowed float32"):
        losses.mse_curve(0.0, (-1e30, 1e30), 5)
    with pytest.raises(InputError, match="logits must lie within ±3.4e\\+38 to fit in float32"):
        losses.cross_entropy_parts([1e300, 0.0], 0)


def test_class_index_from_text():
    assert losses.cross_entropy_parts([1, 2, 3], "2").target == 2


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_cuda_matches_cpu():
    for fn, args in [
        (losses.mse_curve, (0.3,)),
        (losses.softmax_with_jacobian, ([1.0, -2.0, 0.5], 0.7)),
        (losses.cross_entropy_parts, ([1.0, -2.0, 0.5], 1)),
        (losses.bce_vs_mse, (0.8,)),
    ]:
        gpu, cpu = fn(*args, device="cuda"), fn(*args)
        for field in cpu.__dataclass_fields__:
            np.testing.assert_allclose(getattr(gpu, field), getattr(cpu, field), rtol=1e-9, atol=1e-12)
