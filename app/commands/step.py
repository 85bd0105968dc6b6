"""`torch-playground step --net FILE.json`: one training step, written out and checked against autograd."""

from __future__ import annotations

import json
from pathlib import Path

from app.cli import IMAGE_FORMATS, Renderers, UsageError, check_out_path

HELP = "one training step of a small network: forward, loss, backward by the chain rule, SGD update"
TEXT_FORMATS = (".json", ".md", ".tex")


def add_arguments(parser) -> None:
    parser.add_argument("--net", required=True, metavar="FILE.json",
                        help='the network spec: {"layers": [2, 2, 2], "activation": "sigmoid", "loss": "mse", '
                             '"weights": [...], "biases": [...], "input": [...], "target": [...], "lr": 0.5}')
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the step as JSON")
    output.add_argument("--markdown", action="store_true", help="print the worked example as Markdown")
    parser.add_argument("--out", metavar="FILE",
                        help="write FILE.json (the step), FILE.md or FILE.tex (worked example), "
                             "FILE.png or FILE.svg (the network drawn)")


def run(args, renderers: Renderers) -> int:
    from app import backprop, network, worked_example

    out = check_out_path(args.out, TEXT_FORMATS + IMAGE_FORMATS)
    if out is not None and out.suffix.lower() in IMAGE_FORMATS and renderers.get("step") is None:
        raise UsageError("image output needs the GUI libraries (PySide6, pyqtgraph); use .json, .md or .tex")
    try:
        text = Path(args.net).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read --net {args.net}: {getattr(exc, 'strerror', None) or exc}") from None
    trace = backprop.step(network.from_json(text))
    record = json.dumps(trace.to_dict(), allow_nan=False)
    if out is not None:
        suffix = out.suffix.lower()
        try:
            if suffix in IMAGE_FORMATS:
                renderers["step"](trace, out)
            else:
                from app import files
                body = {".json": record + "\n", ".md": worked_example.markdown(trace),
                        ".tex": worked_example.latex(trace)}[suffix]
                files.write_text(out, body)
        except OSError as exc:
            raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
    if args.json:
        print(record)
    elif args.markdown:
        print(worked_example.markdown(trace))
    else:
        print(summary(trace, out))
    return 0


def summary(trace, out: Path | None) -> str:
    from app.backprop import fmt

    spec, check = trace.spec, trace.check
    lines = [(f"network {' -> '.join(map(str, spec.layers))}, activations {', '.join(spec.activations)}, "
             f"loss {spec.loss}, lr {spec.lr:g}, {spec.dtype}"),
             f"  output: {', '.join(fmt(v) for v in trace.output)}",
             f"  loss E = {fmt(trace.loss)}",
             f"  dE/dx: {', '.join(fmt(v) for v in trace.grad_input)}",
             (f"  chain rule vs torch.autograd: {'agree' if check.agrees else 'DISAGREE'} "
             f"(largest relative difference {check.max_difference:.1e})")]
    for k, lt in enumerate(trace.layers, 1):
        lines.append(f"  layer {k}: new weight {lt.new_weight.tolist()}, new bias {lt.new_bias.tolist()}")
    if out is not None:
        lines.append(f"wrote {out}")
    return "\n".join(lines)
