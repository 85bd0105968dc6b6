"""The optimizer catalog: every torch.optim optimizer that makes sense on a few parameters.

Each entry knows its torch.optim class and its hyperparameters (name, torch's own default read
from the class's signature, a valid range, kind), validates values, and builds the optimizer
for any list of parameters: the Optimizer Arena steps one (2,) point with it, the Training panel
a network's weights, the basins runner an (N, 2) tensor of start points.
"""

from __future__ import annotations

import inspect
import math
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import torch

from app.errors import InputError

FLOAT, BOOL, TUPLE, INT = "float", "bool", "tuple", "int"


@dataclass(frozen=True)
class Hyper:
    """One keyword argument of an optimizer: its range, kind and a sentence for students.

    `minimum`/`maximum` bound what is accepted (inclusive unless `open_low`); `log` says the
    value spans decades (a learning rate), so a control should step it on a log scale.
    """

    name: str
    label: str
    kind: str
    minimum: float | None = None
    maximum: float | None = None
    open_low: bool = False
    log: bool = False
    help: str = ""


@dataclass(frozen=True)
class OptimizerSpec:
    name: str
    label: str
    cls: type[torch.optim.Optimizer]
    hypers: tuple[Hyper, ...]
    description: str
    needs_closure: bool = False   # L-BFGS re-evaluates the loss inside step()

    def defaults(self) -> dict[str, object]:
        """torch.optim's own defaults for every listed hyperparameter (from the signature)."""
        signature = inspect.signature(self.cls.__init__).parameters
        return {h.name: signature[h.name].default for h in self.hypers}

    def hyper(self, name: str) -> Hyper:
        for h in self.hypers:
            if h.name == name:
                return h
        raise InputError("{optimizer} has no hyperparameter '{name}'; it has: {names}",
                         optimizer=self.label, name=name, names=", ".join(h.name for h in self.hypers))

    def settings(self, values: Mapping[str, object] | None = None) -> dict[str, object]:
        """Defaults overridden by `values`, each checked; raises InputError for a bad one."""
        merged = self.defaults()
        for name, value in (values or {}).items():
            merged[name] = check_value(self, self.hyper(name), value)
        if self.name == "sgd" and merged["nesterov"] and (merged["momentum"] <= 0 or merged["dampening"] != 0):
            raise InputError("Nesterov momentum needs momentum > 0 and dampening = 0")
        return merged

    def build(self, params: Iterable[torch.Tensor], values: Mapping[str, object] | None = None,
              **torch_options) -> torch.optim.Optimizer:
        """An optimizer over `params` with checked hyperparameters; `torch_options` (foreach,
        fused, capturable, ...) go to torch unchecked, for runners that need them."""
        return self.cls(params, **self.settings(values), **torch_options)


def check_value(spec: OptimizerSpec, hyper: Hyper, value: object) -> object:
    """`value` converted to the hyperparameter's kind, or an InputError saying what is allowed."""
    if hyper.kind == BOOL:
        if isinstance(value, bool):
            return value
        raise InputError("{name} of {optimizer} must be true or false", name=hyper.name, optimizer=spec.label)
    if hyper.kind == TUPLE:
        if isinstance(value, str):
            value = value.replace(" ", "").split(",")
        try:
            items = tuple(float(v) for v in value)   # type: ignore[union-attr]
        except (TypeError, ValueError):
            items = ()
        if len(items) != 2:
            raise InputError("{name} of {optimizer} must be two numbers A,B", name=hyper.name, optimizer=spec.label)
        for item in items:
            _check_range(spec, hyper, item)
        return items
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, str)):
        raise InputError("{name} of {optimizer} must be a number", name=hyper.name, optimizer=spec.label)
    try:
        number = float(value)
    except ValueError:
        raise InputError("{name} of {optimizer} must be a number, got '{value}'",
                         name=hyper.name, optimizer=spec.label, value=value) from None
    _check_range(spec, hyper, number)
    if hyper.kind == INT:
        if number != int(number):
            raise InputError("{name} of {optimizer} must be a whole number", name=hyper.name, optimizer=spec.label)
        return int(number)
    return number


def _check_range(spec: OptimizerSpec, hyper: Hyper, number: float) -> None:
    low, high = hyper.minimum, hyper.maximum
    too_low = low is not None and (number <= low if hyper.open_low else number < low)
    too_high = high is not None and number > high
    if not math.isfinite(number) or too_low or too_high:
        left = "(" if hyper.open_low else "["
        raise InputError("{name} of {optimizer} must be in {interval}, got {value:g}", name=hyper.name,
                         optimizer=spec.label, interval=f"{left}{low:g}, {high:g}]", value=number)


# Shared hyperparameters. Ranges are what torch accepts and a 2-D demo can use.
def _lr(maximum: float = 10.0) -> Hyper:
    return Hyper("lr", "learning rate", FLOAT, 0.0, maximum, open_low=True, log=True,
                 help="How far each step moves along the update direction.")


_WEIGHT_DECAY = Hyper("weight_decay", "weight decay", FLOAT, 0.0, 10.0,
                      help="Adds weight_decay · θ to the gradient: pulls the point toward the origin.")
_EPS = Hyper("eps", "epsilon", FLOAT, 0.0, 1.0, log=True,
             help="Added to the denominator so a tiny second moment cannot divide by zero.")
_BETAS = Hyper("betas", "betas (β₁, β₂)", TUPLE, 0.0, 0.999999,
               help="Decay rates of the running averages of the gradient (β₁) and of its square (β₂).")
_AMSGRAD = Hyper("amsgrad", "AMSGrad", BOOL,
                 help="Divide by the largest second moment seen so far, so steps never grow back.")
_DECOUPLED = Hyper("decoupled_weight_decay", "decoupled weight decay", BOOL,
                   help="Shrink θ directly (as AdamW does) instead of adding the decay to the gradient.")
_MOMENTUM = Hyper("momentum", "momentum", FLOAT, 0.0, 0.999,
                  help="Keeps a running velocity: each step adds this fraction of the previous one.")

_CATALOG = (
    OptimizerSpec(
        "sgd", "SGD", torch.optim.SGD,
        (_lr(), _MOMENTUM,
         Hyper("dampening", "dampening", FLOAT, 0.0, 1.0,
               help="Scales down the new gradient's share of the velocity: (1 − dampening) · g."),
         _WEIGHT_DECAY,
         Hyper("nesterov", "Nesterov", BOOL,
               help="Look ahead: take the gradient step from where momentum is about to carry the point.")),
        "θ ← θ − lr · g. With momentum, a velocity v ← μ·v + g carries the point along valleys "
        "and through small bumps; without it, SGD zig-zags across narrow valleys.",
    ),
    OptimizerSpec(
        "adagrad", "Adagrad", torch.optim.Adagrad,
        (_lr(), Hyper("lr_decay", "learning-rate decay", FLOAT, 0.0, 1.0),
         _WEIGHT_DECAY,
         Hyper("initial_accumulator_value", "initial accumulator", FLOAT, 0.0, 10.0), _EPS),
        "Divides each coordinate's step by the root of the sum of all its squared gradients: "
        "steep directions slow down for good, and steps shrink as the sum grows.",
    ),
    OptimizerSpec(
        "rmsprop", "RMSprop", torch.optim.RMSprop,
        (_lr(), Hyper("alpha", "alpha (smoothing)", FLOAT, 0.0, 0.999999,
                      help="Decay rate of the running average of squared gradients."),
         _EPS, _WEIGHT_DECAY, _MOMENTUM,
         Hyper("centered", "centered", BOOL, help="Divide by the gradient's variance instead of its second moment.")),
        "Like Adagrad, but with a running average of squared gradients, so old steep slopes are "
        "forgotten and the step size recovers.",
    ),
    OptimizerSpec(
        "adadelta", "Adadelta", torch.optim.Adadelta,
        (_lr(), Hyper("rho", "rho", FLOAT, 0.0, 1.0, help="Decay rate of both running averages."),
         _EPS, _WEIGHT_DECAY),
        "Scales each step by the ratio of the running RMS of past updates to that of gradients: "
        "the units work out without a hand-tuned learning rate.",
    ),
    OptimizerSpec(
        "adam", "Adam", torch.optim.Adam,
        (_lr(), _BETAS, _EPS, _WEIGHT_DECAY, _AMSGRAD),
        "Momentum (a running mean of the gradient, m) divided by the root of a running mean of its "
        "square (v): each coordinate's step is about lr whatever the slope's steepness.",
    ),
    OptimizerSpec(
        "adamw", "AdamW", torch.optim.AdamW,
        (_lr(), _BETAS, _EPS, _WEIGHT_DECAY, _AMSGRAD),
        "Adam with decoupled weight decay: θ shrinks by lr · weight_decay · θ each step, "
        "apart from the adaptive gradient step.",
    ),
    OptimizerSpec(
        "adamax", "Adamax", torch.optim.Adamax,
        (_lr(), _BETAS, _EPS, _WEIGHT_DECAY),
        "Adam with the infinity norm: divides by a running maximum of |g| instead of the root "
        "of a mean square.",
    ),
    OptimizerSpec(
        "nadam", "NAdam", torch.optim.NAdam,
        (_lr(), _BETAS, _EPS, _WEIGHT_DECAY,
         Hyper("momentum_decay", "momentum decay", FLOAT, 0.0, 1.0), _DECOUPLED),
        "Adam with Nesterov momentum: the first moment looks one step ahead.",
    ),
    OptimizerSpec(
        "radam", "RAdam", torch.optim.RAdam,
        (_lr(), _BETAS, _EPS, _WEIGHT_DECAY, _DECOUPLED),
        "Rectified Adam: takes plain momentum steps until the second-moment estimate is "
        "reliable, then Adam steps scaled by a variance correction.",
    ),
    OptimizerSpec(
        "lbfgs", "L-BFGS", torch.optim.LBFGS,
        (_lr(), Hyper("max_iter", "iterations per step", INT, 1, 100),
         Hyper("history_size", "history size", INT, 1, 100)),
        "A quasi-Newton method: builds a curvature estimate from recent gradients. One .step() runs "
        "up to max_iter inner iterations, each re-evaluating the loss, with line search off (torch's "
        "default), so one step can jump far: on a saddle a run can leave the view in its first step.",
        needs_closure=True,
    ),
)

OPTIMIZERS: dict[str, OptimizerSpec] = {spec.name: spec for spec in _CATALOG}


def get(name: str) -> OptimizerSpec:
    """The catalog entry `name` (case and '-'/'_' ignored), or an InputError listing the names."""
    key = name.strip().lower().replace("-", "").replace("_", "")
    if key not in OPTIMIZERS:
        raise InputError("unknown optimizer '{name}'; choose one of: {names}", name=name,
                         names=", ".join(OPTIMIZERS))
    return OPTIMIZERS[key]


def catalog_strings() -> list[str]:
    """The translatable English strings of the catalog, each once."""
    strings: list[str] = []
    for spec in OPTIMIZERS.values():
        strings += [spec.label, spec.description]
        for hyper in spec.hypers:
            strings += [hyper.label, hyper.help]
    return [s for s in dict.fromkeys(strings) if s]
