"""What the Optimizer Arena races: a surface, racers (optimizer + settings), start points, steps.

Runs are every racer from every start point. Presets (the course's experiment, a comparison
for class) are plain configs, so the window, the tests and the command line share them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from app import optimizers, surfaces, trajectories
from app.errors import InputError
from app.surfaces import Point, Surface
from app.trajectories import RunSpec

Hypers = tuple[tuple[str, object], ...]
MAX_RUNS = 64


@dataclass(frozen=True)
class Racer:
    optimizer: str
    hypers: Hypers = ()


@dataclass(frozen=True)
class ArenaConfig:
    surface: str = surfaces.DEFAULT          # a catalog name, or surfaces.CUSTOM
    expression: str = ""                     # f(x, y) when surface is custom
    racers: tuple[Racer, ...] = (Racer("adam", (("lr", 1e-3),)),)
    starts: tuple[Point, ...] = ((-4.0, 0.0),)
    steps: int = 2000
    dtype: str = "float32"

    def resolve_surface(self) -> Surface:
        """The surface to race on; a typed one goes through the evaluator (InputError if bad)."""
        return surfaces.chosen(self.surface, self.expression)

    def specs(self) -> list[RunSpec]:
        """Every racer from every start, checked (InputError for a bad setting)."""
        if len(self.racers) * len(self.starts) > MAX_RUNS:
            raise InputError("at most {limit} runs at once (racers × start points)", limit=MAX_RUNS)
        if self.dtype not in trajectories.DTYPES:
            raise InputError("dtype must be float32 or float64")
        runs = [RunSpec(r.optimizer, s, r.hypers, self.steps) for r in self.racers for s in self.starts]
        for spec in runs:
            trajectories.check(spec)
        return runs


def parse_starts(text: str) -> tuple[Point, ...]:
    """'-4, 0; 4, 0' into points; InputError naming the first bad one."""
    points = []
    for part in text.replace("；", ";").split(";"):
        if not part.strip():
            continue
        numbers = [p for p in part.replace("，", ",").split(",") if p.strip()]
        try:
            x, y = (float(n) for n in numbers)
        except ValueError:
            raise InputError("'{text}' is not a point x, y", text=part.strip()) from None
        if not (math.isfinite(x) and math.isfinite(y)):
            raise InputError("'{text}' is not a point x, y", text=part.strip())
        points.append((x, y))
    if not points:
        raise InputError("give at least one start point x, y")
    return tuple(points)


def format_starts(points: tuple[Point, ...]) -> str:
    return "; ".join(f"{x:.10g}, {y:.10g}" for x, y in points)   # a map cell's start survives a re-read


def parse_rates(text: str) -> tuple[float, ...]:
    """'0.001, 0.01' into learning rates, each checked against the catalog's range."""
    lr = optimizers.get("sgd").hyper("lr")
    rates = []
    for part in text.replace("，", ",").replace(";", ",").split(","):
        if part.strip():
            rates.append(optimizers.check_value(optimizers.get("sgd"), lr, part.strip()))
    if not rates:
        raise InputError("give at least one learning rate")
    return tuple(dict.fromkeys(rates))


# The course's experiment: Adam, lr 1e-3, from four starts on Himmelblau, 20,000 steps.
COURSE_EXPERIMENT = ArenaConfig(
    surface="himmelblau", racers=(Racer("adam", (("lr", 1e-3),)),),
    starts=((-4.0, 0.0), (4.0, 0.0), (0.0, 0.0), (1.0, 0.0)), steps=20_000)

# For class: why Adam and SGD differ. On a bowl 50× more curved along y, plain SGD with the largest
# step that is stable across the valley zig-zags and crawls along it; momentum builds speed along the
# valley; Adam's steps are about lr in each coordinate, so it heads straight for the minimum.
SGD_VS_ADAM = ArenaConfig(
    surface="ill_conditioned",
    racers=(Racer("sgd", (("lr", 0.45),)), Racer("sgd", (("lr", 0.1), ("momentum", 0.8))),
            Racer("adam", (("lr", 0.1),))),
    starts=((-4.5, 2.5),), steps=500)

PRESETS = {"course": COURSE_EXPERIMENT, "sgd_vs_adam": SGD_VS_ADAM}


def with_start(config: ArenaConfig, point: Point) -> ArenaConfig:
    return replace(config, starts=config.starts + (point,))
