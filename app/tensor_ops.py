"""The Tensor Lab's catalog: every op of a first PyTorch course, grouped as a learner meets them.

Each entry has a one-line explanation (translated), its parameters as PyTorch writes them, and
an example program that the panel pastes into its editor and the tests run against PyTorch.
The same module lists what the program evaluator may reach (ALLOWED_*): the catalog's names
plus the everyday extras a learner types (sin, relu, float(), .item()...), and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

GROUPS = ("Creation", "Join and split", "Indexing", "Reshape", "Math", "Statistics", "Compare", "Autograd")


@dataclass(frozen=True)
class FormField:
    """One parameter of a creation function in the panel's form: typed as code, e.g. `2, 3`."""

    name: str
    default: str
    keyword: bool = False   # written name=value


@dataclass(frozen=True)
class Op:
    key: str            # unique: "sum", "norm_p1", "op_add"
    group: str          # one of GROUPS
    label: str          # what the picker lists: PyTorch's own spelling, not translated
    signature: str      # the parameters, as PyTorch documents them
    explanation: str    # one English sentence, translated in the window
    example: str        # a program; its last line is the value shown
    dim: bool = False   # has dim= (and keepdim=): the panel draws what the dim did
    compare: str = "value"   # the tests compare "value", or only "shape" (torch.empty)
    form: tuple[FormField, ...] = ()   # creation functions: the fields of the build form


def _op(group: str, key: str, label: str, signature: str, explanation: str, example: str, **extra) -> Op:
    return Op(key, group, label, signature, explanation, example, **extra)


_SIZE = FormField("size", "2, 3")
_LIKE = FormField("input", "A")
_A23 = "A = torch.arange(6.0).reshape(2, 3)\n"
_X = "x = torch.tensor([3.0, -4.0, 1.0])\n"

CATALOG: tuple[Op, ...] = (
    # --- Creation -------------------------------------------------------------------------------
    _op("Creation", "tensor", "torch.tensor", "torch.tensor(data, dtype=None, device=None, requires_grad=False)",
        "Builds a tensor from nested lists of numbers; whole numbers give int64, decimals give float32.",
        "torch.tensor([[1, 2, 3], [4, 5, 6]])", form=(FormField("data", "[[1, 2, 3], [4, 5, 6]]"),)),
    _op("Creation", "zeros", "torch.zeros", "torch.zeros(*size, dtype=None, device=None, requires_grad=False)",
        "A tensor of the given shape filled with 0.", "torch.zeros(2, 3)", form=(_SIZE,)),
    _op("Creation", "ones", "torch.ones", "torch.ones(*size, dtype=None, device=None, requires_grad=False)",
        "A tensor of the given shape filled with 1.", "torch.ones(2, 3)", form=(_SIZE,)),
    _op("Creation", "full", "torch.full", "torch.full(size, fill_value, dtype=None, device=None)",
        "A tensor of the given shape filled with one value.", "torch.full((2, 3), 7.0)",
        form=(FormField("size", "(2, 3)"), FormField("fill_value", "7.0"))),
    _op("Creation", "empty", "torch.empty", "torch.empty(*size, dtype=None, device=None)",
        "A tensor of the given shape whose memory is not initialised: its values are whatever was there.",
        "torch.empty(2, 3)", compare="shape", form=(_SIZE,)),
    _op("Creation", "zeros_like", "torch.zeros_like", "torch.zeros_like(input, dtype=None)",
        "Zeros with the shape, dtype and device of another tensor.",
        "A = torch.arange(6).reshape(2, 3)\ntorch.zeros_like(A)", form=(_LIKE,)),
    _op("Creation", "ones_like", "torch.ones_like", "torch.ones_like(input, dtype=None)",
        "Ones with the shape, dtype and device of another tensor.",
        "A = torch.arange(6).reshape(2, 3)\ntorch.ones_like(A)", form=(_LIKE,)),
    _op("Creation", "full_like", "torch.full_like", "torch.full_like(input, fill_value, dtype=None)",
        "One value repeated, with the shape, dtype and device of another tensor.",
        "A = torch.arange(6).reshape(2, 3)\ntorch.full_like(A, 9)", form=(_LIKE, FormField("fill_value", "9"))),
    _op("Creation", "empty_like", "torch.empty_like", "torch.empty_like(input, dtype=None)",
        "Uninitialised memory with the shape, dtype and device of another tensor.",
        "A = torch.arange(6).reshape(2, 3)\ntorch.empty_like(A)", compare="shape", form=(_LIKE,)),
    _op("Creation", "arange", "torch.arange", "torch.arange(start=0, end, step=1, dtype=None)",
        "Evenly spaced values from start up to, but not including, end, in steps of step.",
        "torch.arange(0, 10, 2)",
        form=(FormField("start", "0"), FormField("end", "10"), FormField("step", "2"))),
    _op("Creation", "linspace", "torch.linspace", "torch.linspace(start, end, steps, dtype=None)",
        "steps values evenly spaced from start to end, both ends included.", "torch.linspace(0, 1, 5)",
        form=(FormField("start", "0"), FormField("end", "1"), FormField("steps", "5"))),
    _op("Creation", "logspace", "torch.logspace", "torch.logspace(start, end, steps, base=10.0)",
        "steps values from base**start to base**end, evenly spaced on a logarithmic scale.",
        "torch.logspace(0, 3, 4)",
        form=(FormField("start", "0"), FormField("end", "3"), FormField("steps", "4"),
              FormField("base", "10.0", keyword=True))),
    _op("Creation", "eye", "torch.eye", "torch.eye(n, m=None, dtype=None)",
        "The identity matrix: ones on the diagonal, zeros elsewhere.", "torch.eye(3)",
        form=(FormField("n", "3"),)),
    _op("Creation", "normal_tt", "torch.normal (tensor, tensor)", "torch.normal(mean: Tensor, std: Tensor)",
        "One normal sample per element, each with its own mean and standard deviation.",
        "torch.manual_seed(0)\ntorch.normal(torch.arange(1.0, 6.0), torch.full((5,), 0.1))",
        form=(FormField("mean", "torch.arange(1.0, 6.0)"), FormField("std", "torch.full((5,), 0.1)"))),
    _op("Creation", "normal_tf", "torch.normal (tensor, float)", "torch.normal(mean: Tensor, std: float = 1.0)",
        "Normal samples with a mean per element and one shared standard deviation.",
        "torch.manual_seed(0)\ntorch.normal(torch.arange(1.0, 6.0), 0.5)",
        form=(FormField("mean", "torch.arange(1.0, 6.0)"), FormField("std", "0.5"))),
    _op("Creation", "normal_ft", "torch.normal (float, tensor)", "torch.normal(mean: float = 0.0, std: Tensor)",
        "Normal samples with one shared mean and a standard deviation per element.",
        "torch.manual_seed(0)\ntorch.normal(0.0, torch.arange(1.0, 6.0))",
        form=(FormField("mean", "0.0"), FormField("std", "torch.arange(1.0, 6.0)"))),
    _op("Creation", "normal_ffs", "torch.normal (float, float, size)", "torch.normal(mean: float, std: float, size)",
        "Normal samples of the given shape, all with the same mean and standard deviation.",
        "torch.manual_seed(0)\ntorch.normal(2.0, 3.0, size=(2, 3))",
        form=(FormField("mean", "2.0"), FormField("std", "3.0"), FormField("size", "(2, 3)", keyword=True))),
    _op("Creation", "randn", "torch.randn", "torch.randn(*size, dtype=None, requires_grad=False)",
        "Samples from the standard normal distribution: mean 0, standard deviation 1.",
        "torch.manual_seed(0)\ntorch.randn(2, 3)", form=(_SIZE,)),
    _op("Creation", "rand", "torch.rand", "torch.rand(*size, dtype=None, requires_grad=False)",
        "Samples drawn uniformly from the interval [0, 1).", "torch.manual_seed(0)\ntorch.rand(2, 3)",
        form=(_SIZE,)),
    _op("Creation", "randint", "torch.randint", "torch.randint(low=0, high, size, dtype=torch.int64)",
        "Random whole numbers from low up to, but not including, high.",
        "torch.manual_seed(0)\ntorch.randint(0, 10, (2, 3))",
        form=(FormField("low", "0"), FormField("high", "10"), FormField("size", "(2, 3)"))),
    _op("Creation", "randperm", "torch.randperm", "torch.randperm(n, dtype=torch.int64)",
        "A random order of 0, 1, …, n − 1, as used to shuffle a dataset.",
        "torch.manual_seed(0)\ntorch.randperm(6)", form=(FormField("n", "6"),)),
    _op("Creation", "bernoulli", "torch.bernoulli", "torch.bernoulli(input)",
        "Draws 1 with the probability given by each element of input, else 0: a coin flip per element.",
        "torch.manual_seed(0)\ntorch.bernoulli(torch.full((2, 4), 0.5))",
        form=(FormField("input", "torch.full((2, 4), 0.5)"),)),
    _op("Creation", "manual_seed", "torch.manual_seed", "torch.manual_seed(seed)",
        "Fixes the random number generator, so random tensors come out the same on every run.",
        "torch.manual_seed(0)\na = torch.rand(3)\ntorch.manual_seed(0)\nb = torch.rand(3)\ntorch.equal(a, b)"),
    # --- Join and split -------------------------------------------------------------------------
    _op("Join and split", "cat", "torch.cat", "torch.cat(tensors, dim=0)",
        "Joins tensors end to end along an existing dimension; their other sizes must match.",
        "a = torch.ones(2, 3)\nb = torch.zeros(2, 3)\ntorch.cat([a, b], dim=1)"),
    _op("Join and split", "stack", "torch.stack", "torch.stack(tensors, dim=0)",
        "Joins tensors of the same shape along a new dimension.",
        "a = torch.ones(2, 3)\nb = torch.zeros(2, 3)\ntorch.stack([a, b], dim=0).shape"),
    _op("Join and split", "split_size", "torch.split (size)", "torch.split(tensor, split_size, dim=0)",
        "Cuts a tensor into pieces of split_size along dim; the last piece may be shorter.",
        "x = torch.arange(10)\ntorch.split(x, 4)"),
    _op("Join and split", "split_list", "torch.split (list)", "torch.split(tensor, [size, ...], dim=0)",
        "Cuts a tensor into pieces with the sizes in the list, which must add up to the size of dim.",
        "x = torch.arange(10)\ntorch.split(x, [2, 3, 5])"),
    _op("Join and split", "chunk", "torch.chunk", "torch.chunk(input, chunks, dim=0)",
        "Cuts a tensor into the given number of nearly equal pieces.",
        "x = torch.arange(10)\ntorch.chunk(x, 3)"),
    # --- Indexing -------------------------------------------------------------------------------
    _op("Indexing", "index", "x[i, j], x[a:b], x[:, j]", "x[index], x[start:stop:step], x[..., -1]",
        "Picks elements, rows or columns by position; a slice a:b:step takes a range and shares memory with x.",
        "x = torch.arange(12).reshape(3, 4)\nx[1:, ::2]"),
    _op("Indexing", "mask", "x[mask]", "x[condition]",
        "Keeps the elements where a boolean mask of the same shape is True, as a 1-D tensor.",
        "x = torch.arange(6)\nx[x % 2 == 0]"),
    _op("Indexing", "index_select", "torch.index_select", "torch.index_select(input, dim, index)",
        "Picks the entries at the given positions along one dimension.",
        "x = torch.arange(12).reshape(3, 4)\ntorch.index_select(x, 1, torch.tensor([0, 2]))", dim=True),
    _op("Indexing", "masked_select", "torch.masked_select", "torch.masked_select(input, mask)",
        "Like x[mask]: the elements where the mask is True, in a 1-D tensor.",
        "x = torch.tensor([[1, -2], [-3, 4]])\ntorch.masked_select(x, x > 0)"),
    _op("Indexing", "gather", "torch.gather", "torch.gather(input, dim, index)",
        "For each position of index, takes the element of input whose coordinate along dim is given by index.",
        "x = torch.tensor([[1, 2], [3, 4]])\ntorch.gather(x, 1, torch.tensor([[0, 0], [1, 0]]))", dim=True),
    _op("Indexing", "where", "torch.where", "torch.where(condition, input, other)",
        "Takes from input where the condition is True and from other elsewhere.",
        "x = torch.tensor([-1.0, 2.0, -3.0, 4.0])\ntorch.where(x > 0, x, torch.zeros_like(x))"),
    _op("Indexing", "nonzero", "torch.nonzero", "torch.nonzero(input)",
        "The coordinates of the non-zero elements, one row per element.",
        "x = torch.tensor([[0, 1], [2, 0]])\ntorch.nonzero(x)"),
    # --- Reshape --------------------------------------------------------------------------------
    _op("Reshape", "reshape", "reshape", "x.reshape(*shape)",
        "The same elements in a new shape; one size may be -1 and PyTorch works it out.",
        "x = torch.arange(6)\nx.reshape(2, -1)"),
    _op("Reshape", "view", "view", "x.view(*shape)",
        "Like reshape, but always shares memory with x and needs a contiguous layout.",
        "x = torch.arange(6)\nx.view(3, 2)"),
    _op("Reshape", "transpose", "transpose", "x.transpose(dim0, dim1)",
        "Swaps two dimensions; a view, so no data is copied.",
        "x = torch.arange(6).reshape(2, 3)\nx.transpose(0, 1)"),
    _op("Reshape", "permute", "permute", "x.permute(*dims)",
        "Puts all dimensions in a new order at once.",
        "x = torch.arange(24).reshape(2, 3, 4)\nx.permute(2, 0, 1).shape"),
    _op("Reshape", "T", ".T", "x.T",
        "The transpose of a matrix: rows become columns.",
        "x = torch.arange(6).reshape(2, 3)\nx.T"),
    _op("Reshape", "squeeze", "squeeze", "x.squeeze(dim=None)",
        "Removes dimensions of size 1 (only dim, if it is given).",
        "x = torch.zeros(1, 3, 1)\nx.squeeze().shape"),
    _op("Reshape", "unsqueeze", "unsqueeze", "x.unsqueeze(dim)",
        "Inserts a dimension of size 1 at position dim: a row vector becomes a column with dim=1.",
        "x = torch.tensor([1, 2, 3])\nx.unsqueeze(1)"),
    _op("Reshape", "expand", "expand", "x.expand(*sizes)",
        "Stretches dimensions of size 1 without copying, as broadcasting does; -1 keeps a size.",
        "x = torch.tensor([[1], [2]])\nx.expand(2, 3)"),
    _op("Reshape", "repeat", "repeat", "x.repeat(*repeats)",
        "Copies the tensor the given number of times along each dimension.",
        "x = torch.tensor([1, 2])\nx.repeat(2, 3)"),
    _op("Reshape", "flatten", "flatten", "x.flatten(start_dim=0, end_dim=-1)",
        "Lays the elements out in one dimension, or merges only the dimensions from start_dim to end_dim.",
        "x = torch.arange(24).reshape(2, 3, 4)\nx.flatten(1).shape"),
    _op("Reshape", "contiguous", "contiguous", "x.contiguous()",
        "A copy laid out row by row in memory, if the tensor is not already (after a transpose, say).",
        "x = torch.arange(6).reshape(2, 3).T\nx.is_contiguous(), x.contiguous().is_contiguous()"),
    # --- Math -----------------------------------------------------------------------------------
    _op("Math", "op_add", "+", "a + b   (torch.add)",
        "Adds elementwise; the shapes broadcast: dimensions of size 1 are stretched to match.",
        "a = torch.tensor([[1.0], [2.0]])\nb = torch.tensor([10.0, 20.0, 30.0])\na + b"),
    _op("Math", "op_sub", "-", "a - b   (torch.sub)", "Subtracts elementwise, with broadcasting.",
        "a = torch.tensor([5, 7, 9])\na - 1"),
    _op("Math", "op_mul", "*", "a * b   (torch.mul)",
        "Multiplies elementwise (the Hadamard product), not the matrix product.",
        "a = torch.tensor([[1, 2], [3, 4]])\na * a"),
    _op("Math", "op_div", "/", "a / b   (torch.div)",
        "Divides elementwise; the result is always a floating-point tensor.",
        "torch.tensor([1, 2, 3]) / 2"),
    _op("Math", "op_floordiv", "//", "a // b   (torch.floor_divide)",
        "Divides and rounds down to a whole number (floor division).", "torch.tensor([7, -7]) // 2"),
    _op("Math", "op_mod", "%", "a % b   (torch.remainder)",
        "The remainder after floor division; its sign follows the divisor, as in Python.",
        "torch.tensor([7, -7]) % 3"),
    _op("Math", "op_pow", "**", "a ** b   (torch.pow)", "Raises each element to a power.",
        "torch.tensor([1, 2, 3]) ** 2"),
    _op("Math", "matmul", "torch.matmul", "torch.matmul(input, other)",
        "The matrix product; batch dimensions broadcast and 1-D tensors act as vectors.",
        "A = torch.ones(2, 3, 4)\nB = torch.ones(4, 5)\ntorch.matmul(A, B).shape"),
    _op("Math", "op_matmul", "@", "a @ b", "The @ operator is torch.matmul: rows of a times columns of b.",
        "A = torch.tensor([[1.0, 2.0], [3.0, 4.0]])\nA @ A"),
    _op("Math", "mm", "torch.mm", "torch.mm(input, mat2)",
        "The product of two 2-D matrices, without broadcasting.",
        "torch.mm(torch.ones(2, 3), torch.ones(3, 4))"),
    _op("Math", "bmm", "torch.bmm", "torch.bmm(input, mat2)",
        "A batch of matrix products: (b, n, m) and (b, m, p) give (b, n, p).",
        "torch.bmm(torch.ones(5, 2, 3), torch.ones(5, 3, 4)).shape"),
    _op("Math", "pow", "torch.pow", "torch.pow(input, exponent)",
        "Raises each element to a power; the exponent may be a number or a tensor.",
        "torch.pow(torch.tensor([1.0, 2.0, 3.0]), 2)"),
    _op("Math", "sqrt", "torch.sqrt", "torch.sqrt(input)",
        "The square root of each element (NaN for negative numbers).", "torch.sqrt(torch.tensor([1.0, 4.0, 9.0]))"),
    _op("Math", "rsqrt", "torch.rsqrt", "torch.rsqrt(input)", "One over the square root of each element.",
        "torch.rsqrt(torch.tensor([1.0, 4.0, 16.0]))"),
    _op("Math", "exp", "torch.exp", "torch.exp(input)", "e raised to the power of each element.",
        "torch.exp(torch.tensor([0.0, 1.0, 2.0]))"),
    _op("Math", "log", "torch.log", "torch.log(input)", "The natural logarithm (base e) of each element.",
        "torch.log(torch.tensor([1.0, 2.718281828, 10.0]))"),
    _op("Math", "log2", "torch.log2", "torch.log2(input)", "The base-2 logarithm of each element.",
        "torch.log2(torch.tensor([1.0, 2.0, 8.0]))"),
    _op("Math", "log10", "torch.log10", "torch.log10(input)", "The base-10 logarithm of each element.",
        "torch.log10(torch.tensor([1.0, 10.0, 1000.0]))"),
    _op("Math", "abs", "torch.abs", "torch.abs(input)", "The absolute value of each element.",
        "torch.abs(torch.tensor([-2.5, 0.0, 3.0]))"),
    _op("Math", "floor", "torch.floor", "torch.floor(input)", "Rounds each element down.",
        "torch.floor(torch.tensor([-1.5, -0.5, 0.5, 1.5]))"),
    _op("Math", "ceil", "torch.ceil", "torch.ceil(input)", "Rounds each element up.",
        "torch.ceil(torch.tensor([-1.5, -0.5, 0.5, 1.5]))"),
    _op("Math", "round", "torch.round", "torch.round(input, decimals=0)",
        "Rounds each element to the nearest whole number; halves go to the even neighbour.",
        "torch.round(torch.tensor([0.5, 1.5, 2.5, -0.5, 1.7]))"),
    _op("Math", "trunc", "torch.trunc", "torch.trunc(input)", "Drops the fractional part: rounds toward zero.",
        "torch.trunc(torch.tensor([-1.7, -0.5, 0.5, 1.7]))"),
    _op("Math", "frac", "torch.frac", "torch.frac(input)", "The fractional part of each element: x − trunc(x).",
        "torch.frac(torch.tensor([-1.75, 0.5, 2.25]))"),
    _op("Math", "clamp", "torch.clamp", "torch.clamp(input, min=None, max=None)",
        "Limits each element to the range [min, max].",
        "torch.clamp(torch.tensor([-2.0, 0.5, 3.0]), min=0.0, max=1.0)"),
    # --- Statistics -----------------------------------------------------------------------------
    _op("Statistics", "sum", "sum", "torch.sum(input, dim=None, keepdim=False)",
        "Adds up all elements, or along dim; keepdim=True keeps the reduced dimension with size 1.",
        _A23 + "A.sum(dim=0)", dim=True),
    _op("Statistics", "mean", "mean", "torch.mean(input, dim=None, keepdim=False)",
        "The average of all elements, or along dim; it needs a floating-point tensor.",
        _A23 + "A.mean(dim=1, keepdim=True)", dim=True),
    _op("Statistics", "prod", "prod", "torch.prod(input, dim=None, keepdim=False)",
        "Multiplies all elements together, or along dim.",
        "A = torch.tensor([[1, 2, 3], [4, 5, 6]])\nA.prod(dim=1)", dim=True),
    _op("Statistics", "min", "min", "torch.min(input, dim=None, keepdim=False)",
        "The smallest element; with dim, the smallest along dim and where it is (values, indices).",
        "A = torch.tensor([[4, 1, 3], [2, 6, 5]])\nA.min(dim=1)", dim=True),
    _op("Statistics", "max", "max", "torch.max(input, dim=None, keepdim=False)",
        "The largest element; with dim, the largest along dim and where it is (values, indices).",
        "A = torch.tensor([[4, 1, 3], [2, 6, 5]])\nA.max(dim=0)", dim=True),
    _op("Statistics", "argmin", "argmin", "torch.argmin(input, dim=None, keepdim=False)",
        "The position of the smallest element, in the flattened tensor or along dim.",
        "A = torch.tensor([[4, 1, 3], [2, 6, 5]])\nA.argmin(dim=1)", dim=True),
    _op("Statistics", "argmax", "argmax", "torch.argmax(input, dim=None, keepdim=False)",
        "The position of the largest element, in the flattened tensor or along dim.",
        "A = torch.tensor([[4, 1, 3], [2, 6, 5]])\nA.argmax()", dim=True),
    _op("Statistics", "norm_p2", "norm (p=2)", "torch.norm(input, p=2, dim=None, keepdim=False)",
        "The Euclidean length: the square root of the sum of squares.", _X + "torch.norm(x)", dim=True),
    _op("Statistics", "norm_p1", "norm (p=1)", "torch.norm(input, p=1, dim=None, keepdim=False)",
        "The sum of the absolute values (the L1 norm).", _X + "torch.norm(x, p=1)", dim=True),
    _op("Statistics", "norm_inf", "norm (p=inf)", "torch.norm(input, p=float('inf'), dim=None)",
        "The largest absolute value (the max norm).", _X + "torch.norm(x, p=float('inf'))", dim=True),
    _op("Statistics", "std", "std", "torch.std(input, dim=None, correction=1, keepdim=False)",
        "The standard deviation, dividing by n − 1 (correction=0 divides by n).",
        _A23 + "A.std(dim=0)", dim=True),
    _op("Statistics", "var", "var", "torch.var(input, dim=None, correction=1, keepdim=False)",
        "The variance: the square of the standard deviation.", _A23 + "A.var(dim=1, keepdim=True)", dim=True),
    _op("Statistics", "cumsum", "cumsum", "torch.cumsum(input, dim)",
        "Running totals along dim: each element becomes the sum of itself and all before it.",
        _A23 + "A.cumsum(dim=1)", dim=True),
    _op("Statistics", "topk", "topk", "torch.topk(input, k, dim=-1, largest=True, sorted=True)",
        "The k largest elements along dim and their positions (values, indices).",
        "x = torch.tensor([1, 5, 2, 8, 3])\nx.topk(2)", dim=True),
    _op("Statistics", "kthvalue", "kthvalue", "torch.kthvalue(input, k, dim=-1, keepdim=False)",
        "The k-th smallest element along dim and its position (values, indices).",
        "x = torch.tensor([1, 5, 2, 8, 3])\nx.kthvalue(2)", dim=True),
    # --- Compare --------------------------------------------------------------------------------
    _op("Compare", "eq", "eq  ==", "torch.eq(input, other)   or   a == b",
        "True where the elements are equal, elementwise.",
        "a = torch.tensor([1, 2, 3])\nb = torch.tensor([1, 0, 3])\ntorch.eq(a, b)"),
    _op("Compare", "ne", "ne  !=", "torch.ne(input, other)   or   a != b",
        "True where the elements differ, elementwise.",
        "a = torch.tensor([1, 2, 3])\nb = torch.tensor([1, 0, 3])\na != b"),
    _op("Compare", "gt", "gt  >", "torch.gt(input, other)   or   a > b",
        "True where input is greater than other, elementwise.", "torch.gt(torch.tensor([1, 2, 3]), 2)"),
    _op("Compare", "ge", "ge  >=", "torch.ge(input, other)   or   a >= b",
        "True where input is greater than or equal to other.", "torch.tensor([1, 2, 3]) >= 2"),
    _op("Compare", "lt", "lt  <", "torch.lt(input, other)   or   a < b",
        "True where input is less than other, elementwise.", "torch.lt(torch.tensor([1, 2, 3]), 2)"),
    _op("Compare", "le", "le  <=", "torch.le(input, other)   or   a <= b",
        "True where input is less than or equal to other.", "torch.tensor([1, 2, 3]) <= 2"),
    _op("Compare", "equal", "torch.equal", "torch.equal(input, other)",
        "True if both tensors have the same shape and the same elements: one bool, not a tensor.",
        "torch.equal(torch.tensor([1, 2]), torch.tensor([1, 2]))"),
    _op("Compare", "isclose", "torch.isclose", "torch.isclose(input, other, rtol=1e-05, atol=1e-08)",
        "True where elements are equal within a tolerance: |a − b| ≤ atol + rtol·|b|.",
        "torch.isclose(torch.tensor([1.0, 2.0]), torch.tensor([1.0 + 1e-9, 2.1]))"),
    _op("Compare", "allclose", "torch.allclose", "torch.allclose(input, other, rtol=1e-05, atol=1e-08)",
        "True if all elements are close (one bool): the safe way to compare floating-point results.",
        "torch.allclose(torch.tensor([0.1 + 0.2]), torch.tensor([0.3]))"),
    _op("Compare", "dot", "torch.dot", "torch.dot(input, other)",
        "The dot product of two 1-D tensors: multiply elementwise, then add up.",
        "torch.dot(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([4.0, 5.0, 6.0]))"),
    _op("Compare", "outer", "torch.outer", "torch.outer(input, vec2)",
        "The outer product: every element of one vector times every element of the other.",
        "torch.outer(torch.tensor([1, 2, 3]), torch.tensor([1, 10]))"),
    # --- Autograd -------------------------------------------------------------------------------
    _op("Autograd", "requires_grad_", "requires_grad_", "x.requires_grad_(requires_grad=True)",
        "Asks autograd to record what is computed from this tensor, so gradients can flow back to it.",
        "x = torch.tensor([1.0, 2.0, 3.0]).requires_grad_()\nx.requires_grad"),
    _op("Autograd", "backward", "backward", "y.backward(gradient=None, retain_graph=None, create_graph=False)",
        "Computes the gradient of a scalar with respect to every tensor that requires grad, into their .grad.",
        "x = torch.arange(4.0, requires_grad=True)\ny = 2 * torch.dot(x, x)\ny.backward()\nx.grad"),
    _op("Autograd", "grad", ".grad", "x.grad",
        "Where backward() puts the gradient; gradients add up over several backward() calls.",
        "x = torch.tensor([1.0, 2.0], requires_grad=True)\n(x ** 2).sum().backward()\n"
        "(x ** 2).sum().backward()\nx.grad"),
    _op("Autograd", "zero_", "grad.zero_", "x.grad.zero_()",
        "Resets a gradient to zero in place, as an optimizer does before each step.",
        "x = torch.tensor([1.0, 2.0], requires_grad=True)\n(x * 3).sum().backward()\nx.grad.zero_()\nx.grad"),
    _op("Autograd", "detach", "detach", "x.detach()",
        "The same values cut off from the graph: no gradient flows back through it.",
        "x = torch.tensor([1.0, 2.0], requires_grad=True)\ny = x * 2\nz = y.detach()\nz.requires_grad"),
    _op("Autograd", "retain_graph", "retain_graph=True", "y.backward(retain_graph=True)",
        "Keeps the graph after backward(), so that backward() can run through it again.",
        "x = torch.tensor(2.0, requires_grad=True)\ny = x ** 3\ny.backward(retain_graph=True)\n"
        "y.backward()\nx.grad"),
    _op("Autograd", "create_graph", "create_graph=True", "torch.autograd.grad(y, x, create_graph=True)",
        "Records the backward pass too, so a gradient can be differentiated again (second derivatives).",
        "x = torch.tensor(2.0, requires_grad=True)\ny = x ** 3\n(g,) = torch.autograd.grad(y, x, create_graph=True)\n"
        "(h,) = torch.autograd.grad(g, x)\nh"),
    _op("Autograd", "autograd_grad", "torch.autograd.grad", "torch.autograd.grad(outputs, inputs, retain_graph=None)",
        "Returns the gradients of outputs with respect to inputs, instead of adding them into .grad.",
        "x = torch.tensor([1.0, 2.0], requires_grad=True)\ntorch.autograd.grad((x ** 2).sum(), x)"),
)

OPS = {op.key: op for op in CATALOG}


def in_group(group: str) -> list[Op]:
    return [op for op in CATALOG if op.group == group]


def creation_ops() -> list[Op]:
    """The entries the build form offers: those with form fields."""
    return [op for op in CATALOG if op.form]


def catalog_strings() -> list[str]:
    """The group names and explanations, for the translation files (labels are PyTorch's code)."""
    return list(dict.fromkeys([*GROUPS, *(op.explanation for op in CATALOG)]))


# --- what programs may reach ------------------------------------------------------------------

# torch.<name>: the catalog's functions, the everyday elementwise ones, and the dtypes.
TORCH_FUNCTIONS = (
    "tensor", "as_tensor", "zeros", "ones", "full", "empty", "zeros_like", "ones_like", "full_like", "empty_like",
    "rand_like", "randn_like", "randint_like", "arange", "linspace", "logspace", "eye", "normal", "randn",
    "rand", "randint", "randperm", "bernoulli", "multinomial", "manual_seed",
    "cat", "concat", "stack", "hstack", "vstack", "split", "chunk", "unbind",
    "index_select", "masked_select", "gather", "where", "nonzero", "tril", "triu", "diag", "diagonal",
    "reshape", "transpose", "permute", "squeeze", "unsqueeze", "flatten", "t", "flip",
    "add", "sub", "mul", "div", "true_divide", "floor_divide", "remainder", "fmod", "pow", "neg", "reciprocal",
    "matmul", "mm", "bmm", "mv", "dot", "outer", "inner", "trace", "square",
    "sqrt", "rsqrt", "exp", "expm1", "log", "log1p", "log2", "log10", "abs", "sign", "floor", "ceil", "round",
    "trunc", "frac", "clamp", "clip", "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh",
    "tanh", "sigmoid", "relu", "softmax", "log_softmax", "erf", "hypot", "maximum", "minimum", "lerp",
    "sum", "mean", "prod", "min", "max", "amin", "amax", "aminmax", "argmin", "argmax", "norm", "std", "var",
    "std_mean", "var_mean", "median", "mode", "cumsum", "cumprod", "cummax", "cummin", "logsumexp",
    "topk", "kthvalue", "sort", "argsort", "unique", "bincount", "count_nonzero",
    "eq", "ne", "gt", "ge", "lt", "le", "equal", "isclose", "allclose", "isnan", "isinf", "isfinite",
    "all", "any", "numel", "is_tensor", "is_floating_point", "broadcast_tensors", "broadcast_shapes",
    "einsum", "cross", "det", "inverse",
)
TORCH_VALUES = (
    "float16", "float32", "float64", "bfloat16", "half", "float", "double", "int8", "int16", "int32",
    "int64", "uint8", "long", "int", "short", "bool", "pi", "e", "inf", "nan",
)
LINALG_FUNCTIONS = ("norm", "vector_norm", "matrix_norm", "det", "inv", "matrix_rank", "eigvalsh", "svdvals")
F_FUNCTIONS = (
    "relu", "leaky_relu", "elu", "selu", "gelu", "silu", "mish", "softplus", "sigmoid", "tanh", "hardtanh",
    "softmax", "log_softmax", "softmin", "normalize", "one_hot", "linear", "dropout", "pad",
    "mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "cross_entropy", "nll_loss",
    "binary_cross_entropy", "binary_cross_entropy_with_logits", "kl_div", "cosine_similarity",
)
# x.<name>(...): the catalog's methods and the everyday ones. Nothing that reaches storage,
# memory, files, numpy, hooks or callables (no storage, data_ptr, numpy, tofile, apply_, register_hook).
TENSOR_METHODS = (
    "reshape", "view", "view_as", "reshape_as", "transpose", "permute", "squeeze", "unsqueeze", "expand",
    "expand_as", "repeat", "flatten", "contiguous", "is_contiguous", "t", "flip",
    "size", "dim", "numel", "stride", "storage_offset", "element_size", "nelement", "item", "tolist",
    "float", "double", "half", "long", "int", "short", "bool", "to", "type_as", "cpu", "cuda", "clone",
    "detach", "detach_", "requires_grad_", "backward", "zero_", "fill_", "add_", "sub_", "mul_", "div_",
    "pow_", "clamp_", "copy_", "normal_", "uniform_", "random_", "bernoulli_", "exp_", "neg_", "abs_",
    "retain_grad", "is_floating_point",
    "add", "sub", "mul", "div", "floor_divide", "remainder", "fmod", "pow", "neg", "reciprocal", "square",
    "matmul", "mm", "bmm", "mv", "dot", "outer", "sqrt", "rsqrt", "exp", "expm1", "log", "log1p", "log2",
    "log10", "abs", "sign", "floor", "ceil", "round", "trunc", "frac", "clamp", "clip", "sin", "cos", "tan",
    "tanh", "sigmoid", "relu", "softmax", "log_softmax", "erf", "maximum", "minimum", "lerp",
    "sum", "mean", "prod", "min", "max", "amin", "amax", "argmin", "argmax", "norm", "std", "var", "median",
    "mode", "cumsum", "cumprod", "logsumexp", "topk", "kthvalue", "sort", "argsort", "unique", "count_nonzero",
    "eq", "ne", "gt", "ge", "lt", "le", "equal", "isclose", "allclose", "isnan", "isinf", "isfinite",
    "all", "any", "index_select", "masked_select", "masked_fill", "masked_fill_", "gather", "scatter",
    "nonzero", "where", "split", "chunk", "unbind", "tril", "triu", "diag", "diagonal", "trace", "bincount",
    "new_zeros", "new_ones", "new_full", "new_tensor", "zeros_like", "type",
)
TENSOR_ATTRIBUTES = (
    "shape", "dtype", "device", "grad", "requires_grad", "is_leaf", "grad_fn", "T", "mT", "ndim", "data",
    "is_cuda", "layout",
)
# x.<name> = value: the ones courses write (w.grad = None, x.requires_grad = True, w.data = ...).
TENSOR_SETTABLE = ("grad", "requires_grad", "data")
# Fields of the named tuples that min, max, topk, sort... return.
RESULT_FIELDS = ("values", "indices", "mean", "std", "var", "min", "max", "mode", "median")


# --- the build form's code ------------------------------------------------------------------------

DTYPES = ("float32", "float64", "int64", "int32", "bool")
RESERVED = frozenset({"torch", "F", "print", "float", "int", "bool", "len", "abs", "round"})


def creation_code(key: str, values: dict[str, str], name: str, dtype: str = "", requires_grad: bool = False) -> str:
    """The line the build form runs, e.g. `A = torch.zeros(2, 3, dtype=torch.float64)`.

    Field texts are code and go through the evaluator like anything typed; only the name and
    the dtype are checked here, so that the line itself is well formed.
    """
    from app.errors import InputError

    op = OPS[key]
    name = name.strip()
    if not name.isidentifier() or name.startswith("_") or name in RESERVED or name in {"True", "False", "None"}:
        raise InputError("{name} cannot be a variable name: use letters, digits and _, not starting with _ or "
                         "a digit", name=repr(name))
    if dtype and dtype not in DTYPES:
        raise InputError("Unknown dtype {dtype}", dtype=repr(dtype))
    args = []
    for field_ in op.form:
        text = " ".join(values.get(field_.name, field_.default).split())
        if not text:
            raise InputError("Fill in {field}", field=field_.name)
        args.append(f"{field_.name}={text}" if field_.keyword else text)
    if dtype:
        args.append(f"dtype=torch.{dtype}")
    if requires_grad:
        args.append("requires_grad=True")
    function = op.label.split()[0]
    return f"{name} = {function}({', '.join(args)})"
