"""The basins runner: each start ends as the single-run runner says, fractions add up, chunks agree,
the closed forms agree with autograd and torch.optim, compiling falls back to eager, cancel stops."""

from __future__ import annotations

import math
import threading

import numpy as np
import pytest
import torch

from app import basins, surfaces, trajectories
from app import basins_kernels as kernels
from app.errors import InputError


def outcome_of(result: basins.BasinsMap, start):
    i, j = basins.pixel_of(result.extent, result.n, *start)
    return result.basin[i, j], result.steps[i, j], result.status[i, j], result.final[i, j]


def starts_of(result: basins.BasinsMap, count: int, seed: int):
    rng = np.random.default_rng(seed)
    xs, ys = basins.grid_axes(result.extent, result.n)
    return [(float(xs[j]), float(ys[i])) for i, j in rng.integers(0, result.n, size=(count, 2))]


CASES = [   # optimizer, hypers, surface, steps, fast
    ("adam", (("lr", 0.1),), "himmelblau", 400, True),
    ("sgd", (("lr", 0.01), ("momentum", 0.9)), "himmelblau", 300, True),
    ("sgd", (("lr", 0.0005), ("nesterov", True), ("momentum", 0.5)), "rosenbrock", 300, True),
    ("adamw", (("lr", 0.05),), "booth", 300, True),
    ("rmsprop", (("lr", 0.01),), "himmelblau", 300, True),       # torch.optim path
    ("adam", (("lr", 0.1),), "himmelblau", 300, False),          # autograd + torch.optim.Adam
    ("sgd", (("lr", 0.55),), "ill_conditioned", 120, True),     # every start diverges
]


@pytest.mark.parametrize("optimizer, hypers, surface, steps, fast", CASES)
def test_each_sampled_start_ends_as_the_single_run_runner_says(optimizer, hypers, surface, steps, fast):
    config = basins.BasinsConfig(optimizer=optimizer, hypers=hypers, steps=steps, grid=24, surface=surface,
                                 dtype="float64")
    result = basins.run(config, fast=fast, compile=False)
    codes = {v: k for k, v in basins.STATUS_CODES.items()}
    for start in starts_of(result, 6, seed=len(surface) + steps):
        t = basins.single_run_outcome(config, start)
        basin, steps_taken, status, final = outcome_of(result, start)
        assert codes[int(status)] == t.status, start
        assert steps_taken == t.steps, start
        np.testing.assert_allclose(final, t.final, atol=1e-9)
        if t.minimum is not None:
            assert result.minima[basin] == t.minimum
        elif t.status == trajectories.DIVERGED:
            assert basin == basins.DIVERGED
        elif t.status == trajectories.MAX_STEPS_STATUS:
            assert basin == basins.UNCONVERGED


def test_float32_map_agrees_with_single_runs_on_himmelblau():
    config = basins.BasinsConfig(optimizer="adam", hypers=(("lr", 0.1),), steps=300, grid=16)
    result = basins.run(config, fast=False)
    for start in starts_of(result, 5, seed=3):
        t = basins.single_run_outcome(config, start)
        basin, steps_taken, _status, _final = outcome_of(result, start)
        assert result.minima[basin] == t.minimum and steps_taken == t.steps


def test_some_sgd_starts_really_diverge():
    config = basins.BasinsConfig(optimizer="sgd", hypers=(("lr", 0.03),), steps=120, grid=24)
    fractions = basins.run(config).fractions()
    assert 0 < fractions["diverged"] < 1


@pytest.mark.parametrize("optimizer, hypers", [("adam", (("lr", 0.05),)), ("sgd", (("lr", 0.005),)),
                                               ("nadam", (("lr", 0.05),))])
def test_fractions_add_up_to_one_and_name_every_listed_minimum(optimizer, hypers):
    config = basins.BasinsConfig(optimizer=optimizer, hypers=hypers, steps=200, grid=20)
    fractions = basins.run(config).fractions()
    assert math.isclose(sum(fractions.values()), 1.0)
    assert list(fractions)[:4] == ["(3.0, 2.0)", "(-2.805118, 3.131312)", "(-3.77931, -3.283186)",
                                   "(3.584428, -1.848126)"]
    assert list(fractions)[-2:] == ["diverged", "unconverged"]


@pytest.mark.parametrize("fast", [True, False])
def test_starts_next_to_each_minimum_land_in_it(fast):
    surface = surfaces.get("himmelblau")
    for index, (mx, my) in enumerate(surface.minima):
        extent = (mx - 0.2, mx + 0.2, my - 0.2, my + 0.2)
        config = basins.BasinsConfig(optimizer="adam", hypers=(("lr", 0.02),), steps=400, grid=6, extent=extent)
        result = basins.run(config, fast=fast)
        assert (result.basin == index).all(), (index, result.basin)


def test_a_map_in_chunks_equals_the_map_computed_whole():
    config = basins.BasinsConfig(optimizer="adam", hypers=(("lr", 0.1),), steps=250, grid=30)
    whole = basins.run(config, chunk=900)
    updates = list(basins.compute(config, chunk=128))
    pieces = updates[-1].map
    assert [u.start for u in updates] == list(range(0, 900, 128))
    assert [u.progress for u in updates][-1] == 1.0
    np.testing.assert_array_equal(pieces.basin, whole.basin)
    np.testing.assert_array_equal(pieces.steps, whole.steps)
    np.testing.assert_array_equal(pieces.final, whole.final)


def test_a_typed_surface_groups_end_points_into_minima_by_coordinates():
    config = basins.BasinsConfig(optimizer="adam", hypers=(("lr", 0.05),), steps=400, grid=12, surface="custom",
                                 expression="(x**2 - 4)**2 + y**2", extent=(-3.0, 3.0, -1.0, 1.0))
    result = basins.run(config)
    assert result.labels() == ["(-2.0, 0.0)", "(2.0, 0.0)"] or result.labels() == ["(2.0, 0.0)", "(-2.0, 0.0)"]
    left = result.labels().index("(-2.0, 0.0)")
    assert (result.basin[:, :6] == left).all() and (result.basin[:, 6:] == 1 - left).all()


# --- the closed forms --------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(kernels.GRADIENTS))
def test_closed_form_gradients_equal_autograd(name):
    surface = surfaces.get(name)
    torch.manual_seed(0)
    x0, x1, y0, y1 = surface.bounds
    p = torch.rand(200, 2, dtype=torch.float64) * torch.tensor([x1 - x0, y1 - y0]) + torch.tensor([x0, y0])
    q = p.clone().requires_grad_(True)
    surface(q[:, 0], q[:, 1]).sum().backward()
    np.testing.assert_allclose(kernels.gradient(name, p).numpy(), q.grad.numpy(), rtol=1e-10, atol=1e-9)


def test_catalog_surfaces_stay_finite_inside_the_divergence_box():
    # The fast path tests only the point (inside the box, finite): f and its gradient must be too.
    for name in kernels.GRADIENTS:
        surface = surfaces.get(name)
        x0, x1, y0, y1 = surface.bounds
        c, r = ((x0 + x1) / 2, (y0 + y1) / 2), Stopping_far() * surface.span
        axis = torch.linspace(-r, r, 41)
        gx, gy = torch.meshgrid(axis + c[0], axis + c[1], indexing="ij")
        f = surface(gx.float(), gy.float())
        g = kernels.gradient(name, torch.stack([gx.ravel(), gy.ravel()], 1).float())
        assert torch.isfinite(f).all() and torch.isfinite(g).all(), name


def Stopping_far() -> float:
    return trajectories.Stopping().far


UPDATE_CASES = [
    ("sgd", {}), ("sgd", {"momentum": 0.9}), ("sgd", {"momentum": 0.8, "dampening": 0.3, "weight_decay": 0.1}),
    ("sgd", {"momentum": 0.7, "nesterov": True, "weight_decay": 0.05}),
    ("adam", {}), ("adam", {"betas": (0.8, 0.99), "eps": 1e-6}), ("adam", {"weight_decay": 0.1}),
    ("adam", {"amsgrad": True, "weight_decay": 0.01}), ("adamw", {}), ("adamw", {"weight_decay": 0.3, "amsgrad": True}),
]


@pytest.mark.parametrize("optimizer, values", UPDATE_CASES)
def test_closed_form_updates_equal_torch_optim(optimizer, values):
    from app import optimizers
    torch.manual_seed(1)
    settings = optimizers.get(optimizer).settings({"lr": 0.05, **values})
    p = torch.randn(64, 2, dtype=torch.float64)
    param = p.clone().requires_grad_(True)
    reference = optimizers.get(optimizer).build([param], {"lr": 0.05, **values})
    h = kernels.hyper_values(optimizer, settings)
    update = kernels.sgd_update if optimizer == "sgd" else kernels.adam_update
    state = kernels.initial_state(optimizer, settings, p)
    ours = p.clone()
    for step in range(1, 60):
        g = torch.randn(64, 2, dtype=torch.float64) * 3
        param.grad = g.clone()
        reference.step()
        ours, state = update(ours, g, state, h, kernels.step_scalars(optimizer, settings, step))
        np.testing.assert_allclose(ours.numpy(), param.detach().numpy(), rtol=1e-6, atol=1e-6)


# --- compiling and its fallback ----------------------------------------------------------------
def test_without_a_compiler_the_map_is_computed_eagerly(monkeypatch):
    monkeypatch.setattr(kernels.shutil, "which", lambda name: None)
    assert not kernels.compiler_available()
    config = basins.BasinsConfig(optimizer="adam", hypers=(("lr", 0.1),), steps=60, grid=8)
    result = basins.run(config, compile=None)
    assert result.path == "fast eager"


def test_a_failing_compile_falls_back_to_eager_with_the_same_map(monkeypatch):
    config = basins.BasinsConfig(optimizer="adam", hypers=(("lr", 0.1),), steps=120, grid=10)
    eager = basins.run(config, compile=False)

    def broken(fn, **options):
        def call(*args, **kwargs):
            raise RuntimeError("no C++ compiler found")
        return call
    monkeypatch.setattr(kernels.torch, "compile", broken)
    monkeypatch.setattr(kernels, "_compiled", {})
    monkeypatch.setattr(kernels, "_compile_broken", None)
    monkeypatch.setattr(kernels, "compiler_available", lambda: True)
    result = basins.run(config, compile=True)
    assert result.path == "fast eager" and "no C++ compiler" in kernels.compile_failure()
    np.testing.assert_array_equal(result.basin, eager.basin)
    np.testing.assert_array_equal(result.steps, eager.steps)


# --- cancel, input, export ---------------------------------------------------------------------
def test_cancel_stops_between_chunks_and_inside_a_long_chunk():
    cancel = threading.Event()
    config = basins.BasinsConfig(optimizer="adam", hypers=(("lr", 1e-4),), steps=1000, grid=32)
    updates = basins.compute(config, chunk=256, cancel=cancel)
    first = next(updates)
    assert first.stop == 256
    cancel.set()
    assert list(updates) == []
    surface = surfaces.get("himmelblau")
    stepper = kernels.stepper_for(surface, "adam", {"lr": 1e-4, "betas": (0.9, 0.999), "eps": 1e-8,
                                                    "weight_decay": 0, "amsgrad": False})
    starts = torch.zeros(16, 2)
    assert kernels.run_points(stepper, starts, surface, 10_000, trajectories.Stopping(), False, cancel) is None


@pytest.mark.parametrize("change, fragment", [
    ({"optimizer": "lbfgs"}, "L-BFGS cannot draw a basins map"), ({"grid": 1}, "between 2 and 1024"),
    ({"steps": 0}, "steps must be between"), ({"extent": (1.0, 0.0, 0.0, 1.0)}, "X0 < X1"),
    ({"hypers": (("lr", -1.0),)}, "lr of Adam"), ({"optimizer": "nope"}, "unknown optimizer"),
])
def test_bad_input_is_one_input_error(change, fragment):
    from tests.conftest import assert_one_line_input_error
    config = basins.BasinsConfig(**change)
    assert_one_line_input_error(config.check, fragment)


def test_extent_text_is_four_numbers():
    assert basins.parse_extent("-1, 1,-2,2") == (-1.0, 1.0, -2.0, 2.0)
    with pytest.raises(InputError):
        basins.parse_extent("1,2,3")


def test_csv_and_npy_hold_every_start(tmp_path):
    config = basins.BasinsConfig(optimizer="adam", hypers=(("lr", 0.1),), steps=200, grid=8)
    result = basins.run(config)
    basins.save(result, tmp_path / "m.npy")
    array = np.load(tmp_path / "m.npy")
    assert array.shape == (8, 8, 2)
    np.testing.assert_array_equal(array[..., 0], result.basin)
    basins.save(result, tmp_path / "m.csv")
    lines = (tmp_path / "m.csv").read_text().splitlines()
    assert lines[0] == "x,y,basin,steps,status,final_x,final_y" and len(lines) == 65
    x, y, basin = lines[1].split(",")[:3]
    assert (float(x), float(y)) == (-5 + 10 / 16, -5 + 10 / 16) and int(basin) == result.basin[0, 0]


# --- the command line --------------------------------------------------------------------------
def cli(capsys, *argv):
    import main
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def pretend_compiler(monkeypatch, pays: bool):
    """A compiler that compiles nothing (torch.compile returns the function) and a big enough job."""
    monkeypatch.setattr(kernels.torch, "compile", lambda fn, **options: fn)
    monkeypatch.setattr(kernels, "_compiled", {})
    monkeypatch.setattr(kernels, "_compile_broken", None)
    monkeypatch.setattr(kernels, "compiler_available", lambda: True)
    monkeypatch.setattr(kernels, "COMPILE_MIN_WORK", 0)
    monkeypatch.setattr(kernels, "COMPILE_SECONDS", 0.0 if pays else 1e9)


@pytest.mark.parametrize("pays", [True, False])
def test_compile_none_runs_a_first_chunk_eagerly_and_compiles_only_if_that_pays(monkeypatch, pays):
    config = basins.BasinsConfig(optimizer="adam", hypers=(("lr", 0.1),), steps=120, grid=10)
    eager = basins.run(config, compile=False, chunk=25)
    pretend_compiler(monkeypatch, pays)
    notes = []
    result = basins.run(config, compile=None, chunk=25, on_compile=lambda: notes.append(1))
    assert result.path == ("fast eager, then compiled" if pays else "fast eager")
    assert notes == ([1] if pays else [])   # said once, before the first compiled chunk
    np.testing.assert_array_equal(result.basin, eager.basin)
    np.testing.assert_array_equal(result.steps, eager.steps)


def test_a_map_that_diverges_at_once_is_not_worth_compiling():
    # Every start of SGD at lr 0.55 on the ill-conditioned bowl diverges within a few steps: the
    # first chunk is quick, so the rest of a big map is not worth a compile of ~15 s.
    from app import optimizers
    settings = optimizers.get("sgd").settings({"lr": 0.55})
    stepper = kernels.stepper_for(surfaces.get("ill_conditioned"), "sgd", settings)
    assert not kernels.compile_pays(stepper, seconds=0.05, done=65_536, remaining=1024 ** 2 - 65_536)
    assert kernels.compile_pays(stepper, seconds=5.0, done=65_536, remaining=1024 ** 2 - 65_536) \
        or kernels.is_compiled(stepper)


def test_cli_says_on_stderr_that_it_compiles(capsys, monkeypatch):
    import json
    pretend_compiler(monkeypatch, True)
    code, out, err = cli(capsys, "basins", "--optimizer", "adam", "--lr", "0.1", "--grid", "300", "--steps", "20",
                         "--json")
    assert code == 0 and json.loads(out)["grid"] == 300 and err.count("compiling the fast kernels") == 1 and "--no-compile" in err


def test_cli_json_has_the_issues_keys_and_fractions_add_up(capsys):
    import json
    code, out, err = cli(capsys, "basins", "--optimizer", "adam", "--lr", "0.1", "--grid", "16", "--steps", "300",
                         "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) == {"grid", "steps", "fractions", "seconds", "point_steps_per_second"}
    assert data["grid"] == 16 and data["steps"] == 300 and data["point_steps_per_second"] > 0
    assert "(3.0, 2.0)" in data["fractions"] and math.isclose(sum(data["fractions"].values()), 1.0)


@pytest.mark.parametrize("argv, fragment", [
    (["--optimizer", "lbfgs"], "L-BFGS"), (["--optimizer", "adam", "--grid", "0"], "between 2 and 1024"),
    (["--optimizer", "adam", "--extent", "1,2"], "X0,X1,Y0,Y1"), (["--optimizer", "adam", "--lr", "x"], "lr"),
    (["--optimizer", "adam", "--out", "m.gif"], "--out must end in"), (["--optimizer", "adam", "--device", "tpu"], "tpu"),
])
def test_cli_bad_input_is_one_line_and_exit_2(capsys, argv, fragment):
    code, out, err = cli(capsys, "basins", *argv)
    assert code == 2 and out == "" and err.count("\n") == 1 and fragment in err


def test_cli_writes_npy_csv_and_png(capsys, tmp_path):
    for ext in ("npy", "csv", "png"):
        code, _out, _err = cli(capsys, "basins", "--optimizer", "sgd", "--lr", "0.01", "--grid", "8", "--steps", "100",
                               "--extent", "-5,5,-5,5", "--out", str(tmp_path / f"m.{ext}"))
        assert code == 0
    assert np.load(tmp_path / "m.npy").shape == (8, 8, 2)
    assert (tmp_path / "m.csv").read_text().count("\n") == 65
    from PySide6.QtGui import QImage
    image = QImage(str(tmp_path / "m.png"))
    assert image.width() > 640 and image.height() > 640


# --- the compiled path's filter: flag every point per block, replay the flagged exactly ----------
def grid_starts(surface, n):
    x0, x1, y0, y1 = surface.bounds
    xs, ys = torch.linspace(x0, x1, n, dtype=torch.float64), torch.linspace(y0, y1, n, dtype=torch.float64)
    gy, gx = torch.meshgrid(ys, xs, indexing="ij")
    return torch.stack([gx.ravel(), gy.ravel()], 1)


def filtered_and_every_step(optimizer, values, surface_name, steps, stopping, n=16, kernel_set=None):
    """The same starts by the compiled path's loop (the same code, not compiled here, unless
    kernel_set says otherwise) and by the eager loop that tests every step of every point."""
    from app import optimizers
    surface = surfaces.get(surface_name)
    settings = optimizers.get(optimizer).settings(values)
    columns = grid_starts(surface, n).T.contiguous()
    filtered = kernels._run_filtered(kernels.stepper_for(surface, optimizer, settings), columns, surface, steps,
                                     stopping, kernel_set or kernels.EAGER, None)
    every = kernels._run_ring(kernels.stepper_for(surface, optimizer, settings), columns, surface, steps,
                              stopping, None)
    return filtered, every


def assert_same_outcome(a: kernels.Outcome, b: kernels.Outcome):
    np.testing.assert_array_equal(a.status, b.status)
    np.testing.assert_array_equal(a.steps, b.steps)
    np.testing.assert_array_equal(a.final, b.final)


# Windows and move tolerances chosen so that the window test is borderline for many points: the
# distance over the window crosses r inside blocks, at their edges, and for some only just.
FILTER_CASES = [   # optimizer, values, surface, steps, stopping
    ("adam", {"lr": 0.1}, "himmelblau", 400, trajectories.Stopping()),
    ("adam", {"lr": 0.05}, "himmelblau", 337, trajectories.Stopping(window=30, move_tol=2e-3)),
    ("adam", {"lr": 0.02, "amsgrad": True}, "rosenbrock", 263, trajectories.Stopping(window=20, move_tol=5e-3)),
    ("sgd", {"lr": 0.01, "momentum": 0.9}, "himmelblau", 305, trajectories.Stopping(window=40, move_tol=1e-3)),
    ("sgd", {"lr": 0.02}, "himmelblau", 157, trajectories.Stopping(window=10, move_tol=3e-3)),
    ("sgd", {"lr": 0.55}, "ill_conditioned", 95, trajectories.Stopping()),   # every start diverges, steps < window
    ("sgd", {"lr": 0.03}, "himmelblau", 120, trajectories.Stopping()),        # some diverge, some converge
    ("sgd", {"lr": 0.002, "momentum": 0.9, "nesterov": True}, "rosenbrock", 200, trajectories.Stopping()),
    ("adamw", {"lr": 0.05, "weight_decay": 0.1}, "booth", 250, trajectories.Stopping(window=50, move_tol=1e-4)),
    # Stopped by the small-gradient-and-tiny-step rule alone (the window test practically off):
    ("sgd", {"lr": 0.01}, "booth", 300, trajectories.Stopping(move_tol=1e-12, grad_tol=1e-2, step_tol=1e-5)),
    ("adam", {"lr": 0.05}, "himmelblau", 300, trajectories.Stopping(move_tol=1e-12, grad_tol=0.5, step_tol=3e-4)),
]


@pytest.mark.parametrize("optimizer, values, surface_name, steps, stopping", FILTER_CASES)
def test_flagging_per_block_and_replaying_gives_what_testing_every_step_gives(optimizer, values, surface_name,
                                                                              steps, stopping):
    filtered, every = filtered_and_every_step(optimizer, values, surface_name, steps, stopping)
    assert_same_outcome(filtered, every)
    # The eager loop: filtered blocks whose old points come from the ring, switching to exact blocks
    # when many points are flagged (0.3) or never (2.0): the same outcome each way.
    from app import optimizers
    surface = surfaces.get(surface_name)
    settings = optimizers.get(optimizer).settings(values)
    columns = grid_starts(surface, 16).T.contiguous()
    for exact_above in (kernels.EXACT_ABOVE, 2.0):
        eager = kernels._run_eager(kernels.stepper_for(surface, optimizer, settings), columns, surface, steps,
                                   stopping, None, exact_above=exact_above)
        assert_same_outcome(eager, every)


def test_the_filter_cases_cover_block_edges_window_convergence_and_divergence_inside_blocks():
    # What the cases above exercise, so that they keep testing the borderline situations.
    edges, inside, window_only, diverged_inside, by_gradient = 0, 0, 0, 0, 0
    for optimizer, values, surface_name, steps, stopping in FILTER_CASES:
        outcome, _ = filtered_and_every_step(optimizer, values, surface_name, steps, stopping)
        converged = outcome.status == kernels.CONVERGED
        edges += int((converged & (outcome.steps % kernels.BLOCK == 0)).sum())
        edges += int((converged & (outcome.steps % kernels.BLOCK == kernels.BLOCK - 1)).sum())
        inside += int((converged & (outcome.steps % kernels.BLOCK == 5)).sum())
        window_only += int((converged & (outcome.steps >= stopping.window)).sum())
        by_gradient += int(converged.sum()) if stopping.move_tol < 1e-9 else 0
        diverged = outcome.status == kernels.DIVERGED
        diverged_inside += int((diverged & (outcome.steps % kernels.BLOCK != 0) & (outcome.steps > 0)).sum())
    assert edges > 10 and inside > 5 and window_only > 100 and diverged_inside > 10 and by_gradient > 100


def test_a_point_whose_window_distance_is_just_above_r_is_not_converged_and_just_below_is():
    # Booth with plain SGD contracts every point towards (1, 3) by the same factor each step: the
    # distance over the window falls smoothly, so a tolerance just above or below a given step's
    # distance decides that step exactly; the block bound must not hide either side.
    from app import optimizers
    surface = surfaces.get("booth")
    settings = optimizers.get("sgd").settings({"lr": 0.01})
    start = torch.tensor([[4.0], [-2.0]], dtype=torch.float64)
    # The distance moved over the window at step 47 (inside a block) and 60 (a block's first step):
    for k in (47, 60):
        config = basins.BasinsConfig(optimizer="sgd", hypers=(("lr", 0.01),), steps=k, dtype="float64", surface="booth")
        t = basins.single_run_outcome(config, (4.0, -2.0))
        moved = float(np.linalg.norm(t.points[k] - t.points[k - 20]))
        for scale, converges_at_k in ((1 + 1e-9, True), (1 - 1e-9, False)):
            stopping = trajectories.Stopping(window=20, grad_tol=0.0, move_tol=moved * scale / surface.span)
            got = kernels._run_filtered(kernels.stepper_for(surface, "sgd", settings), start, surface, 200,
                                        stopping, kernels.EAGER, None)
            ref = kernels._run_ring(kernels.stepper_for(surface, "sgd", settings), start, surface, 200, stopping,
                                    None)
            assert_same_outcome(got, ref)
            assert (int(got.steps[0]) == k) == converges_at_k, (k, scale, got.steps)


def test_the_compiled_branch_with_tensor_hyperparameters_gives_the_same_outcome():
    # kernel_set other than EAGER takes the compiled branch (hyperparameters and scalars as tensors,
    # one flagged point replayed eagerly) without compiling anything.
    # Against the same loop on the same kernels with Python numbers (RAW: the compiled family's numbers).
    from app import optimizers
    plain = tuple(lambda *a, f=f: f(*a) for f in kernels.RAW)
    for optimizer, values, surface_name, steps, stopping in FILTER_CASES[:4]:
        surface = surfaces.get(surface_name)
        settings = optimizers.get(optimizer).settings(values)
        columns = grid_starts(surface, 16).T.contiguous()
        tensors, floats = (kernels._run_filtered(kernels.stepper_for(surface, optimizer, settings), columns, surface,
                                                 steps, stopping, kernel_set, None) for kernel_set in (plain, kernels.RAW))
        assert_same_outcome(tensors, floats)


def test_a_run_whose_points_grow_huge_in_float64_ends_diverged_without_a_warning():
    # Nesterov SGD at lr 0.002 on Rosenbrock overshoots to ~1e200 before inf: squaring that in a
    # norm overflowed with a RuntimeWarning (an error under pytest's filterwarnings).
    spec = trajectories.RunSpec("sgd", (-1.5, 2.0), (("lr", 0.002), ("momentum", 0.9), ("nesterov", True)), 300)
    last = list(trajectories.simulate(surfaces.get("rosenbrock"), spec, dtype="float64"))[-1]
    assert last.status == trajectories.DIVERGED and np.isfinite(last.points).all()


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device here")
def test_the_same_map_on_cuda():
    config = basins.BasinsConfig(optimizer="adam", hypers=(("lr", 0.1),), steps=300, grid=32, dtype="float64")
    cpu, cuda = basins.run(config, compile=False), basins.run(config, device="cuda", compile=False)
    np.testing.assert_array_equal(cpu.basin, cuda.basin)
