"""The inner loop of the basins map: many points stepped at once, each stopping by the single-run rule.

Two steppers share one loop (`run_points`):
- FastStepper: a closed-form gradient of a catalog surface and the SGD or Adam/AdamW update
  written with the same torch ops, in the same order, as torch.optim's single-tensor code (so it
  agrees with torch.optim to rounding; tests/test_basins.py checks 1e-6 in float64). No
  autograd graph, and the whole step (gradient, update, stopping checks) can be compiled by
  torch.compile into one loop over the points.
- TorchStepper: autograd on the sum of f over the points and the real torch.optim optimizer,
  for every other optimizer and for typed surfaces.

Both fast loops bound the stopping tests once per block of steps and replay only the points they
flag with the per-step tests (see flag_block): compiled (_run_filtered: the replays' old points
traced again from kept block starts) and eager (_run_eager: the old points kept in a ring, and
blocks where many points are flagged run with every test every step, as _run_ring does always).
Each runs one family of arithmetic throughout, with the same stopping decisions as testing every
step: compiled, the formulas of sgd_update/adam_update (RAW uncompiled for its odd blocks); eager,
torch.optim's own fused calls (EAGER: fewer calls, each a dispatch). The two agree to rounding.
"""

from __future__ import annotations

import math
import os
import shutil
from dataclasses import dataclass

import numpy as np
import torch

from app import optimizers
from app.surfaces import Surface
from app.trajectories import Stopping

RUNNING, CONVERGED, DIVERGED, MAX_STEPS = 3, 0, 1, 2   # CONVERGED..MAX_STEPS as app.basins.STATUS_CODES
COMPACT_EVERY = 50        # steps between checks for finished points to drop from the working set
COMPILE_MIN_WORK = 2e8    # point-steps below which compiling (5-10 s from the disk cache) costs more than it saves
CANCEL_EVERY = 200        # steps between checks of the cancel flag inside a chunk


# --- closed-form gradients of the catalog surfaces (each tested against autograd) ---------------
def _himmelblau(x, y):
    a = x * x + y - 11
    b = x + y * y - 7
    return 4 * a * x + 2 * b, 2 * a + 4 * b * y


def _rosenbrock(x, y):
    r = y - x * x
    return -2 * (1 - x) - 400 * x * r, 200 * r


def _beale(x, y):
    y2 = y * y
    y3 = y2 * y
    t1 = 1.5 - x + x * y
    t2 = 2.25 - x + x * y2
    t3 = 2.625 - x + x * y3
    gx = 2 * t1 * (y - 1) + 2 * t2 * (y2 - 1) + 2 * t3 * (y3 - 1)
    gy = 2 * t1 * x + 4 * t2 * x * y + 6 * t3 * x * y2
    return gx, gy


def _booth(x, y):
    a = x + 2 * y - 7
    b = 2 * x + y - 5
    return 2 * a + 4 * b, 4 * a + 2 * b


def _rastrigin(x, y):
    return 2 * x + 20 * math.pi * torch.sin(2 * math.pi * x), 2 * y + 20 * math.pi * torch.sin(2 * math.pi * y)


def _saddle(x, y):
    return 2 * x, -2 * y


def _ill_conditioned(x, y):
    return 0.08 * x, 4 * y


GRADIENTS = {"himmelblau": _himmelblau, "rosenbrock": _rosenbrock, "beale": _beale, "booth": _booth,
             "rastrigin": _rastrigin, "saddle": _saddle, "ill_conditioned": _ill_conditioned}
FAST_OPTIMIZERS = ("sgd", "adam", "adamw")


def gradient(surface_name: str, p: torch.Tensor) -> torch.Tensor:
    """(N, 2) gradient of the catalog surface at each point."""
    gx, gy = GRADIENTS[surface_name](p[:, 0], p[:, 1])
    return torch.stack((gx, gy), dim=1)


# --- closed-form updates (each tested against torch.optim in float64) ---------------------------
# Written as formulas rather than torch.optim's in-place calls (addcmul_(value=...) needs a Python
# number), so that hyperparameters can be 0-d tensors: a compiled step then serves every learning
# rate without recompiling. `h` holds the hyperparameters, `c` this step's scalars (step_scalars).
def sgd_update(p, g, state, h, c):
    """One torch.optim.SGD step; `state` is (momentum_buffer,) or (); returns (p, state)."""
    if h["weight_decay"] is not None:
        g = g + h["weight_decay"] * p
    if h["momentum"] is not None:
        # c[0] is 1 on the first step (the buffer starts as the gradient), 0 after.
        buf = c[0] * g + (1 - c[0]) * (h["momentum"] * state[0] + (1 - h["dampening"]) * g)
        g = g + h["momentum"] * buf if h["nesterov"] else buf
        state = (buf,)
    return p - h["lr"] * g, state


def adam_update(p, g, state, h, c):
    """One torch.optim.Adam step (AdamW when h['decoupled']); state (exp_avg, exp_avg_sq[, max_exp_avg_sq]).

    c = (lr / (1 − β₁ᵗ), √(1 − β₂ᵗ)), computed in Python doubles as torch.optim does."""
    if h["weight_decay"] is not None:
        if h["decoupled"]:
            p = p * (1 - h["lr"] * h["weight_decay"])
        else:
            g = g + h["weight_decay"] * p
    exp_avg = state[0] + (g - state[0]) * (1 - h["beta1"])
    exp_avg_sq = state[1] * h["beta2"] + (1 - h["beta2"]) * g * g
    second = torch.maximum(state[2], exp_avg_sq) if h["amsgrad"] else exp_avg_sq
    denom = second.sqrt() / c[1] + h["eps"]
    new_state = (exp_avg, exp_avg_sq, second) if h["amsgrad"] else (exp_avg, exp_avg_sq)
    return p - c[0] * exp_avg / denom, new_state


def step_scalars(optimizer: str, settings: dict, step: int) -> tuple[float, ...]:
    """What step number `step` (from 1) of the optimizer needs besides its hyperparameters."""
    if optimizer == "sgd":
        return (1.0 if step == 1 else 0.0,)
    beta1, beta2 = settings["betas"]
    return (settings["lr"] / (1 - beta1 ** step), (1 - beta2 ** step) ** 0.5)


def hyper_values(optimizer: str, settings: dict) -> dict:
    """Hyperparameters as the updates read them: None where a term is off, flags as bools."""
    def on(name):
        return settings[name] if settings[name] != 0 else None
    if optimizer == "sgd":
        return {"lr": settings["lr"], "weight_decay": on("weight_decay"), "momentum": on("momentum"),
                "dampening": settings["dampening"], "nesterov": bool(settings["nesterov"])}
    beta1, beta2 = settings["betas"]
    return {"lr": settings["lr"], "weight_decay": on("weight_decay"), "beta1": beta1, "beta2": beta2,
            "eps": settings["eps"], "amsgrad": bool(settings["amsgrad"]), "decoupled": optimizer == "adamw"}


def initial_state(optimizer: str, settings: dict, p: torch.Tensor) -> tuple:
    if optimizer == "sgd":
        return (torch.zeros_like(p),) if settings["momentum"] != 0 else ()
    return tuple(torch.zeros_like(p) for _ in range(3 if settings["amsgrad"] else 2))


# --- the steppers -------------------------------------------------------------------------------
@dataclass
class Outcome:
    """Per point: status (CONVERGED, DIVERGED, MAX_STEPS), steps taken, end point (float64)."""

    status: np.ndarray
    steps: np.ndarray
    final: np.ndarray


class FastStepper:
    """Closed-form gradient and update, BLOCK steps per call; the block may be compiled.

    Points are held as columns, (2, N): x and y are each contiguous, so every step is purely
    elementwise over N and inductor fuses a whole block into one loop over the points."""

    fast = True

    def __init__(self, surface: Surface, optimizer: str, settings: dict) -> None:
        self.surface_name, self.optimizer, self.settings = surface.name, optimizer, settings
        self.update = sgd_update if optimizer == "sgd" else adam_update
        self.hypers = hyper_values(optimizer, settings)
        self.compiled_failed = False

    def describe(self, compiled: bool) -> str:
        return "compiled" if compiled and not self.compiled_failed else "fast eager"

    def start(self, p: torch.Tensor):
        return initial_state(self.optimizer, self.settings, p)

    def gradient(self, p):
        return torch.stack(GRADIENTS[self.surface_name](p[0], p[1])), None

    def keep(self, state, keep: torch.Tensor):
        return tuple(t[:, keep] for t in state)


class TorchStepper:
    """Autograd on Σ f over the points and the real torch.optim optimizer (every elementwise one).

    The optimizer's parameter is the (N, 2) tensor of points; the loop's columns are its transpose."""

    fast = False

    def __init__(self, surface: Surface, optimizer: str, settings: dict) -> None:
        self.surface, self.spec = surface, optimizers.get(optimizer)
        self.values = settings
        self.compiled_failed = False

    def describe(self, compiled: bool) -> str:
        return "torch.optim"

    def start(self, p: torch.Tensor):
        param = p.T.contiguous().requires_grad_(True)
        return [param, self.spec.build([param], self.values)]

    def gradient(self, p):
        """Gradient at p by autograd (columns), and a mask of points whose f or gradient is not finite."""
        q = p.T.detach().contiguous().requires_grad_(True)
        f = torch.broadcast_to(self.surface(q[:, 0], q[:, 1]), q[:, 0].shape)
        (g,) = torch.autograd.grad(f.sum(), q, allow_unused=True)
        g = torch.zeros_like(q) if g is None else g
        return g.T, ~(torch.isfinite(f) & torch.isfinite(g).all(dim=1))

    def step(self, p, state):
        """(gradient at p, mask of non-finite f or gradient, next p, state): one torch.optim step."""
        param, optimizer = state
        g, bad = self.gradient(p)
        param.grad = g.T.contiguous()
        optimizer.step()
        return g, bad, param.detach().T.clone(), state

    def keep(self, state, keep: torch.Tensor):
        """A smaller parameter with the kept rows of the optimizer's per-point state."""
        param, optimizer = state
        smaller = param.detach()[keep].clone().requires_grad_(True)
        rebuilt = self.spec.build([smaller], self.values)
        old = optimizer.state.get(param, {})
        rebuilt.state[smaller] = {k: (v[keep].clone() if torch.is_tensor(v) and v.shape == param.shape else v)
                                  for k, v in old.items()}
        return [smaller, rebuilt]


def stepper_for(surface: Surface, optimizer: str, settings: dict, fast: bool = True):
    """The fast stepper where a closed form exists (catalog surface, SGD/Adam/AdamW), else torch.optim."""
    if fast and surface.name in GRADIENTS and optimizer in FAST_OPTIMIZERS:
        return FastStepper(surface, optimizer, settings)
    return TorchStepper(surface, optimizer, settings)


# --- compiling ----------------------------------------------------------------------------------
_compile_broken: str | None = None   # why compiling failed once in this process: never try again


def compiler_available() -> bool:
    """Inductor's CPU backend needs a C++ compiler; PLAYGROUND_NO_COMPILE=1 turns compiling off."""
    if os.environ.get("PLAYGROUND_NO_COMPILE") or _compile_broken is not None:
        return False
    return shutil.which(os.environ.get("CXX", "g++")) is not None or shutil.which("c++") is not None


def compile_failure() -> str | None:
    """Why compiling was given up in this process (None if it never failed)."""
    return _compile_broken


def should_compile(requested: bool | None, work: float, device: torch.device) -> bool:
    """Compile when asked, or (None) when a compiler exists and the job is big enough to pay for it."""
    if requested is False or not compiler_available() or device.type not in ("cpu", "cuda"):
        return False
    return bool(requested) or work >= COMPILE_MIN_WORK


# When compile=None, the first chunk runs eagerly and the rest is compiled only where that pays:
COMPILE_SECONDS = 15.0   # a compile's cost as guessed: 8-10 s from inductor's disk cache, about a minute cold
COMPILED_SPEEDUP = 6.0   # the compiled loop over the eager one (measured 6-9× on a 2-core CPU)


def compile_pays(stepper, seconds: float, done: int, remaining: int) -> bool:
    """Whether compiling saves time on the `remaining` points, judged by the eager `seconds` the first
    `done` took (their real steps: a map that diverges in 3 steps is quick, and stays eager)."""
    if not stepper.fast or done <= 0:
        return False
    eager_left = seconds * remaining / done
    cost = 0.0 if is_compiled(stepper) else COMPILE_SECONDS
    return eager_left * (1 - 1 / COMPILED_SPEEDUP) > cost


_compiled: dict = {}


def _compile_key(stepper: FastStepper) -> tuple:
    return (stepper.surface_name, stepper.optimizer) + tuple(
        v if isinstance(v, bool) else v is None for v in stepper.hypers.values())


def is_compiled(stepper) -> bool:
    """Whether this process already holds the stepper's compiled kernels (no compile to wait for)."""
    return stepper.fast and _compile_key(stepper) in _compiled


def _compiled_block(stepper: FastStepper):
    """torch.compile of a block of steps (flag_block, run_block); one pair per surface × optimizer ×
    which terms are on.

    Hyperparameters and per-step scalars come in as tensors, so a new learning rate reuses it."""
    key = _compile_key(stepper)
    if key not in _compiled:
        import torch._inductor.config as inductor
        # Compile in this process: a pool of compile workers keeps spinning for seconds afterwards
        # and takes the CPU from the very loop it compiled (measured: the next map 2-5× slower).
        inductor.compile_threads = 1
        # Replays run on a few points: without this, 2 or 10 of them (equal to another size) recompile.
        import torch.fx.experimental._config as fx_config
        fx_config.use_duck_shape = False
        # The replays run on few points: one thread. Each parallel region costs a wake-up of the other
        # thread, milliseconds when another process holds that core (measured: 10 ms a call at load 3).
        one = {"cpp.threads": 1}   # (the C++ backend only: nothing on CUDA)
        _compiled[key] = (torch.compile(flag_block, dynamic=True),
                          torch.compile(trace_block, dynamic=True, options=one),
                          torch.compile(run_block, dynamic=True, options=one))
    return _compiled[key]


def run_block(surface_name: str, update, p, state, ring, previous, status, taken, final, first, scalars, h,
              centre, limits):
    """len(ring) steps of every point (columns, (2, N)) from step number `first` (a 0-d tensor).

    `ring` (K, 2, N) holds p_{k−window} for each step k of the block (NaN: no such step yet) and
    comes back holding p_k; `previous` is p_{k−1}; status/taken/final record each point's first
    event. `limits` = (far·span, grad_tol², (step_tol·span)², (move_tol·span)²), `centre` the view's.
    """
    x, y = p[0], p[1]
    sx, sy = tuple(s[0] for s in state), tuple(s[1] for s in state)
    before_x, before_y = previous[0], previous[1]
    end_x, end_y = final[0], final[1]
    kept = []
    for i in range(len(ring)):
        k = first + i
        gx, gy = GRADIENTS[surface_name](x, y)
        next_x, sx = update(x, gx, sx, h, scalars[i])
        next_y, sy = update(y, gy, sy, h, scalars[i])
        ux, uy = next_x - x, next_y - y
        dx, dy = x - ring[i][0], y - ring[i][1]
        bad = ~(((x - centre[0]).abs() <= limits[0]) & ((y - centre[1]).abs() <= limits[0]))
        small = ((gx * gx + gy * gy <= limits[1]) & (ux * ux + uy * uy <= limits[2])) | \
                (dx * dx + dy * dy <= limits[3])
        running = status == RUNNING
        diverged_now = running & bad
        converged_now = running & ~bad & small
        status = torch.where(diverged_now, DIVERGED, torch.where(converged_now, CONVERGED, status))
        taken = torch.where(diverged_now, (k - 1).clamp(min=0), torch.where(converged_now, k, taken))
        end_x = torch.where(diverged_now, before_x, torch.where(converged_now, x, end_x))
        end_y = torch.where(diverged_now, before_y, torch.where(converged_now, y, end_y))
        kept.append(torch.stack((x, y)))
        before_x, before_y = x, y
        x, y = next_x, next_y
    state = tuple(torch.stack(pair) for pair in zip(sx, sy))
    return (torch.stack((x, y)), state, torch.stack(kept), torch.stack((before_x, before_y)), status, taken,
            torch.stack((end_x, end_y)))


def flag_block(surface_name: str, update, p, state, status, old, path_old, scalars, h, centre, limits):
    """run_block's steps without its bookkeeping, and which running points may have met an event.

    No test is made per step: each is bounded once per block from two sums the steps keep, the
    distance walked (Σ |Δx| + |Δy|, at least the Euclidean length) and the shortest step:
    - far or non-finite at some p_k: then |p_{k₀} − centre| + path exceeds `far` on an axis (or
      the path is not finite);
    - a small gradient with a tiny step at some k: then that step, |Δx| + |Δy| ≤ √2·step_tol·span;
    - the window test |p_k − p_{k−window}| ≤ r at some k: with `old` = p_{k₀−window} (NaN where
      there is none) and `path_old` the distance walked in that block, the triangle inequality
      gives |p_k − p_{k−window}| ≥ |p_{k₀} − old| − path − path_old, so it cannot pass while that
      bound stays above r.
    The flagged points (a few: those about to stop) are replayed exactly, run_block from the block
    start with trace_block rebuilding their old points; every other point takes these results.
    Margins (1.5 for √2, 2r and a relative 1e-5) cover float32 rounding in the bounds.

    Returns (p after the block, state, this block's path, the block's last point, flags)."""
    x, y = p[0], p[1]
    x0, y0 = x, y
    sx, sy = tuple(s[0] for s in state), tuple(s[1] for s in state)
    path = torch.zeros_like(x)
    shortest = torch.full_like(x, math.inf)
    before_x, before_y = x, y
    for i in range(len(scalars)):
        gx, gy = GRADIENTS[surface_name](x, y)
        next_x, sx = update(x, gx, sx, h, scalars[i])
        next_y, sy = update(y, gy, sy, h, scalars[i])
        walked = (next_x - x).abs() + (next_y - y).abs()
        path = path + walked
        shortest = torch.minimum(shortest, walked)
        before_x, before_y = x, y
        x, y = next_x, next_y
    inside = ((x0 - centre[0]).abs() + path <= limits[0]) & ((y0 - centre[1]).abs() + path <= limits[0])
    tiny = shortest <= 1.5 * limits[5]
    dx, dy = x0 - old[0], y0 - old[1]
    reach = path + path_old
    slack = 2 * limits[4] + 1e-5 * (reach + x0.abs() + y0.abs() + old[0].abs() + old[1].abs())
    near = (dx * dx + dy * dy).sqrt() <= reach + slack   # NaN (no old point) compares false
    event = (~inside | tiny | near) & (status == RUNNING)
    state = tuple(torch.stack(pair) for pair in zip(sx, sy))
    return torch.stack((x, y)), state, path, torch.stack((before_x, before_y)), event


def trace_block(surface_name: str, update, p, state, scalars, h):
    """The len(scalars) points p_{k₀}, p_{k₀+1}, ... of a block again, from its start (p, state):
    the same operations as flag_block and run_block, so the same numbers."""
    x, y = p[0], p[1]
    sx, sy = tuple(s[0] for s in state), tuple(s[1] for s in state)
    kept = []
    for i in range(len(scalars)):
        gx, gy = GRADIENTS[surface_name](x, y)
        next_x, sx = update(x, gx, sx, h, scalars[i])
        next_y, sy = update(y, gy, sy, h, scalars[i])
        kept.append(torch.stack((x, y)))
        x, y = next_x, next_y
    return torch.stack(kept)


# --- the same three kernels for eager calls -----------------------------------------------------
# Eagerly every operation is one pass over the points plus a fixed dispatch cost, so these take
# the update once on the (2, N) columns (x and y together: half the calls of the row-wise form
# that inductor wants), and write the per-step sums in place. Elementwise, the numbers are the
# same as the kernels above, bit for bit (tests/test_basins.py compares them).
def _joint_step(surface_name: str, update, p, state, h, c, g):
    """One step of all columns p (2, N): (next p, next state); `g` (2, N) receives the gradient."""
    into = _GRADIENTS_INTO.get(surface_name)
    if into is not None:
        into(p[0], p[1], g)
    else:
        torch.stack(GRADIENTS[surface_name](p[0], p[1]), out=g)
    return _EAGER_UPDATES.get(update, update)(p, g, state, h, c)


# Eagerly each call costs a dispatch (several µs) besides its pass over the points, so the eager
# family fuses: addcmul, lerp, addcdiv (torch.optim's own single-tensor Adam calls). The numbers
# differ from the formulas above by rounding (an FMA here and there), so each loop runs one family
# throughout: EAGER (these) or RAW/compiled (the formulas above); both agree with torch.optim.
def _himmelblau_into(x, y, g):
    a = torch.addcmul(y, x, x).sub_(11)    # x² + y − 11
    b = torch.addcmul(x, y, y).sub_(7)     # x + y² − 7
    torch.addcmul(torch.mul(b, 2), a, x, value=4, out=g[0])
    torch.addcmul(torch.mul(a, 2), b, y, value=4, out=g[1])


def _rosenbrock_into(x, y, g):
    r = torch.addcmul(y, x, x, value=-1)   # y − x²
    torch.addcmul(torch.sub(x, 1).mul_(2), r, x, value=-400, out=g[0])   # −2(1 − x) − 400·x·r
    torch.mul(r, 200, out=g[1])


_GRADIENTS_INTO = {"himmelblau": _himmelblau_into, "rosenbrock": _rosenbrock_into}


def adam_update_eager(p, g, state, h, c):
    """One torch.optim.Adam/AdamW step as torch.optim's single-tensor code makes it (lerp, addcmul,
    addcdiv), from fresh tensors (the block start's state is kept for replays: never written)."""
    if h["amsgrad"] or torch.is_tensor(h["lr"]) or torch.is_tensor(c[0]):
        return adam_update(p, g, state, h, c)
    if h["weight_decay"] is not None:
        if h["decoupled"]:
            p = p * (1 - h["lr"] * h["weight_decay"])
        else:
            g = g.add(p, alpha=h["weight_decay"])
    exp_avg = torch.lerp(state[0], g, 1 - h["beta1"])
    exp_avg_sq = torch.mul(state[1], h["beta2"]).addcmul_(g, g, value=1 - h["beta2"])
    denom = exp_avg_sq.sqrt().div_(c[1]).add_(h["eps"])
    return torch.addcdiv(p, exp_avg, denom, value=-c[0]), (exp_avg, exp_avg_sq)


def sgd_update_eager(p, g, state, h, c):
    """One torch.optim.SGD step as its single-tensor code makes it (add with alpha, mul_ then add_)."""
    if torch.is_tensor(h["lr"]) or torch.is_tensor(c[0]):
        return sgd_update(p, g, state, h, c)
    if h["weight_decay"] is not None:
        g = g.add(p, alpha=h["weight_decay"])
    if h["momentum"] is not None:
        if c[0] == 1:   # the first step: the buffer starts as the gradient
            buf = g.clone()
        else:
            buf = torch.mul(state[0], h["momentum"]).add_(g, alpha=1 - h["dampening"])
        g = g.add(buf, alpha=h["momentum"]) if h["nesterov"] else buf
        state = (buf,)
    return p.add(g, alpha=-h["lr"]), state


_EAGER_UPDATES = {adam_update: adam_update_eager, sgd_update: sgd_update_eager}


def flag_block_eager(surface_name: str, update, p, state, status, old, path_old, scalars, h, centre, limits,
                     kept=None):
    """flag_block for eager calls (same results, bit for bit); `kept` ((K, 2, N)), if given, receives p_k."""
    x0 = p
    g, moved = torch.empty_like(p), torch.empty_like(p)
    walked = torch.empty_like(p[0])
    path = torch.zeros_like(p[0])
    shortest = torch.full_like(p[0], math.inf)
    before = p
    for i in range(len(scalars)):
        if kept is not None:
            kept[i] = p
        following, state = _joint_step(surface_name, update, p, state, h, scalars[i], g)
        torch.sub(following, p, out=moved).abs_()
        torch.add(moved[0], moved[1], out=walked)
        path.add_(walked)
        torch.minimum(shortest, walked, out=shortest)
        before, p = p, following
    return (p, state, path, before) + (_flags(x0, path, shortest, status, old, path_old, centre, limits),)


def _flags(x0, path, shortest, status, old, path_old, centre, limits):
    """flag_block's bounds, the same expressions."""
    x, y = x0[0], x0[1]
    inside = ((x - centre[0]).abs() + path <= limits[0]) & ((y - centre[1]).abs() + path <= limits[0])
    tiny = shortest <= 1.5 * limits[5]
    dx, dy = x - old[0], y - old[1]
    reach = path + path_old
    slack = 2 * limits[4] + 1e-5 * (reach + x.abs() + y.abs() + old[0].abs() + old[1].abs())
    near = (dx * dx + dy * dy).sqrt() <= reach + slack
    return (~inside | tiny | near) & (status == RUNNING)


def trace_block_eager(surface_name: str, update, p, state, scalars, h):
    """trace_block for eager calls (same results, bit for bit)."""
    kept = torch.empty((len(scalars),) + tuple(p.shape), dtype=p.dtype, device=p.device)
    g = torch.empty_like(p)
    for i in range(len(scalars)):
        kept[i] = p
        p, state = _joint_step(surface_name, update, p, state, h, scalars[i], g)
    return kept


def run_block_eager(surface_name: str, update, p, state, ring, previous, status, taken, final, first, scalars, h,
                    centre, limits, kept=None):
    """run_block for eager calls (same results, bit for bit); `kept`, if given, receives p_k."""
    g = torch.empty_like(p)
    if kept is None:
        kept = torch.empty((len(ring),) + tuple(p.shape), dtype=p.dtype, device=p.device)
    before, end = previous, final
    for i in range(len(ring)):
        k = first + i
        following, state = _joint_step(surface_name, update, p, state, h, scalars[i], g)
        u, d = following - p, p - ring[i]
        u.mul_(u)
        d.mul_(d)
        g.mul_(g)
        bad = _outside(p, centre, limits[0])
        small = ((g[0] + g[1] <= limits[1]) & (u[0] + u[1] <= limits[2])) | (d[0] + d[1] <= limits[3])
        running = status == RUNNING
        diverged_now = running & bad
        converged_now = running & ~bad & small
        status = torch.where(diverged_now, DIVERGED, torch.where(converged_now, CONVERGED, status))
        taken = torch.where(diverged_now, (k - 1).clamp(min=0), torch.where(converged_now, k, taken))
        end = torch.where(diverged_now, before, torch.where(converged_now, p, end))
        kept[i] = p
        before, p = p, following
    return p, state, kept, before, status, taken, end


# --- the loops ----------------------------------------------------------------------------------
BLOCK = 10   # steps per call of the fast block: divides the window (100) so ring slots line up


def run_points(stepper, starts: torch.Tensor, surface: Surface, steps: int, stopping: Stopping,
               use_compile: bool, cancel=None) -> Outcome | None:
    """Step every start ((N, 2)) until it converges, diverges or runs out of steps (None if cancelled).

    Per step k, as app.trajectories: the point p_k is bad (non-finite, or farther than `far` view
    spans from the centre) → diverged, steps max(k − 1, 0), end p_{k−1}; else it has converged when
    |g_k| ≤ grad_tol and |p_{k+1} − p_k| ≤ step_tol·span, or |p_k − p_{k−window}| ≤ move_tol·span
    → steps k, end p_k. After the last step only the window test applies. Finished points leave
    the working set every COMPACT_EVERY steps.
    """
    columns = starts.T.contiguous()
    if stepper.fast and stopping.window % BLOCK == 0 and stopping.window > 0:
        if use_compile and _compile_broken is None:
            return _run_filtered(stepper, columns, surface, steps, stopping, _compiled_block(stepper), cancel)
        return _run_eager(stepper, columns, surface, steps, stopping, cancel)
    return _run_torch(stepper, columns, surface, steps, stopping, cancel)


class _Work:
    """The working columns of one chunk: the points still running and what is recorded of them."""

    def __init__(self, starts: torch.Tensor, steps: int, slots: int, slot: int) -> None:
        count, device = starts.shape[1], starts.device
        self.index = torch.arange(count, device=device)
        self.p = starts.clone()
        self.previous = starts.clone()
        # Status and step counts in the points' dtype (exact up to 2^24 > MAX_STEPS): compiled, every
        # select then stays in float vectors (int8/int32 masks cost conversions in each step).
        self.status = torch.full((count,), RUNNING, dtype=starts.dtype, device=device)
        self.taken = torch.zeros(count, dtype=starts.dtype, device=device)
        self.final = starts.clone()
        # Every slot starts as the same NaN block (a loop replaces slots, or copies one before writing it).
        self.ring = [torch.full((slot, 2, count), math.nan, dtype=starts.dtype, device=device)] * slots
        self.dropped: torch.Tensor | None = None   # after compact: the mask of the points kept, if any left
        self.outcome = Outcome(np.full(count, MAX_STEPS, np.int8), np.full(count, steps, np.int32),
                               np.zeros((count, 2)))

    def settle(self, rows: torch.Tensor) -> None:
        where = self.index[rows].cpu().numpy()
        self.outcome.status[where] = self.status[rows].cpu().numpy().astype(np.int8)
        self.outcome.steps[where] = self.taken[rows].cpu().numpy().astype(np.int32)
        self.outcome.final[where] = self.final[:, rows].T.cpu().double().numpy()

    def compact(self, stepper, state):
        """Drop finished points when a quarter or more are done; (any left running, state)."""
        if self.status.device.type == "cpu":   # numpy: single-threaded, no wait for the other core
            mask = self.status.numpy() == RUNNING
            still, alive = torch.from_numpy(mask), int(mask.sum())
        else:
            still = self.status == RUNNING
            alive = int(still.sum())
        self.dropped = None
        if alive > 0.75 * len(still):
            return True, state
        self.dropped = still   # (the mask of those kept, for other per-point tensors)
        self.settle(~still)
        self.index, self.status, self.taken = self.index[still], self.status[still], self.taken[still]
        self.p, self.previous, self.final = self.p[:, still], self.previous[:, still], self.final[:, still]
        self.ring = [r[..., still] for r in self.ring]
        return alive > 0, stepper.keep(state, still) if alive else state

    def record(self, bad: torch.Tensor, small: torch.Tensor, k: int) -> None:
        """Eager bookkeeping of step k (the torch.optim loop, the last step)."""
        running = self.status == RUNNING
        diverged_now, converged_now = running & bad, running & ~bad & small
        self.status = torch.where(diverged_now, DIVERGED, torch.where(converged_now, CONVERGED, self.status))
        self.taken = torch.where(diverged_now, max(k - 1, 0), torch.where(converged_now, k, self.taken))
        self.final = torch.where(diverged_now, self.previous, torch.where(converged_now, self.p, self.final))

    def finish(self, steps: int) -> Outcome:
        running = self.status == RUNNING
        self.status = torch.where(running, MAX_STEPS, self.status)
        self.taken = torch.where(running, steps, self.taken)
        self.final = torch.where(running, self.p, self.final)
        self.settle(torch.ones_like(running))
        return self.outcome


def _limits(surface: Surface, stopping: Stopping) -> tuple[float, ...]:
    """(far, grad_tol², step², r², r, step): r = move_tol·span, the window test's distance."""
    span = surface.span
    return (stopping.far * span, stopping.grad_tol ** 2, (stopping.step_tol * span) ** 2,
            (stopping.move_tol * span) ** 2, stopping.move_tol * span, stopping.step_tol * span)


def _centre(surface: Surface) -> tuple[float, float]:
    x0, x1, y0, y1 = surface.bounds
    return (x0 + x1) / 2, (y0 + y1) / 2


def _outside(p: torch.Tensor, centre, limit: float) -> torch.Tensor:
    return ~(((p[0] - centre[0]).abs() <= limit) & ((p[1] - centre[1]).abs() <= limit))


def _squared(v: torch.Tensor) -> torch.Tensor:
    return v[0] * v[0] + v[1] * v[1]


def _last_check(work: _Work, stepper, centre, limits, k: int, old: torch.Tensor | None) -> None:
    """At the last step k no update is taken: the point can only diverge or pass the window test
    (`old` is p_{k−window}, NaN or None where there is none)."""
    _g, extra = stepper.gradient(work.p)
    bad = _outside(work.p, centre, limits[0])
    bad = bad if extra is None else bad | extra
    small = _squared(work.p - old) <= limits[3] if old is not None else torch.zeros_like(bad)
    work.record(bad, small, k)


class _History:
    """The block starts of the last `window` steps: per block its start (p, state) and the distance
    walked in it. The tensors are the blocks' own inputs and outputs, kept, not copied."""

    def __init__(self, slots: int) -> None:
        self.blocks: list = [None] * slots
        self.none: tuple | None = None

    def old(self, k: int, block: int):
        """(p, state, path) of the block that started `window` steps before step k, or None."""
        return self.blocks[(k // block) % len(self.blocks)]

    def keep(self, still: torch.Tensor) -> None:
        self.blocks = [None if b is None else (b[0][:, still], tuple(t[:, still] for t in b[1]), b[2][still])
                       for b in self.blocks]


def _old_points(kernels, stepper, old, rows, k: int, count: int, window: int, p, h, compiled: bool):
    """(count, 2, len(rows)): p_{k−window}, ... p_{k−window+count−1} of the rows (None: all), traced
    again from the block start `window` steps ago (NaN where there is none)."""
    if rows is not None:
        p = p[:, rows]
    if old is None:
        return torch.full((count,) + tuple(p.shape), math.nan, dtype=p.dtype, device=p.device)
    p_old, state_old = (old[0], old[1]) if rows is None else (old[0][:, rows], tuple(t[:, rows] for t in old[1]))
    scalars = _scalars(stepper, k - window, count, p, compiled)
    return kernels[1](stepper.surface_name, stepper.update, p_old, state_old, scalars, h)


def _scalars(stepper, k: int, count: int, like: torch.Tensor, compiled: bool):
    """The per-step scalars of steps k+1 ... k+count: a tensor where the kernels are compiled (on the
    points' device: compiled code takes every tensor input from one device)."""
    values = [step_scalars(stepper.optimizer, stepper.settings, k + i + 1) for i in range(count)]
    return torch.tensor(values, dtype=like.dtype, device=like.device) if compiled else values


def _filtered_block(kernels, stepper, work, state, history, k: int, window: int, centre, limits, h, compiled,
                    family):
    """One full block: every point by flag_block, the flagged ones again, exactly, by run_block."""
    p = work.p
    old = history.old(k, BLOCK)
    if old is None:   # no block `window` steps ago yet: NaN fails the window test (made once a chunk)
        if history.none is None or history.none[0].shape != p.shape:
            history.none = (torch.full_like(p, math.nan), torch.zeros_like(p[0]))
        old_p, old_path = history.none
    else:
        old_p, old_path = old[0], old[2]
    scalars = _scalars(stepper, k, BLOCK, p, compiled)
    p_next, state_next, path, last, event = kernels[0](stepper.surface_name, stepper.update, p, state, work.status,
                                                       old_p, old_path, scalars, h, centre, limits)
    rows = _flagged(event)
    if len(rows) == 1 and compiled:   # compiled code is specialised for sizes 0 and 1: one point eagerly
        kernels, h, compiled, scalars = family, stepper.hypers, False, scalars.tolist()
    if len(rows) > 0:
        ring = _old_points(kernels, stepper, old, rows, k, BLOCK, window, p, h, compiled)
        first = torch.tensor(k, dtype=p.dtype, device=p.device)
        sub = kernels[2](stepper.surface_name, stepper.update, p[:, rows], tuple(t[:, rows] for t in state), ring,
                         work.previous[:, rows], work.status[rows], work.taken[rows], work.final[:, rows], first,
                         scalars, h, centre, limits)
        p_next[:, rows] = sub[0]
        for whole, part in zip(state_next, sub[1]):
            whole[:, rows] = part
        last[:, rows] = sub[3]
        work.status[rows], work.taken[rows], work.final[:, rows] = sub[4], sub[5], sub[6]   # ours alone: in place
    history.blocks[(k // BLOCK) % len(history.blocks)] = (p, state, path)
    work.p, work.previous = p_next, last
    return state_next


EAGER = (flag_block_eager, trace_block_eager, run_block_eager)
RAW = (flag_block, trace_block, run_block)   # uncompiled: the compiled loop's own numbers, for its odd blocks


def _flagged(event: torch.Tensor) -> torch.Tensor:
    """Indices of the flagged points. On the CPU by numpy, single-threaded: torch's parallel nonzero
    waits for the other core (milliseconds a call on a loaded machine; this takes ~0.1 ms)."""
    if event.device.type == "cpu":
        return torch.from_numpy(event.numpy().nonzero()[0])
    return event.nonzero().squeeze(1)


def _exact_block(family, stepper, work, state, history, k: int, count: int, window: int, centre, limits):
    """A block of every point by run_block, eagerly: the last, shorter block, or a single point."""
    ring = _old_points(family, stepper, history.old(k, BLOCK), None, k, count, window, work.p, stepper.hypers, False)
    scalars = _scalars(stepper, k, count, work.p, False)
    if count == BLOCK:   # (the shorter last block is not kept: the last check needs the one it would replace)
        history.blocks[(k // BLOCK) % len(history.blocks)] = (work.p, state, None)
    result = family[2](stepper.surface_name, stepper.update, work.p, state, ring, work.previous, work.status,
                       work.taken, work.final, torch.tensor(k, dtype=work.p.dtype, device=work.p.device), scalars,
                       stepper.hypers, centre, limits)
    work.p, state, _kept, work.previous, work.status, work.taken, work.final = result
    return state


def _run_filtered(stepper: FastStepper, starts, surface, steps, stopping, kernels, cancel) -> Outcome | None:
    """The fast loop with per-block candidate tests: flag_block on every point, exact replay of the few
    flagged (see flag_block). `kernels` is (flag_block, trace_block, run_block), compiled, EAGER or RAW."""
    global _compile_broken
    window = stopping.window
    work = _Work(starts, steps, 0, 1)
    state = stepper.start(work.p)
    history = _History(window // BLOCK)
    centre, limits = _centre(surface), _limits(surface, stopping)
    compiled = kernels is not EAGER and kernels is not RAW
    family = EAGER if kernels is EAGER else RAW   # what odd blocks run eagerly: the same numbers as the rest
    # Compiled, values come in as tensors of the points' dtype (a float64 scalar would make inductor
    # compute in float64: 2× slower), so any learning rate reuses the same code.
    tensors = {k: v if isinstance(v, bool) or v is None else torch.tensor(v, dtype=starts.dtype, device=starts.device)
               for k, v in stepper.hypers.items()}
    k = 0
    while k < steps:
        count = min(BLOCK, steps - k)
        if count == BLOCK and work.p.shape[1] >= 2:
            try:
                state = _filtered_block(kernels, stepper, work, state, history, k, window, centre, limits,
                                        tensors if compiled else stepper.hypers, compiled, family)
            except Exception as exc:   # no compiler, an inductor bug: eager gives the same numbers
                if not compiled:
                    raise
                _compile_broken = f"{type(exc).__name__}: {exc}"
                stepper.compiled_failed = True
                kernels, compiled, family = EAGER, False, EAGER
                continue   # this block again, eagerly (the failed call changed nothing)
        else:
            state = _exact_block(family, stepper, work, state, history, k, count, window, centre, limits)
        k += count
        if k % COMPACT_EVERY == 0 and k < steps:
            if cancel is not None and k % CANCEL_EVERY == 0 and cancel.is_set():
                return None
            going, state = work.compact(stepper, state)
            if not going:
                return work.finish(steps)
            if work.dropped is not None:
                history.keep(work.dropped)
    # The last step takes no update: only "bad" and the window test against p_{steps−window}.
    old, back = history.old(steps, BLOCK), steps % BLOCK
    if old is None or back == 0:
        old_point = None if old is None else old[0]
    else:
        old_point = _old_points(family, stepper, old, None, steps - back, back + 1, window, work.p, stepper.hypers,
                                False)[back]
    _last_check(work, stepper, centre, limits, steps, old_point)
    return work.finish(steps)


EXACT_ABOVE = 0.3   # share of a block's points flagged above which the next blocks run exactly (eager)


def _run_ring(stepper: FastStepper, starts, surface, steps, stopping, cancel) -> Outcome | None:
    """The eager loop with every block exact (run_block on every point): the reference the tests
    compare the filtered loops against."""
    return _run_eager(stepper, starts, surface, steps, stopping, cancel, exact_above=-1.0)


def _run_eager(stepper: FastStepper, starts, surface, steps, stopping, cancel,
               exact_above: float = EXACT_ABOVE) -> Outcome | None:
    """The fast loop eagerly (no compiler, or a job too small to pay for compiling), with a ring of
    the last `window` points. Each block runs one of two ways, with the same results:
    - filtered: flag_block_eager on every point (the steps and two running sums, no per-step tests),
      then run_block_eager on the flagged points alone, their old points read from the ring;
    - exact: run_block_eager on every point (every test every step).
    Filtered is the cheap way while few points are about to stop (most of a map, most of the
    time); where more than `exact_above` of a block's points were flagged (a map converging all at
    once), the next blocks run exactly, until the next compaction tries filtering again."""
    window = stopping.window
    work = _Work(starts, steps, window // BLOCK, BLOCK)
    paths: list = [None] * len(work.ring)   # per ring slot: the distance walked in that block
    state = stepper.start(work.p)
    centre, limits, h = _centre(surface), _limits(surface, stopping), stepper.hypers
    exact = exact_above < 0
    # Each block writes its points into `spare` and the slot it replaces becomes the next spare:
    # fresh 5 MB blocks each time would cost a page fault per 4 kB (measured: 14% of the loop).
    spare = torch.empty_like(work.ring[0]) if work.ring else None
    k = 0
    while k < steps:
        count = min(BLOCK, steps - k)
        scalars = [step_scalars(stepper.optimizer, stepper.settings, k + i + 1) for i in range(count)]
        slot = (k // BLOCK) % len(work.ring)
        ring = work.ring[slot] if count == BLOCK else work.ring[slot][:count]
        first = torch.tensor(k, dtype=starts.dtype, device=starts.device)
        p, n = work.p, work.p.shape[1]
        if count == BLOCK and not exact:
            kept = spare
            old_path = paths[slot] if paths[slot] is not None else torch.zeros_like(p[0])
            start_state = state
            p_next, state, path, last, event = flag_block_eager(
                stepper.surface_name, stepper.update, p, state, work.status, ring[0], old_path, scalars, h, centre,
                limits, kept=kept)
            rows = _flagged(event)
            if len(rows) > 0:   # the flagged again, every test every step: only their records change
                sub = run_block_eager(stepper.surface_name, stepper.update, p[:, rows],
                                      tuple(t[:, rows] for t in start_state),
                                      ring[:, :, rows], work.previous[:, rows], work.status[rows], work.taken[rows],
                                      work.final[:, rows], first, scalars, h, centre, limits)
                work.status[rows], work.taken[rows], work.final[:, rows] = sub[4], sub[5], sub[6]
            exact = len(rows) > exact_above * n
        else:
            p_next, state, kept, last, work.status, work.taken, work.final = run_block_eager(
                stepper.surface_name, stepper.update, p, state, ring, work.previous, work.status, work.taken,
                work.final, first, scalars, h, centre, limits, kept=spare if count == BLOCK else None)
            path = _path(kept, p_next) if count == BLOCK else None
        work.p, work.previous = p_next, last
        if count == BLOCK:
            replaced = work.ring[slot]
            work.ring[slot], paths[slot] = kept, path
            # (the shared NaN block of empty slots is never a spare: it is still read by others)
            spare = replaced if all(r is not replaced for r in work.ring) else torch.empty_like(kept)
        else:
            work.ring[slot] = work.ring[slot].clone()
            work.ring[slot][:count] = kept
        k += count
        if k % COMPACT_EVERY == 0 and k < steps:
            if cancel is not None and k % CANCEL_EVERY == 0 and cancel.is_set():
                return None
            going, state = work.compact(stepper, state)
            if not going:
                return work.finish(steps)
            if work.dropped is not None:
                paths = [None if q is None else q[work.dropped] for q in paths]
                spare = torch.empty_like(work.ring[0])
            exact = exact_above < 0
    _last_check(work, stepper, centre, limits, steps, work.ring[(steps // BLOCK) % len(work.ring)][steps % BLOCK])
    return work.finish(steps)


def _path(kept: torch.Tensor, end: torch.Tensor) -> torch.Tensor:
    """The distance walked in a block, Σ |Δx| + |Δy|, summed in flag_block's order (the same number)."""
    moved = torch.empty_like(end)
    walked = torch.empty_like(end[0])
    path = torch.zeros_like(end[0])
    for i in range(len(kept)):
        torch.sub(kept[i + 1] if i + 1 < len(kept) else end, kept[i], out=moved).abs_()
        torch.add(moved[0], moved[1], out=walked)
        path.add_(walked)
    return path


def _run_torch(stepper: TorchStepper, starts, surface, steps, stopping, cancel) -> Outcome | None:
    """The same loop, a step at a time, with autograd and the real torch.optim optimizer."""
    window = stopping.window
    work = _Work(starts, steps, 1 if window else 0, max(window, 1))
    state = stepper.start(work.p)
    centre, limits = _centre(surface), _limits(surface, stopping)
    for k in range(steps):
        g, extra, p_next, state = stepper.step(work.p, state)
        p = work.p
        bad = _outside(p, centre, limits[0]) | extra
        small = (_squared(g) <= limits[1]) & (_squared(p_next - p) <= limits[2])
        if window:
            small = small | (_squared(p - work.ring[0][k % window]) <= limits[3])
            work.ring[0][k % window] = p
        work.record(bad, small, k)
        work.previous, work.p = p, p_next
        if (k + 1) % COMPACT_EVERY == 0 and k + 1 < steps:
            if cancel is not None and (k + 1) % CANCEL_EVERY == 0 and cancel.is_set():
                return None
            going, state = work.compact(stepper, state)
            if not going:
                return work.finish(steps)
    _last_check(work, stepper, centre, limits, steps, work.ring[0][steps % window] if window else None)
    return work.finish(steps)
