"""A safe interpreter for typed code: Python's AST, an allow-list, closures, never eval or exec.

The text is parsed with `ast.parse`, and every node is checked against a `Policy` (which
operators, names, attributes and calls are reachable) and compiled ONCE into nested closures:
calling the result walks no text and no tree. Anything the policy does not list is refused
with an `EvalError` that names the line and column.

Two policies share this one interpreter:
- `SurfacePolicy` (here): the arithmetic of a typed surface f(x, y) for the Optimizer Arena,
  through `compile_expression`.
- `app.tensor_program.ProgramPolicy`: the Tensor Lab's short programs (statements, methods,
  attributes, keywords, indexing), with each op's result size checked on the meta device first.

Why it is safe: names resolve only to what the policy lists (no builtins, no modules beyond
allow-listed namespaces), no name or attribute starting with `_` is ever looked up, attributes
of run-time values go through the policy, and a call is made only to a callable the policy
vouches for. Integer powers and sequence repetitions are sized before they are computed.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import torch

from app.errors import InputError

MAX_TEXT = 20_000          # characters of source; far beyond any hand-typed program
MAX_DEPTH = 60             # nesting of the syntax tree; keeps the compiler off Python's recursion limit
MAX_INT_BITS = 4096        # a Python int larger than this is a bomb, not a number anyone typed
MAX_SEQUENCE = 1_000_000   # items in a Python list or tuple built by repetition or concatenation

Env = dict
Thunk = Callable[[Env], Any]


# --- errors -------------------------------------------------------------------------------------

# Each problem is one English sentence; the position is put in front in one of two forms, so the
# window translates a whole sentence (see catalog_strings) and the command line prints it as is.
_AT_COLUMN = "Column {column}: "
_AT_LINE = "Line {line}, column {column}: "

MESSAGES = (
    "This is not valid Python: {detail}",
    "Type an expression, for example {example}",
    "The text is too long: {count} characters, at most {limit}",
    "The expression is nested too deeply",
    "{code} is not allowed here",
    "{code} is not allowed here; use {allowed}",
    "Unknown name {name}; use {allowed}",
    "{name} is not defined yet",
    "Names starting with an underscore are not allowed: {name}",
    "{name} cannot be assigned to: it is a built-in name",
    "{name} is not available here",
    "{name} has no attribute {attribute} that can be used here",
    "{code} cannot be called",
    "Only numbers are allowed here, not {code}",
    "Keyword arguments are not allowed here",
    "The number {code} is too large",
    "Division by zero",
    "{code} gives a complex number",
    "{code} is a function: call it, as in {example}",
    "{code} is a module: use one of its functions, as in {example}",
    "{code}: {problem}",
    "The result would have {count} elements, over the limit of {limit}",
    "The program would create {count} elements in all, over the limit of {limit}",
    "The result would be a sequence of {count} items, over the limit of {limit}",
    "print would write {count} characters, over the limit of {limit}",
    "{code} would need about {count} multiply-adds, over the limit of {limit}",
    "{code} would bring the elements the program reads and writes to about {count}, over the limit of {limit}",
    "{code} cannot be checked for size before it runs, so it is refused",
    "Cannot unpack {count} values into {targets} names",
    "{op} failed: {detail}",
    "{op} failed: the shapes {shapes} cannot be broadcast together: {detail}",
    "{op} failed: for a matrix product the inner sizes must agree, but the shapes are {shapes}",
    "{op} failed: the dtypes do not match ({detail}); convert one with .float() or .long()",
    "{op} failed: dimension out of range ({detail}); the tensor has shape {shapes}",
)


def catalog_strings() -> list[str]:
    """Every error sentence, in both positional forms, for the translation files."""
    return [prefix + message for message in MESSAGES for prefix in (_AT_COLUMN, _AT_LINE)]


class EvalError(InputError):
    """Code the interpreter refuses or that failed: one sentence, with its line and column."""

    def __init__(self, message: str, line: int, column: int, multiline: bool = True, **values: object) -> None:
        assert message in MESSAGES, message
        self.message = message
        self.line = line
        self.column = column
        prefix = _AT_LINE if multiline else _AT_COLUMN
        super().__init__(prefix + message, line=line, column=column, **values)


class Source:
    """The typed text, to turn AST offsets (UTF-8 bytes) into 1-based character columns."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.splitlines() or [""]
        self.multiline = len([line for line in self.lines if line.strip()]) > 1

    def column(self, line: int, byte_offset: int) -> int:
        raw = self.lines[line - 1].encode("utf-8") if 0 < line <= len(self.lines) else b""
        return len(raw[:byte_offset].decode("utf-8", errors="ignore")) + 1

    def segment(self, node: ast.AST, limit: int = 40) -> str:
        code = ast.get_source_segment(self.text, node) or type(node).__name__
        code = " ".join(code.split())
        return code if len(code) <= limit else code[:limit - 1] + "…"

    def error(self, message: str, node: ast.AST | None, **values: object) -> EvalError:
        line = getattr(node, "lineno", 1) or 1
        column = self.column(line, getattr(node, "col_offset", 0) or 0)
        return EvalError(message, line, column, self.multiline, **values)


# --- what a policy allows -------------------------------------------------------------------------

@dataclass(frozen=True)
class Namespace:
    """An allow-listed module: only the listed attributes exist (`torch`, `F`, `torch.autograd`)."""

    name: str
    members: Mapping[str, Any] = field(hash=False, compare=False)

    def __repr__(self) -> str:
        return f"<{self.name}>"


@dataclass(frozen=True)
class Const:
    """A compiled node whose value is known when compiling (folded: computed once, not per call)."""

    value: Any


Compiled = Const | Callable[[Env], Any]

BINARY = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.Pow: operator.pow, ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod,
    ast.MatMult: operator.matmul, ast.BitAnd: operator.and_, ast.BitOr: operator.or_,
    ast.BitXor: operator.xor,
}
IN_PLACE = {
    ast.Add: operator.iadd, ast.Sub: operator.isub, ast.Mult: operator.imul, ast.Div: operator.itruediv,
    ast.Pow: operator.ipow, ast.FloorDiv: operator.ifloordiv, ast.Mod: operator.imod,
    ast.MatMult: operator.imatmul, ast.BitAnd: operator.iand, ast.BitOr: operator.ior,
    ast.BitXor: operator.ixor,
}
UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos, ast.Invert: operator.invert, ast.Not: operator.not_}
COMPARE = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge,
}
SYMBOL = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**", ast.FloorDiv: "//",
    ast.Mod: "%", ast.MatMult: "@", ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^",
    ast.USub: "-", ast.UAdd: "+", ast.Invert: "~", ast.Not: "not", ast.Eq: "==", ast.NotEq: "!=",
    ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
}


class Policy:
    """What code may do. The base class is the smallest: arithmetic on fixed variables.

    Subclasses widen the sets and override the hooks (`attribute`, `call`, `binary`) to add
    checks such as result sizes; the interpreter itself never changes.
    """

    binary_ops: frozenset = frozenset({ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow})
    unary_ops: frozenset = frozenset({ast.USub, ast.UAdd})
    compare_ops: frozenset = frozenset()
    statements = False     # assignments and several lines, or one expression only
    keywords = False       # f(x, dim=0)
    subscripts = False     # x[0], x[1:3]
    collections = False    # [1, 2], (1, 2)
    strings = False        # "constant" as an argument
    literal_types: tuple[type, ...] = (int, float)   # bool is an int subclass: listed separately
    bools = False
    tensors_at_run_time = False   # every value not known when compiling is a tensor (surfaces)
    max_text = MAX_TEXT
    example = "sin(x) * cos(y)"

    def __init__(self, names: Mapping[str, Any], variables: tuple[str, ...] | None) -> None:
        self.names = dict(names)            # what a bare name means: constants, functions, namespaces
        self.variables = variables          # fixed input names; None: the code assigns its own

    # Hooks: the program policy overrides these with its size checks.
    def callable_allowed(self, fn: Any) -> bool:
        return any(fn is allowed for allowed in self.names.values())

    def pure(self, fn: Any) -> bool:
        """Whether a call with constant arguments may be computed once, when compiling."""
        return self.callable_allowed(fn)

    def attribute(self, obj: Any, name: str) -> Any:
        """obj.name for a value known only when the code runs; AttributeError when not allowed."""
        raise AttributeError(name)

    def call(self, fn: Any, args: list, kwargs: dict) -> Any:
        return fn(*args, **kwargs)

    def binary(self, op: type, left: Any, right: Any) -> Any:
        return arithmetic(op, left, right)

    def compare(self, op: type, left: Any, right: Any) -> Any:
        return COMPARE[op](left, right)

    def in_place(self, op: type, left: Any, right: Any) -> Any:
        return self.binary(op, left, right) if not isinstance(left, torch.Tensor) else IN_PLACE[op](left, right)

    def subscript(self, obj: Any, index: Any) -> Any:
        return obj[index]

    def set_item(self, obj: Any, index: Any, value: Any) -> None:
        raise TypeError("item assignment is not allowed here")

    def unpackable(self, value: Any) -> bool:
        """Whether `a, b = value` may iterate `value` (lists and tuples always may)."""
        return False

    def allowed_names(self) -> str:
        """A short list of what may be typed, for the 'unknown name' message."""
        return ", ".join(list(self.variables or ()) + sorted(n for n in self.names if not isinstance(self.names[n], Namespace)))


def check_number(value: Any) -> Any:
    """Refuse integers too large to be anything but a bomb; everything else passes."""
    if type(value) is int and value.bit_length() > MAX_INT_BITS:
        raise OverflowError("integer too large")
    return value


def check_power(base: Any, exponent: Any) -> None:
    """Size an integer power before computing it: 9 ** 9 ** 9 would take minutes and gigabytes."""
    if (isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1
            and exponent * math.log2(abs(base)) > MAX_INT_BITS):
        raise OverflowError("integer power too large")


def check_repeat(left: Any, right: Any) -> None:
    """Size `[0] * n` before building it: `[a] * n` holds n references to a, but printing it or
    handing it to torch walks every item of every copy, so the items inside count too."""
    for seq, count in ((left, right), (right, left)):
        if isinstance(seq, (list, tuple, str)) and isinstance(count, int) and count > 0:
            items = deep_items(seq) * count
            if items > MAX_SEQUENCE:
                raise SequenceTooLong(items)


def deep_items(value: Any, budget: int = MAX_SEQUENCE) -> int:
    """Items in a list, tuple or string, counting those inside nested ones once per reference
    (what repr or torch.tensor would walk); stops counting once past `budget`, so it is cheap."""
    count, stack = 0, [value]
    while stack and count <= budget:
        item = stack.pop()
        if isinstance(item, str):
            count += len(item)
        elif isinstance(item, (list, tuple)):
            count += len(item)
            if count <= budget:
                stack.extend(i for i in item if isinstance(i, (list, tuple, str)))
    return count


def check_items(value: Any) -> Any:
    """Refuse a list, tuple or string too big to print or convert (see deep_items)."""
    if isinstance(value, (list, tuple, str)):
        items = deep_items(value)
        if items > MAX_SEQUENCE:
            raise SequenceTooLong(items)
    return value


class SequenceTooLong(Exception):
    def __init__(self, count: int, limit: int = MAX_SEQUENCE) -> None:
        self.count = count
        self.limit = limit


def arithmetic(op: type, left: Any, right: Any) -> Any:
    """A binary operator with the bomb checks every policy needs."""
    if isinstance(left, torch.Tensor) or isinstance(right, torch.Tensor):
        return BINARY[op](left, right)   # elementwise: sized by the tensors, nothing to check here
    if op is ast.Pow:
        check_power(left, right)
    elif op is ast.Mult:
        check_repeat(left, right)
    if op is ast.Mod and isinstance(left, str):   # '%0999999999d' % 1 is a gigabyte of spaces
        raise TypeError("strings cannot be formatted with % here")
    if op is ast.Add and isinstance(left, (list, tuple, str)) and isinstance(right, (list, tuple, str)):
        check_items((left, right))   # sized before the copy: 'a' * 10**6 doubled thirty times is a gigabyte
    result = BINARY[op](left, right)
    if isinstance(result, complex):   # (-8) ** (1/3) in Python; a learner expects a real number
        raise _ComplexResult()
    return check_number(result)


class _ComplexResult(Exception):
    pass


# --- the interpreter ----------------------------------------------------------------------------

class Interpreter:
    """Compiles checked AST nodes into closures over an environment dict."""

    def __init__(self, policy: Policy, source: Source) -> None:
        self.policy = policy
        self.source = source

    def error(self, message: str, node: ast.AST | None, **values: object) -> EvalError:
        return self.source.error(message, node, **values)

    def refuse(self, node: ast.AST) -> EvalError:
        return self.error("{code} is not allowed here", node, code=self.source.segment(node))

    def failure(self, node: ast.AST, exc: BaseException) -> EvalError:
        """Turn an exception raised while running `node` into one sentence at its place."""
        if isinstance(exc, EvalError):
            return exc
        if isinstance(exc, ZeroDivisionError):
            return self.error("Division by zero", node)
        if isinstance(exc, OverflowError):
            return self.error("The number {code} is too large", node, code=self.source.segment(node))
        if isinstance(exc, _ComplexResult):
            return self.error("{code} gives a complex number", node, code=self.source.segment(node))
        if isinstance(exc, SequenceTooLong):
            return self.error("The result would be a sequence of {count} items, over the limit of {limit}", node,
                              count=f"{exc.count:,}", limit=f"{exc.limit:,}")
        translate = getattr(self.policy, "explain", None)
        if translate is not None:
            return translate(self, node, exc)
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return self.error("{code}: {problem}", node, code=self.source.segment(node), problem=detail)

    # Entry points ----------------------------------------------------------------------------
    def expression(self, node: ast.AST) -> Compiled:
        handler = getattr(self, f"_{type(node).__name__}", None)
        if handler is None or type(node) in _STATEMENT_TYPES:
            raise self.refuse(node)
        return handler(node)

    def thunk(self, node: ast.AST) -> Thunk:
        compiled = self.expression(node)
        if isinstance(compiled, Const):
            value = compiled.value
            return lambda env: value
        return compiled

    def guarded(self, node: ast.AST, fn: Callable[[Env], Any]) -> Thunk:
        """Run `fn`, reporting any failure at `node` (free when nothing fails, on Python 3.11)."""
        def run(env: Env) -> Any:
            try:
                return fn(env)
            except EvalError:
                raise
            except Exception as exc:   # noqa: BLE001 -- any failure of typed code is reported at its place
                raise self.failure(node, exc) from None
        return run

    def fold(self, node: ast.AST, fn: Callable[[Env], Any], parts: list[Compiled]) -> Compiled:
        """Compute now when every part is a constant (the error, if any, is reported now too)."""
        guarded = self.guarded(node, fn)
        if all(isinstance(p, Const) for p in parts):
            return Const(guarded({}))
        return guarded

    # Leaves ----------------------------------------------------------------------------------
    def _Constant(self, node: ast.Constant) -> Compiled:
        value = node.value
        if isinstance(value, bool):
            if not self.policy.bools:
                raise self.error("Only numbers are allowed here, not {code}", node, code=self.source.segment(node))
        elif value is None or value is Ellipsis:
            if not self.policy.subscripts:   # None and ... are for indexing and keyword defaults
                raise self.refuse(node)
        elif isinstance(value, str):
            if not self.policy.strings:
                raise self.error("Only numbers are allowed here, not {code}", node, code=self.source.segment(node))
        elif not isinstance(value, self.policy.literal_types):
            raise self.error("Only numbers are allowed here, not {code}", node, code=self.source.segment(node))
        try:
            return Const(check_number(value))
        except OverflowError:
            raise self.error("The number {code} is too large", node, code=self.source.segment(node)) from None

    def _Name(self, node: ast.Name) -> Compiled:
        name = node.id
        if name.startswith("_"):
            raise self.error("Names starting with an underscore are not allowed: {name}", node, name=name)
        if self.policy.variables is not None:
            if name in self.policy.variables:
                return lambda env: env[name]
            if name in self.policy.names:
                return Const(self.policy.names[name])
            raise self.error("Unknown name {name}; use {allowed}", node, name=name,
                             allowed=self.policy.allowed_names())
        if name in self.policy.names:
            # A built-in unless the program has assigned its own variable of that name (refused).
            return Const(self.policy.names[name])

        def load(env: Env) -> Any:
            try:
                return env[name]
            except KeyError:
                raise self.error("{name} is not defined yet", node, name=name) from None
        return load

    # Operators -------------------------------------------------------------------------------
    def _UnaryOp(self, node: ast.UnaryOp) -> Compiled:
        if type(node.op) not in self.policy.unary_ops:
            raise self.refuse(node)
        operand = self.expression(node.operand)
        op_fn = UNARY[type(node.op)]
        inner = _as_thunk(operand)
        return self.fold(node, lambda env: op_fn(inner(env)), [operand])

    def _BinOp(self, node: ast.BinOp) -> Compiled:
        op = type(node.op)
        if op not in self.policy.binary_ops:
            raise self.refuse(node)
        left, right = self.expression(node.left), self.expression(node.right)
        lf, rf = _as_thunk(left), _as_thunk(right)
        if self.policy.tensors_at_run_time and not (isinstance(left, Const) and isinstance(right, Const)):
            # Surfaces: anything not folded involves a variable, which is a tensor when the code
            # runs: elementwise, nothing to size, so the operator is called straight away.
            op_fn = BINARY[op]
            return self.guarded(node, lambda env: op_fn(lf(env), rf(env)))
        binary = self.policy.binary
        return self.fold(node, lambda env: binary(op, lf(env), rf(env)), [left, right])

    def _Compare(self, node: ast.Compare) -> Compiled:
        if not self.policy.compare_ops or any(type(op) not in self.policy.compare_ops for op in node.ops):
            raise self.refuse(node)
        parts = [self.expression(node.left)] + [self.expression(c) for c in node.comparators]
        thunks = [_as_thunk(p) for p in parts]
        ops = [type(op) for op in node.ops]
        policy = self.policy

        def compare(env: Env) -> Any:
            left = thunks[0](env)
            result = None
            for op, right_thunk in zip(ops, thunks[1:]):
                right = right_thunk(env)
                step = policy.compare(op, left, right)
                result = step if result is None else result & step
                left = right
            return result
        return self.fold(node, compare, parts)

    # Calls and attributes ------------------------------------------------------------------------
    def _Attribute(self, node: ast.Attribute) -> Compiled:
        name = node.attr
        if name.startswith("_"):
            raise self.error("Names starting with an underscore are not allowed: {name}", node, name=name)
        owner = self.expression(node.value)
        if isinstance(owner, Const) and isinstance(owner.value, Namespace):
            space = owner.value
            if name not in space.members:
                raise self.error("{name} is not available here", node, name=f"{space.name}.{name}")
            return Const(space.members[name])
        if isinstance(owner, Const) and not self.policy.attribute_of_constants:
            raise self.refuse(node)
        get = _as_thunk(owner)
        attribute = self.policy.attribute
        code = self.source.segment(node.value, 20)

        def load(env: Env) -> Any:
            obj = get(env)
            if isinstance(obj, Namespace):
                if name in obj.members:
                    return obj.members[name]
                raise self.error("{name} is not available here", node, name=f"{obj.name}.{name}")
            try:
                return attribute(obj, name)
            except AttributeError:
                raise self.error("{name} has no attribute {attribute} that can be used here", node,
                                 name=code, attribute=name) from None
        if not self.policy.runtime_attributes:
            raise self.refuse(node)
        return self.guarded(node, load)

    def _Call(self, node: ast.Call) -> Compiled:
        if node.keywords and not self.policy.keywords:
            raise self.error("Keyword arguments are not allowed here", node.keywords[0].value)
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise self.refuse(arg)
        for kw in node.keywords:
            if kw.arg is None:
                raise self.refuse(kw.value)
            if kw.arg.startswith("_"):
                raise self.error("Names starting with an underscore are not allowed: {name}", kw.value, name=kw.arg)
        func = self.expression(node.func)
        if isinstance(func, Const) and not self.policy.callable_allowed(func.value):
            raise self.error("{code} cannot be called", node.func, code=self.source.segment(node.func))
        args = [self.expression(a) for a in node.args]
        kwargs = {kw.arg: self.expression(kw.value) for kw in node.keywords}
        get_func = _as_thunk(func)
        arg_thunks = [_as_thunk(a) for a in args]
        kw_thunks = [(k, _as_thunk(v)) for k, v in kwargs.items()]
        policy = self.policy
        func_node = node.func

        def call(env: Env) -> Any:
            fn = get_func(env)
            if not policy.callable_allowed(fn):
                raise self.error("{code} cannot be called", func_node, code=self.source.segment(func_node))
            return policy.call(fn, [a(env) for a in arg_thunks], {k: v(env) for k, v in kw_thunks})

        parts = [func, *args, *kwargs.values()]
        if isinstance(func, Const) and policy.pure(func.value):
            return self.fold(node, call, parts)
        return self.guarded(node, call)

    # Collections and indexing ------------------------------------------------------------------------
    def _sequence(self, node: ast.List | ast.Tuple, kind: type) -> Compiled:
        if not self.policy.collections or not isinstance(node.ctx, ast.Load):
            raise self.refuse(node)
        items = []
        for element in node.elts:
            if isinstance(element, ast.Starred):
                raise self.refuse(element)
            items.append(self.expression(element))
        thunks = [_as_thunk(i) for i in items]
        # [b, b, b] where b holds a million items is three million to print: sized when built.
        if kind is list:   # a fresh list each time: a list is mutable, never shared between runs
            return self.guarded(node, lambda env: check_items([t(env) for t in thunks]))
        return self.fold(node, lambda env: check_items(tuple(t(env) for t in thunks)), items)

    def _List(self, node: ast.List) -> Compiled:
        return self._sequence(node, list)

    def _Tuple(self, node: ast.Tuple) -> Compiled:
        return self._sequence(node, tuple)

    def _Slice(self, node: ast.Slice) -> Compiled:
        if not self.policy.subscripts:
            raise self.refuse(node)
        parts = [self.expression(p) if p is not None else Const(None) for p in (node.lower, node.upper, node.step)]
        lo, hi, st = (_as_thunk(p) for p in parts)
        return self.fold(node, lambda env: slice(lo(env), hi(env), st(env)), parts)

    def _Subscript(self, node: ast.Subscript) -> Compiled:
        if not self.policy.subscripts or not isinstance(node.ctx, ast.Load):
            raise self.refuse(node)
        obj, index = _as_thunk(self.expression(node.value)), self.index(node.slice)
        policy = self.policy
        return self.guarded(node, lambda env: policy.subscript(obj(env), index(env)))

    def index(self, node: ast.AST) -> Thunk:
        """The inside of x[...]: a tuple of slices is built without the tuple-literal check."""
        if isinstance(node, ast.Tuple):
            parts = [self.thunk(e) for e in node.elts]
            return lambda env: tuple(p(env) for p in parts)
        return self.thunk(node)

    # Statements (programs only) ------------------------------------------------------------------
    def statement(self, node: ast.stmt) -> Callable[[Env], Any]:
        """A statement as a closure; it returns the value of an expression statement, else None."""
        if isinstance(node, ast.Expr):
            return self.thunk(node.value)
        if isinstance(node, ast.Assign):
            value = self.thunk(node.value)
            stores = [self.target(t) for t in node.targets]

            def assign(env: Env) -> None:
                result = value(env)
                for store in stores:
                    store(env, result)
            return assign
        if isinstance(node, ast.AugAssign) and isinstance(node.target, (ast.Name, ast.Subscript)):
            return self.augmented(node)
        raise self.refuse(node)

    def target(self, node: ast.AST) -> Callable[[Env, Any], None]:
        if isinstance(node, ast.Name):
            name = node.id
            if name.startswith("_"):
                raise self.error("Names starting with an underscore are not allowed: {name}", node, name=name)
            if name in self.policy.names:
                raise self.error("{name} cannot be assigned to: it is a built-in name", node, name=name)

            def store(env: Env, value: Any) -> None:
                env[name] = value
            return store
        if isinstance(node, (ast.Tuple, ast.List)):
            if any(isinstance(e, ast.Starred) for e in node.elts):
                raise self.refuse(node)
            stores = [self.target(e) for e in node.elts]

            def unpack(env: Env, value: Any) -> None:
                try:
                    items = list(value) if isinstance(value, (list, tuple)) or self.policy.unpackable(value) else None
                except TypeError:
                    items = None
                if items is None or len(items) != len(stores):
                    raise self.error("Cannot unpack {count} values into {targets} names", node,
                                     count="?" if items is None else len(items), targets=len(stores))
                for store, item in zip(stores, items):
                    store(env, item)
            return unpack
        if isinstance(node, ast.Subscript) and self.policy.subscripts:
            obj, index = self.thunk(node.value), self.index(node.slice)
            policy = self.policy

            def set_item(env: Env, value: Any) -> None:
                try:
                    policy.set_item(obj(env), index(env), value)
                except EvalError:
                    raise
                except Exception as exc:   # noqa: BLE001 -- any failure of typed code is reported at its place
                    raise self.failure(node, exc) from None
            return set_item
        raise self.refuse(node)

    def augmented(self, node: ast.AugAssign) -> Callable[[Env], None]:
        op = type(node.op)
        if op not in self.policy.binary_ops:
            raise self.refuse(node)
        load_node = ast.copy_location(type(node.target)(**{**_fields(node.target), "ctx": ast.Load()}), node.target)
        current = self.thunk(load_node)
        value = self.thunk(node.value)
        store = self.target(node.target)
        policy = self.policy

        def update(env: Env) -> None:
            try:
                result = policy.in_place(op, current(env), value(env))
            except EvalError:
                raise
            except Exception as exc:   # noqa: BLE001 -- any failure of typed code is reported at its place
                raise self.failure(node, exc) from None
            store(env, result)
        return update


_STATEMENT_TYPES = (ast.stmt,)


def _fields(node: ast.AST) -> dict:
    return {name: getattr(node, name) for name in node._fields}


def _as_thunk(compiled: Compiled) -> Thunk:
    if isinstance(compiled, Const):
        value = compiled.value
        return lambda env: value
    return compiled


# Attributes the base policy leaves off; the program policy turns them on.
Policy.runtime_attributes = False
Policy.attribute_of_constants = False


def parse(text: str, policy: Policy, mode: str) -> tuple[ast.AST, Source]:
    """Parse `text` and check its size and depth before anything is compiled."""
    source = Source(text)
    if len(text) > policy.max_text:
        raise source.error("The text is too long: {count} characters, at most {limit}", None,
                           count=f"{len(text):,}", limit=f"{policy.max_text:,}")
    if not text.strip():
        raise source.error("Type an expression, for example {example}", None, example=policy.example)
    try:
        tree = ast.parse(text if mode == "exec" else text.strip(), mode=mode)
    except SyntaxError as exc:
        line = exc.lineno or 1
        column = exc.offset or 1
        detail = (exc.msg or "invalid syntax").split(" (")[0]
        if mode == "eval":   # parsed stripped: put the column back where the user sees it
            column += len(text) - len(text.lstrip())
        raise EvalError("This is not valid Python: {detail}", line, column, source.multiline, detail=detail) from None
    except (RecursionError, MemoryError, ValueError):
        raise source.error("The expression is nested too deeply", None) from None
    _check_depth(tree, source)
    return tree, source


def _check_depth(tree: ast.AST, source: Source) -> None:
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise source.error("The expression is nested too deeply", node)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))


# --- typed surfaces f(x, y) -----------------------------------------------------------------------

SURFACE_FUNCTIONS = (
    "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "exp", "expm1",
    "log", "log1p", "log2", "log10", "sqrt", "abs", "sigmoid", "square", "erf", "atan2", "hypot",
    "pow", "maximum", "minimum",
)


def _numbers_as_tensors(fn: Callable) -> Callable:
    """torch.sin(2.0) refuses a Python number; a typed sin(2) should just work."""
    def apply(*args: Any) -> torch.Tensor:
        return fn(*(a if isinstance(a, torch.Tensor) else torch.tensor(float(a), dtype=torch.float64)
                    for a in args))
    apply.__name__ = fn.__name__
    return apply


def surface_names() -> dict[str, Any]:
    functions = {name: _numbers_as_tensors(getattr(torch, name)) for name in SURFACE_FUNCTIONS}
    constants = {"pi": math.pi, "e": math.e}
    torch_space = Namespace("torch", {**functions, **constants})
    return {**functions, **constants, "torch": torch_space}


class SurfacePolicy(Policy):
    """A surface f(x, y): numbers, the variables, + - * / **, and elementwise torch functions."""

    tensors_at_run_time = True

    def __init__(self, variables: tuple[str, ...]) -> None:
        super().__init__(surface_names(), variables)

    def allowed_names(self) -> str:
        return ", ".join([*self.variables, "pi", "e", "sin(...)", "exp(...)", "sqrt(...)", "…"])

    def binary(self, op: type, left: Any, right: Any) -> Any:
        return arithmetic(op, left, right)


_FALSE = {torch.device("cpu"): torch.zeros((), dtype=torch.bool)}


def _false_on(device: torch.device) -> torch.Tensor:
    if device not in _FALSE:
        _FALSE[device] = torch.zeros((), dtype=torch.bool, device=device)
    return _FALSE[device]


def _refuse_bare_functions(tree: ast.Expression, policy: Policy, source: Source) -> None:
    """`sin + x` or `torch.exp * y`: a function used as a value is a typo, caught before any call."""
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    owners = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    for node in ast.walk(tree):
        if id(node) in called or id(node) in owners:
            continue
        value = None
        if isinstance(node, ast.Name) and node.id not in policy.variables:
            value = policy.names.get(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "torch":
            value = policy.names["torch"].members.get(node.attr)
        if callable(value) or isinstance(value, Namespace):
            code = source.segment(node)
            if isinstance(value, Namespace):
                raise source.error("{code} is a module: use one of its functions, as in {example}", node,
                                   code=code, example=f"{code}.sin({policy.variables[0]})")
            raise source.error("{code} is a function: call it, as in {example}", node, code=code,
                               example=f"{code}({policy.variables[0]})")


def compile_expression(text: str, variables: tuple[str, ...] = ("x", "y")) -> Callable[..., torch.Tensor]:
    """Compile a typed formula such as `sin(x) * exp(-y**2)` into a fast differentiable function.

    The function takes one tensor per name in `variables`, in that order, and returns a tensor
    of their broadcast shape, with a gradient path to each of them (zero where one is unused).
    Raises EvalError (an InputError) with the column of anything not allowed.
    """
    for name in variables:
        if not name.isidentifier() or name.startswith("_"):
            raise ValueError(f"not a variable name: {name!r}")
    policy = SurfacePolicy(tuple(variables))
    tree, source = parse(text, policy, "eval")
    _refuse_bare_functions(tree, policy, source)
    compiled = Interpreter(policy, source).expression(tree.body)
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    unused = [i for i, name in enumerate(variables) if name not in used]
    if isinstance(compiled, Const) and not isinstance(compiled.value, (int, float, torch.Tensor)):
        raise source.error("{code} is not allowed here", tree.body, code=source.segment(tree.body))
    if isinstance(compiled, Const) and type(compiled.value) is int and not -2**63 <= compiled.value < 2**63:
        # torch.where cannot take an int beyond int64 (2**95): as in `x + 2**95`, it is too large.
        raise source.error("The number {code} is too large", tree.body, code=source.segment(tree.body))
    body = _as_thunk(compiled)
    names = tuple(variables)

    def surface(*values: torch.Tensor) -> torch.Tensor:
        if len(values) != len(names):
            raise TypeError(f"expected {len(names)} tensors ({', '.join(names)}), got {len(values)}")
        # Plain numbers become tensors: every value the compiled code meets at run time is one.
        values = tuple(v if isinstance(v, torch.Tensor) else torch.as_tensor(v, dtype=torch.float64) for v in values)
        result = body(dict(zip(names, values)))
        # Unused inputs (and constants) still shape the result and get a zero gradient:
        # where() with an all-false condition passes `result` through exactly, even next to inf.
        for i in unused:
            result = torch.where(_false_on(values[i].device), values[i], result)
        return result

    surface.expression = text
    surface.variables = names
    return surface
