"""Training panel core: epochs per second through app/training.py (records, metrics, the network
spec for the drawing) against the same loop written by hand on the same model and data, and the
cost of a boundary map and of a checkpoint save and safe open."""

from __future__ import annotations

import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch

from app import checkpoints, training

EPOCHS = 40


def ours() -> float:
    trainer = training.Trainer(training.TrainConfig())
    start = time.perf_counter()
    for _ in training.train(trainer, epochs=EPOCHS, map_period=math.inf):
        pass
    return (time.perf_counter() - start) / EPOCHS


def by_hand() -> float:
    trainer = training.Trainer(training.TrainConfig())
    model, x, y = trainer.model, trainer.x_train, trainer.y_train
    opt = torch.optim.SGD(model.parameters(), lr=0.3)
    g = torch.Generator().manual_seed(0)
    start = time.perf_counter()
    for _ in range(EPOCHS):
        perm = torch.randperm(len(x), generator=g)
        for i in range(0, len(x), 10):
            idx = perm[i:i + 10]
            opt.zero_grad()
            torch.nn.functional.binary_cross_entropy(model(x[idx]), y[idx]).backward()
            opt.step()
        with torch.no_grad():
            torch.nn.functional.binary_cross_entropy(model(x), y)
    return (time.perf_counter() - start) / EPOCHS


def timed(fn, n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n


if __name__ == "__main__":
    for threads in (torch.get_num_threads(), 1):
        torch.set_num_threads(threads)
        pairs = [(ours(), by_hand()) for _ in range(5)]
        a, b = statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)
        trainer = training.Trainer(training.TrainConfig())
        boundary = timed(trainer.boundary, 20)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "run.pt"
            save = timed(lambda t=trainer, p=path: checkpoints.save(t, p), 10)
            load = timed(lambda p=path: checkpoints.load(p), 10)
        print(f"training, {threads} torch thread(s): an epoch (xor, 2-4-4-1, 210 points, batch 10) "
              f"{a * 1000:.1f} ms vs {b * 1000:.1f} ms by hand (ratio {a / b:.2f}); boundary map 64x64 "
              f"{boundary * 1000:.2f} ms; checkpoint save {save * 1000:.1f} ms, safe open {load * 1000:.1f} ms")
