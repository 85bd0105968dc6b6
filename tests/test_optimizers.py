"""The optimizer catalog: torch's own defaults, checked values, and optimizers for any parameters."""

from __future__ import annotations

import pytest
import torch

from app import optimizers
from tests.conftest import assert_one_line_input_error


@pytest.mark.parametrize("name", list(optimizers.OPTIMIZERS))
def test_defaults_are_torchs(name):
    spec = optimizers.get(name)
    built = spec.cls([torch.zeros(2, requires_grad=True)])
    for key, value in spec.defaults().items():
        assert built.defaults[key] == value, key


@pytest.mark.parametrize("name", list(optimizers.OPTIMIZERS))
def test_builds_for_any_parameter_shape(name):
    """One (N, 2) tensor of points (the basins runner) steps like N separate points would."""
    spec = optimizers.get(name)
    points = torch.tensor([[-4.0, 0.0], [1.0, 2.0], [0.5, -3.0]], requires_grad=True)
    optimizer = spec.build([points], {"lr": 0.01})

    def closure():
        optimizer.zero_grad()
        loss = (points ** 2).sum()
        loss.backward()
        return loss

    optimizer.step(closure)   # every torch.optim optimizer accepts a closure
    assert points.shape == (3, 2) and torch.isfinite(points).all()
    assert optimizer.param_groups[0]["lr"] == 0.01


def test_every_entry_is_a_torch_optimizer_with_its_hyperparameters():
    for spec in optimizers.OPTIMIZERS.values():
        assert issubclass(spec.cls, torch.optim.Optimizer)
        assert spec.hypers[0].name == "lr"
        assert {h.kind for h in spec.hypers} <= {"float", "bool", "tuple", "int"}
    assert optimizers.get("SGD").hyper("nesterov").kind == "bool"
    assert optimizers.get("adam").hyper("betas").kind == "tuple"
    assert {"sgd", "adagrad", "rmsprop", "adadelta", "adam", "adamw", "adamax", "nadam", "radam",
            "lbfgs"} == set(optimizers.OPTIMIZERS)


def test_settings_convert_typed_values():
    spec = optimizers.get("adam")
    settings = spec.settings({"lr": "0.01", "betas": "0.8,0.99", "amsgrad": True})
    assert settings["lr"] == 0.01 and settings["betas"] == (0.8, 0.99) and settings["amsgrad"] is True
    assert settings["eps"] == 1e-8


@pytest.mark.parametrize(("name", "values", "fragment"), [
    ("adam", {"momentum": 0.9}, "Adam has no hyperparameter 'momentum'"),
    ("sgd", {"lr": 0}, "lr of SGD must be in (0, 10]"),
    ("sgd", {"lr": "fast"}, "must be a number"),
    ("adam", {"betas": "0.9"}, "two numbers"),
    ("adam", {"betas": (0.9, 1.5)}, "betas of Adam must be in"),
    ("sgd", {"nesterov": True}, "Nesterov momentum needs momentum > 0"),
    ("sgd", {"nesterov": "yes"}, "must be true or false"),
    ("lbfgs", {"max_iter": 2.5}, "whole number"),
])
def test_bad_values_are_one_line_input_errors(name, values, fragment):
    assert_one_line_input_error(lambda: optimizers.get(name).settings(values), fragment)


def test_unknown_optimizer_lists_the_names():
    assert_one_line_input_error(lambda: optimizers.get("adamm"), "choose one of: sgd, adagrad")


def test_catalog_strings_cover_labels_and_help():
    strings = optimizers.catalog_strings()
    assert "learning rate" in strings and "Adam" in strings and len(strings) == len(set(strings))
