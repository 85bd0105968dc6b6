"""Seeded 2-D datasets for the Training panel: the course's line, blobs and XOR, plus circles,
moons, a spiral and multi-class blobs.

Every generator is a plain function of (n, noise, generator) that uses torch only: the Training
panel's code view prints its source, so the script a student copies makes the very same points.
Classification sets hold 2-D float inputs and integer class labels; the regression line holds
1-D inputs and float targets y = w·x + b + noise.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass

import torch

from app.errors import InputError

REGRESSION, BINARY, MULTICLASS = "regression", "binary", "multiclass"
LINE_W, LINE_B = 2.0, -0.5     # the line the regression data is drawn from (tests recover them)
MAX_NOISE = 1.0
MIN_TEST, MAX_TEST = 0.1, 0.9
MIN_SAMPLES, MAX_SAMPLES = 20, 2000


# --- the generators (their source is shown in the code view: keep them short and self-contained) --
def line(n, noise, g):
    x = torch.rand(n, 1, generator=g) * 2 - 1
    y = 2.0 * x - 0.5 + noise * torch.randn(n, 1, generator=g)
    return x, y


def two_blobs(n, noise, g):
    labels = torch.arange(n) % 2
    centres = torch.tensor([[-1.0, -1.0], [1.0, 1.0]])
    x = centres[labels] + (0.3 + noise) * torch.randn(n, 2, generator=g)
    return x, labels


def xor(n, noise, g):
    x = torch.rand(n, 2, generator=g) * 2 - 1
    x = x + 0.1 * torch.sign(x)   # keep a small gap around the axes
    labels = ((x[:, 0] > 0) != (x[:, 1] > 0)).long()
    x = x + noise * torch.randn(n, 2, generator=g)
    return x, labels


def circles(n, noise, g):
    labels = torch.arange(n) % 2
    radius = torch.where(labels == 0, 0.5, 1.0) * (1 + 0.1 * torch.randn(n, generator=g))
    angle = torch.rand(n, generator=g) * 2 * math.pi
    x = torch.stack([radius * torch.cos(angle), radius * torch.sin(angle)], dim=1)
    x = x + noise * torch.randn(n, 2, generator=g)
    return x, labels


def moons(n, noise, g):
    labels = torch.arange(n) % 2
    t = torch.rand(n, generator=g) * math.pi
    upper = torch.stack([torch.cos(t), torch.sin(t)], dim=1)
    lower = torch.stack([1 - torch.cos(t), 0.5 - torch.sin(t)], dim=1)
    x = torch.where(labels[:, None] == 0, upper, lower) - torch.tensor([0.5, 0.25])
    x = x + noise * torch.randn(n, 2, generator=g)
    return x, labels


def spiral(n, noise, g):
    labels = torch.arange(n) % 2
    t = torch.rand(n, generator=g) * 3 * math.pi + 0.5
    angle = t + math.pi * labels
    x = torch.stack([t * torch.cos(angle), t * torch.sin(angle)], dim=1) / (3 * math.pi)
    x = x + noise * torch.randn(n, 2, generator=g)
    return x, labels


def blobs(n, noise, g):
    labels = torch.arange(n) % 3
    angle = labels * (2 * math.pi / 3)
    centres = torch.stack([torch.cos(angle), torch.sin(angle)], dim=1)
    x = centres + (0.25 + noise) * torch.randn(n, 2, generator=g)
    return x, labels


@dataclass(frozen=True)
class DatasetInfo:
    name: str
    label: str          # English; translated by the panel
    kind: str           # REGRESSION, BINARY or MULTICLASS
    classes: int        # 0 for regression
    make: Callable
    description: str
    default_noise: float = 0.1


CATALOG: dict[str, DatasetInfo] = {d.name: d for d in (
    DatasetInfo("line", "Noisy line (regression)", REGRESSION, 0, line,
                "y = 2x − 0.5 plus Gaussian noise: fit it with linear regression (no hidden layer, MSE).", 0.2),
    DatasetInfo("two_blobs", "Two blobs (logistic regression)", BINARY, 2, two_blobs,
                "Two Gaussian point clouds: one straight line separates them (sigmoid output, BCE).", 0.1),
    DatasetInfo("xor", "XOR", BINARY, 2, xor,
                "Opposite quadrants share a class: no straight line separates them; a hidden layer does.", 0.05),
    DatasetInfo("circles", "Circles", BINARY, 2, circles,
                "A ring around a disc: the boundary must close on itself.", 0.05),
    DatasetInfo("moons", "Moons", BINARY, 2, moons,
                "Two interleaved half circles.", 0.1),
    DatasetInfo("spiral", "Spiral", BINARY, 2, spiral,
                "Two interleaved spiral arms: hard; give the network more neurons and time.", 0.02),
    DatasetInfo("blobs", "Three blobs (multi-class)", MULTICLASS, 3, blobs,
                "Three point clouds, three classes: softmax outputs with cross-entropy.", 0.1),
)}


def get(name: str) -> DatasetInfo:
    if name not in CATALOG:
        raise InputError("unknown dataset '{name}'; choose one of: {names}", name=name, names=", ".join(CATALOG))
    return CATALOG[name]


@dataclass(frozen=True)
class DataConfig:
    """Which dataset, how noisy, how many points, what share is held out for testing, which seed."""

    name: str = "xor"
    noise: float = 0.05
    test_fraction: float = 0.3
    samples: int = 300
    seed: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


def config_from_dict(data: Mapping) -> DataConfig:
    """A checked DataConfig from JSON-like values (a checkpoint, saved settings)."""
    if not isinstance(data, Mapping):
        raise InputError("the dataset settings must be a mapping, got {value}", value=type(data).__name__)
    try:
        config = DataConfig(name=data["name"], noise=data["noise"], test_fraction=data["test_fraction"],
                            samples=data["samples"], seed=data["seed"])
    except KeyError as exc:
        raise InputError("{field} is missing from the dataset settings", field=exc.args[0]) from None
    return check(config)


def check(config: DataConfig) -> DataConfig:
    """`config` if every field is in range, else an InputError naming the field."""
    if not isinstance(config.name, str):
        raise InputError("unknown dataset '{name}'; choose one of: {names}", name=config.name,
                         names=", ".join(CATALOG))
    get(config.name)
    _in_range("noise", config.noise, 0.0, MAX_NOISE)
    _in_range("test fraction", config.test_fraction, MIN_TEST, MAX_TEST)
    if isinstance(config.samples, bool) or not isinstance(config.samples, int) or \
            not MIN_SAMPLES <= config.samples <= MAX_SAMPLES:
        raise InputError("{field} must be an integer between {low} and {high}, got {value}", field="samples",
                         low=MIN_SAMPLES, high=MAX_SAMPLES, value=repr(config.samples))
    if isinstance(config.seed, bool) or not isinstance(config.seed, int) or not 0 <= config.seed < 2**31:
        raise InputError("{field} must be an integer between {low} and {high}, got {value}", field="seed",
                         low=0, high=2**31 - 1, value=repr(config.seed))
    return config


def _in_range(field: str, value: object, low: float, high: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise InputError("{field} must be between {low} and {high}, got {value}", field=field, low=low,
                         high=high, value=repr(value))


@dataclass(frozen=True)
class Dataset:
    """Float inputs; labels are int64 class indices, or float (n, 1) targets for regression."""

    config: DataConfig
    info: DatasetInfo
    x_train: torch.Tensor
    y_train: torch.Tensor
    x_test: torch.Tensor
    y_test: torch.Tensor

    @property
    def inputs(self) -> int:
        return self.x_train.shape[1]

    @property
    def outputs(self) -> int:
        return 1 if self.info.kind in (REGRESSION, BINARY) else self.info.classes

    def bounds(self) -> tuple[float, float, float, float]:
        """(x0, x1, y0, y1) around every point, with a margin: the area the boundary map covers."""
        x = torch.cat([self.x_train, self.x_test])
        if self.info.kind == REGRESSION:
            y = torch.cat([self.y_train, self.y_test])
            x = torch.cat([x, y], dim=1)
        low, high = x.min(dim=0).values, x.max(dim=0).values
        pad = (high - low) * 0.1 + 0.05
        return (float(low[0] - pad[0]), float(high[0] + pad[0]), float(low[1] - pad[1]), float(high[1] + pad[1]))


def make(config: DataConfig) -> Dataset:
    """The dataset `config` describes: the same seed always gives the same points and split."""
    config = check(config)
    info = get(config.name)
    g = torch.Generator().manual_seed(config.seed)
    x, y = info.make(config.samples, config.noise, g)
    order = torch.randperm(config.samples, generator=g)
    n_test = round(config.samples * config.test_fraction)
    test, train = order[:n_test], order[n_test:]
    return Dataset(config, info, x[train], y[train], x[test], y[test])


def generator_source(name: str) -> str:
    """The source of the dataset's generator, for the code view."""
    return inspect.getsource(get(name).make)


def catalog_strings() -> list[str]:
    return [s for d in CATALOG.values() for s in (d.label, d.description)]
