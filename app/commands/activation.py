"""`torch-playground activation NAME`: an activation f(x) and its derivatives by autograd."""

from __future__ import annotations

import json
from pathlib import Path

from app.cli import (
    IMAGE_FORMATS,
    MAX_DRAWABLE,
    Renderers,
    UsageError,
    check_out_path,
    parse_range,
)

HELP = "an activation f(x) and its derivatives by autograd"
NUMERIC_OPTIONS = ("--range",)


def add_arguments(parser) -> None:
    parser.add_argument("name", help="a name from the catalog, e.g. sigmoid, leaky_relu, gelu")
    parser.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                        help="a parameter, e.g. negative_slope=0.2 (repeatable)")
    parser.add_argument("--range", default="-5,5", metavar="A,B", help="x from A to B (default -5,5)")
    parser.add_argument("--points", type=int, default=1001, help="number of x values (default 1001)")
    parser.add_argument("--second", action="store_true", help="also f''(x), through create_graph=True")
    parser.add_argument("--device", default="cpu", help="auto, cpu, cuda, cuda:N or mps (default cpu)")
    parser.add_argument("--out", metavar="FILE", help="write FILE.csv, FILE.png or FILE.svg")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a summary")


def parse_params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--param must look like KEY=VALUE, got '{pair}'")
        params[key.strip()] = value.strip()
    return params


def run(args, renderers: Renderers) -> int:
    from app import activations, devices, tables

    renderer = renderers.get("activation")

    out = check_out_path(args.out, (".csv",) + IMAGE_FORMATS)
    if out is not None and out.suffix.lower() in IMAGE_FORMATS:
        low, high = parse_range(args.range)
        if max(abs(low), abs(high)) > MAX_DRAWABLE:
            raise UsageError(f"--range beyond ±{MAX_DRAWABLE:g} cannot be drawn; use .csv or .json for it")
        if renderer is None:
            raise UsageError("image output needs the GUI libraries (PySide6, pyqtgraph); use .csv")
    device = devices.resolve(args.device)
    curve = activations.curve(args.name, parse_params(args.param), parse_range(args.range),
                              args.points, args.second, device)
    if out is not None:
        try:
            if out.suffix.lower() == ".csv":
                columns = {"x": curve.x, "f": curve.f, "df": curve.df}
                if curve.d2f is not None:
                    columns["d2f"] = curve.d2f
                tables.write_csv(out, columns)
            else:
                renderer(curve, out)
        except OSError as exc:   # a read-only folder, a full disk
            raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
    if args.json:
        record = {"name": curve.name, "params": curve.params, "device": curve.device,
                  "x": curve.x.tolist(), "f": curve.f.tolist(), "df": curve.df.tolist()}
        if curve.d2f is not None:
            record["d2f"] = curve.d2f.tolist()
        print(json.dumps(record, allow_nan=False))
    else:
        print(activation_summary(curve, out))
    return 0


def activation_summary(curve, out: Path | None) -> str:
    from app import activations

    act = activations.get(curve.name)
    params = ", ".join(f"{k}={v}" for k, v in curve.params.items()) or "none"
    vanishing = sum(b - a for a, b in activations.vanishing_regions(curve.x, curve.df))
    span = curve.x[-1] - curve.x[0]
    lines = [f"{act.label}: {act.formula}", f"  derivative: {act.derivative}",
             f"  parameters: {params}",
             f"  x in [{curve.x[0]:g}, {curve.x[-1]:g}], {len(curve.x)} points, computed on {curve.device}",
             f"  f in [{curve.f.min():.6g}, {curve.f.max():.6g}], max |f'| = {abs(curve.df).max():.6g}",
             f"  |f'| < 0.01 on {100 * vanishing / span:.0f}% of the range (vanishing gradients)"]
    if out is not None:
        lines.append(f"wrote {out}")
    return "\n".join(lines)
