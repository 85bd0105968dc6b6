"""The Tensor Lab's programs: the evaluator's interpreter under a wider policy, with sizes checked.

`ProgramPolicy` lets a program reach what app.tensor_ops lists (torch.*, F.*, tensor methods and
attributes), and nothing else. Before an op allocates, it runs on the meta device (shapes and
dtypes only, no memory) and its result is sized: a tensor over the limit, or a matrix product
with too many multiply-adds, is refused before a byte is allocated.

`Session` is what the panel and the command line hold: the variables, the device they live on,
the limit, and the plain PyTorch code equivalent to everything that has run.
"""

from __future__ import annotations

import ast
import math
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import torch
import torch.nn.functional as F

from app import tensor_ops
from app.errors import InputError
from app.evaluator import (
    BINARY,
    COMPARE,
    IN_PLACE,
    SYMBOL,
    EvalError,
    Interpreter,
    Namespace,
    Policy,
    SequenceTooLong,
    arithmetic,
    deep_items,
    parse,
)
from app.tensor_sizes import CREATION, estimate, literal_numel

DEFAULT_LIMIT = 50_000_000      # elements in one tensor; the panel's preference changes it
MIN_LIMIT, MAX_LIMIT = 1_000, 2_000_000_000
TOTAL_FACTOR = 4                # a program may create this many limits' worth of elements in all
WORK_FACTOR = 200               # multiply-adds of one matrix product, per element of the limit
MAX_TOLIST = 1_000_000          # .tolist() builds Python objects: ~30 bytes each
# Elements a program may read and write in all, per element of the limit: x.sum() makes nothing
# big, but a hundred of them on a limit-sized x froze the window for seconds. Measured on the
# 2-core development machine under load: ~0.3 ns per element for sums, ~2 ns for sin/exp/clone,
# ~5 ns for normal_() and per n·log2(n) unit of sort/unique. 10 limits let two sorts of 10⁷
# elements through (2.5 s); 6 limits (3·10⁸ by default) let one through (~1.2 s loaded) and stop
# normal_() repeated at ~1 s and sums at 0.15 s, while course programs and catalog examples use
# less than a thousandth of it. Multiply-adds keep their own cap (WORK_FACTOR):
# BLAS does ~10⁹ of them in a fraction of the time; a product's reads and writes count here.
READ_FACTOR = 6


class _Refused(Exception):
    """A size check failed: carries the message and its values, placed at the node by explain()."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message)
        self.message = message
        self.values = values


# --- the allow-list, as objects --------------------------------------------------------------------

MAX_OUTPUT = 1_000_000          # characters print() may write in one program


def _print_to(lines: list[str]):
    written = [0]

    def print(*values: Any, sep: str = " ", end: str = "") -> None:
        parts = [str(sep), str(end)]
        for value in values:   # each value is bounded (check_items); their sum is checked as it grows
            # A list's text has at least a character per item: refuse before building it.
            if written[0] + deep_items(value) > MAX_OUTPUT:
                written[0] += deep_items(value)
            else:
                parts.append(str(value))
                written[0] += len(parts[-1]) + len(parts[0])
            if written[0] > MAX_OUTPUT:
                raise _Refused("print would write {count} characters, over the limit of {limit}",
                               count=f"{written[0]:,}", limit=f"{MAX_OUTPUT:,}")
        written[0] += len(parts[1])
        lines.append(parts[0].join(parts[2:]) + parts[1])
    return print


def _manual_seed(seed: int) -> None:
    """torch.manual_seed returns a Generator; a learner wants nothing printed."""
    torch.manual_seed(seed)


def _namespaces() -> dict[str, Namespace]:
    torch_members = {name: getattr(torch, name) for name in tensor_ops.TORCH_FUNCTIONS + tensor_ops.TORCH_VALUES}
    torch_members["manual_seed"] = _manual_seed
    functional = Namespace("F", {name: getattr(F, name) for name in tensor_ops.F_FUNCTIONS})
    torch_members["autograd"] = Namespace("torch.autograd", {"grad": torch.autograd.grad})
    torch_members["linalg"] = Namespace("torch.linalg", {"vector_norm": torch.linalg.vector_norm})
    torch_members["nn"] = Namespace("torch.nn", {"functional": functional})
    return {"torch": Namespace("torch", torch_members), "F": functional}


_METHODS = frozenset(tensor_ops.TENSOR_METHODS)
_ATTRIBUTES = frozenset(tensor_ops.TENSOR_ATTRIBUTES)
# Calls whose result is no bigger than their inputs: no meta run needed.
_UNCHECKED_METHODS = frozenset({
    "item", "size", "dim", "numel", "stride", "storage_offset", "element_size", "nelement", "is_contiguous",
    "requires_grad_", "retain_grad", "detach", "detach_", "zero_", "fill_", "equal", "allclose", "to", "cpu",
    "cuda", "float", "double", "half", "long", "int", "short", "bool", "clone", "contiguous", "type",
    "type_as", "backward", "is_floating_point", "copy_", "normal_", "uniform_", "random_", "bernoulli_",
})
# Of those, the ones that may copy: x.clone() a thousand times is a thousand x's in memory.
_COPIES = frozenset({"to", "cpu", "cuda", "float", "double", "half", "long", "int", "short", "bool", "clone",
                     "contiguous", "type", "type_as"})
# Data-dependent sizes (the meta device cannot know them) that never exceed their input.
_BOUNDED = frozenset({"mask", "nonzero", "masked_select", "unique", "where", "count_nonzero", "tolist", "argwhere"})
_MATRIX_PRODUCTS = frozenset({"matmul", "mm", "bmm", "mv", "inner", "linear", "__matmul__"})
# Ops that sort or select: n·log2(n) reads of their input, not n.
_SORTS = frozenset({"sort", "unique", "topk", "kthvalue", "median", "argsort", "msort", "nanmedian", "mode",
                    "quantile", "nanquantile"})
# Methods that read or write no elements: the rest of _UNCHECKED_METHODS touch all of x.
_METADATA = frozenset({"item", "size", "dim", "numel", "stride", "storage_offset", "element_size", "nelement",
                       "is_contiguous", "requires_grad_", "retain_grad", "detach", "detach_", "is_floating_point",
                       "backward"})


def _reads(name: str, tensors: list[torch.Tensor]) -> int:
    """Elements an op reads: its tensor inputs, and n·log2(n) for the first one of a sort."""
    reads = sum(t.numel() for t in tensors)
    if name in _SORTS and tensors and tensors[0].numel() > 2:
        n = tensors[0].numel()
        reads += int(n * math.log2(n)) - n
    return reads


def _backward_work(tensor: torch.Tensor) -> int:
    """About the elements a backward pass from `tensor` reads and writes: what the ops that made
    it cost (noted by _note_backward_work), or its own size for a leaf or a tensor made elsewhere."""
    return getattr(tensor, "_playground_work", tensor.numel()) if tensor.requires_grad else 0


def _note_backward_work(result: Any, inputs: list[torch.Tensor], cost: int, spent: int) -> None:
    """Note on each result that needs a gradient what its graph cost to build, so that repeating
    its backward is charged like repeating the ops. Summing the inputs' costs counts a shared part
    twice, and `y = y + y` twenty times would double it twenty times: no more than what the
    program has spent so far (`spent`) plus the dearest input (which may come from an earlier run)."""
    if not any(t.requires_grad for t in inputs):
        return
    works = [_backward_work(t) for t in inputs]
    work = min(cost + sum(works), spent + max(works))
    for tensor in _tensors_in(result):
        if tensor.requires_grad:
            tensor._playground_work = work


def _name_of(fn: Any) -> str:
    return getattr(fn, "__name__", type(fn).__name__)


def _is_tensor_method(fn: Any) -> bool:
    return isinstance(getattr(fn, "__self__", None), torch.Tensor)


def _to_meta(value: Any, depth: int = 2) -> Any:
    """The same shapes and dtypes on the meta device (no memory); 0-d tensors stay as they are,
    so that torch.arange(torch.tensor(5)) still knows its end."""
    if isinstance(value, torch.Tensor):
        if value.dim() == 0 or value.device.type == "meta":
            return value
        return torch.empty_strided(value.size(), value.stride(), dtype=value.dtype, device="meta")
    if isinstance(value, (list, tuple)) and not isinstance(value, torch.Size) and depth > 0:
        return type(value)(_to_meta(v, depth - 1) for v in value)
    return value


def _tensors_in(value: Any, depth: int = 2) -> Iterator[torch.Tensor]:
    """The tensors in a value, in lists or tuples at most `depth` deep: torch.cat([a, b]) among
    arguments is two levels. Deeper lists are data, and `[[0] * 10**6] * 10**6` must not be walked."""
    if isinstance(value, torch.Tensor):
        yield value
    elif isinstance(value, (list, tuple)) and depth > 0:
        for item in value:
            # A list that starts with a number is data, not tensors: print(a, a, a...) with a
            # million numbers in each must not walk them all for every call.
            if not (isinstance(item, (list, tuple)) and item and not isinstance(item[0], (torch.Tensor, list, tuple))):
                yield from _tensors_in(item, depth - 1)


def _meta_failed_for_lack_of_data(exc: Exception) -> bool:
    return isinstance(exc, NotImplementedError) or "meta" in str(exc).lower()


# --- pictures of what an op did ------------------------------------------------------------------

@dataclass(frozen=True)
class DimEvent:
    """An op with dim=: what went in, along which dims, and what came out."""

    op: str
    input: torch.Tensor
    dims: tuple[int, ...] | None     # None: over all elements
    keepdim: bool
    outputs: tuple[torch.Tensor, ...]
    reduces: bool                    # the dim disappears (sum) or stays (cumsum, softmax, topk)


@dataclass(frozen=True)
class BroadcastEvent:
    """A binary op whose operands had different shapes: how each was stretched."""

    op: str
    shapes: tuple[tuple[int, ...], ...]
    result: tuple[int, ...]
    operands: tuple[torch.Tensor | float, ...]


# Ops with a dim=: where dim sits among positional arguments (after self for methods), whether
# the dim disappears, and whether keepdim applies.
_DIM_OPS = {
    "sum": (0, True), "mean": (0, True), "prod": (0, True), "min": (0, True), "max": (0, True),
    "amin": (0, True), "amax": (0, True), "argmin": (0, True), "argmax": (0, True), "std": (0, True),
    "var": (0, True), "median": (0, True), "mode": (0, True), "logsumexp": (0, True), "all": (0, True),
    "any": (0, True), "count_nonzero": (0, True), "norm": (1, True),
    "cumsum": (0, False), "cumprod": (0, False), "softmax": (0, False), "log_softmax": (0, False),
    "topk": (1, False), "kthvalue": (1, True), "sort": (0, False), "argsort": (0, False),
    "index_select": (0, False), "gather": (0, False),
}
_DIM_DEFAULTS = {"topk": -1, "kthvalue": -1, "sort": -1, "argsort": -1}


def _dim_event(name: str, tensor: torch.Tensor, args: list, kwargs: dict, result: Any) -> DimEvent | None:
    position, reduces = _DIM_OPS[name]
    if name == "norm" and len(args) >= 2:
        dim = args[1]
    elif "dim" in kwargs or "axis" in kwargs:   # NumPy's axis= is an alias torch accepts
        dim = kwargs.get("dim", kwargs.get("axis"))
    elif len(args) > position and not (name == "norm" and position == 1 and len(args) < 2):
        dim = args[position]
    else:
        dim = _DIM_DEFAULTS.get(name)
    if name in {"topk", "kthvalue"} and len(args) > position:
        dim = args[position]
    if dim is not None and not isinstance(dim, (int, tuple, list)):
        return None
    ndim = max(tensor.dim(), 1)
    dims = None if dim is None else tuple(d % ndim for d in (dim if isinstance(dim, (tuple, list)) else (dim,)))
    keepdim = bool(kwargs.get("keepdim", False))
    if name == "kthvalue" and len(args) > 2:
        keepdim = bool(args[2])
    outputs = tuple(t for t in _tensors_in(result))
    if not outputs:
        return None
    return DimEvent(name, tensor.detach(), dims, keepdim, tuple(t.detach() for t in outputs), reduces)


# --- the policy ---------------------------------------------------------------------------------------

class ProgramPolicy(Policy):
    """Short tensor programs: statements, torch and F calls, methods, attributes, indexing."""

    binary_ops = frozenset(BINARY)
    unary_ops = frozenset({ast.USub, ast.UAdd, ast.Invert, ast.Not})
    compare_ops = frozenset({ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE})
    statements = True
    keywords = True
    subscripts = True
    collections = True
    strings = True
    bools = True
    runtime_attributes = True
    attribute_of_constants = True
    example = "A = torch.arange(6).reshape(2, 3); A.sum(dim=0)"

    def __init__(self, device: torch.device, limit: int) -> None:
        self.output: list[str] = []
        self.events: list[DimEvent | BroadcastEvent] = []
        self.device = torch.device(device)
        self.limit = int(limit)
        self.created = 0        # elements created so far by this program
        self.work = 0           # multiply-adds of its matrix products so far
        self.touched = 0        # elements its ops read and wrote so far (sorts: n·log2(n))
        builtins = {"print": _print_to(self.output), "float": float, "int": int, "bool": bool, "len": len,
                    "abs": abs, "round": round, "True": True, "False": False, "None": None}
        super().__init__({**_namespaces(), **builtins}, None)
        self._functions = {id(v): v for v in self._reachable_functions()}

    def _reachable_functions(self) -> Iterator[Any]:
        stack = list(self.names.values())
        while stack:
            value = stack.pop()
            if isinstance(value, Namespace):
                stack.extend(value.members.values())
            elif callable(value) and not isinstance(value, (type(torch.float32), bool)):
                yield value

    # What may be called ------------------------------------------------------------------------
    def callable_allowed(self, fn: Any) -> bool:
        if id(fn) in self._functions and self._functions[id(fn)] is fn:
            return True
        return _is_tensor_method(fn) and _name_of(fn) in _METHODS

    def pure(self, fn: Any) -> bool:
        return False   # random numbers, print, in-place ops: every call runs when the program does

    def attribute(self, obj: Any, name: str) -> Any:
        if isinstance(obj, torch.Tensor):
            if name in _METHODS or name in _ATTRIBUTES:
                return getattr(obj, name)
        elif type(obj).__module__ == "torch.return_types" and name in tensor_ops.RESULT_FIELDS or isinstance(obj, torch.device) and name in {"type", "index"} or isinstance(obj, torch.dtype) and name in {"is_floating_point", "itemsize"}:
            return getattr(obj, name)
        raise AttributeError(name)

    def unpackable(self, value: Any) -> bool:
        return isinstance(value, torch.Tensor) and value.dim() > 0 and len(value) <= 64

    # Size checks ---------------------------------------------------------------------------------
    def check_count(self, numel: int, work: int = 0, total: int | None = None) -> None:
        """Refuse a result whose largest tensor has `numel` elements (`total` in all, and `work`
        multiply-adds) before it is made, against the limit and the program's running totals."""
        total = numel if total is None else total
        if numel > self.limit:
            raise _Refused("The result would have {count} elements, over the limit of {limit}",
                           count=f"{numel:,}", limit=f"{self.limit:,}")
        if work > WORK_FACTOR * self.limit or self.work + work > TOTAL_FACTOR * WORK_FACTOR * self.limit:
            limit = WORK_FACTOR * self.limit * (1 if work > WORK_FACTOR * self.limit else TOTAL_FACTOR)
            raise _Refused("{code} would need about {count} multiply-adds, over the limit of {limit}",
                           count=f"{max(work, self.work + work):.2g}", limit=f"{limit:.2g}")
        if self.created + total > TOTAL_FACTOR * self.limit:
            raise _Refused("The program would create {count} elements in all, over the limit of {limit}",
                           count=f"{self.created + total:,}", limit=f"{TOTAL_FACTOR * self.limit:,}")

    def charge(self, reads: int, writes: int = 0) -> None:
        """Add an op's element reads and writes to the program's total before it runs; refuse it
        if that goes over READ_FACTOR limits (a cheap op repeated is as slow as a big one)."""
        budget = READ_FACTOR * self.limit
        if self.touched + reads + writes > budget:
            raise _Refused("{code} would bring the elements the program reads and writes to about {count}, "
                           "over the limit of {limit}", count=f"{self.touched + reads + writes:.3g}",
                           limit=f"{budget:.3g}")
        self.touched += reads + writes

    def check_result(self, result: Any, work: int = 0) -> None:
        """check_count for a result already shaped (on the meta device, or a bounded real one)."""
        sizes = [t.numel() for t in _tensors_in(result)]
        self.check_count(max(sizes, default=0), work, sum(sizes))

    def count(self, result: Any, work: int = 0) -> None:
        """Add what an op really made to the program's totals."""
        self.created += sum(t.numel() for t in _tensors_in(result))
        self.work += work

    def check_literals(self, values) -> None:
        """Nested lists handed to torch become tensors: `[[0] * 10**6] * 10**6` is a million
        references to one list, but a 10¹²-element tensor. Sized by walking first elements."""
        for value in values:
            if isinstance(value, (list, tuple)) and not isinstance(value, torch.Size):
                numel = literal_numel(value)
                if numel > self.limit:
                    raise _Refused("The result would have {count} elements, over the limit of {limit}",
                                   count=f"{numel:,}", limit=f"{self.limit:,}")

    def sized(self, name: str, run_meta, run_real, first: Any = None, operands: tuple = (),
              args: list = (), kwargs: dict | None = None) -> Any:
        """Size the result (by arithmetic on shapes, else on the meta device), check it, then run for
        real; ops that neither can size run only if their result cannot outgrow their input."""
        inputs = list(_tensors_in(list(operands)))
        sized = estimate(name, inputs, list(args), kwargs or {})
        if sized is not None:
            numel, work = sized
            self.check_count(numel, work)
            # A reduction's estimate is its input's size, an upper bound: its reads stand for both.
            cost = _reads(name, inputs) + (0 if _DIM_OPS.get(name, (0, False))[1] else numel)
            self.charge(cost)
            result = run_real()
            _note_backward_work(result, inputs, cost, self.touched)
            self.count(result, work)
            return result
        try:
            meta = run_meta()
        except Exception as exc:   # noqa: BLE001 -- any meta failure is handled below
            if _meta_failed_for_lack_of_data(exc) and name not in _BOUNDED:
                raise _Refused("{code} cannot be checked for size before it runs, so it is refused") from None
            meta = None   # a real mistake (shapes, dtypes): the real call reports it in its own words
        work = 0
        if meta is not None:
            if name in _MATRIX_PRODUCTS and isinstance(first, torch.Tensor) and first.dim() > 0:
                work = sum(t.numel() for t in _tensors_in(meta)) * first.shape[-1]
            self.check_result(meta, work)
        # Ops only the real run can size write no more than they read (_BOUNDED): count that much.
        writes = sum(t.numel() for t in _tensors_in(meta)) if meta is not None else sum(t.numel() for t in inputs)
        self.charge(_reads(name, inputs), writes)
        result = run_real()
        _note_backward_work(result, inputs, _reads(name, inputs) + writes, self.touched)
        if meta is None:
            self.check_result(result)
        self.count(result, work)
        return result

    def call(self, fn: Any, args: list, kwargs: dict) -> Any:
        if "out" in kwargs:
            raise _Refused("{code} is not allowed here")
        self.check_literals([*args, *kwargs.values()])
        owner = getattr(fn, "__self__", None)
        self.last_operands = tuple(_tensors_in([owner, *args]))   # named by explain() if it fails
        name = _name_of(fn)
        if _is_tensor_method(fn):
            if name in _UNCHECKED_METHODS:
                if name == "backward":   # y.backward(retain_graph=True) repeated redoes the graph's work
                    self.charge(_backward_work(owner))
                if name not in _METADATA:   # fill_, normal_, clone...: read or write all of x
                    self.charge(owner.numel() + sum(t.numel() for t in _tensors_in(args)),
                                owner.numel() if name in _COPIES else 0)
                if name in _COPIES:   # no bigger than x, but a new x: counted in the program's total
                    self.check_count(owner.numel())
                result = fn(*args, **kwargs)
                if name in _COPIES and result is not owner:
                    self.count(result)
            elif name == "tolist":
                if owner.numel() > MAX_TOLIST:
                    raise SequenceTooLong(owner.numel(), MAX_TOLIST)
                self.charge(owner.numel())
                result = fn(*args, **kwargs)
            else:
                result = self.sized(name, lambda: getattr(_to_meta(owner), name)(*_to_meta(args), **_to_meta(kwargs)),
                                    lambda: fn(*args, **kwargs), owner, (owner, *args, *kwargs.values()), args, kwargs)
            self._note_dim(name, owner, args, kwargs, result)
            return result
        if fn in (float, int, bool, len, abs, round) or name == "print" or fn is _manual_seed:
            if name == "print" and any(literal_numel(a) > MAX_TOLIST for a in args if isinstance(a, (list, tuple))):
                raise SequenceTooLong(max(literal_numel(a) for a in args if isinstance(a, (list, tuple))),
                                       MAX_TOLIST)
            return fn(*args, **kwargs)
        self._precheck(name, args, kwargs)
        real_kwargs = dict(kwargs)
        meta_kwargs = _to_meta(kwargs)
        if name in CREATION and not any(True for _ in _tensors_in(args)) or name in {"tensor", "as_tensor"}:
            real_kwargs.setdefault("device", self.device)   # variables live on the chosen device
            meta_kwargs["device"] = "meta"
        first = args[0] if args else None
        if name in {"grad"} or fn is torch.autograd.grad or name in {"equal", "allclose", "is_tensor", "numel",
                                                                      "broadcast_shapes", "is_floating_point"}:
            if name in {"equal", "allclose"}:
                self.charge(sum(t.numel() for t in _tensors_in(args)))
            if fn is torch.autograd.grad and args:
                self.charge(sum(_backward_work(t) for t in _tensors_in([args[0]])))
            result = fn(*args, **real_kwargs)
        elif name in {"tensor", "as_tensor"}:
            numel = literal_numel(args[0]) if args else 0
            self.check_count(numel)
            self.charge(0, numel)
            result = fn(*args, **real_kwargs)
            self.count(result)
        else:
            result = self.sized(name, lambda: fn(*_to_meta(args), **meta_kwargs), lambda: fn(*args, **real_kwargs),
                                first, (*args, *kwargs.values()), args, kwargs)
        if isinstance(first, torch.Tensor):
            self._note_dim(name, first, args[1:], kwargs, result)
        return result

    def _precheck(self, name: str, args: list, kwargs: dict) -> None:
        """Sizes the meta device cannot know: one_hot's class count comes from the data."""
        if name == "one_hot" and args and isinstance(args[0], torch.Tensor):
            classes = kwargs.get("num_classes", args[1] if len(args) > 1 else -1)
            if classes == -1 and args[0].numel():
                classes = int(args[0].max()) + 1
            if isinstance(classes, int) and args[0].numel() * classes > self.limit:
                raise _Refused("The result would have {count} elements, over the limit of {limit}",
                               count=f"{args[0].numel() * classes:,}", limit=f"{self.limit:,}")
        if name == "norm" and ("nuc" in args or kwargs.get("p") == "nuc"):
            raise _Refused("{code} is not allowed here")

    def _note_dim(self, name: str, tensor: torch.Tensor, args: list, kwargs: dict, result: Any) -> None:
        if name in _DIM_OPS and tensor.dim() > 0:
            event = _dim_event(name, tensor, list(args), kwargs, result)
            if event is not None:
                self.events.append(event)

    def binary(self, op: type, left: Any, right: Any) -> Any:
        if not (isinstance(left, torch.Tensor) or isinstance(right, torch.Tensor)):
            return arithmetic(op, left, right)
        fn = BINARY[op]
        self.last_operands = tuple(_tensors_in([left, right]))
        name = "__matmul__" if op is ast.MatMult else "binary"
        result = self.sized(name, lambda: fn(_to_meta(left), _to_meta(right)), lambda: fn(left, right), left,
                            (left, right))
        self._note_broadcast(SYMBOL[op], left, right, result)
        return result

    def in_place(self, op: type, left: Any, right: Any) -> Any:
        if not isinstance(left, torch.Tensor):
            return self.binary(op, left, right)
        fn = IN_PLACE[op]
        return self.sized("binary", lambda: fn(_to_meta(left), _to_meta(right)), lambda: fn(left, right), left,
                          (left, right))

    def _note_broadcast(self, symbol: str, left: Any, right: Any, result: Any) -> None:
        if not (isinstance(result, torch.Tensor) and isinstance(left, torch.Tensor)
                and isinstance(right, torch.Tensor)) or symbol == "@":
            return
        shapes = tuple(tuple(v.shape) if isinstance(v, torch.Tensor) else () for v in (left, right))
        if shapes[0] != shapes[1]:
            self.events.append(BroadcastEvent(symbol, shapes, tuple(result.shape),
                                              tuple(v.detach() if isinstance(v, torch.Tensor) else v
                                                    for v in (left, right))))

    def compare(self, op: type, left: Any, right: Any) -> Any:
        op_fn = COMPARE[op]
        if isinstance(left, torch.Tensor) or isinstance(right, torch.Tensor):
            self.last_operands = tuple(_tensors_in([left, right]))
            result = self.sized("binary", lambda: op_fn(_to_meta(left), _to_meta(right)), lambda: op_fn(left, right),
                                None, (left, right))
            self._note_broadcast(SYMBOL[op], left, right, result)
            return result
        return op_fn(left, right)

    def subscript(self, obj: Any, index: Any) -> Any:
        parts = index if isinstance(index, tuple) else (index,)
        self.check_literals(parts)
        self.last_operands = tuple(_tensors_in([obj]))
        if isinstance(obj, torch.Tensor) and any(isinstance(p, (torch.Tensor, list)) for p in parts):
            masks = [p for p in parts if isinstance(p, torch.Tensor) and p.dtype == torch.bool]
            bounded = masks and all(not isinstance(p, (torch.Tensor, list)) or p.dtype == torch.bool
                                    for p in parts if not isinstance(p, list)) and not any(
                isinstance(p, list) for p in parts)
            return self.sized("mask" if bounded else "index", lambda: _to_meta(obj)[_to_meta(index)], lambda: obj[index])
        if isinstance(obj, (str, bytes)):
            raise TypeError("strings cannot be indexed here")
        return obj[index]

    def set_item(self, obj: Any, index: Any, value: Any) -> None:
        # Tensors only: `a = [0]; a[0] = a` would make a list that contains itself, and printing
        # it or sizing it for torch.tensor would never end.
        if not isinstance(obj, torch.Tensor):
            raise TypeError(f"{type(obj).__name__} does not support item assignment")
        # x[:] = 0 writes all of x: charged as x and the value, whatever the index picks.
        self.charge(sum(t.numel() for t in _tensors_in([value, index])), obj.numel())
        obj[index] = value

    def set_attribute(self, obj: Any, name: str, value: Any) -> None:
        if not isinstance(obj, torch.Tensor) or name not in tensor_ops.TENSOR_SETTABLE:
            raise AttributeError(name)
        setattr(obj, name, value)

    def allowed_names(self) -> str:
        return "torch, F, print, float, int, len"

    # Torch's errors in plain words ------------------------------------------------------------------
    def explain(self, interpreter: Interpreter, node: ast.AST, exc: BaseException) -> EvalError:
        source = interpreter.source
        code = source.segment(node)
        if isinstance(exc, _Refused):
            return source.error(exc.message, node, **{"code": code, **exc.values} if "{code}" in exc.message
                                else exc.values)
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        detail = _whole_sentences(re.sub(r"\s+", " ", detail), 400)
        shapes = _operand_shapes(self.last_operands)
        broadcast = re.search(r"size of tensor a \((\d+)\) must match the size of tensor b \((\d+)\)", detail)
        if broadcast and shapes:
            return source.error("{op} failed: the shapes {shapes} cannot be broadcast together: {detail}", node,
                                op=code, shapes=shapes, detail=detail)
        if re.search(r"shapes cannot be multiplied|size mismatch|Expected size for first two dimensions|"
                     r"inconsistent tensor size|must match the size", detail) and shapes:
            return source.error("{op} failed: for a matrix product the inner sizes must agree, but the shapes "
                                "are {shapes}", node, op=code, shapes=_operand_shapes(self.last_operands, " @ "))
        if re.search(r"expected .*(scalar type|dtype)|can't be cast|must have the same dtype|"
                     r"not implemented for '(Long|Int|Bool)'|floating point", detail, re.IGNORECASE):
            return source.error("{op} failed: the dtypes do not match ({detail}); convert one with .float() or "
                                ".long()", node, op=code, detail=detail)
        if "Dimension out of range" in detail and shapes:
            return source.error("{op} failed: dimension out of range ({detail}); the tensor has shape {shapes}",
                                node, op=code, detail=re.sub(r"^Dimension out of range \((.*)\)$", r"\1", detail),
                                shapes=shapes)
        return source.error("{op} failed: {detail}", node, op=code, detail=detail)

    last_operands: tuple = ()


def _whole_sentences(text: str, limit: int) -> str:
    """At most `limit` characters, cut after a sentence: torch's advice ("Specify retain_graph=True ...")
    comes last, and a sentence cut mid-word reads as a broken message."""
    if len(text) <= limit:
        return text
    end = text.rfind(". ", 0, limit)
    return text[:end + 1] if end > 0 else text[:limit - 1] + "…"


def _operand_shapes(values: tuple, between: str = ", ") -> str:
    """The operands' shapes, joined by a sign, not a word: the sentence around them is translated, they are not."""
    shapes = [str(tuple(v.shape)) for v in values if isinstance(v, torch.Tensor)]
    return between.join(shapes)


class ProgramInterpreter(Interpreter):
    """The shared interpreter plus the one statement only programs have: x.attr = value."""

    def target(self, node: ast.AST):
        if isinstance(node, ast.Attribute):
            if node.attr.startswith("_"):
                raise self.error("Names starting with an underscore are not allowed: {name}", node, name=node.attr)
            owner = self.thunk(node.value)
            policy, name = self.policy, node.attr

            def store(env, value) -> None:
                try:
                    policy.set_attribute(owner(env), name, value)
                except AttributeError:
                    raise self.error("{code} is not allowed here", node, code=self.source.segment(node)) from None
                except Exception as exc:   # noqa: BLE001 -- torch refusing the value, said at its place
                    raise self.failure(node, exc) from None
            return store
        return super().target(node)


# --- running programs ----------------------------------------------------------------------------

@dataclass
class Step:
    """One statement that ran: its code, the value it produced, and what its ops did."""

    line: int
    code: str
    value: Any
    shows_value: bool                  # an expression, or an assignment to one name
    events: list = field(default_factory=list)


@dataclass
class RunResult:
    steps: list[Step]
    output: list[str]                  # what print() wrote
    warnings: list[str]                # torch's warnings, one line each
    code: str                          # this run as plain PyTorch

    @property
    def shown(self) -> Step | None:
        """The step whose value the lab shows: the last one that has a value."""
        for step in reversed(self.steps):
            if step.shows_value and step.value is not None:
                return step
        return None


@dataclass(frozen=True)
class VariableInfo:
    name: str
    kind: str                          # "tensor", or the Python type's name
    shape: tuple[int, ...] | None
    dtype: str
    device: str
    requires_grad: bool
    has_grad: bool


def check_limit(limit: int) -> int:
    if not isinstance(limit, int) or not MIN_LIMIT <= limit <= MAX_LIMIT:
        raise InputError("The size limit must be a whole number from {low} to {high}",
                         low=f"{MIN_LIMIT:,}", high=f"{MAX_LIMIT:,}")
    return limit


class Session:
    """The Tensor Lab's state: variables on one device, the size limit, and the code so far."""

    def __init__(self, device: torch.device | str = "cpu", limit: int = DEFAULT_LIMIT) -> None:
        self.device = torch.device(device)
        self.limit = check_limit(limit)
        self.env: dict[str, Any] = {}
        self._code: list[str] = []
        self._start_device = self.device

    def run(self, text: str) -> RunResult:
        """Run a program; on any error nothing is assigned and an EvalError says where and why."""
        policy = ProgramPolicy(self.device, self.limit)
        tree, source = parse(text, policy, "exec")
        interpreter = ProgramInterpreter(policy, source)
        compiled = [(stmt, interpreter.statement(stmt)) for stmt in tree.body]   # all checked first
        env = dict(self.env)   # assignments land here and are kept only if the whole program runs
        steps = []
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for stmt, run_statement in compiled:
                seen = len(policy.events)
                value = run_statement(env)
                shows = isinstance(stmt, ast.Expr)
                if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                    value, shows = env[stmt.targets[0].id], True
                steps.append(Step(stmt.lineno, source.segment(stmt, 10_000), value, shows, policy.events[seen:]))
        self.env = env
        code = plain_pytorch(steps)
        self._code.append(code)
        notes = list(dict.fromkeys(str(w.message).strip().splitlines()[0] for w in caught if str(w.message).strip()))
        return RunResult(steps, policy.output, notes, code)

    def set_device(self, device: torch.device | str) -> None:
        """Move every tensor variable to `device`; leaves stay leaves, with their gradients."""
        device = torch.device(device)
        if device == self.device:
            return
        moved = {}
        for name, value in self.env.items():
            if isinstance(value, torch.Tensor):
                try:
                    moved[name] = _moved(value, device)
                except (RuntimeError, NotImplementedError) as exc:   # out of memory there; meta has no data
                    raise InputError("Cannot move {name} to {device}: {detail}; the variables stay on {old}",
                                     name=name, device=str(device), old=str(self.device),
                                     detail=str(exc).strip().splitlines()[0]) from None
        self.env.update(moved)   # all or nothing: a failed move leaves every variable where it was
        self.device = device
        lines = [f'torch.set_default_device("{device}")']
        lines += [f'{name} = {name}.detach().to("{device}")'
                  + (".requires_grad_()" if self.env[name].requires_grad else "") for name in moved]
        self._code.append("\n".join(lines))

    def set_limit(self, limit: int) -> None:
        self.limit = check_limit(limit)

    def reset(self) -> None:
        self.env.clear()
        self._code.clear()
        self._start_device = self.device

    def variables(self) -> list[VariableInfo]:
        return [describe_variable(name, value) for name, value in self.env.items()]

    def equivalent_code(self) -> str:
        """Everything run so far as a plain PyTorch script, to copy."""
        header = ["import torch", "import torch.nn.functional as F", ""]
        if self._start_device.type != "cpu":
            header.insert(2, f'torch.set_default_device("{self._start_device}")')
        return "\n".join(header + [block for block in self._code if block]) + "\n"


def _moved(tensor: torch.Tensor, device: torch.device) -> torch.Tensor:
    if tensor.is_leaf:
        moved = tensor.detach().to(device).requires_grad_(tensor.requires_grad)
        if tensor.grad is not None:
            moved.grad = tensor.grad.to(device)
        return moved
    return tensor.detach().to(device)   # a graph cannot span devices: the moved copy starts afresh


def plain_pytorch(steps: list[Step]) -> str:
    """The statements as written, each expression that has a value wrapped in print()."""
    lines = []
    for step in steps:
        expression = step.shows_value and step.value is not None and not re.match(r"^\s*[\w.]+\s*=", step.code)
        lines.append(f"print({step.code})" if expression else step.code)
    return "\n".join(lines)


def describe_variable(name: str, value: Any) -> VariableInfo:
    if isinstance(value, torch.Tensor):
        return VariableInfo(name, "tensor", tuple(value.shape), str(value.dtype).replace("torch.", ""),
                            str(value.device), value.requires_grad, _has_grad(value))
    return VariableInfo(name, type(value).__name__, None, "", "", False, False)


def _has_grad(tensor: torch.Tensor) -> bool:
    """Whether .grad holds a gradient; asks a non-leaf only when it keeps one (else torch warns)."""
    return (tensor.is_leaf or tensor.retains_grad) and tensor.grad is not None
