"""`torch-playground step` and the worked-example exports: what is written is parsed back and checked."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
import torch

from app import backprop, cli, network, worked_example


@pytest.fixture
def mazur_file(tmp_path):
    path = tmp_path / "mazur.json"
    path.write_text(network.MAZUR.to_json(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def mazur():
    return backprop.step(network.MAZUR)


def run(argv, capsys):
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_exactly_the_documented_shape(mazur_file, capsys):
    code, out, _ = run(["step", "--net", str(mazur_file), "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"loss", "output", "grad_input", "layers", "autograd_agrees"}
    assert data["autograd_agrees"] is True
    assert data["loss"] == pytest.approx(0.298371109, abs=1e-9)
    assert len(data["layers"]) == 2
    for layer in data["layers"]:
        assert set(layer) == {"z", "a", "weight", "bias", "grad_weight", "grad_bias", "new_weight", "new_bias"}
    assert data["layers"][0]["z"][0] == pytest.approx(0.3775)                    # first hidden layer first
    assert data["layers"][1]["grad_weight"][0][0] == pytest.approx(0.082167041, abs=1e-9)
    assert data["layers"][1]["new_weight"][0][0] == pytest.approx(0.35891648, abs=1e-8)
    assert data["output"] == data["layers"][1]["a"]


def test_a_file_without_weights_but_a_seed_and_no_loss(tmp_path, capsys):
    spec = {"layers": [3, 2], "activation": "identity", "loss": "none", "seed": 1, "input": [1, 2, 3], "lr": 0.1}
    path = tmp_path / "net.json"
    path.write_text(json.dumps(spec))
    code, out, _ = run(["step", "--net", str(path), "--json"], capsys)
    data = json.loads(out)
    w = np.asarray(data["layers"][0]["weight"])
    assert code == 0 and data["layers"][0]["grad_bias"] == [1.0, 1.0]
    np.testing.assert_allclose(data["grad_input"], w.sum(axis=0))   # E = Σ (W x + b)


@pytest.mark.parametrize("change, field", [
    ({"activation": "swish"}, "activation"),
    ({"weights": [[[1, 2, 3]], [[1, 2]]]}, "weights[0]"),
    ({"layers": [2, 2, 2, "3"]}, "layers[3]"),
])
def test_a_bad_spec_is_one_line_naming_the_field_exit_2(tmp_path, capsys, change, field):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({**network.MAZUR.to_dict(), **change}))
    code, out, err = run(["step", "--net", str(path)], capsys)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and field in err and err.count("\n") == 1


def test_missing_field_unreadable_file_and_bad_json(tmp_path, capsys):
    data = network.MAZUR.to_dict()
    del data["input"]
    (tmp_path / "a.json").write_text(json.dumps(data))
    (tmp_path / "b.json").write_text("{not json")
    for name, fragment in [("a.json", "input is missing"), ("b.json", "not valid JSON"), ("none.json", "cannot read")]:
        code, _, err = run(["step", "--net", str(tmp_path / name)], capsys)
        assert code == 2 and fragment in err and err.count("\n") == 1


@pytest.mark.parametrize("change, fragment", [
    ({"weights": [[[0.15, float("nan")], [0.25, 0.3]], [[0.4, 0.45], [0.5, 0.55]]]}, "weights[0][0][1]"),
    ({"input": [0.05, float("inf")]}, "input[1]"),
    ({"biases": [[0.35, "x"], [0.6, 0.6]]}, "biases[0][1]"),
    ({"layers": [2, 100000, 2]}, "layers[1]"),
    ({"layers": [2, 10 ** 40, 2]}, "layers[1]"),
    ({"activation": "exp"}, "activation"),
    ({"loss": "cross_entropy", "target": 7}, "target"),
    # A finite loss whose gradients overflow float32: named, not a NaN in the JSON.
    ({"layers": [16] * 7, "activation": "identity", "loss": "none", "input": [0.0] * 16,
      "weights": [[[1e6] * 16] * 16] * 6, "biases": [[0.0] * 16] * 6, "dtype": "float32"}, "gradients overflow"),
])
def test_more_bad_specs_each_one_line_exit_2(tmp_path, capsys, change, fragment):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({**network.MAZUR.to_dict(), **change}))   # NaN and Infinity as Python writes them
    code, out, err = run(["step", "--net", str(path), "--json"], capsys)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and fragment in err and err.count("\n") == 1


def test_unreadable_nets_each_one_line_exit_2(tmp_path, capsys):
    (tmp_path / "dir.json").mkdir()
    (tmp_path / "latin1.json").write_bytes(b"\xff\xfe{}")
    (tmp_path / "list.json").write_text("[1, 2]")
    (tmp_path / "deep.json").write_text("[" * 100000 + "]" * 100000)
    for name, fragment in [("dir.json", "cannot read"), ("latin1.json", "cannot read"),
                           ("list.json", "JSON object"), ("deep.json", "not valid JSON")]:
        code, out, err = run(["step", "--net", str(tmp_path / name), "--json"], capsys)
        assert code == 2 and out == "" and fragment in err and err.count("\n") == 1, name


def test_summary_and_files(mazur_file, tmp_path, capsys):
    for suffix in ("json", "md", "tex"):
        out = tmp_path / f"step.{suffix}"
        code, text, _ = run(["step", "--net", str(mazur_file), "--out", str(out)], capsys)
        assert code == 0 and "agree" in text and f"wrote {out}" in text and out.stat().st_size > 100
    assert json.loads((tmp_path / "step.json").read_text())["autograd_agrees"] is True
    code, _, err = run(["step", "--net", str(mazur_file), "--out", str(tmp_path / "x.txt")], capsys)
    assert code == 2 and "--out must end in" in err


def test_markdown_flag_prints_the_worked_example(mazur_file, capsys):
    code, out, _ = run(["step", "--net", str(mazur_file), "--markdown"], capsys)
    assert code == 0 and out.startswith("# Backpropagation, step by step")


# --- Markdown ------------------------------------------------------------------------------------


def test_markdown_tables_read_back_as_the_trace(mazur):
    units, weights, biases = worked_example.parse_markdown_tables(worked_example.markdown(mazur))
    assert units[0] == worked_example.UNIT_HEADER and weights[0] == worked_example.WEIGHT_HEADER
    rows = {r[0]: r for r in units[1:]}
    assert float(rows["h₁"][1]) == pytest.approx(0.3775, rel=1e-9)
    for k, lt in enumerate(mazur.layers):
        for j in range(len(lt.z)):
            row = rows[backprop.unit_name(mazur.spec, k + 1, j)]
            got = [float(v) for v in row[1:]]
            want = [lt.z[j], lt.a[j], lt.grad_a[j], lt.grad_z[j]]
            np.testing.assert_allclose(got, want, rtol=1e-9)
    table = {r[0]: [float(v) for v in r[3:]] for r in weights[1:]}
    assert table["w₅"] == pytest.approx([0.40, 0.082167041, 0.35891648], abs=1e-8)   # Mazur's numbers
    assert table["w₁"][2] == pytest.approx(0.149780716, abs=1e-9)
    assert [float(r[4]) for r in biases[1:]] == [0.35, 0.35, 0.6, 0.6]


def test_markdown_lists_every_step_with_its_numbers(mazur):
    text = worked_example.markdown(mazur)
    for step in mazur.steps:
        assert step.title in text
        for formula, plugged in step.lines:
            assert formula in text and plugged in text
    assert "agrees" in text


# --- LaTeX ---------------------------------------------------------------------------------------


def _balanced(text: str) -> bool:
    depth = 0
    for i, c in enumerate(text):
        if c in "{}" and i and text[i - 1] == "\\":
            continue
        depth += {"{": 1, "}": -1}.get(c, 0)
        if depth < 0:
            return False
    return depth == 0


@pytest.mark.parametrize("key", ["mazur", *network.PRESETS])
def test_latex_is_balanced_ascii_and_holds_the_numbers(key):
    trace = backprop.step(network.preset_spec(key, seed=2))
    text = worked_example.latex(trace)
    assert text.isascii(), sorted({c for c in text if not c.isascii()})
    assert _balanced(text)
    begins = re.findall(r"\\begin\{(\w+\*?)\}", text)
    ends = re.findall(r"\\end\{(\w+\*?)\}", text)
    assert sorted(begins) == sorted(ends) and begins[0] == "document"
    assert r"\left[" not in text or text.count(r"\left[") == text.count(r"\right]")
    assert "$$" not in text and text.count("$") % 2 == 0
    assert worked_example.number(trace.loss) in text
    for lt in trace.layers:
        for v in lt.new_weight.ravel():
            assert worked_example.number(v) in text


def test_latex_math_of_the_symbols():
    assert worked_example.latex_math("∂E/∂w₁₂") == r"\partial E/\partial w_{12}"
    assert worked_example.latex_math("h²₃ = σ(z(h²₃))") == r"h^{2}_{3} = \sigma(z(h^{2}_{3}))"


def test_latex_compiles_when_pdflatex_is_here(tmp_path, mazur):
    import shutil
    import subprocess
    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex is not installed here")
    (tmp_path / "m.tex").write_text(worked_example.latex(mazur))
    subprocess.run(["pdflatex", "-interaction=nonstopmode", "m.tex"], cwd=tmp_path, check=True,
                   capture_output=True, timeout=60)


def test_torch_sees_the_same_numbers_the_tables_show(mazur):
    """The table's ∂E/∂w are autograd's, read back from text."""
    model = network.build_module(network.MAZUR)
    x = torch.tensor([network.MAZUR.input], dtype=torch.float64)
    t = torch.tensor([network.MAZUR.target], dtype=torch.float64)
    (0.5 * ((t - model(x)) ** 2).sum()).backward()
    _, weights, _ = worked_example.parse_markdown_tables(worked_example.markdown(mazur))
    grads = [float(r[4]) for r in weights[1:]]
    want = torch.cat([model[0].weight.grad.ravel(), model[2].weight.grad.ravel()]).numpy()
    np.testing.assert_allclose(grads, want, rtol=1e-9)


def test_png_and_svg_of_the_network(qapp, mazur_file, tmp_path, capsys):
    from xml.etree import ElementTree

    from PySide6.QtGui import QImage

    import main

    for suffix in ("png", "svg"):
        out = tmp_path / f"net.{suffix}"
        assert main.main(["step", "--net", str(mazur_file), "--out", str(out)]) == 0
    assert QImage(str(tmp_path / "net.png")).width() > 600
    svg = (tmp_path / "net.svg").read_text()
    assert ElementTree.fromstring(svg).tag.endswith("svg") and "0.3775" in svg and "0.1385" in svg
    capsys.readouterr()
