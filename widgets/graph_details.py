"""What the autograd tab says about a clicked node: its saved tensors, its gradient, and what it is."""

from __future__ import annotations

import html

from app.autograd_graph import AutogradGraph, GraphNode
from app.backprop import fmt
from widgets.i18n import tr


def tensor_text(values: object) -> str:
    """Nested lists as rows of numbers with 6 significant digits."""
    if isinstance(values, (int, float)):
        return fmt(float(values))
    if isinstance(values, list) and values and isinstance(values[0], list):
        return "\n".join(tensor_text(row) for row in values)
    if isinstance(values, list):
        return "[" + ", ".join(fmt(float(v)) for v in values) + "]"
    return str(values)


def _pre(text: str) -> str:
    return f"<pre>{html.escape(text)}</pre>"


def overview(zeroed: bool) -> str:
    """Shown before a node is clicked."""
    parts = [
        tr("Each box is a node autograd recorded during the forward pass: the tensor's grad_fn. "
           "backward() starts at the top (E.grad_fn) with gradient 1 and follows next_functions down "
           "to the leaves."),
        tr("Green boxes are AccumulateGrad leaves: tensors created with requires_grad=True (the weights "
           "and biases of nn.Linear, and the input x here). Their gradient is added into .grad."),
        tr("The step runs backward(retain_graph=True) so the saved tensors can still be shown; a plain "
           "backward() frees them once it has used them."),
        tr("Gradients are zeroed before each step (optimizer.zero_grad()).") if zeroed else
        tr("Gradients are NOT zeroed: each Apply update adds this step's gradients to the old .grad, "
           "as PyTorch does when zero_grad() is forgotten."),
        tr("Click a node to see its saved tensors and its gradient."),
    ]
    return "".join(f"<p>{html.escape(p)}</p>" for p in parts)


def describe(graph: AutogradGraph, node: GraphNode, zeroed: bool) -> str:
    """Rich text for one node."""
    out = [f"<h3>{html.escape(node.name)}{' — ' + html.escape(node.leaf) if node.leaf else ''}</h3>"]
    if node.is_leaf:
        out.append("<p>" + html.escape(tr(
            "A leaf tensor (is_leaf=True, requires_grad=True): nothing computed it, so backward() stops "
            "here and accumulates the gradient into its .grad.")) + "</p>")
        out.append(f"<p><b>{html.escape(tr('Value'))}</b></p>" + _pre(tensor_text(node.tensor)))
        out.append("<p><b>.grad</b></p>" + _pre(tensor_text(node.grad)))
        if not zeroed and node.leaf != "x":
            out.append("<p>" + html.escape(tr("Not zeroed: this .grad includes the gradients of earlier steps.")) + "</p>")
        return "".join(out)
    if node.id == graph.root:
        out.append("<p>" + html.escape(tr("The root: E.grad_fn. backward() starts here with ∂E/∂E = 1.")) + "</p>")
    else:
        out.append("<p>" + html.escape(tr(
            "A grad_fn node: it receives the gradient with respect to its output and passes gradients to "
            "its next_functions by its local derivative.")) + "</p>")
    if node.grad is not None:
        out.append(f"<p><b>{html.escape(tr('Gradient flowing in (∂E/∂output)'))}</b></p>" + _pre(tensor_text(node.grad)))
    if node.saved:
        out.append(f"<p><b>{html.escape(tr('Saved in the forward pass (retain_graph=True keeps them)'))}</b></p>")
        for saved in node.saved:
            body = tensor_text(saved.values) if saved.values is not None else str(saved.shape)
            out.append(f"<p><code>_saved_{html.escape(saved.name)}</code></p>" + _pre(body))
    else:
        out.append("<p>" + html.escape(tr("It saved no tensors: its local derivative needs none.")) + "</p>")
    return "".join(out)
