"""The training run as a student would type it: seed, data, model, loss, optimizer, loop.

The script is self-contained (torch only; the dataset's own generator is printed into it) and
reproduces the panel's run: the same points, initial weights, batches and losses.
"""

from __future__ import annotations

from app import datasets, network, optimizers, training


def model_code(spec: network.NetworkSpec) -> str:
    """The model twice: as nn.Sequential and as an nn.Module subclass."""
    # The imports first: copied whole into a file, the view's text runs from its first line.
    return (f"import torch\nfrom torch import nn\n\n# As nn.Sequential\n{network.module_code(spec)}\n\n"
            f"# The same network as an nn.Module subclass\n{network.module_class_code(spec)}\n\n"
            f"# model = Net()   # same layers, same parameter shapes\n")


def script(config: training.TrainConfig, epochs: int = 100) -> str:
    """A Python script that trains `config`'s network for `epochs` epochs and prints its losses."""
    config = training.check(config)
    data = config.data
    info = datasets.get(data.name)
    dataset = datasets.make(data)
    spec = network.NetworkSpec(training.layer_sizes(config, dataset), training.activations_of(config),
                               config.loss, (), (), (), (), 0.0)
    n_test = round(data.samples * data.test_fraction)
    if config.loss == "cross_entropy":
        labels = "y[train].long()", "y[test].long()"
    else:
        labels = "y[train].float().reshape(-1, 1)", "y[test].float().reshape(-1, 1)"
    opt = optimizers.get(config.optimizer)
    lines = [
        "import math",
        "",
        "import torch",
        "from torch import nn",
        "",
        f"SEED = {config.seed}",
        f"EPOCHS = {epochs}",
        "",
        f"# The data: {info.label}, {data.samples} points, noise {data.noise:g}",
        datasets.generator_source(data.name).rstrip(),
        "",
        "",
        "g = torch.Generator().manual_seed(SEED)",
        f"x, y = {info.make.__name__}({data.samples}, {data.noise!r}, g)",
        f"order = torch.randperm({data.samples}, generator=g)",
        f"test, train = order[:{n_test}], order[{n_test}:]   # {data.test_fraction:.0%} held out for testing",
        f"x_train, y_train = x[train], {labels[0]}",
        f"x_test, y_test = x[test], {labels[1]}",
        "",
        "# The model: nn.Linear draws its initial weights from torch's generator",
        "torch.manual_seed(SEED)",
        network.module_code(spec),
        f"loss_fn = {training.LOSS_MODULES[config.loss]}",
        f"optimizer = torch.optim.{opt.cls.__name__}(model.parameters(), lr={config.lr!r})",
        "",
        "shuffle = torch.Generator().manual_seed(SEED)",
        f"batch_size = {config.batch_size}",
        "for epoch in range(1, EPOCHS + 1):",
        "    model.train()",
        "    perm = torch.randperm(len(x_train), generator=shuffle)",
        "    for i in range(0, len(x_train), batch_size):",
        "        idx = perm[i:i + batch_size]",
    ]
    if opt.needs_closure:
        lines += [
            "",
            "        def closure():",
            "            optimizer.zero_grad()",
            "            loss = loss_fn(model(x_train[idx]), y_train[idx])",
            "            loss.backward()",
            "            return loss",
            "",
            "        optimizer.step(closure)   # L-BFGS evaluates the loss several times per step",
        ]
    else:
        lines += [
            "        optimizer.zero_grad()",
            "        loss = loss_fn(model(x_train[idx]), y_train[idx])",
            "        loss.backward()",
            "        optimizer.step()",
        ]
    lines += [
        "    model.eval()",
        "    with torch.no_grad():",
        "        train_loss = loss_fn(model(x_train), y_train).item()",
        "        out = model(x_test)",
        "        test_loss = loss_fn(out, y_test).item()",
    ]
    kind = info.kind
    if kind == datasets.REGRESSION:
        lines.append('    print(f"epoch {epoch}: train loss {train_loss:.6f}, test loss {test_loss:.6f}")')
        lines += ["", "w, b = model[0].weight.item(), model[0].bias.item()   # with no hidden layer: y = w·x + b",
                  'print(f"w = {w:.3f}, b = {b:.3f}")'] if not config.hidden else []
    else:
        predicted = "out.argmax(dim=1)" if kind == datasets.MULTICLASS else "(out > 0.5).float()"
        lines += [
            f"        accuracy = ({predicted} == y_test).float().mean().item()",
            ('    print(f"epoch {epoch}: train loss {train_loss:.6f}, test loss {test_loss:.6f}, '
             'accuracy {accuracy:.1%}")'),
        ]
    lines += ["", "# Save the weights (the safe way: a state_dict, loaded with weights_only=True)",
              '# torch.save(model.state_dict(), "model.pt")',
              '# model.load_state_dict(torch.load("model.pt", weights_only=True))']
    return "\n".join(lines) + "\n"
