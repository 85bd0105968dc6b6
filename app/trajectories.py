"""The optimizer runner: a real torch.optim optimizer stepping a point across a surface.

`simulate` is a generator: it steps in chunks and yields the trajectory so far after each, so the
window can draw while it computes and cancel between chunks; a test simply runs it to the end.
Per step k it records the point p_k, f(p_k), the gradient at p_k, and the optimizer's state after
the step taken from p_k (momentum buffer, exp_avg, exp_avg_sq, ...); the update is p_{k+1} − p_k.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import torch

from app import optimizers
from app.errors import InputError
from app.surfaces import Point, Surface

MAX_STEPS = 100_000
RUNNING, CONVERGED, DIVERGED, MAX_STEPS_STATUS = "running", "converged", "diverged", "max_steps"
DTYPES = {"float32": torch.float32, "float64": torch.float64}


@dataclass(frozen=True)
class RunSpec:
    """One racer: an optimizer with its hyperparameters, from one start point."""

    optimizer: str
    start: Point
    hypers: tuple[tuple[str, object], ...] = ()
    steps: int = 1000

    def settings(self) -> dict[str, object]:
        """Every hyperparameter: torch's defaults overridden by ours (raises InputError if bad)."""
        return optimizers.get(self.optimizer).settings(dict(self.hypers))

    def label(self) -> str:
        """'Adam lr=0.001' plus what differs from torch's defaults; not translated (names and numbers)."""
        spec = optimizers.get(self.optimizer)
        defaults = spec.defaults()
        parts = [spec.label, f"lr={_fmt(self.settings()['lr'])}"]
        for name, value in self.hypers:
            if name != "lr" and value != defaults.get(name):
                parts.append(f"{name}={_fmt(value)}")
        return " ".join(parts)


def _fmt(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, tuple):
        return ",".join(_fmt(v) for v in value)
    return f"{value:g}" if isinstance(value, float) else str(value)


@dataclass(frozen=True)
class Stopping:
    """When a run ends before its last step.

    Converged: the gradient's norm is below `grad_tol` and the next step shorter than
    `step_tol` × the view's span, or the point moved less than `move_tol` × the span over the
    last `window` steps (Adam near a minimum keeps a gradient that never quite vanishes). Diverged: a non-finite value, or the point is
    more than `far` view spans from the view's centre.
    """

    grad_tol: float = 1e-3
    step_tol: float = 1e-6
    move_tol: float = 1e-5
    window: int = 100
    far: float = 10.0
    stop_when_converged: bool = True


@dataclass
class Trajectory:
    spec: RunSpec
    points: np.ndarray                 # (m, 2): p_0 = start, ..., p_{m-1}
    loss: np.ndarray                   # (m,)
    grad: np.ndarray                   # (m, 2): ∇f(p_k)
    state: dict[str, np.ndarray] = field(default_factory=dict)   # name -> (m, 2); NaN where none
    status: str = RUNNING
    converged_at: int | None = None
    minimum: Point | None = None

    @property
    def steps(self) -> int:
        return len(self.points) - 1

    @property
    def update(self) -> np.ndarray:
        """(m, 2): p_{k+1} − p_k, NaN on the last row (no step taken from it yet)."""
        return np.vstack([np.diff(self.points, axis=0), np.full((1, 2), np.nan)])

    @property
    def final(self) -> Point:
        return (float(self.points[-1, 0]), float(self.points[-1, 1]))

    @property
    def final_loss(self) -> float:
        return float(self.loss[-1])

    @property
    def finished(self) -> bool:
        return self.status != RUNNING

    def record(self) -> dict:
        """The command line's JSON record of this run."""
        return {"start": list(self.spec.start), "final": list(self.final), "final_loss": _json_number(self.final_loss),
                "steps": self.steps, "status": self.status,
                "minimum": list(self.minimum) if self.minimum is not None else None}


def _json_number(value: float) -> float | None:
    return value if math.isfinite(value) else None


def check(spec: RunSpec) -> None:
    """Raise InputError for a run that cannot start: bad hyperparameters, start or step count."""
    spec.settings()
    if not 1 <= spec.steps <= MAX_STEPS:
        raise InputError("steps must be between 1 and {high}, got {steps}", high=f"{MAX_STEPS:,}", steps=spec.steps)
    if not all(math.isfinite(c) for c in spec.start):
        raise InputError("a start point must be two finite numbers")


def simulate(surface: Surface, spec: RunSpec, *, dtype: str = "float32", device: str | torch.device = "cpu",
             stopping: Stopping = Stopping(), chunk: int = 500) -> Iterator[Trajectory]:
    """Step spec's optimizer from spec.start; yield the trajectory after every `chunk` steps.

    The last trajectory yielded is finished: converged, diverged or max_steps.
    """
    check(spec)
    catalog = optimizers.get(spec.optimizer)
    point = torch.tensor(spec.start, dtype=DTYPES[dtype], device=device, requires_grad=True)
    optimizer = catalog.build([point], dict(spec.hypers))

    def closure() -> torch.Tensor:
        optimizer.zero_grad()
        loss = surface(point[0], point[1])
        loss.backward()
        return loss

    history: list[dict[str, np.ndarray]] = []
    done = 0   # points recorded so far
    total = spec.steps + 1
    while done < total:
        count = min(chunk, total - done)
        history.append(_steps(point, optimizer, closure, catalog.needs_closure, count, last=done + count == total))
        done += count
        trajectory = _assemble(spec, history)
        _finish(trajectory, surface, stopping, complete=done == total)
        yield trajectory
        if trajectory.finished:
            return


def _steps(point, optimizer, closure, needs_closure: bool, count: int, last: bool) -> dict[str, np.ndarray]:
    """Record `count` points; step from each but the very last point of the run."""
    dtype, device = point.dtype, point.device
    points = torch.empty((count, 2), dtype=dtype, device=device)
    losses = torch.empty(count, dtype=dtype, device=device)
    grads = torch.empty((count, 2), dtype=dtype, device=device)
    states: dict[str, torch.Tensor] = {}
    for k in range(count):
        loss = closure()
        points[k] = point.detach()
        losses[k] = loss.detach()
        grads[k] = point.grad
        if last and k == count - 1:
            break
        optimizer.step(closure if needs_closure else None)
        for name, value in optimizer.state[point].items():
            if torch.is_tensor(value) and value.shape == point.shape:
                if name not in states:
                    states[name] = torch.full((count, 2), math.nan, dtype=dtype, device=device)
                states[name][k] = value.detach()
    record = {"points": points, "loss": losses, "grad": grads}
    record.update({f"state:{name}": value for name, value in states.items()})
    return {key: value.cpu().numpy().astype(np.float64) for key, value in record.items()}


def _assemble(spec: RunSpec, history: list[dict[str, np.ndarray]]) -> Trajectory:
    def join(key: str, width: int) -> np.ndarray:
        parts = [h[key] if key in h else np.full((len(h["loss"]), width), np.nan) for h in history]
        return np.concatenate(parts)

    names = dict.fromkeys(k[6:] for h in history for k in h if k.startswith("state:"))
    state = {name: join(f"state:{name}", 2) for name in names}
    return Trajectory(spec, join("points", 2), np.concatenate([h["loss"] for h in history]),
                      join("grad", 2), state)


def _finish(t: Trajectory, surface: Surface, stopping: Stopping, complete: bool) -> None:
    """Set the status, cutting the trajectory where it diverged or converged."""
    x0, x1, y0, y1 = surface.bounds
    centre = np.array([(x0 + x1) / 2, (y0 + y1) / 2])
    finite = np.isfinite(t.points).all(axis=1) & np.isfinite(t.loss) & np.isfinite(t.grad).all(axis=1)
    far = np.abs(t.points - centre).max(axis=1) > stopping.far * surface.span
    bad = ~finite | np.where(np.isfinite(t.points).all(axis=1), far, True)
    first_bad = int(np.argmax(bad)) if bad.any() else None
    converged = _converged_at(t, surface, stopping)
    if converged is not None and (first_bad is None or converged < first_bad):
        t.converged_at = converged
        if stopping.stop_when_converged:
            _cut(t, converged + 1)
            t.status = CONVERGED
    elif first_bad is not None:
        _cut(t, max(first_bad, 1))   # the last finite point stays; the start always does
        t.status = DIVERGED
    if t.status == RUNNING and complete:
        t.status = CONVERGED if t.converged_at is not None else MAX_STEPS_STATUS
    if t.status == CONVERGED:
        t.minimum = surface.nearest_minimum(t.final)
    elif t.status == MAX_STEPS_STATUS:   # still moving: named only when already on the minimum
        t.minimum = surface.nearest_minimum(t.final, 0.001 * surface.span)
    if t.finished:
        for values in t.state.values():
            values[-1] = np.nan   # no step is taken from the final point


def _converged_at(t: Trajectory, surface: Surface, stopping: Stopping) -> int | None:
    # A diverging run's points grow huge before they turn inf: squaring them in a norm overflows
    # (inf, which compares as "not small": right) and inf − inf is NaN (also "not small"). Neither
    # is worth a warning, which pytest turns into an error.
    with np.errstate(over="ignore", invalid="ignore"):
        # A small gradient alone is not enough: momentum carries a point through a minimum at speed.
        still = np.linalg.norm(t.update, axis=1) <= stopping.step_tol * surface.span
        small = (np.linalg.norm(t.grad, axis=1) <= stopping.grad_tol) & still
        w = stopping.window
        if len(t.points) > w:
            moved = np.linalg.norm(t.points[w:] - t.points[:-w], axis=1)
            small[w:] |= moved <= stopping.move_tol * surface.span
    hits = np.flatnonzero(small)
    return int(hits[0]) if hits.size else None


def _cut(t: Trajectory, length: int) -> None:
    t.points, t.loss, t.grad = t.points[:length], t.loss[:length], t.grad[:length]
    t.state = {name: values[:length].copy() for name, values in t.state.items()}


@dataclass
class RaceUpdate:
    """One run's trajectory so far, and how far the whole race is."""

    index: int
    trajectory: Trajectory
    progress: float


def race(surface: Surface, specs: Sequence[RunSpec], *, dtype: str = "float32",
         device: str | torch.device = "cpu", stopping: Stopping = Stopping(),
         chunk: int = 500) -> Iterator[RaceUpdate]:
    """Advance every run a chunk at a time, in turn, so all of them can be drawn as they grow."""
    for spec in specs:
        check(spec)
    runs = {i: simulate(surface, spec, dtype=dtype, device=device, stopping=stopping, chunk=chunk)
            for i, spec in enumerate(specs)}
    budget = sum(spec.steps for spec in specs) or 1
    done = [0] * len(specs)
    while runs:
        for index in list(runs):
            trajectory = next(runs[index], None)
            if trajectory is None or trajectory.finished:
                runs.pop(index)
            if trajectory is None:
                continue
            done[index] = specs[index].steps if trajectory.finished else trajectory.steps
            yield RaceUpdate(index, trajectory, sum(done) / budget)


def run_all(surface: Surface, specs: Sequence[RunSpec], **options) -> list[Trajectory]:
    """Every run to its end (for the command line and tests)."""
    results: list[Trajectory | None] = [None] * len(specs)
    for update in race(surface, specs, **options):
        results[update.index] = update.trajectory
    return results  # type: ignore[return-value]


def table_columns(trajectories: Sequence[Trajectory]) -> dict[str, np.ndarray]:
    """Every recorded step of every run as CSV columns; state columns NaN where a run has none."""
    names = list(dict.fromkeys(name for t in trajectories for name in t.state))
    columns: dict[str, list[np.ndarray]] = {key: [] for key in
                                            ["run", "step", "x", "y", "loss", "grad_x", "grad_y",
                                             "update_x", "update_y"]}
    for name in names:
        columns[f"{name}_x"], columns[f"{name}_y"] = [], []
    for index, t in enumerate(trajectories):
        m = len(t.points)
        update = t.update
        for key, values in [("run", np.full(m, index)), ("step", np.arange(m)), ("x", t.points[:, 0]),
                            ("y", t.points[:, 1]), ("loss", t.loss), ("grad_x", t.grad[:, 0]),
                            ("grad_y", t.grad[:, 1]), ("update_x", update[:, 0]), ("update_y", update[:, 1])]:
            columns[key].append(values)
        for name in names:
            values = t.state.get(name, np.full((m, 2), np.nan))
            columns[f"{name}_x"].append(values[:, 0])
            columns[f"{name}_y"].append(values[:, 1])
    return {key: np.concatenate(parts) if parts else np.empty(0) for key, parts in columns.items()}
