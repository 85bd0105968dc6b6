"""The Training panel: play, pause, step, reset, save and open; live setting changes; closing while
training; "step through this sample" opening the Backprop Stepper on the same numbers."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest
import torch

from app import checkpoints, datasets, network, training
from widgets import theme as themes

SMALL = training.TrainConfig(data=datasets.DataConfig(name="xor", samples=60), hidden=(3,), lr=0.3, batch_size=10)


@pytest.fixture
def panel(qtbot):
    from widgets.training_panel import TrainingPanel
    p = TrainingPanel()
    qtbot.addWidget(p)
    p.apply_theme(themes.get("light"))
    p.controls.set_config(SMALL)
    p.resize(1280, 800)
    p.show()
    qtbot.waitExposed(p)
    p.reset()
    yield p
    p.pause()


def test_step_epoch_and_batch(panel):
    assert panel.trainer.epoch == 0 and panel.trainer.config == training.check(SMALL)
    panel.step_batch()
    assert (panel.trainer.epoch, panel.trainer.batch) == (0, 1)
    assert "batch 1 of 5" in panel.status.text()
    panel.step_epoch()   # the rest of the epoch
    assert (panel.trainer.epoch, panel.trainer.batch) == (1, 0)
    panel.step_epoch()
    assert panel.trainer.epoch == 2 and [h["epoch"] for h in panel.history] == [1, 2]
    x, y = panel.view.train_curve.getData()
    assert list(x) == [1, 2] and list(y) == [h["train_loss"] for h in panel.trainer.history]
    # The map drawn is the model's answer now.
    assert panel.view.map_item.image is not None and panel.last.boundary.values.shape[2] == 2
    assert "Epoch 2" in panel.status.text()


def test_play_then_pause_shows_the_trainers_state(qtbot, panel):
    panel.play()
    assert panel.is_running() and "Pause" in panel.play_button.text()
    qtbot.waitUntil(lambda: len(panel.history) >= 3, timeout=20_000)
    panel.pause()
    assert not panel.is_running() and "Play" in panel.play_button.text()
    epoch = panel.trainer.epoch
    assert [h["epoch"] for h in panel.history] == list(range(1, epoch + 1))
    assert panel.last.epoch == epoch
    qtbot.wait(50)   # nothing trains after a pause
    assert panel.trainer.epoch == epoch


def test_a_control_changed_mid_training_takes_effect(qtbot, panel):
    panel.play()
    qtbot.waitUntil(lambda: len(panel.history) >= 1, timeout=20_000)
    panel.controls.lr.setValue(0.05)   # the window is responsive: the spin box takes the value now
    qtbot.waitUntil(lambda: panel.last is not None and panel.last.lr == 0.05, timeout=20_000)
    assert panel.is_running()
    assert all(group["lr"] == 0.05 for group in panel.trainer.optimizer.param_groups)
    panel.controls.layers.setValue(2)   # a new model: training starts again, paused
    assert not panel.is_running() and panel.trainer.epoch == 0
    assert panel.trainer.config.hidden == (3, 4)


def test_reset_draws_new_weights_from_the_seed(panel):
    panel.step_epoch()
    first = [p.clone() for p in panel.trainer.model.parameters()]
    panel.reset()
    assert panel.trainer.epoch == 0 and panel.history == []
    fresh = training.Trainer(SMALL)
    for a, b in zip(panel.trainer.model.parameters(), fresh.model.parameters()):
        assert torch.equal(a, b)
    assert not all(torch.equal(a, b) for a, b in zip(first, panel.trainer.model.parameters()))


def test_save_then_open_resumes_exactly(panel, tmp_path):
    panel.step_epoch()
    panel.step_batch()
    path = tmp_path / "run.pt"
    panel.save_checkpoint(str(path))
    panel.step_epoch()
    panel.step_epoch()
    expected = [dict(h) for h in panel.trainer.history]
    panel.controls.dataset.setCurrentIndex(panel.controls.dataset.findData("circles"))   # something else
    assert panel.trainer.dataset.info.name == "circles"
    assert panel.open_checkpoint(str(path))
    assert (panel.trainer.epoch, panel.trainer.batch) == (1, 1)
    assert panel.controls.config() == training.check(SMALL) and panel.controls.dataset.currentData() == "xor"
    panel.step_epoch()
    panel.step_epoch()
    assert panel.trainer.history == expected


def test_open_refuses_a_bad_file_and_keeps_the_run(panel, tmp_path):
    panel.step_epoch()
    bad = tmp_path / "model.pt"
    checkpoints.save_whole_model(panel.trainer, bad)
    trainer = panel.trainer
    assert not panel.open_checkpoint(str(bad))
    assert panel.message.isVisible() and "needs Python classes or code" in panel.message.text()
    assert panel.trainer is trainer and panel.trainer.epoch == 1


def test_exports(panel, tmp_path):
    panel.step_epoch()
    panel.export(str(tmp_path / "view.png"))
    assert (tmp_path / "view.png").read_bytes()[:4] == b"\x89PNG"
    panel.export(str(tmp_path / "history.csv"))
    lines = (tmp_path / "history.csv").read_text().splitlines()
    assert lines[0] == "epoch,train_loss,test_loss,accuracy" and len(lines) == 2
    panel.export(str(tmp_path / "run.json"))
    data = json.loads((tmp_path / "run.json").read_text())
    assert network.from_dict(data).layers == (2, 3, 1) and data["history"][0]["epoch"] == 1


def test_code_view_shows_the_model_and_the_loop(panel):
    panel.show_view("code")
    text = panel.code.toPlainText()
    assert "nn.Sequential(" in text and "class Net(nn.Module):" in text
    assert "torch.manual_seed(SEED)" in text and "optimizer.step()" in text and "def xor(" in text


def test_clicking_a_point_chooses_the_sample(panel):
    panel.view.point_clicked.emit(7)
    assert panel.sample.value() == 7
    x = panel.trainer.dataset.x_train[7]
    np.testing.assert_allclose(panel.view.chosen.getData()[0], [float(x[0])], rtol=1e-6)


def test_step_through_opens_the_stepper_on_the_same_numbers(qtbot, window):
    panel = window.panels[[p.key for p in window.panels].index("training")]
    window.show_panel("training")
    panel.controls.set_config(SMALL)
    panel.reset()
    panel.step_epoch()
    panel.sample.setValue(4)
    panel.step_through_button.click()
    stepper = window.current_panel()
    assert stepper.key == "backprop"
    spec = stepper.form.spec
    x = panel.trainer.dataset.x_train[4]
    label = float(panel.trainer.dataset.y_train[4])
    assert spec.input == pytest.approx([float(v) for v in x]) and spec.target == (label,)
    weight = panel.trainer.model[0].weight.detach().double().tolist()
    assert [list(r) for r in spec.weights[0]] == weight
    # The loss the Stepper shows is the loss of this point through the trained model.
    with torch.no_grad():
        expected = torch.nn.functional.binary_cross_entropy(panel.trainer.model(x[None]), torch.tensor([[label]]))
    assert stepper.trace.loss == pytest.approx(float(expected), rel=1e-5)


def test_closing_the_window_mid_training_stops_cleanly(qtbot, window):
    panel = window.panels[[p.key for p in window.panels].index("training")]
    window.show_panel("training")
    panel.controls.set_config(SMALL)
    panel.reset()
    panel.play()
    qtbot.waitUntil(lambda: len(panel.history) >= 1, timeout=20_000)
    window.close()
    # The conftest fixture then checks that no thread is left running.


def test_state_round_trips(panel):
    state = panel.state()
    assert json.loads(json.dumps(state)) == state
    panel.controls.dataset.setCurrentIndex(panel.controls.dataset.findData("blobs"))
    panel.set_state(state)
    assert panel.controls.config() == training.check(SMALL)
    panel.set_state({"data": {"name": "nope"}, "hidden": "x"})   # damaged: ignored
    assert panel.controls.config() == training.check(SMALL)


def test_a_diverging_run_stops_and_says_so(qtbot, panel):
    diverging = training.TrainConfig(data=datasets.DataConfig(name="line", samples=60, noise=0.0), hidden=(),
                                     loss="mse", lr=10.0, batch_size=1)
    panel.controls.set_config(diverging)
    panel.reset()
    panel.play()
    qtbot.waitUntil(lambda: panel.message.isVisible(), timeout=20_000)
    assert "diverged" in panel.message.text() and not panel.is_running()
    panel.play()   # refused until the settings change or Reset
    assert not panel.is_running()


# --- what the student reads on the picture ----------------------------------------------------------------


def _overlaps(rects):
    return [(a, b) for i, a in enumerate(rects) for b in rects[i + 1:] if a.intersects(b)]


@pytest.mark.parametrize("layers, output", [((2, 1), "sigmoid"), ((1, 1), "identity"), ((2, 4, 4, 1), "sigmoid"),
                                            ((2, 8, 8, 8, 1), "sigmoid"), ((2, 8, 8, 8, 3), "identity")])
def test_the_network_drawing_writes_only_labels_that_fit_and_every_edge_hovers(qtbot, layers, output):
    from app import label_layout
    from widgets.network_view import HOVER_WIDTH
    from widgets.training_view import FittedNetworkView
    view = FittedNetworkView()
    qtbot.addWidget(view)
    loss = "cross_entropy" if layers[-1] > 1 else "bce" if output == "sigmoid" else "mse"
    spec = network.from_dict({"layers": list(layers), "activation": ["tanh"] * (len(layers) - 2) + [output],
                              "loss": loss, "seed": 2, "input": [0.3] * layers[0], "target": [1.0] + [0.0] * (layers[-1] - 1),
                              "lr": 0.1})
    view.show()
    for size in ((850, 230), (560, 200), (1250, 330)):
        view.resize(*size)
        view.show_weights(spec, themes.get("light"))
        rects = view.label_rects()
        assert not _overlaps(rects), (layers, size)
        edges = {item.data(0): item for item in view.scene().items() if isinstance(item.data(0), tuple)}
        assert len(edges) == sum(a * b for a, b in itertools.pairwise(layers))
        for key, item in edges.items():
            assert view.edge_text[key].split("\n")[0] in item.toolTip()
            assert item.shape().boundingRect().height() >= HOVER_WIDTH - 1 or item.line().dy() != 0
        # A written weight sits on its own edge and no other edge runs through it.
        segments = {k: ((e.line().x1(), e.line().y1()), (e.line().x2(), e.line().y2())) for k, e in edges.items()}
        for item in view.labels:
            if not item.text().startswith("w"):
                continue
            r = item.sceneBoundingRect()
            box = label_layout.Box(r.x(), r.y(), r.width(), r.height())
            crossing = [k for k, seg in segments.items() if label_layout.segment_crosses(seg, box)]
            assert len(crossing) == 1, (layers, size, item.text(), crossing)
        assert any(t.startswith("E = ") for t in (i.text() for i in view.labels)) or layers[1] == 8


def test_the_data_legend_names_the_classes_and_the_shading(panel):
    caption = panel.view.data_caption.text()
    assert "class 0" in caption and "class 1" in caption and "probability of class 1" in caption
    blobs = training.TrainConfig(data=datasets.DataConfig(name="blobs", samples=60), hidden=(3,),
                                 loss="cross_entropy")
    panel.controls.set_config(blobs)
    panel.reset()
    caption = panel.view.data_caption.text()
    assert "class 2" in caption and "predicts" in caption
    panel.controls.set_config(training.TrainConfig(data=datasets.DataConfig(name="line", samples=60), hidden=(),
                                                   loss="mse"))
    panel.reset()
    assert "prediction" in panel.view.data_caption.text() and "class" not in panel.view.data_caption.text()


def test_train_and_test_accuracy_are_both_plotted_and_regression_has_none(panel):
    for _ in range(3):
        panel.step_epoch()
    train = panel.view.train_accuracy_curve.yData   # all of it (getData is clipped to the view)
    test = panel.view.accuracy_curve.yData
    assert list(train) == pytest.approx([100 * h["train_accuracy"] for h in panel.trainer.history])
    assert list(test) == pytest.approx([100 * h["accuracy"] for h in panel.trainer.history])
    assert panel.view.accuracy_curve.opts["pen"].style() != panel.view.train_accuracy_curve.opts["pen"].style()
    panel.controls.set_config(training.TrainConfig(data=datasets.DataConfig(name="line", samples=60), hidden=(),
                                                   loss="mse", lr=0.1))
    panel.reset()
    panel.step_epoch()
    assert not panel.view.accuracy_plot.isVisible()
    w, b = panel.trainer.model[0].weight.item(), panel.trainer.model[0].bias.item()
    assert f"ŷ = {w:.3f}·x {'−' if b < 0 else '+'} {abs(b):.3f}" in panel.status.text()


def test_a_saturated_output_still_draws(panel):
    """A huge rate drives the sigmoid output to exactly 1: BCE stays finite (torch clamps its log), the
    Stepper cannot step it (ln 0), but the Training view must still draw the network."""
    saturated = training.TrainConfig(data=datasets.DataConfig(name="xor", samples=60), hidden=(4, 4), lr=10.0,
                                     batch_size=10)
    panel.controls.set_config(saturated)
    panel.reset()
    for _ in range(5):
        panel.step_epoch()
    with torch.no_grad():
        out = panel.trainer.model(panel.trainer.x_train)
    y = panel.trainer.y_train
    stuck = int((((out == 1) & (y == 0)) | ((out == 0) & (y == 1))).sum())
    assert stuck > 0 and panel.last.saturated == stuck
    assert f"for {stuck} of {len(out)} training points" in panel.status.text()
    assert any(item.text() == "o₁" for item in panel.view.network_view.labels)


def test_training_runs_single_threaded_and_leaves_the_callers_thread_count(panel):
    seen = []
    panel.trainer.model.register_forward_hook(lambda *_a: seen.append(torch.get_num_threads()))
    before = torch.get_num_threads()
    panel.step_epoch()
    assert seen and set(seen) == {1} and torch.get_num_threads() == before


def test_step_through_a_multiclass_sample(qtbot, window):
    panel = window.panels[[p.key for p in window.panels].index("training")]
    window.show_panel("training")
    panel.controls.set_config(training.TrainConfig(data=datasets.DataConfig(name="blobs", samples=60), hidden=(3,),
                                                   loss="cross_entropy", optimizer="adam", lr=0.05))
    panel.reset()
    panel.step_epoch()
    panel.sample.setValue(5)
    panel.step_through_button.click()
    stepper = window.current_panel()
    spec = stepper.form.spec
    x, label = panel.trainer.dataset.x_train[5], int(panel.trainer.dataset.y_train[5])
    assert spec.layers == (2, 3, 3) and spec.loss == "cross_entropy"
    assert spec.target == tuple(1.0 if j == label else 0.0 for j in range(3))
    assert [list(r) for r in spec.weights[1]] == panel.trainer.model[2].weight.detach().double().tolist()
    with torch.no_grad():
        expected = torch.nn.functional.cross_entropy(panel.trainer.model(x[None]), torch.tensor([label]))
    assert stepper.trace.loss == pytest.approx(float(expected), rel=1e-5)


def test_a_longer_loss_note_gets_the_height_it_needs(qtbot, panel):
    note = panel.controls.loss_note
    panel.controls.dataset.setCurrentIndex(panel.controls.dataset.findData("line"))   # a three-line note
    qtbot.waitUntil(lambda: note.height() >= note.heightForWidth(note.width()), timeout=2000)
    assert note.geometry().top() > panel.controls.loss.geometry().bottom() - 1


def test_the_code_view_runs_whole_as_copied_and_prints_this_runs_losses(panel):
    import subprocess
    import sys
    panel.step_epoch()
    panel.step_epoch()
    panel.show_view("code")
    panel.copy_button.click()
    from PySide6.QtGui import QGuiApplication
    text = QGuiApplication.clipboard().text()
    assert text == panel.code.toPlainText()
    done = subprocess.run([sys.executable, "-c", text], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    printed = [line for line in done.stdout.splitlines() if line.startswith("epoch")]
    assert len(printed) == 2
    for line, entry in zip(printed, panel.trainer.history):
        assert f"train loss {entry['train_loss']:.6f}, test loss {entry['test_loss']:.6f}" in line


def test_the_hidden_activation_is_off_without_hidden_layers(panel):
    panel.controls.layers.setValue(0)
    assert not panel.controls.activation.isEnabled()
    panel.controls.layers.setValue(1)
    assert panel.controls.activation.isEnabled()


def test_clicking_an_edge_shows_its_weight(qtbot, panel):
    from PySide6.QtCore import Qt
    view = panel.view.network_view
    key = (2, 0, 1)   # hidden unit 2 -> the output: a thin line, no label of its own needed
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.edge_midpoint(key))
    assert view.clicked_text.startswith(view.edge_text[key].split("\n")[0])
