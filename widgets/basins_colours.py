"""Colours of the basins map: one per minimum, its strength telling the steps taken (numpy only, no Qt).

The minima take the Okabe–Ito palette (told apart with every common colour-vision deficiency).
Each start's colour is its minimum's hue mixed into the plot's background: faint for the fastest
starts of the map, strong for the slowest, on a log scale between the map's own fewest and most
steps (its 2nd and 98th percentiles: a few very slow starts along the borders would otherwise
squeeze everything else into one shade). The fills stay paler than the paths drawn over them, so a path of the same hue still
reads. Diverged starts are mid grey, unconverged ones a paler grey; starts not computed yet are
transparent, so the height bands show through while the map fills.
"""

from __future__ import annotations

import math

import numpy as np

from app import basins

MINIMUM_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
DIVERGED_COLOUR = "#6E6E6E"   # mid grey: seen on a light or a dark window
UNCONVERGED_COLOURS = {"light": "#CFCFCF", "dark": "#9A9A9A"}
FAINTEST, STRONGEST = 0.22, 0.9   # share of the hue in the fill: fastest start, slowest start
LEGEND_SHADES = (0.0, 1 / 3, 2 / 3, 1.0)   # the steps scale shown in the legend


def minimum_colour(index: int) -> str:
    # Beyond seven minima (a typed surface full of them) colours repeat: the legend names each.
    return MINIMUM_COLOURS[index % len(MINIMUM_COLOURS)]


def unconverged_colour(background: str) -> str:
    return UNCONVERGED_COLOURS["dark" if _is_dark(background) else "light"]


def _rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.float64)


def _hex(rgb) -> str:
    return "#" + "".join(f"{int(np.rint(c)):02X}" for c in rgb)


def _is_dark(background: str) -> bool:
    return float(_rgb(background).mean()) < 128


def strength(t) -> np.ndarray:
    """Share of the hue for a start at position t (0 fastest … 1 slowest) of the map's steps scale."""
    return FAINTEST + (STRONGEST - FAINTEST) * np.asarray(t, dtype=np.float64)


def mixed(colour: str, background: str, t: float) -> str:
    """The fill of a start at position t of the steps scale (legend swatches)."""
    share = float(strength(t))
    return _hex(share * _rgb(colour) + (1 - share) * _rgb(background))


def steps_range(result: basins.BasinsMap) -> tuple[int, int]:
    """The steps scale's ends: the 2nd and 98th percentiles of the steps taken by the starts that
    reached a minimum (1, 1 when none did)."""
    found = result.basin >= 0
    if not found.any():
        return 1, 1
    low, high = np.percentile(result.steps[found], [2, 98])
    return max(int(np.floor(low)), 1), max(int(np.ceil(high)), 1)


def steps_position(steps: np.ndarray, low: int, high: int) -> np.ndarray:
    """0 (fewest steps of the map) … 1 (most), log scale."""
    if high <= low:
        return np.zeros(np.shape(steps))
    logs = np.log(np.clip(steps, low, high).astype(np.float64))
    return (logs - math.log(low)) / (math.log(high) - math.log(low))


def rgba(result: basins.BasinsMap, background: str = "#ffffff") -> np.ndarray:
    """(n, n, 4) uint8, row i = ys[i]: each start's colour, stronger the more steps it took."""
    n = result.n
    table = np.array([_rgb(minimum_colour(i)) for i in range(max(len(result.minima), 1))])
    paper = _rgb(background)
    colours = np.zeros((n, n, 3))
    basin = result.basin
    found = basin >= 0
    low, high = steps_range(result)
    share = strength(steps_position(result.steps[found], low, high))[:, None]
    colours[found] = share * table[basin[found]] + (1 - share) * paper
    colours[basin == basins.DIVERGED] = _rgb(DIVERGED_COLOUR)
    colours[basin == basins.UNCONVERGED] = _rgb(unconverged_colour(background))
    image = np.empty((n, n, 4), np.uint8)
    image[..., :3] = np.clip(np.rint(colours), 0, 255).astype(np.uint8)
    image[..., 3] = np.where(basin == basins.PENDING, 0, 255).astype(np.uint8)
    return image


def legend_entries(result: basins.BasinsMap, background: str = "#ffffff") -> list[tuple[str, str, float]]:
    """(swatch colour, English key, fraction) for each minimum, diverged and unconverged; the
    minima's swatches at the middle of the steps scale."""
    fractions = result.fractions()
    entries = [(mixed(minimum_colour(i), background, 0.5), key, fractions[key])
               for i, key in enumerate(result.labels())]
    entries.append((DIVERGED_COLOUR, "diverged", fractions["diverged"]))
    entries.append((unconverged_colour(background), "unconverged", fractions["unconverged"]))
    return entries


def shade_swatches(background: str) -> list[str]:
    """The first minimum's colour from few steps to many (the legend's steps scale)."""
    return [mixed(MINIMUM_COLOURS[0], background, t) for t in LEGEND_SHADES]
