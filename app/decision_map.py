"""The model's answer over the plane: the coloured boundary map (classification) or the fitted
curve (regression), as numpy arrays for the window to draw."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from app import datasets

RESOLUTION = 64   # cells per side: smooth enough on a projector, well under a millisecond per map


@dataclass(frozen=True)
class BoundaryMap:
    """`bounds` (x0, x1, y0, y1) of the area. Classification: `values` (resolution, resolution, C)
    holds the model's class probabilities at cell centres, row i at y = ys[i], column j at x = xs[j].
    Regression: `values` is the fitted y at each of xs, shape (resolution,)."""

    bounds: tuple[float, float, float, float]
    xs: np.ndarray
    ys: np.ndarray
    values: np.ndarray
    kind: str


def grid_points(bounds: tuple[float, float, float, float], resolution: int) -> tuple[np.ndarray, np.ndarray]:
    x0, x1, y0, y1 = bounds
    step_x, step_y = (x1 - x0) / resolution, (y1 - y0) / resolution
    xs = x0 + step_x * (np.arange(resolution) + 0.5)
    ys = y0 + step_y * (np.arange(resolution) + 0.5)
    return xs, ys


def probabilities(output: torch.Tensor, kind: str) -> torch.Tensor:
    """Class probabilities from the model's output: sigmoid outputs give (1 − p, p), logits a softmax."""
    if kind == datasets.MULTICLASS:
        return torch.softmax(output, dim=1)
    p = output.reshape(-1, 1).clamp(0, 1)
    return torch.cat([1 - p, p], dim=1)


@torch.no_grad()
def compute(model: torch.nn.Module, dataset: datasets.Dataset, resolution: int = RESOLUTION,
            device: torch.device | str = "cpu") -> BoundaryMap:
    """The map over the dataset's bounds, by calling the model on every cell centre at once."""
    bounds = dataset.bounds()
    xs, ys = grid_points(bounds, resolution)
    kind = dataset.info.kind
    was_training = model.training
    model.eval()
    try:
        if kind == datasets.REGRESSION:
            inputs = torch.as_tensor(xs, dtype=torch.float32, device=device).reshape(-1, 1)
            values = model(inputs).reshape(-1).cpu().double().numpy()
        else:
            gx, gy = np.meshgrid(xs, ys)   # gx[i, j] = xs[j], gy[i, j] = ys[i]
            inputs = torch.as_tensor(np.stack([gx.ravel(), gy.ravel()], axis=1), dtype=torch.float32, device=device)
            probs = probabilities(model(inputs), kind)
            values = probs.reshape(resolution, resolution, -1).cpu().double().numpy()
    finally:
        model.train(was_training)
    return BoundaryMap(bounds, xs, ys, values, kind)
