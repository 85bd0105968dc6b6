"""The numbers behind the Losses views: MSE, softmax, cross-entropy and BCE, all from torch and autograd."""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from app.activations import (
    check_points,
    check_range,
    parse_number,
    resolve_device,
    to_numpy,
)
from app.errors import InputError

MIN_CLASSES, MAX_CLASSES = 2, 64

LOSS_FORMULAS: dict[str, str] = {
    "mse": "L = (ŷ − y)²,  ∂L/∂ŷ = 2(ŷ − y)",
    "softmax": "pᵢ = e^(zᵢ/T) / Σⱼ e^(zⱼ/T),  ∂pᵢ/∂zⱼ = pᵢ(δᵢⱼ − pⱼ) / T",
    "cross_entropy": "L = −ln pₜ = ln Σⱼ e^(zⱼ) − zₜ,  ∂L/∂zⱼ = pⱼ − [j = t]",
    "bce": "L = −[y ln p + (1 − y) ln(1 − p)],  p = σ(z),  ∂L/∂z = p − y",
    "nll": "NLL(log_softmax(z), t) = −log_softmax(z)ₜ = CE(z, t)",
    # Not one of the five core losses: the MSE curve of the BCE-versus-MSE view, taken through the sigmoid.
    "mse_sigmoid": "L = (p − y)²,  p = σ(z),  ∂L/∂z = 2(p − y)·p(1 − p)",
}

# Display titles of the formulas above; these are the module's only translatable words.
LOSS_LABELS: dict[str, str] = {
    "mse": "Mean squared error",
    "softmax": "Softmax",
    "cross_entropy": "Cross-entropy",
    "bce": "Binary cross-entropy",
    "nll": "Negative log-likelihood",
    "mse_sigmoid": "Mean squared error on a sigmoid output",
}


@dataclass(frozen=True)
class MseCurve:
    """Squared error of each prediction against one target, and its gradient."""

    pred: np.ndarray
    loss: np.ndarray
    grad: np.ndarray
    target: float


@dataclass(frozen=True)
class SoftmaxResult:
    """Softmax probabilities of some logits at a temperature, with J[i, j] = ∂p_i/∂z_j."""

    logits: np.ndarray
    temperature: float
    probs: np.ndarray
    jacobian: np.ndarray


@dataclass(frozen=True)
class CrossEntropyResult:
    """Cross-entropy computed three ways, with its pieces and its gradient."""

    logits: np.ndarray
    target: int
    cross_entropy: float
    nll_of_log_softmax: float
    neg_log_softmax: float
    softmax: np.ndarray
    one_hot: np.ndarray
    grad: np.ndarray


@dataclass(frozen=True)
class BceVsMse:
    """BCE and MSE of a sigmoid output against one target, with gradients w.r.t. the logit."""

    z: np.ndarray
    p: np.ndarray
    bce: np.ndarray
    mse: np.ndarray
    dbce_dz: np.ndarray
    dmse_dz: np.ndarray
    target: float


def _all_finite(*tensors: torch.Tensor) -> bool:
    """True when no tensor holds an inf or a NaN."""
    return all(bool(torch.isfinite(t).all()) for t in tensors)


def _dtype_name(dtype: torch.dtype) -> str:
    """'float64' (or 'float32' on MPS), for messages that say which precision ran out."""
    return str(dtype).removeprefix("torch.")


def _grid(what: str, value_range: tuple[float, float], points: int, device: str | torch.device) -> torch.Tensor:
    """Return a validated linspace on `device` that requires grad."""
    low, high = check_range(what, value_range)
    points = check_points(points)
    dev, dtype = resolve_device(device)
    most = torch.finfo(dtype).max   # float32 on MPS: ±1e300 passes check_range but not linspace
    if not -most <= low < high <= most:
        raise InputError("{what} {low},{high} does not fit in {dtype} on this device; use numbers within ±{most}",
                         what=what, low=f"{low:g}", high=f"{high:g}", dtype=_dtype_name(dtype),
                         most=f"{most:.3g}")
    return torch.linspace(low, high, points, dtype=dtype, device=dev, requires_grad=True)


def _logits(logits: Sequence[float], device: str | torch.device) -> torch.Tensor:
    """Return 2..64 finite logits as a 1-D tensor on `device`, or raise InputError."""
    if isinstance(logits, (str, bytes)) or not isinstance(logits, (Sequence, np.ndarray)):
        raise InputError("logits must be a list of numbers, got {value}", value=repr(logits))
    values = [parse_number("each logit", v) for v in logits]
    if not MIN_CLASSES <= len(values) <= MAX_CLASSES:
        raise InputError("logits must have between {fewest} and {most} values, got {count}",
                         fewest=MIN_CLASSES, most=MAX_CLASSES, count=len(values))
    dev, dtype = resolve_device(device)
    most = torch.finfo(dtype).max   # float32 on MPS: a logit of 1e300 would become inf
    if any(abs(v) > most for v in values):
        raise InputError("logits must lie within ±{most} to fit in {dtype} on this device",
                         most=f"{most:.3g}", dtype=_dtype_name(dtype))
    return torch.tensor(values, dtype=dtype, device=dev)


def _class_index(target: object, classes: int) -> int:
    """Return `target` as a class index in [0, classes), or raise InputError."""
    # bool is an int subclass, but True is not a class index.
    is_integer = isinstance(target, numbers.Integral) and not isinstance(target, bool)
    if isinstance(target, str) and target.strip().lstrip("-").isdigit():
        target, is_integer = int(target), True
    if not is_integer or not 0 <= target < classes:
        raise InputError("target must be a class index from 0 to {last}, got {value}",
                         last=classes - 1, value=repr(target))
    return int(target)


def _probability_target(target: object) -> float:
    """Return `target` as a float in [0, 1], or raise InputError."""
    value = parse_number("target", target)
    if not 0.0 <= value <= 1.0:
        raise InputError("target must be between 0 and 1, got {value}", value=repr(value))
    return value


def mse_curve(
    target: float,
    pred_range: tuple[float, float] = (-3.0, 3.0),
    points: int = 401,
    device: str | torch.device = "cpu",
) -> MseCurve:
    """Return the squared error of each prediction in `pred_range` against `target`, and d loss / d pred."""
    target = parse_number("target", target)
    pred = _grid("prediction range", pred_range, points, device)
    loss = F.mse_loss(pred, torch.full_like(pred, target), reduction="none")
    # Each loss depends only on its own prediction, so the gradient of the sum is elementwise.
    (grad,) = torch.autograd.grad(loss.sum(), pred)
    if not _all_finite(pred, loss, grad):
        raise InputError("the squared error overflowed {dtype}: the predictions lie too far from the target; "
                         "use a narrower prediction range or a nearer target", dtype=_dtype_name(pred.dtype))
    return MseCurve(to_numpy(pred), to_numpy(loss), to_numpy(grad), target)


def softmax_with_jacobian(
    logits: Sequence[float], temperature: float = 1.0, device: str | torch.device = "cpu"
) -> SoftmaxResult:
    """Return softmax(z / T) and its Jacobian with respect to the logits z."""
    z = _logits(logits, device)
    temperature = parse_number("temperature", temperature)
    if temperature <= 0:
        raise InputError("temperature must be positive, got {value}", value=repr(temperature))
    # An infinite z / T would make softmax subtract inf from inf: NaN probabilities, not a picture.
    if not _all_finite(z / temperature):
        raise InputError("softmax overflowed: logits divided by T = {t} are too large for {dtype}; "
                         "use smaller logits or a larger T", t=f"{temperature:g}", dtype=_dtype_name(z.dtype))
    probs = torch.softmax(z / temperature, dim=0)
    jacobian = torch.autograd.functional.jacobian(lambda v: torch.softmax(v / temperature, dim=0), z)
    if not _all_finite(probs, jacobian):
        # J = (diag(p) − ppᵀ) / T: only a tiny T (below about 1e-308) can push it past the largest float.
        raise InputError("the softmax Jacobian overflowed {dtype}: dividing by T = {t} makes it too large; "
                         "use a larger T", t=f"{temperature:g}", dtype=_dtype_name(z.dtype))
    return SoftmaxResult(to_numpy(z), temperature, to_numpy(probs), to_numpy(jacobian))


def cross_entropy_parts(
    logits: Sequence[float], target: int, device: str | torch.device = "cpu"
) -> CrossEntropyResult:
    """Return cross-entropy three ways (fused, NLL of log-softmax, naive -log softmax) and its gradient."""
    z = _logits(logits, device).requires_grad_()
    index = _class_index(target, len(z))
    t = torch.tensor(index, device=z.device)
    cross_entropy = F.cross_entropy(z[None], t[None])
    (grad,) = torch.autograd.grad(cross_entropy, z)
    with torch.no_grad():
        nll = F.nll_loss(F.log_softmax(z, dim=0)[None], t[None])
        # The naive route: it overflows to inf when softmax underflows to 0, which is why the fused one exists.
        # That inf is the lesson, so it is the one value allowed to be infinite.
        naive = -torch.log(torch.softmax(z, dim=0))[index]
        probs = torch.softmax(z, dim=0)
        one_hot = F.one_hot(t, len(z))
    if not _all_finite(cross_entropy, nll, grad, probs):
        # Even the fused loss, logsumexp(z) − z_t, passes the largest float when z_t lies ~1.8e308 below max(z).
        raise InputError("cross-entropy overflowed {dtype}: the target's logit {value} lies too far below the "
                         "largest logit {largest}; use logits closer together",
                         dtype=_dtype_name(z.dtype), value=f"{z[index].item():g}", largest=f"{z.max().item():g}")
    return CrossEntropyResult(
        logits=to_numpy(z),
        target=index,
        cross_entropy=cross_entropy.item(),
        nll_of_log_softmax=nll.item(),
        neg_log_softmax=naive.item(),
        softmax=to_numpy(probs),
        one_hot=to_numpy(one_hot),
        grad=to_numpy(grad),
    )


def bce_vs_mse(
    target: float,
    z_range: tuple[float, float] = (-6.0, 6.0),
    points: int = 401,
    device: str | torch.device = "cpu",
) -> BceVsMse:
    """Return BCE and MSE of sigmoid(z) against `target` along `z_range`, with both gradients w.r.t. z."""
    target = _probability_target(target)
    z = _grid("logit range", z_range, points, device)
    p = torch.sigmoid(z)
    y = torch.full_like(p, target)
    # BCE from the logit, as PyTorch recommends: F.binary_cross_entropy(σ(z), y) clamps log(p) at −100,
    # which zeroes its gradient once σ saturates (y = 0, z ≥ 40 gives 0 instead of p − y = 1).
    bce = F.binary_cross_entropy_with_logits(z, y, reduction="none")
    mse = F.mse_loss(p, y, reduction="none")
    (dbce,) = torch.autograd.grad(bce.sum(), z)
    (dmse,) = torch.autograd.grad(mse.sum(), z)
    if not _all_finite(z, bce, mse, dbce, dmse):
        raise InputError("BCE and MSE are not finite in {dtype} over the logit range {low},{high}; "
                         "use a narrower range", dtype=_dtype_name(z.dtype),
                         low=f"{float(z_range[0]):g}", high=f"{float(z_range[1]):g}")
    return BceVsMse(to_numpy(z), to_numpy(p), to_numpy(bce), to_numpy(mse), to_numpy(dbce), to_numpy(dmse), target)


def catalog_strings() -> list[str]:
    """Return the translatable English strings of this module: the loss titles."""
    return list(LOSS_LABELS.values())
