"""Tensor Lab programs: every catalog example matches PyTorch run directly, course programs give
PyTorch's values (checked by hand), escapes and memory bombs are refused, nothing else escapes."""

from __future__ import annotations

import ast
import math
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import tensor_ops
from app.evaluator import EvalError, catalog_strings
from app.tensor_program import DEFAULT_LIMIT, Session

ROOT = Path(__file__).resolve().parent.parent


def run(program: str, **session_args):
    return Session(**session_args).run(program).shown.value


def run_directly(program: str):
    """The same program, run by Python itself on real torch: the reference (test code, not user text)."""
    tree = ast.parse(program)
    scope = {"torch": torch, "F": F}
    *body, last = tree.body
    exec(compile(ast.Module(body=body, type_ignores=[]), "<example>", "exec"), scope)   # noqa: S102
    if isinstance(last, ast.Expr):
        return eval(compile(ast.Expression(last.value), "<example>", "eval"), scope)
    exec(compile(ast.Module(body=[last], type_ignores=[]), "<example>", "exec"), scope)   # noqa: S102
    return scope[last.targets[0].id]


def assert_same(ours, theirs, compare="value"):
    if isinstance(theirs, torch.Tensor):
        assert isinstance(ours, torch.Tensor)
        assert ours.shape == theirs.shape and ours.dtype == theirs.dtype and ours.device == theirs.device
        if compare == "value":
            assert torch.equal(ours, theirs) or torch.allclose(ours, theirs, equal_nan=True), (ours, theirs)
    elif isinstance(theirs, tuple):
        assert type(ours) is type(theirs) and len(ours) == len(theirs)
        for a, b in zip(ours, theirs):
            assert_same(a, b, compare)
    else:
        assert ours == theirs or (isinstance(theirs, float) and math.isnan(theirs) and math.isnan(ours))


@pytest.mark.parametrize("op", tensor_ops.CATALOG, ids=lambda op: op.key)
def test_every_catalog_example_matches_pytorch_called_directly(op):
    ours = Session().run(op.example).shown
    assert ours is not None, f"{op.key}: the example shows no value"
    assert_same(ours.value, run_directly(op.example), op.compare)


def test_the_catalog_covers_the_course():
    labels = {op.label.split()[0] for op in tensor_ops.CATALOG}
    for name in ["torch.tensor", "torch.zeros", "torch.ones", "torch.full", "torch.empty", "torch.zeros_like",
                 "torch.ones_like", "torch.full_like", "torch.empty_like", "torch.arange", "torch.linspace",
                 "torch.logspace", "torch.eye", "torch.normal", "torch.randn", "torch.rand", "torch.randint",
                 "torch.randperm", "torch.bernoulli", "torch.cat", "torch.stack", "torch.split", "torch.chunk",
                 "torch.index_select", "torch.masked_select", "torch.gather", "torch.where", "torch.nonzero",
                 "reshape", "view", "transpose", "permute", ".T", "squeeze", "unsqueeze", "expand", "repeat",
                 "flatten", "contiguous", "+", "-", "*", "/", "//", "%", "**", "torch.matmul", "@", "torch.mm",
                 "torch.bmm", "torch.pow", "torch.sqrt", "torch.rsqrt", "torch.exp", "torch.log", "torch.log2",
                 "torch.log10", "torch.abs", "torch.floor", "torch.ceil", "torch.round", "torch.trunc",
                 "torch.frac", "torch.clamp", "sum", "mean", "prod", "min", "max", "argmin", "argmax", "norm",
                 "std", "var", "cumsum", "topk", "kthvalue", "eq", "ne", "gt", "ge", "lt", "le", "torch.equal",
                 "torch.isclose", "torch.allclose", "torch.dot", "torch.outer", "requires_grad_", "backward",
                 ".grad", "grad.zero_", "detach", "retain_graph=True", "create_graph=True", "torch.manual_seed"]:
        assert name in labels, name
    assert len([op for op in tensor_ops.CATALOG if op.key.startswith("normal")]) == 4
    assert {op.key for op in tensor_ops.CATALOG if op.key.startswith("norm_")} == {"norm_p1", "norm_p2", "norm_inf"}
    assert all(op.group in tensor_ops.GROUPS for op in tensor_ops.CATALOG)
    assert len({op.key for op in tensor_ops.CATALOG}) == len(tensor_ops.CATALOG)


# --- course programs, against values worked out by hand ------------------------------------------

def test_transpose_and_sums_over_axes_with_keepdims():
    s = Session()
    s.run("A = torch.arange(20).reshape(5, 4)")
    assert s.run("A.T").shown.value.tolist() == [[0, 4, 8, 12, 16], [1, 5, 9, 13, 17], [2, 6, 10, 14, 18],
                                                  [3, 7, 11, 15, 19]]
    assert s.run("A.sum(axis=0)").shown.value.tolist() == [40, 45, 50, 55]
    assert s.run("A.sum(dim=1)").shown.value.tolist() == [6, 22, 38, 54, 70]
    kept = s.run("A.sum(dim=1, keepdim=True)").shown.value
    assert kept.shape == (5, 1) and kept.flatten().tolist() == [6, 22, 38, 54, 70]
    assert s.run("(A / A.sum(dim=1, keepdim=True)).sum(dim=1)").shown.value.tolist() == pytest.approx([1.0] * 5)
    assert s.run("A.sum(axis=[0, 1])").shown.value.item() == 190
    assert s.run("A.float().mean(dim=0)").shown.value.tolist() == [8.0, 9.0, 10.0, 11.0]


def test_cumsum_norms_and_dot():
    s = Session()
    assert s.run("A = torch.arange(6).reshape(2, 3); A.cumsum(dim=0)").shown.value.tolist() == [[0, 1, 2], [3, 5, 7]]
    assert s.run("A.cumsum(dim=1)").shown.value.tolist() == [[0, 1, 3], [3, 7, 12]]
    s.run("u = torch.tensor([3.0, -4.0])")
    assert s.run("torch.norm(u)").shown.value.item() == 5.0
    assert s.run("torch.norm(u, p=1)").shown.value.item() == 7.0
    assert s.run("u.abs().sum()").shown.value.item() == 7.0
    assert s.run("torch.norm(u, p=float('inf'))").shown.value.item() == 4.0
    assert s.run("torch.norm(torch.ones((4, 9)))").shown.value.item() == 6.0
    assert s.run("x = torch.arange(4.0); y = torch.ones(4); torch.dot(x, y)").shown.value.item() == 6.0
    assert s.run("torch.sum(x * y)").shown.value.item() == 6.0


def test_backward_of_two_dot_x_x_is_four_x():
    s = Session()
    result = s.run("x = torch.arange(4.0, requires_grad=True)\ny = 2 * torch.dot(x, x)\ny.backward()\nx.grad")
    assert result.shown.value.tolist() == [0.0, 4.0, 8.0, 12.0]
    assert s.run("x.grad == 4 * x").shown.value.all()
    # Gradients add up until zeroed, as in every training loop.
    s.run("x.grad.zero_()\ny = x.sum()\ny.backward()")
    assert s.run("x.grad").shown.value.tolist() == [1.0, 1.0, 1.0, 1.0]


def test_detach_keeps_the_gradient_from_flowing_through():
    s = Session()
    s.run("x = torch.arange(4.0, requires_grad=True)\ny = x * x\nu = y.detach()\nz = u * x\nz.sum().backward()")
    assert s.run("x.grad == u").shown.value.all()
    assert s.run("x.grad").shown.value.tolist() == [0.0, 1.0, 4.0, 9.0]   # u = x², not 3x²
    s.run("x.grad.zero_()\ny.sum().backward()")
    assert s.run("x.grad").shown.value.tolist() == [0.0, 2.0, 4.0, 6.0]   # 2x


def test_second_derivative_through_create_graph():
    value = run("x = torch.tensor(2.0, requires_grad=True)\ny = x ** 3\n"
                "(g,) = torch.autograd.grad(y, x, create_graph=True)\n(h,) = torch.autograd.grad(g, x)\nh")
    assert value.item() == 12.0   # d²/dx² x³ = 6x


def test_statements_assignments_unpacking_and_methods():
    s = Session()
    result = s.run("a, b = torch.tensor([1, 2]), torch.tensor([3, 4]); c = a @ b\nprint(c); c.item()")
    assert result.shown.value == 11 and result.output == ["tensor(11)"]
    assert s.run("v = torch.topk(torch.tensor([1, 5, 2]), 2)\nv.values").shown.value.tolist() == [5, 2]
    assert s.run("x = torch.zeros(2, 3); x[0, 1] = 7; x[:, 1]").shown.value.tolist() == [7.0, 0.0]
    assert s.run("x += 1; x[0]").shown.value.tolist() == [1.0, 8.0, 1.0]
    assert s.run("x.shape").shown.value == torch.Size([2, 3])
    assert s.run("x.dtype").shown.value is torch.float32
    assert s.run("x.T.is_contiguous()").shown.value is False
    assert s.run("F.relu(torch.tensor([-1.0, 2.0]))").shown.value.tolist() == [0.0, 2.0]
    assert s.run("torch.nn.functional.softmax(torch.zeros(2), dim=0)").shown.value.tolist() == [0.5, 0.5]
    assert s.run("1 < 2 <= 2").shown.value is True


def test_a_failing_program_assigns_nothing():
    s = Session()
    s.run("a = torch.ones(2)")
    with pytest.raises(EvalError):
        s.run("a = torch.zeros(3)\nb = a @ torch.ones(4)")
    assert s.env["a"].tolist() == [1.0, 1.0] and "b" not in s.env


# --- errors in plain words, with the place -------------------------------------------------------

@pytest.mark.parametrize("program, line, fragments", [
    ("a = torch.ones(2, 3)\nb = torch.ones(4, 5)\na @ b", 3, ["matrix product", "(2, 3) @ (4, 5)"]),
    ("a = torch.ones(2, 3)\nb = torch.ones(4)\nc = a + b", 3, ["broadcast", "(2, 3), (4,)"]),
    ("torch.arange(6).mean()", 1, ["dtypes", ".float()"]),
    ("x = torch.ones(3)\nx.sum(dim=2)", 2, ["dimension out of range", "(3,)"]),
    ("x = torch.ones(3)\nx.view(2, 2)", 2, ["x.view(2, 2) failed"]),
    ("y", 1, ["y is not defined yet"]),
    ("x = torch.ones(3)\nx.fly()", 2, ["no attribute fly"]),
    ("torch.ones(3) +", 1, ["not valid Python"]),
])
def test_errors_name_the_place_and_the_shapes(program, line, fragments):
    with pytest.raises(EvalError) as info:
        Session().run(program)
    error = info.value
    assert error.line == line
    for fragment in fragments:
        assert fragment in str(error), str(error)
    assert "\n" not in str(error) and error.template in catalog_strings()
    assert error.template.format(**error.values) == str(error)


# --- sandbox escapes --------------------------------------------------------------------------------

ESCAPES = [
    "().__class__.__bases__[0].__subclasses__()", "x.__class__.__mro__", "torch.__dict__", "F.__globals__",
    "print.__globals__", "torch.sin.__self__", "x.__reduce__()", "x.__reduce_ex__(2)", "x.grad_fn.__call__",
    "x.__setstate__", "getattr(torch, 'save')", "getattr(x, '__class__')", "exec('1')", "eval('1')",
    "open('/etc/passwd')", "__import__('os')", "import os", "from os import system", "compile('1', 'f', 'eval')",
    "globals()", "vars()", "locals()", "dir()", "type(x)", "breakpoint()", "input()",
    "torch.save(x, 'f.pt')", "torch.load('f.pt')", "torch.from_file('f.bin')", "torch.hub.load('a', 'b')",
    "torch.utils.data", "torch.ops.aten.add", "torch.Tensor", "torch.nn.Module", "torch.set_default_device('cpu')",
    "torch.jit", "torch.backends", "torch.classes", "torch.compile", "torch.storage",
    "x.numpy().tofile('f.bin')", "x.numpy()", "x.storage()", "x.untyped_storage()", "x.data_ptr()",
    "x.apply_(print)", "x.register_hook(print)", "x.share_memory_()", "x.resize_(10 ** 12)", "x.set_()",
    "x.tolist.__self__", "x.grad_fn.next_functions", "x.shape.__class__", "torch.float32.__class__",
    "(lambda: 1)()", "[c for c in (1, 2)]", "{1: 2}", "{1, 2}", "f'{x}'", "x if x else x",
    "def f(): pass", "class A: pass", "del x", "global x", "with open('f') as f: pass", "for i in x: pass",
    "while True: pass", "if x: pass", "try:\n  pass\nexcept: pass", "assert x", "raise ValueError",
    "x.foo = 1", "torch.zeros = 1", "x.grad_fn = None", "print(*x)", "torch.ones(**{'size': 2})",
    "torch.ones(2, out=x)", "'abc'.join('x')", "'%s' % x.__class__", "x.T.__dict__", "_secret = 1",
    "torch = 1", "F = 2", "print = 3",
]


@pytest.mark.parametrize("program", ESCAPES)
def test_known_sandbox_escapes_are_refused(program, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = Session()
    s.run("x = torch.ones(3, requires_grad=True)")
    with pytest.raises(EvalError):
        s.run(program)
    assert list(tmp_path.iterdir()) == []


# --- memory bombs ----------------------------------------------------------------------------------

BOMBS = [
    "torch.zeros(10 ** 6, 10 ** 6)", "torch.ones(100000, 100000)", "torch.empty(2 ** 40)",
    "torch.arange(10 ** 12)", "torch.arange(0, 1, 1e-12)", "torch.linspace(0, 1, 10 ** 10)",
    "torch.logspace(0, 1, 10 ** 10)", "torch.randn(10 ** 5, 10 ** 5)", "torch.rand(10 ** 10)",
    "torch.full((10 ** 5, 10 ** 5), 1.0)", "torch.eye(10 ** 6)", "torch.randint(0, 5, (10 ** 6, 10 ** 6))",
    "torch.randperm(10 ** 11)", "torch.normal(0.0, 1.0, size=(10 ** 10,))",
    "torch.tensor([1.0] * 10 ** 9)", "[0] * 10 ** 10", "(1, 2) * 10 ** 10", "9 ** 9 ** 9", "2 ** 10 ** 8",
    "a = torch.ones(10000, 1); b = torch.ones(1, 10000); a + b",
    "a = torch.ones(10000, 1); b = torch.ones(1, 10000); a * b > 0",
    "torch.ones(10).repeat(10 ** 8)", "torch.ones(1, 10).expand(10 ** 9, 10)",
    "torch.outer(torch.ones(10 ** 5), torch.ones(10 ** 5))", "x = torch.ones(7000, 7000); x @ x",
    "torch.ones(10 ** 7).reshape(-1, 1) @ torch.ones(1, 10 ** 7)",
    "F.one_hot(torch.tensor([10 ** 12]))", "F.one_hot(torch.tensor([1]), 10 ** 11)",
    "torch.multinomial(torch.ones(2), 10 ** 10, replacement=True)", "F.pad(torch.ones(2), (10 ** 9, 10 ** 9))",
    "torch.ones(5000, 1, 5000) + torch.ones(1, 5000, 1)", "torch.zeros(2).new_zeros(10 ** 6, 10 ** 6)",
    "torch.zeros_like(torch.ones(1).expand(10 ** 12))", "torch.cat([torch.ones(1).expand(10 ** 9)] * 3)",
    "torch.ones(3)[torch.zeros(10 ** 10, dtype=torch.long)]", "torch.ones(2).tolist() * 10 ** 9",
    "torch.ones(3).unsqueeze(0).expand(10 ** 8, 3).tolist()",
    "torch.tensor([[0] * 10 ** 6] * 10 ** 6)", "torch.ones(1).new_tensor([[0.5] * 10 ** 5] * 10 ** 5)",
    "torch.ones(3)[[[0] * 10 ** 5] * 10 ** 5]", "torch.cat([torch.ones(1)] * 10 ** 7)",
    "x = torch.ones(3000, 3000); a = x @ x; b = x @ x; c = x @ x; d = x @ x; e = x @ x; f = x @ x; g = x @ x",
]


@pytest.mark.parametrize("program", BOMBS)
def test_memory_bombs_are_refused_at_once(program):
    session = Session()
    start = time.perf_counter()
    with pytest.raises(EvalError) as info:
        session.run(program)
    assert time.perf_counter() - start < 1.0, program
    assert any(word in str(info.value) for word in ("limit", "too large")), str(info.value)
    assert session.env == {}


def test_memory_bombs_are_refused_within_a_second_in_a_fresh_process():
    """The meta device's first use of an op costs up to a second of set-up inside torch: the
    common bombs are sized by arithmetic, so even a fresh process refuses each at once."""
    script = (
        "import sys, time, torch\n"
        "from app.tensor_program import Session\n"
        "from app.evaluator import EvalError\n"
        "worst = 0.0\n"
        "for bomb in sys.argv[1:]:\n"
        "    start = time.perf_counter()\n"
        "    try:\n"
        "        Session().run(bomb)\n"
        "    except EvalError:\n"
        "        worst = max(worst, time.perf_counter() - start)\n"
        "    else:\n"
        "        print('not refused:', bomb)\n"
        "print(worst)\n")
    result = subprocess.run([sys.executable, "-c", script, *BOMBS], cwd=ROOT, capture_output=True, text=True,
                            timeout=120, check=True)
    assert "not refused" not in result.stdout
    assert float(result.stdout.strip().splitlines()[-1]) < 1.0, result.stdout


def test_the_limit_is_a_preference_and_counts_the_whole_program():
    assert Session().limit == DEFAULT_LIMIT == 50_000_000
    small = Session(limit=1000)
    assert small.run("torch.ones(1000)").shown.value.numel() == 1000
    with pytest.raises(EvalError, match="over the limit of 1,000"):
        small.run("torch.ones(1001)")
    with pytest.raises(EvalError, match="in all"):
        small.run("a = torch.ones(900); b = torch.ones(900); c = torch.ones(900); d = torch.ones(900); "
                  "e = torch.ones(900)")
    small.set_limit(2000)
    assert small.run("torch.ones(1500)").shown.value.numel() == 1500
    with pytest.raises(ValueError):
        small.set_limit(10)


def test_data_dependent_ops_bounded_by_their_input_still_run():
    s = Session()
    assert s.run("x = torch.tensor([0, 3, 0, 5]); torch.nonzero(x)").shown.value.tolist() == [[1], [3]]
    assert s.run("x[x > 0]").shown.value.tolist() == [3, 5]
    assert s.run("torch.masked_select(x, x > 0)").shown.value.tolist() == [3, 5]
    assert s.run("torch.unique(x)").shown.value.tolist() == [0, 3, 5]


# --- devices and the equivalent code -----------------------------------------------------------------

def test_moving_variables_keeps_leaves_and_gradients():
    s = Session()
    s.run("w = torch.ones(2, requires_grad=True); (w * 3).sum().backward(); n = 5")
    s.set_device("meta")   # a second device every machine has
    assert s.env["w"].device.type == "meta" and s.env["w"].is_leaf and s.env["w"].requires_grad
    assert s.env["w"].grad.device.type == "meta" and s.env["n"] == 5
    assert s.run("torch.zeros(3)").shown.value.device.type == "meta"   # created on the chosen device
    assert 'torch.set_default_device("meta")' in s.equivalent_code()


def test_the_equivalent_code_runs_in_plain_python_and_prints_the_same(capsys):
    s = Session()
    s.run("A = torch.arange(6).reshape(2, 3)\nA.sum(dim=0)")
    s.run("B = A.T; B.shape")
    code = s.equivalent_code()
    assert code.startswith("import torch\n")
    assert "print(A.sum(dim=0))" in code and "B = A.T" in code and "print(B.shape)" in code
    exec(compile(code, "<equivalent>", "exec"), {})   # noqa: S102 -- our own generated code, in a test
    assert capsys.readouterr().out.splitlines() == ["tensor([3, 5, 7])", "torch.Size([3, 2])"]


COURSE = "x = torch.arange(12).reshape(3, 4)\n"


@pytest.mark.parametrize("program", [
    COURSE + "x.sum(dim=1, keepdim=True)",
    COURSE + "x.sum(dim=0)",
    COURSE + "x.T",
    COURSE + "torch.cumsum(x, dim=0)",
    COURSE + "x.float().norm(p=2, dim=1)",
    COURSE + "x.float().norm(p=1, dim=0, keepdim=True)",
    COURSE + "x.float().norm(p=float('inf'), dim=1)",
    COURSE + "torch.topk(x.flatten(), 3)",
    COURSE + "x.max(dim=0)",
    COURSE + "x.min(dim=1, keepdim=True)",
    COURSE + "torch.kthvalue(x.float(), 2, dim=1)",
    COURSE + "x.float().mean(dim=1, keepdim=True)",
    COURSE + "x.float().std(dim=0)",
    COURSE + "x.argmax(dim=1)",
    COURSE + "torch.split(x, 2, dim=1)",
    COURSE + "torch.split(x, [1, 2], dim=0)",
    COURSE + "torch.chunk(x, 2, dim=1)",
    "torch.ones(3, 1) + torch.arange(4)",
    "t = torch.arange(24).reshape(2, 3, 4)\nt.sum(dim=(0, 2))",
    "torch.manual_seed(0)\ntorch.normal(torch.zeros(3), torch.ones(3))",
    "torch.manual_seed(0)\ntorch.normal(torch.zeros(3), 2.0)",
    "torch.manual_seed(0)\ntorch.normal(1.0, torch.ones(3))",
    "torch.manual_seed(0)\ntorch.normal(1.0, 2.0, size=(2, 2))",
    "x = torch.tensor([1., 2., 3.], requires_grad=True)\ny = 2 * torch.dot(x, x)\ny.backward()\nx.grad",
    "x = torch.tensor(2.0, requires_grad=True)\ny = x ** 3\ny.backward(retain_graph=True)\ny.backward()\nx.grad",
    ("x = torch.tensor([1., 2.], requires_grad=True)\ny = (x * x).sum()\n"
     "(g,) = torch.autograd.grad(y, x, create_graph=True)\ng.sum().backward()\nx.grad"),
], ids=lambda p: p.splitlines()[-1])
def test_course_programs_match_pytorch_called_directly(program):
    assert_same(run(program), run_directly(program))


def test_a_second_backward_without_retain_graph_says_what_to_do():
    s = Session()
    s.run("x = torch.tensor(2.0, requires_grad=True)\ny = x ** 3\ny.backward()")
    with pytest.raises(EvalError) as caught:
        s.run("y.backward()")
    assert "retain_graph=True" in str(caught.value) and "…" not in str(caught.value)


def test_variables_describe_each_value():
    s = Session()
    s.run("w = torch.ones(2, 3, requires_grad=True); w.sum().backward(); k = 3")
    info = {v.name: v for v in s.variables()}
    assert info["w"].shape == (2, 3) and info["w"].dtype == "float32" and info["w"].device == "cpu"
    assert info["w"].requires_grad and info["w"].has_grad
    assert info["k"].kind == "int" and info["k"].shape is None


# --- generated and mutated programs -----------------------------------------------------------------

ATOMS = st.sampled_from(["x", "A", "1", "2.5", "-3", "torch.ones(2, 3)", "torch.arange(6)", "y", "None", "True",
                         "'s'", "[1, 2]", "(1, 2)", "x.T", "A.shape", "x.grad", "torch.float64", "__import__",
                         "9**9**9", "torch.zeros(10**6, 10**6)", "open", "F", "torch", "x[0]", "A[:, 1:]",
                         "[[0] * 10**6] * 10**6", "[x] * 10**5"])
CALLS = st.sampled_from(["torch.sum", "torch.exp", "x.sum", "A.reshape", "torch.cat", "F.relu", "torch.save",
                         "getattr", "print", "A.max", "torch.topk", "x.backward", "torch.zeros", "len",
                         "x.__class__", "torch.matmul", "A.view", "float"])
OPS = st.sampled_from(["+", "-", "*", "/", "//", "%", "**", "@", "==", "<", ">=", "&", "|", ".", ",", "and"])


@st.composite
def expressions(draw, depth=0):
    if depth > 2 or draw(st.booleans()):
        return draw(ATOMS)
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return f"{draw(expressions(depth + 1))} {draw(OPS)} {draw(expressions(depth + 1))}"
    if kind == 1:
        return f"{draw(CALLS)}({draw(expressions(depth + 1))})"
    if kind == 2:
        return f"{draw(CALLS)}({draw(expressions(depth + 1))}, dim={draw(st.integers(-3, 3))})"
    if kind == 3:
        return f"{draw(expressions(depth + 1))}[{draw(st.integers(-3, 3))}]"
    return f"-({draw(expressions(depth + 1))})"


@st.composite
def programs(draw):
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        expression = draw(expressions())
        lines.append(f"{draw(st.sampled_from(['z', 'A', 'x', 'a, b']))} = {expression}"
                     if draw(st.booleans()) else expression)
    text = draw(st.sampled_from(["\n", "; "])).join(lines)
    if draw(st.booleans()):   # mutate: a character replaced by something a typo or an attack might bring
        position = draw(st.integers(0, len(text)))
        text = text[:position] + draw(st.sampled_from(["", "(", ")", "_", ".", "'", "[", "]", "**9", ":",
                                                       "=", "\\", "__", "#", "lambda"])) + text[position + 1:]
    return text


@settings(max_examples=250, deadline=3000, database=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(programs())
def test_generated_programs_return_or_raise_eval_error_and_touch_no_file(tmp_path, program):
    before = set(os.listdir(tmp_path))
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        s = Session(limit=100_000)
        s.run("x = torch.arange(4.0, requires_grad=True); A = torch.arange(6.0).reshape(2, 3)")
        try:
            s.run(program)
        except EvalError:
            pass
    finally:
        os.chdir(cwd)
    assert set(os.listdir(tmp_path)) == before
