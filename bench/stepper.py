"""The Backprop Stepper: (1) computing a whole trace (chain rule written out, autograd check, graph)
against a bare PyTorch training step on the same nn.Sequential, as a ratio; (2) the latency of one
Step ▶ in the panel, from the key to the repainted drawing (target: median <= 33 ms, one frame at
30 fps), for Mazur's 2-2-2 and for the largest network the panel draws, 8-8-8-8-8."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SHAPES = {"2-2-2": [2, 2, 2], "8-8-8-8-8": [8, 8, 8, 8, 8]}


def _spec(layers):
    from app import network
    if layers == [2, 2, 2]:
        return network.MAZUR
    return network.from_dict({"layers": layers, "activation": "tanh", "loss": "mse", "seed": 1,
                              "input": [0.5] * layers[0], "target": [0.0] * layers[-1], "lr": 0.1})


def _median_s(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bare_step(spec) -> None:
    """What a PyTorch script does for one step: build, forward, loss, backward, SGD."""
    import torch

    from app import network
    model = network.build_module(spec)
    x = torch.tensor([spec.input], dtype=torch.float64)
    t = torch.tensor([spec.target], dtype=torch.float64)
    loss = network.loss_value(spec.loss, model(x), t)
    loss.backward()
    torch.optim.SGD(model.parameters(), lr=spec.lr).step()


def compute(repeats: int = 30) -> dict:
    from app import backprop
    out = {}
    for name, layers in SHAPES.items():
        spec = _spec(layers)
        ours = _median_s(lambda s=spec: backprop.step(s), repeats)
        bare = _median_s(lambda s=spec: bare_step(s), repeats)
        out[name] = (1000 * ours, 1000 * bare)
    return out


def step_latency(samples: int = 40) -> dict:
    from PySide6.QtWidgets import QApplication

    from widgets.application import create_app
    from widgets.backprop_panel import BackpropPanel
    create_app()
    out = {}
    for name, layers in SHAPES.items():
        panel = BackpropPanel()
        panel.resize(1400, 860)
        panel.show()
        panel.form._emit(_spec(layers), "custom")
        for _ in range(3):
            QApplication.processEvents()
        times = []
        for i in range(samples):
            start = time.perf_counter()
            panel.playback.step(1 if i < samples // 2 else -1)
            panel.network_view.viewport().repaint()
            times.append(time.perf_counter() - start)
            QApplication.processEvents()
        panel.close()
        out[name] = (1000 * statistics.median(times), 1000 * sorted(times)[int(0.9 * samples)])
    return out


if __name__ == "__main__":
    from widgets.display import ensure_display
    ensure_display()
    for name, (ours, bare) in compute().items():
        print(f"stepper trace {name}: {ours:.1f} ms vs bare PyTorch step {bare:.1f} ms: ratio {ours / bare:.1f}")
    for name, (median, p90) in step_latency().items():
        print(f"stepper Step ▶ {name}: median {median:.1f} ms, p90 {p90:.1f} ms (target median <= 33 ms)")
