"""`main.py --screenshot` and `--smoke` as a user or CI runs them: a separate process."""

import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parent.parent


def test_screenshot_writes_a_png_per_view_in_english_and_chinese(tmp_path):
    result = subprocess.run([sys.executable, "main.py", "--screenshot", str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    for view in ("activations", "mse", "softmax", "cross_entropy", "bce_mse"):
        assert f"activations-{view}-en-light.png" in names
        assert f"activations-{view}-zh_CN-light.png" in names
        assert f"activations-{view}-en-dark.png" in names
    image = QImage(str(tmp_path / "activations-activations-en-light.png"))
    assert image.width() >= 1200 and image.height() >= 700


def test_smoke_prints_first_frame_time():
    result = subprocess.run([sys.executable, "main.py", "--smoke"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    line = [l for l in result.stdout.splitlines() if l.startswith("first_frame_s=")]
    assert line and 0 < float(line[0].split("=")[1]) < 60
