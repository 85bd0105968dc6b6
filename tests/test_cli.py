"""The command line: values from torch, files written, one-line errors with exit code 2."""

import csv
import json
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from app import cli

ROOT = Path(__file__).resolve().parent.parent


def run(argv, capsys):
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_json_matches_torch(capsys):
    code, out, _ = run(["activation", "leaky_relu", "--param", "negative_slope=0.2", "--range", "-2,3",
                        "--points", "11", "--second", "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["name"] == "leaky_relu" and data["params"] == {"negative_slope": 0.2}
    x = torch.linspace(-2, 3, 11, dtype=torch.float64)
    np.testing.assert_allclose(data["x"], x.numpy())
    np.testing.assert_allclose(data["f"], F.leaky_relu(x, 0.2).numpy())
    np.testing.assert_allclose(data["df"], np.where(x.numpy() > 0, 1.0, 0.2))
    np.testing.assert_allclose(data["d2f"], 0.0)


def test_csv_columns(tmp_path, capsys):
    out = tmp_path / "sig.csv"
    code, text, _ = run(["activation", "sigmoid", "--range=-4,4", "--points", "9", "--out", str(out)], capsys)
    assert code == 0 and "wrote" in text and "σ′(x) = σ(x)(1 − σ(x))" in text
    with out.open() as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["x", "f", "df"] and len(rows) == 9
    for row in rows:
        s = torch.sigmoid(torch.tensor(float(row["x"]), dtype=torch.float64))
        assert float(row["f"]) == pytest.approx(s.item(), abs=1e-15)
        assert float(row["df"]) == pytest.approx((s * (1 - s)).item(), abs=1e-15)


def test_csv_with_second_derivative_has_d2f(tmp_path, capsys):
    out = tmp_path / "tanh.csv"
    code, _, _ = run(["activation", "tanh", "--points", "5", "--second", "--out", str(out)], capsys)
    assert code == 0
    with out.open() as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["x", "f", "df", "d2f"]
    for row in rows:
        t = torch.tanh(torch.tensor(float(row["x"]), dtype=torch.float64))
        assert float(row["d2f"]) == pytest.approx((-2 * t * (1 - t * t)).item(), abs=1e-14)


def test_devices_json(capsys):
    code, out, _ = run(["devices", "--json"], capsys)
    assert code == 0
    assert [d["key"] for d in json.loads(out)][:2] == ["auto", "cpu"]


@pytest.mark.parametrize("argv, fragment", [
    (["activation", "swish"], "unknown activation 'swish'"),
    (["activation", "elu", "--param", "beta=2"], "no parameter 'beta'"),
    (["activation", "elu", "--param", "alpha"], "KEY=VALUE"),
    (["activation", "elu", "--param", "alpha=abc"], "must be a number"),
    (["activation", "relu", "--range", "3,1"], "A < B"),
    (["activation", "relu", "--range", "1"], "two numbers"),
    (["activation", "relu", "--points", "1"], "points"),
    (["activation", "relu", "--points", "100000000"], "points"),
    (["activation", "relu", "--points", "ten"], "invalid int"),
    (["activation", "relu", "--out", "x.txt"], "--out must end in"),
    (["activation", "relu", "--device", "tpu"], "device 'tpu'"),
    (["nonsense"], "invalid choice"),
    (["activation", "relu", "--range", "-inf,5"], "finite"),
    (["activation", "tanh", "--range=-1e150,1e150", "--out", "t.png"], "cannot be drawn"),
])
def test_bad_input_is_one_line_exit_2_and_no_file(argv, fragment, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(argv + ["--out", str(tmp_path / "never.csv")] if "--out" not in argv else argv, capsys)
    assert code == 2
    assert fragment in err
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert list(tmp_path.iterdir()) == []


def subprocess_main(*args, timeout=120):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)


def test_version():
    import app
    result = subprocess_main("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"torch-playground {app.__version__}"


def drawn_colours(path) -> int:
    """How many distinct colours a row through the upper plot has: a blank figure has one or two."""
    from PySide6.QtGui import QImage
    image = QImage(str(path))
    assert not image.isNull()
    y = image.height() // 4
    return len({image.pixelColor(x, y).name() for x in range(image.width())})


def test_png_and_svg_output(tmp_path, qapp):
    png, svg = tmp_path / "gelu.png", tmp_path / "gelu.svg"
    for path in (png, svg):
        result = subprocess_main("activation", "gelu", "--second", "--out", str(path))
        assert result.returncode == 0, result.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and drawn_colours(png) > 3
    assert result.stderr == ""   # no Qt plugin chatter on the way
    root = ElementTree.parse(svg).getroot()
    assert root.tag.endswith("svg") and len(list(root.iter())) > 20


def test_png_draws_the_numbers_it_was_given(tmp_path, qapp):
    """A range narrower than the window's spin boxes allow still draws, and is not clamped."""
    png = tmp_path / "narrow.png"
    result = subprocess_main("activation", "sigmoid", "--range", "0.001,0.004", "--out", str(png))
    assert result.returncode == 0, result.stderr
    assert drawn_colours(png) > 3


def test_unwritable_output_is_one_line_exit_2(tmp_path, capsys):
    blocked = tmp_path / "file"
    blocked.write_text("")
    code, _, err = run(["activation", "relu", "--out", str(blocked / "x.csv")], capsys)
    assert code == 2 and err.startswith("error: ") and err.count("\n") == 1


def test_overflowing_curves_are_refused_not_printed_as_nan(capsys):
    code, out, err = run(["activation", "mish", "--range=-1000,1000", "--second", "--json"], capsys)
    assert code == 2 and "not a finite number" in err and out == ""
    code, _, err = run(["activation", "relu", "--range=-1e308,1e308", "--points", "3"], capsys)
    assert code == 2 and "too wide" in err


def test_help_lists_window_options(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert "--screenshot" in out and "--smoke" in out and "activation" in out


def test_screenshot_needs_a_folder(capsys):
    code, _, err = run(["--screenshot="], capsys)
    assert code == 2 and "needs a folder" in err


def test_screenshot_into_an_unwritable_place_is_one_line(tmp_path, capsys):
    blocked = tmp_path / "file"
    blocked.write_text("")
    code, _, err = run(["--screenshot", str(blocked / "shots")], capsys)
    assert code == 2 and "cannot write screenshots" in err and err.count("\n") == 1


def test_a_closed_pipe_is_not_an_error():
    reader = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "activation", "relu", "--json",
                               "--points", "200000"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.read(10)
    reader.stdout.close()   # like `| head -c 10`
    err = reader.stderr.read().decode()
    reader.stderr.close()
    assert reader.wait(timeout=60) == 0 and "Traceback" not in err
