"""Colours of the basins map: one per minimum, shaded by the steps taken (numpy only, no Qt).

The minima take the Okabe–Ito palette (told apart with every common colour-vision deficiency, and
on a light or dark window alike); diverged starts are mid grey, unconverged ones pale grey, and
starts not computed yet are transparent, so the height bands show through while the map fills.
"""

from __future__ import annotations

import numpy as np

from app import basins

MINIMUM_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
DIVERGED_COLOUR = "#5A5A5A"   # mid grey: seen on a light or a dark window
UNCONVERGED_COLOUR = "#D4D4D4"
DARKEST = 0.7    # the slowest start keeps this share of its colour's brightness: hues stay recognisable


def minimum_colour(index: int) -> str:
    # Beyond seven minima (a typed surface full of them) colours repeat: the legend names each.
    return MINIMUM_COLOURS[index % len(MINIMUM_COLOURS)]


def _rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.float64)


def rgba(result: basins.BasinsMap) -> np.ndarray:
    """(n, n, 4) uint8, row i = ys[i]: each start's colour, darker the more steps it took."""
    n = result.n
    table = np.array([_rgb(minimum_colour(i)) for i in range(max(len(result.minima), 1))])
    colours = np.zeros((n, n, 3))
    basin = result.basin
    found = basin >= 0
    colours[found] = table[basin[found]]
    colours[basin == basins.DIVERGED] = _rgb(DIVERGED_COLOUR)
    colours[basin == basins.UNCONVERGED] = _rgb(UNCONVERGED_COLOUR)
    # Shade: fast starts bright, the slowest of the map darkest.
    most = max(int(result.steps[found].max()) if found.any() else 0, 1)
    shade = np.ones((n, n))
    shade[found] = 1.0 - (1.0 - DARKEST) * result.steps[found] / most
    image = np.empty((n, n, 4), np.uint8)
    image[..., :3] = np.clip(colours * shade[..., None], 0, 255).astype(np.uint8)
    image[..., 3] = np.where(basin == basins.PENDING, 0, 255).astype(np.uint8)
    return image


def legend_entries(result: basins.BasinsMap) -> list[tuple[str, str, float]]:
    """(colour, English key, fraction) for each minimum, diverged and unconverged."""
    fractions = result.fractions()
    entries = [(minimum_colour(i), key, fractions[key]) for i, key in enumerate(result.labels())]
    entries.append((DIVERGED_COLOUR, "diverged", fractions["diverged"]))
    entries.append((UNCONVERGED_COLOUR, "unconverged", fractions["unconverged"]))
    return entries
