"""The activation catalog against closed forms, finite differences and torch called directly."""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from conftest import assert_one_line_input_error
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app import activations as act

NAMES = list(act.ACTIVATIONS)
# Away from kinks a central difference of float64 values is good to ~1e-9; autograd is exact.
FD_TOL = dict(rtol=1e-6, atol=1e-6)
# No example database: the tests must not write files into the repository.
QUICK = settings(max_examples=40, deadline=None, database=None)

SELU_SCALE = 1.0507009873554805
SELU_ALPHA = 1.6732632423543772


def kinks(name, params):
    """x-values where f′ (or, for softsign, f″) jumps; finite differences are meaningless there."""
    if name in ("relu", "leaky_relu", "elu", "selu", "celu", "softsign"):
        return [0.0]
    if name == "relu6":
        return [0.0, 6.0]
    if name == "hardtanh":
        return [params["min_val"], params["max_val"]]
    if name in ("hardsigmoid", "hardswish"):
        return [-3.0, 3.0]
    if name == "softplus":
        return [params["threshold"] / params["beta"]]
    return []


def smooth_mask(name, params, x, margin=1e-3):
    """True where x is further than `margin` from every kink."""
    keep = np.ones_like(x, dtype=bool)
    for k in kinks(name, params):
        keep &= np.abs(x - k) > margin
    return keep


def torch_f(name, x, params):
    """F.<name> called directly on a float64 numpy array."""
    return getattr(F, name)(torch.as_tensor(x, dtype=torch.float64), **params).numpy()


def torch_df(name, x, params):
    """f′ by autograd on F.<name> directly, independent of app.activations.curve."""
    t = torch.as_tensor(x, dtype=torch.float64).requires_grad_()
    (g,) = torch.autograd.grad(getattr(F, name)(t, **params).sum(), t)
    return g.numpy()


def central_difference(fn, x, h):
    """(fn(x + h) − fn(x − h)) / 2h."""
    return (fn(x + h) - fn(x - h)) / (2 * h)


def sig(x):
    """The logistic sigmoid by torch, as numpy."""
    return torch.sigmoid(torch.as_tensor(x)).numpy()


def Phi(x):
    """Standard normal CDF, via torch.erf."""
    return 0.5 * (1 + torch.erf(torch.as_tensor(x) / math.sqrt(2))).numpy()


def phi(x):
    """Standard normal density."""
    return np.exp(-x * x / 2) / math.sqrt(2 * math.pi)


def grid(lo=-8.0, hi=8.0, n=1601):
    return np.linspace(lo, hi, n)


@st.composite
def valid_params(draw, name):
    """Any parameter values a user could set for activation `name`."""
    params = {}
    for p in act.get(name).params:
        if p.choices:
            params[p.key] = draw(st.sampled_from(p.choices))
        else:
            params[p.key] = draw(st.floats(p.minimum, p.maximum))
    if name == "hardtanh":
        assume(params["min_val"] < params["max_val"])
    return params


# --- the catalog itself ------------------------------------------------------------------------


def test_catalog_order():
    assert NAMES == [
        "sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu", "celu", "gelu", "silu", "mish",
        "softplus", "softsign", "hardtanh", "hardsigmoid", "hardswish", "relu6", "logsigmoid", "tanhshrink",
    ]


@pytest.mark.parametrize("name", NAMES)
def test_entry_is_well_formed(name):
    a = act.ACTIVATIONS[name]
    assert a.name == name and callable(getattr(F, name))
    for text in (a.label, a.formula, a.derivative, a.description):
        assert text and "\n" not in text
    assert len(a.formula) < 70 and len(a.derivative) < 70
    for p in a.params:
        if p.choices:
            assert p.default in p.choices
        else:
            assert p.minimum <= p.default <= p.maximum


@pytest.mark.parametrize("name", NAMES)
def test_defaults_are_torchs(name):
    x = torch.linspace(-30, 30, 601, dtype=torch.float64)
    defaults = {p.key: p.default for p in act.get(name).params}
    assert torch.equal(getattr(F, name)(x, **defaults), getattr(F, name)(x))


def test_catalog_strings():
    strings = act.catalog_strings()
    assert len(strings) == len(set(strings))
    assert "LeakyReLU" in strings and "negative slope" in strings
    assert all(a.description in strings for a in act.ACTIVATIONS.values())
    assert "tanh" not in strings  # choice names are torch keywords, never translated


# --- derivatives against finite differences ----------------------------------------------------


def check_against_finite_differences(name, params):
    """df against differences of f, and d2f against differences of torch's df, away from kinks."""
    c = act.curve(name, params, (-7.0, 7.0), 1401, second=True)
    resolved = c.params
    keep = smooth_mask(name, resolved, c.x)
    fd1 = central_difference(lambda v: torch_f(name, v, resolved), c.x, 1e-6)
    np.testing.assert_allclose(c.df[keep], fd1[keep], **FD_TOL)
    fd2 = central_difference(lambda v: torch_df(name, v, resolved), c.x, 1e-6)
    np.testing.assert_allclose(c.d2f[keep], fd2[keep], rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("name", NAMES)
def test_derivatives_match_finite_differences(name):
    check_against_finite_differences(name, None)


@QUICK
@given(st.data())
def test_derivatives_match_finite_differences_for_any_params(data):
    name = data.draw(st.sampled_from([n for n in NAMES if act.get(n).params]))
    check_against_finite_differences(name, data.draw(valid_params(name)))


# --- closed forms ------------------------------------------------------------------------------


def test_sigmoid():
    x = grid()
    c = act.curve("sigmoid", x_range=(x[0], x[-1]), points=len(x))
    s = 1 / (1 + np.exp(-x))
    np.testing.assert_allclose(c.f, s, rtol=1e-14)
    np.testing.assert_allclose(c.df, s * (1 - s), rtol=1e-12, atol=1e-16)


def test_tanh():
    x = grid()
    c = act.curve("tanh", x_range=(x[0], x[-1]), points=len(x))
    np.testing.assert_allclose(c.df, 1 - np.tanh(x) ** 2, atol=1e-15)


def test_relu_is_a_step():
    c = act.curve("relu", x_range=(-3, 3), points=601, second=True)
    np.testing.assert_array_equal(c.df, np.where(c.x > 0, 1.0, 0.0))
    np.testing.assert_array_equal(c.d2f, 0.0)


@pytest.mark.parametrize("slope", [0.0, 0.01, 0.3, 1.0])
def test_leaky_relu_slope(slope):
    c = act.curve("leaky_relu", {"negative_slope": slope}, (-3, 3), 601)
    np.testing.assert_array_equal(c.df, np.where(c.x > 0, 1.0, slope))
    np.testing.assert_allclose(c.f, np.where(c.x > 0, c.x, slope * c.x), rtol=1e-15)


@pytest.mark.parametrize("alpha", [0.5, 1.0, 2.5])
def test_elu(alpha):
    c = act.curve("elu", {"alpha": alpha}, (-6, 6), 1201)
    np.testing.assert_allclose(c.f, np.where(c.x > 0, c.x, alpha * np.expm1(c.x)), rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(c.df, np.where(c.x > 0, 1.0, alpha * np.exp(c.x)), rtol=1e-13)


@pytest.mark.parametrize("alpha", [0.25, 1.0, 3.0])
def test_celu(alpha):
    c = act.curve("celu", {"alpha": alpha}, (-6, 6), 1201)
    np.testing.assert_allclose(c.f, np.where(c.x > 0, c.x, alpha * np.expm1(c.x / alpha)), rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(c.df, np.where(c.x > 0, 1.0, np.exp(c.x / alpha)), rtol=1e-13)


def test_selu_constants():
    c = act.curve("selu", x_range=(-6, 6), points=1201)
    expected = SELU_SCALE * np.where(c.x > 0, c.x, SELU_ALPHA * np.expm1(c.x))
    np.testing.assert_allclose(c.f, expected, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(c.df, SELU_SCALE * np.where(c.x > 0, 1.0, SELU_ALPHA * np.exp(c.x)), rtol=1e-13)


def test_gelu_exact_is_x_times_normal_cdf():
    c = act.curve("gelu", {"approximate": "none"}, (-8, 8), 1601)
    np.testing.assert_allclose(c.f, c.x * Phi(c.x), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(c.df, Phi(c.x) + c.x * phi(c.x), rtol=1e-12, atol=1e-15)


def test_gelu_tanh_approximation():
    c = act.curve("gelu", {"approximate": "tanh"}, (-8, 8), 1601)
    x = c.x
    expected = 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))
    np.testing.assert_allclose(c.f, expected, rtol=1e-12, atol=1e-15)
    # The approximation stays within 1e-3 of the exact GELU: the point of offering it.
    assert np.max(np.abs(c.f - x * Phi(x))) < 1e-3


def test_silu():
    c = act.curve("silu", x_range=(-8, 8), points=1601)
    s = sig(c.x)
    np.testing.assert_allclose(c.df, s * (1 + c.x * (1 - s)), rtol=1e-12, atol=1e-15)


def test_mish():
    c = act.curve("mish", x_range=(-8, 8), points=1601)
    t = np.tanh(np.logaddexp(0, c.x))
    np.testing.assert_allclose(c.f, c.x * t, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(c.df, t + c.x * sig(c.x) * (1 - t**2), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("beta", [0.5, 1.0, 4.0])
def test_softplus_derivative_is_sigmoid_below_threshold(beta):
    c = act.curve("softplus", {"beta": beta, "threshold": 20}, (-4, 4), 801)
    np.testing.assert_allclose(c.f, np.logaddexp(0, beta * c.x) / beta, rtol=1e-13)
    np.testing.assert_allclose(c.df, sig(beta * c.x), rtol=1e-12)


def test_softplus_is_linear_above_threshold():
    c = act.curve("softplus", {"beta": 2.0, "threshold": 4.0}, (-5, 5), 1001)
    above = 2.0 * c.x > 4.0
    np.testing.assert_array_equal(c.f[above], c.x[above])
    np.testing.assert_array_equal(c.df[above], 1.0)


def test_softsign():
    c = act.curve("softsign", x_range=(-8, 8), points=1601)
    np.testing.assert_allclose(c.df, 1 / (1 + np.abs(c.x)) ** 2, rtol=1e-14)


@pytest.mark.parametrize("low, high", [(-1.0, 1.0), (-2.5, 0.5), (-0.5, 4.0)])
def test_hardtanh(low, high):
    c = act.curve("hardtanh", {"min_val": low, "max_val": high}, (-6, 6), 1201)
    np.testing.assert_array_equal(c.f, np.clip(c.x, low, high))
    np.testing.assert_array_equal(c.df, np.where((c.x > low) & (c.x < high), 1.0, 0.0))


def test_relu6():
    c = act.curve("relu6", x_range=(-3, 9), points=1201)
    np.testing.assert_array_equal(c.df, np.where((c.x > 0) & (c.x < 6), 1.0, 0.0))


def test_hardsigmoid():
    c = act.curve("hardsigmoid", x_range=(-6, 6), points=1201, second=True)
    np.testing.assert_allclose(c.f, np.clip(c.x / 6 + 0.5, 0, 1), rtol=1e-15, atol=1e-16)
    # torch's backward kernel uses 1/6 rounded to float32 even for float64 input (off by 5e-9).
    np.testing.assert_allclose(c.df, np.where(np.abs(c.x) < 3, 1 / 6, 0.0), rtol=1e-7)
    np.testing.assert_array_equal(c.d2f, 0.0)


def test_hardswish():
    c = act.curve("hardswish", x_range=(-6, 6), points=1201)
    x = c.x
    np.testing.assert_allclose(c.f, x * np.clip(x + 3, 0, 6) / 6, rtol=1e-15, atol=1e-16)
    expected = np.where(x <= -3, 0.0, np.where(x >= 3, 1.0, (2 * x + 3) / 6))
    np.testing.assert_allclose(c.df, expected, rtol=1e-14, atol=1e-16)


def test_logsigmoid():
    c = act.curve("logsigmoid", x_range=(-8, 8), points=1601)
    np.testing.assert_allclose(c.f, -np.logaddexp(0, -c.x), rtol=1e-14)
    np.testing.assert_allclose(c.df, 1 - sig(c.x), rtol=1e-12, atol=1e-16)


def test_tanhshrink():
    c = act.curve("tanhshrink", x_range=(-8, 8), points=1601)
    np.testing.assert_allclose(c.df, np.tanh(c.x) ** 2, rtol=1e-12, atol=1e-15)


@QUICK
@given(
    st.lists(st.floats(-30, 30), min_size=1, max_size=50),
    st.floats(0.1, 10.0),
    st.floats(1.0, 50.0),
)
def test_softplus_derivative_property(xs, beta, threshold):
    x = np.array(xs)
    below = beta * x <= threshold
    x_t = torch.tensor(x, requires_grad=True)
    (df,) = torch.autograd.grad(act.apply("softplus", x_t, {"beta": beta, "threshold": threshold}).sum(), x_t)
    np.testing.assert_allclose(df.numpy()[below], sig(beta * x[below]), rtol=1e-12, atol=1e-300)
    np.testing.assert_array_equal(df.numpy()[~below], 1.0)


@QUICK
@given(st.lists(st.floats(-40, 40), min_size=1, max_size=50))
def test_sigmoid_and_tanh_identities_property(xs):
    x = np.array(xs)
    s, t = sig(x), np.tanh(x)
    np.testing.assert_allclose(torch_df("sigmoid", x, {}), s * (1 - s), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(torch_df("tanh", x, {}), 1 - t**2, rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(act.apply("sigmoid", torch.tensor(x)).numpy(), s, rtol=0)


# --- curve() -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_curve_matches_torch_directly(name):
    c = act.curve(name, x_range=(-4, 4), points=81)
    for arr in (c.x, c.f, c.df):
        assert arr.shape == (81,) and arr.dtype == np.float64
    assert c.d2f is None and c.device == "cpu" and c.name == name
    np.testing.assert_array_equal(c.x, torch.linspace(-4, 4, 81, dtype=torch.float64).numpy())
    np.testing.assert_array_equal(c.f, torch_f(name, c.x, c.params))
    np.testing.assert_array_equal(c.df, torch_df(name, c.x, c.params))


def test_curve_second_and_resolved_params():
    c = act.curve("elu", {"alpha": "0.5"}, points=11, second=True)
    assert c.params == {"alpha": 0.5}
    assert c.d2f.shape == (11,) and c.d2f.dtype == np.float64


def test_curve_with_two_points():
    c = act.curve("tanh", x_range=(-1, 1), points=2)
    np.testing.assert_array_equal(c.x, [-1.0, 1.0])


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_curve_on_cuda_matches_cpu():
    for name in NAMES:
        gpu, cpu = act.curve(name, device="cuda", second=True), act.curve(name, second=True)
        assert gpu.device.startswith("cuda")
        np.testing.assert_allclose(gpu.f, cpu.f, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(gpu.df, cpu.df, rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(gpu.d2f, cpu.d2f, rtol=1e-7, atol=1e-7)


# --- resolve_params and errors -----------------------------------------------------------------


def test_resolve_params_fills_defaults_and_parses_strings():
    assert act.resolve_params("softplus") == {"beta": 1.0, "threshold": 20.0}
    assert act.resolve_params("softplus", {"beta": "2.5"}) == {"beta": 2.5, "threshold": 20.0}
    assert act.resolve_params("gelu", {"approximate": "tanh"}) == {"approximate": "tanh"}
    assert act.resolve_params("selu", {}) == {}
    assert act.resolve_params("leaky_relu", {"negative_slope": 1}) == {"negative_slope": 1.0}


@QUICK
@given(st.data())
def test_resolve_params_accepts_any_valid_value_as_text(data):
    name = data.draw(st.sampled_from([n for n in NAMES if act.get(n).params]))
    params = data.draw(valid_params(name))
    as_text = {k: v if isinstance(v, str) else repr(v) for k, v in params.items()}
    assert act.resolve_params(name, as_text) == params


@QUICK
@given(st.data())
def test_out_of_range_values_are_rejected(data):
    name = data.draw(st.sampled_from([n for n in NAMES if any(p.maximum is not None for p in act.get(n).params)]))
    p = data.draw(st.sampled_from([p for p in act.get(name).params if p.maximum is not None]))
    value = data.draw(st.floats(p.maximum, 1e6, exclude_min=True) | st.floats(-1e6, p.minimum, exclude_max=True))
    with pytest.raises(ValueError, match=f"{p.key} must be between"):
        act.resolve_params(name, {p.key: value})


ERRORS = [
    (lambda: act.get("foo"), "unknown activation 'foo'; choose one of: sigmoid, tanh, relu"),
    (lambda: act.curve("foo"), "unknown activation 'foo'"),
    (lambda: act.resolve_params("elu", {"beta": 1}), "elu has no parameter 'beta'; its parameters are: alpha"),
    (lambda: act.resolve_params("softplus", {"alpha": 1}), "its parameters are: beta, threshold"),
    (lambda: act.resolve_params("elu", {"alpha": "abc"}), "alpha must be a number, got 'abc'"),
    (lambda: act.resolve_params("elu", {"alpha": True}), "alpha must be a number"),
    (lambda: act.resolve_params("elu", {"alpha": "nan"}), "alpha must be a finite number"),
    (lambda: act.resolve_params("elu", {"alpha": float("inf")}), "alpha must be a finite number"),
    (lambda: act.resolve_params("leaky_relu", {"negative_slope": 3}), "negative_slope must be between 0 and 1, got 3.0"),
    (lambda: act.resolve_params("gelu", {"approximate": "fast"}), "approximate must be one of: none, tanh, got 'fast'"),
    (lambda: act.resolve_params("hardtanh", {"min_val": 0, "max_val": 0}), "min_val must be less than max_val"),
    (lambda: act.resolve_params("selu", {"alpha": 1}), "selu takes no parameters"),
    (lambda: act.apply("relu", torch.zeros(2), {"x": 1}), "relu takes no parameters"),
    (lambda: act.curve("relu", x_range=(3, 1)), "range must satisfy A < B, got 3,1"),
    (lambda: act.curve("relu", x_range=(1, 1)), "range must satisfy A < B, got 1,1"),
    (lambda: act.curve("relu", x_range=(0, float("inf"))), "range must be a finite number"),
    (lambda: act.curve("relu", x_range=(0, "b")), "range must be a number, got 'b'"),
    (lambda: act.curve("relu", x_range=(0,)), "range must be two numbers"),
    (lambda: act.curve("relu", points=1), "points must be between 2 and 1000000, got 1"),
    (lambda: act.curve("relu", points=act.MAX_POINTS + 1), "points must be between 2 and 1000000, got 1000001"),
    (lambda: act.curve("relu", points=10.5), "points must be an integer, got 10.5"),
    (lambda: act.curve("relu", device="nonsense"), "device 'nonsense' is not available"),
    (lambda: act.vanishing_regions(np.zeros(3), np.zeros(4)), "x and df must be 1-D arrays of equal length"),
    (lambda: act.vanishing_regions(np.zeros(3), np.zeros(3), 0), "threshold must be positive"),
]


@pytest.mark.parametrize("call, fragment", ERRORS)
def test_bad_input_raises_one_line_value_error(call, fragment):
    assert_one_line_input_error(call, fragment)


@pytest.mark.skipif(torch.cuda.is_available(), reason="CUDA is available here")
def test_missing_cuda_is_a_value_error():
    with pytest.raises(ValueError, match="device 'cuda' is not available"):
        act.curve("relu", device="cuda")


# --- vanishing regions -------------------------------------------------------------------------


def test_sigmoid_vanishes_only_in_the_tails():
    c = act.curve("sigmoid", x_range=(-10, 10), points=2001)
    regions = act.vanishing_regions(c.x, c.df, 1e-2)
    assert len(regions) == 2
    (a0, a1), (b0, b1) = regions
    assert a0 == -10.0 and b1 == 10.0
    # σ′ = σ(1 − σ) = 0.01 where σ = (1 − √0.96)/2, i.e. |x| = ln((1 + √0.96)/(1 − √0.96)) ≈ 4.585.
    edge = math.log((1 + math.sqrt(0.96)) / (1 - math.sqrt(0.96)))
    assert abs(a1 + edge) < 0.01 and abs(b0 - edge) < 0.01


def test_no_vanishing_regions_for_leaky_relu_with_slope():
    c = act.curve("leaky_relu", {"negative_slope": 0.1})
    assert act.vanishing_regions(c.x, c.df) == []


@QUICK
@given(st.lists(st.floats(-1, 1), min_size=1, max_size=60), st.floats(1e-3, 1))
def test_vanishing_regions_cover_exactly_the_small_points(values, threshold):
    x = np.arange(len(values), dtype=np.float64)
    df = np.array(values)
    covered = np.zeros(len(x), dtype=bool)
    for start, stop in act.vanishing_regions(x, df, threshold):
        assert start <= stop
        covered |= (x >= start) & (x <= stop)
    np.testing.assert_array_equal(covered, np.abs(df) < threshold)
