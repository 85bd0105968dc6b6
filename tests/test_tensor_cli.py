"""`torch-playground tensor`: PyTorch's printout or the documented JSON; refusals are one line,
exit 2, no file, and come from the evaluator at once."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import torch

from app import cli

ROOT = Path(__file__).resolve().parent.parent


def run(argv, capsys):
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_prints_the_last_value_as_pytorch_prints_it(capsys):
    code, out, err = run(["tensor", "A = torch.arange(20).reshape(5, 4); A.sum(dim=0, keepdim=True)"], capsys)
    assert code == 0 and err == ""
    assert out == repr(torch.arange(20).reshape(5, 4).sum(dim=0, keepdim=True)) + "\n"


def test_print_output_comes_first(capsys):
    code, out, _ = run(["tensor", "x = torch.ones(2)\nprint(x.shape)\nx.sum()"], capsys)
    assert code == 0 and out.splitlines() == ["torch.Size([2])", "tensor(2.)"]


@pytest.mark.parametrize("program, expected", [
    ("torch.tensor([[1.5, 2.0], [3.0, 4.0]])",
     {"kind": "tensor", "shape": [2, 2], "dtype": "torch.float32", "value": [[1.5, 2.0], [3.0, 4.0]]}),
    ("torch.ones(2, 3).shape", {"kind": "shape", "value": [2, 3]}),
    ("torch.tensor([1, 2, 3]).sum().item()", {"kind": "number", "value": 6}),
    ("torch.equal(torch.ones(2), torch.ones(2))", {"kind": "bool", "value": True}),
    ("torch.tensor([1, 5, 2]).topk(2)", {"kind": "seq", "value": [
        {"kind": "tensor", "shape": [2], "dtype": "torch.int64", "value": [5, 2]},
        {"kind": "tensor", "shape": [2], "dtype": "torch.int64", "value": [1, 2]}]}),
    ("torch.split(torch.arange(3), 2)", {"kind": "seq", "value": [
        {"kind": "tensor", "shape": [2], "dtype": "torch.int64", "value": [0, 1]},
        {"kind": "tensor", "shape": [1], "dtype": "torch.int64", "value": [2]}]}),
    ("torch.tensor([1.0, 0.0]) / 0", {"kind": "tensor", "shape": [2], "dtype": "torch.float32",
                                      "value": ["inf", "nan"]}),
])
def test_json_forms(program, expected, capsys):
    code, out, _ = run(["tensor", program, "--json"], capsys)
    assert code == 0
    assert json.loads(out) == expected


def test_backward_from_the_command_line(capsys):
    program = "x = torch.arange(4.0, requires_grad=True); y = 2 * torch.dot(x, x); y.backward(); x.grad"
    code, out, _ = run(["tensor", program, "--json"], capsys)
    assert code == 0 and json.loads(out)["value"] == [0.0, 4.0, 8.0, 12.0]


@pytest.mark.parametrize("suffix", ["csv", "npy", "pt"])
def test_out_writes_the_last_tensor(suffix, tmp_path, capsys):
    path = tmp_path / f"a.{suffix}"
    code, _, _ = run(["tensor", "torch.arange(6.0).reshape(2, 3).T", "--out", str(path)], capsys)
    assert code == 0
    expected = torch.arange(6.0).reshape(2, 3).T
    if suffix == "csv":
        with path.open() as f:
            rows = list(csv.reader(f))
        assert rows[0] == ["0", "1"] and [[float(v) for v in r] for r in rows[1:]] == expected.tolist()
    elif suffix == "npy":
        np.testing.assert_array_equal(np.load(path), expected.numpy())
    else:
        assert torch.equal(torch.load(path, weights_only=True), expected)


@pytest.mark.parametrize("argv, fragment", [
    (["tensor", "torch.zeros(100000, 100000)"], "over the limit of 50,000,000"),
    (["tensor", "torch.ones(2000)", "--limit", "1000"], "over the limit of 1,000"),
    (["tensor", "torch.ones(2)", "--limit", "5"], "size limit"),
    (["tensor", "9**9**9"], "too large"),
    (["tensor", "x = torch.ones(2)\nx.__class__"], "Line 2, column 1"),
    (["tensor", "torch.save(torch.ones(2), 'f.pt')"], "torch.save is not available"),
    (["tensor", "open('f.txt', 'w')"], "open"),
    (["tensor", "torch.ones(2, 3) @ torch.ones(2, 3)"], "(2, 3) @ (2, 3)"),
    (["tensor", "torch.ones(2)", "--device", "nowhere"], "not available"),
    (["tensor", "torch.ones(2).shape", "--out", "x.csv"], "tensor"),
    (["tensor", "torch.ones(2)", "--out", "x.txt"], "--out must end in"),
])
def test_refused_or_failing_programs_are_one_line_exit_2_and_no_file(argv, fragment, tmp_path, capsys,
                                                                         monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert fragment in err and err.count("\n") == 1 and err.startswith("error: ")
    assert list(tmp_path.iterdir()) == []


def test_a_memory_bomb_is_refused_within_a_second_of_evaluator_time(capsys):
    run(["tensor", "torch.ones(1)"], capsys)   # imports done, as in a fresh process after `import torch`
    start = time.perf_counter()
    code, _, err = run(["tensor", "a = torch.ones(10 ** 5, 1); b = torch.ones(1, 10 ** 5); (a * b).sum()"], capsys)
    assert code == 2 and "over the limit" in err
    assert time.perf_counter() - start < 1.0


def test_the_installed_entry_refuses_in_a_fresh_process(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "tensor", "torch.randn(10 ** 6, 10 ** 6)"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "over the limit" in result.stderr
    assert list(tmp_path.iterdir()) == []
