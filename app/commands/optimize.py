"""`torch-playground optimize`: a torch.optim optimizer from one or more start points on a surface."""

from __future__ import annotations

import json
import math
from pathlib import Path

from app.cli import Renderers, UsageError, check_out_path

HELP = "run a torch.optim optimizer on a 2-D surface (Himmelblau by default) from start points"
NUMERIC_OPTIONS = ("--start", "--lr", "--momentum", "--weight-decay", "--betas")
OUT_FORMATS = (".csv", ".png", ".gif", ".mp4")


def add_arguments(parser) -> None:
    parser.add_argument("--surface", default="himmelblau",
                        help="himmelblau, rosenbrock, beale, booth, rastrigin, saddle, ill_conditioned, "
                             "or an expression in x and y such as \"x**2 + 3*sin(y)\"")
    add_optimizer_arguments(parser, "sgd, adagrad, rmsprop, adadelta, adam, adamw, adamax, nadam, radam or lbfgs")
    parser.add_argument("--start", action="append", required=True, metavar="X,Y",
                        help="a start point, e.g. --start -4,0 (repeatable)")
    parser.add_argument("--steps", type=int, required=True, help="at most this many steps per start point")
    parser.add_argument("--device", default="cpu", help="auto, cpu, cuda, cuda:N or mps (default cpu)")
    parser.add_argument("--dtype", choices=("float32", "float64"), default="float32")
    parser.add_argument("--out", metavar="FILE", help="write FILE.csv, FILE.png, FILE.gif or FILE.mp4")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a summary")


def add_optimizer_arguments(parser, names: str) -> None:
    """--optimizer and its settings, read back by hypers_from (optimize and basins)."""
    parser.add_argument("--optimizer", required=True, help=names)
    parser.add_argument("--lr", help="learning rate (default: torch.optim's)")
    parser.add_argument("--momentum", help="momentum (SGD, RMSprop)")
    parser.add_argument("--nesterov", action="store_true", help="Nesterov momentum (SGD)")
    parser.add_argument("--betas", metavar="A,B", help="betas of the Adam family, e.g. 0.9,0.999")
    parser.add_argument("--weight-decay", help="weight decay")


def parse_point(text: str) -> tuple[float, float]:
    parts = text.split(",")
    try:
        x, y = (float(p) for p in parts)
    except ValueError:
        raise UsageError(f"--start must be two numbers X,Y, got '{text}'") from None
    if not (math.isfinite(x) and math.isfinite(y)):
        raise UsageError(f"--start must be finite, got '{text}'")
    return x, y


def hypers_from(args) -> tuple[tuple[str, object], ...]:
    """Only what the user gave: the rest stays torch.optim's default."""
    given: dict[str, object] = {}
    for option, name in (("lr", "lr"), ("momentum", "momentum"), ("weight_decay", "weight_decay"),
                         ("betas", "betas")):
        value = getattr(args, option)
        if value is not None:
            given[name] = value
    if args.nesterov:
        given["nesterov"] = True
    return tuple(given.items())


def run(args, renderers: Renderers) -> int:
    from app import devices, optimizers, surfaces, trajectories

    out = check_out_path(args.out, OUT_FORMATS)
    renderer = renderers.get("optimize")
    if out is not None and out.suffix.lower() != ".csv" and renderer is None:
        raise UsageError("image and video output needs the GUI libraries (PySide6, pyqtgraph); use .csv")
    if out is not None and out.suffix.lower() == ".mp4":
        from app.animation import mp4_unavailable_reason
        if reason := mp4_unavailable_reason():
            raise UsageError(reason)
    surface = surfaces.resolve(args.surface)
    spec = optimizers.get(args.optimizer)
    device = devices.resolve(args.device)
    specs = [trajectories.RunSpec(spec.name, parse_point(s), hypers_from(args), args.steps) for s in args.start]
    results = trajectories.run_all(surface, specs, dtype=args.dtype, device=device)
    if out is not None:
        try:
            if out.suffix.lower() == ".csv":
                from app import tables
                tables.write_csv(out, trajectories.table_columns(results))
            else:
                renderer(surface, results, out)
        except OSError as exc:
            raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
    if args.json:
        name = surface.name if surface.name != surfaces.CUSTOM else surface.label
        print(json.dumps({"surface": name, "optimizer": spec.name, "runs": [t.record() for t in results]},
                         allow_nan=False))
    else:
        print(summary(surface, results, out))
    return 0


def summary(surface, results, out: Path | None) -> str:
    lines = [f"{surface.label}: {surface.formula}"]
    for t in results:
        where = f", minimum ({t.minimum[0]:g}, {t.minimum[1]:g})" if t.minimum is not None else ""
        lines.append(f"  {t.spec.label()} from ({t.spec.start[0]:g}, {t.spec.start[1]:g}): "
                     f"({t.final[0]:.6g}, {t.final[1]:.6g}), f = {t.final_loss:.6g}, "
                     f"{t.steps} steps, {t.status}{where}")
    if out is not None:
        lines.append(f"wrote {out}")
    return "\n".join(lines)
