"""One training step of a small network, written out node by node by the chain rule.

`step(spec)` returns a Trace: the forward values z and a of every unit, the loss, then in
backward order every ∂E/∂a, ∂E/∂z (δ), ∂E/∂W, ∂E/∂b and ∂E/∂x, then the SGD update. Each is a
small record (`Step`) with its formula and the same formula with the numbers plugged in, so the
window can walk the trace both ways. The whole computation is then run again by torch.autograd
on the equivalent nn.Sequential (app/autograd_graph.py) and the two are compared.

Symbols: inputs x₁…, hidden units h₁… (hˡⱼ when there are several hidden layers), outputs o₁…,
targets t₁…, weights w₁… numbered layer by layer in nn.Linear.weight's [out][in] order (Mazur's
numbering), biases b₁… numbered the same way, pre-activations z(h₁), δ(h₁) = ∂E/∂z(h₁).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import torch

from app import activations, autograd_graph
from app.errors import InputError
from app.network import IDENTITY, NetworkSpec

_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

# Step titles: English templates filled by values, translated by the window (catalog_strings).
TITLES = {
    "z": "Forward: pre-activation of {unit}",
    "a": "Forward: activation of {unit}",
    "loss": "Loss",
    "grad_a": "Backward: ∂E/∂{unit}",
    "grad_z": "Backward: δ of {unit}",
    "grad_w": "Backward: gradients of the weights into {unit}",
    "grad_x": "Backward: ∂E/∂{unit} (the input)",
    "update": "SGD update of layer {layer}",
}
# Notes inside formula lines; the window translates them (FORMULA_NOTES), exports keep English.
BIASES_KEPT = "(biases not updated)"
GRAD_ACCUMULATED = "(.grad not zeroed: this step's gradient plus the earlier ones)"
FORMULA_NOTES = (BIASES_KEPT, GRAD_ACCUMULATED)


@dataclass(frozen=True)
class Step:
    """One node of the trace: what is computed, by which formula, with which numbers."""

    phase: str                       # forward | loss | backward | update
    kind: str                        # z | a | loss | grad_a | grad_z | grad_w | grad_x | update
    layer: int                       # 0 = the input, 1… = the Linear layers, L + 1 = the loss
    unit: int                        # the unit in its layer; -1 for a whole layer or the loss
    title_values: Mapping[str, object]
    lines: tuple[tuple[str, str], ...]   # (formula, the same with numbers = result), one or more
    value: float                     # the main result (z, a, E, ∂E/∂a, δ, ∂E/∂b, ∂E/∂x)
    # What the drawing shows once this step is reached: ("a", layer, unit) -> value, ...
    reveals: Mapping[tuple, float] = field(default_factory=dict)
    edges: tuple[tuple[int, int, int], ...] = ()      # (layer, to unit, from unit) it concerns
    graph_tags: tuple[tuple[int, str], ...] = ()      # autograd-graph nodes it corresponds to

    @property
    def title_template(self) -> str:
        return TITLES[self.kind]

    @property
    def title(self) -> str:
        return self.title_template.format(**self.title_values)


@dataclass(frozen=True)
class LayerTrace:
    """One Linear layer and its activation: values, gradients and the updated parameters."""

    weight: np.ndarray
    bias: np.ndarray
    z: np.ndarray
    a: np.ndarray
    grad_a: np.ndarray
    grad_z: np.ndarray
    grad_weight: np.ndarray
    grad_bias: np.ndarray
    new_weight: np.ndarray
    new_bias: np.ndarray


@dataclass(frozen=True)
class Trace:
    spec: NetworkSpec
    input: np.ndarray
    output: np.ndarray
    loss: float
    grad_input: np.ndarray
    layers: tuple[LayerTrace, ...]
    steps: tuple[Step, ...]
    check: autograd_graph.Check
    # The gradients SGD used: this step's, plus those carried over when they were not zeroed.
    used_weight_grads: tuple[np.ndarray, ...]
    used_bias_grads: tuple[np.ndarray, ...]

    def next_spec(self) -> NetworkSpec:
        """The spec after the SGD update."""
        return self.spec.with_parameters([lt.new_weight.tolist() for lt in self.layers],
                                         [lt.new_bias.tolist() for lt in self.layers])

    def to_dict(self) -> dict:
        """The `step --json` record."""
        return {
            "loss": self.loss,
            "output": self.output.tolist(),
            "grad_input": self.grad_input.tolist(),
            "layers": [{"z": lt.z.tolist(), "a": lt.a.tolist(), "weight": lt.weight.tolist(),
                        "bias": lt.bias.tolist(), "grad_weight": lt.grad_weight.tolist(),
                        "grad_bias": lt.grad_bias.tolist(), "new_weight": lt.new_weight.tolist(),
                        "new_bias": lt.new_bias.tolist()} for lt in self.layers],
            "autograd_agrees": self.check.agrees,
        }


# --- names and numbers ---------------------------------------------------------------------------
def fmt(value: float, digits: int = 6) -> str:
    """A number as a formula shows it: 6 significant digits, a true minus sign, never "−0"
    (a ReLU's zero gradient times a negative number is −0.0, which students read as an error)."""
    return f"{value + 0.0:.{digits}g}".replace("-", "−")


def _factor(value: float) -> str:
    """A number inside a product: negatives in parentheses."""
    return f"({fmt(value)})" if value < 0 else fmt(value)


def unit_name(spec: NetworkSpec, layer: int, unit: int) -> str:
    """x₁ for inputs, o₁ for outputs, h₁ (or hˡ₁ with several hidden layers) for hidden units."""
    index = str(unit + 1).translate(_SUB)
    if layer == 0:
        return "x" + index
    if layer == spec.depth:
        return "o" + index
    return "h" + ("" if spec.depth == 2 else str(layer).translate(_SUP)) + index


def weight_name(spec: NetworkSpec, layer: int, j: int, i: int) -> str:
    """w₁, w₂, … counted layer by layer in [out][in] order, as Mazur numbers them."""
    before = sum(spec.layers[k] * spec.layers[k + 1] for k in range(layer - 1))
    return "w" + str(before + j * spec.layers[layer - 1] + i + 1).translate(_SUB)


def bias_name(spec: NetworkSpec, layer: int, j: int) -> str:
    before = sum(spec.layers[1:layer])
    return "b" + str(before + j + 1).translate(_SUB)


def _function_symbol(name: str) -> str:
    return "σ" if name == "sigmoid" else activations.get(name).label


def _derivative_text(name: str, a: str, z: str) -> str:
    """f′(z) as a student writes it, in terms of the output where that is the usual form."""
    if name == "sigmoid":
        return f"{a}(1 − {a})"
    if name == "tanh":
        return f"(1 − {a}²)"
    return f"{_function_symbol(name)}′({z})"


def _derivative_numbers(name: str, a: float, z: float, value: float) -> str:
    if name == "sigmoid":
        return f"{_factor(a)}·(1 − {_factor(a)})"
    if name == "tanh":
        return f"(1 − {_factor(a)}²)"
    return f"{_function_symbol(name)}′({fmt(z)}) = {fmt(value)}" if name != IDENTITY else "1"


def _sum_text(terms: list[str]) -> str:
    return " + ".join(terms) if terms else "0"


# --- the chain rule ------------------------------------------------------------------------------
def _local_derivative(name: str, z: torch.Tensor) -> torch.Tensor:
    """f′(z) of an elementwise activation: the same derivative the Activations panel plots."""
    if name == IDENTITY:
        return torch.ones_like(z)
    z = z.detach().clone().requires_grad_(True)
    (d,) = torch.autograd.grad(activations.apply(name, z).sum(), z)
    return d


def _activate(name: str, z: torch.Tensor) -> torch.Tensor:
    return z.clone() if name == IDENTITY else activations.apply(name, z)


def _loss_and_gradient(loss: str, o: torch.Tensor, t: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """E and ∂E/∂o by hand, for torch's definitions of each loss."""
    n = o.numel()
    if loss == "mse":
        return ((o - t) ** 2).sum() / n, 2 * (o - t) / n
    if loss == "mse_half_sum":
        return 0.5 * ((t - o) ** 2).sum(), o - t
    if loss == "bce":
        if not bool(((o > 0) & (o < 1)).all()):
            raise InputError("the {loss} loss needs outputs strictly between 0 and 1 (a sigmoid output layer), "
                             "got {value}", loss="bce", value=", ".join(fmt(v) for v in o.tolist()))
        return (-(t * torch.log(o) + (1 - t) * torch.log(1 - o))).sum() / n, (o - t) / (o * (1 - o)) / n
    if loss == "cross_entropy":
        log_p = o - torch.logsumexp(o, 0)
        return -(t * log_p).sum(), torch.exp(log_p) * t.sum() - t
    return o.sum(), torch.ones_like(o)


def step(spec: NetworkSpec, carried: tuple[tuple, tuple] | None = None,
         device: torch.device | str = "cpu") -> Trace:
    """The full trace of one training step of `spec`, checked against torch.autograd.

    `carried` = (weight grads, bias grads) left from earlier steps when gradients are not
    zeroed: PyTorch adds the new gradients to them, and SGD then uses the sum.
    """
    device = torch.device(device)
    if device.type == "mps" and spec.dtype == "float64":
        device = torch.device("cpu")   # MPS has no float64; exact teaching numbers win
    dtype = spec.torch_dtype()

    def tensor(values) -> torch.Tensor:
        return torch.tensor(values, dtype=dtype, device=device)

    x = tensor(spec.input)
    t = tensor(spec.target) if spec.target else torch.zeros(spec.layers[-1], dtype=dtype, device=device)
    weights = [tensor(w) for w in spec.weights]
    biases = [tensor(b) for b in spec.biases]

    # Forward: z = W a + b, a = f(z), layer by layer.
    a_values, z_values = [x], []
    for w, b, name in zip(weights, biases, spec.activations):
        z = w @ a_values[-1] + b
        z_values.append(z)
        a_values.append(_activate(name, z))
    loss, grad_a = _loss_and_gradient(spec.loss, a_values[-1], t)
    if not bool(torch.isfinite(loss)):
        raise InputError("the loss is not a finite number ({value}); use smaller weights or inputs",
                         value=fmt(float(loss)))

    # Backward: δ = ∂E/∂a ⊙ f′(z), ∂E/∂W = δ aᵀ, ∂E/∂b = δ, ∂E/∂a(previous) = Wᵀ δ.
    grads_a, grads_z, grads_w = [None] * spec.depth, [None] * spec.depth, [None] * spec.depth
    derivs = [None] * spec.depth
    for k in reversed(range(spec.depth)):
        grads_a[k] = grad_a
        derivs[k] = _local_derivative(spec.activations[k], z_values[k])
        grads_z[k] = grad_a * derivs[k]
        grads_w[k] = torch.outer(grads_z[k], a_values[k])
        grad_a = weights[k].T @ grads_z[k]
    grad_x = grad_a

    carried_w, carried_b = carried if carried is not None else (None, None)
    used_w = [g + tensor(c) if carried_w else g for g, c in zip(grads_w, carried_w or grads_w)]
    used_b = [g + tensor(c) if carried_b else g for g, c in zip(grads_z, carried_b or grads_z)]
    new_w = [w - spec.lr * g for w, g in zip(weights, used_w)]
    new_b = [b - spec.lr * g if spec.update_biases else b.clone() for b, g in zip(biases, used_b)]
    if not all(bool(torch.isfinite(v).all()) for v in [grad_x, *grads_a, *grads_z, *used_w, *new_w, *new_b]):
        # A finite loss can still have overflowing gradients (float32, large weights, deep linear layers).
        raise InputError("the gradients overflow ({dtype} cannot hold them); use smaller weights or inputs",
                         dtype=spec.dtype)

    check = autograd_graph.run(spec, carried, device)
    values = _Values(spec, a_values, z_values, float(loss), grads_a, grads_z, grads_w, derivs, grad_x,
                     used_w, used_b, new_w, new_b, accumulated=carried is not None)
    check = check.compare(values.as_check_dict())

    def np64(v: torch.Tensor) -> np.ndarray:
        return v.detach().to("cpu", torch.float64).numpy()

    layers = tuple(LayerTrace(np64(weights[k]), np64(biases[k]), np64(z_values[k]), np64(a_values[k + 1]),
                              np64(grads_a[k]), np64(grads_z[k]), np64(grads_w[k]), np64(grads_z[k]),
                              np64(new_w[k]), np64(new_b[k])) for k in range(spec.depth))
    return Trace(spec, np64(x), np64(a_values[-1]), float(loss), np64(grad_x), layers, tuple(values.steps()),
                 check, tuple(np64(g) for g in used_w), tuple(np64(g) for g in used_b))


@dataclass
class _Values:
    """The numbers of one step, turned into the trace's records."""

    spec: NetworkSpec
    a: list
    z: list
    loss: float
    grad_a: list
    grad_z: list
    grad_w: list
    deriv: list
    grad_x: torch.Tensor
    used_w: list
    used_b: list
    new_w: list
    new_b: list
    accumulated: bool = False   # SGD uses gradients carried over from earlier steps too

    def as_check_dict(self) -> dict:
        return {"z": self.z, "a": self.a[1:], "loss": self.loss, "grad_a": self.grad_a, "grad_z": self.grad_z,
                "grad_weight": self.used_w, "grad_bias": self.used_b, "grad_input": self.grad_x,
                "new_weight": self.new_w, "new_bias": self.new_b}

    def steps(self) -> list[Step]:
        spec = self.spec
        out: list[Step] = []
        for layer in range(1, spec.depth + 1):
            for j in range(spec.layers[layer]):
                out += [self._z_step(layer, j), self._a_step(layer, j)]
        out.append(self._loss_step())
        for layer in range(spec.depth, 0, -1):
            for j in range(spec.layers[layer]):
                out += [self._grad_a_step(layer, j), self._grad_z_step(layer, j), self._grad_w_step(layer, j)]
        out += [self._grad_x_step(i) for i in range(spec.layers[0])]
        out += [self._update_step(layer) for layer in range(1, spec.depth + 1)]
        return out

    def _v(self, tensors: list, layer_index: int, j: int) -> float:
        return float(tensors[layer_index][j])

    def _z_step(self, layer: int, j: int) -> Step:
        spec, k = self.spec, layer - 1
        unit = unit_name(spec, layer, j)
        w = spec.weights[k][j]
        symbols = [f"{weight_name(spec, layer, j, i)}·{unit_name(spec, layer - 1, i)}" for i in range(len(w))]
        numbers = [f"{_factor(w[i])}·{_factor(float(self.a[k][i]))}" for i in range(len(w))]
        z = self._v(self.z, k, j)
        b = spec.biases[k][j]
        formula = f"z({unit}) = {_sum_text(symbols)} + {bias_name(spec, layer, j)}"
        plugged = f"= {_sum_text(numbers)} + {_factor(b)} = {fmt(z)}"
        return Step("forward", "z", layer, j, {"unit": unit}, ((formula, plugged),), z,
                    {("z", layer, j): z}, tuple((layer, j, i) for i in range(len(w))), ((layer, "linear"),))

    def _a_step(self, layer: int, j: int) -> Step:
        spec, k = self.spec, layer - 1
        unit, name = unit_name(spec, layer, j), spec.activations[k]
        z, a = self._v(self.z, k, j), self._v(self.a, layer, j)
        if name == IDENTITY:
            line = (f"{unit} = z({unit})", f"= {fmt(a)}")
        else:
            f = _function_symbol(name)
            line = (f"{unit} = {f}(z({unit}))", f"= {f}({fmt(z)}) = {fmt(a)}")
        return Step("forward", "a", layer, j, {"unit": unit}, (line,), a, {("a", layer, j): a},
                    (), ((layer, "activation"),))

    def _loss_step(self) -> Step:
        spec = self.spec
        outs = range(spec.layers[-1])
        o = [self._v(self.a, spec.depth, j) for j in outs]
        t = list(spec.target)
        on = [unit_name(spec, spec.depth, j) for j in outs]
        tn = ["t" + str(j + 1).translate(_SUB) for j in outs]
        n = len(o)
        if spec.loss == "mse":
            formula = f"E = 1/{n} [" + " + ".join(f"({a} − {b})²" for a, b in zip(on, tn)) + "]"
            plugged = f"= 1/{n} [" + " + ".join(f"({fmt(a)} − {fmt(b)})²" for a, b in zip(o, t)) + "]"
        elif spec.loss == "mse_half_sum":
            formula = "E = ½ [" + " + ".join(f"({b} − {a})²" for a, b in zip(on, tn)) + "]"
            plugged = "= ½ [" + " + ".join(f"({fmt(b)} − {fmt(a)})²" for a, b in zip(o, t)) + "]"
        elif spec.loss == "bce":
            formula = f"E = −1/{n} [" + " + ".join(f"{b} ln {a} + (1 − {b}) ln(1 − {a})" for a, b in zip(on, tn)) + "]"
            plugged = f"= −1/{n} [" + " + ".join(f"{fmt(b)}·ln {fmt(a)} + {fmt(1 - b)}·ln {fmt(1 - a)}"
                                                for a, b in zip(o, t)) + "]"
        elif spec.loss == "cross_entropy":
            p = torch.softmax(torch.tensor(o, dtype=torch.float64), 0).tolist()
            formula = "E = −[" + " + ".join(f"{b} ln p{b[1:]}" for b in tn) + "],  p = softmax(o)"
            plugged = "= −[" + " + ".join(f"{fmt(b)}·ln {fmt(q)}" for b, q in zip(t, p)) + "]"
        else:
            formula = "E = " + " + ".join(on)
            plugged = "= " + " + ".join(_factor(a) for a in o)
        plugged += f" = {fmt(self.loss)}"
        return Step("loss", "loss", spec.depth + 1, -1, {}, ((formula, plugged),), self.loss,
                    {("loss",): self.loss}, (), ((0, "loss"),))

    def _grad_a_step(self, layer: int, j: int) -> Step:
        spec, k = self.spec, layer - 1
        unit = unit_name(spec, layer, j)
        g = self._v(self.grad_a, k, j)
        if layer == spec.depth:
            o = self._v(self.a, layer, j)
            tj = spec.target[j] if spec.target else 0.0
            tn = "t" + str(j + 1).translate(_SUB)
            n = spec.layers[-1]
            formula, plugged = {
                "mse": (f"∂E/∂{unit} = 2/{n}·({unit} − {tn})", f"= 2/{n}·({fmt(o)} − {fmt(tj)})"),
                "mse_half_sum": (f"∂E/∂{unit} = −({tn} − {unit})", f"= −({fmt(tj)} − {fmt(o)})"),
                "bce": (f"∂E/∂{unit} = 1/{n}·({unit} − {tn}) / ({unit}(1 − {unit}))",
                        f"= 1/{n}·({fmt(o)} − {fmt(tj)}) / ({fmt(o)}·{fmt(1 - o)})"),
                "cross_entropy": (f"∂E/∂{unit} = p{unit[1:]} − {tn}",
                                  f"= {fmt(g + tj)} − {fmt(tj)}"),
                "none": (f"∂E/∂{unit} = 1", "="),
            }[spec.loss]
            tags = ((0, "loss"),)
            edges: tuple = ()
        else:
            above = range(spec.layers[layer + 1])
            formula = f"∂E/∂{unit} = " + _sum_text([f"{weight_name(spec, layer + 1, m, j)}·δ({unit_name(spec, layer + 1, m)})"
                                                    for m in above])
            plugged = "= " + _sum_text([f"{_factor(spec.weights[layer][m][j])}·{_factor(self._v(self.grad_z, layer, m))}"
                                        for m in above])
            tags = ((layer + 1, "linear"),)
            edges = tuple((layer + 1, m, j) for m in above)
        plugged = f"{plugged} {fmt(g)}" if plugged == "=" else f"{plugged} = {fmt(g)}"
        return Step("backward", "grad_a", layer, j, {"unit": unit}, ((formula, plugged),), g,
                    {("grad_a", layer, j): g}, edges, tags)

    def _grad_z_step(self, layer: int, j: int) -> Step:
        spec, k = self.spec, layer - 1
        unit, name = unit_name(spec, layer, j), spec.activations[k]
        g, d = self._v(self.grad_a, k, j), self._v(self.deriv, k, j)
        a, z, delta = self._v(self.a, layer, j), self._v(self.z, k, j), self._v(self.grad_z, k, j)
        if name == IDENTITY:
            line = (f"δ({unit}) = ∂E/∂z({unit}) = ∂E/∂{unit}", f"= {fmt(delta)}")
        else:
            line = (f"δ({unit}) = ∂E/∂z({unit}) = ∂E/∂{unit} · {_derivative_text(name, unit, f'z({unit})')}",
                    f"= {_factor(g)} · {_derivative_numbers(name, a, z, d)} = {fmt(delta)}")
        return Step("backward", "grad_z", layer, j, {"unit": unit}, (line,), delta,
                    {("grad_z", layer, j): delta}, (), ((layer, "activation"),))

    def _grad_w_step(self, layer: int, j: int) -> Step:
        spec, k = self.spec, layer - 1
        unit = unit_name(spec, layer, j)
        delta = self._v(self.grad_z, k, j)
        g, d = self._v(self.grad_a, k, j), self._v(self.deriv, k, j)
        lines, reveals = [], {("grad_b", layer, j): delta}
        for i in range(spec.layers[k]):
            src = unit_name(spec, k, i)
            value = float(self.grad_w[k][j][i])
            a_in = float(self.a[k][i])
            wn = weight_name(spec, layer, j, i)
            if i == 0:   # the chain rule written out once; the unit's other weights reuse its δ
                lines.append((f"∂E/∂{wn} = δ({unit})·{src} = ∂E/∂{unit} · ∂{unit}/∂z({unit}) · {src}",
                              f"= {_factor(g)} · {_factor(d)} · {_factor(a_in)} = {fmt(value)}"))
            else:
                lines.append((f"∂E/∂{wn} = δ({unit})·{src}", f"= {_factor(delta)} · {_factor(a_in)} = {fmt(value)}"))
            reveals[("grad_w", layer, j, i)] = value
        lines.append((f"∂E/∂{bias_name(spec, layer, j)} = δ({unit})", f"= {fmt(delta)}"))
        return Step("backward", "grad_w", layer, j, {"unit": unit}, tuple(lines), delta, reveals,
                    tuple((layer, j, i) for i in range(spec.layers[k])),
                    ((layer, "weight"), (layer, "bias"), (layer, "linear")))

    def _grad_x_step(self, i: int) -> Step:
        spec = self.spec
        unit = unit_name(spec, 0, i)
        g = float(self.grad_x[i])
        above = range(spec.layers[1])
        formula = f"∂E/∂{unit} = " + _sum_text([f"{weight_name(spec, 1, m, i)}·δ({unit_name(spec, 1, m)})"
                                                for m in above])
        plugged = "= " + _sum_text([f"{_factor(spec.weights[0][m][i])}·{_factor(self._v(self.grad_z, 0, m))}"
                                    for m in above]) + f" = {fmt(g)}"
        return Step("backward", "grad_x", 0, i, {"unit": unit}, ((formula, plugged),), g,
                    {("grad_a", 0, i): g}, tuple((1, m, i) for m in above), ((0, "input"),))

    def _update_step(self, layer: int) -> Step:
        spec, k = self.spec, layer - 1
        lines, reveals = [], {}
        # Unzeroed gradients: SGD uses .grad, this step's ∂E/∂w plus those left from earlier steps.
        def grad(name: str) -> str:
            return f"{name}.grad" if self.accumulated else f"∂E/∂{name}"

        for j in range(spec.layers[layer]):
            for i in range(spec.layers[k]):
                wn = weight_name(spec, layer, j, i)
                old, used, new = spec.weights[k][j][i], float(self.used_w[k][j][i]), float(self.new_w[k][j][i])
                note = f"   {GRAD_ACCUMULATED}" if self.accumulated and not lines else ""
                lines.append((f"{wn}⁺ = {wn} − η·{grad(wn)}{note}",
                              f"= {fmt(old)} − {fmt(spec.lr)}·{_factor(used)} = {fmt(new)}"))
                reveals[("new_w", layer, j, i)] = new
        for j in range(spec.layers[layer]):
            bn = bias_name(spec, layer, j)
            old, new = spec.biases[k][j], float(self.new_b[k][j])
            if spec.update_biases:
                lines.append((f"{bn}⁺ = {bn} − η·{grad(bn)}",
                              f"= {fmt(old)} − {fmt(spec.lr)}·{_factor(float(self.used_b[k][j]))} = {fmt(new)}"))
            else:
                lines.append((f"{bn}⁺ = {bn}   {BIASES_KEPT}", f"= {fmt(new)}"))
            reveals[("new_b", layer, j)] = new
        return Step("update", "update", layer, -1, {"layer": layer}, tuple(lines), spec.lr, reveals,
                    tuple((layer, j, i) for j in range(spec.layers[layer]) for i in range(spec.layers[k])),
                    ((layer, "weight"), (layer, "bias")))


def loss_history(spec: NetworkSpec, steps: int) -> list[float]:
    """The loss before each of `steps` SGD steps from `spec` (gradients zeroed each time)."""
    losses = []
    for _ in range(steps):
        trace = step(spec)
        losses.append(trace.loss)
        spec = trace.next_spec()
    return losses


def catalog_strings() -> list[str]:
    """Step titles, translated by the window."""
    return [*TITLES.values(), *FORMULA_NOTES]
