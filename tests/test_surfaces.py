"""Surfaces: known minima and maxima are where the gradient vanishes; typed surfaces are safe."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from app import surfaces
from tests.conftest import assert_one_line_input_error


def _gradient_and_hessian(surface, point):
    p = torch.tensor(point, dtype=torch.float64, requires_grad=True)
    f = surface(p[0], p[1])
    (g,) = torch.autograd.grad(f, p, create_graph=True)
    hessian = torch.stack([torch.autograd.grad(g[i], p, retain_graph=True)[0] for i in range(2)])
    return f.item(), g.detach().numpy(), hessian.detach().numpy()


@pytest.mark.parametrize("name", list(surfaces.SURFACES))
def test_marked_points_are_stationary_and_of_their_kind(name):
    surface = surfaces.get(name)
    for kind, points in (("min", surface.minima), ("max", surface.maxima), ("saddle", surface.saddles)):
        for point in points:
            _f, g, hessian = _gradient_and_hessian(surface, point)
            assert np.linalg.norm(g) < 1e-4, (name, point)
            eig = np.linalg.eigvalsh(hessian)
            assert {"min": eig.min() > 0, "max": eig.max() < 0, "saddle": eig.min() < 0 < eig.max()}[kind]


def test_himmelblaus_four_minima_are_zero_and_its_maximum_is_181_617():
    h = surfaces.get("himmelblau")
    assert len(h.minima) == 4 and all(h(*map(torch.tensor, m)).item() < 1e-9 for m in h.minima)
    assert h(*map(torch.tensor, h.maxima[0])).item() == pytest.approx(181.617, abs=1e-3)


def test_grid_is_f_on_the_view():
    surface = surfaces.get("booth")
    grid = surfaces.grid(surface, 11)
    assert grid.z.shape == (11, 11) and grid.x[0] == -10 and grid.y[-1] == 10
    assert grid.z[3, 7] == pytest.approx((grid.x[3] + 2 * grid.y[7] - 7) ** 2 + (2 * grid.x[3] + grid.y[7] - 5) ** 2)
    assert surfaces.height_for_display(np.array([1.0, 10.0, 100.0]), log=True)[0] == 0.0


def test_typed_surface_goes_through_the_evaluator():
    surface = surfaces.resolve("(x**2 + y - 11)**2 + (x + y**2 - 7)**2")
    assert surface.name == surfaces.CUSTOM
    assert surface(torch.tensor(3.0), torch.tensor(2.0)).item() == 0.0
    assert surfaces.resolve("Rosenbrock").name == "rosenbrock"


@pytest.mark.parametrize(("text", "fragment"), [
    ("himmelbau", "unknown surface 'himmelbau'"),
    ("x + __import__('os')", "underscore"),
    ("open('f')", "open"),
])
def test_bad_surfaces_are_one_line_input_errors(text, fragment):
    assert_one_line_input_error(lambda: surfaces.resolve(text), fragment)
