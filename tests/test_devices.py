import pytest
import torch

from app import devices


def test_offers_only_what_torch_reports():
    keys = [o.key for o in devices.available()]
    assert keys[:2] == ["auto", "cpu"]
    assert any(k.startswith("cuda") for k in keys) == torch.cuda.is_available()
    assert len([k for k in keys if k.startswith("cuda")]) == (torch.cuda.device_count()
                                                              if torch.cuda.is_available() else 0)


def test_resolve():
    assert devices.resolve("cpu") == torch.device("cpu")
    assert devices.resolve("CPU") == torch.device("cpu")
    expected = "cuda" if torch.cuda.is_available() else None
    assert devices.resolve("auto").type == (expected or devices.resolve("auto").type)
    if not torch.cuda.is_available():
        with pytest.raises(ValueError, match="not available"):
            devices.resolve("cuda:0")
    with pytest.raises(ValueError, match="choose one of"):
        devices.resolve("tpu")


def test_describe_and_dtype():
    assert devices.describe("cpu") == "CPU"
    assert devices.float_dtype("cpu") == torch.float64
    assert devices.float_dtype("mps") == torch.float32
