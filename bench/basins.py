"""Basins map speed: point-steps per second of the batched runner against a plain eager
torch.optim.Adam loop over the same (N, 2) tensor, in the same run.

    python bench/basins.py                 # 1000 × 1000 starts, 1000 Adam steps (lr 1e-3), CPU
    python bench/basins.py --grid 300 --repeats 3
    python bench/basins.py --cold          # compile with an empty inductor cache (a fresh machine)
    python bench/basins.py --threads 1     # both single-threaded (a shared machine's fairer figure)
    python bench/basins.py --device cuda

The baseline is what a student would write: one leaf tensor of all points, f summed, backward,
optimizer.step(). Ours does more (each point's stopping rule, every step). The two are timed in
turn, A B A B (the machine may be shared: each figure comes with the load average), and the
ratio is of the medians. Compiling (the first calls in the process) is timed apart and reported
with and without. The eager path (no compiler, or compile=False as the window always runs) is
timed in the same turns, with its own RATIO line; then a 256² × 500-step map at lr 0.1 as the
arena draws it (eagerly), against the plain loop on the same starts, also in turns.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

if "--cold" in sys.argv:   # before torch is imported: inductor reads its cache folder once
    os.environ["TORCHINDUCTOR_CACHE_DIR"] = tempfile.mkdtemp(prefix="inductor-cold-")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import statistics

import torch

from app import basins, basins_kernels, surfaces


def eager_adam(n: int, steps: int, device: str, lr: float = 1e-3) -> float:
    """Seconds for `steps` plain torch.optim.Adam steps of all n² starts at once."""
    surface = surfaces.get("himmelblau")
    xs, ys = basins.grid_axes(surface.bounds, n)
    gy, gx = torch.meshgrid(torch.as_tensor(ys), torch.as_tensor(xs), indexing="ij")
    points = torch.stack([gx, gy], -1).reshape(-1, 2).float().to(device).requires_grad_(True)
    optimizer = torch.optim.Adam([points], lr=lr)
    _sync(device)
    began = time.perf_counter()
    for _ in range(steps):
        optimizer.zero_grad()
        surface(points[:, 0], points[:, 1]).sum().backward()
        optimizer.step()
    _sync(device)
    return time.perf_counter() - began


def ours(n: int, steps: int, device: str, compile: bool | None, lr: float = 1e-3) -> basins.BasinsMap:
    config = basins.BasinsConfig(optimizer="adam", hypers=(("lr", lr),), steps=steps, grid=n)
    result = basins.run(config, device=device, compile=compile)
    _sync(device)
    return result


def _sync(device: str) -> None:
    if device.startswith("cuda"):
        torch.cuda.synchronize()


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "load ?"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--grid", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--cold", action="store_true", help="compile with an empty inductor cache")
    parser.add_argument("--threads", type=int, default=0,
                        help="torch threads for both (default: torch's); 1 sidesteps the waits that a loaded "
                             "machine adds to every parallel region, which the eager loop has hundreds of a step")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    n, steps, device = args.grid, args.steps, args.device
    work = n * n * steps
    print(f"basins: {n}×{n} starts × {steps} Adam steps (lr 1e-3, Himmelblau, float32) on {device}, "
          f"{torch.get_num_threads()} threads, {load()}")
    compiled = basins_kernels.compiler_available()
    compiling = 0.0
    if compiled:
        began = time.perf_counter()
        # Compiles the three kernels (or loads them from inductor's disk cache): lr 0.1 makes points
        # converge, so the replay kernels are needed too.
        ours(100, 150, device, compile=True, lr=0.1)
        compiling = time.perf_counter() - began
        cache = "cold: empty inductor cache" if args.cold else "warm unless this is the first run on this machine"
        print(f"  compiling: {compiling:.1f} s ({cache}; the first calls in this process, a 100² × 150-step "
              f"map included), {load()}")
    base_times, our_times, eager_times = [], [], []
    for repeat in range(args.repeats):
        base_times.append(eager_adam(n, steps, device))
        print(f"  [{repeat + 1}] eager torch.optim.Adam loop: {base_times[-1]:.2f} s, "
              f"{work / base_times[-1]:.3g} point-steps/s, {load()}", flush=True)
        if compiled:
            result = ours(n, steps, device, compile=True)
            our_times.append(result.seconds)
            print(f"  [{repeat + 1}] ours [{result.path}]: {result.seconds:.2f} s, {work / result.seconds:.3g} "
                  f"point-steps/s ({result.point_steps / work:.1%} of the grid's steps taken; the rest had "
                  f"stopped), {load()}", flush=True)
        eager = ours(n, steps, device, compile=False)
        eager_times.append(eager.seconds)
        print(f"  [{repeat + 1}] ours eager [{eager.path}]: {eager.seconds:.2f} s, "
              f"{work / eager.seconds:.3g} point-steps/s, {load()}", flush=True)
    base, slow = statistics.median(base_times), statistics.median(eager_times)
    print(f"  medians: baseline {base:.2f} s ({work / base:.3g} point-steps/s), ours eager {slow:.2f} s "
          f"({work / slow:.3g} point-steps/s)", end="")
    if compiled:
        mine = statistics.median(our_times)
        print(f", ours compiled {mine:.2f} s ({work / mine:.3g} point-steps/s)")
        print(f"  RATIO (baseline / ours compiled, medians): {base / mine:.2f}; counting the compile too: "
              f"{base / (mine + compiling):.2f}")
    else:
        print("\n  (no compiler: nothing compiled)")
    print(f"  RATIO EAGER (baseline / ours eager, medians): {base / slow:.2f}")
    arena_base, arena_ours = [], []
    for _ in range(max(args.repeats, 3)):
        arena_base.append(eager_adam(256, 500, device, lr=0.1))
        arena = ours(256, 500, device, compile=False, lr=0.1)
        arena_ours.append(arena.seconds)
    a_base, a_ours = statistics.median(arena_base), statistics.median(arena_ours)
    print(f"  arena default map, 256² × 500 steps, Adam lr 0.1, eager as the window runs it: {a_ours:.2f} s "
          f"[{arena.path}], mean {arena.steps.mean():.0f} steps per start; the plain loop {a_base:.2f} s; "
          f"ratio {a_base / a_ours:.2f} (medians of {len(arena_ours)}), {load()}")
    auto = ours(n, steps, device, compile=None)
    print(f"  compile=None (what the command line does, but with the kernels already compiled in this process): "
          f"{auto.seconds:.2f} s [{auto.path}], {load()}")


if __name__ == "__main__":
    main()
