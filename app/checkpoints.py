"""Training checkpoints: save, open and inspect, safely.

A checkpoint is `torch.save` of a plain dict: a format tag and version, the network spec as JSON,
the dataset settings, the training settings, the model's and the optimizer's state_dicts, the
epoch and the loss history, and the shuffling generator's state, so training resumes exactly.

Opening reads ONLY with `torch.load(path, map_location="cpu", weights_only=True)`: tensors,
numbers, strings, lists and dicts, never a class or a function, so nothing in the file can run.
Then everything is checked (tag, version, types, keys, shapes against the spec, the optimizer's
name and state) before any of it is used; each refusal is one sentence saying why.

"Whole model" files (`torch.save(model)`) pickle the model's class: loading one needs that class
and unpickling can run any code. `save_whole_model` writes one for use in a notebook; this app
refuses to open it.
"""

from __future__ import annotations

import copy
import math
import os
import pickle
import pickletools
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import torch

from app import datasets, files, network, optimizers, training
from app.errors import InputError

FORMAT = "torch-playground-training"
VERSION = 1
MAX_BYTES = 64 * 1024 * 1024   # a network of at most 8-neuron layers is a few kilobytes
_KEYS = {"format": str, "version": int, "spec": str, "data": dict, "config": dict, "model_state": dict,
         "optimizer": str, "optimizer_state": dict, "epoch": int, "batch": int, "history": list,
         "rng_state": torch.Tensor}


def to_dict(trainer: training.Trainer) -> dict:
    """Everything a checkpoint holds, as plain data and CPU tensors."""
    with trainer.lock:
        return {
            "format": FORMAT, "version": VERSION,
            "spec": trainer.spec().to_json(),
            "data": trainer.config.data.to_dict(),
            "config": trainer.config.to_dict(),
            "model_state": {k: v.detach().cpu().clone() for k, v in trainer.model.state_dict().items()},
            "optimizer": trainer.config.optimizer,
            "optimizer_state": _to_cpu(trainer.optimizer.state_dict()),
            "epoch": trainer.epoch, "batch": trainer.batch,
            "order": None if trainer.order is None else trainer.order.clone(),
            "history": [dict(h) for h in trainer.history],
            "rng_state": trainer.shuffle.get_state(),
        }


def _to_cpu(value):
    if isinstance(value, torch.Tensor):
        return value.detach().cpu().clone()
    if isinstance(value, dict):
        return {k: _to_cpu(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_to_cpu(v) for v in value)
    return value


def save(trainer: training.Trainer, path: str | os.PathLike) -> None:
    """Write the checkpoint atomically: a crash never leaves half a file where the old one was."""
    data = to_dict(trainer)
    with files.atomic_path(path) as tmp:
        torch.save(data, tmp)


def save_whole_model(trainer: training.Trainer, path: str | os.PathLike) -> None:
    """`torch.save(model)`, for a notebook: loading it needs nn.Sequential's class and unpickling,
    which can run code. This app refuses to open such a file."""
    with trainer.lock, files.atomic_path(path) as tmp:
        torch.save(trainer.model, tmp)


# --- reading ---------------------------------------------------------------------------------------
def read(path: str | os.PathLike) -> dict:
    """The file's dict, read with weights_only=True and checked for its tag, version and types."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            f.read(1)
    except OSError as exc:
        raise InputError("cannot read {path}: {reason}", path=str(path), reason=exc.strerror or str(exc)) from None
    if size > MAX_BYTES:
        raise InputError("{path} is too large for a training checkpoint ({size} bytes)", path=str(path), size=size)
    if not _intact(path):
        raise InputError("{path} is truncated or corrupted: it is not a readable PyTorch file", path=str(path))
    try:
        with warnings.catch_warnings():   # torch warns about old pickle protocols: the checks below decide
            warnings.simplefilter("ignore")
            data = torch.load(path, map_location="cpu", weights_only=True)
    except (pickle.UnpicklingError, RuntimeError, EOFError, KeyError, ValueError, IndexError, TypeError,
            AttributeError, UnicodeDecodeError, zipfile.BadZipFile, MemoryError, OverflowError, OSError):
        if _asks_for_code(path):
            raise InputError("{path} needs Python classes or code to load (a whole pickled model, or a crafted "
                             "file); refused, and nothing in it ran. Open state_dict checkpoints only",
                             path=str(path)) from None
        raise InputError("{path} is truncated or corrupted: it is not a readable PyTorch file",
                         path=str(path)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError("{path} is not a Torch Playground training checkpoint", path=str(path))
    if data.get("version") != VERSION:
        raise InputError("{path} has checkpoint format version {version}; this app reads version {expected}",
                         path=str(path), version=repr(data.get("version")), expected=VERSION)
    for key, kind in _KEYS.items():
        value = data.get(key)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise InputError("{path}: the checkpoint's '{key}' is missing or damaged", path=str(path), key=key)
    return data


def _intact(path: Path) -> bool:
    """False for a zip (torch's format) whose members fail their CRC check: torch's reader does
    not check them, so a flipped byte inside a weight would otherwise load as a different weight."""
    try:
        if not zipfile.is_zipfile(path):
            return True   # not a zip: torch.load decides (a legacy pickle, or damage it reports)
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None
    except (OSError, zipfile.BadZipFile, ValueError, RuntimeError, EOFError, NotImplementedError):
        return False


# A refused file whose pickle imports anything beyond what weights_only allows (torch's tensor
# rebuilders, storages, dtypes, OrderedDict) asked for a class or a function.
def _allowed_globals() -> set[str]:
    try:
        from torch import _weights_only_unpickler
        return set(_weights_only_unpickler._get_allowed_globals())
    except (ImportError, AttributeError):   # a torch without it: the names a state_dict file uses
        return {"collections.OrderedDict", "torch._utils._rebuild_tensor_v2", "torch.FloatStorage",
                "torch.LongStorage", "torch.ByteStorage", "torch.DoubleStorage"}


def _asks_for_code(path: Path) -> bool:
    """Whether the refused file's pickle imports a name weights_only does not allow (a class or a
    function). Read with pickletools, which only parses the opcodes and never imports or calls anything."""
    try:
        raw = path.read_bytes()
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                names = [n for n in archive.namelist() if n.endswith("data.pkl")]
                raw = archive.read(names[0]) if names else b""
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, RuntimeError):
        return False
    if not raw.startswith(b"\x80"):   # a pickle (protocol 2 and later) starts with PROTO; anything else is damage
        return False
    imported, strings = [], []
    try:
        for opcode, arg, _pos in pickletools.genops(raw):
            if opcode.name in ("GLOBAL", "INST"):
                imported.append(str(arg).replace(" ", "."))
            elif opcode.name == "STACK_GLOBAL":   # module and name are the two strings pushed before it
                imported.append(".".join(strings[-2:]))
            elif isinstance(arg, str):
                strings.append(arg)
    except Exception:  # noqa: BLE001, S110 -- a damaged stream ends the scan; what came before still counts
        pass
    allowed = _allowed_globals()
    return any(name not in allowed and not name.startswith("torch._utils._rebuild") for name in imported)


@dataclass(frozen=True)
class Checkpoint:
    trainer: training.Trainer
    spec: network.NetworkSpec


def load(path: str | os.PathLike, device: torch.device | str = "cpu") -> Checkpoint:
    """A Trainer restored from the file, exactly where it stopped; InputError if anything is off."""
    data = read(path)
    where = str(path)
    spec = _spec(data, where)
    config = _config(data, where)
    trainer = training.Trainer(config, device)
    expected = training.layer_sizes(config, trainer.dataset)
    if spec.layers != expected or spec.activations != training.activations_of(config) or spec.loss != config.loss:
        raise InputError("{path}: the network spec ({layers}, {loss}) does not match the training settings "
                         "({expected}, {expected_loss})", path=where, layers="-".join(map(str, spec.layers)),
                         loss=spec.loss, expected="-".join(map(str, expected)), expected_loss=config.loss)
    _load_model(trainer, data["model_state"], where)
    _load_optimizer(trainer, data, where)
    _load_progress(trainer, data, where)
    return Checkpoint(trainer, spec)


def _spec(data: dict, where: str) -> network.NetworkSpec:
    try:
        return network.from_json(data["spec"])
    except InputError as exc:
        raise InputError("{path}: the network spec is damaged: {reason}", path=where, reason=str(exc)) from None


def _config(data: dict, where: str) -> training.TrainConfig:
    settings = data["config"]
    try:
        hidden = settings["hidden"]
        if not isinstance(hidden, list):
            raise InputError("{field} is missing from the dataset settings", field="hidden")
        config = training.TrainConfig(data=datasets.config_from_dict(data["data"]), hidden=tuple(hidden),
                                      activation=settings["activation"], loss=settings["loss"],
                                      optimizer=settings["optimizer"], lr=settings["lr"],
                                      batch_size=settings["batch_size"])
        config = training.check(config)
    except (KeyError, TypeError, InputError) as exc:
        reason = str(exc) if isinstance(exc, InputError) else f"'{exc}'" if isinstance(exc, KeyError) else "types"
        raise InputError("{path}: the training settings are damaged: {reason}", path=where, reason=reason) from None
    if data["optimizer"] != config.optimizer:
        raise InputError("{path}: the optimizer state is for '{name}', the settings say '{expected}'",
                         path=where, name=data["optimizer"], expected=config.optimizer)
    return config


def _load_model(trainer: training.Trainer, state: dict, where: str) -> None:
    own = trainer.model.state_dict()
    if set(state) != set(own):
        raise InputError("{path}: the weights do not fit the network spec (parameters {found}, expected {expected})",
                         path=where, found=", ".join(sorted(map(str, state))), expected=", ".join(sorted(own)))
    for key, tensor in own.items():
        value = state[key]
        if not isinstance(value, torch.Tensor) or value.shape != tensor.shape:
            shape = tuple(value.shape) if isinstance(value, torch.Tensor) else type(value).__name__
            raise InputError("{path}: '{name}' has shape {shape}, the network spec needs {expected}", path=where,
                             name=key, shape=str(shape), expected=str(tuple(tensor.shape)))
        if value.dtype != tensor.dtype or value.layout != torch.strided:
            raise InputError("{path}: '{name}' holds {dtype} numbers, the network needs {expected}", path=where,
                             name=key, dtype=str(value.dtype).replace("torch.", ""),
                             expected=str(tensor.dtype).replace("torch.", ""))
        if not torch.isfinite(value).all():
            raise InputError("{path}: '{name}' holds NaN or infinite weights", path=where, name=key)
    trainer.model.load_state_dict(state)


def _load_optimizer(trainer: training.Trainer, data: dict, where: str) -> None:
    state = data["optimizer_state"]
    params = list(trainer.model.parameters())
    groups = state.get("param_groups")
    if not isinstance(groups, list) or len(groups) != 1 or not isinstance(groups[0], dict) or \
            groups[0].get("params") != list(range(len(params))) or not isinstance(state.get("state"), dict):
        raise InputError("{path}: the optimizer state does not fit the network", path=where)
    if optimizers.get(data["optimizer"]).name != "lbfgs":   # L-BFGS keeps flat vectors, not one per parameter
        for index, entry in state["state"].items():
            if not isinstance(index, int) or not 0 <= index < len(params) or not isinstance(entry, dict):
                raise InputError("{path}: the optimizer state does not fit the network", path=where)
            for name, value in entry.items():
                if isinstance(value, torch.Tensor) and value.dim() > 0 and value.shape != params[index].shape:
                    raise InputError("{path}: the optimizer's '{name}' has shape {shape}, the parameter has {expected}",
                                     path=where, name=str(name), shape=str(tuple(value.shape)),
                                     expected=str(tuple(params[index].shape)))
    fresh = set(trainer.optimizer.param_groups[0])
    if not set(groups[0]) <= fresh:   # settings another optimizer has (Adam's betas for SGD)
        raise InputError("{path}: the optimizer state is not {name}'s", path=where,
                         name=optimizers.get(data["optimizer"]).label)
    try:
        trainer.optimizer.load_state_dict(state)
    except (ValueError, KeyError, TypeError, RuntimeError, IndexError):
        raise InputError("{path}: the optimizer state does not fit the network", path=where) from None
    # An older torch may lack a setting its optimizer's __setstate__ then fills in; one still missing
    # (SGD's momentum) would fail at the first step, and a state of the wrong kind too: try one on a copy.
    if not fresh <= set(trainer.optimizer.param_groups[0]) or not _steps(trainer):
        raise InputError("{path}: the optimizer state is not {name}'s", path=where,
                         name=optimizers.get(data["optimizer"]).label)
    lr = trainer.optimizer.param_groups[0].get("lr")
    if lr != trainer.config.lr:
        raise InputError("{path}: the optimizer's learning rate {lr} differs from the settings' {expected}",
                         path=where, lr=repr(lr), expected=repr(trainer.config.lr))


def _steps(trainer: training.Trainer) -> bool:
    """Whether one optimizer step on a copy of the model and optimizer runs (the trainer is untouched)."""
    model = copy.deepcopy(trainer.model)   # (a deep-copied L-BFGS loses its parameter list: build one)
    optimizer = optimizers.get(trainer.config.optimizer).build(model.parameters(), {"lr": trainer.config.lr})
    x, y = trainer.x_train[:2], trainer.y_train[:2]

    def closure() -> torch.Tensor:
        optimizer.zero_grad()
        loss = trainer.loss_fn(model(x), y)
        loss.backward()
        return loss

    try:
        optimizer.load_state_dict(copy.deepcopy(trainer.optimizer.state_dict()))   # its tensors, not shared
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            optimizer.step(closure)
    except Exception:  # noqa: BLE001 -- whatever a mismatched state raises, the file is refused
        return False
    return True


def _load_progress(trainer: training.Trainer, data: dict, where: str) -> None:
    rng = data["rng_state"]
    try:
        if rng.dtype != torch.uint8:
            raise ValueError
        trainer.shuffle.set_state(rng)
    except (RuntimeError, ValueError, TypeError):
        raise InputError("{path}: the random generator's state is damaged", path=where) from None
    epoch, batch, history = data["epoch"], data["batch"], data["history"]
    n = len(trainer.x_train)
    order = data.get("order")
    if not 0 <= batch < trainer.batches_per_epoch or (batch == 0) != (order is None):
        raise InputError("{path}: the position in the epoch is damaged", path=where)
    if order is not None and (not isinstance(order, torch.Tensor) or order.dtype != torch.int64 or
                              order.shape != (n,) or not torch.equal(order.sort().values, torch.arange(n))):
        raise InputError("{path}: the position in the epoch is damaged", path=where)
    if epoch < 0 or len(history) != epoch or not all(_history_entry(h, i + 1) for i, h in enumerate(history)):
        raise InputError("{path}: the loss history is damaged", path=where)
    trainer.epoch, trainer.batch, trainer.order = epoch, batch, order
    trainer.history = [dict(h) for h in history]


def _history_entry(entry: object, epoch: int) -> bool:
    if not isinstance(entry, dict) or entry.get("epoch") != epoch:
        return False
    for key in ("train_loss", "test_loss"):
        if not isinstance(entry.get(key), float):
            return False
    return all(entry.get(key) is None or isinstance(entry.get(key), float) for key in ("accuracy", "train_accuracy"))


# --- describing --------------------------------------------------------------------------------------
def describe(checkpoint: Checkpoint) -> dict:
    """What a checkpoint holds, for `inspect`: spec, settings, epoch, parameter shapes, metrics."""
    trainer = checkpoint.trainer
    last = trainer.history[-1] if trainer.history else None
    return {
        "format": FORMAT, "version": VERSION,
        "dataset": trainer.config.data.to_dict(),
        "training": trainer.config.to_dict(),
        "spec": {"layers": list(checkpoint.spec.layers), "activations": list(checkpoint.spec.activations),
                 "loss": checkpoint.spec.loss},
        "epoch": trainer.epoch, "batch": trainer.batch,
        "parameters": {k: list(v.shape) for k, v in trainer.model.state_dict().items()},
        "metrics": None if last is None else {k: last[k] for k in ("train_loss", "test_loss", "accuracy")},
    }


def summary(info: dict) -> str:
    lines = [f"Torch Playground training checkpoint (format {info['version']})",
             (f"  dataset: {info['dataset']['name']}, noise {info['dataset']['noise']:g}, "
              f"{info['dataset']['samples']} points, test {info['dataset']['test_fraction']:g}, "
              f"seed {info['dataset']['seed']}"),
             (f"  network: {'-'.join(map(str, info['spec']['layers']))}, "
              f"{', '.join(info['spec']['activations'])}, loss {info['spec']['loss']}"),
             (f"  optimizer: {info['training']['optimizer']}, lr {info['training']['lr']:g}, "
              f"batch size {info['training']['batch_size']}"),
             f"  epoch: {info['epoch']}" + (f" (+{info['batch']} batches)" if info["batch"] else ""),
             "  parameters:"]
    lines += [f"    {name}: {tuple(shape)}" for name, shape in info["parameters"].items()]
    metrics = info["metrics"]
    if metrics is not None:
        accuracy = "" if metrics["accuracy"] is None else f", accuracy {metrics['accuracy']:.1%}"
        lines.append(f"  metrics: train loss {_fmt(metrics['train_loss'])}, test loss {_fmt(metrics['test_loss'])}"
                     f"{accuracy}")
    return "\n".join(lines)


def _fmt(value: float) -> str:
    return f"{value:.6g}" if math.isfinite(value) else str(value)
