"""Torch Playground: open the window, or run a command-line subcommand.

    python main.py                       the window
    python main.py --screenshot DIR      one PNG per view, then exit
    python main.py --smoke               show the window, print first_frame_s=..., exit
    python main.py activation relu ...   the command line (see --help)
"""

from __future__ import annotations

import argparse
import sys


def _render_activation(curve, path) -> None:
    from widgets.figures import render_activation
    render_activation(curve, path)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from app import cli
    if cli.is_command_line(argv):
        return cli.main(argv, renderer=_render_activation)
    parser = argparse.ArgumentParser(prog="torch-playground", description="Open the Torch Playground window.")
    parser.add_argument("--screenshot", metavar="DIR", help="write one PNG per view into DIR and exit")
    parser.add_argument("--smoke", action="store_true", help="print first_frame_s=<seconds> and exit")
    args = parser.parse_args(argv)
    from widgets.application import run_gui
    return run_gui(screenshot=args.screenshot, smoke=args.smoke)


if __name__ == "__main__":
    sys.exit(main())
