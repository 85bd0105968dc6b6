"""`torch-playground optimize`: the issue's options and JSON, one-line errors with exit code 2."""

from __future__ import annotations

import json

import pytest

import main


def run(capsys, *argv):
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_the_documented_shape(capsys):
    code, out, err = run(capsys, "optimize", "--optimizer", "adam", "--lr", "0.1", "--start", "-4,0",
                         "--start", "0,0", "--steps", "2000", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["surface"] == "himmelblau" and data["optimizer"] == "adam"
    assert [r["start"] for r in data["runs"]] == [[-4.0, 0.0], [0.0, 0.0]]
    for record in data["runs"]:
        assert set(record) == {"start", "final", "final_loss", "steps", "status", "minimum"}
        assert record["status"] in ("converged", "diverged", "max_steps")
    assert data["runs"][1]["minimum"] == [3.0, 2.0]


def test_torch_defaults_apply_and_float64_is_exact(capsys):
    import torch
    code, out, _err = run(capsys, "optimize", "--optimizer", "sgd", "--start", "1,1", "--steps", "3",
                          "--dtype", "float64", "--json")
    p = torch.tensor([1.0, 1.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p])   # lr 1e-3: torch's default
    for _ in range(3):
        opt.zero_grad()
        ((p[0] ** 2 + p[1] - 11) ** 2 + (p[0] + p[1] ** 2 - 7) ** 2).backward()
        opt.step()
    assert code == 0 and json.loads(out)["runs"][0]["final"] == p.detach().tolist()


def test_summary_and_csv(capsys, tmp_path):
    out_file = tmp_path / "runs.csv"
    code, out, _err = run(capsys, "optimize", "--surface", "x**2 + 3*y**2", "--optimizer", "sgd", "--lr", "0.1",
                          "--momentum", "0.5", "--nesterov", "--start", "-4,-1", "--steps", "50", "--out", str(out_file))
    assert code == 0 and "wrote" in out and "SGD lr=0.1 momentum=0.5 nesterov=true" in out
    header, first, *_ = out_file.read_text().splitlines()
    assert header.startswith("run,step,x,y,loss,grad_x,grad_y,update_x,update_y,momentum_buffer_x")
    assert first.startswith("0,0,-4.0,-1.0,19.0,-8.0,-6.0")


@pytest.mark.parametrize(("argv", "fragment"), [
    (["--optimizer", "adam", "--momentum", "0.9", "--start", "0,0", "--steps", "5"], "no hyperparameter 'momentum'"),
    (["--optimizer", "adam", "--start", "0", "--steps", "5"], "--start must be two numbers"),
    (["--optimizer", "adam", "--start", "0,0", "--steps", "0"], "steps must be between"),
    (["--optimizer", "adam", "--lr", "-1", "--start", "0,0", "--steps", "5"], "lr of Adam must be in"),
    (["--optimizer", "sgdd", "--start", "0,0", "--steps", "5"], "unknown optimizer"),
    (["--surface", "x + import", "--optimizer", "sgd", "--start", "0,0", "--steps", "5"], "Column"),
    (["--optimizer", "sgd", "--start", "0,0", "--steps", "5", "--out", "a.txt"], "--out must end in"),
    (["--optimizer", "adam", "--betas", "0.9", "--start", "0,0", "--steps", "5"], "two numbers"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, argv, fragment):
    code, out, err = run(capsys, "optimize", *argv)
    assert code == 2 and out == ""
    assert fragment in err and err.count("\n") == 1


def test_image_output_without_the_gui_is_refused(capsys, tmp_path):
    from app import cli
    code = cli.main(["optimize", "--optimizer", "adam", "--start", "0,0", "--steps", "5", "--out",
                     str(tmp_path / "a.png")], renderers={})
    assert code == 2 and "GUI" in capsys.readouterr().err
