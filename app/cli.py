"""The command line: the same catalogs and computations as the window, for scripts, slides and CI.

Each subcommand prints a human summary, or JSON with --json, writes the file named by --out
(format from its extension), and on bad input prints one line on stderr and exits 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import app

# Draw pictures for the subcommands that write .png/.svg/.gif: {"activation": fn(curve, path), ...}.
# main.py supplies them, drawn with the window's own plot code; app/ itself never imports Qt.
Renderers = Mapping[str, Callable]
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
    for name, module in command_modules().items():
        module.add_arguments(sub.add_parser(name, help=module.HELP))
    return parser


def command_modules() -> dict:
    from app.commands import COMMANDS
    return {name: importlib.import_module(f"app.commands.{name}") for name in COMMANDS}


def _join_negative_values(argv: list[str]) -> list[str]:
    """Let `--range -5,5` through: argparse would take '-5,5' for an option."""
    options = {opt for module in command_modules().values() for opt in getattr(module, "NUMERIC_OPTIONS", ())}
    out = []
    i = 0
    while i < len(argv):
        if argv[i] in options and i + 1 < len(argv) and re.match(r"^-(\d|\.|inf|nan)", argv[i + 1], re.IGNORECASE):
            out.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
        else:
            out.append(argv[i])
            i += 1
    return out


def parse_range(text: str) -> tuple[float, float]:
    parts = text.split(",")
    if len(parts) != 2:
        raise UsageError(f"--range must be two numbers A,B, got '{text}'")
    try:
        return float(parts[0]), float(parts[1])
    except ValueError:
        raise UsageError(f"--range must be two numbers A,B, got '{text}'") from None


def check_out_path(out: str | None, allowed: tuple[str, ...]) -> Path | None:
    if out is None:
        return None
    path = Path(out)
    if path.suffix.lower() not in allowed:
        raise UsageError(f"--out must end in {', '.join(allowed)}, got '{out}'")
    if not path.parent.exists():
        raise UsageError(f"--out folder does not exist: '{path.parent}'")
    return path


def main(argv: list[str] | None = None, renderers: Renderers | None = None,
         open_window: WindowOpener | None = None) -> int:
    """Run a subcommand, or open the window when none is given; returns the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser().parse_args(_join_negative_values(argv))
        if args.command is not None:
            return command_modules()[args.command].run(args, renderers or {})
        if args.screenshot is not None:
            check_screenshot_folder(args.screenshot)
        if open_window is None:
            raise UsageError(f"torch-playground: give a subcommand: {', '.join(command_modules())}")
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
