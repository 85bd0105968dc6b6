"""Redraw latency of the activation plot at 10,000 points: from a parameter change to the
repainted plots (compute by autograd, setData, synchronous repaint). Target: median <= 16 ms."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def run(samples: int = 60, points: int = 10_000) -> dict:
    import torch
    from PySide6.QtWidgets import QApplication

    from widgets import theme as themes
    from widgets.activation_view import ActivationView
    from widgets.application import create_app

    create_app()
    view = ActivationView()
    view.changed.connect(lambda: view.draw(torch.device("cpu"), themes.get("light")))
    view.resize(1400, 860)
    view.show()
    view.points.setValue(points)
    view.set_shown(["leaky_relu", "elu", "gelu"])   # three curves, two plots, like a class demo
    editor = view.param_editor("negative_slope")
    for _ in range(5):
        QApplication.processEvents()
    times = []
    for i in range(samples):
        start = time.perf_counter()
        editor.setValue(0.01 + 0.9 * (i % 30) / 30)       # as a slider drag would, one step
        view.figure.viewport().repaint()                  # paint now, not at the next loop turn
        times.append(time.perf_counter() - start)
        QApplication.processEvents()
    view.close()
    return {"median_ms": 1000 * statistics.median(times), "p90_ms": 1000 * sorted(times)[int(0.9 * samples)],
            "points": points, "samples": samples}


if __name__ == "__main__":
    from widgets.display import ensure_display
    ensure_display()
    r = run()
    print(f"redraw: {r['points']:,} points, median {r['median_ms']:.1f} ms, p90 {r['p90_ms']:.1f} ms "
          f"over {r['samples']} parameter changes (target median <= 16 ms)")
