"""Startup: the first painted frame of `main.py --smoke` against a bare torch+Qt+pyqtgraph window.

Runs alternate (app, bare, app, bare, ...) so both see the same machine state; prints the medians
and their ratio. Target: ratio <= 1.2.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def first_frame(command: list[str]) -> float:
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=True).stdout
    return float(next(l for l in out.splitlines() if l.startswith("first_frame_s=")).split("=")[1])


def run(rounds: int = 7) -> dict:
    app_cmd = [sys.executable, "main.py", "--smoke"]
    bare_cmd = [sys.executable, "bench/bare_window.py"]
    first_frame(app_cmd)   # warm the file cache for both
    first_frame(bare_cmd)
    app_times, bare_times = [], []
    for _ in range(rounds):
        app_times.append(first_frame(app_cmd))
        bare_times.append(first_frame(bare_cmd))
    app_median, bare_median = statistics.median(app_times), statistics.median(bare_times)
    return {"app_first_frame_s": app_median, "bare_first_frame_s": bare_median,
            "ratio": app_median / bare_median, "rounds": rounds}


if __name__ == "__main__":
    from widgets.display import ensure_display
    ensure_display(shared=True)   # each round is a new process on the same screen
    result = run()
    print(f"startup: app {result['app_first_frame_s']:.3f} s, bare window {result['bare_first_frame_s']:.3f} s, "
          f"ratio {result['ratio']:.2f} (target <= 1.2, median of {result['rounds']})")
