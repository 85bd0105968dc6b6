"""The activation catalog: names, formulas and parameters, with values and derivatives from PyTorch."""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from app import devices
from app.errors import InputError

MAX_POINTS = 1_000_000


@dataclass(frozen=True)
class Param:
    """One keyword argument of an activation, with its default and slider bounds."""

    key: str
    label: str
    default: float | str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Activation:
    """One torch.nn.functional activation with its maths and a sentence for students."""

    name: str
    label: str
    formula: str
    derivative: str
    description: str
    params: tuple[Param, ...] = ()


_ALPHA = Param("alpha", "alpha", 1.0, 0.01, 5.0)

_CATALOG = (
    Activation(
        "sigmoid", "Sigmoid",
        "σ(x) = 1 / (1 + e⁻ˣ)",
        "σ′(x) = σ(x)(1 − σ(x))",
        "Squashes any input into (0, 1) so it reads as a probability, but its gradient vanishes for large |x|.",
    ),
    Activation(
        "tanh", "Tanh",
        "tanh(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)",
        "tanh′(x) = 1 − tanh²(x)",
        "A zero-centred squashing into (−1, 1), common in recurrent networks, that also saturates for large |x|.",
    ),
    Activation(
        "relu", "ReLU",
        "ReLU(x) = max(0, x)",
        "ReLU′(x) = 1 if x > 0, else 0",
        "The default in deep networks: cheap and non-saturating, "
        "but units stuck at x < 0 get no gradient ('dying ReLU').",
    ),
    Activation(
        "leaky_relu", "LeakyReLU",
        "LeakyReLU(x) = x if x > 0, else s·x   (s = negative slope)",
        "LeakyReLU′(x) = 1 if x > 0, else s",
        "ReLU with a small slope for x < 0, so negative inputs still pass a gradient and units cannot die.",
        (Param("negative_slope", "negative slope", 0.01, 0.0, 1.0),),
    ),
    Activation(
        "elu", "ELU",
        "ELU(x) = x if x > 0, else α(eˣ − 1)",
        "ELU′(x) = 1 if x > 0, else αeˣ",
        "A smooth negative part that levels off at −α, pushing the mean activation toward zero.",
        (_ALPHA,),
    ),
    Activation(
        "selu", "SELU",
        "SELU(x) = λ·(x if x > 0, else α(eˣ − 1)),  λ ≈ 1.0507, α ≈ 1.6733",
        "SELU′(x) = λ if x > 0, else λαeˣ",
        "An ELU with fixed scale constants that keep activations near zero mean and unit variance (self-normalising).",
    ),
    Activation(
        "celu", "CELU",
        "CELU(x) = max(0, x) + min(0, α(exp(x/α) − 1))",
        "CELU′(x) = 1 if x > 0, else exp(x/α)",
        "An ELU rewritten so that its derivative is continuous at 0 for every α.",
        (_ALPHA,),
    ),
    Activation(
        "gelu", "GELU",
        "GELU(x) = x·Φ(x)   (Φ = standard normal CDF)",
        "GELU′(x) = Φ(x) + x·φ(x)   (φ = standard normal density)",
        "Weights x by the chance a standard normal is below it; "
        "used in BERT and GPT ('tanh' is a faster approximation).",
        (Param("approximate", "approximation", "none", choices=("none", "tanh")),),
    ),
    Activation(
        "silu", "SiLU",
        "SiLU(x) = x·σ(x)",
        "SiLU′(x) = σ(x)(1 + x(1 − σ(x)))",
        "Also called Swish: a smooth ReLU that dips slightly below zero, used in EfficientNet and many modern models.",
    ),
    Activation(
        "mish", "Mish",
        "Mish(x) = x·tanh(softplus(x))",
        "Mish′(x) = tanh(sp(x)) + x·σ(x)·(1 − tanh²(sp(x))),  sp = softplus",
        "A smooth, non-monotonic activation close to SiLU, used in YOLOv4.",
    ),
    Activation(
        "softplus", "Softplus",
        "softplus(x) = ln(1 + e^(βx)) / β,  = x once βx > threshold",
        "softplus′(x) = σ(βx),  = 1 once βx > threshold",
        "A smooth version of ReLU whose derivative is the sigmoid; a larger β brings it closer to ReLU.",
        (Param("beta", "beta", 1.0, 0.1, 10.0), Param("threshold", "threshold", 20.0, 1.0, 50.0)),
    ),
    Activation(
        "softsign", "Softsign",
        "softsign(x) = x / (1 + |x|)",
        "softsign′(x) = 1 / (1 + |x|)²",
        "Like tanh, but it approaches ±1 only polynomially, so it saturates more slowly.",
    ),
    Activation(
        "hardtanh", "Hardtanh",
        "hardtanh(x) = clamp(x, min_val, max_val)",
        "hardtanh′(x) = 1 if min_val < x < max_val, else 0",
        "A piecewise-linear tanh: the identity between the two limits and flat, with zero gradient, outside them.",
        (Param("min_val", "min value", -1.0, -5.0, 0.0), Param("max_val", "max value", 1.0, 0.0, 5.0)),
    ),
    Activation(
        "hardsigmoid", "Hardsigmoid",
        "hardsigmoid(x) = clamp(x/6 + 1/2, 0, 1)",
        "hardsigmoid′(x) = 1/6 if −3 < x < 3, else 0",
        "A piecewise-linear sigmoid that is cheap to compute on mobile hardware.",
    ),
    Activation(
        "hardswish", "Hardswish",
        "hardswish(x) = x·clamp(x + 3, 0, 6) / 6",
        "hardswish′(x) = 0 if x ≤ −3, (2x + 3)/6 if −3 < x < 3, 1 if x ≥ 3",
        "A cheap piecewise approximation of SiLU, introduced with MobileNetV3.",
    ),
    Activation(
        "relu6", "ReLU6",
        "ReLU6(x) = min(max(0, x), 6)",
        "ReLU6′(x) = 1 if 0 < x < 6, else 0",
        "A ReLU capped at 6, which keeps activations small for low-precision mobile inference.",
    ),
    Activation(
        "logsigmoid", "LogSigmoid",
        "logsigmoid(x) = ln σ(x) = −softplus(−x)",
        "logsigmoid′(x) = 1 − σ(x) = σ(−x)",
        "The logarithm of the sigmoid, computed stably; it is the building block of binary cross-entropy.",
    ),
    Activation(
        "tanhshrink", "Tanhshrink",
        "tanhshrink(x) = x − tanh(x)",
        "tanhshrink′(x) = tanh²(x)",
        "x minus tanh(x): almost flat near zero and close to x − sign(x) for large inputs.",
    ),
)

ACTIVATIONS: dict[str, Activation] = {a.name: a for a in _CATALOG}

# Their second derivative is zero wherever it exists; torch cannot differentiate
# hardsigmoid's backward at all, so curve() does not ask autograd for these.
_PIECEWISE_LINEAR = frozenset({"relu", "leaky_relu", "hardtanh", "hardsigmoid", "relu6"})


def get(name: str) -> Activation:
    """Return the catalog entry for `name`, or raise ValueError listing the valid names."""
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        raise InputError("unknown activation {name}; choose one of: {names}",
                         name=repr(name), names=", ".join(ACTIVATIONS)) from None


def parse_number(what: str, value: object) -> float:
    """Return `value` (a number or a numeric string) as a finite float, or raise ValueError."""
    # bool is an int subclass, but "alpha=True" is a mistake, not 1.0.
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, str)):
        raise InputError("{what} must be a number, got {value}", what=what, value=repr(value))
    try:
        number = float(value)
    except ValueError:
        raise InputError("{what} must be a number, got {value}", what=what, value=repr(value)) from None
    if not math.isfinite(number):
        raise InputError("{what} must be a finite number, got {value}", what=what, value=repr(value))
    return number


def _check_bounds(param: Param, value: float) -> None:
    """Raise ValueError when `value` lies outside the slider bounds of `param`."""
    low, high = param.minimum, param.maximum
    if low is not None and high is not None and not low <= value <= high:
        raise InputError("{key} must be between {low} and {high}, got {value}",
                         key=param.key, low=f"{low:g}", high=f"{high:g}", value=repr(value))
    if low is not None and value < low:
        raise InputError("{key} must be at least {low}, got {value}", key=param.key, low=f"{low:g}", value=repr(value))
    if high is not None and value > high:
        raise InputError("{key} must be at most {high}, got {value}",
                         key=param.key, high=f"{high:g}", value=repr(value))


def _resolve_one(param: Param, value: object) -> float | str:
    """Validate one user-given value for `param`."""
    if param.choices:
        if value not in param.choices:
            raise InputError("{key} must be one of: {choices}, got {value}",
                             key=param.key, choices=", ".join(param.choices), value=repr(value))
        return str(value)
    number = parse_number(param.key, value)
    _check_bounds(param, number)
    return number


def resolve_params(name: str, params: Mapping[str, object] | None = None) -> dict[str, float | str]:
    """Return every parameter of activation `name`: the given values validated, defaults for the rest."""
    activation = get(name)
    given = dict(params or {})
    if given and not activation.params:
        raise InputError("{name} takes no parameters", name=name)
    known = {p.key: p for p in activation.params}
    for key in given:
        if key not in known:
            raise InputError("{name} has no parameter {key}; its parameters are: {known}",
                             name=name, key=repr(key), known=", ".join(known))
    resolved = {p.key: _resolve_one(p, given[p.key]) if p.key in given else p.default for p in activation.params}
    # The bounds allow min_val == max_val == 0, which would make hardtanh a constant.
    if name == "hardtanh" and resolved["min_val"] >= resolved["max_val"]:
        raise InputError("min_val must be less than max_val, got {low} and {high}",
                         low=repr(resolved["min_val"]), high=repr(resolved["max_val"]))
    return resolved


def apply(name: str, x: torch.Tensor, params: Mapping[str, object] | None = None) -> torch.Tensor:
    """Return F.<name>(x, **params) with the parameters validated and defaulted."""
    return getattr(F, name)(x, **resolve_params(name, params))


def resolve_device(device: str | torch.device = "cpu") -> tuple[torch.device, torch.dtype]:
    """Return the torch device to compute on and the float dtype to use there (MPS has no float64)."""
    # The window passes the torch.device it already resolved; only text from a user is checked
    # against what torch reports, which would otherwise be asked again for every curve drawn.
    dev = device if isinstance(device, torch.device) else devices.resolve(device)
    return dev, devices.float_dtype(dev)


def check_range(what: str, value_range: tuple[float, float]) -> tuple[float, float]:
    """Return (a, b) as finite floats with a < b, or raise ValueError naming `what`."""
    try:
        low, high = value_range
    except (TypeError, ValueError):
        raise InputError("{what} must be two numbers A,B, got {value}", what=what, value=repr(value_range)) from None
    low, high = parse_number(what, low), parse_number(what, high)
    if not low < high:
        raise InputError("{what} must satisfy A < B, got {low},{high}", what=what, low=f"{low:g}", high=f"{high:g}")
    if not math.isfinite(high - low):
        raise InputError("{what} is too wide: B − A must be a finite number", what=what)
    return low, high


def check_points(points: int) -> int:
    """Return `points` if it is an integer in [2, MAX_POINTS], else raise ValueError."""
    if isinstance(points, bool) or not isinstance(points, numbers.Integral):
        raise InputError("points must be an integer, got {value}", value=repr(points))
    if not 2 <= points <= MAX_POINTS:
        raise InputError("points must be between 2 and {most}, got {value}", most=MAX_POINTS, value=points)
    return int(points)


def to_numpy(t: torch.Tensor) -> np.ndarray:
    """Copy a tensor from any device into a float64 numpy array."""
    return t.detach().to("cpu", torch.float64).numpy()


@dataclass(frozen=True)
class Curve:
    """An activation sampled on a grid, with its derivatives from autograd."""

    name: str
    params: dict
    x: np.ndarray
    f: np.ndarray
    df: np.ndarray
    d2f: np.ndarray | None
    device: str


def _second_derivative(name: str, x: torch.Tensor, df: torch.Tensor) -> torch.Tensor:
    """Differentiate df again; elementwise functions make the gradient of the sum the derivative."""
    if name in _PIECEWISE_LINEAR or not df.requires_grad:
        return torch.zeros_like(x)
    (d2f,) = torch.autograd.grad(df.sum(), x, allow_unused=True)
    return torch.zeros_like(x) if d2f is None else d2f


def curve(
    name: str,
    params: Mapping[str, object] | None = None,
    x_range: tuple[float, float] = (-5.0, 5.0),
    points: int = 1001,
    second: bool = False,
    device: str | torch.device = "cpu",
) -> Curve:
    """Sample activation `name` on a grid and differentiate it with autograd, once or twice."""
    resolved = resolve_params(name, params)
    low, high = check_range("range", x_range)
    points = check_points(points)
    dev, dtype = resolve_device(device)
    x = torch.linspace(low, high, points, dtype=dtype, device=dev, requires_grad=True)
    f = getattr(F, name)(x, **resolved)
    # The activation acts elementwise, so d(sum f)/dx_i is exactly f'(x_i).
    (df,) = torch.autograd.grad(f.sum(), x, create_graph=second)
    d2f = to_numpy(_second_derivative(name, x, df)) if second else None
    result = Curve(name, resolved, to_numpy(x), to_numpy(f), to_numpy(df), d2f, str(x.device))
    _check_finite(result)
    return result


def _check_finite(c: Curve) -> None:
    """Refuse a curve that overflowed (mish's f″ beyond |x| ≈ 710, say) rather than plot NaN."""
    for label, values in (("f(x)", c.f), ("f′(x)", c.df), ("f″(x)", c.d2f)):
        if values is not None and not np.isfinite(values).all():
            x = c.x[~np.isfinite(values)][0]
            raise InputError("{what} of {name} is not a finite number at x = {x} (float overflow in torch); "
                             "use a narrower range", what=label, name=c.name, x=f"{x:g}")


def vanishing_regions(x: np.ndarray, df: np.ndarray, threshold: float = 1e-2) -> list[tuple[float, float]]:
    """Return the contiguous x-intervals (first and last sample) where |f′(x)| < threshold."""
    x, df = np.asarray(x, dtype=np.float64), np.asarray(df, dtype=np.float64)
    if x.ndim != 1 or x.shape != df.shape:
        raise ValueError(f"x and df must be 1-D arrays of equal length, got shapes {x.shape} and {df.shape}")
    threshold = parse_number("threshold", threshold)
    if threshold <= 0:
        raise InputError("threshold must be positive, got {value}", value=repr(threshold))
    small = np.concatenate(([False], np.abs(df) < threshold, [False]))
    # Each run of True starts where the padded mask rises and ends where it falls.
    edges = np.flatnonzero(np.diff(small.astype(np.int8)))
    starts, stops = edges[0::2], edges[1::2] - 1
    return [(float(x[i]), float(x[j])) for i, j in zip(starts, stops)]


def catalog_strings() -> list[str]:
    """Return the translatable English strings of the catalog, each once.

    Formulas are among them: many say "if x > 0, else" or "standard normal CDF" in words.
    """
    strings: list[str] = []
    for activation in ACTIVATIONS.values():
        strings += [activation.label, activation.description, activation.formula, activation.derivative,
                    *(p.label for p in activation.params)]
    return list(dict.fromkeys(strings))
