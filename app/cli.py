"""The command line: the same catalogs and computations as the window, for scripts, slides and CI.

Each subcommand prints a human summary, or JSON with --json, writes the file named by --out
(format from its extension), and on bad input prints one line on stderr and exits 2.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import Callable

import app

# Writes a picture of an activation curve to a .png or .svg path. main.py supplies one drawn
# with the window's own plot code; app/ itself never imports Qt.
Renderer = Callable[["object", Path], None]
# Opens the window (screenshot=DIR or None, smoke=bool) and returns the exit code; from main.py.
WindowOpener = Callable[..., int]

IMAGE_FORMATS = (".png", ".svg")
# Past this, Qt's float coordinates lose half of a drawn curve; the numbers themselves are fine.
MAX_DRAWABLE = 1e100
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad input from the user: reported on one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:   # one line, not argparse's usage block
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="torch-playground",
                     description="Learn PyTorch by touching it. With no subcommand, opens the window.")
    parser.add_argument("--version", action="version", version=f"torch-playground {app.__version__}")
    parser.add_argument("--screenshot", metavar="DIR", help="open the window, write one PNG per view into DIR, exit")
    parser.add_argument("--smoke", action="store_true",
                        help="show the window, print first_frame_s=<seconds since start>, exit")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    act = sub.add_parser("activation", help="an activation f(x) and its derivatives by autograd")
    act.add_argument("name", help="a name from the catalog, e.g. sigmoid, leaky_relu, gelu")
    act.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                     help="a parameter, e.g. negative_slope=0.2 (repeatable)")
    act.add_argument("--range", default="-5,5", metavar="A,B", help="x from A to B (default -5,5)")
    act.add_argument("--points", type=int, default=1001, help="number of x values (default 1001)")
    act.add_argument("--second", action="store_true", help="also f''(x), through create_graph=True")
    act.add_argument("--device", default="cpu", help="auto, cpu, cuda, cuda:N or mps (default cpu)")
    act.add_argument("--out", metavar="FILE", help="write FILE.csv, FILE.png or FILE.svg")
    act.add_argument("--json", action="store_true", help="print JSON instead of a summary")

    dev = sub.add_parser("devices", help="the devices PyTorch reports on this machine")
    dev.add_argument("--json", action="store_true", help="print JSON")
    return parser


def _join_negative_values(argv: list[str]) -> list[str]:
    """Let `--range -5,5` through: argparse would take '-5,5' for an option."""
    out = list(argv)
    for i, arg in enumerate(out[:-1]):
        if arg == "--range" and re.match(r"^-(\d|\.|inf|nan)", out[i + 1], re.IGNORECASE):
            out[i:i + 2] = [f"--range={out[i + 1]}"]
            break
    return out


def parse_range(text: str) -> tuple[float, float]:
    parts = text.split(",")
    if len(parts) != 2:
        raise UsageError(f"--range must be two numbers A,B, got '{text}'")
    try:
        return float(parts[0]), float(parts[1])
    except ValueError:
        raise UsageError(f"--range must be two numbers A,B, got '{text}'") from None


def parse_params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--param must look like KEY=VALUE, got '{pair}'")
        params[key.strip()] = value.strip()
    return params


def check_out_path(out: str | None, allowed: tuple[str, ...]) -> Path | None:
    if out is None:
        return None
    path = Path(out)
    if path.suffix.lower() not in allowed:
        raise UsageError(f"--out must end in {', '.join(allowed)}, got '{out}'")
    if not path.parent.exists():
        raise UsageError(f"--out folder does not exist: '{path.parent}'")
    return path


def run_activation(args, renderer: Renderer | None) -> int:
    from app import activations, devices, tables

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


def run_devices(args) -> int:
    from app import devices

    options = devices.available()
    if args.json:
        print(json.dumps([{"key": o.key, "label": o.label, "detail": o.detail} for o in options]))
    else:
        for o in options:
            print(f"{o.key:8} {o.detail}")
    return 0


def main(argv: list[str] | None = None, renderer: Renderer | None = None,
         open_window: WindowOpener | None = None) -> int:
    """Run a subcommand, or open the window when none is given; returns the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser().parse_args(_join_negative_values(argv))
        if args.command == "activation":
            return run_activation(args, renderer)
        if args.command == "devices":
            return run_devices(args)
        if args.screenshot is not None:
            check_screenshot_folder(args.screenshot)
        if open_window is None:
            raise UsageError("torch-playground: give a subcommand: activation, devices")
        return open_window(screenshot=args.screenshot, smoke=args.smoke)
    except (UsageError, ValueError) as exc:   # app/ raises InputError (a ValueError) for bad input
        print(f"error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:   # `... --json | head`: the reader has what it wanted
        sys.stdout = open(os.devnull, "w")   # noqa: SIM115 -- keeps Python's exit flush quiet
        return 0
    except OSError as exc:   # stdout on a full disk
        print(f"error: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE


def check_screenshot_folder(folder: str) -> None:
    """--screenshot needs a folder it can write into; made if missing."""
    if not folder.strip():
        raise UsageError("--screenshot needs a folder, e.g. --screenshot shots")
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot write screenshots to {folder}: {exc.strerror or exc}") from None
