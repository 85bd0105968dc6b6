"""Basins map speed: point-steps per second of the batched runner against a plain eager
torch.optim.Adam loop over the same (N, 2) tensor, in the same run.

    python bench/basins.py                 # 1000 × 1000 starts, 1000 Adam steps (lr 1e-3), CPU
    python bench/basins.py --grid 200 --steps 200
    python bench/basins.py --device cuda

The baseline is what a student would write: one leaf tensor of all points, f summed, backward,
optimizer.step(). Ours does more (the stopping rule per point, every step) and is timed three
ways: compiled (torch.compile; the first call includes compiling, reported separately), the same
closed-form code eager, and a 256² × 500-step map at lr 0.1 as the arena draws it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch

from app import basins, basins_kernels, surfaces


def eager_adam(n: int, steps: int, device: str) -> float:
    """Seconds for `steps` plain torch.optim.Adam steps of all n² starts at once."""
    surface = surfaces.get("himmelblau")
    xs, ys = basins.grid_axes(surface.bounds, n)
    gy, gx = torch.meshgrid(torch.as_tensor(ys), torch.as_tensor(xs), indexing="ij")
    points = torch.stack([gx, gy], -1).reshape(-1, 2).float().to(device).requires_grad_(True)
    optimizer = torch.optim.Adam([points], lr=1e-3)
    _sync(device)
    began = time.perf_counter()
    for _ in range(steps):
        optimizer.zero_grad()
        surface(points[:, 0], points[:, 1]).sum().backward()
        optimizer.step()
    _sync(device)
    return time.perf_counter() - began


def ours(n: int, steps: int, device: str, compile: bool, lr: float = 1e-3) -> basins.BasinsMap:
    config = basins.BasinsConfig(optimizer="adam", hypers=(("lr", lr),), steps=steps, grid=n)
    return basins.run(config, device=device, compile=compile)


def _sync(device: str) -> None:
    if device.startswith("cuda"):
        torch.cuda.synchronize()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--grid", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()
    n, steps, device = args.grid, args.steps, args.device
    work = n * n * steps
    print(f"basins: {n}×{n} starts × {steps} Adam steps (lr 1e-3, Himmelblau, float32) on {device}, "
          f"{torch.get_num_threads()} threads")
    base = eager_adam(n, steps, device)
    print(f"  eager torch.optim.Adam loop: {base:.2f} s, {work / base:.3g} point-steps/s")
    if basins_kernels.compiler_available():
        began = time.perf_counter()
        # Compiles both blocks (or loads them from inductor's disk cache): lr 0.1 makes points converge,
        # so the replaying block is needed too.
        ours(100, 150, device, compile=True, lr=0.1)
        compiling = time.perf_counter() - began
        print(f"  compiling: {compiling:.1f} s (first calls in this process, a 100² × 150-step map included)")
        result = ours(n, steps, device, compile=True)
        again = eager_adam(n, steps, device)   # the machine is shared: the baseline once more, after
        best = min(base, again)
        print(f"  eager torch.optim.Adam loop again: {again:.2f} s")
        print(f"  ours, compiled: {result.seconds:.2f} s, {work / result.seconds:.3g} point-steps/s "
              f"({result.point_steps / work:.1%} of the grid's steps taken; the rest had stopped) "
              f"[{result.path}]")
        print(f"  RATIO (faster baseline / ours): {best / result.seconds:.2f}; "
              f"counting the compile too: {best / (result.seconds + compiling):.2f}")
    else:
        print("  no C++ compiler: compiled path skipped")
    eager = ours(n, min(steps, 200), device, compile=False)
    eager_work = n * n * min(steps, 200)
    eager_base = base * min(steps, 200) / steps
    print(f"  ours, closed form eager ({min(steps, 200)} steps): {eager.seconds:.2f} s, ratio "
          f"{eager_base / eager.seconds:.2f} against the baseline's rate ({eager_work / eager.seconds:.3g} "
          f"point-steps/s)")
    arena = ours(256, 500, device, compile=None, lr=0.1)
    print(f"  arena default map, 256² × 500 steps, Adam lr 0.1: {arena.seconds:.2f} s [{arena.path}], "
          f"mean {arena.steps.mean():.0f} steps per start")


if __name__ == "__main__":
    main()
