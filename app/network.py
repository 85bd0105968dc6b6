"""The network spec: a small fully connected network with its weights, input and target.

One spec, shared by the Backprop Stepper, the `step` command and (later) the Training panel:
layer sizes, an activation per layer (names from app/activations.py, plus "identity" for a
linear layer), a loss, nn.Linear-shaped weights and biases, one input and its target, a
learning rate and a dtype. `build_module` turns it into the equivalent `nn.Sequential` of
`nn.Linear` and activation modules; `module_code` prints that as Python.

Losses use torch's definitions (mean reduction, as nn.MSELoss / nn.BCELoss / nn.CrossEntropyLoss
default), plus "mse_half_sum", the textbook E = ½ Σ (t − o)² (= nn.MSELoss(reduction="sum") / 2)
that hand-worked examples such as Matt Mazur's use.
"""

from __future__ import annotations

import itertools
import json
import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import torch
from torch import nn

from app import activations
from app.errors import InputError

IDENTITY = "identity"     # a linear layer: a = z (output logits, regression outputs)
MAX_UNITS = 16            # per layer; the panel offers up to 8
MAX_WEIGHT_LAYERS = 6     # Linear layers; the panel offers up to 4
MAX_ABS_VALUE = 1e6       # weights, inputs, targets: teaching numbers, never overflow in float32

LOSSES = ("mse", "mse_half_sum", "bce", "cross_entropy", "none")
DTYPES = {"float64": torch.float64, "float32": torch.float32}

# How each loss reads, in the stepper's own symbols (o = output, t = target, n = outputs).
LOSS_FORMULAS: dict[str, str] = {
    "mse": "E = 1/n Σ (o − t)²   (nn.MSELoss, reduction='mean')",
    "mse_half_sum": "E = ½ Σ (t − o)²   (nn.MSELoss(reduction='sum') / 2)",
    "bce": "E = −1/n Σ [t ln o + (1 − t) ln(1 − o)]   (nn.BCELoss, reduction='mean')",
    "cross_entropy": "E = −Σ t ln softmax(o)   (nn.CrossEntropyLoss, probability targets)",
    "none": "E = Σ o   (no loss: backward() from the sum of the outputs)",
}

LOSS_LABELS: dict[str, str] = {
    "mse": "Mean squared error (mean)",
    "mse_half_sum": "½ Σ squared errors (textbook)",
    "bce": "Binary cross-entropy",
    "cross_entropy": "Cross-entropy (softmax)",
    "none": "None: sum of the outputs",
}

IDENTITY_LABEL = "Identity (linear)"

_REQUIRED = ("layers", "activation", "loss", "input", "lr")


def activation_names() -> list[str]:
    """Every activation a layer may use: the catalog's, then identity."""
    return [*activations.ACTIVATIONS, IDENTITY]


@dataclass(frozen=True)
class NetworkSpec:
    """A fully connected network and one training example. Build it with `NetworkSpec.create`
    or `from_json`, which validate; the raw constructor trusts its arguments."""

    layers: tuple[int, ...]
    activations: tuple[str, ...]
    loss: str
    weights: tuple[tuple[tuple[float, ...], ...], ...]
    biases: tuple[tuple[float, ...], ...]
    input: tuple[float, ...]
    target: tuple[float, ...]
    lr: float
    dtype: str = "float64"
    update_biases: bool = True
    name: str = field(default="", compare=False)

    # --- building and validation ---------------------------------------------------------
    @classmethod
    def create(cls, **fields: object) -> NetworkSpec:
        """A validated spec from JSON-like values (lists, numbers, names)."""
        return from_dict(fields)

    @property
    def depth(self) -> int:
        """The number of Linear layers."""
        return len(self.layers) - 1

    def torch_dtype(self) -> torch.dtype:
        return DTYPES[self.dtype]

    def with_parameters(self, weights: Sequence, biases: Sequence) -> NetworkSpec:
        """The same network with new weights and biases (after an SGD step, say)."""
        return replace(self, weights=_matrices(weights), biases=_vectors(biases))

    def to_dict(self) -> dict:
        acts = self.activations
        record = {
            "layers": list(self.layers),
            "activation": acts[0] if len(set(acts)) == 1 else list(acts),
            "loss": self.loss,
            "weights": [[list(row) for row in w] for w in self.weights],
            "biases": [list(b) for b in self.biases],
            "input": list(self.input),
            "target": list(self.target),
            "lr": self.lr,
            "dtype": self.dtype,
        }
        if not self.update_biases:
            record["update_biases"] = False
        if self.name:
            record["name"] = self.name
        return record

    def to_json(self) -> str:
        """One field a line, each layer's matrix on a line of its own: short enough to edit by hand."""
        lines = []
        for key, value in self.to_dict().items():
            if key in ("weights", "biases"):
                inner = ",\n".join("    " + json.dumps(v, allow_nan=False) for v in value)
                lines.append(f'  "{key}": [\n{inner}\n  ]')
            else:
                lines.append(f"  {json.dumps(key)}: {json.dumps(value, allow_nan=False)}")
        return "{\n" + ",\n".join(lines) + "\n}\n"

    @classmethod
    def from_json(cls, text: str) -> NetworkSpec:
        return from_json(text)


def from_json(text: str) -> NetworkSpec:
    """Parse and validate a spec; bad input raises InputError naming the field."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise InputError("the network spec is not valid JSON: {reason}",
                         reason=str(exc).splitlines()[0] if str(exc) else "") from None
    if not isinstance(data, dict):
        raise InputError("the network spec must be a JSON object {{...}}, got {value}", value=type(data).__name__)
    return from_dict(data)


def from_dict(data: Mapping[str, object]) -> NetworkSpec:
    """Validate JSON-like values into a spec. Weights and biases may be left out when a
    "seed" is given: they are then drawn as nn.Linear draws them."""
    for key in _REQUIRED:
        if key not in data:
            raise InputError("{field} is missing from the network spec", field=key)
    layers = _layer_sizes(data["layers"])
    depth = len(layers) - 1
    acts = _activations(data["activation"], depth)
    loss = _choice("loss", data["loss"], LOSSES)
    dtype = _choice("dtype", data.get("dtype", "float64"), tuple(DTYPES))
    if "weights" not in data or "biases" not in data:
        if "seed" not in data:
            raise InputError("{field} is missing from the network spec", field="weights" if "weights"
                             not in data else "biases")
        weights, biases = random_parameters(layers, _integer("seed", data["seed"], 0, 2**31 - 1))
    else:
        weights = _check_weights(data["weights"], layers)
        biases = _check_biases(data["biases"], layers)
    x = _numbers("input", data["input"], layers[0])
    target = _target(data.get("target"), loss, layers[-1])
    lr = _number("lr", data["lr"])
    if not 0 <= lr <= 100:
        raise InputError("{field} must be between {low} and {high}, got {value}", field="lr", low=0, high=100,
                         value=repr(lr))
    update_biases = data.get("update_biases", True)
    if not isinstance(update_biases, bool):
        raise InputError("{field} must be true or false, got {value}", field="update_biases",
                         value=repr(update_biases))
    name = data.get("name", "")
    return NetworkSpec(layers, acts, loss, weights, biases, x, target, lr, dtype, update_biases,
                       name if isinstance(name, str) else "")


# --- field checks --------------------------------------------------------------------------------
def _number(what: str, value: object) -> float:
    number = activations.parse_number(what, value) if not isinstance(value, str) else None
    if number is None:   # "0.5" in JSON is a typo for 0.5 only sometimes: refuse strings
        raise InputError("{what} must be a number, got {value}", what=what, value=repr(value))
    if abs(number) > MAX_ABS_VALUE:
        raise InputError("{field} must be between {low} and {high}, got {value}", field=what,
                         low=-MAX_ABS_VALUE, high=MAX_ABS_VALUE, value=repr(value))
    return number


def _integer(what: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not low <= value <= high:
        raise InputError("{field} must be an integer between {low} and {high}, got {value}",
                         field=what, low=low, high=high, value=repr(value))
    return int(value)


def _choice(what: str, value: object, choices: Sequence[str]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise InputError("{field} must be one of: {choices}, got {value}", field=what,
                         choices=", ".join(choices), value=repr(value))
    return value


def _layer_sizes(value: object) -> tuple[int, ...]:
    if not isinstance(value, list) or not 2 <= len(value) <= MAX_WEIGHT_LAYERS + 1:
        raise InputError("{field} must list between {low} and {high} layer sizes (input first), got {value}",
                         field="layers", low=2, high=MAX_WEIGHT_LAYERS + 1, value=_short(value))
    return tuple(_integer(f"layers[{i}]", size, 1, MAX_UNITS) for i, size in enumerate(value))


def _activations(value: object, depth: int) -> tuple[str, ...]:
    names = activation_names()
    if isinstance(value, str):
        return (_choice("activation", value, names),) * depth
    if not isinstance(value, list) or len(value) != depth:
        raise InputError("{field} must be one name or a list of {count} names (one per layer), got {value}",
                         field="activation", count=depth, value=_short(value))
    return tuple(_choice(f"activation[{i}]", name, names) for i, name in enumerate(value))


def _numbers(what: str, value: object, count: int) -> tuple[float, ...]:
    if not isinstance(value, list) or len(value) != count:
        raise InputError("{field} must be a list of {count} numbers, got {value}", field=what, count=count,
                         value=_short(value))
    return tuple(_number(f"{what}[{i}]", v) for i, v in enumerate(value))


def _check_weights(value: object, layers: tuple[int, ...]) -> tuple:
    depth = len(layers) - 1
    if not isinstance(value, list) or len(value) != depth:
        raise InputError("{field} must be a list of {count} matrices (one per layer), got {value}",
                         field="weights", count=depth, value=_short(value))
    out = []
    for k, matrix in enumerate(value):
        rows, cols = layers[k + 1], layers[k]
        if not isinstance(matrix, list) or len(matrix) != rows:
            raise InputError("{field} must have {rows} rows of {cols} numbers ([out][in], like nn.Linear.weight), "
                             "got {value}", field=f"weights[{k}]", rows=rows, cols=cols, value=_short(matrix))
        out.append(tuple(_numbers(f"weights[{k}][{j}]", row, cols) for j, row in enumerate(matrix)))
    return tuple(out)


def _check_biases(value: object, layers: tuple[int, ...]) -> tuple:
    depth = len(layers) - 1
    if not isinstance(value, list) or len(value) != depth:
        raise InputError("{field} must be a list of {count} vectors (one per layer), got {value}",
                         field="biases", count=depth, value=_short(value))
    return tuple(_numbers(f"biases[{k}]", b, layers[k + 1]) for k, b in enumerate(value))


def _target(value: object, loss: str, outputs: int) -> tuple[float, ...]:
    if loss == "none":   # backward starts from the sum of the outputs; a target is not used
        return ()
    if value is None:
        raise InputError("{field} is missing from the network spec", field="target")
    if loss == "cross_entropy" and isinstance(value, numbers.Integral) and not isinstance(value, bool):
        index = _integer("target", value, 0, outputs - 1)   # a class index: its one-hot vector
        return tuple(1.0 if j == index else 0.0 for j in range(outputs))
    target = _numbers("target", value, outputs)
    if loss in ("bce", "cross_entropy") and not all(0 <= t <= 1 for t in target):
        raise InputError("{field} must hold numbers between 0 and 1 for the {loss} loss, got {value}",
                         field="target", loss=loss, value=_short(value))
    if loss == "cross_entropy" and abs(sum(target) - 1) > 1e-6:
        raise InputError("{field} must be class probabilities that sum to 1 (or a class index), got {value}",
                         field="target", value=_short(value))
    return target


def _short(value: object) -> str:
    text = json.dumps(value) if isinstance(value, (list, dict, int, float, str, bool, type(None))) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _matrices(weights: Sequence) -> tuple:
    return tuple(tuple(tuple(float(v) for v in row) for row in w) for w in weights)


def _vectors(biases: Sequence) -> tuple:
    return tuple(tuple(float(v) for v in b) for b in biases)


# --- weights and modules -------------------------------------------------------------------------
def random_parameters(layers: Sequence[int], seed: int, decimals: int | None = 2) -> tuple[tuple, tuple]:
    """Weights and biases drawn as nn.Linear initialises them, U(−1/√in, 1/√in), from `seed`.

    Rounded to `decimals` places by default: formulas with 0.42 read better on a projector
    than 0.41873016, and the network is just as good for stepping through.
    """
    generator = torch.Generator().manual_seed(seed)
    weights, biases = [], []
    for fan_in, fan_out in itertools.pairwise(layers):
        bound = 1 / math.sqrt(fan_in)
        w = (torch.rand(fan_out, fan_in, generator=generator, dtype=torch.float64) * 2 - 1) * bound
        b = (torch.rand(fan_out, generator=generator, dtype=torch.float64) * 2 - 1) * bound
        if decimals is not None:   # + 0.0 turns a rounded −0.0 into 0.0
            w, b = w.round(decimals=decimals) + 0.0, b.round(decimals=decimals) + 0.0
        weights.append(w.tolist())
        biases.append(b.tolist())
    return _matrices(weights), _vectors(biases)


def activation_module(name: str) -> nn.Module:
    """The nn module of a catalog activation (its class shares the catalog label) or nn.Identity."""
    if name == IDENTITY:
        return nn.Identity()
    return getattr(nn, activations.get(name).label)()


def build_module(spec: NetworkSpec, device: torch.device | str = "cpu") -> nn.Sequential:
    """The equivalent nn.Sequential of nn.Linear and activation modules, holding the spec's weights."""
    dtype = spec.torch_dtype()
    modules: list[nn.Module] = []
    for k, (w, b) in enumerate(zip(spec.weights, spec.biases)):
        linear = nn.Linear(spec.layers[k], spec.layers[k + 1], dtype=dtype, device=device)
        with torch.no_grad():
            linear.weight.copy_(torch.tensor(w, dtype=dtype))
            linear.bias.copy_(torch.tensor(b, dtype=dtype))
        modules += [linear, activation_module(spec.activations[k])]
    return nn.Sequential(*modules)


def module_code(spec: NetworkSpec) -> str:
    """The nn.Sequential that `build_module` makes, as Python source."""
    lines = ["model = nn.Sequential("]
    for k in range(spec.depth):
        act = activation_module(spec.activations[k])
        lines.append(f"    nn.Linear({spec.layers[k]}, {spec.layers[k + 1]}),")
        lines.append(f"    nn.{type(act).__name__}(),")
    lines.append(")")
    return "\n".join(lines)


def module_class_code(spec: NetworkSpec, class_name: str = "Net") -> str:
    """The same network as an nn.Module subclass with its forward() written out, as Python source."""
    lines = [f"class {class_name}(nn.Module):", "    def __init__(self):", "        super().__init__()"]
    for k in range(spec.depth):
        lines.append(f"        self.fc{k + 1} = nn.Linear({spec.layers[k]}, {spec.layers[k + 1]})")
        act = activation_module(spec.activations[k])
        if spec.activations[k] != IDENTITY:
            lines.append(f"        self.act{k + 1} = nn.{type(act).__name__}()")
    lines += ["", "    def forward(self, x):"]
    for k in range(spec.depth):
        call = f"self.fc{k + 1}(x)"
        if spec.activations[k] != IDENTITY:
            call = f"self.act{k + 1}({call})"
        lines.append(f"        x = {call}")
    lines.append("        return x")
    return "\n".join(lines)


def parameters_from_module(spec: NetworkSpec, model: nn.Sequential) -> NetworkSpec:
    """The spec with the weights and biases a model built by `build_module` holds now (after training)."""
    linears = [model[2 * k] for k in range(spec.depth)]
    return spec.with_parameters([m.weight.detach().cpu().double().tolist() for m in linears],
                                [m.bias.detach().cpu().double().tolist() for m in linears])


def loss_value(spec_loss: str, output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """The loss of one output (shape (n,) or a batch of one (1, n)) against its target, by torch."""
    import torch.nn.functional as F

    if spec_loss == "mse":
        return F.mse_loss(output, target)
    if spec_loss == "mse_half_sum":
        return 0.5 * F.mse_loss(output, target, reduction="sum")
    if spec_loss == "bce":
        return F.binary_cross_entropy(output, target)
    if spec_loss == "cross_entropy":   # one sample: a batch of 1, probability targets
        if output.dim() == 1:
            output, target = output.unsqueeze(0), target.unsqueeze(0)
        return F.cross_entropy(output, target)
    return output.sum()


# --- presets -------------------------------------------------------------------------------------
# Matt Mazur, "A Step by Step Backpropagation Example" (2015): the 2-2-2 sigmoid network worked
# by hand. His error is E = Σ ½(target − out)²; he does not update the biases.
MAZUR = NetworkSpec(
    layers=(2, 2, 2), activations=("sigmoid", "sigmoid"), loss="mse_half_sum",
    weights=(((0.15, 0.20), (0.25, 0.30)), ((0.40, 0.45), (0.50, 0.55))),
    biases=((0.35, 0.35), (0.60, 0.60)),
    input=(0.05, 0.10), target=(0.01, 0.99), lr=0.5, dtype="float64", update_biases=False,
    name="Worked example: Mazur 2-2-2",
)


@dataclass(frozen=True)
class Preset:
    key: str
    label: str       # English; translated by the panel
    layers: tuple[int, ...]
    activations: tuple[str, ...]
    loss: str
    input: tuple[float, ...]
    target: tuple[float, ...]
    lr: float = 0.5


PRESETS: dict[str, Preset] = {p.key: p for p in (
    Preset("perceptron", "Single-layer perceptron (3 → 1)", (3, 1), ("sigmoid",), "bce",
           (1.0, 0.5, -1.0), (1.0,)),
    Preset("multi_output", "Multi-output perceptron (3 → 3, softmax)", (3, 3), (IDENTITY,), "cross_entropy",
           (1.0, 0.5, -1.0), (0.0, 1.0, 0.0)),
    Preset("mlp", "MLP (2 → 3 → 2, tanh)", (2, 3, 2), ("tanh", "sigmoid"), "mse",
           (0.5, -0.3), (1.0, 0.0)),
)}
MAZUR_KEY = "mazur"
MAZUR_LABEL = "Worked example: Mazur 2-2-2"


def preset_spec(key: str, seed: int = 0) -> NetworkSpec:
    """A preset's network; random presets draw their weights from `seed`."""
    if key == MAZUR_KEY:
        return MAZUR
    preset = PRESETS.get(key)
    if preset is None:
        raise InputError("{field} must be one of: {choices}, got {value}", field="preset",
                         choices=", ".join([MAZUR_KEY, *PRESETS]), value=repr(key))
    weights, biases = random_parameters(preset.layers, seed)
    return NetworkSpec(preset.layers, preset.activations, preset.loss, weights, biases, preset.input,
                       preset.target, preset.lr)


def catalog_strings() -> list[str]:
    """The spec's translatable names: losses, presets, identity."""
    return [*LOSS_LABELS.values(), *LOSS_FORMULAS.values(), IDENTITY_LABEL, MAZUR_LABEL,
            *(p.label for p in PRESETS.values())]
