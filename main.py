"""Torch Playground: open the window, or run a command-line subcommand.

    python main.py                       the window
    python main.py --screenshot DIR      one PNG per view, then exit
    python main.py --smoke               show the window, print first_frame_s=..., exit
    python main.py activation relu ...   the command line (see --help)
"""

from __future__ import annotations

import sys


def _render_activation(curve, path) -> None:
    from widgets.figures import render_activation
    render_activation(curve, path)


def _render_step(trace, path) -> None:
    from widgets.figures import render_step
    render_step(trace, path)


def _render_optimize(surface, trajectories, path) -> None:
    from widgets.arena_figures import render_optimize
    render_optimize(surface, trajectories, path)


def _render_basins(result, path) -> None:
    from widgets.basins_figures import render_basins
    render_basins(result, path)


def _render_train(trainer, record, path) -> None:
    from widgets.training_figures import render_train
    render_train(trainer, record, path)


def _open_window(screenshot: str | None = None, smoke: bool = False) -> int:
    from widgets.application import run_gui
    return run_gui(screenshot=screenshot, smoke=smoke)


def main(argv: list[str] | None = None) -> int:
    from app import cli
    return cli.main(argv, renderers={"activation": _render_activation, "step": _render_step,
                                     "optimize": _render_optimize, "basins": _render_basins,
                                     "train": _render_train},
                    open_window=_open_window)


if __name__ == "__main__":
    sys.exit(main())
