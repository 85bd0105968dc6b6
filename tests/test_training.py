"""Training core: seeded datasets, models from the spec, the epoch generator, boundary maps and the
student's script, checked against torch called directly and closed forms."""

from __future__ import annotations

import math
import subprocess
import sys
import threading

import numpy as np
import pytest
import torch

from app import datasets, decision_map, network, training, training_code
from app.errors import InputError
from tests.conftest import assert_one_line_input_error


def config(name="xor", hidden=(4,), **kw):
    data = datasets.DataConfig(name=name, samples=kw.pop("samples", 100), noise=kw.pop("noise", 0.05),
                               seed=kw.pop("seed", 0))
    return training.TrainConfig(data=data, hidden=hidden, loss=kw.pop("loss", training.default_loss(name)), **kw)


@pytest.mark.parametrize("name", list(datasets.CATALOG))
def test_datasets_are_seeded_and_shaped(name):
    info = datasets.get(name)
    a = datasets.make(datasets.DataConfig(name=name, samples=100, seed=3))
    b = datasets.make(datasets.DataConfig(name=name, samples=100, seed=3))
    c = datasets.make(datasets.DataConfig(name=name, samples=100, seed=4))
    assert torch.equal(a.x_train, b.x_train) and torch.equal(a.y_test, b.y_test)
    assert not torch.equal(a.x_train, c.x_train)
    assert len(a.x_train) == 70 and len(a.x_test) == 30
    assert a.x_train.dtype == torch.float32
    if info.kind == datasets.REGRESSION:
        assert a.x_train.shape == (70, 1) and a.y_train.shape == (70, 1) and a.y_train.dtype == torch.float32
    else:
        assert a.x_train.shape == (70, 2) and a.y_train.dtype == torch.int64
        assert set(torch.cat([a.y_train, a.y_test]).tolist()) == set(range(info.classes))


def test_bad_dataset_settings_are_one_line_errors():
    assert_one_line_input_error(lambda: datasets.make(datasets.DataConfig(name="nope")), "unknown dataset")
    assert_one_line_input_error(lambda: datasets.make(datasets.DataConfig(noise=2.0)), "noise")
    assert_one_line_input_error(lambda: training.Trainer(config(hidden=(9,))), "hidden layers")
    assert_one_line_input_error(lambda: training.Trainer(config("blobs", loss="bce")), "does not fit")
    assert_one_line_input_error(lambda: training.Trainer(config(optimizer="nope")), "unknown optimizer")


def test_models_follow_the_course():
    line = training.Trainer(config("line", hidden=()))
    assert isinstance(line.model[0], torch.nn.Linear) and isinstance(line.model[1], torch.nn.Identity)
    logistic = training.Trainer(config("two_blobs", hidden=()))
    assert isinstance(logistic.model[1], torch.nn.Sigmoid) and logistic.config.loss == "bce"
    multi = training.Trainer(config("blobs", hidden=(5,)))
    assert multi.model[2].out_features == 3 and isinstance(multi.model[3], torch.nn.Identity)
    spec = multi.spec(sample=2)
    assert spec.layers == (2, 5, 3) and spec.loss == "cross_entropy" and sum(spec.target) == 1
    # The spec rebuilds the very same model: the Stepper steps through the same numbers.
    rebuilt = network.build_module(spec)
    x = multi.x_train[:7]
    torch.testing.assert_close(rebuilt(x), multi.model(x))


def test_model_initialisation_is_what_manual_seed_gives():
    trainer = training.Trainer(config(hidden=(3,), seed=5))
    torch.manual_seed(5)
    reference = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(3, 1), torch.nn.Sigmoid())
    for a, b in zip(trainer.model.parameters(), reference.parameters()):
        assert torch.equal(a, b)


def test_an_epoch_equals_the_loop_written_by_hand():
    cfg = config(hidden=(3,), optimizer="sgd", lr=0.5, batch_size=16)
    trainer = training.Trainer(cfg)
    trainer.run_epoch()
    model = training.make_model(cfg, trainer.dataset)
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    g = torch.Generator().manual_seed(0)
    x, y = trainer.dataset.x_train, trainer.dataset.y_train.float().reshape(-1, 1)
    perm = torch.randperm(len(x), generator=g)
    for i in range(0, len(x), 16):
        idx = perm[i:i + 16]
        opt.zero_grad()
        torch.nn.functional.binary_cross_entropy(model(x[idx]), y[idx]).backward()
        opt.step()
    for a, b in zip(trainer.model.parameters(), model.parameters()):
        assert torch.equal(a, b)
    with torch.no_grad():
        assert trainer.history[0]["train_loss"] == float(torch.nn.functional.binary_cross_entropy(model(x), y))


def _epochs_to_train(cfg, epochs):
    trainer = training.Trainer(cfg)
    records = list(training.train(trainer, epochs=epochs, map_period=math.inf))
    return trainer, records


def test_xor_reaches_95_percent():
    _, records = _epochs_to_train(config("xor", hidden=(6,), samples=200, optimizer="adam", lr=0.05), 20)
    assert records[-1].metrics.accuracy >= 0.95
    assert [r.epoch for r in records] == list(range(1, 21))


def test_circles_reach_95_percent():
    _, records = _epochs_to_train(config("circles", hidden=(6, 6), samples=200, optimizer="adam", lr=0.05), 20)
    assert records[-1].metrics.accuracy >= 0.95


def test_linear_regression_recovers_w_and_b():
    trainer, _ = _epochs_to_train(config("line", hidden=(), samples=200, noise=0.1, lr=0.1), 40)
    assert trainer.model[0].weight.item() == pytest.approx(datasets.LINE_W, abs=0.05)
    assert trainer.model[0].bias.item() == pytest.approx(datasets.LINE_B, abs=0.05)


def test_the_generator_stops_when_cancelled():
    cancel = threading.Event()
    trainer = training.Trainer(config())
    seen = []
    for record in training.train(trainer, cancel=cancel):   # unbounded: only the cancel ends it
        seen.append(record.epoch)
        if len(seen) == 3:
            cancel.set()
    assert seen == [1, 2, 3] and trainer.epoch == 3


def test_a_diverging_run_stops_and_says_so():
    trainer = training.Trainer(config("line", hidden=(), lr=10.0, batch_size=1, noise=0.0))
    records = list(training.train(trainer, epochs=50, map_period=math.inf))
    assert records[-1].diverged and len(records) < 50
    # It keeps its last finite point: the epoch that blew up is undone.
    assert trainer.epoch == records[-1].epoch == len(records) - 1 == len(trainer.history)
    assert all(torch.isfinite(p).all() for p in trainer.model.parameters())
    assert math.isfinite(records[-1].metrics.train_loss) and records[-1].boundary is not None
    before = [p.clone() for p in trainer.model.parameters()]
    assert trainer.run_epoch() is False   # stepping again blows up again, and is undone again
    assert all(torch.equal(a, b) for a, b in zip(before, trainer.model.parameters()))


def test_settings_changed_mid_epoch_apply_from_the_next_epoch():
    trainer = training.Trainer(config(lr=0.1, batch_size=10))
    trainer.step_batch()
    trainer.request("adam", 0.01, 5)
    assert trainer.config.lr == 0.1 and isinstance(trainer.optimizer, torch.optim.SGD)
    while trainer.batch:
        trainer.step_batch()
    trainer.step_batch()
    assert trainer.config.lr == 0.01 and isinstance(trainer.optimizer, torch.optim.Adam)
    assert trainer.batches_per_epoch == 14
    with pytest.raises(InputError):
        trainer.request(lr=-1.0)


def test_boundary_map_agrees_with_the_model_called_directly():
    trainer = training.Trainer(config("blobs", hidden=(4,)))
    boundary = trainer.boundary(resolution=9)
    i, j = 2, 7
    point = torch.tensor([[boundary.xs[j], boundary.ys[i]]], dtype=torch.float32)
    expected = torch.softmax(trainer.model(point), dim=1)[0].double().detach().numpy()
    assert boundary.values.shape == (9, 9, 3)
    assert boundary.values[i, j] == pytest.approx(expected, abs=1e-6)
    binary = training.Trainer(config("xor"))
    b = binary.boundary(resolution=5)
    p = float(binary.model(torch.tensor([[b.xs[1], b.ys[3]]], dtype=torch.float32)).detach())
    assert b.values[3, 1] == pytest.approx([1 - p, p], abs=1e-6)
    line = training.Trainer(config("line", hidden=()))
    fit = line.boundary(resolution=5)
    w, bias = line.model[0].weight.item(), line.model[0].bias.item()
    assert fit.values == pytest.approx(w * fit.xs + bias, abs=1e-5)
    assert decision_map.grid_points((0, 1, 0, 2), 2)[1].tolist() == [0.5, 1.5]


def test_the_students_script_reproduces_the_run(tmp_path):
    cfg = config("blobs", hidden=(3,), optimizer="adam", lr=0.05, batch_size=8)
    trainer = training.Trainer(cfg)
    for _ in range(2):
        trainer.run_epoch()
    path = tmp_path / "train.py"
    path.write_text(training_code.script(cfg, epochs=2))
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=60, check=True).stdout
    expected = [f"epoch {h['epoch']}: train loss {h['train_loss']:.6f}, test loss {h['test_loss']:.6f}, "
                f"accuracy {h['accuracy']:.1%}" for h in trainer.history]
    assert out.splitlines()[:2] == expected
    code = training_code.model_code(trainer.spec())
    assert "nn.Sequential(" in code and "class Net(nn.Module):" in code


def test_history_columns_convert_only_what_was_added():
    columns = training.HistoryColumns()
    history = [{"epoch": 1, "train_loss": 0.5, "test_loss": 0.6, "accuracy": None}]
    assert list(columns.of(history)["train_loss"]) == [0.5] and np.isnan(columns.of(history)["accuracy"][0])
    history.append({"epoch": 2, "train_loss": 0.4, "test_loss": 0.5, "accuracy": 0.75, "train_accuracy": 0.8})
    c = columns.of(history)
    assert list(c["epoch"]) == [1, 2] and c["accuracy"][1] == 0.75 and c["train_accuracy"][1] == 0.8
    other = [{"epoch": 1, "train_loss": 9.0, "test_loss": 9.0, "accuracy": 0.1}]   # a new run: from scratch
    assert list(columns.of(other)["train_loss"]) == [9.0]


def test_an_epoch_runs_single_threaded_and_restores_the_callers_threads():
    trainer = training.Trainer(training.TrainConfig(data=datasets.DataConfig(name="xor", samples=40), hidden=(3,)))
    seen = []
    trainer.model.register_forward_hook(lambda *_a: seen.append(torch.get_num_threads()))
    before = torch.get_num_threads()
    other = []
    worker = threading.Thread(target=lambda: (trainer.run_epoch(), other.append(torch.get_num_threads())))
    worker.start()
    worker.join()
    assert set(seen) == {1} and other == [before] and torch.get_num_threads() == before
