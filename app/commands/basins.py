"""`torch-playground basins`: which minimum an optimizer reaches from every start of a grid."""

from __future__ import annotations

import json
import sys

from app.cli import Renderers, UsageError, check_out_path
from app.commands.optimize import add_optimizer_arguments, hypers_from

HELP = "map which minimum a torch.optim optimizer reaches from every start point of a grid"
NUMERIC_OPTIONS = ("--lr", "--momentum", "--weight-decay", "--betas", "--extent")
OUT_FORMATS = (".png", ".csv", ".npy")


def add_arguments(parser) -> None:
    add_optimizer_arguments(parser, "sgd, adagrad, rmsprop, adadelta, adam, adamw, adamax, nadam or radam (not lbfgs)")
    parser.add_argument("--steps", type=int, default=500, help="at most this many steps per start (default 500)")
    parser.add_argument("--grid", type=int, default=256, help="starts per side, 2 to 1024 (default 256)")
    parser.add_argument("--surface", default="himmelblau",
                        help="himmelblau, rosenbrock, beale, booth, rastrigin, saddle, ill_conditioned, "
                             "or an expression in x and y")
    parser.add_argument("--extent", metavar="X0,X1,Y0,Y1", help="the grid's rectangle (default: the surface's view)")
    parser.add_argument("--device", default="cpu", help="auto, cpu, cuda, cuda:N or mps (default cpu)")
    parser.add_argument("--dtype", choices=("float32", "float64"), default="float32")
    parser.add_argument("--no-compile", action="store_true", help="never use torch.compile (eager only)")
    parser.add_argument("--out", metavar="FILE", help="write FILE.png (the map), FILE.csv (one row per start) "
                                                      "or FILE.npy (n × n × 2: basin code, steps)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a summary")


def config_from(args):
    from app import basins, surfaces

    surface = surfaces.resolve(args.surface)   # InputError for a bad name or expression
    custom = surface.name == surfaces.CUSTOM
    config = basins.BasinsConfig(
        optimizer=args.optimizer, hypers=hypers_from(args), steps=args.steps, grid=args.grid,
        surface=surface.name, expression=args.surface if custom else "",
        extent=basins.parse_extent(args.extent) if args.extent else None, dtype=args.dtype)
    config.check()
    return config


def run(args, renderers: Renderers) -> int:
    from app import basins, devices

    out = check_out_path(args.out, OUT_FORMATS)
    renderer = renderers.get("basins")
    if out is not None and out.suffix.lower() == ".png" and renderer is None:
        raise UsageError("a .png needs the GUI libraries (PySide6, pyqtgraph); use .csv or .npy")
    config = config_from(args)
    device = devices.resolve(args.device)
    result = basins.run(config, device=device, compile=False if args.no_compile else None, on_compile=compiling_note)
    if out is not None:
        try:
            basins.save(result, out, renderer)
        except OSError as exc:
            raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
    if args.json:
        print(json.dumps(result.record(), allow_nan=False))
    else:
        print(summary(result, out))
    return 0


def compiling_note() -> None:
    """Said before a compile, so that a minute without output does not look like a hang."""
    print("note: compiling the fast kernels (first time: up to a minute; --no-compile skips it)...",
          file=sys.stderr, flush=True)


def summary(result, out) -> str:
    config = result.config
    lines = [(f"{config.run_spec((0.0, 0.0)).label()}, {result.n}×{result.n} starts, "
              f"at most {config.steps} steps: {result.seconds:.2f} s, "
              f"{result.point_steps_per_second():.3g} point-steps/s ({result.path})")]
    for key, share in result.fractions().items():
        lines.append(f"  {key}: {100 * share:.2f}%")
    if out is not None:
        lines.append(f"wrote {out}")
    return "\n".join(lines)
