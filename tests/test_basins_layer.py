"""The arena's basins layer: it shows the map with its legend, reports progress, cancels, recomputes
when the learning rate changes, and a click on the map starts that single run."""

from __future__ import annotations

import numpy as np
import pytest

from app import basins
from app.arena import ArenaConfig, Racer
from widgets import basins_colours, basins_layer
from widgets import theme as themes

ONE_RUN = ArenaConfig(racers=(Racer("adam", (("lr", 0.1),)),), starts=((1.0, 0.0),), steps=30)


@pytest.fixture
def panel(qtbot, arena_panel):
    p = arena_panel
    with qtbot.waitSignal(p.worker.finished, timeout=20_000):
        p.controls.set_config(ONE_RUN)
    layer = p.basins
    layer.resolution.setCurrentIndex(0)   # 64 × 64: fast
    layer.steps.setValue(200)
    yield p
    layer.shutdown()


def shown_map(qtbot, layer):
    with qtbot.waitSignal(layer.done, timeout=30_000):
        layer.show_box.setChecked(True)
    return layer.result


def test_the_layer_shows_the_map_under_the_paths_with_a_legend(qtbot, panel):
    layer = panel.basins
    result = shown_map(qtbot, layer)
    assert result.n == 64 and (result.basin != basins.PENDING).all()
    assert layer.image.isVisible() and layer.image.scene() is panel.view.contour.plot.scene()
    assert layer.image.zValue() < panel.view.contour.paths[0].zValue()
    drawn = layer.image.image
    assert drawn.shape == (64, 64, 4)
    np.testing.assert_array_equal(drawn, basins_colours.rgba(result, "#ffffff"))
    text = layer.legend.text()
    assert "Adam lr=0.1, 200 steps, 64×64 starts" in text and "diverged" in text
    # Minima rounded for a student (the command line keeps "(3.0, 2.0)"), the timing line in words.
    assert "(3, 2)" in text and "(\u22122.81, 3.13)" in text and "2.805118" not in text
    assert "closed form, eager" in text and "fast eager" not in text
    assert "Faint: few steps" in text
    # A compact legend right under the map, and contour lines over it, while the map is shown.
    under = panel.view.map_legend
    words = under.text().replace("&nbsp;", " ")
    assert under.isVisible() and "64×64 starts" in words and "(3, 2)" in words
    assert "diverged" not in under.text()   # no start diverged: left out under the map
    assert panel.view.contour.lines.isVisible() and len(panel.view.contour.lines.getData()[0]) > 100
    assert layer.image.zValue() < panel.view.contour.lines.zValue() < panel.view.contour.paths[0].zValue()
    # A start next to (3, 2) is drawn in that minimum's colour.
    colour = basins_layer.pixel_colour(layer, 3.02, 2.02)
    assert colour[3] == 255 and result.basin[basins.pixel_of(result.extent, 64, 3.02, 2.02)] == 0
    layer.show_box.setChecked(False)
    assert not layer.image.isVisible()
    assert not under.isVisible() and not panel.view.contour.lines.isVisible()


def test_progress_is_reported_and_cancel_stops_the_job(qtbot, panel):
    layer = panel.basins
    layer.resolution.setCurrentIndex(basins_layer.RESOLUTIONS.index(512))
    layer.lr.setValue(1e-4)   # nothing converges: every chunk runs all its steps
    values = []
    layer.worker.progress.connect(values.append)
    layer.show_box.setChecked(True)
    assert layer.worker.is_running() and layer.progress.isVisible()
    qtbot.waitUntil(lambda: len(values) >= 1, timeout=30_000)
    assert 0 < values[0] < 1
    layer.cancel_button.click()
    assert not layer.worker.is_running() and not layer.progress.isVisible()
    assert layer.result is None
    assert "Cancelled" in layer.legend.text() and "Cancelled" in panel.view.map_legend.text()


def test_changing_the_learning_rate_recomputes_once(qtbot, panel):
    layer = panel.basins
    first = shown_map(qtbot, layer)
    starts = []
    layer.worker.running_changed.connect(lambda running: starts.append(running) if running else None)
    with qtbot.waitSignal(layer.done, timeout=30_000):
        for lr in (0.05, 0.02, 0.01):   # a burst: one job
            layer.lr.setValue(lr)
    assert starts == [True]
    assert layer.result.config.hypers == (("lr", 0.01),)
    assert layer.result.fractions() != first.fractions()


def test_clicking_the_map_runs_from_that_point_with_the_maps_optimizer(qtbot, panel):
    layer = panel.basins
    layer.optimizer_box.setCurrentIndex(layer.optimizer_box.findData("sgd"))
    layer.lr.setValue(0.01)
    shown_map(qtbot, layer)
    result = layer.result
    for x, y in ((-1.0, 2.5), (3.3, -4.9), (0.01, 0.01)):
        i, j = basins.pixel_of(result.extent, 64, x, y)
        with qtbot.waitSignal(panel.worker.finished, timeout=20_000):
            panel.view.contour.clicked.emit(x, y)
        config = panel.controls.config
        # The run starts exactly at the start of the cell under the mouse, with the map's settings.
        xs, ys = basins.grid_axes(result.extent, 64)
        assert config.racers == (Racer("sgd", (("lr", 0.01),)),) and config.starts == ((xs[j], ys[i]),)
        assert config.steps == 200
        run = panel.trajectories[0]
        # ... and ends as that pixel says: the same minimum (or outcome), after the same steps.
        assert run.steps == result.steps[i, j]
        assert basins.STATUS_CODES[run.status] == result.status[i, j]
        if result.basin[i, j] >= 0:
            assert result.minima[result.basin[i, j]] == run.minimum


def test_the_pixel_under_the_mouse_is_the_start_it_shows(qtbot, panel):
    from PySide6.QtCore import QPointF
    layer = panel.basins
    result = shown_map(qtbot, layer)
    plot = panel.view.contour.plot
    rng = np.random.default_rng(3)
    for x, y in rng.uniform(-4.99, 4.99, (20, 2)):
        scene = plot.vb.mapViewToScene(QPointF(x, y))   # where the mouse would be
        local = layer.image.mapFromScene(scene)          # in image pixels: column, row
        drawn = (int(np.floor(local.y())), int(np.floor(local.x())))
        assert drawn == basins.pixel_of(result.extent, result.n, x, y)
        sx, sy = layer.start_at(x, y)
        assert basins.pixel_of(result.extent, result.n, sx, sy) == drawn
    # The height bands under it: the first and last samples' pixels are centred on the view's corners.
    bands = panel.view.contour.image
    rows, columns = bands.image.shape[:2]
    x0, x1, y0, y1 = result.extent
    for (column, row), corner in (((0.5, 0.5), (x0, y0)), ((columns - 0.5, rows - 0.5), (x1, y1))):
        centre = bands.mapToView(QPointF(column, row))
        assert (centre.x(), centre.y()) == pytest.approx(corner, abs=1e-9)


def test_paths_have_a_halo_and_the_theme_recolours_the_map(qtbot, panel):
    from widgets.basins_layer import pixel_colour
    layer = panel.basins
    shown_map(qtbot, layer)
    contour = panel.view.contour
    assert contour.halos[0].zValue() < contour.paths[0].zValue()
    assert contour.halos[0].opts["pen"].widthF() > contour.paths[0].opts["pen"].widthF()
    light = pixel_colour(layer, 3.02, 2.02)
    panel.apply_theme(themes.get("dark"))
    dark = pixel_colour(layer, 3.02, 2.02)
    # Mixed into the dark background: darker, same basin.
    assert dark[:3].astype(int).sum() < light[:3].astype(int).sum()
    assert contour.halos[0].opts["pen"].color().name() == themes.get("dark").plot_background


def test_l_bfgs_is_not_offered_and_a_racer_can_be_copied(qtbot, panel):
    layer = panel.basins
    assert layer.optimizer_box.findData("lbfgs") < 0
    layer.show_box.setChecked(True)
    layer.use_racer(Racer("adamw", (("lr", 0.05), ("weight_decay", 0.1))))
    assert layer.current_config().optimizer == "adamw"
    assert layer.current_config().hypers == (("lr", 0.05), ("weight_decay", 0.1))
    layer.cancel()


def test_state_round_trips(qtbot, panel):
    layer = panel.basins
    layer.lr.setValue(0.03)
    state = panel.state()
    layer.lr.setValue(0.2)
    panel.set_state(state)
    assert layer.lr.value() == pytest.approx(0.03)
    panel.set_state({"basins": {"lr": "bad", "grid": 7}})   # damaged fields are ignored
    assert layer.lr.value() == pytest.approx(0.03)


def test_closing_mid_run_stops_a_long_chunk_soon(qtbot, panel):
    import time

    from PySide6.QtCore import QThreadPool
    layer = panel.basins
    layer.resolution.setCurrentIndex(basins_layer.RESOLUTIONS.index(1024))
    layer.lr.setValue(1e-5)
    layer.steps.setValue(100_000)   # one chunk alone would run for minutes
    layer.show_box.setChecked(True)
    assert layer.worker.is_running()
    began = time.perf_counter()
    panel.close()
    assert QThreadPool.globalInstance().waitForDone(20_000)
    assert time.perf_counter() - began < 20


def test_file_export_offers_the_map_as_npy_while_it_is_shown(qtbot, panel, tmp_path):
    assert "npy" not in panel.export_formats()
    result = shown_map(qtbot, panel.basins)
    assert "npy" in panel.export_formats()
    panel.export(str(tmp_path / "map.npy"))
    np.testing.assert_array_equal(np.load(tmp_path / "map.npy")[..., 0], result.basin)


def test_contour_lines_follow_the_surface(qtbot, panel):
    from dataclasses import replace
    shown_map(qtbot, panel.basins)
    lines = panel.view.contour.lines
    assert np.nanmax(lines.getData()[0]) > 4   # Himmelblau's view: -5 … 5
    with qtbot.waitSignal(panel.basins.done, timeout=30_000):
        panel.controls.set_config(replace(ONE_RUN, surface="rosenbrock"))
    x, y = lines.getData()
    assert lines.isVisible() and np.nanmin(x) >= -2 and np.nanmax(x) <= 2 and np.nanmin(y) >= -1
