"""Basins of attraction: which minimum an optimizer reaches from every start point of a grid.

The grid's N start points are one (N, 2) parameter tensor; the objective is the sum of f over the
points, so each point gets its own gradient and every elementwise optimizer steps each point as if
it ran alone. Each point stops by the single-run runner's rule (app.trajectories.Stopping):
diverged at the first non-finite or far point, converged at the first small gradient with a tiny
step or a tiny move over `window` steps, out of steps otherwise. `compute` is a generator over
chunks of points (a chunk fits the cache): it yields each chunk's piece of the map, then the map.

Speed: app.basins_kernels gives catalog surfaces a closed-form gradient and SGD/Adam/AdamW an
update written in torch (tested equal to torch.optim); the step can be compiled with
torch.compile (inductor), falling back to eager where that fails. Everything else steps with the
real torch.optim optimizer on autograd's gradient.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import torch

from app import basins_kernels as kernels
from app import files, optimizers, surfaces, tables, trajectories
from app.errors import InputError
from app.surfaces import Point, Surface
from app.trajectories import Stopping

MIN_GRID, MAX_GRID = 2, 1024
DIVERGED, UNCONVERGED, PENDING = -1, -2, -3     # basin codes besides a minimum's index
OUTCOME_KEYS = ("diverged", "unconverged")
CLUSTER_TOLERANCE = 0.01   # × view span: end points this close are one minimum (as Surface.nearest_minimum)
# Eagerly each call costs a fixed dispatch besides its pass over the points: measured on 256² × 500
# (Adam lr 1e-3, 2 threads, load ~1, before the fused calls), chunks of 16,384 took 1.0 s, 32,768 0.64 s,
# 65,536 0.63 s.
DEFAULT_CHUNK = 65_536     # points stepped together eagerly (what a block touches, ~8 MB, stays in L3)
# Compiled, a block of steps is one loop over the points that keeps each point in registers for all
# its steps, so the cache does not bound the chunk; each block costs a fixed 0.1-10 ms besides
# (the call, the replay of flagged points, waking the other thread on a loaded machine): bigger
# chunks, fewer blocks (1000² × 1000 at load ~2.8: 8.7 s with 262,144 points, 5.3 s with 524,288).
# About 330 bytes a point (the last `window` steps' block starts are kept): ~170 MB.
COMPILED_CHUNK = 524_288
STATUS_CODES = {trajectories.CONVERGED: 0, trajectories.DIVERGED: 1, trajectories.MAX_STEPS_STATUS: 2}


def catalog_strings() -> list[str]:
    return [BATCHED_ONLY, "diverged", "unconverged"]


BATCHED_ONLY = ("L-BFGS cannot draw a basins map: its curvature history and step tests are shared by all "
                "the start points at once, so no point would move as it does alone")


@dataclass(frozen=True)
class BasinsConfig:
    """One map: a surface, an optimizer with its settings, the grid over the view, the steps."""

    optimizer: str = "adam"
    hypers: tuple[tuple[str, object], ...] = (("lr", 0.1),)
    steps: int = 500
    grid: int = 256
    surface: str = surfaces.DEFAULT          # a catalog name, or surfaces.CUSTOM
    expression: str = ""                     # f(x, y) when surface is custom
    extent: tuple[float, float, float, float] | None = None   # x0, x1, y0, y1; None: the surface's view
    dtype: str = "float32"

    def resolve_surface(self) -> Surface:
        return surfaces.chosen(self.surface, self.expression)

    def check(self) -> None:
        """Raise InputError for a map that cannot be computed."""
        spec = optimizers.get(self.optimizer)
        if spec.needs_closure:
            raise InputError(BATCHED_ONLY)
        spec.settings(dict(self.hypers))
        if not 1 <= self.steps <= trajectories.MAX_STEPS:
            raise InputError("steps must be between 1 and {high}, got {steps}",
                             high=f"{trajectories.MAX_STEPS:,}", steps=self.steps)
        if not MIN_GRID <= self.grid <= MAX_GRID:
            raise InputError("the grid needs between {low} and {high} points a side", low=MIN_GRID, high=MAX_GRID)
        if self.dtype not in trajectories.DTYPES:
            raise InputError("dtype must be float32 or float64")
        if self.extent is not None:
            x0, x1, y0, y1 = self.extent
            if not all(map(math.isfinite, self.extent)) or x0 >= x1 or y0 >= y1:
                raise InputError("the extent must be four finite numbers X0,X1,Y0,Y1 with X0 < X1 and Y0 < Y1")

    def run_spec(self, start: Point) -> trajectories.RunSpec:
        """The single run this map shows at `start` (for the animated view and the tests)."""
        return trajectories.RunSpec(self.optimizer, start, self.hypers, self.steps)


def parse_extent(text: str) -> tuple[float, float, float, float]:
    """'X0,X1,Y0,Y1' into four numbers (checked by BasinsConfig.check)."""
    try:
        values = tuple(float(v) for v in text.replace("，", ",").split(","))
    except ValueError:
        values = ()
    if len(values) != 4:
        raise InputError("the extent must be four finite numbers X0,X1,Y0,Y1 with X0 < X1 and Y0 < Y1")
    return values  # type: ignore[return-value]


def grid_axes(extent, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Cell centres along x and y: the map's pixel (row i, column j) is the start (xs[j], ys[i])."""
    x0, x1, y0, y1 = extent
    xs = x0 + (np.arange(n) + 0.5) * (x1 - x0) / n
    ys = y0 + (np.arange(n) + 0.5) * (y1 - y0) / n
    return xs, ys


def pixel_of(extent, n: int, x: float, y: float) -> tuple[int, int] | None:
    """(row, column) of the cell holding (x, y), or None outside the map."""
    x0, x1, y0, y1 = extent
    j, i = math.floor((x - x0) / (x1 - x0) * n), math.floor((y - y0) / (y1 - y0) * n)
    return (i, j) if 0 <= i < n and 0 <= j < n else None


@dataclass
class BasinsMap:
    """Per start (n × n, row = y index): the basin (index into `minima`, DIVERGED, UNCONVERGED or
    PENDING), the steps taken, the status code (STATUS_CODES) and the end point."""

    config: BasinsConfig
    extent: tuple[float, float, float, float]
    minima: list[Point]                 # listed minima first, then end points found (typed surfaces)
    basin: np.ndarray                   # (n, n) int16
    steps: np.ndarray                   # (n, n) int32
    status: np.ndarray                  # (n, n) int8
    final: np.ndarray                   # (n, n, 2) float64
    seconds: float = 0.0
    point_steps: int = 0                # steps actually taken, all points together
    path: str = ""                      # how: "compiled", "fast eager", "fast eager, then compiled", "torch.optim"
    done: int = 0                       # points computed so far (row-major)

    @property
    def n(self) -> int:
        return self.basin.shape[0]

    def labels(self) -> list[str]:
        """Each minimum as the command line's key: '(3.0, 2.0)'."""
        return [label(m) for m in self.minima]

    def fractions(self) -> dict[str, float]:
        """Share of the computed starts in each basin, diverged and unconverged (they add up to 1)."""
        computed = self.basin[self.basin != PENDING]
        total = max(computed.size, 1)
        counts = np.bincount(computed[computed >= 0].astype(np.int64), minlength=len(self.minima))
        shares = {key: int(c) / total for key, c in zip(self.labels(), counts)}
        shares["diverged"] = int((computed == DIVERGED).sum()) / total
        shares["unconverged"] = int((computed == UNCONVERGED).sum()) / total
        return shares

    def point_steps_per_second(self) -> float:
        return self.point_steps / self.seconds if self.seconds > 0 else 0.0

    def record(self) -> dict:
        """The command line's JSON."""
        return {"grid": self.n, "steps": self.config.steps, "fractions": self.fractions(),
                "seconds": self.seconds, "point_steps_per_second": self.point_steps_per_second()}

    def columns(self) -> dict[str, np.ndarray]:
        """One row per start, for CSV."""
        xs, ys = grid_axes(self.extent, self.n)
        gx, gy = np.meshgrid(xs, ys)
        return {"x": gx.ravel(), "y": gy.ravel(), "basin": self.basin.ravel().astype(np.int64),
                "steps": self.steps.ravel().astype(np.int64), "status": self.status.ravel().astype(np.int64),
                "final_x": self.final[..., 0].ravel(), "final_y": self.final[..., 1].ravel()}

    def array(self) -> np.ndarray:
        """(n, n, 2) int32 for .npy: [..., 0] the basin code, [..., 1] the steps taken."""
        return np.stack([self.basin.astype(np.int32), self.steps.astype(np.int32)], axis=-1)


def label(point: Point) -> str:
    return str((float(point[0]), float(point[1])))


def empty_map(config: BasinsConfig, surface: Surface) -> BasinsMap:
    n = config.grid
    extent = tuple(config.extent or surface.bounds)
    return BasinsMap(config, extent, list(surface.minima), np.full((n, n), PENDING, np.int16),
                     np.zeros((n, n), np.int32), np.full((n, n), -1, np.int8), np.full((n, n, 2), np.nan))


@dataclass
class BasinsChunk:
    """Points [start, stop) of the map (row-major) are computed; `map` holds them (and all before)."""

    start: int
    stop: int
    progress: float
    map: BasinsMap = field(repr=False)


def compute(config: BasinsConfig, *, device: str | torch.device = "cpu", chunk: int | None = None,
            stopping: Stopping | None = None, fast: bool = True, compile: bool | None = None,
            cancel=None, on_compile=None) -> Iterator[BasinsChunk]:
    """Step every start of the grid; yield after each chunk of points; the last item's map is complete.

    `fast` uses the closed-form kernels where they exist; `compile` True compiles them from the
    start; None (where a compiler is present and the job is big) runs the first chunk eagerly and
    compiles for the rest only if what that chunk took says the compile pays for itself; False never
    compiles. `on_compile()`, if given, is called just before a compile is waited for (the command
    line says so). `chunk` (None: by the path) is how many points are stepped together. `cancel`
    (anything with is_set()) stops between chunks and every few hundred steps.
    """
    config.check()
    stopping = stopping or Stopping()
    surface = config.resolve_surface()
    result = empty_map(config, surface)
    n = config.grid
    xs, ys = grid_axes(result.extent, n)
    dtype = trajectories.DTYPES[config.dtype]
    starts = torch.stack(torch.meshgrid(torch.as_tensor(ys), torch.as_tensor(xs), indexing="ij")[::-1], -1)
    starts = starts.reshape(-1, 2).to(dtype)
    stepper = kernels.stepper_for(surface, config.optimizer, optimizers.get(config.optimizer).settings(
        dict(config.hypers)), fast=fast)
    may_compile = kernels.should_compile(compile, n * n * config.steps, torch.device(device)) and stepper.fast
    # compile=None: a first chunk eagerly, then compile_pays decides (already compiled: no need to ask).
    use_compile = may_compile and (compile is True or kernels.is_compiled(stepper))
    deciding = may_compile and not use_compile
    result.path = stepper.describe(use_compile)
    total = n * n
    began = time.perf_counter()
    first = 0
    while first < total:
        size = chunk or (COMPILED_CHUNK if use_compile else DEFAULT_CHUNK)
        last = min(first + size, total)
        if use_compile and on_compile is not None and not kernels.is_compiled(stepper):
            on_compile()
        outcome = kernels.run_points(stepper, starts[first:last].to(device), surface, config.steps, stopping,
                                     use_compile, cancel)
        if outcome is None:   # cancelled
            return
        if stepper.compiled_failed:
            result.path = stepper.describe(False)
        _store(result, surface, first, last, outcome)
        result.point_steps += int(outcome.steps.sum())
        result.done = last
        result.seconds = time.perf_counter() - began
        if deciding:
            deciding = False
            if kernels.compile_pays(stepper, result.seconds, last, total - last):
                use_compile = True
                result.path = "fast eager, then compiled"
        yield BasinsChunk(first, last, last / total, result)
        if cancel is not None and cancel.is_set():
            return
        first = last


def run(config: BasinsConfig, **options) -> BasinsMap:
    """The whole map (for the command line and tests)."""
    result = None
    for update in compute(config, **options):
        result = update.map
    return result  # type: ignore[return-value]


def _store(result: BasinsMap, surface: Surface, first: int, last: int, outcome: kernels.Outcome) -> None:
    """Name each point's end: a listed minimum, another end point (clustered), diverged, unconverged."""
    status = outcome.status
    final = outcome.final
    basin = np.full(len(status), UNCONVERGED, np.int16)
    basin[status == STATUS_CODES[trajectories.DIVERGED]] = DIVERGED
    span = surface.span
    converged = status == STATUS_CODES[trajectories.CONVERGED]
    max_steps = status == STATUS_CODES[trajectories.MAX_STEPS_STATUS]
    for index, minimum in enumerate(list(result.minima)):
        distance = np.hypot(final[:, 0] - minimum[0], final[:, 1] - minimum[1])
        listed = index < len(surface.minima)
        # As Trajectory: converged within 1% of the view; still moving but already within 0.1%.
        near = (converged & (distance <= CLUSTER_TOLERANCE * span)) | \
               (max_steps & listed & (distance <= 0.001 * span))
        basin[near & (basin == UNCONVERGED)] = index
    # Converged elsewhere (a typed surface, a local minimum the catalog does not list, a saddle
    # reached exactly): new minima, each the first end point of its group.
    for i in np.flatnonzero(converged & (basin == UNCONVERGED)):
        point = final[i]
        for index, minimum in enumerate(result.minima):
            if index >= len(surface.minima) and math.dist(minimum, point) <= CLUSTER_TOLERANCE * span:
                basin[i] = index
                break
        else:
            result.minima.append((round(float(point[0]), 3) + 0.0, round(float(point[1]), 3) + 0.0))
            basin[i] = len(result.minima) - 1
    rows = slice(first, last)
    result.basin.reshape(-1)[rows] = basin
    result.steps.reshape(-1)[rows] = outcome.steps
    result.status.reshape(-1)[rows] = status
    result.final.reshape(-1, 2)[rows] = final


def single_run_outcome(config: BasinsConfig, start: Point, **options) -> trajectories.Trajectory:
    """The single-run runner's trajectory for one start of the map (what a click shows)."""
    surface = config.resolve_surface()
    last = None
    for last in trajectories.simulate(surface, config.run_spec(start), dtype=config.dtype, **options):
        pass
    return last  # type: ignore[return-value]


def save(result: BasinsMap, path, renderer=None) -> None:
    """Write the map by extension: .csv (one row per start), .npy (basin, steps), .png (renderer)."""
    from pathlib import Path
    ext = Path(path).suffix.lower()
    if ext == ".csv":
        tables.write_csv(path, result.columns())
    elif ext == ".npy":
        import io
        buffer = io.BytesIO()
        np.save(buffer, result.array())
        files.write_bytes(path, buffer.getvalue())
    elif ext == ".png" and renderer is not None:
        renderer(result, path)
    else:
        raise InputError("cannot write '{path}': use .png, .csv or .npy", path=str(path))
