"""`torch-playground devices`: the devices PyTorch reports on this machine."""

from __future__ import annotations

import json

HELP = "the devices PyTorch reports on this machine"


def add_arguments(parser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args, renderers) -> int:
    from app import devices

    options = devices.available()
    if args.json:
        print(json.dumps([{"key": o.key, "label": o.label, "detail": o.detail} for o in options]))
    else:
        for o in options:
            print(f"{o.key:8} {o.detail}")
    return 0
