"""`torch-playground train` and `inspect`: the issue's options and JSON keys, exit codes."""

from __future__ import annotations

import json

import pytest

import main


def run(capsys, *argv):
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_train_json_has_the_issue_keys(capsys):
    code, out, err = run(capsys, "train", "--dataset", "xor", "--hidden", "4", "--activation", "tanh", "--loss",
                         "bce", "--optimizer", "adam", "--lr", "0.05", "--batch-size", "10", "--epochs", "3",
                         "--seed", "1", "--noise", "0.05", "--device", "cpu", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) == {"train_loss", "test_loss", "accuracy", "epoch", "history"}   # the issue's, exactly
    assert data["epoch"] == 3 and len(data["history"]) == 3
    assert set(data["history"][0]) == {"epoch", "train_loss", "test_loss", "accuracy"}
    assert data["history"][-1]["train_loss"] == data["train_loss"]


def test_save_resume_and_inspect(capsys, tmp_path):
    path = tmp_path / "run.pt"
    code, out, _ = run(capsys, "train", "--dataset", "two_blobs", "--hidden", "0", "--epochs", "2", "--save",
                       str(path), "--json")
    assert code == 0 and path.exists()
    first = json.loads(out)
    code, out, _ = run(capsys, "train", "--resume", str(path), "--epochs", "2", "--json")
    resumed = json.loads(out)
    code, out, _ = run(capsys, "train", "--dataset", "two_blobs", "--hidden", "0", "--epochs", "4", "--json")
    assert resumed["history"] == json.loads(out)["history"] and resumed["history"][:2] == first["history"]
    code, out, _ = run(capsys, "inspect", str(path), "--json")
    assert code == 0
    info = json.loads(out)
    assert info["epoch"] == 2 and info["spec"]["layers"] == [2, 1] and info["parameters"]["0.weight"] == [1, 2]
    code, out, _ = run(capsys, "inspect", str(path))
    assert "epoch: 2" in out and "0.weight: (1, 2)" in out


@pytest.mark.parametrize("argv, fragment", [
    (["train"], "--dataset"),
    (["train", "--dataset", "nope"], "unknown dataset"),
    (["train", "--dataset", "xor", "--hidden", "4,x"], "--hidden"),
    (["train", "--dataset", "xor", "--hidden", "9"], "hidden layers"),
    (["train", "--dataset", "blobs", "--loss", "bce"], "does not fit"),
    (["train", "--dataset", "xor", "--lr", "-1"], "lr of SGD"),
    (["train", "--dataset", "xor", "--plot", "x.jpg"], "--plot"),
    (["train", "--dataset", "xor", "--epochs", "-1"], "--epochs"),
    (["train", "--dataset", "xor", "--batch-size", "0"], "batch size"),
    (["train", "--dataset", "xor", "--lr", "nan"], "lr of SGD"),
    (["train", "--dataset", "xor", "--save", "."], "--save is a folder"),
    (["train", "--dataset", "xor", "--noise", "2"], "noise"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, argv, fragment):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert fragment in err and err.count("\n") == 1


def test_unsafe_and_broken_files_are_refused(capsys, tmp_path):
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"not a checkpoint")
    for argv in (["inspect", str(bad)], ["train", "--resume", str(bad)]):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == "" and "truncated or corrupted" in err and err.count("\n") == 1
    code, _, err = run(capsys, "train", "--resume", str(bad), "--lr", "0.1")
    assert code == 2 and "leave out --lr" in err


def test_plot_writes_a_png(capsys, tmp_path):
    path = tmp_path / "run.png"
    code, _, _ = run(capsys, "train", "--dataset", "circles", "--epochs", "2", "--plot", str(path))
    assert code == 0 and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    from PySide6.QtGui import QImage
    image = QImage(str(path))
    assert image.width() > 500 and image.height() > 400
