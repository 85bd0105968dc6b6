"""Training a small network on a 2-D dataset, as the course does, one batch or one epoch at a time.

A `TrainConfig` (dataset settings, hidden layers, activation, loss, optimizer, learning rate, batch
size) gives a `Trainer`: the seeded data, the model (an nn.Sequential of the Backprop Stepper's
spec), the optimizer from the one catalog in app/optimizers.py, and the shuffling generator.
`train()` is the generator the panel runs off the GUI thread: one record per epoch, until
cancelled. Everything the loop draws from is seeded, so a run is repeatable exactly, and a
checkpoint (app/checkpoints.py) holds what is needed to resume it exactly.
"""

from __future__ import annotations

import copy
import math
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from app import datasets, decision_map, network, optimizers
from app.errors import InputError
from app.threads import single_threaded

MAX_HIDDEN_LAYERS = 3     # + the output layer: 4 Linear layers, what the Stepper draws
MAX_NEURONS = 8           # per hidden layer: what the Stepper draws
MAX_BATCH = 2000
HIDDEN_ACTIVATIONS = ("tanh", "relu", "sigmoid", "identity")
LOSS_NAMES = ("mse", "bce", "cross_entropy")

# Which losses fit which kind of data, the first being the default; each loss fixes the output.
LOSSES_FOR = {datasets.REGRESSION: ("mse",), datasets.BINARY: ("bce", "mse"),
              datasets.MULTICLASS: ("cross_entropy",)}
OUTPUT_FOR = {(datasets.REGRESSION, "mse"): network.IDENTITY, (datasets.BINARY, "bce"): "sigmoid",
              (datasets.BINARY, "mse"): "sigmoid", (datasets.MULTICLASS, "cross_entropy"): network.IDENTITY}
LOSS_MODULES = {"mse": "nn.MSELoss()", "bce": "nn.BCELoss()", "cross_entropy": "nn.CrossEntropyLoss()"}


@dataclass(frozen=True)
class TrainConfig:
    data: datasets.DataConfig = field(default_factory=datasets.DataConfig)
    hidden: tuple[int, ...] = (4, 4)
    activation: str = "tanh"
    loss: str = "bce"
    optimizer: str = "sgd"
    lr: float = 0.3
    batch_size: int = 10

    @property
    def seed(self) -> int:
        return self.data.seed

    def to_dict(self) -> dict:
        return {"hidden": list(self.hidden), "activation": self.activation, "loss": self.loss,
                "optimizer": self.optimizer, "lr": self.lr, "batch_size": self.batch_size}


def default_loss(dataset_name: str) -> str:
    return LOSSES_FOR[datasets.get(dataset_name).kind][0]


def check(config: TrainConfig) -> TrainConfig:
    """`config` if it describes a network this panel can train, else an InputError saying why."""
    datasets.check(config.data)
    kind = datasets.get(config.data.name).kind
    hidden = config.hidden
    if not isinstance(hidden, tuple) or len(hidden) > MAX_HIDDEN_LAYERS or any(
            isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_NEURONS for n in hidden):
        raise InputError("hidden layers: give up to {layers} sizes of 1 to {neurons} neurons, got {value}",
                         layers=MAX_HIDDEN_LAYERS, neurons=MAX_NEURONS, value=repr(list(hidden)))
    if config.activation not in HIDDEN_ACTIVATIONS:
        raise InputError("{field} must be one of: {choices}, got {value}", field="activation",
                         choices=", ".join(HIDDEN_ACTIVATIONS), value=repr(config.activation))
    if config.loss not in LOSSES_FOR[kind]:
        raise InputError("the {loss} loss does not fit the {dataset} data; use: {choices}", loss=config.loss,
                         dataset=config.data.name, choices=", ".join(LOSSES_FOR[kind]))
    spec = optimizers.get(config.optimizer)
    spec.settings({"lr": config.lr})
    if isinstance(config.batch_size, bool) or not isinstance(config.batch_size, int) or \
            not 1 <= config.batch_size <= MAX_BATCH:
        raise InputError("{field} must be an integer between {low} and {high}, got {value}", field="batch size",
                         low=1, high=MAX_BATCH, value=repr(config.batch_size))
    return replace(config, optimizer=spec.name)


def layer_sizes(config: TrainConfig, dataset: datasets.Dataset) -> tuple[int, ...]:
    return (dataset.inputs, *config.hidden, dataset.outputs)


def activations_of(config: TrainConfig) -> tuple[str, ...]:
    """One activation per Linear layer: the hidden one, then the output the loss needs."""
    kind = datasets.get(config.data.name).kind
    return (config.activation,) * len(config.hidden) + (OUTPUT_FOR[(kind, config.loss)],)


def make_model(config: TrainConfig, dataset: datasets.Dataset) -> nn.Sequential:
    """The nn.Sequential a student writes after `torch.manual_seed(seed)`, drawn as they would draw
    it (nn.Linear's own initialisation), without disturbing the global generator of the app."""
    sizes, acts = layer_sizes(config, dataset), activations_of(config)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(config.seed)
        modules: list[nn.Module] = []
        for k, act in enumerate(acts):
            modules += [nn.Linear(sizes[k], sizes[k + 1]), network.activation_module(act)]
    return nn.Sequential(*modules)


def loss_function(name: str) -> Callable[[torch.Tensor, torch.Tensor], torch.Tensor]:
    return {"mse": F.mse_loss, "bce": F.binary_cross_entropy, "cross_entropy": F.cross_entropy}[name]


def targets(dataset: datasets.Dataset, labels: torch.Tensor, loss: str) -> torch.Tensor:
    """Labels as the loss wants them: class indices for cross-entropy, float columns otherwise."""
    if loss == "cross_entropy":
        return labels.long()
    return labels.float().reshape(-1, 1)


@dataclass(frozen=True)
class Metrics:
    train_loss: float
    test_loss: float
    accuracy: float | None          # on the test set; None for regression
    train_accuracy: float | None


@dataclass(frozen=True)
class Record:
    """What one epoch (or one batch) of training left behind, for the window and the command line."""

    epoch: int                      # epochs completed
    batch: int                      # batches done in the current epoch (0 at an epoch's end)
    batches: int                    # batches per epoch
    metrics: Metrics
    batch_loss: float | None        # the loss of the batch just stepped (None for an epoch record)
    spec: network.NetworkSpec       # the network now, with the first training point as its input
    optimizer: str
    lr: float
    batch_size: int
    boundary: decision_map.BoundaryMap | None = None
    diverged: bool = False
    saturated: int = 0              # training points whose sigmoid output is exactly 0 or 1 (see saturated())

    @property
    def epoch_done(self) -> bool:
        return self.batch == 0


class Trainer:
    """A model, its data and optimizer, and where the loop stands. Not thread-safe by itself: the
    panel's worker holds `lock` around each epoch, and the window takes it before touching one."""

    def __init__(self, config: TrainConfig, device: torch.device | str = "cpu") -> None:
        self.config = check(config)
        self.device = torch.device(device)
        self.dataset = datasets.make(self.config.data)
        self.loss_fn = loss_function(self.config.loss)
        d = self.dataset
        self.x_train, self.x_test = d.x_train.to(self.device), d.x_test.to(self.device)
        self.y_train = targets(d, d.y_train, self.config.loss).to(self.device)
        self.y_test = targets(d, d.y_test, self.config.loss).to(self.device)
        self.model = make_model(self.config, d).to(self.device)
        self.optimizer = self._build_optimizer(self.config.optimizer, self.config.lr)
        self.shuffle = torch.Generator().manual_seed(self.config.seed)
        self.order: torch.Tensor | None = None   # this epoch's shuffled indices, drawn at its first batch
        self.batch = 0
        self.epoch = 0
        self.history: list[dict] = []
        self.pending: dict = {}                  # optimizer, lr, batch size: taken at the next epoch
        self.diverged = False                    # the last step was undone: its loss was not finite
        self.lock = threading.RLock()

    # --- settings that apply from the next epoch ----------------------------------------------------
    def _build_optimizer(self, name: str, lr: float) -> torch.optim.Optimizer:
        return optimizers.get(name).build(self.model.parameters(), {"lr": lr})

    def request(self, optimizer: str | None = None, lr: float | None = None, batch_size: int | None = None) -> None:
        """Ask for a new optimizer, rate or batch size; they apply when the next epoch starts
        (as TensorFlow Playground does), so an epoch never mixes two settings."""
        wanted = replace(self.config, optimizer=optimizer or self.config.optimizer,
                         lr=self.config.lr if lr is None else lr,
                         batch_size=self.config.batch_size if batch_size is None else batch_size)
        check(wanted)   # refuse now, where the user typed it
        self.pending = {"optimizer": wanted.optimizer, "lr": wanted.lr, "batch_size": wanted.batch_size}
        if self.batch == 0:
            self._apply_pending()

    def _apply_pending(self) -> None:
        if not self.pending:
            return
        wanted = replace(self.config, **self.pending)
        self.pending = {}
        if wanted.optimizer != self.config.optimizer:
            self.optimizer = self._build_optimizer(wanted.optimizer, wanted.lr)   # a new one: fresh state
        elif wanted.lr != self.config.lr:
            for group in self.optimizer.param_groups:
                group["lr"] = wanted.lr
        self.config = wanted

    # --- the loop --------------------------------------------------------------------------------
    @property
    def batches_per_epoch(self) -> int:
        return math.ceil(len(self.x_train) / self.config.batch_size)

    @single_threaded()   # tiny tensors: a second thread costs more than it gives (app/threads.py)
    def step_batch(self) -> float:
        """One optimizer step on the next mini-batch; returns its loss (before the step). A step
        that makes the loss or a weight NaN or infinite is undone and sets `diverged`."""
        saved = self._snapshot()
        loss = self._step()
        if not math.isfinite(loss) or not self._finite():
            self._restore(saved)
        return loss

    def _step(self) -> float:
        if self.batch == 0:
            self._apply_pending()
            self.order = torch.randperm(len(self.x_train), generator=self.shuffle)
        size = self.config.batch_size
        index = self.order[self.batch * size:(self.batch + 1) * size].to(self.device)
        xb, yb = self.x_train[index], self.y_train[index]

        def closure() -> torch.Tensor:
            self.optimizer.zero_grad()
            loss = self.loss_fn(self.model(xb), yb)
            loss.backward()
            return loss

        self.model.train()
        if optimizers.get(self.config.optimizer).needs_closure:
            loss = self.optimizer.step(closure)
        else:
            loss = closure()
            self.optimizer.step()
        self.batch += 1
        if self.batch >= self.batches_per_epoch:
            self.batch, self.order = 0, None
            self.epoch += 1
            self.history.append({"epoch": self.epoch, **_metrics_dict(self.evaluate())})
        return float(loss.detach())

    @single_threaded()
    def run_epoch(self) -> bool:
        """The rest of the current epoch (all of it when at its start). An epoch after which the
        loss is NaN or infinite is undone: the run keeps its last finite point, `diverged` is set
        and False returned."""
        saved = self._snapshot()
        self._step()
        while self.batch != 0:
            self._step()
        last = self.history[-1]
        if not (math.isfinite(last["train_loss"]) and math.isfinite(last["test_loss"]) and self._finite()):
            self._restore(saved)
            return False
        return True

    # --- divergence: keep the last finite point --------------------------------------------------
    def _snapshot(self) -> dict:
        return {"model": copy.deepcopy(self.model.state_dict()), "optimizer": copy.deepcopy(self.optimizer.state_dict()),
                "optimizer_object": self.optimizer, "config": self.config, "pending": dict(self.pending),
                "rng": self.shuffle.get_state(), "order": self.order, "batch": self.batch, "epoch": self.epoch,
                "history": len(self.history)}

    def _restore(self, saved: dict) -> None:
        self.model.load_state_dict(saved["model"])
        self.optimizer = saved["optimizer_object"]
        self.optimizer.load_state_dict(saved["optimizer"])
        self.config, self.pending = saved["config"], saved["pending"]
        self.shuffle.set_state(saved["rng"])
        self.order, self.batch, self.epoch = saved["order"], saved["batch"], saved["epoch"]
        del self.history[saved["history"]:]
        self.diverged = True

    def _finite(self) -> bool:
        return all(bool(torch.isfinite(p).all()) for p in self.model.parameters())

    @single_threaded()
    @torch.no_grad()
    def evaluate(self) -> Metrics:
        self.model.eval()
        out_train, out_test = self.model(self.x_train), self.model(self.x_test)
        return Metrics(float(self.loss_fn(out_train, self.y_train)), float(self.loss_fn(out_test, self.y_test)),
                       self._accuracy(out_test, self.y_test), self._accuracy(out_train, self.y_train))

    def _accuracy(self, output: torch.Tensor, target: torch.Tensor) -> float | None:
        kind = self.dataset.info.kind
        if kind == datasets.REGRESSION or len(target) == 0:
            return None
        if kind == datasets.MULTICLASS:
            predicted = output.argmax(dim=1)
        else:
            predicted = (output > 0.5).float()
        return float((predicted == target).float().mean())

    # --- what the window shows ---------------------------------------------------------------------
    def spec(self, sample: int = 0, test: bool = False) -> network.NetworkSpec:
        """The network now, as the Stepper's spec, with training (or test) point `sample` as input."""
        xs, labels = (self.dataset.x_test, self.dataset.y_test) if test else (self.dataset.x_train,
                                                                              self.dataset.y_train)
        sample = min(max(0, sample), len(xs) - 1)
        x, label = xs[sample], labels[sample]
        if self.config.loss == "cross_entropy":
            target = [1.0 if j == int(label) else 0.0 for j in range(self.dataset.outputs)]
        else:
            target = [float(v) for v in label.reshape(-1)]
        linears = [m for m in self.model if isinstance(m, nn.Linear)]
        lr = min(float(self.config.lr), 100.0)
        return network.NetworkSpec(
            layers=layer_sizes(self.config, self.dataset), activations=activations_of(self.config),
            loss=self.config.loss,
            weights=tuple(tuple(tuple(row) for row in m.weight.detach().cpu().double().tolist()) for m in linears),
            biases=tuple(tuple(m.bias.detach().cpu().double().tolist()) for m in linears),
            input=tuple(float(v) for v in x), target=tuple(target), lr=lr, dtype="float32",
            name="Training panel")

    @single_threaded()
    @single_threaded()
    @torch.no_grad()
    def saturated(self) -> int:
        """How many training points get a sigmoid output of exactly the wrong 0 or 1. Too large a
        learning rate does this: BCE stays finite (torch clamps its log at −100) but the gradient there
        is zero, so the loss sits flat, and the Stepper cannot step such a point (ln 0). (A confident
        right answer may round to exactly 1 in float32 too: that is no trouble.)"""
        if activations_of(self.config)[-1] != "sigmoid":
            return 0
        self.model.eval()
        out, y = self.model(self.x_train), self.y_train
        return int((((out == 1) & (y == 0)) | ((out == 0) & (y == 1))).any(dim=1).sum())

    def boundary(self, resolution: int = decision_map.RESOLUTION) -> decision_map.BoundaryMap:
        return decision_map.compute(self.model, self.dataset, resolution, self.device)

    @single_threaded()
    def record(self, batch_loss: float | None = None, with_boundary: bool = True) -> Record:
        metrics = self.evaluate() if not self.history or self.batch != 0 else _metrics_from(self.history[-1])
        return Record(self.epoch, self.batch, self.batches_per_epoch, metrics, batch_loss, self.spec(),
                      self.config.optimizer, self.config.lr, self.config.batch_size,
                      self.boundary() if with_boundary else None, self.diverged, self.saturated())


def _metrics_dict(m: Metrics) -> dict:
    return {"train_loss": m.train_loss, "test_loss": m.test_loss, "accuracy": m.accuracy,
            "train_accuracy": m.train_accuracy}


def _metrics_from(entry: dict) -> Metrics:
    return Metrics(entry["train_loss"], entry["test_loss"], entry["accuracy"], entry.get("train_accuracy"))


def train(trainer: Trainer, epochs: int | None = None, cancel: threading.Event | None = None,
          map_period: float = 1 / 30, clock: Callable[[], float] = time.monotonic) -> Iterator[Record]:
    """Train epoch after epoch (`epochs` of them, or until cancelled), yielding a record for each.

    The boundary map costs more than a small epoch: it is computed at most every `map_period`
    seconds (the screen shows no more) and for the last epoch of a bounded run. An epoch whose loss
    becomes NaN or infinite is undone; the run yields its last finite state, marked diverged, and stops.
    """
    done, last_map = 0, -math.inf
    while epochs is None or done < epochs:
        with trainer.lock:
            # Checked under the lock: once the window has set it and taken the lock, no epoch follows.
            if cancel is not None and cancel.is_set():
                return
            finite = trainer.run_epoch()
            done += 1
            now = clock()
            with_map = now - last_map >= map_period or done == epochs or not finite
            if with_map:
                last_map = now
            record = trainer.record(with_boundary=with_map)
        yield record
        if record.diverged:
            return


def history_rows(history: list[dict]) -> list[dict]:
    """The history as the command line's JSON and the CSV export give it."""
    return [{"epoch": h["epoch"], "train_loss": h["train_loss"], "test_loss": h["test_loss"],
             "accuracy": h["accuracy"]} for h in history]


def history_array(history: list[dict], key: str) -> np.ndarray:
    return np.asarray([np.nan if h.get(key) is None else h[key] for h in history], dtype=float)


class HistoryColumns:
    """The history as numpy columns, converting only the entries added since the last call: a run
    left playing through a lesson has 10⁵ epochs, and redrawing must not re-read them all each time."""

    KEYS = ("epoch", "train_loss", "test_loss", "accuracy", "train_accuracy")

    def __init__(self) -> None:
        self._source: list[dict] | None = None
        self._rows = 0
        self._columns = {key: np.empty(0) for key in self.KEYS}

    def of(self, history: list[dict]) -> dict[str, np.ndarray]:
        if history is not self._source or len(history) < self._rows:   # another run: start again
            self._source, self._rows = history, 0
            self._columns = {key: np.empty(0) for key in self.KEYS}
        added = history[self._rows:]
        if added:
            for key in self.KEYS:
                self._columns[key] = np.concatenate([self._columns[key], history_array(added, key)])
            self._rows = len(history)
        return self._columns
