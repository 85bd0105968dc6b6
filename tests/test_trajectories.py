"""The runner against plain torch loops, closed forms and the course's experiment."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from app import surfaces, trajectories
from app.surfaces import Surface
from app.trajectories import RunSpec, Stopping

NEVER_STOP = Stopping(stop_when_converged=False, far=1e9)
HIMMELBLAU = surfaces.get("himmelblau")

# Settings that exercise each optimizer's state (momentum, Nesterov, AMSGrad, centred, ...).
SETTINGS = {
    "sgd": (("lr", 0.002), ("momentum", 0.9), ("nesterov", True), ("weight_decay", 0.01)),
    "adagrad": (("lr", 0.1), ("lr_decay", 0.01)),
    "rmsprop": (("lr", 0.01), ("momentum", 0.5), ("centered", True)),
    "adadelta": (("lr", 1.0),),
    "adam": (("lr", 0.05), ("amsgrad", True), ("betas", (0.8, 0.99))),
    "adamw": (("lr", 0.05), ("weight_decay", 0.1)),
    "adamax": (("lr", 0.05),),
    "nadam": (("lr", 0.05),),
    "radam": (("lr", 0.05),),
    "lbfgs": (("lr", 0.5), ("max_iter", 5)),
}


def plain_loop(name, hypers, start, steps, dtype):
    """What a course notebook writes: the torch.optim class, zero_grad, backward, step."""
    from app import optimizers
    spec = optimizers.get(name)
    point = torch.tensor(start, dtype=dtype, requires_grad=True)
    optimizer = spec.cls([point], **dict(hypers))
    points = [point.detach().clone()]

    def closure():
        optimizer.zero_grad()
        loss = (point[0] ** 2 + point[1] - 11) ** 2 + (point[0] + point[1] ** 2 - 7) ** 2
        loss.backward()
        return loss

    for _ in range(steps):
        if spec.needs_closure:
            optimizer.step(closure)
        else:
            closure()
            optimizer.step()
        points.append(point.detach().clone())
    return torch.stack(points).numpy(), optimizer.state[point]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name", list(SETTINGS))
def test_trajectory_equals_a_plain_torch_loop(name, dtype):
    steps = 12 if name == "lbfgs" else 40
    spec = RunSpec(name, (-1.0, 0.5), SETTINGS[name], steps)
    run = trajectories.run_all(HIMMELBLAU, [spec], dtype=dtype, stopping=NEVER_STOP, chunk=7)[0]
    expected, state = plain_loop(name, SETTINGS[name], (-1.0, 0.5), steps, trajectories.DTYPES[dtype])
    assert run.steps == steps and run.status in ("max_steps", "converged")
    np.testing.assert_array_equal(run.points, expected.astype(np.float64))   # exactly, on the CPU
    last_state = {k: v for k, v in state.items() if torch.is_tensor(v) and v.shape == (2,)}
    assert set(last_state) == set(run.state)
    for key, value in last_state.items():   # the state after the last step taken (row -2)
        np.testing.assert_array_equal(run.state[key][-2], value.numpy().astype(np.float64))


def test_loss_and_gradient_are_recorded_at_each_point():
    run = trajectories.run_all(HIMMELBLAU, [RunSpec("adam", (-4.0, 0.0), (("lr", 0.1),), 25)],
                               dtype="float64", stopping=NEVER_STOP)[0]
    for k in (0, 10, 25):
        p = torch.tensor(run.points[k], dtype=torch.float64, requires_grad=True)
        f = HIMMELBLAU(p[0], p[1])
        f.backward()
        assert run.loss[k] == pytest.approx(f.item(), rel=1e-12)
        np.testing.assert_allclose(run.grad[k], p.grad.numpy(), rtol=1e-12)
    np.testing.assert_array_equal(run.update[:-1], np.diff(run.points, axis=0))
    assert np.isnan(run.update[-1]).all()


def _quadratic(a: float, b: float) -> Surface:
    return Surface("q", "q", "", "", lambda x, y: a * x ** 2 + b * y ** 2, minima=((0.0, 0.0),))


def test_plain_sgd_contracts_by_one_minus_two_a_lr():
    a, b, lr = 1.5, 0.25, 0.1
    run = trajectories.run_all(_quadratic(a, b), [RunSpec("sgd", (2.0, -3.0), (("lr", lr),), 30)],
                               dtype="float64", stopping=NEVER_STOP)[0]
    k = np.arange(31)
    np.testing.assert_allclose(run.points[:, 0], 2.0 * (1 - 2 * a * lr) ** k, rtol=1e-12)
    np.testing.assert_allclose(run.points[:, 1], -3.0 * (1 - 2 * b * lr) ** k, rtol=1e-12)


def test_momentum_follows_its_update_equations():
    a, lr, mu = 1.0, 0.05, 0.9
    run = trajectories.run_all(_quadratic(a, a), [RunSpec("sgd", (1.0, -2.0), (("lr", lr), ("momentum", mu)), 40)],
                               dtype="float64", stopping=NEVER_STOP)[0]
    x, v = np.array([1.0, -2.0]), np.zeros(2)
    for k in range(40):
        g = 2 * a * x
        v = g if k == 0 else mu * v + g           # torch: the first buffer is the gradient itself
        x = x - lr * v
        np.testing.assert_allclose(run.points[k + 1], x, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(run.state["momentum_buffer"][k], v, rtol=1e-12, atol=1e-15)


def test_adam_follows_its_update_equations():
    a, lr, (b1, b2), eps = 3.0, 0.1, (0.9, 0.999), 1e-8
    run = trajectories.run_all(_quadratic(a, 0.5), [RunSpec("adam", (1.0, -2.0), (("lr", lr),), 50)],
                               dtype="float64", stopping=NEVER_STOP)[0]
    x, m, v = np.array([1.0, -2.0]), np.zeros(2), np.zeros(2)
    for t in range(1, 51):
        g = np.array([2 * a * x[0], 2 * 0.5 * x[1]])
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        x = x - lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
        np.testing.assert_allclose(run.points[t], x, rtol=1e-10, atol=1e-13)
        np.testing.assert_allclose(run.state["exp_avg"][t - 1], m, rtol=1e-10)
        np.testing.assert_allclose(run.state["exp_avg_sq"][t - 1], v, rtol=1e-10)


def test_adam_from_the_courses_starts_reaches_the_right_minima():
    """The course: Adam, lr 1e-3, 20,000 steps from (−4, 0), (4, 0), (0, 0), (1, 0)."""
    from app.arena import COURSE_EXPERIMENT
    runs = trajectories.run_all(HIMMELBLAU, COURSE_EXPERIMENT.specs())
    expected = [(-3.779310, -3.283186), (3.584428, -1.848126), (3.0, 2.0), (3.0, 2.0)]
    for run, minimum in zip(runs, expected):
        assert run.status == "converged" and run.minimum == minimum
        assert math.dist(run.final, minimum) < 1e-3 and run.steps < 20_000


def test_divergence_stops_and_keeps_the_last_finite_point():
    run = trajectories.run_all(HIMMELBLAU, [RunSpec("sgd", (-4.0, 0.0), (("lr", 0.1),), 1000)])[0]
    assert run.status == "diverged" and run.minimum is None
    assert np.isfinite(run.points).all() and np.isfinite(run.loss).all()
    assert run.steps < 10


def test_a_nan_loss_is_divergence_and_the_start_stays():
    log_x = Surface("log", "log", "", "", lambda x, y: torch.log(x) + 0 * y)
    run = trajectories.run_all(log_x, [RunSpec("sgd", (1.0, 1.0), (("lr", 2.0),), 50)])[0]
    assert run.status == "diverged" and run.steps == 0 and run.final == (1.0, 1.0)
    assert run.record()["final_loss"] == 0.0


def test_a_saddle_point_is_converged_but_no_minimum():
    run = trajectories.run_all(surfaces.get("saddle"), [RunSpec("sgd", (1.0, 0.0), (("lr", 0.1),), 1000)])[0]
    assert run.status == "converged" and run.minimum is None and abs(run.final[0]) < 1e-2
    run = trajectories.run_all(surfaces.get("saddle"), [RunSpec("sgd", (1.0, 0.01), (("lr", 0.1),), 1000)])[0]
    assert run.status == "diverged"   # off the ridge, f → −∞ along y


def test_momentum_passing_through_a_minimum_has_not_converged():
    run = trajectories.run_all(_quadratic(1.0, 1.0), [RunSpec("sgd", (1.0, 1.0), (("lr", 0.01), ("momentum", 0.99)),
                                                             300)])[0]
    speeds = np.linalg.norm(run.update[:-1], axis=1)
    assert run.status == "max_steps" or speeds[-1] < 1e-5 * 10


def test_race_grows_every_run_in_turn_and_ends_at_full_progress():
    specs = [RunSpec("adam", (-4.0, 0.0), (("lr", 0.01),), 300), RunSpec("sgd", (1.0, 0.0), (("lr", 0.001),), 300)]
    updates = list(trajectories.race(HIMMELBLAU, specs, chunk=100, stopping=NEVER_STOP))
    assert [u.index for u in updates[:4]] == [0, 1, 0, 1]
    assert updates[-1].progress == 1.0 and all(u.trajectory.finished for u in updates[-2:])
    assert [len(u.trajectory.points) for u in updates if u.index == 0] == [100, 200, 300, 301]


def test_table_columns_hold_every_step_of_every_run():
    specs = [RunSpec("adam", (-4.0, 0.0), (("lr", 0.01),), 5), RunSpec("sgd", (1.0, 0.0), (("lr", 0.001),), 3)]
    runs = trajectories.run_all(HIMMELBLAU, specs, stopping=NEVER_STOP)
    columns = trajectories.table_columns(runs)
    assert list(columns["run"]) == [0] * 6 + [1] * 4 and list(columns["step"]) == [*range(6), *range(4)]
    assert {"exp_avg_x", "exp_avg_sq_y", "update_x"} <= set(columns)
    assert np.isnan(columns["exp_avg_x"][6:]).all()


@pytest.mark.parametrize(("spec", "fragment"), [
    (RunSpec("adam", (0.0, 0.0), (), 0), "steps must be between 1 and 100,000"),
    (RunSpec("adam", (math.nan, 0.0), (), 10), "start point must be two finite numbers"),
    (RunSpec("adam", (0.0, 0.0), (("lr", -1.0),), 10), "lr of Adam must be in"),
])
def test_bad_runs_are_refused_before_computing(spec, fragment):
    from tests.conftest import assert_one_line_input_error
    assert_one_line_input_error(lambda: trajectories.run_all(HIMMELBLAU, [spec]), fragment)


@pytest.mark.parametrize(("name", "hypers"), [
    ("rmsprop", (("lr", 0.01), ("momentum", 0.9))),
    ("nadam", (("lr", 0.05),)),
    ("adagrad", (("lr", 0.5),)),
])
def test_every_steps_state_equals_torchs_in_float64(name, hypers):
    """Not only the last step: row k holds optimizer.state right after the step taken from p_k."""
    steps = 60
    run = trajectories.run_all(HIMMELBLAU, [RunSpec(name, (-1.0, 1.5), hypers, steps)], dtype="float64",
                               stopping=NEVER_STOP, chunk=13)[0]
    from app import optimizers
    point = torch.tensor((-1.0, 1.5), dtype=torch.float64, requires_grad=True)
    optimizer = optimizers.get(name).cls([point], **dict(hypers))
    for k in range(steps):
        optimizer.zero_grad()
        loss = (point[0] ** 2 + point[1] - 11) ** 2 + (point[0] + point[1] ** 2 - 7) ** 2
        loss.backward()
        np.testing.assert_array_equal(run.points[k], point.detach().numpy())
        np.testing.assert_array_equal(run.grad[k], point.grad.numpy())
        assert run.loss[k] == loss.item()
        optimizer.step()
        state = {key: v for key, v in optimizer.state[point].items() if torch.is_tensor(v) and v.shape == (2,)}
        assert set(state) == set(run.state) and state
        for key, value in state.items():
            np.testing.assert_array_equal(run.state[key][k], value.numpy())
        np.testing.assert_array_equal(run.update[k], point.detach().numpy() - run.points[k])


def test_converged_runs_name_the_nearest_known_minimum_from_a_grid_of_starts():
    """Each converged run's minimum is the known Himmelblau minimum nearest its final point."""
    starts = [(float(x), float(y)) for x in np.linspace(-4.5, 4.5, 4) for y in np.linspace(-4.5, 4.5, 4)]
    runs = trajectories.run_all(HIMMELBLAU, [RunSpec("adam", s, (("lr", 0.05),), 3000) for s in starts],
                                dtype="float64")
    known = np.array(HIMMELBLAU.minima)
    for run in runs:
        assert run.status == trajectories.CONVERGED, run.spec.start
        distances = np.linalg.norm(known - np.array(run.final), axis=1)
        assert distances.min() < 1e-2 and run.final_loss < 1e-4   # really on a minimum: f = 0 there
        assert run.minimum == tuple(known[int(np.argmin(distances))])
    assert {run.minimum for run in runs} == set(HIMMELBLAU.minima)   # the grid reaches all four
