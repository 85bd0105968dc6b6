"""Training panel core: epochs through app/training.py (records, metrics, the network spec for the
drawing) against the same loop written by hand on the same model and data, the boundary map, and a
checkpoint save and safe open; each with torch's default 2 threads and with the training code's own
single-threaded context (app/threads.py), on a quiet machine and with one core kept busy.

`python bench/training.py` (add `--quick` for fewer repetitions)."""

from __future__ import annotations

import math
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch

from app import checkpoints, training
from app.threads import single_threaded

EPOCHS = 20


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
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def on_thread(fn):
    """fn() run on a fresh thread (torch's thread settings start anew there), its result returned."""
    out = []
    worker = threading.Thread(target=lambda: out.append(fn()))
    worker.start()
    worker.join()
    return out[0]


def _single(fn):
    with single_threaded():
        return fn()


def epochs_with_maps(n: int = 30) -> float:
    """Median time per epoch of the panel's generator with a boundary map after every epoch."""
    trainer = training.Trainer(training.TrainConfig())
    times, last = [], time.perf_counter()
    for _ in training.train(trainer, epochs=n, map_period=0):
        now = time.perf_counter()
        times.append(now - last)
        last = now
    return statistics.median(times)


def torch_default_threads(fn):
    """fn() with app/threads.py's context made a no-op: what the code did before it, torch's own count."""
    real = torch.set_num_threads
    torch.set_num_threads = lambda _n: None
    try:
        return fn()
    finally:
        torch.set_num_threads = real


def measure(repeats: int) -> str:
    """Every variant on a fresh thread of its own, as the panel's worker is, alternated with the
    others (the machine's other work hits all alike); medians."""
    runs: dict[str, list[float]] = {"ours": [], "ours_default": [], "map_ours": [], "map_default": [],
                                    "hand_2": [], "hand_1": []}
    for _ in range(repeats):
        runs["ours"].append(on_thread(ours))
        runs["map_ours"].append(on_thread(epochs_with_maps))
        runs["map_default"].append(on_thread(lambda: torch_default_threads(epochs_with_maps)))
        runs["hand_2"].append(on_thread(by_hand))
        runs["hand_1"].append(on_thread(lambda: _single(by_hand)))
    r = {k: statistics.median(v) * 1000 for k, v in runs.items() if v}
    threads = torch.get_num_threads()
    return (f"epoch (xor 2-4-4-1, 210 points, batch 10): app/training.py {r['ours']:.1f} ms; by hand "
            f"{r['hand_2']:.1f} ms with {threads} threads, {r['hand_1']:.1f} ms with 1 (ratio ours / hand at "
            f"1 thread {r['ours'] / r['hand_1']:.2f}); an epoch plus a 64x64 boundary map as the panel plays: "
            f"{r['map_ours']:.1f} ms single-threaded vs {r['map_default']:.1f} ms with torch's {threads} threads")


if __name__ == "__main__":
    repeats = 3 if "--quick" in sys.argv else 5
    for hogs in (0, 1, 2):   # busy loops beside us: none, one core taken, both cores contested
        busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(hogs)]
        try:
            time.sleep(0.3)
            print(f"training, {hogs} busy loop(s) beside it: {measure(repeats)}", flush=True)
        finally:
            for hog in busy:
                hog.kill()
                hog.wait()
    trainer = training.Trainer(training.TrainConfig())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "run.pt"
        save = timed(lambda: checkpoints.save(trainer, path), 10)
        load = timed(lambda: checkpoints.load(path), 10)
        size = path.stat().st_size
    print(f"checkpoint: save {save * 1000:.1f} ms, safe open (CRC, weights_only, every check, a trial step) "
          f"{load * 1000:.1f} ms, {size / 1000:.0f} kB")
