"""`torch-playground inspect FILE`: what a training checkpoint holds, read safely (weights_only)."""

from __future__ import annotations

import json

from app.cli import Renderers

HELP = "show what a training checkpoint holds: spec, epoch, parameter shapes, metrics (refuses unsafe files)"


def add_arguments(parser) -> None:
    parser.add_argument("file", help="a checkpoint written by the Training panel or `train --save`")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a summary")


def run(args, renderers: Renderers) -> int:
    from app import checkpoints

    info = checkpoints.describe(checkpoints.load(args.file))
    print(json.dumps(info) if args.json else checkpoints.summary(info))
    return 0
