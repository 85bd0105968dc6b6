"""Checkpoints: exact resume, and every kind of bad file refused in one line with nothing run."""

from __future__ import annotations

import pickle
import random

import pytest
import torch

from app import checkpoints, datasets, training
from tests.conftest import assert_one_line_input_error

CONFIG = training.TrainConfig(data=datasets.DataConfig(name="moons", samples=80), hidden=(4, 3),
                              optimizer="adam", lr=0.02, batch_size=7)


def losses(trainer):
    return [(h["train_loss"], h["test_loss"], h["accuracy"]) for h in trainer.history]


@pytest.mark.parametrize("extra_batches", [0, 3])
def test_resuming_equals_an_uninterrupted_run(tmp_path, extra_batches):
    n, m = 3, 2
    whole = training.Trainer(CONFIG)
    for _ in range(n + m):
        whole.run_epoch()
    first = training.Trainer(CONFIG)
    for _ in range(n):
        first.run_epoch()
    for _ in range(extra_batches):   # saved in the middle of an epoch: the batch order is kept too
        first.step_batch()
    path = tmp_path / "run.pt"
    checkpoints.save(first, path)
    resumed = checkpoints.load(path).trainer
    assert resumed.epoch == n and resumed.batch == extra_batches
    for _ in range(m):
        resumed.run_epoch()
    assert losses(resumed) == losses(whole)   # exactly, not approximately
    for a, b in zip(resumed.model.parameters(), whole.model.parameters()):
        assert torch.equal(a, b)


def test_describe_lists_what_the_file_holds(tmp_path):
    trainer = training.Trainer(CONFIG)
    trainer.run_epoch()
    path = tmp_path / "run.pt"
    checkpoints.save(trainer, path)
    info = checkpoints.describe(checkpoints.load(path))
    assert info["spec"]["layers"] == [2, 4, 3, 1] and info["epoch"] == 1
    assert info["parameters"]["0.weight"] == [4, 2] and info["parameters"]["4.bias"] == [1]
    assert info["metrics"]["train_loss"] == trainer.history[0]["train_loss"]
    assert "0.weight: (4, 2)" in checkpoints.summary(info)


class CreatesAFile:
    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


def test_a_malicious_pickle_is_refused_and_runs_nothing(tmp_path):
    marker = tmp_path / "pwned"
    for path, write in ((tmp_path / "evil.pt", lambda p: torch.save({"x": CreatesAFile(str(marker))}, p)),
                        (tmp_path / "evil.pkl", lambda p: p.write_bytes(pickle.dumps(CreatesAFile(str(marker)))))):
        write(path)
        assert not marker.exists()
        assert_one_line_input_error(lambda p=path: checkpoints.load(p), "needs Python classes or code")
        assert not marker.exists()


def test_a_whole_model_file_is_refused(tmp_path):
    trainer = training.Trainer(CONFIG)
    path = tmp_path / "whole.pt"
    checkpoints.save_whole_model(trainer, path)
    assert isinstance(torch.load(path, weights_only=False), torch.nn.Sequential)   # what a notebook does
    assert_one_line_input_error(lambda: checkpoints.load(path), "needs Python classes or code")


def test_truncated_and_corrupted_files_are_refused(tmp_path):
    good = tmp_path / "good.pt"
    checkpoints.save(training.Trainer(CONFIG), good)
    data = good.read_bytes()
    truncated = tmp_path / "truncated.pt"
    truncated.write_bytes(data[: len(data) // 2])
    assert_one_line_input_error(lambda: checkpoints.load(truncated), "truncated or corrupted")
    garbage = tmp_path / "garbage.pt"
    garbage.write_bytes(bytes(random.Random(0).randrange(256) for _ in range(2000)))
    assert_one_line_input_error(lambda: checkpoints.load(garbage), "truncated or corrupted")
    empty = tmp_path / "empty.pt"
    empty.write_bytes(b"")
    assert_one_line_input_error(lambda: checkpoints.load(empty), "truncated or corrupted")
    assert_one_line_input_error(lambda: checkpoints.load(tmp_path / "missing.pt"), "cannot read")


def _saved(tmp_path, change):
    data = checkpoints.to_dict(training.Trainer(CONFIG))
    change(data)
    path = tmp_path / "changed.pt"
    torch.save(data, path)
    return path


@pytest.mark.parametrize("change, fragment", [
    (lambda d: d.update(format="something-else"), "not a Torch Playground training checkpoint"),
    (lambda d: d.update(version=99), "format version 99"),
    (lambda d: d.pop("history"), "'history' is missing or damaged"),
    (lambda d: d["model_state"].update({"0.weight": torch.zeros(5, 2)}), "shape (5, 2)"),
    (lambda d: d["model_state"].pop("2.bias"), "do not fit the network spec"),
    (lambda d: d.update(spec=d["spec"].replace('"loss": "bce"', '"loss": "mse"')),
     "does not match"),
    (lambda d: d.update(optimizer="sgd"), "the optimizer state is for 'sgd'"),
    (lambda d: d["config"].update(hidden=[4, 3, 2, 1, 1]), "training settings are damaged"),
    (lambda d: d.update(rng_state=torch.zeros(3)), "random generator"),
    (lambda d: d.update(spec="{"), "network spec is damaged"),
    (lambda d: d.update(epoch=4), "history is damaged"),
])
def test_files_that_do_not_fit_their_spec_are_refused(tmp_path, change, fragment):
    path = _saved(tmp_path, change)
    assert_one_line_input_error(lambda: checkpoints.load(path), fragment)


def test_saving_is_atomic(tmp_path, monkeypatch):
    path = tmp_path / "run.pt"
    checkpoints.save(training.Trainer(CONFIG), path)
    before = path.read_bytes()

    def fail(*_a, **_k):
        raise OSError("disk full")

    monkeypatch.setattr(torch, "save", fail)
    with pytest.raises(OSError):
        checkpoints.save(training.Trainer(CONFIG), path)
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["run.pt"]


@pytest.mark.parametrize("name", ["sgd", "adagrad", "rmsprop", "adadelta", "adamw", "adamax", "nadam", "radam",
                                  "lbfgs"])
def test_every_optimizer_of_the_catalog_resumes_exactly(tmp_path, name):
    cfg = training.TrainConfig(data=datasets.DataConfig(name="moons", samples=40), hidden=(3,), optimizer=name,
                               lr=0.05, batch_size=16)
    whole = training.Trainer(cfg)
    for _ in range(2):
        whole.run_epoch()
    first = training.Trainer(cfg)
    first.step_batch()
    checkpoints.save(first, tmp_path / "run.pt")
    resumed = checkpoints.load(tmp_path / "run.pt").trainer
    resumed.run_epoch()
    resumed.run_epoch()
    assert losses(resumed) == losses(whole)


# --- red team: files crafted to run code, exhaust memory or slip past the checks ------------------------


class CallsOsSystem:
    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        import os
        return (os.system, (f"touch {self.path}",))


class CallsEval:
    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        import builtins
        return (builtins.eval, (f"open({self.path!r}, 'w')",))


@pytest.mark.parametrize("payload", [CallsOsSystem, CallsEval])
def test_globals_of_os_system_and_eval_are_refused_and_run_nothing(tmp_path, payload):
    marker = tmp_path / "pwned"
    data = checkpoints.to_dict(training.Trainer(CONFIG))
    data["history"] = payload(str(marker))   # inside an otherwise valid checkpoint
    path = tmp_path / "evil.pt"
    torch.save(data, path)
    assert_one_line_input_error(lambda: checkpoints.load(path), "needs Python classes or code")
    assert not marker.exists()


def _with_pickle(tmp_path, good, edit, extra=()):
    """A copy of the torch zip `good` whose data.pkl is edited (bytes -> bytes), plus extra members."""
    import zipfile
    path = tmp_path / "crafted.pt"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info, edit(data) if info.filename.endswith("data.pkl") else data)
        for name, data in extra:
            zout.writestr(name, data)
    return path


def test_a_tensor_claiming_gigabytes_is_refused_without_allocating(tmp_path):
    import pickletools
    import struct
    good = tmp_path / "good.pt"
    checkpoints.save(training.Trainer(CONFIG), good)

    def claim_8_gb(pkl: bytes) -> bytes:   # the first storage's element count -> 2**31 - 1 floats
        ops = list(pickletools.genops(pkl))
        for i, (op, arg, _pos) in enumerate(ops):
            if op.name.endswith("UNICODE") and arg == "cpu":
                count = next(o for o in ops[i + 1:] if o[0].name.startswith("BININT"))
                width = {"BININT1": 2, "BININT2": 3, "BININT": 5}[count[0].name]
                return pkl[:count[2]] + b"J" + struct.pack("<i", 2**31 - 1) + pkl[count[2] + width:]
        raise AssertionError("no storage found")

    path = _with_pickle(tmp_path, good, claim_8_gb)
    assert_one_line_input_error(lambda: checkpoints.load(path), "truncated or corrupted")


def test_a_zip_with_path_tricks_writes_nothing_and_is_refused(tmp_path):
    good = tmp_path / "good.pt"
    checkpoints.save(training.Trainer(CONFIG), good)
    escaped = tmp_path.parent / f"{tmp_path.name}-escaped"
    path = _with_pickle(tmp_path, good, lambda b: b, extra=[(f"../{escaped.name}", b"x"), (str(escaped), b"y")])
    assert_one_line_input_error(lambda: checkpoints.load(path), "truncated or corrupted")
    assert not escaped.exists()


def test_a_flipped_byte_inside_the_weights_is_caught_by_the_zip_checksums(tmp_path):
    import zipfile
    good = tmp_path / "good.pt"
    checkpoints.save(training.Trainer(CONFIG), good)
    raw = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        info = next(i for i in archive.infolist() if i.filename.endswith("data/0"))
    start = info.header_offset + 30 + int.from_bytes(raw[info.header_offset + 26:info.header_offset + 28], "little") \
        + int.from_bytes(raw[info.header_offset + 28:info.header_offset + 30], "little")
    raw[start + 1] ^= 0x40   # torch's reader alone would load a different weight
    good.write_bytes(bytes(raw))
    assert_one_line_input_error(lambda: checkpoints.load(good), "truncated or corrupted")


def test_a_pickle_nested_100000_deep_is_refused_without_a_crash(tmp_path):
    depth = 100_000   # built by opcodes: the unpickler's stack, not Python recursion
    pkl = b"\x80\x02}" + b"X\x01\x00\x00\x00a}" * depth + b"s" * depth + b"."
    good = tmp_path / "good.pt"
    checkpoints.save(training.Trainer(CONFIG), good)
    path = _with_pickle(tmp_path, good, lambda _b: pkl)
    assert_one_line_input_error(lambda: checkpoints.load(path), "not a Torch Playground training checkpoint")


def _adam_state():
    trainer = training.Trainer(training.TrainConfig(data=CONFIG.data, hidden=CONFIG.hidden, optimizer="adam",
                                                    lr=0.3, batch_size=7))
    trainer.run_epoch()
    return checkpoints.to_dict(trainer)["optimizer_state"]


def _sgd_data():
    return checkpoints.to_dict(training.Trainer(training.TrainConfig(data=CONFIG.data, hidden=CONFIG.hidden,
                                                                     lr=0.3, batch_size=7)))


@pytest.mark.parametrize("change, fragment", [
    (lambda d: d.update(optimizer_state=_adam_state()), "not SGD's"),   # same rate, another optimizer
    (lambda d: d["optimizer_state"]["param_groups"][0].pop("momentum"), "not SGD's"),
    (lambda d: d["model_state"].update({"0.weight": d["model_state"]["0.weight"].double()}), "float64 numbers"),
    (lambda d: d["model_state"].update({"0.weight": "a string"}), "has shape str"),
    (lambda d: d["model_state"].update({"0.weight": torch.full((4, 2), float("nan"))}), "NaN or infinite"),
    (lambda d: d.update(epoch=2**70), "history is damaged"),
    (lambda d: d["config"].update(lr=float("nan")), "training settings are damaged"),
])
def test_crafted_contents_are_refused(tmp_path, change, fragment):
    data = _sgd_data()
    change(data)
    path = tmp_path / "crafted.pt"
    torch.save(data, path)
    assert_one_line_input_error(lambda: checkpoints.load(path), fragment)


def test_a_history_of_millions_of_entries_is_refused(tmp_path):
    data = _sgd_data()
    data["history"] = [{"epoch": 1, "train_loss": 0.5, "test_loss": 0.5, "accuracy": 0.5}] * 1_000_000
    data["epoch"] = 1_000_000   # one shared entry: a small file claiming a million epochs
    path = tmp_path / "long.pt"
    torch.save(data, path)
    assert_one_line_input_error(lambda: checkpoints.load(path), "history is damaged")
