"""Colours and legend texts of the basins map: the strength of a fill follows the steps taken (log
scale between the map's own fewest and most), minima are rounded for a student."""

from __future__ import annotations

import numpy as np

from app import basins
from widgets import basins_colours, basins_figures


def a_map(steps, basin) -> basins.BasinsMap:
    config = basins.BasinsConfig(grid=2)
    result = basins.empty_map(config, config.resolve_surface())
    result.basin[:] = np.reshape(basin, (2, 2))
    result.steps[:] = np.reshape(steps, (2, 2))
    return result


def distance_from(image, background):
    return np.abs(image[..., :3].astype(float) - basins_colours._rgb(background)).sum(-1)


def test_fills_grow_stronger_with_the_steps_on_a_log_scale():
    for background in ("#ffffff", "#1e1e1e"):
        result = a_map([10, 100, 1000, 10], [0, 0, 0, basins.PENDING])
        image = basins_colours.rgba(result, background)
        away = distance_from(image, background).ravel()
        assert away[0] < away[1] < away[2]
        low, high = basins_colours.steps_range(result)   # 2nd and 98th percentiles
        assert 10 <= low < 30 and 900 < high <= 1000
        hue = basins_colours._rgb(basins_colours.MINIMUM_COLOURS[0])
        t = (np.log(100) - np.log(low)) / (np.log(high) - np.log(low))
        mix = basins_colours.strength(t) * hue + (1 - basins_colours.strength(t)) * basins_colours._rgb(background)
        np.testing.assert_allclose(image[0, 1, :3], mix, atol=0.6)
        assert image[1, 1, 3] == 0 and (image.reshape(-1, 4)[:3, 3] == 255).all()   # pending: transparent


def test_the_steps_scale_is_logarithmic_and_clipped():
    np.testing.assert_allclose(basins_colours.steps_position(np.array([5, 10, 100, 1000, 4000]), 10, 1000),
                               [0, 0, 0.5, 1, 1])


def test_outcomes_keep_their_greys_and_the_scale_is_left_out_when_flat():
    result = a_map([7, 7, 3, 500], [1, 1, basins.DIVERGED, basins.UNCONVERGED])
    image = basins_colours.rgba(result)
    assert basins_colours._hex(image[1, 0, :3]) == basins_colours.DIVERGED_COLOUR
    assert basins_colours._hex(image[1, 1, :3]) == basins_colours.UNCONVERGED_COLOURS["light"]
    assert basins_figures.steps_text(result) == ""   # every start that arrived took 7 steps
    assert (image[0, 0] == image[0, 1]).all()


def test_minima_are_rounded_for_a_student_and_the_legend_is_short():
    assert basins_figures.legend_text("(-2.805118, 3.131312)") == "(\u22122.81, 3.13)"
    assert basins_figures.legend_text("(3.0, 2.0)") == "(3, 2)"
    assert basins_figures.legend_text("diverged") == "diverged"
    assert basins_figures.path_text("fast eager") == "closed form, eager"
    result = a_map([10, 20, 30, 40], [0, 0, 1, basins.DIVERGED])
    rows = basins_figures.shown_entries(result, "#ffffff", limit=1, skip_empty=True)
    texts = [text for _colour, text in rows]
    assert texts == ["(3, 2) 50.0%", "Other minima (1): 25.0% together", "diverged 25.0%"]
    # The command line's keys stay exact.
    assert "(3.0, 2.0)" in result.fractions()


def test_a_place_the_surface_does_not_list_is_marked():
    result = a_map([10, 20, 30, 40], [0, 4, 4, 4])
    result.minima.append((-2.95, 2.26))   # where an SGD 2-cycle stopped
    texts = [text for _colour, text in basins_figures.shown_entries(result, "#ffffff", skip_empty=True)]
    assert texts[0] == "(\u22122.95, 2.26)* 75.0%" and texts[1] == "(3, 2) 25.0%"
    assert texts[-1].startswith("* not a listed minimum")
