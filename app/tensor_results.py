"""What the Tensor Lab shows of a result: its parts, facts, pages of values, the dim= and
broadcasting pictures, JSON for the command line, and exports. Plain records and numpy only."""

from __future__ import annotations

import io
import math
import reprlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from app import files, tables
from app.errors import InputError
from app.tensor_program import MAX_TOLIST, BroadcastEvent, DimEvent, Step
from app.tensor_sizes import literal_numel

MAX_PICTURE = 8        # cells per side of a card in the dim= picture
MAX_CARDS = 4          # slices of a 3-D tensor drawn side by side
EXPORT_FORMATS = ("csv", "npy", "pt")


# --- parts and facts -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Part:
    label: str      # "values", "[0]", or "" for a single value
    value: Any


def parts(value: Any) -> list[Part]:
    """A tuple result in its parts (topk: values and indices; split: each piece); else itself."""
    if type(value).__module__ == "torch.return_types":
        names = [name for name in ("values", "indices", "mean", "std", "var", "min", "max")
                 if hasattr(value, name)]
        if len(names) == len(value):
            return [Part(name, getattr(value, name)) for name in names]
    if isinstance(value, (tuple, list)) and not isinstance(value, torch.Size):
        return [Part(f"[{i}]", item) for i, item in enumerate(value)]
    return [Part("", value)]


@dataclass(frozen=True)
class TensorFacts:
    shape: tuple[int, ...]
    dtype: str
    device: str
    strides: tuple[int, ...]
    contiguous: bool
    requires_grad: bool
    has_grad: bool
    grad_fn: str
    is_leaf: bool
    numel: int


def facts(tensor: torch.Tensor) -> TensorFacts:
    return TensorFacts(tuple(tensor.shape), str(tensor.dtype), str(tensor.device),
                       tuple(tensor.stride()) if tensor.layout == torch.strided else (),
                       tensor.is_contiguous(), tensor.requires_grad, tensor.grad is not None,
                       type(tensor.grad_fn).__name__ if tensor.grad_fn is not None else "",
                       tensor.is_leaf, tensor.numel())


def plain_text(value: Any) -> str:
    """The value as PyTorch prints it (the REPL's repr); torch summarises big tensors itself, and
    big Python lists are cut short the same way rather than printed in full."""
    if isinstance(value, (list, tuple)) and not isinstance(value, torch.Size) and literal_numel(value) > 1000:
        short = reprlib.Repr()
        short.maxlist = short.maxtuple = 12
        short.maxlevel = 4
        short.maxother = 200
        return short.repr(value)
    return repr(value)


# --- values on screen ----------------------------------------------------------------------------

def as_matrix(tensor: torch.Tensor, leading: tuple[int, ...] = ()) -> torch.Tensor:
    """The 2-D slice the grid shows: a scalar as 1×1, a vector as one row, x[leading] for 3-D and up."""
    t = tensor.detach()
    if t.dim() == 0:
        return t.reshape(1, 1)
    if t.dim() == 1:
        return t.reshape(1, -1)
    if t.dim() > 2:
        t = t[tuple(leading)] if len(leading) == t.dim() - 2 else t.reshape(-1, *t.shape[-2:])[0]
    return t


def page(tensor: torch.Tensor, leading: tuple[int, ...], row0: int, col0: int, rows: int, cols: int) -> np.ndarray:
    """One page of the grid, as float64 (bool as 0/1), copied to the CPU: only what is drawn."""
    matrix = as_matrix(tensor, leading)
    block = matrix[row0:row0 + rows, col0:col0 + cols]
    return _numpy(block)


def _numpy(t: torch.Tensor) -> np.ndarray:
    if t.is_complex():
        t = t.abs()
    if t.device.type == "meta":
        return np.zeros(tuple(t.shape))
    return t.detach().to("cpu", torch.float64).numpy()


def value_range(tensor: torch.Tensor) -> tuple[float, float]:
    """The smallest and largest finite values, for the colour scale (0, 1 when there are none)."""
    if tensor.numel() == 0 or tensor.device.type == "meta":
        return 0.0, 1.0
    t = tensor.detach()
    if t.is_complex():
        t = t.abs()
    t = t.to(torch.float64) if not t.is_floating_point() else t
    finite = t[torch.isfinite(t)] if t.is_floating_point() else t
    if finite.numel() == 0:
        return 0.0, 1.0
    low, high = torch.aminmax(finite)
    return float(low), float(high)


# --- the dim= picture --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cards:
    """A tensor drawn as 2-D cards: one for up to 2-D, one per slice along dim 0 for 3-D."""

    shape: tuple[int, ...]
    grids: tuple[np.ndarray, ...]
    more_rows: bool
    more_cols: bool
    more_cards: bool


@dataclass(frozen=True)
class DimPicture:
    op: str
    dims: tuple[int, ...] | None
    keepdim: bool
    reduces: bool
    axis: str            # how dim runs in the picture: "rows" (down), "cols" (across), "cards", "all"
    input: Cards
    outputs: tuple[tuple[str, Cards], ...]    # (label, cards): "values"/"indices" for tuple results


def cards(tensor: torch.Tensor) -> Cards | None:
    t = tensor.detach()
    if t.dim() > 3:
        return None
    if t.dim() == 3:
        slices = [t[i] for i in range(min(t.shape[0], MAX_CARDS))]
    else:
        slices = [as_matrix(t)]
    grids = tuple(_numpy(s[:MAX_PICTURE, :MAX_PICTURE]) for s in slices)
    matrix = slices[0] if slices else as_matrix(t)
    return Cards(tuple(t.shape), grids, matrix.shape[0] > MAX_PICTURE, matrix.shape[1] > MAX_PICTURE,
                 t.dim() == 3 and t.shape[0] > MAX_CARDS)


def _axis(ndim: int, dims: tuple[int, ...] | None) -> str:
    if dims is None or len(set(dims)) >= max(ndim, 1):
        return "all"
    if len(dims) > 1:
        return "all"
    dim = dims[0]
    if ndim <= 1:
        return "cols"
    if ndim == 2:
        return "rows" if dim == 0 else "cols"
    return ("cards", "rows", "cols")[dim]


def dim_picture(event: DimEvent) -> DimPicture | None:
    """What dim= did, drawable: None for tensors over 3-D or empty ones."""
    drawn = cards(event.input)
    if drawn is None or event.input.numel() == 0:
        return None
    labels = ("values", "indices") if len(event.outputs) == 2 else tuple(f"[{i}]" for i in range(len(event.outputs)))
    outputs = []
    for label, out in zip(labels if len(event.outputs) > 1 else ("",), event.outputs):
        out_cards = cards(out)
        if out_cards is None:
            return None
        outputs.append((label, out_cards))
    return DimPicture(event.op, event.dims, event.keepdim, event.reduces, _axis(event.input.dim(), event.dims),
                      drawn, tuple(outputs))


# --- the broadcasting picture ------------------------------------------------------------------------

@dataclass(frozen=True)
class Operand:
    shape: tuple[int, ...]
    aligned: tuple[int, ...]          # with 1s in front, as broadcasting sees it
    values: np.ndarray | None         # expanded to the result (2-D), for up to 2-D results
    real: np.ndarray | None           # True where the value is the operand's own, False where stretched


@dataclass(frozen=True)
class BroadcastPicture:
    op: str
    operands: tuple[Operand, Operand]
    result: tuple[int, ...]
    result_values: np.ndarray | None


def broadcast_picture(event: BroadcastEvent, result: torch.Tensor | None = None) -> BroadcastPicture:
    ndim = len(event.result)
    operands = []
    for shape, value in zip(event.shapes, event.operands):
        aligned = (1,) * (ndim - len(shape)) + tuple(shape)
        values = real = None
        if ndim <= 2 and isinstance(value, torch.Tensor) and math.prod(event.result) <= MAX_PICTURE ** 2:
            grid = value.detach().reshape(aligned) if aligned else value.detach().reshape(())
            expanded = grid.expand(event.result)
            values = _numpy(as_matrix(expanded))
            index = np.indices(values.shape)
            own = np.ones(values.shape, dtype=bool)
            matrix_aligned = (1,) * (2 - len(aligned)) + aligned if len(aligned) < 2 else aligned[-2:]
            for axis, size in enumerate(matrix_aligned):
                if size == 1:
                    own &= index[axis] == 0
            real = own
        operands.append(Operand(tuple(shape), aligned, values, real))
    result_values = None
    if result is not None and ndim <= 2 and result.numel() <= MAX_PICTURE ** 2:
        result_values = _numpy(as_matrix(result))
    return BroadcastPicture(event.op, (operands[0], operands[1]), tuple(event.result), result_values)


def picture_for(step: Step) -> DimPicture | BroadcastPicture | None:
    """The picture of the op that made the step's value (or, failing that, the step's last op)."""
    if not step.events:
        return None
    shown = [p.value for p in parts(step.value)] + [step.value]
    chosen = None
    for event in reversed(step.events):
        outputs = event.outputs if isinstance(event, DimEvent) else ()
        if any(o is v or (isinstance(v, torch.Tensor) and o.data_ptr() == v.data_ptr() and o.shape == v.shape)
               for o in outputs for v in shown if isinstance(v, torch.Tensor)):
            chosen = event
            break
    if chosen is None:
        chosen = step.events[-1]
    if isinstance(chosen, DimEvent):
        return dim_picture(chosen)
    result = step.value if isinstance(step.value, torch.Tensor) and tuple(step.value.shape) == chosen.result else None
    return broadcast_picture(chosen, result)


# --- JSON and exports ----------------------------------------------------------------------------------

def _number(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    return value


def _nested(values: Any) -> Any:
    if isinstance(values, list):
        return [_nested(v) for v in values]
    return _number(values)


def to_json(value: Any) -> dict:
    """The command line's --json form of a value (non-finite numbers as "nan", "inf", "-inf")."""
    if isinstance(value, torch.Tensor):
        if value.numel() > MAX_TOLIST:
            raise InputError("The result has {count} elements, too many to print as JSON; write it with --out",
                             count=f"{value.numel():,}")
        data = value.detach().cpu()
        if data.is_complex():
            data = data.abs()
        return {"kind": "tensor", "shape": list(value.shape), "dtype": str(value.dtype), "value": _nested(data.tolist())}
    if isinstance(value, torch.Size):
        return {"kind": "shape", "value": list(value)}
    if isinstance(value, bool):
        return {"kind": "bool", "value": value}
    if isinstance(value, (int, float)):
        return {"kind": "number", "value": _number(value)}
    if isinstance(value, (tuple, list)):
        if literal_numel(value) > MAX_TOLIST:
            raise InputError("The result has {count} elements, too many to print as JSON; write it with --out",
                             count=f"{literal_numel(value):,}")
        return {"kind": "seq", "value": [to_json(v) for v in value]}
    if value is None:
        return {"kind": "none", "value": None}
    return {"kind": "text", "value": repr(value)}


def exportable(value: Any) -> bool:
    return isinstance(value, torch.Tensor) and value.device.type != "meta"


def export_tensor(tensor: torch.Tensor, path: str | Path) -> None:
    """Write a tensor as .csv (a grid for up to 2-D, one row per element beyond), .npy or .pt."""
    if not exportable(tensor):
        raise InputError("Only a tensor can be exported; this result is {kind}", kind=type(tensor).__name__)
    suffix = Path(path).suffix.lower().lstrip(".")
    data = tensor.detach().cpu()
    if suffix == "pt":
        buffer = io.BytesIO()
        torch.save(data.clone(), buffer)   # clone: a view would save its whole storage
        files.write_bytes(path, buffer.getvalue())
    elif suffix == "npy":
        if data.dtype in (torch.bfloat16,):
            data = data.float()
        buffer = io.BytesIO()
        np.save(buffer, data.numpy(), allow_pickle=False)
        files.write_bytes(path, buffer.getvalue())
    elif suffix == "csv":
        tables.write_csv(path, csv_columns(data))
    else:
        raise InputError("Cannot export as {suffix}; choose one of: {formats}", suffix=f".{suffix}",
                         formats=", ".join(f".{f}" for f in EXPORT_FORMATS))


def csv_columns(tensor: torch.Tensor) -> dict[str, np.ndarray]:
    values = tensor.numpy() if tensor.dtype != torch.bfloat16 else tensor.float().numpy()
    if values.dtype == np.bool_:
        values = values.astype(np.int64)
    if values.ndim <= 1:
        return {"value": values.reshape(-1)}
    if values.ndim == 2:
        return {str(j): values[:, j] for j in range(values.shape[1])}
    index = np.indices(values.shape).reshape(values.ndim, -1)
    columns = {f"i{axis}": index[axis] for axis in range(values.ndim)}
    columns["value"] = values.reshape(-1)
    return columns

