"""The stepper's chain rule against torch.autograd called directly, and Mazur's published worked example."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from app import activations, autograd_graph, backprop, network, worked_example
from app.network import IDENTITY, NetworkSpec

# --- Matt Mazur, "A Step by Step Backpropagation Example": his published numbers ------------------


@pytest.fixture(scope="module")
def mazur():
    return backprop.step(network.MAZUR)


def test_mazur_forward_pass(mazur):
    hidden, out = mazur.layers
    assert hidden.z[0] == pytest.approx(0.3775, abs=1e-12)              # net_h1
    assert hidden.a[0] == pytest.approx(0.593269992, abs=1e-9)          # out_h1
    assert hidden.a[1] == pytest.approx(0.596884378, abs=1e-9)          # out_h2
    assert out.a[0] == pytest.approx(0.75136507, abs=1e-8)              # out_o1
    assert out.a[1] == pytest.approx(0.772928465, abs=1e-9)             # out_o2
    assert mazur.loss == pytest.approx(0.298371109, abs=1e-9)           # E_total


def test_mazur_backward_pass_and_update(mazur):
    hidden, out = mazur.layers
    assert out.grad_a[0] == pytest.approx(0.74136507, abs=1e-8)         # ∂E/∂out_o1
    assert out.grad_weight[0, 0] == pytest.approx(0.082167041, abs=1e-9)  # ∂E/∂w5
    assert hidden.grad_a[0] == pytest.approx(0.036350306, abs=1e-9)     # ∂E_total/∂out_h1
    assert hidden.grad_weight[0, 0] == pytest.approx(0.000438568, abs=1e-9)  # ∂E/∂w1
    published = {"w5": 0.35891648, "w6": 0.408666186, "w7": 0.511301270, "w8": 0.561370121,
                 "w1": 0.149780716, "w2": 0.19956143, "w3": 0.24975114, "w4": 0.29950229}
    new = np.concatenate([hidden.new_weight.ravel(), out.new_weight.ravel()])
    for k in range(8):
        assert new[k] == pytest.approx(published[f"w{k + 1}"], abs=1e-8)
    # He leaves the biases alone.
    np.testing.assert_array_equal(hidden.new_bias, [0.35, 0.35])
    np.testing.assert_array_equal(out.new_bias, [0.6, 0.6])


def test_mazur_formula_shows_his_numbers(mazur):
    step = next(s for s in mazur.steps if s.kind == "grad_w" and s.layer == 2 and s.unit == 0)
    formula, plugged = step.lines[0]
    assert formula.startswith("∂E/∂w₅ = δ(o₁)·h₁")
    assert plugged == "= 0.741365 · 0.186816 · 0.59327 = 0.082167"
    z = mazur.steps[0]
    assert z.lines[0] == ("z(h₁) = w₁·x₁ + w₂·x₂ + b₁", "= 0.15·0.05 + 0.2·0.1 + 0.35 = 0.3775")


def test_mean_mse_equals_half_sum_for_two_outputs():
    """nn.MSELoss's mean over n = 2 outputs is exactly Mazur's ½ Σ: both reproduce him."""
    mean = backprop.step(network.MAZUR.with_parameters(network.MAZUR.weights, network.MAZUR.biases))
    as_mse = backprop.step(NetworkSpec(**{**network.MAZUR.__dict__, "loss": "mse"}))
    assert as_mse.loss == pytest.approx(mean.loss, abs=1e-15)
    np.testing.assert_allclose(as_mse.layers[0].new_weight, mean.layers[0].new_weight, atol=1e-15)


# --- random networks against autograd --------------------------------------------------------------


def reference(spec: NetworkSpec) -> dict:
    """The same step with torch.autograd and torch's own functions, float64, nothing of ours."""
    d = torch.float64
    x = torch.tensor(spec.input, dtype=d, requires_grad=True)
    ws = [torch.tensor(w, dtype=d, requires_grad=True) for w in spec.weights]
    bs = [torch.tensor(b, dtype=d, requires_grad=True) for b in spec.biases]
    h, zs, acts = x, [], []
    for w, b, name in zip(ws, bs, spec.activations):
        z = w @ h + b
        z.retain_grad()
        h = z * 1 if name == IDENTITY else getattr(F, name)(z)
        h.retain_grad()
        zs.append(z)
        acts.append(h)
    t = torch.tensor(spec.target or [0.0] * spec.layers[-1], dtype=d)
    loss = {"mse": lambda: F.mse_loss(h, t), "mse_half_sum": lambda: 0.5 * ((t - h) ** 2).sum(),
            "bce": lambda: F.binary_cross_entropy(h, t), "none": lambda: h.sum(),
            "cross_entropy": lambda: F.cross_entropy(h[None], t[None])}[spec.loss]()
    loss.backward()
    return {"loss": loss.item(), "z": zs, "a": acts, "w": ws, "b": bs, "x": x}


def assert_trace_matches(trace, ref, tol=1e-6):
    assert trace.loss == pytest.approx(ref["loss"], abs=tol)
    np.testing.assert_allclose(trace.grad_input, ref["x"].grad.numpy(), atol=tol)
    for lt, z, a, w, b in zip(trace.layers, ref["z"], ref["a"], ref["w"], ref["b"]):
        np.testing.assert_allclose(lt.z, z.detach().numpy(), atol=tol)
        np.testing.assert_allclose(lt.a, a.detach().numpy(), atol=tol)
        np.testing.assert_allclose(lt.grad_a, a.grad.numpy(), atol=tol)
        np.testing.assert_allclose(lt.grad_z, z.grad.numpy(), atol=tol)
        np.testing.assert_allclose(lt.grad_weight, w.grad.numpy(), atol=tol)
        np.testing.assert_allclose(lt.grad_bias, b.grad.numpy(), atol=tol)
        lr = trace.spec.lr
        np.testing.assert_allclose(lt.new_weight, (w - lr * w.grad).detach().numpy(), atol=tol)
        np.testing.assert_allclose(lt.new_bias, (b - lr * b.grad).detach().numpy(), atol=tol)
    assert trace.check.agrees, trace.check.differences


def random_spec(layers, acts, loss, seed, **extra) -> NetworkSpec:
    gen = torch.Generator().manual_seed(seed)
    x = (torch.rand(layers[0], generator=gen, dtype=torch.float64) * 4 - 2).tolist()
    if loss == "cross_entropy":
        target = torch.softmax(torch.randn(layers[-1], generator=gen, dtype=torch.float64), 0).tolist()
    else:
        target = torch.rand(layers[-1], generator=gen, dtype=torch.float64).tolist()
    return network.from_dict({"layers": list(layers), "activation": list(acts), "loss": loss, "seed": seed,
                              "input": x, "target": target, "lr": 0.3, **extra})


SHAPES = [(1, 1), (3, 1), (3, 3), (2, 2, 2), (2, 3, 2), (4, 8, 8, 3), (2, 4, 4, 4, 2), (8, 8, 8, 8, 8)]
LOSSES = ["mse", "mse_half_sum", "bce", "cross_entropy", "none"]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("loss", LOSSES)
def test_every_shape_and_loss_matches_autograd(shape, loss):
    depth = len(shape) - 1
    acts = ["tanh"] * (depth - 1) + (["sigmoid"] if loss == "bce" else [IDENTITY if loss == "cross_entropy" else "tanh"])
    spec = random_spec(shape, acts, loss, seed=len(shape) * 7 + LOSSES.index(loss))
    assert_trace_matches(backprop.step(spec), reference(spec))


@pytest.mark.parametrize("name", network.activation_names())
def test_every_activation_matches_autograd(name):
    for loss in ("mse", "bce"):   # bce takes a sigmoid output; the activation is then the hidden one
        acts = [name, name, "sigmoid" if loss == "bce" else name]
        spec = random_spec((3, 4, 3, 2), acts, loss, seed=5)
        assert_trace_matches(backprop.step(spec), reference(spec))


def test_float32_agrees_within_its_tolerance():
    spec = random_spec((3, 5, 2), ["relu", "sigmoid"], "bce", seed=3, dtype="float32")
    trace = backprop.step(spec)
    assert trace.check.agrees and trace.check.tolerance == 1e-4
    assert_trace_matches(trace, reference(spec), tol=1e-5)


def test_no_loss_starts_backward_from_the_sum():
    spec = random_spec((2, 3), [IDENTITY], "none", seed=1)
    trace = backprop.step(spec)
    np.testing.assert_allclose(trace.layers[0].grad_a, [1.0, 1.0, 1.0])
    # z = W x + b, E = Σ z: ∂E/∂x = column sums of W.
    np.testing.assert_allclose(trace.grad_input, np.asarray(spec.weights[0]).sum(axis=0))


def test_unzeroed_gradients_accumulate_like_pytorch():
    spec = network.MAZUR
    first = backprop.step(spec)
    second = backprop.step(spec, carried=(first.used_weight_grads, first.used_bias_grads))
    for a, b in zip(first.used_weight_grads, second.used_weight_grads):
        np.testing.assert_allclose(b, 2 * a, atol=1e-15)
    # torch: two backward() calls without zero_grad, then one SGD step.
    model = network.build_module(spec)
    x = torch.tensor([spec.input], dtype=torch.float64)
    t = torch.tensor([spec.target], dtype=torch.float64)
    for _ in range(2):
        (0.5 * ((t - model(x)) ** 2).sum()).backward()
    torch.optim.SGD([model[0].weight, model[2].weight], lr=spec.lr).step()
    np.testing.assert_allclose(second.layers[1].new_weight, model[2].weight.detach().numpy(), atol=1e-15)
    assert second.check.agrees
    graph_w = next(n for n in second.check.graph.nodes if n.leaf == "2.weight")
    np.testing.assert_allclose(graph_w.grad, 2 * first.used_weight_grads[1], atol=1e-15)


def test_steps_walk_forward_loss_backward_update_in_order(mazur):
    kinds = [s.kind for s in mazur.steps]
    assert kinds[:8] == ["z", "a"] * 4
    assert kinds[8] == "loss"
    assert kinds[9:21] == ["grad_a", "grad_z", "grad_w"] * 4
    assert kinds[21:] == ["grad_x", "grad_x", "update", "update"]
    backward_layers = [s.layer for s in mazur.steps if s.kind == "grad_z"]
    assert backward_layers == sorted(backward_layers, reverse=True)
    for s in mazur.steps:   # every step's result is the trace's own number
        if s.kind in ("z", "a", "grad_a", "grad_z") and s.layer > 0:
            lt = mazur.layers[s.layer - 1]
            assert s.value == getattr(lt, {"z": "z", "a": "a", "grad_a": "grad_a", "grad_z": "grad_z"}[s.kind])[s.unit]
        assert s.lines and all(p.startswith("=") for _, p in s.lines)


def test_bce_refuses_outputs_outside_zero_one():
    spec = random_spec((2, 2), [IDENTITY], "mse", seed=0)
    bad = NetworkSpec(**{**spec.__dict__, "loss": "bce", "target": (0.0, 1.0),
                         "biases": ((5.0, 5.0),)})
    with pytest.raises(ValueError, match="bce"):
        backprop.step(bad)


def test_loss_history_falls_on_mazur():
    losses = backprop.loss_history(network.MAZUR, 30)
    assert losses[0] == pytest.approx(0.298371109, abs=1e-9)
    assert all(b < a for a, b in itertools.pairwise(losses))


# --- the autograd graph ------------------------------------------------------------------------


def test_graph_has_grad_fns_leaves_and_next_function_edges(mazur):
    graph = mazur.check.graph
    names = [n.name for n in graph.nodes]
    assert names.count("AddmmBackward0") == 2 and names.count("SigmoidBackward0") == 2
    leaves = sorted(n.leaf for n in graph.nodes if n.is_leaf)
    assert leaves == ["0.bias", "0.weight", "2.bias", "2.weight", "x"]
    sigmoid_out = next(n for n in graph.nodes if n.tag == (2, "activation"))
    result = next(s for s in sigmoid_out.saved if s.name == "result")
    np.testing.assert_allclose(np.asarray(result.values)[0], mazur.output, atol=1e-15)
    np.testing.assert_allclose(np.asarray(sigmoid_out.grad)[0], mazur.layers[1].grad_a, atol=1e-15)
    w1 = next(n for n in graph.nodes if n.leaf == "0.weight")
    np.testing.assert_allclose(w1.grad, mazur.layers[0].grad_weight, atol=1e-15)
    assert graph.node(graph.root).tag == (0, "loss")


@pytest.mark.parametrize("shape", [(2, 2, 2), (4, 8, 8, 3), (8, 8, 8, 8, 8)])
def test_layout_points_every_edge_down_without_collisions(shape):
    spec = random_spec(shape, ["relu"] * (len(shape) - 1), "cross_entropy", seed=2)
    graph = backprop.step(spec).check.graph
    places = autograd_graph.layered_layout(graph)
    assert set(places) == {n.id for n in graph.nodes}
    for src, dst in graph.edges:
        assert places[dst].row > places[src].row
    cells = [(p.row, p.column) for p in places.values()]
    assert len(cells) == len(set(cells))
    assert places[graph.root].row == 0


# --- the spec --------------------------------------------------------------------------------------


def test_json_round_trip():
    again = network.from_json(network.MAZUR.to_json())
    assert again == network.MAZUR and again.update_biases is False


@pytest.mark.parametrize("change, field", [
    ({"layers": [2]}, "layers"),
    ({"layers": [2, 0, 2]}, "layers[1]"),
    ({"activation": "swish"}, "activation"),
    ({"activation": ["sigmoid"]}, "activation"),
    ({"loss": "hinge"}, "loss"),
    ({"weights": [[[0.1, 0.2]], [[0.4, 0.45], [0.5, 0.55]]]}, "weights[0]"),
    ({"weights": [[[0.15, 0.2], [0.25]], [[0.4, 0.45], [0.5, 0.55]]]}, "weights[0][1]"),
    ({"biases": [[0.35], [0.6, 0.6]]}, "biases[0]"),
    ({"input": [0.05]}, "input"),
    ({"target": [0.01, "a"]}, "target[1]"),
    ({"lr": -1}, "lr"),
    ({"dtype": "float16"}, "dtype"),
    ({"loss": "bce", "target": [0.5, 2.0]}, "target"),
    ({"loss": "cross_entropy", "target": [0.5, 0.6]}, "target"),
])
def test_bad_spec_names_the_field(change, field):
    from tests.conftest import assert_one_line_input_error
    data = {**network.MAZUR.to_dict(), **change}
    assert_one_line_input_error(lambda: network.from_dict(data), field)


@pytest.mark.parametrize("missing", ["layers", "activation", "loss", "weights", "biases", "input", "target", "lr"])
def test_missing_field_is_named(missing):
    data = network.MAZUR.to_dict()
    del data[missing]
    with pytest.raises(ValueError, match=rf"^{missing} is missing"):
        network.from_dict(data)


def test_cross_entropy_takes_a_class_index():
    data = {**network.MAZUR.to_dict(), "loss": "cross_entropy", "target": 1}
    assert network.from_dict(data).target == (0.0, 1.0)


def test_built_module_is_the_spec():
    spec = random_spec((3, 4, 2), ["leaky_relu", "softplus"], "mse", seed=4)
    model = network.build_module(spec)
    out = model(torch.tensor([spec.input], dtype=torch.float64))[0]
    np.testing.assert_allclose(out.detach().numpy(), backprop.step(spec).output, atol=1e-15)
    assert [type(m).__name__ for m in model] == ["Linear", "LeakyReLU", "Linear", "Softplus"]
    assert "nn.Linear(3, 4)," in network.module_code(spec) and "nn.Softplus()," in network.module_code(spec)


@pytest.mark.parametrize("name", list(activations.ACTIVATIONS))
def test_activation_modules_are_the_catalog_functions(name):
    z = torch.linspace(-3, 3, 13, dtype=torch.float64)
    np.testing.assert_allclose(network.activation_module(name)(z).numpy(), activations.apply(name, z).numpy())


def test_random_weights_follow_nn_linear_bounds_and_the_seed():
    w, b = network.random_parameters((4, 3, 2), seed=11)
    assert (w, b) == network.random_parameters((4, 3, 2), seed=11)
    assert (w, b) != network.random_parameters((4, 3, 2), seed=12)
    assert all(abs(v) <= 0.5 for row in w[0] for v in row) and all(abs(v) <= 1 / 3 ** 0.5 for v in b[1])


@pytest.mark.parametrize("key", ["mazur", *network.PRESETS])
def test_presets_are_valid_specs(key):
    spec = network.preset_spec(key, seed=3)
    assert network.from_json(spec.to_json()) == spec
    assert backprop.step(spec).check.agrees


def test_module_class_code_runs_and_matches_the_sequential(tmp_path):
    import importlib.util
    spec = random_spec((3, 4, 2), ["relu", IDENTITY], "cross_entropy", seed=6)
    source = network.module_class_code(spec)
    path = tmp_path / "generated_net.py"   # as a student would save and import it
    path.write_text("from torch import nn\n\n\n" + source + "\n")
    module_spec = importlib.util.spec_from_file_location("generated_net", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    net = module.Net().double()
    sequential = network.build_module(spec)
    with torch.no_grad():
        net.fc1.weight.copy_(sequential[0].weight)
        net.fc1.bias.copy_(sequential[0].bias)
        net.fc2.weight.copy_(sequential[2].weight)
        net.fc2.bias.copy_(sequential[2].bias)
    x = torch.tensor([spec.input], dtype=torch.float64)
    torch.testing.assert_close(net(x), sequential(x))
    assert "self.act1 = nn.ReLU()" in source and "act2" not in source


def test_parameters_come_back_from_a_trained_module():
    spec = network.MAZUR
    model = network.build_module(spec)
    with torch.no_grad():
        model[2].weight.add_(1.0)
    back = network.parameters_from_module(spec, model)
    assert back.weights[1][0][0] == pytest.approx(1.4) and back.weights[0] == spec.weights[0]
    assert network.from_json(back.to_json()) == back


# --- the panel's toggles and the loss variants, against torch called directly ---------------------


def torch_sgd_steps(spec: NetworkSpec, steps: int, zero_grad: bool, loss_fn) -> torch.nn.Sequential:
    """`steps` SGD steps by torch.optim.SGD on nn.Sequential, float64, with or without zero_grad()."""
    model = network.build_module(spec)
    params = [p for name, p in model.named_parameters() if spec.update_biases or name.endswith("weight")]
    optimizer = torch.optim.SGD(params, lr=spec.lr)
    x = torch.tensor([spec.input], dtype=torch.float64)
    for _ in range(steps):
        if zero_grad:
            optimizer.zero_grad()
        loss_fn(model(x)).backward()
        optimizer.step()
    return model


@pytest.mark.parametrize("update_biases", [True, False])
@pytest.mark.parametrize("zero_grad", [True, False])
def test_repeated_updates_match_torch_sgd(update_biases, zero_grad):
    """What Apply update does three times, with the panel's two toggles, against torch.optim.SGD."""
    spec = random_spec((3, 4, 2), ["tanh", "sigmoid"], "bce", seed=9, update_biases=update_biases)
    t = torch.tensor([spec.target], dtype=torch.float64)
    model = torch_sgd_steps(spec, 3, zero_grad, lambda out: F.binary_cross_entropy(out, t))
    current, carried = spec, None
    for _ in range(3):
        trace = backprop.step(current, carried)
        assert trace.check.agrees
        carried = None if zero_grad else (trace.used_weight_grads, trace.used_bias_grads)
        current = trace.next_spec()
    for k in range(2):
        np.testing.assert_allclose(current.weights[k], model[2 * k].weight.detach().numpy(), atol=1e-12)
        np.testing.assert_allclose(current.biases[k], model[2 * k].bias.detach().numpy(), atol=1e-12)
    if not update_biases:
        assert current.biases == spec.biases


@pytest.mark.parametrize("index", [0, 2])
def test_cross_entropy_with_a_class_index_is_torch_with_that_index(index):
    spec = random_spec((3, 4, 3), ["tanh", IDENTITY], "cross_entropy", seed=2)
    spec = network.from_dict({**spec.to_dict(), "target": index})
    model = network.build_module(spec)
    x = torch.tensor([spec.input], dtype=torch.float64, requires_grad=True)
    loss = F.cross_entropy(model(x), torch.tensor([index]))   # the integer-target form, not ours
    loss.backward()
    trace = backprop.step(spec)
    assert trace.loss == pytest.approx(loss.item(), abs=1e-12)
    np.testing.assert_allclose(trace.grad_input, x.grad[0].numpy(), atol=1e-12)
    for k, lt in enumerate(trace.layers):
        np.testing.assert_allclose(lt.grad_weight, model[2 * k].weight.grad.numpy(), atol=1e-12)
        np.testing.assert_allclose(lt.grad_bias, model[2 * k].bias.grad.numpy(), atol=1e-12)


def test_cross_entropy_with_soft_targets_and_bce_by_hand_derivative():
    """∂E/∂o: softmax(o) − t for soft targets, (o − t) / (o(1 − o)) / n for BCE, as torch computes them."""
    soft = network.from_dict({**random_spec((2, 3), [IDENTITY], "cross_entropy", seed=4).to_dict(),
                              "target": [0.2, 0.5, 0.3]})
    o = torch.tensor(backprop.step(soft).output, dtype=torch.float64, requires_grad=True)
    F.cross_entropy(o[None], torch.tensor([[0.2, 0.5, 0.3]], dtype=torch.float64)).backward()
    np.testing.assert_allclose(backprop.step(soft).layers[-1].grad_a, o.grad.numpy(), atol=1e-15)
    bce = random_spec((2, 3), ["sigmoid"], "bce", seed=4)
    o = torch.tensor(backprop.step(bce).output, dtype=torch.float64, requires_grad=True)
    F.binary_cross_entropy(o, torch.tensor(bce.target, dtype=torch.float64)).backward()
    np.testing.assert_allclose(backprop.step(bce).layers[-1].grad_a, o.grad.numpy(), atol=1e-15)


def test_no_loss_matches_backward_of_the_output_sum_on_an_mlp():
    spec = random_spec((3, 4, 2), ["elu", "tanh"], "none", seed=6)
    model = network.build_module(spec)
    x = torch.tensor([spec.input], dtype=torch.float64, requires_grad=True)
    model(x).sum().backward()
    trace = backprop.step(spec)
    np.testing.assert_allclose(trace.grad_input, x.grad[0].numpy(), atol=1e-14)
    np.testing.assert_allclose(trace.layers[0].grad_weight, model[0].weight.grad.numpy(), atol=1e-14)
    assert trace.spec.target == () and trace.check.agrees


def test_float32_trace_is_torch_float32_to_its_precision():
    spec = random_spec((4, 8, 8, 3), ["relu", "tanh", "sigmoid"], "mse", seed=8, dtype="float32")
    model = network.build_module(spec)   # float32 parameters, as the spec says
    assert model[0].weight.dtype == torch.float32
    x = torch.tensor([spec.input], dtype=torch.float32, requires_grad=True)
    F.mse_loss(model(x), torch.tensor([spec.target], dtype=torch.float32)).backward()
    trace = backprop.step(spec)
    np.testing.assert_allclose(trace.grad_input, x.grad[0].double().numpy(), rtol=1e-5, atol=1e-7)
    for k, lt in enumerate(trace.layers):
        np.testing.assert_allclose(lt.grad_weight, model[2 * k].weight.grad.double().numpy(), rtol=1e-5, atol=1e-7)
    assert trace.check.agrees and trace.check.max_difference < trace.check.tolerance


def test_overflowing_gradients_are_one_line_input_error():
    """A finite loss (0) whose gradients overflow float32: refused by name, never NaN in the output."""
    from tests.conftest import assert_one_line_input_error
    spec = network.from_dict({"layers": [16] * 7, "activation": IDENTITY, "loss": "none", "input": [0.0] * 16,
                              "weights": [[[1e6] * 16] * 16] * 6, "biases": [[0.0] * 16] * 6, "lr": 0.1,
                              "dtype": "float32"})
    assert_one_line_input_error(lambda: backprop.step(spec), "gradients overflow")


def test_mazur_other_weight_uses_his_delta_and_no_negative_zero():
    """Mazur: ∂E/∂w₆ = δ_o1 · out_h2 = 0.138498562 · 0.596884378 = 0.082667628."""
    step = next(s for s in backprop.step(network.MAZUR).steps if s.kind == "grad_w" and s.layer == 2 and s.unit == 0)
    assert step.lines[1] == ("∂E/∂w₆ = δ(o₁)·h₂", "= 0.138499 · 0.596884 = 0.0826676")
    assert backprop.fmt(-0.0) == "0" and backprop.fmt(-1e-9) == "−1e−09"


def test_an_unzeroed_update_says_it_uses_grad_and_shows_the_sum():
    first = backprop.step(network.MAZUR)
    second = backprop.step(network.MAZUR, carried=(first.used_weight_grads, first.used_bias_grads))
    update = next(s for s in second.steps if s.kind == "update" and s.layer == 2)
    (formula, plugged), (formula6, _) = update.lines[:2]
    assert formula.startswith("w₅⁺ = w₅ − η·w₅.grad") and backprop.GRAD_ACCUMULATED in formula
    assert formula6 == "w₆⁺ = w₆ − η·w₆.grad"
    assert plugged == f"= 0.4 − 0.5·{backprop.fmt(2 * first.layers[1].grad_weight[0, 0])} = " \
                      f"{backprop.fmt(second.layers[1].new_weight[0, 0])}"
    assert "η·∂E/∂w₅" in next(s for s in first.steps if s.kind == "update" and s.layer == 2).lines[0][0]
    latex = worked_example.latex(second)
    assert latex.isascii() and r"\text{(.grad not zeroed" in latex
