"""Sizing an op before it runs, by arithmetic on shapes and arguments, without the meta device.

The meta device is exact, but its first use of an op costs up to a second and a half of one-time
set-up inside torch (its Python decompositions load): a fresh `torch-playground tensor` would
take that long to refuse a bomb. The common ops are sized here instead; `estimate` returns None
for the rest, which app.tensor_program runs on the meta device first.
"""

from __future__ import annotations

import math
from typing import Any

import torch

CREATION = frozenset({"tensor", "as_tensor", "zeros", "ones", "full", "empty", "arange", "linspace", "logspace",
                       "eye", "normal", "randn", "rand", "randint", "randperm"})

# Ops whose result is no bigger than their tensor arguments broadcast together (elementwise ops,
# reductions, reshapes). "binary" is how the program policy names an operator such as + or ==.
_NO_BIGGER = frozenset({
    "binary", "add", "sub", "mul", "div", "true_divide", "floor_divide", "remainder", "fmod", "pow", "neg",
    "reciprocal", "square", "sqrt", "rsqrt", "exp", "expm1", "log", "log1p", "log2", "log10", "abs", "sign",
    "floor", "ceil", "round", "trunc", "frac", "clamp", "clip", "sin", "cos", "tan", "asin", "acos", "atan",
    "atan2", "sinh", "cosh", "tanh", "sigmoid", "relu", "erf", "hypot", "maximum", "minimum", "lerp", "eq", "ne",
    "gt", "ge", "lt", "le", "isclose", "isnan", "isinf", "isfinite", "where", "masked_fill", "masked_fill_",
    "add_", "sub_", "mul_", "div_", "pow_", "clamp_", "exp_", "neg_", "abs_", "softmax", "log_softmax",
    "softmin", "normalize", "leaky_relu", "elu", "selu", "gelu", "silu", "mish", "softplus", "hardtanh", "dropout",
    "sum", "mean", "prod", "min", "max", "amin", "amax", "aminmax", "argmin", "argmax", "norm", "std", "var",
    "std_mean", "var_mean", "median", "mode", "logsumexp", "all", "any", "count_nonzero", "vector_norm",
    "cumsum", "cumprod", "cummax", "cummin", "topk", "kthvalue", "sort", "argsort", "mse_loss", "l1_loss",
    "smooth_l1_loss", "huber_loss", "cross_entropy", "nll_loss", "binary_cross_entropy",
    "binary_cross_entropy_with_logits", "kl_div", "cosine_similarity", "trace", "diagonal", "tril", "triu",
    "dot", "reshape", "view", "view_as", "reshape_as", "transpose", "permute", "squeeze", "unsqueeze", "flatten",
    "t", "flip", "split", "chunk", "unbind",
})
MAX_LITERAL_DEPTH = 64   # torch allows at most 64 dimensions
_ANALYTIC_PRODUCTS = frozenset({"matmul", "mm", "bmm", "__matmul__"})


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, torch.SymInt)) and not (
            isinstance(value, torch.Tensor) and value.dim() == 0 and not value.is_floating_point()):
        raise TypeError("not an integer")
    return int(value)


def _size_numel(size: Any) -> int:
    dims = [_int(d) for d in size]
    if any(d < 0 for d in dims):
        raise ValueError("negative size")
    return math.prod(dims)


def _creation_numel(name: str, args: list, kwargs: dict) -> int:
    """The element count of a creation call, from its arguments; raises when they are unusual."""
    if name in {"zeros", "ones", "empty", "randn", "rand"}:
        size = kwargs.get("size", args[0] if len(args) == 1 and isinstance(args[0], (tuple, list)) else args)
        return _size_numel(size)
    if name == "full":
        return _size_numel(kwargs.get("size", args[0] if args else ()))
    if name == "randint":
        return _size_numel(kwargs.get("size", args[-1] if args else ()))
    if name == "normal":
        return _size_numel(kwargs.get("size", args[2] if len(args) > 2 else ()))
    if name == "eye":
        n = _int(kwargs.get("n", args[0]))
        m = _int(kwargs.get("m", args[1] if len(args) > 1 else n))
        return max(n, 0) * max(m, 0)
    if name in {"linspace", "logspace"}:
        return _int(kwargs.get("steps", args[2] if len(args) > 2 else None))
    if name == "randperm":
        return _int(kwargs.get("n", args[0]))
    if name == "arange":
        numbers = [float(a) for a in args[:3]]
        start, end, step = (0.0, numbers[0], 1.0) if len(numbers) == 1 else (*numbers[:2], numbers[2] if len(
            numbers) > 2 else 1.0)
        start, end, step = kwargs.get("start", start), kwargs.get("end", end), kwargs.get("step", step)
        count = (float(end) - float(start)) / float(step)
        if not math.isfinite(count):
            raise ValueError("not finite")
        return max(math.ceil(count), 0)
    raise KeyError(name)


def _broadcast(*shapes: tuple[int, ...]) -> tuple[int, ...]:
    """Broadcasting's result shape (torch.broadcast_shapes costs 0.4 s of set-up on its first call)."""
    ndim = max((len(shape) for shape in shapes), default=0)
    result = []
    for axis in range(-ndim, 0):
        sizes = {shape[axis] for shape in shapes if len(shape) >= -axis} - {1}
        if len(sizes) > 1:
            raise ValueError("shapes do not broadcast")
        result.append(sizes.pop() if sizes else 1)
    return tuple(result)


def _matmul_numel(a: torch.Tensor, b: torch.Tensor) -> int:
    sa, sb = tuple(a.shape), tuple(b.shape)
    if len(sa) == 1 and len(sb) == 1:
        return 1
    if len(sa) == 1:
        sa = (1, *sa)
    if len(sb) == 1:
        sb = (*sb, 1)
    batch = _broadcast(sa[:-2], sb[:-2])
    return math.prod(batch) * sa[-2] * sb[-1]


def literal_numel(value: Any) -> int:
    """Elements of the tensor a nested list would make, from its first elements (torch refuses
    ragged lists anyway); a tensor inside counts with all of its elements."""
    count = 1
    for _ in range(MAX_LITERAL_DEPTH):
        if not isinstance(value, (list, tuple)) or isinstance(value, torch.Size):
            break
        count *= len(value)
        if not value:
            return 0
        value = value[0]
    else:
        return 2 ** 63   # deeper than any tensor can be: too large for every caller
    if isinstance(value, torch.Tensor):
        count *= value.numel()
    return count


def _sizes(args: list) -> list:
    return list(args[0]) if len(args) == 1 and isinstance(args[0], (tuple, list)) else list(args)


def _other_numel(name: str, tensors: list[torch.Tensor], args: list, kwargs: dict) -> int:
    """A few common ops sized by hand: their meta kernels are slow to warm up. KeyError: use meta."""
    if name == "outer" and len(tensors) == 2:
        return tensors[0].numel() * tensors[1].numel()
    if name in {"cat", "concat", "stack", "hstack", "vstack"} and tensors:
        return sum(t.numel() for t in tensors)
    if name in {"zeros_like", "ones_like", "empty_like", "full_like", "rand_like", "randn_like"} and tensors:
        return tensors[0].numel()
    if name == "repeat" and tensors:   # method: tensors[0] is the tensor itself
        return tensors[0].numel() * _size_numel(_sizes(args))
    if name == "expand" and tensors:
        sizes = _sizes(args)
        own = (1,) * (len(sizes) - tensors[0].dim()) + tuple(tensors[0].shape)
        return _size_numel([own[i] if _int(d) == -1 else d for i, d in enumerate(sizes)])
    if name in {"new_zeros", "new_ones", "new_empty"}:
        return _size_numel(_sizes(args) if args else kwargs["size"])
    if name == "new_full":
        return _size_numel(args[0] if args else kwargs["size"])
    if name == "new_tensor" and args:
        return literal_numel(args[0])
    if name == "einsum" and args:
        return _einsum(args[0], tensors)
    if name in {"det", "inverse"} and len(tensors) == 1 and tensors[0].dim() >= 2:
        *batch, rows, cols = tensors[0].shape   # LU: about n³ multiply-adds per matrix
        return (math.prod(batch) * (rows * cols if name == "inverse" else 1)), math.prod(batch) * rows ** 3
    if name == "diag" and len(tensors) == 1 and tensors[0].dim() == 1:
        offset = abs(_int(kwargs.get("diagonal", args[1] if len(args) > 1 else 0)))
        return (tensors[0].numel() + offset) ** 2
    if name == "multinomial" and tensors:
        rows = tensors[0].numel() // max(tensors[0].shape[-1], 1) if tensors[0].dim() == 2 else 1
        return rows * _int(kwargs.get("num_samples", args[1] if len(args) > 1 else None))
    raise KeyError(name)


def _einsum(equation: Any, tensors: list[torch.Tensor]) -> tuple[int, int]:
    """einsum's result size and its naive work: the product of every index's size (the sum runs
    over all of them), so 'ij,jk->ik' costs what a matrix product does."""
    if not isinstance(equation, str):
        raise TypeError("equation")
    inputs, _, output = equation.replace(" ", "").partition("->")
    terms = inputs.split(",")
    if len(terms) != len(tensors):
        raise ValueError("operands")
    sizes: dict[str, int] = {}
    batch: list[tuple[int, ...]] = []
    for term, tensor in zip(terms, tensors):
        letters = term.replace("...", "")
        shape = tuple(tensor.shape)
        if "..." in term:
            before = term.index("...")
            batch.append(shape[before:len(shape) - (len(letters) - before)])
            shape = shape[:before] + shape[len(shape) - (len(letters) - before):]
        if len(letters) != len(shape):
            raise ValueError("subscripts")
        for letter, size in zip(letters, shape):
            if sizes.get(letter, 1) not in (1, size) and size != 1:
                raise ValueError("sizes")
            sizes[letter] = max(sizes.get(letter, 1), size)
    if not _:   # implicit output: the letters that appear once, in order
        output = "".join(sorted(c for c in sizes if inputs.count(c) == 1))
    ellipsis = math.prod(_broadcast(*batch)) if batch else 1
    numel = ellipsis * math.prod(sizes[c] for c in output.replace("...", ""))
    return numel, ellipsis * math.prod(sizes.values())


def estimate(name: str, tensors: list[torch.Tensor], args: list, kwargs: dict) -> tuple[int, int] | None:
    """(elements, multiply-adds) of an op without running it, or None when only the meta device knows."""
    try:
        if name in _NO_BIGGER and tensors:
            return math.prod(_broadcast(*(tuple(t.shape) for t in tensors))), 0
        if name in _ANALYTIC_PRODUCTS and len(tensors) == 2:
            numel = _matmul_numel(*tensors)
            return numel, numel * (tensors[0].shape[-1] if tensors[0].dim() else 1)
        if name in CREATION and not tensors:
            return _creation_numel(name, args, kwargs), 0
        sized = _other_numel(name, tensors, args, kwargs)
        return sized if isinstance(sized, tuple) else (sized, 0)
    except (TypeError, ValueError, RuntimeError, KeyError, IndexError, ArithmeticError):
        return None
    return None
