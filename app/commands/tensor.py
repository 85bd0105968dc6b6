"""`torch-playground tensor PROGRAM`: run a short tensor program safely, print its last value."""

from __future__ import annotations

import json

from app.cli import Renderers, UsageError, check_out_path

HELP = "run a short tensor program with the safe evaluator and print its last value"


def add_arguments(parser) -> None:
    parser.add_argument("program", help="statements separated by newlines or ';', "
                                        "e.g. 'A = torch.arange(6).reshape(2, 3); A.sum(dim=0)'")
    parser.add_argument("--device", default="cpu", help="auto, cpu, cuda, cuda:N or mps (default cpu)")
    parser.add_argument("--limit", type=int, default=None, metavar="N",
                        help="refuse any tensor over N elements (default 50,000,000)")
    parser.add_argument("--out", metavar="FILE", help="also write the last value (a tensor) as FILE.csv, .npy or .pt")
    parser.add_argument("--json", action="store_true", help="print JSON instead of PyTorch's text")


def run(args, renderers: Renderers) -> int:
    from app import devices, tensor_program, tensor_results

    out = check_out_path(args.out, tuple(f".{f}" for f in tensor_results.EXPORT_FORMATS))
    session = tensor_program.Session(devices.resolve(args.device),
                                     tensor_program.DEFAULT_LIMIT if args.limit is None else args.limit)
    result = session.run(args.program)
    shown = result.shown
    value = shown.value if shown is not None else None
    # Everything that can fail is done before anything is printed or written.
    text = json.dumps(tensor_results.to_json(value)) if args.json else tensor_results.plain_text(value)
    if out is not None:
        if not tensor_results.exportable(value):
            raise UsageError("--out needs a program whose last value is a tensor")
        try:
            tensor_results.export_tensor(value, out)
        except OSError as exc:
            raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
    if not args.json:
        for line in result.output:
            print(line)
    if shown is not None or args.json:
        print(text)
    return 0
