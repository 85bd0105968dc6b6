"""The same training step done by torch.autograd, and the graph it builds.

`run(spec)` builds the spec's nn.Sequential, runs the forward pass on a batch of one, walks the
graph from the loss's grad_fn through `next_functions` (grad_fn nodes, AccumulateGrad leaves
holding the parameters), records each node's saved tensors and the gradient that flowed through
it, and takes the SGD step with torch.optim.SGD. `Check.compare` holds that against the chain
rule of app/backprop.py. `layered_layout` places the graph's nodes in rows for drawing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import torch

from app.network import IDENTITY, NetworkSpec, build_module, loss_value

MAX_SAVED_VALUES = 256   # a saved tensor bigger than this is listed by its shape only
TOLERANCE = {"float64": 1e-6, "float32": 1e-4}


@dataclass(frozen=True)
class SavedValue:
    name: str                   # the grad_fn attribute without "_saved_": "result", "mat2", ...
    shape: tuple[int, ...]      # () for a plain number
    values: object              # nested lists of floats, a number, or None when too big


@dataclass(frozen=True)
class GraphNode:
    id: int
    name: str                          # type(grad_fn).__name__: "AddmmBackward0", "AccumulateGrad"
    leaf: str = ""                     # for AccumulateGrad: the parameter's name, "0.weight", or "x"
    tag: tuple[int, str] | None = None  # (layer, "linear" | "activation" | "loss" | "weight" | "bias" | "input")
    saved: tuple[SavedValue, ...] = ()
    tensor: object = None              # a leaf's value
    grad: object = None                # the gradient with respect to the node's output (a leaf: its .grad)
    shape: tuple[int, ...] = ()

    @property
    def is_leaf(self) -> bool:
        return self.name == "AccumulateGrad"


@dataclass(frozen=True)
class AutogradGraph:
    nodes: tuple[GraphNode, ...]
    edges: tuple[tuple[int, int], ...]   # (node, next function): the direction backward() runs
    root: int

    def node(self, node_id: int) -> GraphNode:
        return next(n for n in self.nodes if n.id == node_id)

    def tagged(self, tags) -> list[int]:
        wanted = set(tags)
        return [n.id for n in self.nodes if n.tag in wanted]


@dataclass(frozen=True)
class Check:
    """Autograd's numbers for one step and how far the chain rule is from them."""

    dtype: str
    reference: Mapping[str, object]
    graph: AutogradGraph
    differences: Mapping[str, float] = field(default_factory=dict)

    @property
    def tolerance(self) -> float:
        return TOLERANCE[self.dtype]

    @property
    def max_difference(self) -> float:
        return max(self.differences.values(), default=float("nan"))

    @property
    def agrees(self) -> bool:
        return bool(self.differences) and all(d <= self.tolerance for d in self.differences.values())

    def compare(self, ours: Mapping[str, object]) -> Check:
        """The largest relative difference per quantity: |ours − autograd| / max(1, |autograd|)."""
        diffs = {}
        for key, ref in self.reference.items():
            a, b = _flat(ours[key]), _flat(ref)
            diffs[key] = float(np.max(np.abs(a - b) / np.maximum(1.0, np.abs(b)))) if a.size else 0.0
        return replace(self, differences=diffs)


def _flat(value) -> np.ndarray:
    if isinstance(value, (list, tuple)):
        parts = [_flat(v) for v in value]
        return np.concatenate(parts) if parts else np.zeros(0)
    if isinstance(value, torch.Tensor):
        return value.detach().to("cpu", torch.float64).reshape(-1).numpy()
    return np.asarray([value], dtype=np.float64)


def _plain(t: torch.Tensor) -> object:
    return t.detach().to("cpu", torch.float64).tolist()


def run(spec: NetworkSpec, carried: tuple | None = None, device: torch.device | str = "cpu") -> Check:
    """One training step by autograd and torch.optim.SGD, with the graph it went through."""
    dtype = spec.torch_dtype()
    model = build_module(spec, device)
    names = {id(p): name for name, p in model.named_parameters()}
    x = torch.tensor([spec.input], dtype=dtype, device=device, requires_grad=True)
    target = torch.tensor([spec.target or [0.0] * spec.layers[-1]], dtype=dtype, device=device)
    tags: dict[object, tuple[int, str]] = {}
    zs, acts = [], []
    h = x
    for index, module in enumerate(model):
        h = module(h)
        layer, is_linear = index // 2 + 1, index % 2 == 0
        if is_linear:
            h.retain_grad()
            zs.append(h)
            tags[h.grad_fn] = (layer, "linear")
        else:
            h.retain_grad()
            acts.append(h)
            if spec.activations[layer - 1] != IDENTITY:
                tags[h.grad_fn] = (layer, "activation")
    loss = loss_value(spec.loss, h, target)
    if carried is not None:
        for (k, gw), gb in zip(enumerate(carried[0]), carried[1]):
            model[2 * k].weight.grad = torch.tensor(gw, dtype=dtype, device=device)
            model[2 * k].bias.grad = torch.tensor(gb, dtype=dtype, device=device)
    functions, edges = _walk(loss.grad_fn)
    flowed: dict[int, torch.Tensor] = {}
    handles = [fn.register_hook(_recorder(flowed, id(fn))) for fn in functions if type(fn).__name__ != "AccumulateGrad"]
    loss.backward(retain_graph=True)   # keeps the saved tensors, so a click can still show them
    for handle in handles:
        handle.remove()
    graph = _graph(functions, edges, loss.grad_fn, tags, names, x, flowed, spec)
    reference = {
        "z": [z[0] for z in zs], "a": [a[0] for a in acts], "loss": float(loss.detach()),
        "grad_a": [a.grad[0] for a in acts],
        "grad_z": [z.grad[0] for z in zs],
        "grad_weight": [model[2 * k].weight.grad for k in range(spec.depth)],
        "grad_bias": [model[2 * k].bias.grad for k in range(spec.depth)],
        "grad_input": x.grad[0],
    }
    weights = [model[2 * k].weight for k in range(spec.depth)]
    biases = [model[2 * k].bias for k in range(spec.depth)]
    optimizer = torch.optim.SGD(weights + (biases if spec.update_biases else []), lr=spec.lr)
    optimizer.step()
    reference["new_weight"] = [w.detach().clone() for w in weights]
    reference["new_bias"] = [b.detach().clone() for b in biases]
    return Check(spec.dtype, reference, graph)



def _recorder(flowed: dict, key: int):
    def hook(grad_inputs, grad_outputs):
        if grad_outputs and grad_outputs[0] is not None:
            flowed[key] = grad_outputs[0].detach().clone()
    return hook


def _walk(root) -> tuple[list, list[tuple[int, int]]]:
    """Every grad_fn reachable from `root` (breadth first) and the next_functions edges."""
    seen, order, edges = {id(root): root}, [root], []
    queue = [root]
    while queue:
        fn = queue.pop(0)
        for child, _ in fn.next_functions:
            if child is None:
                continue
            edges.append((id(fn), id(child)))
            if id(child) not in seen:
                seen[id(child)] = child
                order.append(child)
                queue.append(child)
    return order, list(dict.fromkeys(edges))


def _saved_values(fn) -> tuple[SavedValue, ...]:
    out = []
    for attr in sorted(a for a in dir(fn) if a.startswith("_saved_")):
        if attr.endswith(("_sym_sizes", "_sym_strides")):
            continue
        try:
            value = getattr(fn, attr)
        except RuntimeError:   # freed: only if the graph was not retained
            continue
        name = attr[len("_saved_"):]
        if isinstance(value, torch.Tensor):
            shape = tuple(value.shape)
            out.append(SavedValue(name, shape, _plain(value) if value.numel() <= MAX_SAVED_VALUES else None))
        elif isinstance(value, (int, float, bool)):
            out.append(SavedValue(name, (), value))
    return tuple(out)


def _graph(functions, edges, root, tags, names, x, flowed, spec: NetworkSpec) -> AutogradGraph:
    """The graph as plain records; nodes numbered 0, 1, … in the order the walk met them."""
    graph = _graph_by_python_id(functions, edges, root, tags, names, x, flowed)
    number = {fn_id: i for i, fn_id in enumerate(id(fn) for fn in functions)}
    return AutogradGraph(tuple(replace(n, id=number[n.id]) for n in graph.nodes),
                         tuple((number[a], number[b]) for a, b in graph.edges), number[graph.root])


def _graph_by_python_id(functions, edges, root, tags, names, x, flowed) -> AutogradGraph:
    nodes = []
    # TBackward0 (the transpose nn.Linear takes of its weight) belongs with the weight below it.
    below = {src: dst for src, dst in edges}
    leaf_tag = {}
    for fn in functions:
        if type(fn).__name__ == "AccumulateGrad":
            var = fn.variable
            if var is x:
                leaf_tag[id(fn)] = ("x", (0, "input"))
            else:
                name = names.get(id(var), "?")
                layer = int(name.split(".")[0]) // 2 + 1
                leaf_tag[id(fn)] = (name, (layer, "weight" if name.endswith("weight") else "bias"))
    for fn in functions:
        kind = type(fn).__name__
        if kind == "AccumulateGrad":
            name, tag = leaf_tag[id(fn)]
            var = fn.variable
            nodes.append(GraphNode(id(fn), kind, leaf=name, tag=tag, tensor=_plain(var), shape=tuple(var.shape),
                                   grad=_plain(var.grad) if var.grad is not None else None))
            continue
        tag = tags.get(fn)
        if tag is None and id(fn) in below and below[id(fn)] in leaf_tag and kind == "TBackward0":
            tag = leaf_tag[below[id(fn)]][1]
        if tag is None:
            tag = (0, "loss")   # everything else between the output and E computes the loss
        grad = flowed.get(id(fn))
        nodes.append(GraphNode(id(fn), kind, tag=tag, saved=_saved_values(fn),
                               grad=_plain(grad) if grad is not None else None,
                               shape=tuple(grad.shape) if grad is not None else ()))
    return AutogradGraph(tuple(nodes), tuple(edges), id(root))


# --- layout --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Placement:
    row: int       # 0 = the loss at the top; leaves further down
    column: float  # position in its row, 0 … width − 1
    width: int     # how many nodes the row has


def layered_layout(graph: AutogradGraph, sweeps: int = 4) -> dict[int, Placement]:
    """Rows by longest path from the root, then orders within rows by the barycentre of parents.

    The longest path puts each AccumulateGrad leaf just below the last node that uses it, so
    edges point one way (down) and the graph reads like backward() runs: from E to the leaves.
    """
    children: dict[int, list[int]] = {n.id: [] for n in graph.nodes}
    parents: dict[int, list[int]] = {n.id: [] for n in graph.nodes}
    for src, dst in graph.edges:
        children[src].append(dst)
        parents[dst].append(src)
    row = {graph.root: 0}
    for node_id in _topological(graph.root, children, parents):
        for child in children[node_id]:
            row[child] = max(row.get(child, 0), row[node_id] + 1)
    rows: dict[int, list[int]] = {}
    for node in graph.nodes:   # the walk's breadth-first order is a good first guess
        rows.setdefault(row.get(node.id, 0), []).append(node.id)
    for _ in range(sweeps):
        for r in sorted(rows)[1:]:
            position = {n: i for i, n in enumerate(rows[r - 1])}
            current = {n: i for i, n in enumerate(rows[r])}
            rows[r].sort(key=lambda n: _mean([position[p] for p in parents[n] if p in position], current[n]))
    return {n: Placement(r, float(i), len(ids)) for r, ids in rows.items() for i, n in enumerate(ids)}


def _mean(values: list[float], default: float) -> float:
    return sum(values) / len(values) if values else default


def _topological(root: int, children: dict, parents: dict) -> list[int]:
    """Nodes in an order where every node comes after all its parents (Kahn's algorithm)."""
    waiting = {n: len(p) for n, p in parents.items()}
    ready, order = [root], []
    while ready:
        node = ready.pop(0)
        order.append(node)
        for child in children[node]:
            waiting[child] -= 1
            if waiting[child] == 0:
                ready.append(child)
    return order


def describe_node(node: GraphNode) -> dict[str, object]:
    """What clicking a node shows, as plain data (the widget formats it)."""
    return {"name": node.name, "leaf": node.leaf, "saved": node.saved, "tensor": node.tensor, "grad": node.grad}
