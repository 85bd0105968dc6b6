"""The surfaces f(x, y) the Optimizer Arena races on, with their known minima and maxima.

Each function takes two tensors and returns a tensor, written with torch ops only, so autograd
gives the gradient the optimizers use. A typed f(x, y) goes through app.evaluator's allow-list.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch

from app.errors import InputError

Point = tuple[float, float]
MAX_GRID = 1000


@dataclass(frozen=True)
class Surface:
    name: str
    label: str
    formula: str
    description: str
    fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor] = field(repr=False, compare=False)
    bounds: tuple[float, float, float, float] = (-5.0, 5.0, -5.0, 5.0)   # x0, x1, y0, y1 of the view
    minima: tuple[Point, ...] = ()
    maxima: tuple[Point, ...] = ()
    saddles: tuple[Point, ...] = ()
    log_height: bool = False   # heights span decades: a log scale shows the valley floor

    def __call__(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return self.fn(x, y)

    @property
    def span(self) -> float:
        x0, x1, y0, y1 = self.bounds
        return max(x1 - x0, y1 - y0)

    def nearest_minimum(self, point: Point, tolerance: float | None = None) -> Point | None:
        """The known minimum within `tolerance` of `point` (default: 1% of the view), else None."""
        tolerance = 0.01 * self.span if tolerance is None else tolerance
        best = min(self.minima, key=lambda m: math.dist(m, point), default=None)
        return best if best is not None and math.dist(best, point) <= tolerance else None


def _himmelblau(x, y):
    return (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2


def _rosenbrock(x, y):
    return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2


def _beale(x, y):
    return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2 + (2.625 - x + x * y ** 3) ** 2


def _booth(x, y):
    return (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2


def _rastrigin(x, y):
    return 20 + x ** 2 - 10 * torch.cos(2 * math.pi * x) + y ** 2 - 10 * torch.cos(2 * math.pi * y)


def _saddle(x, y):
    return x ** 2 - y ** 2


def _ill_conditioned(x, y):
    return 0.04 * x ** 2 + 2 * y ** 2


_CATALOG = (
    Surface("himmelblau", "Himmelblau", "f(x, y) = (x² + y − 11)² + (x + y² − 7)²",
            "Four minima, all with f = 0, and a local maximum near (−0.27, −0.92): where an "
            "optimizer ends depends on where it starts.",
            _himmelblau, (-5.0, 5.0, -5.0, 5.0),
            minima=((3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)),
            maxima=((-0.270845, -0.923039),),
            saddles=((0.086678, 2.884255), (-3.073026, -0.081353), (3.385154, 0.073852),
                     (-0.127961, -1.953715)),
            log_height=True),
    Surface("rosenbrock", "Rosenbrock", "f(x, y) = (1 − x)² + 100 (y − x²)²",
            "A long, curved, nearly flat valley: easy to find, slow to follow to the minimum at (1, 1).",
            _rosenbrock, (-2.0, 2.0, -1.0, 3.0), minima=((1.0, 1.0),), log_height=True),
    Surface("beale", "Beale",
            "f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
            "Flat plateaus and steep walls; the minimum is at (3, 0.5).",
            _beale, (-4.5, 4.5, -4.5, 4.5), minima=((3.0, 0.5),), log_height=True),
    Surface("booth", "Booth", "f(x, y) = (x + 2y − 7)² + (2x + y − 5)²",
            "A tilted bowl (a quadratic) with its minimum at (1, 3).",
            _booth, (-10.0, 10.0, -10.0, 10.0), minima=((1.0, 3.0),)),
    Surface("rastrigin", "Rastrigin",
            "f(x, y) = 20 + x² − 10 cos(2πx) + y² − 10 cos(2πy)",
            "A bowl covered in bumps: dozens of local minima trap small steps; the global one is at (0, 0).",
            _rastrigin, (-5.12, 5.12, -5.12, 5.12), minima=((0.0, 0.0),)),
    Surface("saddle", "Saddle", "f(x, y) = x² − y²",
            "A saddle point at (0, 0): a minimum along x, a maximum along y, and no minimum at all.",
            _saddle, (-2.0, 2.0, -2.0, 2.0), saddles=((0.0, 0.0),)),
    Surface("ill_conditioned", "Ill-conditioned bowl", "f(x, y) = 0.04 x² + 2 y²",
            "A bowl 50 times more curved along y than along x: plain SGD zig-zags across it and "
            "crawls along it; momentum and Adam do not.",
            _ill_conditioned, (-5.0, 5.0, -5.0, 5.0), minima=((0.0, 0.0),)),
)

SURFACES: dict[str, Surface] = {s.name: s for s in _CATALOG}
DEFAULT = "himmelblau"
CUSTOM = "custom"


def get(name: str) -> Surface:
    key = name.strip().lower().replace("-", "_")
    if key not in SURFACES:
        raise InputError("unknown surface '{name}'; choose one of: {names}", name=name, names=", ".join(SURFACES))
    return SURFACES[key]


def custom(text: str, bounds: tuple[float, float, float, float] = (-5.0, 5.0, -5.0, 5.0)) -> Surface:
    """A surface typed by the user, through the evaluator's allow-list (never eval)."""
    from app.evaluator import compile_expression

    fn = compile_expression(text, ("x", "y"))
    return Surface(CUSTOM, text.strip(), f"f(x, y) = {text.strip()}", "", fn, bounds)


def chosen(name: str, expression: str) -> Surface:
    """The surface a panel or config picked: a catalog name, or CUSTOM with the typed f(x, y)."""
    if name == CUSTOM:
        if not expression.strip():
            raise InputError("Type f(x, y), for example {example}", example="x**2 + 3*sin(y)")
        return custom(expression)
    return get(name)


def resolve(name_or_expression: str) -> Surface:
    """A catalog name, or else an expression in x and y."""
    key = name_or_expression.strip().lower().replace("-", "_")
    if key in SURFACES:
        return SURFACES[key]
    if name_or_expression.strip().isidentifier() and key not in ("x", "y"):
        return get(name_or_expression)   # a mistyped name: say which names exist
    return custom(name_or_expression)


@dataclass(frozen=True)
class Grid:
    """Heights of a surface on an n × n grid, for the 3-D view and the contour."""

    x: np.ndarray      # (n,)
    y: np.ndarray      # (n,)
    z: np.ndarray      # (n, n), z[i, j] = f(x[i], y[j])


def grid(surface: Surface, n: int = 200, bounds: tuple[float, float, float, float] | None = None) -> Grid:
    """f on an n × n grid over the view, in float64, NaN where f is not finite."""
    if not 2 <= n <= MAX_GRID:
        raise InputError("the grid needs between {low} and {high} points a side", low=2, high=MAX_GRID)
    x0, x1, y0, y1 = bounds or surface.bounds
    xs = torch.linspace(x0, x1, n, dtype=torch.float64)
    ys = torch.linspace(y0, y1, n, dtype=torch.float64)
    gx, gy = torch.meshgrid(xs, ys, indexing="ij")
    with torch.no_grad():
        z = surface(gx, gy)
    z = torch.broadcast_to(torch.as_tensor(z, dtype=torch.float64), gx.shape).numpy().copy()
    z[~np.isfinite(z)] = np.nan
    return Grid(xs.numpy(), ys.numpy(), z)


def height_for_display(z: np.ndarray, log: bool) -> np.ndarray:
    """Heights as drawn: log10(1 + f − min f) compresses Himmelblau's 0..900 so the valleys show."""
    if not log:
        return z
    return np.log10(1.0 + z - np.nanmin(z))


def catalog_strings() -> list[str]:
    strings: list[str] = []
    for s in SURFACES.values():
        strings += [s.label, s.description]
    return [s for s in dict.fromkeys(strings) if s]
